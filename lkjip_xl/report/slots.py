"""Narrative slots in the Word report: content controls that carry text back to the workbook.

Rendering puts each narrative into the docxtpl context wrapped by :func:`mark` (private-use
characters around the slot key and its text). After docxtpl has saved the document,
:func:`wrap_document` turns every marked piece into a Word content control (``w:sdt``, rich text,
``w:tag`` = the slot key such as ``narasi:visi`` or ``narasi:IKU-01:faktor``, ``w:alias`` in
Indonesian). A paragraph that is one slot becomes a block-level control (one paragraph per line
of text); a slot inside a sentence becomes an inline control. An empty slot shows a placeholder
(``w:showingPlcHdr``) telling where the text belongs.

The document also carries a custom XML part (``urn:lkjip-xl:narasi:1``) with the text each slot
was generated with, whether a final needs it, and a hash of every other paragraph's text, so
:func:`read_document` can tell what was changed in Word inside a slot (taken back) and what was
typed outside any slot (reported, never silently dropped).
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from lkjip_xl.domain import narasi as N

__all__ = [
    "Extra",
    "Slot",
    "SlotDocument",
    "document_origin",
    "mark",
    "placeholder_text",
    "read_document",
    "strip_marks",
    "wrap_document",
]

OPEN, MID, CLOSE = "\ue000", "\ue001", "\ue002"
_REQUIRED, _OPTIONAL = "!", "?"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
META_NS = "urn:lkjip-xl:narasi:1"
_CUSTOM_XML_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_CUSTOM_XML_PROPS_RT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
_PROPS_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_SKIP_STYLES = ("toc", "tableoffigures")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def mark(key: str, text: str | None, *, wajib: bool = True) -> str:
    """``text`` marked as the slot ``key`` (a ``narasi:…`` tag) for :func:`wrap_document`."""
    flag = _REQUIRED if wajib else _OPTIONAL
    clean = (text or "").replace(OPEN, "").replace(MID, "").replace(CLOSE, "").strip()
    return f"{OPEN}{flag}{key}{MID}{clean}{CLOSE}"


def strip_marks(text: str) -> str:
    """The visible text of a marked string (slot texts kept, keys dropped)."""
    out, rest = [], text
    while OPEN in rest:
        before, _, after = rest.partition(OPEN)
        _key, _, after = after.partition(MID)
        inner, _, rest = after.partition(CLOSE)
        out += [before, inner]
    out.append(rest)
    return "".join(out)


def alias(key: str) -> str:
    """Indonesian name of a slot, shown by Word on the content control."""
    parsed = N.parse_key(key)
    if parsed is None:
        return key
    head, fld = parsed
    if fld:
        label = next(f.label for f in N.INDICATOR_FIELDS if f.key == fld)
        return f"{label} ({head})"
    if N.is_extra(head):
        return "Tambahan dari Word"
    try:
        return N.topic(head).judul
    except KeyError:
        return head


def placeholder_text(key: str) -> str:
    """What an empty slot shows: what to write and where else it can be written."""
    parsed = N.parse_key(key)
    where = "sheet Narasi"
    if parsed and parsed[1]:
        where = f"sheet Format Data, baris indikator {parsed[0]}"
    return f"(Belum diisi: {alias(key)}. Tulis di sini atau di {where}.)"


# -- writing -----------------------------------------------------------------------------------


def _segments(text: str) -> list[tuple[str, str, bool, str]]:
    """``[(kind, key, wajib, text)]`` with kind ``t`` (plain) or ``s`` (slot)."""
    out: list[tuple[str, str, bool, str]] = []
    rest = text
    while OPEN in rest:
        before, _, after = rest.partition(OPEN)
        if before:
            out.append(("t", "", False, before))
        head, _, after = after.partition(MID)
        inner, _, rest = after.partition(CLOSE)
        out.append(("s", head[1:], head[:1] == _REQUIRED, inner))
    if rest:
        out.append(("t", "", False, rest))
    return out


def _run(rpr: Any, text: str) -> Any:
    """A ``w:r`` with ``rpr`` (copied) and ``text``; newlines become ``w:br``."""
    r = etree.Element(_w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, _w("br"))
        if line:
            t = etree.SubElement(r, _w("t"))
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _sdt_pr(key: str, sdt_id: int, empty: bool, rpr: Any) -> Any:
    pr = etree.Element(_w("sdtPr"))
    if rpr is not None:
        pr.append(copy.deepcopy(rpr))
    etree.SubElement(pr, _w("alias")).set(_w("val"), alias(key)[:255])
    etree.SubElement(pr, _w("tag")).set(_w("val"), key[:255])
    etree.SubElement(pr, _w("id")).set(_w("val"), str(sdt_id))
    etree.SubElement(pr, _w("lock")).set(_w("val"), "sdtLocked")
    if empty:
        etree.SubElement(pr, _w("showingPlcHdr"))
    return pr


@dataclass
class _Meta:
    slots: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """key → (generated text, wajib)."""
    paragraphs: set[str] = field(default_factory=set)
    workbook: str = ""
    """Id of the workbook the document was made from (``forms.spec.workbook_id``)."""
    tahun: int = 0
    versi: int = 0


def _norm(text: str) -> str:
    return " ".join(text.split())


def _digest(text: str) -> str:
    return hashlib.sha256(_norm(text).encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Extra:
    """Text typed in Word outside any slot, kept in the workbook, rendered again as a slot."""

    key: str
    """Narasi key (``tambahan_word_<n>``)."""
    heading: str
    """Heading it was typed under ('' = start of the document)."""
    label: str
    """Italic prefix, e.g. "Tambahan dari Word (v2)"."""
    text: str


def _insert_extras(body: Any, extras: list[Extra]) -> list[Extra]:
    """Put each extra as a paragraph (italic label, then the marked text) at the end of the
    section under its heading; returns the extras whose heading is no longer in the document
    (those go at the end of the body, still marked)."""
    headings: list[tuple[str, Any]] = []
    paras = [p for p in body.iterchildren(_w("p"))]
    for p in paras:
        if _style(p).lower().startswith("heading"):
            headings.append((_norm(_para_text(p)), p))
    homeless: list[Extra] = []
    for ex in extras:
        if not ex.text.strip():
            continue
        anchor = None
        target = _norm(ex.heading)
        for i, (text, p) in enumerate(headings):
            if text == target and target:
                # the last element before the next heading (any level) or the section end
                nxt = headings[i + 1][1] if i + 1 < len(headings) else None
                anchor = p
                el = p.getnext()
                while el is not None and el is not nxt and el.tag != _w("sectPr"):
                    anchor = el
                    el = el.getnext()
                break
        new = etree.Element(_w("p"))
        if (
            anchor is not None
            and anchor.tag == _w("p")
            and not _style(anchor).lower().startswith("heading")
        ):
            ppr = anchor.find(_w("pPr"))
            if ppr is not None:
                ppr = copy.deepcopy(ppr)
                numbered = ppr.find(_w("numPr")) is not None
                for drop in ("numPr", "keepNext"):
                    for el in ppr.findall(_w(drop)):
                        ppr.remove(el)
                # a list style numbers by itself; a list item's style hangs for its number
                if numbered or "list" in _style(anchor).lower():
                    for el in ppr.findall(_w("pStyle")):
                        ppr.remove(el)
                new.append(ppr)
        ital = etree.Element(_w("rPr"))
        etree.SubElement(ital, _w("i"))
        new.append(_run(ital, f"{ex.label}: "))
        new.append(_run(None, mark(N.slot_key(ex.key), ex.text, wajib=False)))
        if anchor is None:
            homeless.append(ex)
            sect = body.find(_w("sectPr"))
            if sect is not None:
                sect.addprevious(new)
            else:
                body.append(new)
        else:
            anchor.addnext(new)
    return homeless


def wrap_document(
    doc: Any,
    *,
    workbook: str = "",
    tahun: int = 0,
    versi: int = 0,
    extras: list[Extra] | None = None,
    finish: Callable[[Any], None] | None = None,
) -> dict[str, tuple[str, bool]]:
    """Turn the marks in the open python-docx ``doc`` into content controls (the caller saves
    it, so a freshly rendered document is not saved, read and saved again).

    ``workbook``/``tahun``/``versi`` are recorded in the custom XML part so that a copy saved
    under any name can be recognised as this workbook's report (:func:`document_origin`).
    ``finish(body)`` runs on the document body once the controls exist, before the one save
    (the report's presentation pass). Returns ``{slot key: (text, wajib)}`` of every slot
    written.
    """
    body = doc.element.body
    meta = _Meta(workbook=workbook, tahun=tahun, versi=versi)
    if extras:
        _insert_extras(body, extras)
    next_id = [1000]

    def new_id() -> int:
        next_id[0] += 1
        return next_id[0]

    # only paragraphs holding a mark (one XPath pass, no Python object per paragraph)
    marked = etree.XPath(".//w:p[contains(string(.), $o)]", namespaces={"w": W_NS})
    for p in marked(body, o=OPEN):
        runs = [r for r in p.findall(_w("r")) if OPEN in "".join(r.itertext())]
        if not runs:
            continue
        ppr = p.find(_w("pPr"))
        content_runs = [r for r in p.findall(_w("r")) if "".join(r.itertext()).strip()]
        for r in runs:
            text = _para_text(r)
            rpr = r.find(_w("rPr"))
            segs = _segments(text)
            block = len(segs) == 1 and segs[0][0] == "s" and content_runs == [r]
            if block:
                _, key, wajib, inner = segs[0]
                meta.slots[key] = (inner, wajib)
                sdt = etree.Element(_w("sdt"))
                sdt.append(_sdt_pr(key, new_id(), not inner, None))
                content = etree.SubElement(sdt, _w("sdtContent"))
                lines = inner.split("\n") if inner else [placeholder_text(key)]
                for line in lines:
                    np_ = etree.SubElement(content, _w("p"))
                    if ppr is not None:
                        np_.append(copy.deepcopy(ppr))
                    np_.append(_run(rpr, line))
                p.addprevious(sdt)
                p.getparent().remove(p)
                break
            new: list[Any] = []
            for kind, key, wajib, inner in segs:
                if kind == "t":
                    new.append(_run(rpr, inner))
                    continue
                meta.slots[key] = (inner, wajib)
                sdt = etree.Element(_w("sdt"))
                sdt.append(_sdt_pr(key, new_id(), not inner, rpr))
                content = etree.SubElement(sdt, _w("sdtContent"))
                content.append(_run(rpr, inner or placeholder_text(key)))
                new.append(sdt)
            for el in new:
                r.addprevious(el)
            p.remove(r)
    if finish is not None:
        finish(body)
    for p, _heading in _outside_paragraphs(body):
        meta.paragraphs.add(_digest(p))
    _write_meta(doc, meta)
    return meta.slots


# -- the custom XML part -----------------------------------------------------------------------


def _meta_xml(meta: _Meta) -> bytes:
    root = etree.Element(f"{{{META_NS}}}lkjip", nsmap={None: META_NS})
    root.set("versi", "1")
    if meta.workbook:
        root.set("workbook", meta.workbook)
        root.set("tahun", str(meta.tahun))
        root.set("versi_laporan", str(meta.versi))
    for key, (text, wajib) in meta.slots.items():
        el = etree.SubElement(root, f"{{{META_NS}}}slot")
        el.set("kunci", key)
        el.set("wajib", "1" if wajib else "0")
        el.text = text
    for h in sorted(meta.paragraphs):
        etree.SubElement(root, f"{{{META_NS}}}teks").set("h", h)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_meta(doc: Any, meta: _Meta) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = doc.part.package
    for part in _meta_parts(doc):
        part._blob = _meta_xml(meta)  # regenerate in place (a template copy carries one)
        return
    names = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in names:
        n += 1
    item = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", _meta_xml(meta), package)
    guid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, META_NS)).upper() + "}"
    props_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        f'<ds:datastoreItem ds:itemID="{guid}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{META_NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()
    props = Part(PackURI(f"/customXml/itemProps{n}.xml"), _PROPS_CT, props_xml, package)
    item.relate_to(props, _CUSTOM_XML_PROPS_RT)
    doc.part.relate_to(item, _CUSTOM_XML_RT)


def _meta_parts(doc: Any) -> list[Any]:
    out = []
    for part in doc.part.package.iter_parts():
        if not str(part.partname).startswith("/customXml/item"):
            continue
        blob = part.blob
        if META_NS.encode() in blob[:400]:
            out.append(part)
    return out


def _read_meta(doc: Any) -> _Meta | None:
    parts = _meta_parts(doc)
    if not parts:
        return None
    root = etree.fromstring(parts[0].blob)
    meta = _Meta()
    for el in root.iter(f"{{{META_NS}}}slot"):
        meta.slots[el.get("kunci", "")] = (el.text or "", el.get("wajib") == "1")
    meta.paragraphs = {el.get("h", "") for el in root.iter(f"{{{META_NS}}}teks")}
    _origin_attrs(root, meta)
    return meta


def _origin_attrs(root: Any, meta: _Meta) -> None:
    meta.workbook = root.get("workbook", "")
    try:
        meta.tahun = int(root.get("tahun", "0"))
        meta.versi = int(root.get("versi_laporan", "0"))
    except ValueError:
        meta.tahun = meta.versi = 0


@dataclass(frozen=True)
class Origin:
    """Which workbook, year and version a generated document records."""

    workbook: str
    tahun: int
    versi: int


def document_origin(path: Path) -> Origin | None:
    """The origin recorded in ``path``'s custom XML part; None for any other file.

    Reads only the package's ``customXml`` items (no full parse), so a folder of documents can
    be scanned quickly; a file that is not a readable .docx gives None.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not (name.startswith("customXml/item") and "Props" not in name):
                    continue
                blob = z.read(name)
                if META_NS.encode() not in blob[:400]:
                    continue
                meta = _Meta()
                _origin_attrs(etree.fromstring(blob), meta)
                return Origin(meta.workbook, meta.tahun, meta.versi)
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        return None
    return None


# -- reading -----------------------------------------------------------------------------------


def _para_text(p: Any) -> str:
    out: list[str] = []
    for el in p.iter(_w("t"), _w("br"), _w("tab"), _w("cr")):
        if el.tag == _w("t"):
            out.append(el.text or "")
        elif el.tag == _w("tab"):
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _style(p: Any) -> str:
    # one tag per find (lxml's C path; a "a/b" path goes through Python's ElementPath)
    ppr = p.find(_W_PPR)
    ps = ppr.find(_W_PSTYLE) if ppr is not None else None
    return (ps.get(_W_VAL) or "") if ps is not None else ""


_W_PPR, _W_PSTYLE, _W_VAL = _w("pPr"), _w("pStyle"), _w("val")


def _outside_paragraphs(body: Any) -> list[tuple[str, str]]:
    """(text outside any slot, heading above it) of every paragraph that is not a slot, a
    field result (TOC, captions, page numbers) or empty."""
    out: list[tuple[str, str]] = []
    heading = ""
    sdt_content = _w("sdtContent")
    for p in body.iter(_w("p")):
        style = _style(p)
        parent = p.getparent()
        in_sdt = False
        while parent is not None and parent is not body:
            if parent.tag == sdt_content:
                in_sdt = True
                break
            parent = parent.getparent()
        text_all = _para_text(p)
        if style.lower().startswith("heading"):
            heading = _norm(text_all)
        if in_sdt or style.lower().replace(" ", "").startswith(_SKIP_STYLES):
            continue
        if next(p.iter(_w("fldChar"), _w("fldSimple")), None) is not None:
            continue
        if next(p.iter(_w("sdt")), None) is None:
            text = _norm(text_all)
        else:
            bare = copy.deepcopy(p)
            for sdt in bare.findall(f".//{_w('sdt')}"):
                sdt.getparent().remove(sdt)
            text = _norm(_para_text(bare))
        if text:
            out.append((text, heading))
    return out


@dataclass
class Slot:
    key: str
    text: str
    """The text in the document now ('' for an untouched placeholder)."""
    generated: str | None
    """The text it was generated with (None when the document carries no record)."""
    wajib: bool = True

    @property
    def changed(self) -> bool:
        return self.generated is not None and _norm(self.text) != _norm(self.generated)


@dataclass
class SlotDocument:
    slots: list[Slot]
    outside: list[tuple[str, str]]
    """(text, heading) typed outside any slot since the document was generated."""
    has_record: bool
    missing: list[str] = field(default_factory=list)
    """Slot keys the record lists but the document no longer holds (controls removed, e.g. by
    saving with an editor that drops content controls)."""
    versi: int = 0
    """Report version the document was generated as (0 when not recorded)."""


def _slot_text(sdt: Any, key: str) -> str:
    content = sdt.find(_w("sdtContent"))
    if content is None:
        return ""
    paras = content.findall(f".//{_w('p')}")
    text = "\n".join(_para_text(p) for p in paras) if paras else _para_text(content)
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    pr = sdt.find(_w("sdtPr"))
    showing = pr is not None and pr.find(_w("showingPlcHdr")) is not None
    if text == placeholder_text(key) or (showing and not text):
        return ""
    return text


def read_document(path: Path) -> SlotDocument:
    """The slots of a generated (and maybe edited) report, and text typed outside them."""
    from docx import Document

    doc = Document(str(path))
    body = doc.element.body
    meta = _read_meta(doc)
    slots: list[Slot] = []
    seen: set[str] = set()
    for sdt in body.iter(_w("sdt")):
        tag = sdt.find(f"{_w('sdtPr')}/{_w('tag')}")
        key = tag.get(_w("val")) if tag is not None else ""
        if not key or N.parse_key(key) is None or key in seen:
            continue
        seen.add(key)
        gen = meta.slots.get(key) if meta else None
        slots.append(
            Slot(
                key=key,
                text=_slot_text(sdt, key),
                generated=gen[0] if gen else None,
                wajib=gen[1] if gen else True,
            )
        )
    outside: list[tuple[str, str]] = []
    if meta is not None:
        outside = [
            (t, h) for t, h in _outside_paragraphs(body) if _digest(t) not in meta.paragraphs
        ]
    missing = [k for k in (meta.slots if meta else {}) if k not in seen]
    return SlotDocument(
        slots=slots,
        outside=outside,
        has_record=meta is not None,
        missing=missing,
        versi=meta.versi if meta else 0,
    )


def set_slot_text(path: Path, key: str, text: str) -> None:
    """Replace the text of slot ``key`` in ``path`` as a person would in Word (demo, tests)."""
    from docx import Document

    doc = Document(str(path))
    for sdt in doc.element.body.iter(_w("sdt")):
        tag = sdt.find(f"{_w('sdtPr')}/{_w('tag')}")
        if tag is None or tag.get(_w("val")) != key:
            continue
        pr = sdt.find(_w("sdtPr"))
        showing = pr.find(_w("showingPlcHdr"))
        if showing is not None:
            pr.remove(showing)
        content = sdt.find(_w("sdtContent"))
        paras = content.findall(_w("p"))
        first_r = content.find(f".//{_w('r')}")
        rpr = first_r.find(_w("rPr")) if first_r is not None else None
        if paras:
            ppr = paras[0].find(_w("pPr"))
            for p in paras:
                content.remove(p)
            for line in text.split("\n"):
                p = etree.SubElement(content, _w("p"))
                if ppr is not None:
                    p.append(copy.deepcopy(ppr))
                p.append(_run(rpr, line))
        else:
            rpr = copy.deepcopy(rpr) if rpr is not None else None
            for child in list(content):
                content.remove(child)
            content.append(_run(rpr, text))
        doc.save(str(path))
        return
    raise KeyError(key)
