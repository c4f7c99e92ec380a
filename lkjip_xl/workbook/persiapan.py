"""Persiapan: what must be in the workbook before SOP step 1 (Beranda's checklist).

The builder lays the items out on Beranda with live Excel formulas; :func:`check_persiapan`
is the same list computed by Python from the input columns (``lkjip periksa`` reports every
unmet item as a warning naming the sheet and cell to fill).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.workbook.gateway import Gateway

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
"""Officials who sign or correct the report: their names must be filled in."""


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    """What must be ready (Indonesian, shown on Beranda)."""
    where: str
    """Where to fill it in (Indonesian, shown on Beranda)."""


ITEMS: tuple[Item, ...] = (
    Item(
        "batas",
        "Batas penyampaian LKjIP tahun laporan belum lewat (atau LKjIP-nya sudah disampaikan)",
        "Pengaturan, Tahun kinerja; tahun berikutnya: tombol Workbook Tahun Baru",
    ),
    Item(
        "profil",
        "Profil OPD terisi (nama, alamat, kota, kode unit, nomor SOP, tahun, tujuan surat)",
        "Pengaturan, tabel Profil, kolom Nilai",
    ),
    Item(
        "pejabat",
        "Nama Camat, Sekcam dan Kasubbag terisi (bukan '(Nama …)')",
        "Pengaturan, tabel Pejabat, kolom Nama",
    ),
    Item(
        "format",
        "Format Data berisi indikator untuk setiap unit, dengan target tahun ini",
        "Format Data, kolom Penanggung Jawab dan Target",
    ),
    Item(
        "skm",
        "Jawaban SKM atau hasil olahan IKM ada",
        "SKM, tabel kiri (jawaban) atau kanan (olahan)",
    ),
    Item(
        "sakip",
        "Nilai SAKIP tahun laporan dan tahun sebelumnya",
        "SAKIP, satu baris per tahun",
    ),
    Item("anggaran", "Pagu dan realisasi anggaran", "Anggaran, kolom Pagu dan Realisasi"),
)

_PLACEHOLDER = re.compile(r"^\(.*\)$", re.DOTALL)


def is_placeholder(value: Any) -> bool:
    """Blank, or a ``(Nama Camat)``-style placeholder."""
    text = "" if value is None else str(value).strip()
    return not text or bool(_PLACEHOLDER.match(text))


def _norm(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value or "").casefold().split())


def _addr(table: S.Table, key: str, row: int) -> str:
    return f"{col_letter(table.col_index(key))}{row}"


def _next_row(table: S.Table, rows: list[dict[str, Any]]) -> int:
    return max((r["_row"] for r in rows), default=table.header_row) + 1


def check_persiapan(gw: Gateway) -> dict[str, CellProblem | None]:
    """Item key → None when ready, else a warning naming the sheet and cell to fill."""
    from lkjip_xl.workbook.year_checks import deadline_passed

    src = gw.path.name
    out: dict[str, CellProblem | None] = {}
    out["batas"] = next(iter(deadline_passed(gw)), None)

    # Profile.
    profil = gw.read_rows(S.PROFIL)
    by_key = {str(r.get("kunci") or "").strip(): r for r in profil}
    missing = [k for k in PROFILE_REQUIRED if is_placeholder(by_key.get(k, {}).get("nilai"))]
    if missing:
        row = by_key.get(missing[0])
        cell = _addr(S.PROFIL, "nilai", row["_row"]) if row else ""
        from lkjip_xl.workbook.profile_io import key_label

        out["profil"] = CellProblem(
            "profil OPD belum lengkap: "
            + ", ".join(key_label(k) for k in missing)
            + " kosong atau masih contoh.",
            "Isi kolom Nilai pada baris tersebut di tabel Profil.",
            src,
            S.PENGATURAN,
            cell,
        )
    else:
        out["profil"] = None

    # Officials.
    pejabat = gw.read_rows(S.PEJABAT)
    unfilled: list[tuple[str, str]] = []
    for role, label in OFFICIAL_ROLES:
        rows = [r for r in pejabat if _norm(r.get("peran")) == role]
        if not rows:
            unfilled.append((label, _addr(S.PEJABAT, "peran", _next_row(S.PEJABAT, pejabat))))
        elif all(is_placeholder(r.get("nama")) for r in rows):
            unfilled.append((label, _addr(S.PEJABAT, "nama", rows[0]["_row"])))
    out["pejabat"] = (
        CellProblem(
            "nama pejabat belum diisi: " + ", ".join(label for label, _ in unfilled) + ".",
            "Ganti '(Nama …)' dengan nama lengkap pejabat (dipakai di tanda tangan laporan "
            "dan surat).",
            src,
            S.PENGATURAN,
            unfilled[0][1],
        )
        if unfilled
        else None
    )

    # Format Data: every unit that fills a form has at least one indicator.
    fmt = [r for r in gw.read_rows(S.FORMAT) if _norm(r.get("kode"))]
    try:
        profile = gw.profile()
    except LkjipError:
        profile = None
    if not fmt:
        out["format"] = CellProblem(
            "Format Data belum berisi indikator.",
            "Isi satu baris per indikator: kode, sasaran, indikator, satuan, target dan "
            "penanggung jawab.",
            src,
            S.FORMAT_DATA,
            _addr(S.FORMAT, "kode", S.FORMAT.header_row + 1),
        )
    elif profile is not None:
        without = []
        for unit in profile.form_units:
            names = {_norm(unit.nama), _norm(unit.kode)}
            count = sum(1 for r in fmt if _norm(r.get("penanggung_jawab")) in names)
            for jenis, sources in (("ikm", profile.sumber_ikm), ("sakip", profile.sumber_sakip)):
                if unit.kode in sources:
                    count += sum(1 for r in fmt if _norm(r.get("jenis")) == jenis)
            if not count:
                without.append(unit.nama)
        no_target = [r for r in fmt if r.get("target") is None]
        out["format"] = (
            CellProblem(
                "unit tanpa indikator di Format Data: " + ", ".join(without) + ".",
                "Tambahkan indikator dengan unit itu sebagai Penanggung Jawab, atau hapus unit "
                "itu dari tabel Unit bila memang tidak mengisi formulir.",
                src,
                S.FORMAT_DATA,
                _addr(S.FORMAT, "penanggung_jawab", _next_row(S.FORMAT, fmt)),
            )
            if without
            else CellProblem(
                f"target tahun {profile.tahun} belum diisi untuk indikator "
                + ", ".join(str(r["kode"]) for r in no_target)
                + ".",
                "Isi target tahun ini dari Perjanjian Kinerja (atau dari kolom Target Renstra "
                "Tahun ke-n yang sesuai).",
                src,
                S.FORMAT_DATA,
                _addr(S.FORMAT, "target", no_target[0]["_row"]),
            )
            if no_target
            else None
        )
    else:
        out["format"] = None

    # SKM answers or processed IKM figures.
    regulasi = profile.aturan.ikm_regulasi if profile else "2017"
    skm = S.skm_table(regulasi)
    unsur = [c.key for c in skm.columns if c.key.startswith("u") and c.key[1:].isdigit()]
    answered = any(any(r.get(u) is not None for u in unsur) for r in gw.read_rows(skm))
    if not answered:
        from lkjip_xl.actions.ikm_source import has_olahan_table

        olahan = S.ikm_olahan_table(regulasi)
        answered = has_olahan_table(gw, olahan) and any(
            _norm(r.get("unit")) for r in gw.read_rows(olahan)
        )
    out["skm"] = (
        None
        if answered
        else CellProblem(
            "belum ada jawaban SKM maupun hasil olahan IKM.",
            "Tempel jawaban responden (1–4 per unsur) di tabel kiri, atau ketik hasil olahan "
            "(mis. Portal Emas) di tabel kanan.",
            src,
            S.SKM,
            _addr(skm, "unit", skm.header_row + 1),
        )
    )

    # SAKIP: the report year and at least one year before.
    sakip = gw.read_rows(S.SAKIP_T)
    years = {
        int(r["tahun"])
        for r in sakip
        if isinstance(r.get("tahun"), int | float) and r.get("perencanaan") is not None
    }
    tahun = profile.tahun if profile else None
    raw_tahun = by_key.get("tahun", {}).get("nilai")
    if tahun is None and isinstance(raw_tahun, int | float | str) and str(raw_tahun).isdigit():
        tahun = int(raw_tahun)
    lacking = []
    if tahun is not None and tahun not in years:
        lacking.append(f"tahun {tahun}")
    if tahun is not None and not any(y < tahun for y in years):
        lacking.append("tahun-tahun sebelumnya")
    out["sakip"] = (
        CellProblem(
            "Nilai SAKIP belum diisi untuk " + " dan ".join(lacking) + ".",
            "Isi nilai per komponen dari LHE SAKIP, satu baris per tahun.",
            src,
            S.SAKIP,
            _addr(S.SAKIP_T, "tahun", _next_row(S.SAKIP_T, sakip)),
        )
        if lacking
        else None
    )

    # Budget.
    anggaran = gw.read_rows(S.ANGGARAN_T)
    has_pagu = any(isinstance(r.get("pagu"), int | float) for r in anggaran)
    if anggaran:  # the programmes are listed (e.g. carried into a new year): their figures
        first, last = anggaran[0]["_row"], anggaran[-1]["_row"]
        cell = f"{_addr(S.ANGGARAN_T, 'pagu', first)}:{_addr(S.ANGGARAN_T, 'realisasi', last)}"
    else:
        cell = _addr(S.ANGGARAN_T, "nama", _next_row(S.ANGGARAN_T, anggaran))
    out["anggaran"] = (
        None
        if has_pagu
        else CellProblem(
            "pagu dan realisasi anggaran belum diisi.",
            "Isi program/kegiatan dengan pagu dan realisasinya.",
            src,
            S.ANGGARAN,
            cell,
        )
    )
    return out
