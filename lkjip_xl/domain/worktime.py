"""Working-time arithmetic for the SOP's mutu baku (time standards).

The SOP counts time in office time: "1 hari" is one working day of office hours
(Monday–Friday 07:30–16:00 WIB by default, i.e. 510 minutes), "1 jam" is 60
working minutes. Non-working time is skipped: evenings, weekends, Indonesian
public holidays and *cuti bersama* (the ``holidays`` package, country ``ID``,
categories ``public`` and ``government``, names in Indonesian) and the extra days
off staff list in Pengaturan.

Resolution is one minute: the seconds of a time are ignored (floored), which
keeps durations exactly additive: ``minutes(a, c) == minutes(a, b) + minutes(b, c)``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lkjip_xl.domain.profile import SpecialHours, WorkingTime
from lkjip_xl.errors import CellProblem, LkjipError

__all__ = [
    "WorkCalendar",
    "format_date",
    "format_datetime",
    "format_duration",
    "format_periods",
    "parse_date_text",
    "parse_datetime_text",
    "parse_duration",
    "parse_periods",
]

HOLIDAY_CATEGORIES = ("public", "government")
"""``government`` holds the cuti bersama days that apply to civil servants."""

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _floor_minute(t: dt.datetime) -> dt.datetime:
    return t.replace(second=0, microsecond=0)


def _naive(t: dt.time) -> dt.time:
    return t.replace(second=0, microsecond=0, tzinfo=None)


def _all_hours(wt: WorkingTime) -> list[tuple[dt.time, dt.time]]:
    pairs = [(wt.jam_mulai, wt.jam_selesai)]
    if wt.jam_mulai_jumat or wt.jam_selesai_jumat:
        pairs.append((wt.jam_mulai_jumat or wt.jam_mulai, wt.jam_selesai_jumat or wt.jam_selesai))
    for p in wt.periode_khusus:
        pairs.append((p.jam_mulai, p.jam_selesai))
        if p.jam_mulai_jumat or p.jam_selesai_jumat:
            pairs.append((p.jam_mulai_jumat or p.jam_mulai, p.jam_selesai_jumat or p.jam_selesai))
    return [(_naive(a), _naive(b)) for a, b in pairs]


@functools.cache
def _country_holidays(country: str) -> Any:
    """The country's holidays, shared by every calendar of the process: the ``holidays``
    package works out a year's dates (lunar ones too) on first use, about 0,2 s a year."""
    import holidays

    return holidays.country_holidays(country, categories=HOLIDAY_CATEGORIES, language="id")


class WorkCalendar:
    """Office hours, working days and days off of one OPD (from ``Profile.jam_kerja``)."""

    def __init__(self, jam_kerja: WorkingTime | None = None, *, country: str = "ID") -> None:
        wt = jam_kerja or WorkingTime()
        try:
            self.tz = ZoneInfo(wt.zona)
        except (ZoneInfoNotFoundError, ValueError):
            raise LkjipError(
                f"Zona waktu '{wt.zona}' tidak dikenal.",
                [
                    CellProblem(
                        "Zona waktu jam kerja tidak dikenal.",
                        "Isi 'zona_waktu' dengan nama zona seperti Asia/Jakarta (WIB), "
                        "Asia/Makassar (WITA) atau Asia/Jayapura (WIT).",
                        sheet="Pengaturan",
                    )
                ],
            ) from None
        if not wt.hari_kerja or any(b <= a for a, b in _all_hours(wt)):
            raise LkjipError(
                "Jam kerja tidak sah: jam pulang harus sesudah jam masuk dan harus ada hari kerja.",
                [
                    CellProblem(
                        f"Jam masuk {wt.jam_mulai:%H:%M}, Jam pulang {wt.jam_selesai:%H:%M}, "
                        f"Hari kerja {wt.hari_kerja}.",
                        "Perbaiki Jam masuk, Jam pulang, jam hari Jumat, Jam kerja khusus dan "
                        "Hari kerja di Pengaturan.",
                        sheet="Pengaturan",
                    )
                ],
            )
        self.jam_kerja = wt
        self.country = country
        self.workdays = frozenset(wt.hari_kerja)
        self.start_time = wt.jam_mulai.replace(second=0, microsecond=0, tzinfo=None)
        self.end_time = wt.jam_selesai.replace(second=0, microsecond=0, tzinfo=None)
        self.extra_days_off = frozenset(wt.libur_tambahan)
        self.friday: tuple[dt.time, dt.time] | None = None
        if wt.jam_mulai_jumat or wt.jam_selesai_jumat:
            self.friday = (
                _naive(wt.jam_mulai_jumat or wt.jam_mulai),
                _naive(wt.jam_selesai_jumat or wt.jam_selesai),
            )
        self.periods: tuple[SpecialHours, ...] = tuple(wt.periode_khusus)
        self.day_minutes = (
            self.end_time.hour * 60
            + self.end_time.minute
            - self.start_time.hour * 60
            - self.start_time.minute
        )
        """Working minutes in one working day ("1 hari"): 510 by default."""

    @classmethod
    def from_profile(cls, profile: Any) -> WorkCalendar:
        return cls(profile.jam_kerja)

    # -- days ------------------------------------------------------------------------------

    @property
    def _holidays(self) -> Any:
        return _country_holidays(self.country)

    def holiday_name(self, day: dt.date) -> str | None:
        """Why ``day`` is a day off (public holiday, cuti bersama or extra day off), or None."""
        if day in self.extra_days_off:
            return "Libur tambahan (Pengaturan)"
        name = self._holidays.get(day)
        return str(name) if name else None

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.workdays and self.holiday_name(day) is None

    def working_days(self, first: dt.date, last: dt.date) -> Iterator[dt.date]:
        """Working days from ``first`` to ``last`` inclusive."""
        d = first
        while d <= last:
            if self.is_working_day(d):
                yield d
            d += dt.timedelta(days=1)

    def count_working_days(self, first: dt.date, last: dt.date) -> int:
        """Number of working days from ``first`` to ``last`` inclusive (0 when last < first)."""
        return sum(1 for _ in self.working_days(first, last))

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        d = day + dt.timedelta(days=1)
        for _ in range(3700):  # ten years: a calendar with no working day is a settings error
            if self.is_working_day(d):
                return d
            d += dt.timedelta(days=1)
        raise LkjipError("Tidak ada hari kerja dalam sepuluh tahun: periksa hari kerja dan libur.")

    def hours(self, day: dt.date) -> tuple[dt.time, dt.time]:
        """Office hours of ``day``: a special period's (Ramadan, …), else Friday's, else the
        usual ones."""
        friday = day.weekday() == 4
        for p in self.periods:
            if p.mulai <= day <= p.selesai:
                if friday and (p.jam_mulai_jumat or p.jam_selesai_jumat):
                    return (
                        _naive(p.jam_mulai_jumat or p.jam_mulai),
                        _naive(p.jam_selesai_jumat or p.jam_selesai),
                    )
                return _naive(p.jam_mulai), _naive(p.jam_selesai)
        if friday and self.friday is not None:
            return self.friday
        return self.start_time, self.end_time

    def day_start(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.hours(day)[0], tzinfo=self.tz)

    def day_end(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.hours(day)[1], tzinfo=self.tz)

    # -- instants --------------------------------------------------------------------------

    def local(self, t: dt.datetime) -> dt.datetime:
        """``t`` in the office time zone; a naive ``t`` is read as office local time."""
        if t.tzinfo is None:
            return t.replace(tzinfo=self.tz)
        return t.astimezone(self.tz)

    def is_working_time(self, t: dt.datetime) -> bool:
        t = self.local(t)
        return self.is_working_day(t.date()) and self.day_start(t.date()) <= t < self.day_end(
            t.date()
        )

    def next_work_start(self, t: dt.datetime) -> dt.datetime:
        """The earliest instant ≥ ``t`` (to the minute) that is inside office hours."""
        t = _floor_minute(self.local(t))
        d = t.date()
        if self.is_working_day(d):
            if t < self.day_start(d):
                return self.day_start(d)
            if t < self.day_end(d):
                return t
        return self.day_start(self.next_working_day(d))

    def minutes_between(self, a: dt.datetime, b: dt.datetime) -> int:
        """Working minutes from ``a`` to ``b`` (negative when ``b`` is before ``a``).

        Both must be aware (or naive office local time); seconds are ignored.
        """
        a = _floor_minute(self.local(a))
        b = _floor_minute(self.local(b))
        if b < a:
            return -self.minutes_between(b, a)
        total = dt.timedelta(0)
        for d in self.working_days(a.date(), b.date()):
            lo = max(a, self.day_start(d))
            hi = min(b, self.day_end(d))
            if hi > lo:
                total += hi.astimezone(dt.UTC) - lo.astimezone(dt.UTC)
        return int(total.total_seconds()) // 60

    def add_minutes(self, start: dt.datetime, minutes: int) -> dt.datetime:
        """The instant after ``minutes`` working minutes counted from ``start``.

        A finish that uses up a day's last minute is that day's closing time (16:00),
        not the next morning. ``add_minutes(t, 0)`` is ``t`` (to the minute).
        """
        if minutes < 0:
            raise ValueError("minutes must be >= 0")
        t = _floor_minute(self.local(start))
        left = minutes
        if left == 0:
            return t
        while True:
            t = self.next_work_start(t)
            end = self.day_end(t.date())
            available = int((end - t).total_seconds()) // 60
            if left <= available:
                return (t.astimezone(dt.UTC) + dt.timedelta(minutes=left)).astimezone(self.tz)
            left -= available
            t = end

    def working_days_left(self, now: dt.datetime, due: dt.date) -> int:
        """Working days from ``now`` up to and including ``due``.

        Today counts while office hours are not over yet. Negative when ``due`` has passed
        (minus the working days since).
        """
        now = self.local(now)
        today = now.date()
        today_counts = self.is_working_day(today) and now < self.day_end(today)
        if due >= today:
            n = self.count_working_days(today, due)
            return n - (1 if self.is_working_day(today) and not today_counts else 0)
        return -self.count_working_days(due + dt.timedelta(days=1), today - dt.timedelta(days=1))

    def days_off(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
        """Holidays, cuti bersama and extra days off (not weekends) between two dates."""
        out = []
        d = first
        while d <= last:
            name = self.holiday_name(d)
            if name:
                out.append((d, name))
            d += dt.timedelta(days=1)
        return out


# -- durations as the SOP writes them ------------------------------------------------------

_UNITS = {"hari": None, "jam": 60, "menit": 1}
_DURATION_RE = re.compile(r"(\d+)\s*(hari|jam|menit)", re.IGNORECASE)


def parse_duration(text: str, day_minutes: int = 510) -> int:
    """Working minutes of a mutu baku such as ``"1 hari"``, ``"1 jam"``, ``"2 hari 30 menit"``."""
    parts = _DURATION_RE.findall(text or "")
    rest = _DURATION_RE.sub("", text or "").strip()
    if not parts or rest:
        raise LkjipError(
            f"Mutu baku waktu '{text}' tidak dapat dibaca. Tulis seperti '1 hari', '1 jam' "
            "atau '10 menit'."
        )
    total = 0
    for n, unit in parts:
        factor = _UNITS[unit.lower()]
        total += int(n) * (day_minutes if factor is None else factor)
    return total


def format_duration(minutes: int, day_minutes: int = 510) -> str:
    """Working minutes as Indonesian text: ``"1 hari 2 jam 5 menit"``; 0 is ``"0 menit"``."""
    sign = "-" if minutes < 0 else ""
    m = abs(int(minutes))
    days, m = divmod(m, day_minutes)
    hours, mins = divmod(m, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "hari"), (hours, "jam"), (mins, "menit")) if n]
    return sign + (" ".join(parts) if parts else "0 menit")


BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_date(d: dt.date) -> str:
    """``"2 Januari 2025"``."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def format_datetime(t: dt.datetime) -> str:
    """``"Kamis, 27 Maret 2025 14.00"`` (Indonesian writes hours with a dot)."""
    return f"{HARI[t.weekday()]}, {format_date(t.date())} {t:%H.%M}"


def describe_days_off(days: Iterable[tuple[dt.date, str]]) -> str:
    """``"2 April 2025 (Cuti Bersama Hari Raya Idul Fitri), …"`` for messages."""
    return ", ".join(f"{format_date(d)} ({name})" for d, name in days)


# -- times as staff type them -------------------------------------------------------------

_TIME = r"(\d{1,2})[.:](\d{2})"
_DMY_RE = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:(?:\s+|\s*,\s*|T)(?:pukul\s+|jam\s+)?"
    + _TIME
    + r")?$",
    re.IGNORECASE,
)
_TIME_RE = re.compile(r"^(?:pukul\s+|jam\s+)?" + _TIME + r"$", re.IGNORECASE)


def parse_datetime_text(text: str, today: dt.date) -> tuple[dt.datetime, bool]:
    """A time as staff type it → (naive office-local datetime or aware one, has_time).

    Accepted: ``05/01/2026 08.00``, ``5-1-2026 8:00``, ``05.01.2026 08.00`` (day first, as
    Indonesians write dates), ``08.00`` / ``8:00`` (today), ISO 8601 (``2026-01-05T08:00``,
    ``2026-01-05 08:00``, ``2026-01-05T08:00+07:00``) and a date alone (``05/01/2026``,
    ``2026-01-05``; ``has_time`` is then False: the caller picks the start of office hours).
    Raises ``ValueError`` for anything else, including impossible dates and times.
    """
    t = " ".join((text or "").split())
    if m := _TIME_RE.match(t):
        return dt.datetime.combine(today, dt.time(int(m.group(1)), int(m.group(2)))), True
    if m := _DMY_RE.match(t):
        day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m.group(4) is None:
            return dt.datetime.combine(day, dt.time(0, 0)), False
        return dt.datetime.combine(day, dt.time(int(m.group(4)), int(m.group(5)))), True
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return dt.datetime.combine(dt.date.fromisoformat(t), dt.time(0, 0)), False
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}[.:]\d{2}", t):
        iso = re.sub(r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2})[.:]", r"\1T\2:", t)
        iso = re.sub(r"T(\d):", r"T0\1:", iso)
        return dt.datetime.fromisoformat(iso), True
    raise ValueError(f"unrecognised time {text!r}")


_MONTHS: dict[str, int] = {
    **{name.casefold(): i for i, name in enumerate(BULAN, start=1)},
    **{name[:3].casefold(): i for i, name in enumerate(BULAN, start=1)},
    # other spellings seen in offices (Indonesian abbreviations, English month names)
    "agt": 8, "ags": 8, "agus": 8, "sept": 9, "nop": 11, "nopember": 11, "pebruari": 2,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "aug": 8,
    "august": 8, "oct": 10, "october": 10, "dec": 12, "december": 12,
}  # fmt: skip
_WORDS_RE = re.compile(r"^(\d{1,2})[\s.-]*([a-z]+)\.?[\s.,-]*(\d{4})$")
_DMY_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")


def parse_date_text(text: str) -> dt.date:
    """A date typed as text, read the Indonesian way (day first) → date.

    Accepted: ``20/02/2026``, ``20-2-2026``, ``20.02.2026``, ``20/02/26`` (20xx), ISO
    ``2026-02-20``, and the month in words: ``20 Februari 2026``, ``20 Feb 2026``,
    ``20-Feb-2026``, with or without a weekday in front (``Jumat, 20 Februari 2026``).
    Raises ``ValueError`` for anything else, including impossible dates (31/02/2026).
    """
    t = " ".join(str(text or "").split()).casefold()
    t = re.sub(r"^(?:" + "|".join(h.casefold() for h in HARI) + r")\s*,?\s*", "", t)
    if m := _DMY_DATE_RE.match(t):
        year = int(m.group(3))
        return dt.date(year + 2000 if year < 100 else year, int(m.group(2)), int(m.group(1)))
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", t):
        y, mo, d = (int(x) for x in t.split("-"))
        return dt.date(y, mo, d)
    if (m := _WORDS_RE.match(t)) and m.group(2) in _MONTHS:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    raise ValueError(f"unrecognised date {text!r}")


# -- special working-hour periods as written in Pengaturan ---------------------------------

_DATE = r"(\d{1,2}/\d{1,2}/\d{4})"
_RANGE = _TIME + r"\s*[-–]\s*" + _TIME
_PERIOD_RE = re.compile(
    r"^(?P<nama>[^\d;]*?)\s*"
    + _DATE
    + r"\s*(?:-|–|s\.?d\.?|sampai)\s*"
    + _DATE
    + r"\s*:?\s*"
    + _RANGE
    + r"(?:\s*[,;]?\s*jumat\s*:?\s*"
    + _RANGE
    + r")?\s*$",
    re.IGNORECASE,
)


def _date_dmy(text: str) -> dt.date:
    d, m, y = (int(x) for x in text.split("/"))
    return dt.date(y, m, d)


def parse_periods(text: str) -> list[SpecialHours]:
    """Periods separated by ``|`` or new lines, each like
    ``Ramadan 18/02/2026-19/03/2026 08.00-15.00 Jumat 08.00-15.30`` (Friday part optional).

    Raises ``ValueError`` (Indonesian message) for a period that cannot be read.
    """
    out: list[SpecialHours] = []
    for part in re.split(r"[|\n]", text or ""):
        part = part.strip()
        if not part:
            continue
        m = _PERIOD_RE.match(part)
        try:
            if m is None:
                raise ValueError
            g = m.groups()
            period = SpecialHours(
                nama=(m.group("nama") or "").strip(" :,"),
                mulai=_date_dmy(g[1]),
                selesai=_date_dmy(g[2]),
                jam_mulai=dt.time(int(g[3]), int(g[4])),
                jam_selesai=dt.time(int(g[5]), int(g[6])),
                jam_mulai_jumat=dt.time(int(g[7]), int(g[8])) if g[7] else None,
                jam_selesai_jumat=dt.time(int(g[9]), int(g[10])) if g[9] else None,
            )
        except ValueError:
            raise ValueError(
                f"Periode jam kerja khusus '{part}' tidak dapat dibaca. Tulis seperti "
                "'Ramadan 18/02/2026-19/03/2026 08.00-15.00 Jumat 08.00-15.30'."
            ) from None
        if period.selesai < period.mulai:
            raise ValueError(f"Periode '{part}': tanggal akhir sebelum tanggal mulai.")
        out.append(period)
    return out


def format_periods(periods: Iterable[SpecialHours]) -> str:
    """The Pengaturan text of ``periods`` (inverse of :func:`parse_periods`)."""
    parts = []
    for p in periods:
        text = f"{p.nama} " if p.nama else ""
        text += f"{p.mulai:%d/%m/%Y}-{p.selesai:%d/%m/%Y} {p.jam_mulai:%H.%M}-{p.jam_selesai:%H.%M}"
        if p.jam_mulai_jumat or p.jam_selesai_jumat:
            a = p.jam_mulai_jumat or p.jam_mulai
            b = p.jam_selesai_jumat or p.jam_selesai
            text += f" Jumat {a:%H.%M}-{b:%H.%M}"
        parts.append(text)
    return " | ".join(parts)
