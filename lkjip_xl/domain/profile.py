"""The OPD profile: who the office is, its units and officials, and its rule settings.

The Wonoasih profile is only the shipped default (:func:`default_profile`);
nothing else in the package names Wonoasih. A profile is stored in the
workbook's ``Pengaturan`` sheet and can be loaded from / saved to JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lkjip_xl.errors import CellProblem, LkjipError

UnitKind = Literal["kecamatan", "kelurahan", "seksi", "subbagian", "bidang", "lainnya"]
Role = Literal["camat", "sekcam", "kasubbag", "kasi_lurah", "staf"]

ROLE_LABELS: dict[str, str] = {
    "camat": "Camat",
    "sekcam": "Sekcam",
    "kasubbag": "Kasubbag Program dan Keuangan",
    "kasi_lurah": "Kasi/Lurah",
    "staf": "Staf",
}


DEFAULT_PELAKSANA: tuple[Role, ...] = (
    "camat",
    "kasubbag",
    "kasi_lurah",
    "kasubbag",
    "sekcam",
    "sekcam",
    "camat",
    "kasubbag",
)
"""Role of the pelaksana of SOP steps 1–8 (DOMAIN.md §2; a *setting*: ``pelaksana_sop``)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Official(_Model):
    """A named official (Camat, Sekcam, Kasubbag, …)."""

    peran: Role
    jabatan: str
    nama: str
    nip: str = ""
    pangkat: str = ""
    """Pangkat/golongan, e.g. ``Pembina (IV/a)``."""
    email: str = ""

    @field_validator("nip")
    @classmethod
    def _nip_digits(cls, v: str) -> str:
        digits = v.replace(" ", "")
        if digits and not digits.isdigit():
            raise ValueError("NIP hanya boleh berisi angka (18 digit)")
        return v


class Unit(_Model):
    """A unit that fills a data form (a kelurahan, a seksi) or a unit layanan of the SKM."""

    kode: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    """Short stable id used in file names and form metadata, e.g. ``KEL_PAKISTAJI``."""
    nama: str
    """Display name, e.g. ``Kelurahan Pakistaji``."""
    jenis: UnitKind
    pimpinan: str = ""
    """Title of the head, e.g. ``Lurah Pakistaji`` or ``Kasi Pemerintahan``."""
    nama_pimpinan: str = ""
    email: str = ""
    unit_layanan: bool = True
    """Whether the unit is surveyed in the SKM (has its own IKM)."""


class SpecialHours(_Model):
    """A period with its own office hours (*setting*), e.g. Ramadan by the MenPAN-RB circular."""

    nama: str = ""
    mulai: dt.date
    selesai: dt.date
    jam_mulai: dt.time
    jam_selesai: dt.time
    jam_mulai_jumat: dt.time | None = None
    """Friday's hours in the period (None = as the other days of the period)."""
    jam_selesai_jumat: dt.time | None = None


class WorkingTime(_Model):
    """Office hours for SOP durations (*setting*)."""

    zona: str = "Asia/Jakarta"
    hari_kerja: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4])
    """Weekdays, Monday = 0."""
    jam_mulai: dt.time = dt.time(7, 30)
    jam_selesai: dt.time = dt.time(16, 0)
    jam_mulai_jumat: dt.time | None = None
    """Friday's hours (None = as the other working days)."""
    jam_selesai_jumat: dt.time | None = None
    periode_khusus: list[SpecialHours] = Field(default_factory=list)
    """Periods with their own hours (Ramadan, …); they win over the usual and Friday hours."""
    libur_tambahan: list[dt.date] = Field(default_factory=list)
    """Extra days off staff add in Pengaturan."""


class RuleSettings(_Model):
    """Rule choices DOMAIN.md marks as *setting*; the report states which were used."""

    ikm_regulasi: Literal["2017", "2004"] = "2017"
    ikm_bobot: Literal["exact", "0.111"] = "exact"
    ikm_gabungan: Literal["pooled", "mean"] = "pooled"
    sakip_skema: Literal["2021", "2015"] = "2021"
    capaian_turun: Literal["selisih", "rasio"] = "selisih"
    """Lower-is-better formula: ``(2T − R)/T`` (selisih, default) or ``T/R`` (rasio)."""
    capaian_batas_atas: float | None = None
    """Cap on capaian in percent (None = not capped)."""


class MailSettings(_Model):
    """Outgoing mail (the password is never stored: env var ``LKJIP_SMTP_PASSWORD`` or a prompt)."""

    smtp_host: str = ""
    smtp_port: int = 587
    smtp_keamanan: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_user: str = ""
    pengirim: str = ""
    """From address, e.g. ``kec.wonoasih@probolinggokota.go.id``."""


SignerChoice = Literal["Camat", "Sekcam a.n. Camat"]

PERWALI_TENTANG = (
    "Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Kecamatan dan Kelurahan"
)
"""Default title of the regulation on the kecamatan's organisation (Pengaturan may change it)."""


class ReviewSettings(_Model):
    """The APIP's reviu of the LKjIP (PermenPAN-RB 53/2014): the *Pernyataan Telah Direviu*."""

    dilakukan: bool = False
    apip: str = ""
    """e.g. ``Inspektorat Kota Probolinggo``."""
    tanggal: dt.date | None = None
    nama: str = ""
    """The reviewer who signs the statement."""
    nip: str = ""
    jabatan: str = ""
    """e.g. ``Inspektur Pembantu Wilayah I``."""


class Profile(_Model):
    """Everything that makes one OPD different from another."""

    pemerintah: str
    """e.g. ``Pemerintah Kota Probolinggo``."""
    opd: str
    """e.g. ``Kecamatan Wonoasih``."""
    opd_singkat: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    """Used in file names, e.g. ``Wonoasih``."""
    alamat: str = ""
    telepon: str = ""
    email: str = ""
    laman: str = ""
    kota: str
    """Place in letters and signatures, e.g. ``Probolinggo``."""
    kode_unit: str
    """Unit code in letter numbers, e.g. ``425.503``."""
    nomor_sop: str = ""
    tahun: int = Field(ge=2000, le=2100)
    """The report year (the LKjIP of year ``tahun`` is made early in ``tahun + 1``)."""
    tujuan_surat: str = "Kepala Bagian Organisasi Sekretariat Daerah"
    pola_nomor_surat: str = "{kode_klasifikasi}/{urut}/{kode_unit}/{tahun}"
    kode_klasifikasi_surat: str = "050"
    tembusan: list[str] = Field(default_factory=list)
    jumlah_salinan: int = Field(default=2, ge=0)
    batas_penyampaian: dt.date | None = None
    """LKjIP due date; default end of February of ``tahun + 1``."""
    pejabat: list[Official]
    unit: list[Unit]
    sumber_ikm: list[str] = Field(default_factory=list)
    """Unit kode(s) that supply the IKM row of the data form."""
    sumber_sakip: list[str] = Field(default_factory=list)
    """Unit kode(s) that supply the Nilai SAKIP row."""
    jam_kerja: WorkingTime = Field(default_factory=WorkingTime)
    pelaksana_sop: list[Role] = Field(
        default_factory=lambda: list(DEFAULT_PELAKSANA),
        min_length=8,
        max_length=8,
    )
    """Role of the pelaksana of SOP steps 1–8 (*setting*; see ``domain/sop.py``)."""
    aturan: RuleSettings = Field(default_factory=RuleSettings)
    surel: MailSettings = Field(default_factory=MailSettings)
    logo: str = ""
    """Logo file for the kop and the cover, relative to the workbook's folder (empty: a
    ``logo.png``/``logo.jpg`` beside the workbook, if any)."""
    penandatangan_surat: SignerChoice = "Camat"
    """Who signs the cover letter: the Camat, or the Sekcam on behalf of the Camat (a.n.)."""
    reviu: ReviewSettings = Field(default_factory=ReviewSettings)
    tampilkan_pemantauan_sop: bool = False
    """Whether the final LKjIP keeps the internal SOP monitoring annex (drafts always show it)."""
    kepala_daerah: str = ""
    """Jabatan of the head of the region, pihak kedua of the Camat's Perjanjian Kinerja."""
    nama_kepala_daerah: str = ""
    tanggal_dpa: dt.date | None = None
    """Date of the year's DPA: a Perjanjian Kinerja is due within one month after it."""
    batas_triwulan_hari: int = Field(default=10, ge=1, le=60)
    """Working days after a quarter ends by which the quarter forms are due (issue 22)."""
    renstra_periode: str = Field(default="", pattern=r"^(\d{4}\s*[-–]\s*\d{4})?$")
    """The Renstra period, e.g. ``2025-2029`` (heads the yearly target columns of Format Data)."""
    kode_pos: str = Field(default="", pattern=r"^(\d{5})?$")
    """Postcode of the office, printed in the kop after the address (empty: left out)."""
    perwali_nomor: str = ""
    """Number of the regional head's regulation on the kecamatan's organisation (the Perwali
    the report cites); empty: a Persiapan item says so."""
    perwali_tahun: int | None = Field(default=None, ge=1945, le=2100)
    perwali_tentang: str = PERWALI_TENTANG
    """Title of that regulation (what it is *tentang*)."""
    istilah_asing: list[str] = Field(default_factory=list)
    """Foreign terms italicised in the report besides the built-in list
    (``lkjip_xl/data/istilah_asing.txt``)."""

    @property
    def renstra_tahun(self) -> list[int]:
        """The years of the Renstra period (empty when not set)."""
        if not self.renstra_periode:
            return []
        awal, akhir = (int(y) for y in re.findall(r"\d{4}", self.renstra_periode))
        return list(range(awal, akhir + 1)) if awal <= akhir else []

    @field_validator("penandatangan_surat", mode="before")
    @classmethod
    def _signer(cls, v: object) -> object:
        text = " ".join(str(v or "").split()).casefold()
        if text in ("", "camat"):
            return "Camat"
        if text.startswith("sekcam") or text.startswith("sekretaris"):
            return "Sekcam a.n. Camat"
        return v

    narasi: dict[str, str] = Field(default_factory=dict)
    """Starting texts of the Narasi sheet by topic key (:mod:`lkjip_xl.domain.narasi`); used
    only when a workbook is built (the texts then live in the Narasi sheet, not in Pengaturan,
    so a profile read back from a workbook has none). Missing keys get a generic text or stay
    empty."""

    def official(self, peran: str) -> Official:
        for o in self.pejabat:
            if o.peran == peran:
                return o
        raise LkjipError(
            f"Pejabat dengan peran '{ROLE_LABELS.get(peran, peran)}' belum diisi.",
            [
                CellProblem(
                    "Peran tidak ditemukan.",
                    "Isi tabel Pejabat di sheet Pengaturan.",
                    sheet="Pengaturan",
                )
            ],
        )

    def unit_by_kode(self, kode: str) -> Unit:
        for u in self.unit:
            if u.kode == kode:
                return u
        raise LkjipError(f"Unit dengan kode '{kode}' tidak ada di tabel Unit (sheet Pengaturan).")

    def due_date(self) -> dt.date:
        return self.batas_penyampaian or dt.date(
            self.tahun + 1, 2, 28 if (self.tahun + 1) % 4 else 29
        )

    @property
    def form_units(self) -> list[Unit]:
        """Units that receive a data form (everything but the kecamatan office itself)."""
        return [u for u in self.unit if u.jenis != "kecamatan"]

    @property
    def service_units(self) -> list[Unit]:
        """SKM unit layanan."""
        return [u for u in self.unit if u.unit_layanan]


def default_profile(tahun: int = 2025) -> Profile:
    """The shipped default: Kecamatan Wonoasih, Kota Probolinggo (placeholder names and NIP)."""
    kelurahan = [
        "Wonoasih",
        "Jrebeng Kidul",
        "Pakistaji",
        "Kedunggaleng",
        "Kedungasem",
        "Sumbertaman",
    ]
    seksi = [
        ("PEM", "Seksi Pemerintahan"),
        ("TRANTIB", "Seksi Ketenteraman dan Ketertiban Umum"),
        ("PM", "Seksi Pemberdayaan Masyarakat"),
        ("KESOS", "Seksi Kesejahteraan Sosial"),
        ("PU", "Seksi Pelayanan Umum"),
    ]
    units = [
        Unit(
            kode="KECAMATAN",
            nama="Kecamatan Wonoasih",
            jenis="kecamatan",
            pimpinan="Camat Wonoasih",
        )
    ]
    units += [
        Unit(
            kode="KEL_" + k.upper().replace(" ", "_"),
            nama=f"Kelurahan {k}",
            jenis="kelurahan",
            pimpinan=f"Lurah {k}",
            email=f"kel.{k.lower().replace(' ', '')}@contoh.go.id",
        )
        for k in kelurahan
    ]
    units += [
        Unit(
            kode=kode,
            nama=nama,
            jenis="seksi",
            pimpinan=nama.replace("Seksi", "Kasi"),
            email=f"{kode.lower()}.wonoasih@contoh.go.id",
            unit_layanan=False,
        )
        for kode, nama in seksi
    ]
    return Profile(
        pemerintah="Pemerintah Kota Probolinggo",
        opd="Kecamatan Wonoasih",
        opd_singkat="Wonoasih",
        alamat="Jl. Raya Wonoasih, Kota Probolinggo",
        telepon="(0335) 000000",
        email="kec.wonoasih@contoh.go.id",
        kota="Probolinggo",
        kode_unit="425.503",
        nomor_sop="SOP / P.2.2.2 / 2 / 425.503 / 2025",
        tahun=tahun,
        tujuan_surat="Kepala Bagian Organisasi Sekretariat Daerah Kota Probolinggo",
        tembusan=["Yth. Inspektur Kota Probolinggo", "Arsip"],
        kepala_daerah="Wali Kota Probolinggo",
        nama_kepala_daerah="(Nama Wali Kota)",
        pejabat=[
            Official(
                peran="camat",
                jabatan="Camat Wonoasih",
                nama="(Nama Camat)",
                nip="197001011990031001",
                pangkat="Pembina (IV/a)",
                email="camat.wonoasih@contoh.go.id",
            ),
            Official(
                peran="sekcam",
                jabatan="Sekretaris Kecamatan Wonoasih",
                nama="(Nama Sekcam)",
                nip="197502022000032002",
                pangkat="Penata Tingkat I (III/d)",
                email="sekcam.wonoasih@contoh.go.id",
            ),
            Official(
                peran="kasubbag",
                jabatan="Kepala Subbagian Program dan Keuangan",
                nama="(Nama Kasubbag)",
                nip="198003032005011003",
                pangkat="Penata (III/c)",
                email="program.wonoasih@contoh.go.id",
            ),
            Official(
                peran="staf",
                jabatan="Staf Subbagian Program dan Keuangan",
                nama="(Nama Staf)",
                nip="199004042015022004",
                pangkat="Pengatur (II/c)",
            ),
        ],
        unit=units,
        sumber_ikm=["PU"],
        sumber_sakip=["PEM"],
        narasi=_wonoasih_narasi(),
    )


def _wonoasih_narasi() -> dict[str, str]:
    """What is known of Kecamatan Wonoasih's narratives before the office writes them."""
    from lkjip_xl.domain.narasi import default_text

    return {
        "dasar_hukum": default_text("dasar_hukum").replace(
            "tentang Pemerintahan Daerah;",
            "tentang Pemerintahan Daerah;\nPeraturan Pemerintah Nomor 17 Tahun 2018 tentang "
            "Kecamatan;",
        ),
        "tugas_fungsi": "\n".join(
            (
                "Camat mempunyai tugas membantu Wali Kota dalam penyelenggaraan urusan "
                "pemerintahan yang dilimpahkan dan tugas umum pemerintahan di wilayah "
                "kecamatan (Peraturan Pemerintah Nomor 17 Tahun 2018), dengan fungsi:",
                "penyelenggaraan urusan pemerintahan umum;",
                "pengoordinasian kegiatan pemberdayaan masyarakat;",
                "pengoordinasian upaya penyelenggaraan ketenteraman dan ketertiban umum;",
                "pengoordinasian penerapan dan penegakan peraturan daerah dan peraturan wali kota;",
                "pengoordinasian pemeliharaan prasarana dan sarana pelayanan umum;",
                "pengoordinasian penyelenggaraan kegiatan pemerintahan di tingkat kecamatan;",
                "pembinaan dan pengawasan penyelenggaraan kegiatan kelurahan;",
                "pelaksanaan urusan pemerintahan yang menjadi kewenangan daerah yang tidak "
                "dilaksanakan oleh unit kerja perangkat daerah yang ada di kecamatan;",
                "pelaksanaan tugas lain yang diberikan oleh Wali Kota.",
            )
        ),
    }


def load_profile(path: Path) -> Profile:
    """Load a profile from a JSON file, with Indonesian messages for every bad field."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LkjipError(f"File profil tidak ditemukan: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LkjipError(
            f"File profil {path} bukan JSON yang sah (baris {getattr(exc, 'lineno', '?')}). "
            "Perbaiki penulisannya atau buat ulang dengan 'lkjip build-workbook'."
        ) from None
    return validate_profile(raw, source=str(path))


def validate_profile(raw: object, source: str = "profil") -> Profile:
    try:
        return Profile.model_validate(raw)
    except ValidationError as exc:
        problems = [
            CellProblem(
                pesan=f"isian '{'.'.join(str(p) for p in err['loc'])}' tidak sah ({err['msg']}).",
                perbaikan="Periksa nilai ini di Pengaturan.",
                file=source,
            )
            for err in exc.errors()
        ]
        raise LkjipError(f"Profil OPD di {source} tidak sah.", problems) from None


def save_profile(profile: Profile, path: Path) -> None:
    Path(path).write_text(profile.model_dump_json(indent=2), encoding="utf-8")


# -- sample values shipped in the default profile: they count as not filled ---------------------

SAMPLE_NIPS: frozenset[str] = frozenset(o.nip for o in default_profile().pejabat)
"""The NIPs of the shipped default profile (examples, not anyone's NIP)."""
SAMPLE_EMAIL_MARKS: tuple[str, ...] = ("@contoh.", "@example.")
"""An e-mail address containing one of these is an example (``camat@contoh.go.id``)."""
SAMPLE_PHONE_MARK = "000000"
"""A telephone number containing six zeros in a row (``(0335) 000000``) is an example."""


def is_placeholder_text(value: object) -> bool:
    """Blank, or a ``(Nama Camat)``/``[…]``-style placeholder."""
    text = "" if value is None else str(value).strip()
    return not text or (text[0], text[-1]) in (("(", ")"), ("[", "]"))


def is_sample_nip(value: object) -> bool:
    """Not a real 18-digit NIP: blank, wrong length, not digits, one digit repeated, or one of
    the shipped examples."""
    digits = "" if value is None else str(value).replace(" ", "")
    return (
        len(digits) != 18 or not digits.isdigit() or len(set(digits)) == 1 or digits in SAMPLE_NIPS
    )


def is_sample_email(value: object) -> bool:
    text = "" if value is None else str(value).casefold()
    return any(mark in text for mark in SAMPLE_EMAIL_MARKS)


def is_sample_phone(value: object) -> bool:
    text = "" if value is None else str(value).replace(" ", "")
    return SAMPLE_PHONE_MARK in text
