"""The built workbook: committed file = fresh build, sheets, names, validations, protection,
VBA read back, the ribbon part, xlwings.conf, and LibreOffice opening it."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from lo_recalc import recalc

from lkjip_xl.domain.profile import default_profile
from lkjip_xl.workbook import build as B
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.build import build_workbook, vba_sources
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.package import RELS_NS, finalize_package, ribbon_problems
from lkjip_xl.workbook.ribbon_xml import PART_NAME, REL_TYPE, ribbon_xml

COMMITTED = Path(__file__).resolve().parent.parent / "workbook" / "LKjIP_Wonoasih.xlsm"


def _vba(path: Path) -> dict[str, str]:
    from pyopenvba import ExcelFile

    with ExcelFile(path) as xf:
        return {k: v.replace("\r\n", "\n") for k, v in xf.vba_modules().items()}


def fingerprint(path: Path) -> dict[str, Any]:
    """Everything a user or Excel sees in the workbook, without timestamps."""
    wb = openpyxl.load_workbook(path, keep_vba=True)
    out: dict[str, Any] = {"sheets": wb.sheetnames}
    out["names"] = {n: d.attr_text for n, d in sorted(wb.defined_names.items())}
    for ws in wb.worksheets:
        cells = {
            c.coordinate: (
                c.value,
                c.number_format,
                c.protection.locked,
                c.font.b,
                c.fill.fgColor.rgb,
            )
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        }
        out[ws.title] = {
            "cells": cells,
            "tables": {t.displayName: t.ref for t in ws.tables.values()},
            "validations": sorted(
                (str(v.sqref), v.type, v.formula1, v.formula2, v.error, v.prompt)
                for v in ws.data_validations.dataValidation
            ),
            "cf": sorted(
                (str(rng.sqref), r.type, tuple(r.formula or ()))
                for rng in ws.conditional_formatting
                for r in rng.rules
            ),
            "freeze": ws.freeze_panes,
            "protected": ws.protection.sheet,
            "widths": {k: (d.width, d.hidden) for k, d in sorted(ws.column_dimensions.items())},
            "print_titles": ws.print_title_rows,
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        }
    out["vba"] = _vba(path)
    with zipfile.ZipFile(path) as z:
        out["ribbon"] = z.read(PART_NAME).decode("utf-8")
    out["ribbon_problems"] = ribbon_problems(path)
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("fresh") / "LKjIP_Wonoasih.xlsm")


def test_committed_workbook_is_what_the_builder_makes(fresh: Path) -> None:
    assert COMMITTED.exists(), "run 'lkjip build-workbook' and commit workbook/"
    a, b = fingerprint(COMMITTED), fingerprint(fresh)
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == b[key], f"{key} differs: run 'lkjip build-workbook' and commit it"


def test_two_builds_have_the_same_content(fresh: Path, tmp_path: Path) -> None:
    again = build_workbook(tmp_path / "again.xlsm")
    assert fingerprint(again) == fingerprint(fresh)


def test_sheets_tables_and_headers_follow_the_schema(fresh: Path) -> None:
    wb = openpyxl.load_workbook(fresh)
    assert tuple(wb.sheetnames) == S.SHEET_ORDER
    for spec in S.SHEETS:
        ws = wb[spec.name]
        for table in spec.tables:
            assert table.name in ws.tables
            headers = [
                ws.cell(table.header_row, table.first_col + i).value
                for i in range(len(table.columns))
            ]
            assert headers == table.headers_for(2025)  # "Realisasi 2024" for N-1
    assert wb[S.FORMAT_DATA]["K4"].value == "Realisasi 2024"
    assert wb[S.TAHAPAN]["B5"].value == "Memerintahkan penyusunan LKjIP"
    assert [wb[S.TAHAPAN].cell(4 + k, 1).value for k in range(1, 9)] == list(range(1, 9))


def test_contract_names_point_at_cells(fresh: Path) -> None:
    wb = openpyxl.load_workbook(fresh)
    for name in (
        S.NAME_IKM_INDEKS,
        S.NAME_IKM_KONVERSI,
        S.NAME_IKM_MUTU,
        S.NAME_IKM_RESPONDEN,
        S.NAME_SAKIP_NILAI,
        S.NAME_SAKIP_PREDIKAT,
    ):
        ((sheet, ref),) = list(wb.defined_names[name].destinations)
        cell = wb[sheet][ref.replace("$", "")]
        assert isinstance(cell.value, str) and cell.value.startswith("="), name
    for name in ("DaftarUnit", "DaftarUnitLayanan"):
        assert wb.defined_names[name].attr_text.startswith("OFFSET(")


def _validation(ws: Any, cell: str) -> Any:
    found = [v for v in ws.data_validations.dataValidation if cell in v.sqref]
    assert len(found) == 1, cell
    return found[0]


def test_dropdowns_and_ranges_with_indonesian_messages(fresh: Path) -> None:
    wb = openpyxl.load_workbook(fresh)
    skm = wb[S.SKM]
    u1 = _validation(skm, f"{B.col_letter(S.SKM_T.col_index('u1'))}5")
    assert (u1.type, u1.formula1, u1.formula2) == ("whole", "1", "4")
    assert u1.error == "Isi bilangan bulat 1 sampai 4." and "Jawaban 1 sampai 4" in u1.prompt
    assert _validation(skm, "B5").formula1 == "DaftarUnitLayanan"
    assert _validation(skm, "D5").type == "date"
    fmt = wb[S.FORMAT_DATA]
    assert _validation(fmt, "H5").formula1 == "DaftarUnit"
    assert _validation(fmt, "G5").formula1 == '"Naik,Turun"'
    assert _validation(fmt, "G5").error == "Pilih salah satu: Naik, Turun."
    assert _validation(wb[S.SAKIP], "F5").formula2 == "25"
    assert _validation(fmt, f"H{4 + B.INPUT_ROWS}").formula1 == "DaftarUnit"


def test_input_unlocked_formulas_locked_and_sheets_protected(fresh: Path) -> None:
    wb = openpyxl.load_workbook(fresh)
    for ws in wb.worksheets:
        assert ws.protection.sheet == (ws.title != S.XLWINGS_CONF), ws.title
        assert ws.protection.password is None
    sakip = wb[S.SAKIP]
    assert sakip.column_dimensions["C"].protection.locked is False  # an input column
    assert sakip["H5"].protection.locked and sakip["H5"].value.startswith("=")  # Nilai
    assert sakip["C4"].protection.locked  # header
    assert wb[S.LOG].column_dimensions["A"].protection.locked is not False
    assert wb[S.IKM][B.IKM_POPULASI_CELL].protection.locked is False
    assert wb[S.IKM]["E5"].protection.locked


def test_cells_written_by_the_gateway_stay_editable(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, [{"nama": "Program A", "pagu": 100, "realisasi": 90}])
        gw.log("uji", "baris log")
    wb = openpyxl.load_workbook(workbook_path)
    assert wb[S.ANGGARAN]["B5"].protection.locked is False
    assert wb[S.ANGGARAN]["F5"].protection.locked  # Serapan formula
    assert wb[S.LOG]["A5"].protection.locked  # written by Python only


def test_vba_read_back_equals_the_source(fresh: Path) -> None:
    from oletools.olevba import VBA_Parser

    sources = {k: v.replace("\r\n", "\n") for k, v in vba_sources().items()}
    modules = _vba(fresh)
    for name, source in sources.items():
        assert modules[name] == source
    parser = VBA_Parser(str(fresh))
    try:
        found = {
            name.rsplit(".", 1)[0]: code.replace("\r\n", "\n")
            for _f, _s, name, code in parser.extract_macros()
        }
    finally:
        parser.close()
    strip = lambda s: "\n".join(x for x in s.split("\n") if not x.startswith("Attribute "))  # noqa: E731
    for name, source in sources.items():
        assert strip(found[name]).strip() == strip(source).strip()


def _ribbon_rels(path: Path) -> list[ET.Element]:
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("_rels/.rels"))
    return root.findall(f"{{{RELS_NS}}}Relationship")


def test_ribbon_part_and_relationship_are_there_and_stay(workbook_path: Path) -> None:
    rels = _ribbon_rels(workbook_path)
    ids = [r.get("Id") for r in rels]
    assert len(ids) == len(set(ids))
    assert [r.get("Target") for r in rels if r.get("Type") == REL_TYPE] == [PART_NAME]
    with zipfile.ZipFile(workbook_path) as z:
        assert z.read(PART_NAME) == ribbon_xml().encode("utf-8")
    digest = hashlib.sha256(workbook_path.read_bytes()).hexdigest()
    finalize_package(workbook_path)  # idempotent
    assert hashlib.sha256(workbook_path.read_bytes()).hexdigest() == digest
    # openpyxl drops the relationship on save; the gateway's commit puts it back.
    with open_workbook(workbook_path, write=True) as gw:
        gw.log("uji", "simpan")
    assert ribbon_problems(workbook_path) == []
    raw = openpyxl.load_workbook(workbook_path, keep_vba=True)
    raw.save(workbook_path)
    assert ribbon_problems(workbook_path)  # what finalize_package is for
    finalize_package(workbook_path)
    assert ribbon_problems(workbook_path) == []
    assert _vba(workbook_path)["LKjIP_Ribbon"].startswith('Attribute VB_Name = "LKjIP_Ribbon"')


def test_xlwings_conf_keys_as_the_addin_reads_them(fresh: Path) -> None:
    ws = openpyxl.load_workbook(fresh)[S.XLWINGS_CONF]
    keys = []
    r = 1
    while ws.cell(r, 1).value not in (None, ""):  # read up to the first blank row
        keys.append((ws.cell(r, 1).value, ws.cell(r, 2).value))
        r += 1
    assert dict(keys) == {
        "UDF MODULES": "lkjip_xl.excel.udfs",
        "ADD_WORKBOOK_TO_PYTHONPATH": "False",
        "SHOW CONSOLE": "False",
    }


def test_another_profile_builds_its_own_workbook(tmp_path: Path) -> None:
    base = default_profile(2024).model_dump()
    base.update(opd="Kecamatan Contoh", opd_singkat="Contoh")
    base["aturan"]["ikm_regulasi"] = "2004"
    profile = type(default_profile()).model_validate(base)
    path = build_workbook(tmp_path / "LKjIP_Contoh.xlsm", profile)
    wb = openpyxl.load_workbook(path)
    skm = wb[S.SKM]
    headers = [skm.cell(4, c).value for c in range(1, 30) if skm.cell(4, c).value]
    assert "U14" in headers
    assert wb[S.IKM]["A28"].value == "U14"
    with open_workbook(path) as gw:
        assert gw.profile().opd == "Kecamatan Contoh"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_workbook_and_fills_the_lists(fresh: Path, tmp_path: Path) -> None:
    computed = openpyxl.load_workbook(recalc(fresh, tmp_path), data_only=True)
    peng = computed[S.PENGATURAN]
    profile = default_profile()
    layanan = [peng[f"X{5 + i}"].value for i in range(len(profile.service_units))]
    assert layanan == [u.nama for u in profile.service_units]
    forms = [peng[f"Z{5 + i}"].value for i in range(len(profile.form_units))]
    assert forms == [u.nama for u in profile.form_units]
    beranda = computed[S.BERANDA]
    assert beranda["A1"].value == "LKjIP Kecamatan Wonoasih — Tahun 2025"
    # A first-time user is sent to the Persiapan checklist, not to "Mulai Langkah 1".
    # (LibreOffice's TODAY() is the real date: the shipped 2025 may be past its deadline.)
    assert str(beranda["B5"].value).startswith("Persiapan belum lengkap (")
    assert "sebelum Langkah 1" in str(beranda["B5"].value)
    assert "Mulai Langkah 1" not in str(beranda["B5"].value)
    if profile.due_date() < dt.date.today():  # no "Lewat … hari kerja" on a new workbook
        assert beranda["I30"].value == (
            "Sudah lewat sebelum SOP dimulai: periksa Tahun kinerja di Pengaturan"
        )
    pdf = tmp_path / "pdf"
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo2').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf),
            str(fresh),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    assert (pdf / "LKjIP_Wonoasih.pdf").stat().st_size > 10_000
