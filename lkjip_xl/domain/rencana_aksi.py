"""Rencana Aksi (issue 22): quarterly targets per indicator and how the year follows from them.

Pure. The rule per indicator (DOMAIN.md §11): *Kumulatif* (the year is the sum of the quarters:
documents, cases), *Nilai Terakhir* (the year is the quarter IV value: a percentage or a stock),
*Tahunan* (measured once a year: IKM from the SKM, Nilai SAKIP from the LHE). Defaults follow
from the annual target; staff edit them in the Rencana Aksi sheet.
"""

from __future__ import annotations

import math
from typing import Literal

from lkjip_xl.domain.numbers import round_half_up

__all__ = ["ATURAN", "LEVEL_UNITS", "default_quarters", "default_rule", "quarter_problem"]

Aturan = Literal["Kumulatif", "Nilai Terakhir", "Tahunan"]
ATURAN: tuple[Aturan, ...] = ("Kumulatif", "Nilai Terakhir", "Tahunan")

LEVEL_UNITS = ("%", "persen", "nilai", "indeks", "skor", "predikat", "rasio")


def default_rule(jenis: str, satuan: str) -> Aturan:
    """IKM and SAKIP are annual; a percentage, score or index is a level (last value); a count
    (documents, cases, people) is cumulative."""
    if jenis in ("IKM", "SAKIP"):
        return "Tahunan"
    if satuan.strip().casefold() in LEVEL_UNITS:
        return "Nilai Terakhir"
    return "Kumulatif"


def default_quarters(target: float | None, aturan: Aturan) -> list[float | None]:
    """Targets of triwulan I–IV derived from the annual ``target``.

    Kumulatif: the target split in four (whole numbers when the target is whole; the remainder
    goes to the last quarters), summing to the target exactly. Nilai Terakhir: the target every
    quarter. Tahunan: only triwulan IV.
    """
    if target is None:
        return [None] * 4
    if aturan == "Tahunan":
        return [None, None, None, target]
    if aturan == "Nilai Terakhir":
        return [target] * 4
    if float(target).is_integer():
        whole = int(target)
        base, rest = divmod(whole, 4)
        return [float(base + (1 if i >= 4 - rest else 0)) for i in range(4)]
    part = round_half_up(target / 4, 2)
    return [part, part, part, round_half_up(target - 3 * part, 2)]


def quarter_problem(target: float | None, aturan: str, tw: list[float | None]) -> str:
    """Why the quarters do not give the annual target (Indonesian), or "" when they do."""
    if target is None or aturan not in ATURAN:
        return ""
    if aturan == "Kumulatif":
        if any(v is None for v in tw):
            return "target triwulan belum lengkap"
        total = sum(v for v in tw if v is not None)
        if not math.isclose(total, target, rel_tol=1e-9, abs_tol=1e-9):
            return f"jumlah target triwulan {total:g} tidak sama dengan target tahunan {target:g}"
        return ""
    last = tw[3]
    if last is None or not math.isclose(last, target, rel_tol=1e-9, abs_tol=1e-9):
        return (
            f"target triwulan IV {'kosong' if last is None else f'{last:g}'} tidak sama dengan "
            f"target tahunan {target:g} (aturan {aturan})"
        )
    return ""
