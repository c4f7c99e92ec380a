"""Which of two versions of a unit's form is the newer one: by evidence only (issue 21).

A returned form carries two pieces of evidence of its version:

* ``diekspor``: when the office exported the blank form (its metadata; the office clock). A
  form exported later is a newer form: the office sent a revised list of indicators.
* ``disimpan``: when the unit last saved the file (its own properties: ``docProps/core.xml``,
  ``meta.xml`` of an .ods, the summary stream of an .xls; the unit PC's clock).

The rule (README, "Urutan versi formulir"):

1. Different export stamps decide, unless the save times say the opposite (then nobody can
   tell: the form is held).
2. Otherwise (same export stamp, or one of them has none) the later save time decides.
3. Otherwise (no save time on one side, the same save time, or a save time that cannot be
   right) the versions cannot be ordered: the newcomer is held (``perlu_dicek``), both
   versions are shown, and nothing is replaced. The file's modification time is never used:
   a download or a copy resets it.

A save time is not evidence when the unit's clock was visibly wrong: later than the moment
the office received the file, or earlier than the export of the blank form. That is reported
as a clock problem, never as a version verdict.

Everything here is pure: versions in, a verdict and Indonesian text out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

CLOCK_SLACK = dt.timedelta(minutes=15)
"""Clocks of two PCs differ a little; only a larger gap counts as a wrong clock."""

Verdict = Literal["newer", "older", "unknown"]


@dataclass(frozen=True)
class Version:
    """The evidence of one version of a form (office-local naive times, to the second)."""

    diekspor: dt.datetime | None = None
    disimpan: dt.datetime | None = None
    diterima: dt.datetime | None = None
    """When the office imported it (the reference for a save time 'in the future')."""
    file: str = ""


@dataclass(frozen=True)
class Order:
    verdict: Verdict
    basis: Literal["diekspor", "disimpan", ""] = ""
    reason: str = ""
    """Why the versions cannot be ordered (``unknown``), in Indonesian."""


def when(t: dt.datetime | None) -> str:
    """``13/01/2026 pukul 10.15`` (or ``-``)."""
    return f"{t:%d/%m/%Y} pukul {t:%H.%M}" if t is not None else "-"


def clock_problem(v: Version) -> str:
    """Indonesian text when ``v``'s save time cannot be right ('' when it can, or is absent)."""
    if v.disimpan is None:
        return ""
    if v.diterima is not None and v.disimpan > v.diterima + CLOCK_SLACK:
        return (
            f"waktu simpan {v.file or 'file ini'} ({when(v.disimpan)}) lebih akhir daripada "
            f"waktu file itu diterima kantor ({when(v.diterima)}): jam komputer unit tampaknya "
            "terlalu cepat"
        )
    if v.diekspor is not None and v.disimpan < v.diekspor - CLOCK_SLACK:
        return (
            f"waktu simpan {v.file or 'file ini'} ({when(v.disimpan)}) lebih awal daripada "
            f"waktu formulir kosongnya dibuat kantor ({when(v.diekspor)}): jam komputer unit "
            "tampaknya terlambat"
        )
    return ""


def _cmp(a: dt.datetime | None, b: dt.datetime | None) -> int | None:
    if a is None or b is None:
        return None
    return (a > b) - (a < b)


def compare(new: Version, old: Version) -> Order:
    """Is ``new`` newer or older than ``old``, by the rule in the module docstring?"""
    by_export = _cmp(new.diekspor, old.diekspor)
    bad_clock = [p for p in (clock_problem(new), clock_problem(old)) if p]
    by_save = None if bad_clock else _cmp(new.disimpan, old.disimpan)
    if by_export:  # different export stamps
        if by_save and by_save != by_export:
            return Order(
                "unknown",
                reason="cap ekspor dan waktu simpan kedua file menunjukkan urutan yang berlawanan",
            )
        return Order("newer" if by_export > 0 else "older", "diekspor")
    if by_save:
        return Order("newer" if by_save > 0 else "older", "disimpan")
    if bad_clock:
        reason = "; ".join(bad_clock)
    elif by_save == 0:
        reason = "kedua file tersimpan pada detik yang sama"
    elif new.disimpan is None and old.disimpan is None:
        reason = "kedua file tidak mencatat waktu simpan (mis. disimpan oleh editor daring)"
    else:
        reason = "salah satu file tidak mencatat waktu simpan"
    return Order("unknown", reason=reason)


def describe(v: Version) -> str:
    """``diekspor 10/01/2026 pukul 08.00, tersimpan 12/01/2026 pukul 09.15``."""
    exported = f"diekspor {when(v.diekspor)}" if v.diekspor else "tanpa cap ekspor"
    saved = f"tersimpan {when(v.disimpan)}" if v.disimpan else "waktu simpan tidak tercatat"
    return f"{exported}, {saved}"


def _side(v: Version, basis: str, newer: bool) -> str:
    if basis == "diekspor":
        text = f"formulir kosongnya diekspor {when(v.diekspor)}"
    else:
        text = f"tersimpan {when(v.disimpan)}"
    return f"{text} ({'lebih baru' if newer else 'lebih lama'})"


def older_message(
    unit: str, new: Version, old: Version, basis: str, sheet: str = "Kiriman"
) -> tuple[str, str]:
    """(pesan, perbaikan) for a form older than the data ``sheet`` (Kiriman, or Realisasi
    Triwulan for a quarter's forms) holds."""
    return (
        f"Versi lama: file ini {_side(new, basis, False)}, sedangkan data {unit} di sheet "
        f"{sheet} berasal dari {old.file or 'kiriman sebelumnya'} yang "
        f"{_side(old, basis, True)}. File ini tidak menggantikan apa pun; tetap diarsipkan.",
        "Bila file ini memang yang benar, impor ulang dengan --paksa.",
    )


def unknown_message(
    unit: str, new: Version, old: Version, reason: str, sheet: str = "Kiriman"
) -> tuple[str, str]:
    """(pesan, perbaikan) for two versions that cannot be ordered (the newcomer is held)."""
    return (
        f"Perlu dicek: urutan versi formulir {unit} tidak dapat dipastikan ({reason}). File "
        f"ini: {describe(new)}. Data di sheet {sheet} dari {old.file or 'kiriman sebelumnya'}: "
        f"{describe(old)}. Data tidak diganti sebelum dipastikan.",
        f"Tanyakan kepada {unit} file mana yang terbaru. Bila file ini, impor ulang dengan "
        "--paksa; bila bukan, tidak perlu berbuat apa-apa. Bila jam komputer unit salah, "
        "minta unit membetulkan tanggal dan jamnya.",
    )
