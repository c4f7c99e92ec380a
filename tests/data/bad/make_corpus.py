"""Rebuild the bad-input corpus: ``python tests/data/bad/make_corpus.py``.

Every file here is something a Kasi/Lurah (or a broken mail client) could send
back. They derive from forms exported by a workbook with the demo indicators
(``lkjip_xl.demo.data``), so their metadata match the workbook the tests build.
The very large file is made by the test itself (it would bloat the repository).

The committed forms are of form version 1 (``LKJIP-FORMULIR-1``: no narrative columns, no
read-only last-year column): they are kept so, as proof that forms already sent out still
import, and the cell letters below (``Isian!G6`` = Realisasi) follow that layout. Rebuilding
makes version 3 forms (a last-year column before Target): shift the letters from column F on
by one, and the cells named in tests/test_bad_corpus.py, first.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from lkjip_xl.actions.forms import export_forms
from lkjip_xl.demo import data
from lkjip_xl.domain.profile import default_profile
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.build import build_workbook
from lkjip_xl.workbook.gateway import open_workbook

HERE = Path(__file__).resolve().parent
FORMS = HERE / "formulir"
SKM = HERE / "skm"

BASE_UNIT = "Seksi_Pelayanan_Umum"
"""A unit with several indicators (IKM, layanan tepat waktu, pengaduan)."""


def master_workbook(folder: Path, tahun: int = 2025) -> Path:
    """A workbook with the demo indicators (the tests build the same one)."""
    profile = default_profile(tahun)
    wb = build_workbook(folder / f"LKjIP_{profile.opd_singkat}.xlsm", profile)
    with open_workbook(wb, write=True) as gw:
        gw.write_rows(S.FORMAT, data.indicators(profile))
    return wb


def _export(tahun: int, tmp: Path) -> dict[str, Path]:
    wb = master_workbook(tmp / str(tahun), tahun)
    with open_workbook(wb) as gw:
        result = export_forms(gw)
    return {p.stem.split(f"_{tahun}_", 1)[1]: p for p in result.files}


def _fill(src: Path, dest: Path, values: list[object], **edits: object) -> Path:
    """Fill Realisasi top to bottom with ``values``; ``edits`` maps 'Isian!G7' → value."""
    wb = openpyxl.load_workbook(src)
    ws = wb["Isian"]
    header = next(r for r in range(1, 20) if ws.cell(r, 1).value == "No")
    col = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    for i, v in enumerate(values):
        ws.cell(header + 1 + i, col["Realisasi"]).value = v
        ws.cell(header + 1 + i, col["Bukti Dukung"]).value = "Laporan bulanan"
    for ref, value in edits.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].value = value
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest


def _meta(path: Path, key: str, value: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["_lkjip_meta"]
    for row in ws.iter_rows():
        if row[0].value == key:
            row[1].value = value
            break
    else:
        raise KeyError(key)
    wb.save(path)


def _broken_cell(path: Path, ref: str, inner: str) -> Path:
    """Replace one cell of the Isian sheet by raw XML no spreadsheet program would write."""
    import re

    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(),
                    f'<c r="{ref}">{inner}</c>'.encode(),
                    data,
                    count=1,
                )
            dst.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


def make_forms(tmp: Path) -> list[Path]:
    forms = _export(2025, tmp)
    base = forms[BASE_UNIT]
    good = ["84,9", "96,4", "4"]
    out: list[Path] = []
    # The correct form, for reference (the test imports it to show the corpus is otherwise fine).
    out.append(_fill(base, FORMS / "00_benar.xlsx", good))
    # Wrong template: a spreadsheet that is not an LKjIP form at all.
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active.append(["Nama", "Nilai"])
    wb.active.append(["IKM", 84.9])
    wb.save(FORMS / "templat_salah.xlsx")
    out.append(FORMS / "templat_salah.xlsx")
    # Edited headers.
    out.append(_fill(base, FORMS / "judul_diubah.xlsx", good, **{"Isian!G6": "Capaian"}))
    # Text in number cells.
    out.append(_fill(base, FORMS / "teks_di_angka.xlsx", ["delapan puluh", "96,4", "4"]))
    # Values out of range: a negative count and a percentage in the thousands.
    out.append(_fill(base, FORMS / "di_luar_rentang.xlsx", ["84,9", "9640", "-4"]))
    # Formula injection: a formula as realisasi, formula-like text as keterangan.
    out.append(
        _fill(
            base,
            FORMS / "injeksi_rumus.xlsx",
            ["=80+4.9", "96,4", "4"],
            **{"Isian!H7": '=HYPERLINK("http://contoh.invalid","klik")'},
        )
    )
    # Macro-enabled file: the same form saved as .xlsm with a VBA project inside.
    macro = FORMS / "bermakro.xlsm"
    filled = _fill(base, tmp / "isi.xlsx", good)
    vba = zipfile.ZipFile(tmp / "2025" / "LKjIP_Wonoasih.xlsm").read("xl/vbaProject.bin")
    with zipfile.ZipFile(filled) as src, zipfile.ZipFile(macro, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b'<Default Extension="xml"',
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.'
                    b'vbaProject"/><Default Extension="xml"',
                )
            dst.writestr(item, content)
        dst.writestr("xl/vbaProject.bin", vba)
    out.append(macro)
    # Password-protected (encrypted OOXML in an OLE container).
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = FORMS / "berkata_sandi.xlsx"
    with open(filled, "rb") as src, open(locked, "wb") as dst:
        OOXMLFile(src).encrypt("rahasia", dst)
    out.append(locked)
    # Zip bomb: 200 MB of zeros that compress to a few hundred kilobytes.
    bomb = FORMS / "bom_zip.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                member.write(chunk)
    out.append(bomb)
    # Truncated download and an empty file.
    whole = filled.read_bytes()
    (FORMS / "terpotong.xlsx").write_bytes(whole[: len(whole) // 2])
    (FORMS / "kosong.xlsx").write_bytes(b"")
    out += [FORMS / "terpotong.xlsx", FORMS / "kosong.xlsx"]
    # Wrong year: last year's form.
    old = _export(2024, tmp)[BASE_UNIT]
    out.append(_fill(old, FORMS / "tahun_salah.xlsx", good))
    # Wrong unit: a form whose unit is not in this workbook's Pengaturan.
    wrong_unit = _fill(base, FORMS / "unit_salah.xlsx", good)
    _meta(wrong_unit, "kode_unit", "KEL_TIDAK_ADA")
    out.append(wrong_unit)
    # Duplicates: the same indicator twice.
    out.append(_fill(base, FORMS / "duplikat.xlsx", good, **{"Isian!B8": "IKU-01"}))
    # A cell the reader cannot parse: NaN stored as a number (a broken writer, issue 13).
    out.append(_broken_cell(_fill(base, FORMS / "sel_rusak.xlsx", good), "G8", "<v>NaN</v>"))
    # The Realisasi column twice: which one is meant cannot be told (issue 13).
    out.append(
        _fill(base, FORMS / "judul_ganda.xlsx", good, **{"Isian!J6": "Realisasi", "Isian!J7": 1})
    )
    # Not a spreadsheet at all: a PNG picture renamed to .xlsx.
    (FORMS / "bukan_spreadsheet.xlsx").write_bytes(
        b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 64
    )
    out.append(FORMS / "bukan_spreadsheet.xlsx")
    return out


def make_skm() -> list[Path]:
    SKM.mkdir(parents=True, exist_ok=True)
    header = ["Unit Layanan", *[f"U{i}" for i in range(1, 10)]]

    def write(name: str, rows: list[list[object]], head: list[str] = header) -> Path:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(head)
        w.writerows(rows)
        path = SKM / name
        path.write_text(buf.getvalue(), encoding="utf-8")
        return path

    ok = ["Kecamatan Wonoasih", 4, 3, 3, 4, 3, 4, 4, 3, 3]
    return [
        write(
            "jawaban_di_luar_rentang.csv", [ok, ["Kecamatan Wonoasih", 5, 3, 3, 4, 0, 4, 4, 3, 3]]
        ),
        write(
            "kata_bukan_jawaban.csv",
            [ok, ["Kecamatan Wonoasih", 4, "lumayan", 3, 4, 3, 4, 4, 3, 3]],
        ),
        write("kolom_hilang.csv", [ok[:-1]], header[:-1]),
    ]


def main() -> None:
    for folder in (FORMS, SKM):
        if folder.exists():
            shutil.rmtree(folder)
    FORMS.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        made = make_forms(Path(tmp))
    made += make_skm()
    for p in made:
        print(f"{p.relative_to(HERE)}  {p.stat().st_size:,} B")


if __name__ == "__main__":
    main()
