"""Make a workbook complete enough for a final LKjIP: narratives and real-looking officials."""

from __future__ import annotations

from pathlib import Path

from lkjip_xl.domain.narasi import FIELD_KEYS
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import role_code

OFFICIALS = {
    "camat": ("Drs. Hadi Santoso, M.Si.", "197104061994031005"),
    "sekcam": ("Sri Wahyuni, S.Sos.", "197611202003122004"),
    "kasubbag": ("Eko Purnomo, S.E.", "198206142008011002"),
    "staf": ("Nur Aini, A.Md.", "199307222019032003"),
}


def complete(path: Path) -> None:
    """Every Narasi row, every indicator's narratives, every official, real contacts (no
    sample e-mail or telephone), the Renstra period and the Perwali's number and year filled
    in."""
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(S.NARASI_T)
        for row in rows:
            row["isi"] = row.get("isi") or f"Uraian {row['judul']} tahun ini."
        gw.write_rows(S.NARASI_T, rows)
        fmt = gw.read_rows(S.FORMAT)
        for row in fmt:
            for key in FIELD_KEYS:
                row[key] = row.get(key) or f"Uraian {key} untuk {row['kode']}."
        gw.write_rows(S.FORMAT, fmt)
        pejabat = gw.read_rows(S.PEJABAT)
        for row in pejabat:
            if (peran := role_code(row.get("peran"))) in OFFICIALS:
                row["nama"], row["nip"] = OFFICIALS[peran]
            row["email"] = _real(row.get("email"))
        gw.write_rows(S.PEJABAT, pejabat)
        units = gw.read_rows(S.UNIT)
        for row in units:
            row["email"] = _real(row.get("email"))
        gw.write_rows(S.UNIT, units)
        profil = gw.read_rows(S.PROFIL)
        for row in profil:
            if row.get("kunci") == "renstra_periode":
                row["nilai"] = row.get("nilai") or "2025-2029"
            if row.get("kunci") == "email":
                row["nilai"] = _real(row.get("nilai"))
            if row.get("kunci") == "telepon":
                row["nilai"] = "(0335) 422150"
            if row.get("kunci") == "perwali_nomor":
                row["nilai"] = row.get("nilai") or "64"
            if row.get("kunci") == "perwali_tahun":
                row["nilai"] = row.get("nilai") or 2021
        gw.write_rows(S.PROFIL, profil)


def _real(email: object) -> object:
    """A sample address moved to the reserved ``.test`` domain (never a real mailbox)."""
    return email.replace("@contoh.go.id", "@probolinggo.test") if isinstance(email, str) else email


def signed(path: Path, langkah: int = 7) -> None:
    """SOP steps 1 to ``langkah`` recorded (in order, on working days of January 2026); with
    all seven a final may be made."""
    import datetime as dt

    from lkjip_xl.actions import steps

    days = (5, 6, 7, 8, 9, 12, 13)  # working days
    with open_workbook(path, write=True) as gw:
        for n, day in enumerate(days[:langkah], start=1):
            start = dt.datetime(2026, 1, day, 8, 0)
            steps.start_step(gw, n, waktu=start)
            steps.finish_step(gw, n, waktu=start + dt.timedelta(minutes=4))


def ready(path: Path, langkah: int = 7) -> None:
    """A fresh workbook made ready for a final: the demo's indicators, SKM, SAKIP and budget,
    a Valid realisation for every indicator, :func:`complete`, and steps 1-7 recorded."""
    from lkjip_xl.actions.ikm_source import IKM_POPULASI_CELL
    from lkjip_xl.demo import data
    from lkjip_xl.domain.numbers import parse_number

    with open_workbook(path, write=True) as gw:
        profile = gw.profile()
        indicators = data.indicators(profile)
        gw.write_rows(S.FORMAT, indicators)
        gw.write_rows(S.skm_table(profile.aturan.ikm_regulasi), data.skm_responses(profile))
        gw.write_rows(S.SAKIP_T, data.sakip_history(profile.tahun))
        gw.write_rows(S.ANGGARAN_T, data.budget())
        gw.write_cell(S.IKM, IKM_POPULASI_CELL, data.SERVICE_USERS)
        values = data.realisasi(profile)
        gw.write_rows(
            S.KIRIMAN_T,
            [
                {
                    "unit": row["penanggung_jawab"],
                    "kode": row["kode"],
                    "realisasi": parse_number(values[row["kode"]]),
                    "status": "Valid",
                }
                for row in indicators
                if row["kode"] in values
            ],
        )
    complete(path)
    signed(path, langkah)
