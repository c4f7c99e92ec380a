"""The xlwings door through xlwings' real Windows code path, on a COM test double of Excel.

``fake_excel`` stubs pywin32 so ``xlwings/_xlwindows.py`` imports on Linux and hands it a
fake Application/Workbook/Worksheet/Range that counts round trips, parses strings as
Excel does and enforces sheet protection. These tests show what a ribbon click costs in
COM round trips, that text arrives as text, and that a COM failure mid-commit changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from fake_excel import ANSWERS, MESSAGES, FakeWorkbook, excel_parse, load_book, xw_book

from lkjip_xl.excel.ribbon import run_control
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import controls as C
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.xlwings_door import XlwingsGateway

MAX_TRIPS = 300

TEKS = {
    "letter_void": "050/1/425.503/2026; salah tujuan",
    "step_undo": "salah tekan",
    # the quarter typed at the Pemantauan Triwulan buttons' input box
    **{c: "1" for c in ("tw_export", "tw_email", "tw_import", "tw_status", "tw_monev")},
}


@pytest.fixture(autouse=True)
def _in_january_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's LKjIP 2025 is made in January 2026, before its deadline (a later clock makes
    Mulai Langkah 1 ask first: see test_year_rollover.py)."""
    monkeypatch.setenv("LKJIP_SEKARANG", "2026-01-12T08:15:00+07:00")


@pytest.fixture(scope="module")
def _demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lkjip_xl.demo.run import _prepare_workbook
    from lkjip_xl.domain.profile import default_profile

    return _prepare_workbook(tmp_path_factory.mktemp("demo"), default_profile())


@pytest.fixture
def demo_path(_demo_book: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "kerja" / _demo_book.name
    dest.parent.mkdir()
    shutil.copy2(_demo_book, dest)
    return dest


def _trips(fake: FakeWorkbook) -> Any:
    return object.__getattribute__(fake, "_trips")


def test_excel_parses_typed_text_as_the_double_does() -> None:
    assert excel_parse("01") == (1.0, None)
    assert excel_parse("198503302010011002")[0] == pytest.approx(1.985033020100110e17)
    assert excel_parse("1/2")[0] == dt.datetime(2026, 1, 2)
    assert excel_parse("50%") == (0.5, "0%")
    assert excel_parse("1.1") == (1.1, None)
    assert excel_parse("Kelurahan Jrebeng Kidul") == ("Kelurahan Jrebeng Kidul", None)


def test_every_ribbon_button_stays_under_300_round_trips(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lkjip_xl.report.pdf as pdf
    from lkjip_xl.errors import LkjipError

    def no_pdf(*_a: Any, **_k: Any) -> Any:
        raise LkjipError("PDF tidak dibuat di pengujian ini.")

    monkeypatch.setattr(pdf, "to_pdf", no_pdf, raising=False)
    fake = load_book(demo_path)
    book = xw_book(fake)
    trips = _trips(fake)
    counts: dict[str, int] = {}
    messages: dict[str, str] = {}
    results: dict[str, Any] = {}
    for ctl in C.CONTROLS:
        if ctl.id == "forms_import":  # the units send their filled forms back first
            from lkjip_xl.demo.run import _fill_returned_forms
            from lkjip_xl.domain.profile import default_profile
            from lkjip_xl.workspace import Workspace

            _fill_returned_forms(
                default_profile(),
                list(results["forms_export"].files),
                list(results["forms_email"].files),
                Workspace(demo_path).inbox,
            )
        trips.reset()
        MESSAGES.clear()
        # The year is not finished when Workbook Tahun Baru is clicked: it asks, the user
        # says Yes.
        asks = ctl.id == "tahun_baru"
        ANSWERS[:] = [6] if asks else []
        results[ctl.id] = run_control(book, ctl.id, TEKS.get(ctl.id, ""))
        counts[ctl.id] = trips.count
        # every click ends in one message box (after the Yes/No question, if any)
        assert len(MESSAGES) == 1 + asks, (ctl.id, MESSAGES)
        assert "tak terduga" not in MESSAGES[-1][0], (ctl.id, MESSAGES[-1][0])
        messages[ctl.id] = MESSAGES[-1][0]
    print("\nround trips per button:", counts)
    over = {k: v for k, v in counts.items() if v > MAX_TRIPS}
    assert not over, over
    # the step buttons really wrote the live book (not a no-op that happens to be cheap)
    rows = XlwingsGateway(book).read_rows(S.TAHAPAN_T)
    assert rows[0]["status"] != "Belum mulai"
    assert messages["s1_mulai"].startswith("Langkah 1 ")
    kiriman = XlwingsGateway(book).read_rows(S.KIRIMAN_T)
    assert len(kiriman) > 10, messages["forms_import"]  # Impor Kiriman really merged forms
    assert fake.saved >= 1  # the ribbon saves the book after a write
    # the quarter buttons: forms of triwulan I written, the annual forms in the inbox refused
    # by the quarter's import (they are not quarter forms), the monev report made
    written = [f for f in results["tw_export"].files if f.suffix == ".xlsx"]
    assert written and all(f.is_file() for f in written)
    assert messages["tw_export"].startswith(f"{len(written)} formulir unit triwulan I dibuat")
    assert (
        "bukan formulir triwulan I" in messages["tw_import"] or "ditolak" in messages["tw_import"]
    )
    assert messages["tw_monev"].startswith("Laporan monev triwulan I"), messages["tw_monev"]


def test_commit_pauses_excel_and_restores_it(demo_path: Path) -> None:
    fake = load_book(demo_path)
    book = xw_book(fake)
    app = fake.Application
    run_control(book, "s1_mulai")
    assert app.ScreenUpdating is True and app.EnableEvents is True
    assert app.Calculation == -4105  # automatic again
    log = _trips(fake).log
    assert "set ScreenUpdating" in log and log.count("call Unprotect") <= 3
    assert log.count("call Unprotect") == log.count("call Protect")
    assert all(s.protected for n, s in fake.data.items() if n != S.XLWINGS_CONF)


@pytest.mark.parametrize("text", ["198503302010011002", "01", "1/2", "1.1", "50%", "=A1", "TRUE"])
def test_text_written_to_the_live_book_reads_back_as_the_same_text(
    workbook_path: Path, text: str
) -> None:
    fake = load_book(workbook_path)
    book = xw_book(fake)
    gw = XlwingsGateway(book)
    pejabat = gw.read_rows(S.PEJABAT)
    pejabat[0]["nip"] = text
    gw.write_rows(S.PEJABAT, pejabat)
    units = gw.read_rows(S.UNIT)
    units[0]["kode"] = text
    gw.write_rows(S.UNIT, units)
    gw.write_rows(S.FORMAT, [{"kode": text, "indikator": text, "satuan": "%"}])
    gw.commit()

    again = XlwingsGateway(book)
    assert again.read_rows(S.PEJABAT)[0]["nip"] == text
    assert again.read_rows(S.UNIT)[0]["kode"] == text
    fmt = again.read_rows(S.FORMAT)[0]
    assert fmt["kode"] == text and fmt["indikator"] == text
    # what Excel holds: a string, not a number or a date
    sheet = fake.data[S.FORMAT.sheet]
    r = S.FORMAT.header_row + 1
    assert sheet.cell(r, S.FORMAT.first_col).value == text


def test_a_com_failure_mid_commit_leaves_sheets_and_journal_unchanged(
    demo_path: Path,
) -> None:
    fake = load_book(demo_path)
    book = xw_book(fake)
    before = fake.snapshot()
    journal = Journal(demo_path.parent / "jurnal" / "jurnal.jsonl")
    events_before = len(journal.events()) if journal.path.exists() else 0
    trips = _trips(fake)
    trips.fail_on("set", "Value", 2)  # the second block write of the commit fails
    MESSAGES.clear()
    assert run_control(book, "s1_mulai") is None
    assert fake.snapshot() == before
    assert len(MESSAGES) == 1 and "tidak ada yang berubah" in MESSAGES[0][0].lower()
    from lkjip_xl.workspace import Workspace

    jpath = Workspace(demo_path).journal
    assert (len(Journal(jpath).events()) if jpath.exists() else 0) == events_before
    assert all(s.protected for n, s in fake.data.items() if n != S.XLWINGS_CONF)
    assert fake.Application.ScreenUpdating is True
    # and the same click works once Excel accepts writes again
    assert run_control(book, "s1_mulai") is not None
    assert len(Journal(jpath).events()) == events_before + 1


def test_a_failed_read_is_an_error_not_an_empty_table(workbook_path: Path) -> None:
    from lkjip_xl.errors import LkjipError

    fake = load_book(workbook_path)
    book = xw_book(fake)
    _trips(fake).fail_on("get", "UsedRange")
    with pytest.raises(LkjipError, match="tidak dapat dibaca"):
        XlwingsGateway(book).read_rows(S.FORMAT)


def test_onedrive_url_gets_the_indonesian_fix(workbook_path: Path) -> None:
    from lkjip_xl.errors import LkjipError

    fake = load_book(workbook_path)
    fake.set_fullname("https://d.docs.live.net/0123abcd/Dokumen/LKjIP_Wonoasih.xlsm")
    book = xw_book(fake)
    with pytest.raises(LkjipError, match="OneDrive/SharePoint") as err:
        XlwingsGateway(book)
    assert "salin file ke folder di komputer ini" in str(err.value)
    MESSAGES.clear()
    assert run_control(book, "s1_mulai") is None
    assert "OneDrive" in MESSAGES[0][0]
