"""SOP monitoring for the report: the monitoring table and the planned-vs-actual chart."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from lkjip_xl.actions.steps import journal_for, sop_report
from lkjip_xl.domain.profile import default_profile
from lkjip_xl.domain.worktime import WorkCalendar
from lkjip_xl.report.timeline import (
    events_from_status,
    monitoring_rows,
    timeline_chart,
    timeline_png,
)
from lkjip_xl.workbook.gateway import open_workbook

TZ = WorkCalendar().tz
PROFILE = default_profile()
_ids = itertools.count()


def ev(jenis: str, no: int, when: str, **kw: Any) -> dict[str, Any]:
    t = dt.datetime.fromisoformat(when).replace(tzinfo=TZ)
    return {
        "jenis": f"langkah_{jenis}",
        "id": f"x{next(_ids)}",
        "no": no,
        "pada": t.isoformat(),
        **kw,
    }


RUNNING = [
    ev("mulai", 1, "2025-03-27T13:00"),
    ev("selesai", 1, "2025-03-27T13:08", dokumen="Disposisi 005/12"),
    ev("mulai", 2, "2025-03-27T13:08"),
    ev("selesai", 2, "2025-04-08T10:00"),
    ev("mulai", 3, "2025-04-08T10:00"),
    ev("selesai", 3, "2025-04-11T15:00", catatan="Kelurahan Pakistaji terlambat"),
    ev("mulai", 4, "2025-04-14T07:30"),
]
DONE = [
    *RUNNING,
    ev("selesai", 4, "2025-04-15T16:00"),
    ev("mulai", 5, "2025-04-16T07:30"),
    ev("selesai", 5, "2025-04-16T15:00"),
    ev("mulai", 6, "2025-04-16T15:00"),
    ev("selesai", 6, "2025-04-16T15:30"),
    ev("mulai", 7, "2025-04-17T08:00"),
    ev("selesai", 7, "2025-04-17T08:04"),
    ev("mulai", 8, "2025-04-17T08:04"),
    ev("selesai", 8, "2025-04-17T18:00"),
]
NOW = dt.datetime(2025, 4, 14, 10, 0, tzinfo=TZ)


def test_monitoring_rows_from_events() -> None:
    rows = monitoring_rows(RUNNING, PROFILE, now=NOW)
    assert [r["no"] for r in rows] == list(range(1, 9))
    one, two, three, four, five = rows[:5]
    assert one["langkah"] == "Memerintahkan penyusunan LKjIP"
    assert one["mutu_baku"] == "10 menit" and one["realisasi"] == "8 menit"
    assert one["status"] == "Tepat waktu" and "Disposisi 005/12" in one["catatan"]
    assert two["realisasi"] == "5 jam 22 menit"
    assert three["status"] == "Melebihi mutu baku (5 jam)"
    assert three["status_kode"] == "Melebihi mutu baku"
    assert "Pakistaji" in three["catatan"]
    assert four["status"] == "Berjalan" and four["realisasi"] == "berjalan 2 jam 30 menit"
    assert five["status"] == "Belum mulai" and five["realisasi"] == "-" and five["mulai"] == "-"
    assert three["mulai"] == "08/04/2025 10.00" and three["selesai"] == "11/04/2025 15.00"


def test_monitoring_rows_from_a_workbook(workbook_path: Path) -> None:
    env = {**os.environ, "LKJIP_SEKARANG": "2025-04-21T09:00"}
    for args in (
        ["start", "1", "--waktu", "2025-04-21T08:00"],
        ["finish", "1", "--waktu", "2025-04-21T08:20"],
    ):
        subprocess.run(
            ["lkjip", "step", *args, "--workbook", str(workbook_path)], env=env, check=True
        )
    with open_workbook(workbook_path) as gw:
        rows = monitoring_rows(journal_for(gw).events(), gw.profile())
    assert rows[0]["status"] == "Melebihi mutu baku (10 menit)"
    assert rows[0]["pelaksana"] == "Camat"
    assert rows[1]["status"] == "Belum mulai"


def _png_ok(path: Path) -> tuple[int, int]:
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(path) as im:
        return im.size


@pytest.mark.parametrize(
    ("name", "events"), [("kosong", []), ("berjalan", RUNNING), ("selesai", DONE)]
)
def test_timeline_chart_writes_a_png(tmp_path: Path, name: str, events: list[dict]) -> None:
    out = timeline_chart(events, PROFILE, tmp_path / "grafik" / f"{name}.png", now=NOW)
    assert out == tmp_path / "grafik" / f"{name}.png"
    w, h = _png_ok(out)
    assert w > 1200 and h > 800


def test_timeline_chart_from_a_workbook(workbook_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "LKJIP_SEKARANG": "2025-04-21T09:00"}
    subprocess.run(
        ["lkjip", "step", "start", "1", "--waktu", "2025-04-21T08:00", "-w", str(workbook_path)],
        env=env,
        check=True,
    )
    with open_workbook(workbook_path) as gw:
        out = timeline_chart(journal_for(gw).events(), gw.profile(), tmp_path / "tahapan.png")
    _png_ok(out)


def test_chart_module_imports_matplotlib_lazily() -> None:
    code = (
        "import sys, lkjip_xl.report.timeline, lkjip_xl.actions.steps; "
        "print('matplotlib' in sys.modules)"
    )
    proc = subprocess.run(["python", "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


def test_timeline_png_from_status_rows(tmp_path: Path) -> None:
    steps = sop_report(RUNNING, PROFILE, NOW).to_json()["steps"]
    events = events_from_status(steps)
    assert [(e["jenis"], e["no"]) for e in events][:3] == [
        ("langkah_mulai", 1),
        ("langkah_selesai", 1),
        ("langkah_mulai", 2),
    ]

    # The status rows carry the times, not the notes: same measures, same statuses.
    def key(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["mulai"], r["selesai"], r["realisasi"], r["status"]) for r in rows]

    from_status = monitoring_rows(events, PROFILE, now=NOW)
    assert key(from_status) == key(monitoring_rows(RUNNING, PROFILE, now=NOW))
    for kw in ({"zona": "Asia/Jakarta"}, {"profile": PROFILE}):
        png = timeline_png(steps, now=NOW, **kw)  # type: ignore[arg-type]
        (tmp_path / "t.png").write_bytes(png)
        _png_ok(tmp_path / "t.png")
