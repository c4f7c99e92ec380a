"""The xlwings door of the gateway: a live ``xw.Book`` (Excel, or xlwings' remote engine).

Same interface and row dicts as :class:`~lkjip_xl.workbook.gateway.FileGateway`,
so an action gives the same result through either door. Differences that
matter:

* Writes are kept in memory and reach the open book only at :meth:`commit`, so
  an action that fails halfway leaves the book as it was (the file door's
  atomic replace, for a live book). Nothing is saved here: the ribbon handler
  commits, then saves the book (see :mod:`lkjip_xl.excel.ribbon`).
* The remote engine does not show a write to a later read of the same
  range, so what this gateway wrote is remembered and read back from memory
  (live Excel would give the same values).
* Sheets are protected without a password; a write to locked cells (formula
  columns, Tahapan SOP, Log) unprotects the sheet for the write and protects
  it again with the builder's options. The remote engine has no protection.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import (
    _FORMULA_START,
    Gateway,
    Row,
    _blank,
    _clean,
    _from_calamine,
    check_headers,
    rows_from_block,
)

__all__ = ["XlwingsGateway"]


def _book_path(book: Any) -> Path:
    name = str(book.fullname)
    if "://" in name:
        raise LkjipError(
            f"Workbook {book.name} dibuka dari OneDrive/SharePoint ({name}). Buka salinannya "
            "dari folder di komputer ini agar jurnal, cadangan dan keluaran dapat disimpan di "
            "sampingnya."
        )
    return Path(name)


class XlwingsGateway(Gateway):
    """Read and write the tables of an open ``xw.Book``."""

    def __init__(self, book: Any, path: Path | str | None = None) -> None:
        self.book = book
        self.path = Path(path) if path is not None else _book_path(book)
        self.dirty = False
        self._tables: dict[str, list[Row]] = {}
        self._cells: dict[tuple[str, str], Any] = {}
        self._pending_tables: dict[str, tuple[S.Table, list[Row]]] = {}
        self._pending_cells: dict[tuple[str, str], Any] = {}

    # -- sheets ------------------------------------------------------------------------------

    def _sheet(self, name: str) -> Any:
        names = [s.name for s in self.book.sheets]
        if name not in names:
            raise LkjipError(
                f"Sheet '{name}' tidak ada di workbook {self.path.name}. Jangan mengganti nama "
                "sheet; buat ulang workbook dengan 'lkjip build-workbook' bila perlu."
            )
        return self.book.sheets[name]

    @staticmethod
    def _last_row(sheet: Any) -> int:
        try:
            return int(sheet.used_range.last_cell.row)
        except Exception:  # pragma: no cover - an engine without used_range
            return 1

    @contextmanager
    def _writable(self, sheet: Any) -> Iterator[None]:
        """Unprotect ``sheet`` for a write when Excel protects it (no password)."""
        api = sheet.api
        protected = False
        if hasattr(api, "ProtectContents"):  # COM (Windows Excel)
            protected = bool(api.ProtectContents)
            if protected:
                api.Unprotect()
        try:
            yield
        finally:
            if protected:
                api.Protect(
                    DrawingObjects=False,
                    Contents=True,
                    Scenarios=False,
                    AllowFormattingColumns=True,
                    AllowFormattingRows=True,
                    AllowFiltering=True,
                )
        self.dirty = True

    # -- reading -----------------------------------------------------------------------------

    def read_rows(self, table: S.Table) -> list[Row]:
        if table.name in self._tables:
            return copy.deepcopy(self._tables[table.name])
        sheet = self._sheet(table.sheet)
        last = max(self._last_row(sheet), table.header_row)
        width = len(table.columns)
        block = (
            sheet.range((table.header_row, table.first_col), (last, table.first_col + width - 1))
            .options(ndim=2)
            .value
        )
        check_headers(table, block[0] if block else [])
        return rows_from_block(table, block[1:], table.header_row + 1, _from_xlwings)

    def read_cell(self, sheet: str, address: str) -> Any:
        key = (sheet, address.upper())
        if key in self._cells:
            return self._cells[key]
        return _clean(self._sheet(sheet).range(address).value)

    # -- writing -----------------------------------------------------------------------------

    def write_rows(self, table: S.Table, rows: Sequence[Row]) -> None:
        self._sheet(table.sheet)  # a missing sheet is reported now, not at commit
        first = table.header_row + 1
        stored: list[Row] = []
        for i, row in enumerate(rows):
            clean = {c.key: _clean(row.get(c.key)) for c in table.input_columns}
            if not _blank(clean):
                clean["_row"] = first + i
                stored.append(clean)
        self._tables[table.name] = stored
        self._pending_tables.pop(table.name, None)  # keep write order: re-insert at the end
        self._pending_tables[table.name] = (table, [dict(r) for r in rows])
        self.dirty = True

    def write_cell(self, sheet: str, address: str, value: Any) -> None:
        self._sheet(sheet)
        key = (sheet, address.upper())
        self._cells[key] = _clean(value)
        self._pending_cells.pop(key, None)
        self._pending_cells[key] = value
        self.dirty = True

    def commit(self) -> None:
        """Write everything the action wrote into the open book (tables, then cells)."""
        for table, rows in self._pending_tables.values():
            self._flush_table(table, rows)
        for (sheet, address), value in self._pending_cells.items():
            ws = self._sheet(sheet)
            with self._writable(ws):
                ws.range(address).value = value
        self._pending_tables.clear()
        self._pending_cells.clear()

    def _flush_table(self, table: S.Table, rows: Sequence[Row]) -> None:
        sheet = self._sheet(table.sheet)
        first = table.header_row + 1
        last_used = max(self._last_row(sheet), table.header_row)
        width = len(table.columns)
        block = (
            sheet.range((first - 1, table.first_col), (last_used, table.first_col + width - 1))
            .options(ndim=2)
            .value
        )
        old = rows_from_block(table, block[1:], first, _from_xlwings)
        old_last = max([r["_row"] for r in old], default=first - 1)
        n = len(rows)
        keep = max(n, table.min_rows)
        last = max(old_last, first + keep - 1)
        matrix: list[list[Any]] = []
        for i in range(last - first + 1):
            r = first + i
            line: list[Any] = []
            for col in table.columns:
                if col.formula and i < keep:
                    line.append(col.formula.format(r=r))
                elif i < n and not col.formula:
                    line.append(_to_excel(rows[i].get(col.key), col))
                else:
                    line.append(None)
            matrix.append(line)
        end_col = table.first_col + width - 1
        with self._writable(sheet):
            if matrix:
                sheet.range((first, table.first_col), (last, end_col)).value = matrix
            ref = (
                f"{col_letter(table.first_col)}{table.header_row}:"
                f"{col_letter(end_col)}{first + keep - 1}"
            )
            names = [t.name for t in sheet.tables]
            if table.name in names:
                sheet.tables[table.name].resize(sheet.range(ref))


def _from_xlwings(value: Any, col: S.Column) -> Any:
    """Cell value from xlwings → the row value the file door gives (Excel numbers are floats)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    return _from_calamine(value, col)


def _to_excel(value: Any, col: S.Column) -> Any:
    """Python value → what xlwings writes. Text that looks like a formula stays text."""
    if value is None:
        return None
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


# --------------------------------------------------------------------------------------------
# setting up Excel on a user's PC (``lkjip setup-excel``)

ADDIN_NAME = "xlwings.xlam"


def default_addin_path() -> Path | None:
    """Where ``xlwings addin install`` puts the add-in for the current Windows user."""
    import os

    appdata = os.environ.get("APPDATA")
    if not appdata:
        return None
    return Path(appdata) / "Microsoft" / "Excel" / "XLSTART" / ADDIN_NAME


def addin_version(path: Path) -> str | None:
    """The ``XLWINGS_VERSION`` constant compiled into an xlwings add-in (None if unreadable)."""
    import re

    try:
        from pyopenvba import ExcelFile

        with ExcelFile(path) as xf:
            for source in xf.vba_modules().values():
                m = re.search(r'XLWINGS_VERSION\s+As\s+String\s*=\s*"([^"]+)"', source)
                if m:
                    return m.group(1)
    except Exception:
        return None
    return None


def configure_workbook(path: Path, interpreter: str) -> None:
    """Write the ``xlwings.conf`` sheet of ``path`` with ``interpreter`` (through the file door).

    Backs up and writes atomically; refuses (LkjipError) while Excel has the workbook open.
    """
    from lkjip_xl.workbook.build import CONF_KEYS
    from lkjip_xl.workbook.gateway import open_workbook

    with open_workbook(path, write=True) as gw:
        for i, (key, value) in enumerate(CONF_KEYS, start=1):
            gw.write_cell(S.XLWINGS_CONF, f"A{i}", key)
            gw.write_cell(
                S.XLWINGS_CONF, f"B{i}", interpreter if key == "INTERPRETER_WIN" else value
            )
