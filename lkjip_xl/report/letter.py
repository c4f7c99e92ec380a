"""Outgoing letter numbers (the register) and the cover letter document (SOP step 8).

The journal is the source of truth for letter numbers; the ``Register Surat``
sheet is a view rebuilt from it. A number is reserved under the journal's lock
(read the last number, append the next one, release), so two staff PCs or two
processes never get the same number. A cancelled number stays in the journal
marked ``Batal`` and is never issued again. The sequence restarts each
calendar year of the letter date (the ``{tahun}`` of the number).

Journal events written here:

* ``surat_nomor``: ``urut``, ``nomor``, ``tahun``, ``tanggal``, ``hal``, ``tujuan``,
  ``sumber`` (``lkjip`` or ``register`` for numbers typed into the sheet by hand);
* ``surat_batal``: ``nomor``, ``alasan``;
* ``surat_dibuat``: ``nomor``, ``file``, ``sha256``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from lkjip_xl import clock
from lkjip_xl.domain.profile import Profile
from lkjip_xl.errors import LkjipError
from lkjip_xl.journal import Journal
from lkjip_xl.report import fmt

__all__ = [
    "EV_BATAL",
    "EV_DIBUAT",
    "EV_LAPORAN_LATER",
    "EV_NOMOR",
    "LetterNumber",
    "default_hal",
    "format_nomor",
    "letter_context",
    "letter_numbers",
    "register_rows",
    "render_letter",
    "reserve_number",
    "signatory",
    "sync_register",
    "tembusan",
    "void_number",
]

EV_NOMOR = "surat_nomor"
EV_BATAL = "surat_batal"
EV_DIBUAT = "surat_dibuat"
EV_LAPORAN_LATER = "final_setelah_surat"
"""A final version made after a letter was issued for an earlier one (with the reason)."""


class LetterNumber(BaseModel):
    """One entry of the register of outgoing letters."""

    model_config = ConfigDict(extra="forbid")

    urut: int
    nomor: str
    tahun: int
    tanggal: dt.date
    hal: str = ""
    tujuan: str = ""
    status: Literal["Terpakai", "Batal"] = "Terpakai"
    keterangan: str = ""
    dicatat: dt.datetime | None = None
    file: str = ""
    versi: int | None = None
    """The LKjIP version (final) the letter accompanies."""
    versi_kemudian: list[int] = []
    """Final versions of the same year made after the letter (each with a reason, in the Log)."""


def default_hal(profile: Profile) -> str:
    return (
        f"Penyampaian Laporan Kinerja Instansi Pemerintah (LKjIP) {profile.opd} "
        f"Tahun {profile.tahun}"
    )


def format_nomor(profile: Profile, urut: int, tahun: int) -> str:
    """The letter number from the profile's pattern, e.g. ``050/12/425.503/2026``."""
    pola = profile.pola_nomor_surat
    if "{urut}" not in pola:
        raise LkjipError(
            f"Pola nomor surat '{pola}' tidak memuat {{urut}}, sehingga setiap surat akan "
            "bernomor sama. Tambahkan {urut} pada Pola nomor surat (pola_nomor_surat) di "
            "sheet Pengaturan."
        )
    try:
        return pola.format(
            kode_klasifikasi=profile.kode_klasifikasi_surat,
            urut=urut,
            kode_unit=profile.kode_unit,
            tahun=tahun,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise LkjipError(
            f"Pola nomor surat '{pola}' tidak dapat dipakai ({exc}). Gunakan hanya "
            "{kode_klasifikasi}, {urut}, {kode_unit} dan {tahun}."
        ) from None


def _local_time(iso: str, zona: str) -> dt.datetime | None:
    try:
        t = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    if t.tzinfo is not None:
        t = t.astimezone(ZoneInfo(zona)).replace(tzinfo=None)
    return t.replace(microsecond=0)


def letter_numbers(journal: Journal, zona: str = "Asia/Jakarta") -> list[LetterNumber]:
    """Every number in the journal with its status, in order of year and sequence."""
    events = journal.events()
    numbers: dict[str, LetterNumber] = {}
    for e in events:
        kind = e.get("jenis")
        if kind == EV_NOMOR:
            numbers[e["nomor"]] = LetterNumber(
                urut=int(e["urut"]),
                nomor=e["nomor"],
                tahun=int(e["tahun"]),
                tanggal=dt.date.fromisoformat(e["tanggal"]),
                hal=e.get("hal", ""),
                tujuan=e.get("tujuan", ""),
                keterangan=e.get("keterangan", ""),
                dicatat=_local_time(e.get("waktu", ""), zona),
            )
        elif kind == EV_BATAL and e.get("nomor") in numbers:
            n = numbers[e["nomor"]]
            n.status = "Batal"
            n.keterangan = f"Batal: {e.get('alasan', '')}".strip()
        elif kind == EV_DIBUAT and e.get("nomor") in numbers:
            numbers[e["nomor"]].file = e.get("file", "")
            if e.get("laporan_versi") is not None:
                numbers[e["nomor"]].versi = int(e["laporan_versi"])
        elif kind == EV_LAPORAN_LATER:
            for n in numbers.values():
                if n.nomor == e.get("nomor") and e.get("versi") is not None:
                    n.versi_kemudian.append(int(e["versi"]))
    return sorted(numbers.values(), key=lambda n: (n.tahun, n.urut, n.nomor))


def reserve_number(
    journal: Journal,
    profile: Profile,
    *,
    tanggal: dt.date,
    hal: str,
    tujuan: str,
    used: Iterable[tuple[int, int]] = (),
) -> LetterNumber:
    """Reserve the next letter number atomically (under the journal's lock).

    The next ``urut`` is one more than the highest of the letter year in the
    journal (cancelled numbers included, so they are never reissued) and in
    ``used`` (``(tahun, urut)`` pairs found elsewhere, e.g. typed into the sheet).
    """
    tahun = tanggal.year
    with journal.transaction():
        events = journal.events(EV_NOMOR)
        taken = {int(e["urut"]) for e in events if int(e["tahun"]) == tahun}
        taken |= {u for (y, u) in used if y == tahun}
        existing = {e["nomor"] for e in events}
        urut = max(taken, default=0) + 1
        nomor = format_nomor(profile, urut, tahun)
        while nomor in existing:  # a hand-typed number with another sequence; skip past it
            urut += 1
            nomor = format_nomor(profile, urut, tahun)
        event = journal.append(
            EV_NOMOR,
            urut=urut,
            nomor=nomor,
            tahun=tahun,
            tanggal=tanggal.isoformat(),
            hal=hal,
            tujuan=tujuan,
            sumber="lkjip",
        )
    return LetterNumber(
        urut=urut,
        nomor=nomor,
        tahun=tahun,
        tanggal=tanggal,
        hal=hal,
        tujuan=tujuan,
        dicatat=_local_time(event["waktu"], profile.jam_kerja.zona),
    )


def void_number(journal: Journal, nomor: str, alasan: str) -> LetterNumber:
    """Mark a number as cancelled (Batal). It stays in the register and is never reissued."""
    alasan = alasan.strip()
    if not alasan:
        raise LkjipError("Tuliskan alasan pembatalan nomor surat (mis. 'salah tujuan').")
    with journal.transaction():
        known = {n.nomor: n for n in letter_numbers(journal)}
        if nomor not in known:
            raise LkjipError(
                f"Nomor surat '{nomor}' tidak ada di register. Periksa penulisannya "
                "(lihat sheet Register Surat)."
            )
        if known[nomor].status == "Batal":
            raise LkjipError(f"Nomor surat '{nomor}' sudah dibatalkan sebelumnya.")
        journal.append(EV_BATAL, nomor=nomor, alasan=alasan)
    n = known[nomor]
    n.status = "Batal"
    n.keterangan = f"Batal: {alasan}"
    return n


def _note(n: LetterNumber) -> str:
    parts = []
    if n.versi is not None:
        parts.append(f"Pengantar LKjIP versi {n.versi}")
    if n.file:
        parts.append(Path(n.file).name)
    if n.versi_kemudian:
        later = ", ".join(str(v) for v in n.versi_kemudian)
        parts.append(f"surat ini merujuk versi {n.versi}; versi final {later} dibuat kemudian")
    return "; ".join(parts)


def register_rows(journal: Journal, zona: str = "Asia/Jakarta") -> list[dict[str, Any]]:
    """Rows for the ``Register Surat`` sheet (the view of the journal)."""
    return [
        {
            "urut": n.urut,
            "nomor": n.nomor,
            "tanggal": n.tanggal,
            "hal": n.hal,
            "tujuan": n.tujuan,
            "status": n.status,
            "keterangan": n.keterangan or _note(n),
            "dicatat": n.dicatat,
        }
        for n in letter_numbers(journal, zona)
    ]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _urut_from(value: Any, nomor: str, profile: Profile) -> int | None:
    if isinstance(value, int | float) and float(value).is_integer() and value > 0:
        return int(value)
    # read the sequence out of the number by the pattern
    pola = re.escape(profile.pola_nomor_surat)
    for key, val in (
        ("kode_klasifikasi", profile.kode_klasifikasi_surat),
        ("kode_unit", profile.kode_unit),
    ):
        pola = pola.replace(re.escape("{" + key + "}"), re.escape(val))
    pola = pola.replace(re.escape("{urut}"), r"(?P<urut>\d+)").replace(
        re.escape("{tahun}"), r"\d{4}"
    )
    m = re.fullmatch(pola, nomor.strip())
    return int(m.group("urut")) if m else None


def sync_register(
    sheet_rows: list[dict[str, Any]], profile: Profile, journal: Journal
) -> list[dict[str, Any]]:
    """Bring numbers typed into the Register Surat sheet by hand into the journal.

    A row whose Nomor Surat the journal does not know is recorded (``sumber=register``),
    so its sequence is never issued again; a hand-marked ``Batal`` is recorded too.
    Returns the rows the sheet should hold now (the caller writes them).
    """
    with journal.transaction():
        known = {n.nomor: n for n in letter_numbers(journal)}
        for row in sheet_rows:
            nomor = str(row.get("nomor") or "").strip()
            if not nomor:
                continue
            if nomor not in known:
                tanggal = _as_date(row.get("tanggal")) or _as_date(row.get("dicatat"))
                tanggal = tanggal or clock.today()
                urut = _urut_from(row.get("urut"), nomor, profile)
                if urut is None:
                    raise LkjipError(
                        f"Baris {row['_row']} sheet Register Surat: nomor '{nomor}' tidak "
                        "memiliki No Urut. Isi kolom No Urut agar nomor itu tidak terpakai lagi."
                    )
                journal.append(
                    EV_NOMOR,
                    urut=urut,
                    nomor=nomor,
                    tahun=tanggal.year,
                    tanggal=tanggal.isoformat(),
                    hal=str(row.get("hal") or ""),
                    tujuan=str(row.get("tujuan") or ""),
                    keterangan=str(row.get("keterangan") or ""),
                    sumber="register",
                )
                known[nomor] = LetterNumber(
                    urut=urut, nomor=nomor, tahun=tanggal.year, tanggal=tanggal
                )
            if str(row.get("status") or "") == "Batal" and known[nomor].status != "Batal":
                journal.append(
                    EV_BATAL,
                    nomor=nomor,
                    alasan=str(row.get("keterangan") or "ditandai batal di register"),
                )
                known[nomor].status = "Batal"
    return register_rows(journal, profile.jam_kerja.zona)


# -- the document -------------------------------------------------------------------------------


def letter_context(
    profile: Profile,
    number: LetterNumber,
    *,
    lampiran: int = 1,
    sifat: str = "Biasa",
) -> dict[str, Any]:
    """The template context of the cover letter."""
    signer = signatory(profile)
    kontak = " ".join(
        part
        for part in (
            f"Telepon {profile.telepon}" if profile.telepon else "",
            f"Pos-el {profile.email}" if profile.email else "",
            f"Laman {profile.laman}" if profile.laman else "",
        )
        if part
    )
    return {
        "pemerintah": profile.pemerintah.upper(),
        "opd": profile.opd.upper(),
        "alamat": " ".join(x for x in (profile.alamat.strip(), profile.kode_pos) if x),
        "kontak": kontak,
        "kota": profile.kota,
        "tanggal": fmt.tanggal(number.tanggal),
        "nomor": number.nomor,
        "sifat": sifat,
        "lampiran": fmt.dengan_kata(lampiran, "berkas") if lampiran > 0 else "-",
        "hal": number.hal,
        "tujuan": number.tujuan,
        "isi": [
            (
                "Dalam rangka melaksanakan Peraturan Presiden Nomor 29 Tahun 2014 tentang "
                "Sistem Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri "
                "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014, "
                f"bersama ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LKjIP) "
                f"{profile.opd} Tahun {profile.tahun} sebagaimana terlampir."
            ),
            (
                "Demikian untuk menjadi maklum, atas perhatian dan kerja samanya disampaikan "
                "terima kasih."
            ),
        ],
        "penandatangan": signer,
        "tembusan": tembusan(profile),
    }


def signatory(profile: Profile) -> dict[str, Any]:
    """The letter's signature block: the Camat, or the Sekcam "a.n." (on behalf of) the Camat.

    ``baris`` are the lines above the signature space (Tata Naskah Dinas: ``a.n. CAMAT …`` then
    the signer's own title).
    """
    camat = profile.official("camat")
    signer = camat
    baris = [f"{camat.jabatan.upper()},"]
    if profile.penandatangan_surat != "Camat":
        signer = profile.official("sekcam")
        baris = [f"a.n. {camat.jabatan.upper()}", f"{signer.jabatan.upper()},"]
    return {
        "peran": signer.peran,
        "baris": baris,
        "jabatan": signer.jabatan.upper(),
        "nama": signer.nama,
        "pangkat": signer.pangkat,
        "nip": fmt.nip(signer.nip),
    }


_HONORIFICS = ("yth", "kepada", "sdr", "sdri", "bapak", "ibu", "bpk")
_SHORT_TITLES: tuple[tuple[str, str], ...] = (
    ("sekretaris camat", "sekretaris kecamatan"),
    ("sekcam", "sekretaris kecamatan"),
    ("sekret kecamatan", "sekretaris kecamatan"),
    ("kasubbag", "kepala subbagian"),
    ("kasubag", "kepala subbagian"),
    ("kasi", "kepala seksi"),
)
"""Short titles (and their variants) → the full title they stand for."""
_ROLE_TITLES = {"camat": ("camat",), "sekcam": ("sekretaris kecamatan",)}


def _title_words(text: str) -> str:
    """A title as comparable words: lower case, no ``(…)`` remark, no punctuation, no
    ``Yth.``/``Sdr.``, short titles written out (``Sekcam`` → ``sekretaris kecamatan``)."""
    t = re.sub(r"\([^)]*\)", " ", text.casefold())
    t = " ".join(re.sub(r"[^\w]+", " ", t).split())
    words = t.split()
    while words and words[0] in _HONORIFICS:
        words.pop(0)
    t = " ".join(words)
    for short, full in _SHORT_TITLES:
        t = re.sub(rf"\b{short}\b", full, t)
    return " ".join(t.split())


def _names_signer(entry: str, titles: list[str], place: str) -> bool:
    """Whether a tembusan entry names the signer: one of ``titles``, alone or followed by the
    office's place (``Sekcam Wonoasih``, ``Sekretaris Kecamatan Wonoasih Kota Probolinggo``),
    never another office's (``Camat Kademangan``)."""
    words = _title_words(entry)
    for title in titles:
        if words == title:
            return True
        if words.startswith(title + " "):
            rest = words[len(title) + 1 :]
            if place and (rest == place or rest.startswith(place + " ")):
                return True
    return False


def tembusan(profile: Profile) -> list[str]:
    """The copies list without the signatory: a letter is never copied to the one who signs it.

    An entry naming the signer is left out, however it is spelled: the signer's title as in
    Pengaturan (``Sekretaris Kecamatan Wonoasih``), its short form (``Sekcam``, ``Sekcam
    Wonoasih``, ``Sekretaris Camat``) or the bare office (``Sekretaris Kecamatan``). When the
    Sekcam signs on behalf of the Camat, the Camat may still be copied, and the reverse.
    """
    peran = "camat" if profile.penandatangan_surat == "Camat" else "sekcam"
    place = _title_words(re.sub(r"(?i)^\s*kecamatan\s+", "", profile.opd))
    titles = list(_ROLE_TITLES[peran])
    with contextlib.suppress(LkjipError):
        titles.append(_title_words(profile.official(peran).jabatan))
    titles = list(dict.fromkeys(t for t in titles if t))
    return [t for t in profile.tembusan if not _names_signer(t, titles, place)]


def render_letter(template: Path, context: dict[str, Any], out: Path) -> Path:
    """Render the cover letter template to ``out``."""
    from lkjip_xl.report.render import render_template

    return render_template(template, context, out)
