"""Page numbers in the Daftar Isi, Daftar Tabel and Daftar Gambar of the .docx as saved.

Word fills the page numbers of a TOC field only when it updates the field (the
``w:updateFields`` prompt on opening). With LibreOffice installed the numbers are computed
here instead and written into the cached result of OUR document's TOC fields, so the file
shows them however it is opened; LibreOffice never re-saves the .docx (it would drop content
controls and other Word-only markup). Two ways, the first that works:

1. LibreOffice's own Python (``uno``): open a copy, update its indexes, read their lines
   ("heading<TAB>page").
2. A PDF of a copy (``soffice --convert-to pdf``) read with ``pdftotext`` (poppler): each
   heading's page is the page where it stands on a line of its own, and that page's number
   is the one printed in its footer.

When neither works (no LibreOffice, or an entry cannot be found) the document is left as it
is: Word will offer to update the fields when it opens the file.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

__all__ = [
    "Paginated",
    "entries_of",
    "fill_page_numbers",
    "pages_from_index_lines",
    "pages_from_pdf_text",
    "paginate",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
TIMEOUT_S = 180
_LEADER = re.compile(r"\.{5,}|…{3,}")
_PAGE_LABEL = re.compile(r"^(\d{1,4}|[ivxlcdm]{1,7})$")


@dataclass
class Paginated:
    """What :func:`paginate` did: ``ok`` when every entry got its page number."""

    ok: bool
    cara: str = ""
    """How the pages were found (Indonesian), e.g. "LibreOffice (PDF)"."""
    pesan: str = ""
    """One Indonesian sentence for the user."""
    kosong: list[str] = field(default_factory=list)
    """Entries whose page could not be found."""


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


# -- our document's TOC entries -----------------------------------------------------------------


def _toc_paragraphs(root: etree._Element) -> list[list[etree._Element]]:
    """The paragraphs of each TOC field's result, in document order."""
    fields: list[list[etree._Element]] = []
    current: list[etree._Element] | None = None
    for p in root.iter(f"{_W}p"):
        instr = "".join(t.text or "" for t in p.iter(f"{_W}instrText")).strip()
        if current is None and instr.startswith("TOC"):
            current = []
            fields.append(current)
        if current is not None:
            current.append(p)
            ends = [fc for fc in p.iter(f"{_W}fldChar") if fc.get(f"{_W}fldCharType") == "end"]
            if ends:
                current = None
    return fields


def _entry_text(p: etree._Element) -> str:
    return _norm("".join(t.text or "" for t in p.iter(f"{_W}t")))


def entries_of(docx: Path) -> list[str]:
    """The texts of every TOC entry in ``docx`` (headings, then tables, then figures)."""
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return [text for paras in _toc_paragraphs(root) for p in paras if (text := _entry_text(p))]


def fill_page_numbers(docx: Path, pages: dict[str, str]) -> list[str]:
    """Write ``pages`` (entry text → page label) after the tab of each TOC entry of ``docx``.

    Only when every entry has its page: the fields are then marked clean and the document
    no longer asks Word to update fields on opening. Returns the entries without a page
    (nothing is written when the list is not empty). The file is rewritten atomically; its
    other parts are copied byte for byte.
    """
    with zipfile.ZipFile(docx) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i.filename) for i in infos}
    root = etree.fromstring(parts["word/document.xml"])
    fields = _toc_paragraphs(root)
    missing: list[str] = []
    plan: list[tuple[etree._Element, str]] = []
    for paras in fields:
        for p in paras:
            text = _entry_text(p)
            if not text:
                continue
            if text in pages:
                plan.append((p, pages[text]))
            else:
                missing.append(text)
    if missing or not plan:
        return missing
    for p, label in plan:
        run = etree.SubElement(p, f"{_W}r")
        t = etree.SubElement(run, f"{_W}t")
        t.text = label
        end = [r for r in p.findall(f"{_W}r") if r.find(f"{_W}fldChar") is not None]
        end = [r for r in end if r.find(f"{_W}fldChar").get(f"{_W}fldCharType") == "end"]
        if end:  # the number goes before the field's end
            end[0].addprevious(run)
    for paras in fields:
        for fc in paras[0].iter(f"{_W}fldChar"):
            if fc.get(f"{_W}dirty") is not None:
                del fc.attrib[f"{_W}dirty"]
    parts["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    settings = etree.fromstring(parts["word/settings.xml"])
    for el in settings.findall(f"{_W}updateFields"):
        settings.remove(el)
    parts["word/settings.xml"] = etree.tostring(
        settings, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            out.writestr(info, parts[info.filename])
    tmp = docx.with_name(f".{docx.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(docx)
    return []


# -- finding the pages ---------------------------------------------------------------------------


def pages_from_index_lines(lines: Iterable[str]) -> dict[str, str]:
    """``"BAB I PENDAHULUAN\\t1"`` lines of LibreOffice's updated indexes → text → page."""
    out: dict[str, str] = {}
    for line in lines:
        if "\t" not in line:
            continue
        text, _, page = line.rpartition("\t")
        text, page = _norm(text), page.strip()
        if text and _PAGE_LABEL.match(page):
            out.setdefault(text, page)
    return out


def _page_label(lines: list[str]) -> str | None:
    for line in reversed(lines):
        if line.strip():
            text = line.strip()
            return text if _PAGE_LABEL.match(text) else None
    return None


def pages_from_pdf_text(text: str, entries: list[str]) -> dict[str, str]:
    """Pages of ``entries`` from ``pdftotext`` output (pages split by form feeds).

    An entry is found on the first page, at or after the previous entry's page, where it
    stands on lines of its own (a TOC line with dot leaders is not a heading); its page is
    the label printed last on that page (the footer's page number).
    """
    pages = text.split("\f")
    bodies: list[str] = []
    labels: list[str | None] = []
    for page in pages:
        lines = page.splitlines()
        labels.append(_page_label(lines))
        kept = [_norm(line) for line in lines if line.strip() and not _LEADER.search(line)]
        bodies.append("\n" + "\n".join(kept) + "\n")
    out: dict[str, str] = {}
    cursor = {"Tabel": 0, "Gambar": 0, "": 0}
    for entry in entries:
        kind = entry.split(" ", 1)[0] if entry.split(" ", 1)[0] in ("Tabel", "Gambar") else ""
        words = entry.split()
        pattern = re.compile(r"\n" + r"\s+".join(re.escape(w) for w in words) + r"\n")
        for k in range(cursor[kind], len(bodies)):
            if pattern.search(bodies[k]) and labels[k]:
                out[entry] = labels[k]  # type: ignore[assignment]
                cursor[kind] = k
                break
    return out


def _via_uno(soffice: Path, docx: Path, tmp: Path) -> dict[str, str]:
    from lkjip_xl.report.pdf import _uno_python, run_uno

    python = _uno_python(soffice)
    if python is None:
        return {}
    dst = tmp / "halaman.json"
    if not run_uno(python, soffice, docx, dst, tmp / "profil-uno", "indexes"):
        return {}
    try:
        lines = json.loads(dst.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return pages_from_index_lines(str(x) for x in lines)


def _via_pdf(soffice: Path, docx: Path, tmp: Path, entries: list[str]) -> dict[str, str]:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return {}
    from lkjip_xl.errors import LkjipError
    from lkjip_xl.report.pdf import _via_convert

    outdir = tmp / "pdf"
    outdir.mkdir()
    try:
        pdf = _via_convert(soffice, docx, outdir, tmp / "profil-pdf")
    except LkjipError:
        return {}
    if not pdf.exists():
        return {}
    try:
        done = subprocess.run(
            [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return pages_from_pdf_text(done.stdout.decode("utf-8", "replace"), entries)


UPDATE_PROMPT = (
    "Nomor halaman Daftar Isi, Daftar Tabel dan Daftar Gambar belum terisi{alasan}; Word "
    "akan menawarkan pembaruan isian saat dokumen dibuka (pilih Ya), atau tekan Ctrl+A "
    "lalu F9."
)


def paginate(docx: Path) -> Paginated:
    """Fill the page numbers of ``docx``'s TOC fields when LibreOffice can compute them."""
    from lkjip_xl.report.pdf import find_soffice

    docx = Path(docx)
    entries = entries_of(docx)
    if not entries:
        return Paginated(ok=True, cara="", pesan="")
    soffice = find_soffice()
    if soffice is None:
        return Paginated(
            ok=False,
            pesan=UPDATE_PROMPT.format(alasan=" (LibreOffice tidak ditemukan)"),
            kosong=entries,
        )
    with tempfile.TemporaryDirectory(prefix="lkjip-halaman-") as tmp_name:
        tmp = Path(tmp_name)
        copy = tmp / "salinan.docx"  # LibreOffice only ever reads a copy
        shutil.copy2(docx, copy)
        missing = entries
        for cara, finder in (
            ("LibreOffice (UNO)", lambda: _via_uno(soffice, copy, tmp)),
            ("LibreOffice (PDF)", lambda: _via_pdf(soffice, copy, tmp, entries)),
        ):
            pages = finder()
            if not pages:
                continue
            missing = fill_page_numbers(docx, pages)
            if not missing:
                return Paginated(
                    ok=True,
                    cara=cara,
                    pesan=f"Nomor halaman Daftar Isi dihitung dengan {cara}.",
                )
    return Paginated(
        ok=False,
        pesan=UPDATE_PROMPT.format(alasan=" (halaman tidak dapat dihitung dengan LibreOffice)"),
        kosong=missing,
    )
