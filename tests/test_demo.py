"""`lkjip demo`: the whole SOP, end to end, as the README's first command runs it."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest

from lkjip_xl.journal import Journal
from lkjip_xl.report.pdf import find_soffice
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("demo") / "hasil"
    run = subprocess.run(
        ["lkjip", "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        # as the README's command runs it: with the Daftar Isi's page numbers when LibreOffice
        # is installed (the suite turns that off elsewhere)
        env={
            **{k: v for k, v in os.environ.items() if k != "LKJIP_TANPA_HALAMAN"},
            "COLUMNS": "160",
        },
    )
    return out, run


def _header_text(path: Path) -> str:
    d = docx.Document(str(path))
    return " ".join(p.text for s in d.sections for p in s.header.paragraphs)


def _all_text(path: Path) -> str:
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in d.paragraphs), *cells])


def test_demo_runs_and_prints_a_summary(demo: tuple[Path, Any]) -> None:
    _out, run = demo
    assert run.returncode == 0, run.stderr
    assert "Demo selesai: delapan langkah SOP dijalankan." in run.stdout
    assert "1 ditolak" in run.stdout  # the faulty form
    assert "Melebihi mutu baku" in run.stdout  # step 3 ran over its three days


def test_all_eight_steps_are_finished_in_the_workbook(demo: tuple[Path, Any]) -> None:
    out, _ = demo
    wb = out / "LKjIP_Wonoasih.xlsm"
    with open_workbook(wb) as gw:
        rows = gw.read_rows(S.TAHAPAN_T)
    assert [r["no"] for r in rows] == list(range(1, 9))
    assert all(r["selesai"] is not None for r in rows)
    statuses = {r["no"]: r["status"] for r in rows}
    assert statuses[3] == "Melebihi mutu baku"
    assert statuses[1] == statuses[7] == "Tepat waktu"


def test_kiriman_holds_every_valid_value_after_the_correction(demo: tuple[Path, Any]) -> None:
    from lkjip_xl.demo.data import indicators, realisasi
    from lkjip_xl.domain.numbers import parse_number
    from lkjip_xl.domain.profile import default_profile

    out, _ = demo
    profile = default_profile()
    with open_workbook(out / "LKjIP_Wonoasih.xlsm") as gw:
        kiriman = gw.read_rows(S.KIRIMAN_T)
    got = {(r["kode"]): r["realisasi"] for r in kiriman}
    expected = {k: parse_number(v) for k, v in realisasi(profile).items()}
    assert got == {k: expected[k] for k in (i["kode"] for i in indicators(profile))}
    # The rejected form and its correction are both in the incoming archive, byte for byte.
    archive = out / "arsip_masuk"
    for sent in (out / "balasan_unit").rglob("*.*"):
        digest = hashlib.sha256(sent.read_bytes()).hexdigest()
        assert list(archive.glob(digest + ".*")), sent


def test_three_report_versions_with_their_marks(demo: tuple[Path, Any]) -> None:
    out, _ = demo
    v1, v2, v3 = (out / "keluaran" / f"LKjIP_Wonoasih_2025_v{i}.docx" for i in (1, 2, 3))
    assert "DRAF" in _header_text(v1)
    assert "TERKOREKSI" in _header_text(v2)
    assert "DRAF" not in _header_text(v3) and "TERKOREKSI" not in _header_text(v3)
    text = "\n".join(p.text for p in docx.Document(str(v3)).paragraphs)
    for heading in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "PENDAHULUAN", "PENUTUP"):
        assert heading in text.upper()


def test_letter_is_numbered_and_everything_is_archived(demo: tuple[Path, Any]) -> None:
    out, _ = demo
    manifest = json.loads((out / "arsip" / "2025" / "manifest.json").read_text())
    nomor = manifest["nomor_surat"]
    assert nomor == "050/1/425.503/2026"
    for item in manifest["files"]:
        path = out / "arsip" / "2025" / item["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == item["sha256"]
    letters = [f for f in manifest["files"] if f["nomor_surat"] == nomor]
    assert letters
    assert nomor in _all_text(out / "arsip" / "2025" / letters[0]["file"])
    events = Journal(out / "jurnal" / "LKjIP_Wonoasih.jsonl").events()
    assert any(e["jenis"] == "laporan_dibuat" for e in events)


def _final(out: Path) -> Path:
    return out / "arsip" / "2025" / "LKjIP_Wonoasih_2025_v3.docx"


def test_every_generated_document_is_clean_text(demo: tuple[Path, Any]) -> None:
    """No double full stop, "draf" (EYD V) and neutral sources in every document of the demo."""
    import re

    out, _ = demo
    documents = sorted((out / "keluaran").glob("*.docx"))
    # three report versions, the letter, the Perjanjian Kinerja and Rencana Aksi made in
    # January and the four quarterly monev reports (issue 22)
    assert len(documents) == 10
    assert [p.name for p in documents if p.name.startswith("Monev")] == [
        f"Monev_Wonoasih_2025_TW{n}_v1.docx" for n in (1, 2, 3, 4)
    ]
    assert (out / "keluaran" / "PK_Wonoasih_2025_v1.docx") in documents
    assert (out / "keluaran" / "Rencana_Aksi_Wonoasih_2025_v1.docx") in documents
    for path in documents:
        text = _all_text(path) + "\n" + _header_text(path)
        assert re.search(r"(?<!\.)\.\s*\.(?!\.)", text) is None, path.name
        assert re.search(r"\bdraft\b", text, re.IGNORECASE) is None, path.name
    final = _all_text(_final(out))
    for word in ("sheet", "ROUND", "Excel", "Kiriman", "Format Data", "Catatan Penyusunan"):
        assert word not in final, word
    assert "Pemantauan Tahapan" not in final  # internal SOP monitoring: not in the final


def test_final_report_has_what_a_reviewer_looks_for(demo: tuple[Path, Any]) -> None:
    out, _ = demo
    text = _all_text(_final(out))
    for wanted in (
        "Pernyataan Telah Direviu",
        "INSPEKTORAT KOTA PROBOLINGGO",
        "C. Indikator Kinerja Utama",
        "Definisi/Formula",
        "Capaian Sasaran",
        "Profil Responden Survei Kepuasan Masyarakat",
        "Nilai Interval Konversi",
        "telah memenuhi sampel minimum",
        "Saran Responden yang Paling Sering Disampaikan",
        "NIP. 19730512 199303 1 004",  # the demo Camat, grouped as printed
    ):
        assert wanted in text, wanted


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not found")
def test_final_report_daftar_isi_has_page_numbers_as_saved(demo: tuple[Path, Any]) -> None:
    out, _ = demo
    doc = docx.Document(str(_final(out)))
    entries = [p for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert entries
    for p in entries:
        texts = [t.text for t in p._p.iter() if t.tag.endswith("}t") and t.text]
        if not texts:  # the paragraph that closes the field
            continue
        assert len(texts) == 2 and (
            texts[1].isdigit() or texts[1] in ("i", "ii", "iii", "iv", "v", "vi")
        ), texts


def test_the_final_is_complete_with_narratives_from_the_forms_and_the_narasi_sheet(
    demo: tuple[Path, Any],
) -> None:
    from lkjip_xl.demo import data
    from lkjip_xl.domain.profile import default_profile
    from lkjip_xl.report.slots import read_document

    out, _ = demo
    v3 = out / "keluaran" / "LKjIP_Wonoasih_2025_v3.docx"
    body = "".join(docx.Document(str(v3)).element.body.itertext())
    assert "[uraikan]" not in body and "(Nama " not in body and "Belum diisi" not in body
    slots = {s.key: s.text for s in read_document(v3).slots}
    assert all(slots[k] for k in slots if not k.endswith(":efisiensi"))
    # from a unit's returned form (imported into Kiriman)
    assert slots["narasi:IKU-05:faktor"] == data.indicator_narratives(default_profile())["IKU-05"][
        "faktor"
    ].rstrip(".")
    # from the Narasi sheet, including the Sekcam's correction made in Word on the draft
    assert slots["narasi:visi"] == data.NARASI_SHEET["visi"]
    assert slots["narasi:kesimpulan"].endswith("dasar penyusunan rencana aksi tahun berikutnya.")
    with open_workbook(out / "LKjIP_Wonoasih.xlsm") as gw:
        isi = {r["kunci"]: r["isi"] for r in gw.read_rows(S.NARASI_T)}
        camat = next(r for r in gw.read_rows(S.PEJABAT) if r["peran"] == "Camat")
    assert isi["kesimpulan"] == slots["narasi:kesimpulan"]
    assert camat["nama"] in body and not camat["nama"].startswith("(")


def _body_text(path: Path) -> str:
    """Every w:t of the document body (paragraphs, tables, content controls)."""
    from docx.oxml.ns import qn

    d = docx.Document(str(path))
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in d.element.body.iter(qn("w:p"))
    )


def test_unit_keterangan_never_reaches_a_koreksi_or_final_body(demo: tuple[Path, Any]) -> None:
    """The units' Keterangan (and the corrected form's import note) are for the Kasubbag: only
    the draft's compiler notes carry them."""
    out, _ = demo
    notes = ("Sesuai laporan bulanan", "Perbaikan: angka ditulis ulang", "Keterangan dari")
    keluaran = out / "keluaran"
    for name in ("LKjIP_Wonoasih_2025_v2.docx", "LKjIP_Wonoasih_2025_v3.docx"):
        body = _body_text(keluaran / name)
        for note in notes:
            assert note not in body, (name, note)
    draft = _body_text(keluaran / "LKjIP_Wonoasih_2025_v1.docx")
    before, _, annex = draft.partition("Catatan Penyusunan")
    assert "Perbaikan: angka ditulis ulang." in annex  # the Kasubbag still sees it
    assert "Sesuai laporan bulanan" not in before  # but not in the analysis itself


def test_demo_runs_four_quarterly_rounds(demo: tuple[Path, Any]) -> None:
    """Issue 22: quarter forms out and back four times (one unit late in triwulan II, one
    correction in triwulan III), a monev report per quarter, nothing in the annual Kiriman."""
    from lkjip_xl.actions import triwulan as T
    from lkjip_xl.journal import Journal
    from lkjip_xl.workbook import schema as S

    out, _run = demo
    wb = out / "LKjIP_Wonoasih.xlsm"
    with open_workbook(wb) as gw:
        rows = gw.read_rows(S.REALISASI_TW_T)
        beranda = [gw.read_cell(S.BERANDA, c) for c in T.BERANDA_TW_CELLS]
        events = Journal(gw.workspace.journal).events()
        from lkjip_xl.actions.forms import forms_status

        status = forms_status(gw, triwulan=2).data
    names = {u["kode"]: u["nama"] for u in status["units"]}
    assert {r["triwulan"] for r in rows} == {1, 2, 3, 4}
    assert all(b.startswith("dibuat · ") and b.endswith("monev v1") for b in beranda)
    assert [names[k] for k in status["terlambat"]] == ["Kelurahan Sumbertaman"]
    corrected = [r for r in rows if r["triwulan"] == 3 and r["kode"] == "IKU-05"]
    assert [r["realisasi"] for r in corrected] == [98]
    monev = [e for e in events if e.get("jenis") == "monev_dibuat"]
    assert [(e["tahun"], e["triwulan"], e["versi"]) for e in monev] == [
        (2025, n, 1) for n in (1, 2, 3, 4)
    ]
    imports = [e for e in events if e.get("jenis") == "impor_formulir" and e.get("triwulan")]
    assert imports and all(e["status"] == "diterima" for e in imports)
    # after triwulan IV the LKjIP's realisation of every indicator follows from the quarters
    # by its rule through the one model (the SKM/LHE result for IKM and Nilai SAKIP), equal
    # to the units' annual figures: 0 mismatches
    from lkjip_xl.actions.kinerja import gather
    from lkjip_xl.demo import data as demo_data
    from lkjip_xl.domain.numbers import parse_number

    with open_workbook(wb) as gw:
        model = gather(gw).kinerja
        expected = {k: parse_number(v) for k, v in demo_data.realisasi(gw.profile()).items()}
    mismatches = [
        f.kode
        for f in model.indikator
        if f.realisasi is None or round(f.realisasi, 2) != round(expected[f.kode], 2)
    ]
    assert mismatches == []
    assert model.perbedaan == []
    assert {f.kode: f.sumber for f in model.indikator if f.jenis == "Lainnya"} == {
        f.kode: "triwulan" for f in model.indikator if f.jenis == "Lainnya"
    }
    sources = {f.kode: f.sumber_realisasi for f in model.indikator}
    assert sources["IKU-04"] == "realisasi triwulan (jumlah TW I–IV)"  # Kumulatif
    assert sources["IKU-03"] == "realisasi triwulan (TW IV)"  # Nilai Terakhir
    assert sources["IKU-01"] == "hasil olah SKM" and sources["IKU-02"] == "LHE SAKIP"
    # the final LKjIP's Bab III shows the quarterly trend
    final = out / "keluaran" / "LKjIP_Wonoasih_2025_v3.docx"
    tables = [
        [[c.text.strip() for c in r.cells] for r in t.rows]
        for t in docx.Document(str(final)).tables
    ]
    trend = [t for t in tables if t[0][-4:] == ["TW I", "TW II", "TW III", "TW IV"]]
    assert len(trend) == 1 and len(trend[0]) == 1 + 2 * len(model.indikator)


def test_the_final_carries_every_analysis_an_evaluator_scores(demo: tuple[Path, Any]) -> None:
    """Issue 20 on the demo's final, as a reviewer reads it: a per-sasaran efficiency table, a
    benchmark column for the indicators with a standard, the LHE follow-up table, the
    organisation chart in Bab I, Word-numbered lists, and "IKU" only on flagged indicators."""
    from docx.oxml.ns import qn

    out, _ = demo
    final = docx.Document(str(_final(out)))
    with open_workbook(out / "LKjIP_Wonoasih.xlsm") as gw:
        indicators = gw.read_rows(S.FORMAT)
        follow_up = [r for r in gw.read_rows(S.TINDAK_LANJUT_LHE_T) if r.get("rekomendasi")]

    def table_with(header: str) -> Any:
        found = [t for t in final.tables if header in [c.text for c in t.rows[0].cells]]
        assert len(found) == 1, header
        return found[0]

    sasaran = {str(r["sasaran"]).strip().lower() for r in indicators}
    efisiensi = table_with("Efisiensi (poin)")
    assert len(efisiensi.rows) - 1 == len(sasaran)
    assert {r.cells[1].text.strip().lower() for r in efisiensi.rows[1:]} == sasaran
    with_standard = [r for r in indicators if r.get("standar") not in (None, "")]
    banding = table_with("Standar")
    assert with_standard and len(banding.rows) - 1 == len(with_standard)
    assert {r.cells[1].text for r in banding.rows[1:]} == {r["indikator"] for r in with_standard}
    lhe = table_with("Tindak Lanjut")
    assert [c.text for c in lhe.rows[0].cells][2:] == [
        "Rekomendasi",
        "Tindak Lanjut",
        "Status",
        "Bukti Dukung",
    ]
    assert [r.cells[2].text for r in lhe.rows[1:]] == [r["rekomendasi"] for r in follow_up]
    # the organisation chart: an image with its caption, between the Bab I and Bab II headings
    body = list(final.element.body.iter(qn("w:p")))
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body]

    def style(p: Any) -> str:
        found = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        return "" if found is None else str(found.get(qn("w:val")))

    headings = [i for i, p in enumerate(body) if style(p) == "Heading1"]
    bab1 = next(i for i in headings if texts[i] == "BAB I PENDAHULUAN")
    bab2 = next(i for i in headings if texts[i].startswith("BAB II "))
    (caption,) = [
        i for i, p in enumerate(body) if style(p) == "Caption" and "Bagan Struktur" in texts[i]
    ]
    assert bab1 < caption < bab2
    assert any(body[i].findall(".//" + qn("w:drawing")) for i in range(caption - 2, caption))
    # numbered lists are Word's own numbering, never typed "1." text
    numbered = [p for p in body if p.find(qn("w:pPr") + "/" + qn("w:numPr")) is not None]
    assert len(numbered) > 20
    # the IKU table lists only the indicators flagged IKU
    iku_names = {r["indikator"] for r in indicators if str(r.get("iku") or "Ya") != "Tidak"}
    other = {r["indikator"] for r in indicators} - iku_names
    assert other  # the demo flags the kelurahan PBB indicators as not IKU
    iku = next(
        t for t in final.tables if any("Definisi/Formula" in c.text for c in t.rows[0].cells)
    )
    assert {r.cells[2].text for r in iku.rows[1:]} == iku_names
