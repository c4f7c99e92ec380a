"""Where the IKM comes from: raw SKM responses and/or processed figures typed in.

One helper shared by *Hitung* (:func:`lkjip_xl.actions.workbook.compute_summary`) and the
report (:func:`lkjip_xl.actions.kinerja.gather`): it reads ``tblSKM`` (one row per
respondent) and ``tblIKMOlahan`` (NRR per unsur or an indeks per unit, e.g. from Portal
Emas) through the gateway and hands both to :func:`lkjip_xl.domain.ikm.combine_ikm`.
A unit with raw responses uses them; a unit with only typed figures uses those.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import TYPE_CHECKING, Any

from lkjip_xl.errors import CellProblem, LkjipError, visible
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.domain.ikm import IkmOlahan, IkmResult
    from lkjip_xl.domain.profile import Profile
    from lkjip_xl.workbook.gateway import Gateway

__all__ = ["IKM_POPULASI_CELL", "has_olahan_table", "ikm_from_workbook", "populasi", "read_olahan"]

IKM_POPULASI_CELL = "B10"
"""IKM sheet cell with the number of service users (see the builder)."""

UNIT_COLUMN = "Unit Layanan"


def has_olahan_table(gw: Gateway, table: S.Table) -> bool:
    """Whether the workbook has ``tblIKMOlahan`` (workbooks built before it have not)."""
    return gw.has_table(table)


def read_olahan(gw: Gateway, regulasi: str) -> list[IkmOlahan]:
    """The typed rows of ``tblIKMOlahan``; none in a workbook built before the table existed."""
    from lkjip_xl.domain.ikm import IkmOlahan

    table = S.ikm_olahan_table(regulasi)
    if not has_olahan_table(gw, table):
        return []
    codes = [c.key for c in table.columns if re.fullmatch(r"u\d+", c.key)]
    out: list[IkmOlahan] = []
    for row in gw.read_rows(table):
        r = row["_row"]

        def cell(key: str, r: int = r) -> str:
            return f"{col_letter(table.col_index(key))}{r}"

        out.append(
            IkmOlahan(
                unit=row.get("unit"),
                responden=row.get("responden"),
                nrr={k.upper(): row.get(k) for k in codes},
                indeks=row.get("indeks"),
                sumber=row.get("sumber"),
                sheet=table.sheet,
                sel={
                    "unit": cell("unit"),
                    "responden": cell("responden"),
                    "indeks": cell("indeks"),
                    **{k.upper(): cell(k) for k in codes},
                },
            )
        )
    return out


def populasi(gw: Gateway) -> int | None:
    value = gw.read_cell(S.IKM, IKM_POPULASI_CELL)
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return int(value) if ok and value >= 1 else None


def ikm_from_workbook(gw: Gateway, profile: Profile) -> IkmResult | None:
    """IKM per unit and overall from the SKM sheet; None when it holds no data at all.

    Raises :class:`LkjipError` (sheet and cell named) for a bad answer or typed figure.
    """
    from lkjip_xl.domain.ikm import PlainAnswers, combine_ikm

    aturan = profile.aturan
    regulasi = aturan.ikm_regulasi
    skm = S.skm_table(regulasi)
    rows = gw.read_rows(skm)
    unsur = [c.key for c in skm.columns if re.fullmatch(r"u\d+", c.key)]
    answered = any(any(r.get(u) is not None for u in unsur) for r in rows)
    olahan = read_olahan(gw, regulasi)
    if not answered and not olahan:
        return None
    frame: Any = None
    note: str | None = None
    if answered:
        # answers typed as numbers 1..4 (as the sheet asks): pure Python, no pandas
        frame = PlainAnswers.of_rows(
            [r["_row"] for r in rows],
            {u.upper(): [r.get(u) for r in rows] for u in unsur},
            regulasi,
            units=[r.get("unit") for r in rows],
            unit_column=UNIT_COLUMN,
        )
    if answered and frame is None:
        import pandas as pd

        from lkjip_xl.domain.ikm import encode_answers, skip_summary_rows

        frame = pd.DataFrame(
            [{UNIT_COLUMN: r.get("unit"), **{u.upper(): r.get(u) for u in unsur}} for r in rows],
            index=[r["_row"] for r in rows],
        )
        # the same intake rules as a file (lkjip ikm): summary rows typed under the answers
        frame, note = skip_summary_rows(frame, regulasi, [UNIT_COLUMN])
        _, bad = encode_answers(frame, regulasi)
        if bad:  # every bad answer, each named by its cell (index = sheet row)
            raise LkjipError(
                f"Ada {len(bad)} jawaban SKM yang tidak sah di {gw.path.name}.",
                [
                    CellProblem(
                        f"kolom {b.unsur}: {b.alasan}."
                        if b.kolom
                        else f"jawaban '{visible(b.value)}' untuk {b.unsur} tidak sah"
                        + (f": {b.alasan}" if b.alasan else "")
                        + ".",
                        "Isi 1 sampai 4 (1 = tidak baik, 4 = sangat baik), atau kosongkan bila "
                        "tidak dijawab.",
                        gw.path.name,
                        skm.sheet,
                        f"{col_letter(skm.col_index(b.unsur.lower()))}"
                        f"{skm.header_row if b.kolom else b.row_index}",
                    )
                    for b in bad
                ],
            )
    try:
        result = combine_ikm(
            frame,
            olahan,
            regulasi=regulasi,
            bobot=aturan.ikm_bobot,
            gabungan=aturan.ikm_gabungan,
            unit_column=UNIT_COLUMN,
            populasi=populasi(gw),
        )
    except LkjipError as exc:
        name = gw.path.name
        problems = [p if p.file else dataclasses.replace(p, file=name) for p in exc.problems]
        if problems:  # typed figures: every cell is named
            raise LkjipError(exc.pesan, problems) from None
        raise LkjipError(
            f"{exc.pesan.rstrip('.')} (sheet {skm.sheet}; nomor baris = baris di sheet)."
        ) from None
    if note:
        return result.model_copy(update={"peringatan": [*result.peringatan, note]})
    return result
