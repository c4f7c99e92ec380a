"""The cover letter and the register of letter numbers (SOP step 8)."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from lkjip_xl.actions import report as actions
from lkjip_xl.domain.profile import default_profile
from lkjip_xl.errors import LkjipError
from lkjip_xl.journal import Journal
from lkjip_xl.report import letter as L
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

DAY = dt.date(2026, 1, 20)


def letter(path: Path, **kw: Any) -> Any:
    """A letter for the year (a second one with ``baru``), after a (forced) final report."""
    with open_workbook(path, write=True) as gw:
        final = [e for e in Journal(gw.workspace.journal).events("laporan_dibuat")]
        if not any(e.get("tahap") == "final" for e in final):
            actions.make_report(gw, tahap="final", tanggal=DAY, paksa=True, alasan="uji surat")
        kw.setdefault("baru", True)
        return actions.make_letter(gw, tanggal=kw.pop("tanggal", DAY), **kw)


def register(path: Path) -> list[dict[str, Any]]:
    with open_workbook(path) as gw:
        return gw.read_rows(S.REGISTER_T)


def all_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def tembusan_items(path: Path) -> list[str]:
    """The tembusan as Word numbers it: items of one numbered list (``w:numPr``, no typed
    numbers), after the "Tembusan:" line."""
    from docx.oxml.ns import qn

    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    after = doc.paragraphs[texts.index("Tembusan:") + 1 :]
    items = [p for p in after if p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None]
    ids = {
        p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val")) for p in items
    }
    assert len(ids) <= 1, ids  # one list
    return [p.text for p in items]


def test_letter_carries_the_registered_number(workbook_path: Path) -> None:
    result = letter(workbook_path)
    assert result.data["nomor"] == "050/1/425.503/2026"
    text = all_text(result.files[0])
    for wanted in (
        "PEMERINTAH KOTA PROBOLINGGO",
        "KECAMATAN WONOASIH",
        "Jl. Raya Wonoasih, Kota Probolinggo",
        "Probolinggo, 20 Januari 2026",
        "050/1/425.503/2026",
        "Biasa",
        "1 (satu) berkas",
        "Penyampaian Laporan Kinerja Instansi Pemerintah (LKjIP) Kecamatan Wonoasih Tahun 2025",
        "Yth. Kepala Bagian Organisasi Sekretariat Daerah Kota Probolinggo",
        "CAMAT WONOASIH,",
        "(Nama Camat)",
        "Pembina (IV/a)",
        "NIP. 19700101 199003 1 001",
        "Tembusan:",
    ):
        assert wanted in text, wanted
    assert tembusan_items(result.files[0]) == ["Yth. Inspektur Kota Probolinggo", "Arsip"]
    assert "{{" not in text and "{%" not in text
    assert "Yth. Camat" not in text  # the default tembusan never names the signatory
    assert "a.n." not in text
    rows = register(workbook_path)
    assert [(r["urut"], r["nomor"], r["status"]) for r in rows] == [
        (1, "050/1/425.503/2026", "Terpakai")
    ]
    assert rows[0]["tanggal"] == DAY


def test_lampiran_in_words_and_custom_hal(workbook_path: Path) -> None:
    result = letter(workbook_path, lampiran=3, hal="Penyampaian LKjIP & Perjanjian Kinerja")
    text = all_text(result.files[0])
    assert "3 (tiga) berkas" in text
    assert "Penyampaian LKjIP & Perjanjian Kinerja" in text


def test_numbers_follow_each_other_and_a_void_number_is_not_reissued(workbook_path: Path) -> None:
    first = letter(workbook_path)
    second = letter(workbook_path)
    assert (first.data["urut"], second.data["urut"]) == (1, 2)
    with open_workbook(workbook_path, write=True) as gw:
        voided = actions.void_letter(gw, second.data["nomor"], "salah tujuan")
    assert "dibatalkan" in voided.pesan
    third = letter(workbook_path)
    assert third.data["nomor"] == "050/3/425.503/2026"
    rows = {r["urut"]: r for r in register(workbook_path)}
    assert rows[2]["status"] == "Batal" and "salah tujuan" in rows[2]["keterangan"]
    assert rows[1]["status"] == rows[3]["status"] == "Terpakai"
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError, match="sudah"):
        actions.void_letter(gw, second.data["nomor"], "lagi")


def test_sequence_restarts_with_the_letter_year(workbook_path: Path) -> None:
    letter(workbook_path, tanggal=dt.date(2025, 12, 30))
    result = letter(workbook_path, tanggal=dt.date(2026, 1, 2))
    assert result.data["nomor"] == "050/1/425.503/2026"


def test_numbers_typed_into_the_register_are_never_reused(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(
            S.REGISTER_T,
            [
                dict(
                    urut=7,
                    nomor="050/7/425.503/2026",
                    tanggal=dt.date(2026, 1, 15),
                    hal="Undangan rapat",
                    tujuan="Lurah se-Kecamatan",
                    status="Terpakai",
                )
            ],
        )
    result = letter(workbook_path)
    assert result.data["nomor"] == "050/8/425.503/2026"
    assert [r["urut"] for r in register(workbook_path)] == [7, 8]


def test_a_failed_document_voids_its_number(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_a: Any, **_k: Any) -> Path:
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(L, "render_letter", broken)
    with pytest.raises(RuntimeError):
        letter(workbook_path)
    monkeypatch.undo()
    journal = Journal(workbook_path.parent / "jurnal" / f"{workbook_path.stem}.jsonl")
    assert [(n.urut, n.status) for n in L.letter_numbers(journal)] == [(1, "Batal")]
    assert letter(workbook_path).data["urut"] == 2


def test_pattern_without_urut_is_refused() -> None:
    profile = default_profile().model_copy(update={"pola_nomor_surat": "050/{kode_unit}/{tahun}"})
    with pytest.raises(LkjipError, match="urut"):
        L.format_nomor(profile, 1, 2026)


def test_void_needs_a_reason_and_a_known_number(workbook_path: Path) -> None:
    nomor = letter(workbook_path).data["nomor"]
    with open_workbook(workbook_path, write=True) as gw:
        with pytest.raises(LkjipError, match="alasan"):
            actions.void_letter(gw, nomor, "  ")
        with pytest.raises(LkjipError, match="tidak ada di register"):
            actions.void_letter(gw, "050/99/425.503/2026", "salah")


def _reserve_many(journal_path: str, count: int, queue: Any) -> None:
    journal = Journal(Path(journal_path))
    profile = default_profile()
    got = [
        L.reserve_number(journal, profile, tanggal=DAY, hal="uji", tujuan="uji").urut
        for _ in range(count)
    ]
    queue.put(got)


def test_two_processes_never_share_a_number(tmp_path: Path) -> None:
    journal_path = tmp_path / "jurnal" / "LKjIP.jsonl"
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    workers = [
        ctx.Process(target=_reserve_many, args=(str(journal_path), 15, queue)) for _ in range(4)
    ]
    for w in workers:
        w.start()
    results = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0
    numbers = [n for r in results for n in r]
    assert sorted(numbers) == list(range(1, 61))
    for r in results:
        assert r == sorted(r)
    journal = Journal(journal_path)
    assert len({n.nomor for n in L.letter_numbers(journal)}) == 60


def test_letter_context_escapes_and_counts() -> None:
    profile = default_profile()
    number = L.LetterNumber(
        urut=4, nomor="050/4/425.503/2026", tahun=2026, tanggal=DAY, hal="A & B", tujuan="X"
    )
    ctx = L.letter_context(profile, number, lampiran=2)
    assert ctx["lampiran"] == "2 (dua) berkas"
    assert ctx["tanggal"] == "20 Januari 2026"
    assert ctx["penandatangan"]["jabatan"] == "CAMAT WONOASIH"


def test_a_staff_edited_template_beside_the_workbook_is_used(workbook_path: Path) -> None:
    from lkjip_xl.report.templates import LETTER_TEMPLATE, TEMPLATE_DIR

    doc = Document(str(TEMPLATE_DIR / LETTER_TEMPLATE))
    para = next(p for p in doc.paragraphs if p.text == "Tembusan:")
    para.runs[0].text = "Tembusan disampaikan kepada:"
    (workbook_path.parent / "templates").mkdir()
    doc.save(str(workbook_path.parent / "templates" / LETTER_TEMPLATE))
    text = all_text(letter(workbook_path).files[0])
    assert "Tembusan disampaikan kepada:" in text and "050/1/425.503/2026" in text


def test_missing_templates_are_generated(
    workbook_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lkjip_xl.report import templates as T

    monkeypatch.setattr(T, "TEMPLATE_DIR", tmp_path / "tidak_ada")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    result = letter(workbook_path)
    # cached under the generator's own digest, so an upgrade never reuses an old template
    assert len(list((tmp_path / "lkjip_templates").glob(f"*/{T.LETTER_TEMPLATE}"))) == 1
    assert "050/1/425.503/2026" in all_text(result.files[0])


def test_ribbon_void_takes_number_and_reason_in_one_text(workbook_path: Path) -> None:
    first = letter(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        with pytest.raises(LkjipError, match="titik koma"):
            actions.void_letter_text(gw, first.data["nomor"])
        actions.void_letter_text(gw, f" {first.data['nomor']} ; salah tujuan ")
    rows = {r["urut"]: r for r in register(workbook_path)}
    assert rows[1]["status"] == "Batal" and "salah tujuan" in rows[1]["keterangan"]


def _set_settings(path: Path, **values: Any) -> None:
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(S.PROFIL)
        for r in rows:
            if r["kunci"] in values:
                r["nilai"] = values[r["kunci"]]
        gw.write_rows(S.PROFIL, rows)


def _signature_lines(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs if p.style.name == "Tanda Tangan" and p.text]


def test_sekcam_signs_on_behalf_of_the_camat(workbook_path: Path) -> None:
    _set_settings(
        workbook_path,
        penandatangan_surat="Sekcam a.n. Camat",
        tembusan="Yth. Camat Wonoasih (sebagai laporan); Yth. Sekretaris Kecamatan Wonoasih; Arsip",
    )
    result = letter(workbook_path)
    assert _signature_lines(result.files[0]) == [
        "a.n. CAMAT WONOASIH",
        "SEKRETARIS KECAMATAN WONOASIH,",
        "(Nama Sekcam)",
        "Penata Tingkat I (III/d)",
        "NIP. 19750202 200003 2 002",
    ]
    text = all_text(result.files[0])
    # the Camat may be copied when the Sekcam signs; the signer never is
    assert "Yth. Sekretaris Kecamatan" not in text
    assert tembusan_items(result.files[0]) == ["Yth. Camat Wonoasih (sebagai laporan)", "Arsip"]


def test_the_camat_is_never_copied_on_his_own_letter(workbook_path: Path) -> None:
    _set_settings(workbook_path, tembusan="Yth. Camat Wonoasih (sebagai laporan); Arsip")
    result = letter(workbook_path)
    assert _signature_lines(result.files[0])[0] == "CAMAT WONOASIH,"
    text = all_text(result.files[0])
    assert "Camat Wonoasih (sebagai laporan)" not in text
    assert tembusan_items(result.files[0]) == ["Arsip"]


def test_signer_setting_is_checked() -> None:
    from lkjip_xl.workbook.profile_io import profile_from_tables, profile_to_tables

    tables = profile_to_tables(default_profile())
    for k, r in enumerate(tables[S.PROFIL.name]):
        r["_row"] = 5 + k
        if r["kunci"] == "penandatangan_surat":
            r["nilai"] = "Lurah"
    with pytest.raises(LkjipError) as err:
        profile_from_tables(tables, "LKjIP.xlsm")
    assert "penandatangan_surat" in str(err.value)


def _png(path: Path) -> Path:
    import base64

    path.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
    )
    return path


def test_logo_named_in_pengaturan_goes_in_the_kop(workbook_path: Path) -> None:
    _png(workbook_path.parent / "lambang_kota.png")
    _set_settings(workbook_path, logo="lambang_kota.png")
    result = letter(workbook_path)
    doc = Document(str(result.files[0]))
    kop = doc.tables[0].rows[0].cells[0]
    assert kop._tc.xpath(".//pic:pic"), "the logo is an inline picture in the kop"


def test_a_missing_logo_file_is_a_clear_message(workbook_path: Path) -> None:
    _set_settings(workbook_path, logo="tidak_ada.png")
    with pytest.raises(LkjipError, match=r"tidak_ada\.png.*tidak ditemukan"):
        letter(workbook_path)
    assert register(workbook_path) == []  # refused before a number was taken


def test_letter_settings_have_no_field_update_and_a_valid_zoom(workbook_path: Path) -> None:
    import zipfile

    result = letter(workbook_path)
    with zipfile.ZipFile(result.files[0]) as z:
        settings = z.read("word/settings.xml").decode("utf-8")
    assert "updateFields" not in settings
    assert re.search(r'<w:zoom [^>]*w:percent="100"', settings)
