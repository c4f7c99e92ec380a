"""Build the workbook from code: ``lkjip build-workbook``.

Order (see DESIGN.md): pyOpenVBA creates the macro-enabled package, openpyxl
adds the sheets and saves with ``keep_vba=True``, then the ribbon is injected.
"""

from __future__ import annotations

from pathlib import Path

from lkjip_xl.domain.profile import Profile, default_profile
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.profile_io import profile_to_tables


def build_workbook(out: Path, profile: Profile | None = None) -> Path:
    """Write a new workbook for ``profile`` (default: the shipped Wonoasih profile) to ``out``."""
    import openpyxl
    from openpyxl.worksheet.table import Table as XTable
    from openpyxl.worksheet.table import TableStyleInfo
    from pyopenvba import ExcelFile

    from lkjip_xl.workbook.package import finalize_package

    profile = profile or default_profile()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    ExcelFile.create_new(out).close()
    wb = openpyxl.load_workbook(out, keep_vba=True)
    first = wb.worksheets[0]
    first.title = S.BERANDA
    for spec in S.SHEETS[1:]:
        wb.create_sheet(spec.name)
    values = profile_to_tables(profile)
    skm = S.skm_table(profile.aturan.ikm_regulasi)
    for spec in S.SHEETS:
        ws = wb[spec.name]
        if spec.kind == "system":
            continue
        ws["A1"] = spec.title
        ws["A2"] = spec.description
        for table in spec.tables:
            if table.name == S.SKM_T.name:
                table = skm
            ws.cell(table.header_row - 1, table.first_col, table.title)
            for j, col in enumerate(table.columns):
                ws.cell(table.header_row, table.first_col + j, col.header)
            rows = values.get(table.name, [])
            for i, row in enumerate(rows):
                for j, col in enumerate(table.columns):
                    r = table.header_row + 1 + i
                    ws.cell(
                        r,
                        table.first_col + j,
                        col.formula.format(r=r) if col.formula else row.get(col.key),
                    )
            last = table.header_row + max(len(rows), table.min_rows)
            ref = (
                f"{col_letter(table.first_col)}{table.header_row}:"
                f"{col_letter(table.first_col + len(table.columns) - 1)}{last}"
            )
            xt = XTable(displayName=table.name, ref=ref)
            xt.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
            ws.add_table(xt)
    wb.save(out)
    finalize_package(out)
    return out
