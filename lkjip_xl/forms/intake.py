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
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from lkjip_xl.domain.numbers import format_id, parse_number
from lkjip_xl.errors import CellProblem
from lkjip_xl.forms import spec
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile

Status = Literal["diterima", "ditolak", "sebagian"]

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


@dataclass
class RawRow:
    row: int
    cells: dict[str, RawCell]


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


# -- reading ---------------------------------------------------------------------------------


def read_form(data: bytes) -> RawForm:
    """Read the cells of a form (bytes already checked by :mod:`lkjip_xl.forms.safety`)."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False, keep_vba=False
        )
    except Exception as exc:  # openpyxl raises many kinds on broken parts
        raise FormRefused(
            f"File tidak dapat dibaca sebagai spreadsheet ({type(exc).__name__}).",
            "Buka file di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang.",
        ) from None
    try:
        sheets = list(wb.sheetnames)
        if spec.SHEET_DATA not in sheets:
            raise FormRefused(
                f"Sheet '{spec.SHEET_DATA}' tidak ada di file ini.",
                "Pakai formulir yang dikirimkan kepada unit Anda; jangan mengganti nama sheet "
                "atau menyalin isian ke file lain.",
            )
        meta: dict[str, str] = {}
        if spec.SHEET_META in sheets:
            for i, values in enumerate(wb[spec.SHEET_META].iter_rows(values_only=True)):
                if i > 200:
                    break
                if len(values) >= 2 and values[0] is not None:
                    meta[str(values[0]).strip()] = "" if values[1] is None else str(values[1])
        ws = wb[spec.SHEET_DATA]
        header_row = 0
        columns: dict[str, int] = {}
        rows: list[RawRow] = []
        by_header = {c.header.casefold(): c.key for c in spec.COLUMNS}
        truncated = False
        for r, row in enumerate(ws.iter_rows(), start=1):
            if not header_row:
                if r > _HEADER_SCAN:
                    break
                names = {
                    str(c.value).strip().casefold(): j
                    for j, c in enumerate(row, start=1)
                    if isinstance(c.value, str)
                }
                if "kode" in names and "realisasi" in names:
                    header_row = r
                    columns = {by_header[h]: j for h, j in names.items() if h in by_header}
                continue
            if r > header_row + MAX_ROWS:
                truncated = True
                break
            cells: dict[str, RawCell] = {}
            for key, j in columns.items():
                if j > len(row):
                    continue
                c = row[j - 1]
                if c.value is None:
                    continue
                cells[key] = RawCell(
                    value=c.value,
                    number_format=getattr(c, "number_format", None) or "General",
                    is_formula=getattr(c, "data_type", "") == "f",
                )
            if any(k != "no" for k in cells):
                rows.append(RawRow(r, cells))
        if not header_row:
            raise FormRefused(
                f"Baris judul kolom (Kode, Indikator, ..., Realisasi) tidak ditemukan di sheet "
                f"'{spec.SHEET_DATA}'.",
                "Pakai formulir asli; jangan menghapus atau mengganti judul kolom.",
                spec.SHEET_DATA,
            )
        return RawForm(sheets, meta, header_row, columns, rows, truncated)
    finally:
        wb.close()


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


def range_problem(ind: spec.Indicator, value: float) -> tuple[str, str] | None:
    """(pesan, perbaikan) when a realisasi is outside what its indicator can take."""
    shown = format_id(value)
    if value < 0:
        return (
            f"Realisasi {shown} negatif; realisasi indikator tidak boleh kurang dari 0.",
            "Periksa angkanya; tulis 0 bila memang tidak ada kejadian.",
        )
    if ind.jenis in ("IKM", "SAKIP") and value > 100:
        return (
            f"Nilai {ind.jenis} {shown} di luar skala 0–100.",
            "Tulis nilai pada skala 0–100, mis. 84,9 (koma untuk desimal).",
        )
    if "%" in ind.satuan and value > MAX_PERCENT:
        return (
            f"Persentase {shown}% tidak masuk akal (lebih dari {format_id(MAX_PERCENT, 0)}%).",
            "Periksa pemisah desimal: tulis 96,4 (koma), bukan 9640 atau 9.640.",
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
) -> FormCheck:
    """Judge a read form against the workbook's profile and Format Data."""
    check = FormCheck()
    try:
        _check_identity(form, profile, assigned, check)
    except FormRefused as exc:
        check.status = "ditolak"
        check.errors.append(
            CellProblem(exc.pesan, exc.perbaikan, file, exc.sheet or spec.SHEET_META, exc.cell)
        )
        return check
    expected = assigned[check.unit]
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
            if any(k in raw.cells for k in spec.INPUT_KEYS):
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
                f"kode {kode} muncul lebih dari sekali (juga di baris {others}); baris ini tidak "
                "diambil.",
                "Biarkan satu baris per indikator seperti formulir asli.",
                "kode",
                raw.row,
            )
            seen.add(kode)
            continue
        ind = want.get(kode)
        if ind is None:
            problem(
                f"kode {kode} bukan indikator yang diminta dari {check.unit_nama}.",
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
                    f"{label} diubah: tertulis '{got or ''}', seharusnya '{should}'.",
                    f"Kembalikan {label.lower()} seperti semula (kolom ini dikunci), "
                    "atau hubungi Subbag Program bila memang keliru.",
                    key,
                    raw.row,
                )
                ok = False
        have_t = raw.cells.get("target")
        if spec.number_text(have_t.value if have_t else None) != spec.number_text(ind.target):
            problem(
                f"Target diubah: tertulis '{have_t.value if have_t else ''}', seharusnya "
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
        narasi: dict[str, str | None] = {}
        for key in spec.NARRATIVE_KEYS:
            text, bad_text = narrative_text(raw.cells.get(key))
            if bad_text:
                header = next(c.header for c in spec.COLUMNS if c.key == key)
                problem(f"{header}: {bad_text[0]}", bad_text[1], key, raw.row)
                ok = False
            narasi[key] = text
        if ok and value is not None:
            check.rows.append(
                AcceptedRow(
                    kode=kode,
                    indikator=ind.indikator,
                    satuan=ind.satuan,
                    target=ind.target,
                    realisasi=value,
                    keterangan=clean_text(raw.cells["keterangan"].value)
                    if "keterangan" in raw.cells
                    else None,
                    bukti=clean_text(raw.cells["bukti"].value) if "bukti" in raw.cells else None,
                    row=raw.row,
                    narasi=narasi,
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
