"""Generate the Word templates from code (python-docx), with Jinja tags for docxtpl.

Run ``python -m lkjip_xl.report.templates`` to rewrite ``templates/lkjip_template.docx``
and ``templates/surat_pengantar_template.docx``. The committed templates are this
script's output (a test compares their XML). Staff may edit the wording, kop and
styles of a copy in Word; tags such as ``{{ opd }}`` and ``{%tr for … %}`` must stay
whole (one run each).

Outline: PermenPAN-RB No. 53 Tahun 2014 (DOMAIN.md §7); letter: Tata Naskah Dinas,
Permendagri No. 1 Tahun 2023 (DOMAIN.md §8).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Cm, Pt, RGBColor

from lkjip_xl.report import docxkit as K
from lkjip_xl.report import pk_table

__all__ = [
    "LETTER_TEMPLATE",
    "REPORT_TEMPLATE",
    "TEMPLATE_DIR",
    "build_letter_template",
    "build_report_template",
    "main",
]

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"
REPORT_TEMPLATE = "lkjip_template.docx"
LETTER_TEMPLATE = "surat_pengantar_template.docx"

TEXT_WIDTH = 15.5  # cm: A4 21 cm minus 3 cm left and 2.5 cm right margin
SIGN_INDENT = 8.0  # cm: the signature block sits in the right half
BODY_SIZE = 11.0


# -- styles ------------------------------------------------------------------------------------


def _paragraph_style(
    doc: Any,
    name: str,
    *,
    base: str = "Normal",
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    align: str | None = None,
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    keep_next: bool | None = None,
) -> Any:
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = K.ALIGN[align]
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    if keep_next is not None:
        pf.keep_with_next = keep_next
    return style


def _base_styles(doc: Any, *, body_size: float = BODY_SIZE, line: float = 1.3) -> None:
    styles = doc.styles
    # document defaults: Arial, Indonesian proofing language
    rpr_default = styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
    )
    if rpr_default is not None:
        rpr = rpr_default.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPrDefault/"
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr"
        )
        if rpr is not None:
            fonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
            if fonts is not None:
                rpr.remove(fonts)
    normal = styles["Normal"]
    K.set_font(normal.element)
    K.set_lang(normal.element)
    normal.font.size = Pt(body_size)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = line
    pf.widow_control = True

    for name, size, align, before, after in (
        ("Heading 1", 14, "center", 0, 18),
        ("Heading 2", 12, "left", 12, 6),
        ("Heading 3", 11, "left", 10, 4),
    ):
        st = styles[name]
        K.set_font(st.element)
        K.drop_theme_color(st.element)
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.alignment = K.ALIGN[align]
        st.paragraph_format.space_before = Pt(before)
        st.paragraph_format.space_after = Pt(after)
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.line_spacing = 1.15

    cap = styles["Caption"]
    K.drop_theme_color(cap.element)
    cap.font.color.rgb = RGBColor(0, 0, 0)
    cap.font.size = Pt(10)
    cap.font.bold = True
    cap.paragraph_format.alignment = K.ALIGN["center"]
    cap.paragraph_format.space_before = Pt(6)
    cap.paragraph_format.space_after = Pt(4)
    cap.paragraph_format.keep_with_next = True

    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)

    _paragraph_style(doc, "Isi", align="justify", after=6)
    styles["Isi"].paragraph_format.first_line_indent = Cm(1.0)
    _paragraph_style(doc, "Butir", align="justify", after=3)
    styles["Butir"].paragraph_format.left_indent = Cm(K.LIST_INDENT_CM)
    styles["Butir"].paragraph_format.first_line_indent = Cm(-K.LIST_INDENT_CM)
    _paragraph_style(doc, "Isi Tabel", size=9, after=1.5, before=1.5, line=1.0)
    _paragraph_style(doc, "Judul Tabel", size=9, bold=True, after=2, before=2, line=1.0)
    _paragraph_style(doc, "Sumber", size=8.5, italic=True, after=8, before=2)
    _paragraph_style(doc, "Gambar", align="center", after=0, before=6, line=1.0, keep_next=True)
    _paragraph_style(doc, "Judul Halaman", size=14, bold=True, align="center", after=18)
    styles["Judul Halaman"].font.all_caps = True
    _paragraph_style(doc, "Tanda Tangan", align="center", after=0, line=1.0)
    styles["Tanda Tangan"].paragraph_format.left_indent = Cm(SIGN_INDENT)
    styles["Tanda Tangan"].paragraph_format.keep_with_next = True
    _paragraph_style(doc, "Catatan", size=9, italic=True, align="justify", after=6)
    for level in (1, 2, 3):
        toc = _paragraph_style(doc, f"toc {level}", after=2, before=0, line=1.15)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        K.tab_stop(toc, TEXT_WIDTH)
    tof = _paragraph_style(doc, "table of figures", after=2, line=1.15)
    K.tab_stop(tof, TEXT_WIDTH)


# -- building blocks ---------------------------------------------------------------------------


class _Builder:
    """Collects headings and captions while the body is written.

    The template is built twice: the first pass learns the headings and captions, the second
    writes them as the cached result of the TOC fields (what a reader sees before Word or
    LibreOffice refreshes the fields) and numbers captions with cached SEQ results.
    """

    def __init__(self, preview: _Builder | None = None) -> None:
        self.tabel: list[tuple[str, str]] = []
        self.gambar: list[tuple[str, str]] = []
        self.outline: list[tuple[int, str, str]] = []
        self.preview = preview

    def heading(self, doc: Any, level: int, text: str, *, when: str = "") -> None:
        """A heading; ``when`` (a Jinja condition) marks a part shown only when it is true."""
        doc.add_paragraph(text, style=f"Heading {level}")
        self.outline.append((level, text, when))

    def caption(self, doc: Any, kind: str, title: str, *, when: str = "") -> None:
        items = self.tabel if kind == "Tabel" else self.gambar
        items.append((title, when))
        p = doc.add_paragraph(style="Caption")
        p.add_run(f"{kind} ")
        K.simple_field(p, f"SEQ {kind} \\* ARABIC", _number(items, len(items)))
        p.add_run(f" {title}")
        if kind == "Gambar":
            p.paragraph_format.keep_with_next = False


def _number(items: list[tuple[str, str]], n: int) -> str:
    """The number of the ``n``-th caption of ``items`` as the rendered document shows it: ``n``
    less the conditional captions before it whose condition is false (a Jinja expression then),
    so a table shown only sometimes never shifts the numbers after it, in the body's cached
    SEQ results as in the Daftar Tabel/Gambar."""
    hidden = [when for _title, when in items[: n - 1] if when]
    if not hidden:
        return str(n)
    return "{{ " + f"{n} - ({' + '.join(f'(0 if ({w}) else 1)' for w in hidden)})" + " }}"


def _body(doc: Any, text: str) -> Any:
    return K.paragraph(doc, text, style="Isi")


def _loop_paragraphs(doc: Any, var: str, items: str, style: str = "Isi") -> None:
    """``{%p for var in items %}`` / ``{{ var }}`` / ``{%p endfor %}``."""
    K.paragraph(doc, f"{{%p for {var} in {items} %}}")
    K.paragraph(doc, f"{{{{ {var} }}}}", style=style)
    K.paragraph(doc, "{%p endfor %}")


def _narasi(doc: Any, key: str) -> None:
    """A paragraph holding the Narasi sheet's ``key`` (a Word content control once rendered)."""
    _body(doc, "{{ narasi." + key + " }}")


def _narasi_list(doc: Any, key: str, num_id: int | None = None) -> int:
    """A Narasi topic written one item per line, as a numbered list (one item per line once
    rendered); ``num_id`` continues a list, else a new one starts. Returns the list's id."""
    num_id = _new_list(doc) if num_id is None else num_id
    _item(doc, "{{ narasi." + key + " }}", num_id)
    return num_id


def _new_list(doc: Any, kind: str = "decimal") -> int:
    """A fresh list (``numId``) in Word's own numbering: each list starts again at 1."""
    formats = doc.part.__dict__.setdefault("_lkjip_list_formats", {})
    if kind not in formats:
        formats[kind] = K.list_format(doc, kind)
    return K.new_list(doc, formats[kind])


def _item(doc: Any, text: str, num_id: int, **kw: Any) -> Any:
    """A list item of ``num_id`` (the number is Word's, never typed)."""
    p = K.paragraph(doc, text, style="Butir", **kw)
    K.number_paragraph(p, num_id)
    return p


def _loop_bullets(doc: Any, var: str, items: str, kind: str = "decimal") -> None:
    """A numbered list (its own ``numId``, so it restarts at 1) of the items of ``items``."""
    K.paragraph(doc, f"{{%p for {var} in {items} %}}")
    _item(doc, f"{{{{ {var} }}}}", _new_list(doc, kind))
    K.paragraph(doc, "{%p endfor %}")


def _signature(doc: Any, *, with_place: bool = True) -> None:
    if with_place:
        K.paragraph(doc, "{{ kota }}, {{ tanggal }}", style="Tanda Tangan", before=18)
    K.paragraph(doc, "{{ camat.jabatan_upper }}", style="Tanda Tangan", bold=True)
    for _ in range(3):
        K.paragraph(doc, "", style="Tanda Tangan")
    K.paragraph(doc, "{{ camat.nama }}", style="Tanda Tangan", bold=True, underline=True)
    K.paragraph(doc, "{{ camat.pangkat }}", style="Tanda Tangan")
    # the block keeps together, but not with what follows it
    K.paragraph(doc, "NIP. {{ camat.nip }}", style="Tanda Tangan", keep_next=False)


def _figure(doc: Any, numbers: _Builder, tag: str, title: str, *, when: str = "") -> None:
    K.paragraph(doc, "{{ " + tag + " }}", style="Gambar")
    numbers.caption(doc, "Gambar", title, when=when)


def _source(doc: Any, text: str) -> None:
    K.paragraph(doc, text, style="Sumber")


# -- the LKjIP ---------------------------------------------------------------------------------


def _cover(doc: Any) -> None:
    K.paragraph(doc, "", before=56)
    for text, size in (
        ("LAPORAN KINERJA", 26),
        ("INSTANSI PEMERINTAH", 26),
        ("(LKjIP)", 20),
    ):
        K.paragraph(doc, text, bold=True, size=size, align="center", after=4, keep_next=True)
    K.paragraph(doc, "TAHUN {{ tahun }}", bold=True, size=22, align="center", before=24, after=30)
    # a fixed box keeps the layout the same with or without a logo (logo.png beside the workbook)
    K.fixed_box(doc, 8.0, 7.5, "{{ logo }}")
    K.paragraph(doc, "{{ opd_upper }}", bold=True, size=18, align="center", before=36, after=4)
    K.paragraph(doc, "{{ pemerintah_upper }}", bold=True, size=16, align="center", after=4)
    K.paragraph(doc, "{{ alamat }}", size=11, align="center", after=4)
    K.paragraph(doc, "{{ tahun_terbit }}", bold=True, size=14, align="center", before=24)


def _header(section: Any, *, with_title: bool) -> None:
    section.header.is_linked_to_previous = False
    hp = section.header.paragraphs[0]
    if with_title:
        hp.add_run("LKjIP {{ opd }} Tahun {{ tahun }}").italic = True
        hp.add_run("\t\t")
    run = hp.add_run("{{ tanda }}")
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    hp.alignment = K.ALIGN["left" if with_title else "right"]
    if with_title:
        K.bottom_border(hp, val="single", size=4)


def _footer_page_number(section: Any) -> None:
    section.footer.is_linked_to_previous = False
    fp = section.footer.paragraphs[0]
    fp.alignment = K.ALIGN["center"]
    K.simple_field(fp, "PAGE", "1")


def _kata_pengantar(doc: Any, n: _Builder) -> None:
    n.heading(doc, 1, "KATA PENGANTAR")
    for text in (
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan "
        "karunia-Nya Laporan Kinerja Instansi Pemerintah (LKjIP) {{ opd }} Tahun {{ tahun }} "
        "dapat diselesaikan.",
        "LKjIP ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
        "{{ opd }} dalam mencapai sasaran yang telah ditetapkan dalam Perjanjian Kinerja Tahun "
        "{{ tahun }}, sesuai dengan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
        "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur "
        "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian "
        "Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
        "Pemerintah.",
        "Laporan ini menyajikan capaian indikator kinerja, hasil Survei Kepuasan Masyarakat, "
        "Nilai SAKIP dan realisasi anggaran, disertai analisis atas keberhasilan dan hambatan "
        "yang dihadapi serta langkah perbaikan yang akan ditempuh. Kami menyadari laporan ini "
        "masih memiliki kekurangan; karena itu saran dan masukan sangat kami harapkan.",
        "Semoga LKjIP ini bermanfaat sebagai bahan evaluasi dan umpan balik bagi peningkatan "
        "kinerja {{ opd }} pada tahun-tahun berikutnya.",
    ):
        _body(doc, text)
    _signature(doc)


def _pernyataan_reviu(doc: Any) -> None:
    """The APIP's *Pernyataan Telah Direviu* (PermenPAN-RB 53/2014), when a reviu took place."""
    K.paragraph(doc, "{%p if reviu.ada %}")
    K.paragraph(doc, "Pernyataan Telah Direviu", style="Judul Halaman", after=4)
    K.paragraph(doc, "{{ opd_upper }} TAHUN {{ tahun }}", bold=True, align="center", after=18)
    for text in (
        "Kami telah mereviu Laporan Kinerja Instansi Pemerintah (LKjIP) {{ opd }} Tahun "
        "{{ tahun }} sesuai Pedoman Reviu atas Laporan Kinerja. Substansi informasi yang "
        "dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen {{ opd }}.",
        "Reviu bertujuan untuk memberikan keyakinan terbatas bahwa Laporan Kinerja telah "
        "disajikan secara akurat, andal dan valid.",
        "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan "
        "dalam meyakini keandalan informasi yang disajikan di dalam Laporan Kinerja ini.",
    ):
        _body(doc, text)
    K.paragraph(doc, "{{ kota }}, {{ reviu.tanggal }}", style="Tanda Tangan", before=18)
    K.paragraph(doc, "{{ reviu.apip_upper }}", style="Tanda Tangan", bold=True)
    K.paragraph(doc, "{{ reviu.jabatan }},", style="Tanda Tangan")
    for _ in range(3):
        K.paragraph(doc, "", style="Tanda Tangan")
    K.paragraph(doc, "{{ reviu.nama }}", style="Tanda Tangan", bold=True, underline=True)
    K.paragraph(doc, "NIP. {{ reviu.nip }}", style="Tanda Tangan", keep_next=False)
    K.page_break(doc)
    K.paragraph(doc, "{%p endif %}")


def _daftar_isi(doc: Any, n: _Builder) -> None:
    preview = n.preview or _Builder()
    K.paragraph(doc, "Daftar Isi", style="Judul Halaman")
    K.toc_field(
        doc,
        'TOC \\o "1-3" \\h \\z \\u',
        [(f"toc {lvl}", text, when) for lvl, text, when in preview.outline],
        "Daftar isi diperbarui otomatis saat dokumen dibuka di Word.",
    )
    K.page_break(doc)
    K.paragraph(doc, "Daftar Tabel", style="Judul Halaman")
    K.toc_field(
        doc,
        'TOC \\h \\z \\c "Tabel"',
        [
            ("table of figures", f"Tabel {_number(preview.tabel, i)} {t}", when)
            for i, (t, when) in enumerate(preview.tabel, 1)
        ],
        "Daftar tabel diperbarui otomatis saat dokumen dibuka di Word.",
    )
    K.paragraph(doc, "Daftar Gambar", style="Judul Halaman", before=24)
    K.toc_field(
        doc,
        'TOC \\h \\z \\c "Gambar"',
        [
            ("table of figures", f"Gambar {_number(preview.gambar, i)} {t}", when)
            for i, (t, when) in enumerate(preview.gambar, 1)
        ],
        "Daftar gambar diperbarui otomatis saat dokumen dibuka di Word.",
    )


def _ikhtisar(doc: Any, n: _Builder) -> None:
    n.heading(doc, 1, "IKHTISAR EKSEKUTIF")
    _body(
        doc,
        "Laporan Kinerja Instansi Pemerintah (LKjIP) {{ opd }} Tahun {{ tahun }} menyajikan "
        "secara ringkas capaian kinerja yang diperjanjikan dalam Perjanjian Kinerja Tahun "
        "{{ tahun }}, beserta hasil Survei Kepuasan Masyarakat, Nilai SAKIP dan realisasi "
        "anggaran.",
    )
    _loop_paragraphs(doc, "k", "ikhtisar")
    n.caption(doc, "Tabel", "Ringkasan Capaian Kinerja Tahun {{ tahun }}")
    K.loop_table(
        doc,
        ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian", "Kategori"],
        [
            "{{ r.no }}",
            "{{ r.indikator }}",
            "{{ r.target_satuan }}",
            "{{ r.realisasi_satuan }}",
            "{{ r.capaian }}",
            "{{ r.kategori }}",
        ],
        [0.9, 6.0, 2.0, 2.2, 1.9, 2.5],
        loop="for r in indikator_rows",
        aligns=["center", "left", "right", "right", "right", "center"],
    )


def _bab1(doc: Any, n: _Builder) -> None:
    n.heading(doc, 1, "BAB I PENDAHULUAN")
    n.heading(doc, 2, "A. Latar Belakang")
    for text in (
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah (SAKIP) mewajibkan setiap instansi pemerintah menyusun laporan kinerja "
        "sebagai bentuk pertanggungjawaban atas pelaksanaan tugas dan fungsi serta penggunaan "
        "anggaran. Laporan kinerja memuat perbandingan antara target dan realisasi kinerja, "
        "analisis capaian, serta upaya perbaikan yang akan dilakukan.",
        "Sesuai Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor "
        "53 Tahun 2014, {{ opd }} menyusun Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun "
        "{{ tahun }} yang menyajikan capaian atas Perjanjian Kinerja Tahun {{ tahun }}. "
        "Penyusunan laporan mengikuti Standar Operasional Prosedur Penyusunan LKjIP"
        "{{ nomor_sop }}.",
    ):
        _body(doc, text)
    _body(doc, "Dasar hukum penyusunan LKjIP ini adalah:")
    # one numbered list: the Narasi lines (one item per line), then the Perwali of Pengaturan
    dasar = _new_list(doc)
    _item(doc, "{{ narasi.dasar_hukum }}", dasar)
    K.paragraph(doc, "{%p if perwali.dasar %}")
    _item(doc, "{{ perwali.dasar }}", dasar)
    K.paragraph(doc, "{%p endif %}")
    n.heading(doc, 2, "B. Gambaran Umum Organisasi")
    _loop_paragraphs(doc, "k", "gambaran")
    n.caption(doc, "Tabel", "Unit Kerja {{ opd }}")
    K.loop_table(
        doc,
        ["No", "Unit Kerja", "Jenis", "Pimpinan"],
        ["{{ u.no }}", "{{ u.nama }}", "{{ u.jenis }}", "{{ u.pimpinan }}"],
        [1.0, 6.5, 2.5, 5.5],
        loop="for u in unit_rows",
        aligns=["center", "left", "left", "left"],
        keep_together=True,
    )
    _source(doc, "Sumber: struktur organisasi {{ opd }}.")
    for no, (title, key) in enumerate(
        (
            ("Struktur Organisasi", "struktur_organisasi"),
            ("Tugas dan Fungsi", "tugas_fungsi"),
            ("Sumber Daya Manusia", "sdm"),
            ("Sarana dan Prasarana", "sarana_prasarana"),
        ),
        start=1,
    ):
        n.heading(doc, 3, f"{no}. {title}")
        _narasi(doc, key)
        if key == "struktur_organisasi":
            _figure(doc, n, "bagan_organisasi", "Bagan Struktur Organisasi {{ opd }}")
            _source(doc, "Sumber: susunan unit kerja dan pejabat {{ opd }}.")
    n.heading(doc, 2, "C. Aspek Strategis")
    _loop_paragraphs(doc, "k", "aspek_strategis")
    _body(doc, "Isu strategis yang dihadapi pada tahun {{ tahun }}:")
    _narasi_list(doc, "isu_strategis")
    n.heading(doc, 2, "D. Permasalahan Utama")
    _loop_paragraphs(doc, "k", "permasalahan_pengantar")
    _loop_bullets(doc, "k", "permasalahan")
    n.heading(doc, 2, "E. Sistematika Penyajian")
    _body(doc, "LKjIP ini disusun dengan sistematika sebagai berikut:")
    bullets = _new_list(doc, "bullet")
    for text in (
        "Ikhtisar Eksekutif, menyajikan ringkasan capaian kinerja tahun {{ tahun }}.",
        "Bab I Pendahuluan, menguraikan latar belakang, gambaran umum organisasi, aspek "
        "strategis dan permasalahan utama.",
        "Bab II Perencanaan Kinerja, menguraikan Rencana Strategis dan Perjanjian Kinerja "
        "Tahun {{ tahun }}.",
        "Bab III Akuntabilitas Kinerja, menyajikan capaian kinerja organisasi beserta "
        "analisisnya, Indeks Kepuasan Masyarakat, Nilai SAKIP dan realisasi anggaran.",
        "Bab IV Penutup, menyajikan kesimpulan dan langkah perbaikan ke depan.",
        "{{ lampiran_isi }}",
    ):
        _item(doc, text, bullets)


def _bab2(doc: Any, n: _Builder) -> None:
    n.heading(doc, 1, "BAB II PERENCANAAN KINERJA")
    n.heading(doc, 2, "A. Rencana Strategis")
    _body(
        doc,
        "Rencana Strategis (Renstra) {{ opd }} merupakan dokumen perencanaan lima tahunan yang "
        "memuat visi, misi, tujuan, sasaran, strategi, kebijakan, program dan kegiatan.",
    )
    _loop_paragraphs(doc, "k", "renstra_periode")
    for title, key in (
        ("Visi", "visi"),
        ("Misi", "misi"),
        ("Tujuan", "tujuan"),
        ("Strategi", "strategi"),
        ("Kebijakan", "kebijakan"),
    ):
        K.paragraph(doc, title, bold=True, keep_next=True, after=2)
        if key == "visi":
            _narasi(doc, key)
        else:  # one misi, tujuan, strategi, kebijakan per line
            _narasi_list(doc, key)
    _body(
        doc,
        "Sasaran dan target akhir periode Renstra yang menjadi acuan pengukuran kinerja "
        "disajikan pada tabel berikut.",
    )
    n.caption(doc, "Tabel", "Sasaran, Indikator dan Target Akhir Periode Renstra")
    # with yearly targets (Format Data), one column per year of the period; else the end target
    K.paragraph(doc, "{%p if renstra_tahunan %}")
    K.loop_table(
        doc,
        [
            "No",
            "Indikator Kinerja",
            "Satuan",
            *(f"{{{{ renstra_tahun[{k}] }}}}" for k in range(5)),
            "Target Akhir",
        ],
        [
            "{{ r.no }}",
            "{{ r.indikator }}",
            "{{ r.satuan }}",
            *(f"{{{{ r.t[{k}] }}}}" for k in range(5)),
            "{{ r.akhir }}",
        ],
        [0.9, 3.5, 1.8, 1.5, 1.5, 1.5, 1.5, 1.5, 1.8],
        loop="for r in renstra_tahunan_rows",
        aligns=["center", "left", "center", *(["right"] * 6)],
    )
    K.paragraph(doc, "{%p else %}")
    K.loop_table(
        doc,
        ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Akhir Renstra"],
        [
            "{{ r.no }}",
            "{{ r.sasaran_grup }}",
            "{{ r.indikator }}",
            "{{ r.satuan }}",
            "{{ r.renstra }}",
        ],
        [1.0, 4.8, 5.4, 1.8, 2.5],
        loop="for r in indikator_sasaran_rows",
        aligns=["center", "left", "left", "center", "right"],
        merge=(1, "r.sasaran_grup"),
    )
    K.paragraph(doc, "{%p endif %}")
    _source(doc, "Sumber: Rencana Strategis {{ opd }}.")
    n.heading(doc, 2, "B. Perjanjian Kinerja Tahun {{ tahun }}")
    _loop_paragraphs(doc, "k", "pk_pengantar")
    n.caption(doc, "Tabel", "Perjanjian Kinerja Tahun {{ tahun }}")
    K.loop_table(
        doc,
        ["No", "Sasaran", "Indikator Kinerja", "Target", "Satuan"],
        [
            "{{ r.no }}",
            "{{ r.sasaran_grup }}",
            "{{ r.indikator }}",
            "{{ r.target }}",
            "{{ r.satuan }}",
        ],
        [1.0, 5.0, 5.7, 2.0, 1.8],
        loop="for r in indikator_sasaran_rows",
        aligns=["center", "left", "left", "right", "center"],
        merge=(1, "r.sasaran_grup"),
    )
    _source(doc, "Sumber: Perjanjian Kinerja Tahun {{ tahun }}.")
    _loop_paragraphs(doc, "k", "anggaran_pengantar")

    n.heading(doc, 2, "C. Indikator Kinerja Utama")
    _body(
        doc,
        "Indikator Kinerja Utama (IKU) {{ opd }} beserta definisi operasional atau formula "
        "perhitungan, sumber data dan penanggung jawabnya adalah sebagai berikut.",
    )
    n.caption(doc, "Tabel", "Indikator Kinerja Utama {{ opd }}")
    K.loop_table(
        doc,
        [
            "No",
            "Sasaran",
            "Indikator Kinerja",
            "Definisi/Formula",
            "Sumber Data",
            "Penanggung Jawab",
        ],
        [
            "{{ r.no }}",
            "{{ r.sasaran_grup }}",
            "{{ r.indikator }}",
            "{{ r.definisi }}",
            "{{ r.sumber_data }}",
            "{{ r.penanggung_jawab }}",
        ],
        [0.8, 3.0, 3.6, 4.2, 2.0, 2.0],
        loop="for r in iku_rows",
        aligns=["center", "left", "left", "left", "left", "left"],
        merge=(1, "r.sasaran_grup"),
    )
    _source(doc, "Sumber: Rencana Strategis dan Perjanjian Kinerja {{ opd }}.")
    _loop_paragraphs(doc, "k", "iku_lain")


def _bab3(doc: Any, n: _Builder) -> None:
    n.heading(doc, 1, "BAB III AKUNTABILITAS KINERJA")
    n.heading(doc, 2, "A. Capaian Kinerja Organisasi")
    _body(
        doc,
        "Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target setiap "
        "indikator kinerja. Capaian dan kategorinya dihitung sebagai berikut:",
    )
    _loop_bullets(doc, "k", "aturan_capaian")
    n.caption(doc, "Tabel", "Skala Kategori Capaian Kinerja")
    t = K.loop_table(
        doc,
        ["Capaian (%)", "Kategori"],
        ["{{ s.rentang }}", "{{ s.kategori }}"],
        [4.0, 4.0],
        loop="for s in skala_capaian",
        keep_together=True,
        aligns=["center", "center"],
    )
    del t
    _source(doc, "Sumber: Permendagri Nomor 86 Tahun 2017.")

    n.heading(doc, 3, "1. Perbandingan Target dan Realisasi Kinerja Tahun {{ tahun }}")
    n.caption(doc, "Tabel", "Target, Realisasi dan Capaian Kinerja Tahun {{ tahun }}")
    K.loop_table(
        doc,
        ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Kategori"],
        [
            "{{ r.no }}",
            "{{ r.indikator }}",
            "{{ r.satuan }}",
            "{{ r.target }}",
            "{{ r.realisasi }}",
            "{{ r.capaian }}",
            "{{ r.kategori }}",
        ],
        [0.9, 4.6, 1.8, 1.8, 2.0, 1.9, 2.5],
        loop="for r in indikator_rows",
        aligns=["center", "left", "center", "right", "right", "right", "center"],
    )
    _source(
        doc,
        "Sumber: data kinerja unit kerja (formulir tahunan dan triwulan), Survei Kepuasan "
        "Masyarakat dan LHE SAKIP, diolah.",
    )
    _loop_paragraphs(doc, "k", "catatan_capaian", style="Catatan")
    _figure(doc, n, "grafik_capaian", "Capaian Indikator Kinerja Tahun {{ tahun }}")
    _loop_paragraphs(doc, "k", "narasi_capaian")
    _loop_paragraphs(doc, "k", "sasaran_aturan")
    n.caption(doc, "Tabel", "Capaian Kinerja per Sasaran Strategis Tahun {{ tahun }}")
    K.loop_table(
        doc,
        [
            "No",
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Capaian Indikator",
            "Capaian Sasaran",
            "Kategori Sasaran",
        ],
        [
            "{{ r.no }}",
            "{{ r.sasaran }}",
            "{{ r.indikator }}",
            "{{ r.capaian }}",
            "{{ r.capaian_sasaran }}",
            "{{ r.kategori_sasaran }}",
        ],
        [0.8, 3.8, 4.6, 2.2, 2.0, 2.1],
        loop="for r in sasaran_rows",
        aligns=["center", "left", "left", "right", "right", "center"],
        merge=((0, 1, 4, 5), "r.awal"),
        keep_together=True,
    )
    _source(doc, "Sumber: data kinerja tahun {{ tahun }}, diolah.")
    _loop_paragraphs(doc, "k", "sasaran_narasi")
    # the quarterly trend (issue 22): only when the quarter forms brought data in
    K.paragraph(doc, "{%p if tren_triwulan_rows %}")
    _body(
        doc,
        "Perkembangan target dan realisasi setiap triwulan menurut Rencana Aksi dan pemantauan "
        "triwulan disajikan pada tabel berikut. Realisasi tahun mengikuti aturan triwulan "
        "indikatornya: Kumulatif = jumlah triwulan I–IV; Nilai Terakhir dan Tahunan = nilai "
        "triwulan IV.",
    )
    n.caption(
        doc,
        "Tabel",
        "Target dan Realisasi per Triwulan Tahun {{ tahun }}",
        when="tren_triwulan_rows",
    )
    K.loop_table(
        doc,
        [
            "No",
            "Indikator Kinerja",
            "Satuan",
            "Aturan",
            "Uraian",
            "TW I",
            "TW II",
            "TW III",
            "TW IV",
        ],
        [
            "{{ r.no }}",
            "{{ r.indikator }}",
            "{{ r.satuan }}",
            "{{ r.aturan }}",
            "{{ r.uraian }}",
            *(f"{{{{ r.tw[{k}] }}}}" for k in range(4)),
        ],
        [0.8, 2.8, 1.7, 2.1, 2.0, 1.55, 1.55, 1.55, 1.55],
        loop="for r in tren_triwulan_rows",
        aligns=["center", "left", "center", "center", "left", *(["right"] * 4)],
        merge=((0, 1, 2, 3), "r.awal"),
    )
    _source(doc, "Sumber: Rencana Aksi dan pemantauan triwulan tahun {{ tahun }}, diolah.")
    K.paragraph(doc, "{%p endif %}")

    n.heading(doc, 3, "2. Perbandingan Realisasi Kinerja dengan Tahun Sebelumnya")
    n.caption(doc, "Tabel", "Realisasi Kinerja Tahun {{ tahun - 2 }} sampai {{ tahun }}")
    K.loop_table(
        doc,
        [
            "No",
            "Indikator Kinerja",
            "Satuan",
            "{{ tahun - 2 }}",
            "{{ tahun - 1 }}",
            "{{ tahun }}",
            "Perubahan",
        ],
        [
            "{{ r.no }}",
            "{{ r.indikator }}",
            "{{ r.satuan }}",
            "{{ r.n2 }}",
            "{{ r.n1 }}",
            "{{ r.realisasi }}",
            "{{ r.perubahan }}",
        ],
        [0.9, 4.7, 1.8, 1.8, 1.8, 1.9, 2.6],
        loop="for r in indikator_rows",
        aligns=["center", "left", "center", "right", "right", "right", "right"],
    )
    _source(doc, "Sumber: LKjIP tahun sebelumnya dan data kinerja tahun {{ tahun }}, diolah.")
    _loop_paragraphs(doc, "k", "narasi_tren")

    n.heading(doc, 3, "3. Perbandingan Realisasi Kinerja dengan Target Jangka Menengah (Renstra)")
    n.caption(doc, "Tabel", "Realisasi Tahun {{ tahun }} terhadap Target Akhir Renstra")
    K.loop_table(
        doc,
        ["No", "Indikator Kinerja", "Satuan", "Target Akhir Renstra", "Realisasi", "Capaian"],
        [
            "{{ r.no }}",
            "{{ r.indikator }}",
            "{{ r.satuan }}",
            "{{ r.renstra }}",
            "{{ r.realisasi }}",
            "{{ r.capaian_renstra }}",
        ],
        [0.9, 6.1, 1.8, 2.4, 2.1, 2.2],
        loop="for r in indikator_rows",
        aligns=["center", "left", "center", "right", "right", "right"],
    )
    _source(doc, "Sumber: Rencana Strategis {{ opd }} dan data kinerja tahun {{ tahun }}.")
    _loop_paragraphs(doc, "k", "narasi_renstra")

    n.heading(doc, 3, "4. Perbandingan dengan Standar Nasional")
    n.caption(doc, "Tabel", "Realisasi Kinerja Tahun {{ tahun }} terhadap Standar Pembanding")
    K.loop_table(
        doc,
        ["No", "Indikator Kinerja", "Satuan", "Realisasi", "Standar", "Sumber Standar", "Hasil"],
        [
            "{{ r.no }}",
            "{{ r.indikator }}",
            "{{ r.satuan }}",
            "{{ r.realisasi }}",
            "{{ r.standar }}",
            "{{ r.sumber }}",
            "{{ r.keterangan }}",
        ],
        [0.9, 3.4, 1.7, 2.0, 2.0, 3.2, 2.3],
        loop="for r in standar_rows",
        aligns=["center", "left", "center", "right", "right", "left", "left"],
        keep_together=True,
    )
    _source(doc, "Sumber: kolom Sumber Standar dan data kinerja tahun {{ tahun }}, diolah.")
    _loop_paragraphs(doc, "k", "narasi_standar")

    n.heading(doc, 3, "5. Analisis Penyebab Keberhasilan atau Kegagalan serta Solusi")
    _loop_paragraphs(doc, "k", "narasi_analisis_pengantar")
    _loop_bullets(doc, "k", "narasi_analisis")

    n.heading(doc, 3, "6. Analisis Efisiensi Penggunaan Sumber Daya")
    n.caption(doc, "Tabel", "Efisiensi Anggaran per Sasaran Strategis Tahun {{ tahun }}")
    K.loop_table(
        doc,
        [
            "No",
            "Sasaran Strategis",
            "Program/Kegiatan",
            "Capaian Kinerja",
            "Realisasi Anggaran (Rp)",
            "Serapan",
            "Efisiensi (poin)",
        ],
        [
            "{{ r.no }}",
            "{{ r.sasaran }}",
            "{{ r.program }}",
            "{{ r.capaian }}",
            "{{ r.realisasi }}",
            "{{ r.serapan }}",
            "{{ r.efisiensi }}",
        ],
        [0.9, 3.0, 3.2, 2.0, 2.9, 1.9, 1.9],
        loop="for r in efisiensi_rows",
        aligns=["center", "left", "left", "right", "right", "right", "center"],
        keep_together=True,
    )
    _source(
        doc,
        "Sumber: data kinerja dan laporan realisasi anggaran {{ opd }} Tahun {{ tahun }}, "
        "diolah. Efisiensi = capaian kinerja \u2212 serapan anggaran (poin persen).",
    )
    _loop_paragraphs(doc, "k", "narasi_efisiensi")

    n.heading(doc, 3, "7. Program dan Kegiatan Penunjang Capaian Kinerja")
    _loop_paragraphs(doc, "k", "narasi_program_pengantar")
    _loop_bullets(doc, "k", "narasi_program")

    n.heading(doc, 3, "8. Indeks Kepuasan Masyarakat")
    _loop_paragraphs(doc, "k", "ikm_metode")
    n.caption(doc, "Tabel", "Nilai Persepsi, Interval, Nilai Konversi dan Mutu Pelayanan")
    K.loop_table(
        doc,
        [
            "Nilai Persepsi",
            "Nilai Interval",
            "Nilai Interval Konversi",
            "Mutu Pelayanan",
            "Kinerja Unit Pelayanan",
        ],
        [
            "{{ r.persepsi }}",
            "{{ r.interval }}",
            "{{ r.konversi }}",
            "{{ r.mutu }}",
            "{{ r.kinerja }}",
        ],
        [2.2, 3.4, 3.6, 2.5, 3.8],
        loop="for r in ikm_konversi_rows",
        keep_together=True,
        aligns=["center", "center", "center", "center", "center"],
    )
    _source(doc, "Sumber: {{ ikm_regulasi_label }}.")
    _loop_paragraphs(doc, "k", "ikm_survei")
    n.caption(doc, "Tabel", "Profil Responden Survei Kepuasan Masyarakat")
    K.loop_table(
        doc,
        ["Karakteristik", "Kategori", "Jumlah", "Persentase"],
        ["{{ r.karakteristik }}", "{{ r.kategori }}", "{{ r.jumlah }}", "{{ r.persen }}"],
        [3.5, 6.0, 2.8, 3.2],
        loop="for r in ikm_profil_rows",
        aligns=["left", "left", "right", "right"],
        merge=(0, "r.awal"),
    )
    _source(doc, "Sumber: Survei Kepuasan Masyarakat {{ tahun }}, diolah.")
    n.caption(doc, "Tabel", "Nilai Rata-rata per Unsur Pelayanan")
    K.loop_table(
        doc,
        ["Kode", "Unsur Pelayanan", "Jumlah Jawaban", "NRR", "NRR Tertimbang"],
        ["{{ r.kode }}", "{{ r.unsur }}", "{{ r.jawaban }}", "{{ r.nrr }}", "{{ r.tertimbang }}"],
        [1.4, 7.3, 2.0, 2.0, 2.8],
        loop="for r in ikm_unsur_rows",
        keep_together=True,
        aligns=["center", "left", "right", "right", "right"],
        footer=["", "{{ ikm.label_indeks }}", "", "", "{{ ikm.indeks }}"],
    )
    _source(doc, "Sumber: Survei Kepuasan Masyarakat {{ tahun }}, diolah.")
    _loop_paragraphs(doc, "k", "ikm_hasil")
    _figure(doc, n, "grafik_ikm_unsur", "Nilai Rata-rata per Unsur Pelayanan")
    n.caption(doc, "Tabel", "IKM per Unit Layanan")
    K.loop_table(
        doc,
        ["No", "Unit Layanan", "Respon\u00adden", "Indeks", "IKM", "Mutu", "Kinerja Unit"],
        [
            "{{ r.no }}",
            "{{ r.unit }}",
            "{{ r.responden }}",
            "{{ r.indeks }}",
            "{{ r.ikm }}",
            "{{ r.mutu }}",
            "{{ r.kinerja }}",
        ],
        [0.9, 4.7, 2.2, 1.8, 1.8, 1.4, 2.7],
        loop="for r in ikm_unit_rows",
        keep_together=True,
        aligns=["center", "left", "right", "right", "right", "center", "left"],
        footer=[
            "",
            "{{ ikm.label_total }}",
            "{{ ikm.responden }}",
            "{{ ikm.indeks }}",
            "{{ ikm.ikm }}",
            "{{ ikm.mutu }}",
            "{{ ikm.kinerja }}",
        ],
    )
    _source(doc, "Sumber: Survei Kepuasan Masyarakat {{ tahun }}, diolah.")
    _loop_paragraphs(doc, "k", "narasi_ikm")
    _figure(doc, n, "grafik_tren", "{{ judul_grafik_tren }}")
    _loop_paragraphs(doc, "k", "ikm_saran_pengantar")
    n.caption(doc, "Tabel", "Saran Responden yang Paling Sering Disampaikan")
    K.loop_table(
        doc,
        ["No", "Saran Responden", "Jumlah"],
        ["{{ r.no }}", "{{ r.saran }}", "{{ r.jumlah }}"],
        [1.0, 11.5, 3.0],
        loop="for r in ikm_saran_rows",
        keep_together=True,
        aligns=["center", "left", "right"],
    )
    _source(doc, "Sumber: Survei Kepuasan Masyarakat {{ tahun }}, diolah.")
    _body(doc, "Tindak lanjut atas saran dan masukan responden Survei Kepuasan Masyarakat:")
    _narasi(doc, "tindak_lanjut_skm")

    n.heading(doc, 3, "9. Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP)")
    _loop_paragraphs(doc, "k", "sakip_metode")
    n.caption(doc, "Tabel", "Nilai SAKIP per Komponen")
    K.loop_table(
        doc,
        [
            "Tahun",
            "Peren\u00adcanaan",
            "Pengu\u00adkuran",
            "Pela\u00adporan",
            "Evaluasi Internal",
            "Capaian Kinerja",
            "Nilai",
            "Predikat",
        ],
        [
            "{{ r.tahun }}",
            "{{ r.perencanaan }}",
            "{{ r.pengukuran }}",
            "{{ r.pelaporan }}",
            "{{ r.evaluasi }}",
            "{{ r.capaian }}",
            "{{ r.nilai }}",
            "{{ r.predikat }}",
        ],
        [1.5, 1.8, 1.8, 1.8, 1.8, 1.8, 1.6, 3.4],
        loop="for r in sakip_rows",
        keep_together=True,
        aligns=["center", "right", "right", "right", "right", "right", "right", "center"],
    )
    _source(doc, "Sumber: Laporan Hasil Evaluasi (LHE) SAKIP.")
    _loop_paragraphs(doc, "k", "narasi_sakip")

    n.heading(doc, 3, "10. Tindak Lanjut Rekomendasi Hasil Evaluasi SAKIP")
    _loop_paragraphs(doc, "k", "lhe_pengantar")
    n.caption(doc, "Tabel", "Tindak Lanjut Rekomendasi LHE SAKIP")
    K.loop_table(
        doc,
        ["No", "Tahun LHE", "Rekomendasi", "Tindak Lanjut", "Status", "Bukti Dukung"],
        [
            "{{ r.no }}",
            "{{ r.tahun }}",
            "{{ r.rekomendasi }}",
            "{{ r.tindak_lanjut }}",
            "{{ r.status }}",
            "{{ r.bukti }}",
        ],
        [0.9, 1.5, 4.3, 4.3, 1.8, 2.7],
        loop="for r in lhe_rows",
        aligns=["center", "center", "left", "left", "center", "left"],
    )
    _source(doc, "Sumber: LHE SAKIP dan dokumen tindak lanjut {{ opd }}.")
    _loop_paragraphs(doc, "k", "narasi_lhe")

    n.heading(doc, 2, "B. Realisasi Anggaran")
    _loop_paragraphs(doc, "k", "anggaran_metode")
    n.caption(doc, "Tabel", "Realisasi Anggaran per Program/Kegiatan Tahun {{ tahun }}")
    K.loop_table(
        doc,
        ["Kode", "Program/Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan"],
        ["{{ r.kode }}", "{{ r.nama }}", "{{ r.pagu }}", "{{ r.realisasi }}", "{{ r.serapan }}"],
        [2.2, 5.9, 2.8, 2.8, 1.8],
        loop="for r in anggaran_rows",
        aligns=["left", "left", "right", "right", "right"],
        keep_together=True,
        footer=[
            "",
            "{{ anggaran.label }}",
            "{{ anggaran.pagu }}",
            "{{ anggaran.realisasi }}",
            "{{ anggaran.serapan }}",
        ],
    )
    _source(doc, "Sumber: laporan realisasi anggaran {{ opd }} Tahun {{ tahun }}, diolah.")
    _loop_paragraphs(doc, "k", "narasi_anggaran")


def _bab4(doc: Any, n: _Builder) -> None:
    n.heading(doc, 1, "BAB IV PENUTUP")
    n.heading(doc, 2, "A. Kesimpulan")
    _loop_paragraphs(doc, "k", "kesimpulan")
    n.heading(doc, 2, "B. Langkah Perbaikan ke Depan")
    _loop_paragraphs(doc, "k", "tindak_lanjut_pengantar")
    # the generated steps, then the office's own (one per line) in the same numbered list
    steps = _new_list(doc)
    K.paragraph(doc, "{%p for k in tindak_lanjut %}")
    _item(doc, "{{ k }}", steps)
    K.paragraph(doc, "{%p endfor %}")
    _narasi_list(doc, "langkah_perbaikan", steps)
    p = _body(
        doc,
        "Demikian Laporan Kinerja Instansi Pemerintah {{ opd }} Tahun {{ tahun }} ini disusun "
        "sebagai bentuk pertanggungjawaban kinerja dan bahan perbaikan pada tahun berikutnya.",
    )
    p.paragraph_format.keep_with_next = True
    _signature(doc)


def _lampiran(doc: Any, n: _Builder) -> None:
    n.heading(doc, 1, "LAMPIRAN")
    n.heading(doc, 2, "Lampiran 1. Perjanjian Kinerja Tahun {{ tahun }}")
    _body(
        doc,
        "Perjanjian Kinerja Tahun {{ tahun }} {{ opd }} memuat sasaran, indikator kinerja dan "
        "target berikut.",
    )
    n.caption(doc, "Tabel", "Lampiran Perjanjian Kinerja Tahun {{ tahun }}")
    # the same table as the Perjanjian Kinerja document's lampiran (issue 22)
    pk_table.lampiran_table(doc, "for r in lampiran_rows")
    _source(
        doc,
        "Salinan Perjanjian Kinerja yang telah ditandatangani dilampirkan setelah halaman ini.",
    )

    n.heading(doc, 2, "Lampiran 2. Aturan Perhitungan yang Digunakan")
    n.caption(doc, "Tabel", "Aturan Perhitungan")
    K.loop_table(
        doc,
        ["Aturan", "Pilihan yang Dipakai"],
        ["{{ r.aturan }}", "{{ r.pilihan }}"],
        [5.0, 10.5],
        loop="for r in aturan_rows",
        aligns=["left", "left"],
        keep_together=True,
    )
    _source(doc, "Sumber: aturan perhitungan yang dipakai dalam penyusunan LKjIP ini.")

    K.paragraph(doc, "{%p if tampilkan_pemantauan %}")
    n.heading(
        doc, 2, "Lampiran 3. Pemantauan Tahapan Penyusunan LKjIP", when="tampilkan_pemantauan"
    )
    _loop_paragraphs(doc, "k", "tahapan_pengantar")
    n.caption(
        doc,
        "Tabel",
        "Waktu Pelaksanaan Tahapan SOP terhadap Mutu Baku",
        when="tampilkan_pemantauan",
    )
    K.loop_table(
        doc,
        ["No", "Aktivitas", "Pelaksana", "Mutu Baku", "Mulai", "Selesai", "Durasi", "Status"],
        [
            "{{ r.no }}",
            "{{ r.aktivitas }}",
            "{{ r.pelaksana }}",
            "{{ r.mutu_baku }}",
            "{{ r.mulai }}",
            "{{ r.selesai }}",
            "{{ r.durasi }}",
            "{{ r.status }}",
        ],
        [0.7, 3.0, 2.8, 1.4, 2.0, 2.0, 1.8, 1.8],
        loop="for r in tahapan_rows",
        aligns=["center", "left", "left", "center", "center", "center", "center", "center"],
        keep_together=True,
    )
    _source(doc, "Sumber: catatan pelaksanaan SOP Penyusunan LKjIP.")
    _figure(
        doc,
        n,
        "grafik_tahapan",
        "Linimasa Tahapan Penyusunan LKjIP",
        when="tampilkan_pemantauan",
    )
    K.paragraph(doc, "{%p endif %}")
    K.paragraph(doc, "{%p if catatan_data %}")
    K.paragraph(doc, "Catatan Penyusunan (tidak dimuat pada versi final)", bold=True, before=12)
    _loop_bullets(doc, "k", "catatan_data")
    K.paragraph(doc, "{%p endif %}")


def _report_body(doc: Any, n: _Builder) -> None:
    sec1 = doc.sections[0]
    K.page_setup(sec1, top=2.5, bottom=2.5, left=3.0, right=2.5)
    K.page_border(sec1)
    _header(sec1, with_title=False)
    _cover(doc)

    sec2 = K.new_section(doc)
    _header(sec2, with_title=True)
    _footer_page_number(sec2)
    K.page_numbering(sec2, "lowerRoman", 1)
    _kata_pengantar(doc, n)
    K.page_break(doc)
    _pernyataan_reviu(doc)
    _daftar_isi(doc, n)
    K.page_break(doc)
    _ikhtisar(doc, n)

    sec3 = K.new_section(doc)
    sec3.header.is_linked_to_previous = True
    sec3.footer.is_linked_to_previous = True
    K.page_numbering(sec3, "decimal", 1)
    _bab1(doc, n)
    K.page_break(doc)
    _bab2(doc, n)
    K.page_break(doc)
    _bab3(doc, n)
    K.page_break(doc)
    _bab4(doc, n)
    K.page_break(doc)
    _lampiran(doc, n)


def build_report_template(out: Path) -> Path:
    """Write the LKjIP template to ``out``."""
    with K.core_properties_prefix():
        return _build_report_template(out)


def _build_report_template(out: Path) -> Path:
    first = _Builder()
    _report_body(_new_document(), first)
    doc = _new_document()
    _report_body(doc, _Builder(preview=first))
    _finish(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    _save_stable(doc, out)
    return out


def _new_document() -> Any:
    doc = Document()
    _base_styles(doc)
    core = doc.core_properties
    core.title = "Laporan Kinerja Instansi Pemerintah"
    core.author = "lkjip_xl"
    core.last_modified_by = "lkjip_xl"
    core.comments = ""
    core.revision = 1
    return doc


def _finish(doc: Any, *, update_fields: bool = True) -> None:
    """Common settings; ``update_fields`` only where the document has fields to refresh."""
    if update_fields:
        K.enable_update_fields(doc)
    K.office_settings(doc)
    K.decimal_comma(doc)
    K.strip_rsids(doc)
    import datetime as dt

    fixed = dt.datetime(2025, 1, 1)
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed


def _save_stable(doc: Any, out: Path) -> None:
    """Save with fixed zip timestamps, so regenerating an unchanged template changes no byte."""
    import io
    import zipfile

    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))


# -- the cover letter --------------------------------------------------------------------------


def build_letter_template(out: Path) -> Path:
    """Write the surat pengantar template to ``out``."""
    with K.core_properties_prefix():
        return _build_letter_template(out)


def _build_letter_template(out: Path) -> Path:
    doc = Document()
    _base_styles(doc, body_size=12, line=1.15)
    doc.core_properties.title = "Surat Pengantar LKjIP"
    doc.core_properties.author = "lkjip_xl"
    doc.core_properties.last_modified_by = "lkjip_xl"
    doc.core_properties.revision = 1
    styles = doc.styles
    styles["Tanda Tangan"].paragraph_format.left_indent = Cm(8.5)
    sec = doc.sections[0]
    K.page_setup(sec, top=1.5, bottom=2.0, left=2.5, right=2.0, header=0.8, footer=1.0)
    width = 21.0 - 2.5 - 2.0

    lines = [
        ("{{ pemerintah }}", 14, True),
        ("{{ opd }}", 16, True),
        ("{{ alamat }}", 10, False),
        ("{{ kontak }}", 10, False),
    ]

    def kop_lines(container: Any, first: Any = None) -> None:
        for value, size, bold in lines:
            p = first if first is not None else container.add_paragraph()
            first = None
            run = p.add_run(value)
            run.bold = bold
            run.font.size = Pt(size)
            p.alignment = K.ALIGN["center"]
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = 1.0

    # kop with a logo: logo | text | (balance), so the text stays centred on the page;
    # without one: the text alone (no empty image cell, no gap)
    K.paragraph(doc, "{%p if logo %}")
    kop = doc.add_table(rows=1, cols=3)
    K.set_table_borders(kop, none=True)
    logo, text, _ = kop.rows[0].cells
    K.cell_text(logo, "{{ logo }}", style="Normal", align="center")
    kop_lines(text, text.paragraphs[0])
    K.fix_table_widths(kop, [2.5, width - 5.0, 2.5])
    K.paragraph(doc, "{%p else %}")
    kop_lines(doc)
    K.paragraph(doc, "{%p endif %}")
    rule = K.paragraph(doc, "", after=12)
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    K.bottom_border(rule)

    K.paragraph(doc, "{{ kota }}, {{ tanggal }}", align="right", after=12)
    meta = doc.add_table(rows=4, cols=3)
    K.set_table_borders(meta, none=True)
    for row, (label, tag) in zip(
        meta.rows,
        (
            ("Nomor", "{{ nomor }}"),
            ("Sifat", "{{ sifat }}"),
            ("Lampiran", "{{ lampiran }}"),
            ("Hal", "{{ hal }}"),
        ),
        strict=True,
    ):
        K.cell_text(row.cells[0], label, style="Normal", valign="top")
        K.cell_text(row.cells[1], ":", style="Normal", align="center", valign="top")
        K.cell_text(row.cells[2], tag, style="Normal", valign="top")
        for c in row.cells:
            c.paragraphs[0].paragraph_format.space_after = Pt(0)
    K.fix_table_widths(meta, [2.4, 0.5, 10.6])

    K.paragraph(doc, "Yth. {{ tujuan }}", before=18, after=0)
    K.paragraph(doc, "di {{ kota }}", after=18)
    K.paragraph(doc, "{%p for k in isi %}")
    K.paragraph(doc, "{{ k }}", style="Isi", after=8)
    K.paragraph(doc, "{%p endfor %}")

    K.paragraph(doc, "", style="Tanda Tangan")
    K.paragraph(doc, "{%p for b in penandatangan.baris %}")
    K.paragraph(doc, "{{ b }}", style="Tanda Tangan", bold=True)
    K.paragraph(doc, "{%p endfor %}")
    for _ in range(3):
        K.paragraph(doc, "", style="Tanda Tangan")
    K.paragraph(doc, "{{ penandatangan.nama }}", style="Tanda Tangan", bold=True, underline=True)
    K.paragraph(doc, "{{ penandatangan.pangkat }}", style="Tanda Tangan")
    K.paragraph(doc, "NIP. {{ penandatangan.nip }}", style="Tanda Tangan", keep_next=False)

    K.paragraph(doc, "{%p if tembusan %}")
    K.paragraph(doc, "Tembusan:", before=24, after=0, size=11)
    K.paragraph(doc, "{%p for t in tembusan %}")
    _item(doc, "{{ t }}", _new_list(doc), size=11, after=0)
    K.paragraph(doc, "{%p endfor %}")
    K.paragraph(doc, "{%p endif %}")
    _finish(doc, update_fields=False)  # the letter has no fields: no update prompt
    out.parent.mkdir(parents=True, exist_ok=True)
    _save_stable(doc, out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else TEMPLATE_DIR
    for path in (
        build_report_template(folder / REPORT_TEMPLATE),
        build_letter_template(folder / LETTER_TEMPLATE),
    ):
        print(f"Template ditulis: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
