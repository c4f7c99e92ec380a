"""The built workbook carries xlwings' standalone VBA, the UDF wrappers and no machine path.

Read back with olevba (oletools), as an outside tool sees the VBA project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from lkjip_xl.excel import install
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.xlwings_vba import (
    embedded_version,
    installed_version,
    standalone_modules,
    udf_names,
)

COMMITTED = Path(__file__).resolve().parent.parent / "workbook" / "LKjIP_Wonoasih.xlsm"


def _olevba(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {
            Path(name).stem: code.replace("\r\n", "\n")
            for _f, _s, name, code in parser.extract_macros()
        }
    finally:
        parser.close()


@pytest.fixture(scope="module")
def vba() -> dict[str, str]:
    from lkjip_xl.workbook.build import build_workbook

    return _olevba(build_workbook(Path(__import__("tempfile").mkdtemp()) / "LKjIP.xlsm"))


def test_the_xlwings_module_of_the_installed_package_is_embedded(vba: dict[str, str]) -> None:
    module = vba["xlwings"]
    assert embedded_version(module) == installed_version()
    package = standalone_modules()[0].source.replace("\r\n", "\n")
    assert module.strip() == package.strip()  # byte for byte what xlwings ships
    for callee in ("Function RunPython(", "Function XLPy()", "Function GetConfig("):
        assert callee in module
    assert "Dictionary" in vba  # the class xlwings' standalone mode ships with it


def test_every_udf_has_a_wrapper_that_calls_the_embedded_xlpy(vba: dict[str, str]) -> None:
    wrappers = vba["xlwings_udfs"]
    names = udf_names()
    assert names == [
        "LKJIP_CAPAIAN",
        "LKJIP_IKM",
        "LKJIP_MUTU",
        "LKJIP_PREDIKAT_SAKIP",
        "LKJIP_REALISASI",
        "LKJIP_SAMPEL",
    ]
    for name in names:
        assert re.search(rf"^Function {name}\(", wrappers, re.M), name
        assert f'XLPy.CallUDF("lkjip_xl.excel.udfs", "{name}"' in wrappers
    assert "Optional bobot" in wrappers and "Optional regulasi" in wrappers
    # the callee lives in this project, not in an add-in the PC may lack
    assert "Function XLPy()" in vba["xlwings"]


def test_the_ribbon_calls_the_embedded_runpython_after_checking_python(
    vba: dict[str, str],
) -> None:
    ribbon = vba["LKjIP_Ribbon"]
    assert "xlwings.xlam" not in ribbon
    assert re.search(r"^\s+RunPython perintah$", ribbon, re.M)
    check = ribbon.index("If Not LKjIP_PythonDitemukan(python) Then")
    assert check < ribbon.index("RunPython perintah")
    assert 'GetConfig("INTERPRETER_WIN", "")' in ribbon
    assert "Python untuk tombol LKjIP tidak ditemukan" in ribbon
    assert "WindowsApps" in ribbon  # the Store alias is not a Python


@pytest.mark.parametrize("path", ["built", "committed"])
def test_xlwings_conf_sheet_carries_no_interpreter_path(path: str, workbook_path: Path) -> None:
    rows = install.conf_rows(workbook_path if path == "built" else COMMITTED)
    assert rows["UDF MODULES"] == "lkjip_xl.excel.udfs"
    assert rows["ADD_WORKBOOK_TO_PYTHONPATH"] == "False"
    assert install.conf_problems(rows) == []
    assert not [k for k in rows if k.upper().startswith("INTERPRETER")]
    absolute = re.compile(r"^([A-Za-z]:[\\/]|\\\\|/)")
    assert not [v for v in rows.values() if v and absolute.match(v)]
    assert all(v not in (None, "") for v in rows.values())  # no present-but-empty key


def test_conf_problems_name_an_empty_and_a_machine_specific_interpreter() -> None:
    empty = install.conf_problems({"INTERPRETER_WIN": None})
    machine = install.conf_problems({"INTERPRETER_WIN": r"C:\Users\budi\python.exe"})
    assert "kosong" in empty[0] and "satu komputer" in machine[0]


def test_committed_workbook_embeds_the_installed_xlwings(workbook_path: Path) -> None:
    check = install.check_workbook(COMMITTED)
    assert check.embedded == check.installed and check.versions_match


def test_user_config_is_merged_and_read_back(tmp_path: Path) -> None:
    conf = tmp_path / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir()
    conf.write_text('"LICENSE_KEY","abc"\n"INTERPRETER_WIN","C:\\old\\python.exe"\n')
    install.write_user_interpreter(r"C:\Py312\python.exe", conf)
    assert install.read_user_config(conf) == {
        "LICENSE_KEY": "abc",
        "INTERPRETER_WIN": r"C:\Py312\python.exe",
    }


def test_check_python_runs_the_interpreter_as_a_click_does() -> None:
    import sys

    ok = install.check_python(sys.executable)
    assert ok.ok and ok.xlwings == installed_version()
    bad = install.check_python("/nonexistent/python.exe")
    assert not bad.ok and "tidak dapat dijalankan" in bad.pesan


def test_periksa_instalasi_reports_versions_and_interpreter(workbook_path: Path) -> None:
    from lkjip_xl.actions.workbook import check_installation
    from lkjip_xl.workbook.gateway import open_workbook

    with open_workbook(workbook_path) as gw:
        result = check_installation(gw)
    assert result.data["xlwings_workbook"] == installed_version() == result.data["xlwings"]
    assert result.data["python"] and "Python " in result.pesan
    assert "modul xlwings di workbook" in result.pesan
    assert result.peringatan == []
    assert S.XLWINGS_CONF  # the sheet exists in the schema
