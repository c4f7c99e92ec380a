"""The *Laporan Monitoring dan Evaluasi Kinerja Triwulan N* (issue 22), signed by the Camat.

Rendered directly with python-docx from the data handed to it (no workbook access), with the
report's styles (:func:`lkjip_xl.report.templates._base_styles`), landscape like the Rencana
Aksi: the capaian table with its traffic light, the chart of capaian across the quarters so
far, the obstacles and corrective steps, what needs the Camat's decision, the signature.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from lkjip_xl.domain.monev import LAMPU, LAMPU_TEXT, Baris
from lkjip_xl.domain.profile import Official
from lkjip_xl.report import charts, fmt
from lkjip_xl.report import docxkit as K
from lkjip_xl.report import templates as T
from lkjip_xl.report.rencana_aksi import sign_landscape

__all__ = ["MonevDocument", "write_monev"]

ROMAWI = ("I", "II", "III", "IV")
BULAN_TW = ("Januari–Maret", "April–Juni", "Juli–September", "Oktober–Desember")
LAMPU_FILL = {"Hijau": "C6EFCE", "Kuning": "FFEB9C", "Merah": "FFC7CE"}

HEADERS = (
    "No",
    "Indikator Kinerja",
    "Satuan",
    "Target TW",
    "Realisasi TW",
    "Capaian TW (%)",
    "Target Tahun",
    "Realisasi s.d. TW",
    "Capaian thd Target Tahun (%)",
    "Aturan",
    "Kategori",
)
WIDTHS = (0.9, 5.7, 1.9, 1.9, 2.2, 2.0, 1.9, 2.2, 2.4, 2.0, 2.2)


@dataclass(frozen=True)
class MonevDocument:
    opd: str
    kota: str
    tahun: int
    triwulan: int
    tanggal: dt.date
    camat: Official
    baris: Sequence[Baris]
    versi: int = 1


def _figure(x: float | None) -> str:
    if x is None:
        return "-"
    return fmt.angka(x, 0 if float(x).is_integer() else 2)


def _heading(doc: object, text: str) -> None:
    K.paragraph(doc, text, bold=True, size=12, before=12, after=6, keep_next=True)


def _table(doc: object, headers: Sequence[str], widths: Sequence[float]) -> object:
    table = doc.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    K.set_table_borders(table)
    for j, h in enumerate(headers):
        c = table.rows[0].cells[j]
        K.cell_text(c, h, style="Judul Tabel", align="center")
        K.set_cell_background(c, "D9E2F3")
    K.set_repeat_header(table.rows[0])
    return table


def write_monev(data: MonevDocument, out: Path) -> Path:
    """Write the monev report of ``data`` to ``out`` (.docx)."""
    tw = ROMAWI[data.triwulan - 1]
    with K.core_properties_prefix():
        doc = Document()
        T._base_styles(doc, body_size=11, line=1.15)
        doc.core_properties.title = (
            f"Laporan Monitoring dan Evaluasi Kinerja Triwulan {tw} {data.opd} Tahun {data.tahun}"
        )
        doc.core_properties.author = "lkjip_xl"
        doc.core_properties.subject = f"triwulan={data.triwulan}; versi={data.versi}"
        sec = doc.sections[0]
        K.page_setup(sec, top=2.0, bottom=2.0, left=2.0, right=2.0)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
        K.paragraph(
            doc,
            f"LAPORAN MONITORING DAN EVALUASI KINERJA TRIWULAN {tw}",
            bold=True,
            size=14,
            align="center",
            after=0,
        )
        K.paragraph(doc, f"TAHUN {data.tahun}", bold=True, size=13, align="center", after=0)
        K.paragraph(doc, data.opd.upper(), bold=True, size=12, align="center", after=12)

        rows = list(data.baris)
        counts = {name: sum(1 for b in rows if b.lampu == name) for name in LAMPU_FILL}
        no_data = sum(1 for b in rows if b.lampu is None)
        _heading(doc, "A. Pendahuluan")
        K.paragraph(
            doc,
            f"Laporan ini memuat hasil pemantauan dan evaluasi capaian kinerja {data.opd} "
            f"triwulan {tw} ({BULAN_TW[data.triwulan - 1]} {data.tahun}) sesuai Peraturan "
            "Menteri PANRB Nomor 53 Tahun 2014: realisasi setiap indikator Perjanjian Kinerja "
            "dibandingkan dengan target triwulan menurut Rencana Aksi dan dengan target "
            "tahunan, beserta kendala, langkah perbaikan, dan hal yang memerlukan keputusan "
            "Camat.",
            style="Isi",
        )
        K.paragraph(
            doc,
            "Kategori lampu: " + LAMPU_TEXT + " Capaian terhadap target tahun dihitung dari "
            "realisasi sampai triwulan ini menurut aturan triwulan indikator (Kumulatif: "
            "jumlah triwulan; Nilai Terakhir: angka triwulan terakhir; Tahunan: hanya "
            "triwulan IV).",
            style="Isi",
        )
        _heading(doc, f"B. Capaian Kinerja Triwulan {tw}")
        K.paragraph(
            doc,
            f"Dari {len(rows)} indikator, {counts['Hijau']} berkategori hijau, "
            f"{counts['Kuning']} kuning dan {counts['Merah']} merah"
            + (f"; {no_data} belum dapat dinilai" if no_data else "")
            + ".",
            style="Isi",
        )
        table = _table(doc, HEADERS, WIDTHS)
        for i, b in enumerate(rows, start=1):
            n = data.triwulan
            values = [
                str(i),
                b.indikator,
                b.satuan,
                _figure(b.target_tw[n - 1]),
                _figure(b.realisasi_tw[n - 1]),
                fmt.angka(b.capaian_tw) if b.capaian_tw is not None else "-",
                _figure(b.target_tahun),
                _figure(b.realisasi_sd),
                fmt.angka(b.capaian_tahun) if b.capaian_tahun is not None else "-",
                b.aturan,
                b.lampu or "-",
            ]
            aligns = ["center", "left", "center", *["right"] * 6, "center", "center"]
            row = table.add_row()  # type: ignore[attr-defined]
            for j, text in enumerate(values):
                K.cell_text(row.cells[j], text, style="Isi Tabel", align=aligns[j], valign="top")
            if b.lampu:
                K.set_cell_background(row.cells[-1], LAMPU_FILL[b.lampu])
            K.set_cant_split(row)
        K.fix_table_widths(table, list(WIDTHS))
        notes = [f"{b.kode}: {' '.join(b.catatan)}" for b in rows if b.catatan]
        K.paragraph(
            doc,
            "Sumber: sheet Realisasi Triwulan (formulir triwulan unit) dan Rencana Aksi."
            + (" Catatan: " + " ".join(notes) if notes else ""),
            style="Sumber",
        )

        _heading(doc, "C. Perkembangan Capaian per Triwulan")
        series = [list(b.capaian_per_tw) for b in rows]
        png = charts.quarter_capaian(
            [f"{b.kode} {_short(b.indikator)}" for b in rows],
            series,
            bands=(LAMPU[1][0], LAMPU[0][0]),
        )
        doc.add_picture(io.BytesIO(png), width=Cm(15.5))
        doc.paragraphs[-1].style = "Gambar"
        K.paragraph(
            doc,
            f"Gambar 1. Capaian terhadap target triwulan, triwulan I sampai {tw}; garis putus "
            f"merah {LAMPU[1][0]:g}% dan hijau {LAMPU[0][0]:g}% adalah batas kategori lampu.",
            style="Sumber",
            align="center",
        )

        _heading(doc, "D. Kendala dan Langkah Perbaikan")
        issues = [b for b in rows if b.kendala or b.langkah]
        if issues:
            t2 = _table(
                doc,
                ("No", "Indikator", "Penanggung Jawab", "Kendala", "Langkah"),
                (0.9, 6.0, 4.0, 6.3, 6.3),
            )
            for i, b in enumerate(issues, start=1):
                row = t2.add_row()  # type: ignore[attr-defined]
                for j, text in enumerate(
                    (str(i), b.indikator, b.penanggung_jawab, b.kendala or "-", b.langkah or "-")
                ):
                    K.cell_text(
                        row.cells[j],
                        text,
                        style="Isi Tabel",
                        align="center" if j == 0 else "left",
                        valign="top",
                    )
                K.set_cant_split(row)
            K.fix_table_widths(t2, [0.9, 6.0, 4.0, 6.3, 6.3])
        else:
            K.paragraph(doc, "Unit tidak melaporkan kendala pada triwulan ini.", style="Isi")

        _heading(doc, "E. Hal yang Memerlukan Keputusan Camat")
        decide = [b for b in rows if b.perlu_keputusan]
        if decide:
            for i, b in enumerate(decide, start=1):
                why = []
                if b.lampu == "Merah":
                    why.append(
                        f"capaian triwulan {fmt.angka(b.capaian_tw)}% (merah, di bawah "
                        f"{LAMPU[1][0]:g}%)"
                    )
                if b.keputusan:
                    why.append(f"diajukan oleh {b.penanggung_jawab or 'unit'}")
                text = (
                    f"{i}. {b.indikator} ({b.kode}): {'; '.join(why)}."
                    + (f" Kendala: {b.kendala.rstrip('.')}." if b.kendala else "")
                    + (f" Usulan langkah: {b.langkah.rstrip('.')}." if b.langkah else "")
                )
                K.paragraph(doc, text, style="Butir")
        else:
            K.paragraph(
                doc,
                "Tidak ada indikator berkategori merah dan tidak ada usulan unit yang "
                "memerlukan keputusan Camat pada triwulan ini.",
                style="Isi",
            )
        K.paragraph(doc, "Keputusan/arahan Camat:", bold=True, before=6, after=2, keep_next=True)
        for _ in range(3):
            K.paragraph(doc, "." * 150, after=2, keep_next=True, color="7F7F7F")

        sign_landscape(doc, data.kota, data.tanggal, data.camat)
        T._finish(doc, update_fields=False)
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(out))
    return out


def _short(text: str, width: int = 42) -> str:
    import textwrap

    return textwrap.shorten(text, width, placeholder="…")
