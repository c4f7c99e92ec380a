"""Benchmark: what one ribbon click costs before and while it works.

Without ``USE UDF SERVER`` every click starts a new Python process with the command line
xlwings' embedded ``RunPython`` builds (``ExecuteWindows`` in ``xlwings.bas``)::

    python -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path(\"<args>\");
        import lkjip_xl.excel.ribbon as r; r.on_action('<id>', '<teks>')"
        --wb="LKjIP_Wonoasih.xlsm" --from_xl=1 --app="…EXCEL.EXE" --hwnd="…"

Since issue 19 the VBA starts the project's own launcher instead (``LKjIP_Jalankan``:
``import lkjip_xl.excel.klik as k; k.klik('<id>', …)``, same trailing arguments), which
imports xlwings without numpy/pandas/matplotlib for the light buttons
(``controls.LIGHT``); both command lines are measured.

A **first click's work** row runs the action once in a fresh process on the COM test double
(imports the action makes while it runs, e.g. pandas for *Hitung*, included): a cold click
costs the launcher row plus that row.

This replays that command line up to the point where ``on_action`` needs Excel
(``xw.Book.caller()``), and then the imports the click itself triggers (xlwings, the
door, the action module): **cold** = a fresh process per click (the default).
**Warm** = the same click in a process that has already run one (what ``USE UDF SERVER``
gives RunPython: imports are paid once per Excel session). The work of the click is
measured on the COM test double (``tests/fake_excel.py``) with its round-trip count;
real Excel adds its own latency per round trip.

Run alone with ``python benchmarks/bench_click.py`` or with all others via ``run.py``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_COLD_S = 1.5
TARGET_COLD_LIGHT_S = 0.5
TARGET_WARM_S = 0.5
RUNS = 5
BUTTONS = ("hitung", "periksa", "step_status", "s1_mulai")

# What ExecuteWindows puts before the command: AddExcelDir;Active;This;OneDrive…;PYTHONPATH
_ARGS = "False;C:\\\\LKjIP\\\\LKjIP_Wonoasih.xlsm;C:\\\\LKjIP\\\\LKjIP_Wonoasih.xlsm;;;;"
_TAIL = [
    '--wb="LKjIP_Wonoasih.xlsm"',
    "--from_xl=1",
    '--app="C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE"',
    '--hwnd="4242"',
]


def _klik_command(control_id: str) -> list[str]:
    """The command line of the project's launcher (``LKjIP_Jalankan`` in the VBA) up to
    ``xw.Book.caller()``: xlwings (light or full, by the button), the door and the action."""
    command = (
        "import lkjip_xl.excel.klik as k; "
        f"k.load_xlwings(k.is_light('{control_id}')); "
        "import lkjip_xl.excel.ribbon as r, lkjip_xl.workbook.xlwings_door; "
        f"r.resolve('{control_id}')"
    )
    return [sys.executable, "-B", "-c", command, *_TAIL]


def _click_command(control_id: str, *, work: bool) -> list[str]:
    """The RunPython command line (COM server off, before this launcher); ``work`` adds the
    imports the click triggers."""
    command = (
        f'import xlwings.utils;xlwings.utils.prepare_sys_path("{_ARGS}"); '
        "import lkjip_xl.excel.ribbon as r"
    )
    if work:
        # on_action → run_control: xlwings, the door and the action's module
        command += f"; import xlwings, lkjip_xl.workbook.xlwings_door; r.resolve('{control_id}')"
    return [sys.executable, "-B", "-c", command, *_TAIL]


def _time(cmd: list[str]) -> float:
    best: list[float] = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        best.append(time.perf_counter() - t0)
    return statistics.median(best)


def _bare_python() -> float:
    return _time([sys.executable, "-B", "-c", "pass"])


_FIRST_WORK = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from lkjip_xl.excel import klik
cid = sys.argv[3]
light = klik.is_light(cid)
klik.load_xlwings(light)
import fake_excel
if light:
    with klik.light_imports():
        fake_excel.load_xlwindows()
else:
    fake_excel.load_xlwindows()
book = fake_excel.xw_book(fake_excel.load_book(sys.argv[2]))
from lkjip_xl.excel.ribbon import run_control
t0 = time.perf_counter()
run_control(book, cid)
work = time.perf_counter() - t0
heavy = sorted(m for m in ("pandas", "matplotlib") if m in sys.modules)
print("RESULT" + json.dumps([work, heavy]))
"""


def _first_work(path: Path, control_id: str) -> tuple[float, list[str]]:
    """The work of a first click in a fresh process on the COM test double, the imports the
    action makes while it runs included (loading the test double's book is not counted):
    cold click = the launcher row + this. Median of :data:`RUNS`; what is loaded after."""
    times: list[float] = []
    heavy: list[str] = []
    for _ in range(RUNS):
        run = subprocess.run(
            [sys.executable, "-B", "-c", _FIRST_WORK, str(ROOT / "tests"), str(path), control_id],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        line = next(x for x in run.stdout.splitlines() if x.startswith("RESULT"))
        work, heavy = json.loads(line[len("RESULT") :])
        times.append(work)
    return statistics.median(times), heavy


def _warm_click(path: Path, control_id: str) -> tuple[float, int]:
    """A second click of ``control_id`` in this process on the COM test double."""
    sys.path.insert(0, str(ROOT / "tests"))
    from fake_excel import MESSAGES, load_book, xw_book

    from lkjip_xl.excel.ribbon import run_control

    fake = load_book(path)
    book = xw_book(fake)
    trips = object.__getattribute__(fake, "_trips")
    run_control(book, control_id)  # first click: imports
    times = []
    for _ in range(3):
        trips.reset()
        MESSAGES.clear()
        t0 = time.perf_counter()
        run_control(book, control_id)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), trips.count


def main() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    bare = _bare_python()
    rows.append({"name": "python -c pass", "value": bare, "unit": "s", "target": "-", "ok": True})
    start = _time(_click_command("s1_mulai", work=False))
    rows.append(
        {
            "name": "klik dingin: baris perintah RunPython s/d import ribbon",
            "value": start,
            "unit": "s",
            "target": f"< {TARGET_COLD_S}",
            "ok": start < TARGET_COLD_S,
        }
    )
    from lkjip_xl.excel.klik import is_light

    for control_id in BUTTONS:
        cold = _time(_click_command(control_id, work=True))
        rows.append(
            {
                "name": f"klik dingin {control_id} lewat RunPython (lama)",
                "value": cold,
                "unit": "s",
                "target": "-",
                "ok": True,
            }
        )
        target = TARGET_COLD_LIGHT_S if is_light(control_id) else TARGET_COLD_S
        cold = _time(_klik_command(control_id))
        kind = "ringan" if is_light(control_id) else "berat"
        rows.append(
            {
                "name": f"klik dingin {control_id} lewat lkjip_xl.excel.klik ({kind})",
                "value": cold,
                "unit": "s",
                "target": f"<= {target}",
                "ok": cold <= target,
            }
        )
    with tempfile.TemporaryDirectory() as tmp:
        from lkjip_xl.demo.run import _prepare_workbook
        from lkjip_xl.domain.profile import default_profile

        path = _prepare_workbook(Path(tmp), default_profile())
        for control_id in BUTTONS:
            work, heavy = _first_work(path, control_id)
            loaded = ",".join(heavy) or "tanpa pandas/matplotlib"
            rows.append(
                {
                    "name": f"kerja klik pertama {control_id}, proses baru ({loaded})",
                    "value": work,
                    "unit": "s",
                    "target": "-",
                    "ok": True,
                }
            )
        for control_id in BUTTONS:
            warm, trips = _warm_click(path, control_id)
            rows.append(
                {
                    "name": f"klik hangat {control_id} (kerja, {trips} round trip COM)",
                    "value": warm,
                    "unit": "s",
                    "target": f"< {TARGET_WARM_S}",
                    "ok": warm < TARGET_WARM_S,
                }
            )
    return rows


if __name__ == "__main__":
    for row in main():
        print(f"{row['name']:<60} {row['value']:8.3f} {row['unit']:<3} {row['target']}")
