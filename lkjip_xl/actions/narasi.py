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


def latest_version(gw: Gateway, folder: Path | None = None) -> Path | None:
    """The newest ``LKjIP_<opd>_<tahun>_v<N>.docx`` in ``folder`` (default: the outputs)."""
    profile = gw.profile()
    folder = Path(folder) if folder is not None else gw.workspace.outputs
    if not folder.is_dir():
        return None
    stem = f"LKjIP_{profile.opd_singkat}_{profile.tahun}"
    pattern = re.compile(re.escape(stem) + r"_v(\d+)\.docx$")
    found = [
        (int(m.group(1)), p)
        for p in folder.iterdir()
        if (m := pattern.match(p.name)) and p.stat().st_size > 0
    ]
    return max(found)[1] if found else None


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
        for text, heading in self.outside:
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


def take_back(gw: Gateway, path: Path, *, doc: SlotDocument | None = None) -> TakeBack:
    """Write the slots of ``path`` changed in Word into the workbook (same transaction)."""
    from lkjip_xl.report.slots import read_document

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
    )
    changes = {s.key: s.text for s in doc.slots if s.changed}
    if changes:
        current = _current_texts(gw)
        changes = {k: v for k, v in changes.items() if not _same(v, current.get(k))}
    if changes:
        written, unknown = _write(gw, changes)
        result.taken = written
        result.lost = [(k, changes[k]) for k in unknown]
        for key, sheet, cell in written:
            gw.log(
                "Ambil narasi dari Word",
                f"{path.name}: {key} → {sheet} {cell}: {_short(changes[key])}",
            )
    return result


def ambil_narasi(gw: Gateway, path: Path | str | None = None) -> ActionResult:
    """Take back the narratives edited in a Word copy (default: the newest version)."""
    target = Path(path) if path else latest_version(gw)
    if target is None:
        raise LkjipError(
            "Belum ada dokumen LKjIP di folder keluaran untuk diambil narasinya. Buat draft "
            "dulu (tombol Buat Draft LKjIP atau 'lkjip report')."
        )
    tb = take_back(gw, target)
    lines = tb.lines()
    if not tb.taken and not tb.lost and not tb.outside and not tb.no_record and not tb.missing:
        pesan = f"Tidak ada isian yang diubah di {target.name}; workbook tidak berubah."
    else:
        pesan = lines[0] if tb.taken else f"Tidak ada isian yang diubah di {target.name}."
    peringatan = [ln for ln in lines if not ln.startswith("Diambil dari")]
    return ActionResult(
        pesan,
        files=[target],
        data={
            "file": str(target),
            "diambil": [{"kunci": k, "sheet": s, "sel": c} for k, s, c in tb.taken],
            "di_luar_isian": [{"teks": t, "judul": h} for t, h in tb.outside],
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
    version still empty. ``slots``: ``{key: (text, wajib)}`` (:func:`slots.wrap_slots`).
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
