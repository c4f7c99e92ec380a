"""Import returned forms: archive, check, merge into Kiriman, journal (SOP step 3).

For every incoming file, in this order:

1. its bytes are copied to the incoming archive (``arsip_masuk/<sha256>.<ext>``) and a
   ``arsip_masuk`` journal event is written, before anything parses the file;
2. a file whose SHA-256 was imported before changes nothing (its earlier verdict is
   reported again, marked ``duplikat``);
3. an ``.eml`` is opened and every spreadsheet attachment goes through the same steps;
4. a spreadsheet is checked (:mod:`~lkjip_xl.forms.safety`), read and judged
   (:mod:`~lkjip_xl.forms.intake`);
5. its valid rows go into Kiriman (the replaced rows stay in the journal: every
   ``impor_formulir`` event carries the rows it brought):

   * a fully valid form (``diterima``) replaces all Kiriman rows of its unit;
   * a partly valid form (``sebagian``) replaces only the rows of the indicators it
     gives validly; its bad rows are never merged, and they do not erase a valid value
     the unit sent earlier for the same indicator;
   * a refused form (``ditolak``) changes nothing.

Kiriman thus holds, per unit and indicator, the latest valid value. If a previous import
reached the journal but its workbook save failed, importing the file again finds its
rows missing from Kiriman and restores them from the journal, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from lkjip_xl import clock
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.files import sha256_bytes, sha256_file
from lkjip_xl.forms import intake, safety, spec
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile
    from lkjip_xl.workbook.gateway import Gateway

Progress = Callable[[int, int, str], None]

FORM_SUFFIXES = (".xlsx", ".xlsm")
EMAIL_SUFFIXES = (".eml",)
IMPORT_SUFFIXES = FORM_SUFFIXES + EMAIL_SUFFIXES
ARCHIVE_LIMIT = 64 * 1024 * 1024
"""Files larger than this are refused without a copy (their SHA-256 is still journaled)."""

EV_ARCHIVED = "arsip_masuk"
EV_FORM = "impor_formulir"
EV_EMAIL = "impor_surel"
EV_RESTORED = "kiriman_dipulihkan"

_SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel.sheet.macroenabled.12",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
}
_SPREADSHEET_EXT = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
MAX_ATTACHMENTS = 50


@dataclass
class FileReport:
    """The outcome for one form file (or one e-mail without a usable form)."""

    file: str
    sha256: str
    unit: str = ""
    kode_unit: str = ""
    status: intake.Status = "ditolak"
    rows_accepted: int = 0
    errors: list[CellProblem] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    duplikat: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "unit": self.unit,
            "kode_unit": self.kode_unit,
            "status": self.status,
            "rows_accepted": self.rows_accepted,
            "errors": [
                {"sheet": p.sheet, "cell": p.cell, "pesan": p.pesan, "perbaikan": p.perbaikan}
                for p in self.errors
            ],
            "catatan": self.catatan,
            "duplikat": self.duplikat,
        }


def collect_paths(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into the forms and e-mails inside (oldest first) → (files, notes).

    A file named explicitly is always taken (its content decides); inside folders only
    ``.xlsx``, ``.xlsm`` and ``.eml`` files are taken and Office lock files (``~$…``) skipped.
    """
    files: list[Path] = []
    notes: list[str] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise LkjipError(
                f"File atau folder tidak ditemukan: {p}. Periksa nama dan lokasinya, lalu ulangi."
            )
        if p.is_dir():
            found = []
            for child in p.rglob("*"):
                if not child.is_file() or child.name.startswith(("~$", ".")):
                    continue
                if child.suffix.lower() in IMPORT_SUFFIXES:
                    found.append(child)
                else:
                    notes.append(f"{child.name} dilewati (bukan .xlsx, .xlsm atau .eml).")
            found.sort(key=lambda c: (c.stat().st_mtime, str(c)))
            files.extend(found)
        else:
            files.append(p)
    return list(dict.fromkeys(files)), notes


def _kiriman_key(unit_order: dict[str, int], kode_order: dict[str, int]) -> Callable[..., Any]:
    def key(row: dict[str, Any]) -> tuple[int, int]:
        return (
            unit_order.get(str(row.get("unit") or ""), len(unit_order)),
            kode_order.get(str(row.get("kode") or ""), len(kode_order)),
        )

    return key


class Collector:
    """One import run over some files, against one workbook."""

    def __init__(
        self,
        gw: Gateway,
        profile: Profile,
        indicators: list[spec.Indicator],
        assigned: dict[str, list[spec.Indicator]],
        *,
        now: dt.datetime | None = None,
    ) -> None:
        self.gw = gw
        self.profile = profile
        self.assigned = assigned
        self.indicators = indicators
        ws = gw.workspace
        self.archive_dir = ws.incoming_archive
        self.journal = Journal(ws.journal, profile.tahun)
        zone = ZoneInfo(profile.jam_kerja.zona)
        local = (now or clock.now(profile.jam_kerja.zona)).astimezone(zone)
        self.now = local.replace(tzinfo=None, microsecond=0)
        self.kiriman: list[dict[str, Any]] = []
        self.changed = False
        self.reports: list[FileReport] = []
        self._events: list[dict[str, Any]] = []
        self._form_at: dict[str, int] = {}
        self._email_parts: dict[str, list[str]] = {}
        self._archived: set[str] = set()

    # -- run -------------------------------------------------------------------------------------

    def run(self, files: list[Path], progress: Progress | None = None) -> list[FileReport]:
        with self.journal.transaction():
            self._load_history()
            self.kiriman = [
                {k: v for k, v in r.items() if not k.startswith("_")}
                for r in self.gw.read_rows(S.KIRIMAN_T)
            ]
            for i, path in enumerate(files, start=1):
                if progress:
                    progress(i, len(files), path.name)
                self._process_path(path)
            if self.changed:
                units = {u.nama: i for i, u in enumerate(self.profile.unit)}
                kodes = {ind.kode: i for i, ind in enumerate(self.indicators)}
                self.kiriman.sort(key=_kiriman_key(units, kodes))
                self.gw.write_rows(S.KIRIMAN_T, self.kiriman)
        return self.reports

    def _load_history(self) -> None:
        for ev in self.journal.events():
            kind = ev.get("jenis")
            if kind == EV_FORM:
                self._events.append(ev)
                self._form_at[str(ev.get("sha256"))] = len(self._events) - 1
            elif kind == EV_EMAIL:
                self._email_parts[str(ev.get("sha256"))] = list(ev.get("lampiran") or [])
            elif kind == EV_ARCHIVED:
                self._archived.add(str(ev.get("sha256")))

    # -- one path --------------------------------------------------------------------------------

    def _process_path(self, path: Path) -> None:
        display = safe_display(path.name)
        is_email = path.suffix.lower() in EMAIL_SUFFIXES
        size = path.stat().st_size
        if size > ARCHIVE_LIMIT:
            digest = sha256_file(path)
            self.journal.append(
                EV_ARCHIVED, sha256=digest, nama=display, ukuran=size, diarsipkan=False
            )
            self._refuse(display, digest, safety.FileRejected(*_too_big(size, is_email)))
            return
        data = path.read_bytes()
        digest = sha256_bytes(data)
        self._archive(data, digest, display, asal=str(path))
        if path.suffix.lower() == ".msg":
            self._refuse(
                display,
                digest,
                safety.FileRejected(
                    "E-mail berformat Outlook .msg tidak dapat dibaca.",
                    "Simpan lampiran formulir (.xlsx) dari e-mail itu, lalu impor file .xlsx-nya.",
                ),
            )
            return
        if is_email:
            self._process_email(data, digest, display)
        else:
            self._process_form(data, digest, display, asal="")

    def _process_email(self, data: bytes, digest: str, display: str) -> None:
        if digest in self._email_parts:
            for part in self._email_parts[digest]:
                self._duplicate(part, display)
            return
        if digest in self._form_at:
            self._duplicate(digest, display)
            return
        try:
            safety.check_size(len(data), email=True)
            parts = email_attachments(data)
        except safety.FileRejected as exc:
            self._refuse(display, digest, exc)
            return
        forms = [(n, c) for n, c, is_form in parts if is_form]
        if not forms:
            names = [n for n, _c, _f in parts]
            if any(n.lower() == "winmail.dat" for n in names):
                exc = safety.FileRejected(
                    "Lampiran e-mail terbungkus 'winmail.dat' (format khusus Outlook), "
                    "formulir di dalamnya tidak dapat dibaca.",
                    "Minta unit mengirim ulang dengan format e-mail HTML atau teks biasa, "
                    "atau menyimpan lampirannya dan mengirim file .xlsx saja.",
                )
            else:
                lain = f" (lampiran: {', '.join(names)})" if names else ""
                exc = safety.FileRejected(
                    f"E-mail tidak berisi lampiran formulir .xlsx{lain}.",
                    "Minta unit melampirkan formulir yang sudah diisi pada e-mail balasan.",
                )
            self._refuse(display, digest, exc)
            return
        shas: list[str] = []
        for name, content in forms[:MAX_ATTACHMENTS]:
            part_sha = sha256_bytes(content)
            shas.append(part_sha)
            part_display = f"{display}: {name}"
            self._archive(content, part_sha, name, asal=digest)
            if part_sha in self._form_at:
                self._duplicate(part_sha, part_display)
            else:
                self._process_form(content, part_sha, part_display, asal=digest)
        self.journal.append(EV_EMAIL, sha256=digest, file=display, lampiran=shas)
        self._email_parts[digest] = shas

    def _process_form(self, data: bytes, digest: str, display: str, asal: str) -> None:
        if digest in self._form_at:
            self._duplicate(digest, display)
            return
        catatan: list[str] = []
        try:
            info = safety.check_spreadsheet(data)
            if info.has_macros:
                catatan.append(
                    "File berisi makro; makro tidak dijalankan dan tidak disalin, hanya nilai "
                    "sel yang dibaca."
                )
            raw = intake.read_form(data)
            check = intake.validate_form(raw, self.profile, self.assigned, display)
        except safety.FileRejected as exc:
            self._refuse(display, digest, exc, asal=asal)
            return
        except intake.FormRefused as exc:
            check = intake.FormCheck(
                errors=[CellProblem(exc.pesan, exc.perbaikan, display, exc.sheet, exc.cell)]
            )
        check.catatan[:0] = catatan
        replaced: list[str] = []
        rows: list[dict[str, Any]] = []
        if check.rows:
            rows = [self._kiriman_row(check.unit_nama, r, display, digest) for r in check.rows]
            whole = check.status == "diterima"
            replaced = self._replace_unit(check.unit_nama, rows, whole=whole)
            if replaced:
                check.catatan.append(
                    f"Menggantikan kiriman {check.unit_nama} sebelumnya"
                    + ("" if whole else " untuk indikator yang sah di formulir ini")
                    + "; kiriman lama tetap tercatat di jurnal."
                )
        report = FileReport(
            file=display,
            sha256=digest,
            unit=check.unit_nama,
            kode_unit=check.unit,
            status=check.status,
            rows_accepted=len(check.rows),
            errors=check.errors,
            catatan=check.catatan,
        )
        self._record(report, asal, rows, replaced)

    # -- outcomes --------------------------------------------------------------------------------

    def _refuse(self, display: str, digest: str, exc: safety.FileRejected, asal: str = "") -> None:
        report = FileReport(
            file=display,
            sha256=digest,
            errors=[CellProblem(exc.pesan, exc.perbaikan, display)],
        )
        self._record(report, asal, [], [])

    def _record(
        self,
        report: FileReport,
        asal: str,
        rows: list[dict[str, Any]],
        replaced: list[str],
    ) -> None:
        event = self.journal.append(
            EV_FORM,
            sha256=report.sha256,
            file=report.file,
            asal=asal,
            unit=report.kode_unit,
            unit_nama=report.unit,
            status=report.status,
            rows_accepted=report.rows_accepted,
            rows=[{k: v for k, v in r.items() if k not in ("file", "sha256")} for r in rows],
            errors=[p.as_json() for p in report.errors],
            catatan=report.catatan,
            mengganti=replaced,
        )
        self._events.append(event)
        self._form_at[report.sha256] = len(self._events) - 1
        self.reports.append(report)

    def _duplicate(self, digest: str, display: str) -> None:
        pos = self._form_at.get(digest)
        if pos is None:  # pragma: no cover - an e-mail event always follows its parts
            return
        ev = self._events[pos]
        when = str(ev.get("waktu", ""))[:19].replace("T", " ")
        report = FileReport(
            file=display,
            sha256=digest,
            unit=str(ev.get("unit_nama") or ""),
            kode_unit=str(ev.get("unit") or ""),
            status=ev.get("status", "ditolak"),
            rows_accepted=int(ev.get("rows_accepted") or 0),
            errors=[
                CellProblem(
                    e.get("pesan", ""),
                    e.get("perbaikan", ""),
                    e.get("file", ""),
                    e.get("sheet", ""),
                    e.get("cell", ""),
                )
                for e in ev.get("errors") or []
            ],
            catatan=[f"File ini sudah diimpor sebelumnya ({when} UTC); tidak ada yang berubah."],
            duplikat=True,
        )
        lost = self._lost_kodes(ev, pos)
        if lost:
            restored = [
                {
                    **r,
                    "diterima": _parse_dt(r.get("diterima")),
                    "file": ev.get("file"),
                    "sha256": digest,
                }
                for r in ev.get("rows") or []
                if r.get("kode") in lost
            ]
            self._replace_unit(report.unit, restored, whole=False)
            self.journal.append(EV_RESTORED, sha256=digest, unit=report.kode_unit)
            report.catatan = [
                "Data dari file ini sudah tercatat di jurnal tetapi tidak ada di sheet Kiriman "
                "(mungkin penyimpanan sebelumnya gagal); data dipulihkan dari jurnal."
            ]
        self.reports.append(report)

    def _lost_kodes(self, ev: dict[str, Any], pos: int) -> set[str]:
        """Kodes an earlier accepted import brought that are neither in Kiriman nor superseded.

        That happens only when the journal was written but the workbook save failed (or the
        rows were deleted by hand): importing the file again restores them.
        """
        unit = ev.get("unit_nama")
        digest = ev.get("sha256")
        kodes = {str(r.get("kode")) for r in ev.get("rows") or []}
        if not kodes:
            return set()
        present = {
            str(r.get("kode"))
            for r in self.kiriman
            if r.get("unit") == unit and r.get("sha256") == digest
        }
        later: set[str] = set()
        for other in self._events[pos + 1 :]:
            if other.get("unit_nama") != unit or not other.get("rows"):
                continue
            if other.get("status") == "diterima":
                return set()
            later |= {str(r.get("kode")) for r in other.get("rows") or []}
        return kodes - present - later

    def _replace_unit(
        self, unit_nama: str, rows: list[dict[str, Any]], *, whole: bool
    ) -> list[str]:
        """Put ``rows`` in Kiriman for the unit → SHA-256 of the forms whose rows they replace.

        ``whole``: drop all earlier rows of the unit (a fully valid form); otherwise only the
        rows of the same indicators (a partly valid form does not erase valid earlier data
        for the indicators it got wrong).
        """
        kodes = {r.get("kode") for r in rows}

        def replaced(r: dict[str, Any]) -> bool:
            return r.get("unit") == unit_nama and (whole or r.get("kode") in kodes)

        old = [r for r in self.kiriman if replaced(r)]
        self.kiriman = [r for r in self.kiriman if not replaced(r)] + rows
        self.changed = True
        return [s for s in dict.fromkeys(str(r.get("sha256") or "") for r in old) if s]

    def _kiriman_row(
        self, unit_nama: str, row: intake.AcceptedRow, display: str, digest: str
    ) -> dict[str, Any]:
        return {
            "unit": unit_nama,
            "kode": row.kode,
            "indikator": row.indikator,
            "satuan": row.satuan,
            "target": row.target,
            "realisasi": row.realisasi,
            "keterangan": row.keterangan,
            "bukti": row.bukti,
            **row.narasi,
            "file": display,
            "sha256": digest,
            "diterima": self.now,
            "status": "Valid",
        }

    # -- archive ---------------------------------------------------------------------------------

    def _archive(self, data: bytes, digest: str, name: str, asal: str) -> Path:
        suffix = Path(name).suffix.lower()
        if not (suffix[1:].isalnum() and 1 < len(suffix) <= 6):
            suffix = ".bin"
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        target = self.archive_dir / f"{digest}{suffix}"
        if target.exists() and sha256_bytes(target.read_bytes()) == digest:
            if digest not in self._archived:
                self._note_archived(digest, name, len(data), asal, target)
            return target
        tmp = self.archive_dir / f".~{digest}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        self._note_archived(digest, name, len(data), asal, target)
        return target

    def _note_archived(self, digest: str, name: str, size: int, asal: str, target: Path) -> None:
        self.journal.append(
            EV_ARCHIVED,
            sha256=digest,
            nama=name,
            ukuran=size,
            asal=asal,
            arsip=target.name,
            diarsipkan=True,
        )
        self._archived.add(digest)


def safe_display(name: str) -> str:
    return safety.safe_filename(name, default="file")


def _too_big(size: int, is_email: bool) -> tuple[str, str]:
    try:
        safety.check_size(size, email=is_email)
    except safety.FileRejected as exc:
        return exc.pesan, exc.perbaikan
    return "File terlalu besar.", ""  # pragma: no cover


def _parse_dt(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def email_attachments(data: bytes) -> list[tuple[str, bytes, bool]]:
    """Attachments of an e-mail → [(safe name, bytes, looks like a spreadsheet)].

    Walks nested messages (forwarded e-mails). Names are sanitised; nothing is written.
    """
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception:  # pragma: no cover - the parser is lenient; defensive only
        raise safety.FileRejected(
            "File e-mail tidak dapat dibaca.",
            "Simpan ulang e-mail dari program e-mail Anda sebagai .eml, atau impor lampirannya.",
        ) from None
    if not msg.keys() and not msg.is_multipart():
        raise safety.FileRejected(
            "File ini bukan e-mail (.eml) yang sah.",
            "Simpan e-mail balasan dari program e-mail sebagai .eml, atau impor lampiran .xlsx.",
        )
    out: list[tuple[str, bytes, bool]] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        ctype = part.get_content_type().lower()
        if (
            not filename
            and part.get_content_disposition() != "attachment"
            and ctype not in _SPREADSHEET_TYPES
        ):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        name = safety.safe_filename(filename, default="lampiran.xlsx")
        is_form = ctype in _SPREADSHEET_TYPES or name.lower().endswith(_SPREADSHEET_EXT)
        out.append((name, payload, is_form))
    return out
