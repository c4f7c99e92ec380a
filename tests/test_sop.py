"""The SOP as data, the step rules, status against mutu baku and the plan (pure functions)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from lkjip_xl.domain.profile import default_profile
from lkjip_xl.domain.sop import (
    BELUM,
    BERJALAN,
    FINISH,
    MELEBIHI,
    START,
    STATUSES,
    TEPAT,
    UNDO,
    check_finish,
    check_start,
    evaluate,
    replay,
    sheet_rows,
    sop_steps,
    steps_for,
    total_mutu_baku,
    undo_target,
)
from lkjip_xl.domain.worktime import WorkCalendar
from lkjip_xl.errors import LkjipError

CAL = WorkCalendar()
TZ = CAL.tz
STEPS = sop_steps()
_ids = itertools.count(1)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


def ev(jenis: str, no: int, t: dt.datetime | None = None, **kw: Any) -> dict[str, Any]:
    e: dict[str, Any] = {"jenis": jenis, "id": f"e{next(_ids)}", "no": no, **kw}
    if t is not None:
        e["pada"] = t.isoformat()
    return e


def test_eight_steps_with_domain_standards() -> None:
    assert [s.no for s in STEPS] == list(range(1, 9))
    assert [s.mutu_baku for s in STEPS] == [
        "10 menit",
        "1 hari",
        "3 hari",
        "2 hari",
        "1 hari",
        "1 jam",
        "5 menit",
        "1 jam",
    ]
    # DOMAIN.md §2: 7 working days + 2 h 15 min.
    assert total_mutu_baku(STEPS) == 7 * 510 + 135
    assert STEPS[0].pelaksana_label == "Camat"
    assert STEPS[1].pelaksana_label == "Kasubbag Program dan Keuangan (+ Staf)"
    assert STEPS[2].pelaksana_label == "Kasi/Lurah"
    assert STEPS[4].pelaksana == "sekcam"
    assert STEPS[7].output == "Surat pengantar, dokumen LKjIP"


def test_pelaksana_is_a_profile_setting() -> None:
    p = default_profile().model_copy(deep=True)
    p.pelaksana_sop[5] = "kasubbag"
    assert steps_for(p)[5].pelaksana == "kasubbag"
    with pytest.raises(LkjipError, match="pelaksana SOP"):
        sop_steps(["camat"] * 7)
    with pytest.raises(LkjipError):
        sop_steps(["camat"] * 7 + ["bupati"])


def test_replay_and_undo_cancel_events() -> None:
    s1 = ev(START, 1, at(2025, 1, 6, 8, 0))
    f1 = ev(FINISH, 1, at(2025, 1, 6, 8, 5))
    events = [s1, f1, {"jenis": "impor_formulir"}]
    states = replay(events, STEPS)
    assert states[0].mulai == at(2025, 1, 6, 8, 0) and states[0].finished
    assert undo_target(events) is f1
    undo = {"jenis": UNDO, "id": "u1", "batal_id": f1["id"], "no": 1, "alasan": "salah"}
    states = replay([*events, undo], STEPS)
    assert states[0].started and not states[0].finished
    assert undo_target([*events, undo]) is s1
    undo2 = {"jenis": UNDO, "id": "u2", "batal_id": s1["id"], "no": 1, "alasan": "salah"}
    assert not replay([*events, undo, undo2], STEPS)[0].started
    with pytest.raises(LkjipError, match="dapat dibatalkan"):
        undo_target([*events, undo, undo2])


def test_finishing_needs_a_start() -> None:
    states = replay([], STEPS)
    with pytest.raises(LkjipError, match="belum dimulai") as err:
        check_finish(states, 1, at(2025, 1, 6, 9), now=at(2025, 1, 6, 10))
    assert "lkjip step start 1" in str(err.value)


def test_finish_not_before_start_and_not_twice() -> None:
    states = replay([ev(START, 1, at(2025, 1, 6, 9))], STEPS)
    with pytest.raises(LkjipError, match="lebih awal"):
        check_finish(states, 1, at(2025, 1, 6, 8), now=at(2025, 1, 6, 10))
    check_finish(states, 1, at(2025, 1, 6, 9, 5), now=at(2025, 1, 6, 10))
    states = replay([ev(START, 1, at(2025, 1, 6, 9)), ev(FINISH, 1, at(2025, 1, 6, 9, 5))], STEPS)
    with pytest.raises(LkjipError, match="sudah selesai"):
        check_finish(states, 1, at(2025, 1, 6, 9, 6), now=at(2025, 1, 6, 10))


def test_step_waits_for_previous_unless_forced_with_reason() -> None:
    now = at(2025, 1, 6, 12)
    states = replay([ev(START, 1, at(2025, 1, 6, 9))], STEPS)
    with pytest.raises(LkjipError, match="langkah 1") as err:
        check_start(states, 2, at(2025, 1, 6, 10), now=now)
    assert "--paksa" in str(err.value)
    with pytest.raises(LkjipError, match="alasan"):
        check_start(states, 2, at(2025, 1, 6, 10), now=now, paksa=True)
    check_start(states, 2, at(2025, 1, 6, 10), now=now, paksa=True, alasan="Camat dinas luar")
    # Not twice, not in the future, not a step that does not exist.
    with pytest.raises(LkjipError, match="sudah dimulai"):
        check_start(states, 1, at(2025, 1, 6, 10), now=now)
    with pytest.raises(LkjipError, match="belum terjadi"):
        check_start(replay([], STEPS), 1, at(2025, 1, 7, 10), now=now)
    with pytest.raises(LkjipError, match="Langkah 9 tidak ada"):
        check_start(states, 9, at(2025, 1, 6, 10), now=now)


def test_start_not_before_previous_finish() -> None:
    states = replay([ev(START, 1, at(2025, 1, 6, 9)), ev(FINISH, 1, at(2025, 1, 6, 9, 10))], STEPS)
    with pytest.raises(LkjipError, match="lebih awal dari selesainya"):
        check_start(states, 2, at(2025, 1, 6, 9, 0), now=at(2025, 1, 6, 12))
    check_start(states, 2, at(2025, 1, 6, 9, 10), now=at(2025, 1, 6, 12))


def _run(events: list[dict[str, Any]], now: dt.datetime, due: dt.date | None = None) -> Any:
    return evaluate(replay(events, STEPS), CAL, now, due)


def test_status_belum_berjalan_tepat_melebihi() -> None:
    events = [
        ev(START, 1, at(2025, 1, 6, 8, 0)),
        ev(FINISH, 1, at(2025, 1, 6, 8, 10)),  # 10 menit: exactly the standard
        ev(START, 2, at(2025, 1, 6, 8, 10)),
        ev(FINISH, 2, at(2025, 1, 7, 10, 15)),  # 1 hari + 2 jam 5 menit: late
        ev(START, 3, at(2025, 1, 7, 10, 15)),
    ]
    rep = _run(events, now=at(2025, 1, 7, 11, 0))
    s = rep.steps
    assert [r.status for r in s[:4]] == [TEPAT, MELEBIHI, BERJALAN, BELUM]
    assert s[0].durasi_menit == 10 and s[0].melebihi_menit == 0
    assert s[1].durasi_menit == 510 + 125 and s[1].melebihi_menit == 125
    assert rep.status_text(s[1]) == "Melebihi mutu baku (2 jam 5 menit)"
    assert s[2].berjalan_menit == 45 and s[2].durasi_menit is None
    assert rep.steps[2].mutu_baku_menit == 1530
    # The sheet's status is exactly one of the four (conditional formats match it); the
    # excess is written next to the duration.
    rows = sheet_rows(rep)
    assert [r["status"] for r in rows[:4]] == [TEPAT, MELEBIHI, BERJALAN, BELUM]
    assert {r["status"] for r in rows} <= set(STATUSES)
    assert rows[1]["durasi"] == "1 hari 2 jam 5 menit (lebih 2 jam 5 menit)"
    assert rows[0]["durasi"] == "10 menit"


def test_minute_step_seven_over_its_five_minutes() -> None:
    events = [ev(START, 1, at(2025, 1, 6, 8, 0))]
    states = replay(events, STEPS)
    states[6].mulai = at(2025, 1, 20, 10, 0)
    states[6].selesai = at(2025, 1, 20, 10, 7)
    rep = evaluate(states, CAL, at(2025, 1, 20, 12))
    assert rep.steps[6].durasi_menit == 7
    assert rep.steps[6].status == MELEBIHI and rep.steps[6].melebihi_menit == 2


def test_plan_chains_mutu_baku_from_step_one() -> None:
    # Step 1 started Thursday 27 March 2025 14:00, the last working day before Idul Fitri.
    start = at(2025, 3, 27, 14, 0)
    rep = _run([ev(START, 1, start)], now=at(2025, 3, 27, 14, 5), due=dt.date(2026, 2, 28))
    plan = [r.rencana_selesai for r in rep.steps]
    assert plan[0] == at(2025, 3, 27, 14, 10)
    # Step 2 (1 hari): 1 h 50 m left on 27 March, the rest after the break on 8 April.
    assert plan[1] == at(2025, 4, 8, 14, 10)
    assert plan[2] == CAL.add_minutes(plan[1], 1530)
    assert rep.rencana_selesai == plan[-1] == CAL.add_minutes(start, 7 * 510 + 135)
    assert rep.sisa_hari_kerja is not None and rep.sisa_hari_kerja > 200


def test_plan_uses_actual_finish_when_known() -> None:
    events = [
        ev(START, 1, at(2025, 1, 6, 8, 0)),
        ev(FINISH, 1, at(2025, 1, 6, 9, 0)),  # 50 minutes late
    ]
    rep = _run(events, now=at(2025, 1, 6, 9, 30))
    assert rep.steps[0].rencana_selesai == at(2025, 1, 6, 8, 10)
    assert rep.steps[1].rencana_mulai == at(2025, 1, 6, 9, 0)
    assert rep.steps[1].rencana_selesai == at(2025, 1, 7, 9, 0)


def test_no_plan_before_step_one() -> None:
    rep = _run([], now=at(2026, 2, 20, 9), due=dt.date(2026, 2, 27))
    assert rep.rencana_selesai is None
    assert all(r.status == BELUM for r in rep.steps)
    assert rep.sisa_hari_kerja == 6
    assert any("belum dimulai" in p for p in rep.peringatan)


def test_warning_when_running_step_will_exceed_or_has_exceeded() -> None:
    events = [ev(START, 1, at(2025, 1, 6, 8, 0)), ev(FINISH, 1, at(2025, 1, 6, 8, 5))]
    events.append(ev(START, 2, at(2025, 1, 6, 8, 5)))
    early = _run(events, now=at(2025, 1, 6, 10, 0))
    assert early.peringatan == []
    close = _run(events, now=at(2025, 1, 7, 7, 40))  # 7 h 55 m of 8 h 30 m used
    assert len(close.peringatan) == 1 and "akan melebihi" in close.peringatan[0]
    late = _run(events, now=at(2025, 1, 7, 9, 0))
    assert "sudah melebihi mutu baku 1 hari" in late.peringatan[0]
    assert late.steps[1].melebihi_menit == 55
    assert late.status_text(late.steps[1]) == "Berjalan, melebihi 55 menit"


def test_warning_when_plan_passes_due_date() -> None:
    rep = _run([ev(START, 1, at(2026, 2, 25, 9, 0))], at(2026, 2, 25, 9, 1), dt.date(2026, 2, 27))
    assert any("melewati batas penyampaian" in p for p in rep.peringatan)


def test_json_contract_and_sheet_rows() -> None:
    events = [
        ev(START, 1, at(2025, 1, 6, 8, 0), oleh="Budi", jabatan="Camat Wonoasih"),
        ev(FINISH, 1, at(2025, 1, 6, 8, 10), oleh="Budi", jabatan="Camat Wonoasih"),
    ]
    rep = _run(events, now=at(2025, 1, 6, 9), due=dt.date(2026, 2, 28))
    data = rep.to_json()
    assert set(data) >= {"steps", "rencana_selesai", "batas_penyampaian"}
    one = data["steps"][0]
    assert set(one) >= {
        "no",
        "aktivitas",
        "pelaksana",
        "mutu_baku_menit",
        "mulai",
        "selesai",
        "durasi_kerja_menit",
        "status",
    }
    assert one["mulai"] == "2025-01-06T08:00:00+07:00"
    assert one["durasi_kerja_menit"] == 10 and one["status"] == TEPAT
    assert data["steps"][1]["mulai"] is None and data["steps"][1]["status"] == BELUM
    assert data["batas_penyampaian"] == "2026-02-28"
    assert data["rencana_selesai"].endswith("+07:00")
    rows = sheet_rows(rep)
    assert rows[0]["oleh"] == "Budi (Camat Wonoasih)"
    assert rows[0]["durasi"] == "10 menit"
    assert rows[1]["status"] == BELUM and rows[1]["mulai"] is None
