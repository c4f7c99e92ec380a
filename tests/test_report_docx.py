"""The LKjIP Word document, generated from a filled workbook and read back with python-docx.

The data are small enough to check by hand:

* SKM: unit A has 10 respondents answering 3 everywhere except U8 = 2; unit B has 10
  answering 4 everywhere. Pooled NRR = 3,50 (U8: 3,00), indeks = 31/9, IKM = 86,11 (B).
  Unit A: IKM 72,22 (C); unit B: 100,00 (A).
* SAKIP 2025: 21 + 20,5 + 10,5 + 17,25 = 69,25 (B); 2024: 64,50 (B).
* Budget (programs): pagu 1.250.000.000, realisasi 1.150.000.000, serapan 92,00%.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from lkjip_xl.actions import report as actions
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

SEKSI_PU = "Seksi Pelayanan Umum"
RECEIVED = dt.datetime(2026, 1, 12, 9, 30)
UNIT_A = "Kecamatan Wonoasih"
UNIT_B = "Kelurahan Pakistaji"

INDICATORS: list[dict[str, Any]] = [
    dict(
        kode="IKU-01",
        sasaran="Meningkatnya kualitas pelayanan publik",
        indikator="Indeks Kepuasan Masyarakat (IKM)",
        satuan="Nilai",
        jenis="IKM",
        target=80,
        polaritas="Naik",
        penanggung_jawab=SEKSI_PU,
        target_renstra=85,
        realisasi_n1=78.5,
        realisasi_n2=76.1,
    ),
    dict(
        kode="IKU-02",
        sasaran="Meningkatnya akuntabilitas kinerja",
        indikator="Nilai SAKIP Kecamatan",
        satuan="Nilai",
        jenis="SAKIP",
        target=70,
        polaritas="Naik",
        penanggung_jawab="Seksi Pemerintahan",
        target_renstra=75,
        realisasi_n1=64.5,
        realisasi_n2=62,
    ),
    dict(
        kode="IKU-03",
        sasaran="Meningkatnya kualitas pelayanan publik",
        indikator="Persentase layanan administrasi yang selesai tepat waktu",
        satuan="%",
        jenis="Lainnya",
        target=95,
        polaritas="Naik",
        penanggung_jawab=SEKSI_PU,
        target_renstra=98,
        realisasi_n1=93.1,
        realisasi_n2=90,
    ),
    dict(
        kode="IKU-04",
        sasaran="Meningkatnya kualitas pelayanan publik",
        indikator="Jumlah pengaduan masyarakat yang tidak terselesaikan",
        satuan="kasus",
        jenis="Lainnya",
        target=5,
        polaritas="Turun",
        penanggung_jawab=SEKSI_PU,
        target_renstra=2,
        realisasi_n1=6,
        realisasi_n2=9,
    ),
    dict(
        kode="IKU-05",
        sasaran="Meningkatnya peran serta masyarakat",
        indikator="Persentase lembaga kemasyarakatan kelurahan yang aktif",
        satuan="%",
        jenis="Lainnya",
        target=90,
        polaritas="Naik",
        penanggung_jawab="Seksi Pemberdayaan Masyarakat",
        target_renstra=95,
    ),
    dict(
        kode="IKU-06",
        sasaran="Meningkatnya peran serta masyarakat",
        indikator="Persentase sarana & prasarana <layak>",
        satuan="%",
        jenis="Lainnya",
        target=90,
        polaritas="Naik",
        penanggung_jawab="Seksi Pemberdayaan Masyarakat",
    ),
]


def _kiriman(kode: str, realisasi: float, status: str, unit: str = SEKSI_PU) -> dict[str, Any]:
    return dict(
        unit=unit,
        kode=kode,
        realisasi=realisasi,
        keterangan="Sesuai register layanan",
        diterima=RECEIVED,
        status=status,
    )


def _skm() -> list[dict[str, Any]]:
    rows = []
    for i in range(20):
        unit, base = (UNIT_A, 3) if i < 10 else (UNIT_B, 4)
        answers = {f"u{k}": base for k in range(1, 10)}
        if unit == UNIT_A:
            answers["u8"] = 2
        rows.append({"no": i + 1, "unit": unit, "layanan": "KTP-el", **answers})
    return rows


def fill_workbook(path: Path) -> Path:
    """Write realistic, hand-checkable data into every sheet the report reads."""
    with open_workbook(path, write=True) as gw:
        gw.write_rows(S.FORMAT, INDICATORS)
        gw.write_rows(
            S.KIRIMAN_T,
            [
                _kiriman("IKU-01", 81.0, "Valid"),  # differs from the SKM: the SKM wins
                _kiriman("IKU-03", 96.4, "Valid"),
                _kiriman("IKU-04", 4, "Valid"),
                _kiriman("IKU-05", 50, "Ditolak", "Seksi Pemberdayaan Masyarakat"),
                _kiriman("IKU-06", 88.5, "Valid", "Seksi Pemberdayaan Masyarakat"),
            ],
        )
        gw.write_rows(S.SKM_T, _skm())
        gw.write_rows(
            S.SAKIP_T,
            [
                dict(
                    tahun=2024,
                    skema="2021",
                    perencanaan=20,
                    pengukuran=19.5,
                    pelaporan=10,
                    evaluasi=15,
                ),
                dict(
                    tahun=2025,
                    skema="2021",
                    perencanaan=21,
                    pengukuran=20.5,
                    pelaporan=10.5,
                    evaluasi=17.25,
                ),
            ],
        )
        gw.write_rows(
            S.ANGGARAN_T,
            [
                dict(
                    kode="7.01.01",
                    nama="Program Penunjang Urusan Pemerintahan Daerah",
                    tingkat="Program",
                    pagu=1_000_000_000,
                    realisasi=950_000_000,
                ),
                dict(
                    kode="7.01.01.2.02",
                    nama="Administrasi Keuangan Perangkat Daerah",
                    tingkat="Kegiatan",
                    pagu=400_000_000,
                    realisasi=390_500_000,
                ),
                dict(
                    kode="7.01.02",
                    nama="Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
                    tingkat="Program",
                    pagu=250_000_000,
                    realisasi=200_000_000,
                ),
            ],
        )
    return path


@pytest.fixture
def filled(workbook_path: Path) -> Path:
    return fill_workbook(workbook_path)


def make(path: Path, **kw: Any) -> Path:
    with open_workbook(path, write=True) as gw:
        result = actions.make_report(gw, tanggal=dt.date(2026, 1, 20), **kw)
    return result.files[0]


# -- reading a docx back -----------------------------------------------------------------------


def body_text(doc: Any) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def table_with(doc: Any, *headers: str) -> Any:
    """The first table whose header row holds all ``headers``."""
    for t in doc.tables:
        found = {c.text.strip() for c in t.rows[0].cells}
        if set(headers) <= found:
            return t
    raise AssertionError(f"no table with headers {headers!r}")


def rows_of(table: Any) -> list[list[str]]:
    out = []
    for row in table.rows:
        cells = []
        for c in row.cells:
            cells.append(c.text.strip())
        out.append(cells)
    return out


def row_starting(table: Any, *prefix: str) -> list[str]:
    for r in rows_of(table):
        if r[: len(prefix)] == list(prefix):
            return r
    raise AssertionError(f"no row {prefix} in {rows_of(table)}")


def header_texts(doc: Any) -> list[str]:
    return [p.text for s in doc.sections for p in s.header.paragraphs]


def xml_of(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


# -- tests -------------------------------------------------------------------------------------


def test_report_has_the_permenpan_53_2014_outline(filled: Path) -> None:
    path = make(filled)
    assert path.name == "LKjIP_Wonoasih_2025_v1.docx"
    assert path.parent == filled.parent / "keluaran"
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "KATA PENGANTAR",
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "LAMPIRAN",
    ]
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    for wanted in (
        "A. Latar Belakang",
        "B. Gambaran Umum Organisasi",
        "C. Aspek Strategis",
        "D. Permasalahan Utama",
        "A. Rencana Strategis",
        "B. Perjanjian Kinerja Tahun 2025",
        "A. Capaian Kinerja Organisasi",
        "B. Realisasi Anggaran",
        "A. Kesimpulan",
        "Lampiran 1. Perjanjian Kinerja Tahun 2025",
        "Lampiran 2. Aturan Perhitungan yang Digunakan",
    ):
        assert wanted in h2
    h3 = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    # Bab I: struktur, tugas dan fungsi, SDM, sarana; Bab III: the seven analyses + IKM + SAKIP
    assert len([h for h in h3 if re.match(r"[1-9]\. ", h)]) == 4 + 9
    text = body_text(doc)
    assert "LAPORAN KINERJA" in text and "TAHUN 2025" in text and "KECAMATAN WONOASIH" in text
    assert "{{" not in text and "{%" not in text


def test_toc_field_and_update_fields_setting(filled: Path) -> None:
    path = make(filled)
    document = xml_of(path, "word/document.xml")
    assert 'TOC \\o "1-3" \\h \\z \\u' in document
    assert 'TOC \\h \\z \\c "Tabel"' in document
    assert "SEQ Tabel" in document and "SEQ Gambar" in document
    assert '<w:updateFields w:val="true"/>' in xml_of(path, "word/settings.xml")
    doc = Document(str(path))
    toc = [p.text for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert "BAB III AKUNTABILITAS KINERJA" in toc[3:] or any("BAB III" in t for t in toc)


def test_page_numbers_in_footer_roman_then_arabic(filled: Path) -> None:
    path = make(filled)
    doc = Document(str(path))
    footers = [s.footer for s in doc.sections]
    assert "PAGE" in footers[1]._element.xml
    document = xml_of(path, "word/document.xml")
    assert 'w:fmt="lowerRoman"' in document and 'w:fmt="decimal"' in document


def test_draft_header_by_default_and_marks_by_stage(filled: Path) -> None:
    draft = Document(str(make(filled)))
    assert any("DRAF" in t for t in header_texts(draft))
    koreksi = Document(str(make(filled, tahap="koreksi")))
    assert any("TERKOREKSI" in t for t in header_texts(koreksi))
    final = Document(str(make(filled, tahap="final", paksa=True, alasan="uji tanda tahap")))
    texts = header_texts(final)
    assert not any("DRAF" in t or "TERKOREKSI" in t for t in texts)
    assert "Catatan Penyusunan" not in body_text(final)


def test_stage_follows_the_sop_steps_in_the_journal(filled: Path) -> None:
    from lkjip_xl.actions import steps

    start = dt.datetime(2026, 1, 5, 8, 0)

    def run_until(last: int) -> None:
        with open_workbook(filled, write=True) as gw:
            done = {s["no"] for s in steps.step_status(gw).data["steps"] if s["selesai"]}
            for no in range(1, last + 1):
                if no in done:
                    continue
                t = start + dt.timedelta(days=no)
                steps.start_step(gw, no, waktu=t)
                steps.finish_step(gw, no, waktu=t + dt.timedelta(minutes=5))

    run_until(4)
    assert any("DRAF" in t for t in header_texts(Document(str(make(filled)))))
    run_until(5)
    assert any("TERKOREKSI" in t for t in header_texts(Document(str(make(filled)))))
    run_until(7)
    path = make(filled, paksa=True, alasan="uji tanda tahap")
    texts = header_texts(Document(str(path)))
    assert not any("DRAF" in t or "TERKOREKSI" in t for t in texts)
    # the internal SOP monitoring annex is not in the final unless the Pengaturan asks for it
    with pytest.raises(AssertionError):
        table_with(Document(str(path)), "Aktivitas")
    assert "Pemantauan Tahapan" not in "\n".join(p.text for p in Document(str(path)).paragraphs)
    with open_workbook(filled, write=True) as gw:
        rows = gw.read_rows(S.PROFIL)
        for r in rows:
            if r["kunci"] == "tampilkan_pemantauan_sop":
                r["nilai"] = "Ya"
        gw.write_rows(S.PROFIL, rows)
    tahapan = table_with(
        Document(str(make(filled, paksa=True, alasan="uji pemantauan SOP"))), "Aktivitas"
    )
    assert row_starting(tahapan, "7")[6] != "-"  # durasi of step 7 is shown


def test_each_generation_is_a_new_version(filled: Path) -> None:
    first = make(filled)
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    second = make(filled)
    assert first.name == "LKjIP_Wonoasih_2025_v1.docx"
    assert second.name == "LKjIP_Wonoasih_2025_v2.docx"
    assert hashlib.sha256(first.read_bytes()).hexdigest() == digest


def test_capaian_table_numbers_are_indonesian(filled: Path) -> None:
    doc = Document(str(make(filled)))
    t = table_with(doc, "Satuan", "Realisasi", "Kategori")
    assert rows_of(t)[0] == [
        "No",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian",
        "Kategori",
    ]
    ikm = row_starting(t, "1")
    assert ikm[3:] == ["80,00", "86,11", "107,64%", "Sangat Tinggi"]
    assert row_starting(t, "2")[3:] == ["70,00", "69,25", "98,93%", "Sangat Tinggi"]
    assert row_starting(t, "3")[3:] == ["95,00", "96,40", "101,47%", "Sangat Tinggi"]
    assert row_starting(t, "4")[3:] == ["5", "4", "120,00%", "Sangat Tinggi"]  # lower is better
    assert row_starting(t, "5")[4:] == ["belum ada data", "-", "-"]  # Ditolak is not used
    assert row_starting(t, "6")[1] == "Persentase sarana & prasarana <layak>"
    summary = table_with(doc, "Target", "Kategori")  # Ikhtisar: values with units
    assert row_starting(summary, "3")[2:] == ["95,00%", "96,40%", "101,47%", "Sangat Tinggi"]
    assert row_starting(summary, "4")[2:4] == ["5 kasus", "4 kasus"]
    assert row_starting(summary, "1")[2:4] == ["80,00", "86,11"]


def test_comparison_with_previous_years_and_renstra(filled: Path) -> None:
    doc = Document(str(make(filled)))
    trend = table_with(doc, "Perubahan")
    assert rows_of(trend)[0][3:6] == ["2023", "2024", "2025"]
    assert row_starting(trend, "1")[3:] == ["76,10", "78,50", "86,11", "+7,61"]
    assert row_starting(trend, "4")[3:] == ["9", "6", "4", "\u22122"]
    renstra = table_with(doc, "Target Akhir Renstra", "Capaian")
    assert row_starting(renstra, "1")[3:] == ["85,00", "86,11", "101,31%"]
    assert row_starting(renstra, "4")[3:] == ["2", "4", "0,00%"]  # (2×2 − 4)/2, floored at 0


def test_perjanjian_kinerja_groups_rows_of_one_sasaran(filled: Path) -> None:
    doc = Document(str(make(filled)))
    header = ["No", "Sasaran", "Indikator Kinerja", "Target", "Satuan"]
    pk = next(t for t in doc.tables if rows_of(t)[0] == header)
    # Format Data lists pelayanan, akuntabilitas, pelayanan, pelayanan, …: one block each
    assert [r[1] for r in rows_of(pk)[1:]] == [
        "Meningkatnya kualitas pelayanan publik",
        "Meningkatnya kualitas pelayanan publik",  # merged cell: python-docx repeats the text
        "Meningkatnya kualitas pelayanan publik",
        "Meningkatnya akuntabilitas kinerja",
        "Meningkatnya peran serta masyarakat",
        "Meningkatnya peran serta masyarakat",
    ]
    assert [r[0] for r in rows_of(pk)[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert pk._tbl.xml.count('w:vMerge w:val="restart"') == 3 and "<w:vMerge/>" in pk._tbl.xml


def test_ikm_tables_per_unsur_and_per_unit_with_mutu(filled: Path) -> None:
    doc = Document(str(make(filled)))
    unsur = table_with(doc, "NRR Tertimbang")
    assert row_starting(unsur, "U1")[2:] == ["20", "3,50", "0,389"]
    assert row_starting(unsur, "U8")[2:] == ["20", "3,00", "0,333"]
    assert rows_of(unsur)[-1][-1] == "3,444"
    unit = table_with(doc, "Unit Layanan", "Mutu")
    assert row_starting(unit, "1", UNIT_A)[2:] == ["10", "2,889", "72,22", "C", "Kurang Baik"]
    assert row_starting(unit, "2", UNIT_B)[2:] == ["10", "4,000", "100,00", "A", "Sangat Baik"]
    assert rows_of(unit)[-1][2:] == ["20", "3,444", "86,11", "B", "Baik"]


def test_sakip_and_budget_tables(filled: Path) -> None:
    doc = Document(str(make(filled)))
    sakip = table_with(doc, "Predikat")
    assert row_starting(sakip, "2025")[-2:] == ["69,25", "B (Baik)"]
    assert row_starting(sakip, "2024")[-2:] == ["64,50", "B (Baik)"]
    budget = table_with(doc, "Pagu (Rp)")
    assert row_starting(budget, "7.01.01")[2:] == ["1.000.000.000", "950.000.000", "95,00%"]
    assert row_starting(budget, "7.01.01.2.02")[1].startswith("\u2013 Administrasi")
    assert rows_of(budget)[-1][1:] == [
        "Jumlah (seluruh program)",
        "1.250.000.000",
        "1.150.000.000",
        "92,00%",
    ]


def test_charts_are_inline_images(filled: Path) -> None:
    doc = Document(str(make(filled)))
    # organisation chart, capaian, IKM per unsur, IKM over the years, SOP timeline (the plan
    # before step 1)
    assert len(doc.inline_shapes) == 5
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert "Gambar 1 Bagan Struktur Organisasi Kecamatan Wonoasih" in captions
    assert "Gambar 2 Capaian Indikator Kinerja Tahun 2025" in captions
    assert "Gambar 4 Perkembangan IKM Tahun 2023\u20132025" in captions


def test_logo_beside_the_workbook_goes_on_the_cover(filled: Path) -> None:
    from PIL import Image

    Image.new("RGB", (120, 140), (30, 90, 160)).save(filled.parent / "logo.png")
    doc = Document(str(make(filled)))
    assert len(doc.inline_shapes) == 6
    frames = ['w:val="thickThinSmallGap"' in s._sectPr.xml for s in doc.sections]
    assert frames == [True, False, False]  # only the cover is framed


def test_trend_chart_falls_back_to_sakip_without_ikm_history(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    rows = [dict(r) for r in INDICATORS]
    rows[0].update(realisasi_n1=None, realisasi_n2=None)
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.FORMAT, rows)
    captions = [p.text for p in Document(str(make(workbook_path))).paragraphs]
    assert "Gambar 4 Perkembangan Nilai SAKIP Tahun 2024\u20132025" in captions


def test_narrative_sentences_from_the_data(filled: Path) -> None:
    text = body_text(Document(str(make(filled))))
    assert (
        "IKM Kecamatan Wonoasih tahun 2025 sebesar 86,11 dengan mutu pelayanan B (Baik). "
        "Nilai ini naik 7,61 poin dibandingkan tahun 2024 (78,50)."
    ) in text
    assert (
        "Nilai SAKIP Kecamatan dengan realisasi 69,25 dari target 70,00 "
        "(0,75 di bawah target; capaian 98,93%)"
    ) in text
    assert "Dari 6 (enam) indikator kinerja yang diperjanjikan pada tahun 2025" in text
    assert "1 (satu) indikator belum ada datanya" in text
    assert "bobot setiap unsur 1/9 (tepat, tidak dibulatkan)" in text
    assert "U8 Penanganan Pengaduan, Saran dan Masukan (NRR 3,00)" in text


def test_rule_settings_are_stated(filled: Path) -> None:
    doc = Document(str(make(filled)))
    rules = {r[0]: r[1] for r in rows_of(table_with(doc, "Pilihan yang Dipakai"))[1:]}
    assert rules["Bobot unsur IKM"] == "1/9 (tepat)"
    assert rules["IKM keseluruhan"] == "gabungan seluruh responden"
    assert rules["Capaian indikator turun"].startswith("(2 × target − realisasi)")


def test_signature_block_of_the_camat(filled: Path) -> None:
    text = body_text(Document(str(make(filled))))
    assert "Probolinggo, 20 Januari 2026" in text
    assert "CAMAT WONOASIH" in text
    assert "(Nama Camat)" in text and "Pembina (IV/a)" in text
    assert "NIP. 19700101 199003 1 001" in text  # grouped as printed


def test_warnings_name_unvalidated_and_missing_data(filled: Path) -> None:
    with open_workbook(filled, write=True) as gw:
        result = actions.make_report(gw)
    joined = " ".join(result.peringatan)
    assert "IKU-05" in joined and "belum ada data" in joined
    assert "berbeda dengan hasil olah SKM" in joined and "(aturan indikator IKM:" in joined
    assert result.data["tahap"] == "draft"


def test_empty_workbook_still_gives_a_readable_draft(workbook_path: Path) -> None:
    doc = Document(str(make(workbook_path)))
    text = body_text(doc)
    assert "Belum ada indikator kinerja" in " ".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "Data Survei Kepuasan Masyarakat tahun ini belum tersedia" in text
