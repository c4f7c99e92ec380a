"""The Indonesian calendar the step timing relies on: the `holidays` release pinned in
pyproject/constraints must know the 2025 amendment (18 August 2025 cuti bersama) and the
2026 lists of public holidays and cuti bersama (SKB 3 Menteri)."""

from __future__ import annotations

import datetime as dt

import pytest

from lkjip_xl.domain.profile import default_profile
from lkjip_xl.domain.worktime import WorkCalendar


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.from_profile(default_profile())


@pytest.mark.parametrize(
    "day",
    [
        # 2025: the amendment added 18 August as cuti bersama.
        dt.date(2025, 8, 18),
        dt.date(2025, 12, 26),
        # 2026: cuti bersama
        dt.date(2026, 2, 16),
        dt.date(2026, 3, 18),
        dt.date(2026, 3, 20),
        dt.date(2026, 3, 23),
        dt.date(2026, 3, 24),
        dt.date(2026, 5, 15),
        dt.date(2026, 5, 28),
        dt.date(2026, 12, 24),
        # 2026: public holidays on working days
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 16),
        dt.date(2026, 2, 17),
        dt.date(2026, 3, 19),
        dt.date(2026, 4, 3),
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 14),
        dt.date(2026, 5, 27),
        dt.date(2026, 6, 1),
        dt.date(2026, 6, 16),
        dt.date(2026, 8, 17),
        dt.date(2026, 8, 25),
        dt.date(2026, 12, 25),
    ],
)
def test_day_off(cal: WorkCalendar, day: dt.date) -> None:
    assert cal.holiday_name(day), day
    assert not cal.is_working_day(day)


@pytest.mark.parametrize("day", [dt.date(2025, 8, 19), dt.date(2026, 3, 25), dt.date(2026, 12, 23)])
def test_ordinary_working_day(cal: WorkCalendar, day: dt.date) -> None:
    assert cal.is_working_day(day)


def test_working_days_of_march_2026(cal: WorkCalendar) -> None:
    # 22 weekdays, minus Nyepi (19), its cuti bersama (18), Idul Fitri cuti bersama (20, 23, 24).
    assert cal.count_working_days(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == 17
