"""The Perjanjian Kinerja document (issue 22): template generated from code, rendered with docxtpl.

One .docx holds every PK of the year (:func:`lkjip_xl.domain.pk.perjanjian_tahun`), each
starting on a new page: the *lembar pernyataan* (title, the two parties, the promise, place and
date, both signatures) and its *lampiran* (sasaran, indikator, target — the same table as the
LKjIP's Lampiran 1, :mod:`lkjip_xl.report.pk_table` — then program and anggaran with the
total, and the signatures again). The wording follows the elements of Lampiran I of
PermenPAN-RB 53/2014 (DOMAIN.md §11), written in our own words.

``python -m lkjip_xl.report.pk`` rewrites ``templates/pk_template.docx`` (a test compares the
committed copy). Staff may edit a copy in ``templates/`` beside the workbook.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Cm, Pt

from lkjip_xl.domain.pk import Perjanjian, Pihak
from lkjip_xl.report import docxkit as K
from lkjip_xl.report import fmt, pk_table
from lkjip_xl.report import templates as T

__all__ = ["PK_TEMPLATE", "PkDocument", "build_pk_template", "pk_context", "render_pk"]

PK_TEMPLATE = "pk_template.docx"

_PARTY_INDENT = 0.0
_SIGN_WIDTHS = (7.75, 7.75)


@dataclass(frozen=True)
class PkDocument:
    """Everything the PK document shows, finished (gathered by ``actions/pk.py``)."""

    opd: str
    pemerintah: str
    kota: str
    tahun: int
    tanggal: dt.date
    perjanjian: Sequence[Perjanjian]
    versi: int
    perubahan: bool = False
    alasan: str = ""
    versi_sebelumnya: int | None = None


# -- template ----------------------------------------------------------------------------------


def _party(doc: Any, who: str, label: str) -> None:
    """Nama / Jabatan lines of a party, then who it is in the agreement."""
    for name, tag in (
        ("Nama", f"{{{{ pk.{who}.nama }}}}"),
        ("Jabatan", f"{{{{ pk.{who}.jabatan }}}}"),
    ):
        p = K.paragraph(doc, f"{name}\t: {tag}", after=0, indent_left=1.0)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(4.0))
    K.paragraph(doc, label, style="Isi", before=4)


def _signatures(doc: Any) -> None:
    """Place and date, then pihak kedua (left) and pihak pertama (right)."""
    K.paragraph(doc, "{{ kota }}, {{ tanggal }}", align="right", before=12, after=6, keep_next=True)
    table = doc.add_table(rows=1, cols=2)
    K.set_table_borders(table, none=True)
    for cell, who, title in zip(
        table.rows[0].cells, ("kedua", "pertama"), ("PIHAK KEDUA,", "PIHAK PERTAMA,"), strict=True
    ):
        K.cell_text(cell, title, style="Normal", align="center", bold=True, valign="top")
        lines = [
            (f"{{{{ pk.{who}.jabatan_upper }}}}", True, False),
            ("", False, False),
            ("", False, False),
            ("", False, False),
            (f"{{{{ pk.{who}.nama }}}}", True, True),
            (f"{{{{ pk.{who}.pangkat }}}}", False, False),
            (f"{{{{ pk.{who}.nip }}}}", False, False),
        ]
        for text, bold, underline in lines:
            p = cell.add_paragraph(style="Normal")
            p.alignment = K.ALIGN["center"]
            if text:
                run = p.add_run(text)
                run.bold = bold
                run.underline = underline
        for p in cell.paragraphs:
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.keep_with_next = True
    K.set_cant_split(table.rows[0])
    K.fix_table_widths(table, list(_SIGN_WIDTHS))


def _pernyataan(doc: Any) -> None:
    K.paragraph(doc, "{{ judul }}", bold=True, size=14, align="center", after=0)
    K.paragraph(doc, "{{ pk.pertama.jabatan_upper }}", bold=True, size=12, align="center", after=18)
    K.paragraph(
        doc,
        "Untuk mewujudkan pemerintahan yang efektif, transparan dan akuntabel serta "
        "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
        style="Isi",
    )
    _party(doc, "pertama", "selanjutnya disebut pihak pertama;")
    _party(doc, "kedua", "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.")
    for text in (
        "Pihak pertama berjanji mewujudkan target kinerja tahun {{ tahun }} sebagaimana "
        "tercantum dalam lampiran perjanjian ini, sebagai bagian dari pencapaian target kinerja "
        "jangka menengah yang ditetapkan dalam dokumen perencanaan. Keberhasilan maupun "
        "kegagalan mencapai target tersebut menjadi tanggung jawab pihak pertama.",
        "Pihak kedua melakukan supervisi yang diperlukan, mengevaluasi capaian kinerja atas "
        "perjanjian ini, dan mengambil tindakan yang diperlukan dalam rangka pemberian "
        "penghargaan dan sanksi.",
    ):
        K.paragraph(doc, text, style="Isi")
    K.paragraph(doc, "{%p if perubahan %}")
    K.paragraph(
        doc,
        "Perjanjian ini mengubah Perjanjian Kinerja Tahun {{ tahun }} versi "
        "{{ versi_sebelumnya }} karena {{ alasan }}",
        style="Isi",
    )
    K.paragraph(doc, "{%p endif %}")
    _signatures(doc)


def _lampiran(doc: Any) -> None:
    K.paragraph(doc, "LAMPIRAN {{ judul }}", bold=True, size=12, align="center", after=0)
    K.paragraph(doc, "{{ pk.pertama.jabatan_upper }}", bold=True, size=12, align="center", after=12)
    K.paragraph(doc, "A. Sasaran, Indikator dan Target", bold=True, after=4, keep_next=True)
    pk_table.lampiran_table(doc, "for r in pk.rows")
    K.paragraph(doc, "{%p if pk.programs %}")
    K.paragraph(doc, "B. Program dan Anggaran", bold=True, before=10, after=4, keep_next=True)
    pk_table.program_table(doc, "for p in pk.programs", "pk.total")
    K.paragraph(doc, "{%p endif %}")
    _signatures(doc)


def build_pk_template(out: Path) -> Path:
    """Write the PK template to ``out``."""
    with K.core_properties_prefix():
        doc = Document()
        T._base_styles(doc, body_size=12, line=1.15)
        core = doc.core_properties
        core.title = "Perjanjian Kinerja"
        core.author = "lkjip_xl"
        core.last_modified_by = "lkjip_xl"
        core.revision = 1
        K.page_setup(doc.sections[0], top=2.0, bottom=2.0, left=3.0, right=2.5)
        K.paragraph(doc, "{%p for pk in daftar %}")
        _pernyataan(doc)
        K.page_break(doc)
        _lampiran(doc)
        K.paragraph(doc, "{%p if not loop.last %}")
        K.page_break(doc)
        K.paragraph(doc, "{%p endif %}")
        K.paragraph(doc, "{%p endfor %}")
        T._finish(doc, update_fields=False)
        out.parent.mkdir(parents=True, exist_ok=True)
        T._save_stable(doc, out)
    return out


# -- context -----------------------------------------------------------------------------------


def _pihak(p: Pihak) -> dict[str, str]:
    return {
        "nama": p.nama,
        "jabatan": p.jabatan,
        "jabatan_upper": p.jabatan.upper(),
        "pangkat": p.pangkat,
        "nip": f"NIP. {fmt.nip(p.nip)}" if p.nip.strip() else "",
    }


def pk_context(data: PkDocument) -> dict[str, Any]:
    """The template's context: every text finished (Indonesian dates and numbers)."""
    judul = f"PERJANJIAN KINERJA{' PERUBAHAN' if data.perubahan else ''} TAHUN {data.tahun}"
    daftar = []
    for pk in data.perjanjian:
        daftar.append(
            {
                "pertama": _pihak(pk.pertama),
                "kedua": _pihak(pk.kedua),
                "rows": pk_table.lampiran_rows(pk.indikator),
                "programs": pk_table.program_rows(pk.program),
                "total": fmt.angka(pk.total_anggaran, 0),
            }
        )
    return {
        "judul": judul,
        "opd": data.opd,
        "tahun": data.tahun,
        "kota": data.kota,
        "tanggal": fmt.tanggal(data.tanggal),
        "perubahan": data.perubahan,
        "alasan": fmt.kalimat(data.alasan),
        "versi_sebelumnya": data.versi_sebelumnya or "",
        "daftar": daftar,
    }


def render_pk(data: PkDocument, template: Path, out: Path) -> Path:
    """Render every PK of ``data`` into ``out``."""
    from lkjip_xl.report.render import render_template

    return render_template(template, pk_context(data), out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else T.TEMPLATE_DIR
    print(f"Template ditulis: {build_pk_template(folder / PK_TEMPLATE)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
