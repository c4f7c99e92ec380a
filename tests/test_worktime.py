"""Working-time arithmetic: office hours, weekends, holidays, cuti bersama, properties."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_xl.domain.profile import WorkingTime, default_profile
from lkjip_xl.domain.worktime import (
    WorkCalendar,
    format_date,
    format_datetime,
    format_duration,
    parse_duration,
)
from lkjip_xl.errors import LkjipError

CAL = WorkCalendar.from_profile(default_profile())
TZ = CAL.tz


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_default_office_day_is_510_minutes_in_jakarta() -> None:
    assert CAL.day_minutes == 8 * 60 + 30
    assert str(CAL.tz) == "Asia/Jakarta"
    assert at(2025, 1, 6, 7, 30).utcoffset() == dt.timedelta(hours=7)


def test_holidays_package_gives_cuti_bersama_in_indonesian() -> None:
    gov = holidays.country_holidays("ID", years=2025, categories=("government",), language="id")
    assert gov[dt.date(2025, 4, 2)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert CAL.holiday_name(dt.date(2025, 3, 31)) == "Hari Raya Idul Fitri"
    assert CAL.holiday_name(dt.date(2025, 4, 7)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert not CAL.is_working_day(dt.date(2025, 4, 7))  # a Monday of cuti bersama


def test_one_day_within_office_hours() -> None:
    assert CAL.minutes_between(at(2025, 1, 6, 7, 30), at(2025, 1, 6, 16, 0)) == 510
    assert CAL.minutes_between(at(2025, 1, 6, 9, 0), at(2025, 1, 6, 10, 15)) == 75


def test_across_a_weekend() -> None:
    # Friday 10 January 2025 14:00 → Monday 13 January 09:00: 2 h Friday + 1.5 h Monday.
    fri = at(2025, 1, 10, 14, 0)
    mon = at(2025, 1, 13, 9, 0)
    assert fri.weekday() == 4 and mon.weekday() == 0
    assert CAL.minutes_between(fri, mon) == 120 + 90
    # One working day from Friday 14:00 ends Monday 14:00, not Saturday.
    assert CAL.add_minutes(fri, 510) == at(2025, 1, 13, 14, 0)


def test_across_idul_fitri_2025_and_its_cuti_bersama() -> None:
    h = holidays.country_holidays(
        "ID", years=2025, categories=("public", "government"), language="id"
    )
    # The break: Cuti Bersama Nyepi (Fri 28 Mar), Nyepi (Sat 29 Mar), Idul Fitri (31 Mar, 1 Apr),
    # cuti bersama 2, 3, 4 and 7 April. Verify the package says so before relying on it.
    off = [dt.date(2025, 3, 28), dt.date(2025, 3, 31), dt.date(2025, 4, 1)]
    off += [dt.date(2025, 4, d) for d in (2, 3, 4, 7)]
    for d in off:
        assert d in h, d
    assert "Idul Fitri" in h[dt.date(2025, 3, 31)]
    assert "Cuti Bersama" in h[dt.date(2025, 4, 7)]
    assert dt.date(2025, 3, 27) not in h and dt.date(2025, 4, 8) not in h
    # Step 3 (3 hari) started on Thursday 27 March 2025 at 14:00, the last working day before.
    start = at(2025, 3, 27, 14, 0)
    assert CAL.next_working_day(dt.date(2025, 3, 27)) == dt.date(2025, 4, 8)
    planned = CAL.add_minutes(start, 3 * 510)
    # 2 h on 27 March, 8.5 h on 8 and 9 April, 6.5 h on 10 April.
    assert planned == at(2025, 4, 10, 14, 0)
    assert CAL.minutes_between(start, at(2025, 4, 8, 9, 0)) == 120 + 90
    # A whole calendar fortnight contains only those working minutes.
    assert CAL.minutes_between(start, planned) == 3 * 510
    assert CAL.count_working_days(dt.date(2025, 3, 27), dt.date(2025, 4, 8)) == 2


def test_outside_office_hours_start_and_finish() -> None:
    # Started 06:00 (before office), finished 18:30 (after office): one full day.
    assert CAL.minutes_between(at(2025, 1, 6, 6, 0), at(2025, 1, 6, 18, 30)) == 510
    # Started Saturday, finished Monday 08:00: only Monday's half hour counts.
    assert CAL.minutes_between(at(2025, 1, 11, 10, 0), at(2025, 1, 13, 8, 0)) == 30
    # Entirely outside office hours: zero.
    assert CAL.minutes_between(at(2025, 1, 6, 17, 0), at(2025, 1, 6, 23, 0)) == 0
    assert CAL.minutes_between(at(2025, 1, 11, 8, 0), at(2025, 1, 12, 15, 0)) == 0
    # A step started in the evening is planned from the next morning.
    assert CAL.add_minutes(at(2025, 1, 6, 19, 0), 10) == at(2025, 1, 7, 7, 40)


def test_minute_long_steps() -> None:
    # Step 7 (5 menit) signed at 10:00, forwarded at 10:04: within the standard.
    assert CAL.minutes_between(at(2025, 1, 6, 10, 0), at(2025, 1, 6, 10, 4)) == 4
    assert CAL.add_minutes(at(2025, 1, 6, 10, 0), 5) == at(2025, 1, 6, 10, 5)
    # Five minutes spanning the closing time: 15:58 → next morning 07:33.
    assert CAL.add_minutes(at(2025, 1, 6, 15, 58), 5) == at(2025, 1, 7, 7, 33)
    # Seconds are ignored (one-minute resolution).
    t0 = dt.datetime(2025, 1, 6, 10, 0, 59, tzinfo=TZ)
    assert CAL.minutes_between(t0, at(2025, 1, 6, 10, 5)) == 5


def test_finish_on_closing_time_is_that_day() -> None:
    assert CAL.add_minutes(at(2025, 1, 6, 7, 30), 510) == at(2025, 1, 6, 16, 0)
    assert CAL.add_minutes(at(2025, 1, 6, 16, 0), 0) == at(2025, 1, 6, 16, 0)


def test_other_time_zone_input_is_converted() -> None:
    utc = dt.datetime(2025, 1, 6, 1, 0, tzinfo=dt.UTC)  # 08:00 WIB
    assert CAL.minutes_between(utc, at(2025, 1, 6, 9, 0)) == 60


def test_extra_days_off_and_custom_hours() -> None:
    wt = WorkingTime(
        jam_mulai=dt.time(8, 0),
        jam_selesai=dt.time(15, 0),
        hari_kerja=[0, 1, 2, 3, 4, 5],
        libur_tambahan=[dt.date(2025, 1, 7)],
    )
    cal = WorkCalendar(wt)
    assert cal.day_minutes == 420
    assert cal.is_working_day(dt.date(2025, 1, 11))  # Saturday works here
    assert not cal.is_working_day(dt.date(2025, 1, 7))
    assert cal.holiday_name(dt.date(2025, 1, 7)) == "Libur tambahan (Pengaturan)"
    assert cal.minutes_between(at(2025, 1, 6, 14, 0), at(2025, 1, 8, 9, 0)) == 60 + 60


def test_bad_working_time_is_an_indonesian_error() -> None:
    with pytest.raises(LkjipError, match="Jam kerja tidak sah"):
        WorkCalendar(WorkingTime(jam_mulai=dt.time(16, 0), jam_selesai=dt.time(8, 0)))
    with pytest.raises(LkjipError, match="Zona waktu"):
        WorkCalendar(WorkingTime(zona="Asia/Atlantis"))


def test_working_days_left_counts_today_until_closing() -> None:
    due = dt.date(2026, 2, 27)  # Friday
    assert CAL.working_days_left(at(2026, 2, 23, 9, 0), due) == 5
    assert CAL.working_days_left(at(2026, 2, 23, 17, 0), due) == 4
    assert CAL.working_days_left(at(2026, 2, 28, 9, 0), due) == 0
    assert CAL.working_days_left(at(2026, 3, 3, 9, 0), due) == -1  # Monday 2 March passed


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 menit"),
        (5, "5 menit"),
        (60, "1 jam"),
        (510, "1 hari"),
        (510 + 125, "1 hari 2 jam 5 menit"),
        (7 * 510 + 135, "7 hari 2 jam 15 menit"),
        (-65, "-1 jam 5 menit"),
    ],
)
def test_format_duration(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text


def test_parse_duration() -> None:
    assert parse_duration("10 menit") == 10
    assert parse_duration("1 hari") == 510
    assert parse_duration("3 hari") == 1530
    assert parse_duration("1 jam") == 60
    assert parse_duration("2 hari 30 menit", day_minutes=420) == 870
    with pytest.raises(LkjipError):
        parse_duration("sebentar")


def test_indonesian_dates() -> None:
    assert format_date(dt.date(2025, 1, 2)) == "2 Januari 2025"
    assert format_datetime(at(2025, 3, 27, 14, 5)) == "Kamis, 27 Maret 2025 14.05"


# -- properties --------------------------------------------------------------------------------

instants = st.datetimes(min_value=dt.datetime(2024, 12, 1), max_value=dt.datetime(2026, 2, 1)).map(
    lambda t: t.replace(tzinfo=TZ)
)


@settings(max_examples=150, deadline=None)
@given(instants, instants, instants)
def test_minutes_are_additive(a: dt.datetime, b: dt.datetime, c: dt.datetime) -> None:
    assert CAL.minutes_between(a, c) == CAL.minutes_between(a, b) + CAL.minutes_between(b, c)


@settings(max_examples=150, deadline=None)
@given(instants, st.integers(min_value=0, max_value=20 * 510))
def test_add_then_measure_round_trips(a: dt.datetime, n: int) -> None:
    end = CAL.add_minutes(a, n)
    assert CAL.minutes_between(a, end) == n
    assert end >= a.replace(second=0, microsecond=0)
    if n > 0:
        # The finish lands in office time (a closing time counts as the end of that day).
        assert CAL.is_working_time(end - dt.timedelta(minutes=1))


@settings(max_examples=100, deadline=None)
@given(instants, instants)
def test_measure_then_add_never_overshoots(a: dt.datetime, b: dt.datetime) -> None:
    lo, hi = min(a, b), max(a, b)
    m = CAL.minutes_between(lo, hi)
    assert m >= 0
    assert CAL.add_minutes(lo, m) <= hi.replace(second=0, microsecond=0)
    assert CAL.minutes_between(hi, lo) == -m
