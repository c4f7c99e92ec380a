"""The gateway: the one small interface actions use to read and write a workbook.

Two doors implement it:

* :class:`FileGateway` — the ``.xlsm`` on disk (python-calamine to read fast,
  openpyxl to write). Writes are atomic, preceded by a timestamped backup,
  refused while Excel has the file open, and re-inject the ribbon that
  openpyxl drops.
* ``XlwingsGateway`` (:mod:`lkjip_xl.workbook.xlwings_door`) — a live
  ``xw.Book`` inside Excel (or xlwings' remote engine in tests).

Rows are dicts keyed by :attr:`~lkjip_xl.workbook.schema.Column.key`. Only
input columns are read: formula columns are Excel's business, and Python
recomputes with :mod:`lkjip_xl.domain`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lkjip_xl import clock
from lkjip_xl.errors import LkjipError, WorkbookBusyError
from lkjip_xl.lock import current_user
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.styles import LINE_HEIGHT, is_text_column, text_lines
from lkjip_xl.workspace import Workspace

Row = dict[str, Any]


class Gateway(ABC):
    """Read and write the tables of one workbook."""

    path: Path

    @abstractmethod
    def read_rows(self, table: S.Table) -> list[Row]:
        """Data rows of ``table`` (input columns only), blank rows skipped.

        Each row also carries ``"_row"``: its spreadsheet row number, for messages.
        """

    @abstractmethod
    def write_rows(self, table: S.Table, rows: Sequence[Row]) -> None:
        """Replace all data rows of ``table``; formula columns are filled from the schema."""

    @abstractmethod
    def commit(self) -> object:
        """Make the writes of this transaction real, all at once (nothing before)."""

    @abstractmethod
    def read_cell(self, sheet: str, address: str) -> Any: ...

    @abstractmethod
    def write_cell(self, sheet: str, address: str, value: Any) -> None: ...

    def has_table(self, table: S.Table) -> bool:
        """Whether the workbook has ``table`` (a workbook built before it existed has not)."""
        cell = f"{col_letter(table.first_col)}{table.header_row}"
        try:
            return self.read_cell(table.sheet, cell) is not None
        except LkjipError:  # the sheet itself is missing
            return False

    def append_rows(self, table: S.Table, rows: Sequence[Row]) -> None:
        self.write_rows(table, [*self.read_rows(table), *rows])

    @property
    def workspace(self) -> Workspace:
        return Workspace(self.path)

    _profile_cache: Any = None

    def profile(self) -> Any:
        """The OPD :class:`~lkjip_xl.domain.profile.Profile` from the Pengaturan sheet.

        Read once per gateway (one command) and kept until a write; each caller gets its own
        copy, so changing it changes nothing for the next caller.
        """
        if self._profile_cache is None:
            from lkjip_xl.workbook.profile_io import profile_from_tables

            tables = {t.name: self.read_rows(t) for t in (S.PROFIL, S.PEJABAT, S.UNIT, S.LIBUR)}
            self._profile_cache = profile_from_tables(tables, source=self.path.name)
        return self._profile_cache.model_copy(deep=True)

    _PROFILE_SHEETS = frozenset(t.sheet for t in (S.PROFIL, S.PEJABAT, S.UNIT, S.LIBUR))

    def _forget(self, sheet: str | None = None) -> None:
        """Drop what was read (a write happened): the profile when ``sheet`` holds it (or is
        not named), and cached rows of ``sheet``."""
        if sheet is None or sheet in self._PROFILE_SHEETS:
            self._profile_cache = None

    def log(self, aksi: str, rincian: str, hasil: str = "OK") -> None:
        """Append a line to the Log sheet (written when the gateway commits)."""
        self.append_rows(
            S.LOG_T,
            [
                {
                    "waktu": clock.local_naive(),
                    "pengguna": current_user(),
                    "aksi": aksi,
                    "rincian": rincian,
                    "hasil": hasil,
                }
            ],
        )


def _clean(value: Any) -> Any:
    if value == "" or value is None:
        return None
    if isinstance(value, str):
        v = value.strip()
        return v or None
    return value


def _blank(row: Row) -> bool:
    return all(v is None for k, v in row.items() if not k.startswith("_"))


def check_headers(table: S.Table, header: Sequence[Any]) -> None:
    """Raise when the table's header cells (left to right) differ from the schema."""
    found = [str(v).strip() if v not in (None, "") else "" for v in header]
    found += [""] * (len(table.columns) - len(found))
    for i, (col, got) in enumerate(zip(table.columns, found, strict=False)):
        want = col.header
        if not col.header_matches(got) and not (col.optional and got == ""):
            addr = f"{col_letter(table.first_col + i)}{table.header_row}"
            raise LkjipError(
                f"Judul kolom di sheet '{table.sheet}' sel {addr} adalah '{got}', seharusnya "
                f"'{want}'. Kembalikan judul kolom seperti semula (jangan menyisipkan atau "
                "menghapus kolom di tabel ini)."
            )


def rows_from_block(
    table: S.Table,
    body: Iterable[Sequence[Any]],
    first_row: int,
    convert: Callable[[Any, S.Column], Any],
) -> list[Row]:
    """Data rows (input columns only, blank rows skipped) from the cells below the header.

    Each row of ``body`` holds the table's cells left to right (a short row is padded);
    ``convert`` turns a raw cell value into the Python value for its column.
    """
    width = len(table.columns)
    rows: list[Row] = []
    for offset, raw in enumerate(body, start=first_row):
        cells = [*raw[:width], *([None] * (width - len(raw)))]
        row = {
            c.key: convert(v, c) for c, v in zip(table.columns, cells, strict=True) if c.is_input
        }
        if not _blank(row):
            row["_row"] = offset
            rows.append(row)
    return rows


def _stored_block(ws: Any, first_row: int, first_col: int, last_col: int) -> list[list[Any]] | None:
    """The values of columns ``first_col..last_col`` from ``first_row`` down to the last row
    holding a value there, read from the cells openpyxl keeps (``ws._cells``).

    ``iter_rows`` would make (and keep) an empty cell for every blank coordinate down to the
    sheet's last formatted row: about 0,1 s per report on the demo workbook. ``None`` when this
    openpyxl keeps its cells otherwise (the caller then uses ``iter_rows``)."""
    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):
        return None
    width = last_col - first_col + 1
    grid: dict[int, list[Any]] = {}
    for (r, c), cell in cells.items():
        if r >= first_row and first_col <= c <= last_col and cell.value is not None:
            grid.setdefault(r, [None] * width)[c - first_col] = cell.value
    if not grid:
        return []
    return [grid.get(r) or [None] * width for r in range(first_row, max(grid) + 1)]


class FileGateway(Gateway):
    """The workbook file on disk. Use :func:`open_workbook` rather than this class."""

    def __init__(self, path: Path, *, writable: bool) -> None:
        self.path = Path(path)
        self.writable = writable
        self._wb: Any = None  # openpyxl Workbook, loaded on first write (or any op if writable)
        self._cal: Any = None  # calamine workbook for fast reads
        self._rows: dict[S.Table, list[Row]] = {}  # rows read per table until its sheet is written
        self._dirty = False
        if not self.path.exists():
            raise LkjipError(
                f"Workbook tidak ditemukan: {self.path}. Periksa nama dan folder file, atau buat "
                "workbook baru dengan perintah 'lkjip build-workbook'."
            )

    # -- loading -----------------------------------------------------------------------------

    def _openpyxl(self) -> Any:
        if self._wb is None:
            import openpyxl

            try:
                self._wb = openpyxl.load_workbook(self.path, keep_vba=True)
            except Exception as exc:
                raise LkjipError(
                    f"Workbook {self.path.name} tidak dapat dibuka ({type(exc).__name__}). "
                    "Mungkin file rusak: pakai salinan terakhir di folder 'cadangan'."
                ) from exc
        return self._wb

    def _calamine(self) -> Any:
        if self._cal is None:
            from python_calamine import CalamineWorkbook

            try:
                self._cal = CalamineWorkbook.from_path(str(self.path))
            except Exception as exc:
                raise LkjipError(
                    f"Workbook {self.path.name} tidak dapat dibaca ({exc}). "
                    "Mungkin file rusak: pakai salinan terakhir di folder 'cadangan'."
                ) from exc
        return self._cal

    def _require_sheet(self, names: Sequence[str], sheet: str) -> None:
        if sheet not in names:
            raise LkjipError(
                f"Sheet '{sheet}' tidak ada di workbook {self.path.name}. Jangan mengganti nama "
                "sheet; buat ulang workbook dengan 'lkjip build-workbook' bila perlu."
            )

    # -- reading -----------------------------------------------------------------------------

    def _forget(self, sheet: str | None = None) -> None:
        super()._forget(sheet)
        if sheet is None:
            self._rows.clear()
        else:
            for t in [t for t in self._rows if t.sheet == sheet]:
                del self._rows[t]

    def read_rows(self, table: S.Table) -> list[Row]:
        """The table's rows, parsed once per gateway until its sheet is written (each caller
        gets its own row dicts)."""
        rows = self._rows.get(table)
        if rows is None:
            rows = self._rows[table] = self._read_rows_uncached(table)
        return [dict(r) for r in rows]

    def _read_rows_uncached(self, table: S.Table) -> list[Row]:
        if self._wb is not None or self.writable:
            return self._read_rows_openpyxl(table)
        cal = self._calamine()
        self._require_sheet(cal.sheet_names, table.sheet)
        data = cal.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
        first, width = table.first_col - 1, len(table.columns)
        header = data[table.header_row - 1] if len(data) >= table.header_row else []
        check_headers(table, header[first : first + width])
        body = (raw[first : first + width] for raw in data[table.header_row :])
        return rows_from_block(table, body, table.header_row + 1, _from_calamine)

    def _read_rows_openpyxl(self, table: S.Table) -> list[Row]:
        wb = self._openpyxl()
        self._require_sheet(wb.sheetnames, table.sheet)
        ws = wb[table.sheet]
        last_col = table.first_col + len(table.columns) - 1
        header = next(
            ws.iter_rows(
                min_row=table.header_row,
                max_row=table.header_row,
                min_col=table.first_col,
                max_col=last_col,
                values_only=True,
            )
        )
        check_headers(table, header)
        body = _stored_block(ws, table.header_row + 1, table.first_col, last_col)
        if body is None:
            body = ws.iter_rows(
                min_row=table.header_row + 1,
                min_col=table.first_col,
                max_col=last_col,
                values_only=True,
            )
        return rows_from_block(table, body, table.header_row + 1, lambda v, _c: _clean(v))

    def read_cell(self, sheet: str, address: str) -> Any:
        if self._wb is not None or self.writable:
            wb = self._openpyxl()
            self._require_sheet(wb.sheetnames, sheet)
            return _clean(wb[sheet][address].value)
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        cal = self._calamine()
        self._require_sheet(cal.sheet_names, sheet)
        letters, row = coordinate_from_string(address)
        data = cal.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        col = column_index_from_string(letters)
        try:
            return _clean(data[row - 1][col - 1])
        except IndexError:
            return None

    # -- writing -----------------------------------------------------------------------------

    def _for_write(self) -> Any:
        if not self.writable:
            raise RuntimeError("gateway opened read-only; use open_workbook(path, write=True)")
        self._dirty = True
        return self._openpyxl()

    def write_rows(self, table: S.Table, rows: Sequence[Row]) -> None:
        wb = self._for_write()
        self._forget(table.sheet)
        self._require_sheet(wb.sheetnames, table.sheet)
        ws = wb[table.sheet]
        old_last = ws.max_row
        first_data = table.header_row + 1
        n = len(rows)
        kind = S.sheet(table.sheet).kind
        unlock, imported = kind == "input", kind == "imported"
        for i, row in enumerate(rows):
            r = first_data + i
            lines = 1
            for j, col in enumerate(table.columns):
                cell = ws.cell(r, table.first_col + j)
                if col.formula:
                    cell.value = col.formula.format(r=r)
                else:
                    cell.value = _to_cell(row.get(col.key))
                _apply_format(cell, col, unlock=unlock, imported=imported)
                if isinstance(cell.value, str) and cell.alignment.wrap_text:
                    lines = max(lines, text_lines(cell.value, col.width))
            # Wrapped text gets a row tall enough for it (cut at 8 lines).
            ws.row_dimensions[r].height = LINE_HEIGHT * min(lines, 8) if lines > 1 else None
        for r in range(first_data + n, max(old_last, first_data + table.min_rows - 1) + 1):
            for j, col in enumerate(table.columns):
                cell = ws.cell(r, table.first_col + j)
                if r < first_data + table.min_rows and col.formula:
                    cell.value = col.formula.format(r=r)
                else:
                    cell.value = None
        last = first_data + max(n, table.min_rows) - 1
        ref = (
            f"{col_letter(table.first_col)}{table.header_row}:"
            f"{col_letter(table.first_col + len(table.columns) - 1)}{last}"
        )
        if table.name in ws.tables:
            t = ws.tables[table.name]
            t.ref = ref
            if t.autoFilter is not None:
                t.autoFilter.ref = ref

    def write_cell(self, sheet: str, address: str, value: Any) -> None:
        wb = self._for_write()
        self._require_sheet(wb.sheetnames, sheet)
        self._forget(sheet)
        wb[sheet][address].value = value

    def read_rows_fresh(self, table: S.Table) -> list[Row]:
        return self._read_rows_uncached(table)

    def commit(self) -> Path | None:
        """Back up, then atomically replace the workbook with the edited copy.

        Returns the backup path (None when nothing was written).
        """
        if not self._dirty:
            return None
        ws = self.workspace
        if ws.is_open_in_excel():
            raise WorkbookBusyError(_busy_message(self.path))
        ws.backups.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = ws.backups / f"{self.path.stem}_{stamp}{self.path.suffix}"
        shutil.copy2(self.path, backup)
        _prune_backups(ws.backups, self.path)
        if ws.journal.exists():
            # The journal is backed up with the workbook (same stamp), so either can be
            # restored to the same moment.
            shutil.copy2(ws.journal, ws.backups / f"{self.path.stem}_{stamp}.jsonl")
            _prune_backups(ws.backups, self.path.with_suffix(".jsonl"))
        self._sync_year_labels()
        fd, tmp_name = tempfile.mkstemp(
            prefix=".~lkjip-", suffix=self.path.suffix, dir=self.path.parent
        )
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            self._wb.save(tmp)
            from lkjip_xl.workbook.package import finalize_package

            finalize_package(tmp)
            os.replace(tmp, self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._dirty = False
        self._cal = None
        self._forget()
        return backup

    def _sync_year_labels(self) -> None:
        """Print headers and year-named header cells follow Pengaturan's year and OPD
        (:mod:`lkjip_xl.workbook.year_labels`); left as they are while the profile is bad."""
        from lkjip_xl.workbook import year_labels

        try:
            profile = self.profile()
        except LkjipError:
            return
        year_labels.apply_openpyxl(self._wb, profile)


KEEP_BACKUPS = 50
"""Backups kept per workbook; older ones are removed after each write."""


def _prune_backups(folder: Path, workbook: Path) -> None:
    backups = sorted(folder.glob(f"{workbook.stem}_*{workbook.suffix}"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)


def _busy_message(path: Path) -> str:
    return (
        f"Workbook {path.name} sedang dibuka di Excel, jadi tidak diubah dari baris perintah. "
        "Tutup dulu workbook di Excel lalu ulangi perintah, atau jalankan aksi ini dari tombol "
        "di ribbon LKjIP."
    )


@contextmanager
def open_workbook(path: Path | str, *, write: bool = False) -> Iterator[FileGateway]:
    """Open the workbook file; with ``write=True`` changes are committed on success only.

    An exception inside the block leaves the file untouched. ``write=True`` holds the
    workbook's inter-process lock (:mod:`lkjip_xl.lock`) for the whole block.
    """
    path = Path(path)
    if not write:
        yield FileGateway(path, writable=False)
        return
    if Workspace(path).is_open_in_excel():
        raise WorkbookBusyError(_busy_message(path))
    from lkjip_xl.lock import workbook_lock

    # One writer at a time: held from before the first read until after the commit, so two
    # processes never both read the old workbook and overwrite each other's rows.
    gw = FileGateway(path, writable=True)
    with workbook_lock(path):
        yield gw
        gw.commit()


# -- value conversion ------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@")


def _to_cell(value: Any) -> Any:
    """Python value → cell value (aware datetimes become office-local naive ones).

    Text that looks like a formula stays text: :func:`_apply_format` marks such a cell as a
    string with quotePrefix, so Excel never evaluates it.
    """
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _apply_format(
    cell: Any, col: S.Column, *, unlock: bool = False, imported: bool = False
) -> None:
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START) and not col.formula:
        # Stored as a string cell, never a formula.
        cell.data_type = "s"
        cell.quotePrefix = True
    if unlock and col.is_typed:
        # Input cells stay editable under sheet protection (the builder unlocks input columns).
        from lkjip_xl.workbook.styles import INPUT_YELLOW, fill, unlocked

        cell.protection = unlocked()
        cell.fill = fill(INPUT_YELLOW)
    elif imported and not col.formula:
        from lkjip_xl.workbook.styles import IMPORTED, fill

        cell.fill = fill(IMPORTED)
    from openpyxl.styles import Alignment

    from lkjip_xl.workbook.styles import wraps

    # Top-aligned, so a row grown by one wrapped cell still reads as one line of data.
    wrap = wraps(col.type, col.width) and isinstance(cell.value, str)
    if cell.alignment.wrap_text != wrap or cell.alignment.vertical != "top":
        cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    if col.number_format:
        cell.number_format = col.number_format
    elif col.type == "date":
        cell.number_format = "dd/mm/yyyy"
    elif col.type == "datetime":
        from lkjip_xl.workbook.styles import DATETIME_FORMAT

        cell.number_format = DATETIME_FORMAT
    elif is_text_column(col):
        cell.number_format = "@"  # Excel keeps text as text (01, 1/2, a NIP)


def _from_calamine(value: Any, col: S.Column) -> Any:
    value = _clean(value)
    if value is None:
        return None
    if col.type == "date" and isinstance(value, dt.datetime):
        return value.date()
    if col.type == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if col.type in ("text", "choice", "email") and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value
