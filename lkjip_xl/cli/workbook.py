"""CLI commands of the workbook: ``build-workbook``, ``setup-excel``, ``periksa``, ``hitung``.

Thin: parse the arguments, call the builder or an action, print the result.
``periksa`` and ``hitung`` are the headless twins of the ribbon buttons
*Periksa Isian* and *Hitung*.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from lkjip_xl.errors import LkjipError

WorkbookOpt = Annotated[
    Path,
    typer.Option("--workbook", "-w", help="Workbook LKjIP (.xlsm).", show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Cetak hasil sebagai JSON.")]


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, stderr=stderr)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def build_workbook_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File keluaran (.xlsm). Bawaan: workbook/LKjIP_<opd_singkat>.xlsm di folder ini.",
            show_default=False,
        ),
    ] = None,
    profil: Annotated[
        Path | None,
        typer.Option("--profil", help="Profil OPD (JSON). Bawaan: profil Kecamatan Wonoasih."),
    ] = None,
) -> None:
    """Buat workbook LKjIP baru (sheet, rumus, ribbon dan makro) dari kode."""
    import datetime as dt
    import os
    import shutil
    import tempfile

    from lkjip_xl.domain.profile import default_profile, load_profile
    from lkjip_xl.workbook.build import build_workbook
    from lkjip_xl.workspace import Workspace

    profile = load_profile(profil) if profil else default_profile()
    target = out or Path("workbook") / f"LKjIP_{profile.opd_singkat}.xlsm"
    if target.suffix.lower() != ".xlsm":
        raise LkjipError(
            f"Nama file keluaran {target.name} harus berakhiran .xlsm (workbook bermakro)."
        )
    space = Workspace(target)
    if space.is_open_in_excel():
        raise LkjipError(
            f"Workbook {target.name} sedang dibuka di Excel, jadi tidak ditimpa. Tutup dulu "
            "workbook di Excel lalu ulangi perintah."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".~lkjip-build-", suffix=".xlsm", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    backup = None
    try:
        build_workbook(tmp, profile)
        if target.exists():
            space.backups.mkdir(parents=True, exist_ok=True)
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            backup = space.backups / f"{target.stem}_{stamp}{target.suffix}"
            shutil.copy2(target, backup)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    console = _console()
    console.print(f"Workbook dibuat: {target}")
    if backup:
        console.print(f"File lama disalin ke {backup}")


SETUP_STEPS = """\
Perintah ini menyiapkan komputer Windows yang memakai Microsoft Excel. Di Windows (Command
Prompt, dengan Python yang dipakai untuk 'pip install lkjip_xl'):
  lkjip setup-excel --workbook "C:\\LKjIP\\LKjIP_Wonoasih.xlsm"
Perintah itu mencatat lokasi Python komputer ini di %USERPROFILE%\\.xlwings\\xlwings.conf (bukan
di workbook), memeriksa bahwa Python itu dapat memuat xlwings dan lkjip_xl, memeriksa versi
modul xlwings di dalam workbook, dan membuka blokir file (Unblock) yang datang lewat e-mail
atau unduhan. Tidak perlu add-in xlwings dan tidak perlu mengubah Trust Center.
Tanpa Excel, semua tombol tersedia sebagai perintah 'lkjip' (mis. lkjip periksa, lkjip hitung)."""


def setup_excel_command(
    workbook: Annotated[
        Path | None,
        typer.Option("--workbook", "-w", help="Workbook yang diperiksa.", show_default=False),
    ] = None,
    interpreter: Annotated[
        str | None,
        typer.Option(
            "--interpreter",
            help="Lokasi python.exe yang dipakai tombol LKjIP di komputer ini (bawaan: Python "
            "yang menjalankan perintah ini). Disimpan di %USERPROFILE%\\.xlwings\\xlwings.conf.",
        ),
    ] = None,
    server: Annotated[
        bool | None,
        typer.Option(
            "--server/--tanpa-server",
            help="Python tetap berjalan di latar selama Excel terbuka, sehingga klik berikutnya "
            "cepat (tanpa jeda memuat Python). Setelah memperbarui paket, tutup Excel dulu.",
        ),
    ] = None,
) -> None:
    """Siapkan komputer ini untuk workbook LKjIP di Excel dan periksa hasilnya."""
    from lkjip_xl.excel import install
    from lkjip_xl.workbook import xlwings_door as door

    console = _console()
    windows = install.on_windows()
    if not windows and interpreter is None and workbook is None:
        console.print(SETUP_STEPS)
        return
    problems: list[str] = []
    if windows or interpreter is not None:
        python = interpreter or sys.executable
        if windows:
            check = install.check_python(python)
            if not check.ok:
                raise LkjipError(check.pesan)
            import xlwings

            console.print(f"Python {python}: xlwings {check.xlwings}, lkjip_xl {check.lkjip_xl}.")
            if check.xlwings != xlwings.__version__:  # pragma: no cover - Windows only
                problems.append(
                    f"Python itu memakai xlwings {check.xlwings}, perintah ini "
                    f"{xlwings.__version__}."
                )
            if install.xlwings_dll(python, check.xlwings) is None:  # pragma: no cover
                console.print(
                    f"[yellow]Peringatan:[/] xlwings64-{check.xlwings}.dll tidak ada di samping "
                    f"{python}: fungsi LKJIP_… di sel tidak akan berjalan (tombol tetap "
                    f'berjalan). Pasang ulang: "{python}" -m pip install --force-reinstall '
                    f"xlwings=={check.xlwings}"
                )
        conf = install.write_user_interpreter(python)
        console.print(f"Lokasi Python dicatat di {conf} (INTERPRETER_WIN = {python}).")
        if server is not None:
            install.write_user_setting(install.SERVER_KEY, "True" if server else "False")
            console.print(
                "Python di latar (USE UDF SERVER): " + ("aktif." if server else "tidak aktif.")
            )
    if workbook is not None:
        if not workbook.exists():
            raise LkjipError(f"Workbook tidak ditemukan: {workbook}. Periksa nama dan foldernya.")
        wbcheck = install.check_workbook(workbook)
        if wbcheck.embedded is None:
            problems.append(
                f"Workbook {workbook.name} tidak berisi modul xlwings (dibuat oleh versi lama). "
                "Buat workbook baru dengan 'lkjip build-workbook' lalu salin isiannya."
            )
        elif not wbcheck.versions_match:
            problems.append(
                f"Modul xlwings di workbook {workbook.name} versi {wbcheck.embedded}, paket "
                f"xlwings terpasang versi {wbcheck.installed}. Samakan dengan: "
                f"pip install xlwings=={wbcheck.embedded}"
            )
        else:
            console.print(f"Modul xlwings di workbook: {wbcheck.embedded} (sama dengan paket).")
        if wbcheck.conf_problems:
            door.clean_conf_sheet(workbook)
            again = install.check_workbook(workbook).conf_problems
            if again:
                problems.extend(again)
            else:
                console.print("Sheet xlwings.conf dibersihkan dari lokasi Python.")
        if not install.unblock(workbook):  # pragma: no cover - Windows only
            problems.append(
                f"Blokir makro pada {workbook.name} tidak dapat dibuka. Klik kanan file > "
                "Properties > centang Unblock > OK."
            )
    if problems:
        raise LkjipError("Persiapan Excel belum lengkap:\n- " + "\n- ".join(problems))
    console.print(
        "Siap: buka workbook di Excel, klik Enable Content bila diminta, lalu pakai tab LKjIP."
    )


def periksa_command(workbook: WorkbookOpt, as_json: JsonOpt = False) -> None:
    """Periksa semua sheet isian (kolom wajib, angka, tanggal, pilihan) dan daftar Persiapan
    (semua yang diperlukan versi final). Kode keluar 2 bila ada isian yang salah; Persiapan
    yang belum lengkap hanya peringatan (kode keluar 0)."""
    from lkjip_xl.actions.readiness import check_workbook, validate_workbook
    from lkjip_xl.workbook.gateway import open_workbook

    with open_workbook(workbook) as gw:
        if as_json:
            problems, warnings, perbedaan = check_workbook(gw)
            _print_json(
                {
                    "masalah": [p.as_json() for p in problems],
                    "peringatan": [w.as_json() for w in warnings],
                    "perbedaan": perbedaan,
                }
            )
            if problems:
                sys.exit(2)  # typer.Exit's code is lost under standalone_mode=False
            return
        result = validate_workbook(gw)
    console = _console()
    console.print(result.pesan)
    for p in result.peringatan:
        console.print(f"  - [bold yellow]Peringatan:[/] {p}")


def hitung_command(workbook: WorkbookOpt, as_json: JsonOpt = False) -> None:
    """Hitung IKM, Nilai SAKIP dan capaian dari isian workbook dengan mesin Python."""
    from lkjip_xl.actions.workbook import compute_summary
    from lkjip_xl.workbook.gateway import open_workbook

    with open_workbook(workbook) as gw:
        result = compute_summary(gw)
    if as_json:
        _print_json({**result.data, "peringatan": result.peringatan})
        return
    console = _console()
    console.print(result.pesan)
    for p in result.peringatan:
        console.print(f"[bold yellow]Peringatan:[/] {p}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("build-workbook")(build_workbook_command)
    app.command("setup-excel")(setup_excel_command)
    app.command("periksa")(periksa_command)
    app.command("validate", hidden=True)(periksa_command)
    app.command("hitung")(hitung_command)
