"""Nilai SAKIP from the LHE SAKIP components, and its predikat (DOMAIN.md §5, §9).

Schemes (a *setting* per year, so trends across years work):

* ``"2021"`` — PermenPAN-RB No. 88 Tahun 2021: Perencanaan Kinerja 30,
  Pengukuran Kinerja 30, Pelaporan Kinerja 15, Evaluasi Akuntabilitas Kinerja
  Internal 25.
* ``"2015"`` — PermenPAN-RB No. 12 Tahun 2015: Perencanaan Kinerja 30,
  Pengukuran Kinerja 25, Pelaporan Kinerja 15, Evaluasi Internal 10, Capaian
  Kinerja 20.

The predikat is decided on the nilai as a report shows it, rounded half away
from zero to 2 decimals: 90.001 shows as 90,00 and is "A"; 90.005 shows as
90,01 and is "AA".
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict

from lkjip_xl.domain.numbers import format_id, round_half_up
from lkjip_xl.errors import LkjipError

__all__ = [
    "KOMPONEN",
    "SKEMA_LABEL",
    "SakipResult",
    "komponen",
    "predikat",
    "sakip_result",
    "sakip_total",
]

Skema = Literal["2021", "2015"]

KOMPONEN: dict[str, dict[str, tuple[str, float]]] = {
    "2021": {
        "perencanaan": ("Perencanaan Kinerja", 30.0),
        "pengukuran": ("Pengukuran Kinerja", 30.0),
        "pelaporan": ("Pelaporan Kinerja", 15.0),
        "evaluasi": ("Evaluasi Akuntabilitas Kinerja Internal", 25.0),
    },
    "2015": {
        "perencanaan": ("Perencanaan Kinerja", 30.0),
        "pengukuran": ("Pengukuran Kinerja", 25.0),
        "pelaporan": ("Pelaporan Kinerja", 15.0),
        "evaluasi": ("Evaluasi Internal", 10.0),
        "capaian": ("Capaian Kinerja", 20.0),
    },
}
"""Scheme → component key → (name, weight). Weights of each scheme sum to 100."""

SKEMA_LABEL: dict[str, str] = {
    "2021": "PermenPAN-RB No. 88 Tahun 2021",
    "2015": "PermenPAN-RB No. 12 Tahun 2015",
}

_PREDIKAT: tuple[tuple[float, str, str], ...] = (
    (90.0, "AA", "Sangat Memuaskan"),
    (80.0, "A", "Memuaskan"),
    (70.0, "BB", "Sangat Baik"),
    (60.0, "B", "Baik"),
    (50.0, "CC", "Cukup (Memadai)"),
    (30.0, "C", "Kurang"),
)


class SakipResult(BaseModel):
    """A Nilai SAKIP with its predikat; ``nilai`` is unrounded."""

    model_config = ConfigDict(extra="forbid")

    nilai: float
    predikat: str
    interpretasi: str
    skema: Skema


def _skema(skema: str) -> dict[str, tuple[str, float]]:
    try:
        return KOMPONEN[str(skema)]
    except KeyError:
        raise LkjipError(
            f"Skema SAKIP '{skema}' tidak dikenal. Pilih 2021 (PermenPAN-RB 88/2021) "
            "atau 2015 (PermenPAN-RB 12/2015)."
        ) from None


def komponen(skema: str = "2021") -> dict[str, tuple[str, float]]:
    """Component key → (name, weight) of a scheme."""
    return dict(_skema(skema))


def _key_for(name: str, parts: dict[str, tuple[str, float]]) -> str | None:
    wanted = " ".join(str(name).casefold().split())
    for key, (label, _weight) in parts.items():
        if wanted in (key, label.casefold()):
            return key
    return None


def sakip_total(components: dict[str, float], skema: str = "2021") -> float:
    """Sum of the LHE components after checking each lies within 0..its weight.

    Keys are the component keys (``perencanaan``, ``pengukuran``, ``pelaporan``,
    ``evaluasi``, and ``capaian`` in 2015) or the full names, any case. A
    missing, unknown, non-numeric or out-of-range component raises
    :class:`LkjipError` naming it.
    """
    parts = _skema(skema)
    values: dict[str, float] = {}
    for name, value in components.items():
        key = _key_for(name, parts)
        if key is None:
            names = ", ".join(label for label, _ in parts.values())
            raise LkjipError(
                f"Komponen '{name}' tidak ada pada skema SAKIP {SKEMA_LABEL[skema]}. "
                f"Komponennya: {names}."
            )
        label, weight = parts[key]
        if key in values:
            raise LkjipError(f"Komponen {label} diisi dua kali. Sisakan satu nilai.")
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number):
            raise LkjipError(f"Nilai komponen {label} ('{value}') bukan angka. Isi dengan angka.")
        if not 0.0 <= number <= weight:
            raise LkjipError(
                f"Nilai komponen {label} {format_id(number)} di luar rentang 0–"
                f"{format_id(weight, 0)} (bobotnya). Periksa kembali angka di LHE SAKIP."
            )
        values[key] = number
    missing = [parts[k][0] for k in parts if k not in values]
    if missing:
        raise LkjipError(
            f"Komponen SAKIP belum diisi: {', '.join(missing)}. Isi semua komponen dari LHE SAKIP."
        )
    return math.fsum(values.values())


def predikat(nilai: float) -> tuple[str, str]:
    """(predikat, interpretasi) of a Nilai SAKIP, decided on the value rounded to 2 decimals.

    AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, else D. A nilai outside
    0..100 raises :class:`LkjipError`.
    """
    try:
        number = float(nilai)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise LkjipError(f"Nilai SAKIP '{nilai}' bukan angka. Isi dengan angka 0–100.")
    shown = round_half_up(number, 2)
    if not 0.0 <= shown <= 100.0:
        raise LkjipError(
            f"Nilai SAKIP {format_id(number)} di luar rentang 0–100. "
            "Periksa kembali angka di LHE SAKIP."
        )
    for edge, grade, meaning in _PREDIKAT:
        if shown > edge:
            return grade, meaning
    return "D", "Sangat Kurang"


def sakip_result(
    nilai: float | None = None,
    *,
    components: dict[str, float] | None = None,
    skema: str = "2021",
) -> SakipResult:
    """A :class:`SakipResult` from a final nilai or from the components (exactly one of the two)."""
    _skema(skema)
    if (nilai is None) == (components is None):
        raise LkjipError("Isi Nilai SAKIP akhir atau nilai per komponen (salah satu saja).")
    if components is not None:
        nilai = sakip_total(components, skema)
    assert nilai is not None
    grade, meaning = predikat(nilai)
    return SakipResult(nilai=float(nilai), predikat=grade, interpretasi=meaning, skema=skema)  # type: ignore[arg-type]
