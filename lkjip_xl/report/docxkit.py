"""Small python-docx helpers for building the Word templates: fonts, fields, tables, sections.

Kept apart from :mod:`lkjip_xl.report.templates` so the templates read as a document
outline. Everything here is deterministic (no timestamps, no random ids), so the
generated templates are byte-stable in their XML parts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

FONT = "Arial"
"""Body font. Windows and Word have Arial; LibreOffice on Linux substitutes the metric-compatible
Liberation Sans, so line breaks and page breaks fall the same in Word and in the PDF."""

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def set_font(rpr_owner: Any, name: str = FONT) -> None:
    """Set all four font slots of a style/run and drop theme fonts (they would win)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def drop_theme_color(style_element: Any) -> None:
    rpr = style_element.find(qn("w:rPr"))
    if rpr is None:
        return
    color = rpr.find(qn("w:color"))
    if color is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if color.get(qn(attr)) is not None:
                del color.attrib[qn(attr)]


def set_lang(rpr_owner: Any, lang: str = "id-ID") -> None:
    rpr = rpr_owner.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")


def paragraph(
    container: Any,
    text: str = "",
    *,
    style: str | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    size: float | None = None,
    align: str | None = None,
    color: str | None = None,
    before: float | None = None,
    after: float | None = None,
    indent_left: float | None = None,
    first_line: float | None = None,
    keep_next: bool | None = None,
    caps: bool | None = None,
) -> Paragraph:
    """Add a paragraph with one run (a Jinja tag must stay in one run to render)."""
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        if underline is not None:
            run.underline = underline
        if size is not None:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = RGBColor.from_string(color)
        if caps is not None:
            run.font.all_caps = caps
    pf = p.paragraph_format
    if align is not None:
        p.alignment = ALIGN[align]
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if indent_left is not None:
        pf.left_indent = Cm(indent_left)
    if first_line is not None:
        pf.first_line_indent = Cm(first_line)
    if keep_next is not None:
        pf.keep_with_next = keep_next
    return p


def page_break(container: Any) -> None:
    p = container.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)


def _fld_char(kind: str, dirty: bool = False) -> Any:
    r = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), kind)
    if dirty:
        fc.set(qn("w:dirty"), "true")
    r.append(fc)
    return r


def _instr(text: str) -> Any:
    r = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {text} "
    r.append(it)
    return r


def _text_run(text: str, *, bold: bool = False) -> Any:
    r = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def simple_field(p: Paragraph, instr: str, cached: str, *, bold: bool = False) -> None:
    """Append a complex field (``PAGE``, ``SEQ Tabel``) with a cached result to a paragraph."""
    p._p.append(_fld_char("begin"))
    p._p.append(_instr(instr))
    p._p.append(_fld_char("separate"))
    p._p.append(_text_run(cached, bold=bold))
    p._p.append(_fld_char("end"))


def _tab_run() -> Any:
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:tab"))
    return r


def toc_field(
    container: Any,
    instr: str,
    entries: Sequence[tuple[str, str] | tuple[str, str, str]],
    placeholder: str,
) -> None:
    """A TOC field whose cached result lists ``entries`` (style, text) without page numbers.

    Word refreshes it on opening (``w:updateFields`` in settings); LibreOffice refreshes it
    when the PDF is made through UNO. Until then a reader sees the entries.
    """
    paras: list[Paragraph] = []
    if not entries:
        entries = [("Normal", placeholder)]
    for entry in entries:
        style, text = entry[0], entry[1]
        when = entry[2] if len(entry) > 2 else ""  # type: ignore[misc]
        if when:  # an entry for a part the document shows only when ``when`` is true
            container.add_paragraph("{%p if " + when + " %}")
        p = container.add_paragraph(style=style)
        p._p.append(_text_run(text))
        p._p.append(_tab_run())
        if when:
            container.add_paragraph("{%p endif %}")
        else:
            paras.append(p)
    if len(entries[-1]) > 2 and entries[-1][2]:  # type: ignore[misc]
        # the field must end in a paragraph that is always there
        paras.append(container.add_paragraph(style=entries[-1][0]))
    first, last = paras[0]._p, paras[-1]._p
    ppr = first.find(qn("w:pPr"))
    idx = 1 if ppr is not None else 0
    for k, el in enumerate((_fld_char("begin", dirty=True), _instr(instr), _fld_char("separate"))):
        first.insert(idx + k, el)
    last.append(_fld_char("end"))


_PPR_SEQ = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TCPR_SEQ = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip
_TBLPR_SEQ = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip


def insert_ordered(parent: Any, el: Any, seq: Sequence[str]) -> Any:
    """Insert ``el`` into ``parent`` where the schema sequence ``seq`` puts it (Word is strict)."""
    tag = el.tag
    names = [qn(t) for t in seq]
    old = parent.find(tag)
    if old is not None:
        parent.remove(old)
    later = set(names[names.index(tag) + 1 :]) if tag in names else set()
    for child in parent:
        if child.tag in later:
            child.addprevious(el)
            return el
    parent.append(el)
    return el


def set_cell_background(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    insert_ordered(tcpr, shd, _TCPR_SEQ)


def set_repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def set_cant_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def set_table_borders(table: Any, *, none: bool = False) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{edge}")
        if none:
            b.set(qn("w:val"), "nil")
        else:
            b.set(qn("w:val"), "single")
            b.set(qn("w:sz"), "4")
            b.set(qn("w:space"), "0")
            b.set(qn("w:color"), "000000")
        borders.append(b)
    insert_ordered(tblpr, borders, _TBLPR_SEQ)


def fix_table_widths(table: Any, widths_cm: Sequence[float]) -> None:
    """Fixed layout, grid and every cell's width, so Word and LibreOffice agree."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    insert_ordered(tblpr, layout, _TBLPR_SEQ)
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = insert_ordered(tblpr, OxmlElement("w:tblW"), _TBLPR_SEQ)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(Cm(w).twips for w in widths_cm))))
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        gc.set(qn("w:w"), str(Cm(w).twips))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)


def cell_text(
    cell: Any,
    text: str,
    *,
    style: str,
    align: str = "left",
    bold: bool | None = None,
    valign: str = "center",
) -> Paragraph:
    p = cell.paragraphs[0]
    p.style = style
    if text:
        run = p.add_run(text)
        if bold is not None:
            run.bold = bold
    p.alignment = ALIGN[align]
    cell.vertical_alignment = (
        WD_CELL_VERTICAL_ALIGNMENT.TOP if valign == "top" else WD_CELL_VERTICAL_ALIGNMENT.CENTER
    )
    return p


def _vmerge(cell: Any, val: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:vMerge")
    if val == "restart":
        el.set(qn("w:val"), "restart")
    insert_ordered(tcpr, el, _TCPR_SEQ)


def loop_table(
    container: Any,
    headers: Sequence[str],
    cells: Sequence[str],
    widths_cm: Sequence[float],
    *,
    loop: str,
    aligns: Sequence[str] | None = None,
    footer: Sequence[str] | None = None,
    header_fill: str = "D9E2F3",
    merge: tuple[int | tuple[int, ...], str] | None = None,
    keep_together: bool = False,
) -> Any:
    """A table: one header row, ``{%tr for %}`` data row(s) over ``loop``, optional total row.

    ``loop`` is the Jinja head, e.g. ``for r in capaian_rows``; ``cells`` hold the data
    row's tags (``{{ r.no }}``). ``merge=(column, flag)`` merges that column vertically over
    runs of rows: a row where ``flag`` is true starts a merged cell, the others continue it
    (two row variants chosen with ``{%tr if %}``, so the template stays valid Word XML).
    ``keep_together`` keeps a short table on one page (each row keeps with the next).
    """
    n = len(headers)
    aligns = list(aligns or ["left"] * n)
    merged: tuple[int, ...] = ()
    if merge:
        merged = merge[0] if isinstance(merge[0], tuple) else (merge[0],)
    body = 7 if merge else 3
    rows = 1 + body + (1 if footer else 0)
    table = container.add_table(rows=rows, cols=n)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_table_borders(table)
    for j, h in enumerate(headers):
        c = table.rows[0].cells[j]
        cell_text(c, h, style="Judul Tabel", align="center")
        set_cell_background(c, header_fill)
    set_repeat_header(table.rows[0])

    def data_row(row: Any, variant: str = "") -> None:
        for j, tag in enumerate(cells):
            if j in merged:
                if variant == "restart":
                    cell_text(row.cells[j], tag, style="Isi Tabel", align=aligns[j])
                else:
                    cell_text(row.cells[j], "", style="Isi Tabel", align=aligns[j])
                _vmerge(row.cells[j], variant)
            else:
                cell_text(row.cells[j], tag, style="Isi Tabel", align=aligns[j])
        set_cant_split(row)

    def tag_row(row: Any, tag: str) -> None:
        cell_text(row.cells[0], "{%tr " + tag + " %}", style="Isi Tabel")

    r = table.rows
    tag_row(r[1], loop)
    if merge:
        tag_row(r[2], f"if {merge[1]}")
        data_row(r[3], "restart")
        tag_row(r[4], "else")
        data_row(r[5], "continue")
        tag_row(r[6], "endif")
        tag_row(r[7], "endfor")
    else:
        data_row(r[2])
        tag_row(r[3], "endfor")
    if footer:
        last = table.rows[-1]
        for j, tag in enumerate(footer):
            cell_text(last.cells[j], tag, style="Isi Tabel", align=aligns[j], bold=True)
        set_cant_split(last)
    if keep_together:
        for row in table.rows[:-1] if footer else table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
    fix_table_widths(table, widths_cm)
    return table


def new_section(doc: Any) -> Any:
    """A new section on a new page, without the cover's page frame (python-docx clones it)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    frame = section._sectPr.find(qn("w:pgBorders"))
    if frame is not None:
        section._sectPr.remove(frame)
    return section


def page_setup(
    section: Any,
    *,
    top: float,
    bottom: float,
    left: float,
    right: float,
    header: float = 1.25,
    footer: float = 1.25,
) -> None:
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    section.top_margin = Cm(top)
    section.bottom_margin = Cm(bottom)
    section.left_margin = Cm(left)
    section.right_margin = Cm(right)
    section.header_distance = Cm(header)
    section.footer_distance = Cm(footer)


def page_numbering(section: Any, fmt: str, start: int = 1) -> None:
    """``fmt`` is ``lowerRoman`` or ``decimal``; numbering restarts at ``start``."""
    sectpr = section._sectPr
    old = sectpr.find(qn("w:pgNumType"))
    if old is not None:
        sectpr.remove(old)
    el = OxmlElement("w:pgNumType")
    el.set(qn("w:fmt"), fmt)
    el.set(qn("w:start"), str(start))
    cols = sectpr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(el)
    else:
        sectpr.append(el)


def page_border(section: Any, *, color: str = "1F3864") -> None:
    """A thick-thin frame around every page of ``section`` (the cover)."""
    sectpr = section._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{edge}")
        b.set(qn("w:val"), "thickThinSmallGap")
        b.set(qn("w:sz"), "24")
        b.set(qn("w:space"), "24")
        b.set(qn("w:color"), color)
        borders.append(b)
    for tag in ("w:lnNumType", "w:pgNumType", "w:cols"):
        ref = sectpr.find(qn(tag))
        if ref is not None:
            ref.addprevious(borders)
            return
    sectpr.append(borders)


def fixed_box(container: Any, width_cm: float, height_cm: float, text: str) -> Any:
    """A borderless one-cell table of fixed size holding ``text`` centred (e.g. a logo tag)."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    table = container.add_table(rows=1, cols=1)
    set_table_borders(table, none=True)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    row = table.rows[0]
    row.height = Cm(height_cm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    cell_text(row.cells[0], text, style="Normal", align="center")
    fix_table_widths(table, [width_cm])
    return table


_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
)


def enable_update_fields(doc: Any) -> None:
    """``<w:updateFields w:val="true"/>``: Word refreshes the TOC and SEQ fields on opening."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    for tag in _SETTINGS_AFTER_UPDATE_FIELDS:
        ref = settings.find(qn(tag))
        if ref is not None:
            ref.addprevious(el)
            return
    settings.append(el)


CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


@contextmanager
def core_properties_prefix() -> Iterator[None]:
    """Let python-docx write core properties in their own namespace.

    docxcompose (imported by docxtpl) runs ``nsmap.update(NS)`` on python-docx's prefix map,
    binding ``cp`` to the custom-properties namespace; python-docx then writes
    ``cp:lastModifiedBy`` and ``cp:revision`` into docProps/core.xml in that namespace, a schema
    error. Inside this block ``cp`` means the core-properties namespace again.
    """
    from docx.oxml.ns import nsmap

    saved = nsmap.get("cp")
    nsmap["cp"] = CORE_PROPERTIES_NS
    try:
        yield
    finally:
        if saved is not None:
            nsmap["cp"] = saved


def office_settings(doc: Any) -> None:
    """Settings as Word itself writes them: a zoom with its required ``w:percent`` (python-docx's
    stock template has ``<w:zoom w:val="bestFit"/>`` without it) and compatibility mode 15, so
    Word 2013+ does not open the file in "[Compatibility Mode]"."""
    settings = doc.settings.element
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        for el in compat.findall(qn("w:compatSetting")):
            if el.get(qn("w:name")) == "compatibilityMode":
                el.set(qn("w:val"), "15")


def decimal_comma(doc: Any) -> None:
    """Indonesian decimal symbol and list separator in the document settings."""
    settings = doc.settings.element
    for tag, val in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        el = settings.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), val)


def strip_rsids(doc: Any) -> None:
    """Remove the template's revision ids (noise in a generated file)."""
    settings = doc.settings.element
    rs = settings.find(qn("w:rsids"))
    if rs is not None:
        settings.remove(rs)


def tab_stop(style: Any, pos_cm: float, *, align: str = "right", leader: str = "dot") -> None:
    ppr = style.element.get_or_add_pPr()
    tabs = ppr.find(qn("w:tabs"))
    if tabs is None:
        tabs = insert_ordered(ppr, OxmlElement("w:tabs"), _PPR_SEQ)
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), align)
    tab.set(qn("w:leader"), leader)
    tab.set(qn("w:pos"), str(Cm(pos_cm).twips))
    tabs.append(tab)


def bottom_border(p: Paragraph, *, val: str = "thinThickSmallGap", size: int = 18) -> None:
    ppr = p._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    b.set(qn("w:val"), val)
    b.set(qn("w:sz"), str(size))
    b.set(qn("w:space"), "1")
    b.set(qn("w:color"), "000000")
    pbdr.append(b)
    insert_ordered(ppr, pbdr, _PPR_SEQ)


def keep_lines(p: Paragraph) -> None:
    p.paragraph_format.keep_together = True
    p.paragraph_format.keep_with_next = True


# -- Word's own list numbering (numbering.xml) ------------------------------------------------

LIST_INDENT_CM = 0.8
"""Hanging indent of a list item: the number sits in it ("10." included), the text after it."""


def list_format(doc: Any, kind: str = "decimal") -> int:
    """Add an ``w:abstractNum`` (one level: ``1.`` for ``decimal``, ``•`` for ``bullet``) to
    the document's numbering part; returns its id. Ids and ``nsid`` are derived from what the
    part holds already, so the template stays byte-stable."""
    numbering = doc.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    new_id = max(ids, default=-1) + 1
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), str(new_id))
    nsid = OxmlElement("w:nsid")
    nsid.set(qn("w:val"), f"{0x4C4B0000 + new_id:08X}")
    absn.append(nsid)
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "singleLevel")
    absn.append(multi)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (
        ("w:start", "1"),
        ("w:numFmt", "bullet" if kind == "bullet" else "decimal"),
        ("w:lvlText", "\u2022" if kind == "bullet" else "%1."),
        ("w:lvlJc", "left"),
    ):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    ppr = OxmlElement("w:pPr")
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "num")
    tab.set(qn("w:pos"), str(Cm(LIST_INDENT_CM).twips))
    tabs.append(tab)
    ppr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(Cm(LIST_INDENT_CM).twips))
    ind.set(qn("w:hanging"), str(Cm(LIST_INDENT_CM).twips))
    ppr.append(ind)
    lvl.append(ppr)
    if kind == "bullet":
        rpr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), FONT)
        fonts.set(qn("w:hint"), "default")
        rpr.append(fonts)
        lvl.append(rpr)
    absn.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    return new_id


def new_list(doc: Any, abstract_id: int) -> int:
    """A new ``w:num`` over ``abstract_id`` that starts again at 1 (one per list, so every list
    restarts its numbering); returns its ``numId``."""
    numbering = doc.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(ids, default=0) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering.append(num)
    return num_id


def number_paragraph(p: Paragraph, num_id: int) -> None:
    """Make ``p`` an item of the list ``num_id`` (``w:numPr``)."""
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    numpr.append(ilvl)
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    numpr.append(num)
    insert_ordered(ppr, numpr, _PPR_SEQ)
