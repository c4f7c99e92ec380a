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
Perintah ini menyiapkan komputer Windows yang memakai Microsoft Excel. Cara termudah: jalankan
PASANG.cmd dari paket lkjip_xl-<versi>-windows.zip (memasang Python-nya, menyalin workbook,
membuka blokir dan mencatat folder sebagai Trusted Location). Atau di Command Prompt:
  py -m lkjip_xl setup-excel --workbook "%USERPROFILE%\\Documents\\LKjIP\\LKjIP_Wonoasih.xlsm"
Perintah itu mencatat lokasi Python komputer ini di %USERPROFILE%\\.xlwings\\xlwings.conf (bukan
di workbook), memeriksa bahwa Python itu dapat memuat xlwings dan lkjip_xl, memeriksa versi
modul xlwings di dalam workbook, dan membuka blokir file (Unblock) yang datang lewat e-mail
atau unduhan. Tidak perlu add-in xlwings.
Tanpa Excel, semua tombol tersedia sebagai perintah (mis. py -m lkjip_xl periksa)."""


def _check_interpreter(python: str, console: Any, problems: list[str]) -> None:
    from lkjip_xl.excel import install

    check = install.check_python(python)
    if not check.ok:
        raise LkjipError(check.pesan)
    import importlib.metadata

    mine = importlib.metadata.version("xlwings")
    console.print(f"Python {python}: xlwings {check.xlwings}, lkjip_xl {check.lkjip_xl}.")
    if check.xlwings != mine:  # pragma: no cover - Windows only
        problems.append(f"Python itu memakai xlwings {check.xlwings}, perintah ini {mine}.")
    if install.xlwings_dll(python, check.xlwings) is None:  # pragma: no cover
        console.print(
            f"[yellow]Peringatan:[/] xlwings64-{check.xlwings}.dll tidak ada di samping "
            f"{python}: fungsi LKJIP_… di sel tidak akan berjalan (tombol tetap "
            f'berjalan). Pasang ulang: "{python}" -m pip install --force-reinstall '
            f"xlwings=={check.xlwings}"
        )


def _switch_server(python: str, server: bool, console: Any, problems: list[str]) -> None:
    """``USE UDF SERVER`` on only after the server started and answered once."""
    from lkjip_xl.excel import install

    if server:
        check = install.check_server(python)
        if not check.ok:
            install.write_user_setting(install.SERVER_KEY, "False")
            problems.append(
                f"{check.pesan} Tombol tetap memakai cara biasa (Python dimulai per klik)."
            )
            return
        console.print(check.pesan)
    install.write_user_setting(install.SERVER_KEY, "True" if server else "False")
    console.print("Python di latar (USE UDF SERVER): " + ("aktif." if server else "tidak aktif."))


def _check_workbook_file(workbook: Path, console: Any, problems: list[str]) -> None:
    from lkjip_xl.excel import install
    from lkjip_xl.workbook import xlwings_door as door

    if install.is_network_path(workbook):
        problems.append(install.NETWORK_ADVICE.format(path=workbook))
    if not workbook.exists():
        raise LkjipError(
            f"Workbook tidak ditemukan: {workbook}. Periksa nama dan foldernya (PASANG.cmd "
            "menyalinnya ke Documents\\LKjIP bila tidak dipilih folder lain)."
        )
    wbcheck = install.check_workbook(workbook)
    if wbcheck.embedded is None:
        problems.append(
            f"Workbook {workbook.name} tidak berisi modul xlwings (dibuat oleh versi lama). "
            "Buat workbook baru dengan 'py -m lkjip_xl build-workbook' lalu salin isiannya."
        )
    elif not wbcheck.versions_match:
        problems.append(
            f"Modul xlwings di workbook {workbook.name} versi {wbcheck.embedded}, paket "
            f"xlwings terpasang versi {wbcheck.installed}. Samakan dengan: "
            f"py -m pip install xlwings=={wbcheck.embedded}"
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


READY = "Siap: buka workbook di Excel, klik Enable Content bila diminta, lalu pakai tab LKjIP."


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
            "cepat. Dicoba dulu; bila tidak berjalan, tombol tetap memakai cara biasa. Setelah "
            "memperbarui paket, tutup Excel dulu.",
        ),
    ] = None,
    lokasi_tepercaya: Annotated[
        Path | None,
        typer.Option(
            "--lokasi-tepercaya",
            help="Catat folder ini sebagai Trusted Location Excel untuk pengguna ini (makro di "
            "workbook di folder itu tidak diblokir).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Siapkan komputer ini untuk workbook LKjIP di Excel dan periksa hasilnya."""
    from lkjip_xl.excel import install

    console = _console()
    windows = install.on_windows()
    if not windows and interpreter is None and workbook is None:
        console.print(SETUP_STEPS)
        return
    problems: list[str] = []
    if windows or interpreter is not None:
        python = interpreter or sys.executable
        if windows:
            _check_interpreter(python, console, problems)
        conf = install.write_user_interpreter(python)
        console.print(f"Lokasi Python dicatat di {conf} (INTERPRETER_WIN = {python}).")
        if server is not None:
            _switch_server(python, server, console, problems)
    if lokasi_tepercaya is not None:
        trust = install.add_trusted_location(lokasi_tepercaya) if windows else None
        if trust is not None:
            (console.print if trust.ok else problems.append)(trust.pesan)
    if workbook is not None:
        _check_workbook_file(workbook, console, problems)
    if problems:
        raise LkjipError("Persiapan Excel belum lengkap:\n- " + "\n- ".join(problems))
    console.print(READY)


def pasang_command(
    dari: Annotated[
        Path,
        typer.Option("--dari", help="Folder paket Windows (berisi PASANG.cmd dan workbook)."),
    ],
    folder: Annotated[
        Path | None,
        typer.Option(
            "--folder",
            help="Folder tempat workbook disalin (bawaan: Documents\\LKjIP).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Langkah Python dari PASANG.cmd: salin workbook, buka blokir, Trusted Location, periksa."""
    import shutil

    from lkjip_xl.excel import install

    console = _console()
    sources = sorted(Path(dari).glob("*.xlsm"))
    if not sources:
        raise LkjipError(
            f"Tidak ada workbook (.xlsm) di folder paket {dari}. Ekstrak seluruh isi file zip "
            "dulu (klik kanan > Extract All), lalu jalankan PASANG.cmd dari folder hasil ekstrak."
        )
    if folder is None:
        default = install.documents_folder() / "LKjIP"
        answer = typer.prompt("Folder untuk workbook LKjIP", default=str(default))
        folder = Path(answer.strip().strip('"'))
    if install.is_network_path(folder):
        raise LkjipError(install.NETWORK_ADVICE.format(path=folder))
    folder.mkdir(parents=True, exist_ok=True)
    workbooks = []
    for src in sources:
        target = folder / src.name
        if target.exists():
            console.print(f"{target} sudah ada: tidak ditimpa (isiannya tetap).")
        else:
            shutil.copy2(src, target)
            console.print(f"Workbook disalin ke {target}.")
        workbooks.append(target)
    problems: list[str] = []
    still = install.unblock_tree(folder) + install.unblock_tree(Path(dari))
    if still:
        problems.append(
            "Blokir unduhan tidak dapat dibuka pada: " + ", ".join(p.name for p in still)
        )
    else:
        console.print("Tanda unduhan (blokir makro) dihapus dari semua file.")
    if install.on_windows():
        trust = install.add_trusted_location(folder)
        (console.print if trust.ok else problems.append)(trust.pesan)
        _check_interpreter(sys.executable, console, problems)
    conf = install.write_user_interpreter(sys.executable)
    console.print(f"Lokasi Python dicatat di {conf} (INTERPRETER_WIN = {sys.executable}).")
    for wb in workbooks:
        _check_workbook_file(wb, console, problems)
    if problems:
        raise LkjipError("Pemasangan belum lengkap:\n- " + "\n- ".join(problems))
    console.print(READY.replace("Siap: buka workbook", f"Siap: buka {workbooks[0]}"))


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
    app.command("pasang", hidden=True)(pasang_command)
    app.command("periksa")(periksa_command)
    app.command("validate", hidden=True)(periksa_command)
    app.command("hitung")(hitung_command)
