"""Setting up a Windows PC for the workbook (``lkjip setup-excel``) and checking it.

The workbook embeds xlwings' own VBA (standalone mode, see
:mod:`lkjip_xl.workbook.xlwings_vba`), so a PC needs only Python with this package. What
is per PC is *which* Python runs: it is never stored in the workbook (an absolute path
there breaks every other PC) but in the user's own xlwings config file,
``%USERPROFILE%\\.xlwings\\xlwings.conf``, which xlwings' VBA ``GetConfig`` reads after the
workbook's ``xlwings.conf`` sheet. Without it, ``python`` on the PATH is used.

Everything installed is verified by reading it back or running it; exit codes alone are
not trusted.
"""

from __future__ import annotations

import locale
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

INTERPRETER_KEY = "INTERPRETER_WIN"
SERVER_KEY = "USE UDF SERVER"
"""True: RunPython runs in xlwings' persistent COM server (warm clicks). Per PC, user config."""


def user_config_path() -> Path:
    """``%USERPROFILE%\\.xlwings\\xlwings.conf`` (as xlwings' VBA ``GetConfigFilePath``)."""
    home = os.environ.get("USERPROFILE") or str(Path.home())
    return Path(home) / ".xlwings" / "xlwings.conf"


def _encoding() -> str:
    # VBA's "Input #" reads the file in the ANSI code page.
    return locale.getpreferredencoding(False) or "utf-8"


def read_user_config(path: Path | None = None) -> dict[str, str]:
    """Keys (upper case) → values of an xlwings config file (``"KEY","VALUE"`` lines)."""
    path = path or user_config_path()
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding=_encoding(), errors="replace").splitlines():
        parts = [p.strip().strip('"') for p in line.split(",", 1)]
        if len(parts) == 2 and parts[0]:
            out[parts[0].upper()] = parts[1]
    return out


def write_user_interpreter(python: str, path: Path | None = None) -> Path:
    """Set ``INTERPRETER_WIN`` in the user's xlwings config (other lines kept); verified."""
    return write_user_setting(INTERPRETER_KEY, python, path)


def write_user_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set one key in the user's xlwings config (other lines kept); verified by reading back."""
    from lkjip_xl.errors import LkjipError

    path = path or user_config_path()
    key = key.upper()
    lines: list[str] = []
    if path.exists():
        for line in path.read_text(encoding=_encoding(), errors="replace").splitlines():
            found = line.split(",", 1)[0].strip().strip('"').upper()
            if found and found != key:
                lines.append(line)
    lines.append(f'"{key}","{value}"')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding=_encoding())
    if read_user_config(path).get(key) != value:
        raise LkjipError(
            f"Pengaturan Python tidak tersimpan di {path}. Periksa apakah folder itu dapat "
            "ditulisi, lalu ulangi 'lkjip setup-excel'."
        )
    return path


@dataclass
class PythonCheck:
    ok: bool
    xlwings: str = ""
    lkjip_xl: str = ""
    pesan: str = ""


def check_python(python: str, timeout: float = 120) -> PythonCheck:
    """Run ``python`` the way a click does and report the versions it imports."""
    code = (
        "import importlib.metadata as m, xlwings.utils, lkjip_xl.excel.ribbon;"
        "print(m.version('xlwings'), m.version('lkjip_xl'))"
    )
    try:
        run = subprocess.run(
            [python, "-B", "-c", code], capture_output=True, text=True, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return PythonCheck(False, pesan=f"{python} tidak dapat dijalankan ({exc}).")
    if run.returncode != 0:
        tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or [""]
        return PythonCheck(
            False,
            pesan=f"{python} tidak dapat memuat xlwings/lkjip_xl ({tail[0]}). Pasang paketnya "
            f'dengan: "{python}" -m pip install lkjip_xl',
        )
    parts = run.stdout.split()
    return PythonCheck(True, xlwings=parts[0], lkjip_xl=parts[1] if len(parts) > 1 else "")


def xlwings_dll(python: str, version: str) -> Path | None:
    """The ``xlwings64-<version>.dll`` UDFs load, beside ``python`` (or its venv's base)."""
    folder = Path(python).parent
    for where in (folder, folder.parent):
        for bits in ("64", "32"):
            dll = where / f"xlwings{bits}-{version}.dll"
            if dll.exists():
                return dll
    return None


def zone_identifier(path: Path) -> Path:
    """The Mark-of-the-Web stream that makes Excel block a downloaded file's macros."""
    return Path(str(path) + ":Zone.Identifier")


def unblock(path: Path) -> bool:
    """Remove Mark-of-the-Web from ``path`` (Windows; what *Properties > Unblock* does).

    Returns True when the file carries no mark afterwards (verified by looking again).
    """
    if os.name != "nt":
        return True
    mark = zone_identifier(path)
    try:
        if mark.exists():
            os.remove(mark)
    except OSError:
        return False
    return not mark.exists()


@dataclass
class WorkbookCheck:
    embedded: str | None
    installed: str
    conf_problems: list[str] = field(default_factory=list)

    @property
    def versions_match(self) -> bool:
        return self.embedded == self.installed


def conf_problems(rows: dict[str, str | None]) -> list[str]:
    """What is wrong with the xlwings.conf sheet (keys → values, read up to a blank row)."""
    problems = []
    for key, value in rows.items():
        if key.upper().startswith("INTERPRETER"):
            if value in (None, ""):
                problems.append(
                    f"Kunci {key} ada tetapi kosong: xlwings lalu mengabaikan pengaturan Python "
                    "di komputer ini."
                )
            else:
                problems.append(
                    f"Kunci {key} berisi lokasi Python satu komputer ({value}); di komputer "
                    "lain tombol LKjIP tidak berjalan."
                )
    return problems


def conf_rows(path: Path) -> dict[str, str | None]:
    """The xlwings.conf sheet of a workbook file, read as xlwings' VBA reads it."""
    import openpyxl

    from lkjip_xl.workbook import schema as S

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        if S.XLWINGS_CONF not in wb.sheetnames:
            return {}
        ws = wb[S.XLWINGS_CONF]
        out: dict[str, str | None] = {}
        for key, value in ws.iter_rows(min_col=1, max_col=2, values_only=True):
            if key in (None, ""):
                break
            out[str(key)] = None if value in (None, "") else str(value)
        return out
    finally:
        wb.close()


def check_workbook(path: Path) -> WorkbookCheck:
    from lkjip_xl.workbook.xlwings_vba import installed_version, workbook_xlwings_version

    return WorkbookCheck(
        embedded=workbook_xlwings_version(path),
        installed=installed_version(),
        conf_problems=conf_problems(conf_rows(path)),
    )


def on_windows() -> bool:
    return sys.platform.startswith("win")
