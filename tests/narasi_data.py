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
    """Every Narasi row, every indicator's narratives, every official and the Renstra period
    filled in."""
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
        gw.write_rows(S.PEJABAT, pejabat)
        profil = gw.read_rows(S.PROFIL)
        for row in profil:
            if row.get("kunci") == "renstra_periode":
                row["nilai"] = row.get("nilai") or "2025-2029"
        gw.write_rows(S.PROFIL, profil)
