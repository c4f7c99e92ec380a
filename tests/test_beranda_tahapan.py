"""Beranda warns when a running SOP step is past its mutu baku, and counts working days left
with the same holidays (public, cuti bersama, extra days off) as the Python engine."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc

from lkjip_xl.domain.worktime import WorkCalendar
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.build import UNIT_TOP
from lkjip_xl.workbook.gateway import open_workbook


def _step(wb: Path, *args: str, now: str) -> None:
    run = subprocess.run(
        ["lkjip", "step", *args, "--workbook", str(wb)],
        capture_output=True,
        text=True,
        env={**os.environ, "LKJIP_SEKARANG": now},
    )
    assert run.returncode == 0, run.stderr


def _run_to_step_3(wb: Path) -> None:
    _step(wb, "start", "1", "--waktu", "2026-01-05T08:00+07:00", now="2026-01-05T08:20+07:00")
    _step(wb, "finish", "1", "--waktu", "2026-01-05T08:05+07:00", now="2026-01-05T08:20+07:00")
    _step(wb, "start", "2", "--waktu", "2026-01-05T08:30+07:00", now="2026-01-05T15:00+07:00")
    _step(wb, "finish", "2", "--waktu", "2026-01-05T14:00+07:00", now="2026-01-05T15:00+07:00")
    _step(wb, "start", "3", "--waktu", "2026-01-06T07:45+07:00", now="2026-01-06T08:00+07:00")


def test_step_events_fill_the_holiday_list_and_the_limit(workbook_path: Path) -> None:
    _run_to_step_3(workbook_path)
    ws = openpyxl.load_workbook(workbook_path)[S.PENGATURAN]
    first = S.UNIT.header_row + 1
    listed = {
        ws[f"{S.HOLIDAY_COL}{r}"].value.date()
        for r in range(first, first + S.HOLIDAY_ROWS)
        if ws[f"{S.HOLIDAY_COL}{r}"].value is not None
    }
    with open_workbook(workbook_path) as gw:
        profile = gw.profile()
    cal = WorkCalendar.from_profile(profile)
    expected = {d for d, _ in cal.days_off(dt.date(2025, 1, 1), dt.date(2026, 12, 31))}
    assert listed == expected
    assert dt.date(2026, 1, 1) in listed  # Tahun Baru
    with open_workbook(workbook_path) as gw:
        rows = {r["no"]: r for r in gw.read_rows(S.TAHAPAN_T)}
    # Three working days from Tuesday 6 January 07:45: Friday 9 January 07:45.
    assert rows[3]["batas_mutu_baku"] == dt.datetime(2026, 1, 9, 7, 45)
    assert rows[1]["batas_mutu_baku"] == dt.datetime(2026, 1, 5, 8, 10)


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_beranda_shows_the_overdue_step_and_days_left(workbook_path: Path, tmp_path: Path) -> None:
    _run_to_step_3(workbook_path)  # step 3's limit (9 January 2026) is long past "now"
    values = openpyxl.load_workbook(recalc(workbook_path, tmp_path), data_only=True)[S.BERANDA]
    assert values["B6"].value.startswith("Perhatian: langkah 3 sudah melewati mutu baku")
    assert "09/01/2026 07.45" in values["B6"].value
    with open_workbook(workbook_path) as gw:
        profile = gw.profile()
    cal = WorkCalendar.from_profile(profile)
    today = dt.date.today()
    due = profile.due_date()
    # NETWORKDAYS counts both ends; the engine's count between the same dates must agree.
    if due >= today:
        assert values["I30"].value == cal.count_working_days(today, due)
    else:
        late = cal.count_working_days(due + dt.timedelta(days=1), today)
        assert values["I30"].value == f"Lewat {late} hari kerja"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_beranda_counts_the_ikm_and_sakip_rows_routed_to_their_source_unit(
    workbook_path: Path, tmp_path: Path
) -> None:
    from lkjip_xl.forms import spec

    rows = [
        {
            "kode": "IKU-01",
            "sasaran": "S",
            "indikator": "IKM",
            "satuan": "Nilai",
            "jenis": "IKM",
            "target": 85,
            "polaritas": "Naik",
            "penanggung_jawab": "Kecamatan Wonoasih",
        },
        {
            "kode": "IKU-02",
            "sasaran": "S",
            "indikator": "SAKIP",
            "satuan": "Nilai",
            "jenis": "SAKIP",
            "target": 70,
            "polaritas": "Naik",
            "penanggung_jawab": "Kecamatan Wonoasih",
        },
        {
            "kode": "IKU-03",
            "sasaran": "S",
            "indikator": "Layanan",
            "satuan": "%",
            "jenis": "Lainnya",
            "target": 95,
            "polaritas": "Naik",
            "penanggung_jawab": "Seksi Pelayanan Umum",
        },
    ]
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.FORMAT, rows)
    with open_workbook(workbook_path) as gw:
        profile = gw.profile()
        assigned, _ = spec.assign(spec.load_indicators(gw), profile)
    values = openpyxl.load_workbook(recalc(workbook_path, tmp_path), data_only=True)[S.BERANDA]
    shown = {
        values[f"B{r}"].value: values[f"C{r}"].value
        for r in range(UNIT_TOP, UNIT_TOP + 20)
        if values[f"B{r}"].value and values[f"C{r}"].value is not None  # not the summary line
    }
    expected = {u.nama: len(assigned.get(u.kode, [])) for u in profile.form_units}
    assert shown == expected
    assert shown["Seksi Pelayanan Umum"] == 2 and shown["Seksi Pemerintahan"] == 1
