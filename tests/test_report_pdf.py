"""PDF output through LibreOffice (skipped only when soffice is absent), and the message
when neither LibreOffice nor Word is available."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report_docx import fill_workbook

from lkjip_xl.actions import report as actions
from lkjip_xl.report import pdf as pdfmod
from lkjip_xl.workbook.gateway import open_workbook

DAY = dt.date(2026, 1, 20)

needs_soffice = pytest.mark.skipif(pdfmod.find_soffice() is None, reason="LibreOffice not found")


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not found")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.libreoffice
@needs_soffice
def test_report_and_letter_convert_to_pdf(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        report = actions.make_report(gw, pdf=True, tanggal=DAY)
        actions.make_report(gw, tahap="final", tanggal=DAY, paksa=True, alasan="uji PDF")
        letter = actions.make_letter(gw, tanggal=DAY)
    pdf = Path(report.data["pdf"])
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    for wanted in ("KATA PENGANTAR", "BAB III AKUNTABILITAS KINERJA", "86,11", "DRAF"):
        assert wanted in text
    soffice = pdfmod.find_soffice()
    assert soffice is not None
    if pdfmod._uno_python(soffice) is not None:
        # fields refreshed through UNO: the Daftar Isi shows page numbers
        assert re.search(r"BAB I PENDAHULUAN\.*\s*1\b", text)
    letter_pdf = pdfmod.to_pdf(letter.files[0])
    assert "050/1/425.503/2026" in pdf_text(letter_pdf)


@pytest.mark.libreoffice
@needs_soffice
def test_plain_conversion_without_uno(workbook_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfmod, "_uno_python", lambda _s: None)
    with open_workbook(workbook_path, write=True) as gw:
        actions.make_report(gw, tahap="final", tanggal=DAY, paksa=True, alasan="uji PDF")
        docx = actions.make_letter(gw, tanggal=DAY).files[0]
    out = pdfmod.to_pdf(docx, docx.parent / "surat.pdf")
    assert out.exists() and "KECAMATAN WONOASIH" in pdf_text(out)


def test_no_converter_is_a_clear_warning(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: None)
    monkeypatch.setattr(pdfmod, "_word_available", lambda: False)
    with open_workbook(workbook_path, write=True) as gw:
        result = actions.make_report(gw, pdf=True, tanggal=DAY)
    assert result.files[0].suffix == ".docx" and result.data["pdf"] is None
    assert any("PDF tidak dibuat" in w and "LibreOffice" in w for w in result.peringatan)
