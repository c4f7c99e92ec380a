"""Benchmark: build the workbook, read every sheet back, cold import of the ribbon module.

Each ribbon click starts a new Python process, so the ribbon module must import in well
under 0.3 s (xlwings, pandas, openpyxl, docx and matplotlib load only after the click).
Run alone with ``python benchmarks/bench_workbook.py`` or with all others via ``run.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_BUILD_S = 3.0
TARGET_READ_S = 1.0
TARGET_IMPORT_S = 0.3
TARGET_FINALIZE_S = 0.2
SKM_ROWS = 2000


def _build(folder: Path) -> tuple[Path, float]:
    from lkjip_xl.workbook.build import build_workbook

    t0 = time.perf_counter()
    path = build_workbook(folder / "LKjIP_Wonoasih.xlsm")
    return path, time.perf_counter() - t0


def _fill(path: Path) -> None:
    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.gateway import open_workbook

    with open_workbook(path, write=True) as gw:
        units = [u.nama for u in gw.profile().service_units]
        gw.write_rows(
            S.SKM_T,
            [
                {
                    "no": i + 1,
                    "unit": units[i % len(units)],
                    **{f"u{u}": 1 + (i + u) % 4 for u in range(1, 10)},
                }
                for i in range(SKM_ROWS)
            ],
        )


def _read_all(path: Path) -> float:
    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.gateway import open_workbook

    t0 = time.perf_counter()
    with open_workbook(path) as gw:
        for table in S.TABLES.values():
            gw.read_rows(table)
        gw.profile()
    return time.perf_counter() - t0


def _finalize(path: Path) -> float:
    from lkjip_xl.workbook.package import finalize_package

    t0 = time.perf_counter()
    finalize_package(path)  # already final: must be a cheap no-op
    return time.perf_counter() - t0


def _cold_import(module: str = "lkjip_xl.excel.ribbon", runs: int = 3) -> float:
    """Import time of ``module`` and every module it pulls in (``python -X importtime``).

    Sums the cumulative times of the top-level imports the statement triggers (the
    package ``lkjip_xl`` and its sub-packages included); best of ``runs`` cold processes.
    """
    best = float("inf")
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        lines = err.splitlines()
        # Lines after Python's own start-up (site) belong to the import statement.
        start = max(i for i, line in enumerate(lines) if line.rstrip().endswith("| site")) + 1
        total = 0
        for line in lines[start:]:
            m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)$", line)
            if m and m.group(2) == " ":  # a top-level import (children are indented further)
                total += int(m.group(1))
        best = min(best, total / 1e6)
    return best


def main() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path, build_s = _build(Path(tmp))
        rows.append(
            {
                "name": "build_workbook",
                "value": build_s,
                "unit": "s",
                "target": f"< {TARGET_BUILD_S}",
                "ok": build_s < TARGET_BUILD_S,
            }
        )
        size_kb = path.stat().st_size / 1024
        rows.append(
            {
                "name": "ukuran workbook",
                "value": size_kb,
                "unit": "KiB",
                "target": "< 200",
                "ok": size_kb < 200,
            }
        )
        _fill(path)
        read_s = _read_all(path)
        rows.append(
            {
                "name": f"baca semua sheet ({SKM_ROWS} baris SKM)",
                "value": read_s,
                "unit": "s",
                "target": f"< {TARGET_READ_S}",
                "ok": read_s < TARGET_READ_S,
            }
        )
        fin = _finalize(path)
        rows.append(
            {
                "name": "finalize_package (sudah final)",
                "value": fin,
                "unit": "s",
                "target": f"< {TARGET_FINALIZE_S}",
                "ok": fin < TARGET_FINALIZE_S,
            }
        )
    imp = _cold_import()
    rows.append(
        {
            "name": "impor dingin lkjip_xl.excel.ribbon",
            "value": imp,
            "unit": "s",
            "target": f"< {TARGET_IMPORT_S}",
            "ok": imp < TARGET_IMPORT_S,
        }
    )
    return rows


if __name__ == "__main__":
    for row in main():
        status = "OK" if row["ok"] else "GAGAL"
        figure = f"{row['value']:>9.3f} {row['unit']:<4}"
        print(f"{row['name']:<42} {figure} target {row['target']:<8} {status}")
