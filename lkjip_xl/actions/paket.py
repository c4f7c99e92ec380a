"""Action: the year's package for the Bagian Organisasi (``lkjip paket``; issue 22, Deliver 5).

The documents are found through the journal (the newest PK, Rencana Aksi, monev per triwulan,
final LKjIP and numbered cover letter of the year), copied under the names of
:data:`lkjip_xl.domain.paket.DOKUMEN`, beside one machine-readable workbook built from the one
model (:func:`lkjip_xl.actions.kinerja.gather`). Every run writes a new folder
``Paket_SAKIP_<opd>_<tahun>_v<N>`` and its ``.zip``; nothing earlier is overwritten. A missing
document is listed (in the result, the folder's ``00_Daftar_Isi.txt`` and the Log) with the
command that makes it; a document whose SHA-256 differs from the journal's is included and
flagged.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult
from lkjip_xl.domain import paket as D
from lkjip_xl.errors import LkjipError
from lkjip_xl.files import sha256_file
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import Gateway

__all__ = ["EV_PAKET", "Ditemukan", "find_documents", "make_paket", "quarterly_realisations"]

EV_PAKET = "paket_dibuat"
EV_MONEV = "monev_dibuat"
DAFTAR_ISI = "00_Daftar_Isi.txt"


# ---------------------------------------------------------------------------
# quarterly figures


def model_quarters(kinerja: Any) -> dict[str, dict[int, float | None]]:
    """Realisation per indicator kode per triwulan (1–4) as the one model holds them (the rows
    of Realisasi Triwulan picked as the year's figure picks them); {} without quarter data."""
    return {
        f.kode: {q: v for q, v in enumerate(f.realisasi_triwulan, start=1) if v is not None}
        for f in kinerja.indikator
        if f.ada_triwulan
    }


def quarterly_realisations(gw: Gateway) -> dict[str, dict[int, float | None]]:
    """Realisation per indicator kode per triwulan (1–4) from the one model
    (:func:`lkjip_xl.actions.kinerja.gather`); empty when the workbook has no quarter data."""
    from lkjip_xl.actions.kinerja import kinerja

    return model_quarters(kinerja(gw))


def _rencana(gw: Gateway) -> dict[str, D.RencanaTriwulan]:
    from lkjip_xl.domain.numbers import parse_number

    if not gw.has_table(S.RENCANA_AKSI_T):
        return {}

    def num(v: Any) -> float | None:
        try:
            return parse_number(v)
        except ValueError:
            return None

    out = {}
    for row in gw.read_rows(S.RENCANA_AKSI_T):
        kode = str(row.get("kode") or "").strip()
        if kode:
            tw = tuple(num(row.get(f"tw{i}")) for i in range(1, 5))
            out[kode] = D.RencanaTriwulan(str(row.get("aturan") or ""), tw)  # type: ignore[arg-type]
    return out


# ---------------------------------------------------------------------------
# documents through the journal


@dataclass
class Ditemukan:
    """One document of the package as the journal knows it."""

    dokumen: D.Dokumen
    event: dict[str, Any] | None = None
    files: list[tuple[Path, str]] = field(default_factory=list)
    """(source file, suffix) to copy: the .docx and, when there is one, its .pdf."""
    kurang: str = ""
    """Why it is missing and the command that makes it; empty when found."""
    diubah: bool = False
    """The .docx's SHA-256 differs from the journal's (edited after it was made)."""

    @property
    def versi(self) -> Any:
        return (self.event or {}).get("versi")


def _versi(e: dict[str, Any]) -> int:
    try:
        return int(e.get("versi") or 0)
    except (TypeError, ValueError):
        return 0


def _events(journal: Journal, dok: D.Dokumen, tahun: int) -> list[dict[str, Any]]:
    from lkjip_xl.report import letter as L

    events = journal.events(dok.event)
    if dok.kunci == "surat":
        status = {n.nomor: n.status for n in L.letter_numbers(journal)}
        return [
            e
            for e in events
            if e.get("tahun_laporan") == tahun and status.get(e.get("nomor")) == "Terpakai"
        ]
    events = [e for e in events if e.get("tahun") == tahun]
    if dok.kunci == "lkjip":
        return [e for e in events if e.get("tahap") == "final"]
    if dok.triwulan is not None:
        same = [e for e in events if str(e.get("triwulan")) == str(dok.triwulan)]
        return sorted(same, key=_versi)  # newest version last (stable: journal order on ties)
    return events


def _missing_text(dok: D.Dokumen, tahun: int, journal: Journal) -> str:
    if dok.kunci == "lkjip":
        drafts = [e for e in journal.events(dok.event) if e.get("tahun") == tahun]
        if drafts:
            return (
                f"{dok.judul} versi final belum dibuat (baru ada versi "
                f"{drafts[-1].get('versi')}, {drafts[-1].get('tahap')}): jalankan {dok.perintah}"
            )
        return f"{dok.judul} versi final belum dibuat: jalankan {dok.perintah}"
    return f"{dok.judul} belum dibuat: jalankan {dok.perintah}"


def _which(e: dict[str, Any]) -> str:
    if e.get("nomor"):
        return f"nomor {e['nomor']}"
    return f"versi {e.get('versi')}" if e.get("versi") else ""


def find_documents(journal: Journal, tahun: int) -> list[Ditemukan]:
    """Each document of :data:`DOKUMEN` for ``tahun``: the newest recorded version, its files,
    or why it is missing."""
    out = []
    for dok in D.DOKUMEN:
        events = _events(journal, dok, tahun)
        if not events:
            out.append(Ditemukan(dok, kurang=_missing_text(dok, tahun, journal)))
            continue
        e = events[-1]
        src = Path(str(e.get("file") or ""))
        if not src.is_file():
            out.append(
                Ditemukan(
                    dok,
                    e,
                    kurang=(
                        f"{dok.judul} {_which(e)} tercatat di jurnal, tetapi "
                        f"file {src.name} tidak ada lagi di {src.parent}: kembalikan file itu, "
                        f"atau jalankan {dok.perintah}"
                    ),
                )
            )
            continue
        found = Ditemukan(dok, e, files=[(src, src.suffix.lower())])
        found.diubah = bool(e.get("sha256")) and sha256_file(src) != e.get("sha256")
        pdf = Path(str(e.get("pdf") or "")) if e.get("pdf") else src.with_suffix(".pdf")
        if pdf.is_file():
            found.files.append((pdf, ".pdf"))
        out.append(found)
    return out


# ---------------------------------------------------------------------------
# the package


def _reserve_folder(parent: Path, stem: str) -> tuple[int, Path]:
    """The next ``<stem>_v<N>`` folder (after every such folder or zip), created at once."""
    parent.mkdir(parents=True, exist_ok=True)
    pattern = re.compile(re.escape(stem) + r"_v(\d+)(\.zip)?$")
    seen = [int(m.group(1)) for p in parent.iterdir() if (m := pattern.match(p.name))]
    n = max(seen, default=0) + 1
    while True:
        path = parent / f"{stem}_v{n}"
        if not path.with_suffix(".zip").exists():
            try:
                path.mkdir()
            except FileExistsError:
                pass
            else:
                return n, path
        n += 1


def _zip(folder: Path) -> Path:
    target = folder.with_name(folder.name + ".zip")
    fd, tmp = tempfile.mkstemp(suffix=".zip", dir=folder.parent, prefix=".lkjip-")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(folder.iterdir()):
                z.write(p, f"{folder.name}/{p.name}")
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _ukuran_rows(found: Any, opd: str, kode_opd: str) -> list[dict[str, Any]]:
    """IKM and Nilai SAKIP rows: the report year's from the model's IKM/SAKIP indicator (else
    the SKM / SAKIP sheet figure the model reads), earlier years' Nilai SAKIP from the SAKIP
    sheet."""
    from lkjip_xl.domain import sakip as sakip_engine
    from lkjip_xl.domain.ikm import classify_ikm
    from lkjip_xl.domain.numbers import round_half_up

    profile = found.profile
    tahun = profile.tahun
    base = {"opd": opd, "kode_opd": kode_opd or None, "tahun": tahun}
    rows: list[dict[str, Any]] = []
    figs = found.kinerja.indikator
    ikm_fig = next((f for f in figs if f.jenis == "IKM" and f.realisasi is not None), None)
    if ikm_fig is not None or found.ikm is not None:
        if ikm_fig is not None:
            nilai = round_half_up(ikm_fig.realisasi, 2)
            sumber = f"{ikm_fig.sumber_realisasi} (indikator {ikm_fig.kode})"
        else:
            nilai = round_half_up(found.ikm.ikm, 2)
            sumber = "hasil olah SKM"
        mutu, kinerja = classify_ikm(nilai, profile.aturan.ikm_regulasi)
        rows.append(
            base
            | {
                "ukuran": "IKM",
                "tahun_nilai": tahun,
                "nilai": nilai,
                "predikat": mutu,
                "keterangan": kinerja,
                "sumber": sumber,
            }
        )
    sakip_fig = next((f for f in figs if f.jenis == "SAKIP" and f.realisasi is not None), None)
    by_year = {s.tahun: s for s in found.sakip if s.nilai is not None}
    years = sorted({*by_year, *([tahun] if sakip_fig is not None else [])}, reverse=True)
    for y in years:
        if y > tahun:
            continue
        if y == tahun and sakip_fig is not None:
            nilai = round_half_up(sakip_fig.realisasi, 2)
            sumber = f"{sakip_fig.sumber_realisasi} (indikator {sakip_fig.kode})"
        else:
            nilai = round_half_up(by_year[y].nilai, 2)
            sumber = f"LHE SAKIP ({by_year[y].sel})"
        predikat, arti = sakip_engine.predikat(nilai)
        rows.append(
            base
            | {
                "ukuran": "Nilai SAKIP",
                "tahun_nilai": y,
                "nilai": nilai,
                "predikat": predikat,
                "keterangan": arti,
                "sumber": sumber,
            }
        )
    return rows


def _daftar_isi(
    title: str,
    dibuat: dt.datetime,
    copied: list[tuple[str, Ditemukan, Path]],
    data_name: str,
    kurang: list[str],
    diubah: list[str],
) -> str:
    lines = [title, f"Dibuat: {dibuat:%d/%m/%Y %H.%M}", "", "Berkas dalam paket:"]
    for name, f, src in copied:
        versi = f" versi {f.versi}" if f.versi else ""
        nomor = f", nomor {f.event.get('nomor')}" if f.event and f.event.get("nomor") else ""
        asal = (
            f"PDF dibuat dari {Path(name).with_suffix('.docx').name} saat paket dibuat"
            if src.name == name
            else f"asal {src.name}"
        )
        lines.append(
            f"- {name}: {f.dokumen.judul}{versi}{nomor} ({asal}; SHA-256 {sha256_file(src)})"
        )
    lines.append(
        f"- {data_name}: data kinerja per indikator, IKM dan Nilai SAKIP (dapat dibaca mesin; "
        "penjelasan kolom di sheet Keterangan Kolom)"
    )
    lines += ["", "Belum ada:"] + ([f"- {k}" for k in kurang] or ["- (lengkap)"])
    if diubah:
        lines += ["", "Diubah setelah dibuat (SHA-256 berbeda dari jurnal; tetap disertakan):"]
        lines += [f"- {d}" for d in diubah]
    return "\n".join(lines) + "\n"


def _make_pdfs(folder: Path, copied: list[tuple[str, Ditemukan, Path]]) -> list[str]:
    """A PDF beside every copied .docx that came without one; warnings when none can be made."""
    from lkjip_xl.report.pdf import to_pdf

    have = {name for name, _f, _src in copied}
    for name, dok, _src in list(copied):
        if not name.endswith(".docx") or name[:-5] + ".pdf" in have:
            continue
        docx = folder / name
        try:
            pdf = to_pdf(docx, docx.with_suffix(".pdf"))
        except LkjipError as exc:
            return [f"PDF dokumen paket tidak dapat dibuat: {exc.pesan}"]
        copied.append((pdf.name, dok, pdf))
    return []


def make_paket(gw: Gateway, out: Path | None = None, *, pdf: bool = False) -> ActionResult:
    """Write the next package folder and its .zip for the workbook's year (with ``pdf``: a PDF
    of every document that has none, made with Word or LibreOffice)."""
    from lkjip_xl.actions import kinerja as kinerja_action
    from lkjip_xl.report import paket_xlsx as X

    found = kinerja_action.gather(gw)
    profile = found.profile
    tahun = profile.tahun
    if not found.kinerja.indikator:
        raise LkjipError(
            "Sheet Format Data belum berisi indikator: paket data kinerja tidak dapat dibuat. "
            "Isi indikator dan targetnya di Format Data."
        )
    journal = Journal(gw.workspace.journal)
    docs = find_documents(journal, tahun)
    parent = Path(out) if out is not None else gw.workspace.outputs
    stem = f"Paket_SAKIP_{profile.opd_singkat}_{tahun}"
    versi, folder = _reserve_folder(parent, stem)
    now = clock.local_naive()
    try:
        copied: list[tuple[str, Ditemukan, Path]] = []
        for f in docs:
            for src, suffix in f.files:
                name = D.document_name(f.dokumen, tahun, suffix)
                shutil.copy2(src, folder / name)
                copied.append((name, f, src))
        pdf_notes = _make_pdfs(folder, copied) if pdf else []
        kode_opd = profile.kode_unit
        indikator = D.indikator_rows(
            found.kinerja.indikator,
            opd=profile.opd,
            kode_opd=kode_opd,
            tahun=tahun,
            rumus_turun=profile.aturan.capaian_turun,
            batas_atas=profile.aturan.capaian_batas_atas,
            rencana=_rencana(gw),
            triwulan=model_quarters(found.kinerja),
        )
        ukuran = _ukuran_rows(found, profile.opd, kode_opd)
        data_name = D.data_file_name(profile.opd_singkat, tahun)
        X.write_data(
            folder / data_name,
            indikator=indikator,
            ukuran=ukuran,
            info=[
                ("Format", D.FORMAT_ID),
                ("Versi Format", D.FORMAT_VERSI),
                ("OPD", profile.opd),
                ("Kode OPD", kode_opd),
                ("Tahun", tahun),
                ("Paket Versi", versi),
                ("Dibuat", now.strftime("%d/%m/%Y %H.%M")),
                ("Workbook Asal", gw.path.name),
            ],
        )
        kurang = [f.kurang for f in docs if f.kurang]
        diubah = [
            f"{D.document_name(f.dokumen, tahun, f.files[0][1])} ({f.files[0][0].name})"
            for f in docs
            if f.diubah
        ]
        title = f"Paket SAKIP {profile.opd} tahun {tahun} (versi {versi})"
        (folder / DAFTAR_ISI).write_text(
            _daftar_isi(title, now, copied, data_name, kurang, diubah), encoding="utf-8"
        )
        archive = _zip(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    files = sorted(folder.iterdir())
    journal.append(
        EV_PAKET,
        tahun=tahun,
        versi=versi,
        folder=str(folder.resolve()),
        zip=str(archive.resolve()),
        zip_sha256=sha256_file(archive),
        files=[{"file": p.name, "sha256": sha256_file(p)} for p in files],
        kurang=[f.dokumen.kunci for f in docs if f.kurang],
    )
    gw.log(
        "Buat paket SAKIP",
        f"{folder.name} ({len(files)} berkas); belum ada: "
        + (", ".join(f.dokumen.judul for f in docs if f.kurang) or "-"),
    )
    warnings = [*kurang, *pdf_notes]
    warnings += [
        f"{d} sudah diubah sejak dibuat (SHA-256 berbeda dari jurnal); tetap disertakan, "
        "periksa isinya."
        for d in diubah
    ]
    n_docs = sum(1 for f in docs if not f.kurang)
    pesan = (
        f"Paket SAKIP {profile.opd} tahun {tahun} versi {versi} ditulis: {folder} dan "
        f"{archive.name}. {n_docs} dari {len(docs)} dokumen, ditambah {data_name} "
        f"({len(indikator)} indikator)."
        + (f" {len(kurang)} dokumen belum ada (lihat {DAFTAR_ISI})." if kurang else "")
    )
    return ActionResult(
        pesan,
        files=[folder, archive],
        data={
            "folder": str(folder),
            "zip": str(archive),
            "versi": versi,
            "data": str(folder / data_name),
            "berkas": [p.name for p in files],
            "kurang": [{"dokumen": f.dokumen.kunci, "pesan": f.kurang} for f in docs if f.kurang],
            "diubah": diubah,
        },
        peringatan=warnings,
    )
