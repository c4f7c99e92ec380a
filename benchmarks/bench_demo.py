"""The main job: the whole ``lkjip demo`` (eight SOP steps) as a user runs it.

``python benchmarks/bench_demo.py`` — target: under 30 s on this 2-core machine.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_S = 30.0


def main() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        run = subprocess.run(
            ["lkjip", "demo", "--out", str(Path(tmp) / "demo")], capture_output=True, text=True
        )
        elapsed = time.perf_counter() - t0
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
    ok = run.returncode == 0 and elapsed < TARGET_S
    return [
        {
            "name": "lkjip demo (8 langkah SOP)",
            "value": elapsed,
            "unit": "s",
            "target": f"< {TARGET_S:.0f}",
            "ok": ok,
        }
    ]


if __name__ == "__main__":
    for row in main():
        print(
            f"{row['name']}: {row['value']:.2f} {row['unit']} (target {row['target']}) "
            f"{'PASS' if row['ok'] else 'FAIL'}"
        )
