"""Write one macro-free ``.xlsx`` data form per unit (SOP step 2).

The form is built with openpyxl and then re-zipped with fixed timestamps, so the
same Format Data and profile always give the same bytes (the e-mail test compares
attachments byte for byte, and re-exporting does not create spurious changes).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.forms import spec
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Official, Profile, Unit

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# Colours: dark blue headings, pale yellow for the cells the unit fills in.
_BLUE = "1F4E78"
_HEADER_FILL = "DDEBF7"
_INPUT_FILL = "FFF2CC"
_LOCKED_FILL = "F2F2F2"


UNKNOWN = "-"
"""What the last-year column shows when the workbook does not know last year's realisation."""

_WRAPPED = {c.key: c.width for c in spec.COLUMNS if c.key in ("sasaran", "indikator")}
_LINE_HEIGHT = 15.0
_HELP_WIDTH = 72


FONT_NAME = "Arial"
"""Windows has Arial; LibreOffice shows it as the metric-identical Liberation Sans."""


def _font(**kw: Any) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, **kw)


def _row_height(cells: list[tuple[str, float]]) -> float:
    """Row height (points) that shows wrapped text fully; Excel does not grow rows by itself
    for files written by openpyxl, and LibreOffice does not either when printing."""
    lines = 1
    for text, width in cells:
        per_line = max(int(width * 0.95) - 2, 8)  # words wrap whole: leave room
        n = 0
        for para in text.split("\n"):
            n += max(1, -(-len(para) // per_line))
        lines = max(lines, n)
    return _LINE_HEIGHT * lines + 3


@dataclass(frozen=True)
class Form:
    """A generated form: which unit, its file name and its bytes."""

    unit: Unit
    filename: str
    content: bytes
    indicators: tuple[spec.Indicator, ...]
    checksum: str


def _contact(profile: Profile) -> Official | None:
    for peran in ("kasubbag", "staf"):
        for o in profile.pejabat:
            if o.peran == peran:
                return o
    return None


def build_form(
    profile: Profile,
    unit: Unit,
    indicators: list[spec.Indicator],
    batas: str = "",
    stamp: str = "",
    triwulan: int | None = None,
) -> Form:
    """The form for ``unit`` listing ``indicators`` (deterministic bytes).

    ``batas``: the return deadline in words (``Kamis, 8 Januari 2026 pukul 14.10 WIB``),
    printed under the unit and year. ``stamp``: the export time carried in the metadata
    (``diekspor``), the first part of the form's version; the caller reuses the stamp of an
    earlier export of the same content so re-exporting gives the same bytes. ``triwulan``:
    a quarter form (issue 22): the quarter in the title, a visible *Triwulan* row and the
    metadata, the indicators' ``target`` being the quarter's (Rencana Aksi), and the column
    *Perlu Keputusan Camat*.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    fixed = dt.datetime(profile.tahun, 1, 1)
    wb.properties.creator = profile.opd
    wb.properties.lastModifiedBy = profile.opd
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.title = f"Format Data LKjIP {profile.tahun} - {unit.nama}"
    if triwulan:
        wb.properties.title = (
            f"Format Data Triwulan {spec.ROMAWI[triwulan]} {profile.tahun} - {unit.nama}"
        )
        wb.properties.subject = f"triwulan={triwulan}"
        from openpyxl.packaging.custom import IntProperty, StringProperty

        wb.custom_doc_props.append(IntProperty(name="LKjIP Triwulan", value=triwulan))
        wb.custom_doc_props.append(
            StringProperty(name="LKjIP Formulir", value=f"Triwulan {spec.ROMAWI[triwulan]}")
        )
    ws = wb.active
    ws.title = spec.SHEET_DATA
    digest = spec.indicator_checksum(indicators)
    _write_data_sheet(ws, profile, unit, indicators, batas, triwulan)
    _write_help_sheet(wb.create_sheet(spec.SHEET_HELP), profile, unit, len(indicators), triwulan)
    _write_meta_sheet(
        wb.create_sheet(spec.SHEET_META), profile, unit, indicators, digest, stamp, triwulan
    )
    for sheet in (wb[spec.SHEET_DATA], wb[spec.SHEET_HELP]):
        _print_header(sheet, profile, unit)
    wb.active = 0
    # Users cannot add, delete, rename or unhide sheets (no password: this prevents
    # slips, it is not a secret; edits of locked cells are caught by the checksum).
    from openpyxl.workbook.protection import WorkbookProtection

    wb.security = WorkbookProtection(lockStructure=True)
    buf = io.BytesIO()
    wb.save(buf)
    return Form(
        unit=unit,
        filename=spec.form_filename(profile, unit, triwulan),
        content=_normalise_zip(buf.getvalue(), fixed),
        indicators=tuple(indicators),
        checksum=digest,
    )


def _print_header(ws: Any, profile: Profile, unit: Unit) -> None:
    """The running header and footer a printed form carries: the unit, the LKjIP year and the
    OPD from Pengaturan (as on every sheet of the workbook), the sheet and the page."""
    from lkjip_xl.workbook.year_labels import FOOTER_LEFT, FOOTER_RIGHT, header_text

    ws.oddHeader.left.text = unit.nama.replace("&", "&&")
    ws.oddHeader.right.text = header_text(profile)
    ws.oddFooter.left.text = FOOTER_LEFT
    ws.oddFooter.right.text = FOOTER_RIGHT


def _normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Re-zip with fixed member timestamps so identical content gives identical bytes.

    openpyxl stamps ``dcterms:modified`` with the time of saving; it is set to ``when``.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            dst.writestr(fixed, content)
    return out.getvalue()


QUARTER_MONTHS = {1: "Januari–Maret", 2: "April–Juni", 3: "Juli–September", 4: "Oktober–Desember"}


def quarter_label(triwulan: int) -> str:
    """``I (Januari–Maret)``."""
    return f"{spec.ROMAWI[triwulan]} ({QUARTER_MONTHS[triwulan]})"


def _write_data_sheet(
    ws: Any,
    profile: Profile,
    unit: Unit,
    rows: list[spec.Indicator],
    batas: str = "",
    triwulan: int | None = None,
) -> None:
    from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    columns = spec.columns_for(triwulan)
    ncols = len(columns)
    last_col = ncols

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    if triwulan:
        ws.cell(
            1,
            1,
            f"FORMAT DATA KINERJA TRIWULAN {spec.ROMAWI[triwulan]} TAHUN {profile.tahun}",
        )
    else:
        ws.cell(1, 1, f"FORMAT DATA DAN INFORMASI KINERJA TAHUN {profile.tahun}")
    ws.cell(1, 1).font = _font(bold=True, size=14, color=_BLUE)
    if triwulan:  # the quarter, visible (and read back at import like Unit and Tahun)
        ws.cell(2, 1, "Triwulan").font = _font(bold=True, color=_BLUE)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
        ws.cell(2, 3, quarter_label(triwulan)).font = _font(bold=True, size=12, color=_BLUE)
        ws.cell(2, 3).fill = PatternFill("solid", fgColor=_LOCKED_FILL)
        ws.merge_cells(start_row=2, start_column=4, end_row=2, end_column=ncols)
        ws.cell(2, 4, f"Pemantauan kinerja triwulanan {profile.opd}")
        ws.cell(2, 4).font = _font(italic=True, color="595959")
    else:
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
        ws.cell(2, 1, f"Laporan Kinerja Instansi Pemerintah (LKjIP) {profile.opd}")
        ws.cell(2, 1).font = _font(italic=True, color="595959")
    for r, label, value in (
        (spec.UNIT_ROW, "Unit", unit.nama),
        (spec.YEAR_ROW, "Tahun", profile.tahun),
    ):
        ws.cell(r, 1, label).font = _font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.cell(r, 3, value).font = _font(bold=True, size=12)
        ws.cell(r, 3).alignment = Alignment(horizontal="left")
        ws.cell(r, 3).fill = PatternFill("solid", fgColor=_LOCKED_FILL)
    if batas:  # the row between the unit block and the header
        r = spec.YEAR_ROW + 1
        ws.cell(r, 1, "Batas kembali").font = _font(bold=True, color="C00000")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.cell(r, 3, batas).font = _font(bold=True, color="C00000")
        ws.cell(r, 3).alignment = Alignment(horizontal="left")
    ws.merge_cells(start_row=3, start_column=4, end_row=4, end_column=ncols)
    note = ws.cell(3, 4)
    note.value = (
        (
            f"Isi hanya kolom berwarna kuning: Realisasi triwulan {spec.ROMAWI[triwulan]} "
            "(angka; untuk indikator kumulatif isi capaian triwulan itu saja), Kendala/"
            "Penghambat, Solusi/Langkah perbaikan, dan 'Ya' pada Perlu Keputusan Camat bila "
            "ada hal yang perlu diputuskan Camat. Target TW adalah target triwulan menurut "
            "Rencana Aksi. Baca sheet 'Petunjuk'."
        )
        if triwulan
        else "Isi hanya kolom berwarna kuning: Realisasi (angka), Keterangan, Bukti Dukung, dan "
        "uraian Faktor Pendukung, Kendala, Solusi serta Efisiensi (untuk analisis laporan). "
        f"Kolom lain dikunci; kolom abu-abu Realisasi {profile.tahun - 1} hanya untuk "
        "perbandingan. Baca sheet 'Petunjuk' sebelum mengisi."
    )
    note.alignment = Alignment(wrap_text=True, vertical="center")
    note.font = _font(color="C00000")

    for j, col in enumerate(columns, start=1):
        c = ws.cell(spec.HEADER_ROW, j, col.title(profile.tahun, triwulan))
        c.font = _font(bold=True, color="FFFFFF" if not col.input else "000000")
        c.fill = PatternFill("solid", fgColor=_BLUE if not col.input else "FFD966")
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
        ws.column_dimensions[col_letter(j)].width = col.width
    ws.row_dimensions[spec.HEADER_ROW].height = 30

    for i, ind in enumerate(rows):
        r = spec.FIRST_DATA_ROW + i
        values: dict[str, Any] = {
            "no": i + 1,
            "kode": ind.kode,
            "sasaran": ind.sasaran,
            "indikator": ind.indikator,
            "satuan": ind.satuan,
            "realisasi_lalu": UNKNOWN if ind.realisasi_lalu is None else ind.realisasi_lalu,
            "target": ind.target,
        }
        for j, col in enumerate(columns, start=1):
            c = ws.cell(r, j, values.get(col.key))
            c.font = _font()
            c.border = border
            c.alignment = Alignment(
                vertical="top",
                wrap_text=col.key
                in ("sasaran", "indikator", "keterangan", "bukti", *spec.NARRATIVE_KEYS),
                horizontal="center"
                if col.key in ("no", "satuan") or (col.last_year and c.value == UNKNOWN)
                else None,
            )
            if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")):
                c.data_type = "s"
                c.quotePrefix = True
            if col.input:
                c.protection = Protection(locked=False)
                c.fill = PatternFill("solid", fgColor=_INPUT_FILL)
            elif col.last_year:  # given, not asked: grey like the unit and year cells
                c.fill = PatternFill("solid", fgColor=_LOCKED_FILL)
            if col.key == "realisasi":
                c.number_format = "General"
        ws.row_dimensions[r].height = _row_height(
            [(str(values[k] or ""), w) for k, w in _WRAPPED.items()]
        )

    first, last = spec.FIRST_DATA_ROW, spec.FIRST_DATA_ROW + max(len(rows), 1) - 1
    real = spec.column_of("realisasi")
    rl = col_letter(real)
    dv = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle="Realisasi harus angka",
        error=(
            "Tulis realisasi dengan angka, misalnya 80 atau 80,5. Jangan menulis dengan huruf "
            "(misalnya 'delapan puluh') dan jangan menambah satuan."
        ),
        promptTitle="Realisasi",
        prompt=(
            f"Ketik angka realisasi triwulan {spec.ROMAWI[triwulan]} dalam satuan pada kolom "
            "Satuan."
            if triwulan
            else f"Ketik angka realisasi tahun {profile.tahun} dalam satuan pada kolom Satuan."
        ),
    )
    dv.add(f"{rl}{first}:{rl}{last}")
    ws.add_data_validation(dv)
    from lkjip_xl.domain.narasi import MAX_LENGTH

    limits = [("keterangan", 2000), ("bukti", 500)]
    limits += [(key, MAX_LENGTH) for key in spec.NARRATIVE_KEYS]
    for key, limit in limits:
        letter = col_letter(spec.column_of(key))
        tv = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(limit),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Teks terlalu panjang",
            error=f"Tulis paling banyak {limit} karakter.",
        )
        tv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(tv)

    if triwulan:
        kl = col_letter(spec.column_of("keputusan"))
        yv = DataValidation(type="list", formula1='"Ya,Tidak"', allow_blank=True)
        yv.add(f"{kl}{first}:{kl}{last}")
        ws.add_data_validation(yv)
    ws.freeze_panes = ws.cell(spec.FIRST_DATA_ROW, 1)
    ws.print_title_rows = f"{spec.HEADER_ROW}:{spec.HEADER_ROW}"
    ws.print_area = f"A1:{col_letter(last_col)}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.sheet_properties.tabColor = _BLUE
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is harmless
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _write_help_sheet(
    ws: Any, profile: Profile, unit: Unit, n: int, triwulan: int | None = None
) -> None:
    from openpyxl.styles import Alignment

    contact = _contact(profile)
    kontak = profile.opd
    if contact:
        kontak = f"{contact.jabatan}: {contact.nama}"
        if contact.email:
            kontak += f", e-mail {contact.email}"
    lines: list[tuple[str, str]] = [
        ("title", f"Petunjuk Pengisian Format Data LKjIP Tahun {profile.tahun}"),
        ("sub", f"{profile.opd} — formulir untuk {unit.nama} ({n} indikator)"),
        ("", ""),
        ("head", "Langkah pengisian"),
        (
            "",
            "1. Buka sheet 'Isian'. Setiap baris adalah satu indikator kinerja yang menjadi "
            "tanggung jawab unit Anda.",
        ),
        (
            "",
            f"2. Pada kolom 'Realisasi' ketik angka realisasi tahun {profile.tahun} dalam "
            "satuan yang tertulis di kolom 'Satuan'.",
        ),
        (
            "",
            f"2a. Kolom 'Realisasi {profile.tahun - 1}' (abu-abu) berisi realisasi indikator "
            f"itu tahun {profile.tahun - 1} menurut data {profile.opd}, sebagai pembanding; "
            "tanda '-' berarti datanya belum ada. Kolom ini tidak perlu diisi dan tidak dapat "
            "diubah; isinya tidak diambil saat formulir diimpor. Bila angkanya keliru, beri "
            "tahu kami di kolom 'Keterangan'.",
        ),
        (
            "",
            "3. Pada kolom 'Keterangan' jelaskan singkat capaian, penyebab berhasil atau "
            "tidaknya, dan upaya yang dilakukan.",
        ),
        (
            "",
            "3a. Pada kolom 'Faktor Pendukung/Penyebab', 'Kendala/Penghambat', 'Solusi/Langkah' "
            "dan (bila ada) 'Efisiensi Sumber Daya' tulis uraian singkat untuk analisis "
            "capaian di laporan: apa yang membuat target tercapai atau tidak, hambatannya, "
            "langkah yang telah dan akan dilakukan, serta penghematan sumber daya. Paling "
            "banyak 2.000 karakter per sel; jangan memakai rumus.",
        ),
        (
            "",
            "4. Pada kolom 'Bukti Dukung' tulis nama dokumen pendukung (mis. laporan bulanan, "
            "register, SK). Kirim dokumennya bersama e-mail balasan bila diminta.",
        ),
        ("", "5. Simpan file (tetap format .xlsx, jangan ganti nama sheet) lalu kirim kembali."),
        ("", ""),
        ("head", "Cara menulis angka"),
        ("", "Benar: 80   80,5   1.234,5   95%   (koma untuk desimal, titik untuk ribuan)."),
        (
            "",
            "Salah: delapan puluh   ±80   80 orang   "
            "(tulis satuan di kolom Satuan, bukan di sini).",
        ),
        ("", "Jika satuan '%' cukup tulis angkanya, mis. 96,4 untuk 96,4%."),
        ("", ""),
        ("head", "Yang tidak boleh diubah"),
        (
            "",
            f"Unit, tahun, kode, sasaran, indikator, satuan, realisasi {profile.tahun - 1} "
            "dan target dikunci. Jangan menghapus, "
            "menyisipkan atau mengurutkan ulang baris. Jika ada yang keliru, hubungi kami; "
            "baris yang kode, indikator, satuan atau targetnya diubah ditolak saat diimpor.",
        ),
        (
            "",
            "Jangan menyimpan file dengan kata sandi dan jangan menyimpannya sebagai .pdf atau "
            "gambar. Sebaiknya tetap .xlsx; .xls (Excel lama/WPS) dan .ods (LibreOffice) juga "
            "diterima.",
        ),
        ("", ""),
        ("head", "Kontak"),
        ("", kontak),
    ]
    if triwulan:
        tw = spec.ROMAWI[triwulan]
        lines[:4] = [
            ("title", f"Petunjuk Pengisian Format Data Triwulan {tw} Tahun {profile.tahun}"),
            ("sub", f"{profile.opd} — formulir untuk {unit.nama} ({n} indikator)"),
            ("", ""),
            ("head", "Formulir triwulan"),
            (
                "",
                f"Formulir ini untuk pemantauan triwulan {quarter_label(triwulan)}, bukan untuk "
                f"LKjIP tahunan. Kolom 'Target TW {tw}' berisi target triwulan menurut Rencana "
                "Aksi. Untuk indikator kumulatif (dokumen, kasus, orang) tulis realisasi "
                "triwulan ini saja; untuk persentase atau nilai tulis angka pada akhir "
                "triwulan. Tulis kendala dan langkah perbaikan; isi 'Ya' pada kolom 'Perlu "
                "Keputusan Camat' bila ada hal yang perlu diputuskan Camat.",
            ),
            ("", ""),
            ("head", "Langkah pengisian"),
        ]
    ws.column_dimensions["A"].width = _HELP_WIDTH
    for r, (kind, text) in enumerate(lines, start=1):
        c = ws.cell(r, 1, text)
        if kind == "":
            ws.row_dimensions[r].height = _row_height([(text, _HELP_WIDTH)])
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if kind == "title":
            c.font = _font(bold=True, size=14, color=_BLUE)
        elif kind == "sub":
            c.font = _font(italic=True, color="595959")
        elif kind == "head":
            c.font = _font(bold=True, size=12, color=_BLUE)
    ws.sheet_properties.tabColor = "548235"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True


def _write_meta_sheet(
    ws: Any,
    profile: Profile,
    unit: Unit,
    rows: list[spec.Indicator],
    digest: str,
    stamp: str,
    triwulan: int | None = None,
) -> None:
    from lkjip_xl import __version__

    meta = meta_values(profile, unit, rows, digest)
    if triwulan:
        meta["triwulan"] = str(triwulan)
    if stamp:
        meta["diekspor"] = stamp
    meta["dibuat_oleh"] = f"lkjip_xl {__version__}"
    ws.cell(1, 1, "kunci")
    ws.cell(1, 2, "nilai")
    for r, (k, v) in enumerate(meta.items(), start=2):
        ws.cell(r, 1, k)
        ws.cell(r, 2, v).data_type = "s"
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def meta_values(
    profile: Profile, unit: Unit, rows: list[spec.Indicator], digest: str
) -> dict[str, str]:
    """The metadata a form carries (all strings)."""
    return {
        "versi_formulir": spec.FORM_VERSION,
        "kode_unit": unit.kode,
        "nama_unit": unit.nama,
        "tahun": str(profile.tahun),
        "id_workbook": spec.workbook_id(profile),
        "checksum": digest,
        "jumlah_indikator": str(len(rows)),
        "kode_indikator": ",".join(i.kode for i in rows),
        # what the read-only last-year column showed, to tell a unit's edit of it at import
        "realisasi_lalu": json.dumps(
            {i.kode: spec.number_text(i.realisasi_lalu) for i in rows}, ensure_ascii=False
        ),
    }


def build_all(
    profile: Profile,
    assigned: dict[str, list[spec.Indicator]],
    batas: str = "",
    stamps: dict[str, str] | None = None,
    triwulan: int | None = None,
) -> list[Form]:
    """One form per unit that has indicators, in the profile's unit order.

    ``batas``: the return deadline in words; ``stamps``: export time per unit kode (see
    :func:`build_form`).
    """
    units = {u.kode: u for u in profile.unit}
    return [
        build_form(profile, units[k], rows, batas, (stamps or {}).get(k, ""), triwulan)
        for k, rows in assigned.items()
        if k in units
    ]


def export_stamps(
    profile: Profile,
    assigned: dict[str, list[spec.Indicator]],
    events: list[dict[str, Any]],
    now: str,
    triwulan: int | None = None,
) -> tuple[dict[str, str], set[str]]:
    """Export time per unit → (stamps, units stamped now).

    A unit whose indicator list (checksum) was exported before keeps that export's time, so
    the same content gives the same bytes; otherwise ``now``.
    """
    known: dict[tuple[str, str], str] = {}
    for ev in events:
        if (
            ev.get("jenis") == "formulir_dibuat"
            and ev.get("diekspor")
            and ev.get("triwulan") == triwulan
        ):
            known[(str(ev.get("unit")), str(ev.get("checksum")))] = str(ev["diekspor"])
    stamps: dict[str, str] = {}
    fresh: set[str] = set()
    for kode, rows in assigned.items():
        stamp = known.get((kode, spec.indicator_checksum(rows)))
        if stamp is None:
            stamp = now
            fresh.add(kode)
        stamps[kode] = stamp
    return stamps, fresh


def write_forms(forms: list[Form], out: Path) -> list[Path]:
    """Write the forms into ``out`` (replacing an older export of the same name)."""
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for f in forms:
        path = out / f.filename
        tmp = path.with_name(f".~{f.filename}")
        tmp.write_bytes(f.content)
        tmp.replace(path)
        paths.append(path)
    return paths
