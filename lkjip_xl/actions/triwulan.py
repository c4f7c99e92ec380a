"""The quarterly loop's workbook side (issue 22): quarter targets, quarter rows, quarter state.

* :func:`rencana` — per indicator the rule (Kumulatif / Nilai Terakhir / Tahunan) and the four
  quarter targets from the Rencana Aksi sheet (defaults from the annual target, as
  ``lkjip rencana-aksi`` fills them, for an indicator without a row).
* :func:`quarter_assigned` — the forms' indicator lists with the quarter's target.
* :func:`quarter_rows` — the Realisasi Triwulan sheet's valid rows (empty for a workbook built
  before the sheet existed).
* :func:`states` / :func:`refresh_beranda` — each quarter's state (forms sent, n of m in,
  monev made) and the Beranda block showing it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from lkjip_xl.errors import LkjipError
from lkjip_xl.forms import spec
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.build import BERANDA_TW_TOP
from lkjip_xl.workbook.gateway import Gateway

__all__ = [
    "BERANDA_TW_CELLS",
    "EV_MONEV",
    "Rencana",
    "check_triwulan",
    "quarter_assigned",
    "quarter_rows",
    "refresh_beranda",
    "rencana",
    "states",
]

EV_MONEV = "monev_dibuat"
"""Beranda rows of the quarter block: the heading at H34, TW I–IV in H35:I38."""
BERANDA_TW_CELLS = tuple(f"I{BERANDA_TW_TOP + k}" for k in range(1, 5))


def check_triwulan(triwulan: int | None) -> None:
    if triwulan is not None and triwulan not in S.TRIWULAN:
        raise LkjipError(
            f"Triwulan '{triwulan}' tidak dikenal. Pilih 1, 2, 3 atau 4 (--triwulan 1 untuk "
            "Januari–Maret)."
        )


@dataclass(frozen=True)
class Rencana:
    """One indicator's quarter plan."""

    aturan: str
    target: list[float | None]
    sel: str = ""
    """The Rencana Aksi row's first target cell (``Rencana Aksi!F5``), '' for a default."""


def _num(value: Any) -> float | None:
    from lkjip_xl.domain.numbers import parse_number

    try:
        return parse_number(value)
    except ValueError:
        return None


def rencana(gw: Gateway, indicators: list[Any]) -> dict[str, Rencana]:
    """Kode → the quarter plan, for every indicator (``kode``, ``jenis``, ``satuan``,
    ``target``): the Rencana Aksi row when it has a rule or a target, else the defaults."""
    from lkjip_xl.domain import rencana_aksi as D
    from lkjip_xl.workbook.cells import col_letter

    table = S.RENCANA_AKSI_T
    rows = gw.read_rows(table) if gw.has_table(table) else []
    by_kode = {str(r.get("kode") or "").strip(): r for r in rows}
    tw_col = col_letter(table.col_index("tw1"))
    out: dict[str, Rencana] = {}
    for ind in indicators:
        row = by_kode.get(ind.kode)
        tw = [_num(row.get(f"tw{i}")) for i in S.TRIWULAN] if row else [None] * 4
        aturan = str((row or {}).get("aturan") or "").strip()
        if aturan not in D.ATURAN:
            aturan = D.default_rule(ind.jenis, ind.satuan)
        if row is not None and any(v is not None for v in tw):
            out[ind.kode] = Rencana(aturan, tw, f"{S.RENCANA_AKSI}!{tw_col}{row['_row']}")
        else:
            out[ind.kode] = Rencana(aturan, D.default_quarters(ind.target, aturan))
    return out


def quarter_assigned(
    gw: Gateway, assigned: dict[str, list[spec.Indicator]], triwulan: int
) -> tuple[dict[str, list[spec.Indicator]], list[str]]:
    """The forms' indicators with the quarter's target; an annual-only (Tahunan) indicator is
    asked only in triwulan IV. → (assigned, Indonesian notes)."""
    everything = {i.kode: i for rows in assigned.values() for i in rows}
    plan = rencana(gw, list(everything.values()))
    notes: list[str] = []
    annual = sorted(k for k, p in plan.items() if p.aturan == "Tahunan")
    if annual and triwulan != 4:
        notes.append(
            f"Indikator {', '.join(annual)} diukur tahunan (Aturan Triwulan 'Tahunan' di sheet "
            "Rencana Aksi): tidak diminta di formulir triwulan ini, hanya di triwulan IV."
        )
    out: dict[str, list[spec.Indicator]] = {}
    for unit, rows in assigned.items():
        keep = [
            dataclasses.replace(i, target=plan[i.kode].target[triwulan - 1])
            for i in rows
            if triwulan == 4 or plan[i.kode].aturan != "Tahunan"
        ]
        if keep:
            out[unit] = keep
    if not out:
        raise LkjipError(
            f"Tidak ada indikator untuk formulir triwulan {spec.ROMAWI[triwulan]}: semua "
            "indikator diukur tahunan. Periksa Aturan Triwulan di sheet Rencana Aksi."
        )
    return out, notes


def quarter_rows(gw: Gateway) -> list[dict[str, Any]]:
    """The valid rows of Realisasi Triwulan ([] for a workbook without the sheet)."""
    table = S.REALISASI_TW_T
    if not gw.has_table(table):
        return []
    return [
        r
        for r in gw.read_rows(table)
        if str(r.get("status") or "Valid") == "Valid" and r.get("realisasi") is not None
    ]


def flow_events(events: list[dict[str, Any]], triwulan: int | None) -> list[dict[str, Any]]:
    """The journal events of one forms flow: the annual one (``triwulan`` None) or a quarter's.

    Forms made, sent and imported carry ``triwulan`` in a quarter's flow; every other event
    (SOP steps) belongs to both.
    """
    kinds = ("formulir_dibuat", "formulir_dikirim", "impor_formulir")
    return [e for e in events if e.get("jenis") not in kinds or e.get("triwulan") == triwulan]


def states(gw: Gateway) -> list[str]:
    """Each quarter's state in one short line (Beranda's narrow column), e.g. ``terkirim ·
    8/10 masuk · monev v1``: forms sent (or only made), units whose quarter data is complete
    of the units asked (every quarter indicator with a valid row), the newest monev version."""
    from lkjip_xl.forms import status

    profile = gw.profile()
    events = Journal(gw.workspace.journal, profile.tahun).events()
    monev = [
        e for e in Journal(gw.workspace.journal).events(EV_MONEV) if e.get("tahun") == profile.tahun
    ]
    try:
        assigned, _w = spec.assign(spec.load_indicators(gw), profile)
    except LkjipError:
        assigned = {}
    rows = quarter_rows(gw)
    out: list[str] = []
    for tw in S.TRIWULAN:
        mine = flow_events(events, tw)
        sent = {e.get("unit") for e in mine if e.get("jenis") == status.EV_SENT}
        made = {e.get("unit") for e in mine if e.get("jenis") == "formulir_dibuat"}
        parts: list[str] = []
        if sent:
            parts.append("terkirim")
        elif made:
            parts.append("dibuat")
        else:
            parts.append("belum dimulai")
        if assigned and (made or sent or any(r.get("triwulan") == tw for r in rows)):
            units = {u.kode: u.nama for u in profile.unit}
            asked, _notes = quarter_assigned(gw, assigned, tw)
            wanted = [k for k in asked if k in (made | sent)] or list(asked)
            kodes = {k: {i.kode for i in asked[k]} for k in wanted}
            have = {
                k
                for k in wanted
                if kodes[k]
                <= {
                    str(r.get("kode"))
                    for r in rows
                    if r.get("triwulan") == tw and r.get("unit") == units.get(k)
                }
            }
            parts.append(f"{len(have)}/{len(wanted)} masuk")
        versions = [e for e in monev if e.get("triwulan") == tw]
        if versions:
            parts.append(f"monev v{versions[-1].get('versi')}")
        out.append(" · ".join(parts))
    return out


def refresh_beranda(gw: Gateway) -> None:
    """Write each quarter's state into Beranda's Pemantauan Triwulan block (no-op on a
    read-only gateway or a workbook built before the block existed)."""
    if not getattr(gw, "writable", True):
        return
    try:
        label = gw.read_cell(S.BERANDA, f"H{BERANDA_TW_TOP + 1}")
    except LkjipError:
        return
    if label != "TW I":
        return
    for cell, text in zip(BERANDA_TW_CELLS, states(gw), strict=True):
        gw.write_cell(S.BERANDA, cell, text)
