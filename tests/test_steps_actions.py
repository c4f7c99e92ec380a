"""The step actions called directly (as the ribbon and the demo do), with a fixed ``now``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lkjip_xl.actions.steps import (
    finish_step,
    parse_waktu,
    rebuild_steps,
    start_step,
    step_status,
    undo_last,
)
from lkjip_xl.domain.worktime import WorkCalendar
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

CAL = WorkCalendar()
TZ = CAL.tz
NOW = dt.datetime(2025, 4, 30, 10, 0, tzinfo=TZ)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-27T14:00", at(2025, 3, 27, 14, 0)),
        ("2025-03-27 14:00:59", at(2025, 3, 27, 14, 0)),
        ("2025-03-27T07:00:00+00:00", at(2025, 3, 27, 14, 0)),
        ("2025-03-27T14:00+07:00", at(2025, 3, 27, 14, 0)),
        ("2025-03-27", at(2025, 3, 27, 7, 30)),
        (None, NOW),
        ("", NOW),
        (dt.datetime(2025, 3, 27, 14, 0), at(2025, 3, 27, 14, 0)),
    ],
)
def test_parse_waktu(text: str | dt.datetime | None, expected: dt.datetime) -> None:
    t = parse_waktu(text, CAL, NOW)
    assert t == expected and t.utcoffset() == dt.timedelta(hours=7)


def test_parse_waktu_rejects_nonsense() -> None:
    with pytest.raises(LkjipError, match="tidak dapat dibaca"):
        parse_waktu("27 Maret", CAL, NOW)


def test_actions_on_a_gateway(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        r = start_step(gw, 1, waktu=at(2025, 4, 28, 9, 0), now=NOW)
        assert "dimulai" in r.pesan and "Senin, 28 April 2025 09.00" in r.pesan
        r = finish_step(gw, 1, waktu="2025-04-28T09:06", dokumen="Disposisi", now=NOW)
        assert "Tepat waktu" in r.pesan
        r = start_step(gw, 2, waktu="2025-04-28T09:06", now=NOW)
        assert r.data["steps"][1]["status"] == "Berjalan"
        rows = gw.read_rows(S.TAHAPAN_T)
        assert rows[0]["status"] == "Tepat waktu" and rows[1]["status"] == "Berjalan"
    # Step 2 (1 hari) started Monday 09:06; by Tuesday 08:00 the warning shows (< 25 % left).
    with open_workbook(workbook_path) as gw:
        fine = step_status(gw, now=at(2025, 4, 28, 12, 0))
        close = step_status(gw, now=at(2025, 4, 29, 8, 0))
        late = step_status(gw, now=at(2025, 4, 29, 10, 0))
    assert fine.peringatan == []
    assert any("Langkah 2" in p and "akan melebihi" in p for p in close.peringatan)
    assert any("Langkah 2" in p and "sudah melebihi" in p for p in late.peringatan)
    assert late.data["steps"][1]["melebihi_menit"] == 54
    assert "1 dari 8 langkah SOP selesai" in late.pesan
    with open_workbook(workbook_path, write=True) as gw:
        r = undo_last(gw, "salah langkah", now=NOW)
        assert "mulai langkah 2" in r.pesan
        assert r.data["steps"][1]["status"] == "Belum mulai"
        r = rebuild_steps(gw, now=NOW)
        assert "(4 catatan langkah, 1 di antaranya pembatalan)" in r.pesan
        log = gw.read_rows(S.LOG_T)
    assert [x["aksi"] for x in log][-5:] == [
        "Mulai langkah SOP",
        "Selesai langkah SOP",
        "Mulai langkah SOP",
        "Batal langkah SOP",
        "Bangun ulang Tahapan SOP",
    ]


def test_a_failed_action_changes_nothing(workbook_path: Path) -> None:
    before = workbook_path.read_bytes()
    with pytest.raises(LkjipError), open_workbook(workbook_path, write=True) as gw:
        finish_step(gw, 3, now=NOW)
    assert workbook_path.read_bytes() == before
