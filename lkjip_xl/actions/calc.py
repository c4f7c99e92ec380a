"""Calculation actions: read raw SKM responses from a file and compute the IKM.

The file part lives here because :mod:`lkjip_xl.domain` does no I/O. Every
problem in the file becomes an :class:`~lkjip_xl.errors.LkjipError` naming the
file, the sheet and each bad cell by its spreadsheet address (header row as
it is in the file, e.g. ``F7``).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

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

_SPREADSHEET = {".xlsx", ".xlsm"}
_HEADER_U1 = re.compile(r"^u\s*0*1(?![0-9])", re.IGNORECASE)


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


def column_letter(index: int) -> str:
    """Column letter of a 0-based column index: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_csv_rows(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    if b"\0" in raw[:4096]:
        raise LkjipError(
            f"File {path.name} bukan file CSV (isinya biner). Simpan ulang sebagai CSV "
            "atau berikan file .xlsx/.xlsm."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise LkjipError(f"File {path.name} tidak dapat dibaca sebagai teks CSV.")
    sample = text[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _read_workbook_rows(path: Path) -> tuple[str, list[list[object]]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for a broken file
        raise LkjipError(
            f"File {path.name} bukan file Excel yang sah atau rusak ({type(exc).__name__}). "
            "Buka dan simpan ulang di Excel sebagai .xlsx, atau ekspor sebagai CSV."
        ) from None
    names = workbook.sheet_names
    if not names:
        raise LkjipError(f"File {path.name} tidak memiliki sheet.")
    wanted = next((n for n in names if n.strip().casefold() == SKM_SHEET.casefold()), names[0])
    try:
        rows = workbook.get_sheet_by_name(wanted).to_python(skip_empty_area=False)
    except Exception as exc:
        raise LkjipError(
            f"Sheet '{wanted}' pada file {path.name} tidak dapat dibaca ({type(exc).__name__})."
        ) from None
    return wanted, rows


def read_skm_file(path: str | Path) -> tuple[pd.DataFrame, SheetInfo]:
    """Read raw SKM responses from a .csv, .xlsx or .xlsm file.

    From a workbook the sheet named ``SKM`` is read (else the first sheet) with
    python-calamine. The header row is the first row with a ``U1`` cell (title
    rows above it are skipped); fully empty rows below it are skipped. The
    DataFrame's index is the spreadsheet row number of each response, and its
    columns are the header texts. Values are as stored (numbers as floats, text
    as str, empty cells as None); nothing is converted yet.
    """
    path = Path(path)
    name = path.name
    if not path.exists():
        raise LkjipError(f"File {path} tidak ditemukan. Periksa nama dan foldernya.")
    if path.is_dir():
        raise LkjipError(f"{path} adalah folder, bukan file SKM (.csv, .xlsx atau .xlsm).")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sheet, rows = "", _read_csv_rows(path)
    elif suffix in _SPREADSHEET:
        sheet, rows = _read_workbook_rows(path)
    else:
        raise LkjipError(
            f"File {name} bukan spreadsheet atau CSV (jenis '{path.suffix or 'tanpa ekstensi'}'). "
            "Berikan file .csv, .xlsx atau .xlsm berisi jawaban SKM."
        )

    header_index = next(
        (
            i
            for i, row in enumerate(rows)
            if any(isinstance(v, str) and _HEADER_U1.match(v.strip()) for v in row)
        ),
        None,
    )
    where = f"file {name}" + (f", sheet '{sheet}'" if sheet else "")
    if header_index is None:
        raise LkjipError(
            f"Judul kolom U1 tidak ditemukan pada {where}.",
            [
                CellProblem(
                    "Tidak ada baris judul dengan kolom U1, U2, … (satu kolom per unsur).",
                    "Tambahkan satu baris judul berisi U1 … U9 (atau 'U1 Persyaratan', …) "
                    "di atas jawaban responden.",
                    file=name,
                    sheet=sheet,
                )
            ],
        )

    header_row = rows[header_index]
    width = max((len(r) for r in rows[header_index:]), default=0)
    headers: list[str] = []
    letters: dict[str, str] = {}
    seen: set[str] = set()
    problems: list[CellProblem] = []
    for j in range(width):
        value = header_row[j] if j < len(header_row) else None
        text = "" if _is_blank(value) else str(value).strip()
        letter = column_letter(j)
        if not text:
            text = f"(kolom {letter})"
        elif text.casefold() in seen:
            problems.append(
                CellProblem(
                    f"Judul kolom '{text}' muncul lebih dari sekali.",
                    "Beri setiap kolom judul yang berbeda.",
                    file=name,
                    sheet=sheet,
                    cell=f"{letter}{header_index + 1}",
                )
            )
        seen.add(text.casefold())
        headers.append(text)
        letters[text] = letter
    if problems:
        raise LkjipError(f"Judul kolom ganda pada {where}.", problems)

    data: list[list[object]] = []
    index: list[int] = []
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        cells = [None if _is_blank(v) else v for v in row] + [None] * (width - len(row))
        if all(v is None for v in cells):
            continue
        data.append(cells[:width])
        index.append(i + 1)
    frame = pd.DataFrame(data, columns=headers, index=pd.Index(index, name="baris"), dtype=object)
    info = SheetInfo(file=name, sheet=sheet, header_row=header_index + 1, columns=letters)
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


def ikm_from_file(
    path: str | Path,
    *,
    regulasi: str = "2017",
    bobot: str = "exact",
    gabungan: str = "pooled",
    unit_column: str | None = None,
    populasi: int | None = None,
) -> ikm_domain.IkmResult:
    """IKM from a file of raw SKM responses (see :func:`read_skm_file`).

    ``unit_column`` names the unit layanan column; without it a column named
    ``Unit Layanan`` is used when present. Every answer that is not 1..4, a–d
    or a label, and every response without a unit, is reported by cell.
    """
    frame, info = read_skm_file(path)
    where = _where(info)
    try:
        columns = ikm_domain.match_unsur_columns(frame.columns, regulasi)
    except LkjipError as exc:
        raise LkjipError(
            f"{exc.pesan.rstrip('.')} ({where}, baris judul {info.header_row}).",
            [
                _problem(
                    info,
                    _header_range(info),
                    exc.pesan,
                    "Tambahkan atau perbaiki judul kolom unsur pada baris judul.",
                )
            ],
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

    normalized, bad = ikm_domain.normalize_answers(frame, regulasi)
    problems = [
        _problem(
            info,
            f"{info.columns[b.column]}{b.row_index}",
            f"jawaban {b.unsur} '{_shown(b.value)}' tidak sah.",
            "Isi dengan angka 1–4, huruf a–d, atau label jawaban (mis. 'Sangat sesuai'); "
            "kosongkan bila tidak dijawab.",
        )
        for b in bad
    ]
    if unit is not None:
        answered = normalized[list(columns)].notna().any(axis=1)
        for b in bad:  # a row with only bad answers still belongs to a respondent
            answered.loc[b.row_index] = True
        unit_values = frame[unit]
        blank_unit = unit_values.map(lambda v: v is None or not str(v).strip()) & answered
        letter = info.columns[unit]
        problems.extend(
            _problem(
                info,
                f"{letter}{row}",
                f"kolom '{unit}' kosong padahal baris ini berisi jawaban.",
                "Isi nama unit layanan (mis. 'Kelurahan Pakistaji').",
            )
            for row in frame.index[blank_unit.to_numpy()]
        )
    if problems:
        problems.sort(key=lambda p: (_row_of(p.cell), len(p.cell), p.cell))
        raise LkjipError(
            f"Data SKM pada {where} berisi {len(problems)} sel yang tidak sah. "
            "IKM tidak dihitung sebelum semua sel diperbaiki.",
            problems,
        )
    try:
        return ikm_domain.compute_ikm(
            normalized,
            regulasi=regulasi,
            bobot=bobot,
            gabungan=gabungan,
            unit_column=unit,
            populasi=populasi,
        )
    except LkjipError as exc:
        raise LkjipError(f"{exc.pesan.rstrip('.')} ({where}).", exc.problems) from None


def _shown(value: object) -> str:
    """A cell value as the user typed it: 5 not 5.0, 2,5 not 2.5."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    return str(value)


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
