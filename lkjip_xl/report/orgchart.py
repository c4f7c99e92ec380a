"""The organisation chart of Bab I, drawn from the profile's officials and units.

:func:`structure` turns the profile (sheet Pengaturan: tables Pejabat and Unit) into boxes:
the Camat on top, the Sekretaris Kecamatan beside the line of command with the subbagian
under it, the seksi (and bidang/other units) on the line of command, and the kelurahan on a
dashed line of coordination. Nothing is fixed to one kecamatan: every title and name comes
from the profile. :func:`draw` renders it with matplotlib (imported only when drawn) as PNG
bytes for the A4 text width; the report caches the image by a digest of
:func:`structure`'s result, so an unchanged chart is not redrawn.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Official, Profile, Unit

__all__ = ["Box", "OrgChart", "draw", "structure"]

WIDTH_IN = 6.0
PER_ROW = 6
"""At most this many boxes side by side; more go on a further row."""
FONT_PT = 6.5
COLOR_EDGE = "#1F4E79"
COLOR_TOP = "#DEEBF7"
COLOR_LINE = "#404040"


@dataclass(frozen=True)
class Box:
    """One position: its title (``Camat Wonoasih``) and the official's name (may be empty)."""

    jabatan: str
    nama: str = ""


@dataclass(frozen=True)
class OrgChart:
    """The boxes of the chart, by their place in it."""

    pimpinan: Box
    sekretariat: Box | None = None
    subbagian: list[Box] = field(default_factory=list)
    seksi: list[Box] = field(default_factory=list)
    kelurahan: list[Box] = field(default_factory=list)

    def spec(self) -> dict[str, Any]:
        """Everything the drawing depends on, as plain data (the cache digests it)."""
        from dataclasses import asdict

        return asdict(self)


def _name_for(unit: Unit, officials: list[Official]) -> str:
    """The unit's head: its own ``nama_pimpinan``, else a Kasi/Lurah official of that title."""
    if unit.nama_pimpinan:
        return unit.nama_pimpinan
    title = (unit.pimpinan or "").casefold()
    for o in officials:
        if o.peran == "kasi_lurah" and title and o.jabatan.casefold() == title:
            return o.nama
    return ""


def _same_post(o: Official, unit: Unit) -> bool:
    """Whether official ``o`` heads ``unit`` (same title, or the unit's name in the title)."""
    title = o.jabatan.casefold()
    name = unit.nama.casefold().removeprefix("subbagian ").removeprefix("sub bagian ")
    return title == (unit.pimpinan or "").casefold() or (bool(name) and name in title)


def _official(profile: Profile, peran: str) -> Official | None:
    return next((o for o in profile.pejabat if o.peran == peran), None)


def structure(profile: Profile) -> OrgChart:
    """The chart's boxes from the profile (officials and units of sheet Pengaturan)."""
    camat = _official(profile, "camat")
    office = next((u for u in profile.unit if u.jenis == "kecamatan"), None)
    if camat is not None:
        top = Box(camat.jabatan, camat.nama)
    elif office is not None:
        top = Box(office.pimpinan or f"Pimpinan {office.nama}", office.nama_pimpinan)
    else:
        top = Box(f"Pimpinan {profile.opd}")
    sekcam = _official(profile, "sekcam")
    sekretariat = Box(sekcam.jabatan, sekcam.nama) if sekcam is not None else None

    def box(u: Unit) -> Box:
        return Box(u.pimpinan or u.nama, _name_for(u, profile.pejabat))

    kasubbag = _official(profile, "kasubbag")
    subbagian: list[Box] = []
    matched = False
    for u in (u for u in profile.unit if u.jenis == "subbagian"):
        b = box(u)
        if kasubbag is not None and _same_post(kasubbag, u):
            matched = True
            b = Box(b.jabatan, b.nama or kasubbag.nama)
        subbagian.append(b)
    if kasubbag is not None and not matched:
        subbagian.insert(0, Box(kasubbag.jabatan, kasubbag.nama))
    if sekretariat is None and subbagian:
        sekretariat = Box("Sekretaris Kecamatan")
    seksi = [box(u) for u in profile.unit if u.jenis in ("seksi", "bidang", "lainnya")]
    kelurahan = [box(u) for u in profile.unit if u.jenis == "kelurahan"]
    return OrgChart(top, sekretariat, subbagian, seksi, kelurahan)


# -- drawing -----------------------------------------------------------------------------------

_LINE_IN = FONT_PT * 1.22 / 72
_PAD_IN = 0.07
_GAP_X = 0.1
_TRUNK_GAP = 0.22
"""Room kept free around the vertical line of command in a row it passes through."""
_V_GAP = 0.28


def _lines(b: Box, width_in: float) -> tuple[list[str], list[str]]:
    chars = max(8, int((width_in - 2 * _PAD_IN) * 72 / (FONT_PT * 0.6)))
    wrap = textwrap.TextWrapper(chars, break_long_words=False, break_on_hyphens=False)
    return wrap.wrap(b.jabatan) or [""], wrap.wrap(b.nama)


def _height(boxes: list[Box], width_in: float) -> float:
    n = max((len(t) + len(n) for t, n in (_lines(b, width_in) for b in boxes)), default=1)
    return n * _LINE_IN + 2 * _PAD_IN


def _rows(boxes: list[Box]) -> list[list[Box]]:
    return [boxes[i : i + PER_ROW] for i in range(0, len(boxes), PER_ROW)]


def _slots(n: int, left: float, right: float, gap_at: float | None) -> tuple[float, list[float]]:
    """Box width and centres of ``n`` boxes between ``left`` and ``right``, split in two halves
    around ``gap_at`` (the vertical line of command) when given."""
    if gap_at is None:
        w = min(1.5, (right - left - _GAP_X * (n - 1)) / n)
        total = n * w + (n - 1) * _GAP_X
        x0 = (left + right - total) / 2
        return w, [x0 + w / 2 + k * (w + _GAP_X) for k in range(n)]
    n_left = n // 2
    n_right = n - n_left
    half = max(n_left, n_right)
    w = min(1.5, (gap_at - _TRUNK_GAP / 2 - left - _GAP_X * (half - 1)) / half)
    lefts = [gap_at - _TRUNK_GAP / 2 - w / 2 - k * (w + _GAP_X) for k in range(n_left)][::-1]
    rights = [gap_at + _TRUNK_GAP / 2 + w / 2 + k * (w + _GAP_X) for k in range(n_right)]
    return w, lefts + rights


def draw(chart: OrgChart) -> bytes:
    """The chart as PNG bytes (matplotlib, Agg, imported here)."""
    from lkjip_xl.report import charts

    W = WIDTH_IN
    mid = W / 2
    # -- layout, top-down (y grows downwards) ------------------------------------------------
    placed: list[tuple[Box, float, float, float, float, bool]] = []  # box, cx, top, w, h, top?
    segments: list[tuple[float, float, float, float, bool]] = []  # x0, y0, x1, y1, dashed
    y = 0.0
    top_w = 2.0
    top_h = _height([chart.pimpinan], top_w)
    placed.append((chart.pimpinan, mid, y, top_w, top_h, True))
    y += top_h
    trunk_top = y
    if chart.sekretariat is not None:
        y += _V_GAP
        sek_w = 1.7
        sek_h = _height([chart.sekretariat], sek_w)
        sek_cx = mid + _TRUNK_GAP / 2 + 0.25 + sek_w / 2
        placed.append((chart.sekretariat, sek_cx, y, sek_w, sek_h, False))
        segments.append((mid, y + sek_h / 2, sek_cx - sek_w / 2, y + sek_h / 2, False))
        y += sek_h
        if chart.subbagian:
            n = len(chart.subbagian)
            span = min(W - (mid + _TRUNK_GAP / 2), n * 1.5 + (n - 1) * _GAP_X)
            left = min(max(sek_cx - span / 2, mid + _TRUNK_GAP / 2), W - span)
            w, xs = _slots(n, left, left + span, None)
            h = _height(chart.subbagian, w)
            bus = y + _V_GAP / 2
            segments.append((sek_cx, y, sek_cx, bus, False))
            segments.append((min([*xs, sek_cx]), bus, max([*xs, sek_cx]), bus, False))
            y += _V_GAP
            for b, cx in zip(chart.subbagian, xs, strict=True):
                segments.append((cx, bus, cx, y, False))
                placed.append((b, cx, y, w, h, False))
            y += h
    sek_mid = None
    if chart.sekretariat is not None:
        sek_mid = trunk_top + _V_GAP + _height([chart.sekretariat], 1.7) / 2
    groups = [(g, d) for g, d in ((chart.seksi, False), (chart.kelurahan, True)) if g]
    above = trunk_top  # where the line of command has reached
    for gi, (boxes, dashed) in enumerate(groups):
        rows = _rows(boxes)
        for ri, row in enumerate(rows):
            last = gi == len(groups) - 1 and ri == len(rows) - 1
            w, xs = _slots(len(row), 0.0, W, None if last else mid)
            h = _height(row, w)
            bus = y + _V_GAP / 2
            if dashed and above == trunk_top and sek_mid is not None:
                segments.append((mid, above, mid, sek_mid, False))
                above = sek_mid
            segments.append((mid, above, mid, bus, dashed))
            segments.append((min([*xs, mid]), bus, max([*xs, mid]), bus, dashed))
            y += _V_GAP
            for b, cx in zip(row, xs, strict=True):
                segments.append((cx, bus, cx, y, dashed))
                placed.append((b, cx, y, w, h, False))
            y += h
            above = bus
    if not groups and sek_mid is not None:
        segments.append((mid, trunk_top, mid, sek_mid, False))
    legend = any(d for _g, d in groups)
    height = y + (0.3 if legend else 0.05)
    # -- drawing -----------------------------------------------------------------------------
    from matplotlib.patches import Rectangle

    fig, ax = charts._figure(W, height)
    ax.set_position((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(-0.02, W + 0.02)
    ax.set_ylim(height, -0.02)
    ax.axis("off")
    for x0, y0, x1, y1, dashed in segments:
        ax.plot(
            [x0, x1],
            [y0, y1],
            color=COLOR_LINE,
            linewidth=0.8,
            linestyle=(0, (4, 3)) if dashed else "-",
            solid_capstyle="butt",
        )
    for b, cx, top, w, h, main in placed:
        ax.add_patch(
            Rectangle(
                (cx - w / 2, top),
                w,
                h,
                facecolor=COLOR_TOP if main else "white",
                edgecolor=COLOR_EDGE,
                linewidth=0.9,
                zorder=3,
            )
        )
        title, name = _lines(b, w)
        n = len(title) + len(name)
        first = top + h / 2 - (n - 1) * _LINE_IN / 2
        for k, line in enumerate(title + name):
            ax.text(
                cx,
                first + k * _LINE_IN,
                line,
                ha="center",
                va="center",
                fontsize=FONT_PT,
                fontweight="bold" if k < len(title) else "normal",
                zorder=4,
            )
    if legend:
        ax.plot([0.02, 0.4], [height - 0.12] * 2, color=COLOR_LINE, lw=0.8, ls=(0, (4, 3)))
        ax.text(0.46, height - 0.12, "garis koordinasi", va="center", fontsize=FONT_PT)
    return charts._png(fig)
