"""Build the workbook from code: ``lkjip build-workbook``.

Order (see DESIGN.md): pyOpenVBA creates the macro-enabled package and
compiles the VBA modules from ``lkjip_xl/vba/*.bas``; openpyxl adds the
sheets and saves with ``keep_vba=True`` (``vbaProject.bin`` stays
byte-identical); the ribbon part is injected last (:func:`finalize_package`).

Everything a sheet shows comes from :mod:`lkjip_xl.workbook.schema` (tables,
columns, validations) plus the computed sheets laid out here (Beranda, IKM,
Capaian). The output is deterministic: the same profile gives the same cells,
formulas, names, validations, VBA source and ribbon XML.

Protection: every sheet but ``xlwings.conf`` is protected without a password.
Input columns are unlocked with a *column* style (no per-cell cost), so data
can be typed on any row; formula cells and headers stay locked. Excel cannot
grow a table on a protected sheet, so input tables reserve rows, and rows
typed below a table are still read by Python and counted by the formulas
(they use whole-column ranges).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.domain.ikm import UNSUR_2004, UNSUR_2017
from lkjip_xl.domain.narasi import EXTRA_PREFIX
from lkjip_xl.domain.profile import Profile, default_profile
from lkjip_xl.domain.worktime import BULAN
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook import styles as st
from lkjip_xl.workbook import year_labels
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.persiapan import CHECKS, OFFICIAL_ROLES, PROFILE_REQUIRED
from lkjip_xl.workbook.profile_io import (
    OPTION_LABELS,
    PROFILE_KEYS,
    key_label,
    profile_to_tables,
)

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

VBA_DIR = Path(__file__).resolve().parent.parent / "vba"
VBA_MAIN_MODULE = "LKjIP_Ribbon"

INPUT_ROWS = 5000
"""Rows below a header that get data validation (input is unlocked on every row)."""
LAST_ROW = 1048576
"""Whole-column ranges end here (Excel's last row)."""
LOOKUP_ROWS = 5000
"""Array-style lookups (Kiriman by Kode) look at this many rows below the header."""
MAX_UNITS = 100
"""Rows of the Unit table the helper lists look at."""
IKM_UNIT_ROWS = 15
"""Unit layanan rows on the IKM sheet."""
CAPAIAN_ROWS = 60
"""Indicator rows on the Capaian sheet."""
BERANDA_UNIT_ROWS = 15
"""Unit rows in the Beranda submissions block."""
PERSIAPAN_TOP = 9
"""Beranda: first row of the Persiapan checklist (section title two rows above)."""
STEP_TOP = PERSIAPAN_TOP + len(CHECKS) + 5
"""Beranda: row of SOP step 1 (steps 1-8 on consecutive rows), below Persiapan."""
UNIT_TOP = STEP_TOP + 12
"""Beranda: first row of the submissions-per-unit block."""
DEADLINE_CELL = "I29"
"""Beranda: the LKjIP deadline (Pengaturan's Batas penyampaian, else end of February)."""

# Reserved empty rows per input table on a fresh workbook (tables cannot grow while the
# sheet is protected; rows typed below are read all the same).
RESERVED_ROWS: dict[str, int] = {
    S.PEJABAT.name: 8,
    S.UNIT.name: 16,
    S.LIBUR.name: 12,
    S.FORMAT.name: 30,
    S.SKM_T.name: 200,
    S.IKM_OLAHAN_T.name: 16,
    S.ANGGARAN_T.name: 40,
    S.TAHAPAN_T.name: 8,
}

HIDDEN_HELPER_COLS = ("W", "X", "Y", "Z", "AA", S.HOLIDAY_COL)
"""Pengaturan helper lists (unit layanan, units that fill forms) behind the dropdowns."""

NAME_TAHUN = "LKjIP_Tahun"
NAME_OPD = "LKjIP_OPD"
NAME_BOBOT_ATURAN = "Aturan_IKMBobot"
NAME_GABUNGAN = "Aturan_IKMGabungan"
NAME_CAPAIAN_TURUN = "Aturan_CapaianTurun"
IS_MEAN = (
    f'OR(LOWER({NAME_GABUNGAN}&"")="mean",'
    f'{NAME_GABUNGAN}&""="{OPTION_LABELS["ikm_gabungan"]["mean"]}")'
)
"""Formula: the overall IKM is the mean of the units (label, or the code of older workbooks)."""
NAME_CAPAIAN_BATAS = "Aturan_CapaianBatas"
NAME_DAFTAR_UNIT = "DaftarUnit"
NAME_DAFTAR_LAYANAN = "DaftarUnitLayanan"
NAME_IKM_BOBOT = "IKM_Bobot"
NAME_IKM_POPULASI = "IKM_Populasi"
NAME_IKM_SAMPEL = "IKM_SampelMinimum"
NAME_IKM_KINERJA = "IKM_Kinerja"
NAME_SAKIP_TAHUN = "SAKIP_Tahun"
NAME_SAKIP_INTERPRETASI = "SAKIP_Interpretasi"

IKM_POPULASI_CELL = "B10"
"""IKM sheet: the input cell for the number of service users in the year (sample check)."""

UNSUR_NAMES: dict[str, dict[str, str]] = {"2017": UNSUR_2017, "2004": UNSUR_2004}
"""Unsur names shown on the IKM sheet: the engine's own."""

MUTU_EDGES: dict[str, tuple[float, float, float]] = {
    "2017": (88.31, 76.61, 65.00),
    "2004": (81.26, 62.51, 43.76),
}
"""Lowest konversi (rounded to 2 decimals) of mutu A, B, C (DOMAIN.md §4)."""

REGULASI_LABEL = {
    "2017": "PermenPAN-RB No. 14 Tahun 2017",
    "2004": "KepMenPAN No. 25 Tahun 2004",
}

STEP_HINTS: tuple[str, ...] = (
    "Camat memberi disposisi; catat dengan tombol Mulai/Selesai Langkah 1.",
    "Isi sheet Format Data, lalu tombol Buat Formulir dan Siapkan/Kirim E-mail.",
    "Simpan formulir yang kembali di folder kotak_masuk, lalu tombol Impor Kiriman.",
    "Tombol Periksa Isian, Hitung, lalu Buat Draft LKjIP.",
    "Sekcam mengoreksi draft; perbaiki data lalu buat ulang dokumen.",
    "Sampaikan dokumen terkoreksi kepada Camat untuk persetujuan.",
    "Camat menandatangani; tombol Dokumen Final (PDF).",
    "Tombol Surat Pengantar, gandakan, lalu Arsipkan dan kirim ke Bagian Organisasi.",
)

STATUS_LATE = "Melebihi mutu baku"
STATUS_RUNNING = "Berjalan"
STATUS_ON_TIME = "Tepat waktu"

KINERJA = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}


# --------------------------------------------------------------------------------------------
# references


def q(sheet: str) -> str:
    """A sheet name as it appears in a formula (quoted when it has spaces or symbols)."""
    if sheet.replace("_", "").isalnum():
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def col_range(table: S.Table, key: str, last: int = LAST_ROW) -> str:
    """Absolute reference to a table column's data cells, e.g. ``SKM!$I$5:$I$1048576``."""
    c = col_letter(table.col_index(key))
    return f"{q(table.sheet)}!${c}${table.header_row + 1}:${c}${last}"


def lookup_range(table: S.Table, key: str) -> str:
    return col_range(table, key, table.header_row + LOOKUP_ROWS)


def profile_value(key: str) -> str:
    """Formula text giving the Nilai of a tblProfil key (robust to reordered rows)."""
    t = S.PROFIL
    last = t.header_row + 200
    return f'INDEX({col_range(t, "nilai", last)},MATCH("{key}",{col_range(t, "kunci", last)},0))'


# --------------------------------------------------------------------------------------------
# the builder


@dataclass
class _Ctx:
    wb: Workbook
    profile: Profile
    skm: S.Table
    regulasi: str
    olahan: S.Table

    @property
    def unsur(self) -> list[str]:
        return list(UNSUR_NAMES[self.regulasi])


def build_workbook(out: Path, profile: Profile | None = None) -> Path:
    """Write a new workbook for ``profile`` (default: the shipped Wonoasih profile) to ``out``."""
    import openpyxl

    from lkjip_xl.workbook.package import finalize_package

    profile = profile or default_profile()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _create_vba_package(out)
    wb = openpyxl.load_workbook(out, keep_vba=True)
    regulasi = profile.aturan.ikm_regulasi
    ctx = _Ctx(
        wb=wb,
        profile=profile,
        skm=S.skm_table(regulasi),
        regulasi=regulasi,
        olahan=S.ikm_olahan_table(regulasi),
    )

    wb.worksheets[0].title = S.BERANDA
    for spec in S.SHEETS[1:]:
        wb.create_sheet(spec.name)
    for i, ws in enumerate(wb.worksheets):  # each sheet's document module (_create_vba_package)
        ws.sheet_properties.codeName = sheet_code_name(i)
    values = profile_to_tables(profile)
    values[S.TAHAPAN_T.name] = _sop_rows(profile)
    values[S.NARASI_T.name] = narasi_rows(profile)

    for spec in S.SHEETS:
        ws = wb[spec.name]
        if spec.kind == "system":
            _build_conf(ws)
            continue
        _title(ws, spec)
        for table in spec.tables:
            if table.name == S.SKM_T.name:
                table = ctx.skm
            elif table.name == S.IKM_OLAHAN_T.name:
                table = ctx.olahan
            _build_table(ws, table, values.get(table.name, []))
    _build_pengaturan_extras(ctx)
    _build_format_extras(ctx)
    _build_kiriman_extras(ctx)
    _build_sakip_extras(ctx)
    _build_tahapan_extras(ctx)
    _build_anggaran_extras(ctx)
    _build_ikm(ctx)
    _build_capaian(ctx)
    _build_beranda(ctx)
    _define_names(ctx)
    for spec in S.SHEETS:
        _finish_sheet(wb[spec.name], spec, ctx)
    year_labels.apply_openpyxl(wb, profile)
    wb.active = 0
    props = wb.properties
    props.creator = "lkjip_xl"
    props.lastModifiedBy = "lkjip_xl"
    props.title = f"LKjIP {profile.opd} {profile.tahun}"
    props.subject = "Laporan Kinerja Instansi Pemerintah"
    wb.save(out)
    finalize_package(out)
    return out


# --------------------------------------------------------------------------------------------
# VBA


def vba_sources() -> dict[str, str]:
    """Module name → VBA source (CRLF line endings) of every ``lkjip_xl/vba/*.bas`` file."""
    out: dict[str, str] = {}
    for path in sorted(VBA_DIR.glob("*.bas")):
        text = path.read_text(encoding="ascii")
        out[path.stem] = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return out


SHEET_DOCUMENT_BASE = "0{00020820-0000-0000-C000-000000000046}"
"""``VB_Base`` of a worksheet's document module (MS-OVBA; what Excel writes)."""


def sheet_code_name(index: int) -> str:
    """Code name of the sheet at 0-based ``index``, as Excel names a new sheet's module."""
    return f"Sheet{index + 1}"


def _create_vba_package(out: Path) -> None:
    from pyopenvba import ExcelFile

    xf = ExcelFile.create_new(out)
    try:
        project = xf.vba_project()
        project.delete_module("Module1")
        # A document module for every sheet (the template has ThisWorkbook and Sheet1): a sheet
        # without one makes Excel add it on open and then ask to save an untouched workbook.
        from pyopenvba._new_project import document_header
        from pyopenvba.vba import VBAModuleKind as _Kind

        present = {m.name.casefold() for m in project.modules}
        documents = [sheet_code_name(i) for i in range(len(S.SHEETS))]
        missing = [n for n in documents if n.casefold() not in present]
        # declared "Document=<name>/&H00000000" in the PROJECT stream, not "Class="
        xf._document_names = {*getattr(xf, "_document_names", set()), *map(str.casefold, missing)}
        for name in missing:
            project.add_module(name, document_header(name, SHEET_DOCUMENT_BASE), kind=_Kind.other)
        for name, source in vba_sources().items():
            project.add_module(name, source)
        from lkjip_xl.workbook.controls import vba_label_module

        project.add_module("LKjIP_Tombol", vba_label_module())
        # xlwings' standalone VBA from the installed package, and the UDF wrappers: buttons and
        # UDFs work without the add-in (see lkjip_xl.workbook.xlwings_vba).
        from pyopenvba.vba import VBAModuleKind

        from lkjip_xl.workbook.xlwings_vba import all_modules

        for module in all_modules():
            kind = VBAModuleKind.other if module.is_class else VBAModuleKind.standard
            project.add_module(module.name, module.source, kind=kind)
        xf.save()
    finally:
        xf.close()
    _set_vba_project_version(out)


VBA_PROJECT_VERSION = b"\xff\xff"
"""MS-OVBA 2.3.4.1: ``_VBA_PROJECT`` Version "MUST be 0xFFFF on write" (Office then compiles
the project from its source instead of trusting a cache made by another VBA build)."""


def _set_vba_project_version(path: Path) -> None:
    """Write the ``_VBA_PROJECT`` version bytes MS-OVBA asks of a writer into the package."""
    import zipfile

    from pyopenvba.cfb import CFB

    entry = "xl/vbaProject.bin"
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i.filename) for i in infos}
    cfb = CFB.from_bytes(parts[entry])
    stream = bytearray(cfb.get_stream_in_storage("VBA", "_VBA_PROJECT"))
    if stream[:2] != b"\xcc\x61" or stream[2:4] == VBA_PROJECT_VERSION:
        return
    stream[2:4] = VBA_PROJECT_VERSION
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", bytes(stream))
    parts[entry] = cfb.to_bytes()
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            out.writestr(info, parts[info.filename])
    tmp.replace(path)


# --------------------------------------------------------------------------------------------
# common sheet pieces


def _title(ws: Worksheet, spec: S.Sheet) -> None:
    ws["A1"] = spec.title
    ws["A1"].font = st.font(size=16, bold=True, color=st.NAVY)
    ws.row_dimensions[1].height = 26
    ws["A2"] = spec.description
    ws["A2"].font = st.font(italic=True, color=st.GREY)
    if spec.tab_color:
        ws.sheet_properties.tabColor = spec.tab_color


def _header_cell(cell: Any, text: str) -> None:
    from openpyxl.styles import Alignment

    cell.value = text
    cell.font = st.font(bold=True, color=st.WHITE)
    cell.fill = st.fill(st.NAVY)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = st.thin_border(st.WHITE)


def _section(ws: Worksheet, cell: str, text: str) -> None:
    ws[cell] = text
    ws[cell].font = st.font(size=12, bold=True, color=st.NAVY)


def _build_table(ws: Worksheet, table: S.Table, rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.table import Table as XTable
    from openpyxl.worksheet.table import TableStyleInfo

    kind = S.sheet(table.sheet).kind
    title = ws.cell(table.header_row - 1, table.first_col, table.title)
    title.font = st.font(bold=True, size=11, color=st.NAVY)
    ws.row_dimensions[table.header_row].height = 30
    for j, col in enumerate(table.columns):
        _header_cell(ws.cell(table.header_row, table.first_col + j), col.header)
        letter = col_letter(table.first_col + j)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        fmt = st.column_format(col)
        if fmt != "General":
            dim.number_format = fmt
        if col.is_typed and kind == "input":
            dim.protection = st.unlocked()
    n_rows = max(len(rows), table.min_rows, RESERVED_ROWS.get(table.name, 1))
    first = table.header_row + 1
    for i in range(n_rows):
        r = first + i
        row = rows[i] if i < len(rows) else {}
        for j, col in enumerate(table.columns):
            cell = ws.cell(r, table.first_col + j)
            if col.formula:
                cell.value = col.formula.format(r=r)
                cell.font = st.font(italic=True, color="404040")
                cell.fill = st.fill(st.LIGHT_GREY)
            elif i < len(rows):
                value = row.get(col.key)
                cell.value = value
                if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                    cell.data_type = "s"
                    cell.quotePrefix = True
            if col.is_typed and kind == "input":
                cell.protection = st.unlocked()
                cell.fill = st.fill(st.INPUT_YELLOW)  # the input colour, as on the unit forms
            elif kind == "imported" and not col.formula:
                cell.fill = st.fill(st.IMPORTED)  # filled by an import: locked, not yellow
            fmt = st.column_format(col)
            if fmt != "General" and (col.formula or i < len(rows)):
                cell.number_format = fmt
            if i < len(rows):
                cell.alignment = Alignment(wrap_text=st.wraps(col.type, col.width), vertical="top")
    last = table.header_row + n_rows
    ref = (
        f"{col_letter(table.first_col)}{table.header_row}:"
        f"{col_letter(table.first_col + len(table.columns) - 1)}{last}"
    )
    xt = XTable(displayName=table.name, ref=ref)
    xt.tableStyleInfo = TableStyleInfo(
        name=st.TABLE_STYLE, showRowStripes=True, showColumnStripes=False
    )
    ws.add_table(xt)
    _validations(ws, table)


# --------------------------------------------------------------------------------------------
# data validation


def _dv(**kw: Any) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(showErrorMessage=True, showInputMessage=True, **kw)


def _validations(ws: Worksheet, table: S.Table) -> None:
    if S.sheet(table.sheet).kind != "input":
        return
    first = table.header_row + 1
    last = table.header_row + INPUT_ROWS
    for col in table.input_columns:
        letter = col_letter(table.col_index(col.key))
        dv = column_validation(col)
        if dv is None:
            continue
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(dv)


def _limit(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def column_validation(col: S.Column) -> Any | None:
    """The data validation of one input column (None for free text)."""
    title = _limit(col.header, 32)
    note = col.note
    if col.type == "choice" and col.choices:
        listing = ", ".join(col.choices)
        dv = _dv(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True)
        dv.error = f"Pilih salah satu: {listing}."
        note = note or f"Pilih dari daftar: {listing}."
    elif col.type == "choice" and col.choices_ref:
        dv = _dv(type="list", formula1=col.choices_ref, allow_blank=True)
        dv.error = (
            "Pilih nama unit dari daftar. Daftar unit diisi di sheet Pengaturan (tabel Unit)."
        )
        note = note or "Pilih dari daftar unit (sheet Pengaturan)."
    elif col.type == "int":
        lo = -2147483647 if col.min is None else int(col.min)
        hi = 2147483647 if col.max is None else int(col.max)
        dv = _dv(type="whole", operator="between", formula1=str(lo), formula2=str(hi))
        if col.min is not None and col.max is not None:
            dv.error = f"Isi bilangan bulat {lo} sampai {hi}."
        else:
            dv.error = "Isi bilangan bulat (tanpa huruf atau desimal)."
        dv.allow_blank = True
    elif col.type in ("number", "percent"):
        lo_f = -1e15 if col.min is None else col.min
        hi_f = 1e15 if col.max is None else col.max
        dv = _dv(type="decimal", operator="between", formula1=_num(lo_f), formula2=_num(hi_f))
        if col.min is not None and col.max is not None:
            dv.error = f"Isi angka {_num_id(lo_f)} sampai {_num_id(hi_f)}."
        elif col.min is not None:
            dv.error = f"Isi angka {_num_id(lo_f)} atau lebih."
        else:
            dv.error = "Isi angka (gunakan koma desimal sesuai pengaturan Excel Anda)."
        dv.allow_blank = True
    elif col.type in ("date", "datetime"):
        # 1 Jan 2000 .. 31 Dec 2100 as Excel serial numbers.
        dv = _dv(type="date", operator="between", formula1="36526", formula2="73415")
        dv.error = "Isi tanggal yang sah (dd/mm/yyyy) antara tahun 2000 dan 2100."
        dv.allow_blank = True
        note = note or (
            "Tanggal (dd/mm/yyyy)." if col.type == "date" else "Tanggal dan jam (dd/mm/yyyy jj:mm)."
        )
    elif col.type == "email":
        return None  # checked by 'lkjip periksa' (a custom formula would need the cell address)
    else:
        return None
    dv.errorTitle = _limit(f"Isian {col.header} tidak sah", 32)
    dv.errorStyle = "stop"
    if note:
        dv.promptTitle = title
        dv.prompt = _limit(note, 255)
    else:
        dv.showInputMessage = False
    dv.error = _limit(dv.error, 255)
    return dv


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _num_id(x: float) -> str:
    return _num(x).replace(".", ",")


# --------------------------------------------------------------------------------------------
# Pengaturan


def _build_pengaturan_extras(ctx: _Ctx) -> None:
    from openpyxl.styles import Alignment

    ws = ctx.wb[S.PENGATURAN]
    t = S.PROFIL
    # Row-specific dropdowns for rule settings in tblProfil.
    options = {
        "ikm_regulasi": ("2017", "2004"),
        "sakip_skema": ("2021", "2015"),
        "capaian_turun": ("selisih", "rasio"),
        "penandatangan_surat": ("Camat", "Sekcam a.n. Camat"),
        "reviu_dilakukan": S.YA_TIDAK,
        "tampilkan_pemantauan_sop": S.YA_TIDAK,
        **{key: tuple(labels.values()) for key, labels in OPTION_LABELS.items()},
    }
    nilai = col_letter(t.col_index("nilai"))
    for i, key in enumerate(PROFILE_KEYS):
        r = t.header_row + 1 + i
        ws.cell(r, t.col_index("keterangan")).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(r, t.col_index("kunci")).protection = st.locked()
        ws.cell(r, t.col_index("keterangan")).protection = st.locked()
        if key in options:
            dv = _dv(type="list", formula1='"' + ",".join(options[key]) + '"', allow_blank=False)
            dv.error = f"Pilih salah satu: {', '.join(options[key])}."
            dv.errorTitle = "Pilihan tidak sah"
            dv.promptTitle = _limit(key_label(key), 32)
            dv.prompt = _limit(PROFILE_KEYS[key][1], 255)
            dv.add(f"{nilai}{r}")
            ws.add_data_validation(dv)
        elif key in ("tahun",):
            dv = _dv(type="whole", operator="between", formula1="2000", formula2="2100")
            dv.error = "Isi tahun kinerja, mis. 2025."
            dv.errorTitle = "Tahun tidak sah"
            dv.showInputMessage = False
            dv.add(f"{nilai}{r}")
            ws.add_data_validation(dv)
    # Users read the Keterangan (which starts with a human label); the key column the reader
    # needs is hidden, so the sheet title moves one column right.
    ws.column_dimensions[col_letter(t.col_index("kunci"))].hidden = True
    for r in (1, 2, t.header_row - 1):
        ws.cell(r, 2).value = ws.cell(r, 1).value
        ws.cell(r, 2).font = copy.copy(ws.cell(r, 1).font)
    # The Kunci and Keterangan columns are not for editing (and so not yellow).
    from openpyxl.styles import PatternFill

    for key in ("kunci", "keterangan"):
        ws.column_dimensions[col_letter(t.col_index(key))].protection = st.locked()
        for r in range(t.header_row + 1, t.header_row + 1 + len(PROFILE_KEYS)):
            ws.cell(r, t.col_index(key)).fill = PatternFill(fill_type=None)

    # Helper lists behind the dropdowns (hidden columns W..AA).
    u = S.UNIT
    first = u.header_row + 1
    last = u.header_row + MAX_UNITS
    kode = col_letter(u.col_index("kode"))
    nama = col_letter(u.col_index("nama"))
    jenis = col_letter(u.col_index("jenis"))
    layanan = col_letter(u.col_index("unit_layanan"))
    heads = {
        "W": "No. unit layanan",
        "X": "Daftar unit layanan SKM",
        "Y": "No. unit formulir",
        "Z": "Daftar unit pengisi formulir",
        "AA": "Kode unit formulir",
        S.HOLIDAY_COL: "Hari libur (diisi otomatis)",
    }
    ws.cell(u.header_row - 1, 23, "Daftar otomatis untuk pilihan (jangan diubah)")
    for letter, text in heads.items():
        _header_cell(ws[f"{letter}{u.header_row}"], text)
    for r in range(first, last + 1):
        ws[f"W{r}"] = (
            f'=IF(AND(${nama}{r}<>"",LOWER(TRIM(${layanan}{r}))<>"tidak"),'
            f'MAX(W${u.header_row}:W{r - 1})+1,"")'
        )
        k = r - first + 1
        ws[f"X{r}"] = _nth(nama, "W", k, first, last)
        ws[f"Y{r}"] = (
            f'=IF(AND(${nama}{r}<>"",LOWER(TRIM(${jenis}{r}))<>"kecamatan"),'
            f'MAX(Y${u.header_row}:Y{r - 1})+1,"")'
        )
        ws[f"Z{r}"] = _nth(nama, "Y", k, first, last)
        ws[f"AA{r}"] = _nth(kode, "Y", k, first, last)
    for letter in HIDDEN_HELPER_COLS:
        ws.column_dimensions[letter].hidden = True
        ws.column_dimensions[letter].width = 24
    for letter in ("D", "K", "S", "V"):
        ws.column_dimensions[letter].width = 3


def _nth(values: str, ranks: str, k: int, first: int, last: int) -> str:
    """The value in column ``values`` on the row whose rank (column ``ranks``) is ``k``."""
    return (
        f"=IFERROR(INDEX(${values}${first}:${values}${last},"
        f'MATCH({k},${ranks}${first}:${ranks}${last},0)),"")'
    )


def helper_list(letter: str, k: int) -> str:
    """Reference to the k-th entry (1-based) of a Pengaturan helper list column."""
    return f"{q(S.PENGATURAN)}!${letter}${S.UNIT.header_row + k}"


# --------------------------------------------------------------------------------------------
# input sheets: conditional formatting


def _cf_fill(rgb: tuple[str, str]) -> dict[str, Any]:
    from openpyxl.styles.differential import DifferentialStyle  # noqa: F401

    return {"fill": st.fill(rgb[0]), "font": st.font(color=rgb[1])}


def _cf_text(ws: Worksheet, rng: str, formula: str, colours: tuple[str, str]) -> None:
    from openpyxl.formatting.rule import FormulaRule

    ws.conditional_formatting.add(
        rng,
        FormulaRule(formula=[formula], stopIfTrue=False, **_cf_fill(colours)),
    )


def _cf_equal(ws: Worksheet, rng: str, value: str, colours: tuple[str, str]) -> None:
    from openpyxl.formatting.rule import CellIsRule

    ws.conditional_formatting.add(
        rng, CellIsRule(operator="equal", formula=[f'"{value}"'], **_cf_fill(colours))
    )


def _build_format_extras(ctx: _Ctx) -> None:
    ws = ctx.wb[S.FORMAT_DATA]
    t = S.FORMAT
    first = t.header_row + 1
    last = t.header_row + INPUT_ROWS
    kode = col_letter(t.col_index("kode"))
    # No realisation yet from any source (the Capaian sheet's row mirrors this one).
    _cf_text(
        ws,
        f"{kode}{first}:{kode}{min(last, t.header_row + CAPAIAN_ROWS)}",
        f'=AND(${kode}{first}<>"",{q(S.CAPAIAN)}!$H{first}="")',
        st.ORANGE,
    )
    ws.cell(
        2,
        8,
        "Kode berwarna jingga: belum ada realisasi (Kiriman, SKM/SAKIP atau Realisasi Koreksi).",
    ).font = st.font(italic=True, color=st.ORANGE[1])


def _build_kiriman_extras(ctx: _Ctx) -> None:
    ws = ctx.wb[S.KIRIMAN]
    t = S.KIRIMAN_T
    first = t.header_row + 1
    last = t.header_row + INPUT_ROWS
    status = col_letter(t.col_index("status"))
    end = col_letter(t.first_col + len(t.columns) - 1)
    rng = f"A{first}:{end}{last}"
    _cf_text(ws, rng, f'=${status}{first}="Ditolak"', st.RED)
    _cf_text(ws, rng, f'=${status}{first}="Diganti"', (st.LIGHT_GREY, st.GREY))


def _build_sakip_extras(ctx: _Ctx) -> None:
    ws = ctx.wb[S.SAKIP]
    t = S.SAKIP_T
    first = t.header_row + 1
    last = t.header_row + INPUT_ROWS
    pred = col_letter(t.col_index("predikat"))
    for grade, colours in st.PREDIKAT_COLOURS.items():
        _cf_equal(ws, f"{pred}{first}:{pred}{last}", grade, colours)
    # Current-year summary (defined names SAKIP_Nilai, SAKIP_Predikat).
    tahun = col_range(t, "tahun", t.header_row + LOOKUP_ROWS)
    _section(ws, "L3", "Nilai SAKIP tahun laporan")
    labels = [
        ("Tahun laporan", f"={NAME_TAHUN}"),
        (
            "Nilai SAKIP",
            f"=IFERROR(INDEX({col_range(t, 'nilai', t.header_row + LOOKUP_ROWS)},"
            f'MATCH(M4,{tahun},0)),"")',
        ),
        (
            "Predikat",
            f"=IFERROR(INDEX({col_range(t, 'predikat', t.header_row + LOOKUP_ROWS)},"
            f'MATCH(M4,{tahun},0)),"")',
        ),
        (
            "Interpretasi",
            f"=IFERROR(INDEX({col_range(t, 'interpretasi', t.header_row + LOOKUP_ROWS)},"
            f'MATCH(M4,{tahun},0)),"")',
        ),
        (
            "Keterangan",
            f'=IF(M5="","Belum ada nilai SAKIP untuk tahun "&M4&": isi baris tahun itu di '
            f'tabel.",IF(COUNTIF({tahun},M4)>1,"Tahun "&M4&" diisi lebih dari sekali: '
            f'dipakai baris pertama.",""))',
        ),
    ]
    for i, (label, formula) in enumerate(labels):
        r = 4 + i
        ws[f"L{r}"] = label
        ws[f"L{r}"].font = st.font(bold=True)
        ws[f"M{r}"] = formula
        ws[f"M{r}"].fill = st.fill(st.LIGHT_BLUE)
        ws[f"M{r}"].border = st.thin_border()
    ws["M5"].number_format = st.DECIMAL2
    ws["M5"].font = st.font(bold=True, size=14, color=st.NAVY)
    ws["M6"].font = st.font(bold=True, size=14, color=st.NAVY)
    for grade, colours in st.PREDIKAT_COLOURS.items():
        _cf_equal(ws, "M6", grade, colours)
    ws.column_dimensions["K"].width = 3
    ws.column_dimensions["L"].width = 16
    ws.column_dimensions["M"].width = 22
    from openpyxl.styles import Alignment

    ws["M8"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[8].height = 45
    _section(ws, "L10", "Predikat (PermenPAN-RB 88/2021)")
    table = [
        ("> 90 – 100", "AA", "Sangat Memuaskan"),
        ("> 80 – 90", "A", "Memuaskan"),
        ("> 70 – 80", "BB", "Sangat Baik"),
        ("> 60 – 70", "B", "Baik"),
        ("> 50 – 60", "CC", "Cukup (Memadai)"),
        ("> 30 – 50", "C", "Kurang"),
        ("0 – 30", "D", "Sangat Kurang"),
    ]
    _header_cell(ws["L11"], "Nilai")
    _header_cell(ws["M11"], "Predikat / Interpretasi")
    for i, (rng, grade, meaning) in enumerate(table):
        ws[f"L{12 + i}"] = rng
        ws[f"M{12 + i}"] = f"{grade} – {meaning}"


def _build_anggaran_extras(ctx: _Ctx) -> None:
    """A total row above the header (always in view; rows below the table are data)."""
    from openpyxl.styles import Alignment

    ws = ctx.wb[S.ANGGARAN]
    t = S.ANGGARAN_T
    r = t.header_row - 1
    pagu, real = col_letter(t.col_index("pagu")), col_letter(t.col_index("realisasi"))
    label = ws.cell(r, t.col_index("tingkat"), "Jumlah")
    label.alignment = Alignment(horizontal="right")
    # Kegiatan sit under their Program: with Program rows, only those are added up.
    tingkat = col_range(t, "tingkat")
    for letter, key in ((pagu, "pagu"), (real, "realisasi")):
        ws[f"{letter}{r}"] = (
            f'=IF(COUNTIF({tingkat},"Program")>0,SUMIFS({col_range(t, key)},{tingkat},"Program"),'
            f"SUM({col_range(t, key)}))"
        )
    note = ws.cell(r, t.col_index("keterangan"), "Jumlah baris tingkat Program (bila ada)")
    note.font = st.font(italic=True, color=st.GREY)
    serapan = col_letter(t.col_index("serapan"))
    ws[f"{serapan}{r}"] = f'=IF(N({pagu}{r})>0,{real}{r}/{pagu}{r}*100,"")'
    for col, fmt in ((pagu, "#,##0"), (real, "#,##0"), (serapan, st.DECIMAL2)):
        ws[f"{col}{r}"].number_format = fmt
    for c in range(t.col_index("tingkat"), t.col_index("serapan") + 1):
        cell = ws.cell(r, c)
        cell.font = st.font(bold=True, color=st.NAVY)
        cell.fill = st.fill(st.LIGHT_BLUE)
        cell.border = st.thin_border()
    ws.row_dimensions[r].height = 20


def _build_tahapan_extras(ctx: _Ctx) -> None:
    ws = ctx.wb[S.TAHAPAN]
    t = S.TAHAPAN_T
    first = t.header_row + 1
    last = t.header_row + INPUT_ROWS
    status = col_letter(t.col_index("status"))
    end = col_letter(t.first_col + len(t.columns) - 1)
    rng = f"A{first}:{end}{last}"
    _cf_text(ws, rng, f'=${status}{first}="{STATUS_LATE}"', st.RED)
    _cf_text(ws, rng, f'=${status}{first}="{STATUS_RUNNING}"', st.AMBER)
    _cf_text(ws, rng, f'=${status}{first}="{STATUS_ON_TIME}"', st.GREEN)


def narasi_rows(profile: Profile) -> list[dict[str, Any]]:
    """The Narasi sheet's rows: one per topic, with the profile's (or a generic) starting text."""
    from lkjip_xl.domain.narasi import TOPICS, default_text

    return [
        {
            "kunci": t.key,
            "bagian": t.bagian,
            "judul": t.judul,
            "isi": default_text(t.key, profile.narasi) or None,
            "petunjuk": t.petunjuk + ("" if t.wajib else " (boleh kosong)"),
        }
        for t in TOPICS
    ]


def _sop_rows(profile: Profile) -> list[dict[str, Any]]:
    """The eight SOP steps for tblTahapan on a fresh workbook (no events yet)."""
    try:
        from lkjip_xl.domain import sop
        from lkjip_xl.domain.worktime import WorkCalendar
    except ImportError:  # pragma: no cover - before the SOP module landed
        return []
    day_minutes = WorkCalendar.from_profile(profile).day_minutes
    return sop.blank_sheet_rows(sop.steps_for(profile), day_minutes)


# --------------------------------------------------------------------------------------------
# IKM


def mutu_formula(ref: str, regulasi: str = "2017") -> str:
    """Formula body (no ``=``) giving the mutu A–D of a konversi, decided on ROUND(ref, 2)."""
    a_edge, b_edge, c_edge = MUTU_EDGES[regulasi]
    return (
        f'IF({ref}="","",IF(ROUND({ref},2)>={a_edge:.2f},"A",IF(ROUND({ref},2)>={b_edge:.2f},"B",'
        f'IF(ROUND({ref},2)>={c_edge:.2f},"C","D"))))'
    )


def kinerja_formula(ref: str) -> str:
    """Formula body giving the kinerja text of a mutu letter."""
    return (
        f'IF({ref}="","",IF({ref}="A","{KINERJA["A"]}",IF({ref}="B","{KINERJA["B"]}",'
        f'IF({ref}="C","{KINERJA["C"]}","{KINERJA["D"]}"))))'
    )


def kategori_formula(ref: str) -> str:
    """Formula body giving the capaian kategori (Permendagri 86/2017) on ROUND(ref, 2)."""
    return (
        f'IF({ref}="","",IF(ROUND({ref},2)>=91,"Sangat Tinggi",IF(ROUND({ref},2)>=76,"Tinggi",'
        f'IF(ROUND({ref},2)>=66,"Sedang",IF(ROUND({ref},2)>=51,"Rendah","Sangat Rendah")))))'
    )


def _build_ikm(ctx: _Ctx) -> None:
    from openpyxl.styles import Alignment

    ws = ctx.wb[S.IKM]
    unsur = ctx.unsur
    n = len(unsur)
    names = UNSUR_NAMES[ctx.regulasi]
    a_edge, b_edge, c_edge = MUTU_EDGES[ctx.regulasi]

    def mutu(ref: str) -> str:
        return mutu_formula(ref, ctx.regulasi)

    def kinerja(ref: str) -> str:
        return kinerja_formula(ref)

    blank_all = ",".join(f'SKM_{u},""' for u in unsur)

    # Rules block.
    _section(ws, "A4", "Aturan perhitungan")
    rules = [
        ("Regulasi", f"{REGULASI_LABEL[ctx.regulasi]} ({n} unsur)"),
        ("Aturan bobot (Pengaturan)", f"={NAME_BOBOT_ATURAN}"),
        (
            "Bobot per unsur",
            f'=IF(OR(B6="0.111",B6=0.111,B6="{OPTION_LABELS["ikm_bobot"]["0.111"]}"),0.111,1/{n})',
        ),
        (
            "IKM keseluruhan",
            f'=IF({IS_MEAN},"Rata-rata indeks unit layanan","Gabungan seluruh responden")',
        ),
        ("Mutu ditentukan dari", "IKM (konversi) dibulatkan 2 desimal"),
        ("Populasi penerima layanan", None),
        (
            "Sampel minimum",
            '=IF(N(B10)<1,"",ROUND(3.841*B10*0.25/(0.0025*(B10-1)+3.841*0.25),0))',
        ),
        (
            "Kecukupan sampel",
            '=IF(B11="","Isi populasi penerima layanan setahun di B10.",'
            'IF(E5>=B11,"Cukup","Kurang, tambah responden"))',
        ),
    ]
    for i, (label, value) in enumerate(rules):
        r = 5 + i
        ws[f"A{r}"] = label
        ws[f"A{r}"].font = st.font(bold=True)
        cell = ws[f"B{r}"]
        if value is None:
            cell.protection = st.unlocked()
            cell.fill = st.fill(st.INPUT_YELLOW)
            cell.number_format = "#,##0"
        else:
            cell.value = value
        cell.border = st.thin_border()
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["B7"].number_format = "0.000000"
    dv = _dv(type="whole", operator="between", formula1="1", formula2="100000000")
    dv.error = "Isi jumlah penerima layanan dalam setahun (bilangan bulat ≥ 1)."
    dv.errorTitle = "Populasi tidak sah"
    dv.promptTitle = "Populasi"
    dv.prompt = "Jumlah penerima layanan setahun, untuk menghitung sampel minimum SKM."
    dv.add(IKM_POPULASI_CELL)
    ws.add_data_validation(dv)

    # Overall result card.
    _section(ws, "D4", "Hasil IKM keseluruhan")
    top = 15  # first unsur row
    total = top + n
    unit_top = total + 9  # header row of the per-unit block
    u_first = unit_top + 1
    u_last = unit_top + IKM_UNIT_ROWS
    # Units typed from processed figures join the overall figures as the engine joins them
    # (domain.ikm.combine_ikm): helper columns flag a typed unit with NRR per unsur (it counts
    # as its responden answering its NRR) or with an Indeks only (weighted by its responden).
    c_src = col_letter(8 + n)
    f_nrr = col_letter(9 + n)
    f_idx = col_letter(10 + n)
    c_idx = col_letter(4 + n)
    resp = f"$C${u_first}:$C${u_last}"
    flag_nrr = f"${f_nrr}${u_first}:${f_nrr}${u_last}"
    flag_idx = f"${f_idx}${u_first}:${f_idx}${u_last}"
    raw_resp = f"(ROWS(SKM_{unsur[0]})-COUNTIFS({blank_all}))"
    typed_resp = (
        f'SUMPRODUCT(--(${c_src}${u_first}:${c_src}${u_last}<>"SKM"),'
        f'--(${c_src}${u_first}:${c_src}${u_last}<>""),{resp})'
    )
    nrr_n = f"({raw_resp}+SUMPRODUCT({flag_nrr},{resp}))"
    idx_n = f"SUMPRODUCT({flag_idx},{resp})"
    idx_sum = f"SUMPRODUCT({flag_idx},{resp},${c_idx}${u_first}:${c_idx}${u_last})"
    card = [
        (
            "Responden",
            f"={raw_resp}+{typed_resp}",
            "#,##0",
        ),
        ("Indeks (skala 1–4)", f"=C{total + 1}", "0.0000"),
        ("IKM (konversi)", f"=C{total + 2}", "0.00"),
        ("Mutu pelayanan", f"=C{total + 3}", "@"),
        ("Kinerja unit pelayanan", f"=C{total + 4}", "@"),
    ]
    for i, (label, formula, fmt) in enumerate(card):
        r = 5 + i
        ws[f"D{r}"] = label
        ws[f"D{r}"].font = st.font(bold=True)
        ws[f"E{r}"] = formula
        ws[f"E{r}"].number_format = fmt
        ws[f"E{r}"].font = st.font(bold=True, size=13, color=st.NAVY)
        ws[f"E{r}"].fill = st.fill(st.LIGHT_BLUE)
        ws[f"E{r}"].border = st.thin_border()
        ws[f"E{r}"].alignment = Alignment(horizontal="center")
    for grade, colours in st.MUTU_COLOURS.items():
        _cf_equal(ws, "E8", grade, colours)

    # Per unsur (overall).
    _section(ws, f"A{top - 2}", "NRR per unsur (keseluruhan)")
    heads = ["Kode", "Unsur", "NRR", "NRR tertimbang", "Jawaban", "Kosong", "Jumlah nilai"]
    for j, h in enumerate(heads):
        _header_cell(ws.cell(top - 1, 1 + j), h)
    for i, code in enumerate(unsur):
        r = top + i
        unit_nrr_col = col_letter(4 + i)
        ws[f"A{r}"] = code
        ws[f"B{r}"] = names[code]
        ws[f"E{r}"] = f"=COUNT(SKM_{code})"
        ws[f"F{r}"] = f"={raw_resp}-E{r}"
        ws[f"G{r}"] = f"=SUM(SKM_{code})"
        nrr_col = f"${unit_nrr_col}${u_first}:${unit_nrr_col}${u_last}"
        count = f"(E{r}+SUMPRODUCT({flag_nrr},{resp}))"
        ws[f"C{r}"] = (
            f"=IF({IS_MEAN},"
            f'IF(COUNT({unit_nrr_col}{u_first}:{unit_nrr_col}{u_last})=0,"",'
            f"AVERAGE({unit_nrr_col}{u_first}:{unit_nrr_col}{u_last})),"
            f'IF({count}=0,"",(G{r}+SUMPRODUCT({flag_nrr},{resp},{nrr_col}))/{count}))'
        )
        ws[f"D{r}"] = f'=IF(C{r}="","",C{r}*{NAME_IKM_BOBOT})'
        ws[f"C{r}"].number_format = "0.0000"
        ws[f"D{r}"].number_format = "0.0000"
        ws[f"E{r}"].number_format = "#,##0"
        ws[f"F{r}"].number_format = "#,##0"
        ws[f"G{r}"].number_format = "#,##0"
    # Totals: indeks, konversi, mutu, kinerja.
    ws[f"B{total}"] = "Jumlah unsur terisi"
    ws[f"C{total}"] = f"=COUNT(C{top}:C{total - 1})"
    ws[f"B{total + 1}"] = "Indeks (Σ NRR tertimbang)"
    ws[f"C{total + 1}"] = (
        f"=IF({IS_MEAN},"
        f'IF(COUNT({col_letter(4 + n)}{u_first}:{col_letter(4 + n)}{u_last})=0,"",'
        f"AVERAGE({col_letter(4 + n)}{u_first}:{col_letter(4 + n)}{u_last})),"
        f"IF(C{total}={n},(SUM(D{top}:D{total - 1})*{nrr_n}+{idx_sum})/({nrr_n}+{idx_n}),"
        f'IF(AND(C{total}=0,{idx_n}>0),{idx_sum}/{idx_n},"")))'
    )
    ws[f"B{total + 2}"] = "IKM (konversi = indeks × 25)"
    ws[f"C{total + 2}"] = f'=IF(C{total + 1}="","",C{total + 1}*25)'
    ws[f"B{total + 3}"] = "Mutu pelayanan"
    ws[f"C{total + 3}"] = "=" + mutu(f"C{total + 2}")
    ws[f"B{total + 4}"] = "Kinerja unit pelayanan"
    ws[f"C{total + 4}"] = "=" + kinerja(f"C{total + 3}")
    ws[f"C{total + 1}"].number_format = "0.0000"
    ws[f"C{total + 2}"].number_format = "0.00"
    for r in range(total, total + 5):
        ws[f"B{r}"].font = st.font(bold=True)
        ws[f"C{r}"].font = st.font(bold=True)
        ws[f"C{r}"].fill = st.fill(st.LIGHT_BLUE)
    ws[f"A{total + 5}"] = (
        f'=IF(AND({raw_resp}>0,C{total}>0,C{total}<{n}),"Ada unsur tanpa jawaban: IKM tidak '
        'dapat dihitung. Lengkapi jawaban di sheet SKM.","")'
    )
    ws[f"A{total + 5}"].font = st.font(bold=True, color="9C0006")
    ws[f"A{total + 6}"] = (
        f'=IF(AND(NOT({IS_MEAN}),{idx_n}>0),"Unit yang hanya diisi Indeks (hasil olahan) tidak '
        "masuk NRR per unsur keseluruhan; Indeks keseluruhan memuatnya, ditimbang jumlah "
        'respondennya.","")'
    )
    ws[f"A{total + 6}"].font = st.font(italic=True, color=st.GREY)
    _nrr_scale(ws, f"C{top}:C{total - 1}")

    # Per unit layanan.
    _section(ws, f"A{unit_top - 1}", "IKM per unit layanan")
    heads = ["No", "Unit Layanan", "Responden", *(f"NRR {u}" for u in unsur)]
    heads += ["Indeks", "IKM (konversi)", "Mutu", "Kinerja", "Sumber"]
    for j, h in enumerate(heads):
        _header_cell(ws.cell(unit_top, 1 + j), h)
    c_konv = col_letter(5 + n)
    c_mutu = col_letter(6 + n)
    c_kin = col_letter(7 + n)
    # A unit with raw responses uses them (Sumber "SKM"); a unit with none falls back to its
    # row in tblIKMOlahan (Sumber "Hasil olahan ..."): NRR per unsur, else the typed Indeks.
    for k in range(1, IKM_UNIT_ROWS + 1):
        r = unit_top + k
        ws[f"A{r}"] = f'=IF(B{r}="","",{k})'
        ws[f"B{r}"] = f'=IF({helper_list("X", k)}="","",{helper_list("X", k)})'
        ws[f"A{r}"].alignment = Alignment(horizontal="center")
        crit = ",".join(f'SKM_{u},""' for u in unsur)
        raw = f"(COUNTIFS(SKM_Unit,B{r})-COUNTIFS(SKM_Unit,B{r},{crit}))"
        src = f"${c_src}{r}"
        ws[f"{c_src}{r}"] = (
            f'=IF(B{r}="","",IF({raw}>0,"SKM",IF(COUNTIF(Olahan_Unit,B{r})=0,"",'
            f'"Hasil olahan"&IF(INDEX(Olahan_Sumber,MATCH(B{r},Olahan_Unit,0))&""="","",'
            f'" ("&INDEX(Olahan_Sumber,MATCH(B{r},Olahan_Unit,0))&")"))))'
        )
        ws[f"C{r}"] = (
            f'=IF(B{r}="","",IF(OR({src}="SKM",{src}=""),{raw},'
            f"SUMIFS(Olahan_Responden,Olahan_Unit,B{r})))"
        )
        for i, code in enumerate(unsur):
            c = col_letter(4 + i)
            ws[f"{c}{r}"] = (
                f'=IF({src}="","",IF({src}="SKM",'
                f'IFERROR(AVERAGEIFS(SKM_{code},SKM_Unit,$B{r}),""),'
                f'IFERROR(AVERAGEIFS(Olahan_{code},Olahan_Unit,$B{r}),"")))'
            )
            ws[f"{c}{r}"].number_format = "0.0000"
        first_nrr, last_nrr = col_letter(4), col_letter(3 + n)
        ws[f"{c_idx}{r}"] = (
            f'=IF({src}="","",IF(COUNT({first_nrr}{r}:{last_nrr}{r})={n},'
            f'SUM({first_nrr}{r}:{last_nrr}{r})*{NAME_IKM_BOBOT},IF({src}="SKM","",'
            f'IFERROR(AVERAGEIFS(Olahan_Indeks,Olahan_Unit,$B{r}),""))))'
        )
        typed = f'AND({src}<>"",{src}<>"SKM")'
        ws[f"{f_nrr}{r}"] = f"=IF(AND({typed},COUNT({first_nrr}{r}:{last_nrr}{r})={n}),1,0)"
        ws[f"{f_idx}{r}"] = (
            f"=IF(AND({typed},COUNT({first_nrr}{r}:{last_nrr}{r})<{n},ISNUMBER({c_idx}{r})),1,0)"
        )
        ws[f"{c_konv}{r}"] = f'=IF({c_idx}{r}="","",{c_idx}{r}*25)'
        ws[f"{c_mutu}{r}"] = "=" + mutu(f"{c_konv}{r}")
        ws[f"{c_kin}{r}"] = "=" + kinerja(f"{c_mutu}{r}")
        ws[f"{c_idx}{r}"].number_format = "0.0000"
        ws[f"{c_konv}{r}"].number_format = "0.00"
        ws[f"C{r}"].number_format = "#,##0"
    other = u_last + 1
    ws[f"B{other}"] = "Responden di luar daftar unit layanan"
    ws[f"C{other}"] = (
        f'={raw_resp}-SUMIFS(C{u_first}:C{u_last},{c_src}{u_first}:{c_src}{u_last},"SKM")'
    )
    ws[f"D{other}"] = (
        f'=IF(C{other}>0,"Periksa kolom Unit Layanan di sheet SKM: nama harus sama dengan '
        'Daftar unit layanan (Pengaturan).","")'
    )
    ws[f"B{other}"].font = st.font(italic=True)
    ws[f"D{other}"].font = st.font(bold=True, color="9C0006")
    for grade, colours in st.MUTU_COLOURS.items():
        _cf_equal(ws, f"{c_mutu}{u_first}:{c_mutu}{u_last}", grade, colours)
        _cf_equal(ws, f"C{total + 3}", grade, colours)
    _nrr_scale(ws, f"D{u_first}:{col_letter(3 + n)}{u_last}")

    # Mutu table (reference).
    ref_top = other + 3
    label = REGULASI_LABEL[ctx.regulasi]
    _section(ws, f"A{ref_top - 1}", f"Nilai persepsi dan mutu pelayanan ({label})")
    for j, h in enumerate(["Mutu", "IKM (konversi) mulai", "Kinerja unit pelayanan"]):
        _header_cell(ws.cell(ref_top, 1 + j), h)
    for i, (grade, edge) in enumerate(zip("ABCD", (a_edge, b_edge, c_edge, 25.0), strict=True)):
        r = ref_top + 1 + i
        ws[f"A{r}"] = grade
        ws[f"B{r}"] = f"≥ {edge:.2f}".replace(".", ",")
        ws[f"C{r}"] = KINERJA[grade]
        _cf_equal(ws, f"A{r}", grade, st.MUTU_COLOURS[grade])

    widths = {"A": 26, "B": 46, "C": 12, "D": 22, "E": 16, "F": 10, "G": 12}
    for letter, w in widths.items():
        ws.column_dimensions[letter].width = w
    for i in range(n + 4):
        letter = col_letter(8 + i)
        ws.column_dimensions[letter].width = 11 if i < n - 4 else 14
    ws.column_dimensions[c_kin].width = 14
    ws.column_dimensions[c_src].width = 24
    for letter in (f_nrr, f_idx):
        ws.column_dimensions[letter].hidden = True


def _nrr_scale(ws: Worksheet, rng: str) -> None:
    from openpyxl.formatting.rule import ColorScaleRule

    ws.conditional_formatting.add(
        rng,
        ColorScaleRule(
            start_type="num",
            start_value=1,
            start_color="F8696B",
            mid_type="num",
            mid_value=2.5,
            mid_color="FFEB84",
            end_type="num",
            end_value=4,
            end_color="63BE7B",
        ),
    )


# --------------------------------------------------------------------------------------------
# Capaian


CAPAIAN_HEADERS: tuple[tuple[str, float], ...] = (
    ("No", 5),
    ("Kode", 10),
    ("Sasaran", 32),
    ("Indikator", 40),
    ("Satuan", 9),
    ("Polaritas", 11),
    (f'="Target "&{NAME_TAHUN}', 10),
    (f'="Realisasi "&{NAME_TAHUN}', 12),
    ("Capaian (%)", 11),
    ("Kategori", 13),
    ("Catatan", 44),
    (f'="Realisasi "&({NAME_TAHUN}-1)', 15),
    (f'="Realisasi "&({NAME_TAHUN}-2)', 15),
    ("Target Renstra", 11),
    ("Capaian thd Renstra (%)", 13),
    ("Penanggung Jawab", 32),
    ("Status Realisasi", 14),
    ("Sumber Realisasi", 26),
    ("Capaian Sasaran (%)", 12),
    ("Kategori Sasaran", 13),
    ("Perbedaan Sumber", 70),
)
"""Visible Capaian sheet columns (A..U); hidden helpers follow (:data:`CAPAIAN_HELPERS`)."""

CAPAIAN_HELPERS: dict[str, str] = {
    "raw": "V",  # capaian before the floor/cap
    "kir_row": "W",  # sheet row of the Kiriman row that speaks for the indicator
    "kiriman": "X",
    "kir_unit": "Y",
    "koreksi": "Z",  # the Kasubbag's correction, when it has a reason
    "skm": "AA",
    "lhe": "AB",
    "jenis": "AC",
    "sumber": "AD",  # koreksi | skm | lhe | kiriman
    "n1_format": "AE",
    "n1_lhe": "AF",
    "n2_format": "AG",
    "n2_lhe": "AH",
    "lhe_row": "AI",
    "n1_lhe_row": "AJ",
    "n2_lhe_row": "AK",
    "t_used": "AL",
    "t_koreksi": "AM",
    "t_skm": "AN",
    "t_lhe": "AO",
    "t_kiriman": "AP",
    "t_n1": "AQ",
    "t_n1_format": "AR",
    "t_n2": "AS",
    "t_n2_format": "AT",
    "sel_used": "AU",
    "aturan": "AV",
    "rank": "AW",  # rank among the rows with a Perbedaan text (for Beranda's list)
    "narasi_kurang": "AX",  # per-indicator narratives a final still needs
    "ra_aturan": "AY",  # the Rencana Aksi rule (Kumulatif / Nilai Terakhir / Tahunan)
    "tw_row1": "AZ",  # sheet row of the Realisasi Triwulan row that speaks for TW I
    "tw_row2": "BA",
    "tw_row3": "BB",
    "tw_row4": "BC",
    "tw1": "BD",  # its realisation
    "tw2": "BE",
    "tw3": "BF",
    "tw4": "BG",
    "triwulan": "BH",  # the year's figure from the quarters by the rule, when it gives one
    "tw_sel": "BI",
    "tw_label": "BJ",
    "t_triwulan": "BK",
}
"""Hidden helper columns of the Capaian sheet, by what they hold."""

CAPAIAN_SOURCE_NOTE = (
    "Sumber realisasi (aturan yang sama dipakai 'lkjip hitung' dan laporan): Realisasi Koreksi "
    "Kasubbag dengan alasan (Format Data), lalu untuk indikator IKM hasil olah SKM, untuk "
    "indikator SAKIP Nilai SAKIP tahun itu (sheet SAKIP), lalu realisasi tahun menurut "
    "triwulan (sheet Realisasi Triwulan, menurut Aturan Triwulan di sheet Rencana Aksi: "
    "Kumulatif = jumlah TW I–IV bila keempatnya ada, Nilai Terakhir/Tahunan = TW IV), lalu "
    "formulir unit penanggung jawab (sheet Kiriman, status Valid; bila belum ada, formulir "
    "unit lain yang terbaru)."
)


def angka_formula(ref: str) -> str:
    """Formula body giving the text of :func:`lkjip_xl.domain.kinerja.angka_pendek`.

    Indonesian separators built by hand (TEXT with "#,##0" follows the PC's locale):
    ``1234.5 → "1.234,5"`` is ``"1.234,50"``, ``80 → "80"``, two decimals otherwise.
    """
    r = f"ROUND({ref},2)"
    i = f"INT(ABS({r}))"
    d = f"ROUND((ABS({r})-{i})*100,0)"
    grouped = (
        f'IF({i}>=1000000,INT({i}/1000000)&"."&TEXT(MOD(INT({i}/1000),1000),"000")&"."&'
        f'TEXT(MOD({i},1000),"000"),IF({i}>=1000,INT({i}/1000)&"."&TEXT(MOD({i},1000),"000"),'
        f'{i}&""))'
    )
    return f'IF(ISNUMBER({ref}),IF({r}<0,"-","")&{grouped}&IF({d}=0,"",","&TEXT({d},"00")),"")'


def _build_capaian(ctx: _Ctx) -> None:
    from openpyxl.styles import Alignment

    from lkjip_xl.domain.kinerja import QUARTER_HOW, RULE_TEXT, RULE_TEXT_LALU, SOURCE_LABEL
    from lkjip_xl.domain.rencana_aksi import ATURAN, LEVEL_UNITS

    ws = ctx.wb[S.CAPAIAN]
    f = S.FORMAT
    k = S.KIRIMAN_T
    sk = S.SAKIP_T
    header = f.header_row
    h = CAPAIAN_HELPERS
    for j, (text, w) in enumerate(CAPAIAN_HEADERS):
        _header_cell(ws.cell(header, 1 + j), text)
        ws.column_dimensions[col_letter(1 + j)].width = w
    ws.row_dimensions[header].height = 30
    for letter in h.values():
        ws.column_dimensions[letter].hidden = True
    ws["A3"] = (
        "Rumus capaian: Naik = realisasi/target × 100; Turun = (2 × target − realisasi)/target × "
        "100 (atau target/realisasi sesuai Pengaturan). Kategori Permendagri 86/2017."
    )
    ws["A3"].font = st.font(italic=True, color=st.GREY)
    ws["A2"] = CAPAIAN_SOURCE_NOTE
    ws["A2"].font = st.font(italic=True, color=st.GREY)
    fd = q(S.FORMAT_DATA)

    def src(key: str, r: int) -> str:
        return f"{fd}!${col_letter(f.col_index(key))}{r}"

    kir_kode = lookup_range(k, "kode")
    kir_real = lookup_range(k, "realisasi")
    kir_status = lookup_range(k, "status")
    kir_unit = lookup_range(k, "unit")
    kir_when = lookup_range(k, "diterima")
    kir_real_col = col_letter(k.col_index("realisasi"))
    kir_unit_col = col_letter(k.col_index("unit"))
    tw = S.REALISASI_TW_T
    tw_kode = lookup_range(tw, "kode")
    tw_real = lookup_range(tw, "realisasi")
    tw_status = lookup_range(tw, "status")
    tw_unit = lookup_range(tw, "unit")
    tw_when = lookup_range(tw, "diterima")
    tw_q = lookup_range(tw, "triwulan")
    tw_real_col = col_letter(tw.col_index("realisasi"))
    ra = S.RENCANA_AKSI_T
    ra_kode = lookup_range(ra, "kode")
    ra_aturan = lookup_range(ra, "aturan")
    sk_tahun = lookup_range(sk, "tahun")
    sk_nilai = lookup_range(sk, "nilai")
    sk_first = sk.header_row + 1
    sk_nilai_col = col_letter(sk.col_index("nilai"))
    turun = NAME_CAPAIAN_TURUN
    batas = NAME_CAPAIAN_BATAS
    konversi = S.NAME_IKM_KONVERSI
    konversi_sel = f"{S.IKM}!{S.ikm_konversi_cell(ctx.profile.aturan.ikm_regulasi)}"
    first = header + 1
    last = header + CAPAIAN_ROWS

    def lhe_row(year: str) -> str:
        return f'IFERROR(MATCH({year},{sk_tahun},0)+{sk_first - 1},"")'

    def lhe_value(row_cell: str) -> str:
        return (
            f'IF({row_cell}="","",IF(ISNUMBER(INDEX({sk_nilai},{row_cell}-{sk_first - 1})),'
            f'INDEX({sk_nilai},{row_cell}-{sk_first - 1}),""))'
        )

    def sentence(
        r: int,
        tahun: str,
        lain: str,
        t_lain: str,
        sel_lain: str,
        used: str,
        t_used: str,
        sel_used: str,
        aturan: str,
    ) -> str:
        return (
            f'$B{r}&" tahun "&{tahun}&": "&{lain}&" "&{t_lain}&" ("&{sel_lain}&") berbeda dengan "'
            f'&{used}&" "&{t_used}&" ("&{sel_used}&"); dipakai "&{used}&" (aturan "&{aturan}&")."'
        )

    for i in range(CAPAIAN_ROWS):
        r = header + 1 + i

        def c(key: str, r: int = r) -> str:
            return f"{h[key]}{r}"

        ws[f"A{r}"] = f'=IF(B{r}="","",{i + 1})'
        ws[f"B{r}"] = f'=IF({src("kode", r)}="","",{src("kode", r)})'
        for col, key in (("C", "sasaran"), ("D", "indikator"), ("E", "satuan")):
            ws[f"{col}{r}"] = f'=IF(OR($B{r}="",{src(key, r)}=""),"",{src(key, r)})'
        ws[f"F{r}"] = (
            f'=IF($B{r}="","",IF(LOWER(TRIM({src("polaritas", r)}&""))="turun","Turun","Naik"))'
        )
        ws[f"G{r}"] = f'=IF(OR($B{r}="",{src("target", r)}=""),"",{src("target", r)})'
        # -- the sources (hidden) --------------------------------------------------------
        ws[c("jenis")] = (
            f'=IF($B{r}="","",IF(UPPER(TRIM({src("jenis", r)}&""))="IKM","IKM",'
            f'IF(UPPER(TRIM({src("jenis", r)}&""))="SAKIP","SAKIP","Lainnya")))'
        )
        ws[c("koreksi")] = (
            f'=IF($B{r}="","",IF(AND(ISNUMBER({src("realisasi_koreksi", r)}),'
            f'TRIM({src("alasan_koreksi", r)}&"")<>""),{src("realisasi_koreksi", r)},""))'
        )
        valid = f'({kir_kode}=$B{r})*({kir_status}="Valid")*ISNUMBER({kir_real})'
        own = f"{valid}*({kir_unit}=$P{r})"
        newest_own = f"SUMPRODUCT(MAX({own}*{kir_when}))"
        newest = f"SUMPRODUCT(MAX({valid}*{kir_when}))"
        # The penanggung jawab's newest Valid row, else the newest of any unit (on a tie in
        # time, the lower row): actions.kinerja.pick_kiriman.
        ws[c("kir_row")] = (
            f'=IF($B{r}="","",IFERROR(LOOKUP(2,1/({own}*({kir_when}={newest_own})),'
            f"ROW({kir_real})),IFERROR(LOOKUP(2,1/({valid}*({kir_when}={newest})),"
            f'ROW({kir_real})),"")))'
        )
        ws[c("kiriman")] = (
            f'=IF({c("kir_row")}="","",INDEX({q(S.KIRIMAN)}!${kir_real_col}$1:'
            f"${kir_real_col}${header + LOOKUP_ROWS},{c('kir_row')}))"
        )
        ws[c("kir_unit")] = (
            f'=IF({c("kir_row")}="","",INDEX({q(S.KIRIMAN)}!${kir_unit_col}$1:'
            f'${kir_unit_col}${header + LOOKUP_ROWS},{c("kir_row")})&"")'
        )
        ws[c("skm")] = f'=IF(AND({c("jenis")}="IKM",ISNUMBER({konversi})),ROUND({konversi},2),"")'
        ws[c("lhe_row")] = f'=IF({c("jenis")}="SAKIP",{lhe_row(NAME_TAHUN)},"")'
        ws[c("lhe")] = "=" + lhe_value(c("lhe_row"))
        ws[c("n1_lhe_row")] = f'=IF({c("jenis")}="SAKIP",{lhe_row(f"{NAME_TAHUN}-1")},"")'
        ws[c("n1_lhe")] = "=" + lhe_value(c("n1_lhe_row"))
        ws[c("n2_lhe_row")] = f'=IF({c("jenis")}="SAKIP",{lhe_row(f"{NAME_TAHUN}-2")},"")'
        ws[c("n2_lhe")] = "=" + lhe_value(c("n2_lhe_row"))
        for key, col in (("n1_format", "realisasi_n1"), ("n2_format", "realisasi_n2")):
            ws[c(key)] = f'=IF(AND($B{r}<>"",ISNUMBER({src(col, r)})),{src(col, r)},"")'
        # -- the year from the quarters (domain.kinerja.year_from_quarters) -----------------
        # The Rencana Aksi row's rule (the last row of the kode, as actions.triwulan.rencana),
        # else the default (domain.rencana_aksi.default_rule).
        picked = f'IFERROR(LOOKUP(2,1/({ra_kode}=$B{r}),{ra_aturan})&"","")'
        satuan = f'LOWER(TRIM({src("satuan", r)}&""))'
        level = ",".join(f'{satuan}="{u}"' for u in LEVEL_UNITS)
        default = (
            f'IF(OR({c("jenis")}="IKM",{c("jenis")}="SAKIP"),"Tahunan",'
            f'IF(OR({level}),"Nilai Terakhir","Kumulatif"))'
        )
        known = ",".join(f'EXACT(TRIM({picked}),"{a}")' for a in ATURAN)
        ws[c("ra_aturan")] = f'=IF($B{r}="","",IF(OR({known}),TRIM({picked}),{default}))'
        for n in S.TRIWULAN:
            valid_q = f'({tw_kode}=$B{r})*({tw_status}="Valid")*ISNUMBER({tw_real})*({tw_q}={n})'
            own_q = f"{valid_q}*({tw_unit}=$P{r})"
            ws[c(f"tw_row{n}")] = (
                f'=IF($B{r}="","",IFERROR(LOOKUP(2,1/({own_q}*({tw_when}='
                f"SUMPRODUCT(MAX({own_q}*{tw_when})))),ROW({tw_real})),IFERROR(LOOKUP(2,1/("
                f"{valid_q}*({tw_when}=SUMPRODUCT(MAX({valid_q}*{tw_when})))),"
                f'ROW({tw_real})),"")))'
            )
            ws[c(f"tw{n}")] = (
                f'=IF({c(f"tw_row{n}")}="","",INDEX({q(S.REALISASI_TW)}!${tw_real_col}$1:'
                f"${tw_real_col}${tw.header_row + LOOKUP_ROWS},{c(f'tw_row{n}')}))"
            )
        kumulatif = f'{c("ra_aturan")}="Kumulatif"'
        ws[c("triwulan")] = (
            f'=IF($B{r}="","",IF({kumulatif},IF(COUNT({c("tw1")}:{c("tw4")})=4,'
            f'{c("tw1")}+{c("tw2")}+{c("tw3")}+{c("tw4")},""),'
            f'IF(ISNUMBER({c("tw4")}),{c("tw4")},"")))'
        )
        tw_cell = f'"{S.REALISASI_TW}!{tw_real_col}"'
        four = f'&"+{tw_real_col}"&'.join(c(f"tw_row{n}") for n in S.TRIWULAN)
        ws[c("tw_sel")] = (
            f'=IF({c("triwulan")}="","",IF({kumulatif},{tw_cell}&{four},{tw_cell}&{c("tw_row4")}))'
        )
        ws[c("tw_label")] = (
            f'=IF({c("triwulan")}="","","{SOURCE_LABEL["triwulan"]} ("&IF({kumulatif},'
            f'"{QUARTER_HOW["Kumulatif"]}","{QUARTER_HOW["Nilai Terakhir"]}")&")")'
        )
        # -- the rule (domain.kinerja.PRECEDENCE) ------------------------------------------
        ws[f"H{r}"] = (
            f'=IF($B{r}="","",IF({c("koreksi")}<>"",{c("koreksi")},IF({c("skm")}<>"",{c("skm")},'
            f'IF({c("lhe")}<>"",{c("lhe")},IF({c("triwulan")}<>"",{c("triwulan")},'
            f'IF({c("kiriman")}<>"",{c("kiriman")},""))))))'
        )
        ws[c("sumber")] = (
            f'=IF(H{r}="","",IF({c("koreksi")}<>"","koreksi",IF({c("skm")}<>"","skm",'
            f'IF({c("lhe")}<>"","lhe",IF({c("triwulan")}<>"","triwulan","kiriman")))))'
        )
        ws[f"R{r}"] = (
            f'=IF({c("sumber")}="","",IF({c("sumber")}="koreksi","{SOURCE_LABEL["koreksi"]}",'
            f'IF({c("sumber")}="skm","{SOURCE_LABEL["skm"]}",IF({c("sumber")}="lhe",'
            f'"{SOURCE_LABEL["lhe"]}",IF({c("sumber")}="triwulan",{c("tw_label")},'
            f'"{SOURCE_LABEL["kiriman"]} "&{c("kir_unit")})))))'
        )
        koreksi_sel = f'"{S.FORMAT_DATA}!{col_letter(f.col_index("realisasi_koreksi"))}{r}"'
        kir_sel = f'"{S.KIRIMAN}!{kir_real_col}"&{c("kir_row")}'
        lhe_sel = f'"{S.SAKIP}!{sk_nilai_col}"&{c("lhe_row")}'
        ws[c("sel_used")] = (
            f'=IF({c("sumber")}="","",IF({c("sumber")}="koreksi",{koreksi_sel},'
            f'IF({c("sumber")}="skm","{konversi_sel}",IF({c("sumber")}="lhe",{lhe_sel},'
            f'IF({c("sumber")}="triwulan",{c("tw_sel")},{kir_sel})))))'
        )
        ws[c("aturan")] = (
            f'=IF({c("jenis")}="IKM","{RULE_TEXT["IKM"]}",IF({c("jenis")}="SAKIP",'
            f'"{RULE_TEXT["SAKIP"]}","{RULE_TEXT["Lainnya"]}"))'
        )
        for key, ref in (
            ("t_used", f"H{r}"),
            ("t_koreksi", c("koreksi")),
            ("t_skm", c("skm")),
            ("t_lhe", c("lhe")),
            ("t_kiriman", c("kiriman")),
            ("t_triwulan", c("triwulan")),
            ("t_n1", f"L{r}"),
            ("t_n1_format", c("n1_format")),
            ("t_n2", f"M{r}"),
            ("t_n2_format", c("n2_format")),
        ):
            ws[c(key)] = "=" + angka_formula(ref)
        # -- capaian ---------------------------------------------------------------------
        ws[c("raw")] = (
            f'=IF(OR($B{r}="",G{r}="",H{r}=""),"",IF(N(G{r})<=0,"",'
            f'IF(F{r}="Turun",IF(LOWER({turun}&"")="rasio",IF(N(H{r})<=0,"",G{r}/H{r}*100),'
            f"(2*G{r}-H{r})/G{r}*100),H{r}/G{r}*100)))"
        )
        raw = c("raw")
        ws[f"I{r}"] = (
            f'=IF({raw}="","",IF(AND(ISNUMBER({batas}),MAX(IF(F{r}="Turun",0,{raw}),{raw})>'
            f'{batas}),{batas},IF(AND(F{r}="Turun",{raw}<0),0,{raw})))'
        )
        ws[f"J{r}"] = "=" + kategori_formula(f"I{r}")
        ws[f"K{r}"] = (
            f'=IF($B{r}="","",IF(G{r}="","Target belum diisi.",IF(H{r}="",'
            f'"Belum ada realisasi (Kiriman, Realisasi Triwulan, SKM/SAKIP atau Realisasi '
            f'Koreksi).",IF(N(G{r})<=0,'
            f'"Target 0 atau negatif: jelaskan secara naratif.",'
            f'IF({raw}="","Rumus rasio tak dapat dipakai (realisasi ≤ 0).",'
            f'IF(AND(F{r}="Turun",{raw}<0),"Hasil rumus negatif, ditampilkan 0%.",'
            f'IF(AND(ISNUMBER({batas}),I{r}<>{raw}),"Dibatasi "&{batas}&"% (Pengaturan).",'
            f'"")))))))'
        )
        # Earlier years: the SAKIP sheet's nilai wins for a SAKIP indicator.
        ws[f"L{r}"] = f'=IF($B{r}="","",IF({c("n1_lhe")}<>"",{c("n1_lhe")},{c("n1_format")}))'
        ws[f"M{r}"] = f'=IF($B{r}="","",IF({c("n2_lhe")}<>"",{c("n2_lhe")},{c("n2_format")}))'
        ws[f"N{r}"] = (
            f'=IF(OR($B{r}="",{src("target_renstra", r)}=""),"",{src("target_renstra", r)})'
        )
        ws[f"O{r}"] = (
            f'=IF(OR(N{r}="",H{r}=""),"",IF(N(N{r})<=0,"",IF(F{r}="Turun",'
            f"MAX(0,(2*N{r}-H{r})/N{r}*100),H{r}/N{r}*100)))"
        )
        ws[f"P{r}"] = (
            f'=IF(OR($B{r}="",{src("penanggung_jawab", r)}=""),"",{src("penanggung_jawab", r)})'
        )
        ws[f"Q{r}"] = f'=IF($B{r}="","",IF(H{r}="","Belum ada","Ada"))'
        same = f"($C${first}:$C${last}=$C{r})*ISNUMBER($I${first}:$I${last})"
        ws[f"S{r}"] = (
            f'=IF($B{r}="","",IF(SUMPRODUCT({same})=0,"",'
            f"SUMPRODUCT({same},$I${first}:$I${last})/SUMPRODUCT({same})))"
        )
        ws[f"T{r}"] = "=" + kategori_formula(f"S{r}")
        # -- disagreements (domain.kinerja.perbedaan_text) -----------------------------------
        used, t_used, sel_used = f"R{r}", c("t_used"), c("sel_used")
        pieces = []
        for key, label, sel in (
            ("skm", f'"{SOURCE_LABEL["skm"]}"', f'"{konversi_sel}"'),
            ("lhe", f'"{SOURCE_LABEL["lhe"]}"', lhe_sel),
            ("triwulan", c("tw_label"), c("tw_sel")),
            ("kiriman", f'"{SOURCE_LABEL["kiriman"]} "&{c("kir_unit")}', kir_sel),
        ):
            text = sentence(
                r, NAME_TAHUN, label, c(f"t_{key}"), sel, used, t_used, sel_used, c("aturan")
            )
            # AND evaluates every argument: test for the blank first (ROUND("") is an error).
            pieces.append(
                f'IF({c(key)}="","",IF(AND({c("sumber")}<>"{key}",'
                f'ROUND({c(key)},2)<>ROUND(H{r},2)),{text}&" ",""))'
            )
        fmt_label = f'"{SOURCE_LABEL["format"]}"'
        lhe_label = f'"{SOURCE_LABEL["lhe"]}"'
        for off, n_fmt, n_lhe, t_val, t_fmt, lrow, key in (
            (1, "n1_format", "n1_lhe", "t_n1", "t_n1_format", "n1_lhe_row", "realisasi_n1"),
            (2, "n2_format", "n2_lhe", "t_n2", "t_n2_format", "n2_lhe_row", "realisasi_n2"),
        ):
            fmt_sel = f'"{S.FORMAT_DATA}!{col_letter(f.col_index(key))}{r}"'
            sel = f'"{S.SAKIP}!{sk_nilai_col}"&{c(lrow)}'
            text = sentence(
                r,
                f"({NAME_TAHUN}-{off})",
                fmt_label,
                c(t_fmt),
                fmt_sel,
                lhe_label,
                c(t_val),
                sel,
                f'"{RULE_TEXT_LALU}"',
            )
            pieces.append(
                f'IF(OR({c(n_fmt)}="",{c(n_lhe)}=""),"",IF(ROUND({c(n_fmt)},2)<>'
                f'ROUND({c(n_lhe)},2),{text}&" ",""))'
            )
        ws[f"U{r}"] = f'=IF($B{r}="","",TRIM({"&".join(pieces)}))'
        ws[c("rank")] = f'=IF(U{r}="","",COUNTIF($U${first}:U{r},"?*"))'

        # Narratives a final needs (workbook.persiapan.FIELD_RULE): Format Data's text, else
        # the text of the Kiriman row that speaks for the indicator.
        def has(key: str, r: int = r) -> str:
            kcol = col_letter(k.col_index(key))
            kir = f"INDEX({q(S.KIRIMAN)}!${kcol}$1:${kcol}${header + LOOKUP_ROWS},{c('kir_row')})"
            return f'OR({src(key, r)}<>"",IF({c("kir_row")}="",FALSE,{kir}&""<>""))'

        missing = {key: f"IF({has(key)},0,1)" for key in ("faktor", "kendala", "solusi")}
        ws[c("narasi_kurang")] = (
            f'=IF($B{r}="",0,IF(I{r}="",{missing["kendala"]},IF(ROUND(I{r},2)>=100,'
            f"{missing['faktor']},{missing['faktor']}+{missing['kendala']}+{missing['solusi']})))"
        )
        for col in ("I", "O", "S", h["raw"]):
            ws[f"{col}{r}"].number_format = st.DECIMAL2
        for col in ("G", "H", "L", "M", "N"):
            ws[f"{col}{r}"].number_format = st.NUMBER_FORMAT
        for col in ("K", "R", "U"):
            ws[f"{col}{r}"].alignment = Alignment(wrap_text=True, vertical="top")
    for name, colours in st.KATEGORI_COLOURS.items():
        _cf_equal(ws, f"J{first}:J{last}", name, colours)
        _cf_equal(ws, f"T{first}:T{last}", name, colours)
    _cf_equal(ws, f"Q{first}:Q{last}", "Belum ada", st.AMBER)
    _cf_equal(ws, f"Q{first}:Q{last}", "Ada", st.GREEN)
    _cf_text(ws, f"U{first}:U{last}", f"=LEN($U{first})>0", st.AMBER)
    ws["K2"] = (
        "Kategori: ≥ 91 Sangat Tinggi · 76–<91 Tinggi · 66–<76 Sedang · 51–<66 Rendah · "
        "< 51 Sangat Rendah"
    )
    ws["K2"].font = st.font(italic=True, color=st.GREY)


# --------------------------------------------------------------------------------------------
# Beranda


BERANDA_PERBEDAAN_ROWS = 6
"""Disagreement sentences Beranda lists (the Capaian sheet's column U holds them all)."""
PERBEDAAN_TOP = UNIT_TOP + BERANDA_UNIT_ROWS + 3
"""Beranda: the count line of the disagreements block (the sentences follow)."""


def _build_perbedaan(ws: Worksheet, top: int) -> None:
    """Where two sources disagree: the same sentences periksa and the report print
    (domain.kinerja.perbedaan_text), taken from the Capaian sheet's column U."""
    from openpyxl.styles import Alignment

    cap = q(S.CAPAIAN)
    first = S.FORMAT.header_row + 1
    last = S.FORMAT.header_row + CAPAIAN_ROWS
    rank = CAPAIAN_HELPERS["rank"]
    texts = f"{cap}!$U${first}:$U${last}"
    ranks = f"{cap}!${rank}${first}:${rank}${last}"
    _section(ws, f"A{top - 1}", "Perbedaan sumber data")
    ws.merge_cells(f"B{top}:I{top}")
    ws[f"B{top}"] = (
        f'=IF(COUNTIF({texts},"?*")=0,"Tidak ada: setiap indikator punya satu angka dari '
        'sumbernya.",COUNTIF('
        f'{texts},"?*")&" indikator: dua sumber memberi angka berbeda; angka yang dipakai '
        'mengikuti aturan sumber (sheet Capaian, kolom Sumber Realisasi).")'
    )
    ws[f"B{top}"].font = st.font(bold=True)
    for k in range(1, BERANDA_PERBEDAAN_ROWS + 1):
        r = top + k
        ws.merge_cells(f"B{r}:I{r}")
        ws[f"B{r}"] = f'=IFERROR(INDEX({texts},MATCH({k},{ranks},0)),"")'
        ws[f"B{r}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 45
        _cf_text(ws, f"B{r}", f"=LEN($B{r})>0", st.AMBER)
    more = top + BERANDA_PERBEDAAN_ROWS + 1
    ws[f"B{more}"] = (
        f'=IF(COUNTIF({texts},"?*")>{BERANDA_PERBEDAAN_ROWS},"… dan "&(COUNTIF({texts},"?*")-'
        f'{BERANDA_PERBEDAAN_ROWS})&" lagi di sheet Capaian, kolom Perbedaan Sumber.","")'
    )
    ws[f"B{more}"].font = st.font(italic=True, color=st.GREY)


_MONTH_CODES = (
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("mei", 5), ("jun", 6), ("jul", 7),
    ("agu", 8), ("sep", 9), ("okt", 10), ("nov", 11), ("des", 12), ("peb", 2), ("may", 5),
    ("agt", 8), ("ags", 8), ("aug", 8), ("oct", 10), ("nop", 11), ("dec", 12),
)  # fmt: skip
"""First three letters of a month name → month (what ``worktime.parse_date_text`` reads)."""


TEXT_DATE_HELPERS = ("Q2", "Q3", "Q4", "Q5")
"""Beranda (hidden column Q): the deadline text normalised, its two separators, its middle
part (see :func:`text_date_formula`)."""


def text_date_formula(ws: Worksheet, ref: str) -> str:
    """Formula: the date in text ``ref`` read day first as ``worktime.parse_date_text`` reads
    it (``20/02/2026``, ``20-2-2026``, ``20.02.26``, ``20 Februari 2026``, ``Jumat, 20 Februari
    2026``, ``2026-02-20``); an error for anything else, an impossible date (31/02) included.
    The pieces go to the hidden helper cells :data:`TEXT_DATE_HELPERS` of ``ws`` (one formula
    would pass Excel's 8 192-character limit)."""
    text, s1, s2, mid = TEXT_DATE_HELPERS
    raw = f'LOWER({ref}&"")'
    raw = f'IF(ISNUMBER(FIND(",",{raw})),MID({raw},FIND(",",{raw})+1,99),{raw})'
    ws[text] = f'=TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({raw},"/"," "),"-"," "),"."," "))'
    ws[s1] = f'=FIND(" ",{text})'
    ws[s2] = f'=FIND("~",SUBSTITUTE({text}," ","~",2))'
    ws[mid] = f"=MID({text},{s1}+1,{s2}-{s1}-1)"
    first = f"VALUE(LEFT({text},{s1}-1))"
    last = f"VALUE(MID({text},{s2}+1,4))"
    names = ",".join(f'"{m}"' for m, _ in _MONTH_CODES)
    numbers = ",".join(str(n) for _, n in _MONTH_CODES)
    month = f"IFERROR(VALUE({mid}),INDEX({{{numbers}}},MATCH(LEFT({mid},3),{{{names}}},0)))"
    iso = f"{s1}=5"  # 2026-02-20
    year = f"IF({iso},{first},IF({last}<100,{last}+2000,{last}))"
    day = f"IF({iso},{last},{first})"
    date = f"DATE({year},{month},{day})"
    return f"IF(AND(DAY({date})={day},MONTH({date})={month}),{date},NA())"


def _deadline_formula(due: str, *, delivered: str, started: str) -> str:
    """Beranda's deadline figure: the wording of :func:`lkjip_xl.domain.sop.deadline_text`
    (delivered N working days before/after the deadline; days left; late only once started)."""
    hl = S.NAME_HARI_LIBUR
    months = ",".join(f'"{m}"' for m in BULAN)
    d = f"INT({delivered})"
    when = f'DAY({d})&" "&CHOOSE(MONTH({d}),{months})&" "&YEAR({d})'
    before = f"IF({d}<{due},NETWORKDAYS({d}+1,{due},{hl}),0)"
    rel = (
        f'IF({d}<={due},IF({before}=0,"tepat pada hari batas",{before}&" hari kerja sebelum '
        f'batas"),NETWORKDAYS({due}+1,{d},{hl})&" hari kerja setelah batas")'
    )
    return (
        f'=IF(ISNUMBER({delivered}),"Disampaikan "&{when}&" ("&{rel}&")",'
        f"IF({due}>=TODAY(),NETWORKDAYS(TODAY(),{due},{hl}),"
        f'IF(ISNUMBER({started}),"Lewat "&NETWORKDAYS({due}+1,TODAY(),{hl})&" hari kerja",'
        '"Sudah lewat sebelum SOP dimulai: periksa Tahun kinerja di Pengaturan")))'
    )


def _build_beranda(ctx: _Ctx) -> None:
    from openpyxl.styles import Alignment

    ws = ctx.wb[S.BERANDA]
    ws["A1"] = f'="LKjIP "&{NAME_OPD}&" — Tahun "&{NAME_TAHUN}'
    ws["A2"] = (
        "Ringkasan keadaan: tahapan SOP, kiriman data per unit, IKM, Nilai SAKIP dan capaian. "
        "Semua angka dihitung dengan rumus dari sheet lain."
    )
    for letter, w in {
        "A": 5,
        "B": 46,
        "C": 16,
        "D": 16,
        "E": 16,
        "F": 20,
        "G": 3,
        "H": 26,
        "I": 20,
        "J": 3,
        "K": 6,
    }.items():
        ws.column_dimensions[letter].width = w
    ws.column_dimensions["K"].hidden = True
    ws.column_dimensions["L"].hidden = True
    ws.column_dimensions["M"].hidden = True  # Persiapan: items due by the next step
    ws.column_dimensions["Q"].hidden = True  # TEXT_DATE_HELPERS
    ws.sheet_view.showGridLines = False

    # Next action.
    t = S.TAHAPAN_T
    tahap = q(S.TAHAPAN)
    step_first = t.header_row + 1

    def tcol(key: str, k: int) -> str:
        return f"{tahap}!${col_letter(t.col_index(key))}${step_first + k - 1}"

    _section(ws, "A4", "Langkah berikutnya")
    ws.merge_cells("B5:I5")
    hint_list = ",".join(f'"{h}"' for h in STEP_HINTS)
    s1, s8 = STEP_TOP, STEP_TOP + 7
    steps_k, steps_l = f"K{s1}:K{s8}", f"L{s1}:L{s8}"
    p1, pn = PERSIAPAN_TOP, PERSIAPAN_TOP + len(CHECKS) - 1
    # Persiapan items due by the next step (hidden M: the row of each such unmet item).
    ws["K4"] = f"=MIN({steps_k})"
    for r in range(p1, pn + 1):
        ws[f"M{r}"] = f'=IF(AND(ISNUMBER(K{r}),N(K{r})>0,L{r}<=$K$4),ROW(),"")'
    due = f"M{p1}:M{pn}"
    first_open = f"MIN({due})-{p1 - 1}"
    ws["B5"] = (
        f'=IF(AND(COUNT({due})>0,$K$4<=8),"Persiapan belum lengkap ("&COUNT({due})&" hal, '
        f'sebelum Langkah "&$K$4&"): "&INDEX(B{p1}:B{pn},{first_open})&" — isi di "&'
        f'INDEX(E{p1}:E{pn},{first_open})&".",'
        f'IF(MIN({steps_k})>8,"Semua langkah SOP selesai. Pastikan dokumen sudah diarsipkan '
        f'(tombol Arsipkan).","Langkah "&MIN({steps_k})&": "&INDEX(B{s1}:B{s8},MIN({steps_k}))&'
        f'" — "&IF(INDEX(D{s1}:D{s8},MIN({steps_k}))="","klik Mulai Langkah "&MIN({steps_k})&'
        '" di ribbon LKjIP.","sedang berjalan; klik Selesai Langkah "&MIN('
        f'{steps_k})&" bila sudah selesai.")&" "&CHOOSE(MIN({steps_k}),{hint_list})))'
    )
    ws["B5"].font = st.font(bold=True, size=12, color=st.NAVY)
    ws["B5"].fill = st.fill(st.LIGHT_BLUE)
    ws["B5"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[5].height = 48
    ws.merge_cells("B6:I6")
    batas_col = col_letter(t.col_index("batas_mutu_baku"))
    ws["B6"] = (
        f'=IF(MIN({steps_l})>8,"","Perhatian: langkah "&MIN({steps_l})&" sudah melewati mutu baku '
        f'waktunya (batas "&TEXT(INDEX({tahap}!${batas_col}${step_first}:${batas_col}'
        f'${step_first + 7},MIN({steps_l})),"dd/mm/yyyy hh.mm")&"). Selesaikan segera atau catat '
        'alasannya di kolom Catatan.")'
    )
    ws["B6"].font = st.font(bold=True, color="C00000")

    # Persiapan: what must be in the workbook before step 1 (live; lkjip periksa checks the same).
    _build_persiapan(ws, ctx)

    # SOP steps.
    _section(ws, f"A{s1 - 2}", "Tahapan SOP Penyusunan LKjIP")
    for j, h in enumerate(["No", "Aktivitas", "Mutu Baku", "Mulai", "Selesai", "Status"]):
        _header_cell(ws.cell(s1 - 1, 1 + j), h)
    for k in range(1, 9):
        r = s1 - 1 + k
        ws[f"A{r}"] = k
        ws[f"B{r}"] = f'=IF({tcol("aktivitas", k)}="","",{tcol("aktivitas", k)})'
        ws[f"C{r}"] = f'=IF({tcol("mutu_baku", k)}="","",{tcol("mutu_baku", k)})'
        ws[f"D{r}"] = f'=IF({tcol("mulai", k)}="","",{tcol("mulai", k)})'
        ws[f"E{r}"] = f'=IF({tcol("selesai", k)}="","",{tcol("selesai", k)})'
        ws[f"F{r}"] = (
            f'=IF({tcol("status", k)}<>"",{tcol("status", k)},IF(E{r}<>"","Selesai",'
            f'IF(D{r}<>"","{STATUS_RUNNING}","Belum mulai")))'
        )
        ws[f"K{r}"] = f'=IF(E{r}="",{k},99)'
        batas = tcol("batas_mutu_baku", k)
        ws[f"L{r}"] = f'=IF(AND(F{r}="{STATUS_RUNNING}",N({batas})>0),IF({batas}<NOW(),{k},99),99)'
        ws[f"D{r}"].number_format = st.DATETIME_FORMAT
        ws[f"E{r}"].number_format = st.DATETIME_FORMAT
        ws[f"B{r}"].alignment = Alignment(wrap_text=True, vertical="center")
        for col in "ACDEF":
            ws[f"{col}{r}"].alignment = Alignment(vertical="center")
        for col in "ABCDEF":
            ws[f"{col}{r}"].border = st.thin_border()
    status_rng = f"F{s1}:F{s8}"
    _cf_equal(ws, status_rng, STATUS_LATE, st.RED)
    _cf_equal(ws, status_rng, STATUS_RUNNING, st.AMBER)
    _cf_equal(ws, status_rng, STATUS_ON_TIME, st.GREEN)
    _cf_equal(ws, status_rng, "Selesai", st.GREEN)
    ws[f"B{s8 + 1}"] = f'="Progres: "&COUNT(E{s1}:E{s8})&" dari 8 langkah selesai"'
    ws[f"C{s8 + 1}"] = f'=REPT("■",COUNT(E{s1}:E{s8}))&REPT("□",8-COUNT(E{s1}:E{s8}))'
    ws[f"C{s8 + 1}"].font = st.font(color=st.BLUE, size=12)
    ws[f"B{s8 + 1}"].font = st.font(bold=True)
    for r in range(s1, s8 + 1):
        ws.row_dimensions[r].height = 30

    # Submissions per unit.
    f = S.FORMAT
    k_ = S.KIRIMAN_T
    pj = lookup_range(f, "penanggung_jawab")
    jenis = lookup_range(f, "jenis")
    k_unit = lookup_range(k_, "unit")
    k_status = lookup_range(k_, "status")
    k_real = lookup_range(k_, "realisasi")
    top = UNIT_TOP
    _section(ws, f"A{top - 2}", "Kiriman data per unit (SOP langkah 3)")
    for j, h in enumerate(["No", "Unit", "Indikator diminta", "Kiriman diterima", "Status"]):
        _header_cell(ws.cell(top - 1, 1 + j), h)
    ws.row_dimensions[top - 1].height = 30
    for i in range(1, BERANDA_UNIT_ROWS + 1):
        r = top + i - 1
        nama = helper_list("Z", i)
        kode = helper_list("AA", i)
        ws[f"A{r}"] = f'=IF(B{r}="","",{i})'
        ws[f"B{r}"] = f'=IF({nama}="","",{nama})'
        # Indicators the unit is penanggung jawab of, plus the IKM / Nilai SAKIP rows routed to
        # it by the profile's sumber_ikm / sumber_sakip (as the forms export does).
        routed = "".join(
            f'+IF(ISNUMBER(SEARCH(","&{kode}&",",","&SUBSTITUTE({profile_value(key)}," ","")'
            f'&",")),COUNTIFS({jenis},"{label}",{pj},"<>"&B{r},{pj},"<>"&{kode}),0)'
            for key, label in (("sumber_ikm", "IKM"), ("sumber_sakip", "SAKIP"))
        )
        ws[f"C{r}"] = (
            f'=IF(B{r}="","",COUNTIF({pj},B{r})+IF({kode}=B{r},0,COUNTIF({pj},{kode})){routed})'
        )
        crit = f'{k_status},"<>Ditolak",{k_status},"<>Diganti",{k_real},"<>"'
        ws[f"D{r}"] = (
            f'=IF(B{r}="","",COUNTIFS({k_unit},B{r},{crit})'
            f"+IF({kode}=B{r},0,COUNTIFS({k_unit},{kode},{crit})))"
        )
        ws[f"E{r}"] = (
            f'=IF(B{r}="","",IF(C{r}=0,"Tidak ada indikator",IF(D{r}=0,"Belum kirim",'
            f'IF(D{r}<C{r},"Belum lengkap","Lengkap"))))'
        )
        for col in "ABCDE":
            ws[f"{col}{r}"].border = st.thin_border()
    last = top + BERANDA_UNIT_ROWS - 1
    _cf_equal(ws, f"E{top}:E{last}", "Belum kirim", st.RED)
    _cf_equal(ws, f"E{top}:E{last}", "Belum lengkap", st.AMBER)
    _cf_equal(ws, f"E{top}:E{last}", "Lengkap", st.GREEN)
    ws[f"B{last + 1}"] = (
        f'=COUNTIF(E{top}:E{last},"Lengkap")&" unit lengkap, "&COUNTIF(E{top}:E{last},'
        f'"Belum kirim")&" belum kirim, "&COUNTIF(E{top}:E{last},"Belum lengkap")&'
        '" belum lengkap"'
    )
    ws[f"B{last + 1}"].font = st.font(bold=True)
    _build_perbedaan(ws, PERBEDAAN_TOP)

    # Cards on the right: IKM, SAKIP, Capaian.
    def card(row: int, title: str, items: list[tuple[str, str, str]]) -> None:
        _section(ws, f"H{row}", title)
        for i, (label, formula, fmt) in enumerate(items):
            r = row + 1 + i
            ws[f"H{r}"] = label
            ws[f"I{r}"] = formula
            ws[f"I{r}"].number_format = fmt
            ws[f"H{r}"].font = st.font(bold=True)
            ws[f"I{r}"].font = st.font(bold=True, size=12, color=st.NAVY)
            ws[f"I{r}"].fill = st.fill(st.LIGHT_BLUE)
            ws[f"I{r}"].alignment = Alignment(horizontal="center", vertical="center")
            ws[f"H{r}"].alignment = Alignment(vertical="center")
            ws[f"H{r}"].border = st.thin_border()
            ws[f"I{r}"].border = st.thin_border()

    card(
        7,
        "Indeks Kepuasan Masyarakat",
        [
            ("IKM (konversi)", f'=IF({S.NAME_IKM_KONVERSI}="","-",{S.NAME_IKM_KONVERSI})', "0.00"),
            ("Mutu pelayanan", f'=IF({S.NAME_IKM_MUTU}="","-",{S.NAME_IKM_MUTU})', "@"),
            ("Kinerja", f'=IF({NAME_IKM_KINERJA}="","-",{NAME_IKM_KINERJA})', "@"),
            ("Responden", f"={S.NAME_IKM_RESPONDEN}", "#,##0"),
            (
                "Sampel",
                f'=IF({NAME_IKM_SAMPEL}="","Populasi belum diisi",IF({S.NAME_IKM_RESPONDEN}>='
                f'{NAME_IKM_SAMPEL},"Cukup","Kurang (min. "&{NAME_IKM_SAMPEL}&")"))',
                "@",
            ),
        ],
    )
    for grade, colours in st.MUTU_COLOURS.items():
        _cf_equal(ws, "I9", grade, colours)
    card(
        14,
        "Nilai SAKIP",
        [
            ("Tahun", f"={NAME_TAHUN}", "0"),
            ("Nilai", f'=IF({S.NAME_SAKIP_NILAI}="","-",{S.NAME_SAKIP_NILAI})', "0.00"),
            ("Predikat", f'=IF({S.NAME_SAKIP_PREDIKAT}="","-",{S.NAME_SAKIP_PREDIKAT})', "@"),
            (
                "Interpretasi",
                f'=IF({NAME_SAKIP_INTERPRETASI}="","-",{NAME_SAKIP_INTERPRETASI})',
                "@",
            ),
        ],
    )
    for grade, colours in st.PREDIKAT_COLOURS.items():
        _cf_equal(ws, "I17", grade, colours)
    cap = q(S.CAPAIAN)
    c_first = S.FORMAT.header_row + 1
    c_last = S.FORMAT.header_row + CAPAIAN_ROWS
    kat = f"{cap}!$J${c_first}:$J${c_last}"
    card(
        20,
        "Capaian kinerja",
        [
            ("Indikator", f'=COUNTIF({cap}!$B${c_first}:$B${c_last},"?*")', "0"),
            ("Sudah ada realisasi", f"=COUNT({cap}!$H${c_first}:$H${c_last})", "0"),
            (
                "Rata-rata capaian (%)",
                f'=IF(COUNT({cap}!$I${c_first}:$I${c_last})=0,"-",'
                f"AVERAGE({cap}!$I${c_first}:$I${c_last}))",
                "0.00",
            ),
            ("Sangat Tinggi", f'=COUNTIF({kat},"Sangat Tinggi")', "0"),
            ("Tinggi", f'=COUNTIF({kat},"Tinggi")', "0"),
            ("Sedang", f'=COUNTIF({kat},"Sedang")', "0"),
            ("Rendah/Sangat Rendah", f'=COUNTIF({kat},"Rendah")+COUNTIF({kat},"S*Rendah")', "0"),
        ],
    )
    ws["H29"] = "Batas penyampaian LKjIP"
    ws["H29"].font = st.font(bold=True)
    # The deadline follows Pengaturan (batas_penyampaian, else end of February of tahun + 1);
    # a date typed as text is read as Python reads it (profile_io.cell_date).
    batas = profile_value("batas_penyampaian")
    ws[DEADLINE_CELL] = (
        f"=IF(ISNUMBER({batas}),{batas},"
        f"IFERROR({text_date_formula(ws, batas)},DATE({NAME_TAHUN}+1,3,0)))"
    )
    ws["I29"].number_format = st.DATE_FORMAT
    ws["I29"].alignment = Alignment(horizontal="center")
    ws["H30"] = f'=IF(ISNUMBER(E{s8}),"Penyampaian","Sisa hari kerja")'
    ws["H30"].font = st.font(bold=True)
    ws["H30"].alignment = Alignment(vertical="top")
    ws["I30"] = _deadline_formula("I29", delivered=f"E{s8}", started=f"D{s1}")
    ws["I30"].number_format = "0"
    # The delivery text is a sentence: wrapped in its cell rather than cut off.
    ws["I30"].alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
    ws.row_dimensions[30].height = 58
    # Quarterly monitoring (issue 22): each quarter's state, written by the quarterly actions
    # (forms export/e-mail/import --triwulan, monev) from the journal and Realisasi Triwulan.
    tw_top = BERANDA_TW_TOP
    _section(ws, f"H{tw_top}", "Pemantauan triwulan")
    for k, roman in enumerate(("I", "II", "III", "IV"), start=1):
        r = tw_top + k
        ws[f"H{r}"] = f"TW {roman}"
        ws[f"I{r}"] = "belum dimulai"
        ws[f"H{r}"].font = st.font(bold=True)
        ws[f"I{r}"].alignment = Alignment(wrap_text=True, vertical="center")
        ws[f"H{r}"].alignment = Alignment(vertical="center")
        ws.row_dimensions[r].height = 30
        for col in "HI":
            ws[f"{col}{r}"].border = st.thin_border()
    ws["H31"] = "Tombol ada di tab LKjIP pada ribbon."
    ws["H32"] = "Tanpa Excel/Python: perintah lkjip."
    for cell in ("H31", "H32"):
        ws[cell].font = st.font(italic=True, color=st.GREY)


BERANDA_TW_TOP = 34
"""Beranda's quarter block: heading H34, TW I–IV in H35:I38 (actions/triwulan.py writes I)."""


def _placeholder(ref: str) -> str:
    """Formula body: TRUE when ``ref`` is blank or a ``(…)`` placeholder (domain.profile)."""
    v = f'TRIM({ref}&"")'
    return f'OR({v}="",AND(LEFT({v},1)="(",RIGHT({v},1)=")"))'


def _sample_nip(ref: str) -> str:
    """Formula body: TRUE when ``ref`` is not a real NIP (domain.profile.is_sample_nip)."""
    from lkjip_xl.domain.profile import SAMPLE_NIPS

    d = f'SUBSTITUTE({ref}&""," ","")'
    samples = ",".join(f'{d}="{n}"' for n in sorted(SAMPLE_NIPS))
    return f"OR(LEN({d})<>18,ISERROR(--{d}),{d}=REPT(LEFT({d},1),18),{samples})"


def _sample_email(ref: str) -> str:
    from lkjip_xl.domain.profile import SAMPLE_EMAIL_MARKS

    return "OR(" + ",".join(f'ISNUMBER(SEARCH("{m}",{ref}&""))' for m in SAMPLE_EMAIL_MARKS) + ")"


def _listed(key: str) -> tuple[str, str]:
    """(count, detail) formula bodies of a check evaluated cell by cell in Beranda's hidden
    helper rows (:func:`_persiapan_helpers`): how many cells fail, and their addresses."""
    rows = [PERSIAPAN_TOP + i for i, (k, _a, _c) in enumerate(_persiapan_helpers()) if k == key]
    first, last = rows[0], rows[-1]
    parts = "&".join(f"{HELPER_TEXT}{r}" for r in rows)
    detail = f'IF(LEN({parts})=0,"",LEFT({parts},LEN({parts})-2))'
    return f"SUM({HELPER_FLAG}{first}:{HELPER_FLAG}{last})", detail


HELPER_TEXT, HELPER_FLAG = "N", "O"
"""Beranda's hidden helper columns: per checked cell, its address when it fails, and 1/0."""


PEJABAT_ROWS = 12
"""Pejabat rows the Persiapan formulas look at."""
UNIT_ROWS = 24
"""Unit rows the Persiapan formulas look at."""


def _persiapan_helpers() -> list[tuple[str, str, str]]:
    """(check key, Pengaturan address, formula body TRUE when that cell fails) for the checks
    evaluated cell by cell: the NIP of each signer, every e-mail address."""
    p, u = S.PEJABAT, S.UNIT
    peng = q(S.PENGATURAN)

    def pcell(table: S.Table, key: str, k: int) -> str:
        return f"{peng}!${col_letter(table.col_index(key))}${table.header_row + k}"

    def paddr(table: S.Table, key: str, k: int) -> str:
        return f"{col_letter(table.col_index(key))}{table.header_row + k}"

    rows = []
    for k in range(1, PEJABAT_ROWS + 1):
        role = pcell(p, "peran", k)
        signer = "OR(" + ",".join(f'{role}="{label}"' for _r, label in OFFICIAL_ROLES) + ")"
        rows.append(("nip", paddr(p, "nip", k), f"AND({signer},{_sample_nip(pcell(p, 'nip', k))})"))
    for table, n in ((p, PEJABAT_ROWS), (u, UNIT_ROWS)):
        for k in range(1, n + 1):
            rows.append(
                ("email", paddr(table, "email", k), _sample_email(pcell(table, "email", k)))
            )
    rows.append(("email", _profil_addr("email"), _sample_email(profile_value("email"))))
    return rows


def _persiapan_formulas() -> dict[str, tuple[str, str]]:
    """Check key → (formula body counting what is unmet, formula body of the detail or "").

    The same rules as the evaluators of :mod:`lkjip_xl.workbook.persiapan` (a LibreOffice
    test compares them on varied workbooks).
    """
    from lkjip_xl.domain.narasi import TOPICS
    from lkjip_xl.domain.profile import SAMPLE_PHONE_MARK

    t = S.PROFIL
    last = t.header_row + 200
    kunci, nilai = col_range(t, "kunci", last), col_range(t, "nilai", last)
    profil = "+".join(
        f'IF(COUNTIFS({kunci},"{k}",{nilai},"<>")-COUNTIFS({kunci},"{k}",{nilai},"(*)")<1,1,0)'
        for k in PROFILE_REQUIRED
    )
    p = S.PEJABAT
    peran, nama = lookup_range(p, "peran"), lookup_range(p, "nama")
    pejabat = "+".join(
        f'IF(COUNTIFS({peran},"{label}",{nama},"<>")-COUNTIFS({peran},"{label}",{nama},"(*)")'
        f"<1,1,0)"
        for _role, label in OFFICIAL_ROLES
    )
    nip, nip_detail = _listed("nip")
    email, email_detail = _listed("email")
    unit_status = f"E{UNIT_TOP}:E{UNIT_TOP + BERANDA_UNIT_ROWS - 1}"
    kode, target = lookup_range(S.FORMAT, "kode"), lookup_range(S.FORMAT, "target")
    sk = S.SAKIP_T
    tahun, komp = lookup_range(sk, "tahun"), lookup_range(sk, "perencanaan")
    a = S.ANGGARAN_T
    reviu_keys = ("reviu_apip", "reviu_tanggal", "reviu_nama", "reviu_jabatan")
    reviu_done = profile_value("reviu_dilakukan")
    reviu = (
        f'IF(OR(LOWER({reviu_done}&"")="ya",{reviu_done}&""="TRUE",{reviu_done}&""="1"),'
        + "+".join(f"IF({_placeholder(profile_value(k))},1,0)" for k in reviu_keys)
        + f"+IF({_sample_nip(profile_value('reviu_nip'))},1,0),0)"
    )
    n = S.NARASI_T
    n_kunci, n_isi = lookup_range(n, "kunci"), lookup_range(n, "isi")
    wajib = [t.key for t in TOPICS if t.wajib and t.key != "serapan_anggaran"]
    keys = "{" + ",".join(f'"{k}"' for k in wajib) + "}"
    known = "{" + ",".join(f'"{t.key}"' for t in TOPICS) + "}"
    low = f'COUNTIF({lookup_range(a, "serapan")},"<"&(89995/1000))>0'
    narasi = (
        f'SUMPRODUCT(--(COUNTIFS({n_kunci},{keys},{n_isi},"?*")=0))'
        f'+IF({low},IF(COUNTIFS({n_kunci},"serapan_anggaran",{n_isi},"?*")=0,1,0),0)'
    )
    cap = q(S.CAPAIAN)
    c_first = S.FORMAT.header_row + 1
    c_last = S.FORMAT.header_row + CAPAIAN_ROWS
    fd = S.FORMAT
    return {
        "profil": (f"IF(({profil})>0,1,0)", ""),
        "pejabat": (f"IF(({pejabat})>0,1,0)", ""),
        # Beranda I29 is the deadline; E of step 8 its delivery (see _build_beranda).
        "batas": (f"IF(AND({DEADLINE_CELL}<TODAY(),NOT(ISNUMBER(E{STEP_TOP + 7}))),1,0)", ""),
        "format": (
            f"IF(OR(COUNTA({kode})=0,"
            f'COUNTIF({unit_status},"Tidak ada indikator")>0),1,0)'
            f'+SUMPRODUCT(({kode}<>"")*({target}=""))',
            "",
        ),
        "email": (email, email_detail),
        "skm": (f'IF(N({S.NAME_IKM_RESPONDEN})+COUNTIF(Olahan_Unit,"?*")>0,0,1)', ""),
        "sakip": (
            f'IF(AND(COUNTIFS({tahun},{NAME_TAHUN},{komp},"<>")>0,'
            f'COUNTIFS({tahun},"<"&{NAME_TAHUN},{komp},"<>")>0),0,1)',
            "",
        ),
        "anggaran": (
            f"IF(COUNT({lookup_range(a, 'pagu')})=0,1,"
            f'COUNTIFS({lookup_range(a, "nama")},"<>",{lookup_range(a, "pagu")},"<>",'
            f'{lookup_range(a, "realisasi")},""))',
            "",
        ),
        "renstra": (f"IF({_placeholder(profile_value('renstra_periode'))},1,0)", ""),
        "perwali": (
            f"IF(OR({_placeholder(profile_value('perwali_nomor'))},"
            f"{_placeholder(profile_value('perwali_tahun'))}),1,0)",
            "",
        ),
        "realisasi": (
            f'COUNTIFS({cap}!$B${c_first}:$B${c_last},"?*",{cap}!$H${c_first}:$H${c_last},"")',
            "",
        ),
        "narasi": (narasi, ""),
        "narasi_indikator": (
            f"SUM({cap}!${CAPAIAN_HELPERS['narasi_kurang']}${c_first}:"
            f"${CAPAIAN_HELPERS['narasi_kurang']}${c_last})",
            "",
        ),
        "koreksi": (
            f'COUNTIFS({lookup_range(fd, "realisasi_koreksi")},"<>",'
            f'{lookup_range(fd, "alasan_koreksi")},"")',
            "",
        ),
        "narasi_kunci": (
            f'SUMPRODUCT(--({n_kunci}<>""),--ISNA(MATCH({n_kunci},{known},0)),'
            f'--(LEFT({n_kunci},{len(EXTRA_PREFIX)})<>"{EXTRA_PREFIX}"))',
            "",
        ),
        "nip": (nip, nip_detail),
        "telepon": (
            f'IF(ISNUMBER(SEARCH("{SAMPLE_PHONE_MARK}",SUBSTITUTE({profile_value("telepon")}&"",'
            '" ",""))),1,0)',
            "",
        ),
        "reviu": (reviu, ""),
    }


def _profil_addr(key: str) -> str:
    """Pengaturan cell of a Profil key's Nilai on a freshly built workbook."""
    row = S.PROFIL.header_row + 1 + list(PROFILE_KEYS).index(key)
    return f"{col_letter(S.PROFIL.col_index('nilai'))}{row}"


def _build_persiapan(ws: Worksheet, ctx: _Ctx) -> None:
    """Beranda's Persiapan: one row per readiness check (:data:`persiapan.CHECKS`)."""
    from openpyxl.styles import Alignment

    top = PERSIAPAN_TOP
    last = top + len(CHECKS) - 1
    _section(ws, f"A{top - 2}", "Persiapan: semua yang diperlukan versi final")
    for j, h in enumerate(["No", "Yang disiapkan", "Status", "Paling lambat", "Tempat mengisi"]):
        _header_cell(ws.cell(top - 1, 1 + j), h)
    ws.merge_cells(f"E{top - 1}:F{top - 1}")
    for i, (_key, addr, cond) in enumerate(_persiapan_helpers()):
        r = top + i
        ws[f"{HELPER_FLAG}{r}"] = f"=IF({cond},1,0)"
        ws[f"{HELPER_TEXT}{r}"] = f'=IF({HELPER_FLAG}{r}=1,"{addr}, ","")'
    for letter in (HELPER_TEXT, HELPER_FLAG):
        ws.column_dimensions[letter].hidden = True
    formulas = _persiapan_formulas()
    for i, check in enumerate(CHECKS):
        r = top + i
        ws[f"A{r}"] = i + 1
        ws[f"B{r}"] = check.label
        if check.excel:
            count, detail = formulas[check.key]
            ws[f"K{r}"] = "=" + count
            ws[f"C{r}"] = f'=IF(K{r}=0,"Lengkap","Belum")'
            ws[f"E{r}"] = f'="{check.where}"&IF(K{r}=0,"",": "&{detail})' if detail else check.where
        else:
            ws[f"K{r}"] = "?"
            ws[f"C{r}"] = "Periksa Isian"
            ws[f"E{r}"] = check.where
        ws[f"L{r}"] = check.langkah
        ws[f"D{r}"] = f"Langkah {check.langkah}"
        ws.merge_cells(f"E{r}:F{r}")
        ws[f"B{r}"].alignment = Alignment(wrap_text=True, vertical="center")
        for col in "ACD":
            ws[f"{col}{r}"].alignment = Alignment(horizontal="center", vertical="center")
        ws[f"E{r}"].alignment = Alignment(wrap_text=True, vertical="center")
        for col in "ABCDEF":
            ws[f"{col}{r}"].border = st.thin_border()
        ws.row_dimensions[r].height = 30
    _cf_equal(ws, f"C{top}:C{last}", "Lengkap", st.GREEN)
    _cf_equal(ws, f"C{top}:C{last}", "Belum", st.AMBER)
    _cf_equal(ws, f"C{top}:C{last}", "Periksa Isian", (st.LIGHT_GREY, st.GREY))
    ws[f"B{last + 1}"] = (
        f'="Persiapan: "&COUNTIF(K{top}:K{last},0)&" dari "&COUNT(K{top}:K{last})&" lengkap; '
        f'{sum(1 for c in CHECKS if not c.excel)} hal lain diperiksa tombol Periksa Isian."'
    )
    ws[f"B{last + 1}"].font = st.font(bold=True)
    # The input colour convention, explained once.
    legend = last + 2
    ws[f"A{legend}"].fill = st.fill(st.INPUT_YELLOW)
    ws[f"A{legend}"].protection = st.unlocked()  # a sample of the input colour: as typed cells
    ws[f"A{legend}"].border = st.thin_border()
    ws.merge_cells(f"B{legend}:F{legend}")
    ws[f"B{legend}"] = (
        "Sel kuning = tempat mengetik isian (di semua sheet). Ungu muda = hasil impor formulir "
        "(sheet Kiriman). Sel lain berisi rumus atau diisi tombol ribbon. Selain sel kuning, "
        "semua dikunci (Review › Unprotect Sheet, tanpa sandi, bila memang perlu)."
    )
    ws[f"B{legend}"].font = st.font(italic=True)
    ws[f"B{legend}"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[legend].height = 30


# --------------------------------------------------------------------------------------------
# xlwings.conf


CONF_KEYS: tuple[tuple[str, str], ...] = (
    ("UDF MODULES", "lkjip_xl.excel.udfs"),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "False"),
    ("SHOW CONSOLE", "False"),
)
"""The xlwings.conf sheet: keys spelled as xlwings' VBA reads them, no blank row between.

No ``INTERPRETER_WIN``: a key on this sheet wins over the user's own config, so an empty
one hides it and a filled one carries one PC's path to every other PC. The interpreter is
set per PC in ``%USERPROFILE%\\.xlwings\\xlwings.conf`` by ``lkjip setup-excel``, and so is
``USE UDF SERVER`` (``setup-excel --server``), which is why it is not on the sheet either."""

CONF_NOTE = (
    "Pengaturan xlwings untuk workbook ini (dibaca oleh modul xlwings di dalam workbook). "
    "Lokasi Python tidak disimpan di sini: diatur per komputer oleh 'lkjip setup-excel'. "
    "Jangan menyisipkan baris kosong dan jangan menambah kunci INTERPRETER_WIN."
)


def _build_conf(ws: Worksheet) -> None:
    write_conf(ws)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 60
    ws["D1"].font = st.font(italic=True, color=st.GREY)
    ws.sheet_properties.tabColor = st.GREY
    # Hidden (not very hidden): xlwings reads hidden sheets; users need not see it.
    ws.sheet_state = "hidden"


def write_conf(ws: Worksheet) -> None:
    """Write the xlwings.conf keys and clear whatever else sits in columns A:B below them
    (``lkjip setup-excel`` uses this to clean a workbook built by an older version)."""
    for i, (key, value) in enumerate(CONF_KEYS, start=1):
        ws.cell(i, 1).value = key
        ws.cell(i, 2).value = value
    for r in range(len(CONF_KEYS) + 1, max(ws.max_row, len(CONF_KEYS)) + 1):
        ws.cell(r, 1).value = None
        ws.cell(r, 2).value = None
    ws["D1"] = CONF_NOTE


# --------------------------------------------------------------------------------------------
# names, protection, print setup


def _define_names(ctx: _Ctx) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    wb = ctx.wb
    u = S.UNIT
    first = u.header_row + 1
    last = u.header_row + MAX_UNITS
    nama = col_letter(u.col_index("nama"))
    peng = q(S.PENGATURAN)
    ikm = q(S.IKM)
    sakip = q(S.SAKIP)
    n = len(ctx.unsur)
    total = 15 + n
    names: dict[str, str] = {
        NAME_TAHUN: profile_value("tahun"),
        NAME_OPD: profile_value("opd"),
        NAME_BOBOT_ATURAN: profile_value("ikm_bobot"),
        NAME_GABUNGAN: profile_value("ikm_gabungan"),
        NAME_CAPAIAN_TURUN: profile_value("capaian_turun"),
        NAME_CAPAIAN_BATAS: profile_value("capaian_batas_atas"),
        NAME_DAFTAR_UNIT: (
            f"OFFSET({peng}!${nama}${first},0,0,"
            f"MAX(1,COUNTA({peng}!${nama}${first}:${nama}${last})),1)"
        ),
        NAME_DAFTAR_LAYANAN: (
            f'OFFSET({peng}!$X${first},0,0,MAX(1,COUNTIF({peng}!$X${first}:$X${last},"?*")),1)'
        ),
        "SKM_Unit": col_range(ctx.skm, "unit"),
        NAME_IKM_BOBOT: f"{ikm}!$B$7",
        NAME_IKM_POPULASI: f"{ikm}!$B$10",
        NAME_IKM_SAMPEL: f"{ikm}!$B$11",
        S.NAME_IKM_RESPONDEN: f"{ikm}!$E$5",
        S.NAME_IKM_INDEKS: f"{ikm}!$C${total + 1}",
        S.NAME_IKM_KONVERSI: f"{ikm}!$C${total + 2}",
        S.NAME_IKM_MUTU: f"{ikm}!$C${total + 3}",
        NAME_IKM_KINERJA: f"{ikm}!$C${total + 4}",
        S.NAME_HARI_LIBUR: (
            f"{peng}!${S.HOLIDAY_COL}${first}:${S.HOLIDAY_COL}${first + S.HOLIDAY_ROWS - 1}"
        ),
        NAME_SAKIP_TAHUN: f"{sakip}!$M$4",
        S.NAME_SAKIP_NILAI: f"{sakip}!$M$5",
        S.NAME_SAKIP_PREDIKAT: f"{sakip}!$M$6",
        NAME_SAKIP_INTERPRETASI: f"{sakip}!$M$7",
    }
    for code in ctx.unsur:
        names[f"SKM_{code}"] = col_range(ctx.skm, code.lower())
        names[f"Olahan_{code}"] = col_range(ctx.olahan, code.lower())
    for key in ("unit", "responden", "indeks", "sumber"):
        names[f"Olahan_{key.capitalize()}"] = col_range(ctx.olahan, key)
    for name in sorted(names):
        wb.defined_names[name] = DefinedName(name, attr_text=names[name])


def _protect(ws: Worksheet) -> None:
    p = ws.protection
    p.sheet = True
    p.formatColumns = False  # allowed: widen columns
    p.formatRows = False
    p.autoFilter = False  # allowed: filter tables
    p.sort = True
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def _fit_rows(ws: Worksheet) -> None:
    """Row heights for wrapped static text (Excel and LibreOffice do not grow them on load)."""
    widths = {k: (d.width or 9) for k, d in ws.column_dimensions.items()}
    heights: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if not isinstance(value, str) or value.startswith("=") or not cell.alignment.wrap_text:
                continue
            lines = st.text_lines(value, widths.get(cell.column_letter, 9))
            heights[cell.row] = max(heights.get(cell.row, 1), lines)
    for r, lines in heights.items():
        if lines > 1 and ws.row_dimensions[r].height is None:
            ws.row_dimensions[r].height = min(15 * lines, 150)


def _finish_sheet(ws: Worksheet, spec: S.Sheet, ctx: _Ctx) -> None:
    if spec.kind == "system":
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1
        return
    _fit_rows(ws)
    _protect(ws)
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # The running header/footer sit inside the top/bottom margins (header margin < top margin),
    # so they print whole on every sheet.
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    # The running header (year, OPD) and footer: year_labels, below (rewritten on later writes).
    if spec.tables:
        header = spec.tables[0].header_row
        ws.print_title_rows = f"{header}:{header}"
        ws.freeze_panes = "C5" if spec.name == S.SKM else f"A{header + 1}"
    elif spec.name == S.CAPAIAN:
        ws.print_title_rows = "4:4"
        ws.freeze_panes = "C5"
        ws.print_area = f"A1:U{S.FORMAT.header_row + CAPAIAN_ROWS}"
    if spec.name in (S.BERANDA, S.IKM, S.CAPAIAN):
        ws.sheet_view.showGridLines = False
    if spec.name == S.BERANDA:
        ws.print_area = f"A1:I{UNIT_TOP + BERANDA_UNIT_ROWS + BERANDA_PERBEDAAN_ROWS + 5}"
        setup.fitToHeight = 1
    if spec.name == S.PENGATURAN:
        # Tables side by side: one page per block (Profil | Pejabat | Unit and Libur), never
        # a table split across pages: column breaks before Pejabat and before Unit.
        from openpyxl.worksheet.pagebreak import Break

        ws.sheet_properties.pageSetUpPr.fitToPage = False
        setup.scale = 58
        last = S.PROFIL.header_row + max(len(PROFILE_KEYS), RESERVED_ROWS[S.UNIT.name])
        end = col_letter(S.LIBUR.first_col + len(S.LIBUR.columns) - 1)
        ws.print_area = f"A1:{end}{last}"
        for table in (S.PEJABAT, S.UNIT):
            ws.col_breaks.append(Break(id=table.first_col - 1))


def _iter_names(wb: Workbook) -> Iterable[str]:  # pragma: no cover - debugging helper
    return sorted(wb.defined_names)
