"""Issue 20, item 5: edits in Word and in the workbook never overwrite each other.

User level: a workbook in, a report (.docx) out, edited with python-docx as a person edits in
Word, then taken back with ``lkjip report`` / ``lkjip narasi ambil`` / the ribbon button.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from narasi_data import ready
from test_narasi import edit_in_word, format_cell, lkjip, narasi_cell, report
from test_report_docx import fill_workbook
from test_xlwings_door import remote  # noqa: F401  (fixture)

from lkjip_xl.actions import narasi as NA
from lkjip_xl.errors import NeedsConfirmation
from lkjip_xl.report.slots import document_origin, read_document
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

WORD_VISI = "Kecamatan yang melayani dengan cepat, ramah dan tuntas (teks Sekcam di Word)."
BOOK_VISI = "Kecamatan yang maju dan sejahtera (teks Kasubbag di workbook)."


def set_narasi(path: Path, kunci: str, text: str) -> None:
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(S.NARASI_T)
        next(r for r in rows if r["kunci"] == kunci)["isi"] = text
        gw.write_rows(S.NARASI_T, rows)


def set_format(path: Path, kode: str, key: str, text: str) -> None:
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(S.FORMAT)
        next(r for r in rows if r["kode"] == kode)[key] = text
        gw.write_rows(S.FORMAT, rows)


def both_changed(path: Path) -> Path:
    """v1 made; then visi edited in Word AND in the workbook; IKU-01 faktor edited both too."""
    fill_workbook(path)
    v1 = report(path).files[0]
    edit_in_word(v1, "narasi:visi", WORD_VISI)
    edit_in_word(v1, "narasi:IKU-01:faktor", "Faktor dari Word.")
    edit_in_word(v1, "narasi:misi", "Misi hanya diubah di Word.")
    set_narasi(path, "visi", BOOK_VISI)
    set_format(path, "IKU-01", "faktor", "Faktor dari workbook.")
    return v1


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_both_changed_is_refused_with_both_texts_and_nothing_written(workbook_path: Path) -> None:
    v1 = both_changed(workbook_path)
    before = workbook_path.read_bytes()
    done = lkjip("report", "-w", workbook_path)
    assert done.returncode == 2, done.stdout
    err = one_line(done.stderr)
    assert "2 isian narasi diubah di DUA tempat sejak LKjIP_Wonoasih_2025_v1.docx dibuat" in err
    assert "--pakai word" in err and "--pakai workbook" in err
    # each conflict: its sheet and cell, the workbook text and the Word text
    assert f"sheet 'Narasi', sel D11: 'Visi' (visi). Teks workbook: '{BOOK_VISI}'." in err
    assert f"Teks Word: '{WORD_VISI}'" in err
    assert "sheet 'Format Data'" in err and "Teks workbook: 'Faktor dari workbook.'" in err
    assert "Teks Word: 'Faktor dari Word.'" in err
    # nothing taken (not even the slot changed in Word only), no new version
    assert workbook_path.read_bytes() == before
    assert not v1.with_name("LKjIP_Wonoasih_2025_v2.docx").exists()
    assert narasi_cell(workbook_path, "visi") == BOOK_VISI
    # narasi ambil refuses the same way
    done = lkjip("narasi", "ambil", "-w", workbook_path)
    assert done.returncode == 2
    assert "Teks Word: 'Faktor dari Word.'" in one_line(done.stderr)


def test_pakai_word_takes_the_word_text(workbook_path: Path) -> None:
    both_changed(workbook_path)
    done = lkjip("report", "-w", workbook_path, "--pakai", "word")
    assert done.returncode == 0, done.stderr
    out = one_line(done.stdout)
    assert "Narasi Word dibaca dari LKjIP_Wonoasih_2025_v1.docx." in out
    assert "Isian visi (Narasi D11) diubah di workbook dan di Word; dipakai teks Word" in out
    assert narasi_cell(workbook_path, "visi") == WORD_VISI
    assert format_cell(workbook_path, "IKU-01", "faktor") == "Faktor dari Word."
    assert narasi_cell(workbook_path, "misi") == "Misi hanya diubah di Word."
    v2 = workbook_path.parent / "keluaran" / "LKjIP_Wonoasih_2025_v2.docx"
    slots = {s.key: s.text for s in read_document(v2).slots}
    assert slots["narasi:visi"] == WORD_VISI


def test_pakai_workbook_keeps_the_cell_and_still_takes_the_rest(workbook_path: Path) -> None:
    both_changed(workbook_path)
    done = lkjip("narasi", "ambil", "-w", workbook_path, "--pakai", "workbook")
    assert done.returncode == 0, done.stderr
    out = one_line(done.stdout)
    assert out.startswith("Dibaca: LKjIP_Wonoasih_2025_v1.docx.")
    assert "dipakai teks workbook (--pakai workbook)" in out
    assert narasi_cell(workbook_path, "visi") == BOOK_VISI
    assert format_cell(workbook_path, "IKU-01", "faktor") == "Faktor dari workbook."
    assert narasi_cell(workbook_path, "misi") == "Misi hanya diubah di Word."
    with open_workbook(workbook_path) as gw:
        log = " ".join(str(r.get("rincian") or r) for r in gw.read_rows(S.LOG_T))
    assert "dipakai teks workbook" in log


def test_only_one_side_changed_is_no_conflict(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    v1 = report(workbook_path).files[0]
    edit_in_word(v1, "narasi:visi", WORD_VISI)
    set_narasi(workbook_path, "misi", "Misi baru dari workbook.")
    result = report(workbook_path)
    assert "Diambil dari LKjIP_Wonoasih_2025_v1.docx ke workbook (1 isian)" in result.pesan
    assert narasi_cell(workbook_path, "visi") == WORD_VISI
    assert narasi_cell(workbook_path, "misi") == "Misi baru dari workbook."
    # the same text typed on both sides is no conflict either
    v2 = result.files[0]
    edit_in_word(v2, "narasi:misi", "Teks yang sama.")
    set_narasi(workbook_path, "misi", "Teks yang sama.")
    assert "dibaca dari" in report(workbook_path).pesan


@pytest.mark.parametrize(
    ("answer_given", "used", "visi"), [("no", "workbook", BOOK_VISI), ("yes", "word", WORD_VISI)]
)
def test_ribbon_asks_and_each_answer_picks_its_side(
    workbook_path: Path,
    remote: Any,  # noqa: F811  (the fixture imported above)
    monkeypatch: Any,
    answer_given: str,
    used: str,
    visi: str,
) -> None:
    from xlwings_remote import apply_actions

    from lkjip_xl.excel import ribbon

    both_changed(workbook_path)
    asked: list[str] = []
    answer = ["cancel"]

    def choose(book: Any, question: str) -> str:  # the Ya/Tidak/Batal box the user answers
        asked.append(question)
        return answer[0]

    monkeypatch.setattr(ribbon, "choose", choose)
    book = remote(workbook_path)
    assert ribbon.run_control(book, "narasi_ambil", path=workbook_path) is None
    assert f"Workbook: '{BOOK_VISI}'" in asked[0]
    assert f"Word: '{WORD_VISI}'" in asked[0]
    assert "Narasi D11" in asked[0]
    assert "Ya = pakai teks Word" in asked[0] and "Tidak = pakai teks workbook" in asked[0]
    assert narasi_cell(workbook_path, "visi") == BOOK_VISI

    answer[0] = answer_given
    book = remote(workbook_path)
    result = ribbon.run_control(book, "narasi_ambil", path=workbook_path)
    assert result is not None and result.data["konflik"][0]["dipakai"] == used
    apply_actions(workbook_path, book.json()["actions"])
    assert narasi_cell(workbook_path, "visi") == visi
    assert narasi_cell(workbook_path, "misi") == "Misi hanya diubah di Word."

    # once decided, a later button does not ask again and keeps the decision
    asked.clear()
    book = remote(workbook_path)
    result = ribbon.run_control(book, "report_draft", path=workbook_path)
    assert result is not None and asked == []
    apply_actions(workbook_path, book.json()["actions"])
    assert narasi_cell(workbook_path, "visi") == visi


def test_conflict_is_a_needs_confirmation_with_both_choices(workbook_path: Path) -> None:
    both_changed(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        try:
            NA.ambil_narasi(gw)
        except NeedsConfirmation as exc:
            assert exc.konfirmasi == {"pakai": "word"}
            assert exc.konfirmasi_tidak == {"pakai": "workbook"}
            assert exc.problems[0].cell == "D11"
        else:
            raise AssertionError("no conflict raised")


# -- a Word "Save As" copy ---------------------------------------------------------------------


def test_a_renamed_save_as_copy_is_found_and_taken_back(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    v1 = report(workbook_path).files[0]
    origin = document_origin(v1)
    assert (
        origin is not None and origin.workbook == "LKJIP/Wonoasih/" + origin.workbook.split("/")[-1]
    )
    assert (origin.tahun, origin.versi) == (2025, 1)
    copy = v1.with_name("LKjIP final revisi Sekcam.docx")
    shutil.copy2(v1, copy)
    edit_in_word(copy, "narasi:visi", WORD_VISI)
    assert copy.stat().st_mtime_ns > v1.stat().st_mtime_ns  # saved after v1 was made
    # a document of another workbook in the same folder is never taken
    other = v1.with_name("LKjIP kecamatan lain.docx")
    shutil.copy2(v1, other)
    _set_origin(other, "LKJIP/Lain/9.99")
    future = copy.stat().st_mtime + 3600
    os.utime(other, (future, future))
    done = lkjip("report", "-w", workbook_path)
    assert done.returncode == 0, done.stderr
    out = one_line(done.stdout)
    assert "Narasi Word dibaca dari LKjIP final revisi Sekcam.docx." in out
    assert "Diambil dari LKjIP final revisi Sekcam.docx ke workbook (1 isian)" in out
    assert narasi_cell(workbook_path, "visi") == WORD_VISI
    # given a folder, narasi ambil picks the newest of this workbook (now v2, unedited)
    done = lkjip("narasi", "ambil", workbook_path.parent / "keluaran", "-w", workbook_path)
    assert done.returncode == 0, done.stderr
    assert "Dibaca: LKjIP_Wonoasih_2025_v2.docx." in one_line(done.stdout)


def _set_origin(path: Path, workbook: str) -> None:
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("customXml/item") and b"urn:lkjip-xl:narasi" in data:
                data = data.replace(b'workbook="LKJIP/Wonoasih/', f'workbook="{workbook}'.encode())
            dst.writestr(item, data)
    tmp.replace(path)


# -- text typed outside a slot -----------------------------------------------------------------


def _type_under(path: Path, heading: str, text: str) -> None:
    """Type a new paragraph right after the first paragraph under ``heading`` (Word-like)."""
    doc = Document(str(path))
    paras = doc.paragraphs
    at = next(i for i, p in enumerate(paras) if p.text == heading)
    paras[at + 1].insert_paragraph_before(text)
    doc.save(str(path))


def all_text(path: Path) -> str:
    """Every paragraph's text, content controls included, one paragraph per line."""
    doc = Document(str(path))
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))
    )


def _section_texts(path: Path, heading: str) -> list[str]:
    """Paragraph texts (content controls included) between ``heading`` and the next heading."""
    doc = Document(str(path))
    out: list[str] = []
    inside = False
    for p in doc.element.body.iter(qn("w:p")):
        ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = (ps.get(qn("w:val")) or "") if ps is not None else ""
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if style.lower().startswith("heading"):
            if inside:
                break
            inside = text == heading
            continue
        if inside and text:
            out.append(text)
    return out


def test_outside_text_is_carried_into_the_next_version_under_its_heading(
    workbook_path: Path,
) -> None:
    fill_workbook(workbook_path)
    v1 = report(workbook_path).files[0]
    _type_under(v1, "C. Aspek Strategis", "Wilayah kami juga rawan banjir pada musim hujan.")
    done = lkjip("report", "-w", workbook_path)
    assert done.returncode == 0, done.stderr
    out = one_line(done.stdout)
    assert (
        "Teks yang diketik di luar kotak isian di bawah judul 'C. Aspek Strategis' ('Wilayah "
        "kami juga rawan banjir pada musim hujan.') disimpan di sheet Narasi" in out
    )
    assert "'Tambahan dari Word (v1):'" in out
    with open_workbook(workbook_path) as gw:
        row = next(r for r in gw.read_rows(S.NARASI_T) if str(r["kunci"]).startswith("tambahan"))
    assert row["bagian"] == "C. Aspek Strategis"
    assert row["judul"] == "Tambahan dari Word (v1)"
    assert row["isi"] == "Wilayah kami juga rawan banjir pada musim hujan."
    v2 = v1.with_name("LKjIP_Wonoasih_2025_v2.docx")
    section = _section_texts(v2, "C. Aspek Strategis")
    marked = "Tambahan dari Word (v1): Wilayah kami juga rawan banjir pada musim hujan."
    assert marked in section
    assert section.index(marked) == len(section) - 1  # at the end of that section only
    doc = Document(str(v2))
    p = next(p for p in doc.paragraphs if p.text == "Tambahan dari Word (v1): ")
    assert p.runs[0].italic  # the label; the text itself is a content control after it
    # in v2 it is a content control (editable, taken back) and not outside text any more
    parsed = read_document(v2)
    assert parsed.outside == []
    assert any(s.key == f"narasi:{row['kunci']}" for s in parsed.slots)
    # it appears once in the whole document
    assert all_text(v2).count("rawan banjir") == 1
    # taking v2 back (unchanged) adds nothing; a v3 still carries it once
    report(workbook_path)
    v3 = v1.with_name("LKjIP_Wonoasih_2025_v3.docx")
    assert all_text(v3).count("rawan banjir") == 1
    with open_workbook(workbook_path) as gw:
        extra = [r for r in gw.read_rows(S.NARASI_T) if str(r["kunci"]).startswith("tambahan")]
    assert len(extra) == 1


def test_carried_text_passes_the_final_gate_and_reaches_the_final(workbook_path: Path) -> None:
    ready(workbook_path)
    v1 = report(workbook_path, tahap="draft").files[0]
    _type_under(v1, "C. Aspek Strategis", "Catatan Camat untuk pembaca tentang banjir.")
    result = report(workbook_path, tahap="final")
    assert result.data["tahap"] == "final" and not result.data["dipaksa"]
    final = result.files[0]
    text = all_text(final)
    assert "Tambahan dari Word (v1): Catatan Camat untuk pembaca tentang banjir." in text
    done = lkjip("periksa", "-w", workbook_path)
    assert "tambahan_word" not in done.stdout + done.stderr


def test_a_new_year_empties_the_carried_rows(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        rows = gw.read_rows(S.NARASI_T)
        rows.append(
            {
                "kunci": "tambahan_word_1",
                "bagian": "C. Aspek Strategis",
                "judul": "Tambahan dari Word (v1)",
                "isi": "Teks tahun lalu.",
            }
        )
        gw.write_rows(S.NARASI_T, rows)
    done = lkjip("tahun-baru", "--workbook", workbook_path, "--paksa")
    assert done.returncode == 0, done.stderr
    new = workbook_path.with_name("LKjIP_Wonoasih_2026.xlsm")
    with open_workbook(new) as gw:
        row = next(r for r in gw.read_rows(S.NARASI_T) if r["kunci"] == "tambahan_word_1")
    assert row["isi"] is None
    assert narasi_cell(workbook_path, "tambahan_word_1") == "Teks tahun lalu."


def test_a_word_text_already_taken_is_not_taken_again_over_a_later_cell_edit(
    workbook_path: Path,
) -> None:
    fill_workbook(workbook_path)
    v1 = report(workbook_path).files[0]
    edit_in_word(v1, "narasi:visi", WORD_VISI)
    assert lkjip("narasi", "ambil", "-w", workbook_path).returncode == 0
    assert narasi_cell(workbook_path, "visi") == WORD_VISI
    set_narasi(workbook_path, "visi", BOOK_VISI)  # the Kasubbag edits the cell afterwards
    done = lkjip("report", "-w", workbook_path)  # v1 is still the newest document
    assert done.returncode == 0, done.stderr
    assert narasi_cell(workbook_path, "visi") == BOOK_VISI
    v2 = v1.with_name("LKjIP_Wonoasih_2025_v2.docx")
    assert {s.key: s.text for s in read_document(v2).slots}["narasi:visi"] == BOOK_VISI


def test_a_conflict_once_decided_is_not_asked_again(workbook_path: Path) -> None:
    both_changed(workbook_path)
    assert lkjip("narasi", "ambil", "-w", workbook_path, "--pakai", "workbook").returncode == 0
    done = lkjip("report", "-w", workbook_path)
    assert done.returncode == 0, done.stderr
    assert narasi_cell(workbook_path, "visi") == BOOK_VISI
    assert format_cell(workbook_path, "IKU-01", "faktor") == "Faktor dari workbook."
