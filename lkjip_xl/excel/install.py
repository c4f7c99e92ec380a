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
from typing import Any

INTERPRETER_KEY = "INTERPRETER_WIN"
SERVER_KEY = "USE UDF SERVER"
"""True: RunPython runs in xlwings' persistent COM server (warm clicks). Per PC, user config."""


def user_config_path() -> Path:
    """``%USERPROFILE%\\.xlwings\\xlwings.conf`` (as xlwings' VBA ``GetConfigFilePath``)."""
    home = os.environ.get("USERPROFILE") or str(Path.home())
    return Path(home) / ".xlwings" / "xlwings.conf"


def _encoding() -> str:
    """The ANSI code page, which VBA's ``Input #`` reads the file in.

    ``locale.getencoding()`` (Python 3.11+) is the locale's code page whatever the UTF-8 mode;
    ``getpreferredencoding`` becomes UTF-8 under Python 3.15's default UTF-8 mode.
    """
    return locale.getencoding() or "utf-8"


PACKAGE_NAME = "lkjip_xl-<versi>-windows.zip"
REINSTALL_HINT = (
    "Pasang ulang dengan PASANG.cmd dari paket lkjip_xl-<versi>-windows.zip (dari pengelola "
    'aplikasi), atau di Command Prompt: py -m pip install --upgrade "<folder paket>\\'
    'lkjip_xl-<versi>-py3-none-any.whl"'
)
"""How to (re)install: the Windows package or its wheel; never a registry name (the project
is not published on PyPI under ``lkjip_xl``, and whoever registers that name would be
installed)."""


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
            pesan=f"{python} tidak dapat memuat xlwings/lkjip_xl ({tail[0]}). {REINSTALL_HINT}",
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


def unblock(path: Path, *, windows: bool | None = None) -> bool:
    """Remove Mark-of-the-Web from ``path`` (Windows; what *Properties > Unblock* does).

    Returns True when the file carries no mark afterwards (verified by looking again).
    """
    if not (os.name == "nt" if windows is None else windows):
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


# --------------------------------------------------------------------------------------------
# network folders, Trusted Location, unblocking a whole folder


def is_network_path(path: Path | str) -> bool:
    r"""True for a UNC path (``\\server\share\…`` or ``\\192.168.1.5\share\…``).

    Office puts such a file in the Internet zone: macros are blocked and no download mark
    can be removed. A mapped drive letter or a Trusted Location is the way out.
    """
    text = str(path).replace("/", "\\")
    return text.startswith("\\\\") and not text.startswith("\\\\?\\")


NETWORK_ADVICE = (
    "Workbook dibuka dari folder jaringan ({path}). Excel menganggap folder seperti itu "
    "berasal dari Internet dan memblokir semua makro (tombol LKjIP tidak berjalan). Pilih "
    "salah satu: (1) salin workbook ke folder di komputer ini (mis. Documents\\LKjIP) dan "
    "buka dari sana; atau (2) petakan folder itu sebagai drive (File Explorer > This PC > "
    "Map network drive, mis. Z:) lalu jalankan 'py -m lkjip_xl setup-excel --workbook "
    "Z:\\…' dan 'py -m lkjip_xl setup-excel --lokasi-tepercaya Z:\\…'."
)


def unblock_tree(folder: Path, *, windows: bool | None = None) -> list[Path]:
    """Remove the download mark from every file under ``folder``; the files still marked."""
    files = [p for p in sorted(Path(folder).rglob("*")) if p.is_file()]
    return [
        p
        for p in files
        if not p.name.endswith(":Zone.Identifier") and not unblock(p, windows=windows)
    ]


def documents_folder() -> Path:
    """The user's Documents folder (where Windows says it is, also when OneDrive moved it)."""
    if on_windows():  # pragma: no cover - Windows only
        import ctypes
        from ctypes import wintypes

        buf = ctypes.create_unicode_buffer(wintypes.MAX_PATH)
        if ctypes.windll.shell32.SHGetFolderPathW(None, 5, None, 0, buf) == 0:  # CSIDL_PERSONAL
            return Path(buf.value)
    return Path.home() / "Documents"


OFFICE_VERSION = "16.0"
"""Office 2016, 2019, 2021, 2024 and Microsoft 365 all keep their settings under 16.0."""
TRUSTED_KEY = rf"Software\Microsoft\Office\{OFFICE_VERSION}\Excel\Security\Trusted Locations"
TRUSTED_POLICY_KEY = (
    rf"Software\Policies\Microsoft\Office\{OFFICE_VERSION}\Excel\Security\Trusted Locations"
)
TRUSTED_NAME = "LKjIP"


@dataclass
class TrustResult:
    ok: bool
    pesan: str


def _reg_value(winreg: Any, hive: Any, key: str, name: str) -> Any:
    try:
        with winreg.OpenKey(hive, key) as k:
            return winreg.QueryValueEx(k, name)[0]
    except OSError:
        return None


def add_trusted_location(folder: Path, winreg: Any = None) -> TrustResult:
    r"""Register ``folder`` as an Excel Trusted Location for the current user (verified).

    The documented per-user setting: a subkey of
    ``HKCU\Software\Microsoft\Office\16.0\Excel\Security\Trusted Locations`` with ``Path``,
    ``AllowSubfolders``, ``Date`` and ``Description``. When a policy (the ``Policies`` key,
    set by the office's administrator) disables Trusted Locations, nothing is written and
    the message says so. ``winreg`` is the standard module (a stand-in in tests).
    """
    if winreg is None:  # pragma: no cover - Windows only
        import winreg as _winreg

        winreg = _winreg
    text = str(folder).rstrip("\\/") + "\\"
    for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        if _reg_value(winreg, hive, TRUSTED_POLICY_KEY, "AllLocationsDisabled") == 1:
            return TrustResult(
                False,
                "Kebijakan Office di komputer ini melarang Trusted Location (diatur oleh "
                "administrator). Minta administrator menambahkan folder "
                f"{text} sebagai Trusted Location Excel, atau buka workbook dan klik Enable "
                "Content.",
            )
    network = is_network_path(text)
    if network:
        for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
            if _reg_value(winreg, hive, TRUSTED_POLICY_KEY, "AllowNetworkLocations") == 0:
                return TrustResult(
                    False,
                    f"Kebijakan Office melarang folder jaringan ({text}) sebagai Trusted "
                    "Location. Salin workbook ke folder di komputer ini.",
                )
    import datetime as dt

    sub = f"{TRUSTED_KEY}\\{TRUSTED_NAME}"
    try:
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, sub, 0, winreg.KEY_WRITE) as k:
            winreg.SetValueEx(k, "Path", 0, winreg.REG_SZ, text)
            winreg.SetValueEx(k, "AllowSubfolders", 0, winreg.REG_DWORD, 1)
            winreg.SetValueEx(k, "Description", 0, winreg.REG_SZ, "Workbook LKjIP (lkjip_xl)")
            winreg.SetValueEx(
                k, "Date", 0, winreg.REG_SZ, dt.datetime.now().strftime("%m/%d/%Y %I:%M %p")
            )
        if network:
            with winreg.CreateKeyEx(
                winreg.HKEY_CURRENT_USER, TRUSTED_KEY, 0, winreg.KEY_WRITE
            ) as k:
                winreg.SetValueEx(k, "AllowNetworkLocations", 0, winreg.REG_DWORD, 1)
    except OSError as exc:
        return TrustResult(False, f"Trusted Location tidak dapat dicatat ({exc}).")
    if _reg_value(winreg, winreg.HKEY_CURRENT_USER, sub, "Path") != text:
        return TrustResult(False, f"Trusted Location {text} tidak tersimpan di registri.")
    return TrustResult(True, f"Folder {text} dicatat sebagai Trusted Location Excel.")


# --------------------------------------------------------------------------------------------
# the COM server (USE UDF SERVER), tried before it is switched on


@dataclass
class ServerCheck:
    ok: bool
    pesan: str


def _spawn_server(python: str, clsid: str) -> Any:  # pragma: no cover - Windows only
    code = f"import xlwings; xlwings.serve('{clsid}')"
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return subprocess.Popen(
        [python, "-B", "-c", code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        creationflags=flags,
    )


def _connect_server(clsid: str) -> Any:  # pragma: no cover - Windows only
    import win32com.client

    return win32com.client.Dispatch(clsid)


def check_server(
    python: str,
    *,
    timeout: float = 60,
    spawn: Any = None,
    connect: Any = None,
    sleep: Any = None,
) -> ServerCheck:
    """Start xlwings' COM server with ``python`` (as Excel would), call it once, stop it.

    The call imports :mod:`lkjip_xl.excel.ribbon` inside the server, as the first click
    would. A fresh class id is used, so an Excel that is open is not disturbed.
    """
    import time
    import uuid

    spawn = spawn or _spawn_server
    connect = connect or _connect_server
    sleep = sleep or time.sleep
    clsid = "{" + str(uuid.uuid4()).upper() + "}"
    try:
        proc = spawn(python, clsid)
    except OSError as exc:
        return ServerCheck(False, f"Python di latar tidak dapat dimulai ({exc}).")
    last = ""
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                err = proc.stderr.read() if proc.stderr else b""
                tail = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
                return ServerCheck(
                    False, f"Python di latar berhenti saat dimulai ({tail[0] or proc.returncode})."
                )
            try:
                server = connect(clsid)
                server.Module("lkjip_xl.excel.ribbon")
                return ServerCheck(True, "Python di latar berjalan dan menjawab.")
            except Exception as exc:  # COM errors while the server registers itself
                last = str(exc)
                sleep(0.5)
        return ServerCheck(
            False, f"Python di latar tidak menjawab dalam {timeout:.0f} detik ({last})."
        )
    finally:
        with _suppress():
            proc.kill()


def _suppress() -> Any:
    import contextlib

    return contextlib.suppress(Exception)
