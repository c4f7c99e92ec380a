"""The one model of the year's performance: which realisation counts, and every figure from it.

Every figure a user sees (the realisation used per indicator, where it came from, its
capaian and category, the same per sasaran and overall) is computed here, once, from inputs
the actions layer gathers from the workbook. ``lkjip hitung``, the report, the UDFs and the
checks all consume :class:`Kinerja`; the workbook's Capaian sheet implements the same rule
in formulas (:mod:`lkjip_xl.workbook.build`), and a LibreOffice test keeps the two equal.

The rule that chooses between sources (:data:`PRECEDENCE`), for each kind of indicator:

* **koreksi**: a realisation the Kasubbag wrote in Format Data (*Realisasi Koreksi*) *with*
  its reason (*Alasan Koreksi*) wins over every other source;
* **skm**: for an IKM indicator, the IKM computed from the SKM sheet (raw answers and/or
  processed figures) wins over what a unit typed;
* **lhe**: for a SAKIP indicator, the Nilai SAKIP of the year on the SAKIP sheet (from the
  LHE SAKIP) wins over what a unit typed;
* **triwulan**: the year's figure that follows from the quarters (sheet Realisasi Triwulan)
  by the indicator's Rencana Aksi rule (:func:`year_from_quarters`), only when the rule can
  give it: *Kumulatif* the sum of triwulan I–IV (all four in), *Nilai Terakhir* and
  *Tahunan* the triwulan IV value; each quarter's row is picked as a Kiriman row is;
* **kiriman**: otherwise the unit's annual form as imported into Kiriman: the newest
  ``Valid`` row of the indicator's penanggung jawab (of any unit when the penanggung jawab
  sent none).

Last year's and the year before's realisations follow the same idea: for a SAKIP
indicator the SAKIP sheet's nilai of that year wins over the figure typed in Format Data.

When two sources disagree (as shown, to 2 decimals) the model says so once, in one
Indonesian sentence naming both cells and the rule that decided (:class:`Perbedaan`).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from lkjip_xl.domain import capaian as cap
from lkjip_xl.domain.numbers import format_id, round_half_up

__all__ = [
    "JENIS",
    "PRECEDENCE",
    "PRECEDENCE_LALU",
    "RULE_TEXT",
    "SOURCE_LABEL",
    "BiayaSatuan",
    "Candidate",
    "Efisiensi",
    "EfisiensiSasaran",
    "IndicatorFigure",
    "IndicatorInput",
    "Kinerja",
    "KinerjaInput",
    "Perbedaan",
    "ProgramInput",
    "SasaranFigure",
    "angka_pendek",
    "choose",
    "compute",
    "efisiensi",
    "group_by_sasaran",
    "is_count_unit",
    "jenis_of",
    "mean_capaian",
    "perbedaan_text",
    "sasaran_figures",
    "sidik_kiriman",
    "year_from_quarters",
]

_T = TypeVar("_T")

Source = Literal["koreksi", "skm", "lhe", "triwulan", "kiriman", "format"]
Jenis = Literal["IKM", "SAKIP", "Lainnya"]
JENIS: tuple[Jenis, ...] = ("IKM", "SAKIP", "Lainnya")

PRECEDENCE: dict[str, tuple[Source, ...]] = {
    "IKM": ("koreksi", "skm", "triwulan", "kiriman"),
    "SAKIP": ("koreksi", "lhe", "triwulan", "kiriman"),
    "Lainnya": ("koreksi", "triwulan", "kiriman"),
}
"""This year's realisation: sources in the order they win, per kind of indicator."""

PRECEDENCE_LALU: dict[str, tuple[Source, ...]] = {
    "IKM": ("format",),
    "SAKIP": ("lhe", "format"),
    "Lainnya": ("format",),
}
"""Realisation of an earlier year (N-1, N-2): sources in the order they win."""

SOURCE_LABEL: dict[Source, str] = {
    "koreksi": "koreksi Kasubbag",
    "skm": "hasil olah SKM",
    "lhe": "LHE SAKIP",
    "triwulan": "realisasi triwulan",
    "kiriman": "formulir",
    "format": "Format Data",
}
"""How a source is named in sentences (``formulir`` is followed by the unit's name)."""

RULE_TEXT: dict[str, str] = {
    "IKM": "indikator IKM: koreksi Kasubbag, lalu hasil olah SKM, lalu realisasi triwulan, lalu "
    "formulir unit",
    "SAKIP": "indikator SAKIP: koreksi Kasubbag, lalu LHE SAKIP, lalu realisasi triwulan, lalu "
    "formulir unit",
    "Lainnya": "indikator lain: koreksi Kasubbag, lalu realisasi triwulan, lalu formulir unit",
}
"""The rule for this year's figure, in the words every message uses."""

RULE_TEXT_LALU = "indikator SAKIP tahun lalu: LHE SAKIP, lalu Format Data"

QUARTER_HOW: dict[str, str] = {
    "Kumulatif": "jumlah TW I–IV",
    "Nilai Terakhir": "TW IV",
    "Tahunan": "TW IV",
}
"""How the year's figure follows from the quarters, per Rencana Aksi rule (in labels)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Candidate(_Model):
    """A realisation offered by one source, with the cell it was read from."""

    sumber: Source
    nilai: float
    sel: str
    """Where it is, e.g. ``Kiriman!F12`` (sheet!cell, as messages print it)."""
    unit: str = ""
    """For a Kiriman row: the unit that sent it."""
    alasan: str = ""
    """For a koreksi: the Kasubbag's reason."""
    diubah: bool = False
    """For a Kiriman row: the value no longer matches what was imported."""
    aturan: str = ""
    """For the triwulan source: the Rencana Aksi rule it followed."""

    @property
    def label(self) -> str:
        if self.sumber == "kiriman":
            return f"formulir {self.unit}".strip()
        if self.sumber == "triwulan" and self.aturan in QUARTER_HOW:
            return f"{SOURCE_LABEL['triwulan']} ({QUARTER_HOW[self.aturan]})"
        return SOURCE_LABEL[self.sumber]


class Perbedaan(_Model):
    """Two sources give different figures for one indicator and year."""

    kode: str
    tahun: int
    dipakai: Candidate
    lain: Candidate
    aturan: str

    @property
    def pesan(self) -> str:
        return perbedaan_text(self.kode, self.tahun, self.lain, self.dipakai, self.aturan)


def angka_pendek(x: float) -> str:
    """A figure in a sentence: Indonesian separators, 2 decimals, without a trailing ",00"."""
    text = format_id(x, 2)
    return text[:-3] if text.endswith(",00") else text


def perbedaan_text(kode: str, tahun: int, lain: Candidate, dipakai: Candidate, aturan: str) -> str:
    """The one sentence that reports a disagreement (the Capaian sheet builds the same)."""
    return (
        f"{kode} tahun {tahun}: {lain.label} {angka_pendek(lain.nilai)} ({lain.sel}) berbeda "
        f"dengan {dipakai.label} {angka_pendek(dipakai.nilai)} ({dipakai.sel}); dipakai "
        f"{dipakai.label} (aturan {aturan})."
    )


class IndicatorInput(_Model):
    """One Format Data row with every realisation offered for it."""

    no: int
    kode: str
    sasaran: str = ""
    indikator: str = ""
    satuan: str = ""
    jenis: str = "Lainnya"
    polaritas: Literal["naik", "turun"] = "naik"
    penanggung_jawab: str = ""
    target: float | None = None
    target_renstra: float | None = None
    target_tahunan: list[float | None] = Field(default_factory=list)
    definisi: str = ""
    sumber_data: str = ""
    iku: bool = True
    """An Indikator Kinerja Utama (Format Data column IKU; blank or missing = Ya)."""
    standar: float | None = None
    """A national/provincial standard value to compare with (Format Data, optional)."""
    standar_sumber: str = ""
    sel: str = ""
    """The indicator's Kode cell (``Format Data!A5``), for messages."""
    kandidat: list[Candidate] = Field(default_factory=list)
    """Realisations of the report year offered by each source (any order)."""
    kandidat_n1: list[Candidate] = Field(default_factory=list)
    kandidat_n2: list[Candidate] = Field(default_factory=list)
    aturan_triwulan: str = ""
    """The Rencana Aksi rule (Kumulatif / Nilai Terakhir / Tahunan); '' without quarter data."""
    target_triwulan: list[float | None] = Field(default_factory=list)
    """Targets of triwulan I–IV (Rencana Aksi, or the defaults from the annual target)."""
    triwulan: list[Candidate | None] = Field(default_factory=list)
    """Realisation of triwulan I–IV (sheet Realisasi Triwulan; None when not in)."""
    texts: dict[str, str] = Field(default_factory=dict)
    """Per-indicator narratives (faktor, kendala, solusi, efisiensi) and keterangan."""


class KinerjaInput(_Model):
    tahun: int
    rumus_turun: str = "selisih"
    batas_atas: float | None = None
    indikator: list[IndicatorInput] = Field(default_factory=list)


class IndicatorFigure(_Model):
    """One indicator as every part of the product shows it."""

    no: int
    kode: str
    sasaran: str
    indikator: str
    satuan: str
    jenis: str
    polaritas: Literal["naik", "turun"]
    penanggung_jawab: str
    target: float | None
    realisasi: float | None
    sumber: Source | None = None
    sumber_realisasi: str = ""
    """Where the realisasi came from, in Indonesian (e.g. "hasil olah SKM")."""
    sumber_sel: str = ""
    alasan_koreksi: str = ""
    kiriman_diubah: bool = False
    """The Kiriman value used was edited after its import (no override recorded)."""
    keterangan: str = ""
    """The unit's explanation sent with the realisasi (Kiriman; for the Kasubbag only)."""
    capaian: float | None = None
    kategori: str | None = None
    catatan: str = ""
    target_renstra: float | None = None
    realisasi_n1: float | None = None
    realisasi_n2: float | None = None
    capaian_renstra: float | None = None
    definisi: str = ""
    iku: bool = True
    """Listed as an IKU; others are "indikator kinerja" only."""
    standar: float | None = None
    """National/provincial standard value entered for this indicator (None: not compared)."""
    standar_sumber: str = ""
    target_tahunan: list[float | None] = Field(default_factory=list)
    sumber_data: str = ""
    faktor: str = ""
    kendala: str = ""
    solusi: str = ""
    efisiensi: str = ""
    perbedaan: list[Perbedaan] = Field(default_factory=list)
    sel: str = ""
    aturan_triwulan: str = ""
    target_triwulan: list[float | None] = Field(default_factory=list)
    realisasi_triwulan: list[float | None] = Field(default_factory=list)
    """Triwulan I–IV as reported (empty when the workbook has no quarter data for it)."""

    @property
    def ada_triwulan(self) -> bool:
        """Some quarter's realisation is in (Bab III's quarterly trend shows this indicator)."""
        return any(v is not None for v in self.realisasi_triwulan)

    @property
    def desimal(self) -> int:
        """Decimals to show this indicator's figures with: 0 when all are whole numbers."""
        values = [
            self.target,
            self.realisasi,
            self.realisasi_n1,
            self.realisasi_n2,
            self.target_renstra,
        ]
        whole = all(v is None or float(round_half_up(v, 2)).is_integer() for v in values)
        return 0 if whole else 2

    @property
    def tercapai(self) -> bool | None:
        """Whether the target was met (capaian ≥ 100 % as shown); None without a capaian."""
        if self.capaian is None:
            return None
        return round_half_up(self.capaian, 2) >= 100.0

    @property
    def banding_standar(self) -> Literal["lebih baik", "sama", "lebih buruk"] | None:
        """The realisation against the entered standard, by polarity (as shown, 2 decimals);
        None without a standard or a realisation."""
        if self.standar is None or self.realisasi is None:
            return None
        diff = round_half_up(self.realisasi, 2) - round_half_up(self.standar, 2)
        if diff == 0:
            return "sama"
        better = diff > 0 if self.polaritas == "naik" else diff < 0
        return "lebih baik" if better else "lebih buruk"


class SasaranFigure(_Model):
    no: int
    sasaran: str
    kode: list[str]
    capaian: float | None
    """Mean of its indicators' capaian (those that have one); None when none has."""
    kategori: str | None


class Kinerja(_Model):
    """The year's performance: indicators, sasaran, overall, and the disagreements."""

    tahun: int
    indikator: list[IndicatorFigure]
    sasaran: list[SasaranFigure]
    rata_rata: float | None
    """Mean capaian over the indicators that have one (Beranda's *Rata-rata capaian*)."""
    kategori_rata_rata: str | None

    @property
    def perbedaan(self) -> list[Perbedaan]:
        return [p for r in self.indikator for p in r.perbedaan]

    @property
    def tanpa_realisasi(self) -> list[IndicatorFigure]:
        return [r for r in self.indikator if r.realisasi is None]

    def by_kode(self, kode: str) -> IndicatorFigure | None:
        return next((r for r in self.indikator if r.kode == kode), None)


def sidik_kiriman(unit: Any, kode: Any, realisasi: Any) -> str:
    """Fingerprint of an imported Kiriman value (column *Sidik*): an edit by hand changes it.

    Not a security measure (anyone can recompute it); it tells an edit from an import.
    """

    def norm(x: Any) -> str:
        return " ".join(str(x if x is not None else "").casefold().split())

    try:
        number = format(float(realisasi), ".15g")
    except (TypeError, ValueError):
        number = norm(realisasi)
    text = "\t".join((norm(unit), norm(kode), number))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _same(a: float, b: float) -> bool:
    """Equal as shown (2 decimals, half away from zero)."""
    return round_half_up(a, 2) == round_half_up(b, 2)


def jenis_of(value: str) -> str:
    """The kind of indicator: IKM, SAKIP (any case), anything else Lainnya."""
    key = value.strip().upper()
    return key if key in ("IKM", "SAKIP") else "Lainnya"


def choose(
    candidates: Iterable[Candidate], order: tuple[Source, ...]
) -> tuple[Candidate | None, list[Candidate]]:
    """The winning candidate by ``order`` and the others that show a different figure.

    A koreksi without a reason never wins (it is reported by the checks instead).
    """
    usable = [
        c
        for c in candidates
        if c.sumber in order
        and math.isfinite(c.nilai)
        and (c.sumber != "koreksi" or c.alasan.strip())
    ]
    usable.sort(key=lambda c: order.index(c.sumber))
    if not usable:
        return None, []
    chosen = usable[0]
    others = [c for c in usable[1:] if not _same(c.nilai, chosen.nilai)]
    return chosen, others


def year_from_quarters(aturan: str, quarters: list[Candidate | None]) -> Candidate | None:
    """The year's figure that follows from triwulan I–IV by the Rencana Aksi rule, as a
    ``triwulan`` candidate naming the cell(s) it came from; None when the rule cannot give it
    yet (*Kumulatif*: all four quarters needed; *Nilai Terakhir*/*Tahunan*: triwulan IV)."""
    qs = (list(quarters) + [None] * 4)[:4]
    if aturan == "Kumulatif":
        if any(q is None for q in qs):
            return None
        used = [q for q in qs if q is not None]
        sheet = used[0].sel.partition("!")[0]
        cells = "+".join(q.sel.partition("!")[2] for q in used)
        total = 0.0
        for q in used:  # left to right, as the sheet's formula adds them
            total += q.nilai
        return Candidate(sumber="triwulan", nilai=total, sel=f"{sheet}!{cells}", aturan=aturan)
    if aturan in ("Nilai Terakhir", "Tahunan") and qs[3] is not None:
        return Candidate(sumber="triwulan", nilai=qs[3].nilai, sel=qs[3].sel, aturan=aturan)
    return None


def _mean(values: Iterable[float | None]) -> float | None:
    xs = [v for v in values if v is not None]
    return math.fsum(xs) / len(xs) if xs else None


def _kategori(value: float | None) -> str | None:
    return cap.kategori_capaian(value) if value is not None else None


def _figure(ind: IndicatorInput, data: KinerjaInput) -> IndicatorFigure:
    jenis = jenis_of(ind.jenis)
    kandidat = list(ind.kandidat)
    from_quarters = year_from_quarters(ind.aturan_triwulan, ind.triwulan)
    if from_quarters is not None:
        kandidat.append(from_quarters)
    chosen, others = choose(kandidat, PRECEDENCE[jenis])
    realisasi = (
        round_half_up(chosen.nilai, 2)
        if chosen and chosen.sumber in ("skm", "lhe")
        else (chosen.nilai if chosen else None)
    )
    perbedaan = [
        Perbedaan(kode=ind.kode, tahun=data.tahun, dipakai=chosen, lain=o, aturan=RULE_TEXT[jenis])
        for o in others
        if chosen is not None
    ]
    lalu: list[float | None] = []
    for offset, cands in ((1, ind.kandidat_n1), (2, ind.kandidat_n2)):
        won, rest = choose(cands, PRECEDENCE_LALU[jenis])
        lalu.append(
            None
            if won is None
            else (round_half_up(won.nilai, 2) if won.sumber == "lhe" else won.nilai)
        )
        if won is not None:
            perbedaan += [
                Perbedaan(
                    kode=ind.kode,
                    tahun=data.tahun - offset,
                    dipakai=won,
                    lain=o,
                    aturan=RULE_TEXT_LALU,
                )
                for o in rest
            ]
    result = cap.capaian(ind.target, realisasi, ind.polaritas, data.rumus_turun, data.batas_atas)
    renstra = cap.capaian_renstra(ind.target_renstra, realisasi, ind.polaritas, data.rumus_turun)
    texts = ind.texts
    return IndicatorFigure(
        no=ind.no,
        kode=ind.kode,
        sasaran=ind.sasaran,
        indikator=ind.indikator,
        satuan=ind.satuan,
        jenis=jenis,
        polaritas=ind.polaritas,
        penanggung_jawab=ind.penanggung_jawab,
        target=ind.target,
        realisasi=realisasi,
        sumber=chosen.sumber if chosen else None,
        sumber_realisasi=chosen.label if chosen else "",
        sumber_sel=chosen.sel if chosen else "",
        alasan_koreksi=chosen.alasan if chosen and chosen.sumber == "koreksi" else "",
        kiriman_diubah=bool(chosen and chosen.sumber == "kiriman" and chosen.diubah),
        keterangan=texts.get("keterangan", ""),
        capaian=result.capaian,
        kategori=result.kategori,
        catatan=result.catatan if realisasi is not None else "",
        target_renstra=ind.target_renstra,
        realisasi_n1=lalu[0],
        realisasi_n2=lalu[1],
        capaian_renstra=renstra.capaian,
        definisi=ind.definisi,
        iku=ind.iku,
        standar=ind.standar,
        standar_sumber=ind.standar_sumber,
        target_tahunan=list(ind.target_tahunan),
        sumber_data=ind.sumber_data,
        faktor=texts.get("faktor", ""),
        kendala=texts.get("kendala", ""),
        solusi=texts.get("solusi", ""),
        efisiensi=texts.get("efisiensi", ""),
        perbedaan=perbedaan,
        sel=ind.sel,
        aturan_triwulan=ind.aturan_triwulan,
        target_triwulan=list(ind.target_triwulan),
        realisasi_triwulan=[q.nilai if q is not None else None for q in ind.triwulan],
    )


def group_by_sasaran(items: Iterable[_T], key: Callable[[_T], str]) -> list[_T]:
    """``items`` with each sasaran's indicators together, sasaran in order of first appearance.

    Stable within a sasaran; one sasaran whatever its case (as :func:`sasaran_figures`). Tables
    that merge the sasaran cell use this so a sasaran is never split into two blocks even when
    its indicators are not contiguous in Format Data.
    """
    groups: dict[str, list[_T]] = {}
    for item in items:
        groups.setdefault(key(item).casefold(), []).append(item)
    return [item for group in groups.values() for item in group]


def sasaran_figures(figures: list[IndicatorFigure]) -> list[SasaranFigure]:
    """Capaian per sasaran: the mean of its indicators' capaian, in order of first appearance."""
    groups: dict[str, list[IndicatorFigure]] = {}
    for f in figures:  # one sasaran whatever its case (Excel's = compares so too)
        groups.setdefault(f.sasaran.casefold(), []).append(f)
    out = []
    for no, rows in enumerate(groups.values(), start=1):
        name = rows[0].sasaran
        mean = _mean(r.capaian for r in rows)
        out.append(
            SasaranFigure(
                no=no,
                sasaran=name,
                kode=[r.kode for r in rows],
                capaian=mean,
                kategori=_kategori(mean),
            )
        )
    return out


def mean_capaian(figures: Iterable[IndicatorFigure]) -> float | None:
    """The overall mean capaian (indicators without one are left out)."""
    return _mean(f.capaian for f in figures)


def compute(data: KinerjaInput) -> Kinerja:
    """Every figure of the year from the gathered inputs (pure; no I/O)."""
    figures = [_figure(ind, data) for ind in data.indikator]
    overall = mean_capaian(figures)
    return Kinerja(
        tahun=data.tahun,
        indikator=figures,
        sasaran=sasaran_figures(figures),
        rata_rata=overall,
        kategori_rata_rata=_kategori(overall),
    )


# -- budget per sasaran (issue 20): efficiency and cost per unit of output -------------------


class ProgramInput(_Model):
    """One row of the Anggaran sheet, with the sasaran it is linked to (may be blank)."""

    kode: str = ""
    nama: str
    tingkat: str = ""
    pagu: float | None = None
    realisasi: float | None = None
    sasaran: str = ""
    sel: str = ""
    """The row's Sasaran cell (``Anggaran!H6``), for messages."""


class EfisiensiSasaran(_Model):
    """One sasaran: its capaian against the absorption of the budget linked to it."""

    no: int
    sasaran: str
    capaian: float | None
    program: list[str]
    """Names of the Anggaran rows counted for it."""
    pagu: float | None
    realisasi: float | None
    serapan: float | None
    selisih: float | None
    """Capaian − serapan in points, each as shown (2 decimals); None when one is missing."""

    @property
    def efisien(self) -> bool | None:
        return None if self.selisih is None else self.selisih >= 0


class BiayaSatuan(_Model):
    """Cost per unit of output: the linked budget spent ÷ the indicator's realisation."""

    kode: str
    indikator: str
    satuan: str
    sasaran: str
    realisasi: float
    anggaran: float
    biaya: float


class Efisiensi(_Model):
    """The budget read against the sasaran it serves (Bab III, efisiensi)."""

    sasaran: list[EfisiensiSasaran]
    belum_terhubung: list[ProgramInput]
    """Programmes (or rows, when no row is a Program) linked to no sasaran of Format Data."""
    tak_dikenal: list[ProgramInput]
    """Rows whose Sasaran matches no sasaran of Format Data (a Persiapan item names them)."""
    biaya: list[BiayaSatuan]


NON_COUNT_UNITS = frozenset(
    {
        "%",
        "persen",
        "persentase",
        "nilai",
        "indeks",
        "skor",
        "poin",
        "predikat",
        "rasio",
        "kategori",
        "peringkat",
        "level",
        "tingkat",
        "opini",
        "hari",
        "jam",
        "menit",
        "bulan",
        "tahun",
        "rupiah",
        "rp",
    }
)
"""Units that are not a count of outputs (shares, scores, durations, money)."""


def is_count_unit(satuan: str) -> bool:
    """Whether a satuan counts outputs (dokumen, orang, kegiatan …), so a cost per unit makes
    sense; percentages, indices, scores, durations and money do not."""
    unit = " ".join(satuan.casefold().split())
    return bool(unit) and "%" not in unit and unit not in NON_COUNT_UNITS


def _is_below(row: ProgramInput, parent: ProgramInput) -> bool:
    """``row`` is a kegiatan/sub kegiatan of programme ``parent`` (by kode prefix)."""
    return bool(parent.kode and row.kode.startswith(parent.kode + "."))


def _sum(values: Iterable[float | None]) -> float | None:
    xs = [v for v in values if v is not None]
    return math.fsum(xs) if xs else None


def efisiensi(model: Kinerja, program: list[ProgramInput]) -> Efisiensi:
    """Per sasaran: mean capaian against the absorption of the Anggaran rows linked to it;
    the rows linked to nothing; the cost per unit of output of count indicators.

    Counting rule: a row is linked by its Sasaran (case and spacing ignored). When a
    Program row is linked, its kegiatan (kode starting with the programme's kode and a dot)
    are counted through it and not again. Unlinked are the programmes (all rows when no row
    is a Program) with no link of their own nor of any of their kegiatan.
    """
    names = {" ".join(s.sasaran.casefold().split()): s for s in model.sasaran}

    def key(text: str) -> str:
        return " ".join(text.casefold().split())

    rows = [p for p in program if p.nama.strip()]
    linked = [p for p in rows if key(p.sasaran) in names]
    unknown = [p for p in rows if p.sasaran.strip() and key(p.sasaran) not in names]
    programmes = [p for p in linked if p.tingkat == "Program"]
    counted = [p for p in linked if not any(_is_below(p, q) for q in programmes if q is not p)]
    out: list[EfisiensiSasaran] = []
    for s in model.sasaran:
        mine = [p for p in counted if key(p.sasaran) == key(s.sasaran)]
        pagu = _sum(p.pagu for p in mine)
        real = _sum(p.realisasi for p in mine)
        serapan = real / pagu * 100.0 if pagu and real is not None and pagu > 0 else None
        selisih = (
            round_half_up(s.capaian, 2) - round_half_up(serapan, 2)
            if s.capaian is not None and serapan is not None
            else None
        )
        out.append(
            EfisiensiSasaran(
                no=s.no,
                sasaran=s.sasaran,
                capaian=s.capaian,
                program=[p.nama for p in mine],
                pagu=pagu,
                realisasi=real,
                serapan=serapan,
                selisih=selisih,
            )
        )
    top = [p for p in rows if p.tingkat == "Program"] or rows
    unlinked = [
        p for p in top if key(p.sasaran) not in names and not any(_is_below(q, p) for q in linked)
    ]
    spent = {key(e.sasaran): e.realisasi for e in out}
    biaya = []
    for f in model.indikator:
        anggaran = spent.get(key(f.sasaran))
        if (
            is_count_unit(f.satuan)
            and f.polaritas == "naik"
            and f.realisasi is not None
            and f.realisasi > 0
            and anggaran
        ):
            biaya.append(
                BiayaSatuan(
                    kode=f.kode,
                    indikator=f.indikator,
                    satuan=f.satuan,
                    sasaran=f.sasaran,
                    realisasi=f.realisasi,
                    anggaran=anggaran,
                    biaya=anggaran / f.realisasi,
                )
            )
    return Efisiensi(sasaran=out, belum_terhubung=unlinked, tak_dikenal=unknown, biaya=biaya)
