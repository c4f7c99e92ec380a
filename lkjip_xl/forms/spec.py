"""What a per-unit data form is: its sheets, columns, metadata and who gets which indicator.

The export (:mod:`lkjip_xl.forms.export`) writes forms by this description and the
import (:mod:`lkjip_xl.forms.intake`) reads them back by it, so the two cannot drift.

Contract (issue 4): the data sheet is ``Isian`` with a header row holding at least
``Kode``, ``Indikator``, ``Satuan``, ``Target``, ``Realisasi``, ``Keterangan`` and
``Bukti Dukung``; the ``Petunjuk`` sheet explains it in Indonesian; the very hidden
metadata sheet holds the form version, unit kode, year, workbook id and a checksum
of the indicator list.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lkjip_xl.domain.narasi import FIELD_KEYS, INDICATOR_FIELDS
from lkjip_xl.domain.numbers import parse_number
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile, Unit
    from lkjip_xl.workbook.gateway import Gateway

FORM_VERSION = "LKJIP-FORMULIR-3"
"""Bumped whenever the layout changes; forms of a version not in :data:`ACCEPTED_VERSIONS`
are refused with a message."""
ACCEPTED_VERSIONS = ("LKJIP-FORMULIR-1", "LKJIP-FORMULIR-2", FORM_VERSION)
"""Forms already sent out are still read (columns are found by their header): version 1
(without the narrative columns) and version 2 (without last year's realisation)."""

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

SHEET_DATA = "Isian"
SHEET_HELP = "Petunjuk"
SHEET_META = "_lkjip_meta"

TITLE_ROW = 1
UNIT_ROW = 3
YEAR_ROW = 4
HEADER_ROW = 6
FIRST_DATA_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class FormColumn:
    header: str
    key: str
    width: float
    input: bool = False
    aliases: tuple[str, ...] = ()
    """Other headers units type for this column (read back as this column)."""
    last_year: bool = False
    """Headed with the year before the form's year (``Realisasi 2024`` on a 2025 form)."""
    quarter_only: bool = False
    """Only on a quarter form (``lkjip forms export --triwulan N``)."""

    def title(self, tahun: int, triwulan: int | None = None) -> str:
        """The header the form shows for a report year ``tahun`` (and quarter ``triwulan``)."""
        if self.last_year:
            return f"Realisasi {tahun - 1}"
        if triwulan and self.key == "target":
            return f"Target TW {ROMAWI[triwulan]}"
        return self.header


COLUMNS: tuple[FormColumn, ...] = (
    FormColumn("No", "no", 5),
    FormColumn("Kode", "kode", 10),
    FormColumn("Sasaran", "sasaran", 30),
    FormColumn("Indikator", "indikator", 42),
    FormColumn("Satuan", "satuan", 10),
    # Read-only: last year's realisation as the one model has it (issue 17); never imported.
    FormColumn("Realisasi Tahun Lalu", "realisasi_lalu", 12, last_year=True),
    FormColumn("Target", "target", 10),
    FormColumn("Realisasi", "realisasi", 13, input=True),
    FormColumn("Keterangan", "keterangan", 36, input=True),
    FormColumn("Bukti Dukung", "bukti", 28, input=True, aliases=("Data Dukung",)),
    *(FormColumn(f.header, f.key, 34, input=True) for f in INDICATOR_FIELDS),
    # Quarter forms only (issue 22): the unit asks for the Camat's decision on this indicator.
    FormColumn("Perlu Keputusan Camat", "keputusan", 14, input=True, quarter_only=True),
)
HEADERS = tuple(c.header for c in COLUMNS if not c.quarter_only)
INPUT_KEYS = tuple(c.key for c in COLUMNS if c.input)
NARRATIVE_KEYS = FIELD_KEYS
"""Per-indicator narrative columns (issue 11), imported into Kiriman with the realisasi."""


def columns_for(triwulan: int | None) -> tuple[FormColumn, ...]:
    """The columns of an annual form (``triwulan`` None) or of a quarter form."""
    return tuple(c for c in COLUMNS if triwulan or not c.quarter_only)


def column_of(key: str) -> int:
    """1-based sheet column of a form column."""
    return 1 + [c.key for c in COLUMNS].index(key)


@dataclass(frozen=True)
class Indicator:
    """One row of the Format Data sheet, as the forms need it."""

    kode: str
    sasaran: str
    indikator: str
    satuan: str
    jenis: str
    target: float | None
    penanggung_jawab: str
    row: int = 0
    """Row on the Format Data sheet (for messages)."""
    realisasi_lalu: float | None = None
    """Last year's realisation as the one model (:mod:`lkjip_xl.domain.kinerja`) uses it,
    shown read-only on the form; None when unknown. Not part of the checksum: the form's
    identity is the indicator list, not this figure."""


def number_text(x: Any) -> str:
    """Canonical text of a number for checksums: ``80`` and ``80.0`` give the same."""
    if x is None or x == "":
        return ""
    try:
        return format(float(x), ".15g")
    except (TypeError, ValueError):
        return str(x).strip()


def checksum(rows: list[tuple[str, str, str, Any]]) -> str:
    """SHA-256 over (kode, indikator, satuan, target) in form order."""
    text = "\n".join(
        "\t".join((str(k).strip(), str(i).strip(), str(s).strip(), number_text(t)))
        for k, i, s, t in rows
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def indicator_checksum(indicators: list[Indicator]) -> str:
    return checksum([(i.kode, i.indikator, i.satuan, i.target) for i in indicators])


def workbook_id(profile: Profile) -> str:
    """A stable id for the master workbook the forms belong to.

    Derived from the profile (not random) so that forms stay valid when the
    workbook is rebuilt or restored from a backup, and so that export stays
    deterministic. It tells apart forms of another OPD; the year is checked
    separately.
    """
    return f"LKJIP/{profile.opd_singkat}/{profile.kode_unit}"


def slug(text: str) -> str:
    """``Kelurahan Jrebeng Kidul`` → ``Kelurahan_Jrebeng_Kidul`` (safe in any file system)."""
    s = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")
    return s or "unit"


def form_filename(profile: Profile, unit: Unit, triwulan: int | None = None) -> str:
    if triwulan:
        return f"Format_Data_TW{triwulan}_{profile.tahun}_{slug(unit.nama)}.xlsx"
    return f"Format_Data_LKjIP_{profile.tahun}_{slug(unit.nama)}.xlsx"


def quarter_of(meta: dict[str, str]) -> int | None:
    """The quarter a form's metadata names (``triwulan``), None for an annual form."""
    text = str(meta.get("triwulan") or "").strip()
    return int(text) if text in ("1", "2", "3", "4") else None


# -- the indicator list from the workbook ------------------------------------------------------


def _cell(key: str, row: dict[str, Any]) -> str:
    return f"{col_letter(S.FORMAT.col_index(key))}{row.get('_row', '?')}"


def load_indicators(gw: Gateway) -> list[Indicator]:
    """The Format Data rows, checked: kode unique, required fields present, target a number."""
    rows = gw.read_rows(S.FORMAT)
    source = gw.path.name
    if not rows:
        raise LkjipError(
            "Sheet Format Data masih kosong: belum ada indikator untuk dikirim ke unit.",
            [
                CellProblem(
                    "Tabel Format Data tidak berisi indikator.",
                    "Isi kode, sasaran, indikator, satuan, target dan penanggung jawab "
                    "untuk setiap indikator.",
                    source,
                    S.FORMAT_DATA,
                )
            ],
        )
    problems: list[CellProblem] = []
    seen: dict[str, str] = {}
    out: list[Indicator] = []
    for row in rows:
        bad = False
        for key in ("kode", "indikator", "satuan", "target", "penanggung_jawab"):
            if row.get(key) in (None, ""):
                col = S.FORMAT.column(key)
                problems.append(
                    CellProblem(
                        f"kolom '{col.header}' kosong.",
                        f"Isi kolom '{col.header}' untuk indikator ini.",
                        source,
                        S.FORMAT_DATA,
                        _cell(key, row),
                    )
                )
                bad = True
        target: float | None = None
        try:
            target = parse_number(row.get("target"))
        except ValueError as exc:
            problems.append(
                CellProblem(
                    f"target tidak dapat dibaca: {exc}",
                    "Tulis target dengan angka.",
                    source,
                    S.FORMAT_DATA,
                    _cell("target", row),
                )
            )
            bad = True
        kode = str(row.get("kode") or "").strip()
        if kode and kode in seen:
            problems.append(
                CellProblem(
                    f"kode '{kode}' dipakai dua kali (juga di sel {seen[kode]}).",
                    "Beri setiap indikator kode yang berbeda.",
                    source,
                    S.FORMAT_DATA,
                    _cell("kode", row),
                )
            )
            bad = True
        seen.setdefault(kode, _cell("kode", row))
        if bad:
            continue
        out.append(
            Indicator(
                kode=kode,
                sasaran=str(row.get("sasaran") or "").strip(),
                indikator=str(row.get("indikator")).strip(),
                satuan=str(row.get("satuan")).strip(),
                jenis=str(row.get("jenis") or "Lainnya").strip(),
                target=target,
                penanggung_jawab=str(row.get("penanggung_jawab")).strip(),
                row=int(row.get("_row") or 0),
            )
        )
    if problems:
        raise LkjipError("Sheet Format Data berisi isian yang perlu diperbaiki.", problems)
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def assign(
    indicators: list[Indicator], profile: Profile
) -> tuple[dict[str, list[Indicator]], list[str]]:
    """Which unit fills which indicator → ({unit kode: indicators}, Indonesian warnings).

    An indicator goes to the unit named as its penanggung jawab (by name, or by
    kode); IKM rows also go to ``profile.sumber_ikm`` units and SAKIP rows to
    ``profile.sumber_sakip`` units. Units appear in the profile's order, indicators
    in Format Data order.
    """
    by_name = {_norm(u.nama): u.kode for u in profile.unit}
    by_kode = {_norm(u.kode): u.kode for u in profile.unit}
    known = {u.kode for u in profile.unit}
    per_unit: dict[str, list[Indicator]] = {u.kode: [] for u in profile.unit}
    warnings: list[str] = []
    for ind in indicators:
        targets: list[str] = []
        pj = by_name.get(_norm(ind.penanggung_jawab)) or by_kode.get(_norm(ind.penanggung_jawab))
        if pj:
            targets.append(pj)
        jenis = ind.jenis.upper()
        extra: list[str] = []
        if jenis == "IKM":
            extra = profile.sumber_ikm
        elif jenis == "SAKIP":
            extra = profile.sumber_sakip
        for kode in extra:
            if kode in known:
                targets.append(kode)
            else:
                warnings.append(
                    f"Kode unit '{kode}' pada pengaturan sumber {jenis} tidak ada di tabel Unit "
                    "(sheet Pengaturan)."
                )
        if not pj and not targets:
            warnings.append(
                f"Indikator {ind.kode} (Format Data baris {ind.row}): penanggung jawab "
                f"'{ind.penanggung_jawab}' tidak ada di tabel Unit, jadi tidak masuk formulir "
                "mana pun. Pilih nama unit dari daftar."
            )
            continue
        if not pj:
            warnings.append(
                f"Indikator {ind.kode}: penanggung jawab '{ind.penanggung_jawab}' tidak ada di "
                "tabel Unit; indikator hanya dikirim ke unit sumber data."
            )
        for kode in dict.fromkeys(targets):
            per_unit[kode].append(ind)
    return {k: v for k, v in per_unit.items() if v}, list(dict.fromkeys(warnings))


def unit_label(unit: Unit) -> str:
    """How a unit is named in the Kiriman sheet (the same name the Format Data uses)."""
    return unit.nama
