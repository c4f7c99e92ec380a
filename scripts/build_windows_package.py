"""Build the Windows package: ``dist/lkjip_xl-<versi>-windows.zip`` (issue 19).

    python scripts/build_windows_package.py [--out dist]

Holds the project's wheel, ``constraints.txt``, the workbook, the user guide (README.md)
and ``PASANG.cmd``, which finds Python through ``py`` only, installs with ``py -m pip``
and hands the rest (copy the workbook, remove download marks, Trusted Location, record
the interpreter, the "Siap" check) to ``py -m lkjip_xl pasang``. Run by ``.ci/run``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PASANG_CMD = r"""@echo off
rem PASANG.cmd: memasang lkjip_xl di komputer ini (sekali per komputer dan pengguna).
setlocal
chcp 65001 >nul
cd /d "%~dp0"
where py >nul 2>nul
if errorlevel 1 (
    echo Python belum terpasang ^(perintah "py" tidak ditemukan^).
    echo Unduh dan pasang Python dari https://www.python.org/downloads/windows/
    echo ^(Python install manager^), lalu jalankan PASANG.cmd ini lagi.
    pause
    exit /b 1
)
echo Memasang lkjip_xl dengan: py -m pip install ...
py -m pip install --upgrade -c "%~dp0constraints.txt" "%~dp0{wheel}"
if errorlevel 1 (
    echo Pemasangan paket gagal. Periksa sambungan internet, lalu jalankan PASANG.cmd lagi.
    pause
    exit /b 1
)
rem Salin workbook, hapus tanda unduhan, Trusted Location, catat Python, periksa ("Siap").
py -m lkjip_xl pasang --dari "%~dp0."
if errorlevel 1 (
    pause
    exit /b 1
)
pause
"""


def version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def build(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lkjip-win-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp, str(ROOT)],
            check=True,
        )
        (wheel,) = Path(tmp).glob("lkjip_xl-*.whl")
        target = out / f"lkjip_xl-{version()}-windows.zip"
        folder = f"lkjip_xl-{version()}-windows"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(wheel, f"{folder}/{wheel.name}")
            z.write(ROOT / "constraints.txt", f"{folder}/constraints.txt")
            z.write(ROOT / "workbook" / "LKjIP_Wonoasih.xlsm", f"{folder}/LKjIP_Wonoasih.xlsm")
            z.write(ROOT / "README.md", f"{folder}/PANDUAN.md")
            cmd = PASANG_CMD.replace("{wheel}", wheel.name).replace("\n", "\r\n")
            z.writestr(f"{folder}/PASANG.cmd", cmd.encode("utf-8"))
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    print(f"Paket Windows: {build(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
