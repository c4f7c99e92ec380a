"""Issue 20, item 4 "Presentation" (second part): Word's own list numbering, tables that never
leave a row alone on a page, foreign terms in italics, the Perwali with number and year, the kop
with logo and postcode, and a tembusan that never copies the signer.

Read back at the user's level: the demo's final LKjIP and its cover letter (the workbook the
demo fills, the documents it writes), and workbooks changed in Pengaturan as a user would.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from lo_recalc import SOFFICE, recalc
from lxml import etree

from lkjip_xl.actions import readiness
from lkjip_xl.actions import report as actions
from lkjip_xl.domain.profile import default_profile
from lkjip_xl.report import presentation as P
from lkjip_xl.report.letter import tembusan
from lkjip_xl.report.slots import read_document
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.build import PERSIAPAN_TOP
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.persiapan import CHECKS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("presentasi2") / "hasil"
    run = subprocess.run(["lkjip", "demo", "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return out / "keluaran"


def _final_path(out: Path) -> Path:
    return sorted(out.glob("LKjIP_*_v*.docx"))[-1]


def _xml(path: Path, part: str) -> Any:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def _num_id(p: Any) -> str | None:
    el = p.find("w:pPr/w:numPr/w:numId", NS)
    return None if el is None else el.get(f"{{{W}}}val")


def _set_profil(path: Path, **values: Any) -> None:
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(S.PROFIL)
        for r in rows:
            if r["kunci"] in values:
                r["nilai"] = values[r["kunci"]]
        gw.write_rows(S.PROFIL, rows)


# -- a. numbered lists in Word's own numbering -----------------------------------------------


def test_template_defines_the_numbering_of_every_list() -> None:
    from lkjip_xl.report.templates import REPORT_TEMPLATE, TEMPLATE_DIR

    path = TEMPLATE_DIR / REPORT_TEMPLATE
    numbering = _xml(path, "word/numbering.xml")
    body = _xml(path, "word/document.xml")
    used = {_num_id(p) for p in body.iter(f"{{{W}}}p")} - {None}
    nums = {n.get(f"{{{W}}}numId"): n for n in numbering.findall("w:num", NS)}
    assert len(used) >= 8  # permasalahan, sistematika, dasar hukum, isu, Bab II, III, IV lists
    formats = {
        a.get(f"{{{W}}}abstractNumId"): a.find("w:lvl/w:numFmt", NS).get(f"{{{W}}}val")
        for a in numbering.findall("w:abstractNum", NS)
    }
    for num_id in used:
        num = nums[num_id]  # every list the document uses is defined
        start = num.find("w:lvlOverride/w:startOverride", NS)
        assert start is not None and start.get(f"{{{W}}}val") == "1"  # restarts at 1
        absn = num.find("w:abstractNumId", NS).get(f"{{{W}}}val")
        assert formats[absn] in ("decimal", "bullet")
    # no typed number left in a list item
    assert not [p for p in body.iter(f"{{{W}}}p") if "loop.index" in _text(p)]


def test_final_lists_are_numbered_by_word_and_each_restarts(demo: Path) -> None:
    path = _final_path(demo)
    body = _xml(path, "word/document.xml").find("w:body", NS)
    paras = list(body.iter(f"{{{W}}}p"))
    texts = [_text(p) for p in paras]
    assert not [t for t in texts if re.match(r"^\d+\.\t", t)], "no typed '1.<tab>' numbers"

    def list_after(intro: str) -> list[tuple[str, str | None]]:
        k = next(i for i, t in enumerate(texts) if t.startswith(intro))
        items = []
        for p in paras[k + 1 :]:
            if _num_id(p) is None:
                if items:
                    break
                continue
            items.append((_text(p), _num_id(p)))
        return items

    permasalahan = list_after("Permasalahan utama yang dihadapi")
    analisis = list_after("Analisis penyebab keberhasilan")
    langkah = list_after("Langkah perbaikan yang akan ditempuh")
    dasar = list_after("Dasar hukum penyusunan LKjIP")
    for items in (permasalahan, analisis, langkah, dasar):
        assert len(items) >= 2
        assert len({n for _t, n in items}) == 1  # one list
    ids = [items[0][1] for items in (permasalahan, analisis, langkah, dasar)]
    assert len(set(ids)) == 4  # each list is its own, so each starts again at 1
    assert permasalahan[0][0].startswith("Indikator ")
    # the generated steps, then the office's own (Narasi "Langkah perbaikan"), one list
    assert langkah[0][0].startswith("Meningkatkan capaian")
    assert any("bandwidth" in t for t, _n in langkah)
    # the kendala/upaya of each indicator: one numbered item per indicator
    assert any("Kendala:" in t for t, _n in analisis)


# -- b. tables never leave a single row alone on a page --------------------------------------


def _rows(tbl: Any) -> list[Any]:
    return tbl.findall("w:tr", NS)


def _keeps(tr: Any) -> bool:
    paras = list(tr.iter(f"{{{W}}}p"))
    return bool(paras) and all(p.find("w:pPr/w:keepNext", NS) is not None for p in paras)


def test_every_report_table_keeps_its_rows_together(demo: Path) -> None:
    path = _final_path(demo)
    body = _xml(path, "word/document.xml").find("w:body", NS)
    styles = _xml(path, "word/styles.xml")
    caption = next(
        s for s in styles.findall("w:style", NS) if s.get(f"{{{W}}}styleId") == "Caption"
    )
    assert caption.find("w:pPr/w:keepNext", NS) is not None  # a caption keeps with its table
    checked = 0
    for tbl in body.iter(f"{{{W}}}tbl"):
        rows = _rows(tbl)
        if len(rows) < 2:
            continue
        prev = tbl.getprevious()
        assert prev is not None
        if prev.find("w:pPr/w:pStyle", NS) is not None and (
            prev.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Caption"
        ):
            checked += 1
        assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rows)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None  # the header repeats
        if len(rows) <= P.SHORT_TABLE_ROWS:
            assert all(_keeps(tr) for tr in rows[:-1])  # a short table stays whole
        else:
            assert _keeps(rows[0]) and _keeps(rows[1])  # header with the first two rows
            assert _keeps(rows[-2])  # the last row never alone on a new page
    assert checked >= 15  # the data tables, each right after its caption


def test_keep_tables_on_a_long_table() -> None:
    d = docx.Document()
    t = d.add_table(rows=20, cols=2)
    from lkjip_xl.report import docxkit as K

    K.set_repeat_header(t.rows[0])
    body = d.element.body
    assert P.keep_tables(body) == 1
    rows = t._tbl.findall(qn("w:tr"))
    kept = [k for k, tr in enumerate(rows) if _keeps(tr)]
    assert kept == [0, 1, 18]
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows)


# -- c. foreign terms in italics -------------------------------------------------------------


def _runs_of(p: Any) -> list[tuple[str, bool]]:
    out = []
    for r in p.findall(".//w:r", NS):
        i = r.find("w:rPr/w:i", NS)
        out.append(("".join(t.text or "" for t in r.findall("w:t", NS)), i is not None))
    return out


def _paragraph(text: str, *, italic_style: bool = False) -> Any:
    d = docx.Document()
    p = d.add_paragraph(style="Caption" if italic_style else None)
    run = p.add_run(text)
    run.bold = True
    return d.element.body, p._p


def test_terms_are_split_into_italic_runs_on_word_boundaries() -> None:
    body, p = _paragraph(
        "Penambahan Bandwidth, website-nya, Door  to door; monitoringnya, e-mail dan online."
    )
    P.italicise_terms(body, P.term_pattern())
    runs = _runs_of(p)
    assert "".join(t for t, _i in runs) == (
        "Penambahan Bandwidth, website-nya, Door  to door; monitoringnya, e-mail dan online."
    )  # the text is identical
    assert [t for t, i in runs if i] == [
        "Bandwidth",
        "website",
        "Door  to door",
        "e-mail",
        "online",
    ]
    # the bold of the run is kept on every piece, in schema order (b before i)
    for r in p.findall(".//w:r", NS):
        rpr = r.find("w:rPr", NS)
        assert rpr.find("w:b", NS) is not None
        tags = [etree.QName(c).localname for c in rpr]
        if "i" in tags:
            assert tags.index("b") < tags.index("i") < tags.index("iCs")


def test_placeholders_italic_styles_and_extra_terms() -> None:
    body, _p = _paragraph("monitoring berkala", italic_style=True)
    assert P.italicise_terms(body, P.term_pattern()) == 0  # upright in an italic style
    d = docx.Document()
    body = d.element.body
    sdt = etree.fromstring(
        f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>'
        "<w:t>(Belum diisi: tulis monitoring di sini.)</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    body.insert(0, sdt)
    assert P.italicise_terms(body, P.term_pattern()) == 0  # a placeholder is left alone
    body2, p2 = _paragraph("Layanan drive thru dan PATEN")
    assert P.italicise_terms(body2, P.term_pattern()) == 0
    P.italicise_terms(body2, P.term_pattern(["Drive Thru"]))
    assert [t for t, i in _runs_of(p2) if i] == ["drive thru"]


def test_final_prints_foreign_terms_in_italics_and_keeps_the_text(demo: Path) -> None:
    path = _final_path(demo)
    body = _xml(path, "word/document.xml").find("w:body", NS)
    italic_terms = set()
    for r in body.iter(f"{{{W}}}r"):
        if r.find("w:rPr/w:i", NS) is not None:
            italic_terms.add("".join(t.text or "" for t in r.findall("w:t", NS)).casefold())
    assert {"bandwidth", "door to door", "monitoring"} <= italic_terms
    # inside content controls too, and the slots still read back as generated (no change)
    doc = read_document(path)
    assert doc.slots and not [s.key for s in doc.slots if s.changed]
    assert doc.has_record and not doc.outside


# -- d. the Perwali with number and year -----------------------------------------------------


def test_final_cites_the_perwali_with_number_and_year(demo: Path) -> None:
    d = docx.Document(str(_final_path(demo)))
    texts = [p.text for p in d.paragraphs]
    citation = (
        "Peraturan Wali Kota Probolinggo Nomor 64 Tahun 2021 tentang Kedudukan, Susunan "
        "Organisasi, Tugas dan Fungsi serta Tata Kerja Kecamatan dan Kelurahan"
    )
    k = texts.index(citation + ".")  # the last item of the Dasar Hukum list
    assert d.paragraphs[k]._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    assert any(citation in t and t.startswith("Kecamatan Wonoasih merupakan") for t in texts)
    assert not [t for t in texts if "Peraturan Wali Kota Probolinggo tentang" in t]


def test_empty_perwali_is_a_persiapan_item_naming_its_cell(workbook_path: Path) -> None:
    with open_workbook(workbook_path) as gw:
        items, _ = readiness.unmet(gw)
        rows = gw.read_rows(S.PROFIL)
    (problem,) = next(u.problems for u in items if u.check.key == "perwali")
    row = next(r["_row"] for r in rows if r["kunci"] == "perwali_nomor")
    assert problem.sheet == S.PENGATURAN and problem.cell == f"B{row}"
    assert "Nomor Perwali organisasi" in problem.perbaikan  # the label the user sees
    _set_profil(workbook_path, perwali_nomor=64, perwali_tahun=2021)
    with open_workbook(workbook_path) as gw:
        items, _ = readiness.unmet(gw)
        profile = gw.profile()
    assert "perwali" not in {u.check.key for u in items}
    assert (profile.perwali_nomor, profile.perwali_tahun) == ("64", 2021)


def test_a_kabupaten_cites_a_peraturan_bupati() -> None:
    from lkjip_xl.report.narrative import perwali

    p = default_profile().model_copy(
        update={
            "pemerintah": "Pemerintah Kabupaten Probolinggo",
            "perwali_nomor": "12",
            "perwali_tahun": 2022,
            "perwali_tentang": "Susunan Organisasi Kecamatan.",
        }
    )
    assert perwali(p) == (
        "Peraturan Bupati Probolinggo Nomor 12 Tahun 2022 tentang Susunan Organisasi Kecamatan"
    )


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_beranda_shows_the_perwali_item(workbook_path: Path, tmp_path: Path) -> None:
    filled = tmp_path / "isi" / "Isi.xlsm"
    filled.parent.mkdir()
    shutil.copy2(workbook_path, filled)
    _set_profil(filled, perwali_nomor="64", perwali_tahun=2021)
    results = {}
    for path in (workbook_path, filled):
        values = openpyxl.load_workbook(recalc(path, tmp_path / path.stem), data_only=True)
        k = [c.key for c in CHECKS].index("perwali")
        results[path] = values[S.BERANDA][f"C{PERSIAPAN_TOP + k}"].value
    assert results == {workbook_path: "Belum", filled: "Lengkap"}


# -- e. kop with logo and postcode -----------------------------------------------------------


def _letter(path: Path) -> Path:
    day = dt.date(2026, 1, 20)
    with open_workbook(path, write=True) as gw:
        actions.make_report(gw, tahap="final", tanggal=day, paksa=True, alasan="uji kop")
        return actions.make_letter(gw, tanggal=day, baru=True).files[0]


def test_kop_without_logo_has_no_empty_image_cell_and_carries_the_postcode(
    workbook_path: Path,
) -> None:
    _set_profil(workbook_path, kode_pos=67232)
    path = _letter(workbook_path)
    d = docx.Document(str(path))
    body = d.element.body
    assert not body.findall(f".//{qn('w:drawing')}")  # no broken or empty picture
    first = body[0]
    assert first.tag == qn("w:p")  # the kop is the text alone, not a table with a gap
    kop = [p.text for p in d.paragraphs[:4]]
    assert kop == [
        "PEMERINTAH KOTA PROBOLINGGO",
        "KECAMATAN WONOASIH",
        "Jl. Raya Wonoasih, Kota Probolinggo 67232",
        "Telepon (0335) 000000 Pos-el kec.wonoasih@contoh.go.id",
    ]


def test_demo_letter_kop_has_the_postcode(demo: Path) -> None:
    letter = next(demo.glob("Surat_Pengantar_*.docx"))
    texts = [p.text for p in docx.Document(str(letter)).paragraphs]
    assert any(t.endswith("Kota Probolinggo 67232") for t in texts)


# -- f. the tembusan never copies the signer -------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Sekcam",
        "Yth. Sekcam Wonoasih",
        "Sekretaris Kecamatan",
        "Yth. Sekretaris Kecamatan Wonoasih",
        "Sdr. Sekretaris Camat Wonoasih",
        "SEKCAM WONOASIH (untuk diketahui)",
        "Sekretaris Kecamatan Wonoasih Kota Probolinggo",
    ],
)
def test_an_a_n_letter_never_copies_the_sekcam_however_typed(typed: str) -> None:
    kept = [
        "Yth. Camat Wonoasih (sebagai laporan)",
        "Yth. Sekretaris Daerah Kota Probolinggo",
        "Camat Kademangan",
        "Arsip",
    ]
    p = default_profile().model_copy(
        update={"penandatangan_surat": "Sekcam a.n. Camat", "tembusan": [*kept, typed]}
    )
    assert tembusan(p) == kept


def test_the_camat_signing_drops_only_the_camat() -> None:
    entries = ["Camat", "Yth. Camat Wonoasih", "Sekcam Wonoasih", "Camat Kademangan", "Arsip"]
    p = default_profile().model_copy(update={"tembusan": entries})
    assert tembusan(p) == ["Sekcam Wonoasih", "Camat Kademangan", "Arsip"]


def test_letter_signed_an_leaves_the_short_title_out(workbook_path: Path) -> None:
    _set_profil(
        workbook_path,
        penandatangan_surat="Sekcam a.n. Camat",
        tembusan="Yth. Camat Wonoasih; Yth. Sekcam Wonoasih; Arsip",
    )
    d = docx.Document(str(_letter(workbook_path)))
    texts = [p.text for p in d.paragraphs]
    after = texts[texts.index("Tembusan:") + 1 :]
    assert [t for t in after if t] == ["Yth. Camat Wonoasih", "Arsip"]


def test_word_text_carried_after_a_numbered_item_is_not_numbered() -> None:
    from lkjip_xl.report.slots import Extra, _insert_extras

    d = docx.Document()
    d.add_paragraph("B. Langkah Perbaikan ke Depan", style="Heading 2")
    item = d.add_paragraph("Meningkatkan capaian.", style="List Number")
    numpr = etree.SubElement(item._p.get_or_add_pPr(), qn("w:numPr"))
    etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), "7")
    body = d.element.body
    _insert_extras(body, [Extra("tambahan_word_1", "B. Langkah Perbaikan ke Depan", "L", "X")])
    new = item._p.getnext()
    assert new.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None
    assert new.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is None  # no hanging list indent
