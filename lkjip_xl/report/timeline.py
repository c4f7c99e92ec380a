"""SOP monitoring for the report: a table of the steps and a planned-vs-actual timeline chart.

Both read the step journal (through a gateway, or a list of journal events) and measure
in working time with :mod:`lkjip_xl.domain.worktime`. The chart's horizontal axis is
*working time* (hari kerja): nights, weekends, holidays and cuti bersama are left out,
so a bar's length compares directly with the mutu baku. matplotlib is imported lazily.
"""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl import clock
from lkjip_xl.domain import sop
from lkjip_xl.domain.worktime import HARI, WorkCalendar, format_duration

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile

__all__ = [
    "events_from_status",
    "monitoring_rows",
    "sop_report_for",
    "timeline_chart",
    "timeline_png",
]


COLOR_PLAN = "#BDD7EE"
COLOR_PLAN_EDGE = "#5B9BD5"
COLOR_OK = "#548235"
COLOR_RUNNING = "#2E75B6"
COLOR_LATE = "#C00000"
XPAD = 1.4
"""Room right of the last bar for its label, as a multiple of the bars' extent."""


def sop_report_for(
    events: Sequence[dict[str, Any]],
    profile: Profile,
    now: dt.datetime | None = None,
) -> sop.SopReport:
    """The measured and planned SOP (see :func:`lkjip_xl.domain.sop.evaluate`)."""
    return sop.report_for(events, profile, now or clock.now(profile.jam_kerja.zona))


def _when(t: dt.datetime | None) -> str:
    """``"27/03/2025 14.00"`` or ``"-"``."""
    return f"{t:%d/%m/%Y %H.%M}" if t else "-"


def monitoring_rows(
    events: Sequence[dict[str, Any]],
    profile: Profile,
    now: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """One row per SOP step for the report's monitoring table (all values display text).

    Keys: ``no``, ``langkah`` (aktivitas), ``pelaksana``, ``mutu_baku`` (the standard),
    ``rencana_selesai``, ``mulai``, ``selesai``, ``realisasi`` (working-time duration, or
    "berjalan …"), ``status`` ("Tepat waktu", "Melebihi mutu baku (2 jam)", "Berjalan",
    "Belum mulai"), ``catatan`` (notes, forced starts, output documents); plus ``status_kode``
    (the bare status) and ``realisasi_menit`` (int or None) for formatting.
    """
    report = sop_report_for(events, profile, now)
    rows = []
    for r in report.steps:
        if r.durasi_menit is not None:
            realisasi = report.duration_text(r.durasi_menit)
        elif r.berjalan_menit is not None:
            realisasi = f"berjalan {report.duration_text(r.berjalan_menit)}"
        else:
            realisasi = "-"
        notes = [r.state.catatan] if r.state.catatan else []
        if r.state.dokumen:
            notes.append(f"Dokumen: {r.state.dokumen}")
        rows.append(
            {
                "no": r.step.no,
                "langkah": r.step.aktivitas,
                "pelaksana": r.step.pelaksana_label,
                "mutu_baku": r.step.mutu_baku,
                "rencana_selesai": _when(r.rencana_selesai),
                "mulai": _when(r.mulai),
                "selesai": _when(r.selesai),
                "realisasi": realisasi,
                "realisasi_menit": r.durasi_menit,
                "status": report.status_text(r),
                "status_kode": r.status,
                "catatan": "; ".join(notes),
            }
        )
    return rows


# -- the chart ---------------------------------------------------------------------------------


def _skipped_days_off(cal: WorkCalendar, first: dt.date, last: dt.date) -> str:
    """Weekday holidays inside the chart's span, grouped: ``"02/04–07/04 Cuti Bersama …"``."""
    days = [(d, n) for d, n in cal.days_off(first, last) if d.weekday() in cal.workdays]
    groups: list[list[Any]] = []
    for d, name in days:
        if groups and groups[-1][2] == name and (d - groups[-1][1]).days <= 3:
            groups[-1][1] = d
        else:
            groups.append([d, d, name])
    parts = [
        (f"{a:%d/%m}" if a == b else f"{a:%d/%m}–{b:%d/%m}") + f" {name}" for a, b, name in groups
    ]
    return "; ".join(parts)


def timeline_chart(
    events: Sequence[dict[str, Any]],
    profile: Profile,
    out: Path | str = "tahapan_sop.png",
    *,
    now: dt.datetime | None = None,
    dpi: int = 150,
) -> Path:
    """Draw planned (mutu baku) against actual bars per SOP step; write a PNG to ``out``.

    Before step 1 starts, the plan is drawn alone from "hari kerja ke-0".
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    heading = (
        f"Tahapan SOP Penyusunan LKjIP Tahun {profile.tahun}: rencana dan realisasi\n{profile.opd}"
    )
    _render(list(events), profile, out, now=now, dpi=dpi, heading=heading)
    return out


def events_from_status(steps: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Start/finish events from ``lkjip step status --json`` step rows (``mulai``, ``selesai``)."""
    events: list[dict[str, Any]] = []
    for s in steps:
        for jenis, key in ((sop.START, "mulai"), (sop.FINISH, "selesai")):
            if s.get(key):
                events.append(
                    {"jenis": jenis, "id": f"{key}-{s['no']}", "no": s["no"], "pada": s[key]}
                )
    return events


def timeline_png(
    steps: Sequence[dict[str, Any]],
    *,
    profile: Profile | None = None,
    zona: str | None = None,
    now: dt.datetime | str | None = None,
    dpi: int = 150,
) -> bytes:
    """The chart as PNG bytes, from ``step_status(gw).data["steps"]`` rows (for docx images).

    Pass ``profile`` for the OPD's title, office hours and extra days off; without it the
    default office hours in ``zona`` and a title without the OPD name are used. ``now``
    (default: the current time) ends a running step's bar.
    """
    import io

    from lkjip_xl.domain.profile import default_profile

    heading = "Tahapan SOP Penyusunan LKjIP: rencana dan realisasi"
    if profile is None:
        base = default_profile()
        if zona:
            base = base.model_copy(
                update={"jam_kerja": base.jam_kerja.model_copy(update={"zona": zona})}
            )
        use = base
    else:
        use = profile
        heading = (
            f"Tahapan SOP Penyusunan LKjIP Tahun {profile.tahun}: rencana dan realisasi\n"
            f"{profile.opd}"
        )
    when = dt.datetime.fromisoformat(now) if isinstance(now, str) else now
    buf = io.BytesIO()
    _render(events_from_status(steps), use, buf, now=when, dpi=dpi, heading=heading)
    return buf.getvalue()


def _render(
    events: list[dict[str, Any]],
    profile: Profile,
    out: Any,
    *,
    now: dt.datetime | None,
    dpi: int,
    heading: str,
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    report = sop_report_for(events, profile, now)
    cal = WorkCalendar.from_profile(profile)
    dm = cal.day_minutes
    origin = report.steps[0].mulai

    def pos(t: dt.datetime) -> float:
        assert origin is not None
        return cal.minutes_between(origin, t) / dm

    # Planned spans (in hari kerja from the origin).
    plans: list[tuple[float, float]] = []
    if origin is None:
        x = 0.0
        for r in report.steps:
            plans.append((x, x + r.mutu_baku_menit / dm))
            x += r.mutu_baku_menit / dm
    else:
        plans = [
            (pos(r.rencana_mulai), pos(r.rencana_selesai))  # type: ignore[arg-type]
            for r in report.steps
        ]
    xmax = max(b for _, b in plans)
    actual_end: list[float | None] = []
    for r in report.steps:
        if r.mulai is None:
            actual_end.append(None)
            continue
        end = r.selesai or max(report.now, r.mulai)
        actual_end.append(pos(end))
        xmax = max(xmax, pos(end))
    xmax = max(xmax, 0.5)
    min_w = xmax * 0.004  # keep minute-long steps visible

    n = len(report.steps)
    fig, ax = plt.subplots(figsize=(11, 0.62 * n + 2.4))
    h = 0.34
    for i, r in enumerate(report.steps):
        y = n - 1 - i
        a, b = plans[i]
        ax.barh(
            y + h / 2,
            max(b - a, min_w),
            left=a,
            height=h,
            color=COLOR_PLAN,
            edgecolor=COLOR_PLAN_EDGE,
            linewidth=0.8,
        )
        end = actual_end[i]
        label = f"mutu baku {r.step.mutu_baku}"
        if r.mulai is not None and end is not None:
            start = pos(r.mulai)
            limit = pos(r.batas_mutu_baku) if r.batas_mutu_baku else end
            base = COLOR_OK if r.selesai is not None else COLOR_RUNNING
            ok_end = min(end, limit)
            ax.barh(y - h / 2, max(ok_end - start, min_w), left=start, height=h, color=base)
            if end > limit:
                ax.barh(y - h / 2, end - limit, left=limit, height=h, color=COLOR_LATE)
            if r.durasi_menit is not None:
                label = format_duration(r.durasi_menit, dm)
            else:
                label = f"berjalan {format_duration(r.berjalan_menit or 0, dm)}"
            label += f"\nmutu baku {r.step.mutu_baku}"
            if r.melebihi_menit:
                label += f", lebih {format_duration(r.melebihi_menit, dm)}"
        right = max(b, end or 0.0)
        ax.text(
            right + xmax * 0.01,
            y if end is not None else y + h / 2,
            label,
            va="center",
            fontsize=7.5,
            color=COLOR_LATE if r.melebihi_menit else "#333333",
        )

    ax.set_yticks(
        range(n),
        [textwrap.fill(f"{r.step.no}. {r.step.aktivitas}", 40) for r in reversed(report.steps)],
        fontsize=7.5,
    )
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(0, xmax * XPAD)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    footnote = (
        f"Sumbu mendatar: waktu kerja ({_workdays_text(cal)} "
        f"{cal.start_time:%H.%M}–{cal.end_time:%H.%M}, 1 hari kerja = "
        f"{format_duration(dm, dm * 10)}); malam, akhir pekan, hari libur nasional, "
        "cuti bersama dan libur tambahan tidak dihitung."
    )
    special = []
    if cal.friday is not None:
        special.append(f"Jumat {cal.friday[0]:%H.%M}–{cal.friday[1]:%H.%M}")
    for p in cal.periods:
        special.append(
            f"{p.nama or 'jam khusus'} {p.mulai:%d/%m/%Y}–{p.selesai:%d/%m/%Y} "
            f"{p.jam_mulai:%H.%M}–{p.jam_selesai:%H.%M}"
            + (
                f" (Jumat {p.jam_mulai_jumat or p.jam_mulai:%H.%M}–"
                f"{p.jam_selesai_jumat or p.jam_selesai:%H.%M})"
                if p.jam_mulai_jumat or p.jam_selesai_jumat
                else ""
            )
        )
    if special:
        footnote += " Jam kerja khusus: " + "; ".join(special) + "."
    if origin is not None:
        last = origin + dt.timedelta(days=1)
        for t in (r.selesai or r.rencana_selesai for r in report.steps):
            if t is not None and t > last:
                last = t
        _date_ticks(ax, cal, origin, last, pos, xmax)
        skipped = _skipped_days_off(cal, origin.date(), last.date())
        if skipped:
            footnote += "\nLibur yang dilewati: " + skipped + "."
        if report.selesai is None and 0 < pos(report.now) <= xmax * XPAD:
            xn = pos(report.now)
            ax.axvline(xn, color="#7F7F7F", linestyle="--", linewidth=1)
            ax.text(xn, n - 0.35, " sekarang", fontsize=7.5, color="#555555", va="bottom")
        ax.set_xlabel("Tanggal (awal hari kerja)", fontsize=8.5)
    else:
        ax.set_xlabel("Hari kerja sejak langkah 1 dimulai (langkah 1 belum dimulai)", fontsize=8.5)
        ax.tick_params(axis="x", labelsize=8)

    ax.set_title(heading, fontsize=11, loc="left")
    summary = []
    if report.rencana_selesai is not None:
        summary.append(f"Rencana selesai: {_when(report.rencana_selesai)}")
    if report.selesai is not None:
        summary.append(f"Realisasi selesai: {_when(report.selesai)}")
    if report.batas_penyampaian is not None:
        batas = f"Batas penyampaian: {report.batas_penyampaian:%d/%m/%Y}"
        if report.steps and report.steps[-1].selesai is not None and report.keterangan_batas:
            batas += f" ({report.keterangan_batas})"  # the same figure as CLI and Beranda
        summary.append(batas)
    if summary:
        footnote = "   ·   ".join(summary) + "\n" + footnote
    handles = [
        Patch(facecolor=COLOR_PLAN, edgecolor=COLOR_PLAN_EDGE, label="Rencana (mutu baku)"),
        Patch(facecolor=COLOR_OK, label="Realisasi dalam mutu baku"),
        Patch(facecolor=COLOR_RUNNING, label="Sedang berjalan"),
        Patch(facecolor=COLOR_LATE, label="Melebihi mutu baku"),
    ]
    foot = "\n".join(textwrap.fill(line, 185) for line in footnote.split("\n"))
    foot_h = (foot.count("\n") + 1) * 0.13 + 0.15  # inches
    fig_h = fig.get_figheight()
    bottom = (foot_h + 0.95) / fig_h
    fig.subplots_adjust(left=0.25, right=0.98, top=1 - 0.75 / fig_h, bottom=bottom)
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -(0.62 / fig_h) / (1 - 0.75 / fig_h - bottom)),
        ncol=4,
        fontsize=8,
        frameon=False,
    )
    fig.text(0.01, 0.12 / fig_h, foot, fontsize=7, color="#444444", va="bottom")
    fig.savefig(out, dpi=dpi, format="png")
    plt.close(fig)


def _workdays_text(cal: WorkCalendar) -> str:
    days = sorted(cal.workdays)
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 1:
        return f"{HARI[days[0]]}–{HARI[days[-1]]}"
    return ", ".join(HARI[d] for d in days)


def _date_ticks(
    ax: Any,
    cal: WorkCalendar,
    origin: dt.datetime,
    last: dt.datetime,
    pos: Any,
    xmax: float,
) -> None:
    """Ticks at the start of each working day, labelled with weekday and date."""
    days = list(cal.working_days(origin.date(), last.date() + dt.timedelta(days=14)))
    ticks: list[float] = []
    labels: list[str] = []
    for d in days:
        x = max(0.0, pos(cal.day_start(d)))
        if x > xmax * XPAD:
            break
        if ticks and x - ticks[-1] < 0.6:
            continue  # too close to the previous label (e.g. the origin in the afternoon)
        ticks.append(x)
        labels.append(f"{HARI[d.weekday()][:3]}\n{d:%d/%m}")
    step = max(1, len(ticks) // 16 + (1 if len(ticks) % 16 else 0))
    ax.set_xticks(ticks[::step], labels[::step], fontsize=7.5)
    # Mark the boundaries where holidays (not only a weekend) were skipped.
    for prev, d in itertools.pairwise(days):
        gap = [
            g
            for g in (prev + dt.timedelta(days=k) for k in range(1, (d - prev).days))
            if cal.holiday_name(g) and g.weekday() in cal.workdays
        ]
        x = pos(cal.day_start(d))
        if gap and x <= xmax * XPAD:
            first, last = prev + dt.timedelta(days=1), d - dt.timedelta(days=1)
            span = f"{first:%d/%m}" if first == last else f"{first:%d/%m}–{last:%d/%m}"
            ax.axvline(x, color="#ED7D31", linestyle=":", linewidth=1.2)
            ax.text(
                x,
                -0.65,
                f" libur {span}",
                fontsize=6.5,
                color="#C55A11",
                va="bottom",
            )
