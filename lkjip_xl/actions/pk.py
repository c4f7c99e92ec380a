"""Action: the year's Perjanjian Kinerja (``lkjip pk``; issue 22).

Reads the workbook once (the one model's indicators, the officials, the budget's programs),
builds every PK (:func:`lkjip_xl.domain.pk.perjanjian_tahun`) and writes them as one Word file,
a new version each time (``PK_<opd>_<tahun>_v<N>.docx`` in ``keluaran/``). A *PK perubahan*
(``perubahan=True``, with a reason) needs an earlier version, which is copied byte for byte
into ``arsip/<tahun>/Perjanjian_Kinerja/``. The signing date is written in the document, the
journal (event ``pk_dibuat``) and the Log sheet; Persiapan notes a date later than one month
after the DPA (check ``pk_dpa``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult, reserve_version
from lkjip_xl.errors import LkjipError
from lkjip_xl.files import sha256_file
from lkjip_xl.journal import Journal
from lkjip_xl.workbook.gateway import Gateway

__all__ = ["EV_PK", "EV_PK_ARSIP", "latest_pk", "make_pk"]

EV_PK = "pk_dibuat"
EV_PK_ARSIP = "pk_diarsipkan"
ARCHIVE_FOLDER = "Perjanjian_Kinerja"


def _journal(gw: Gateway) -> Journal:
    return Journal(gw.workspace.journal)


def pk_events(journal: Journal, tahun: int) -> list[dict[str, Any]]:
    """The PK versions made for report year ``tahun``, oldest first."""
    return [e for e in journal.events(EV_PK) if e.get("tahun") == tahun]


def latest_pk(gw: Gateway, tahun: int) -> dict[str, Any] | None:
    """The newest PK version of ``tahun`` (journal event), or None."""
    events = pk_events(_journal(gw), tahun)
    return events[-1] if events else None


def signing_date(gw: Gateway, tahun: int) -> dt.date | None:
    """Signing date of the newest PK of ``tahun`` (for Persiapan), or None."""
    event = latest_pk(gw, tahun)
    if event is None:
        return None
    try:
        return dt.date.fromisoformat(str(event.get("tanggal")))
    except ValueError:
        return None


def _template(gw: Gateway) -> Path:
    """A staff-edited ``templates/pk_template.docx`` beside the workbook, else the committed
    one, else one generated on the spot (cached by the generator's source)."""
    from lkjip_xl.report import docxkit, pk_table
    from lkjip_xl.report import pk as R
    from lkjip_xl.report import templates as T

    for folder in (gw.workspace.root / "templates", T.TEMPLATE_DIR):
        if (folder / R.PK_TEMPLATE).exists():
            return folder / R.PK_TEMPLATE
    source = b"".join(Path(m.__file__).read_bytes() for m in (R, T, docxkit, pk_table))
    cache = (
        Path(tempfile.gettempdir()) / "lkjip_templates" / hashlib.sha256(source).hexdigest()[:16]
    )
    if not (cache / R.PK_TEMPLATE).exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{os.getpid()}-{R.PK_TEMPLATE}"
        R.build_pk_template(tmp)
        os.replace(tmp, cache / R.PK_TEMPLATE)
    return cache / R.PK_TEMPLATE


def _programs(gw: Gateway, warnings: list[str]) -> list[Any]:
    """The budget's programs (Tingkat Program; every row when none is marked Program)."""
    from lkjip_xl.domain.numbers import parse_number
    from lkjip_xl.domain.pk import Program
    from lkjip_xl.workbook import schema as S

    rows = [r for r in gw.read_rows(S.ANGGARAN_T) if str(r.get("nama") or "").strip()]
    programs = [r for r in rows if str(r.get("tingkat") or "").strip() == "Program"] or rows
    out = []
    for r in programs:
        nama = str(r["nama"]).strip()
        try:
            pagu = parse_number(r.get("pagu"))
        except ValueError as exc:
            warnings.append(f"Anggaran '{nama}' pagu: {exc} Nilai ini tidak dipakai.")
            pagu = None
        out.append(Program(nama=nama, anggaran=pagu, kode=str(r.get("kode") or "").strip()))
    if not out:
        warnings.append(
            "Sheet Anggaran belum berisi program: lampiran PK Camat tanpa tabel program dan "
            "anggaran. Isi Program/Kegiatan dan Pagu di sheet Anggaran."
        )
    return out


def _archive_previous(gw: Gateway, previous: dict[str, Any], tahun: int) -> tuple[Path | None, str]:
    """Copy the earlier version into the archive; (copy or None, warning or "")."""
    src = Path(str(previous.get("file", "")))
    if not src.is_file():
        return None, (
            f"PK versi {previous.get('versi')} ({src.name}) tidak ditemukan lagi di {src.parent}; "
            "tidak dapat diarsipkan. Simpan salinan yang sudah ditandatangani di arsip."
        )
    folder = gw.workspace.archive(tahun) / ARCHIVE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / src.name
    if not dst.exists():
        shutil.copy2(src, dst)
    note = ""
    if sha256_file(src) != previous.get("sha256"):
        note = (
            f"{src.name} sudah diubah sejak dibuat (SHA-256 berbeda); yang diarsipkan adalah "
            "isi file saat ini."
        )
    return dst, note


def make_pk(
    gw: Gateway,
    out: Path | None = None,
    *,
    tanggal: dt.date | None = None,
    perubahan: bool = False,
    alasan: str = "",
) -> ActionResult:
    """Write the next version of the year's Perjanjian Kinerja (every PK in one .docx)."""
    from lkjip_xl.actions import kinerja as kinerja_action
    from lkjip_xl.domain.pk import batas_pk, perjanjian_tahun, terlambat
    from lkjip_xl.report import pk as R

    if perubahan and not alasan.strip():
        raise LkjipError(
            'Alasan wajib diisi untuk PK perubahan (--perubahan --alasan "..."), mis. '
            '"pergantian Camat" atau "APBD Perubahan"; alasan dicatat di sheet Log.'
        )
    found = kinerja_action.gather(gw)
    profile = found.profile
    tahun = profile.tahun
    journal = _journal(gw)
    earlier = pk_events(journal, tahun)
    if perubahan and not earlier:
        raise LkjipError(
            f"Belum ada Perjanjian Kinerja tahun {tahun} yang dapat diubah. Buat PK pertama "
            "dulu dengan 'lkjip pk' (tanpa --perubahan)."
        )
    if not found.kinerja.indikator:
        raise LkjipError(
            "Sheet Format Data belum berisi indikator: Perjanjian Kinerja tidak dapat dibuat. "
            "Isi Sasaran, Indikator, Satuan, Target dan Penanggung Jawab di Format Data."
        )
    warnings: list[str] = []
    missing_target = [r.kode or str(r.no) for r in found.kinerja.indikator if r.target is None]
    if missing_target:
        warnings.append(
            f"Target belum diisi untuk {', '.join(missing_target)} (Format Data, kolom Target); "
            "di PK tertulis '-'."
        )
    programs = _programs(gw, warnings)
    daftar, notes = perjanjian_tahun(profile, found.kinerja.indikator, programs)
    warnings += notes
    for pk in daftar:
        warnings += pk.catatan
    day = tanggal or clock.today()
    if day.year not in (tahun, tahun - 1):
        warnings.append(
            f"Tanggal PK {day:%d/%m/%Y} di luar tahun kinerja {tahun}; periksa --tanggal atau "
            "Tahun kinerja di Pengaturan."
        )
    if terlambat(profile.tanggal_dpa, day):
        assert profile.tanggal_dpa is not None
        warnings.append(
            f"PK ditandatangani {day:%d/%m/%Y}, lebih dari sebulan setelah DPA "
            f"{profile.tanggal_dpa:%d/%m/%Y} (batas {batas_pk(profile.tanggal_dpa):%d/%m/%Y}); "
            "Persiapan mencatatnya."
        )
    previous = earlier[-1] if earlier else None
    folder = Path(out) if out is not None else gw.workspace.outputs
    stem = f"PK_{profile.opd_singkat}_{tahun}"
    versi, path = reserve_version(folder, stem, (int(e.get("versi", 0)) for e in earlier))
    data = R.PkDocument(
        opd=profile.opd,
        pemerintah=profile.pemerintah,
        kota=profile.kota,
        tahun=tahun,
        tanggal=day,
        perjanjian=daftar,
        versi=versi,
        perubahan=perubahan,
        alasan=alasan.strip(),
        versi_sebelumnya=int(previous["versi"]) if perubahan and previous else None,
    )
    try:
        R.render_pk(data, _template(gw), path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    archived: Path | None = None
    if perubahan and previous is not None:
        archived, note = _archive_previous(gw, previous, tahun)
        if note:
            warnings.append(note)
        if archived is not None:
            journal.append(
                EV_PK_ARSIP,
                tahun=tahun,
                versi=previous.get("versi"),
                file=str(archived.resolve()),
                sha256=sha256_file(archived),
            )
    digest = sha256_file(path)
    journal.append(
        EV_PK,
        tahun=tahun,
        versi=versi,
        tanggal=day.isoformat(),
        perubahan=perubahan,
        alasan=alasan.strip(),
        jumlah=len(daftar),
        file=str(path.resolve()),
        sha256=digest,
    )
    jenis = "PK perubahan" if perubahan else "PK"
    gw.log(
        "Buat Perjanjian Kinerja",
        f"{path.name} ({jenis} versi {versi}, {len(daftar)} perjanjian), tanggal "
        f"penandatanganan {day:%d/%m/%Y}"
        + (f". Alasan perubahan: {alasan.strip()}" if perubahan else "")
        + (f". Versi {previous.get('versi')} diarsipkan: {archived}" if archived else ""),
    )
    pihak = ", ".join(pk.pertama.jabatan for pk in daftar)
    pesan = (
        f"Perjanjian Kinerja {profile.opd} tahun {tahun} versi {versi}"
        + (" (perubahan)" if perubahan else "")
        + f" ditulis: {path.name}. {len(daftar)} perjanjian ({pihak}), tanggal "
        f"{day:%d/%m/%Y}."
        + (f" Versi {previous.get('versi')} disimpan di arsip." if archived else "")
    )
    if previous is not None and not perubahan:
        warnings.append(
            f"PK versi {previous.get('versi')} sudah ada; versi {versi} dibuat tanpa tanda "
            "perubahan. Bila PK lama sudah ditandatangani, pakai --perubahan --alasan."
        )
    return ActionResult(
        pesan,
        files=[path],
        data={
            "file": str(path),
            "versi": versi,
            "perubahan": perubahan,
            "tanggal": day.isoformat(),
            "perjanjian": [
                {
                    "pihak_pertama": pk.pertama.jabatan,
                    "pihak_kedua": pk.kedua.jabatan,
                    "indikator": [r.kode for r in pk.indikator],
                    "program": len(pk.program),
                }
                for pk in daftar
            ],
            "arsip": str(archived) if archived else None,
            "sha256": digest,
        },
        peringatan=warnings,
    )
