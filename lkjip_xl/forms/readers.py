"""Read the cells of a returned form, whatever program saved it (issue 13).

Units send back what their office program saves: ``.xlsx`` from Excel, WPS or LibreOffice,
``.xls`` from old Excel, ``.ods`` from LibreOffice, sometimes zipped, sometimes an
attachment without an extension. This module tells the kind from the bytes
(:func:`sniff`) and turns any of them into the same :class:`Book`: sheet names and, per
sheet, the cells row by row (value, number format, whether it held a formula).

* ``.xlsx``/``.xlsm``: openpyxl (read-only, values as typed, no VBA kept). When openpyxl
  cannot parse a cell (``NaN`` or ``80,5`` stored as a number, a shared-string index past
  the end, a date that is not a date) the :func:`tolerant_xlsx` reader reads the sheet XML
  itself and keeps such a cell as text or marks it with a problem for its own message, so
  one broken cell never makes the whole file unreadable.
* ``.xls``/``.ods``: python-calamine for the values (it exposes no number formats), plus
  the formats from the file itself, so a percent-typed cell reads as in an ``.xlsx``
  (issue 21): ``.xls`` through xlrd (``formatting_info``: each cell's XF record and its
  format string), ``.ods`` from ``content.xml`` (a cell typed as percent says
  ``office:value-type="percentage"``). When that fails, cells say ``format_known=False`` and
  the judge holds the values whose reading depends on it.

Nothing here executes anything from the file; XML is parsed without entity expansion.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["xlsx", "xls", "ods", "zip", "eml", "unknown"]

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EMAIL_HEADERS = (
    b"received:",
    b"from:",
    b"return-path:",
    b"mime-version:",
    b"date:",
    b"subject:",
    b"to:",
    b"message-id:",
    b"delivered-to:",
    b"x-",
)


def sniff(data: bytes) -> Kind:
    """What kind of file ``data`` is, from its bytes (never its name)."""
    if data.startswith(CFB_MAGIC):
        return "xls"
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "xlsx"  # a damaged spreadsheet; the safety checks say so
        if "mimetype" in names and "content.xml" in names:
            return "ods"
        if "[Content_Types].xml" in names or any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    head = data[:2048].lstrip().lower()
    if head.startswith(_EMAIL_HEADERS) and b"\n" in head:
        return "eml"
    return "unknown"


@dataclass
class Cell:
    value: Any
    number_format: str = "General"
    is_formula: bool = False
    problem: str = ""
    """Why the stored cell could not be read as written (the tolerant reader says)."""
    format_known: bool = True
    """False when the reader could not tell the cell's number format."""


@dataclass
class Book:
    """The cells of a spreadsheet: {sheet name: {row number: {column number: Cell}}}."""

    sheets: list[str]
    cells: dict[str, dict[int, dict[int, Cell]]] = field(default_factory=dict)
    reader: str = "openpyxl"

    def rows(self, sheet: str) -> Iterator[tuple[int, dict[int, Cell]]]:
        grid = self.cells.get(sheet, {})
        for r in sorted(grid):
            yield r, grid[r]


class Unreadable(Exception):
    """The file cannot be read as a spreadsheet at all (message in Indonesian)."""


MAX_SHEET_ROWS = 5000


# -- openpyxl ---------------------------------------------------------------------------------


def openpyxl_book(data: bytes, wanted: tuple[str, ...]) -> Book:
    """Cells of the ``wanted`` sheets via openpyxl (read-only, no VBA, no links)."""
    import openpyxl

    wb = openpyxl.load_workbook(
        io.BytesIO(data), read_only=True, data_only=False, keep_links=False, keep_vba=False
    )
    try:
        book = Book(list(wb.sheetnames))
        for name in wanted:
            if name not in book.sheets:
                continue
            grid: dict[int, dict[int, Cell]] = {}
            for r, row in enumerate(wb[name].iter_rows(), start=1):
                if r > MAX_SHEET_ROWS:
                    break
                cells: dict[int, Cell] = {}
                for j, c in enumerate(row, start=1):
                    if c.value is None:
                        continue
                    cells[j] = Cell(
                        c.value,
                        getattr(c, "number_format", None) or "General",
                        getattr(c, "data_type", "") == "f",
                    )
                if cells:
                    grid[r] = cells
            book.cells[name] = grid
        return book
    finally:
        wb.close()


# -- the tolerant .xlsx reader ------------------------------------------------------------------

_BUILTIN_FORMATS = {9: "0%", 10: "0.00%", 14: "mm-dd-yy", 22: "m/d/yy h:mm"}
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _parse_xml(raw: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    return etree.fromstring(raw, parser=parser)


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _text_of(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(f"{{{_MAIN}}}t"))


def tolerant_xlsx(data: bytes, wanted: tuple[str, ...]) -> Book:
    """Cells of the ``wanted`` sheets read straight from the sheet XML, cell by cell.

    A cell that cannot be read as its type says is kept as the text it holds (``80,5``) or
    gets a :attr:`Cell.problem` (a shared-string index that does not exist), so the judge
    names that one cell and the rest of the form still counts.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(str(exc)) from None
    with zf:
        names = set(zf.namelist())

        def part(name: str) -> Any:
            return _parse_xml(zf.read(name)) if name in names else None

        wbx = part("xl/workbook.xml")
        if wbx is None:
            raise Unreadable("xl/workbook.xml tidak ada")
        rels = part("xl/_rels/workbook.xml.rels")
        targets: dict[str, str] = {}
        if rels is not None:
            for rel in rels.iter(f"{{{_PKG_REL}}}Relationship"):
                target = rel.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[rel.get("Id", "")] = target
        sheets: list[tuple[str, str]] = []
        for sh in wbx.iter(f"{{{_MAIN}}}sheet"):
            rid = sh.get(f"{{{_REL}}}id", "")
            sheets.append((sh.get("name", ""), targets.get(rid, "")))
        shared: list[str] = []
        sst = part("xl/sharedStrings.xml")
        if sst is not None:
            shared = [_text_of(si) for si in sst.iter(f"{{{_MAIN}}}si")]
        formats = _cell_formats(part("xl/styles.xml"))
        book = Book([n for n, _t in sheets], reader="tolerant")
        for name, target in sheets:
            if name not in wanted or target not in names:
                continue
            book.cells[name] = _sheet_cells(_parse_xml(zf.read(target)), shared, formats)
        return book


def _cell_formats(styles: Any) -> list[str]:
    if styles is None:
        return []
    custom = {
        int(n.get("numFmtId", "0")): n.get("formatCode", "General")
        for n in styles.iter(f"{{{_MAIN}}}numFmt")
        if (n.get("numFmtId") or "").isdigit()
    }
    out: list[str] = []
    xfs = next(styles.iter(f"{{{_MAIN}}}cellXfs"), None)
    if xfs is None:
        return out
    for xf in xfs.iter(f"{{{_MAIN}}}xf"):
        raw = xf.get("numFmtId", "0")
        fid = int(raw) if raw.isdigit() else 0
        out.append(custom.get(fid) or _BUILTIN_FORMATS.get(fid, "General"))
    return out


def _sheet_cells(root: Any, shared: list[str], formats: list[str]) -> dict[int, dict[int, Cell]]:
    grid: dict[int, dict[int, Cell]] = {}
    next_row = 0
    for row in root.iter(f"{{{_MAIN}}}row"):
        raw_r = row.get("r", "")
        r = int(raw_r) if raw_r.isdigit() else next_row + 1
        next_row = r
        if r > MAX_SHEET_ROWS:
            break
        cells: dict[int, Cell] = {}
        next_col = 0
        for c in row.iter(f"{{{_MAIN}}}c"):
            m = _REF.match(c.get("r", ""))
            col = _col_number(m.group(1)) if m else next_col + 1
            next_col = col
            s = c.get("s", "0")
            fmt = formats[int(s)] if s.isdigit() and int(s) < len(formats) else "General"
            cell = _cell(c, shared, fmt)
            if cell is not None:
                cells[col] = cell
        if cells:
            grid[r] = cells
    return grid


def _cell(c: Any, shared: list[str], fmt: str) -> Cell | None:
    t = c.get("t", "n")
    v_el = c.find(f"{{{_MAIN}}}v")
    f_el = c.find(f"{{{_MAIN}}}f")
    v = v_el.text if v_el is not None and v_el.text is not None else None
    is_formula = f_el is not None
    if t == "inlineStr":
        is_el = c.find(f"{{{_MAIN}}}is")
        text = _text_of(is_el) if is_el is not None else ""
        return Cell(text, fmt, is_formula) if text else None
    if v is None:
        return Cell(f"={f_el.text or ''}", fmt, True) if is_formula else None
    if t == "s":
        try:
            return Cell(shared[int(v)], fmt, is_formula)
        except (ValueError, IndexError):
            return Cell(
                None,
                fmt,
                is_formula,
                problem=f"merujuk teks nomor {v} yang tidak ada di file (file rusak)",
            )
    if t in ("str", "e"):
        return Cell(v, fmt, is_formula)
    if t == "b":
        return Cell(v.strip() in ("1", "true"), fmt, is_formula)
    if t == "d":
        try:
            return Cell(dt.datetime.fromisoformat(v.strip()), fmt, is_formula)
        except ValueError:
            return Cell(v, fmt, is_formula)  # kept as the text it holds
    try:
        number = float(v)
    except ValueError:
        return Cell(v, fmt, is_formula)  # '80,5' stored as a number: read as typed text
    if number != number or number in (float("inf"), float("-inf")):
        return Cell(v.strip(), fmt, is_formula)  # NaN/INF: the judge refuses the text
    return Cell(int(number) if number.is_integer() and "." not in v else number, fmt, is_formula)


# -- .xls / .ods ---------------------------------------------------------------------------------


def calamine_book(data: bytes, wanted: tuple[str, ...]) -> Book:
    """Cells of the ``wanted`` sheets of an ``.xls``/``.ods`` (values; formats when known)."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types
        raise Unreadable(str(exc)) from None
    book = Book(list(wb.sheet_names), reader="calamine")
    present = tuple(n for n in wanted if n in book.sheets)
    try:
        formats = _xls_formats(data, present) if sniff(data) == "xls" else _ods_formats(data)
    except Exception:  # formats unknown: the values are still read
        formats = None
    for name in present:
        values = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        known = formats.get(name, {}) if formats is not None else {}
        grid: dict[int, dict[int, Cell]] = {}
        for r, row in enumerate(values[:MAX_SHEET_ROWS], start=1):
            cells = {
                j: Cell(
                    _calamine_value(v),
                    known.get((r, j), "General"),
                    format_known=formats is not None,
                )
                for j, v in enumerate(row, start=1)
                if v not in ("", None)
            }
            if cells:
                grid[r] = cells
        book.cells[name] = grid
    return book


def _xls_formats(data: bytes, wanted: tuple[str, ...]) -> dict[str, dict[tuple[int, int], str]]:
    """{sheet: {(row, col): number format}} of an ``.xls`` (1-based; 'General' left out)."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    try:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for name in wanted:
            sheet = book.sheet_by_name(name)
            fmts: dict[tuple[int, int], str] = {}
            for r in range(min(sheet.nrows, MAX_SHEET_ROWS)):
                for c in range(sheet.row_len(r)):
                    xf = book.xf_list[sheet.cell_xf_index(r, c)]
                    fmt = book.format_map.get(xf.format_key)
                    text = fmt.format_str if fmt is not None else ""
                    if text and text != "General":
                        fmts[(r + 1, c + 1)] = text
            out[name] = fmts
        return out
    finally:
        book.release_resources()


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODS_FORMATS = {"percentage": "0%", "date": "yyyy-mm-dd", "time": "hh:mm:ss"}


def _ods_formats(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """{sheet: {(row, col): format}} of an ``.ods``: cells typed as percent, date or time.

    The cell's own ``office:value-type`` says how it was typed; rows and cells repeated by
    ``number-rows-repeated``/``number-columns-repeated`` are counted as LibreOffice does.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = _parse_xml(zf.read("content.xml"))
    t, o = f"{{{_ODS_TABLE}}}", f"{{{_ODS_OFFICE}}}"
    out: dict[str, dict[tuple[int, int], str]] = {}
    for table in root.iter(f"{t}table"):
        fmts: dict[tuple[int, int], str] = {}
        r = 0
        for row in table.iter(f"{t}table-row"):
            rows = int(row.get(f"{t}number-rows-repeated", "1") or 1)
            c = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                cols = int(cell.get(f"{t}number-columns-repeated", "1") or 1)
                fmt = _ODS_FORMATS.get(cell.get(f"{o}value-type", ""))
                if fmt and r < MAX_SHEET_ROWS:
                    for dr in range(min(rows, 50)):
                        for dc in range(min(cols, 200)):
                            fmts[(r + dr + 1, c + dc + 1)] = fmt
                c += cols
            r += rows
            if r >= MAX_SHEET_ROWS:
                break
        out[table.get(f"{t}name", "")] = fmts
    return out


def _calamine_value(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def read_book(data: bytes, wanted: tuple[str, ...]) -> Book:
    """Any spreadsheet kind → :class:`Book` (raises :class:`Unreadable`)."""
    kind = sniff(data)
    if kind in ("xls", "ods"):
        return calamine_book(data, wanted)
    try:
        return openpyxl_book(data, wanted)
    except Exception:  # openpyxl fails on one bad cell: read the XML ourselves
        try:
            return tolerant_xlsx(data, wanted)
        except Unreadable:
            raise
        except Exception as exc:
            raise Unreadable(type(exc).__name__) from None


# -- zipped forms ---------------------------------------------------------------------------------

SPREADSHEET_EXT = (".xlsx", ".xlsm", ".xls", ".ods")


def zip_entries(data: bytes, limit: int) -> list[tuple[str, bytes]]:
    """Every file inside a plain zip (name without folders, bytes), at most ``limit``.

    Folders and the system's own files (``__MACOSX``, ``.DS_Store``, Office ``~$`` lock
    files) are left out; nothing else is, so the import can list each file it found.
    """
    out: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.is_dir() or info.flag_bits & 0x1:
                continue
            base = info.filename.replace("\\", "/").split("/")[-1]
            if not base or base.startswith(("~$", ".")) or "__MACOSX" in info.filename:
                continue
            out.append((base, zf.read(info)))
            if len(out) >= limit:
                break
    return out


# -- when the unit saved it ----------------------------------------------------------------------


def saved_time(data: bytes, zone: str = "Asia/Jakarta") -> dt.datetime | None:
    """When the file was last saved, from its own properties (UTC, naive), if it says.

    ``.xlsx``: ``docProps/core.xml`` ``dcterms:modified`` (Excel, WPS, LibreOffice and
    openpyxl all set it on save); ``.ods``: ``meta.xml`` ``dc:date`` (LibreOffice writes the
    PC's local time without a zone: read in ``zone``); ``.xls``: the summary information's
    last-saved time. None otherwise (never the file system's modification time).
    """
    if data.startswith(CFB_MAGIC):
        return _xls_saved_time(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "docProps/core.xml" in names:
                raw = zf.read("docProps/core.xml")
                m = re.search(rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>", raw)
            elif "meta.xml" in names:
                raw = zf.read("meta.xml")
                m = re.search(rb"<dc:date>([^<]+)</dc:date>", raw)
            else:
                return None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    if not m:
        return None
    text = m.group(1).decode("ascii", "replace").strip().replace("Z", "+00:00")
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)  # LibreOffice writes nanoseconds
    try:
        t = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if t.tzinfo is None and "docProps/core.xml" not in names:
        from zoneinfo import ZoneInfo

        t = t.replace(tzinfo=ZoneInfo(zone))
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC).replace(tzinfo=None)
    return t.replace(microsecond=0)


def _xls_saved_time(data: bytes) -> dt.datetime | None:
    try:
        import olefile

        with olefile.OleFileIO(data) as ole:
            t = ole.get_metadata().last_saved_time
    except Exception:  # a damaged summary stream: no evidence
        return None
    if not isinstance(t, dt.datetime) or t.year < 1990:
        return None
    return t.replace(tzinfo=None, microsecond=0)
