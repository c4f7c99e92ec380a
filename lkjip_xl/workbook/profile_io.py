"""The OPD profile ↔ the tables of the Pengaturan sheet.

``tblProfil`` holds scalar settings as Kunci/Nilai rows; officials, units and
extra days off have tables of their own. Bad values get a message naming the
Pengaturan cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from lkjip_xl.domain.profile import Profile
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter


class TableReader(Protocol):
    """What reading the Pengaturan tables needs of a gateway (no import of the gateway)."""

    path: Path

    def read_rows(self, table: S.Table) -> list[dict[str, Any]]: ...


HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

# key → (path in the profile model, Indonesian explanation)
PROFILE_KEYS: dict[str, tuple[str, str]] = {
    "pemerintah": ("pemerintah", "Nama pemerintah daerah, untuk kop surat dan sampul."),
    "opd": ("opd", "Nama OPD, mis. Kecamatan Wonoasih."),
    "opd_singkat": ("opd_singkat", "Nama singkat tanpa spasi, untuk nama file."),
    "alamat": ("alamat", "Alamat kantor untuk kop surat."),
    "telepon": ("telepon", "Nomor telepon kantor."),
    "email": ("email", "E-mail kantor."),
    "laman": ("laman", "Alamat situs web (boleh kosong)."),
    "kota": ("kota", "Tempat penandatanganan surat, mis. Probolinggo."),
    "kode_unit": ("kode_unit", "Kode unit pada nomor surat, mis. 425.503."),
    "nomor_sop": ("nomor_sop", "Nomor SOP Penyusunan LKjIP."),
    "tahun": ("tahun", "Tahun kinerja yang dilaporkan."),
    "batas_penyampaian": (
        "batas_penyampaian",
        "Batas penyampaian LKjIP (kosong = akhir Februari tahun berikutnya).",
    ),
    "tujuan_surat": ("tujuan_surat", "Tujuan surat pengantar (Yth. ...)."),
    "pola_nomor_surat": (
        "pola_nomor_surat",
        "Pola nomor surat: {kode_klasifikasi}, {urut}, {kode_unit}, {tahun}.",
    ),
    "kode_klasifikasi_surat": ("kode_klasifikasi_surat", "Kode klasifikasi arsip surat."),
    "tembusan": ("tembusan", "Tembusan surat, dipisah titik koma (;)."),
    "jumlah_salinan": ("jumlah_salinan", "Jumlah salinan dokumen LKjIP yang digandakan."),
    "sumber_ikm": ("sumber_ikm", "Kode unit yang mengisi nilai IKM (dipisah koma)."),
    "sumber_sakip": ("sumber_sakip", "Kode unit yang mengisi Nilai SAKIP (dipisah koma)."),
    "zona_waktu": ("jam_kerja.zona", "Zona waktu, mis. Asia/Jakarta (WIB)."),
    "hari_kerja": ("jam_kerja.hari_kerja", "Hari kerja, mis. Senin-Jumat atau Senin,Selasa,..."),
    "jam_mulai": ("jam_kerja.jam_mulai", "Jam masuk kantor (JJ:MM)."),
    "jam_selesai": ("jam_kerja.jam_selesai", "Jam pulang kantor (JJ:MM)."),
    "jam_mulai_jumat": (
        "jam_kerja.jam_mulai_jumat",
        "Jam masuk hari Jumat (JJ:MM; kosong = sama dengan hari lain).",
    ),
    "jam_selesai_jumat": (
        "jam_kerja.jam_selesai_jumat",
        "Jam pulang hari Jumat (JJ:MM; kosong = sama dengan hari lain), mis. 16:30.",
    ),
    "jam_khusus": (
        "jam_kerja.periode_khusus",
        "Periode jam kerja khusus, mis. 'Ramadan 18/02/2026-19/03/2026 08.00-15.00 Jumat "
        "08.00-15.30'; beberapa periode dipisah tanda |. Kosong = tidak ada.",
    ),
    "pelaksana_sop": (
        "pelaksana_sop",
        "Peran pelaksana langkah 1-8 SOP, dipisah koma "
        "(camat, sekcam, kasubbag, kasi_lurah, staf).",
    ),
    "ikm_regulasi": (
        "aturan.ikm_regulasi",
        "2017 = PermenPAN-RB 14/2017 (9 unsur); 2004 = KepMenPAN 25/2004 (14 unsur).",
    ),
    "ikm_bobot": (
        "aturan.ikm_bobot",
        "Tepat = 1/jumlah unsur; dibulatkan tiga desimal = 0,111 per unsur.",
    ),
    "ikm_gabungan": (
        "aturan.ikm_gabungan",
        "Gabungan responden = semua responden digabung; rata-rata = rata-rata indeks unit.",
    ),
    "sakip_skema": ("aturan.sakip_skema", "2021 = PermenPAN-RB 88/2021; 2015 = 12/2015."),
    "capaian_turun": (
        "aturan.capaian_turun",
        "Rumus indikator 'Turun': selisih = (2T-R)/T; rasio = T/R.",
    ),
    "capaian_batas_atas": (
        "aturan.capaian_batas_atas",
        "Batas atas capaian dalam persen (kosong = tidak dibatasi).",
    ),
    "smtp_host": ("surel.smtp_host", "Server SMTP untuk mengirim e-mail (kosong = hanya draf)."),
    "smtp_port": ("surel.smtp_port", "Port SMTP, mis. 587."),
    "smtp_keamanan": ("surel.smtp_keamanan", "STARTTLS, SSL/TLS atau tanpa enkripsi."),
    "smtp_user": ("surel.smtp_user", "Nama pengguna SMTP (kata sandi TIDAK disimpan di sini)."),
    "pengirim": ("surel.pengirim", "Alamat pengirim e-mail."),
    "logo": (
        "logo",
        "Nama file logo (PNG/JPG) di folder workbook, untuk kop surat dan sampul "
        "(kosong = logo.png bila ada).",
    ),
    "penandatangan_surat": (
        "penandatangan_surat",
        "Penanda tangan surat pengantar: Camat, atau Sekcam a.n. Camat.",
    ),
    "reviu_dilakukan": (
        "reviu.dilakukan",
        "Ya = LKjIP sudah direviu APIP; halaman Pernyataan Telah Direviu dimuat.",
    ),
    "reviu_apip": ("reviu.apip", "Nama APIP yang mereviu, mis. Inspektorat Kota ..."),
    "reviu_tanggal": ("reviu.tanggal", "Tanggal pernyataan telah direviu."),
    "reviu_nama": ("reviu.nama", "Nama pejabat APIP yang menandatangani pernyataan reviu."),
    "reviu_nip": ("reviu.nip", "NIP pejabat APIP tersebut."),
    "reviu_jabatan": ("reviu.jabatan", "Jabatan pejabat APIP tersebut."),
    "renstra_periode": (
        "renstra_periode",
        "Periode Renstra, mis. 2025-2029 (judul kolom target tahunan di Format Data).",
    ),
    "tampilkan_pemantauan_sop": (
        "tampilkan_pemantauan_sop",
        "Ya = tabel pemantauan tahapan SOP ikut dimuat di LKjIP final (draf selalu memuat).",
    ),
    "kepala_daerah": (
        "kepala_daerah",
        "Jabatan kepala daerah, pihak kedua Perjanjian Kinerja Camat, mis. Wali Kota ...",
    ),
    "nama_kepala_daerah": ("nama_kepala_daerah", "Nama kepala daerah (tanpa NIP)."),
    "tanggal_dpa": (
        "tanggal_dpa",
        "Tanggal DPA tahun ini; Perjanjian Kinerja ditandatangani paling lambat sebulan "
        "sesudahnya.",
    ),
    "kode_pos": ("kode_pos", "Kode pos kantor (5 angka), dicetak di kop surat (boleh kosong)."),
    "perwali_nomor": (
        "perwali_nomor",
        "Nomor Peraturan Wali Kota/Bupati tentang susunan organisasi kecamatan yang dikutip "
        "LKjIP (Dasar Hukum dan Bab I).",
    ),
    "perwali_tahun": ("perwali_tahun", "Tahun peraturan tersebut, mis. 2021."),
    "perwali_tentang": ("perwali_tentang", "Judul peraturan tersebut (kata setelah 'tentang')."),
    "istilah_asing": (
        "istilah_asing",
        "Istilah asing tambahan yang dicetak miring di LKjIP, dipisah koma (daftar bawaan "
        "sudah memuat bandwidth, door to door, monitoring, online, website, e-mail, dll.).",
    ),
    "batas_triwulan_hari": (
        "batas_triwulan_hari",
        "Jumlah hari kerja setelah triwulan berakhir untuk mengembalikan formulir triwulan "
        "(bawaan 10).",
    ),
}

_BOOL_KEYS = {"reviu_dilakukan", "tampilkan_pemantauan_sop"}
_TIME_KEYS = ("jam_mulai", "jam_selesai", "jam_mulai_jumat", "jam_selesai_jumat")

OPTION_LABELS: dict[str, dict[str, str]] = {
    "ikm_bobot": {"exact": "Tepat (1/jumlah unsur)", "0.111": "Dibulatkan tiga desimal"},
    "ikm_gabungan": {"pooled": "Gabungan responden", "mean": "Rata-rata indeks unit"},
    "smtp_keamanan": {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": "Tanpa enkripsi"},
}
"""Setting key → engine code → the Indonesian label the sheet shows (and its dropdown offers).

The engine keeps its codes; reading accepts the label or the code (older workbooks)."""

ROLE_OPTIONS: dict[str, str] = {
    "camat": "Camat",
    "sekcam": "Sekcam",
    "kasubbag": "Kasubbag",
    "kasi_lurah": "Kasi/Lurah",
    "staf": "Staf",
}
"""tblPejabat Peran: engine code → the label the sheet shows (the code is still read)."""


def role_code(value: Any) -> Any:
    """The engine code of a Peran label or code typed in the sheet (others unchanged)."""
    typed = " ".join(str(value or "").split()).casefold()
    for code, label in ROLE_OPTIONS.items():
        if typed in (code, label.casefold()):
            return code
    return value


KEY_LABELS: dict[str, str] = {
    "pemerintah": "Pemerintah daerah",
    "opd": "Nama OPD",
    "opd_singkat": "Nama singkat OPD",
    "alamat": "Alamat kantor",
    "telepon": "Telepon",
    "email": "E-mail kantor",
    "laman": "Situs web",
    "kota": "Kota tempat surat",
    "kode_unit": "Kode unit surat",
    "nomor_sop": "Nomor SOP",
    "tahun": "Tahun kinerja",
    "batas_penyampaian": "Batas penyampaian",
    "tujuan_surat": "Tujuan surat pengantar",
    "pola_nomor_surat": "Pola nomor surat",
    "kode_klasifikasi_surat": "Kode klasifikasi surat",
    "tembusan": "Tembusan",
    "jumlah_salinan": "Jumlah salinan",
    "sumber_ikm": "Unit pengisi IKM",
    "sumber_sakip": "Unit pengisi Nilai SAKIP",
    "zona_waktu": "Zona waktu",
    "hari_kerja": "Hari kerja",
    "jam_mulai": "Jam masuk",
    "jam_selesai": "Jam pulang",
    "pelaksana_sop": "Pelaksana langkah SOP",
    "ikm_regulasi": "Regulasi IKM",
    "ikm_bobot": "Bobot unsur IKM",
    "ikm_gabungan": "IKM keseluruhan",
    "sakip_skema": "Skema SAKIP",
    "capaian_turun": "Rumus indikator Turun",
    "capaian_batas_atas": "Batas atas capaian",
    "smtp_host": "Server SMTP",
    "smtp_port": "Port SMTP",
    "smtp_keamanan": "Keamanan SMTP",
    "smtp_user": "Pengguna SMTP",
    "pengirim": "Alamat pengirim",
    "jam_mulai_jumat": "Jam masuk hari Jumat",
    "jam_selesai_jumat": "Jam pulang hari Jumat",
    "jam_khusus": "Jam kerja khusus (mis. Ramadan)",
    "logo": "Logo kantor",
    "penandatangan_surat": "Penanda tangan surat",
    "reviu_dilakukan": "Sudah direviu APIP",
    "reviu_apip": "APIP yang mereviu",
    "reviu_tanggal": "Tanggal reviu",
    "reviu_nama": "Nama pejabat APIP",
    "reviu_nip": "NIP pejabat APIP",
    "reviu_jabatan": "Jabatan pejabat APIP",
    "renstra_periode": "Periode Renstra",
    "tampilkan_pemantauan_sop": "Pemantauan SOP di LKjIP final",
    "kepala_daerah": "Kepala daerah",
    "nama_kepala_daerah": "Nama kepala daerah",
    "tanggal_dpa": "Tanggal DPA",
    "kode_pos": "Kode pos",
    "perwali_nomor": "Nomor Perwali organisasi",
    "perwali_tahun": "Tahun Perwali organisasi",
    "perwali_tentang": "Judul Perwali organisasi",
    "istilah_asing": "Istilah asing (cetak miring)",
    "batas_triwulan_hari": "Batas formulir triwulan (hari kerja)",
}
"""Setting key → the human label shown first in the Keterangan column (the Kunci column, which
the reader needs, is hidden on the sheet)."""


def key_label(key: str) -> str:
    return KEY_LABELS.get(key) or key.replace("_", " ").capitalize()


def option_label(key: str, code: Any) -> Any:
    """The label shown for an option code (other values unchanged)."""
    return OPTION_LABELS.get(key, {}).get(str(code), code) if code is not None else None


def option_code(key: str, value: Any) -> Any:
    """The engine code of a label or code typed in the sheet (other values unchanged)."""
    labels = OPTION_LABELS.get(key)
    if not labels or value is None:
        return value
    typed = " ".join(str(value).split()).casefold()
    for code, label in labels.items():
        if typed in (code.casefold(), label.casefold()):
            return code
    if key == "ikm_bobot" and typed.startswith("tepat"):
        return "exact"
    if key == "ikm_bobot" and typed.startswith("dibulatkan"):
        return "0.111"
    return value


_LIST_KEYS = {
    "tembusan": ";",
    "sumber_ikm": ",",
    "sumber_sakip": ",",
    "pelaksana_sop": ",",
    "istilah_asing": ",",
}


def _get(model: dict[str, Any], path: str) -> Any:
    cur: Any = model
    for part in path.split("."):
        cur = cur.get(part) if isinstance(cur, dict) else None
    return cur


def _set(model: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    cur = model
    for part in parts[:-1]:
        cur = cur.setdefault(part, {})
    cur[parts[-1]] = value


def _days_to_text(days: list[int]) -> str:
    if days == [0, 1, 2, 3, 4]:
        return "Senin-Jumat"
    if days == [0, 1, 2, 3, 4, 5]:
        return "Senin-Sabtu"
    return ",".join(HARI[d] for d in days)


def _days_from_text(text: str) -> list[int]:
    t = text.replace(" ", "")
    lower = [h.lower() for h in HARI]
    if "-" in t:
        a, b = t.lower().split("-", 1)
        return list(range(lower.index(a), lower.index(b) + 1))
    return [lower.index(p.lower()) for p in t.split(",") if p]


def _yes_no(value: Any) -> bool:
    """``Ya``/``Tidak`` (also TRUE/FALSE, 1/0, blank = Tidak) → bool; anything else is refused."""
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().casefold()
    if text in ("ya", "y", "true", "1", "benar"):
        return True
    if text in ("tidak", "t", "false", "0", "", "none"):
        return False
    raise ValueError(value)


def _to_text(key: str, value: Any) -> Any:
    if key in _LIST_KEYS:
        return (_LIST_KEYS[key] + " ").join(value or [])
    if key == "hari_kerja":
        return _days_to_text(value)
    if key in _BOOL_KEYS:
        return "Ya" if value else "Tidak"
    if key == "jam_khusus":
        from lkjip_xl.domain.profile import SpecialHours
        from lkjip_xl.domain.worktime import format_periods

        return format_periods(SpecialHours.model_validate(p) for p in value or []) or None
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return option_label(key, value)


def profile_to_tables(profile: Profile) -> dict[str, list[dict[str, Any]]]:
    """Rows for tblProfil, tblPejabat, tblUnit and tblLibur."""
    model = profile.model_dump(mode="python")
    profil = [
        {
            "kunci": key,
            "nilai": _to_text(key, _get(model, path)),
            "keterangan": f"{key_label(key)}: {note}",
        }
        for key, (path, note) in PROFILE_KEYS.items()
    ]
    pejabat = [
        {**o.model_dump(), "peran": ROLE_OPTIONS.get(o.peran, o.peran)} for o in profile.pejabat
    ]
    unit = [
        {**u.model_dump(), "unit_layanan": "Ya" if u.unit_layanan else "Tidak"}
        for u in profile.unit
    ]
    libur = [
        {"tanggal": d, "keterangan": "Libur tambahan"} for d in profile.jam_kerja.libur_tambahan
    ]
    return {S.PROFIL.name: profil, S.PEJABAT.name: pejabat, S.UNIT.name: unit, S.LIBUR.name: libur}


def _cell(table: S.Table, row: dict[str, Any], key: str) -> str:
    return f"{col_letter(table.col_index(key))}{row.get('_row', '?')}"


DATE_KEYS = ("batas_penyampaian", "reviu_tanggal", "tanggal_dpa")
"""tblProfil keys holding a date (read from a date cell, an Excel serial or Indonesian text)."""
DATE_HINT = "Tulis tanggal hari/bulan/tahun, mis. 20/02/2026, 20-2-2026 atau 20 Februari 2026."
LIBUR_LABEL = "Hari libur tambahan (kolom Tanggal)"
"""How messages name a cell of tblLibur (the key column of tblProfil is hidden; labels are
what the user sees)."""


def labelled(key: str) -> str:
    """``Periode Renstra (renstra_periode)``: the visible label, the hidden key in brackets."""
    return f"{key_label(key)} ({key})"


def cell_date(value: Any) -> dt.date | None:
    """A date cell's value as a date: a date/datetime, an Excel serial number, or text typed the
    Indonesian way (:func:`~lkjip_xl.domain.worktime.parse_date_text`). Blank → None; anything
    else raises ``ValueError``."""
    from lkjip_xl.domain.worktime import parse_date_text

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 36526 <= value <= 73415:  # 1 Jan 2000 .. 31 Dec 2100 as an Excel serial number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ValueError(value)
    return parse_date_text(str(value))


_PYDANTIC_ID: dict[str, str] = {
    "date_from_datetime_parsing": "bukan tanggal",
    "date_parsing": "bukan tanggal",
    "date_type": "bukan tanggal",
    "time_parsing": "bukan jam (JJ:MM)",
    "time_type": "bukan jam (JJ:MM)",
    "int_parsing": "bukan bilangan bulat",
    "int_from_float": "bukan bilangan bulat",
    "float_parsing": "bukan angka",
    "string_pattern_mismatch": "tidak sesuai bentuk yang diminta",
    "literal_error": "bukan salah satu pilihan",
    "greater_than_equal": "terlalu kecil",
    "less_than_equal": "terlalu besar",
    "too_short": "kurang lengkap",
    "too_long": "terlalu banyak",
    "missing": "belum diisi",
}
"""pydantic error type → Indonesian wording (the English text never reaches a user)."""


def read_profile(
    tables: dict[str, list[dict[str, Any]]], source: str = ""
) -> tuple[Profile, list[CellProblem]]:
    """Build and validate a Profile from Pengaturan rows.

    Returns the profile and the date cells that could not be read (each named by sheet, cell
    and visible label): such a value is left out (``batas_penyampaian`` then falls back to
    the end of February, an unreadable extra day off is not counted) so that commands which do
    not need it keep working; ``lkjip periksa`` lists them. Any other bad value raises
    :class:`LkjipError` naming its cell.
    """
    profile, soft = _read_profile(tables, source)
    return profile, [p for _key, p in soft]


def _read_profile(
    tables: dict[str, list[dict[str, Any]]], source: str
) -> tuple[Profile, list[tuple[str, CellProblem]]]:
    problems: list[CellProblem] = []
    soft: list[tuple[str, CellProblem]] = []
    model: dict[str, Any] = {}
    where: dict[str, tuple[str, str]] = {}  # model path → (key, Nilai cell)
    for row in tables.get(S.PROFIL.name, []):
        key = str(row.get("kunci") or "").strip()
        if key not in PROFILE_KEYS:
            problems.append(
                CellProblem(
                    f"kunci '{key}' tidak dikenal.",
                    "Hapus baris ini atau perbaiki ejaan kuncinya.",
                    source,
                    S.PENGATURAN,
                    _cell(S.PROFIL, row, "kunci"),
                )
            )
            continue
        path = PROFILE_KEYS[key][0]
        cell = _cell(S.PROFIL, row, "nilai")
        where[path] = (key, cell)
        value = row.get("nilai")
        if key in DATE_KEYS:
            try:
                value = cell_date(value)
            except ValueError:
                fallback = (
                    " Sampai diperbaiki dipakai bawaan: akhir Februari tahun berikutnya."
                    if key == "batas_penyampaian"
                    else ""
                )
                problem = CellProblem(
                    f"{labelled(key)}: '{value}' tidak dapat dibaca sebagai tanggal.",
                    DATE_HINT + fallback,
                    source,
                    S.PENGATURAN,
                    cell,
                )
                soft.append((key, problem))
                continue
        try:
            if key in _LIST_KEYS:
                value = [p.strip() for p in str(value or "").split(_LIST_KEYS[key]) if p.strip()]
            elif key == "hari_kerja":
                value = _days_from_text(str(value or "Senin-Jumat"))
            elif key == "jam_khusus":
                from lkjip_xl.domain.worktime import parse_periods

                value = [p.model_dump() for p in parse_periods(str(value or ""))]
            elif key in _TIME_KEYS and isinstance(value, str):
                value = value.strip().replace(".", ":") or None
            elif key in _TIME_KEYS and isinstance(value, dt.datetime):
                value = value.time()
            elif key in _TIME_KEYS and isinstance(value, float):
                minutes = round(value * 24 * 60)  # Excel time fraction
                value = dt.time(minutes // 60, minutes % 60)
            elif key in _BOOL_KEYS:
                value = _yes_no(value)
            elif key in ("reviu_nip", "kode_pos", "perwali_nomor") and isinstance(
                value, int | float
            ):
                value = str(int(value)) if float(value).is_integer() else str(value)
            elif key in (
                "tahun",
                "smtp_port",
                "jumlah_salinan",
                "perwali_tahun",
                "batas_triwulan_hari",
            ) and isinstance(value, float):
                value = int(value)
            elif key in ("ikm_regulasi", "sakip_skema") and isinstance(value, float | int):
                value = str(int(value))
            elif key == "ikm_bobot" and isinstance(value, float):
                value = "0.111"
            elif key in OPTION_LABELS:
                value = option_code(key, value)
        except ValueError as exc:
            problems.append(
                CellProblem(
                    f"{labelled(key)}: {exc}"
                    if key == "jam_khusus"
                    else f"{labelled(key)}: nilai '{value}' tidak dapat dibaca.",
                    PROFILE_KEYS[key][1],
                    source,
                    S.PENGATURAN,
                    cell,
                )
            )
            continue
        if value is not None:
            _set(model, path, value)
    model["pejabat"] = [
        {
            k: (str(v) if k == "nip" and v is not None else role_code(v) if k == "peran" else v)
            for k, v in r.items()
            if not k.startswith("_") and v is not None
        }
        for r in tables.get(S.PEJABAT.name, [])
    ]
    model["unit"] = [
        {
            **{k: v for k, v in r.items() if not k.startswith("_") and v is not None},
            "unit_layanan": str(r.get("unit_layanan") or "Ya").strip().lower() != "tidak",
        }
        for r in tables.get(S.UNIT.name, [])
    ]
    libur = []
    for r in tables.get(S.LIBUR.name, []):
        try:
            d = cell_date(r.get("tanggal"))
        except ValueError:
            d = None
        if d is None:
            problem = CellProblem(
                f"{LIBUR_LABEL}: '{r.get('tanggal')}' tidak dapat dibaca sebagai tanggal; "
                "hari itu belum dihitung sebagai hari libur.",
                DATE_HINT,
                source,
                S.PENGATURAN,
                _cell(S.LIBUR, r, "tanggal"),
            )
            soft.append(("libur", problem))
            continue
        libur.append(d)
    model.setdefault("jam_kerja", {})["libur_tambahan"] = libur
    if problems:
        raise LkjipError(
            f"Sheet Pengaturan di {source or 'workbook'} berisi isian yang salah.", problems
        )
    try:
        return Profile.model_validate(model), soft
    except ValidationError as exc:
        raise LkjipError(
            f"Sheet Pengaturan di {source or 'workbook'} berisi isian yang salah.",
            [_validation_problem(err, where, source) for err in exc.errors()],
        ) from None


def _validation_problem(err: Any, where: dict[str, tuple[str, str]], source: str) -> CellProblem:
    """A pydantic error on the profile model as an Indonesian message naming the cell."""
    loc = [str(p) for p in err["loc"]]
    path = ".".join(loc)
    wording = _PYDANTIC_ID.get(err["type"], "tidak sah")
    if err["type"] == "value_error":  # our own validators speak Indonesian
        wording = "tidak sah: " + str(err["msg"]).removeprefix("Value error, ")
    if path in where:
        key, cell = where[path]
        return CellProblem(
            f"{labelled(key)}: nilai {wording}.",
            PROFILE_KEYS[key][1],
            source,
            S.PENGATURAN,
            cell,
        )
    if path in {p for p, _ in PROFILE_KEYS.values()}:  # a required row is missing
        key = next(k for k, (p, _) in PROFILE_KEYS.items() if p == path)
        return CellProblem(
            f"{labelled(key)}: {wording}.",
            f"Tambahkan baris {key_label(key)} di tabel Profil. {PROFILE_KEYS[key][1]}",
            source,
            S.PENGATURAN,
        )
    tables = {"pejabat": (S.PEJABAT, "tabel Pejabat"), "unit": (S.UNIT, "tabel Unit")}
    if loc and loc[0] in tables and len(loc) >= 3 and loc[1].isdigit():
        table, label = tables[loc[0]]
        column = next((c for c in table.columns if c.key == loc[2]), None)
        first = table.header_row + 1
        return CellProblem(
            f"{label}, kolom {column.header if column else loc[2]}: nilai {wording}.",
            "Perbaiki isian pada sel ini.",
            source,
            S.PENGATURAN,
            f"{col_letter(table.col_index(loc[2]))}{first + int(loc[1])}" if column else "",
        )
    return CellProblem(f"Isian '{path}': nilai {wording}.", "Periksa isian di Pengaturan.", source)


def profile_from_tables(tables: dict[str, list[dict[str, Any]]], source: str = "") -> Profile:
    """Build and validate a Profile from Pengaturan rows; errors name the cell (see
    :func:`read_profile`; unreadable date cells are left out here)."""
    return read_profile(tables, source)[0]


def _pengaturan_tables(gw: TableReader) -> dict[str, list[dict[str, Any]]]:
    return {t.name: gw.read_rows(t) for t in (S.PROFIL, S.PEJABAT, S.UNIT, S.LIBUR)}


def unreadable_dates(gw: TableReader, keys: tuple[str, ...] | None = None) -> list[CellProblem]:
    """Pengaturan date cells that cannot be read (none when the profile itself cannot be read:
    that error is reported on its own). ``keys`` limits them to the tblProfil keys a command
    needs (``"libur"`` = the extra days off)."""
    try:
        soft = _read_profile(_pengaturan_tables(gw), gw.path.name)[1]
    except LkjipError:
        return []
    return [p for key, p in soft if keys is None or key in keys]
