"""Issue 20, item 2 "Per-sasaran analyses": a filled workbook in, the LKjIP out, read back.

Budget linked to sasaran (efficiency per sasaran, unlinked programmes listed, cost per unit
of output), a national/provincial benchmark per indicator, the follow-up of last year's LHE
SAKIP recommendations and an Ikhtisar Eksekutif that names each sasaran's capaian, obstacles
and steps. Every expected figure is computed here from the inputs, independently of the
product's model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from test_report_docx import INDICATORS, fill_workbook, make, rows_of, table_with

from lkjip_xl.actions.readiness import validate_workbook
from lkjip_xl.domain.capaian import kategori_capaian
from lkjip_xl.domain.numbers import format_id, round_half_up
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import open_workbook

AKUNTABILITAS = "Meningkatnya akuntabilitas kinerja"
PERAN_SERTA = "Meningkatnya peran serta masyarakat"
PELAYANAN = "Meningkatnya kualitas pelayanan publik"

# A count-type indicator (satuan "orang", polaritas naik): its cost per unit can be shown.
PELATIHAN = dict(
    kode="IKU-07",
    sasaran=PERAN_SERTA,
    indikator="Jumlah warga yang mengikuti pelatihan keterampilan",
    satuan="orang",
    jenis="Lainnya",
    target=100,
    polaritas="Naik",
    penanggung_jawab="Seksi Pemberdayaan Masyarakat",
    realisasi_koreksi=120,
    alasan_koreksi="Daftar hadir pelatihan direkap ulang.",
    kendala="Jadwal pelatihan bentrok dengan musim panen",
    solusi="Pelatihan dipindah ke akhir pekan",
)

# Anggaran: (kode, nama, tingkat, pagu, realisasi, sasaran as typed)
BUDGET = [
    (
        "7.01.01",
        "Program Penunjang Urusan Pemerintahan Daerah",
        "Program",
        1e9,
        9.5e8,
        AKUNTABILITAS,
    ),
    # its kegiatan, linked too: counted through the programme, never twice
    (
        "7.01.01.2.02",
        "Administrasi Keuangan Perangkat Daerah",
        "Kegiatan",
        4e8,
        3.905e8,
        AKUNTABILITAS,
    ),
    (
        "7.01.02",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "Program",
        2.5e8,
        2e8,
        "",
    ),
    # linked with another case and spacing: still that sasaran
    (
        "7.01.03",
        "Program Pemberdayaan Masyarakat Kelurahan",
        "Program",
        3e8,
        2.4e8,
        "  meningkatnya PERAN serta   masyarakat ",
    ),
]

STANDAR = {
    "IKU-03": (98, "Standar pelayanan PATEN"),
    "IKU-04": (5, "Rata-rata kecamatan se-provinsi"),
}

LHE = [
    dict(
        tahun=2024,
        rekomendasi="Rek A cascading",
        tindak_lanjut="TL A",
        status="Selesai",
        bukti="Bukti A",
    ),
    dict(tahun=2024, rekomendasi="Rek B rencana aksi", status="Dalam Proses"),
    dict(
        tahun=2023,
        rekomendasi="Rek C evaluasi internal",
        tindak_lanjut="TL C",
        status="Belum",
        bukti="Bukti C",
    ),
]


def _persen(x: float) -> str:
    return format_id(x, 2) + "%"


def _rp(x: float) -> str:
    return format_id(x, 0)


def _fill(path: Path) -> Path:
    fill_workbook(path)
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(S.FORMAT)
        for r in rows:
            if r["kode"] in STANDAR:
                r["standar"], r["standar_sumber"] = STANDAR[r["kode"]]
            if r["kode"] == "IKU-06":
                r["kendala"] = "Dana swadaya lembaga terbatas"
                r["solusi"] = "Kemitraan dengan CSR perusahaan"
        gw.write_rows(S.FORMAT, [*rows, PELATIHAN])
        gw.write_rows(
            S.ANGGARAN_T,
            [
                dict(kode=k, nama=n, tingkat=t, pagu=p, realisasi=r, sasaran=s or None)
                for k, n, t, p, r, s in BUDGET
            ],
        )
        gw.write_rows(S.TINDAK_LANJUT_LHE_T, LHE)
    return path


@pytest.fixture
def report(workbook_path: Path) -> Any:
    return docx.Document(str(make(_fill(workbook_path))))


def _paragraphs(doc: Any) -> list[str]:
    """Every paragraph of the body in order, content controls (narrative slots) included."""
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))
    ]


def _after(paragraphs: list[str], heading: str) -> list[str]:
    """The paragraphs after the last paragraph equal to ``heading`` (the body, not the TOC)."""
    k = max(i for i, t in enumerate(paragraphs) if t.strip() == heading)
    return paragraphs[k + 1 :]


# -- the expected figures, from the inputs -------------------------------------------------------

SAKIP_2025 = 21 + 20.5 + 10.5 + 17.25  # fill_workbook's SAKIP row of the report year
CAPAIAN_AKUNTABILITAS = SAKIP_2025 / 70 * 100  # IKU-02, naik
# peran serta: IKU-05 has no valid realisasi (its Kiriman was refused); IKU-06 88.5 of 90;
# IKU-07 the correction 120 of 100
CAPAIAN_PERAN_SERTA = (88.5 / 90 * 100 + 120 / 100 * 100) / 2
SERAPAN_AKUNTABILITAS = 9.5e8 / 1e9 * 100
SERAPAN_PERAN_SERTA = 2.4e8 / 3e8 * 100


def _selisih(capaian: float, serapan: float) -> float:
    return round_half_up(capaian, 2) - round_half_up(serapan, 2)


def test_efficiency_table_per_sasaran_with_unlinked_programmes(report: Any) -> None:
    table = table_with(report, "Sasaran Strategis", "Program/Kegiatan", "Efisiensi (poin)")
    rows = {r[1]: r for r in rows_of(table)[1:]}
    akun = rows[AKUNTABILITAS]
    assert akun[2] == "Program Penunjang Urusan Pemerintahan Daerah"  # kegiatan not again
    assert akun[3] == _persen(CAPAIAN_AKUNTABILITAS)
    assert akun[4] == _rp(9.5e8) and akun[5] == _persen(SERAPAN_AKUNTABILITAS)
    d = _selisih(CAPAIAN_AKUNTABILITAS, SERAPAN_AKUNTABILITAS)
    assert akun[6] == f"Efisien (+{format_id(d, 2)})"

    peran = rows[PERAN_SERTA]
    assert peran[2] == "Program Pemberdayaan Masyarakat Kelurahan"
    assert peran[3] == _persen(CAPAIAN_PERAN_SERTA)
    assert peran[4] == _rp(2.4e8) and peran[5] == _persen(SERAPAN_PERAN_SERTA)
    d = _selisih(CAPAIAN_PERAN_SERTA, SERAPAN_PERAN_SERTA)
    assert peran[6] == f"Efisien (+{format_id(d, 2)})"

    # a sasaran with no programme: shown, not rated
    assert rows[PELAYANAN][2] == "Belum ada program yang dihubungkan"
    assert rows[PELAYANAN][6] == "Belum dapat dinilai"
    # the programme linked to nothing is listed as such, with its own figures
    loose = rows["Belum dihubungkan ke sasaran"]
    assert loose[2] == "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
    assert loose[4] == _rp(2e8) and loose[5] == _persen(2e8 / 2.5e8 * 100)

    text = "\n".join(_after(_paragraphs(report), "6. Analisis Efisiensi Penggunaan Sumber Daya"))
    # cost per unit of output: the sasaran's budget spent ÷ the count indicator's realisasi
    assert f"Rp{_rp(2.4e8 / 120)} per orang" in text
    assert "Program/kegiatan yang belum dihubungkan dengan sasaran: Program Penyelenggaraan" in text
    # no cost per unit for percentages, scores or a count that should go down
    assert "per kasus" not in text and "per Nilai" not in text and "per %" not in text


def test_benchmark_column_and_sentences_only_where_a_standard_is_entered(report: Any) -> None:
    table = table_with(report, "Standar", "Sumber Standar")
    body = rows_of(table)[1:]
    assert [r[1] for r in body] == [
        next(i["indikator"] for i in INDICATORS if i["kode"] == k) for k in STANDAR
    ]
    pct = next(r for r in body if r[2] == "%")  # IKU-03: 96,4 against 98 (naik)
    assert pct[3:] == ["96,40", "98,00", "Standar pelayanan PATEN", "Belum memenuhi standar"]
    kasus = next(r for r in body if r[2] == "kasus")  # IKU-04: 4 against 5 (turun: lower wins)
    assert kasus[3:] == ["4", "5", "Rata-rata kecamatan se-provinsi", "Lebih baik dari standar"]

    section = _after(_paragraphs(report), "4. Perbandingan dengan Standar Nasional")
    section = section[: next(i for i, t in enumerate(section) if t.startswith("5. Analisis"))]
    text = "\n".join(section)
    assert "di bawah standar 98,00% menurut Standar pelayanan PATEN" in text
    assert "di bawah standar 5 kasus menurut Rata-rata kecamatan se-provinsi" in text
    assert "lebih baik dari standar" in text
    # no generic sentence, and nothing about indicators without a standard
    assert "bersifat lokal" not in text
    assert "Nilai SAKIP Kecamatan" not in text and "lembaga kemasyarakatan" not in text


def test_lhe_follow_up_table_and_its_narrative(report: Any) -> None:
    table = table_with(report, "Rekomendasi", "Tindak Lanjut", "Status", "Bukti Dukung")
    assert rows_of(table)[1:] == [
        ["1", "2024", "Rek A cascading", "TL A", "Selesai", "Bukti A"],
        ["2", "2024", "Rek B rencana aksi", "-", "Dalam Proses", "-"],
        ["3", "2023", "Rek C evaluasi internal", "TL C", "Belum", "Bukti C"],
    ]
    paragraphs = _paragraphs(report)
    text = "\n".join(_after(paragraphs, "10. Tindak Lanjut Rekomendasi Hasil Evaluasi SAKIP"))
    assert (
        "Dari 3 (tiga) rekomendasi dalam LHE SAKIP tahun 2023 dan 2024, 1 (satu) rekomendasi "
        "telah selesai ditindaklanjuti, 1 (satu) rekomendasi dalam proses dan 1 (satu) "
        "rekomendasi belum ditindaklanjuti"
    ) in text
    # the Narasi slot for the office's own account (a draft shows what to write)
    assert "Pemanfaatan Hasil Evaluasi SAKIP" in text
    # Bab IV names the open recommendations, not a generic line
    closing = "\n".join(_after(paragraphs, "B. Langkah Perbaikan ke Depan"))
    assert "Rek B rencana aksi dan Rek C evaluasi internal" in closing
    assert "Rek A cascading" not in closing


def test_ikhtisar_states_each_sasaran_capaian_obstacles_and_steps(report: Any) -> None:
    paragraphs = _after(_paragraphs(report), "IKHTISAR EKSEKUTIF")
    paragraphs = paragraphs[: next(i for i, t in enumerate(paragraphs) if t.startswith("Tabel "))]
    by_start = {p.split(":")[0]: p for p in paragraphs if p.startswith("Sasaran ")}
    assert list(by_start) == [
        f"Sasaran 1, {PELAYANAN}",
        f"Sasaran 2, {AKUNTABILITAS}",
        f"Sasaran 3, {PERAN_SERTA}",
    ]
    akun = by_start[f"Sasaran 2, {AKUNTABILITAS}"]
    shown = round_half_up(CAPAIAN_AKUNTABILITAS, 2)
    assert f"capaian {_persen(shown)} (kategori {kategori_capaian(shown)})" in akun
    assert "0 (nol) indikator dari 1 (satu) indikator yang terukur mencapai target" in akun
    peran = by_start[f"Sasaran 3, {PERAN_SERTA}"]
    shown = round_half_up(CAPAIAN_PERAN_SERTA, 2)
    assert f"capaian {_persen(shown)} (kategori {kategori_capaian(shown)})" in peran
    assert "1 (satu) indikator dari 2 (dua) indikator yang terukur mencapai target" in peran
    # obstacles and steps from the units' narrative columns, lowest capaian first
    assert (
        "Kendala utama: Dana swadaya lembaga terbatas; Jadwal pelatihan bentrok dengan musim "
        "panen." in peran
    )
    assert (
        "Langkah yang ditempuh: Kemitraan dengan CSR perusahaan; Pelatihan dipindah ke akhir "
        "pekan." in peran
    )


def test_a_sasaran_in_anggaran_that_format_data_lacks_is_named_with_its_cell(
    workbook_path: Path,
) -> None:
    _fill(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        rows = gw.read_rows(S.ANGGARAN_T)
        rows[2]["sasaran"] = "Meningkatnya pelayanan"  # not a sasaran of Format Data
        gw.write_rows(S.ANGGARAN_T, rows)
        row = rows[2]["_row"]
    with open_workbook(workbook_path) as gw, pytest.raises(LkjipError) as err:
        validate_workbook(gw)
    problems = [p for p in err.value.problems if p.sheet == S.ANGGARAN]
    assert len(problems) == 1
    p = problems[0]
    assert p.cell == f"{col_letter(S.ANGGARAN_T.col_index('sasaran'))}{row}"
    assert "'Meningkatnya pelayanan'" in p.pesan and p.file == workbook_path.name
    assert f"'{AKUNTABILITAS}'" in p.perbaikan and "kosongkan" in p.perbaikan


def _drop_last_columns(ws: Any, table: S.Table, n: int) -> None:
    first_gone = table.first_col + len(table.columns) - n
    for row in ws.iter_rows(min_row=table.header_row, min_col=first_gone):
        for cell in row:
            cell.value = None
    t = ws.tables[table.name]
    start, end = t.ref.split(":")
    t.ref = f"{start}:{col_letter(first_gone - 1)}{''.join(c for c in end if c.isdigit())}"
    t.autoFilter.ref = t.ref
    del t.tableColumns[-n:]


def test_workbook_without_the_new_columns_and_sheet_still_renders(workbook_path: Path) -> None:
    """A workbook built before this issue: no Standar/Sasaran columns, no LHE sheet."""
    fill_workbook(workbook_path)
    wb = openpyxl.load_workbook(workbook_path, keep_vba=True)
    _drop_last_columns(wb[S.FORMAT_DATA], S.FORMAT, 2)
    _drop_last_columns(wb[S.ANGGARAN], S.ANGGARAN_T, 1)
    del wb[S.TINDAK_LANJUT_LHE]
    wb.save(workbook_path)

    doc = docx.Document(str(make(workbook_path)))
    eff = rows_of(table_with(doc, "Sasaran Strategis", "Efisiensi (poin)"))[1:]
    assert [r[6] for r in eff[:-1]] == ["Belum dapat dinilai"] * 3
    assert eff[-1][1] == "Belum dihubungkan ke sasaran"
    # every programme is listed as unlinked (none silently dropped)
    assert eff[-1][2] == (
        "Program Penunjang Urusan Pemerintahan Daerah; "
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
    )
    assert rows_of(table_with(doc, "Standar", "Sumber Standar"))[1][1] == (
        "Belum ada indikator dengan standar pembanding"
    )
    assert rows_of(table_with(doc, "Rekomendasi", "Status"))[1][2] == (
        "Belum ada rekomendasi yang dicatat"
    )
    text = "\n".join(_paragraphs(doc))
    assert "bersifat lokal" in text  # the one sentence when no indicator has a standard


def test_new_year_carries_open_lhe_recommendations_only(workbook_path: Path) -> None:
    from lkjip_xl.actions.new_year import new_year

    _fill(workbook_path)
    target = workbook_path.with_name("tahun_baru.xlsm")
    with open_workbook(workbook_path) as gw:
        new_year(gw, target, paksa=True)
    with open_workbook(target) as gw:
        rows = gw.read_rows(S.TINDAK_LANJUT_LHE_T)
        anggaran = gw.read_rows(S.ANGGARAN_T)
    assert [(r["rekomendasi"], r["status"], r.get("tindak_lanjut")) for r in rows] == [
        ("Rek B rencana aksi", "Dalam Proses", None),
        ("Rek C evaluasi internal", "Belum", "TL C"),
    ]
    # the link of a programme to its sasaran is kept; its figures start empty
    assert [r.get("sasaran") for r in anggaran][:1] == [AKUNTABILITAS]
    assert all(r.get("pagu") is None for r in anggaran)
