"""The workbook's VBA project as MS-OVBA asks a writer to make it (issue 19, item 7)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile

from lkjip_xl.workbook import schema as S

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "workbook" / "LKjIP_Wonoasih.xlsm"


def _project(path: Path) -> olefile.OleFileIO:
    with zipfile.ZipFile(path) as z:
        return olefile.OleFileIO(io.BytesIO(z.read("xl/vbaProject.bin")))


def test_vba_project_version_is_ffff(_built_workbook: Path) -> None:
    for path in (_built_workbook, COMMITTED):
        head = _project(path).openstream("VBA/_VBA_PROJECT").read()[:5]
        assert head == b"\xcc\x61\xff\xff\x00", (path, head.hex())


def test_every_sheet_has_a_document_module(_built_workbook: Path) -> None:
    for path in (_built_workbook, COMMITTED):
        project = _project(path).openstream("PROJECT").read().decode("cp1252")
        documents = set(re.findall(r"^Document=(\w+)/&H00000000\r?$", project, re.M))
        with zipfile.ZipFile(path) as z:
            sheets = [n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
            names = {
                re.search(rb'<sheetPr[^>]*codeName="([^"]+)"', z.read(n)).group(1).decode()
                for n in sheets
            }
            book = re.search(rb'codeName="([^"]+)"', z.read("xl/workbook.xml")).group(1)
        assert len(names) == len(sheets) == len(S.SHEET_ORDER)  # every sheet, hidden ones too
        assert documents == names | {book.decode()}


def test_olevba_reads_every_module(_built_workbook: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "oletools.olevba", "--decode", str(_built_workbook)],
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    for name in ("ThisWorkbook", *(f"Sheet{i}" for i in range(1, 15))):
        assert f"VBA/{name}'" in out, name
    for name in ("LKjIP_Ribbon", "LKjIP_Tombol", "xlwings", "xlwings_udfs"):
        assert f"VBA/{name}'" in out, name
    assert "LKjIP_NamaTombol" in out and "Application.StatusBar" in out
