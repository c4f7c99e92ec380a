"""Readiness: the one list of what must be right before the LKjIP can be final.

Every check is declared once here (:data:`CHECKS`) with what it asks, where to fill it in,
its kind (``isian``: a wrong entry, ``kelengkapan``: not yet filled) and the SOP step by which
it must be done. The same list serves

* Beranda's *Persiapan* block (the builder writes one row per check, with a live formula for
  every check Excel can evaluate; :func:`lkjip_xl.workbook.build._persiapan_formulas`),
* ``lkjip periksa`` (every unmet check, naming sheet and cell), and
* the final gate (``lkjip report --tahap final`` refuses while any check is unmet),

so what a final would refuse is shown from day one. The evaluators below are pure: they read
:class:`ReadinessData`, which :mod:`lkjip_xl.actions.readiness` gathers from the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from lkjip_xl.domain.kinerja import Kinerja
from lkjip_xl.domain.narasi import TOPICS, is_extra
from lkjip_xl.domain.profile import (
    Profile,
    is_placeholder_text,
    is_sample_email,
    is_sample_nip,
    is_sample_phone,
)
from lkjip_xl.errors import CellProblem
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter

__all__ = [
    "CHECKS",
    "OFFICIAL_ROLES",
    "PROFILE_REQUIRED",
    "Check",
    "ReadinessData",
    "Unmet",
    "check",
    "evaluate",
    "indicator_fields",
    "is_placeholder",
    "required_topics",
]

PROFILE_REQUIRED: tuple[str, ...] = (
    "pemerintah",
    "opd",
    "alamat",
    "kota",
    "kode_unit",
    "nomor_sop",
    "tahun",
    "tujuan_surat",
)
"""tblProfil keys that must hold a real value (not blank, not a ``(…)`` placeholder)."""

OFFICIAL_ROLES: tuple[tuple[str, str], ...] = (
    ("camat", "Camat"),
    ("sekcam", "Sekcam"),
    ("kasubbag", "Kasubbag"),
)
"""Officials who sign or correct the report: their names and NIPs must be real."""

Kind = Literal["isian", "kelengkapan"]


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    """What must be ready (Indonesian, Beranda's *Yang disiapkan*)."""
    where: str
    """Where to fill it in (Indonesian, Beranda's *Tempat mengisi*)."""
    langkah: int
    """The SOP step before which it must be done (1–7); every check blocks the final."""
    jenis: Kind = "kelengkapan"
    excel: bool = True
    """Whether Beranda evaluates it with a formula (else: *Periksa Isian* tells)."""
    blocks_final: bool = True
    """False for a note the office may decide to leave (it never refuses a final)."""


CHECKS: tuple[Check, ...] = (
    Check(
        "profil",
        "Profil OPD terisi (nama, alamat, kota, kode unit, nomor SOP, tahun, tujuan surat)",
        "Pengaturan, tabel Profil, kolom Nilai",
        1,
    ),
    Check(
        "pejabat",
        "Nama Camat, Sekcam dan Kasubbag terisi (bukan '(Nama …)')",
        "Pengaturan, tabel Pejabat, kolom Nama",
        1,
    ),
    Check(
        "batas",
        "Batas penyampaian tahun laporan belum lewat",
        "Pengaturan, Tahun laporan dan Batas penyampaian",
        1,
    ),
    Check(
        "format",
        "Format Data berisi indikator untuk setiap unit, dengan target tahun ini",
        "Format Data, kolom Penanggung Jawab dan Target",
        2,
    ),
    Check(
        "email",
        "E-mail pejabat dan unit asli (bukan alamat contoh @contoh.go.id)",
        "Pengaturan, kolom E-mail tabel Pejabat dan Unit, E-mail kantor",
        2,
    ),
    Check(
        "skm",
        "Jawaban SKM atau hasil olahan IKM ada",
        "SKM, tabel kiri (jawaban) atau kanan (olahan)",
        4,
    ),
    Check(
        "sakip",
        "Nilai SAKIP tahun laporan dan tahun sebelumnya",
        "SAKIP, satu baris per tahun",
        4,
    ),
    Check("anggaran", "Pagu dan realisasi anggaran", "Anggaran, kolom Pagu dan Realisasi", 4),
    Check(
        "anggaran_sasaran",
        "Sasaran program/kegiatan di Anggaran ada di Format Data",
        "Anggaran, kolom Sasaran",
        4,
        "isian",
        excel=False,
    ),
    Check("renstra", "Periode Renstra terisi (mis. 2025-2029)", "Pengaturan, Periode Renstra", 4),
    Check(
        "perwali",
        "Nomor dan tahun Perwali organisasi kecamatan terisi (dikutip di Dasar Hukum)",
        "Pengaturan, Nomor Perwali organisasi dan Tahun Perwali organisasi",
        4,
    ),
    Check(
        "realisasi",
        "Setiap indikator punya realisasi",
        "Kiriman (Impor Kiriman), SKM/SAKIP, atau Realisasi Koreksi di Format Data",
        4,
    ),
    Check(
        "narasi",
        "Uraian wajib di sheet Narasi terisi",
        "Narasi, kolom Isi",
        4,
    ),
    Check(
        "narasi_indikator",
        "Uraian per indikator terisi (faktor, kendala, solusi sesuai capaian)",
        "Format Data (kolom uraian) atau formulir unit",
        4,
    ),
    Check(
        "koreksi",
        "Setiap Realisasi Koreksi disertai alasan",
        "Format Data, kolom Alasan Koreksi",
        4,
        "isian",
    ),
    Check(
        "narasi_kunci",
        "Kunci di sheet Narasi dikenal (tidak diganti)",
        "Narasi, kolom Kunci",
        4,
        "isian",
    ),
    Check(
        "kiriman_diubah",
        "Nilai Kiriman tidak diketik ulang setelah impor",
        "Kiriman (impor ulang) atau Realisasi Koreksi di Format Data",
        4,
        "isian",
        excel=False,
    ),
    Check(
        "kiriman_tahun",
        "Kiriman berasal dari formulir tahun laporan",
        "Kiriman (Workbook Tahun Baru untuk tahun berikutnya)",
        4,
        excel=False,
    ),
    Check(
        "isian",
        "Semua isian sah (angka, tanggal, pilihan)",
        "Semua sheet: jalankan Periksa Isian",
        4,
        "isian",
        excel=False,
    ),
    Check(
        "target_renstra",
        "Target tahun ini sama dengan Target Renstra Tahun ke-n (atau memang ditetapkan lain)",
        "Format Data, kolom Target dan Target Renstra Tahun ke-n",
        2,
        excel=False,
        blocks_final=False,
    ),
    Check(
        "dari_tahun_belum_selesai",
        "Workbook tidak dibuat dari tahun sebelumnya yang belum selesai",
        "Log (Tahun baru DIPAKSA): periksa Realisasi N-1 di Format Data",
        4,
        excel=False,
        blocks_final=False,
    ),
    Check(
        "nip",
        "NIP Camat, Sekcam dan Kasubbag asli (18 digit, bukan NIP contoh)",
        "Pengaturan, tabel Pejabat, kolom NIP",
        7,
    ),
    Check(
        "telepon",
        "Telepon kantor asli (bukan (0335) 000000)",
        "Pengaturan, Telepon",
        7,
    ),
    Check(
        "reviu",
        "Data reviu APIP lengkap bila sudah direviu",
        "Pengaturan, baris Reviu (APIP, tanggal, nama, NIP)",
        7,
    ),
    Check(
        "pk_dpa",
        "Perjanjian Kinerja ditandatangani paling lambat sebulan setelah DPA",
        "Pengaturan, Tanggal DPA; tanggal PK: lkjip pk --tanggal (dicatat di Log)",
        1,
        "isian",
        excel=False,
        blocks_final=False,
    ),
)
"""The one readiness list, in the order Beranda shows it."""

_BY_KEY = {c.key: c for c in CHECKS}


@dataclass
class ReadinessData:
    """Everything the checks read, gathered once (:func:`lkjip_xl.actions.readiness.gather`)."""

    file: str
    profil: list[dict[str, Any]]
    pejabat: list[dict[str, Any]]
    unit: list[dict[str, Any]]
    format_rows: list[dict[str, Any]]
    narasi_rows: list[dict[str, Any]] | None
    """None for a workbook without the Narasi sheet."""
    anggaran_rows: list[dict[str, Any]]
    sakip_rows: list[dict[str, Any]]
    skm_answered: bool
    olahan_units: bool
    profile: Profile | None
    kinerja: Kinerja | None
    kiriman_rows: list[dict[str, Any]]
    other_year_rows: list[int]
    """Kiriman rows whose form the journal imported for another report year."""
    started: set[int]
    today: dt.date
    finished: set[int] = field(default_factory=set)
    year_notes: dict[str, list[CellProblem]] = field(default_factory=dict)
    """The report-year notes of :mod:`lkjip_xl.workbook.year_checks` (gateway based)."""
    isian: list[CellProblem] = field(default_factory=list)
    """Wrong entries anywhere (``problems_in_workbook``)."""
    pk_tanggal: dt.date | None = None
    """Signing date of the year's newest Perjanjian Kinerja (journal), None before one."""


@dataclass(frozen=True)
class Unmet:
    check: Check
    problems: list[CellProblem]


def is_placeholder(value: Any) -> bool:
    """Blank, or a ``(Nama Camat)``-style placeholder."""
    return is_placeholder_text(value)


def _norm(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value or "").casefold().split())


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _addr(table: S.Table, key: str, row: int) -> str:
    return f"{col_letter(table.col_index(key))}{row}"


def _next_row(table: S.Table, rows: list[dict[str, Any]]) -> int:
    return max((r["_row"] for r in rows), default=table.header_row) + 1


def _angka(value: Any) -> str:
    from lkjip_xl.domain.kinerja import angka_pendek

    return angka_pendek(value) if isinstance(value, int | float) else _text(value)


def _role(value: Any) -> str:
    from lkjip_xl.workbook.profile_io import role_code

    return _norm(role_code(value))


def _profil_row(d: ReadinessData, key: str) -> dict[str, Any] | None:
    return next((r for r in d.profil if _text(r.get("kunci")) == key), None)


def _profil_cell(d: ReadinessData, key: str) -> str:
    row = _profil_row(d, key)
    return _addr(S.PROFIL, "nilai", row["_row"]) if row else ""


def _label(key: str) -> str:
    from lkjip_xl.workbook.profile_io import key_label

    return key_label(key)


# -- the checks ----------------------------------------------------------------------------------


def _profil(d: ReadinessData) -> list[CellProblem]:
    missing = [
        k for k in PROFILE_REQUIRED if is_placeholder((_profil_row(d, k) or {}).get("nilai"))
    ]
    if not missing:
        return []
    return [
        CellProblem(
            "profil OPD belum lengkap: "
            + ", ".join(_label(k) for k in missing)
            + " kosong atau masih contoh.",
            "Isi kolom Nilai baris tersebut di tabel Profil.",
            d.file,
            S.PENGATURAN,
            _profil_cell(d, missing[0]),
        )
    ]


def _pejabat(d: ReadinessData) -> list[CellProblem]:
    out = []
    for role, label in OFFICIAL_ROLES:
        rows = [r for r in d.pejabat if _role(r.get("peran")) == role]
        if not rows:
            cell = _addr(S.PEJABAT, "peran", _next_row(S.PEJABAT, d.pejabat))
        elif all(is_placeholder(r.get("nama")) for r in rows):
            cell = _addr(S.PEJABAT, "nama", rows[0]["_row"])
        else:
            continue
        out.append(
            CellProblem(
                f"nama {label} belum diisi (masih '{_text((rows or [{}])[0].get('nama'))}').",
                "Ganti '(Nama …)' dengan nama lengkap pejabat (dipakai di tanda tangan laporan "
                "dan surat).",
                d.file,
                S.PENGATURAN,
                cell,
            )
        )
    return out


def _nip(d: ReadinessData) -> list[CellProblem]:
    out = []
    for role, label in OFFICIAL_ROLES:
        for r in d.pejabat:
            if _role(r.get("peran")) == role and is_sample_nip(r.get("nip")):
                nip = _text(r.get("nip"))
                out.append(
                    CellProblem(
                        f"NIP {label} '{nip or 'kosong'}' bukan NIP pejabat yang sebenarnya "
                        "(kosong, bukan 18 digit, atau NIP contoh bawaan).",
                        "Tulis NIP 18 digit pejabat tersebut.",
                        d.file,
                        S.PENGATURAN,
                        _addr(S.PEJABAT, "nip", r["_row"]),
                    )
                )
    return out


def _email(d: ReadinessData) -> list[CellProblem]:
    out = []
    cells: list[tuple[str, Any]] = [
        (_addr(S.PEJABAT, "email", r["_row"]), r.get("email")) for r in d.pejabat
    ]
    cells += [(_addr(S.UNIT, "email", r["_row"]), r.get("email")) for r in d.unit]
    office = _profil_row(d, "email")
    if office is not None:
        cells.append((_profil_cell(d, "email"), office.get("nilai")))
    for cell, value in cells:
        if is_sample_email(value):
            out.append(
                CellProblem(
                    f"e-mail '{_text(value)}' masih alamat contoh.",
                    "Tulis alamat e-mail yang sebenarnya (formulir dan pengingat dikirim ke "
                    "alamat ini), atau kosongkan.",
                    d.file,
                    S.PENGATURAN,
                    cell,
                )
            )
    return out


def _telepon(d: ReadinessData) -> list[CellProblem]:
    row = _profil_row(d, "telepon")
    if row is None or not is_sample_phone(row.get("nilai")):
        return []
    return [
        CellProblem(
            f"Telepon kantor '{_text(row.get('nilai'))}' masih nomor contoh.",
            "Tulis nomor telepon kantor (dicetak di kop surat), atau kosongkan.",
            d.file,
            S.PENGATURAN,
            _profil_cell(d, "telepon"),
        )
    ]


def _reviu(d: ReadinessData) -> list[CellProblem]:
    row = _profil_row(d, "reviu_dilakukan")
    if row is None or _norm(row.get("nilai")) not in ("ya", "true", "1"):
        return []
    out = []
    for key in ("reviu_apip", "reviu_tanggal", "reviu_nama", "reviu_nip", "reviu_jabatan"):
        r = _profil_row(d, key)
        value = (r or {}).get("nilai")
        bad = is_sample_nip(value) if key == "reviu_nip" else is_placeholder(value)
        if bad:
            out.append(
                CellProblem(
                    f"{_label(key)} belum diisi atau masih contoh ('{_text(value)}'), padahal "
                    "Sudah direviu APIP = Ya.",
                    "Isi dari Pernyataan Telah Direviu yang ditandatangani APIP.",
                    d.file,
                    S.PENGATURAN,
                    _profil_cell(d, key),
                )
            )
    return out


def _renstra(d: ReadinessData) -> list[CellProblem]:
    row = _profil_row(d, "renstra_periode")
    if row is not None and not is_placeholder(row.get("nilai")):
        return []
    return [
        CellProblem(
            "Periode Renstra belum diisi (Bab II menyebut tahun ke berapa dari Renstra).",
            "Tulis periode Renstra, mis. 2025-2029, pada baris Periode Renstra.",
            d.file,
            S.PENGATURAN,
            _profil_cell(d, "renstra_periode"),
        )
    ]


def _perwali(d: ReadinessData) -> list[CellProblem]:
    missing = [
        k
        for k in ("perwali_nomor", "perwali_tahun")
        if is_placeholder((_profil_row(d, k) or {}).get("nilai"))
    ]
    if not missing:
        return []
    return [
        CellProblem(
            "Nomor/tahun Peraturan Wali Kota tentang susunan organisasi kecamatan belum diisi "
            "(LKjIP mengutipnya tanpa nomor dan tahun).",
            f"Isi {' dan '.join(_label(k) for k in missing)} di tabel Profil, mis. nomor 64 "
            "tahun 2021, sesuai peraturan yang berlaku.",
            d.file,
            S.PENGATURAN,
            _profil_cell(d, missing[0]),
        )
    ]


def _batas(d: ReadinessData) -> list[CellProblem]:
    from lkjip_xl.workbook.year_checks import deadline_problem

    if d.profile is None:
        return []
    key = "batas_penyampaian" if d.profile.batas_penyampaian else "tahun"
    return deadline_problem(d.profile, 8 in d.finished, d.today, d.file, _profil_cell(d, key))


def _target_renstra(d: ReadinessData) -> list[CellProblem]:
    return list(d.year_notes.get("target_renstra", []))


def _dari_tahun_belum_selesai(d: ReadinessData) -> list[CellProblem]:
    return list(d.year_notes.get("dari_tahun_belum_selesai", []))


def _format(d: ReadinessData) -> list[CellProblem]:
    fmt = [r for r in d.format_rows if _norm(r.get("kode"))]
    if not fmt:
        return [
            CellProblem(
                "Format Data belum berisi indikator.",
                "Isi satu baris per indikator: kode, sasaran, indikator, satuan, target dan "
                "penanggung jawab.",
                d.file,
                S.FORMAT_DATA,
                _addr(S.FORMAT, "kode", S.FORMAT.header_row + 1),
            )
        ]
    if d.profile is None:
        return []
    without = []
    p = d.profile
    no_target = [r for r in fmt if r.get("target") is None]
    for unit in p.form_units:
        names = {_norm(unit.nama), _norm(unit.kode)}
        count = sum(1 for r in fmt if _norm(r.get("penanggung_jawab")) in names)
        for jenis, sources in (("ikm", p.sumber_ikm), ("sakip", p.sumber_sakip)):
            if unit.kode in sources:
                count += sum(1 for r in fmt if _norm(r.get("jenis")) == jenis)
        if not count:
            without.append(unit.nama)
    out = [
        CellProblem(
            f"target {r['kode']} tahun {p.tahun} belum diisi.",
            "Isi target tahun ini dari Perjanjian Kinerja (atau dari kolom Target Renstra "
            "Tahun ke-n yang sesuai).",
            d.file,
            S.FORMAT_DATA,
            _addr(S.FORMAT, "target", r["_row"]),
        )
        for r in no_target
    ]
    if not without:
        return out
    return [
        *out,
        CellProblem(
            "unit tanpa indikator di Format Data: " + ", ".join(without) + ".",
            "Tambahkan indikator dengan unit itu sebagai Penanggung Jawab, atau hapus unit "
            "itu dari tabel Unit bila memang tidak mengisi formulir.",
            d.file,
            S.FORMAT_DATA,
            _addr(S.FORMAT, "penanggung_jawab", _next_row(S.FORMAT, fmt)),
        ),
    ]


def _skm(d: ReadinessData) -> list[CellProblem]:
    if d.skm_answered or d.olahan_units:
        return []
    skm = S.skm_table(d.profile.aturan.ikm_regulasi if d.profile else "2017")
    return [
        CellProblem(
            "belum ada jawaban SKM maupun hasil olahan IKM.",
            "Tempel jawaban responden (1–4 per unsur) di tabel kiri, atau ketik hasil olahan "
            "(mis. Portal Emas) di tabel kanan.",
            d.file,
            S.SKM,
            _addr(skm, "unit", skm.header_row + 1),
        )
    ]


def _sakip(d: ReadinessData) -> list[CellProblem]:
    years = {
        int(r["tahun"])
        for r in d.sakip_rows
        if isinstance(r.get("tahun"), int | float) and r.get("perencanaan") is not None
    }
    tahun = d.profile.tahun if d.profile else None
    if tahun is None:
        return []
    lacking = []
    if tahun not in years:
        lacking.append(f"tahun {tahun}")
    if not any(y < tahun for y in years):
        lacking.append("tahun-tahun sebelumnya")
    if not lacking:
        return []
    return [
        CellProblem(
            "Nilai SAKIP belum diisi untuk " + " dan ".join(lacking) + ".",
            "Isi nilai per komponen dari LHE SAKIP, satu baris per tahun.",
            d.file,
            S.SAKIP,
            _addr(S.SAKIP_T, "tahun", _next_row(S.SAKIP_T, d.sakip_rows)),
        )
    ]


def _anggaran(d: ReadinessData) -> list[CellProblem]:
    out = []
    rows = [r for r in d.anggaran_rows if _text(r.get("nama"))]
    if not any(isinstance(r.get("pagu"), int | float) for r in rows):
        first = rows[0]["_row"] if rows else S.ANGGARAN_T.header_row + 1
        cell = _addr(S.ANGGARAN_T, "pagu", first)
        if rows:  # the programmes are listed (e.g. carried into a new year): their figures
            cell += ":" + _addr(S.ANGGARAN_T, "realisasi", rows[-1]["_row"])
        return [
            CellProblem(
                "pagu dan realisasi anggaran belum diisi.",
                "Isi Pagu dan Realisasi setiap program/kegiatan (kolom Pagu dan Realisasi).",
                d.file,
                S.ANGGARAN,
                cell,
            )
        ]
    for r in rows:
        if isinstance(r.get("pagu"), int | float) and r.get("realisasi") is None:
            out.append(
                CellProblem(
                    f"realisasi anggaran '{_text(r.get('nama'))}' belum diisi.",
                    "Isi realisasi belanja (0 bila memang belum terserap).",
                    d.file,
                    S.ANGGARAN,
                    _addr(S.ANGGARAN_T, "realisasi", r["_row"]),
                )
            )
    return out


def _anggaran_sasaran(d: ReadinessData) -> list[CellProblem]:
    """Anggaran rows linked to a sasaran Format Data does not have (issue 20)."""
    known = {_norm(r.get("sasaran")): _text(r.get("sasaran")) for r in d.format_rows}
    known.pop("", None)
    choices = "; ".join(f"'{v}'" for v in known.values()) or "(Format Data belum berisi sasaran)"
    return [
        CellProblem(
            f"sasaran '{_text(r.get('sasaran'))}' untuk '{_text(r.get('nama'))}' tidak ada di "
            "Format Data, sehingga program/kegiatan ini dianggap belum dihubungkan ke sasaran.",
            f"Tulis persis salah satu sasaran di kolom Sasaran Format Data: {choices}; atau "
            "kosongkan sel ini.",
            d.file,
            S.ANGGARAN,
            _addr(S.ANGGARAN_T, "sasaran", r["_row"]),
        )
        for r in d.anggaran_rows
        if _text(r.get("nama")) and _norm(r.get("sasaran")) and _norm(r.get("sasaran")) not in known
    ]


def _realisasi(d: ReadinessData) -> list[CellProblem]:
    if d.kinerja is None:
        return []
    rows = {_text(r.get("kode")): r for r in d.format_rows}
    out = []
    for f in d.kinerja.tanpa_realisasi:
        row = rows.get(f.kode)
        out.append(
            CellProblem(
                f"Indikator {f.kode or f.no} ({f.indikator}) belum punya realisasi.",
                "Impor formulir unit penanggung jawabnya (Impor Kiriman), isi SKM/SAKIP untuk "
                "indikator IKM/SAKIP, atau tulis Realisasi Koreksi dengan alasannya.",
                d.file,
                S.FORMAT_DATA,
                _addr(S.FORMAT, "kode", row["_row"]) if row else "",
            )
        )
    return out


def required_topics(d: ReadinessData) -> list[str]:
    """Narasi keys the report needs filled (serapan_anggaran only with a low absorption)."""
    low = any(
        isinstance(r.get("pagu"), int | float)
        and r["pagu"] > 0
        and isinstance(r.get("realisasi"), int | float)
        and r["realisasi"] / r["pagu"] * 100 < 89.995
        for r in d.anggaran_rows
    )
    return [t.key for t in TOPICS if t.wajib and (t.key != "serapan_anggaran" or low)]


def _narasi(d: ReadinessData) -> list[CellProblem]:
    if d.narasi_rows is None:
        return []
    by_key = {}
    for r in d.narasi_rows:
        by_key.setdefault(_text(r.get("kunci")), r)
    out = []
    titles = {t.key: t.judul for t in TOPICS}
    for key in required_topics(d):
        row = by_key.get(key)
        if row is not None and _text(row.get("isi")):
            continue
        out.append(
            CellProblem(
                f"uraian '{titles[key]}' belum diisi.",
                "Tulis uraiannya di kolom Isi (atau di kotak isian dokumen Word, lalu Ambil "
                "Narasi dari Word).",
                d.file,
                S.NARASI,
                _addr(S.NARASI_T, "isi", row["_row"])
                if row
                else _addr(S.NARASI_T, "kunci", _next_row(S.NARASI_T, d.narasi_rows)),
            )
        )
    return out


def _narasi_kunci(d: ReadinessData) -> list[CellProblem]:
    if d.narasi_rows is None:
        return []
    known = {t.key for t in TOPICS}
    return [
        CellProblem(
            f"kunci '{_text(r.get('kunci'))}' tidak dikenal: uraian di baris ini tidak masuk "
            "laporan.",
            "Kembalikan kunci aslinya (lihat kolom Judul); kunci menghubungkan baris ini dengan "
            "bagian laporan.",
            d.file,
            S.NARASI,
            _addr(S.NARASI_T, "kunci", r["_row"]),
        )
        for r in d.narasi_rows
        if _text(r.get("kunci"))
        and _text(r.get("kunci")) not in known
        and not is_extra(_text(r.get("kunci")))  # "Tambahan dari Word" rows (issue 20)
    ]


FIELD_RULE: dict[str, tuple[str, ...]] = {
    "tercapai": ("faktor",),
    "tidak": ("faktor", "kendala", "solusi"),
    "kosong": ("kendala",),
}
"""Per-indicator narratives a final needs, by whether the target was met (report's rule)."""


def indicator_fields(tercapai: bool | None) -> tuple[str, ...]:
    return FIELD_RULE["kosong" if tercapai is None else "tercapai" if tercapai else "tidak"]


def _narasi_indikator(d: ReadinessData) -> list[CellProblem]:
    if d.kinerja is None:
        return []
    from lkjip_xl.domain.narasi import INDICATOR_FIELDS

    headers = {f.key: f.header for f in INDICATOR_FIELDS}
    rows = {_text(r.get("kode")): r for r in d.format_rows}
    out = []
    for f in d.kinerja.indikator:
        row = rows.get(f.kode)
        for key in indicator_fields(f.tercapai):
            if getattr(f, key):
                continue
            out.append(
                CellProblem(
                    f"{f.kode}: '{headers[key]}' belum diisi (unit {f.penanggung_jawab or '-'} "
                    "tidak mengirimnya).",
                    "Minta unit mengisinya di formulir, atau tulis sendiri di kolom ini.",
                    d.file,
                    S.FORMAT_DATA,
                    _addr(S.FORMAT, key, row["_row"]) if row else "",
                )
            )
    return out


def _koreksi(d: ReadinessData) -> list[CellProblem]:
    out = []
    for r in d.format_rows:
        value, reason = r.get("realisasi_koreksi"), _text(r.get("alasan_koreksi"))
        if value is not None and not reason:
            out.append(
                CellProblem(
                    f"{_text(r.get('kode'))}: Realisasi Koreksi {_angka(value)} tanpa alasan, "
                    "sehingga "
                    "tidak dipakai.",
                    "Tulis alasan koreksinya (mis. 'kiriman unit salah ketik, dikonfirmasi "
                    "15/01'), atau kosongkan Realisasi Koreksi.",
                    d.file,
                    S.FORMAT_DATA,
                    _addr(S.FORMAT, "alasan_koreksi", r["_row"]),
                )
            )
    return out


def _kiriman_diubah(d: ReadinessData) -> list[CellProblem]:
    if d.kinerja is None:
        return []
    out = []
    for f in d.kinerja.indikator:
        if not f.kiriman_diubah:
            continue
        sheet, _, cell = f.sumber_sel.partition("!")
        out.append(
            CellProblem(
                f"{f.kode}: realisasi {_angka(f.realisasi)} di Kiriman diketik ulang setelah impor "
                "(tidak sama dengan formulir unit yang diterima).",
                "Impor ulang formulir unit itu, atau tulis angka yang benar sebagai Realisasi "
                "Koreksi di Format Data beserta alasannya.",
                d.file,
                sheet,
                cell,
            )
        )
    return out


def _kiriman_tahun(d: ReadinessData) -> list[CellProblem]:
    if not d.other_year_rows:
        return []
    rows = d.other_year_rows
    tahun = d.profile.tahun if d.profile else "laporan"
    return [
        CellProblem(
            f"{len(rows)} baris Kiriman berasal dari formulir tahun lain, bukan tahun {tahun}; "
            "angkanya ikut dipakai.",
            "Untuk tahun baru pakai Workbook Tahun Baru (Kiriman dikosongkan), lalu kirim "
            "formulir tahun ini.",
            d.file,
            S.KIRIMAN,
            _addr(S.KIRIMAN_T, "file", rows[0]),
        )
    ]


def _pk_dpa(d: ReadinessData) -> list[CellProblem]:
    """A PK signed (or still unsigned) more than one month after the DPA (issue 22)."""
    from lkjip_xl.domain.pk import batas_pk, terlambat

    dpa = d.profile.tanggal_dpa if d.profile is not None else None
    if dpa is None:
        return []
    batas = batas_pk(dpa)
    cell = _profil_cell(d, "tanggal_dpa")
    if d.pk_tanggal is not None and terlambat(dpa, d.pk_tanggal):
        return [
            CellProblem(
                f"Perjanjian Kinerja ditandatangani {d.pk_tanggal:%d/%m/%Y}, lebih dari sebulan "
                f"setelah DPA {dpa:%d/%m/%Y} (batas {batas:%d/%m/%Y}).",
                "Catatan saja: jelaskan keterlambatan bila diminta evaluator; periksa Tanggal DPA "
                "bila keliru.",
                d.file,
                S.PENGATURAN,
                cell,
            )
        ]
    # A missing PK is a reminder during the performance year only: afterwards (the LKjIP is
    # written in the next year) a PK signed outside this workbook is the usual case.
    if d.pk_tanggal is None and batas < d.today and d.today.year <= dpa.year:
        return [
            CellProblem(
                f"Perjanjian Kinerja belum dibuat, padahal sudah lebih dari sebulan setelah DPA "
                f"{dpa:%d/%m/%Y} (batas {batas:%d/%m/%Y}).",
                "Buat PK dengan tombol Perjanjian Kinerja atau 'lkjip pk --tanggal ...'.",
                d.file,
                S.PENGATURAN,
                cell,
            )
        ]
    return []


def _isian(d: ReadinessData) -> list[CellProblem]:
    return list(d.isian)


_EVALUATORS: dict[str, Callable[[ReadinessData], list[CellProblem]]] = {
    "profil": _profil,
    "pejabat": _pejabat,
    "batas": _batas,
    "format": _format,
    "email": _email,
    "skm": _skm,
    "sakip": _sakip,
    "anggaran": _anggaran,
    "anggaran_sasaran": _anggaran_sasaran,
    "renstra": _renstra,
    "perwali": _perwali,
    "realisasi": _realisasi,
    "narasi": _narasi,
    "narasi_indikator": _narasi_indikator,
    "koreksi": _koreksi,
    "narasi_kunci": _narasi_kunci,
    "kiriman_diubah": _kiriman_diubah,
    "kiriman_tahun": _kiriman_tahun,
    "isian": _isian,
    "target_renstra": _target_renstra,
    "dari_tahun_belum_selesai": _dari_tahun_belum_selesai,
    "nip": _nip,
    "telepon": _telepon,
    "reviu": _reviu,
    "pk_dpa": _pk_dpa,
}


def evaluate(d: ReadinessData) -> list[Unmet]:
    """Every unmet check, in :data:`CHECKS` order, each with its problems (sheet and cell)."""
    out = []
    for check in CHECKS:
        problems = _EVALUATORS[check.key](d)
        if problems:
            out.append(Unmet(check, problems))
    return out


def check(key: str) -> Check:
    return _BY_KEY[key]
