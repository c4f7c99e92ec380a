"""Charts for the LKjIP (matplotlib, Agg backend, imported only when a chart is drawn).

Each function returns PNG bytes sized for the A4 text width (about 15 cm), with
Indonesian labels and decimal commas.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any

from lkjip_xl.report import fmt

__all__ = ["bar_trend", "capaian_bars", "ikm_unsur_bars"]

WIDTH_IN = 6.0
DPI = 150
COLOR_MAIN = "#2E75B6"
COLOR_LOW = "#C55A11"
COLOR_LINE = "#7F7F7F"


_FONTS = ("Arial", "Liberation Sans", "DejaVu Sans")
"""Arial on Windows; its metric twin Liberation Sans on Linux; DejaVu Sans ships with matplotlib."""


def _font() -> str:
    from matplotlib import font_manager

    installed = set(font_manager.get_font_names())
    return next((f for f in _FONTS if f in installed), "DejaVu Sans")


_STYLE: dict[str, Any] = {}


def _figure(width: float, height: float) -> tuple[Any, Any]:
    """A figure and its axes, without pyplot (no figure manager, no backend switching)."""
    import matplotlib
    from matplotlib.figure import Figure

    if not _STYLE:
        _STYLE.update(
            {
                "font.family": _font(),
                "font.size": 8.5,
                "axes.spines.top": False,
                "axes.spines.right": False,
                "axes.titlesize": 9.5,
                "axes.titleweight": "bold",
                "svg.hashsalt": "lkjip",
            }
        )
    matplotlib.rcParams.update(_STYLE)
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def _png(fig: Any) -> bytes:
    """PNG bytes of ``fig``, cropped to its content; lightly compressed (it is zipped again
    in the .docx). ``fig.tight_layout`` instead of the cropping pass clipped long labels."""
    buf = io.BytesIO()
    fig.savefig(
        buf,
        format="png",
        dpi=DPI,
        bbox_inches="tight",
        metadata={"Software": None},
        pil_kwargs={"compress_level": 1},
    )
    return buf.getvalue()


def _comma_axis(ax: Any, axis: str = "y", nd: int = 0) -> None:
    from matplotlib.ticker import FuncFormatter

    f = FuncFormatter(lambda v, _p: fmt.angka(v, nd))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(f)


def ikm_unsur_bars(labels: Sequence[str], nrr: Sequence[float], *, title: str = "") -> bytes:
    """Horizontal bars of NRR per unsur (scale 1–4); the lowest unsur is highlighted."""
    n = len(labels)
    fig, ax = _figure(WIDTH_IN, 0.32 * n + 0.9)
    y = list(range(n))[::-1]
    low = min(nrr) if nrr else 0
    colors = [COLOR_LOW if v == low else COLOR_MAIN for v in nrr]
    ax.barh(y, nrr, color=colors, height=0.62)
    ax.set_yticks(y, [textwrap.shorten(lbl, 46, placeholder="…") for lbl in labels])
    ax.set_xlim(1, 4.35)
    ax.set_xticks([1, 1.5, 2, 2.5, 3, 3.5, 4])
    _comma_axis(ax, "x", 1)
    for yi, v in zip(y, nrr, strict=True):
        ax.text(v + 0.03, yi, fmt.angka(v), va="center", fontsize=8)
    ax.set_xlabel("Nilai rata-rata (skala 1–4)")
    if title:
        ax.set_title(title, loc="left")
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    return _png(fig)


def bar_trend(
    years: Sequence[int],
    values: Sequence[float],
    *,
    ylabel: str,
    title: str = "",
    target: float | None = None,
    labels: Sequence[str] | None = None,
) -> bytes:
    """Bars per year with value labels inside the bars (and a target line when given)."""
    fig, ax = _figure(WIDTH_IN, 2.6)
    x = [str(y) for y in years]
    ax.bar(x, values, color=COLOR_MAIN, width=0.55, label=ylabel)
    top = max([*values, target or 0]) if values else 1
    ax.set_ylim(0, top * 1.2)
    for xi, v, lab in zip(x, values, labels or [fmt.angka(v) for v in values], strict=True):
        ax.text(
            xi, v * 0.96, lab, ha="center", va="top", fontsize=8.5, color="white", fontweight="bold"
        )
    if target is not None:
        ax.axhline(
            target,
            color=COLOR_LOW,
            linestyle="--",
            linewidth=1.2,
            label=f"Target tahun ini: {fmt.angka(target)}",
        )
        ax.legend(loc="upper left", frameon=False, fontsize=7.5, ncols=2)
    _comma_axis(ax, "y", 0)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, loc="left")
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    return _png(fig)


def capaian_bars(
    labels: Sequence[str], values: Sequence[float | None], *, title: str = ""
) -> bytes:
    """Capaian (%) per indicator as horizontal bars with the 100 % line."""
    n = len(labels)
    lines = max((lbl.count("\n") + 1 for lbl in labels), default=1)
    fig, ax = _figure(WIDTH_IN, (0.22 + 0.14 * lines) * n + 0.8)
    y = list(range(n))[::-1]
    shown = [v if v is not None else 0.0 for v in values]
    colors = [COLOR_LINE if v is None else (COLOR_MAIN if v >= 100 else COLOR_LOW) for v in values]
    ax.barh(y, shown, color=colors, height=0.62)
    ax.set_yticks(y, list(labels), fontsize=7.5)
    right = max([*shown, 100.0]) * 1.15
    ax.set_xlim(0, right)
    ax.axvline(100, color="#333333", linestyle="--", linewidth=0.9)
    for yi, v in zip(y, values, strict=True):
        text = "belum ada data" if v is None else fmt.persen(v)
        ax.text((v or 0) + right * 0.01, yi, text, va="center", fontsize=7.5)
    _comma_axis(ax, "x", 0)
    ax.set_xlabel("Capaian (%)")
    if title:
        ax.set_title(title, loc="left")
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    return _png(fig)


def quarter_capaian(
    labels: Sequence[str],
    series: Sequence[Sequence[float | None]],
    *,
    bands: tuple[float, float] = (75.0, 90.0),
    title: str = "",
) -> bytes:
    """Capaian (%) per indicator and quarter (issue 22, monev): one group of horizontal bars
    per indicator, one bar per quarter so far (TW I darkest → latest), with the traffic-light
    thresholds ``bands`` (kuning, hijau) as dashed lines."""
    n = len(labels)
    k = max((len(s) for s in series), default=1)
    fig, ax = _figure(WIDTH_IN, (0.18 + 0.11 * k) * n + 1.0)
    shades = ("#9DC3E6", "#5B9BD5", "#2E75B6", "#1F4E78")[-k:] if k <= 4 else None
    height = 0.8 / k
    right = 100.0
    for q in range(k):
        ys = [n - 1 - i + 0.4 - height * (q + 0.5) for i in range(n)]
        vals = [s[q] if q < len(s) and s[q] is not None else None for s in series]
        shown = [v if v is not None else 0.0 for v in vals]
        right = max(right, *shown)
        ax.barh(
            ys,
            shown,
            height=height * 0.92,
            color=(shades or ["#2E75B6"] * k)[q],
            label=f"TW {('I', 'II', 'III', 'IV')[q]}",
        )
    right *= 1.12
    for yi, s in zip(range(n - 1, -1, -1), series, strict=True):
        last = next((v for v in reversed(list(s)) if v is not None), None)
        text = "belum ada data" if last is None else fmt.persen(last)
        ax.text(
            (last or 0) + right * 0.01,
            yi + 0.4 - height * (len(s) - 0.5),
            text,
            va="center",
            fontsize=7,
        )
    ax.set_yticks(range(n - 1, -1, -1), list(labels), fontsize=7.5)
    ax.set_xlim(0, right)
    low, high = bands
    ax.axvline(low, color="#C00000", linestyle="--", linewidth=0.8)
    ax.axvline(high, color="#548235", linestyle="--", linewidth=0.8)
    _comma_axis(ax, "x", 0)
    ax.set_xlabel("Capaian terhadap target triwulan (%)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=7, ncols=k)
    if title:
        ax.set_title(title, loc="left")
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    return _png(fig)
