"""Quarterly monitoring (monev, issue 22): per indicator the quarter's capaian, the progress
toward the year's target, a traffic light, and what the Camat must decide. Pure.

The figures use the one model's rules: capaian by :func:`lkjip_xl.domain.capaian.capaian`
with the indicator's polaritas and the Pengaturan formula for *Turun* indicators and cap
(as :mod:`lkjip_xl.domain.kinerja` does for the year), the quarters combined by the
indicator's Rencana Aksi rule (:mod:`lkjip_xl.domain.rencana_aksi`):

* *Kumulatif*: the figure to date is the sum of the quarters so far (target likewise);
* *Nilai Terakhir*: the figure to date is the latest quarter's;
* *Tahunan*: only triwulan IV has a figure.

The traffic light (:data:`LAMPU`) is decided on the capaian against the quarter's target,
rounded to two decimals as shown: ≥ 90 hijau, 75 to < 90 kuning, < 75 merah.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lkjip_xl.domain import capaian as cap
from lkjip_xl.domain.numbers import round_half_up

__all__ = [
    "LAMPU",
    "LAMPU_TEXT",
    "Baris",
    "lampu",
    "quarter_figure",
    "year_figure",
    "year_target",
]

LAMPU: tuple[tuple[float, str], ...] = ((90.0, "Hijau"), (75.0, "Kuning"))
"""Traffic light thresholds on the capaian (percent) against the quarter's target; below the
last one is Merah. Defined once: the document states them from here."""
MERAH = "Merah"
LAMPU_TEXT = (
    f"Hijau: capaian ≥ {LAMPU[0][0]:g}%; Kuning: {LAMPU[1][0]:g}% sampai < {LAMPU[0][0]:g}%; "
    f"Merah: < {LAMPU[1][0]:g}% (capaian terhadap target triwulan)."
)


def lampu(capaian: float | None) -> str | None:
    """The traffic light of a capaian in percent; None without a capaian."""
    if capaian is None:
        return None
    shown = round_half_up(float(capaian), 2)
    for edge, name in LAMPU:
        if shown >= edge:
            return name
    return MERAH


def year_figure(aturan: str, quarters: Sequence[float | None], triwulan: int) -> float | None:
    """The realisation to date through ``triwulan`` by the rule ``aturan`` (None if none)."""
    upto = list(quarters[:triwulan])
    if aturan == "Tahunan":
        return upto[3] if triwulan == 4 and len(upto) == 4 else None
    if aturan == "Nilai Terakhir":
        return upto[-1] if upto else None
    known = [v for v in upto if v is not None]
    return float(sum(known)) if known else None


def year_target(aturan: str, targets: Sequence[float | None], triwulan: int) -> float | None:
    """The target to date through ``triwulan`` by the rule (Kumulatif: the sum so far): the
    quarters' targets follow the same rule as their realisations."""
    return year_figure(aturan, targets, triwulan)


def quarter_figure(aturan: str, quarters: Sequence[float | None], triwulan: int) -> float | None:
    """The figure shown per quarter in the chart: the cumulative figure to that quarter for a
    Kumulatif indicator, else the quarter's own value."""
    if aturan == "Kumulatif":
        return (
            year_figure(aturan, quarters, triwulan) if quarters[triwulan - 1] is not None else None
        )
    return quarters[triwulan - 1]


@dataclass
class Baris:
    """One indicator in the monev report."""

    kode: str
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str
    aturan: str
    penanggung_jawab: str
    target_tahun: float | None
    target_tw: list[float | None]
    realisasi_tw: list[float | None]
    """Each quarter's realisation from Realisasi Triwulan (None when not in)."""
    triwulan: int
    kendala: str = ""
    langkah: str = ""
    keputusan: bool = False
    """The unit asked for the Camat's decision (Perlu Keputusan Camat = Ya)."""
    sel: str = ""
    """Where the quarter's realisation is (``Realisasi Triwulan!H7``)."""
    capaian_tw: float | None = None
    catatan_tw: str = ""
    realisasi_sd: float | None = None
    target_sd: float | None = None
    capaian_tahun: float | None = None
    """The realisation to date against the year's target (progress toward it)."""
    lampu: str | None = None
    capaian_per_tw: list[float | None] = field(default_factory=list)
    """Capaian against each quarter's target, triwulan I up to this one (the chart)."""
    catatan: list[str] = field(default_factory=list)

    @property
    def perlu_keputusan(self) -> bool:
        return self.lampu == MERAH or self.keputusan


def compute(b: Baris, rumus_turun: str = "selisih", batas_atas: float | None = None) -> Baris:
    """Fill ``b``'s capaian, figures to date and traffic light (in place; returns ``b``)."""
    n = b.triwulan
    real = b.realisasi_tw[n - 1]
    target = b.target_tw[n - 1]
    result = cap.capaian(target, real, b.polaritas, rumus_turun, batas_atas)
    b.capaian_tw, b.catatan_tw = result.capaian, result.catatan
    b.realisasi_sd = year_figure(b.aturan, b.realisasi_tw, n)
    b.target_sd = year_target(b.aturan, b.target_tw, n)
    if b.realisasi_sd is not None and b.target_tahun is not None:
        b.capaian_tahun = cap.capaian(
            b.target_tahun, b.realisasi_sd, b.polaritas, rumus_turun, batas_atas
        ).capaian
    b.lampu = lampu(b.capaian_tw)
    b.capaian_per_tw = [
        cap.capaian(b.target_tw[q], b.realisasi_tw[q], b.polaritas, rumus_turun, batas_atas).capaian
        for q in range(n)
    ]
    if b.aturan == "Tahunan" and n != 4:
        b.catatan.append("Diukur tahunan: realisasi dilaporkan pada triwulan IV.")
    elif real is None:
        b.catatan.append("Realisasi triwulan ini belum masuk.")
    elif result.catatan:  # why there is no capaian (target 0, …), a floor or a cap
        b.catatan.append(result.catatan)
    return b
