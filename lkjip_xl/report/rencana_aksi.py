"""The Rencana Aksi document (issue 22): one landscape table, signed by the Camat.

Rendered directly with python-docx from the data handed to it (no workbook access), with the
report's styles (:func:`lkjip_xl.report.templates._base_styles`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from lkjip_xl.domain.profile import Official
from lkjip_xl.report import docxkit as K
from lkjip_xl.report import fmt
from lkjip_xl.report import templates as T

__all__ = ["Baris", "RencanaAksiDocument", "write_rencana_aksi"]

HEADERS = (
    "No",
    "Indikator Kinerja",
    "Satuan",
    "Target Tahunan",
    "Aturan",
    "TW I",
    "TW II",
    "TW III",
    "TW IV",
    "Kegiatan",
    "Penanggung Jawab",
)
WIDTHS = (0.9, 4.9, 1.8, 2.1, 2.0, 1.5, 1.5, 1.5, 1.5, 4.5, 3.1)
ALIGNS = ("center", "left", "center", "right", "center", "right", "right", "right", "right")


@dataclass(frozen=True)
class Baris:
    kode: str
    indikator: str
    satuan: str
    target: float | None
    aturan: str
    triwulan: list[float | None]
    kegiatan: str
    penanggung_jawab: str


@dataclass(frozen=True)
class RencanaAksiDocument:
    opd: str
    kota: str
    tahun: int
    tanggal: dt.date
    camat: Official
    baris: Sequence[Baris]


def _figure(x: float | None) -> str:
    if x is None:
        return "-"
    return fmt.angka(x, 0 if float(x).is_integer() else 2)


def write_rencana_aksi(data: RencanaAksiDocument, out: Path) -> Path:
    """Write the Rencana Aksi of ``data`` to ``out`` (.docx)."""
    with K.core_properties_prefix():
        doc = Document()
        T._base_styles(doc, body_size=11, line=1.15)
        doc.core_properties.title = f"Rencana Aksi {data.opd} Tahun {data.tahun}"
        doc.core_properties.author = "lkjip_xl"
        sec = doc.sections[0]
        K.page_setup(sec, top=2.0, bottom=2.0, left=2.0, right=2.0)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
        K.paragraph(doc, f"RENCANA AKSI TAHUN {data.tahun}", bold=True, size=14, align="center")
        K.paragraph(doc, data.opd.upper(), bold=True, size=12, align="center", after=12)
        table = doc.add_table(rows=1 + len(data.baris), cols=len(HEADERS))
        table.style = "Table Grid"
        K.set_table_borders(table)
        for j, h in enumerate(HEADERS):
            c = table.rows[0].cells[j]
            K.cell_text(c, h, style="Judul Tabel", align="center")
            K.set_cell_background(c, "D9E2F3")
        K.set_repeat_header(table.rows[0])
        for i, b in enumerate(data.baris, start=1):
            values = [
                str(i),
                b.indikator,
                b.satuan,
                _figure(b.target),
                b.aturan or "-",
                *(_figure(v) for v in b.triwulan),
                b.kegiatan or "-",
                b.penanggung_jawab or "-",
            ]
            aligns: list[Any] = [*ALIGNS, "left", "left"]
            row = table.rows[i]
            for j, text in enumerate(values):
                K.cell_text(row.cells[j], text, style="Isi Tabel", align=aligns[j], valign="top")
            K.set_cant_split(row)
        K.fix_table_widths(table, list(WIDTHS))
        K.paragraph(
            doc,
            "Aturan: Kumulatif = capaian tahunan adalah jumlah keempat triwulan; Nilai Terakhir = "
            "angka akhir triwulan IV; Tahunan = diukur sekali setahun.",
            style="Sumber",
        )
        sign_landscape(doc, data.kota, data.tanggal, data.camat)
        T._finish(doc, update_fields=False)
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(out))
    return out


def sign_landscape(doc: Any, kota: str, tanggal: dt.date, camat: Official) -> None:
    """The Camat's signature block at the right of a landscape page (Rencana Aksi, monev)."""
    sign = [
        (f"{kota}, {fmt.tanggal(tanggal)}", False, False),
        (camat.jabatan.upper(), True, False),
        ("", False, False),
        ("", False, False),
        ("", False, False),
        (camat.nama, True, True),
        (camat.pangkat, False, False),
        (f"NIP. {fmt.nip(camat.nip)}" if camat.nip else "", False, False),
    ]
    for text, bold, underline in sign:
        p = K.paragraph(doc, text, align="center", after=0, keep_next=True)
        p.paragraph_format.left_indent = Cm(16.0)
        for run in p.runs:
            run.bold, run.underline = bold, underline
