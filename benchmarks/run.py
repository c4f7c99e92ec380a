"""Run every benchmark and print one table: ``python benchmarks/run.py``.

Each ``benchmarks/bench_*.py`` exposes ``main() -> list[dict]`` with rows
``{name, value, unit, target, ok}``.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def run(only: list[str] | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        print(f"… {path.stem}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        for row in _load(path).main():
            rows.append({"bench": path.stem, **row})
        print(f"  {path.stem} selesai dalam {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return rows


def main() -> int:
    rows = run(sys.argv[1:] or None)
    from rich.console import Console
    from rich.table import Table

    table = Table(title="lkjip_xl benchmarks")
    for col in ("bench", "name", "value", "unit", "target", "ok"):
        table.add_column(col)
    for r in rows:
        value = r["value"]
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        ok = r.get("ok")
        table.add_row(
            r["bench"],
            r["name"],
            shown,
            r.get("unit", ""),
            str(r.get("target", "")),
            "-" if ok is None else ("PASS" if ok else "FAIL"),
        )
    Console().print(table)
    return 0 if all(r.get("ok") is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
