"""Next year: `lkjip tahun-baru` on the finished demo workbook, and a workbook whose `tahun` was
moved on by hand (no inherited steps, imports or IKM)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc

from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

# A working day after the demo (LKjIP 2025, made in January 2026), before its deadline passes.
ENV = {**os.environ, "LKJIP_SEKARANG": "2026-02-02T09:00:00+07:00"}


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lkjip_xl.demo.run import run_demo

    out = tmp_path_factory.mktemp("demo14") / "hasil"
    run_demo(out)
    return out


@pytest.fixture
def demo(_demo: Path, tmp_path: Path) -> Path:
    """A private copy of the finished demo folder (workbook, journal, archives)."""
    dest = tmp_path / "demo"
    shutil.copytree(_demo, dest)
    return dest / "LKjIP_Wonoasih.xlsm"


def lkjip(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["lkjip", *args], capture_output=True, text=True, env=env or ENV, check=False
    )


def _cells(path: Path) -> dict[tuple[str, str], Any]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def _data_rows(table: S.Table, cols: list[str] | None = None) -> set[tuple[str, str]]:
    """Addresses of a table's data rows (rows below the header), all or some columns."""
    keys = cols or [c.key for c in table.columns]
    return {
        (table.sheet, f"{col_letter(table.col_index(k))}{r}")
        for k in keys
        for r in range(table.header_row + 1, table.header_row + 3000)
    }


def test_tahun_baru_leaves_this_year_untouched_and_starts_a_new_journal(demo: Path) -> None:
    """What a new workbook holds, cell by cell against the declared rule, is checked in
    test_year_rollover.py; here: this year's files, the journal and the target file."""
    before = hashlib.sha256(demo.read_bytes()).hexdigest()
    run = lkjip("tahun-baru", "--workbook", str(demo))
    assert run.returncode == 0, run.stderr
    new = demo.with_name("LKjIP_Wonoasih_2026.xlsm")
    assert new.exists()
    assert "LKjIP_Wonoasih_2026.xlsm" in run.stdout and "tahun 2026" in run.stdout
    # This year's workbook is untouched, byte for byte; no stray temporary files are left.
    assert hashlib.sha256(demo.read_bytes()).hexdigest() == before
    assert not [p for p in demo.parent.iterdir() if p.name.startswith(".~lkjip")]
    with open_workbook(new) as gw:
        (log,) = gw.read_rows(S.LOG_T)
    assert log["aksi"] == "Tahun baru" and log["hasil"] == "OK"  # a finished year

    # A new, empty journal: no steps, imports or letter numbers of last year.
    assert not Workspace(new).journal.exists()
    status = lkjip("step", "status", "--json", "--workbook", str(new))
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert [s["status"] for s in data["steps"]] == ["Belum mulai"] * 8
    assert data["batas_penyampaian"] == "2027-02-28"

    # Refuses when the target exists (and leaves it alone).
    again = lkjip("tahun-baru", "--workbook", str(demo))
    assert again.returncode == 2
    assert "sudah ada" in again.stderr and "tidak ditimpa" in again.stderr


def test_tahun_baru_from_a_relative_path_writes_beside_the_workbook(demo: Path) -> None:
    run = subprocess.run(
        ["lkjip", "tahun-baru", "-w", f"{demo.parent.name}/{demo.name}"],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=demo.parent.parent,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert demo.with_name("LKjIP_Wonoasih_2026.xlsm").exists()


def _set_tahun(wb: Path, tahun: int) -> None:
    """Type a year into Pengaturan's ``tahun`` cell, as staff do."""
    with open_workbook(wb, write=True) as gw:
        (row,) = [r for r in gw.read_rows(S.PROFIL) if r["kunci"] == "tahun"]
        gw.write_cell(S.PENGATURAN, f"B{row['_row']}", tahun)


def test_tahun_moved_on_by_hand_does_not_inherit_last_year(demo: Path) -> None:
    _set_tahun(demo, 2026)
    env = {**os.environ, "LKJIP_SEKARANG": "2027-01-05T09:00:00+07:00"}
    status = lkjip("step", "status", "--json", "--workbook", str(demo), env=env)
    assert status.returncode == 0, status.stderr
    assert [s["status"] for s in json.loads(status.stdout)["steps"]] == ["Belum mulai"] * 8
    forms = lkjip("forms", "status", "--json", "--workbook", str(demo), env=env)
    assert forms.returncode == 0, forms.stderr
    assert json.loads(forms.stdout)["ringkasan"]["lengkap"] == 0
    hitung = lkjip("hitung", "--json", "--workbook", str(demo), env=env)
    assert "bukan tahun 2026" in hitung.stdout + hitung.stderr
    start = lkjip("step", "start", "1", "--waktu", "05/01/2027 08.00", "-w", str(demo), env=env)
    assert start.returncode == 0, start.stderr
    # Back on 2025 the year's journal is whole again: eight steps done.
    _set_tahun(demo, 2025)
    back = lkjip("step", "status", "--json", "--workbook", str(demo), env=env)
    assert [s["status"] for s in json.loads(back.stdout)["steps"]].count("Belum mulai") == 0


def test_deadline_after_step_8_says_when_it_was_delivered(demo: Path) -> None:
    # Step 8 of the demo finished Wednesday 14 January 2026; the deadline is 28 February 2026.
    # Working days from 15 January to 28 February 2026: 12 weekdays in January minus Isra
    # Mikraj (16 January) = 11, 20 weekdays in February minus cuti bersama and Tahun Baru Imlek
    # (16 and 17 February) = 18: 29.
    expected = "Disampaikan 14 Januari 2026 (29 hari kerja sebelum batas)"
    for now in ("2026-02-02T09:00:00+07:00", "2026-11-30T09:00:00+07:00"):
        run = lkjip("step", "status", "--workbook", str(demo), env={**ENV, "COLUMNS": "80"})
        assert run.returncode == 0, run.stderr
        assert expected in " ".join(run.stdout.split())
        assert "Lewat" not in run.stdout and "sisa -" not in run.stdout
        data = json.loads(
            lkjip(
                "step",
                "status",
                "--json",
                "-w",
                str(demo),
                env={**os.environ, "LKJIP_SEKARANG": now},
            ).stdout
        )
        assert data["keterangan_batas"] == expected


def test_deadline_on_a_brand_new_workbook_is_not_late(workbook_path: Path) -> None:
    env = {**os.environ, "LKJIP_SEKARANG": "2026-11-30T09:00:00+07:00"}
    data = json.loads(lkjip("step", "status", "--json", "-w", str(workbook_path), env=env).stdout)
    assert not data["keterangan_batas"].startswith("Lewat")
    assert "sebelum SOP dimulai" in data["keterangan_batas"]
    assert "Tahun kinerja" in data["keterangan_batas"]


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_beranda_shows_the_same_delivery_text(demo: Path, tmp_path: Path) -> None:
    values = openpyxl.load_workbook(recalc(demo, tmp_path), data_only=True)[S.BERANDA]
    assert values["I30"].value == "Disampaikan 14 Januari 2026 (29 hari kerja sebelum batas)"
    assert values["I29"].value.date() == dt.date(2026, 2, 28)


def test_step_status_fits_80_columns(demo: Path) -> None:
    run = lkjip("step", "status", "--workbook", str(demo), env={**ENV, "COLUMNS": "80"})
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    end = next(i for i, line in enumerate(lines) if "langkah SOP selesai" in line)
    table = lines[:end]
    assert max(len(line) for line in table) <= 80
    text = "\n".join(table)
    # Nothing is cut: every status, time and activity reads in full.
    assert "…" not in text
    assert text.count("Tepat waktu") + text.count("Melebihi mutu baku") == 8
    assert "05/01/2026 08.00" in text and "14/01/2026 10.50" in text
    assert "Pemenuhan data LKjIP" in text


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_beranda_on_a_brand_new_workbook_does_not_count_late_days(
    workbook_path: Path, tmp_path: Path
) -> None:
    values = openpyxl.load_workbook(recalc(workbook_path, tmp_path), data_only=True)[S.BERANDA]
    with open_workbook(workbook_path) as gw:
        due = gw.profile().due_date()
    assert values["I29"].value.date() == due
    if dt.date.today() > due:
        assert values["I30"].value == (
            "Sudah lewat sebelum SOP dimulai: periksa Tahun kinerja di Pengaturan"
        )
    else:
        assert isinstance(values["I30"].value, int | float)
