"""Finishing touches on a rendered report, in one pass over its body (no extra load or save).

* **Foreign terms in italics** (Pedoman Umum Ejaan: a foreign term is written in italics): the
  terms of ``lkjip_xl/data/istilah_asing.txt`` plus the office's own (Pengaturan
  ``istilah_asing``) are found in every run of body text, case-insensitively on word
  boundaries, and the run is split so that only the term is italic. The text stays identical.
  Left alone: placeholders of empty content controls, runs that are already italic, paragraphs
  whose style is italic (the term then stands out by being upright already), field codes.
* **Tables never leave a single row alone on a page**: every row keeps its lines together
  (``w:cantSplit``), a short table stays whole, a longer one keeps its header with its first
  two rows and its last two rows together (``w:keepNext`` on the rows' paragraphs). The header
  row repeats on every page (``w:tblHeader``, set by the template) and a caption keeps with its
  table (the Caption style's ``keepNext``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml import etree

__all__ = [
    "SHORT_TABLE_ROWS",
    "builtin_terms",
    "finish_body",
    "italicise_terms",
    "keep_tables",
    "term_pattern",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SHORT_TABLE_ROWS = 8
"""A table of at most this many rows (header included) is kept on one page."""
ITALIC_STYLES = frozenset({"Sumber", "Catatan", "Caption"})
"""Paragraph styles that are italic already (by style id)."""

_RPR_SEQ = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
)  # fmt: skip


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# -- foreign terms -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def builtin_terms() -> tuple[str, ...]:
    """The shipped list (``lkjip_xl/data/istilah_asing.txt``; ``#`` starts a comment)."""
    text = resources.files("lkjip_xl").joinpath("data/istilah_asing.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


_NEEDLES: dict[str, frozenset[str]] = {}
"""Pattern text → the lower-case first words of its terms (a cheap substring pre-check)."""


def _trie(words: Iterable[str]) -> str:
    """One regex alternation of ``words`` as a character trie (shared prefixes matched once,
    about twice as fast as a flat alternation); a space matches any run of white space."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends else "")

    return emit(root)


@lru_cache(maxsize=8)
def _compiled(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({" ".join(t.split()).casefold() for t in terms if t.strip()})
    if not words:
        return None
    # a term is a whole word: no letter, digit or hyphen before it, no letter or digit after
    # it (so "website-nya" italicises "website" and leaves "-nya" upright)
    pattern = re.compile(rf"(?<![\w-])(?:{_trie(words)})(?!\w)", re.IGNORECASE)
    _NEEDLES[pattern.pattern] = frozenset(w.split()[0] for w in words)
    return pattern


def term_pattern(extra: Iterable[str] = ()) -> re.Pattern[str] | None:
    """The compiled matcher of the built-in terms plus ``extra``."""
    return _compiled((*builtin_terms(), *extra))


def _is_italic(rpr: Any) -> bool:
    if rpr is None:
        return False
    el = rpr.find(_w("i"))
    return el is not None and el.get(_w("val"), "true") not in ("0", "false", "off")


def _italic_rpr(rpr: Any) -> Any:
    new = copy.deepcopy(rpr) if rpr is not None else etree.Element(_w("rPr"))
    for tag in ("i", "iCs"):
        old = new.find(_w(tag))
        if old is not None:
            new.remove(old)
    for tag in ("iCs", "i"):  # insert in schema order (i before iCs)
        el = etree.Element(_w(tag))
        later = _RPR_SEQ[_RPR_SEQ.index(tag) + 1 :]
        for child in new:
            if etree.QName(child).localname in later:
                child.addprevious(el)
                break
        else:
            new.append(el)
    return new


def _split_run(run: Any, pattern: re.Pattern[str]) -> bool:
    """Split ``run`` where ``pattern`` matches its text; True when it was split."""
    rpr = run.find(_w("rPr"))
    content = [c for c in run if c.tag != _w("rPr")]
    if not content or any(c.tag not in (_w("t"), _w("br"), _w("tab")) for c in content):
        return False  # fields, drawings, symbols: not plain text
    if not any(c.tag == _w("t") and c.text and pattern.search(c.text) for c in content):
        return False
    pieces: list[tuple[bool, Any]] = []
    for child in content:
        if child.tag != _w("t") or not child.text:
            pieces.append((False, child))
            continue
        text, pos = child.text, 0
        for m in pattern.finditer(text):
            if m.start() > pos:
                pieces.append((False, text[pos : m.start()]))
            pieces.append((True, m.group(0)))
            pos = m.end()
        if pos < len(text):
            pieces.append((False, text[pos:]))
    runs: list[Any] = []
    italic_rpr = _italic_rpr(rpr)
    for italic, piece in pieces:
        if not runs or runs[-1][0] != italic:
            r = etree.Element(_w("r"))
            src = italic_rpr if italic else rpr
            if src is not None:
                r.append(copy.deepcopy(src))
            runs.append((italic, r))
        r = runs[-1][1]
        if isinstance(piece, str):
            t = etree.SubElement(r, _w("t"))
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            r.append(copy.deepcopy(piece))
    for _italic, r in runs:
        run.addprevious(r)
    run.getparent().remove(run)
    return True


def _style(p: Any) -> str:
    ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    return (ps.get(_w("val")) or "") if ps is not None else ""


def _in_placeholder(el: Any, body: Any) -> bool:
    """Whether ``el`` sits inside a content control that shows its placeholder."""
    anc = el.getparent()
    while anc is not None and anc is not body:
        if anc.tag == _w("sdt") and anc.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}") is not None:
            return True
        anc = anc.getparent()
    return False


def italicise_terms(body: Any, pattern: re.Pattern[str] | None) -> int:
    """Italicise every match of ``pattern`` in the body's text runs; returns how many runs were
    split. One scan of the text nodes: only a run whose text matches is looked at further."""
    if pattern is None:
        return 0
    nodes = [t for t in body.iter(_w("t")) if t.text]
    # which terms occur at all (substring tests are far cheaper than the regex), then the
    # regex only on the text nodes holding one of them
    needles = _NEEDLES.get(pattern.pattern)
    if needles is not None:
        whole = "\n".join(t.text for t in nodes).lower()
        needles = frozenset(n for n in needles if n in whole)
        if not needles:
            return 0
    runs: list[Any] = []
    for t in nodes:
        if needles is not None:
            low = t.text.lower()
            if not any(n in low for n in needles):
                continue
        if pattern.search(t.text) is None:
            continue
        run = t.getparent()
        if run is None or run.tag != _w("r") or (runs and runs[-1] is run):
            continue
        runs.append(run)
    split = 0
    for run in runs:
        if _is_italic(run.find(_w("rPr"))):
            continue
        p = run.getparent()
        while p is not None and p.tag != _w("p"):
            p = p.getparent()
        if p is None or _style(p) in ITALIC_STYLES or _in_placeholder(run, body):
            continue
        if _split_run(run, pattern):
            split += 1
    return split


# -- tables ------------------------------------------------------------------------------------


def _tr_pr(tr: Any) -> Any:
    trpr = tr.find(_w("trPr"))
    if trpr is None:
        trpr = etree.Element(_w("trPr"))
        # trPr follows tblPrEx (if any) and precedes the cells
        ex = tr.find(_w("tblPrEx"))
        if ex is not None:
            ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    return trpr


def _keep_next(tr: Any) -> None:
    for p in tr.iter(_w("p")):
        ppr = p.find(_w("pPr"))
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            p.insert(0, ppr)
        if ppr.find(_w("keepNext")) is not None:
            continue
        el = etree.Element(_w("keepNext"))
        style = ppr.find(_w("pStyle"))
        if style is not None:
            style.addnext(el)
        else:
            ppr.insert(0, el)


def keep_tables(body: Any) -> int:
    """Keep every data table from leaving a row alone on a page; returns how many tables."""
    done = 0
    for tbl in body.iter(_w("tbl")):
        rows = tbl.findall(_w("tr"))
        if len(rows) < 2:
            continue  # the logo box, one-row layout tables
        for tr in rows:
            trpr = _tr_pr(tr)
            if trpr.find(_w("cantSplit")) is None:
                trpr.append(etree.Element(_w("cantSplit")))
        if len(rows) <= SHORT_TABLE_ROWS:
            keep = rows[:-1]
        else:
            header = sum(1 for tr in rows if tr.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None)
            keep = [*rows[: header + 1], rows[-2]]
        for tr in keep:
            _keep_next(tr)
        done += 1
    return done


def finish_body(body: Any, extra_terms: Iterable[str] = ()) -> None:
    """Both passes over a rendered report's body (see the module's docstring)."""
    keep_tables(body)
    italicise_terms(body, term_pattern(tuple(extra_terms)))
