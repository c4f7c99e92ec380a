"""The xlwings door of the gateway: a live ``xw.Book`` (Excel, or xlwings' remote engine).

Same interface and row dicts as :class:`~lkjip_xl.workbook.gateway.FileGateway`,
so an action gives the same result through either door. Differences that
matter:

* Writes are kept in memory and reach the open book only at :meth:`commit`, so
  an action that fails halfway leaves the book as it was (the file door's
  atomic replace, for a live book). A COM failure *during* the commit puts back
  what was already written (values and table sizes) before the error is shown.
  Nothing is saved here: the ribbon handler commits, then saves the book (see
  :mod:`lkjip_xl.excel.ribbon`).
* Every COM property get or call is a cross-process round trip (about 0.1–1 ms,
  far more while Excel is busy). So each sheet is looked up once, read once as one
  block (its used range) from which every table and cell on it is sliced, and
  written one block per table with ``raw_value`` (xlwings' ``value`` setter costs
  ~100 round trips per write). During the commit screen updating and events are off
  and calculation is manual; each touched sheet is unprotected once and protected
  again (restored in ``finally``).
* Excel *parses* a string assigned to a cell (``01`` → 1, ``1/2`` → a date, an
  18-digit NIP → a rounded number). Text columns are given the text format ``@``
  before they are written (they also carry it from the builder), and a string in
  any other column gets an apostrophe prefix, so text arrives as that text.
* The remote engine (tests) has no protection and no number formats; there the
  ordinary xlwings ``value`` path is used and text is apostrophe-prefixed.
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import (
    Gateway,
    Row,
    _blank,
    _clean,
    _from_calamine,
    check_headers,
    rows_from_block,
)

__all__ = ["XlwingsGateway"]

from lkjip_xl.workbook.styles import is_text_column

XL_CALCULATION_MANUAL = -4135

ONEDRIVE_MESSAGE = (
    "Workbook {name} dibuka langsung dari OneDrive/SharePoint ({url}), jadi jurnal, cadangan "
    "dan keluaran tidak dapat disimpan di sampingnya. Cara memperbaiki: tutup workbook, "
    "salin file ke folder di komputer ini (mis. C:\\LKjIP), buka salinan itu, lalu klik "
    "tombolnya lagi. Bila folder OneDrive disinkronkan ke komputer ini, buka file dari "
    "folder OneDrive di File Explorer (bukan dari daftar 'Terbaru' di Excel)."
)


def _is_com(book: Any) -> bool:
    """True when ``book`` runs on xlwings' Windows (COM) engine."""
    return type(getattr(book, "impl", None)).__module__.endswith("_xlwindows")


def _book_path(book: Any) -> Path:
    """The book's local path; an Indonesian message for a OneDrive/SharePoint URL.

    xlwings maps a synced OneDrive/SharePoint URL to the local folder when it can and
    raises its own English ``XlwingsError`` otherwise: that is turned into the fix here.
    """
    raw = str(book.api.FullName) if _is_com(book) else str(book.fullname)
    if "://" not in raw:
        return Path(raw)
    try:
        local = Path(str(book.fullname))
    except Exception:
        local = None
    if local is None or "://" in str(local) or not local.exists():
        raise LkjipError(ONEDRIVE_MESSAGE.format(name=book.name, url=raw))
    return local


class CommitError(LkjipError):
    """Excel refused a write during the commit (the written part was put back)."""


class XlwingsGateway(Gateway):
    """Read and write the tables of an open ``xw.Book``."""

    def __init__(self, book: Any, path: Path | str | None = None) -> None:
        self.book = book
        self._com = _is_com(book)
        self.path = Path(path) if path is not None else _book_path(book)
        self.dirty = False
        self._sheets: dict[str, Any] = {}
        self._blocks: dict[str, tuple[int, int, list[list[Any]]]] = {}
        self._tables: dict[str, list[Row]] = {}
        self._cells: dict[tuple[str, str], Any] = {}
        self._pending_tables: dict[str, tuple[S.Table, list[Row]]] = {}
        self._pending_cells: dict[tuple[str, str], Any] = {}

    # -- sheets ------------------------------------------------------------------------------

    def _sheet(self, name: str) -> Any:
        if name in self._sheets:
            return self._sheets[name]
        try:
            sheet = self.book.sheets[name]
        except Exception:
            raise LkjipError(
                f"Sheet '{name}' tidak ada di workbook {self.path.name}. Jangan mengganti nama "
                "sheet; buat ulang workbook dengan 'lkjip build-workbook' bila perlu."
            ) from None
        self._sheets[name] = sheet
        return sheet

    def _read_failed(self, sheet: str, exc: Exception) -> LkjipError:
        return LkjipError(
            f"Sheet '{sheet}' tidak dapat dibaca dari Excel ({type(exc).__name__}: {exc}). "
            "Selesaikan dulu pengeditan sel atau tutup kotak dialog yang terbuka di Excel, "
            "lalu klik tombolnya lagi."
        )

    def _block(self, name: str) -> tuple[int, int, list[list[Any]]]:
        """The sheet's used range, read once: (first row, first column, rows of values)."""
        if name in self._blocks:
            return self._blocks[name]
        sheet = self._sheet(name)
        try:
            used = sheet.used_range
            r0, c0 = int(used.row), int(used.column)
            if self._com:
                raw = used.raw_value
                grid = raw if isinstance(raw, tuple | list) else ((raw,),)
                impl = _engine_impl(self.book)
                values = impl.clean_value_data(
                    [list(r) for r in grid], dt.datetime, None, None, True
                )
            else:
                values = used.options(ndim=2, err_to_str=True).value
        except LkjipError:
            raise
        except Exception as exc:
            raise self._read_failed(name, exc) from exc
        block = (r0, c0, [list(r) for r in values])
        self._blocks[name] = block
        return block

    def _cells_of(self, name: str, r1: int, c1: int, r2: int | None, c2: int) -> list[list[Any]]:
        """Values of rows r1..r2 (None = to the end of the used range), columns c1..c2."""
        r0, c0, grid = self._block(name)
        last = r0 + len(grid) - 1
        r2 = last if r2 is None else r2
        out: list[list[Any]] = []
        for r in range(r1, r2 + 1):
            src = grid[r - r0] if r0 <= r <= last else []
            line = []
            for c in range(c1, c2 + 1):
                j = c - c0
                line.append(src[j] if 0 <= j < len(src) else None)
            out.append(line)
        return out

    # -- reading -----------------------------------------------------------------------------

    def read_rows(self, table: S.Table) -> list[Row]:
        if table.name in self._tables:
            return copy.deepcopy(self._tables[table.name])
        end_col = table.first_col + len(table.columns) - 1
        block = self._cells_of(table.sheet, table.header_row, table.first_col, None, end_col)
        if not block:
            block = [[None] * len(table.columns)]
        check_headers(table, block[0])
        return rows_from_block(table, block[1:], table.header_row + 1, _from_xlwings)

    def read_cell(self, sheet: str, address: str) -> Any:
        key = (sheet, address.upper())
        if key in self._cells:
            return self._cells[key]
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        letters, row = coordinate_from_string(address.upper())
        col = column_index_from_string(letters)
        return _clean(self._cells_of(sheet, row, col, row, col)[0][0])

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
        self._forget(table.sheet)
        self.dirty = True

    def write_cell(self, sheet: str, address: str, value: Any) -> None:
        self._sheet(sheet)
        key = (sheet, address.upper())
        self._cells[key] = _clean(value)
        self._pending_cells.pop(key, None)
        self._pending_cells[key] = value
        self._forget(sheet)
        self.dirty = True

    # -- commit ------------------------------------------------------------------------------

    def commit(self) -> None:
        """Write everything the action wrote into the open book, all or nothing.

        Sheet by sheet (each unprotected once): tables, then single cells. If Excel refuses a
        write, what was already written is put back and :class:`CommitError` is raised.
        """
        if not self._pending_tables and not self._pending_cells:
            return
        by_sheet: dict[str, list[Callable[[], Callable[[], None]]]] = {}
        for table, rows in self._pending_tables.values():
            by_sheet.setdefault(table.sheet, []).append(
                lambda t=table, r=rows: self._flush_table(t, r)
            )
        for sheet, run in _cell_runs(self._pending_cells):
            by_sheet.setdefault(sheet, []).append(
                lambda s=sheet, r=run: self._flush_cells(s, r)  # type: ignore[misc]
            )
        undo: list[tuple[str, Callable[[], None]]] = []
        with self._excel_paused():
            try:
                for name, ops in by_sheet.items():
                    with self._writable(self._sheet(name)):
                        for op in ops:
                            undo.append((name, op()))
                with suppress(Exception):  # cosmetic: never fails the action
                    self._sync_year_labels()
            except Exception as exc:
                restored = self._rollback(undo)
                raise CommitError(
                    "Excel menolak menulis ke workbook "
                    f"({type(exc).__name__}: {_short(exc)}). "
                    + (
                        "Tidak ada yang berubah: bagian yang sudah tertulis dikembalikan dan "
                        "tidak ada catatan baru di jurnal. "
                        if restored
                        else "Sebagian isian mungkin sudah berubah: tutup workbook TANPA "
                        "menyimpan, buka lagi, lalu ulangi. Jurnal tidak diubah. "
                    )
                    + "Selesaikan dulu pengeditan sel atau tutup kotak dialog di Excel, lalu "
                    "klik tombolnya lagi."
                ) from exc
        self._pending_tables.clear()
        self._pending_cells.clear()
        self._blocks.clear()
        self.dirty = True

    def _sync_year_labels(self) -> None:
        """After a write: the year-named header cells and the running print header follow
        Pengaturan (:mod:`lkjip_xl.workbook.year_labels`). Best effort: a sheet Excel will not
        let us touch (or Excel without a printer, whose PageSetup fails) keeps its old text.
        A few round trips when nothing changed (one PageSetup read)."""
        from lkjip_xl.workbook import year_labels

        try:
            profile = self.profile()
        except LkjipError:
            return
        for (name, address), text in year_labels.header_cells(profile.tahun).items():
            if self.read_cell_raw(name, address) != text:
                with suppress(Exception), self._writable(self._sheet(name)):
                    self._put(self._sheet(name), address, [[text]])
        if not self._com:
            return  # xlwings' remote engine has no page setup
        header = year_labels.header_text(profile)
        with suppress(Exception):
            if self._sheet(S.BERANDA).api.PageSetup.RightHeader == header:
                return
            for name in year_labels.printed_sheets():
                self._sheet(name).api.PageSetup.RightHeader = header

    def _rollback(self, undo: list[tuple[str, Callable[[], None]]]) -> bool:
        """Put back what the commit wrote; False if Excel refused that too."""
        ok = True
        for name, restore in reversed(undo):
            try:
                with self._writable(self._sheet(name)):
                    restore()
            except Exception:
                ok = False
        return ok

    @contextmanager
    def _excel_paused(self) -> Iterator[None]:
        """Screen updating and events off, calculation manual; restored in ``finally``."""
        if not self._com:
            yield
            return
        app = self.book.api.Application
        saved = (app.ScreenUpdating, app.EnableEvents, app.Calculation)
        try:
            app.ScreenUpdating = False
            app.EnableEvents = False
            if saved[2] != XL_CALCULATION_MANUAL:
                app.Calculation = XL_CALCULATION_MANUAL
            yield
        finally:
            for prop, value in zip(("ScreenUpdating", "EnableEvents"), saved[:2], strict=True):
                with suppress(Exception):  # Excel gone: nothing left to restore
                    setattr(app, prop, value)
            if saved[2] != XL_CALCULATION_MANUAL:
                with suppress(Exception):
                    app.Calculation = saved[2]

    @contextmanager
    def _writable(self, sheet: Any) -> Iterator[None]:
        """Unprotect ``sheet`` once for the writes inside; protect it again afterwards."""
        protected = False
        api = sheet.api if self._com else None
        if api is not None:
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

    def _put(self, sheet: Any, address: str, matrix: list[list[Any]]) -> None:
        """Write a block of values (``matrix`` matches ``address``) in one round trip."""
        rng = sheet.range(address)
        if self._com:
            impl = _engine_impl(self.book)
            rng.raw_value = [[impl.prepare_xl_data_element(v, None) for v in r] for r in matrix]
        else:
            rng.value = matrix

    def _flush_cells(self, name: str, run: tuple[int, int, list[Any]]) -> Callable[[], None]:
        """Write a run of single cells (one column, consecutive rows) as one block."""
        sheet = self._sheet(name)
        row, col, values = run
        address = f"{col_letter(col)}{row}:{col_letter(col)}{row + len(values) - 1}"
        old = self._cells_of(name, row, col, row + len(values) - 1, col)
        self._put(
            sheet, address, [[_text_safe(_to_excel(v, None), text_format=False)] for v in values]
        )
        return lambda: self._put(
            sheet, address, [[_text_safe(r[0], text_format=False)] for r in old]
        )

    def read_cell_raw(self, name: str, address: str) -> Any:
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        letters, row = coordinate_from_string(address.upper())
        col = column_index_from_string(letters)
        return self._cells_of(name, row, col, row, col)[0][0]

    def _flush_table(self, table: S.Table, rows: Sequence[Row]) -> Callable[[], None]:
        sheet = self._sheet(table.sheet)
        first = table.header_row + 1
        width = len(table.columns)
        end_col = table.first_col + width - 1
        old_block = self._cells_of(table.sheet, first, table.first_col, None, end_col)
        old = rows_from_block(table, old_block, first, _from_xlwings)
        old_last = max([r["_row"] for r in old], default=first - 1)
        n = len(rows)
        keep = max(n, table.min_rows)
        last = max(old_last, first + keep - 1)
        text_cols = [j for j, c in enumerate(table.columns) if is_text_column(c)]
        matrix: list[list[Any]] = []
        for i in range(last - first + 1):
            r = first + i
            line: list[Any] = []
            for j, col in enumerate(table.columns):
                if col.formula and i < keep:
                    line.append(col.formula.format(r=r))
                elif i < n and not col.formula:
                    line.append(
                        _text_safe(
                            _to_excel(rows[i].get(col.key), col),
                            text_format=self._com and j in text_cols,
                        )
                    )
                else:
                    line.append(None)
            matrix.append(line)
        address = f"{col_letter(table.first_col)}{first}:{col_letter(end_col)}{last}"
        # What is there now, to put back if a later write fails.
        before = self._cells_of(table.sheet, first, table.first_col, last, end_col)
        old_keep = max(old_last - first + 1, table.min_rows)
        restore: list[list[Any]] = []
        for i, raw in enumerate(before):
            line = []
            for j, col in enumerate(table.columns):
                if col.formula:
                    line.append(col.formula.format(r=first + i) if i < old_keep else None)
                else:
                    line.append(_text_safe(raw[j], text_format=self._com and j in text_cols))
            restore.append(line)
        old_format: Any = "@"
        text_range: Any = None
        if self._com and text_cols and matrix:
            text_range = sheet.api.Range(_areas(text_cols, table.first_col, first, last))
            old_format = text_range.NumberFormat  # None when mixed
            if old_format != "@":
                text_range.NumberFormat = "@"
        if matrix:
            self._put(sheet, address, matrix)
        ref = (
            f"{col_letter(table.first_col)}{table.header_row}:"
            f"{col_letter(end_col)}{first + keep - 1}"
        )
        old_ref = self._resize_table(sheet, table.name, ref)

        def undo() -> None:
            if restore:  # text goes back while the cells are still text-formatted
                self._put(sheet, address, restore)
            if text_range is not None and old_format not in ("@", None):
                text_range.NumberFormat = old_format
            if old_ref:
                self._resize_table(sheet, table.name, old_ref)

        return undo

    def _resize_table(self, sheet: Any, name: str, ref: str) -> str | None:
        """Resize Excel table ``name`` to ``ref``; returns its old address (None: no table)."""
        if self._com:
            api = sheet.api
            try:
                table = api.ListObjects(name)
            except Exception:
                return None
            old = str(table.Range.Address).replace("$", "")
            if old != ref:
                table.Resize(api.Range(ref))
            return old
        names = [t.name for t in sheet.tables]
        if name not in names:
            return None
        t = sheet.tables[name]
        old = str(t.range.address).replace("$", "")
        if old != ref:
            t.resize(sheet.range(ref))
        return old


def _areas(offsets: list[int], first_col: int, r1: int, r2: int) -> str:
    """A multi-area address of the given columns (adjacent ones merged), rows r1..r2."""
    spans: list[list[int]] = []
    for j in sorted(offsets):
        if spans and spans[-1][1] == j - 1:
            spans[-1][1] = j
        else:
            spans.append([j, j])
    return ",".join(
        f"{col_letter(first_col + a)}{r1}:{col_letter(first_col + b)}{r2}" for a, b in spans
    )


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:157] + "…"


def _engine_impl(book: Any) -> Any:
    """The engine implementation behind ``book`` (its value cleaning and preparation)."""
    return sys.modules[type(book.impl).__module__].engine


def _from_xlwings(value: Any, col: S.Column) -> Any:
    """Cell value from xlwings → the row value the file door gives (Excel numbers are floats)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    return _from_calamine(value, col)


def _cell_runs(cells: dict[tuple[str, str], Any]) -> list[tuple[str, tuple[int, int, list[Any]]]]:
    """Pending single cells grouped into runs: same sheet and column, consecutive rows."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    by_sheet: dict[str, dict[tuple[int, int], Any]] = {}
    for (sheet, address), value in cells.items():
        letters, row = coordinate_from_string(address)
        by_sheet.setdefault(sheet, {})[(column_index_from_string(letters), row)] = value
    runs: list[tuple[str, tuple[int, int, list[Any]]]] = []
    for sheet, found in by_sheet.items():
        current: tuple[int, int, list[Any]] | None = None
        for (col, row), value in sorted(found.items()):
            if current and current[0] == row - len(current[2]) and current[1] == col:
                current[2].append(value)
                continue
            current = (row, col, [value])
            runs.append((sheet, current))
    return runs


def _to_excel(value: Any, col: S.Column | None) -> Any:
    """Python value → what xlwings writes (naive datetimes; dates as datetimes)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _text_safe(value: Any, *, text_format: bool) -> Any:
    """A string as Excel must keep it: raw in a text-formatted (``@``) cell, else with an
    apostrophe prefix (Excel strips it and stores the rest as text, unparsed)."""
    if isinstance(value, str) and value and not text_format:
        return "'" + value
    return value


# --------------------------------------------------------------------------------------------
# the xlwings.conf sheet of a workbook file (``lkjip setup-excel``)


def clean_conf_sheet(path: Path) -> None:
    """Rewrite the ``xlwings.conf`` sheet of ``path`` with the current keys (no interpreter).

    Through the file door: backs up, writes atomically, refuses while Excel has it open.
    """
    from lkjip_xl.workbook.build import write_conf
    from lkjip_xl.workbook.gateway import open_workbook

    with open_workbook(path, write=True) as gw:
        wb = gw._for_write()
        write_conf(wb[S.XLWINGS_CONF])
