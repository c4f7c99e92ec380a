"""IKM engine speed and SKM read speed.

* ``compute_ikm`` on 10k, 100k and 1M synthetic responses (9 unsur, 7 unit
  layanan, a few blanks): target 1M < 0.5 s.
* Reading a 100k-row .xlsx SKM sheet with python-calamine vs openpyxl
  read-only, in the same run: target calamine ≥ 5× faster.
* ``lkjip ikm`` on a 300 000-response CSV (``ikm_from_file``: read, check every
  cell, compute) against a bare ``pandas.read_csv`` + column means of the same
  file, side by side in the same run: target ratio ≤ 2.

Run: ``python benchmarks/bench_ikm.py``. ``main()`` returns rows
``{name, value, unit, target, ok}`` for ``benchmarks/run.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lkjip_xl.domain.ikm import compute_ikm

UNITS = [
    "Kecamatan Wonoasih",
    "Kelurahan Wonoasih",
    "Kelurahan Jrebeng Kidul",
    "Kelurahan Pakistaji",
    "Kelurahan Kedunggaleng",
    "Kelurahan Kedungasem",
    "Kelurahan Sumbertaman",
]
U9 = [f"U{i}" for i in range(1, 10)]
TARGET_1M_S = 0.5
TARGET_READ_RATIO = 5.0
TARGET_CSV_RATIO = 2.0
N_CSV = 300_000


def synthetic(n: int, seed: int = 1) -> pd.DataFrame:
    """``n`` responses: int8 answers 1..4 (about 1 % blank in U8), 7 units as text."""
    rng = np.random.default_rng(seed)
    data: dict[str, Any] = {"Unit Layanan": np.array(UNITS, dtype=object)[rng.integers(0, 7, n)]}
    for code in U9:
        data[code] = rng.choice(np.array([1, 2, 3, 4], dtype=np.int8), n, p=[0.03, 0.17, 0.5, 0.3])
    frame = pd.DataFrame(data)
    blanks = rng.random(n) < 0.01
    frame["U8"] = pd.array(np.where(blanks, 1, frame["U8"]), dtype="Int8")
    frame.loc[blanks, "U8"] = pd.NA
    return frame


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def write_xlsx(path: Path, n: int) -> None:
    import openpyxl

    frame = synthetic(n, seed=2)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("SKM")
    ws.append(["Data mentah Survei Kepuasan Masyarakat"])
    ws.append(["No", "Unit Layanan", *U9])
    units = frame["Unit Layanan"].tolist()
    answers = frame[U9].astype("float64").to_numpy()
    for i in range(n):
        row = [None if np.isnan(v) else int(v) for v in answers[i]]
        ws.append([i + 1, units[i], *row])
    wb.save(path)


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("SKM").to_python()
    return len(rows)


def read_openpyxl(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in wb["SKM"].iter_rows(values_only=True))
    finally:
        wb.close()


def write_csv(path: Path, n: int) -> None:
    frame = synthetic(n, seed=3)
    frame.insert(0, "No", np.arange(1, n + 1))
    frame.to_csv(path, index=False)


def bare_pandas(path: Path) -> object:
    frame = pd.read_csv(path)
    return frame[U9].mean()


def _run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def csv_rows() -> list[dict[str, Any]]:
    """In process (the action the CLI calls) and as whole processes (interpreter start too)."""
    from lkjip_xl.actions.calc import ikm_from_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "skm_300k.csv"
        write_csv(path, N_CSV)
        ikm_from_file(path)  # warm imports
        base = best_of(lambda: bare_pandas(path), repeat=5)
        ours = best_of(lambda: ikm_from_file(path), repeat=5)
        script = f"import pandas as pd; f = pd.read_csv({str(path)!r}); print(f[{U9!r}].mean())"
        base_cli = best_of(lambda: _run([sys.executable, "-c", script]))
        ours_cli = best_of(
            lambda: _run([sys.executable, "-m", "lkjip_xl", "ikm", str(path), "--json"])
        )
    ratio = ours / base
    ratio_cli = ours_cli / base_cli
    n = f"{N_CSV:,}".replace(",", ".")
    return [
        {
            "name": f"pandas.read_csv + rata-rata kolom, {n} baris",
            "value": base,
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": f"lkjip ikm (ikm_from_file) .csv {n} baris",
            "value": ours,
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": "lkjip ikm / pandas polos (dalam proses)",
            "value": ratio,
            "unit": "×",
            "target": f"≤ {TARGET_CSV_RATIO:g}×",
            "ok": ratio <= TARGET_CSV_RATIO,
        },
        {
            "name": f"python -c 'pandas.read_csv + rata-rata' {n} baris (proses utuh)",
            "value": base_cli,
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": f"lkjip ikm --json {n} baris (proses utuh)",
            "value": ours_cli,
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": "lkjip ikm / pandas polos (proses utuh)",
            "value": ratio_cli,
            "unit": "×",
            "target": f"≤ {TARGET_CSV_RATIO:g}×",
            "ok": ratio_cli <= TARGET_CSV_RATIO,
        },
    ]


def main() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = csv_rows()
    for n in (10_000, 100_000, 1_000_000):
        frame = synthetic(n)
        seconds = best_of(lambda f=frame: compute_ikm(f, unit_column="Unit Layanan"))
        ok = seconds < TARGET_1M_S if n == 1_000_000 else None
        target = f"< {TARGET_1M_S} s" if n == 1_000_000 else ""
        rows.append(
            {
                "name": f"compute_ikm {n:,} responden".replace(",", "."),
                "value": seconds,
                "unit": "s",
                "target": target,
                "ok": ok,
            }
        )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "skm_100k.xlsx"
        t0 = time.perf_counter()
        write_xlsx(path, 100_000)
        write_s = time.perf_counter() - t0
        assert read_calamine(path) == read_openpyxl(path)
        cal = best_of(lambda: read_calamine(path))
        opx = best_of(lambda: read_openpyxl(path), repeat=1)
        from lkjip_xl.actions.calc import ikm_from_file

        whole = best_of(lambda: ikm_from_file(path), repeat=1)
    ratio = opx / cal
    rows += [
        {
            "name": "tulis .xlsx 100.000 baris (openpyxl, persiapan)",
            "value": write_s,
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": "baca .xlsx 100.000 baris: calamine",
            "value": cal,
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": "baca .xlsx 100.000 baris: openpyxl read-only",
            "value": opx,
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": "calamine lebih cepat dari openpyxl",
            "value": ratio,
            "unit": "×",
            "target": f"≥ {TARGET_READ_RATIO:g}×",
            "ok": ratio >= TARGET_READ_RATIO,
        },
        {
            "name": "ikm_from_file .xlsx 100.000 baris (baca + hitung)",
            "value": whole,
            "unit": "s",
            "target": "",
            "ok": None,
        },
    ]
    return rows


def _print(rows: list[dict[str, Any]]) -> None:
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        status = "" if r["ok"] is None else ("PASS" if r["ok"] else "FAIL")
        target = f"(target {r['target']})" if r["target"] else ""
        print(f"{r['name']:<{width}}  {r['value']:10.3f} {r['unit']:<2} {target:<16} {status}")


if __name__ == "__main__":
    results = main()
    _print(results)
    raise SystemExit(0 if all(r["ok"] is not False for r in results) else 1)
