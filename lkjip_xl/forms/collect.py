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
from lkjip_xl.domain.kinerja import sidik_kiriman
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.files import sha256_bytes, sha256_file
from lkjip_xl.forms import intake, safety, spec, versions
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile
    from lkjip_xl.workbook.gateway import Gateway

Progress = Callable[[int, int, str], None]

FORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
EMAIL_SUFFIXES = (".eml",)
ZIP_SUFFIXES = (".zip",)
IMPORT_SUFFIXES = FORM_SUFFIXES + EMAIL_SUFFIXES + ZIP_SUFFIXES + (".rar", ".7z")
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
MAX_ARCHIVE_DEPTH = 3
"""Zips inside zips are opened up to this many levels (the size checks apply at each)."""
_ARCHIVES = {".rar": "RAR", ".7z": "7z", ".tar": "tar", ".gz": "gzip", ".tgz": "tar.gz"}
_ARCHIVE_MAGIC = {b"Rar!": "RAR", b"7z\xbc\xaf": "7z", b"\x1f\x8b": "gzip"}


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


def collect_paths(
    paths: Iterable[Path], *, exclude: Iterable[Path] = ()
) -> tuple[list[Path], list[str]]:
    """Expand folders into the forms and e-mails inside (oldest first) → (files, notes).

    A file named explicitly is always taken (its content decides); inside folders the form
    kinds (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``), ``.eml`` and ``.zip`` files are taken,
    and a file without an extension when its bytes say it is one of them. Office lock files
    (``~$…``), the workbook itself (``exclude``) and everything else are skipped with a note.
    """
    from lkjip_xl.forms import readers

    skip = {_resolved(x) for x in exclude}
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
                if _resolved(child) in skip:
                    notes.append(f"{child.name} dilewati (workbook LKjIP ini sendiri).")
                elif child.suffix.lower() in IMPORT_SUFFIXES or (
                    not child.suffix and readers.sniff(_head(child)) != "unknown"
                ):
                    found.append(child)
                else:
                    notes.append(
                        f"{child.name} dilewati (bukan formulir .xlsx/.xls/.ods, e-mail .eml "
                        "atau .zip)."
                    )
            found.sort(key=lambda c: (c.stat().st_mtime, str(c)))
            files.extend(found)
        elif _resolved(p) in skip:
            notes.append(f"{p.name} dilewati (workbook LKjIP ini sendiri).")
        else:
            files.append(p)
    return list(dict.fromkeys(files)), notes


def _resolved(p: Path) -> Path:
    try:
        return Path(p).resolve()
    except OSError:  # pragma: no cover
        return Path(p)


def _head(path: Path) -> bytes:
    """Enough of a file to tell its kind (whole zips are small enough: forms are)."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        return fh.read(size if size <= ARCHIVE_LIMIT else 4096)


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
        paksa: bool = False,
        triwulan: int | None = None,
    ) -> None:
        self.gw = gw
        self.triwulan = triwulan
        """Quarter forms of this quarter (issue 22): rows go to Realisasi Triwulan, never to
        Kiriman; None: annual forms into Kiriman."""
        self.table = S.REALISASI_TW_T if triwulan else S.KIRIMAN_T
        self._other_quarters: list[dict[str, Any]] = []
        self.paksa = paksa
        """Take forms held for a check (perlu_dicek) and older versions after all."""
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
            rows = [
                {k: v for k, v in r.items() if not k.startswith("_")}
                for r in self.gw.read_rows(self.table)
            ]
            if self.triwulan:
                mine = [r for r in rows if _int(r.get("triwulan")) == self.triwulan]
                self._other_quarters = [r for r in rows if r not in mine]
                rows = mine
            self.kiriman = rows
            files = sorted(files, key=_version_order)
            for i, path in enumerate(files, start=1):
                if progress:
                    progress(i, len(files), path.name)
                try:
                    self._process_path(path)
                except OSError as exc:  # one unreadable file never stops the batch
                    self._refuse(
                        safe_display(path.name),
                        "",
                        safety.FileRejected(
                            f"File tidak dapat dibuka ({exc.strerror or type(exc).__name__}); "
                            "mungkin sedang dibuka program lain.",
                            "Tutup file di program lain (atau salin ke kotak_masuk), lalu "
                            "impor ulang.",
                        ),
                    )
            if self.changed:
                units = {u.nama: i for i, u in enumerate(self.profile.unit)}
                kodes = {ind.kode: i for i, ind in enumerate(self.indicators)}
                self.kiriman.sort(key=_kiriman_key(units, kodes))
                if self.triwulan:
                    everything = self._other_quarters + self.kiriman
                    everything.sort(key=lambda r: _int(r.get("triwulan")) or 0)  # stable
                    self.gw.write_rows(self.table, everything)
                else:
                    self.gw.write_rows(S.KIRIMAN_T, self.kiriman)
        return self.reports

    def _load_history(self) -> None:
        for ev in self.journal.events():
            kind = ev.get("jenis")
            if kind == EV_FORM:
                if ev.get("triwulan") != self.triwulan:
                    continue  # another flow's import (annual vs a quarter) is not this one's
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
        from lkjip_xl.forms import readers

        kind = readers.sniff(data)
        is_email = kind == "eml" or (is_email and kind == "unknown")
        if kind == "zip" and path.suffix.lower() != ".xlsx":
            self._process_zip(data, digest, display)
            return
        if archive := _archive_kind(path.name, data):
            self._refuse(display, digest, safety.FileRejected(*_archive_refusal(archive)))
            return
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

    def _held(self, digest: str) -> bool:
        """A form that was held (or was an older version) and --paksa now takes."""
        pos = self._form_at.get(digest)
        return (
            self.paksa
            and pos is not None
            and self._events[pos].get("status") in ("perlu_dicek", "versi_lama")
        )

    def _process_email(self, data: bytes, digest: str, display: str) -> None:
        if self._replay(digest, display):
            return
        if digest in self._form_at:
            self._duplicate(digest, display)
            return
        try:
            safety.check_size(len(data), email=True)
            parts = email_attachments(data)
            sender = email_sender(data)
        except safety.FileRejected as exc:
            self._refuse(display, digest, exc)
            return
        except Exception:  # a malformed e-mail is this file's problem only
            self._refuse(
                display,
                digest,
                safety.FileRejected(
                    "File e-mail tidak dapat dibaca (rusak).",
                    "Simpan ulang e-mail dari program e-mail Anda sebagai .eml, atau impor "
                    "lampirannya.",
                ),
            )
            return
        from lkjip_xl.forms import readers

        usable = [
            (n, c)
            for n, c, is_form in parts
            if is_form or readers.sniff(c) == "zip" or _archive_kind(n, c)
        ]
        if not usable:
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
        for name, content, _is_form in parts[:MAX_ATTACHMENTS]:
            part_sha = sha256_bytes(content)
            shas.append(part_sha)
            self._archive(content, part_sha, name, asal=digest)
            self._process_member(
                name, content, part_sha, f"{display}: {name}", digest, 1, sender=sender
            )
        if digest not in self._email_parts:
            self.journal.append(
                EV_EMAIL, sha256=digest, file=display, lampiran=shas, pengirim=sender
            )
        self._email_parts[digest] = shas

    def _process_zip(self, data: bytes, digest: str, display: str, depth: int = 1) -> None:
        """A plain zip: every file inside is listed; forms, e-mails and zips go on through the
        same steps (zips inside zips up to :data:`MAX_ARCHIVE_DEPTH` levels)."""
        from lkjip_xl.forms import readers

        if self._replay(digest, display):
            return
        try:
            safety.check_size(len(data))
            safety.check_zip(data)
            members = readers.zip_entries(data, MAX_ATTACHMENTS)
        except safety.FileRejected as exc:
            self._refuse(display, digest, exc)
            return
        except Exception:  # a broken zip is this file's problem only
            self._refuse(
                display,
                digest,
                safety.FileRejected(
                    "File .zip rusak atau tidak dapat dibuka.",
                    "Minta unit mengirim ulang formulirnya (boleh tanpa di-zip).",
                ),
            )
            return
        if not members:
            self._refuse(
                display,
                digest,
                safety.FileRejected(
                    "File .zip kosong (tidak berisi file apa pun).",
                    "Minta unit mengirim formulir yang sudah diisi.",
                ),
            )
            return
        shas: list[str] = []
        for name, content in members:
            part_sha = sha256_bytes(content)
            shas.append(part_sha)
            part_display = f"{display}: {safety.safe_filename(name)}"
            self._archive(content, part_sha, name, asal=digest)
            self._process_member(name, content, part_sha, part_display, digest, depth)
        if digest not in self._email_parts:
            self.journal.append(EV_EMAIL, sha256=digest, file=display, lampiran=shas)
        self._email_parts[digest] = shas

    def _replay(self, digest: str, display: str) -> bool:
        """A container (e-mail, zip) imported before: report its files again, change nothing.

        False when it is new, or when one of its forms was held and --paksa now takes it.
        """
        if digest not in self._email_parts or any(
            self._held(p) or p not in self._form_at for p in self._parts_within(digest)
        ):
            return False  # new, held, or imported in the other flow (annual vs a quarter)
        for part in self._parts_within(digest):
            self._duplicate(part, display)
        return True

    def _parts_within(self, digest: str, depth: int = 0) -> list[str]:
        """The files inside a container, containers inside it opened too."""
        out: list[str] = []
        for part in self._email_parts.get(digest, []):
            if part in self._email_parts and depth < MAX_ARCHIVE_DEPTH:
                out += self._parts_within(part, depth + 1)
            else:
                out.append(part)
        return out

    def _process_member(
        self,
        name: str,
        content: bytes,
        digest: str,
        display: str,
        asal: str,
        depth: int,
        sender: str = "",
    ) -> None:
        """One file found in an e-mail or a zip: opened, imported, or listed with its reason."""
        from lkjip_xl.forms import readers

        kind = readers.sniff(content)
        suffix = Path(name).suffix.lower()
        if kind == "zip":
            if depth >= MAX_ARCHIVE_DEPTH:
                self._refuse(
                    display,
                    digest,
                    safety.FileRejected(
                        f"Arsip .zip bertingkat terlalu dalam (lebih dari {MAX_ARCHIVE_DEPTH} "
                        "tingkat .zip di dalam .zip); isinya tidak dibuka.",
                        "Ekstrak arsipnya, lalu impor formulir .xlsx-nya langsung.",
                    ),
                    asal=asal,
                )
            else:
                self._process_zip(content, digest, display, depth + 1)
        elif archive := _archive_kind(name, content):
            self._refuse(display, digest, safety.FileRejected(*_archive_refusal(archive)), asal)
        elif kind in ("xlsx", "xls", "ods") or suffix in readers.SPREADSHEET_EXT:
            self._process_form(content, digest, display, asal=asal, sender=sender)
        elif kind == "eml" or suffix == ".eml":
            self._process_email(content, digest, display)
        else:
            self._skip(
                display,
                digest,
                f"Bukan formulir ({safety.describe_kind(content, name)}); tidak diimpor, "
                "tetap diarsipkan.",
                asal,
            )

    def _process_form(
        self, data: bytes, digest: str, display: str, asal: str, sender: str = ""
    ) -> None:
        if digest in self._form_at and not self._held(digest):
            self._duplicate(digest, display)
            return
        catatan: list[str] = []
        raw: intake.RawForm | None = None
        try:
            info = safety.check_spreadsheet(data)
            if info.has_macros:
                catatan.append(
                    "File berisi makro; makro tidak dijalankan dan tidak disalin, hanya nilai "
                    "sel yang dibaca."
                )
            raw = intake.read_form(data)
            if raw.reader == "tolerant":
                catatan.append(
                    "Sebagian isi file tersimpan tidak baku (file mungkin rusak); dibaca sel "
                    "demi sel, sel yang tidak terbaca disebutkan di bawah."
                )
            check = intake.validate_form(
                raw, self.profile, self.assigned, display, triwulan=self.triwulan
            )
        except safety.FileRejected as exc:
            self._refuse(display, digest, exc, asal=asal)
            return
        except intake.FormSkipped as exc:
            self._skip(display, digest, exc.catatan, asal)
            return
        except intake.FormRefused as exc:
            check = intake.FormCheck(
                errors=[CellProblem(exc.pesan, exc.perbaikan, display, exc.sheet, exc.cell)]
            )
        except Exception as exc:  # never let one file stop the batch
            check = intake.FormCheck(
                errors=[
                    CellProblem(
                        f"File tidak dapat dibaca ({type(exc).__name__}: {str(exc)[:120]}).",
                        "Buka file di Excel, simpan ulang sebagai .xlsx, lalu kirim ulang.",
                        display,
                    )
                ]
            )
        check.catatan[:0] = catatan
        saved = readers_saved_time(data, self.profile.jam_kerja.zona)
        stamp = self._stamp(raw, saved)
        version = self._version_of(raw, saved, display)
        if check.unit and sender:
            self._check_sender(check, sender, display)
        replaced: list[str] = []
        rows: list[dict[str, Any]] = []
        held: list[dict[str, Any]] = []
        order = self._order(check, version, digest) if check.rows else None
        if order is not None and order[0] == "perlu_dicek":
            check.hold.append(order[1])
        if check.hold and not check.rows:
            check.errors[:0] = check.hold  # refused anyway: still say what looked wrong
        if check.rows and check.hold and not self.paksa:
            check.status = "perlu_dicek"
            check.errors[:0] = check.hold
            held = [
                self._kiriman_row(check.unit_nama, r, display, digest, version) for r in check.rows
            ]
            check.catatan.append(
                "Formulir ditahan (perlu dicek): tidak menggantikan data apa pun sampai "
                "dipastikan. Lihat 'lkjip forms status'."
            )
        elif check.rows and order is not None and order[0] == "versi_lama" and not self.paksa:
            check.status = "versi_lama"
            check.errors.insert(0, order[1])
            held = [
                self._kiriman_row(check.unit_nama, r, display, digest, version) for r in check.rows
            ]
        elif check.rows:
            if check.hold:
                check.catatan += [f"Dipaksa (--paksa): {h.pesan}" for h in check.hold]
            if order is not None and order[0] == "versi_lama":
                check.catatan.append(f"Dipaksa (--paksa): {order[1].pesan}")
            if (clock := versions.clock_problem(version)) and not any(
                clock in h.pesan for h in check.hold
            ):
                check.catatan.append(f"Catatan: {clock}.")
            rows = [
                self._kiriman_row(check.unit_nama, r, display, digest, version) for r in check.rows
            ]
            whole = check.status == "diterima"
            replaced = self._replace_unit(
                check.unit_nama, rows, whole=whole, blanked=set(check.blanked)
            )
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
            rows_accepted=len(rows),
            errors=check.errors,
            catatan=check.catatan,
        )
        self._record(report, asal, rows, replaced, held=held, versi=stamp)

    def _stamp(self, raw: intake.RawForm | None, saved: dt.datetime | None) -> dict[str, str]:
        """The version of a form: when it was exported (metadata) and saved (its properties)."""
        out: dict[str, str] = {}
        if raw is not None and raw.meta.get("diekspor"):
            out["diekspor"] = raw.meta["diekspor"]
        if saved is not None:
            out["disimpan"] = saved.isoformat()
        return out

    def _local(self, value: Any, *, utc: bool = False) -> dt.datetime | None:
        """A time (datetime or ISO text) → office-local naive, to the second; None if none.

        ``utc``: a naive value is UTC (save times); otherwise naive means office-local.
        """
        if isinstance(value, str) and value.strip():
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                return None
        if not isinstance(value, dt.datetime):
            return None
        zone = ZoneInfo(self.profile.jam_kerja.zona)
        if value.tzinfo is None and utc:
            value = value.replace(tzinfo=dt.UTC)
        if value.tzinfo is not None:
            value = value.astimezone(zone).replace(tzinfo=None)
        return (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)

    def _version_of(
        self, raw: intake.RawForm | None, saved: dt.datetime | None, display: str
    ) -> versions.Version:
        if saved == dt.datetime(self.profile.tahun, 1, 1):
            # The blank form's own fixed stamp (export.build_form): the program that filled it
            # did not record a save, so there is no save time to go by.
            saved = None
        return versions.Version(
            diekspor=self._local(raw.meta.get("diekspor")) if raw is not None else None,
            disimpan=self._local(saved, utc=True),
            diterima=self.now,
            file=display,
        )

    def _kiriman_versions(self, unit_nama: str, digest: str) -> list[versions.Version]:
        """The versions behind the unit's rows in Kiriman (other files than ``digest``).

        The sheet's own Diekspor/Disimpan Unit columns first; for rows written before those
        columns existed, the journal's record of that file. Rows typed in by hand (no
        SHA-256) are no version of a form: a form replaces them as before.
        """
        found: dict[str, versions.Version] = {}
        for r in self.kiriman:
            sha = str(r.get("sha256") or "")
            if r.get("unit") != unit_nama or not sha or sha == digest or sha in found:
                continue
            exported, saved = self._local(r.get("diekspor")), self._local(r.get("disimpan"))
            pos = self._form_at.get(sha)
            if exported is None and saved is None and pos is not None:
                v = self._events[pos].get("versi") or {}
                exported = self._local(v.get("diekspor"))
                saved = self._local(v.get("disimpan"), utc=True)
            found[sha] = versions.Version(
                diekspor=exported,
                disimpan=saved,
                diterima=self._local(r.get("diterima")),
                file=str(r.get("file") or ""),
            )
        return list(found.values())

    def _order(
        self, check: Any, version: versions.Version, digest: str
    ) -> tuple[str, CellProblem] | None:
        """('versi_lama' | 'perlu_dicek', why) when the form may not replace Kiriman's data.

        Older than any version in Kiriman: versi lama. Not orderable against one of them (no
        evidence, or a clock that cannot be right): held. Newer than all: None.
        """
        unknown: tuple[str, CellProblem] | None = None
        for old in self._kiriman_versions(check.unit_nama, digest):
            order = versions.compare(version, old)
            if order.verdict == "older":
                pesan, fix = versions.older_message(
                    check.unit_nama, version, old, order.basis, self.table.sheet
                )
                return "versi_lama", CellProblem(pesan, fix, version.file)
            if order.verdict == "unknown" and unknown is None:
                pesan, fix = versions.unknown_message(
                    check.unit_nama, version, old, order.reason, self.table.sheet
                )
                unknown = ("perlu_dicek", CellProblem(pesan, fix, version.file))
        return unknown

    def _check_sender(self, check: Any, sender: str, display: str) -> None:
        mine = next((u for u in self.profile.unit if u.kode == check.unit), None)
        if mine is not None and mine.email.strip().casefold() == sender:
            return
        other = next(
            (
                u
                for u in self.profile.unit
                if u.kode != check.unit and u.email.strip().casefold() == sender
            ),
            None,
        )
        if other is None:
            return
        check.hold.append(
            CellProblem(
                f"Perlu dicek: formulir {check.unit_nama} ini dikirim dari alamat e-mail "
                f"{other.nama} ({sender}). Mungkin {other.nama} mengisi formulir unit lain; "
                "data tidak dipakai sebelum dipastikan.",
                f"Tanyakan kepada {check.unit_nama}. Bila datanya benar, impor ulang file ini "
                "dengan --paksa; bila bukan, minta tiap unit mengisi formulirnya sendiri.",
                display,
            )
        )

    def _skip(self, display: str, digest: str, note: str, asal: str) -> None:
        report = FileReport(file=display, sha256=digest, status="dilewati", catatan=[note])
        self._record(report, asal, [], [])

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
        *,
        held: list[dict[str, Any]] | None = None,
        versi: dict[str, str] | None = None,
    ) -> None:
        extra: dict[str, Any] = {}
        if held:
            extra["rows_ditahan"] = [
                {k: v for k, v in r.items() if k not in ("file", "sha256")} for r in held
            ]
        if versi:
            extra["versi"] = versi
        if self.triwulan:
            extra["triwulan"] = self.triwulan
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
            **extra,
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
                    **{k: _parse_dt(r.get(k)) for k in ("diterima", "diekspor", "disimpan")},
                    "file": ev.get("file"),
                    "sha256": digest,
                    "sidik": sidik_kiriman(r.get("unit"), r.get("kode"), r.get("realisasi")),
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
        self,
        unit_nama: str,
        rows: list[dict[str, Any]],
        *,
        whole: bool,
        blanked: set[str] | None = None,
    ) -> list[str]:
        """Put ``rows`` in Kiriman for the unit → SHA-256 of the forms whose rows they replace.

        ``whole``: drop all earlier rows of the unit (a fully valid form); otherwise only the
        rows of the same indicators (a partly valid form does not erase valid earlier data
        for the indicators it got wrong).
        """
        kodes = {r.get("kode") for r in rows} | (blanked or set())

        def replaced(r: dict[str, Any]) -> bool:
            return r.get("unit") == unit_nama and (whole or r.get("kode") in kodes)

        old = [r for r in self.kiriman if replaced(r)]
        self.kiriman = [r for r in self.kiriman if not replaced(r)] + rows
        self.changed = True
        return [s for s in dict.fromkeys(str(r.get("sha256") or "") for r in old) if s]

    def _kiriman_row(
        self,
        unit_nama: str,
        row: intake.AcceptedRow,
        display: str,
        digest: str,
        version: versions.Version | None = None,
    ) -> dict[str, Any]:
        quarter: dict[str, Any] = {}
        if self.triwulan:
            quarter = {"triwulan": self.triwulan, "keputusan": row.keputusan}
        return {
            **quarter,
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
            "sidik": sidik_kiriman(unit_nama, row.kode, row.realisasi),
            "diekspor": version.diekspor if version else None,
            "disimpan": version.disimpan if version else None,
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


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _version_order(path: Path) -> dt.datetime:
    """The order files of one batch are processed in: oldest save time first.

    A spreadsheet's own save time (its properties) when it has one, else the file's mtime.
    This only orders the work: whether a form replaces another is decided by evidence
    (:mod:`lkjip_xl.forms.versions`), never by the file's mtime.
    """
    try:
        stat = path.stat()
        mtime = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).replace(tzinfo=None)
        if path.suffix.lower() in EMAIL_SUFFIXES or stat.st_size > safety.MAX_FILE_BYTES:
            return mtime
        return readers_saved_time(path.read_bytes()) or mtime
    except OSError:
        return dt.datetime.min


def readers_saved_time(data: bytes, zone: str = clock.OFFICE_ZONE) -> dt.datetime | None:
    from lkjip_xl.forms import readers

    return readers.saved_time(data, zone)


def _archive_kind(name: str, data: bytes) -> str:
    """'RAR', '7z', … for an archive kind the import cannot open ('' otherwise)."""
    for magic, kind in _ARCHIVE_MAGIC.items():
        if data.startswith(magic):
            return kind
    return _ARCHIVES.get(Path(name).suffix.lower(), "")


def _archive_refusal(kind: str) -> tuple[str, str]:
    return (
        f"Arsip {kind} tidak dapat dibuka oleh aplikasi (hanya .zip yang dapat dibuka).",
        "Ekstrak arsipnya (klik kanan > Extract), lalu impor formulir .xlsx-nya; atau minta "
        "unit mengirim formulirnya tanpa arsip atau sebagai .zip.",
    )


def email_sender(data: bytes) -> str:
    """The sender's address of an e-mail (lower case; '' when none)."""
    from email.utils import parseaddr

    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception:  # pragma: no cover - the parser is lenient
        return ""
    return parseaddr(str(msg.get("From") or ""))[1].strip().casefold()


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
        name = safety.safe_filename(filename, default="lampiran")
        from lkjip_xl.forms import readers

        is_form = (
            ctype in _SPREADSHEET_TYPES
            or name.lower().endswith(_SPREADSHEET_EXT)
            or readers.sniff(payload) in ("xlsx", "xls", "ods")
        )
        out.append((name, payload, is_form))
    return out
