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
Perintah ini untuk komputer Windows yang memakai Microsoft Excel.
Langkah di Windows (Command Prompt, dengan Python yang sama dengan paket lkjip_xl):
  1. pip install lkjip_xl
  2. xlwings addin install
  3. lkjip setup-excel --workbook "C:\\LKjIP\\LKjIP_Wonoasih.xlsm"
     (mengisi INTERPRETER_WIN di sheet xlwings.conf dengan lokasi python.exe)
  4. Buka workbook, aktifkan makro (Enable Content), lalu pakai tab LKjIP di ribbon.
File yang datang lewat e-mail atau unduhan diblokir makronya: klik kanan file > Properties >
centang Unblock, atau simpan di Trusted Location (File > Options > Trust Center).
Tanpa Excel, semua tombol tersedia sebagai perintah 'lkjip' (mis. lkjip periksa, lkjip hitung)."""


def setup_excel_command(
    workbook: Annotated[
        Path | None,
        typer.Option("--workbook", "-w", help="Workbook yang diatur.", show_default=False),
    ] = None,
    interpreter: Annotated[
        str | None,
        typer.Option(
            "--interpreter",
            help="Lokasi python.exe untuk INTERPRETER_WIN (bawaan di Windows: Python ini). "
            "Dapat dipakai di komputer lain untuk menyiapkan workbook bagi PC Windows tertentu.",
        ),
    ] = None,
) -> None:
    """Siapkan Excel di Windows: pasang add-in xlwings dan isi sheet xlwings.conf."""
    import subprocess

    from lkjip_xl.workbook import xlwings_door as door

    console = _console()
    on_windows = sys.platform.startswith("win")
    if not on_windows and interpreter is None:
        console.print(SETUP_STEPS)
        return
    if on_windows:
        console.print("Memasang add-in xlwings (xlwings addin install)…")
        run = subprocess.run(
            [sys.executable, "-m", "xlwings.cli", "addin", "install"],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise LkjipError(
                "Add-in xlwings tidak dapat dipasang: "
                f"{(run.stderr or run.stdout).strip()[-400:]}. Tutup Excel lalu ulangi, atau "
                "jalankan 'xlwings addin install' sendiri."
            )
        import xlwings

        path = door.default_addin_path()
        found = door.addin_version(path) if path and path.exists() else None
        if found is None:
            console.print(
                "[yellow]Peringatan:[/] add-in xlwings tidak ditemukan di folder XLSTART; "
                "periksa dengan 'xlwings addin status'."
            )
        elif found != xlwings.__version__:
            raise LkjipError(
                f"Versi add-in xlwings ({found}) berbeda dengan paket xlwings "
                f"({xlwings.__version__}). Jalankan 'xlwings addin remove' lalu "
                "'xlwings addin install' dari Python ini."
            )
        else:
            console.print(f"Add-in xlwings {found} cocok dengan paket xlwings.")
    python = interpreter or sys.executable
    if on_windows and not Path(python).exists():
        raise LkjipError(f"Python tidak ditemukan di {python}. Periksa lokasi python.exe.")
    if workbook is None:
        console.print(
            "Tidak ada --workbook: sheet xlwings.conf tidak diubah. Ulangi dengan "
            '--workbook "lokasi\\LKjIP_Wonoasih.xlsm".'
        )
        return
    door.configure_workbook(workbook, python)
    console.print(f"Sheet xlwings.conf di {workbook.name} diisi: INTERPRETER_WIN = {python}")
    if not on_windows:
        console.print(SETUP_STEPS)


def periksa_command(workbook: WorkbookOpt, as_json: JsonOpt = False) -> None:
    """Periksa semua sheet isian (kolom wajib, angka, tanggal, pilihan) dan Persiapan di
    Beranda. Kode keluar 2 bila ada isian yang salah; Persiapan yang belum lengkap hanya
    peringatan (kode keluar 0)."""
    from lkjip_xl.actions.workbook import (
        persiapan_warnings,
        problems_in_workbook,
        validate_workbook,
    )
    from lkjip_xl.workbook.gateway import open_workbook

    with open_workbook(workbook) as gw:
        if as_json:
            problems = problems_in_workbook(gw)
            warnings = persiapan_warnings(gw)
            _print_json(
                {
                    "masalah": [p.as_json() for p in problems],
                    "peringatan": [w.as_json() for w in warnings],
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
