"""The journal is the record: concurrent writers, and a workbook moved without its journal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl

from lkjip_xl.workbook import schema as S
from lkjip_xl.workspace import Workspace

ENV = {**os.environ, "LKJIP_SEKARANG": "2025-04-30T10:00:00+07:00"}


def run(*args: str, workbook: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["lkjip", "step", *args, "--workbook", str(workbook)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


def journal(path: Path) -> list[dict[str, Any]]:
    p = Workspace(path).journal
    return [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()] if p.exists() else []


def test_two_simultaneous_starts_record_one(workbook_path: Path) -> None:
    cmd = ["lkjip", "step", "start", "1", "--waktu", "2025-04-21T08:00", "-w", str(workbook_path)]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        for _ in range(2)
    ]
    results = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    assert any("sudah dimulai" in err for _, err in results)
    assert [e["jenis"] for e in journal(workbook_path)] == ["langkah_mulai"]


def test_workbook_moved_without_its_journal_keeps_its_times(
    workbook_path: Path, tmp_path: Path
) -> None:
    w = workbook_path
    for args in (
        ("start", "1", "--waktu", "2025-04-21T08:00", "--catatan", "lisan"),
        ("finish", "1", "--waktu", "2025-04-21T08:09", "--dokumen", "Disposisi 7"),
        ("start", "2", "--waktu", "2025-04-21T08:09"),
    ):
        assert run(*args, workbook=w).returncode == 0
    moved = tmp_path / "pindahan" / w.name
    moved.parent.mkdir()
    shutil.copy2(w, moved)  # the .xlsm only, no "jurnal" folder
    assert journal(moved) == []

    status = run("status", "--json", workbook=moved)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["steps"][0]["status"] == "Tepat waktu"
    assert data["steps"][1]["status"] == "Berjalan"
    assert "folder 'jurnal'" in data["peringatan"][0]
    assert journal(moved) == []  # status does not write

    out = run("finish", "2", "--waktu", "2025-04-21T15:00", workbook=moved)
    assert out.returncode == 0, out.stderr
    assert "folder 'jurnal'" in out.stdout
    events = journal(moved)
    assert [(e["jenis"], e["no"]) for e in events] == [
        ("langkah_mulai", 1),
        ("langkah_selesai", 1),
        ("langkah_mulai", 2),
        ("langkah_selesai", 2),
    ]
    assert all(e.get("dari_sheet") for e in events[:3])
    ws = openpyxl.load_workbook(moved)[S.TAHAPAN]
    t = S.TAHAPAN_T
    first = t.header_row + 1
    assert ws.cell(first, t.col_index("status")).value == "Tepat waktu"
    assert ws.cell(first, t.col_index("dokumen")).value == "Disposisi 7"
    assert "lisan" in ws.cell(first, t.col_index("catatan")).value
    assert ws.cell(first + 1, t.col_index("durasi_kerja_menit")).value == 411
    # The recovered events can be undone like any other.
    assert run("undo", "--alasan", "uji", workbook=moved).returncode == 0
    assert run("undo", "--alasan", "uji", workbook=moved).returncode == 0
    ws = openpyxl.load_workbook(moved)[S.TAHAPAN]
    assert ws.cell(first + 1, t.col_index("status")).value == "Belum mulai"
    # ...and the sheet is not adopted twice once the journal has step events.
    assert run("rebuild", workbook=moved).returncode == 0
    assert len(journal(moved)) == 6
