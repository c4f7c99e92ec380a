"""Write ``examples/skm_contoh.csv``: 120 raw SKM responses for Kecamatan Wonoasih.

Deterministic (fixed seed): running it again gives the same bytes. The file
mixes the ways answers arrive in practice — numbers 1–4, letters a–d, answer
labels — and a few blank answers, across the kecamatan office and its six
kelurahan (column ``Unit Layanan``).

Run: ``python examples/make_skm_contoh.py`` (or ``--out PATH``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
from pathlib import Path

SEED = 2025
N_RESPONSES = 120
OUT = Path(__file__).with_name("skm_contoh.csv")

UNITS: list[tuple[str, list[str], float]] = [
    # unit, services, mean tendency (higher = more satisfied)
    ("Kecamatan Wonoasih", ["Rekomendasi IMB", "Legalisasi dokumen", "Surat keterangan"], 3.45),
    ("Kelurahan Wonoasih", ["Surat pengantar KTP", "Surat keterangan domisili"], 3.30),
    ("Kelurahan Jrebeng Kidul", ["Surat pengantar KK", "Surat keterangan usaha"], 3.10),
    ("Kelurahan Pakistaji", ["Surat keterangan tidak mampu", "Surat pengantar nikah"], 3.20),
    ("Kelurahan Kedunggaleng", ["Surat keterangan domisili", "Surat keterangan usaha"], 2.95),
    ("Kelurahan Kedungasem", ["Surat pengantar KTP", "Surat keterangan kematian"], 3.35),
    ("Kelurahan Sumbertaman", ["Surat keterangan tidak mampu", "Surat pengantar KK"], 3.05),
]

# Labels of each unsur's answers 1..4 (the usual SKM questionnaire wording).
LABELS: dict[str, tuple[str, str, str, str]] = {
    "U1": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U2": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "U3": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "U4": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "U5": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U6": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "U7": (
        "Tidak sopan dan ramah",
        "Kurang sopan dan ramah",
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ),
    "U8": (
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ),
    "U9": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}

# Same columns, same order as the workbook's SKM sheet (lkjip_xl.workbook.schema.skm_table).
HEADER = [
    "No",
    "Unit Layanan",
    "Jenis Layanan",
    "Tanggal",
    "Jenis Kelamin",
    "Usia",
    "Pendidikan",
    "Pekerjaan",
    *LABELS,
    "Saran",
]

SARAN = [
    "",
    "",
    "",
    "Pelayanan sudah baik, pertahankan.",
    "Ruang tunggu perlu kipas angin.",
    "Mohon informasi persyaratan ditempel di papan pengumuman.",
    "Petugas ramah dan cepat.",
    "Antrian kadang lama saat jam istirahat.",
]


def _answer(rng: random.Random, tendency: float) -> int:
    value = round(rng.gauss(tendency, 0.6))
    return min(4, max(1, value))


def _written(rng: random.Random, code: str, value: int) -> str:
    """The answer as it was keyed in: mostly a number, sometimes a letter or the label."""
    roll = rng.random()
    if roll < 0.04:
        return ""  # not answered
    if roll < 0.10:
        return "abcd"[value - 1] if rng.random() < 0.5 else "ABCD"[value - 1]
    if roll < 0.16:
        return LABELS[code][value - 1]
    return str(value)


def rows() -> list[list[str]]:
    """The example responses (header first)."""
    rng = random.Random(SEED)
    out: list[list[str]] = [HEADER]
    start = dt.date(2025, 3, 3)
    for i in range(N_RESPONSES):
        unit, services, tendency = UNITS[i % len(UNITS)] if i < 70 else rng.choice(UNITS)
        day = start + dt.timedelta(days=rng.randrange(0, 240))
        answers = [_written(rng, code, _answer(rng, tendency)) for code in LABELS]
        out.append(
            [
                str(i + 1),
                unit,
                rng.choice(services),
                day.isoformat(),
                rng.choice(["L", "P"]),
                str(rng.randint(18, 70)),
                rng.choice(["SD", "SMP", "SMA", "D3", "S1", "S2"]),
                rng.choice(["PNS", "TNI/Polri", "Swasta", "Wirausaha", "Pelajar", "Lainnya"]),
                *answers,
                rng.choice(SARAN),
            ]
        )
    return out


def csv_text() -> str:
    """The CSV exactly as written to disk (comma separated, UTF-8, LF line ends)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows())
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.write_text(csv_text(), encoding="utf-8", newline="")
    print(f"{args.out}: {N_RESPONSES} responden")
    return args.out


if __name__ == "__main__":
    main()
