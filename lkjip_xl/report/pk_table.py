"""The Perjanjian Kinerja lampiran table, one builder for the PK and the LKjIP (issue 22).

:func:`lampiran_table` writes the table (``{%tr for %}`` rows for docxtpl) into a template;
:func:`lampiran_rows` turns indicators into its rows. The LKjIP's *Lampiran 1* and every
PK document (:mod:`lkjip_xl.report.pk`) use both, so the two can never differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lkjip_xl.domain.kinerja import IndicatorFigure, group_by_sasaran
from lkjip_xl.report import docxkit as K
from lkjip_xl.report import fmt

__all__ = ["lampiran_rows", "lampiran_table", "program_rows", "program_table"]

HEADERS = ("No", "Sasaran", "Indikator Kinerja", "Target", "Satuan", "Penanggung Jawab")
CELLS = (
    "{{ r.no }}",
    "{{ r.sasaran_grup }}",
    "{{ r.indikator }}",
    "{{ r.target }}",
    "{{ r.satuan }}",
    "{{ r.penanggung_jawab }}",
)
WIDTHS = (0.9, 3.7, 4.4, 1.7, 1.8, 3.0)
ALIGNS = ("center", "left", "left", "right", "center", "left")


def lampiran_table(doc: Any, loop: str) -> Any:
    """The sasaran / indikator / target table over ``loop`` (one block per sasaran)."""
    return K.loop_table(
        doc,
        list(HEADERS),
        list(CELLS),
        list(WIDTHS),
        loop=loop,
        aligns=list(ALIGNS),
        merge=(1, "r.sasaran_grup"),
    )


def lampiran_rows(indikator: Iterable[IndicatorFigure]) -> list[dict[str, Any]]:
    """Rows of :func:`lampiran_table`: one block per sasaran, numbered, the sasaran shown once."""
    rows: list[dict[str, Any]] = []
    previous = None
    for no, r in enumerate(group_by_sasaran(indikator, lambda r: r.sasaran), start=1):
        rows.append(
            {
                "no": no,
                "sasaran": r.sasaran,
                "sasaran_grup": r.sasaran if r.sasaran.casefold() != previous else "",
                "indikator": r.indikator,
                "target": fmt.angka(r.target, r.desimal),
                "satuan": r.satuan,
                "penanggung_jawab": r.penanggung_jawab or "-",
            }
        )
        previous = r.sasaran.casefold()
    return rows


def program_table(doc: Any, loop: str, total: str) -> Any:
    """Program / anggaran (Rp) table over ``loop``, with the total row ``total``."""
    return K.loop_table(
        doc,
        ["No", "Program/Kegiatan", "Anggaran (Rp)"],
        ["{{ p.no }}", "{{ p.nama }}", "{{ p.anggaran }}"],
        [0.9, 10.6, 4.0],
        loop=loop,
        aligns=["center", "left", "right"],
        footer=["", "Jumlah", "{{ " + total + " }}"],
    )


def program_rows(program: Iterable[Any]) -> list[dict[str, Any]]:
    """Rows of :func:`program_table` from :class:`~lkjip_xl.domain.pk.Program` items."""
    return [
        {"no": no, "nama": p.nama, "anggaran": fmt.angka(p.anggaran, 0)}
        for no, p in enumerate(program, start=1)
    ]
