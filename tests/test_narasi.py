"""Issue 11: every narrative has a home, Word edits flow back, a final is really final."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from narasi_data import complete, ready, signed
from test_report_docx import fill_workbook
from test_xlwings_door import remote  # noqa: F401  (fixture)

from lkjip_xl.actions import forms
from lkjip_xl.actions import narasi as NA
from lkjip_xl.actions import report as actions
from lkjip_xl.actions import report_data as context
from lkjip_xl.domain import narasi as N
from lkjip_xl.errors import LkjipError
from lkjip_xl.report.slots import mark, read_document, strip_marks
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import open_workbook

DAY = dt.date(2026, 1, 20)


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=300
    )


def report(path: Path, **kw: Any) -> Any:
    with open_workbook(path, write=True) as gw:
        return actions.make_report(gw, tanggal=DAY, **kw)


def sdt(doc: Any, key: str) -> Any:
    for el in doc.element.body.iter(qn("w:sdt")):
        tag = el.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if tag is not None and tag.get(qn("w:val")) == key:
            return el
    raise AssertionError(f"no content control {key}")


def edit_in_word(path: Path, key: str, text: str) -> None:
    """What a person does in Word: type over the text of a content control (python-docx)."""
    doc = Document(str(path))
    el = sdt(doc, key)
    pr = el.find(qn("w:sdtPr"))
    if pr.find(qn("w:showingPlcHdr")) is not None:
        pr.remove(pr.find(qn("w:showingPlcHdr")))
    texts = list(el.find(qn("w:sdtContent")).iter(qn("w:t")))
    texts[0].text = text
    for t in texts[1:]:
        t.text = ""
    doc.save(str(path))


def narasi_cell(path: Path, kunci: str) -> Any:
    with open_workbook(path) as gw:
        return next(r["isi"] for r in gw.read_rows(S.NARASI_T) if r["kunci"] == kunci)


def format_cell(path: Path, kode: str, key: str) -> Any:
    with open_workbook(path) as gw:
        return next(r[key] for r in gw.read_rows(S.FORMAT) if r["kode"] == kode)


# -- the homes ---------------------------------------------------------------------------------


def test_a_fresh_workbook_has_a_narasi_row_per_topic(workbook_path: Path) -> None:
    with open_workbook(workbook_path) as gw:
        rows = gw.read_rows(S.NARASI_T)
        headers = [gw.read_cell(S.NARASI, f"{c}4") for c in "ABCDE"]
    assert headers == ["Kunci", "Bagian", "Judul", "Isi", "Petunjuk"]
    assert [r["kunci"] for r in rows] == [t.key for t in N.TOPICS]
    isi = {r["kunci"]: r["isi"] for r in rows}
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in isi["dasar_hukum"]
    assert "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan" in isi["dasar_hukum"]
    assert isi["visi"] is None and isi["sdm"] is None  # explicit empty cells
    for f in N.INDICATOR_FIELDS:
        assert f.header in S.FORMAT.headers and f.header in S.KIRIMAN_T.headers


def test_the_report_has_no_uraikan_and_every_narrative_is_a_content_control(
    workbook_path: Path,
) -> None:
    fill_workbook(workbook_path)
    path = report(workbook_path).files[0]
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "[uraikan]" not in "".join(doc.element.body.itertext())
    keys = {s.key for s in read_document(path).slots}
    assert {N.slot_key(t.key) for t in N.TOPICS if t.key != "serapan_anggaran"} <= keys
    assert "narasi:serapan_anggaran" in keys  # a program under 90 % in the sample data
    assert {"narasi:IKU-01:faktor", "narasi:IKU-06:kendala", "narasi:IKU-06:solusi"} <= keys
    el = sdt(doc, "narasi:visi")
    pr = el.find(qn("w:sdtPr"))
    assert pr.find(qn("w:alias")).get(qn("w:val")) == "Visi"
    assert pr.find(qn("w:showingPlcHdr")) is not None  # empty: a placeholder says where to write
    assert "Belum diisi: Visi" in "".join(el.itertext())
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in text  # dasar hukum from the workbook
    # sdtPr comes before sdtContent (schema order)
    assert [c.tag for c in el] == [qn("w:sdtPr"), qn("w:sdtContent")]


def test_slot_marks_round_trip_through_plain_text() -> None:
    s = "Faktor: " + mark("narasi:IKU-01:faktor", "Pelayanan cepat.") + " Lain."
    assert strip_marks(s) == "Faktor: Pelayanan cepat. Lain."
    assert N.parse_key("narasi:IKU-01:faktor") == ("IKU-01", "faktor")
    assert N.parse_key("narasi:visi") == ("visi", "")
    assert N.parse_key("lain") is None
    assert N.renstra_tahun_ke("2025–2029", 2026) == (2025, 2029, 2)
    assert N.renstra_tahun_ke("2025-2029", 2031) is None


# -- Word edits flow back ----------------------------------------------------------------------


def test_a_word_edit_in_a_slot_reaches_the_workbook_and_the_next_version(
    workbook_path: Path,
) -> None:
    fill_workbook(workbook_path)
    v1 = report(workbook_path).files[0]
    edit_in_word(v1, "narasi:visi", "Kecamatan yang melayani dengan cepat dan ramah.")
    edit_in_word(v1, "narasi:IKU-01:faktor", "Petugas pelayanan ditambah pada jam sibuk.")
    done = lkjip("report", "-w", workbook_path)
    assert done.returncode == 0, done.stderr
    assert "Diambil dari LKjIP_Wonoasih_2025_v1.docx ke workbook (2 isian)" in done.stdout
    assert "visi → Narasi D11" in done.stdout
    assert narasi_cell(workbook_path, "visi") == "Kecamatan yang melayani dengan cepat dan ramah."
    assert format_cell(workbook_path, "IKU-01", "faktor") == (
        "Petugas pelayanan ditambah pada jam sibuk."
    )
    v2 = v1.with_name("LKjIP_Wonoasih_2025_v2.docx")
    slots = {s.key: s for s in read_document(v2).slots}
    assert slots["narasi:visi"].text == "Kecamatan yang melayani dengan cepat dan ramah."
    assert slots["narasi:IKU-01:faktor"].text == "Petugas pelayanan ditambah pada jam sibuk"
    assert not any(s.changed for s in slots.values())
    # generating again takes nothing back (v2 is unedited) and keeps the workbook text
    again = report(workbook_path)
    assert "Diambil dari" not in again.pesan
    assert narasi_cell(workbook_path, "visi") == "Kecamatan yang melayani dengan cepat dan ramah."


def test_text_typed_outside_a_slot_is_reported_and_kept(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    v1 = report(workbook_path).files[0]
    doc = Document(str(v1))
    paras = doc.paragraphs
    at = next(i for i, p in enumerate(paras) if p.text == "C. Aspek Strategis")
    body = paras[at + 1]
    body.insert_paragraph_before("Wilayah kami juga rawan banjir pada musim hujan.")
    doc.save(str(v1))
    sekcam = v1.with_name("dari_sekcam.docx")
    sekcam.write_bytes(v1.read_bytes())
    done = lkjip("narasi", "ambil", sekcam, "-w", workbook_path)
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())
    assert "Tidak ada isian yang diubah di dari_sekcam.docx" in out
    assert (
        "Teks yang diketik di luar kotak isian di bawah judul 'C. Aspek Strategis' ('Wilayah "
        "kami juga rawan banjir pada musim hujan.') disimpan di sheet Narasi" in out
    )  # issue 20: kept for the next version (tests/test_narasi_conflict.py), not dropped
    result = report(workbook_path)  # the same report inside the next version's message
    assert any("rawan banjir" in w for w in result.peringatan)


def test_ambil_without_a_report_is_a_clear_message(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        NA.ambil_narasi(gw)
    assert err.value.pesan.startswith(
        "Belum ada dokumen LKjIP dari workbook ini di folder keluaran"
    )


# -- a final is really final -------------------------------------------------------------------


def test_a_final_is_refused_with_one_list_of_what_is_missing(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    signed(workbook_path)
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        actions.make_report(gw, tahap="final", tanggal=DAY)
    e = err.value
    assert e.pesan.startswith(
        "Versi final LKjIP tahun 2025 belum dapat dibuat: masih ada "
    ) and e.pesan.endswith(
        "hal yang harus dilengkapi. Isi setiap sel yang disebut, lalu buat laporan lagi "
        "(dalam keadaan darurat: --paksa --alasan)."
    )
    found = {(p.sheet, p.cell, p.pesan) for p in e.problems}
    late = "(Langkah 4 sudah dimulai: lengkapi segera.)"
    assert ("Narasi", "D11", f"uraian 'Visi' belum diisi. {late}") in found
    faktor = col_letter(S.FORMAT.col_index("faktor"))
    assert any(
        (p.sheet, p.cell) == ("Format Data", f"{faktor}5")
        and p.pesan.startswith("IKU-01: 'Faktor Pendukung/Penyebab' belum diisi")
        for p in e.problems
    )
    assert (
        "Pengaturan",
        "G5",
        "nama Camat belum diisi (masih '(Nama Camat)'). (Langkah 1 sudah dimulai: lengkapi "
        "segera.)",
    ) in found
    assert any(
        p.sheet == "Format Data" and p.pesan.startswith("Indikator IKU-05") for p in e.problems
    )
    # one cell, one line: the empty Visi slot is not listed a second time
    assert len([p for p in e.problems if (p.sheet, p.cell) == ("Narasi", "D11")]) == 1
    assert not list((workbook_path.parent / "keluaran").glob("*.docx"))  # nothing left behind


def test_a_periksa_error_blocks_a_final(workbook_path: Path) -> None:
    ready(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, [{"kode": "1", "nama": "Program A", "pagu": "banyak"}])
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        actions.make_report(gw, tahap="final", tanggal=DAY)
    assert ("Anggaran", "D5") in {(p.sheet, p.cell) for p in err.value.problems}
    assert {p.sheet for p in err.value.problems} == {"Anggaran"}


def test_paksa_needs_a_reason_and_leaves_a_visible_note_in_the_log(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        actions.make_report(gw, tahap="final", tanggal=DAY, paksa=True)
    assert err.value.pesan == (
        'Alasan wajib diisi untuk memaksa versi final (--paksa --alasan "..."); alasan dicatat '
        "di sheet Log."
    )
    result = report(
        workbook_path, tahap="final", paksa=True, alasan="batas waktu Bagian Organisasi"
    )
    assert result.data["dipaksa"] is True
    with open_workbook(workbook_path) as gw:
        log = [r for r in gw.read_rows(S.LOG_T) if r["aksi"] == "Versi final dipaksa"]
    assert len(log) == 1 and log[0]["hasil"] == "DIPAKSA"
    assert "Alasan: batas waktu Bagian Organisasi." in log[0]["rincian"]
    assert "Langkah 6 belum dicatat selesai." in log[0]["rincian"]
    assert "uraian 'Visi' belum diisi." in log[0]["rincian"]


def test_a_complete_workbook_gives_a_final_without_placeholders(workbook_path: Path) -> None:
    ready(workbook_path)
    path = report(workbook_path).files[0]
    text = "".join(Document(str(path)).element.body.itertext())
    assert "(Nama Camat)" not in text and "Belum diisi" not in text
    assert "Drs. Hadi Santoso, M.Si." in text


def test_letter_needs_a_final_and_a_second_letter_needs_baru(workbook_path: Path) -> None:
    ready(workbook_path)
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        actions.make_letter(gw, tanggal=DAY)
    assert err.value.pesan == (
        "Surat pengantar belum dapat dibuat: belum ada LKjIP tahun 2025 versi final. "
        "Selesaikan langkah 7 (penandatanganan Camat), lalu buat versi final (tombol Dokumen "
        "Final atau 'lkjip report')."
    )
    report(workbook_path, tahap="final")
    with open_workbook(workbook_path, write=True) as gw:
        first = actions.make_letter(gw, tanggal=DAY)
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        actions.make_letter(gw, tanggal=DAY)
    assert err.value.pesan == (
        f"Surat pengantar LKjIP tahun 2025 sudah dibuat dengan nomor {first.data['nomor']}. "
        "Surat kedua untuk tahun yang sama hanya dibuat dengan pilihan --baru; bila surat itu "
        "tidak jadi dipakai, batalkan dulu nomornya (Batalkan Nomor Surat atau 'lkjip letter "
        "--batal NOMOR --alasan ...')."
    )
    with open_workbook(workbook_path, write=True) as gw:
        assert actions.make_letter(gw, tanggal=DAY, baru=True).data["urut"] == 2
    done = lkjip("letter", "-w", workbook_path)
    assert done.returncode == 2 and "hanya dibuat dengan pilihan --baru" in done.stderr


def test_archive_refuses_a_report_with_an_empty_slot(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        actions.make_report(gw, tahap="final", tanggal=DAY, paksa=True, alasan="uji")
        actions.make_letter(gw, tanggal=DAY)
        with pytest.raises(LkjipError) as err:
            actions.archive(gw)
    e = err.value
    assert e.pesan.startswith("LKjIP_Wonoasih_2025_v1.docx belum dapat diarsipkan: masih ada ")
    assert e.pesan.endswith(" isian laporan yang kosong.")
    assert any(
        p.sheet == "Narasi"
        and p.cell == "D11"
        and p.pesan == ("Isian laporan 'Visi' kosong di LKjIP_Wonoasih_2025_v1.docx.")
        for p in e.problems
    )


# -- the unit forms ----------------------------------------------------------------------------


def _fill_form(path: Path, texts: dict[str, dict[str, Any]]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Isian"]
    head = {c.value: c.column for c in ws[6] if c.value}
    for r in range(7, ws.max_row + 1):
        kode = ws.cell(r, head["Kode"]).value
        if kode in texts:
            for header, value in texts[kode].items():
                ws.cell(r, head[header]).value = value
    wb.save(path)


def test_form_narratives_round_trip_with_cell_level_validation(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        exported = forms.export_forms(gw)
    form = next(p for p in exported.files if "Pelayanan_Umum" in p.name)
    wb = openpyxl.load_workbook(form)
    head = [c.value for c in wb["Isian"][6]]
    assert head[-4:] == [f.header for f in N.INDICATOR_FIELDS]
    kodes = [wb["Isian"].cell(r, 2).value for r in range(7, wb["Isian"].max_row + 1)]
    assert len(kodes) >= 2
    good, bad = kodes[0], kodes[1]
    _fill_form(
        form,
        {
            good: {
                "Realisasi": "90",
                "Faktor Pendukung/Penyebab": "Loket dibuka lebih awal.",
                "Kendala/Penghambat": "Jaringan lambat.",
                "Solusi/Langkah": "Menambah bandwidth.",
            },
            bad: {
                "Realisasi": "50",
                "Faktor Pendukung/Penyebab": "=A1",
                "Solusi/Langkah": "x" * 2001,
            },
        },
    )
    with open_workbook(workbook_path, write=True) as gw:
        result = forms.import_forms(gw, [form])
    report_ = result.data["files"][0]
    assert report_["status"] == "sebagian"
    errors = {(e["cell"], e["pesan"]) for e in report_["errors"]}
    assert ("K8", "Faktor Pendukung/Penyebab: berisi rumus (=A1), bukan uraian.") in errors
    assert (
        "M8",
        "Solusi/Langkah: uraian terlalu panjang (2.001 karakter; paling banyak 2.000).",
    ) in errors
    assert report_["file"] == form.name and all(e["sheet"] == "Isian" for e in report_["errors"])
    with open_workbook(workbook_path) as gw:
        kiriman = [r for r in gw.read_rows(S.KIRIMAN_T) if r["kode"] == good]
        data = context.gather(gw, tanggal=DAY)
    assert kiriman[-1]["faktor"] == "Loket dibuka lebih awal."
    row = next(r for r in data.indikator if r.kode == good)
    assert (row.faktor, row.kendala, row.solusi) == (
        "Loket dibuka lebih awal.",
        "Jaringan lambat.",
        "Menambah bandwidth.",
    )
    # the Kasubbag's own text in Format Data wins over the unit's
    with open_workbook(workbook_path, write=True) as gw:
        rows = gw.read_rows(S.FORMAT)
        next(r for r in rows if r["kode"] == good)["faktor"] = "Versi Kasubbag."
        gw.write_rows(S.FORMAT, rows)
        data = context.gather(gw, tanggal=DAY)
    assert next(r for r in data.indikator if r.kode == good).faktor == "Versi Kasubbag."


def test_ribbon_button_takes_back_through_the_live_book(
    workbook_path: Path,
    remote: Any,  # noqa: F811  (the fixture imported above)
) -> None:
    from xlwings_remote import apply_actions

    from lkjip_xl.excel.ribbon import run_control

    v1 = report(workbook_path).files[0]
    edit_in_word(v1, "narasi:misi", "Melayani dengan sepenuh hati.")
    book = remote(workbook_path)
    result = run_control(book, "narasi_ambil", path=workbook_path)
    assert result is not None
    assert result.pesan == (
        "Dibaca: LKjIP_Wonoasih_2025_v1.docx. Diambil dari LKjIP_Wonoasih_2025_v1.docx ke "
        "workbook (1 isian): misi → Narasi D12."
    )
    apply_actions(workbook_path, book.json()["actions"])
    assert narasi_cell(workbook_path, "misi") == "Melayani dengan sepenuh hati."


def test_a_removed_content_control_is_reported_with_its_text(workbook_path: Path) -> None:
    complete(workbook_path)
    v1 = report(workbook_path).files[0]
    doc = Document(str(v1))
    el = sdt(doc, "narasi:visi")  # unwrap it, as an editor without content controls does
    for p in list(el.find(qn("w:sdtContent"))):
        el.addprevious(p)
    el.getparent().remove(el)
    doc.save(str(v1))
    with open_workbook(workbook_path, write=True) as gw:
        result = NA.ambil_narasi(gw, v1)
    assert result.peringatan[0].startswith(
        "1 kotak isian tidak ada lagi di LKjIP_Wonoasih_2025_v1.docx"
    )
    assert any("Uraian Visi tahun ini." in w for w in result.peringatan[1:])
