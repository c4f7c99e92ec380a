"""Gather what the one readiness list reads, and say what is unmet (periksa, the final gate).

The list itself (what is checked, where, from which step) is
:data:`lkjip_xl.workbook.persiapan.CHECKS`; Beranda's Persiapan shows it with live formulas.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.workbook import persiapan as P
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook import year_checks

if TYPE_CHECKING:
    from lkjip_xl.domain.kinerja import Kinerja
    from lkjip_xl.workbook.gateway import Gateway

__all__ = [
    "check_workbook",
    "gather",
    "persiapan_warnings",
    "started_steps",
    "unmet",
    "validate_workbook",
    "with_step",
]


def step_states(gw: Gateway, tahun: int) -> tuple[set[int], set[int]]:
    """(started, finished) SOP steps recorded in the journal for this report year."""
    from lkjip_xl.actions.steps import journal_for
    from lkjip_xl.domain import sop

    try:
        profile = gw.profile()
        states = sop.replay(journal_for(gw, tahun).events(), sop.steps_for(profile))
    except LkjipError:
        return set(), set()
    return {s.step.no for s in states if s.mulai}, {s.step.no for s in states if s.selesai}


def started_steps(gw: Gateway, tahun: int) -> set[int]:
    """SOP steps with a start recorded in the journal (this report year)."""
    return step_states(gw, tahun)[0]


def gather(gw: Gateway, *, kinerja: Kinerja | None = None) -> P.ReadinessData:
    from lkjip_xl.actions.forms import kiriman_other_year_rows
    from lkjip_xl.actions.kinerja import kinerja as compute
    from lkjip_xl.actions.pk import signing_date as pk_signing_date
    from lkjip_xl.actions.workbook import problems_in_workbook

    try:
        profile = gw.profile()
    except LkjipError:
        profile = None
    regulasi = profile.aturan.ikm_regulasi if profile else "2017"
    skm = S.skm_table(regulasi)
    unsur = [c.key for c in skm.columns if c.key.startswith("u") and c.key[1:].isdigit()]
    answered = any(any(r.get(u) is not None for u in unsur) for r in gw.read_rows(skm))
    olahan = S.ikm_olahan_table(regulasi)
    olahan_units = gw.has_table(olahan) and any(r.get("unit") for r in gw.read_rows(olahan))
    try:
        narasi = gw.read_rows(S.NARASI_T)
    except LkjipError:
        narasi = None
    model = kinerja
    if model is None and profile is not None:
        model = compute(gw)
    started, finished = step_states(gw, profile.tahun) if profile else (set(), set())
    return P.ReadinessData(
        file=gw.path.name,
        profil=gw.read_rows(S.PROFIL),
        pejabat=gw.read_rows(S.PEJABAT),
        unit=gw.read_rows(S.UNIT),
        format_rows=gw.read_rows(S.FORMAT),
        narasi_rows=narasi,
        anggaran_rows=gw.read_rows(S.ANGGARAN_T),
        sakip_rows=gw.read_rows(S.SAKIP_T),
        skm_answered=answered,
        olahan_units=olahan_units,
        profile=profile,
        kinerja=model,
        kiriman_rows=gw.read_rows(S.KIRIMAN_T),
        other_year_rows=kiriman_other_year_rows(gw) if profile else [],
        started=started,
        finished=finished,
        today=clock.today(),
        isian=problems_in_workbook(gw),
        pk_tanggal=pk_signing_date(gw, profile.tahun) if profile else None,
        year_notes={
            "target_renstra": year_checks.target_not_from_renstra(gw),
            "dari_tahun_belum_selesai": year_checks.started_from_unfinished_year(gw),
        },
    )


def with_step(item: P.Unmet, started: set[int]) -> list[CellProblem]:
    """The item's problems, each saying before which SOP step it must be done."""
    n = item.check.langkah
    if n in started:
        note = f"(Langkah {n} sudah dimulai: lengkapi segera.)"
    else:
        note = f"(Lengkapi sebelum Langkah {n}.)"
    if item.check.jenis == "isian":
        return item.problems
    return [dataclasses.replace(p, pesan=f"{p.pesan} {note}") for p in item.problems]


def unmet(gw: Gateway, *, kinerja: Kinerja | None = None) -> tuple[list[P.Unmet], set[int]]:
    """(every unmet check, the SOP steps started)."""
    data = gather(gw, kinerja=kinerja)
    return P.evaluate(data), data.started


def check_workbook(gw: Gateway) -> tuple[list[CellProblem], list[CellProblem], list[str]]:
    """(wrong entries, unmet readiness items, source disagreements) of the whole workbook.

    One list serves this, Beranda's Persiapan and the final gate
    (:data:`lkjip_xl.workbook.persiapan.CHECKS`): wrong entries (*isian*) make ``periksa``
    fail; items not yet complete are warnings that say before which SOP step they are due.
    """
    from lkjip_xl.actions.kinerja import kinerja

    try:
        model = kinerja(gw)
    except LkjipError:
        model = None
    items, started = unmet(gw, kinerja=model)
    errors = [p for u in items if u.check.jenis == "isian" for p in with_step(u, started)]
    warnings = [p for u in items if u.check.jenis != "isian" for p in with_step(u, started)]
    perbedaan = [p.pesan for p in model.perbedaan] if model is not None else []
    return errors, warnings, perbedaan


def persiapan_warnings(gw: Gateway) -> list[CellProblem]:
    """The unmet readiness items (not wrong entries), each naming the sheet and cell to fill."""
    return check_workbook(gw)[1]


def validate_workbook(gw: Gateway) -> ActionResult:
    """*Periksa Isian*: raise :class:`LkjipError` listing every wrong entry, if any.

    Readiness items not yet complete are warnings: they do not make the check fail, but a
    final version is refused while any is unmet. Source disagreements are reported too.
    """
    problems, warnings, perbedaan = check_workbook(gw)
    if problems:
        pesan = f"Ditemukan {len(problems)} isian yang perlu diperbaiki di {gw.path.name}."
        if warnings:
            pesan += f" Persiapan juga belum lengkap ({len(warnings)} hal, lihat Beranda)."
        raise LkjipError(pesan, problems)
    if warnings:
        pesan = (
            "Isian yang ada sudah sah, tetapi Persiapan belum lengkap "
            f"({len(warnings)} hal; versi final ditolak selama masih ada):"
        )
    else:
        pesan = (
            "Semua isian sudah benar dan Persiapan lengkap: kolom wajib terisi, angka dan "
            "tanggal sah, pilihan sesuai daftar."
        )
    return ActionResult(
        pesan,
        data={
            "masalah": [],
            "peringatan": [w.as_json() for w in warnings],
            "perbedaan": perbedaan,
        },
        peringatan=[w.text() for w in warnings] + perbedaan,
    )
