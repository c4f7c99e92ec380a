"""Speed of the LKjIP document and the cover letter.

On the demo workbook (13 indicators, about 530 SKM respondents, 6 years of SAKIP,
8 budget rows):

* ``report``: ``make_report`` in a fresh Python process, timed from before the imports to
  the written .docx (imports, workbook load, IKM/SAKIP/capaian, four charts, render):
  target < 3 s. Also the same call again in a warm process.
* ``letter``: ``make_letter`` in an open workbook (number reserved under the journal lock,
  register rewritten, letter rendered): target < 0.5 s.

The workbook's own commit (openpyxl save) is not counted: it belongs to the gateway and
happens once per command whatever the action.

Run: ``python benchmarks/bench_report.py``. ``main()`` returns rows
``{name, value, unit, target, ok}`` for ``benchmarks/run.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_REPORT_S = 3.0
TARGET_LETTER_S = 0.5

_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from lkjip_xl.actions.report import make_letter, make_report
from lkjip_xl.workbook.gateway import open_workbook

wb = Path(sys.argv[1])
out = {}
with open_workbook(wb, write=True) as gw:
    make_report(gw)
    out["report_cold"] = time.perf_counter() - t0
    t = time.perf_counter()
    make_report(gw)
    out["report_warm"] = time.perf_counter() - t
    t = time.perf_counter()
    make_letter(gw)
    out["letter_first"] = time.perf_counter() - t
    times = []
    for _ in range(3):
        t = time.perf_counter()
        make_letter(gw)
        times.append(time.perf_counter() - t)
    out["letter"] = min(times)
    gw._dirty = False  # do not count (or perform) the workbook save
print(json.dumps(out))
"""


def _demo_workbook(folder: Path) -> Path:
    from lkjip_xl.demo import data
    from lkjip_xl.domain.numbers import parse_number
    from lkjip_xl.domain.profile import default_profile
    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.build import build_workbook
    from lkjip_xl.workbook.gateway import open_workbook

    profile = default_profile(2025)
    wb = build_workbook(folder / "LKjIP_Wonoasih.xlsm", profile)
    values = data.realisasi(profile)
    with open_workbook(wb, write=True) as gw:
        indicators = data.indicators(profile)
        gw.write_rows(S.FORMAT, indicators)
        gw.write_rows(S.skm_table(profile.aturan.ikm_regulasi), data.skm_responses(profile))
        gw.write_rows(S.SAKIP_T, data.sakip_history(profile.tahun))
        gw.write_rows(S.ANGGARAN_T, data.budget())
        gw.write_rows(
            S.KIRIMAN_T,
            [
                {
                    "unit": r["penanggung_jawab"],
                    "kode": r["kode"],
                    "realisasi": parse_number(values[r["kode"]]),
                    "status": "Valid",
                }
                for r in indicators
            ],
        )
    return wb


def main() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
        wb = _demo_workbook(Path(tmp))
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(wb)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        wall = time.perf_counter() - t
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [
        {
            "name": "report (fresh process, incl. imports, load, 4 charts)",
            "value": figures["report_cold"],
            "unit": "s",
            "target": f"< {TARGET_REPORT_S}",
            "ok": figures["report_cold"] < TARGET_REPORT_S,
        },
        {
            "name": "report (warm process)",
            "value": figures["report_warm"],
            "unit": "s",
            "target": f"< {TARGET_REPORT_S}",
            "ok": figures["report_warm"] < TARGET_REPORT_S,
        },
        {
            "name": "letter (open workbook, best of 3)",
            "value": figures["letter"],
            "unit": "s",
            "target": f"< {TARGET_LETTER_S}",
            "ok": figures["letter"] < TARGET_LETTER_S,
        },
        {
            "name": "first letter after a report (same process)",
            "value": figures["letter_first"],
            "unit": "s",
            "target": "",
            "ok": None,
        },
        {
            "name": "child process wall time (incl. interpreter start)",
            "value": wall,
            "unit": "s",
            "target": "",
            "ok": None,
        },
    ]
    return rows


if __name__ == "__main__":
    for row in main():
        ok = "" if row["ok"] is None else ("PASS" if row["ok"] else "FAIL")
        print(f"{row['name']:<55} {row['value']:7.3f} {row['unit']:<2} {row['target']:<6} {ok}")
