"""The xlwings door, driven through xlwings' remote engine, gives what the file door gives.

The remote engine (``xw.Book(json=...)``) stands in for Excel: it gets the
workbook as the JSON an xlwings client sends and returns the changes as
actions, which are applied back onto a copy of the file to compare.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from workbook_data import fill
from xlwings_remote import apply_actions, book_json

from lkjip_xl.actions.steps import start_step
from lkjip_xl.actions.workbook import compute_summary
from lkjip_xl.excel.ribbon import run_control
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.xlwings_door import XlwingsGateway

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 1, 12, 8, 15, tzinfo=WIB)


@pytest.fixture
def remote(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    if "remote" not in xw.engines.engines_by_name:
        # xlwings was imported before the key was set (e.g. by the UDF tests): register the
        # remote engine now, as xlwings' __init__ does when the key is present.
        from xlwings.pro import _xlremote

        xw.engines.add(xw.Engine(impl=_xlremote.engine))

    def open_book(path: Path) -> Any:
        return xw.Book(json=book_json(path))

    return open_book


def _twin(path: Path, tmp_path: Path) -> Path:
    """A copy of the workbook in its own workspace folder (own journal)."""
    other = tmp_path / "kembar" / path.name
    other.parent.mkdir()
    shutil.copy2(path, other)
    return other


def _norm(rows: list[dict[str, Any]], skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    def value(v: Any) -> Any:
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, dt.datetime):
            return v.replace(microsecond=0, tzinfo=None)
        return v

    return [{k: value(v) for k, v in r.items() if k not in skip} for r in rows]


INPUT_TABLES = (S.PROFIL, S.PEJABAT, S.UNIT, S.LIBUR, S.FORMAT, S.KIRIMAN_T, S.SKM_T, S.SAKIP_T)


def test_both_doors_read_the_same_rows_and_profile(workbook_path: Path, remote: Any) -> None:
    fill(workbook_path)
    gx = XlwingsGateway(remote(workbook_path), path=workbook_path)
    with open_workbook(workbook_path) as gf:
        assert gx.profile() == gf.profile()
        for table in (*INPUT_TABLES, S.TAHAPAN_T):
            assert _norm(gx.read_rows(table)) == _norm(gf.read_rows(table)), table.name
        assert gx.read_cell(S.IKM, "B10") == gf.read_cell(S.IKM, "B10") == 1500
        assert compute_summary(gx).data == compute_summary(gf).data


def test_same_action_through_both_doors_gives_the_same_sheets(
    workbook_path: Path, tmp_path: Path, remote: Any
) -> None:
    other = _twin(workbook_path, tmp_path)
    waktu = NOW - dt.timedelta(minutes=5)
    # File door (what the CLI does).
    with open_workbook(workbook_path, write=True) as gw:
        file_result = start_step(gw, 1, waktu=waktu, now=NOW)
        gw.write_rows(S.FORMAT, [{"kode": "IKU-01", "indikator": "=Teks, bukan rumus"}])
    # xlwings door on the twin (what a ribbon click does).
    book = remote(other)
    gx = XlwingsGateway(book, path=other)
    xl_result = start_step(gx, 1, waktu=waktu, now=NOW)
    gx.write_rows(S.FORMAT, [{"kode": "IKU-01", "indikator": "=Teks, bukan rumus"}])
    assert gx.dirty
    assert not [a for a in book.json()["actions"] if a["func"] == "setValues"]  # not yet
    gx.commit()
    assert xl_result.pesan == file_result.pesan
    assert apply_actions(other, book.json()["actions"]) == []

    with open_workbook(workbook_path) as a, open_workbook(other) as b:
        assert _norm(a.read_rows(S.TAHAPAN_T)) == _norm(b.read_rows(S.TAHAPAN_T))
        skip = ("waktu", "_row")
        assert _norm(a.read_rows(S.LOG_T), skip) == _norm(b.read_rows(S.LOG_T), skip)
        assert a.read_rows(S.FORMAT) == b.read_rows(S.FORMAT)
        assert b.read_rows(S.FORMAT)[0]["indikator"] == "=Teks, bukan rumus"


def test_ribbon_button_runs_its_action_and_shows_the_message(
    workbook_path: Path, remote: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", NOW.isoformat())  # before the 2025 deadline
    book = remote(workbook_path)
    result = run_control(book, "s1_mulai", path=workbook_path)
    assert result is not None and result.pesan.startswith("Langkah 1 ")
    actions = book.json()["actions"]
    alerts = [a for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1
    prompt, title, _buttons, mode, _cb = alerts[0]["args"]
    assert prompt.startswith("Langkah 1 ") and title == "LKjIP" and mode == "info"
    assert any(a["func"] == "setValues" for a in actions)  # Tahapan SOP and Log written
    apply_actions(workbook_path, actions)
    with open_workbook(workbook_path) as gw:
        assert gw.read_rows(S.TAHAPAN_T)[0]["status"] == "Berjalan"


def test_ribbon_shows_user_errors_in_indonesian(workbook_path: Path, remote: Any) -> None:
    book = remote(workbook_path)
    assert run_control(book, "s2_selesai", path=workbook_path) is None  # not started
    assert run_control(book, "tombol_tak_ada", path=workbook_path) is None
    alerts = [a["args"] for a in book.json()["actions"] if a["func"] == "alert"]
    assert len(alerts) == 2
    assert all(
        mode == "critical" and "perlu perhatian" in title for _p, title, _b, mode, _c in alerts
    )
    assert "Langkah 2" in alerts[0][0] or "langkah 2" in alerts[0][0]
    assert "tidak dikenal" in alerts[1][0]


def test_unexpected_error_is_logged_with_a_short_message(
    workbook_path: Path, remote: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lkjip_xl.actions.workbook as actions

    def broken(gw: Any) -> Any:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(actions, "compute_summary", broken)
    book = remote(workbook_path)
    assert run_control(book, "hitung", path=workbook_path) is None
    (alert,) = [a["args"] for a in book.json()["actions"] if a["func"] == "alert"]
    assert "kesalahan tak terduga" in alert[0] and "ZeroDivisionError" in alert[0]
    log = workbook_path.parent / "log" / "lkjip_galat.log"
    assert "boom" in log.read_text(encoding="utf-8")


def test_a_failing_action_leaves_the_live_book_untouched(
    workbook_path: Path, remote: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lkjip_xl.actions.workbook as actions
    from lkjip_xl.errors import LkjipError

    def half_done(gw: Any) -> Any:
        gw.write_rows(S.ANGGARAN_T, [{"nama": "Setengah jadi", "pagu": 1}])
        gw.log("uji", "setengah jalan")
        raise LkjipError("Gagal di tengah jalan.")

    monkeypatch.setattr(actions, "compute_summary", half_done)
    book = remote(workbook_path)
    assert run_control(book, "hitung", path=workbook_path) is None
    sent = [a["func"] for a in book.json()["actions"]]
    assert "setValues" not in sent and sent.count("alert") == 1


def test_ribbon_step_button_takes_a_typed_time(workbook_path: Path, remote: Any) -> None:
    book = remote(workbook_path)
    result = run_control(book, "s1_mulai", "05/01/2026 08.00", path=workbook_path)
    assert result is not None and "Senin, 5 Januari 2026 08.00" in result.pesan
    apply_actions(workbook_path, book.json()["actions"])
    with open_workbook(workbook_path) as gw:
        assert gw.read_rows(S.TAHAPAN_T)[0]["mulai"] == dt.datetime(2026, 1, 5, 8, 0)


def test_ribbon_step_button_with_an_empty_time_records_now(
    workbook_path: Path, remote: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", NOW.isoformat())
    book = remote(workbook_path)
    result = run_control(book, "s1_mulai", "", path=workbook_path)
    assert result is not None and "Senin, 12 Januari 2026 08.15" in result.pesan


def test_ribbon_tahun_baru_writes_the_new_workbook_beside_the_live_one(
    workbook_path: Path, remote: Any
) -> None:
    book = remote(workbook_path)
    new = workbook_path.with_name("LKjIP_Wonoasih_2026.xlsm")
    # A year not even started: the button asks (Yes/No) first; the remote engine cannot
    # answer, which counts as No: nothing is written.
    assert run_control(book, "tahun_baru", path=workbook_path) is None
    (question,) = [a["args"] for a in book.json()["actions"] if a["func"] == "alert"]
    assert question[2] == "yes_no" and "Tahun 2025 belum selesai" in question[0]
    assert not new.exists()
    # What a Yes does.
    result = run_control(book, "tahun_baru", path=workbook_path, konfirmasi={"paksa": True})
    assert result is not None, [a for a in book.json()["actions"] if a["func"] == "alert"]
    assert result.files == [new] and new.exists()
    with open_workbook(new) as gw:
        assert gw.profile().tahun == 2026
