"""Calculation actions: read raw SKM responses from a file and compute the IKM.

The file part lives here because :mod:`lkjip_xl.domain` does no I/O. Every
problem in the file becomes an :class:`~lkjip_xl.errors.LkjipError` naming the
file, the sheet and each bad cell by its spreadsheet address (header row as
it is in the file, e.g. ``F7``).
"""

from __future__ import annotations

import csv
import html
import io
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from lkjip_xl.domain import ikm as ikm_domain
from lkjip_xl.domain.capaian import CapaianResult, capaian
from lkjip_xl.domain.numbers import parse_number
from lkjip_xl.domain.sakip import SakipResult, sakip_result
from lkjip_xl.errors import CellProblem, LkjipError

__all__ = [
    "SKM_SHEET",
    "UNIT_COLUMN",
    "SheetInfo",
    "capaian_from_text",
    "column_letter",
    "ikm_from_file",
    "read_skm_file",
    "sakip_from_text",
]

SKM_SHEET = "SKM"
"""Sheet read from a workbook when it exists (else the first sheet)."""
UNIT_COLUMN = "Unit Layanan"
"""Column used as unit layanan when none is named."""

_SPREADSHEET = {".xlsx", ".xlsm", ".xls", ".ods"}
_HEADER_U1 = re.compile(r"^u\s*0*1(?![0-9])", re.IGNORECASE)
_HEADER_SCAN = 50
"""Rows looked at for the header row (title rows above it are skipped)."""


class SheetInfo(BaseModel):
    """Where the responses came from, to name cells in messages."""

    model_config = ConfigDict(extra="forbid")

    file: str
    """File name as the user gave it (shown in messages)."""
    sheet: str
    """Sheet name; empty for a CSV file."""
    header_row: int
    """Spreadsheet row number (1-based) of the header."""
    columns: dict[str, str]
    """Header text → column letter."""
    formula_cells: list[str] = []
    """Cells below the header holding a formula without a stored value (e.g. ``C7``)."""


def column_letter(index: int) -> str:
    """Column letter of a 0-based column index: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _is_text(dtype: Any) -> bool:
    """Object or string columns (pandas ≥ 3 reads text as ``str``)."""
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _unsur_named(row: list[object], regulasi: str) -> int:
    """Distinct unsur named by the row's cells, each cell naming exactly one (a title cell
    listing all unsur in one sentence is not a header row)."""
    named: set[str] = set()
    for v in row:
        if isinstance(v, str) and len(v.strip()) > 1:
            codes = ikm_domain.header_unsur(v, regulasi)
            if len(codes) == 1:
                named.add(codes[0])
    return len(named)


def _header_index(rows: list[list[object]], regulasi: str) -> tuple[int | None, bool]:
    """(header row among the first rows, whether it is a full one).

    Full: a row naming at least five unsur by code (``U1`` …) or by the question's words.
    Else the first row with a ``U1`` cell (so that the missing unsur can be named).
    """
    need = min(5, len(ikm_domain.unsur_codes(regulasi)))
    weak: int | None = None
    for i, row in enumerate(rows[:_HEADER_SCAN]):
        if _unsur_named(row, regulasi) >= need:
            return i, True
        if weak is None and any(isinstance(v, str) and _HEADER_U1.match(v.strip()) for v in row):
            weak = i
    return weak, False


def _no_header(where: str, name: str, sheet: str) -> LkjipError:
    return LkjipError(
        f"Judul kolom U1 tidak ditemukan pada {where}.",
        [
            CellProblem(
                "Tidak ada baris judul dengan kolom U1, U2, … (satu kolom per unsur) atau "
                "dengan pertanyaan survei per unsur.",
                "Tambahkan satu baris judul berisi U1 … U9 (atau 'U1 Persyaratan', atau "
                "pertanyaan lengkapnya seperti pada ekspor Google Forms) di atas jawaban "
                "responden.",
                file=name,
                sheet=sheet,
            )
        ],
    )


# ---------------------------------------------------------------- CSV


_HEAD_BYTES = 400_000
"""Bytes of a CSV decoded in Python to find the delimiter and the header row."""


def _decode(path: Path) -> tuple[str, str]:
    """(the decoded head of the file, its encoding: UTF-8 or else Windows-1252).

    Only the head is read and decoded here; pandas reads and decodes the whole file
    while parsing (a UTF-8 error further down makes :func:`_read_csv` parse as cp1252).
    """
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES + 1)
    if b"\0" in head[:4096]:
        raise LkjipError(
            f"File {path.name} bukan file CSV (isinya biner). Simpan ulang sebagai CSV "
            "atau berikan file .xlsx/.xlsm."
        )
    if len(head) > _HEAD_BYTES:  # cut at a line end, never inside a UTF-8 sequence
        head = head[: head.rfind(b"\n") + 1] or head[:_HEAD_BYTES]
    try:
        return head.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        return head.decode("cp1252", errors="replace"), "cp1252"


def _line_count(raw: bytes) -> int:
    return raw.count(b"\n") + (0 if raw.endswith(b"\n") or not raw else 1)


def _delimiters(text: str) -> list[str]:
    """Candidate delimiters, the most frequent in the first lines first."""
    sample = text[:5000]
    return sorted(",;\t", key=lambda d: -sample.count(d))


def _swallowed(path: Path, line: int, upto: int) -> LkjipError:
    return LkjipError(
        f'File CSV {path.name}: tanda kutip (") pada baris {line} tidak ditutup, sehingga '
        f"baris {line + 1}–{upto} terbaca sebagai satu isian dan responden di dalamnya hilang. "
        "IKM tidak dihitung.",
        [
            CellProblem(
                f"baris {line} membuka tanda kutip yang baru ditutup di baris {upto} "
                "(atau tidak pernah ditutup).",
                f"Buka file di Notepad/Excel, hapus tanda kutip yang tersisa di baris {line} "
                "(biasanya di kolom Saran) atau tutup kutipnya, lalu simpan ulang sebagai CSV.",
                file=path.name,
                cell=f"baris {line}",
            )
        ],
    )


def _read_csv(
    path: Path, regulasi: str, categories: tuple[str, ...] = ()
) -> tuple[list[object], pd.DataFrame, int]:
    """(header cells, data frame with 0-based column positions, header line 1-based).

    The frame's index holds the file line of each record; multi-line quoted fields are
    allowed, a quote that swallows whole records is refused naming its line.
    """
    text, encoding = _decode(path)
    # the delimiter that yields the header row wins (commas inside quoted questions and a
    # title line above the header make counting alone unreliable)
    best: tuple[str, list[list[object]], list[int], int | None] | None = None
    for delimiter in _delimiters(text):
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        head: list[list[object]] = []
        ends: list[int] = []
        try:
            for record in reader:
                head.append(list(record))
                ends.append(reader.line_num)
                if len(head) >= _HEADER_SCAN:
                    break
        except csv.Error:
            continue
        h, full = _header_index(head, regulasi)
        if full:
            best = (delimiter, head, ends, h)
            break
        if best is None or (best[3] is None and h is not None):
            best = (delimiter, head, ends, h)
    if best is None or best[3] is None:
        raise _no_header(f"file {path.name}", path.name, "")
    delimiter, head, ends, h = best
    header = head[h]
    header_line = ends[h]  # last physical line of the header record
    width = len(header)
    wanted = {" ".join(c.casefold().split()) for c in categories}
    dtypes = {
        j: "category"
        for j, cell in enumerate(header)
        if " ".join(str(cell).casefold().split()) in wanted
    }

    def parse(columns: int, encoding: str = encoding) -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)  # mixed columns are fine
            return pd.read_csv(
                path,
                encoding=encoding,
                sep=delimiter,
                header=None,
                skiprows=header_line,
                skip_blank_lines=False,
                keep_default_na=False,
                na_values=[""],
                names=range(columns),
                index_col=False,
                dtype=dtypes or None,  # the unit column parsed straight into categories
            )

    try:
        try:
            try:
                frame = parse(width)
            except UnicodeDecodeError:  # UTF-8 at the head only
                encoding = "cp1252"
                frame = parse(width, encoding)
        except pd.errors.ParserError as exc:
            if "Expected" not in str(exc):
                raise
            # rows longer than the header (trailing separators, a note far right): widen
            whole = path.read_bytes().decode(encoding, errors="replace")
            widest = max(
                (len(r) for r in csv.reader(io.StringIO(whole), delimiter=delimiter)),
                default=width,
            )
            frame = parse(max(widest, width), encoding)
    except pd.errors.ParserError as exc:
        message = str(exc)
        if m := re.search(r"EOF inside string starting at row (\d+)", message):
            line = int(m.group(1)) + 1  # pandas counts the skipped lines too
            raise _swallowed(path, line, _line_count(path.read_bytes())) from None
        raise LkjipError(
            f"File CSV {path.name} tidak dapat dibaca ({message}). Buka di Excel dan simpan "
            "ulang sebagai CSV."
        ) from None
    frame.columns = range(frame.shape[1])
    n = len(frame)
    # A record spans lines only through a quoted line break: look in the text columns
    # (a categorical column: in its categories only).
    breaks = np.zeros(n, dtype=np.int64)
    for col in frame.columns:
        series = frame[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            cats = series.cat.categories
            if not any(isinstance(c, str) and "\n" in c for c in cats):
                continue
            series = series.astype(object)
        elif not _is_text(series.dtype):
            continue
        try:
            counted = series.str.count("\n")
        except AttributeError:  # no text in this column after all
            continue
        if counted.notna().any() and counted.max() > 0:
            breaks += counted.fillna(0).to_numpy(dtype=np.int64)
    if not breaks.any():
        frame.index = pd.RangeIndex(header_line + 1, header_line + 1 + n)
    else:  # number the records by their first line
        starts = header_line + 1 + np.arange(n) + np.concatenate(([0], np.cumsum(breaks)[:-1]))
        frame.index = pd.Index(starts)
        need = max(1, (width - 1) // 2)
        for pos in np.flatnonzero(breaks):
            for col in frame.columns:
                value = frame.iat[pos, col]
                if isinstance(value, str) and "\n" in value:
                    swallowed = [ln for ln in value.split("\n")[1:] if ln.count(delimiter) >= need]
                    if swallowed:
                        raise _swallowed(path, int(starts[pos]), int(starts[pos] + breaks[pos]))
    return header, frame, header_line


# ---------------------------------------------------------------- spreadsheets


def _open_book(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for a broken file
        raise LkjipError(
            f"File {path.name} bukan file Excel yang sah atau rusak ({type(exc).__name__}). "
            "Buka dan simpan ulang di Excel sebagai .xlsx, atau ekspor sebagai CSV."
        ) from None


def _sheet_rows(path: Path, sheet: Any, name: str, nrows: int | None) -> list[list[object]]:
    try:
        return sheet.to_python(skip_empty_area=False, nrows=nrows)
    except Exception as exc:
        raise LkjipError(
            f"Sheet '{name}' pada file {path.name} tidak dapat dibaca ({type(exc).__name__})."
        ) from None


def _read_workbook(
    path: Path, sheet: str | None, regulasi: str
) -> tuple[str, list[list[object]], int]:
    """(sheet name, rows, header index): the sheet asked for, else the one holding the answers.

    Without ``sheet``: the sheet named ``SKM`` when it has the header row, else the first
    sheet that has it (answers on a second sheet are found).
    """
    workbook = _open_book(path)
    names = list(workbook.sheet_names)
    if not names:
        raise LkjipError(f"File {path.name} tidak memiliki sheet.")
    if sheet is not None:
        wanted = next((n for n in names if n.strip().casefold() == sheet.strip().casefold()), None)
        if wanted is None:
            raise LkjipError(
                f"Sheet '{sheet}' tidak ada pada file {path.name}. Sheet yang ada: "
                f"{', '.join(names)}."
            )
        order, named = [wanted], [wanted]
    else:
        named = [n for n in names if n.strip().casefold() == SKM_SHEET.casefold()]
        order = named + [n for n in names if n not in named]
    weak: tuple[str, Any, int] | None = None
    for name in order:
        try:
            loaded = workbook.get_sheet_by_name(name)  # parses the whole sheet once
        except Exception as exc:
            raise LkjipError(
                f"Sheet '{name}' pada file {path.name} tidak dapat dibaca ({type(exc).__name__})."
            ) from None
        head = _sheet_rows(path, loaded, name, _HEADER_SCAN)
        h, full = _header_index(head, regulasi)
        if h is not None and full:
            return name, _sheet_rows(path, loaded, name, None), h
        if h is not None and weak is None:
            weak = (name, loaded, h)
    if weak is not None:
        return weak[0], _sheet_rows(path, weak[1], weak[0], None), weak[2]
    if sheet is not None or len(names) == 1 or named:
        raise _no_header(f"file {path.name}, sheet '{order[0]}'", path.name, order[0])
    raise LkjipError(
        f"Judul kolom U1 tidak ditemukan pada file {path.name} (sheet yang diperiksa: "
        f"{', '.join(names)}).",
        [
            CellProblem(
                "Tidak ada sheet dengan baris judul U1, U2, … atau pertanyaan survei per unsur.",
                "Tambahkan baris judul di atas jawaban responden, atau pilih sheetnya dengan "
                "--sheet.",
                file=path.name,
            )
        ],
    )


_CELL = re.compile(
    rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)", re.S
)


def _formulas_without_value(path: Path, sheet: str, header_row: int) -> list[str]:
    """Cells below ``header_row`` whose formula has no stored value (.xlsx/.xlsm only).

    Files written by scripts, or saved without recalculation, keep the formula only;
    every reader then sees an empty cell. Scanning the sheet's XML is one regex pass.
    """
    import zipfile

    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            rid = None
            for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*)/?>", book):
                attrs = m.group(1)
                name = re.search(r'\bname="([^"]*)"', attrs)
                if name and html.unescape(name.group(1)) == sheet:
                    rid_m = re.search(r'\br:id="([^"]*)"|\bid="([^"]*)"', attrs)
                    rid = rid_m and (rid_m.group(1) or rid_m.group(2))
                    break
            target = None
            for m in re.finditer(r"<Relationship\b([^>]*)/?>", rels):
                attrs = m.group(1)
                if rid and re.search(rf'\bId="{re.escape(rid)}"', attrs):
                    t = re.search(r'\bTarget="([^"]*)"', attrs)
                    target = t and t.group(1)
                    break
            if not target:
                return []
            target = target.lstrip("/")
            member = target if target.startswith("xl/") else f"xl/{target}"
            data = archive.read(member)
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    if not any(tag in data for tag in (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b":f/>")):
        return []  # no formula at all: the usual case, one fast scan per tag
    cells: list[str] = []
    for m in _CELL.finditer(data):
        body = m.group(3)
        if not body or int(m.group(2)) <= header_row:
            continue
        has_formula = re.search(rb"<(?:\w+:)?f\b", body) is not None
        value = re.search(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>", body)
        if has_formula and (value is None or not value.group(1).strip()):
            if b"<is>" in body or b":is>" in body:
                continue
            cells.append(f"{m.group(1).decode()}{m.group(2).decode()}")
    return cells


# ---------------------------------------------------------------- both


def _blank_to_na(frame: pd.DataFrame) -> None:
    """Text columns as categoricals (each distinct value stored and looked at once),
    whitespace-only text → NA. Column-wise; no loop over cells."""
    for col in frame.columns:
        series = frame[col]
        if not _is_text(series.dtype):
            continue
        try:
            series = series.astype("category")
        except (TypeError, ValueError):  # pragma: no cover - unorderable mixed values
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            blank = np.array(
                [isinstance(u, str) and not u.strip() for u in uniques] + [False], dtype=bool
            )
            if blank.any():
                frame[col] = series.mask(blank[codes])
            continue
        categories = series.cat.categories
        blank = [c for c in categories if isinstance(c, str) and not c.strip()]
        if blank:
            series = series.cat.remove_categories(blank)
        frame[col] = series


def _without_empty_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with at least one value; only rows blank in the first column are looked at."""
    if frame.shape[1] == 0:
        return frame
    maybe = frame.iloc[:, 0].isna().to_numpy()
    if not maybe.any():
        return frame  # no copy
    empty = np.zeros(len(frame), dtype=bool)
    empty[maybe] = frame[maybe].isna().all(axis=1).to_numpy()
    return frame[~empty] if empty.any() else frame


def read_skm_file(
    path: str | Path,
    *,
    sheet: str | None = None,
    regulasi: str = "2017",
    categories: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, SheetInfo]:
    """Read raw SKM responses from a .csv, .xlsx, .xlsm, .xls or .ods file.

    From a workbook, ``sheet`` when given; else the sheet named ``SKM`` or the
    first sheet that holds the answers (read with python-calamine). The header
    row is the first row with a ``U1`` cell, or whose cells are the survey's
    questions naming at least five unsur (Google/Microsoft Forms exports); title
    rows above it are skipped, and fully empty rows below it. The DataFrame's
    index is the spreadsheet row (CSV: file line) of each response, and its
    columns are the header texts. Values are as stored (numbers, text, blanks as
    NA); nothing is converted yet. Column-wise throughout, no loop over cells.
    ``categories``: headers of columns to read as categoricals (the unit column:
    few distinct values, hashed once while parsing).
    """
    path = Path(path)
    name = path.name
    if not path.exists():
        raise LkjipError(f"File {path} tidak ditemukan. Periksa nama dan foldernya.")
    if path.is_dir():
        raise LkjipError(f"{path} adalah folder, bukan file SKM (.csv, .xlsx atau .xlsm).")
    suffix = path.suffix.lower()
    formula_cells: list[str] = []
    if suffix == ".csv":
        sheet_name = ""
        header, frame, header_row = _read_csv(path, regulasi, categories)
    elif suffix in _SPREADSHEET:
        sheet_name, rows, h = _read_workbook(path, sheet, regulasi)
        header = rows[h]
        header_row = h + 1
        body = rows[h + 1 :]
        frame = pd.DataFrame(body, dtype=object) if body else pd.DataFrame(dtype=object)
        frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
        formula_cells = _formulas_without_value(path, sheet_name, header_row)
    else:
        raise LkjipError(
            f"File {name} bukan spreadsheet atau CSV (jenis '{path.suffix or 'tanpa ekstensi'}'). "
            "Berikan file .csv, .xlsx, .xlsm, .xls atau .ods berisi jawaban SKM."
        )
    where = f"file {name}" + (f", sheet '{sheet_name}'" if sheet_name else "")

    width = max(len(header), frame.shape[1])
    headers: list[str] = []
    letters: dict[str, str] = {}
    seen: set[str] = set()
    problems: list[CellProblem] = []
    for j in range(width):
        value = header[j] if j < len(header) else None
        text = "" if _is_blank(value) else " ".join(str(value).split())
        letter = column_letter(j)
        if not text:
            text = f"(kolom {letter})"
        elif text.casefold() in seen:
            problems.append(
                CellProblem(
                    f"Judul kolom '{text}' muncul lebih dari sekali.",
                    "Beri setiap kolom judul yang berbeda.",
                    file=name,
                    sheet=sheet_name,
                    cell=f"{letter}{header_row}",
                )
            )
        seen.add(text.casefold())
        headers.append(text)
        letters[text] = letter
    if problems:
        raise LkjipError(f"Judul kolom ganda pada {where}.", problems)

    for j in range(frame.shape[1], width):
        frame[j] = None
    if frame.shape[1] > width:
        frame = frame.iloc[:, :width]
    frame.columns = headers
    if sheet_name or suffix != ".csv":  # calamine gives "" for every empty cell
        _blank_to_na(frame)
    # (a CSV's empty fields are NA already; a whitespace-only cell is blank to the engine)
    frame = _without_empty_rows(frame)
    frame.index.name = "baris"
    info = SheetInfo(
        file=name,
        sheet=sheet_name,
        header_row=header_row,
        columns=letters,
        formula_cells=formula_cells,
    )
    return frame, info


def _find_column(frame: pd.DataFrame, wanted: str) -> str | None:
    key = " ".join(wanted.casefold().split())
    for col in frame.columns:
        if " ".join(str(col).casefold().split()) == key:
            return str(col)
    return None


def _problem(info: SheetInfo, cell: str, pesan: str, perbaikan: str) -> CellProblem:
    return CellProblem(pesan, perbaikan, file=info.file, sheet=info.sheet, cell=cell)


def _header_range(info: SheetInfo) -> str:
    """The header row as a range, e.g. ``A3:R3``."""
    last = max(info.columns.values(), key=lambda letter: (len(letter), letter), default="A")
    return f"A{info.header_row}:{last}{info.header_row}"


def _where(info: SheetInfo) -> str:
    return f"file {info.file}" + (f", sheet '{info.sheet}'" if info.sheet else "")


def _column_problems(info: SheetInfo, exc: ikm_domain.UnsurColumnError) -> list[CellProblem]:
    """One problem per header cell at fault (missing unsur: the whole header row)."""
    problems: list[CellProblem] = []
    fix = "Tambahkan atau perbaiki judul kolom unsur pada baris judul."
    if exc.missing:
        problems.append(
            _problem(
                info,
                _header_range(info),
                f"kolom unsur {', '.join(exc.missing)} tidak ditemukan.",
                "Beri judul kolom U1, U2, … atau tulis pertanyaan survei lengkap per unsur.",
            )
        )
    for code, cols in exc.double.items():
        for col in cols:
            problems.append(
                _problem(
                    info,
                    f"{info.columns.get(str(col), '?')}{info.header_row}",
                    f"judul '{col}' adalah salah satu dari {len(cols)} kolom untuk {code}.",
                    "Sisakan satu kolom per unsur, atau awali judul kolom yang benar dengan "
                    f"'{code} '.",
                )
            )
    for col, (code, named) in exc.conflict.items():
        problems.append(
            _problem(
                info,
                f"{info.columns.get(str(col), '?')}{info.header_row}",
                f"judul '{' '.join(str(col).split())}' berkode {code}, tetapi pertanyaannya "
                f"tentang {', '.join(named)}; kolom ini tidak diambil agar unsur tidak tertukar.",
                f"Samakan kode dengan pertanyaannya (mis. '{named[0]} …' untuk pertanyaan itu), "
                "lalu ulangi.",
            )
        )
    for col, codes in exc.ambiguous.items():
        problems.append(
            _problem(
                info,
                f"{info.columns.get(str(col), '?')}{info.header_row}",
                f"judul '{col}' menyebut lebih dari satu unsur ({', '.join(codes)}).",
                "Awali judulnya dengan kode unsur yang dimaksud, mis. 'U3 …'.",
            )
        )
    return problems or [_problem(info, _header_range(info), exc.pesan, fix)]


def ikm_from_file(
    path: str | Path,
    *,
    regulasi: str = "2017",
    bobot: str = "exact",
    gabungan: str = "pooled",
    unit_column: str | None = None,
    populasi: int | None = None,
    sheet: str | None = None,
) -> ikm_domain.IkmResult:
    """IKM from a file of raw SKM responses (see :func:`read_skm_file`).

    ``unit_column`` names the unit layanan column; without it a column named
    ``Unit Layanan`` is used when present. Unsur columns are found by code or by
    the question's words; summary rows (``Jumlah``, ``Rata-rata``, ``Modus``,
    ``NRR``) are skipped with a note. Every answer that is not 1..4, a–d or a
    label, every response without a unit and every formula cell without a stored
    value is reported by cell.
    """
    frame, info = read_skm_file(
        path, sheet=sheet, regulasi=regulasi, categories=(unit_column or UNIT_COLUMN,)
    )
    where = _where(info)
    try:
        columns = ikm_domain.match_unsur_columns(
            frame.columns, regulasi, lambda col: ikm_domain.answer_score(frame[col])
        )
    except ikm_domain.UnsurColumnError as exc:
        raise LkjipError(
            f"{exc.pesan.rstrip('.')} ({where}, baris judul {info.header_row}).",
            _column_problems(info, exc),
        ) from None

    unit: str | None = None
    if unit_column is not None:
        unit = _find_column(frame, unit_column)
        if unit is None:
            raise LkjipError(
                f"Kolom unit layanan '{unit_column}' tidak ada pada {where} "
                f"(baris judul {info.header_row}). Kolom yang ada: "
                f"{', '.join(map(str, frame.columns))}."
            )
    else:
        unit = _find_column(frame, UNIT_COLUMN)
    if unit is not None and not isinstance(frame[unit].dtype, pd.CategoricalDtype):
        # one hashing pass over the unit names, reused by every step below
        frame[unit] = frame[unit].astype("category")

    # summary rows carry their label left of the answers or in the unit column
    first = min(frame.columns.get_loc(c) for c in columns.values())
    look = [c for c in frame.columns[:first] if c not in columns.values()]
    if unit is not None and unit not in look:
        look.append(unit)
    before = frame.index
    frame, summary_note = ikm_domain.skip_summary_rows(frame, regulasi, look)
    summary = set(before.difference(frame.index))

    letter_of = {code: info.columns[str(col)] for code, col in columns.items()}
    used_letters = set(letter_of.values()) | ({info.columns[unit]} if unit else set())
    formula_problems = [
        _problem(
            info,
            cell,
            "sel berisi rumus tanpa nilai tersimpan; jawabannya tidak terbaca.",
            "Buka file di Excel atau LibreOffice, biarkan rumusnya dihitung lalu simpan ulang "
            "(atau salin lalu Tempel Nilai).",
        )
        for cell in info.formula_cells
        # every row but the summary rows: a row of formulas only reads as empty otherwise
        if cell.rstrip("0123456789") in used_letters and _row_of(cell) not in summary
    ]
    if formula_problems:
        raise LkjipError(
            f"Data SKM pada {where} berisi {len(formula_problems)} sel rumus tanpa nilai "
            "tersimpan; baris itu tidak boleh dianggap kosong. IKM tidak dihitung.",
            formula_problems,
        )

    work = frame.rename(columns={col: code for code, col in columns.items()})
    labels: dict[str, int] = {}
    texts: list[ikm_domain.TextAnswer] = []
    arrays, bad = ikm_domain.encode_answers(work, regulasi, labels, texts)
    problems = [_answer_problem(info, letter_of[b.unsur], b) for b in bad]
    if unit is not None:
        answered = np.zeros(len(frame), dtype=bool)
        for values in arrays.values():
            answered |= values > 0
        if bad:  # a row with only bad answers still belongs to a respondent
            answered |= frame.index.isin([b.row_index for b in bad])
        unit_values = frame[unit]
        codes, uniques = pd.factorize(unit_values, use_na_sentinel=True)
        empty = np.array([not str(u).strip() for u in uniques] + [True], dtype=bool)
        blank = empty[codes]
        letter = info.columns[unit]
        problems.extend(
            _problem(
                info,
                f"{letter}{row}",
                f"kolom '{unit}' kosong padahal baris ini berisi jawaban.",
                "Isi nama unit layanan (mis. 'Kelurahan Pakistaji').",
            )
            for row in frame.index[blank & answered]
        )
    if problems:
        problems.sort(key=lambda p: (_row_of(p.cell), len(p.cell), p.cell))
        raise LkjipError(
            f"Data SKM pada {where} berisi {len(problems)} sel yang tidak sah. "
            "IKM tidak dihitung sebelum semua sel diperbaiki.",
            problems,
        )
    try:
        result = ikm_domain.compute_ikm(
            work,
            regulasi=regulasi,
            bobot=bobot,
            gabungan=gabungan,
            unit_column=unit,
            populasi=populasi,
            encoded=(arrays, labels),
        )
    except LkjipError as exc:
        raise LkjipError(f"{exc.pesan.rstrip('.')} ({where}).", exc.problems) from None
    notes = [summary_note] if summary_note else []
    if texts:
        notes.append(
            ikm_domain.text_note(texts, lambda t: f"sel {letter_of[t.unsur]}{t.row_index}")
        )
    if not notes:
        return result
    return result.model_copy(update={"peringatan": [*result.peringatan, *notes]})


SCALE_FIX = (
    "Ubah jawaban kolom ini ke 4 pilihan kuesioner (nilai 1–4, mis. Tidak puas = 1, Kurang "
    "puas = 2, Puas = 3, Sangat puas = 4) menurut arti tiap jawaban, lalu ulangi. Skala 5 "
    "tidak dikonversi otomatis: aplikasi tidak menebak ke mana jawaban tengah ('Cukup', "
    "'Netral') masuk."
)
"""The fix for a column on a 5-point scale (README: "Skala jawaban SKM")."""


def _answer_problem(info: SheetInfo, letter: str, b: ikm_domain.BadAnswer) -> CellProblem:
    """One problem per bad answer cell, or one for a whole column refused for its scale."""
    if b.kolom:
        return _problem(
            info,
            f"{letter}{info.header_row}",
            f"kolom {b.unsur} '{' '.join(b.column.split())}': {b.alasan}. Jawaban yang ada: "
            f"{b.value}.",
            SCALE_FIX,
        )
    return _problem(
        info,
        f"{letter}{b.row_index}",
        f"jawaban {b.unsur} '{_shown(b.value)}' tidak sah"
        + (f": {b.alasan}" if b.alasan else "")
        + ".",
        "Isi dengan angka 1–4, huruf a–d, atau label jawaban (mis. 'Sangat sesuai'); "
        "kosongkan bila tidak dijawab.",
    )


def _shown(value: object) -> str:
    """A cell value as the user typed it: 5 not 5.0, 2,5 not 2.5; invisible characters shown."""
    from lkjip_xl.errors import visible

    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    return visible(value)


def _row_of(cell: str) -> int:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else 0


def _parse(text: str | float | None, what: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError as exc:
        raise LkjipError(f"{what}: {exc}") from None


def sakip_from_text(nilai: str | float, skema: str = "2021") -> SakipResult:
    """Predikat of a Nilai SAKIP typed as text ("82,45")."""
    value = _parse(nilai, "Nilai SAKIP")
    if value is None:
        raise LkjipError("Nilai SAKIP kosong. Isi angka 0–100 dari LHE SAKIP.")
    return sakip_result(value, skema=skema)


def capaian_from_text(
    target: str | float,
    realisasi: str | float,
    polaritas: str = "naik",
    rumus_turun: str = "selisih",
    batas_atas: str | float | None = None,
) -> CapaianResult:
    """Capaian of one indicator from target and realisasi typed as text ("1.234,5")."""
    t = _parse(target, "Target")
    r = _parse(realisasi, "Realisasi")
    cap = _parse(batas_atas, "Batas atas") if batas_atas is not None else None
    return capaian(t, r, polaritas, rumus_turun, cap)
