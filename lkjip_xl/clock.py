"""The one clock of the product.

``LKJIP_SEKARANG`` (ISO 8601) fixes "now" for demos and tests that replay an
SOP in the past; every action asks this module for the time, so the step
times, the form deadline, the letter date and the archive agree.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from lkjip_xl.errors import LkjipError

CLOCK_ENV = "LKJIP_SEKARANG"
OFFICE_ZONE = "Asia/Jakarta"


def now(zone: str = OFFICE_ZONE) -> dt.datetime:
    """Aware current time in ``zone`` (or the fixed time from ``LKJIP_SEKARANG``)."""
    fixed = os.environ.get(CLOCK_ENV, "").strip()
    tz = ZoneInfo(zone)
    if fixed:
        try:
            t = dt.datetime.fromisoformat(fixed)
        except ValueError:
            raise LkjipError(
                f"Isi variabel {CLOCK_ENV} ('{fixed}') bukan waktu ISO 8601, "
                "contoh: 2026-01-05T08:00+07:00."
            ) from None
        return t.replace(tzinfo=tz) if t.tzinfo is None else t.astimezone(tz)
    return dt.datetime.now(tz)


def today(zone: str = OFFICE_ZONE) -> dt.date:
    return now(zone).date()


def local_naive(zone: str = OFFICE_ZONE) -> dt.datetime:
    """Now as a naive office-local datetime, to the second (for sheet cells)."""
    return now(zone).replace(tzinfo=None, microsecond=0)
