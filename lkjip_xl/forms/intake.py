"""Read a returned form and check it against what the unit was asked for (SOP step 3).

:func:`read_form` only reads cell values (openpyxl read-only, nothing executed, no VBA
kept). :func:`validate_form` compares the form with the workbook: form version, year,
workbook id, unit, the indicator rows (checksum and row by row), the numbers
(Indonesian writing; words are refused), required Realisasi and duplicated kodes.

Decision on partly bad forms: the valid rows of a form with some bad rows ARE taken
(status ``sebagian``); the bad rows are not, and each is listed with file, sheet, cell,
problem and fix. How they replace earlier data is decided in :mod:`lkjip_xl.forms.collect`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from lkjip_xl.domain.numbers import format_id, parse_number
from lkjip_xl.errors import CellProblem, visible
from lkjip_xl.forms import spec
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile

Status = Literal["diterima", "ditolak", "sebagian", "perlu_dicek", "dilewati", "versi_lama"]

MAX_ROWS = 2000
"""Rows of the Isian sheet that are looked at (a form has a few dozen)."""
MAX_TEXT = 2000
"""Keterangan / Bukti Dukung are cut to this many characters."""
_HEADER_SCAN = 30


class FormRefused(Exception):
    """The whole form is refused (wrong version, year, unit, workbook, layout)."""

    def __init__(self, pesan: str, perbaikan: str, sheet: str = "", cell: str = "") -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.perbaikan = perbaikan
        self.sheet = sheet
        self.cell = cell


@dataclass
class RawCell:
    value: Any
    number_format: str = "General"
    is_formula: bool = False
    problem: str = ""
    """Set by the tolerant reader when the stored cell is broken (its own message)."""
    format_known: bool = True
    """False when the file's reader could not tell the number format (see ``readers``)."""


@dataclass
class RawRow:
    row: int
    cells: dict[str, RawCell]
    extra: dict[int, RawCell] = field(default_factory=dict)
    """Cells in columns the form does not know (sheet column → cell)."""


@dataclass
class RawForm:
    """What a form file holds, before any judgement."""

    sheets: list[str]
    meta: dict[str, str]
    header_row: int
    columns: dict[str, int]
    """Form column key → 1-based sheet column."""
    rows: list[RawRow]
    truncated: bool = False
    extra_headers: dict[int, str] = field(default_factory=dict)
    """Columns the form does not know: sheet column → its header text ('' when none)."""
    visible: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """What the sheet shows above the table: 'unit'/'tahun' → (cell address, value)."""
    reader: str = "openpyxl"


class FormSkipped(Exception):
    """Not a form to import (the master workbook, a backup, a blank form): a note only."""

    def __init__(self, catatan: str) -> None:
        super().__init__(catatan)
        self.catatan = catatan


@dataclass
class AcceptedRow:
    kode: str
    indikator: str
    satuan: str
    target: float | None
    realisasi: float
    keterangan: str | None
    bukti: str | None
    row: int
    narasi: dict[str, str | None] = field(default_factory=dict)
    """Narrative columns (faktor, kendala, solusi, efisiensi) as typed, checked."""
    keputusan: str | None = None
    """Quarter forms: ``Ya`` when the unit asks for the Camat's decision (else ``Tidak``)."""


@dataclass
class FormCheck:
    """The verdict on one form."""

    unit: str = ""
    """Unit kode from the form's metadata ('' when unknown)."""
    unit_nama: str = ""
    status: Status = "ditolak"
    rows: list[AcceptedRow] = field(default_factory=list)
    errors: list[CellProblem] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    blanked: list[str] = field(default_factory=list)
    """Kodes whose Realisasi is empty in this form (a resend that blanks a value)."""
    hold: list[CellProblem] = field(default_factory=list)
    """Why the whole form is held for a check (perlu_dicek) instead of replacing anything."""


# -- reading ---------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", text.casefold())


def match_header(text: str, tahun: int | None = None) -> str | None:
    """The form column a header cell stands for, also when a unit edited it a little.

    ``Keterangan / Penjelasan`` → keterangan, ``Bukti Pendukung`` → bukti,
    ``Realisasi 2025`` → realisasi. ``Realisasi`` followed by a year before the form's year
    ``tahun`` (``Realisasi 2024`` on a 2025 form) is the read-only last-year column (of
    version 3 forms; without a known ``tahun`` see :func:`_two_years`). Otherwise
    driven by :data:`spec.COLUMNS` (header and aliases): exact words first, then a header
    that starts with a column's words, then a first word that only one column's header starts
    with. None when nothing (or more than one column) fits.
    """
    words = _words(text)
    if not words:
        return None
    if words[0] == "realisasi":
        years = [int(w) for w in words[1:] if re.fullmatch(r"(19|20)\d\d", w)]
        if years and tahun is not None and years[0] < tahun:
            return next(c.key for c in spec.COLUMNS if c.last_year)
    names = {c.key: [_words(h) for h in (c.header, *c.aliases)] for c in spec.COLUMNS}
    exact = {k for k, forms in names.items() if words in forms}
    if len(exact) == 1:
        return exact.pop()
    prefix = {k for k, forms in names.items() if any(words[: len(f)] == f for f in forms if f)}
    if len(prefix) == 1:
        return prefix.pop()
    firsts: dict[str, set[str]] = {}
    for k, forms in names.items():
        for f in forms:
            if f:
                firsts.setdefault(f[0], set()).add(k)
    owners = firsts.get(words[0], set())
    if len(owners) == 1 and len(words[0]) >= 4:
        return owners.pop()
    return None


def _skip_if_workbook(sheets: list[str]) -> None:
    from lkjip_xl.workbook import schema as S

    if spec.SHEET_DATA not in sheets and {S.FORMAT_DATA, S.KIRIMAN} <= set(sheets):
        raise FormSkipped(
            "File ini workbook LKjIP (atau salinan cadangannya), bukan formulir unit; dilewati."
        )


def read_form(data: bytes) -> RawForm:
    """Read the cells of a form (bytes already checked by :mod:`lkjip_xl.forms.safety`).

    ``.xlsx``/``.xlsm`` (Excel, WPS, LibreOffice), ``.xls`` and ``.ods`` are read; see
    :mod:`lkjip_xl.forms.readers`.
    """
    from lkjip_xl.forms import readers

    try:
        book = readers.read_book(data, (spec.SHEET_DATA, spec.SHEET_META))
    except Exception as exc:  # any reader failure is this file's problem only
        raise FormRefused(
            f"File tidak dapat dibaca sebagai spreadsheet ({exc or type(exc).__name__}).",
            "Buka file di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang.",
        ) from None
    sheets = book.sheets
    _skip_if_workbook(sheets)
    if spec.SHEET_DATA not in sheets:
        raise FormRefused(
            f"Sheet '{spec.SHEET_DATA}' tidak ada di file ini.",
            "Pakai formulir yang dikirimkan kepada unit Anda; jangan mengganti nama sheet "
            "atau menyalin isian ke file lain.",
        )
    meta: dict[str, str] = {}
    for i, (_r, cells) in enumerate(book.rows(spec.SHEET_META)):
        if i > 200:
            break
        key, value = cells.get(1), cells.get(2)
        if key is not None and key.value is not None:
            meta[_meta_text(key.value)] = "" if value is None else _meta_text(value.value)
    form_year = _year_of(meta.get("tahun", ""))
    header_row = 0
    columns: dict[str, int] = {}
    extra_headers: dict[int, str] = {}
    visible: dict[str, tuple[str, Any]] = {}
    rows: list[RawRow] = []
    truncated = False
    for r, cells in book.rows(spec.SHEET_DATA):
        if not header_row:
            if r > _HEADER_SCAN:
                break
            found: dict[str, list[int]] = {}
            for j, c in sorted(cells.items()):
                key = match_header(c.value, form_year) if isinstance(c.value, str) else None
                if key:
                    found.setdefault(key, []).append(j)
            if "kode" in found and "realisasi" in found:
                header_row = r
                _two_years(found, cells)
                _check_duplicate_headers(found, r)
                columns = {k: js[0] for k, js in found.items()}
                known = set(columns.values())
                extra_headers = {
                    j: clean_text(c.value) or ""
                    for j, c in cells.items()
                    if j not in known and j <= spec.column_of(spec.COLUMNS[-1].key) + 20
                }
            else:
                if len(found) >= 3:  # a header row with a required column renamed or gone
                    _refuse_incomplete_header(found, cells, r)
                _note_visible(cells, r, visible)
            continue
        if r > header_row + MAX_ROWS:
            truncated = True
            break
        got: dict[str, RawCell] = {}
        for key, j in columns.items():
            c = cells.get(j)
            if c is None or (c.value is None and not c.problem):
                continue
            got[key] = RawCell(c.value, c.number_format, c.is_formula, c.problem, c.format_known)
        extra = {
            j: RawCell(c.value, c.number_format, c.is_formula, c.problem, c.format_known)
            for j, c in cells.items()
            if j not in set(columns.values()) and c.value not in (None, "")
        }
        if any(k != "no" for k in got) or extra:
            rows.append(RawRow(r, got, extra))
    if not header_row:
        raise FormRefused(
            f"Baris judul kolom (Kode, Indikator, ..., Realisasi) tidak ditemukan di sheet "
            f"'{spec.SHEET_DATA}'.",
            "Pakai formulir asli; jangan menghapus atau mengganti judul kolom.",
            spec.SHEET_DATA,
        )
    return RawForm(
        sheets, meta, header_row, columns, rows, truncated, extra_headers, visible, book.reader
    )


def _year_of(text: str) -> int | None:
    """The form's report year from its metadata (None when missing or not a year)."""
    text = text.strip()
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _meta_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _note_visible(cells: dict[int, Any], r: int, visible: dict[str, tuple[str, Any]]) -> None:
    """Remember the 'Unit' and 'Tahun' the sheet shows above the table (label in column A)."""
    label = cells.get(1)
    if label is None or not isinstance(label.value, str):
        return
    key = {"unit": "unit", "tahun": "tahun", "triwulan": "triwulan"}.get(
        label.value.strip().casefold()
    )
    if not key:
        return
    for j in sorted(cells):
        if j > 1 and cells[j].value not in (None, ""):
            visible[key] = (f"{col_letter(j)}{r}", cells[j].value)
            return
    visible[key] = (f"C{r}", None)


def _refuse_incomplete_header(found: dict[str, list[int]], cells: dict[int, Any], r: int) -> None:
    missing = [
        c.header for c in spec.COLUMNS if c.key in ("kode", "realisasi") and c.key not in found
    ]
    known = {j for js in found.values() for j in js}
    unknown = [
        (f"{col_letter(j)}{r}", str(c.value).strip())
        for j, c in sorted(cells.items())
        if j not in known and isinstance(c.value, str) and c.value.strip()
    ]
    named = ", ".join(f"'{text}' (sel {ref})" for ref, text in unknown)
    raise FormRefused(
        f"Baris judul kolom di sheet '{spec.SHEET_DATA}' baris {r} tidak lengkap: kolom "
        + " dan ".join(f"'{m}'" for m in missing)
        + " tidak ada"
        + (f"; judul yang tidak dikenal: {named}" if named else "")
        + ".",
        "Kembalikan judul kolom seperti pada formulir asli (jangan mengganti atau menghapus "
        "judul kolom), lalu kirim ulang.",
        spec.SHEET_DATA,
        unknown[0][0] if unknown else f"A{r}",
    )


def _header_year(text: Any) -> int | None:
    years = [w for w in _words(str(text or ""))[1:] if re.fullmatch(r"(19|20)\d\d", w)]
    return int(years[0]) if years else None


def _two_years(found: dict[str, list[int]], cells: dict[int, Any]) -> None:
    """Two Realisasi columns of different years (``Realisasi 2024`` and ``Realisasi``, a plain
    one meaning the form's year): the earlier is the last-year column. This holds when the
    form's metadata year is missing or wrong, so such a form is refused for its year, not for
    a doubled column."""
    js = found.get("realisasi", [])
    if len(js) != 2 or "realisasi_lalu" in found:
        return
    years = {j: _header_year(cells[j].value) or 10_000 for j in js}
    if len(set(years.values())) == 2:
        earlier = min(js, key=years.__getitem__)
        found["realisasi"] = [j for j in js if j != earlier]
        found["realisasi_lalu"] = [earlier]


def _check_duplicate_headers(found: dict[str, list[int]], r: int) -> None:
    for key, js in found.items():
        if len(js) > 1:
            header = next(c.header for c in spec.COLUMNS if c.key == key)
            cells = " dan ".join(f"{col_letter(j)}{r}" for j in js)
            raise FormRefused(
                f"Kolom '{header}' ada lebih dari satu (sel {cells}), jadi tidak jelas mana "
                "yang harus dibaca. Formulir ditolak.",
                f"Hapus kolom tambahan; isi '{header}' hanya di kolom aslinya, lalu kirim ulang.",
                spec.SHEET_DATA,
                f"{col_letter(js[1])}{r}",
            )


# -- judging ---------------------------------------------------------------------------------


def _percent_format(fmt: str) -> bool:
    """True when a number format shows values as percentages (``0%``, ``0.00%``)."""
    outside_quotes = "".join(part for i, part in enumerate(fmt.split('"')) if i % 2 == 0)
    return "%" in outside_quotes.replace("\\%", "")


def clean_text(value: Any) -> str | None:
    """Cell value → safe text: no control characters openpyxl refuses, length capped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        text = value.strftime("%d/%m/%Y %H.%M") if value.time() != dt.time() else ""
        text = text or value.strftime("%d/%m/%Y")
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", text).strip()
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return text or None


def read_number(cell: RawCell) -> float:
    """The realisasi of a cell; :class:`ValueError` (Indonesian) when it is not a number."""
    v = cell.value
    if cell.problem:
        raise ValueError(f"tidak dapat dibaca: sel {cell.problem}. Ketik ulang angkanya.")
    if cell.is_formula or (isinstance(v, str) and v.startswith("=")):
        raise ValueError(
            f"berisi rumus ({str(v)[:40]}), bukan angka. Ketik angka hasilnya "
            "(salin sel, lalu Tempel Spesial > Nilai)."
        )
    if isinstance(v, bool):
        raise ValueError(f"'{'TRUE' if v else 'FALSE'}' bukan angka. Ketik angka realisasi.")
    if isinstance(v, dt.datetime | dt.date | dt.time):
        raise ValueError(
            "berisi tanggal/jam, bukan angka. Ketik angka realisasi (Excel mungkin mengubah "
            "'1.5' menjadi tanggal; ketik 1,5)."
        )
    if isinstance(v, int | float):
        x = float(v)
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError("bukan angka yang sah. Ketik angka realisasi.")
        return x * 100 if _percent_format(cell.number_format) else x
    result = parse_number(str(v))
    if result is None:
        raise ValueError("kosong.")
    return result


def narrative_text(cell: RawCell | None) -> tuple[str | None, tuple[str, str] | None]:
    """(text, None) for a narrative cell, or (None, (pesan, perbaikan)) when it cannot be taken:
    a formula, or longer than :data:`lkjip_xl.domain.narasi.MAX_LENGTH` characters."""
    from lkjip_xl.domain.narasi import MAX_LENGTH

    if cell is None:
        return None, None
    v = cell.value
    if cell.is_formula or (isinstance(v, str) and v.lstrip().startswith("=")):
        return None, (
            f"berisi rumus ({str(v)[:40]}), bukan uraian.",
            "Ketik uraiannya sebagai teks biasa, tanpa tanda '=' di depan.",
        )
    raw = "" if v is None else str(v)
    if len(raw.strip()) > MAX_LENGTH:
        return None, (
            f"uraian terlalu panjang ({format_id(len(raw.strip()), 0)} karakter; paling banyak "
            f"{format_id(MAX_LENGTH, 0)}).",
            "Persingkat uraiannya; rincian panjang dapat dikirim sebagai bukti dukung.",
        )
    return clean_text(v), None


MAX_PERCENT = 1000.0
"""A percentage above this is a typing slip (thousands vs decimal separator), not a result."""
MAX_VALUE = 1e12
"""No realisasi is larger (the form's data validation allows up to this)."""
CEILING_TIMES_TARGET = 1000
"""A count more than this many times its target is held as implausible."""


def _is_percent_unit(ind: spec.Indicator) -> bool:
    return "%" in ind.satuan or "persen" in ind.satuan.casefold()


def _hundred_scale(ind: spec.Indicator) -> bool:
    """A percentage, or an IKM/SAKIP value (both on a 0–100 scale)."""
    return _is_percent_unit(ind) or ind.jenis in ("IKM", "SAKIP")


FAR_FROM_TARGET = 100
"""A count this many times above (or below 1/this of) its target may be a separator slip."""


def _thousands_reading(value: float, target: float) -> tuple[float, str] | None:
    """The other reading of a count far from its target, when its text could have been one.

    12,5 for a target of 12.000 may be '12.500' typed with the English decimal point
    (→ 12.500); 12.500 for a target of 12 may be '12,500' typed with the English thousands
    comma (→ 12,5). ``(other value, how it may have been typed)`` or None.
    """
    if value <= 0 or target <= 0:
        return None
    thousandths = value * 1000
    three_decimals = abs(thousandths - round(thousandths)) < 1e-6 * max(1.0, thousandths)
    if value * FAR_FROM_TARGET < target and not float(value).is_integer() and three_decimals:
        whole, frac = divmod(round(thousandths), 1000)
        return float(round(thousandths)), f"{whole}.{frac:03d}"
    if value > FAR_FROM_TARGET * target and float(value).is_integer() and value >= 1000:
        whole, frac = divmod(int(value), 1000)
        return value / 1000, f"{whole},{frac:03d}"
    return None


def range_problem(ind: spec.Indicator, value: float) -> tuple[str, str] | None:
    """(pesan, perbaikan) when a realisasi is outside what its indicator can take."""
    shown = format_id(value) if abs(value) < MAX_VALUE else f"{value:.3g}"
    if value < 0:
        return (
            f"Realisasi {shown} negatif; realisasi indikator tidak boleh kurang dari 0.",
            "Periksa angkanya; tulis 0 bila memang tidak ada kejadian.",
        )
    if value > MAX_VALUE:
        return (
            f"Realisasi {shown} terlalu besar untuk angka realisasi (lebih dari "
            f"{format_id(MAX_VALUE, 0)}).",
            "Ketik angka realisasi yang sebenarnya, mis. 80 atau 80,5.",
        )
    if ind.jenis in ("IKM", "SAKIP") and value > 100:
        return (
            f"Nilai {ind.jenis} {shown} di luar skala 0–100.",
            "Tulis nilai pada skala 0–100, mis. 84,9 (koma untuk desimal).",
        )
    if _is_percent_unit(ind) and value > MAX_PERCENT:
        return (
            f"Persentase {shown}% tidak masuk akal (lebih dari {format_id(MAX_PERCENT, 0)}%).",
            "Periksa pemisah desimal: tulis 96,4 (koma), bukan 9640 atau 9.640.",
        )
    return None


def reading_problem(ind: spec.Indicator, cell: RawCell, value: float) -> tuple[str, str] | None:
    """(pesan, perbaikan) when the cell can be read two ways and the form cannot tell which.

    Held (not taken) with both readings shown: a percent-formatted cell on an indicator that
    is not a percentage; a fraction (≤ 1) on a percentage indicator whose target is above 1;
    a count far above its target.
    """
    percent_cell = _percent_format(cell.number_format) or (
        isinstance(cell.value, str) and "%" in cell.value
    )
    counted = not _is_percent_unit(ind) and ind.jenis not in ("IKM", "SAKIP")
    if counted and _percent_format(cell.number_format) and isinstance(cell.value, int | float):
        raw = float(cell.value)
        return (
            f"Perlu dicek: sel berformat persen, jadi tampil {format_id(value)}%, padahal "
            f"satuan indikator ini '{ind.satuan}'. Dibaca sebagai persen: {format_id(value)}; "
            f"dibaca sebagai angka yang diketik: {format_id(raw)}.",
            f"Ubah format sel menjadi 'Umum' (General) lalu ketik angka dalam satuan "
            f"'{ind.satuan}', mis. {format_id(raw)}.",
        )
    target = ind.target or 0
    if _hundred_scale(ind) and not percent_cell and 0 < value <= 1 < target:
        pct = "%" if _is_percent_unit(ind) else ""
        what = "persen" if pct else ind.jenis
        unknown = "" if cell.format_known else " (format sel di file ini tidak dapat dibaca)"
        return (
            f"Perlu dicek: realisasi {format_id(value)} pada indikator {what} dengan target "
            f"{format_id(target)}{pct}{unknown}. Dibaca apa adanya: {format_id(value)}{pct}; "
            f"dibaca sebagai pecahan: {format_id(value * 100)}{pct}.",
            f"Bila maksudnya {format_id(value * 100)}{pct}, tulis {format_id(value * 100)}; "
            f"bila memang {format_id(value)}{pct}, tulis '{format_id(value)}%' (dengan tanda %).",
        )
    other = _thousands_reading(value, target) if counted else None
    if other is not None:
        alt, typed = other
        far = (
            f"lebih dari {FAR_FROM_TARGET} kali target"
            if value > target
            else f"kurang dari 1/{FAR_FROM_TARGET} target"
        )
        return (
            f"Perlu dicek: realisasi {format_id(value)} {far} {format_id(target)} "
            f"{ind.satuan}; mungkin pemisah ribuan dan desimal tertukar. Dibaca apa adanya: "
            f"{format_id(value)}; dibaca sebagai '{typed}' dengan pemisah "
            f"{'ribuan' if alt > value else 'desimal'} Indonesia: {format_id(alt)}.",
            f"Tulis angkanya dengan cara Indonesia (titik untuk ribuan, koma untuk desimal), "
            f"mis. {format_id(alt if alt > value else value, 0 if alt > value else 2)}, di sel "
            "berformat Teks atau Umum.",
        )
    if counted and target > 0 and value > CEILING_TIMES_TARGET * target:
        return (
            f"Perlu dicek: realisasi {format_id(value)} lebih dari "
            f"{format_id(CEILING_TIMES_TARGET, 0)} kali target {format_id(target)} "
            f"{ind.satuan}; mungkin salah ketik (pemisah ribuan/desimal).",
            "Periksa angkanya; tulis 1.234,5 untuk seribu dua ratus tiga puluh empat koma lima.",
        )
    return None


def _addr(form: RawForm, key: str, row: int) -> str:
    col = form.columns.get(key)
    return f"{col_letter(col)}{row}" if col else str(row)


def validate_form(
    form: RawForm,
    profile: Profile,
    assigned: dict[str, list[spec.Indicator]],
    file: str,
    triwulan: int | None = None,
) -> FormCheck:
    """Judge a read form against the workbook's profile and Format Data.

    ``triwulan``: the import is of quarter forms of that quarter (``assigned`` then carries
    the quarter's targets); an annual form, or a form of another quarter, is refused.
    """
    check = FormCheck()
    try:
        _check_identity(form, profile, assigned, check)
        _check_quarter(form, triwulan, check)
    except FormRefused as exc:
        check.status = "ditolak"
        check.errors.append(
            CellProblem(exc.pesan, exc.perbaikan, file, exc.sheet or spec.SHEET_META, exc.cell)
        )
        return check
    expected = assigned[check.unit]
    if not any(k in r.cells for r in form.rows for k in spec.INPUT_KEYS) and not any(
        r.extra for r in form.rows
    ):
        raise FormSkipped(
            f"Formulir {check.unit_nama} ini masih kosong (belum ada isian); dilewati, status "
            "unit tidak berubah."
        )
    _check_visible(form, profile, check, file)
    _check_visible_quarter(form, triwulan, check, file)
    if form.extra_headers and any(r.extra for r in form.rows):
        named = (
            ", ".join(
                f"'{h}' (sel {col_letter(j)}{form.header_row})" if h else f"kolom {col_letter(j)}"
                for j, h in sorted(form.extra_headers.items())
                if any(j in r.extra for r in form.rows)
            )
            or "di luar tabel"
        )
        check.catatan.append(
            f"Kolom yang tidak dikenal formulir: {named}. Isinya tidak dibuang: ditambahkan ke "
            "Keterangan indikator pada baris yang sama."
        )
    check.catatan += _last_year_edits(form, profile.tahun, {i.kode for i in expected})
    meta_sum = form.meta.get("checksum", "")
    if meta_sum != spec.indicator_checksum(expected):
        check.catatan.append(
            "Format Data di workbook berubah sejak formulir ini dibuat; baris dibandingkan "
            "dengan Format Data yang sekarang."
        )
    sheet = spec.SHEET_DATA

    def problem(pesan: str, perbaikan: str, key: str, row: int) -> None:
        check.errors.append(CellProblem(pesan, perbaikan, file, sheet, _addr(form, key, row)))

    missing_cols = [
        c.header
        for c in spec.COLUMNS
        if c.key in ("kode", "realisasi") and c.key not in form.columns
    ]
    if missing_cols:  # pragma: no cover - header detection requires both
        raise AssertionError(missing_cols)

    want = {i.kode: i for i in expected}
    kode_rows: dict[str, list[int]] = {}
    for raw in form.rows:
        kode = clean_text(raw.cells["kode"].value) if "kode" in raw.cells else None
        if kode:
            kode_rows.setdefault(kode, []).append(raw.row)
    seen: set[str] = set()
    for raw in form.rows:
        kode = clean_text(raw.cells["kode"].value) if "kode" in raw.cells else None
        if not kode:
            if any(k in raw.cells for k in spec.INPUT_KEYS) or raw.extra:
                problem(
                    "baris tanpa kode indikator; isinya tidak dapat dicocokkan.",
                    "Isi realisasi hanya pada baris indikator yang sudah ada; jangan menambah "
                    "baris.",
                    "kode",
                    raw.row,
                )
            continue
        if len(kode_rows[kode]) > 1:
            others = ", ".join(str(r) for r in kode_rows[kode] if r != raw.row)
            problem(
                f"kode {visible(kode)} muncul lebih dari sekali (juga di baris {others}); "
                "baris ini tidak diambil.",
                "Biarkan satu baris per indikator seperti formulir asli.",
                "kode",
                raw.row,
            )
            seen.add(kode)
            continue
        ind = want.get(kode)
        if ind is None:
            problem(
                f"kode {visible(kode)} bukan indikator yang diminta dari {check.unit_nama}.",
                "Jangan mengubah kolom Kode; pakai formulir asli unit Anda.",
                "kode",
                raw.row,
            )
            continue
        seen.add(kode)
        ok = True
        for key, label, have, should in (
            ("indikator", "Indikator", raw.cells.get("indikator"), ind.indikator),
            ("satuan", "Satuan", raw.cells.get("satuan"), ind.satuan),
        ):
            got = clean_text(have.value) if have else None
            if (got or "") != should:
                problem(
                    f"{label} diubah: tertulis '{visible(got or '')}', seharusnya '{should}'.",
                    f"Kembalikan {label.lower()} seperti semula (kolom ini dikunci), "
                    "atau hubungi Subbag Program bila memang keliru.",
                    key,
                    raw.row,
                )
                ok = False
        have_t = raw.cells.get("target")
        if spec.number_text(have_t.value if have_t else None) != spec.number_text(ind.target):
            problem(
                f"Target diubah: tertulis '{visible(have_t.value if have_t else '')}', seharusnya "
                f"'{spec.number_text(ind.target).replace('.', ',')}'.",
                "Kembalikan target seperti semula; target ditetapkan di Format Data.",
                "target",
                raw.row,
            )
            ok = False
        real = raw.cells.get("realisasi")
        value: float | None = None
        if real is None:
            problem(
                "Realisasi belum diisi.",
                "Isi angka realisasi, mis. 80 atau 80,5.",
                "realisasi",
                raw.row,
            )
            check.blanked.append(kode)
            ok = False
        else:
            try:
                value = read_number(real)
            except ValueError as exc:
                problem(
                    f"Realisasi {exc}",
                    "Tulis realisasi dengan angka, mis. 80 atau 80,5 (koma untuk desimal).",
                    "realisasi",
                    raw.row,
                )
                ok = False
        if value is not None and (bad := range_problem(ind, value)):
            problem(*bad, "realisasi", raw.row)
            ok = False
        elif value is not None and real is not None and (two := reading_problem(ind, real, value)):
            problem(*two, "realisasi", raw.row)
            ok = False
        narasi: dict[str, str | None] = {}
        for key in spec.NARRATIVE_KEYS:
            text, bad_text = narrative_text(raw.cells.get(key))
            if bad_text:
                header = next(c.header for c in spec.COLUMNS if c.key == key)
                problem(f"{header}: {bad_text[0]}", bad_text[1], key, raw.row)
                ok = False
            narasi[key] = text
        keputusan = None
        if triwulan:
            flag = raw.cells.get("keputusan")
            typed = (clean_text(flag.value) or "").casefold() if flag else ""
            keputusan = "Ya" if typed in ("ya", "y", "yes", "1", "true", "perlu") else "Tidak"
        if ok and value is not None:
            check.rows.append(
                AcceptedRow(
                    kode=kode,
                    indikator=ind.indikator,
                    satuan=ind.satuan,
                    target=ind.target,
                    realisasi=value,
                    keterangan=_with_extra(
                        clean_text(raw.cells["keterangan"].value)
                        if "keterangan" in raw.cells
                        else None,
                        raw,
                        form,
                    ),
                    bukti=clean_text(raw.cells["bukti"].value) if "bukti" in raw.cells else None,
                    row=raw.row,
                    narasi=narasi,
                    keputusan=keputusan,
                )
            )
    for ind in expected:
        if ind.kode not in seen:
            check.errors.append(
                CellProblem(
                    f"indikator {ind.kode} ({ind.indikator}) tidak ada di formulir.",
                    "Jangan menghapus baris; isi realisasinya pada formulir asli.",
                    file,
                    sheet,
                    "",
                )
            )
    if form.truncated:
        check.errors.append(
            CellProblem(
                f"sheet berisi lebih dari {MAX_ROWS} baris; sisanya tidak dibaca.",
                "Hapus baris yang bukan bagian formulir.",
                file,
                sheet,
            )
        )
    if not check.rows:
        check.status = "ditolak"
    elif check.errors:
        check.status = "sebagian"
    else:
        check.status = "diterima"
    return check


def _last_year_edits(form: RawForm, tahun: int, kodes: set[str]) -> list[str]:
    """Notes for figures a unit typed over the read-only last-year column (never imported).

    The form's metadata holds what the column showed (``realisasi_lalu``); a cell that now
    says something else is named, so the Kasubbag can check Realisasi N-1 in Format Data.
    """
    import json

    col = form.columns.get("realisasi_lalu")
    try:
        shown = json.loads(form.meta.get("realisasi_lalu", ""))
    except ValueError:
        return []
    if col is None or not isinstance(shown, dict):
        return []

    def norm(value: Any) -> str:
        text = spec.number_text(value)
        return "" if text in ("", "-") else text

    header = f"Realisasi {tahun - 1}"
    notes: list[str] = []
    for raw in form.rows:
        kode = clean_text(raw.cells["kode"].value) if "kode" in raw.cells else None
        if not kode or kode not in kodes or kode not in shown:
            continue
        cell = raw.cells.get("realisasi_lalu")
        typed = cell.value if cell is not None else None
        if norm(typed) != norm(shown[kode]):
            was = str(shown[kode]).replace(".", ",") or "-"
            now = visible(clean_text(typed) or "") or "(kosong)"
            notes.append(
                f"{kode}: kolom '{header}' (sel {col_letter(col)}{raw.row}) diubah menjadi "
                f"'{now}' (semula '{was}'). Kolom ini hanya pembanding dan tidak diimpor; bila "
                f"realisasi {tahun - 1} memang keliru, perbaiki Realisasi N-1 di sheet Format "
                "Data."
            )
    return notes


def _with_extra(text: str | None, raw: RawRow, form: RawForm) -> str | None:
    """Keterangan plus the text of columns the form does not know (``Catatan: …``)."""
    parts = [text] if text else []
    for j, cell in sorted(raw.extra.items()):
        value = clean_text(cell.value)
        if value:
            label = form.extra_headers.get(j) or f"Kolom {col_letter(j)}"
            parts.append(f"{label}: {value}")
    joined = " | ".join(parts)
    if len(joined) > MAX_TEXT:
        joined = joined[: MAX_TEXT - 1] + "…"
    return joined or None


def _check_visible(form: RawForm, profile: Profile, check: FormCheck, file: str) -> None:
    """Hold the form when the unit or year it shows disagrees with its hidden identity."""
    shown_unit = form.visible.get("unit")
    if shown_unit is not None:
        cell, value = shown_unit
        text = clean_text(value) or ""
        if " ".join(text.split()).casefold() != " ".join(check.unit_nama.split()).casefold():
            check.hold.append(
                CellProblem(
                    f"Perlu dicek: formulir ini dibuat untuk {check.unit_nama}, tetapi unit "
                    f"yang tertulis di sheet adalah '{visible(text)}'. Mungkin unit lain mengisi "
                    f"formulir {check.unit_nama}; data tidak dipakai sebelum dipastikan.",
                    f"Tanyakan kepada {check.unit_nama} dan unit '{text}'. Bila benar data "
                    f"{check.unit_nama}, impor ulang file ini dengan --paksa; bila bukan, minta "
                    "unit itu mengisi formulirnya sendiri.",
                    file,
                    spec.SHEET_DATA,
                    cell,
                )
            )
    shown_year = form.visible.get("tahun")
    if shown_year is not None:
        cell, value = shown_year
        text = clean_text(value) or ""
        if text != str(profile.tahun):
            check.hold.append(
                CellProblem(
                    f"Perlu dicek: tahun yang tertulis di sheet '{text}', sedangkan formulir ini "
                    f"untuk tahun {profile.tahun}. Data tidak dipakai sebelum dipastikan tahun "
                    "realisasinya.",
                    f"Tanyakan kepada {check.unit_nama}. Bila data tahun {profile.tahun}, impor "
                    "ulang file ini dengan --paksa; bila bukan, minta data tahun "
                    f"{profile.tahun}.",
                    file,
                    spec.SHEET_DATA,
                    cell,
                )
            )


def _quarter_name(triwulan: int) -> str:
    return f"triwulan {spec.ROMAWI[triwulan]}"


def _check_quarter(form: RawForm, triwulan: int | None, check: FormCheck) -> None:
    """Refuse a quarter form in the annual import, an annual form in a quarter's import, and a
    form of another quarter: each goes only to its own home (Kiriman or Realisasi Triwulan)."""
    got = spec.quarter_of(form.meta)
    if got == triwulan:
        return
    who = check.unit_nama or "unit"
    if triwulan is None:
        assert got is not None
        raise FormRefused(
            f"Formulir {who} ini formulir {_quarter_name(got)} (pemantauan triwulanan), bukan "
            "formulir LKjIP tahunan; datanya tidak dimasukkan ke sheet Kiriman.",
            f"Impor file ini dengan 'lkjip forms import --triwulan {got}' (tombol Impor "
            f"Triwulan, pilih {got}); datanya masuk ke sheet Realisasi Triwulan.",
            spec.SHEET_DATA,
            "C2",
        )
    if got is None:
        raise FormRefused(
            f"Formulir {who} ini formulir LKjIP tahunan, bukan formulir "
            f"{_quarter_name(triwulan)}; datanya tidak dimasukkan ke sheet Realisasi Triwulan.",
            "Impor file ini tanpa --triwulan ('lkjip forms import'), atau minta unit mengisi "
            f"formulir {_quarter_name(triwulan)} yang dikirim (lkjip forms email --triwulan "
            f"{triwulan}).",
            spec.SHEET_DATA,
            "A1",
        )
    raise FormRefused(
        f"Formulir {who} ini untuk {_quarter_name(got)}, sedangkan yang diimpor sekarang "
        f"{_quarter_name(triwulan)}. Formulir ditolak: triwulan tidak sesuai.",
        f"Impor file ini dengan 'lkjip forms import --triwulan {got}', atau minta unit "
        f"mengisi formulir {_quarter_name(triwulan)}.",
        spec.SHEET_DATA,
        "C2",
    )


def _check_visible_quarter(
    form: RawForm, triwulan: int | None, check: FormCheck, file: str
) -> None:
    """Hold a quarter form whose visible Triwulan cell was changed to another quarter."""
    shown = form.visible.get("triwulan")
    if not triwulan or shown is None:
        return
    cell, value = shown
    text = (clean_text(value) or "").split("(")[0].strip().upper()
    if text in (spec.ROMAWI[triwulan], str(triwulan)):
        return
    check.hold.append(
        CellProblem(
            f"Perlu dicek: triwulan yang tertulis di sheet '{visible(clean_text(value) or '')}', "
            f"sedangkan formulir ini untuk {_quarter_name(triwulan)}. Data tidak dipakai "
            "sebelum dipastikan triwulannya.",
            f"Tanyakan kepada {check.unit_nama}. Bila data {_quarter_name(triwulan)}, impor "
            "ulang file ini dengan --paksa; bila bukan, minta formulir triwulan yang benar.",
            file,
            spec.SHEET_DATA,
            cell,
        )
    )


def _check_identity(
    form: RawForm,
    profile: Profile,
    assigned: dict[str, list[spec.Indicator]],
    check: FormCheck,
) -> None:
    meta = form.meta
    if not meta:
        raise FormRefused(
            "File ini bukan formulir LKjIP yang dibuat oleh aplikasi (data pengenal formulir "
            "tidak ada).",
            "Isi formulir yang dikirimkan kepada unit Anda; jangan menyalin isian ke file baru.",
        )
    kode = meta.get("kode_unit", "")
    units = {u.kode: u for u in profile.unit}
    if kode in units and meta.get("id_workbook") == spec.workbook_id(profile):
        # Name the sender even when the form is refused below (e.g. last year's form).
        check.unit, check.unit_nama = kode, units[kode].nama
    version = meta.get("versi_formulir", "")
    if version not in spec.ACCEPTED_VERSIONS:
        raise FormRefused(
            f"Versi formulir '{version or '-'}' tidak sesuai (seharusnya {spec.FORM_VERSION}).",
            "Kirim ulang formulir versi terbaru kepada unit ini (lkjip forms email).",
        )
    tahun = meta.get("tahun", "").strip()
    if tahun != str(profile.tahun):
        raise FormRefused(
            f"Formulir ini untuk tahun {tahun or '-'}, sedangkan workbook menyusun LKjIP tahun "
            f"{profile.tahun}. Formulir ditolak: tahun tidak sesuai.",
            f"Minta unit mengisi formulir tahun {profile.tahun} yang baru dikirim.",
            spec.SHEET_DATA,
            f"C{spec.YEAR_ROW}",
        )
    wid = meta.get("id_workbook", "")
    if wid != spec.workbook_id(profile):
        raise FormRefused(
            f"Formulir ini dibuat dari workbook lain ('{wid or '-'}'), bukan workbook "
            f"{profile.opd} ('{spec.workbook_id(profile)}').",
            "Impor formulir ini ke workbook OPD yang membuatnya, atau kirim formulir baru.",
        )
    if kode not in units:
        raise FormRefused(
            f"Unit '{meta.get('nama_unit') or kode or '-'}' pada formulir tidak ada di tabel Unit "
            "(sheet Pengaturan). Formulir ditolak: unit tidak sesuai.",
            "Periksa tabel Unit di Pengaturan, atau kirim formulir baru kepada unit tersebut.",
            spec.SHEET_DATA,
            f"C{spec.UNIT_ROW}",
        )
    if kode not in assigned:
        raise FormRefused(
            f"Tidak ada indikator untuk {units[kode].nama} di Format Data sekarang, jadi "
            "formulir ini tidak dapat diambil.",
            "Periksa kolom Penanggung Jawab di sheet Format Data.",
        )
