"""Capaian kinerja: realisasi against target (DOMAIN.md §6, §9).

* Higher is better (``naik``): capaian = R / T × 100.
* Lower is better (``turun``): capaian = (2T − R) / T × 100 (``selisih``,
  default) or T / R × 100 (``rasio``, a *setting*). A lower-is-better result
  below 0 is shown as 0.
* A target of 0 or less gives no capaian: the result says why instead of
  inventing a figure.
* Above 100 % is kept unless a cap (``batas_atas``) is set.
* Kategori (Permendagri 86/2017) on the capaian rounded half away from zero
  to 2 decimals: ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah,
  else Sangat Rendah (so 50,5 is Sangat Rendah, and 90,995 shows as 91,00 and
  is Sangat Tinggi).
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict

from lkjip_xl.domain.numbers import format_id, parse_number, round_half_up
from lkjip_xl.errors import LkjipError

__all__ = [
    "CapaianResult",
    "TrendPoint",
    "capaian",
    "capaian_renstra",
    "kategori_capaian",
    "serapan",
    "trend",
]

Polaritas = Literal["naik", "turun"]
RumusTurun = Literal["selisih", "rasio"]

_KATEGORI: tuple[tuple[float, str], ...] = (
    (91.0, "Sangat Tinggi"),
    (76.0, "Tinggi"),
    (66.0, "Sedang"),
    (51.0, "Rendah"),
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CapaianResult(_Model):
    """Capaian in percent (unrounded) with its kategori; ``None`` when it can't be computed."""

    capaian: float | None
    kategori: str | None
    catatan: str = ""
    """Indonesian note shown next to the indicator (why there is no figure, floor, cap)."""


class TrendPoint(_Model):
    """One year's value compared with the year before it in the series."""

    tahun: int
    nilai: float | None
    selisih: float | None
    """Change vs the previous year in the series (None when either is missing)."""
    persen: float | None
    """Percent change vs the previous year (None when it is missing or zero)."""


def _angka(x: float) -> str:
    """Indonesian number for notes: two decimals, without a trailing ",00"."""
    text = format_id(x, 2)
    return text[:-3] if text.endswith(",00") else text


def _number(value: float | int | str | None, what: str) -> float | None:
    try:
        return parse_number(value)
    except ValueError as exc:
        raise LkjipError(f"{what}: {exc}") from None


def kategori_capaian(nilai: float) -> str:
    """Kategori of a capaian in percent, decided on the value rounded to 2 decimals."""
    shown = round_half_up(float(nilai), 2)
    for edge, name in _KATEGORI:
        if shown >= edge:
            return name
    return "Sangat Rendah"


def capaian(
    target: float | int | str | None,
    realisasi: float | int | str | None,
    polaritas: str = "naik",
    rumus_turun: str = "selisih",
    batas_atas: float | None = None,
) -> CapaianResult:
    """Capaian kinerja of one indicator in percent, with kategori and an Indonesian note.

    ``target`` and ``realisasi`` may be numbers or Indonesian text ("1.234,5");
    a blank gives no capaian. ``polaritas`` is ``naik`` (higher is better) or
    ``turun`` (lower is better, formula ``rumus_turun``). ``batas_atas`` caps
    the capaian (None = no cap).
    """
    if polaritas not in ("naik", "turun"):
        raise LkjipError(
            f"Polaritas '{polaritas}' tidak dikenal. Pilih 'naik' (makin tinggi makin baik) "
            "atau 'turun' (makin rendah makin baik)."
        )
    if rumus_turun not in ("selisih", "rasio"):
        raise LkjipError(
            f"Rumus indikator turun '{rumus_turun}' tidak dikenal. Pilih 'selisih' "
            "((2×target − realisasi)/target) atau 'rasio' (target/realisasi)."
        )
    t = _number(target, "Target")
    r = _number(realisasi, "Realisasi")
    if t is None:
        return CapaianResult(
            capaian=None, kategori=None, catatan="Target belum diisi; capaian belum dapat dihitung."
        )
    if r is None:
        return CapaianResult(
            capaian=None,
            kategori=None,
            catatan="Realisasi belum diisi; capaian belum dapat dihitung.",
        )
    if t <= 0:
        return CapaianResult(
            capaian=None,
            kategori=None,
            catatan=(
                f"Target {_angka(t)} (nol atau negatif) tidak dapat menjadi dasar persentase "
                "capaian. Jelaskan capaian indikator ini secara naratif "
                f"(realisasi {_angka(r)})."
            ),
        )
    notes: list[str] = []
    if polaritas == "naik":
        value = r / t * 100.0
    elif rumus_turun == "selisih":
        value = (2.0 * t - r) / t * 100.0
    else:
        if r <= 0:
            return CapaianResult(
                capaian=None,
                kategori=None,
                catatan=(
                    f"Realisasi {_angka(r)} pada indikator turun tidak dapat dihitung dengan "
                    "rumus rasio (target/realisasi). Pakai rumus selisih atau jelaskan secara "
                    "naratif."
                ),
            )
        value = t / r * 100.0
    if polaritas == "turun" and value < 0:
        notes.append(
            f"Hasil rumus {_angka(value)}% (realisasi jauh di atas target pada indikator "
            "turun) ditampilkan sebagai 0%."
        )
        value = 0.0
    if batas_atas is not None and value > batas_atas:
        notes.append(f"Capaian {_angka(value)}% dibatasi {_angka(batas_atas)}% sesuai pengaturan.")
        value = float(batas_atas)
    if not math.isfinite(value):  # pragma: no cover - guarded by the checks above
        raise LkjipError("Capaian tidak dapat dihitung dari target dan realisasi ini.")
    return CapaianResult(capaian=value, kategori=kategori_capaian(value), catatan=" ".join(notes))


def capaian_renstra(
    target_akhir: float | int | str | None,
    realisasi: float | int | str | None,
    polaritas: str = "naik",
    rumus_turun: str = "selisih",
) -> CapaianResult:
    """Progress of the realisasi to date against the Renstra end-period target."""
    result = capaian(target_akhir, realisasi, polaritas, rumus_turun)
    if result.capaian is not None:
        note = "Dibandingkan dengan target akhir periode Renstra."
        result = result.model_copy(update={"catatan": f"{note} {result.catatan}".strip()})
    return result


def serapan(pagu: float | int | str | None, realisasi: float | int | str | None) -> float | None:
    """Budget absorption in percent (realisasi / pagu × 100); ``None`` for a blank or pagu ≤ 0."""
    p = _number(pagu, "Pagu")
    r = _number(realisasi, "Realisasi anggaran")
    if p is None or r is None or p <= 0:
        return None
    if r < 0:
        raise LkjipError(
            f"Realisasi anggaran {_angka(r)} negatif. Isi realisasi belanja (0 atau lebih)."
        )
    return r / p * 100.0


def trend(values_by_year: dict[int, float | None]) -> list[TrendPoint]:
    """Values by year, each compared with the previous year in the series.

    ``trend({2023: 80, 2024: 84})`` gives 2023 (no comparison) and 2024 with
    ``selisih=4`` and ``persen=5.0``. Years are sorted; a missing value (None)
    breaks the comparison for itself and the next year.
    """
    points: list[TrendPoint] = []
    previous: float | None = None
    for year in sorted(values_by_year):
        value = values_by_year[year]
        value = None if value is None or math.isnan(float(value)) else float(value)
        change = None if value is None or previous is None else value - previous
        percent = None if change is None or not previous else change / abs(previous) * 100.0
        points.append(TrendPoint(tahun=int(year), nilai=value, selisih=change, persen=percent))
        previous = value
    return points
