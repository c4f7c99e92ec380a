"""Sample data written into a fresh workbook through the gateway (shared by workbook tests)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from lkjip_xl.workbook import build as B
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import PROFILE_KEYS


def set_profile_value(gw: Any, key: str, value: Any) -> None:
    row = S.PROFIL.header_row + 1 + list(PROFILE_KEYS).index(key)
    col = B.col_letter(S.PROFIL.col_index("nilai"))
    gw.write_cell(S.PENGATURAN, f"{col}{row}", value)


def fill(path: Path, *, seed: int = 7, rules: dict[str, Any] | None = None) -> None:
    """Survey answers (with blanks), SAKIP years, indicators and submissions."""
    rng = random.Random(seed)
    with open_workbook(path, write=True) as gw:
        profile = gw.profile()
        for key, value in (rules or {}).items():
            set_profile_value(gw, key, value)
        units = [u.nama for u in profile.service_units]
        skm: list[dict[str, Any]] = []
        for i in range(240):
            unit = units[i % len(units)] if i % 11 else units[0]
            row: dict[str, Any] = {"no": i + 1, "unit": unit, "layanan": "KTP", "jk": "LP"[i % 2]}
            bias = 1 + (i % len(units)) % 3
            for u in range(1, 10):
                row[f"u{u}"] = None if rng.random() < 0.06 else min(4, bias + rng.randint(0, 2))
            skm.append(row)
        skm.append({"no": 999, "unit": units[1]})  # a row without answers: not a respondent
        gw.write_rows(S.SKM_T, skm)
        gw.write_cell(S.IKM, B.IKM_POPULASI_CELL, 1500)
        gw.write_rows(
            S.SAKIP_T,
            [
                {
                    "tahun": 2024,
                    "skema": "2021",
                    "perencanaan": 20.1,
                    "pengukuran": 19.37,
                    "pelaporan": 10.25,
                    "evaluasi": 15.5,
                },
                {
                    "tahun": profile.tahun,
                    "skema": "2021",
                    "perencanaan": 24.73,
                    "pengukuran": 22.815,
                    "pelaporan": 11.1,
                    "evaluasi": 18.365,
                },
            ],
        )
        pj = [u.nama for u in profile.form_units]
        fmt = [
            ("IKU-01", "Naik", 80.0, 86.4),
            ("IKU-02", "Turun", 12.0, 9.5),
            ("IKU-03", "Turun", 5.0, 13.0),  # floors at 0
            ("IKU-04", "Naik", 0.0, 4.0),  # target 0: no capaian
            ("IKU-05", "Naik", 95.0, None),  # no submission yet
            ("IKU-06", "Naik", 70.0, 52.5),
            ("IKU-07", "Turun", 40.0, 30.0),
            ("IKU-08", "Naik", 60.0, 75.3),
        ]
        gw.write_rows(
            S.FORMAT,
            [
                {
                    "kode": kode,
                    "sasaran": "Meningkatnya kualitas pelayanan",
                    "indikator": f"Indikator {kode}",
                    "satuan": "%",
                    "jenis": "Lainnya",
                    "target": target,
                    "polaritas": pol,
                    "penanggung_jawab": pj[i % len(pj)],
                    "target_renstra": target * 1.1 if target else None,
                }
                for i, (kode, pol, target, _r) in enumerate(fmt)
            ],
        )
        kiriman: list[dict[str, Any]] = []
        for i, (kode, _pol, _target, real) in enumerate(fmt):
            if real is None:
                continue
            unit = pj[i % len(pj)]
            kiriman.append({"unit": unit, "kode": kode, "realisasi": real - 7, "status": "Diganti"})
            kiriman.append({"unit": unit, "kode": kode, "realisasi": real, "status": "Valid"})
            kiriman.append({"unit": unit, "kode": kode, "realisasi": 1.0, "status": "Ditolak"})
        gw.write_rows(S.KIRIMAN_T, kiriman)
