"""Actions for SOP steps 4–8: the LKjIP document, the cover letter, and the archive.

The caller owns the workbook transaction (CLI: ``with open_workbook(path, write=True)``;
ribbon: the live book). Files go to the workspace's ``keluaran/`` folder unless ``out``
is given; every report generation is a new version file (``_v1``, ``_v2`` …), never an
overwrite. Journal events: ``laporan_dibuat`` (versi, tahap, file, sha256, pdf),
the letter events of :mod:`lkjip_xl.report.letter`, and ``arsip``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
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

__all__ = [
    "EV_ARSIP",
    "EV_LAPORAN",
    "archive",
    "make_letter",
    "make_report",
    "rebuild_register",
    "void_letter",
]

EV_LAPORAN = "laporan_dibuat"
EV_ARSIP = "arsip"

_TAHAP_TEXT = {
    "draft": "draf, bertanda DRAF",
    "koreksi": "terkoreksi, bertanda TERKOREKSI",
    "final": "final, tanpa tanda",
}


def _template(gw: Gateway, name: str) -> Path:
    """The Word template to render: a staff-edited copy in ``templates/`` beside the workbook,
    else the committed one, else one generated on the spot (an installed package without the
    repository's ``templates/`` folder)."""
    from lkjip_xl.report import templates as T

    for folder in (gw.workspace.root / "templates", T.TEMPLATE_DIR):
        if (folder / name).exists():
            return folder / name
    # The cache is keyed by the generator's own source, so an upgraded package never renders
    # with a template an older version generated.
    from lkjip_xl.report import docxkit

    source = Path(T.__file__).read_bytes() + Path(docxkit.__file__).read_bytes()
    cache = (
        Path(tempfile.gettempdir()) / "lkjip_templates" / hashlib.sha256(source).hexdigest()[:16]
    )
    if not (cache / name).exists():
        build = T.build_report_template if name == T.REPORT_TEMPLATE else T.build_letter_template
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{os.getpid()}-{name}"
        build(tmp)
        os.replace(tmp, cache / name)
    return cache / name


def _logo(gw: Gateway) -> Path | None:
    """The office's logo for the cover and the kop: the file named by the ``logo`` setting
    (relative to the workbook's folder), else ``logo.png`` / ``logo.jpg`` beside the workbook.

    A named file that does not exist or is not a PNG/JPEG image is refused with the fix.
    """
    named = gw.profile().logo.strip()
    if named:
        p = Path(named)
        p = p if p.is_absolute() else gw.workspace.root / p
        if not p.is_file():
            raise LkjipError(
                f"File logo '{named}' (isian Logo kantor di sheet Pengaturan) tidak ditemukan "
                f"di {p.parent}. Letakkan file logo di folder workbook atau kosongkan isian "
                "Logo kantor."
            )
        with open(p, "rb") as fh:
            head = fh.read(8)
        if not (head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8")):
            raise LkjipError(
                f"File logo '{named}' bukan gambar PNG atau JPEG. Simpan logo sebagai .png "
                "atau .jpg lalu tulis namanya pada isian Logo kantor di sheet Pengaturan."
            )
        return p
    for name in ("logo.png", "logo.jpg", "logo.jpeg"):
        p = gw.workspace.root / name
        if p.exists():
            return p
    return None


def _paginate(path: Path) -> str:
    """Page numbers into the TOC of the .docx as saved (LibreOffice), or why not.

    ``LKJIP_TANPA_HALAMAN=1`` skips it (the test suite sets it; Word's update prompt stays).
    """
    from lkjip_xl.report.pagination import UPDATE_PROMPT, paginate

    if os.environ.get("LKJIP_TANPA_HALAMAN", "").strip() not in ("", "0"):
        return UPDATE_PROMPT.format(alasan="")
    return paginate(path).pesan


def _journal(gw: Gateway) -> Journal:
    return Journal(gw.workspace.journal)


def _sync_register(gw: Gateway, journal: Journal) -> list[dict[str, Any]]:
    """Numbers typed into Register Surat by hand go into the journal; the sheet is rewritten."""
    from lkjip_xl.report import letter as L
    from lkjip_xl.workbook import schema as S

    rows = L.sync_register(gw.read_rows(S.REGISTER_T), gw.profile(), journal)
    gw.write_rows(S.REGISTER_T, rows)
    return rows


def _as_written(path: Path, journal: Journal) -> bool:
    """Whether ``path`` is byte for byte a version this command wrote (the journal keeps each
    version's SHA-256): nothing was edited in Word since, so there is nothing to take back."""
    want = str(path.resolve())
    made = [e for e in journal.events(EV_LAPORAN) if e.get("file") == want and e.get("sha256")]
    return bool(made) and sha256_file(path) == made[-1]["sha256"]


def _reserve_version(folder: Path, stem: str, journal: Journal) -> tuple[int, Path]:
    """The next free version file ``<stem>_v<N>.docx`` of this report."""
    return reserve_version(
        folder,
        stem,
        (
            int(e.get("versi", 0))
            for e in journal.events(EV_LAPORAN)
            if Path(str(e.get("file", ""))).name.startswith(stem + "_v")
        ),
    )


def _issued_letters(journal: Journal, tahun: int) -> list[dict[str, Any]]:
    """Letter events of the report year whose number is still in use (not voided)."""
    from lkjip_xl.report import letter as L

    status = {n.nomor: n.status for n in L.letter_numbers(journal)}
    return [
        e
        for e in journal.events(L.EV_DIBUAT)
        if e.get("tahun_laporan") == tahun and status.get(e.get("nomor")) == "Terpakai"
    ]


def _final_gates(
    gw: Gateway,
    tahapan: list[dict[str, Any]],
    journal: Journal,
    tahun: int,
    paksa: bool,
    alasan: str,
) -> tuple[list[Any], list[str]]:
    """Refuse a final before steps 6 and 7 are recorded (unless forced with a reason: the
    missing steps are returned, to be logged DIPAKSA with the rest), and a new final after a
    letter was issued for an earlier one (unless a reason is given). Returns (what was
    forced, notes for the user)."""
    from lkjip_xl.errors import CellProblem
    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.cells import col_letter

    notes: list[str] = []
    done = {int(r["no"]) for r in tahapan if r.get("selesai")}
    missing = [n for n in (6, 7) if n not in done]
    if missing:
        col = col_letter(S.TAHAPAN_T.col_index("selesai"))
        problems = [
            CellProblem(
                f"Langkah {n} belum dicatat selesai.",
                f"Catat dengan Selesai Langkah {n} setelah "
                + ("persetujuan Camat." if n == 6 else "Camat menandatangani dokumen."),
                gw.path.name,
                S.TAHAPAN,
                f"{col}{S.TAHAPAN_T.header_row + n}",
            )
            for n in missing
        ]
        if not paksa:
            raise LkjipError(
                f"Versi final LKjIP tahun {tahun} belum dapat dibuat: persetujuan dan tanda "
                "tangan Camat (langkah 6 dan 7) belum dicatat. Dalam keadaan darurat: --paksa "
                '--alasan "...".',
                problems,
            )
        forced = problems
    else:
        forced = []
    letters = _issued_letters(journal, tahun)
    if letters:
        last = letters[-1]
        versi = last.get("laporan_versi")
        if not alasan.strip():
            row = next(
                (
                    r
                    for r in gw.read_rows(S.REGISTER_T)
                    if str(r.get("nomor") or "").strip() == last.get("nomor")
                ),
                None,
            )
            raise LkjipError(
                f"Surat pengantar nomor {last.get('nomor')} sudah dibuat untuk LKjIP tahun "
                f"{tahun}" + (f" versi {versi}" if versi else "") + "; versi final baru akan "
                "berbeda dengan dokumen yang sudah dikirim.",
                [
                    CellProblem(
                        "Versi final baru setelah surat pengantar perlu alasan.",
                        'Tulis alasannya: lkjip report --tahap final --alasan "..." (dicatat '
                        "di Log dan Register Surat); atau batalkan dulu nomor surat itu.",
                        gw.path.name,
                        S.REGISTER,
                        f"{col_letter(S.REGISTER_T.col_index('keterangan'))}{row['_row']}"
                        if row
                        else "",
                    )
                ],
            )
        notes.append(
            f"Surat pengantar {last.get('nomor')} merujuk versi final {versi or 'sebelumnya'}; "
            f"versi final baru dibuat dengan alasan: {alasan.strip()}."
        )
    return forced, notes


def _log_after_letter(gw: Gateway, journal: Journal, tahun: int, versi: int, alasan: str) -> None:
    """Record a final made after a letter: the Log says why, the register says which."""
    from lkjip_xl.report import letter as L

    letters = _issued_letters(journal, tahun)
    if not letters:
        return
    last = letters[-1]
    journal.append(L.EV_LAPORAN_LATER, nomor=last.get("nomor"), versi=versi, alasan=alasan.strip())
    gw.log(
        "Versi final setelah surat pengantar",
        f"Versi {versi} dibuat setelah surat {last.get('nomor')} (merujuk versi "
        f"{last.get('laporan_versi') or '?'}). Alasan: {alasan.strip()}",
    )
    _sync_register(gw, journal)


def make_report(
    gw: Gateway,
    out: Path | None = None,
    pdf: bool = False,
    *,
    tahap: str | None = None,
    tanggal: dt.date | None = None,
    paksa: bool = False,
    alasan: str = "",
    pakai: str | None = None,
) -> ActionResult:
    """Write the next version of the LKjIP (docx, and PDF when asked and possible).

    ``tahap`` (``draft``/``koreksi``/``final``) overrides the stage read from the SOP steps:
    draft until step 5 is finished ("DRAF" in the header), corrected after step 5
    ("TERKOREKSI"), final after step 7 (no mark).

    First the narratives edited in Word in the newest existing version of this workbook (any
    file name: :func:`lkjip_xl.actions.narasi.latest_version`) are written back into the
    workbook (same transaction); a slot changed in the workbook too stops the report until
    ``pakai`` (``word``/``workbook``) says which text wins. A final version is refused while
    something is missing (:func:`lkjip_xl.actions.narasi.final_problems`) unless ``paksa``
    with an ``alasan``, which is written to the Log sheet.
    """
    from lkjip_xl.actions import narasi, report_data
    from lkjip_xl.report import render
    from lkjip_xl.report.slots import read_document
    from lkjip_xl.report.templates import REPORT_TEMPLATE

    if paksa and not alasan.strip():
        raise LkjipError(
            'Alasan wajib diisi untuk memaksa versi final (--paksa --alasan "..."); alasan '
            "dicatat di sheet Log."
        )
    folder = Path(out) if out is not None else gw.workspace.outputs
    previous = narasi.latest_version(gw, folder)
    taken = None
    if previous is not None and not _as_written(previous, _journal(gw)):
        taken = narasi.take_back(gw, previous, pakai=pakai)
    data = report_data.gather(gw, tahap=tahap, tanggal=tanggal)  # type: ignore[arg-type]
    profile = data.profile
    journal = _journal(gw)
    gate_notes: list[str] = []
    forced: list[Any] = []
    if data.tahap == "final":
        forced, gate_notes = _final_gates(gw, data.tahapan, journal, profile.tahun, paksa, alasan)
    stem = f"LKjIP_{profile.opd_singkat}_{profile.tahun}"
    versi, path = _reserve_version(folder, stem, journal)
    try:
        render.render_report(
            data,
            _template(gw, REPORT_TEMPLATE),
            path,
            logo=_logo(gw),
            workbook=narasi.workbook_id(gw),
            versi=versi,
            cache=gw.workspace.cache,
        )
        problems = []
        if data.tahap == "final":
            slots = {s.key: (s.text, s.wajib) for s in read_document(path).slots}
            problems = forced + narasi.final_problems(gw, data, slots)
        if problems and not paksa:
            raise LkjipError(
                f"Versi final LKjIP tahun {profile.tahun} belum dapat dibuat: masih ada "
                f"{len(problems)} hal yang harus dilengkapi. Isi setiap sel yang disebut, lalu "
                "buat laporan lagi (dalam keadaan darurat: --paksa --alasan).",
                problems,
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    halaman = _paginate(path)
    files = [path]
    lines = taken.lines() if taken is not None else []
    diambil = [ln for ln in lines if ln.startswith("Diambil dari")]
    peringatan = [ln for ln in lines if not ln.startswith("Diambil dari")]
    if problems:
        listed = "; ".join(
            f"{p.sheet} {p.cell}: {p.pesan}".strip() if p.sheet else p.pesan for p in problems
        )
        gw.log(
            "Versi final dipaksa",
            f"{path.name} dibuat final walaupun belum lengkap. Alasan: {alasan.strip()}. "
            f"Belum lengkap ({len(problems)}): {listed}",
            hasil="DIPAKSA",
        )
        peringatan.append(
            f"Versi final dipaksa dengan {len(problems)} hal belum lengkap (alasan: "
            f"{alasan.strip()}); catatannya ada di sheet Log."
        )
    peringatan += gate_notes
    peringatan += list(data.peringatan)
    pdf_path: Path | None = None
    if pdf:
        from lkjip_xl.report.pdf import to_pdf

        try:
            pdf_path = to_pdf(path)
            files.append(pdf_path)
        except LkjipError as exc:
            peringatan.append(exc.pesan)
    digest = sha256_file(path)
    journal.append(
        EV_LAPORAN,
        versi=versi,
        tahap=data.tahap,
        tahun=profile.tahun,
        file=str(path.resolve()),
        sha256=digest,
        pdf=str(pdf_path.resolve()) if pdf_path else "",
    )
    pesan = (
        f"LKjIP {profile.opd} tahun {profile.tahun} versi {versi} ({_TAHAP_TEXT[data.tahap]}) "
        f"ditulis: {path.name}"
        + (f" dan {pdf_path.name}" if pdf_path else "")
        + f". Tahap: {data.tahap_sumber}."
        + (f" {halaman}" if halaman else "")
        + (f" Narasi Word dibaca dari {previous.name}." if previous is not None else "")
        + "".join(f" {ln}" for ln in diambil)
    )
    gw.log("Buat LKjIP", f"{path.name} (versi {versi}, {data.tahap})")
    if data.tahap == "final":
        _log_after_letter(gw, journal, profile.tahun, versi, alasan)
        for r in data.indikator:
            if r.sumber == "koreksi":
                gw.log(
                    "Koreksi realisasi dipakai",
                    f"{r.kode}: {r.realisasi:g} ({r.sumber_sel}) dalam {path.name}. "
                    f"Alasan: {r.alasan_koreksi}",
                )
    met = sum(1 for r in data.indikator if r.tercapai)
    return ActionResult(
        pesan,
        files=files,
        data={
            "file": str(path),
            "pdf": str(pdf_path) if pdf_path else None,
            "versi": versi,
            "tahap": data.tahap,
            "sha256": digest,
            "indikator": len(data.indikator),
            "tercapai": met,
            "ikm": data.ikm.ikm if data.ikm else None,
            "narasi_diambil": [k for k, _s, _c in taken.taken] if taken else [],
            "dipaksa": bool(problems),
        },
        peringatan=peringatan,
    )


def make_letter(
    gw: Gateway,
    out: Path | None = None,
    *,
    hal: str | None = None,
    lampiran: int = 1,
    sifat: str = "Biasa",
    tujuan: str | None = None,
    tanggal: dt.date | None = None,
    baru: bool = False,
) -> ActionResult:
    """Reserve the next letter number and write the surat pengantar.

    Refused before a final version of the year's LKjIP exists, and when a letter for the year
    was already issued (its number not voided) unless ``baru``. If writing the document fails
    the reserved number is marked Batal (never reissued).
    """
    from lkjip_xl.report import letter as L
    from lkjip_xl.report.templates import LETTER_TEMPLATE

    if lampiran < 0:
        raise LkjipError("Jumlah lampiran tidak boleh negatif.")
    profile = gw.profile()
    L.signatory(profile)  # fail before reserving a number when an official is missing
    logo = _logo(gw)  # (and when the logo setting names a missing file)
    journal = _journal(gw)
    reports = [e for e in journal.events(EV_LAPORAN) if e.get("tahun") == profile.tahun]
    if _latest(reports, tahap="final") is None:
        raise LkjipError(
            f"Surat pengantar belum dapat dibuat: belum ada LKjIP tahun {profile.tahun} versi "
            "final. Selesaikan langkah 7 (penandatanganan Camat), lalu buat versi final "
            "(tombol Dokumen Final atau 'lkjip report')."
        )
    if not baru:
        issued = _issued_letters(journal, profile.tahun)
        if issued:
            raise LkjipError(
                f"Surat pengantar LKjIP tahun {profile.tahun} sudah dibuat dengan nomor "
                f"{issued[-1]['nomor']}. Surat kedua untuk tahun yang sama hanya dibuat dengan "
                "pilihan --baru; bila surat itu tidak jadi dipakai, batalkan dulu nomornya "
                "(Batalkan Nomor Surat atau 'lkjip letter --batal NOMOR --alasan ...')."
            )
    _sync_register(gw, journal)
    number = L.reserve_number(
        journal,
        profile,
        tanggal=tanggal or clock.today(),
        hal=hal or L.default_hal(profile),
        tujuan=tujuan or profile.tujuan_surat,
    )
    folder = Path(out) if out is not None else gw.workspace.outputs
    safe = re.sub(r"[^0-9A-Za-z]+", "-", number.nomor).strip("-")
    path = folder / f"Surat_Pengantar_LKjIP_{profile.opd_singkat}_{profile.tahun}_{safe}.docx"
    try:
        ctx = L.letter_context(profile, number, lampiran=lampiran, sifat=sifat)

        def build(tpl: Any) -> dict[str, Any]:
            if logo is None:
                return ctx
            from docx.shared import Cm
            from docxtpl import InlineImage

            return {**ctx, "logo": InlineImage(tpl, str(logo), height=Cm(2.2))}

        ctx.setdefault("logo", "")
        L.render_letter(_template(gw, LETTER_TEMPLATE), build, path)
    except BaseException as exc:
        path.unlink(missing_ok=True)
        L.void_number(journal, number.nomor, f"gagal membuat dokumen surat ({type(exc).__name__})")
        _sync_register(gw, journal)
        raise
    digest = sha256_file(path)
    final = _latest(reports, tahap="final")
    journal.append(
        L.EV_DIBUAT,
        nomor=number.nomor,
        file=str(path.resolve()),
        sha256=digest,
        tahun_laporan=profile.tahun,
        laporan_versi=final.get("versi") if final else None,
    )
    _sync_register(gw, journal)
    gw.log("Buat surat pengantar", f"Nomor {number.nomor}: {path.name}")
    return ActionResult(
        f"Surat pengantar nomor {number.nomor} tanggal {_tgl(number.tanggal)} ditulis: "
        f"{path.name}. Nomor dicatat di sheet Register Surat.",
        files=[path],
        data={
            "nomor": number.nomor,
            "urut": number.urut,
            "tanggal": number.tanggal.isoformat(),
            "file": str(path),
            "sha256": digest,
        },
    )


def _tgl(d: dt.date) -> str:
    from lkjip_xl.report.fmt import tanggal

    return tanggal(d)


def void_letter(gw: Gateway, nomor: str, alasan: str) -> ActionResult:
    """Mark a letter number as cancelled (Batal); it is never issued again."""
    from lkjip_xl.report import letter as L

    journal = _journal(gw)
    _sync_register(gw, journal)
    n = L.void_number(journal, nomor.strip(), alasan)
    _sync_register(gw, journal)
    gw.log("Batalkan nomor surat", f"{n.nomor}: {alasan}")
    return ActionResult(
        f"Nomor surat {n.nomor} dibatalkan ({alasan.strip()}) dan tidak akan dipakai lagi.",
        data={"nomor": n.nomor, "status": n.status},
    )


def void_letter_text(gw: Gateway, teks: str) -> ActionResult:
    """The ribbon's form of :func:`void_letter`: one text ``"<nomor>; <alasan>"``."""
    nomor, _, alasan = (teks or "").partition(";")
    if not nomor.strip() or not alasan.strip():
        raise LkjipError(
            f"Isian '{teks}' belum lengkap. Tulis nomor surat, titik koma, lalu alasannya, "
            "contoh: 050/3/425.503/2026; salah tujuan."
        )
    return void_letter(gw, nomor.strip(), alasan.strip())


def rebuild_register(gw: Gateway) -> ActionResult:
    """Rewrite the Register Surat sheet from the journal."""

    rows = _sync_register(gw, _journal(gw))
    return ActionResult(f"Register Surat ditulis ulang dari jurnal ({len(rows)} nomor).")


def _latest(events: list[dict[str, Any]], **match: Any) -> dict[str, Any] | None:
    for e in reversed(events):
        if all(e.get(k) == v for k, v in match.items()) and Path(str(e.get("file", ""))).exists():
            return e
    return None


def _snapshot(gw: Gateway, dest: Path) -> Path:
    """A copy of the workbook as this transaction sees it (pending edits included)."""
    book = getattr(gw, "book", None)  # the live book inside Excel (xlwings door)
    if book is not None:
        try:
            book.api.SaveCopyAs(str(dest))
            if dest.exists():
                return dest
        except Exception:  # remote engine or no COM: fall back to the file on disk
            pass
    wb = getattr(gw, "_wb", None)
    if wb is not None and getattr(gw, "_dirty", False):
        fd, tmp = tempfile.mkstemp(suffix=dest.suffix, dir=dest.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            from lkjip_xl.workbook.package import finalize_package

            finalize_package(Path(tmp))
            os.replace(tmp, dest)
        finally:
            Path(tmp).unlink(missing_ok=True)
    else:
        shutil.copy2(gw.path, dest)
    return dest


def _refuse_empty_slots(gw: Gateway, docx: Path) -> None:
    """Refuse to archive a report that still holds an empty narrative slot or '[uraikan]'."""
    from lkjip_xl.actions.narasi import slot_location
    from lkjip_xl.errors import CellProblem
    from lkjip_xl.report.slots import alias, read_document

    doc = read_document(docx)
    empty = [s for s in doc.slots if s.wajib and not s.text.strip()]
    from docx import Document

    old_marks = sum(p.text.count("[uraikan]") for p in Document(str(docx)).paragraphs)
    if not empty and not old_marks:
        return
    problems = []
    for s in empty:
        sheet, cell = slot_location(gw, s.key) or ("", "")
        problems.append(
            CellProblem(
                f"Isian laporan '{alias(s.key)}' kosong di {docx.name}.",
                "Tulis uraiannya di sel ini, buat versi final baru, lalu arsipkan.",
                gw.path.name,
                sheet,
                cell,
            )
        )
    if old_marks:
        problems.append(
            CellProblem(
                f"{docx.name} masih memuat {old_marks} tanda [uraikan].",
                "Buat versi final baru; uraiannya diisi di sheet Narasi dan Format Data.",
                docx.name,
            )
        )
    raise LkjipError(
        f"{docx.name} belum dapat diarsipkan: masih ada {len(problems)} isian laporan yang kosong.",
        problems,
    )


def archive(gw: Gateway, *, pdf: bool = False) -> ActionResult:
    """Place the final LKjIP, its PDF, the cover letter, a workbook snapshot and a copy of the
    journal in ``arsip/<tahun>/`` with a manifest (file, SHA-256, time, letter number).

    With ``pdf=True`` a missing PDF of the report or the letter is made first (when
    LibreOffice or Word is available).
    """
    from lkjip_xl.report import archive as A
    from lkjip_xl.report import letter as L

    profile = gw.profile()
    journal = _journal(gw)
    reports = [e for e in journal.events(EV_LAPORAN) if e.get("tahun") == profile.tahun]
    final = _latest(reports, tahap="final")
    if final is None:
        raise LkjipError(
            f"Belum ada LKjIP tahun {profile.tahun} versi final. Selesaikan langkah 7 "
            "(penandatanganan Camat), lalu buat laporan lagi (tombol Buat LKjIP atau "
            "'lkjip report')."
        )
    _refuse_empty_slots(gw, Path(final["file"]))
    numbers = {n.nomor: n for n in L.letter_numbers(journal)}
    letters = [
        e
        for e in journal.events(L.EV_DIBUAT)
        if e.get("nomor") in numbers and numbers[e["nomor"]].status == "Terpakai"
    ]
    letter = _latest(letters)
    if letter is None:
        raise LkjipError(
            "Belum ada surat pengantar yang bernomor. Buat surat pengantar dulu (tombol "
            "Surat Pengantar atau 'lkjip letter'), lalu arsipkan."
        )
    nomor = str(letter["nomor"])
    folder = gw.workspace.archive(profile.tahun)
    folder.mkdir(parents=True, exist_ok=True)
    peringatan: list[str] = []
    report_docx = Path(final["file"])
    if sha256_file(report_docx) != final.get("sha256"):
        peringatan.append(
            f"{report_docx.name} sudah diubah sejak dibuat (SHA-256 berbeda); yang diarsipkan "
            "adalah isi file saat ini."
        )
    items = [A.place(report_docx, folder, jenis="LKjIP final (Word)")]
    report_pdf = Path(final["pdf"]) if final.get("pdf") else report_docx.with_suffix(".pdf")
    letter_docx = Path(letter["file"])
    letter_pdf = letter_docx.with_suffix(".pdf")
    if pdf:
        from lkjip_xl.report.pdf import to_pdf

        for src, dst in ((report_docx, report_pdf), (letter_docx, letter_pdf)):
            if not dst.exists():
                try:
                    to_pdf(src, dst)
                except LkjipError as exc:
                    peringatan.append(exc.pesan)
                    break
    if report_pdf.exists():
        items.append(A.place(report_pdf, folder, jenis="LKjIP final (PDF)"))
    else:
        peringatan.append(
            "PDF LKjIP final belum ada; arsip hanya berisi versi Word. Buat PDF dengan "
            "'lkjip report --pdf' atau 'lkjip archive --pdf'."
        )
    items.append(A.place(letter_docx, folder, jenis="Surat pengantar (Word)", nomor_surat=nomor))
    if letter_pdf.exists():
        items.append(A.place(letter_pdf, folder, jenis="Surat pengantar (PDF)", nomor_surat=nomor))
    stamp = clock.local_naive().strftime("%Y%m%d-%H%M%S")
    with tempfile.TemporaryDirectory(prefix="lkjip-arsip-") as tmp:
        snap = _snapshot(gw, Path(tmp) / f"{gw.path.stem}_arsip_{stamp}{gw.path.suffix}")
        items.append(A.place(snap, folder, jenis="Salinan workbook"))
        if gw.workspace.journal.exists():
            jurnal = Path(tmp) / f"jurnal_{gw.path.stem}_{stamp}.jsonl"
            shutil.copy2(gw.workspace.journal, jurnal)
            items.append(A.place(jurnal, folder, jenis="Jurnal (tahapan SOP, nomor surat)"))
    manifest = A.Manifest(
        opd=profile.opd,
        tahun=profile.tahun,
        dibuat=clock.local_naive(),
        nomor_surat=nomor,
        jumlah_salinan=profile.jumlah_salinan,
        tujuan=profile.tujuan_surat,
        files=items,
    )
    written = A.write_manifest(folder, manifest)
    journal.append(
        EV_ARSIP,
        tahun=profile.tahun,
        folder=str(folder.resolve()),
        nomor_surat=nomor,
        files=[{"file": i.file, "sha256": i.sha256} for i in items],
    )
    gw.log("Arsip LKjIP", f"{len(items)} berkas ke {folder} (surat {nomor})")
    from lkjip_xl.report.fmt import dengan_kata

    pesan = (
        f"{len(items)} berkas diarsipkan di {folder} beserta manifest (SHA-256). "
        f"Gandakan LKjIP final sebanyak {dengan_kata(profile.jumlah_salinan, 'eksemplar')}, "
        f"lalu kirim bersama surat nomor {nomor} kepada {profile.tujuan_surat}."
    )
    return ActionResult(
        pesan,
        files=[folder / i.file for i in items] + written,
        data={
            "folder": str(folder),
            "nomor_surat": nomor,
            "jumlah_salinan": profile.jumlah_salinan,
            "files": [i.model_dump(mode="json") for i in items],
        },
        peringatan=peringatan,
    )
