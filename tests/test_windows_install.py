"""Windows install path (issue 19): the package, PASANG.cmd, Trusted Location, unblocking,
the server check, the UNC advice, the conf encoding, wheel resolution pins."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from lkjip_xl.errors import LkjipError
from lkjip_xl.excel import install

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import build_windows_package as b

    return b.build(tmp_path_factory.mktemp("dist"))


def test_package_contents_and_pasang_uses_py_only(package: Path) -> None:
    with zipfile.ZipFile(package) as z:
        names = {n.split("/", 1)[1] for n in z.namelist()}
        cmd = z.read(next(n for n in z.namelist() if n.endswith("PASANG.cmd"))).decode()
    wheel = next(n for n in names if n.endswith(".whl"))
    assert wheel.startswith("lkjip_xl-") and wheel.endswith("-py3-none-any.whl")
    assert {"constraints.txt", "LKjIP_Wonoasih.xlsm", "PANDUAN.md", "PASANG.cmd"} <= names
    lines = [x.strip() for x in cmd.splitlines()]
    runs = [x for x in lines if re.match(r"^(py|python|pip|lkjip)\b", x)]
    assert runs and all(x.startswith("py -m ") for x in runs), runs
    assert f'py -m pip install --upgrade -c "%~dp0constraints.txt" "%~dp0{wheel}"' in lines
    assert 'py -m lkjip_xl pasang --dari "%~dp0."' in lines
    assert "where py" in cmd and "https://www.python.org/downloads/windows/" in cmd
    assert "\r\n" in cmd


class FakeReg:
    """winreg stand-in: keys are (hive, path) → {name: value}."""

    HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE = "HKCU", "HKLM"
    KEY_WRITE, REG_SZ, REG_DWORD = 1, 1, 4

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], dict[str, Any]] = {}

    class _K:
        def __init__(self, store: dict[str, Any]) -> None:
            self.store = store

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *a: Any) -> None:
            pass

    def OpenKey(self, hive: str, key: str) -> Any:
        if (hive, key) not in self.keys:
            raise OSError("not found")
        return self._K(self.keys[(hive, key)])

    def CreateKeyEx(self, hive: str, key: str, _r: int, _a: int) -> Any:
        return self._K(self.keys.setdefault((hive, key), {}))

    def QueryValueEx(self, k: Any, name: str) -> tuple[Any, int]:
        if name not in k.store:
            raise OSError("no value")
        return k.store[name], 1

    def SetValueEx(self, k: Any, name: str, _r: int, _t: int, value: Any) -> None:
        k.store[name] = value


def test_trusted_location_written_for_the_user_and_read_back() -> None:
    reg = FakeReg()
    result = install.add_trusted_location(Path(r"C:\Users\ani\Documents\LKjIP"), winreg=reg)
    assert result.ok, result.pesan
    values = reg.keys[("HKCU", install.TRUSTED_KEY + "\\LKjIP")]
    assert values["Path"].endswith("LKjIP\\") and values["AllowSubfolders"] == 1
    assert ("HKCU", install.TRUSTED_KEY) not in reg.keys  # local folder: no network switch


def test_trusted_location_refused_by_policy_is_reported() -> None:
    reg = FakeReg()
    reg.keys[("HKLM", install.TRUSTED_POLICY_KEY)] = {"AllLocationsDisabled": 1}
    result = install.add_trusted_location(Path(r"C:\LKjIP"), winreg=reg)
    assert not result.ok and "administrator" in result.pesan
    assert not any("LKjIP" in k for _h, k in reg.keys if k.startswith("Software\\Microsoft"))


def test_network_folder_as_trusted_location_allows_network_locations() -> None:
    reg = FakeReg()
    assert install.add_trusted_location(Path(r"\\192.168.1.5\lkjip"), winreg=reg).ok
    assert reg.keys[("HKCU", install.TRUSTED_KEY)]["AllowNetworkLocations"] == 1


def test_unblock_removes_the_download_mark(tmp_path: Path) -> None:
    wb = tmp_path / "LKjIP.xlsm"
    wb.write_bytes(b"x")
    mark = install.zone_identifier(wb)
    mark.write_text("[ZoneTransfer]\nZoneId=3\n")
    assert install.unblock_tree(tmp_path, windows=True) == []
    assert not mark.exists() and wb.exists()


def test_unc_paths_are_recognised_and_setup_says_what_to_do(tmp_path: Path) -> None:
    assert install.is_network_path(r"\\192.168.1.5\share\LKjIP.xlsm")
    assert not install.is_network_path(r"Z:\LKjIP\LKjIP.xlsm")
    from lkjip_xl.cli.workbook import _check_workbook_file

    problems: list[str] = []
    with pytest.raises(LkjipError):  # the share is not reachable here; advice comes first
        _check_workbook_file(Path(r"\\192.168.1.5\share\LKjIP.xlsm"), print, problems)
    assert "Map network drive" in problems[0] and "jaringan" in problems[0]


class _Proc:
    def __init__(self, dies: bool = False) -> None:
        self.dies, self.killed, self.returncode, self.stderr = dies, False, 1, None

    def poll(self) -> int | None:
        return 1 if self.dies else None

    def kill(self) -> None:
        self.killed = True


def test_server_check_calls_the_server_once_and_stops_it() -> None:
    proc, calls = _Proc(), []

    class Server:
        def Module(self, name: str) -> None:
            calls.append(name)

    check = install.check_server("py", spawn=lambda p, c: proc, connect=lambda c: Server())
    assert check.ok and calls == ["lkjip_xl.excel.ribbon"] and proc.killed


def test_server_that_does_not_start_leaves_buttons_on_the_plain_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lkjip_xl.cli.workbook import _switch_server

    conf = tmp_path / "xlwings.conf"
    monkeypatch.setattr(install, "user_config_path", lambda: conf)
    real = install.check_server
    monkeypatch.setattr(
        install,
        "check_server",
        lambda python: real(python, spawn=lambda p, c: _Proc(dies=True), connect=lambda c: None),
    )
    problems: list[str] = []
    _switch_server("py", True, print, problems)
    assert install.read_user_config(conf)[install.SERVER_KEY] == "False"
    assert "cara biasa" in problems[0]


def test_conf_is_written_in_the_ansi_code_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import locale

    monkeypatch.setattr(locale, "getencoding", lambda: "cp1252")
    conf = tmp_path / "xlwings.conf"
    install.write_user_interpreter(r"C:\Users\Dédé\py\python.exe", conf)
    assert "Dédé".encode("cp1252") in conf.read_bytes()


def test_pasang_copies_unblocks_and_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lkjip_xl.cli.workbook import pasang_command

    src = tmp_path / "paket"
    src.mkdir()
    wb = src / "LKjIP_Wonoasih.xlsm"
    wb.write_bytes((ROOT / "workbook" / "LKjIP_Wonoasih.xlsm").read_bytes())
    conf = tmp_path / "xlwings.conf"
    monkeypatch.setattr(install, "user_config_path", lambda: conf)
    target = tmp_path / "Documents" / "LKjIP"
    pasang_command(dari=src, folder=target)
    assert (target / wb.name).read_bytes() == wb.read_bytes()
    assert install.read_user_config(conf)[install.INTERPRETER_KEY] == sys.executable
    # a second run (a newer package) keeps the user's workbook and its entries
    before = (target / wb.name).read_bytes()
    wb.write_bytes(b"workbook paket baru")
    pasang_command(dari=src, folder=target)
    assert (target / wb.name).read_bytes() == before


def test_windows_pins_per_python_version() -> None:
    import check_windows_wheels as c

    numpy = {v: [p for p in c.pins(v) if p.startswith("numpy==")] for v in c.PYTHONS}
    assert numpy["3.14"] == ["numpy==2.4.6"] and numpy["3.15"] == ["numpy==2.5.5"]
    assert not any(p.startswith("docopt") for p in c.pins("3.15"))
    cmd = c.command("3.15", "/tmp/x")
    assert "--only-binary=:all:" in cmd and cmd[cmd.index("--platform") + 1] == "win_amd64"


def test_no_advice_names_a_registry_package_the_project_does_not_own() -> None:
    out = subprocess.run(
        ["git", "grep", "-il", "pip install " + "lkjip_xl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == ""


class _WordDoc:
    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.TablesOfContents = [self]
        self.Fields = self

    def Update(self) -> None:
        self.log.append("update")

    def ExportAsFixedFormat(self, OutputFileName: str, ExportFormat: int) -> None:
        assert ExportFormat == 17
        Path(OutputFileName).write_bytes(b"%PDF-1.7")
        self.log.append("export")

    def Close(self, save: bool) -> None:
        self.log.append(f"close {save}")


class _Word:
    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.Documents = self

    def Open(self, path: str, **kw: Any) -> _WordDoc:
        assert kw["ReadOnly"] is True
        self.log.append("open")
        return _WordDoc(self.log)

    def Quit(self) -> None:
        self.log.append("quit")


def test_pdf_through_word_updates_fields_exports_and_quits(tmp_path: Path) -> None:
    from lkjip_xl.report import pdf

    log: list[str] = []
    docx = tmp_path / "LKjIP.docx"
    docx.write_bytes(b"x")
    assert pdf.word_to_pdf(docx, tmp_path / "LKjIP.pdf", dispatch=lambda: _Word(log))
    assert log == ["open", "update", "update", "export", "close False", "quit"]
    assert not pdf.word_to_pdf(docx, tmp_path / "b.pdf", dispatch=lambda: None)
    assert "Word maupun LibreOffice" in pdf.NO_CONVERTER
