"""Readiness checks about the report year (issue 18): pure-ish functions over a gateway.

Each check returns a ``list[CellProblem]`` (empty = ready), every problem naming the sheet and
cell (or the file) to look at. They are wired into Persiapan (``workbook/persiapan.py``),
``lkjip periksa`` (``actions/workbook.py``), ``lkjip step start 1`` and ``lkjip tahun-baru``;
:data:`CHECKS` declares each one's severity and what it blocks, so the one readiness list of
issue 17 can take them over as they are.

The journal is read directly (core layer); the event names below are those written by
``forms/collect.py`` (``impor_formulir``) and ``actions/report.py`` (``arsip``), which this
layer may not import (a test keeps them equal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from lkjip_xl import clock
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile
    from lkjip_xl.workbook.gateway import Gateway

__all__ = [
    "CHECKS",
    "EV_ARCHIVE",
    "EV_FORM",
    "HELD",
    "LOG_FORCED",
    "LOG_NEW_YEAR",
    "Check",
    "deadline_passed",
    "deadline_problem",
    "started_from_unfinished_year",
    "target_not_from_renstra",
    "unfinished_year",
]

EV_FORM = "impor_formulir"
"""Journal event of one imported form (``forms.collect.EV_FORM``)."""
EV_ARCHIVE = "arsip"
"""Journal event of the year's archive (``actions.report.EV_ARSIP``)."""
HELD = ("perlu_dicek", "versi_lama")
"""Import outcomes that hold a form back until someone decides (README: status table)."""
LOG_NEW_YEAR = "Tahun baru"
"""Log ``Aksi`` of the row ``tahun-baru`` writes in the new workbook."""
LOG_FORCED = "DIPAKSA"
"""Log ``Hasil`` when ``tahun-baru --paksa`` started from an unfinished year."""


@dataclass(frozen=True)
class Check:
    """One readiness check, as the one readiness list (issue 17) will need it."""

    key: str
    severity: Literal["peringatan", "galat"]
    blocks: str
    """What it stops (Indonesian): ``"langkah 1"`` (asks for confirmation), ``"tahun-baru"``
    (refused without ``--paksa``) or ``""`` (a warning only)."""
    run: Callable[[Gateway], list[CellProblem]]


def _profile(gw: Gateway) -> Profile | None:
    try:
        return gw.profile()
    except LkjipError:
        return None  # reported by periksa on its own


def _profil_cell(gw: Gateway, key: str) -> str:
    for row in gw.read_rows(S.PROFIL):
        if str(row.get("kunci") or "").strip() == key:
            return f"{col_letter(S.PROFIL.col_index('nilai'))}{row['_row']}"
    return ""


def _journal(gw: Gateway, tahun: int) -> list[dict[str, Any]]:
    return Journal(gw.workspace.journal, tahun).events()


def _step_states(gw: Gateway, profile: Profile, events: list[dict[str, Any]]) -> list[Any]:
    """The SOP steps as the journal (or, for a workbook without one, the sheet) has them."""
    from lkjip_xl.domain import sop
    from lkjip_xl.domain.worktime import WorkCalendar

    steps = sop.steps_for(profile)
    if not sop.step_events(events):
        journal = Journal(gw.workspace.journal, profile.tahun)
        try:
            cal = WorkCalendar.from_profile(profile)
            rows = gw.read_rows(S.TAHAPAN_T)
        except LkjipError:
            rows = []
        else:
            events = [e for e in sop.events_from_sheet(rows, cal) if journal.belongs(e)]
    return sop.replay(events, steps)


def _fmt(value: float) -> str:
    from lkjip_xl.domain.numbers import format_id

    return format_id(value)


# --------------------------------------------------------------------------------------------
# the checks


def deadline_problem(
    profile: Profile, delivered: bool, today: dt.date, file: str, cell: str
) -> list[CellProblem]:
    """The one rule of the passed deadline (Persiapan, periksa, step start 1): the report
    year's deadline is before ``today`` and its LKjIP was not delivered (step 8 finished)."""
    from lkjip_xl.domain.worktime import format_date

    due = profile.due_date()
    if today <= due or delivered:
        return []
    return [
        CellProblem(
            f"Batas penyampaian LKjIP tahun {profile.tahun} ({format_date(due)}) sudah lewat, "
            "padahal LKjIP tahun itu belum disampaikan (langkah 8 belum selesai).",
            f"Untuk LKjIP tahun {profile.tahun + 1}, buat workbook baru dengan tombol Workbook "
            f"Tahun Baru ('lkjip tahun-baru'); bila LKjIP {profile.tahun} memang terlambat, "
            "lanjutkan: Mulai Langkah 1 meminta konfirmasi.",
            file,
            S.PENGATURAN,
            cell,
        )
    ]


def deadline_passed(gw: Gateway, *, now: dt.datetime | None = None) -> list[CellProblem]:
    """:func:`deadline_problem` of this workbook (steps from the journal, else the sheet)."""
    profile = _profile(gw)
    if profile is None:
        return []
    today = (now or clock.now(profile.jam_kerja.zona)).date()
    if today <= profile.due_date():
        return []
    states = _step_states(gw, profile, _journal(gw, profile.tahun))
    delivered = bool(states and states[-1].finished)
    key = "batas_penyampaian" if profile.batas_penyampaian else "tahun"
    return deadline_problem(profile, delivered, today, gw.path.name, _profil_cell(gw, key))


def target_not_from_renstra(gw: Gateway) -> list[CellProblem]:
    """This year's target of an indicator differs from its *Target Renstra Tahun ke-n* (n from
    the Renstra period), one problem per indicator; or the period cannot say which year n is
    while yearly Renstra targets are filled. Empty targets are left to ``periksa`` (a required
    column)."""
    from lkjip_xl.domain.narasi import renstra_tahun_ke

    profile = _profile(gw)
    if profile is None:
        return []
    rows = [r for r in gw.read_rows(S.FORMAT) if str(r.get("kode") or "").strip()]
    yearly = [f"target_th{k}" for k in range(1, S.RENSTRA_YEARS + 1)]  # Tahun ke-1..5
    if not any(_number(r.get(k)) for r in rows for k in yearly):
        return []  # this office does not use yearly Renstra targets
    src = gw.path.name
    where = renstra_tahun_ke(profile.renstra_periode, profile.tahun)
    if where is None or where[2] > S.RENSTRA_YEARS:
        periode = profile.renstra_periode or "belum diisi"
        return [
            CellProblem(
                f"Periode Renstra ({periode}) tidak menunjukkan tahun ke berapa tahun "
                f"{profile.tahun}, jadi target tahun ini tidak dapat dicocokkan dengan kolom "
                "Target Renstra Tahun ke-1 … ke-5 di Format Data.",
                "Isi Periode Renstra (renstra_periode), mis. 2025-2029, pada tabel Profil.",
                src,
                S.PENGATURAN,
                _profil_cell(gw, "renstra_periode"),
            )
        ]
    n = where[2]
    out = []
    for row in rows:
        target, renstra = row.get("target"), row.get(f"target_th{n}")
        if not _number(renstra) or not _number(target) or abs(target - renstra) < 1e-9:
            continue
        out.append(
            CellProblem(
                f"target {row['kode']} tahun {profile.tahun} ({_fmt(target)}) tidak sama dengan "
                f"Target Renstra Tahun ke-{n} ({_fmt(renstra)}).",
                f"Salin Target Renstra Tahun ke-{n} ke kolom Target, atau biarkan bila target "
                "tahun ini memang ditetapkan lain (mis. Perjanjian Kinerja perubahan).",
                src,
                S.FORMAT_DATA,
                f"{col_letter(S.FORMAT.col_index('target'))}{row['_row']}",
            )
        )
    return out


def unfinished_year(gw: Gateway) -> list[CellProblem]:
    """What is still open in this year before the next one starts: steps not finished, forms
    held (``perlu_dicek``, ``versi_lama``), the year not archived. ``tahun-baru`` refuses while
    any is listed (unless ``--paksa``)."""
    profile = gw.profile()
    src = gw.path.name
    events = _journal(gw, profile.tahun)
    out: list[CellProblem] = []

    states = _step_states(gw, profile, events)
    open_steps = [s for s in states if not s.finished]
    if open_steps:
        parts = [f"{s.step.no} ({'berjalan' if s.started else 'belum mulai'})" for s in open_steps]
        first = open_steps[0].step.no
        out.append(
            CellProblem(
                f"langkah SOP tahun {profile.tahun} belum selesai: {', '.join(parts)}.",
                "Selesaikan langkah-langkah itu (tombol Selesai Langkah N), atau lanjutkan "
                "dengan --paksa bila tahun ini memang ditutup tanpa menyelesaikannya.",
                src,
                S.TAHAPAN,
                f"{col_letter(S.TAHAPAN_T.col_index('status'))}{S.TAHAPAN_T.header_row + first}",
            )
        )

    latest: dict[str, dict[str, Any]] = {}
    for ev in events:
        if ev.get("jenis") == EV_FORM:
            latest[str(ev.get("sha256"))] = ev
    for ev in latest.values():
        status = str(ev.get("status") or "")
        if status not in HELD:
            continue
        unit = ev.get("unit_nama") or ev.get("unit") or "unit tak dikenal"
        kata = "perlu dicek" if status == "perlu_dicek" else "versi lama"
        out.append(
            CellProblem(
                f"formulir {unit} ditahan ({kata}) dan belum diputuskan; datanya tidak ada di "
                "Kiriman, sehingga tidak ikut menjadi Realisasi N-1 tahun depan.",
                f'Bila datanya benar: lkjip forms import --paksa "{ev.get("file")}"; bila '
                "tidak, minta unit mengirim ulang formulirnya.",
                str(ev.get("file") or ""),
                S.KIRIMAN,
            )
        )

    archived = (
        any(e.get("jenis") == EV_ARCHIVE for e in events)
        or (gw.workspace.archive(profile.tahun) / "manifest.json").exists()
    )
    if not archived:
        out.append(
            CellProblem(
                f"LKjIP tahun {profile.tahun} belum diarsipkan (folder "
                f"arsip/{profile.tahun} tanpa manifest).",
                "Tekan Arsipkan (lkjip archive) setelah versi final dan surat pengantar dibuat.",
                src,
                S.REGISTER,
            )
        )
    return out


def started_from_unfinished_year(gw: Gateway) -> list[CellProblem]:
    """The workbook was made by ``tahun-baru --paksa`` from a year that was not finished: the
    Log row says what was open (its Realisasi N-1 may be incomplete)."""
    out = []
    for row in gw.read_rows(S.LOG_T):
        if row.get("aksi") == LOG_NEW_YEAR and row.get("hasil") == LOG_FORCED:
            out.append(
                CellProblem(
                    "workbook ini dibuat dari tahun sebelumnya yang belum selesai: "
                    f"{row.get('rincian') or ''}",
                    "Periksa kolom Realisasi N-1 di Format Data terhadap workbook tahun "
                    "sebelumnya dan lengkapi yang kurang.",
                    gw.path.name,
                    S.LOG,
                    f"{col_letter(S.LOG_T.col_index('rincian'))}{row['_row']}",
                )
            )
    return out


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


CHECKS: tuple[Check, ...] = (
    Check("batas_lewat", "peringatan", "langkah 1", deadline_passed),
    Check("target_renstra", "peringatan", "", target_not_from_renstra),
    Check("tahun_belum_selesai", "galat", "tahun-baru", unfinished_year),
    Check("dari_tahun_belum_selesai", "peringatan", "", started_from_unfinished_year),
)
"""The checks of this module: key, severity, what they block (see :class:`Check`)."""
