"""What a reviewer of the Bagian Organisasi looks for in the LKjIP (LKE PermenPAN-RB 88/2021,
component Pelaporan Kinerja), read back from the generated .docx."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from test_report_docx import INDICATORS, body_text, fill_workbook, make, table_with

from lkjip_xl.domain.profile import default_profile
from lkjip_xl.report import fmt
from lkjip_xl.report import pagination as P
from lkjip_xl.report import pdf as pdfmod
from lkjip_xl.report.sections import respondent_profile
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

UNSUR = [f"u{k}" for k in range(1, 10)]


def set_settings(path: Path, **values: Any) -> None:
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(S.PROFIL)
        for r in rows:
            if r["kunci"] in values:
                r["nilai"] = values[r["kunci"]]
        gw.write_rows(S.PROFIL, rows)


def rows_of(table: Any) -> list[list[str]]:
    return [[c.text.strip() for c in row.cells] for row in table.rows[1:]]


def all_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    parts += [p.text for s in doc.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def _percent(text: str) -> float:
    return float(text.rstrip("%").replace(".", "").replace(",", "."))


@pytest.fixture
def reviewed(workbook_path: Path) -> Path:
    """The report workbook with SKM respondent columns, definitions and a reviu."""
    fill_workbook(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        fmt_rows = gw.read_rows(S.FORMAT)
        for r in fmt_rows:
            r["definisi"] = f"Rumus {r['kode']}: realisasi ÷ target × 100%"
            r["sumber_data"] = f"Register {r['kode']}"
        gw.write_rows(S.FORMAT, fmt_rows)
        skm = gw.read_rows(S.SKM_T)
        for k, r in enumerate(skm):
            r["jk"] = "L" if k < 12 else "P"
            r["usia"] = 19 if k < 2 else (35 if k < 15 else 61)
            r["pendidikan"] = "SMA" if k % 2 else "S1"
            r["pekerjaan"] = "Wiraswasta"
            r["tanggal"] = dt.date(2025, 7, 1) + dt.timedelta(days=k)
            r["saran"] = ["Antrean dipercepat.", "antrean dipercepat", "Parkir diperluas", None][
                k % 4
            ]
        gw.write_rows(S.SKM_T, skm)
        gw.write_cell(S.IKM, "B10", 30)  # 30 service users: Krejcie–Morgan minimum 28
    set_settings(
        workbook_path,
        reviu_dilakukan="Ya",
        reviu_apip="Inspektorat Kota Probolinggo",
        reviu_tanggal=dt.datetime(2026, 1, 15),
        reviu_nama="Drs. Contoh Pereviu",
        reviu_nip="196801011990031002",
        reviu_jabatan="Inspektur Pembantu Wilayah I",
    )
    return workbook_path


def test_capaian_per_sasaran_is_the_mean_of_its_indicators(reviewed: Path) -> None:
    doc = Document(str(make(reviewed)))
    per_indicator = {
        r[1]: r[5]
        for r in rows_of(table_with(doc, "Indikator Kinerja", "Capaian", "Kategori", "Satuan"))
    }
    table = table_with(doc, "Sasaran Strategis", "Capaian Sasaran", "Kategori Sasaran")
    groups: dict[str, list[str]] = {}
    sasaran_capaian: dict[str, str] = {}
    current = ""
    for row in rows_of(table):
        current = row[1] or current  # merged cells read as repeated or blank
        groups.setdefault(current, []).append(row[2])
        sasaran_capaian[current] = row[4]
        assert row[3] == per_indicator[row[2]]  # the indicator's own capaian
    expected_groups: dict[str, list[str]] = {}
    for ind in INDICATORS:
        expected_groups.setdefault(ind["sasaran"], []).append(ind["indikator"])
    assert groups == expected_groups  # grouped per sasaran, in order of first appearance
    for sasaran, names in groups.items():
        values = [_percent(per_indicator[n]) for n in names if per_indicator[n] != "-"]
        assert _percent(sasaran_capaian[sasaran]) == pytest.approx(
            sum(values) / len(values), abs=0.006
        )
    text = body_text(doc)
    assert "Capaian sasaran adalah rata-rata capaian indikator kinerja sasaran tersebut" in text


def test_iku_table_has_definition_source_and_owner(reviewed: Path) -> None:
    doc = Document(str(make(reviewed)))
    table = table_with(
        doc, "Indikator Kinerja", "Definisi/Formula", "Sumber Data", "Penanggung Jawab"
    )
    rows = rows_of(table)
    assert rows[0][1] == INDICATORS[0]["sasaran"]  # the sasaran column (merged per sasaran)
    assert sorted(r[2] for r in rows) == sorted(i["indikator"] for i in INDICATORS)
    assert rows[0][3:] == [
        "Rumus IKU-01: realisasi ÷ target × 100%",
        "Register IKU-01",
        INDICATORS[0]["penanggung_jawab"],
    ]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "C. Indikator Kinerja Utama" in headings


def test_ikm_survey_period_sample_profile_conversion_and_saran(reviewed: Path) -> None:
    doc = Document(str(make(reviewed)))
    text = body_text(doc)
    assert (
        "Survei Kepuasan Masyarakat tahun 2025 dilaksanakan pada 1 Juli 2025 sampai dengan "
        "20 Juli 2025 dengan 20 (dua puluh) responden pada 2 (dua) unit layanan." in text
    )
    assert "sampel minimum untuk populasi tersebut adalah 28 responden" in text
    assert "belum memenuhi sampel minimum" in text
    profil = rows_of(table_with(doc, "Karakteristik", "Kategori", "Jumlah", "Persentase"))
    cells = [(r[1], r[2], r[3]) for r in profil]
    assert ("Laki-laki", "12", "60,00%") in cells and ("Perempuan", "8", "40,00%") in cells
    assert ("Kurang dari 20 tahun", "2", "10,00%") in cells
    assert ("30 – 39 tahun", "13", "65,00%") in cells
    assert ("60 tahun ke atas", "5", "25,00%") in cells
    assert ("Wiraswasta", "20", "100,00%") in cells
    konversi = rows_of(
        table_with(doc, "Nilai Persepsi", "Nilai Interval Konversi", "Mutu Pelayanan")
    )
    assert konversi[3] == ["4", "3,5324 – 4,00", "88,31 – 100,00", "A", "Sangat Baik"]
    saran = rows_of(table_with(doc, "Saran Responden", "Jumlah"))
    assert saran[0][1:] == ["Antrean dipercepat", "10"]  # same saran, any case, counted once
    assert saran[1][1:] == ["Parkir diperluas", "5"]
    assert "Responden menuliskan 15 (lima belas) saran." in text


def test_reviu_statement_page_only_when_a_reviu_took_place(reviewed: Path) -> None:
    doc = Document(str(make(reviewed)))
    text = body_text(doc)
    assert "Pernyataan Telah Direviu" in text
    assert "Kami telah mereviu Laporan Kinerja Instansi Pemerintah (LKjIP) Kecamatan Wonoasih" in (
        text
    )
    signature = [p.text for p in doc.paragraphs if p.style.name == "Tanda Tangan" and p.text]
    assert "Probolinggo, 15 Januari 2026" in signature
    assert "INSPEKTORAT KOTA PROBOLINGGO" in signature
    assert "Drs. Contoh Pereviu" in signature
    assert "NIP. 19680101 199003 1 002" in signature
    set_settings(reviewed, reviu_dilakukan="Tidak")
    assert "Pernyataan Telah Direviu" not in body_text(Document(str(make(reviewed))))


def test_sources_are_neutral_and_draf_is_written_the_eyd_way(reviewed: Path) -> None:
    text = all_text(make(reviewed))
    for word in ("sheet", "Sheet", "ROUND", "Excel", "Format Data", "Kiriman", "Pengaturan"):
        # only the draft's own notes to the compiler (not in a final) may name the workbook
        body = text.split("Catatan Penyusunan")[0]
        assert word not in body, word
    assert re.search(r"\bdraft\b", text, re.IGNORECASE) is None
    assert "DRAF" in text  # the mark of a draft version
    assert "Sumber: Survei Kepuasan Masyarakat 2025, diolah." in text


def test_no_double_full_stop_when_a_unit_ends_its_note_with_one(reviewed: Path) -> None:
    with open_workbook(reviewed, write=True) as gw:
        rows = gw.read_rows(S.KIRIMAN_T)
        for r in rows:
            r["keterangan"] = "Sesuai laporan bulanan."
        gw.write_rows(S.KIRIMAN_T, rows)
    text = all_text(make(reviewed))
    assert "Sesuai laporan bulanan." in text
    assert re.search(r"(?<!\.)\.\s*\.(?!\.)", text) is None


def test_nip_is_grouped() -> None:
    assert fmt.nip("197001011990031001") == "19700101 199003 1 001"
    assert fmt.nip("19700101 199003 1 001") == "19700101 199003 1 001"
    assert fmt.nip("12345") == "12345"  # not an 18-digit NIP: as given
    assert fmt.nip("") == "-"


def test_kalimat_ends_with_one_full_stop() -> None:
    assert fmt.kalimat("Sesuai laporan.") == "Sesuai laporan."
    assert fmt.kalimat("Sesuai laporan..") == "Sesuai laporan."
    assert fmt.kalimat(" Sesuai  laporan ") == "Sesuai laporan."
    assert fmt.kalimat("Benarkah?") == "Benarkah?"
    assert fmt.kalimat("") == ""


def test_respondent_profile_counts_only_respondents_who_answered() -> None:
    rows = [
        {"jk": "L", "usia": 25, "u1": 4, "tanggal": dt.datetime(2025, 8, 2), "saran": "-"},
        {"jk": "p", "usia": "70", "u1": 3, "tanggal": dt.date(2025, 7, 30)},
        {"jk": "L", "usia": 40, "u1": None},  # no answer at all: not a respondent
    ]
    p = respondent_profile(rows, ["u1"])
    assert p.responden == 2
    assert (p.mulai, p.selesai) == (dt.date(2025, 7, 30), dt.date(2025, 8, 2))
    assert p.karakteristik["Jenis Kelamin"] == [("Laki-laki", 1), ("Perempuan", 1)]
    assert p.karakteristik["Kelompok Usia"] == [("20 – 29 tahun", 1), ("60 tahun ke atas", 1)]
    assert "Pendidikan" not in p.karakteristik  # column empty: no table rows for it
    assert p.saran == [] and p.saran_total == 0


def test_reviu_and_signer_settings_round_trip_through_pengaturan() -> None:
    from lkjip_xl.workbook.profile_io import profile_from_tables, profile_to_tables

    profile = default_profile().model_copy(update={"narasi": {}})  # narratives: Narasi sheet
    profile.reviu.dilakukan = True
    profile.reviu.tanggal = dt.date(2026, 1, 15)
    profile.penandatangan_surat = "Sekcam a.n. Camat"
    profile.tampilkan_pemantauan_sop = True
    tables = profile_to_tables(profile)
    values = {r["kunci"]: r["nilai"] for r in tables[S.PROFIL.name]}
    assert values["reviu_dilakukan"] == "Ya" and values["tampilkan_pemantauan_sop"] == "Ya"
    assert values["penandatangan_surat"] == "Sekcam a.n. Camat"
    assert profile_from_tables(tables) == profile


# -- page numbers of the Daftar Isi ------------------------------------------------------------


def toc_lines(path: Path) -> list[tuple[str, str]]:
    """(entry, page) of every TOC entry as saved in the .docx."""
    doc = Document(str(path))
    out = []
    for p in doc.paragraphs:
        if p.style.name.startswith("toc") or p.style.name == "table of figures":
            texts = [t.text for t in p._p.iter() if t.tag.endswith("}t") and t.text]
            if texts:
                out.append((texts[0], "".join(texts[1:])))
    return out


@pytest.mark.libreoffice
@pytest.mark.skipif(pdfmod.find_soffice() is None, reason="LibreOffice not found")
def test_toc_has_page_numbers_as_saved(reviewed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LKJIP_TANPA_HALAMAN", raising=False)
    with open_workbook(reviewed, write=True) as gw:
        from lkjip_xl.actions import report as actions

        result = actions.make_report(gw, tanggal=dt.date(2026, 1, 20))
    path = result.files[0]
    assert "Nomor halaman Daftar Isi dihitung dengan LibreOffice" in result.pesan
    lines = dict(toc_lines(path))
    assert lines["KATA PENGANTAR"] == "i"
    assert lines["BAB I PENDAHULUAN"] == "1"
    for prefix in ("BAB", "Tabel", "Gambar"):  # each list is in page order
        pages = [int(v) for k, v in toc_lines(path) if v.isdigit() and k.startswith(prefix)]
        assert pages == sorted(pages) and pages, prefix
    assert all(v for _k, v in toc_lines(path)), "every entry has a page number"
    assert any(k.startswith("Tabel 1 ") for k in lines)
    with zipfile.ZipFile(path) as z:
        settings = z.read("word/settings.xml").decode("utf-8")
        document = z.read("word/document.xml").decode("utf-8")
    assert "updateFields" not in settings  # Word no longer needs to update anything
    assert 'w:dirty="true"' not in document
    assert re.search(r'<w:zoom [^>]*w:percent="100"', settings)


def test_without_page_numbers_word_keeps_its_update_prompt(reviewed: Path) -> None:
    # the suite sets LKJIP_TANPA_HALAMAN (as a machine without LibreOffice would behave)
    with open_workbook(reviewed, write=True) as gw:
        from lkjip_xl.actions import report as actions

        result = actions.make_report(gw, tanggal=dt.date(2026, 1, 20))
    assert "Word akan menawarkan pembaruan isian saat dokumen dibuka" in result.pesan
    with zipfile.ZipFile(result.files[0]) as z:
        assert '<w:updateFields w:val="true"/>' in z.read("word/settings.xml").decode("utf-8")


def test_page_numbers_from_pdf_text() -> None:
    text = (
        "COVER\n2026\n\fKATA PENGANTAR\nisi\n\n   i\n"
        "\fDAFTAR ISI\nKATA PENGANTAR.........\nBAB I PENDAHULUAN........\n  ii\n"
        "\fBAB I\nPENDAHULUAN\nTabel 1 Ringkasan\n 1\n\fTabel 2 Unit\n2\n"
    )
    pages = P.pages_from_pdf_text(
        text, ["KATA PENGANTAR", "BAB I PENDAHULUAN", "Tabel 1 Ringkasan", "Tabel 2 Unit"]
    )
    assert pages == {
        "KATA PENGANTAR": "i",
        "BAB I PENDAHULUAN": "1",  # a heading wrapped over two lines; not the TOC's line
        "Tabel 1 Ringkasan": "1",
        "Tabel 2 Unit": "2",
    }
    assert P.pages_from_index_lines(["Daftar Isi", "BAB I PENDAHULUAN\t1", "A. x\tiv"]) == {
        "BAB I PENDAHULUAN": "1",
        "A. x": "iv",
    }


def test_page_numbers_are_written_only_when_every_entry_has_one(reviewed: Path) -> None:
    path = make(reviewed)
    entries = P.entries_of(path)
    before = path.read_bytes()
    assert P.fill_page_numbers(path, {e: "1" for e in entries[1:]}) == [entries[0]]
    assert path.read_bytes() == before  # nothing half-written
    assert P.fill_page_numbers(path, dict.fromkeys(entries, "7")) == []
    assert {v for _k, v in toc_lines(path)} == {"7"}


def test_renstra_yearly_targets_under_the_years_of_the_period(reviewed: Path) -> None:
    # without yearly targets: the end-of-period table
    doc = Document(str(make(reviewed)))
    table_with(doc, "Sasaran", "Target Akhir Renstra")
    set_settings(reviewed, renstra_periode="2025-2029")
    with open_workbook(reviewed, write=True) as gw:
        rows = gw.read_rows(S.FORMAT)
        rows[0].update(target_th1=80, target_th2=81.5, target_th3=82, target_th5=85)
        gw.write_rows(S.FORMAT, rows)
    doc = Document(str(make(reviewed)))
    table = table_with(doc, "Indikator Kinerja", "2025", "2029", "Target Akhir")
    first = rows_of(table)[0]
    assert first == [
        "1",
        "Indeks Kepuasan Masyarakat (IKM)",
        "Nilai",
        "80,00",
        "81,50",
        "82,00",
        "-",
        "85,00",
        "85,00",
    ]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert "Tabel 3 Sasaran, Indikator dan Target Akhir Periode Renstra" in captions


def test_renstra_period_is_checked() -> None:
    from lkjip_xl.errors import LkjipError
    from lkjip_xl.workbook.profile_io import profile_from_tables, profile_to_tables

    tables = profile_to_tables(default_profile())
    for k, r in enumerate(tables[S.PROFIL.name]):
        r["_row"] = 5 + k
        if r["kunci"] == "renstra_periode":
            r["nilai"] = "lima tahun"
    with pytest.raises(LkjipError) as err:
        profile_from_tables(tables, "LKjIP.xlsm")
    assert "renstra_periode" in str(err.value)
    assert default_profile().model_copy(update={"renstra_periode": "2025–2029"}).renstra_tahun == [
        2025,
        2026,
        2027,
        2028,
        2029,
    ]


def test_logo_named_in_pengaturan_goes_on_the_cover(reviewed: Path) -> None:
    from PIL import Image

    Image.new("RGB", (120, 140), (30, 90, 160)).save(reviewed.parent / "lambang.png")
    set_settings(reviewed, logo="lambang.png")
    doc = Document(str(make(reviewed)))
    body = doc.element.body
    # the cover is everything up to the paragraph that ends the first section
    sect_end = body.index(doc.sections[0]._sectPr.getparent().getparent())
    pictures_on_cover = [el for el in list(body)[: sect_end + 1] if el.xpath(".//pic:pic")]
    assert pictures_on_cover, "the logo is on the cover"
