"""The deadline for returning the forms: SOP step 3 ("Pemenuhan data", 3 hari kerja).

Counted in working time (:class:`~lkjip_xl.domain.worktime.WorkCalendar`: office hours,
weekends, public holidays, cuti bersama and extra days off) from the moment step 3
started, else from when step 2 (sending the forms) finished, else from now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lkjip_xl import clock
from lkjip_xl.domain import sop
from lkjip_xl.domain.worktime import WorkCalendar, format_datetime

CLOCK_ENV = clock.CLOCK_ENV

FILL_STEP = 3


@dataclass(frozen=True)
class Deadline:
    mulai: dt.datetime
    """When the three working days start counting (office time zone)."""
    batas: dt.datetime
    """The deadline (office time zone)."""
    mutu_baku: str
    """The SOP's time standard for step 3, e.g. ``3 hari``."""
    dasar: str
    """What the count starts from, in Indonesian."""

    def text(self) -> str:
        """``Kamis, 8 Januari 2026 pukul 14.10 WIB``."""
        zone = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
            str(self.batas.tzinfo), ""
        )
        day, _, clock = format_datetime(self.batas).rpartition(" ")
        return f"{day} pukul {clock}" + (f" {zone}" if zone else "")


def now_in(cal: WorkCalendar, now: dt.datetime | None = None) -> dt.datetime:
    return cal.local(now or clock.now(str(cal.tz))).replace(second=0, microsecond=0)


def fill_deadline(
    profile: Any,
    events: list[dict[str, Any]],
    now: dt.datetime | None = None,
    *,
    allow_past: bool = False,
) -> Deadline:
    """The deadline of step 3 for ``profile`` given the journal ``events``.

    With ``allow_past=False`` (a first request) a start so long ago that the deadline
    has already passed is replaced by now: a unit is never asked for data by a date
    that is over. Reminders pass ``allow_past=True`` and keep the original deadline.
    """
    cal = WorkCalendar.from_profile(profile)
    current = now_in(cal, now)
    steps = sop.steps_for(profile)
    step = next(s for s in steps if s.no == FILL_STEP)
    minutes = step.mutu_baku_menit(cal.day_minutes)
    states = {st.step.no: st for st in sop.replay(events, steps)}
    start, dasar = current, "sejak e-mail ini dibuat"
    st3, st2 = states.get(FILL_STEP), states.get(FILL_STEP - 1)
    if st3 is not None and st3.mulai is not None:
        start, dasar = cal.local(st3.mulai), "sejak langkah 3 SOP dimulai"
    elif st2 is not None and st2.selesai is not None:
        start, dasar = cal.local(st2.selesai), "sejak langkah 2 SOP selesai"
    batas = cal.add_minutes(start, minutes)
    if batas < current and not allow_past:
        start, dasar = current, "sejak e-mail ini dibuat"
        batas = cal.add_minutes(start, minutes)
    return Deadline(mulai=start, batas=batas, mutu_baku=step.mutu_baku, dasar=dasar)


QUARTER_DAYS_DEFAULT = 10
"""Working days after a quarter's end by which its forms are due (Pengaturan
``batas_triwulan_hari``)."""


def quarter_end(tahun: int, triwulan: int) -> dt.date:
    """The last day of ``triwulan`` (1–4) of ``tahun``."""
    if triwulan == 4:
        return dt.date(tahun, 12, 31)
    return dt.date(tahun, 3 * triwulan + 1, 1) - dt.timedelta(days=1)


def quarter_deadline(profile: Any, triwulan: int) -> Deadline:
    """The deadline of the quarter forms: the close of the N-th working day after the quarter
    ends (N from Pengaturan, 10 by default), in the office's working-time calendar (weekends,
    public holidays, cuti bersama and extra days off do not count)."""
    cal = WorkCalendar.from_profile(profile)
    n = int(getattr(profile, "batas_triwulan_hari", QUARTER_DAYS_DEFAULT) or 0)
    end = quarter_end(profile.tahun, triwulan)
    day = end
    for _ in range(max(n, 1)):
        day = cal.next_working_day(day)
    batas = cal.day_end(day)
    return Deadline(
        mulai=cal.day_start(cal.next_working_day(end)),
        batas=batas,
        mutu_baku=f"{n} hari kerja",
        dasar=f"{n} hari kerja setelah triwulan berakhir ({end:%d/%m/%Y})",
    )
