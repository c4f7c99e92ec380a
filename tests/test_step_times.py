"""Step times as staff type them, corrections of any earlier event, Friday and special
(Ramadan) working hours."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkjip_xl.domain.profile import SpecialHours, WorkingTime
from lkjip_xl.domain.worktime import (
    WorkCalendar,
    format_periods,
    parse_datetime_text,
    parse_periods,
)
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

TODAY = dt.date(2026, 1, 7)
WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "expected", "has_time"),
    [
        ("05/01/2026 08.00", dt.datetime(2026, 1, 5, 8, 0), True),
        ("5-1-2026 8:00", dt.datetime(2026, 1, 5, 8, 0), True),
        ("05.01.2026 14.30", dt.datetime(2026, 1, 5, 14, 30), True),
        ("5/1/2026, 8.05", dt.datetime(2026, 1, 5, 8, 5), True),
        ("05/01/2026 pukul 08.00", dt.datetime(2026, 1, 5, 8, 0), True),
        ("08.00", dt.datetime(2026, 1, 7, 8, 0), True),
        ("8:15", dt.datetime(2026, 1, 7, 8, 15), True),
        ("  13.45 ", dt.datetime(2026, 1, 7, 13, 45), True),
        ("2026-01-05T08:00", dt.datetime(2026, 1, 5, 8, 0), True),
        ("2026-01-05 08:00", dt.datetime(2026, 1, 5, 8, 0), True),
        ("2026-01-05 8.00", dt.datetime(2026, 1, 5, 8, 0), True),
        ("2026-01-05T08:00+07:00", dt.datetime(2026, 1, 5, 8, 0, tzinfo=WIB), True),
        ("05/01/2026", dt.datetime(2026, 1, 5), False),
        ("2026-01-05", dt.datetime(2026, 1, 5), False),
    ],
)
def test_times_as_staff_type_them(text: str, expected: dt.datetime, has_time: bool) -> None:
    assert parse_datetime_text(text, TODAY) == (expected, has_time)


@pytest.mark.parametrize(
    "text",
    ["", "kemarin", "31/02/2026 08.00", "05/01/26 08.00", "25.00", "08.60", "2026-13-01", "8"],
)
def test_times_that_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime_text(text, TODAY)


def _run(wb: Path, *args: str, now: str = "2026-03-20T09:00:00+07:00") -> Any:
    return subprocess.run(
        ["lkjip", "step", *args, "--workbook", str(wb)],
        capture_output=True,
        text=True,
        env={**os.environ, "LKJIP_SEKARANG": now},
        check=False,
    )


def _rows(wb: Path) -> dict[int, dict[str, Any]]:
    with open_workbook(wb) as gw:
        return {r["no"]: r for r in gw.read_rows(S.TAHAPAN_T)}


def test_cli_accepts_indonesian_times_and_a_bad_one_is_explained(workbook_path: Path) -> None:
    w = workbook_path
    ok = _run(w, "start", "1", "--waktu", "02/02/2026 08.00")
    assert ok.returncode == 0, ok.stderr
    assert "Senin, 2 Februari 2026 08.00" in ok.stdout
    assert _run(w, "finish", "1", "--waktu", "2-2-2026 8:07").returncode == 0
    # "08.00" alone is today (the clock says 20 March 2026).
    assert _run(w, "start", "2", "--waktu", "08.30").returncode == 0
    rows = _rows(w)
    assert rows[1]["mulai"] == dt.datetime(2026, 2, 2, 8, 0)
    assert rows[1]["durasi_kerja_menit"] == 7
    assert rows[2]["mulai"] == dt.datetime(2026, 3, 20, 8, 30)
    bad = _run(w, "finish", "2", "--waktu", "besok pagi")
    assert bad.returncode == 2
    assert "05/01/2026 08.00" in bad.stderr  # the fix shows the accepted form


def test_correcting_and_voiding_an_event_that_is_not_the_last(workbook_path: Path) -> None:
    w = workbook_path
    for args in (
        ("start", "1", "--waktu", "02/02/2026 08.00"),
        ("finish", "1", "--waktu", "02/02/2026 08.07"),
        ("start", "2", "--waktu", "02/02/2026 08.30"),
        ("finish", "2", "--waktu", "02/02/2026 14.00"),
        ("start", "3", "--waktu", "03/02/2026 07.45"),
    ):
        assert _run(w, *args).returncode == 0
    # Step 1's finish is two events back: correct it.
    fix = _run(w, "koreksi", "1", "selesai", "--waktu", "02/02/2026 08.20", "--alasan", "jam salah")
    assert fix.returncode == 0, fix.stderr
    assert "dikoreksi dari Senin, 2 Februari 2026 08.07 menjadi" in fix.stdout
    rows = _rows(w)
    assert rows[1]["selesai"] == dt.datetime(2026, 2, 2, 8, 20)
    assert rows[1]["durasi_kerja_menit"] == 20
    assert rows[1]["status"] == "Melebihi mutu baku"
    assert "dikoreksi (semula Senin, 2 Februari 2026 08.07): jam salah" in rows[1]["catatan"]
    assert rows[3]["status"] == "Berjalan"  # the later events are untouched
    # A correction that breaks the order is refused and changes nothing.
    late = _run(w, "koreksi", "1", "selesai", "--waktu", "02/02/2026 09.00", "--alasan", "x")
    assert late.returncode == 2 and "lebih awal dari selesainya langkah 1" in late.stderr
    assert _rows(w)[1]["selesai"] == dt.datetime(2026, 2, 2, 8, 20)
    # Reasons are required.
    assert _run(w, "koreksi", "1", "mulai", "--waktu", "02/02/2026 08.01").returncode == 2
    # Void step 2's finish (not the last event): step 2 runs again, step 3 keeps its start.
    void = _run(w, "batal", "2", "selesai", "--alasan", "belum selesai")
    assert void.returncode == 0, void.stderr
    rows = _rows(w)
    assert rows[2]["selesai"] is None and rows[2]["status"] == "Berjalan"
    assert rows[3]["mulai"] == dt.datetime(2026, 2, 3, 7, 45)
    # The journal keeps every event: originals, the correction and the voiding.
    events = [json.loads(x) for x in Workspace(w).journal.read_text(encoding="utf-8").splitlines()]
    kinds = [e["jenis"] for e in events]
    assert kinds.count("langkah_selesai") == 2 and kinds.count("langkah_mulai") == 3
    assert kinds.count("langkah_koreksi") == 1 and kinds.count("langkah_batal") == 1
    assert all(e["tahun_laporan"] == 2025 for e in events)


def test_ribbon_texts_name_the_event(workbook_path: Path) -> None:
    from lkjip_xl.actions.steps import correct_text, start_step, void_text
    from lkjip_xl.errors import LkjipError

    now = dt.datetime(2026, 2, 2, 12, 0, tzinfo=WIB)
    with open_workbook(workbook_path, write=True) as gw:
        start_step(gw, 1, waktu="02/02/2026 08.00", now=now)
        r = correct_text(gw, "1 mulai; 02/02/2026 08.05; salah ketik", now=now)
        assert "menjadi Senin, 2 Februari 2026 08.05" in r.pesan
        with pytest.raises(LkjipError):
            correct_text(gw, "mulai 1 jam 8", now=now)
        r = void_text(gw, "1 mulai; salah tekan", now=now)
        assert "Catatan mulai langkah 1" in r.pesan
    assert _rows(workbook_path)[1]["mulai"] is None


def test_friday_hours_and_a_ramadan_period() -> None:
    base = WorkCalendar(WorkingTime())
    # Default: Friday like any other day (510 minutes), as before.
    fri = dt.date(2026, 1, 9)
    assert base.minutes_between(base.day_start(fri), base.day_end(fri)) == 510
    friday = WorkCalendar(WorkingTime(jam_selesai_jumat=dt.time(16, 30)))
    assert friday.minutes_between(friday.day_start(fri), friday.day_end(fri)) == 540
    assert friday.day_minutes == 510  # "1 hari" of the SOP stays the usual day
    ramadan = SpecialHours(
        nama="Ramadan",
        mulai=dt.date(2026, 2, 18),
        selesai=dt.date(2026, 3, 19),
        jam_mulai=dt.time(8, 0),
        jam_selesai=dt.time(15, 0),
        jam_mulai_jumat=dt.time(8, 0),
        jam_selesai_jumat=dt.time(15, 30),
    )
    cal = WorkCalendar(WorkingTime(jam_selesai_jumat=dt.time(16, 30), periode_khusus=[ramadan]))
    mon = dt.datetime(2026, 2, 23, 7, 30, tzinfo=WIB)
    fri_end = dt.datetime(2026, 2, 27, 16, 30, tzinfo=WIB)
    # Monday to Friday in Ramadan: 4 × 7 h + 7.5 h; outside it 4 × 8.5 h + 9 h.
    assert cal.minutes_between(mon, fri_end) == 4 * 420 + 450
    assert friday.minutes_between(mon, fri_end) == 4 * 510 + 540
    # One SOP day (510 working minutes) from Monday 08.00 in Ramadan ends Tuesday 09.30.
    assert cal.add_minutes(dt.datetime(2026, 2, 23, 8, 0, tzinfo=WIB), 510) == dt.datetime(
        2026, 2, 24, 9, 30, tzinfo=WIB
    )
    text = "Ramadan 18/02/2026-19/03/2026 08.00-15.00 Jumat 08.00-15.30"
    assert parse_periods(text) == [ramadan]
    assert format_periods([ramadan]) == text
    with pytest.raises(ValueError, match="tidak dapat dibaca"):
        parse_periods("Ramadan mulai Februari")


def _set_profile(wb: Path, **values: Any) -> None:
    """Type values into Pengaturan's Nilai cells, as staff do."""
    with open_workbook(wb, write=True) as gw:
        for r in gw.read_rows(S.PROFIL):
            if r["kunci"] in values:
                gw.write_cell(S.PENGATURAN, f"B{r['_row']}", values[r["kunci"]])


def test_a_ramadan_period_in_pengaturan_changes_a_steps_working_minutes(
    workbook_path: Path,
) -> None:
    w = workbook_path
    # Step 4 from Monday 23 February 07.30 to Friday 27 February 16.30 (2026).
    assert (
        _run(
            w, "start", "4", "--paksa", "--alasan", "uji", "--waktu", "23/02/2026 07.30"
        ).returncode
        == 0
    )
    assert _run(w, "finish", "4", "--waktu", "27/02/2026 16.30").returncode == 0
    assert _rows(w)[4]["durasi_kerja_menit"] == 5 * 510
    _set_profile(
        w,
        jam_selesai_jumat="16.30",
        jam_khusus="Ramadan 18/02/2026-19/03/2026 08.00-15.00 Jumat 08.00-15.30",
    )
    assert _run(w, "rebuild").returncode == 0
    row = _rows(w)[4]
    assert row["durasi_kerja_menit"] == 4 * 420 + 450
    assert row["status"] == "Melebihi mutu baku"  # 2 hari = 1020 minutes
    # The Pengaturan row explains itself and a bad period names its cell.
    ws = openpyxl.load_workbook(w)[S.PENGATURAN]
    keys = {ws[f"A{r}"].value: r for r in range(5, 80) if ws[f"A{r}"].value}
    assert "Ramadan" in ws[f"C{keys['jam_khusus']}"].value
    _set_profile(w, jam_khusus="Ramadan Februari")
    bad = _run(w, "status")
    assert bad.returncode == 2
    assert f"B{keys['jam_khusus']}" in bad.stderr and "tidak dapat dibaca" in bad.stderr
