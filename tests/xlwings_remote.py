"""xlwings' remote engine for tests: a workbook file as the JSON a client would send, and the
actions the engine returns applied back onto a copy of the file.

The JSON format follows xlwings' Office Scripts client (``xlwings/js/xlwings.ts``):
``client``, ``version``, ``book``, ``names`` (range names), and per sheet ``name``,
``values`` (computed values, dates as ISO text), ``pictures`` and ``tables``.
Formula cells carry an empty value, as Python never reads them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.cell import range_boundaries

from lkjip_xl.workbook.cells import col_letter

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$")


def _value(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith("="):
        return ""
    if isinstance(v, dt.datetime):
        # as an xlwings client sends it: the remote engine cuts the final "Z" off
        return v.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.time):
        return v.strftime("%H:%M:%S")
    return v


def book_json(path: Path) -> dict[str, Any]:
    import xlwings

    wb = openpyxl.load_workbook(path, keep_vba=True)
    index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
    names = []
    for name, dn in sorted(wb.defined_names.items()):
        dest = list(dn.destinations) if dn.attr_text and "(" not in dn.attr_text else []
        if len(dest) == 1:
            sheet, ref = dest[0]
            names.append(
                {
                    "name": name,
                    "sheet_index": index[sheet],
                    "address": ref,
                    "scope_sheet_name": None,
                    "scope_sheet_index": None,
                    "book_scope": True,
                }
            )
    sheets = []
    for ws in wb.worksheets:
        values = [[_value(c.value) for c in row] for row in ws.iter_rows()] or [[]]
        tables = []
        for t in ws.tables.values():
            c1, r1, c2, r2 = range_boundaries(t.ref)
            tables.append(
                {
                    "name": t.displayName,
                    "range_address": f"${col_letter(c1)}${r1}:${col_letter(c2)}${r2}",
                    "header_row_range_address": f"${col_letter(c1)}${r1}:${col_letter(c2)}${r1}",
                    "data_body_range_address": f"${col_letter(c1)}${r1 + 1}:${col_letter(c2)}${r2}",
                    "total_row_range_address": None,
                    "show_headers": True,
                    "show_totals": False,
                    "table_style": "TableStyleMedium2",
                    "show_autofilter": True,
                }
            )
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": tables})
    return {
        "client": "Microsoft Office Scripts",
        "version": xlwings.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": names,
        "sheets": sheets,
    }


def _from_json(v: Any) -> Any:
    if v == "":
        return None
    if isinstance(v, str) and _ISO.match(v):
        return dt.datetime.fromisoformat(v)
    return v


def apply_actions(path: Path, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Apply setValues / resizeTable / rangeClearContents to the file; returns other actions."""
    from lkjip_xl.workbook.package import finalize_package

    wb = openpyxl.load_workbook(path, keep_vba=True)
    rest = []
    for a in actions:
        func = a["func"]
        if func in ("setValues", "rangeClearContents"):
            ws = wb.worksheets[a["sheet_position"]]
            for i in range(a["row_count"]):
                for j in range(a["column_count"]):
                    value = a["values"][i][j] if func == "setValues" else ""
                    cell = ws.cell(a["start_row"] + 1 + i, a["start_column"] + 1 + j)
                    value = _from_json(value)
                    if isinstance(value, str) and value.startswith("'"):
                        cell.value = value[1:]
                        cell.data_type = "s"
                        cell.quotePrefix = True
                    else:
                        cell.value = value
        elif func == "resizeTable":
            ws = wb.worksheets[a["sheet_position"]]
            table = list(ws.tables.values())[int(a["args"][0])]
            ref = a["args"][1].replace("$", "").split("!")[-1]
            table.ref = ref
            if table.autoFilter is not None:
                table.autoFilter.ref = ref
        else:
            rest.append(a)
    wb.save(path)
    finalize_package(path)
    return rest
