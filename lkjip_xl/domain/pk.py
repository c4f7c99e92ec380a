"""Perjanjian Kinerja (PK): who agrees on which targets with whom (DOMAIN.md §11, issue 22).

Pure: built from the profile (officials, units, the head of the region), the indicators of the
one model (:class:`~lkjip_xl.domain.kinerja.IndicatorFigure`) and the programs of the budget.

* The Camat's PK is with the head of the region (Pengaturan *Kepala daerah*) and holds every
  indicator of Format Data and every program of the Anggaran sheet.
* The Sekcam's PK with the Camat holds the indicators whose Penanggung Jawab is a unit of kind
  ``subbagian`` or the office itself (kind ``kecamatan``).
* Each Kasi and Lurah signs a PK with the Camat for the indicators of the unit they lead (a
  unit of kind ``seksi``, ``kelurahan``, ``bidang`` or ``lainnya``).

A PK is due within one month after the DPA (:func:`batas_pk`); a later signing date is a note
in Persiapan, never a refusal.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lkjip_xl.domain.kinerja import IndicatorFigure
from lkjip_xl.domain.profile import Official, Profile, Unit, is_placeholder_text
from lkjip_xl.errors import LkjipError

__all__ = [
    "Perjanjian",
    "Pihak",
    "Program",
    "batas_pk",
    "perjanjian_tahun",
    "terlambat",
]

SEKCAM_UNIT_KINDS = ("subbagian", "kecamatan")
"""Units whose indicators the Sekcam answers for."""


@dataclass(frozen=True)
class Pihak:
    """A party of a PK: the official (pihak pertama) or the superior (pihak kedua)."""

    jabatan: str
    nama: str
    nip: str = ""
    pangkat: str = ""


@dataclass(frozen=True)
class Program:
    """A program (or kegiatan) of the lampiran with its budget in rupiah."""

    nama: str
    anggaran: float | None
    kode: str = ""


@dataclass(frozen=True)
class Perjanjian:
    """One PK: the two parties, the indicators and the programs of its lampiran."""

    pertama: Pihak
    kedua: Pihak
    indikator: list[IndicatorFigure]
    program: list[Program] = field(default_factory=list)
    unit: str = ""
    """The unit of a Kasi's/Lurah's PK (empty for the Camat's and the Sekcam's)."""
    catatan: list[str] = field(default_factory=list)
    """What is missing for this PK (Indonesian), e.g. an official without NIP."""

    @property
    def total_anggaran(self) -> float:
        return sum(p.anggaran or 0.0 for p in self.program)


def add_month(day: dt.date) -> dt.date:
    """The same day one month later, clamped to the month's end (31 Jan → 28/29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def batas_pk(tanggal_dpa: dt.date) -> dt.date:
    """The last day a PK may be signed: one month after the DPA."""
    return add_month(tanggal_dpa)


def terlambat(tanggal_dpa: dt.date | None, tanggal_pk: dt.date | None) -> bool:
    """Whether a PK signed on ``tanggal_pk`` is later than one month after the DPA."""
    if tanggal_dpa is None or tanggal_pk is None:
        return False
    return tanggal_pk > batas_pk(tanggal_dpa)


def _norm(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


def _pihak(o: Official) -> Pihak:
    return Pihak(jabatan=o.jabatan, nama=o.nama, nip=o.nip, pangkat=o.pangkat)


def _camat(profile: Profile) -> Pihak:
    return _pihak(profile.official("camat"))


def _unit_official(profile: Profile, unit: Unit) -> tuple[Pihak, list[str]]:
    """The head of ``unit``: a Kasi/Lurah row of tblPejabat whose Jabatan is the unit's
    Pimpinan (or whose Nama is its Nama Pimpinan), else the names of the Unit table (and the
    jabatan, as not found in tblPejabat)."""
    for o in profile.pejabat:
        if o.peran != "kasi_lurah":
            continue
        if _norm(o.jabatan) == _norm(unit.pimpinan) or (
            unit.nama_pimpinan and _norm(o.nama) == _norm(unit.nama_pimpinan)
        ):
            return _pihak(o), []
    jabatan = unit.pimpinan or f"Kepala {unit.nama}"
    nama = unit.nama_pimpinan or f"(Nama {jabatan})"
    return Pihak(jabatan=jabatan, nama=nama), [jabatan]


def kepala_daerah(profile: Profile) -> Pihak:
    """The head of the region (pihak kedua of the Camat's PK); no NIP (an elected office)."""
    jabatan = profile.kepala_daerah or "(Jabatan Kepala Daerah)"
    nama = profile.nama_kepala_daerah or "(Nama Kepala Daerah)"
    return Pihak(jabatan=jabatan, nama=nama)


def perjanjian_tahun(
    profile: Profile,
    indikator: Sequence[IndicatorFigure],
    program: Iterable[Program] = (),
) -> tuple[list[Perjanjian], list[str]]:
    """Every PK of the year, in signing order (Camat, Sekcam, Kasi, Lurah), and notes on the
    ones that could not be made (an official with no indicator)."""
    notes: list[str] = []
    camat = _camat(profile)
    daerah = kepala_daerah(profile)
    head_notes = [
        f"Isian '{label}' di sheet Pengaturan belum diisi."
        for label, value in (
            ("Kepala daerah", profile.kepala_daerah),
            ("Nama kepala daerah", profile.nama_kepala_daerah),
        )
        if is_placeholder_text(value)
    ]
    out = [
        Perjanjian(
            pertama=camat,
            kedua=daerah,
            indikator=list(indikator),
            program=list(program),
            catatan=head_notes,
        )
    ]

    def of_units(units: Iterable[Unit]) -> list[IndicatorFigure]:
        names = {_norm(u.nama) for u in units} | {_norm(u.kode) for u in units}
        return [r for r in indikator if _norm(r.penanggung_jawab) in names]

    sekcam_rows = of_units(u for u in profile.unit if u.jenis in SEKCAM_UNIT_KINDS)
    try:
        sekcam = _pihak(profile.official("sekcam"))
    except LkjipError:  # no Sekcam row: no Sekcam PK
        sekcam = None
    if sekcam is not None and sekcam_rows:
        out.append(Perjanjian(pertama=sekcam, kedua=camat, indikator=sekcam_rows))
    elif sekcam is not None:
        notes.append(
            "PK Sekretaris Kecamatan tidak dibuat: tidak ada indikator di Format Data dengan "
            "Penanggung Jawab unit subbagian atau kantor kecamatan."
        )
    order = {"seksi": 0, "bidang": 1, "lainnya": 2, "kelurahan": 3}
    units = sorted(
        (u for u in profile.unit if u.jenis in order),
        key=lambda u: order[u.jenis],
    )
    without: list[str] = []
    unnamed: list[str] = []
    for unit in units:
        rows = of_units([unit])
        if not rows:
            without.append(unit.nama)
            continue
        pihak, missing = _unit_official(profile, unit)
        unnamed += missing
        out.append(Perjanjian(pertama=pihak, kedua=camat, indikator=rows, unit=unit.nama))
    if without:
        notes.append(
            f"Tanpa PK karena belum ada indikator dengan Penanggung Jawab unit itu di Format "
            f"Data: {', '.join(without)}."
        )
    if unnamed:
        notes.append(
            f"Nama, NIP dan pangkat belum ada di tabel Pejabat (sheet Pengaturan) untuk: "
            f"{', '.join(unnamed)}. Tambahkan baris peran Kasi/Lurah dengan Jabatan yang sama "
            "dengan kolom Pimpinan tabel Unit; sementara itu PK memakai nama di tabel Unit."
        )
    return out, notes
