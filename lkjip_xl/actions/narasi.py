"""Narratives between the workbook and Word (issue 11).

* :func:`take_back` reads the content controls (``narasi:*``) of a report version and writes
  every text changed in Word into the workbook cell it came from (Narasi sheet, or the
  indicator's narrative column in Format Data); text typed outside any control is reported.
* :func:`ambil_narasi` is the ribbon's and the CLI's door onto it (default: the newest version
  in the output folder).
* :func:`final_problems` lists what still blocks a final version.

The caller owns the workbook transaction: the take-back and the new version are written in the
same one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.actions.base import ActionResult
from lkjip_xl.domain import narasi as N
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.report.context import ReportData
    from lkjip_xl.report.slots import SlotDocument
    from lkjip_xl.workbook.gateway import Gateway

__all__ = [
    "PAKAI",
    "Conflict",
    "TakeBack",
    "ambil_narasi",
    "final_problems",
    "latest_version",
    "slot_location",
    "take_back",
]

_SHORT = 70


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def slot_location(gw: Gateway, key: str) -> tuple[str, str] | None:
    """(sheet, cell) of the workbook cell a slot key comes from; None when it has none."""
    parsed = N.parse_key(key)
    if parsed is None:
        return None
    head, fld = parsed
    if fld:
        for row in gw.read_rows(S.FORMAT):
            if _text(row.get("kode")) == head:
                return S.FORMAT_DATA, f"{col_letter(S.FORMAT.col_index(fld))}{row['_row']}"
        return None
    try:
        rows = gw.read_rows(S.NARASI_T)
    except LkjipError:
        return None
    for row in rows:
        if _text(row.get("kunci")) == head:
            return S.NARASI, f"{col_letter(S.NARASI_T.col_index('isi'))}{row['_row']}"
    return None


def workbook_id(gw: Gateway) -> str:
    """The id a report records for this workbook (the same the unit forms carry)."""
    from lkjip_xl.forms.spec import workbook_id as wid

    return wid(gw.profile())


def latest_version(gw: Gateway, folder: Path | None = None) -> Path | None:
    """The newest .docx in ``folder`` (default: the outputs) made from this workbook for its
    year, whatever its name (a Word "Save As" copy counts): its custom XML part records the
    workbook id and year. A document from before that record is recognised by its name
    ``LKjIP_<opd>_<tahun>_v<N>.docx``. Newest = last modified (then highest version)."""
    from lkjip_xl.report.slots import document_origin

    profile = gw.profile()
    folder = Path(folder) if folder is not None else gw.workspace.outputs
    if not folder.is_dir():
        return None
    wid = workbook_id(gw)
    stem = f"LKjIP_{profile.opd_singkat}_{profile.tahun}"
    pattern = re.compile(re.escape(stem) + r"_v(\d+)\.docx$")
    found: list[tuple[int, int, str, Path]] = []
    for p in folder.iterdir():
        if p.suffix.lower() != ".docx" or p.name.startswith("~$") or not p.is_file():
            continue
        st = p.stat()
        if st.st_size == 0:
            continue
        origin = document_origin(p)
        m = pattern.match(p.name)
        if origin is not None and origin.workbook:
            if origin.workbook != wid or origin.tahun != profile.tahun:
                continue
            versi = origin.versi
        elif m:
            versi = int(m.group(1))
        else:
            continue
        found.append((st.st_mtime_ns, versi, p.name, p))
    return max(found)[3] if found else None


PAKAI_WORD, PAKAI_WORKBOOK = "word", "workbook"
PAKAI = (PAKAI_WORD, PAKAI_WORKBOOK)
"""Which text wins when a slot changed both in Word and in the workbook (``--pakai``)."""

_CONFLICT_SHORT = 160


def _short_pair(a: str, b: str, limit: int = _CONFLICT_SHORT) -> tuple[str, str]:
    """Both texts shortened to ``limit`` characters around where they start to differ, so the
    difference stays visible even in a long paragraph."""
    a, b = " ".join(a.split()), " ".join(b.split())
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    cut = max(0, start - 40) if max(len(a), len(b)) > limit else 0

    def one(x: str) -> str:
        x2 = ("…" + x[cut:]) if cut else x
        return x2 if len(x2) <= limit else x2[: limit - 1] + "…"

    return one(a), one(b)


@dataclass(frozen=True)
class Conflict:
    """A slot whose text changed in Word and whose cell changed in the workbook too."""

    key: str
    sheet: str
    cell: str
    workbook: str
    word: str


def _conflict_error(gw: Gateway, file: str, conflicts: list[Conflict]) -> LkjipError:
    from lkjip_xl.errors import NeedsConfirmation
    from lkjip_xl.report.slots import alias

    problems = []
    lines = []
    for c in conflicts:
        wb, wd = _short_pair(c.workbook, c.word)
        problems.append(
            CellProblem(
                f"'{alias(c.key)}' ({c.key.removeprefix(N.PREFIX)}). Teks workbook: '{wb}'. "
                f"Teks Word: '{wd}'.",
                "",
                gw.path.name,
                c.sheet,
                c.cell,
            )
        )
        wb2, wd2 = _short_pair(c.workbook, c.word, 110)
        lines.append(f"- {alias(c.key)} ({c.sheet} {c.cell})\n  Workbook: '{wb2}'\n  Word: '{wd2}'")
    if len(lines) > 3:
        lines = [*lines[:3], f"- … dan {len(lines) - 3} isian lain"]
    pesan = (
        f"{len(conflicts)} isian narasi diubah di DUA tempat sejak {file} dibuat: di workbook "
        "dan di Word. Tidak ada yang diambil dan tidak ada laporan yang dibuat, agar tidak ada "
        "suntingan yang tertimpa diam-diam. Bandingkan kedua teks di bawah, lalu ulangi "
        "perintahnya dengan --pakai word (teks Word menggantikan isi sel workbook) atau "
        "--pakai workbook (isi sel workbook dipertahankan, teks Word untuk isian ini "
        "diabaikan). Untuk menggabungkan keduanya: salin teks yang benar ke sel workbook, "
        "lalu pakai --pakai workbook."
    )
    pertanyaan = (
        f"Isian berikut diubah di workbook DAN di Word ({file}):\n"
        + "\n".join(lines)
        + "\n\nYa = pakai teks Word (isi sel diganti)\nTidak = pakai teks workbook (teks Word "
        "diabaikan)\nBatal = tidak mengambil apa pun"
    )
    return NeedsConfirmation(
        pesan,
        problems,
        pertanyaan=pertanyaan,
        konfirmasi={"pakai": PAKAI_WORD},
        konfirmasi_tidak={"pakai": PAKAI_WORKBOOK},
    )


@dataclass
class TakeBack:
    """What a take-back did."""

    file: str
    taken: list[tuple[str, str, str]] = field(default_factory=list)
    """(slot key, sheet, cell) written into the workbook."""
    lost: list[tuple[str, str]] = field(default_factory=list)
    """(slot key, text) changed in Word that has no cell any more."""
    outside: list[tuple[str, str]] = field(default_factory=list)
    """(text, heading) typed in Word outside any slot."""
    no_record: bool = False
    missing: int = 0
    """Slots removed from the document (their text is then reported as outside text)."""
    carried: list[tuple[str, str, str, list[str]]] = field(default_factory=list)
    """(heading, label, Narasi cell, texts) of outside text kept for the next version."""
    conflicts: list[Conflict] = field(default_factory=list)
    """Slots changed both in Word and in the workbook, and which side was used."""
    pakai: str = ""

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.taken:
            out.append(
                f"Diambil dari {self.file} ke workbook ({len(self.taken)} isian): "
                + "; ".join(f"{k.removeprefix(N.PREFIX)} → {s} {c}" for k, s, c in self.taken)
                + "."
            )
        for k, t in self.lost:
            out.append(
                f"Isian {k.removeprefix(N.PREFIX)} diubah di Word ('{_short(t)}') tetapi tempatnya "
                "di workbook tidak ada lagi; salin teks itu secara manual."
            )
        if self.missing:
            out.append(
                f"{self.missing} kotak isian tidak ada lagi di {self.file} (mungkin dihapus atau "
                "file disimpan dengan aplikasi yang tidak mengenal kotak isian Word); teksnya "
                "tidak dapat diambil otomatis."
            )
        for c in self.conflicts:
            side = "Word" if self.pakai == PAKAI_WORD else "workbook"
            out.append(
                f"Isian {c.key.removeprefix(N.PREFIX)} ({c.sheet} {c.cell}) diubah di workbook "
                f"dan di Word; dipakai teks {side} (--pakai {self.pakai})."
            )
        for heading, label, cell, texts in self.carried:
            where = f"di bawah judul '{heading}'" if heading else "di awal dokumen"
            out.append(
                f"Teks yang diketik di luar kotak isian {where} ('{_short(' '.join(texts))}') "
                f"disimpan di sheet Narasi {cell} dan dimuat pada versi berikutnya sebagai "
                f"paragraf bertanda '{label}:'. Kosongkan sel itu bila teks tersebut tidak "
                "untuk pembaca."
            )
        carried = {t for *_x, texts in self.carried for t in texts}
        for text, heading in self.outside:
            if text in carried:
                continue
            where = f"di bawah judul '{heading}'" if heading else "di awal dokumen"
            out.append(
                f"Teks di luar kotak isian {where} tidak diambil ke workbook: '{_short(text)}'. "
                "Pindahkan ke sheet Narasi atau ke kotak isian yang sesuai, bila perlu dimuat "
                "pada versi berikutnya."
            )
        if self.no_record:
            out.append(
                f"{self.file} tidak membawa catatan isian laporan (dibuat versi lama), jadi "
                "perubahannya tidak dapat dibandingkan; tidak ada yang diambil."
            )
        return out


def _write(gw: Gateway, changes: dict[str, str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Write ``{slot key: text}`` into the workbook → (written (key, sheet, cell), unknown keys)."""
    written: list[tuple[str, str, str]] = []
    unknown: list[str] = []
    topics = {k: v for k, v in changes.items() if not (N.parse_key(k) or ("", ""))[1]}
    fields = {k: v for k, v in changes.items() if k not in topics}
    if topics:
        rows = gw.read_rows(S.NARASI_T)
        by_key = {_text(r.get("kunci")): r for r in rows}
        isi = col_letter(S.NARASI_T.col_index("isi"))
        for key, text in topics.items():
            head = (N.parse_key(key) or (key, ""))[0]
            row = by_key.get(head)
            if row is None:
                try:
                    t = N.topic(head)
                except KeyError:
                    unknown.append(key)
                    continue
                row = {"kunci": head, "bagian": t.bagian, "judul": t.judul, "petunjuk": t.petunjuk}
                rows.append(row)
                by_key[head] = row
            row["isi"] = text or None
        gw.write_rows(S.NARASI_T, rows)
        final = gw.read_rows(S.NARASI_T)
        where = {_text(r.get("kunci")): r["_row"] for r in final}
        for key in topics:
            head = (N.parse_key(key) or (key, ""))[0]
            if head in where and key not in unknown:
                written.append((key, S.NARASI, f"{isi}{where[head]}"))
    if fields:
        rows = gw.read_rows(S.FORMAT)
        by_kode = {_text(r.get("kode")): r for r in rows}
        for key, text in fields.items():
            kode, fld = N.parse_key(key) or ("", "")
            row = by_kode.get(kode)
            if row is None:
                unknown.append(key)
                continue
            row[fld] = text or None
            written.append(
                (key, S.FORMAT_DATA, f"{col_letter(S.FORMAT.col_index(fld))}{row['_row']}")
            )
        gw.write_rows(S.FORMAT, rows)
    return written, unknown


def _same(a: str | None, b: str | None) -> bool:
    """Equal as the report shows them (spacing and a final full stop do not count)."""

    def norm(x: str | None) -> str:
        return " ".join((x or "").split()).rstrip(" .")

    return norm(a) == norm(b)


def _current_texts(gw: Gateway) -> dict[str, str]:
    """{slot key: text now in the workbook} for the topic rows and Format Data's columns."""
    out: dict[str, str] = {}
    try:
        for row in gw.read_rows(S.NARASI_T):
            if _text(row.get("kunci")):
                out[N.slot_key(_text(row.get("kunci")))] = _text(row.get("isi"))
    except LkjipError:
        pass
    for row in gw.read_rows(S.FORMAT):
        kode = _text(row.get("kode"))
        if kode:
            for fld in N.FIELD_KEYS:
                out[N.slot_key(kode, fld)] = _text(row.get(fld))
    return out


def _carry_outside(
    gw: Gateway, outside: list[tuple[str, str]], label: str
) -> list[tuple[str, str, str, list[str]]]:
    """Keep text typed outside any slot as "Tambahan dari Word" Narasi rows (one per heading),
    so the next version renders it. Text already kept (the same document taken back twice) is
    not added again, and text that already is a narrative of the workbook (e.g. a content
    control removed in Word, leaving its text) is not carried.
    Returns (heading, label, Narasi cell, texts) of each row holding carried text."""
    if not outside:
        return []
    try:
        rows = gw.read_rows(S.NARASI_T)
    except LkjipError:
        return []
    known = [v for v in _current_texts(gw).values() if v]
    groups: dict[str, list[str]] = {}
    for text, heading in outside:
        if any(_same(text, k) for k in known):
            continue
        groups.setdefault(heading, []).append(text)
    isi = col_letter(S.NARASI_T.col_index("isi"))
    kept = {_text(r.get("kunci")): r for r in rows if N.is_extra(_text(r.get("kunci")))}
    used = {_text(r.get("kunci")) for r in rows}
    n = 1
    out: list[tuple[str, str, str, list[str]]] = []
    added: list[tuple[str, str, list[str]]] = []
    for heading, texts in groups.items():
        text = "\n".join(texts)
        old = next((r for r in kept.values() if _same(text, _text(r.get("isi")))), None)
        if old is not None:
            out.append((heading, _text(old.get("judul")), f"{isi}{old['_row']}", texts))
            continue
        while f"{N.EXTRA_PREFIX}{n}" in used:
            n += 1
        key = f"{N.EXTRA_PREFIX}{n}"
        used.add(key)
        rows.append(
            {
                "kunci": key,
                "bagian": heading,
                "judul": label,
                "isi": text,
                "petunjuk": "Teks yang diketik di Word di luar kotak isian; dimuat di bawah "
                "judul pada kolom Bagian. Kosongkan bila tidak perlu dimuat.",
            }
        )
        added.append((key, heading, texts))
    if added:
        gw.write_rows(S.NARASI_T, rows)
        where = {_text(r.get("kunci")): r["_row"] for r in gw.read_rows(S.NARASI_T)}
        out += [(h, label, f"{isi}{where[k]}", t) for k, h, t in added if k in where]
    return out


EV_NARASI_AMBIL = "narasi_diambil"
"""Journal event: which Word texts a take-back handled (slot key + digest of the text)."""


def _text_digest(text: str) -> str:
    import hashlib

    norm = " ".join((text or "").split()).rstrip(" .")
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


def _journal(gw: Gateway) -> Any:
    from lkjip_xl.journal import Journal

    try:
        return Journal(gw.workspace.journal)
    except Exception:  # no workspace (a bare workbook in tests of other modules)
        return None


def _source(path: Path, doc: SlotDocument) -> str:
    """Which generated version a document is (a Save As copy is the same version)."""
    return f"v{doc.versi}" if doc.versi else path.name


def _taken_before(journal: Any, source: str) -> set[tuple[str, str]]:
    """(slot key, text digest) already handled from the version ``source``."""
    if journal is None:
        return set()
    out: set[tuple[str, str]] = set()
    for ev in journal.events(EV_NARASI_AMBIL):
        if ev.get("sumber") != source:
            continue
        for item in ev.get("isian") or []:
            out.add((str(item.get("kunci")), str(item.get("h"))))
    return out


def take_back(
    gw: Gateway,
    path: Path,
    *,
    doc: SlotDocument | None = None,
    pakai: str | None = None,
) -> TakeBack:
    """Write the slots of ``path`` changed in Word into the workbook (same transaction).

    A slot whose workbook cell changed too since the version was made (and differs from the
    Word text) is a conflict: without ``pakai`` nothing is written and a
    :class:`~lkjip_xl.errors.NeedsConfirmation` lists both texts; ``pakai="word"`` writes the
    Word text, ``pakai="workbook"`` keeps the cell. Text typed outside any slot is kept in
    "Tambahan dari Word" Narasi rows for the next version.
    """
    from lkjip_xl.report.slots import read_document

    if pakai is not None and pakai not in PAKAI:
        raise LkjipError(f"Pilihan --pakai '{pakai}' tidak dikenal. Pilih 'word' atau 'workbook'.")
    path = Path(path)
    if not path.exists():
        raise LkjipError(f"File Word tidak ditemukan: {path}.")
    try:
        doc = doc or read_document(path)
    except Exception as exc:  # a broken or non-Word file
        raise LkjipError(
            f"{path.name} tidak dapat dibaca sebagai dokumen Word ({type(exc).__name__}). "
            "Simpan ulang dari Word sebagai .docx, lalu coba lagi."
        ) from None
    result = TakeBack(
        file=path.name,
        outside=list(doc.outside),
        no_record=not doc.has_record,
        missing=len(doc.missing),
        pakai=pakai or "",
    )
    changed = {s.key: s for s in doc.slots if s.changed}
    changes = {k: s.text for k, s in changed.items()}
    journal = _journal(gw)
    handled: dict[str, str] = {}
    if changes:
        current = _current_texts(gw)
        changes = {k: v for k, v in changes.items() if not _same(v, current.get(k))}
        # a Word text already taken back once (e.g. with Ambil Narasi before this report) is no
        # new Word edit: the cell edited since then wins, it is neither retaken nor a conflict
        source = _source(path, doc)
        taken_before = _taken_before(journal, source)
        changes = {k: v for k, v in changes.items() if (k, _text_digest(v)) not in taken_before}
        conflicts = []
        for key, text in changes.items():
            if key not in current or _same(current[key], changed[key].generated):
                continue
            sheet, cell = slot_location(gw, key) or ("", "")
            conflicts.append(Conflict(key, sheet, cell, current[key], text))
        if conflicts and pakai is None:
            raise _conflict_error(gw, path.name, conflicts)
        result.conflicts = conflicts
        handled = dict(changes)
        if pakai == PAKAI_WORKBOOK:
            for c in conflicts:
                changes.pop(c.key, None)
        for c in conflicts:
            gw.log(
                "Narasi diubah di dua tempat",
                f"{path.name}: {c.key} ({c.sheet} {c.cell}): dipakai teks "
                f"{'Word' if pakai == PAKAI_WORD else 'workbook'}. Workbook: "
                f"{_short(c.workbook)} | Word: {_short(c.word)}",
            )
    if changes:
        written, unknown = _write(gw, changes)
        result.taken = written
        result.lost = [(k, changes[k]) for k in unknown]
        for key, sheet, cell in written:
            gw.log(
                "Ambil narasi dari Word",
                f"{path.name}: {key} → {sheet} {cell}: {_short(changes[key])}",
            )
    if handled and journal is not None:
        journal.append(
            EV_NARASI_AMBIL,
            file=path.name,
            sumber=_source(path, doc),
            isian=[{"kunci": k, "h": _text_digest(v)} for k, v in handled.items()],
        )
    if doc.outside:
        label = (
            f"Tambahan dari Word (v{doc.versi})"
            if doc.versi
            else (f"Tambahan dari Word ({path.name})")
        )
        result.carried = _carry_outside(gw, list(doc.outside), label)
        for heading, _label, cell, _texts in result.carried:
            gw.log("Teks Word di luar isian disimpan", f"{path.name}: '{heading}' → Narasi {cell}")
    return result


def ambil_narasi(
    gw: Gateway, path: Path | str | None = None, *, pakai: str | None = None
) -> ActionResult:
    """Take back the narratives edited in a Word copy (default: the newest version of this
    workbook in the output folder, whatever its name; a folder: the newest in it)."""
    given = Path(path) if path else None
    if given is not None and given.is_dir():
        target = latest_version(gw, given)
    else:
        target = given or latest_version(gw)
    if target is None:
        where = f"di folder {given}" if given is not None else "di folder keluaran"
        raise LkjipError(
            f"Belum ada dokumen LKjIP dari workbook ini {where} untuk diambil narasinya. Buat "
            "draft dulu (tombol Buat Draft LKjIP atau 'lkjip report')."
        )
    tb = take_back(gw, target, pakai=pakai)
    lines = tb.lines()
    dibaca = f"Dibaca: {target.name}."
    quiet = not (tb.taken or tb.lost or tb.outside or tb.no_record or tb.missing or tb.conflicts)
    if quiet:
        pesan = f"{dibaca} Tidak ada isian yang diubah di {target.name}; workbook tidak berubah."
    else:
        pesan = (
            dibaca
            + " "
            + (lines[0] if tb.taken else f"Tidak ada isian yang diubah di {target.name}.")
        )
    peringatan = [ln for ln in lines if not ln.startswith("Diambil dari")]
    return ActionResult(
        pesan,
        files=[target],
        data={
            "file": str(target),
            "diambil": [{"kunci": k, "sheet": s, "sel": c} for k, s, c in tb.taken],
            "di_luar_isian": [{"teks": t, "judul": h} for t, h in tb.outside],
            "tambahan_word": [{"judul": h, "label": lb, "sel": c} for h, lb, c, _t in tb.carried],
            "konflik": [
                {"kunci": c.key, "sheet": c.sheet, "sel": c.cell, "dipakai": tb.pakai}
                for c in tb.conflicts
            ],
        },
        peringatan=peringatan,
    )


# -- what blocks a final -----------------------------------------------------------------------


def final_problems(
    gw: Gateway, data: ReportData, slots: dict[str, tuple[str, bool]]
) -> list[CellProblem]:
    """Everything that blocks a final version, each with where to fix it.

    The one readiness list (:data:`lkjip_xl.workbook.persiapan.CHECKS`, the same Beranda's
    Persiapan and ``periksa`` show), plus any required content control of the rendered
    version still empty. ``slots``: ``{key: (text, wajib)}`` (:func:`slots.wrap_document`).
    """
    from lkjip_xl.actions import readiness
    from lkjip_xl.report.slots import alias

    items, started = readiness.unmet(gw, kinerja=data.kinerja)
    out = [p for u in items if u.check.blocks_final for p in readiness.with_step(u, started)]
    seen = {(p.sheet, p.cell) for p in out}
    for key, (text, wajib) in slots.items():
        if text.strip() or not wajib:
            continue
        sheet, cell = slot_location(gw, key) or (S.NARASI, "")
        if (sheet, cell) in seen:
            continue
        out.append(
            CellProblem(
                f"Isian laporan '{alias(key)}' masih kosong.",
                "Tulis uraiannya di sel ini (atau di kotak isian dokumen Word, lalu Ambil "
                "Narasi dari Word).",
                gw.path.name,
                sheet,
                cell,
            )
        )
    return out
