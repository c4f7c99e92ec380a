"""``lkjip step``: start/finish/undo/status/rebuild through the real CLI on a real workbook.

The sheet is read back with openpyxl and the journal file as JSON lines. ``LKJIP_SEKARANG``
fixes "now" so the SOP can be replayed in the past (Idul Fitri 2025).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkjip_xl.workbook import schema as S
from lkjip_xl.workspace import Workspace

NOW = "2025-04-30T10:00:00+07:00"


def lkjip(
    *args: str, workbook: Path, now: str = NOW, ok: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LKJIP_SEKARANG": now, "COLUMNS": "200"}
    proc = subprocess.run(
        ["lkjip", "step", *args, "--workbook", str(workbook)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if ok:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def tahapan(path: Path) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[S.TAHAPAN]
    t = S.TAHAPAN_T
    headers = [ws.cell(t.header_row, t.first_col + i).value for i in range(len(t.columns))]
    assert headers == t.headers
    rows = []
    for r in range(t.header_row + 1, ws.max_row + 1):
        values = [ws.cell(r, t.first_col + i).value for i in range(len(t.columns))]
        if any(v is not None for v in values):
            rows.append(dict(zip([c.key for c in t.columns], values, strict=True)))
    return rows


def journal(path: Path) -> list[dict[str, Any]]:
    p = Workspace(path).journal
    if not p.exists():
        return []
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line]


def status_json(path: Path, now: str = NOW) -> dict[str, Any]:
    return json.loads(lkjip("status", "--json", workbook=path, now=now).stdout)


def test_whole_sop_across_idul_fitri_2025(workbook_path: Path) -> None:
    w = workbook_path
    # Step 1 on Thursday 27 March 2025, the last working day before the Idul Fitri break.
    lkjip("start", "1", "--waktu", "2025-03-27T13:00", workbook=w)
    lkjip("finish", "1", "--waktu", "2025-03-27T13:08", "--dokumen", "Disposisi", workbook=w)
    lkjip("start", "2", "--waktu", "2025-03-27T13:08", workbook=w)
    # Finished after the break on Tuesday 8 April 10:00: 2 h 52 m + 2 h 30 m = 5 h 22 m.
    lkjip("finish", "2", "--waktu", "2025-04-08T10:00", workbook=w)
    lkjip("start", "3", "--waktu", "2025-04-08T10:00", workbook=w)
    # Friday 11 April 15:00: 6 h + 8.5 h + 8.5 h + 7.5 h = 30.5 h = 3 hari 5 jam: late.
    lkjip(
        "finish",
        "3",
        "--waktu",
        "2025-04-11T15:00",
        "--catatan",
        "Kel. Pakistaji telat",
        workbook=w,
    )
    lkjip("start", "4", "--waktu", "2025-04-14T07:30", workbook=w)
    lkjip("finish", "4", "--waktu", "2025-04-15T16:00", workbook=w)  # exactly 2 hari
    lkjip("start", "5", "--waktu", "2025-04-16T07:30", workbook=w)
    lkjip("finish", "5", "--waktu", "2025-04-16T15:00", workbook=w)
    lkjip("start", "6", "--waktu", "2025-04-16T15:00", workbook=w)
    lkjip("finish", "6", "--waktu", "2025-04-16T15:30", workbook=w)
    lkjip("start", "7", "--waktu", "2025-04-17T08:00", workbook=w)
    lkjip("finish", "7", "--waktu", "2025-04-17T08:04", workbook=w)  # 4 of 5 menit
    lkjip("start", "8", "--waktu", "2025-04-17T08:04", workbook=w)
    # Past closing time on Thursday 17 April (Friday 18 April is Good Friday): 7 h 56 m.
    done = lkjip("finish", "8", "--waktu", "2025-04-17T18:00", workbook=w)
    assert "Melebihi mutu baku" in done.stdout

    rows = tahapan(w)
    assert [r["no"] for r in rows] == list(range(1, 9))
    assert [r["durasi_kerja_menit"] for r in rows] == [8, 322, 1830, 1020, 450, 30, 4, 476]
    assert rows[0]["status"] == "Tepat waktu"
    assert rows[0]["dokumen"] == "Disposisi"
    assert rows[0]["mulai"] == dt.datetime(2025, 3, 27, 13, 0)
    assert rows[2]["status"] == "Melebihi mutu baku"
    assert rows[2]["durasi"] == "3 hari 5 jam (lebih 5 jam)"
    assert "Kel. Pakistaji telat" in rows[2]["catatan"]
    assert rows[3]["status"] == "Tepat waktu"  # 16:00 closing time is within the day
    assert rows[6]["status"] == "Tepat waktu" and rows[6]["durasi"] == "4 menit"
    assert rows[7]["status"] == "Melebihi mutu baku"
    assert rows[7]["durasi"] == "7 jam 56 menit (lebih 6 jam 56 menit)"
    assert rows[0]["pelaksana"] == "Camat" and rows[4]["pelaksana"] == "Sekcam"
    assert rows[0]["oleh"] == "(Nama Camat) (Camat Wonoasih)"
    assert rows[2]["oleh"] == "Kasi/Lurah"  # several Kasi/Lurah: the role is recorded

    events = journal(w)
    assert [e["jenis"] for e in events] == ["langkah_mulai", "langkah_selesai"] * 8
    assert events[0]["pada"] == "2025-03-27T13:00:00+07:00"
    assert events[0]["peran"] == "camat" and events[0]["oleh"] == "(Nama Camat)"

    data = status_json(w)
    steps = data["steps"]
    assert [s["status"] for s in steps] == [
        "Tepat waktu",
        "Tepat waktu",
        "Melebihi mutu baku",
        "Tepat waktu",
        "Tepat waktu",
        "Tepat waktu",
        "Tepat waktu",
        "Melebihi mutu baku",
    ]
    assert steps[2]["melebihi_menit"] == 300
    assert steps[1]["mutu_baku_menit"] == 510
    assert steps[1]["selesai"] == "2025-04-08T10:00:00+07:00"
    # Plan: step 2 from step 1's actual finish, 1 hari → Tuesday 8 April 13:08.
    assert steps[1]["rencana_selesai"] == "2025-04-08T13:08:00+07:00"
    assert data["selesai"] == "2025-04-17T18:00:00+07:00"
    assert data["batas_penyampaian"] == "2026-02-28"
    assert data["rencana_selesai"].endswith("+07:00")


def test_finishing_needs_a_start(workbook_path: Path) -> None:
    before = workbook_path.read_bytes()
    proc = lkjip("finish", "1", workbook=workbook_path, ok=False)
    assert proc.returncode == 2
    assert "Langkah 1 belum dimulai" in proc.stderr
    assert "lkjip step start 1" in proc.stderr
    assert journal(workbook_path) == []
    assert workbook_path.read_bytes() == before


def test_order_is_enforced_unless_forced_with_a_reason(workbook_path: Path) -> None:
    w = workbook_path
    lkjip("start", "1", "--waktu", "2025-04-21T08:00", workbook=w)
    proc = lkjip("start", "2", "--waktu", "2025-04-21T08:30", workbook=w, ok=False)
    assert proc.returncode == 2 and "langkah 1" in proc.stderr and "--paksa" in proc.stderr
    proc = lkjip("start", "2", "--paksa", workbook=w, ok=False)
    assert proc.returncode == 2 and "alasan" in proc.stderr
    assert len(journal(w)) == 1
    out = lkjip(
        "start",
        "2",
        "--waktu",
        "2025-04-21T08:30",
        "--paksa",
        "--alasan",
        "Camat dinas luar, disposisi menyusul",
        workbook=w,
    )
    assert "Peringatan" in out.stdout and "--paksa" in out.stdout
    ev = journal(w)[-1]
    assert ev["paksa"] is True and ev["alasan"] == "Camat dinas luar, disposisi menyusul"
    rows = tahapan(w)
    assert "Camat dinas luar" in rows[1]["catatan"]
    assert rows[0]["status"] == rows[1]["status"] == "Berjalan"
    log = openpyxl.load_workbook(w)[S.LOG]
    rincian = [log.cell(r, 4).value for r in range(S.LOG_T.header_row + 1, log.max_row + 1)]
    assert any("Camat dinas luar" in (x or "") for x in rincian)


def test_start_cannot_precede_previous_finish(workbook_path: Path) -> None:
    w = workbook_path
    lkjip("start", "1", "--waktu", "2025-04-21T08:00", workbook=w)
    lkjip("finish", "1", "--waktu", "2025-04-21T08:10", workbook=w)
    proc = lkjip("start", "2", "--waktu", "2025-04-21T08:05", workbook=w, ok=False)
    assert proc.returncode == 2 and "lebih awal" in proc.stderr


def test_undo_is_an_event_and_deletes_nothing(workbook_path: Path) -> None:
    w = workbook_path
    lkjip("start", "1", "--waktu", "2025-04-21T08:00", workbook=w)
    lkjip("finish", "1", "--waktu", "2025-04-21T08:05", workbook=w)
    proc = lkjip("undo", workbook=w, ok=False)
    assert proc.returncode == 2 and "alasan" in proc.stderr
    out = lkjip("undo", "--alasan", "salah tekan", workbook=w)
    assert "dibatalkan" in out.stdout
    events = journal(w)
    assert [e["jenis"] for e in events] == ["langkah_mulai", "langkah_selesai", "langkah_batal"]
    assert events[2]["batal_id"] == events[1]["id"] and events[2]["alasan"] == "salah tekan"
    rows = tahapan(w)
    assert rows[0]["status"] == "Berjalan" and rows[0]["selesai"] is None
    # Undo again cancels the start; a third time there is nothing left.
    lkjip("undo", "--alasan", "langkah belum dikerjakan", workbook=w)
    assert tahapan(w)[0]["status"] == "Belum mulai"
    proc = lkjip("undo", "--alasan", "lagi", workbook=w, ok=False)
    assert proc.returncode == 2 and "dapat dibatalkan" in proc.stderr
    assert len(journal(w)) == 4
    # The step can be recorded afresh.
    lkjip("start", "1", "--waktu", "2025-04-22T08:00", workbook=w)
    assert tahapan(w)[0]["mulai"] == dt.datetime(2025, 4, 22, 8, 0)


def test_rebuild_restores_the_sheet_from_the_journal(workbook_path: Path) -> None:
    w = workbook_path
    lkjip("start", "1", "--waktu", "2025-04-21T08:00", workbook=w)
    lkjip("finish", "1", "--waktu", "2025-04-21T08:20", workbook=w)
    lkjip("start", "2", "--waktu", "2025-04-21T08:20", workbook=w)
    expected = tahapan(w)
    wb = openpyxl.load_workbook(w, keep_vba=True)
    ws = wb[S.TAHAPAN]
    for row in ws.iter_rows(min_row=S.TAHAPAN_T.header_row + 1):
        for cell in row:
            cell.value = None
    wb.save(w)
    assert tahapan(w) == []
    out = lkjip("rebuild", workbook=w)
    assert "3 catatan langkah" in out.stdout
    assert tahapan(w) == expected
    assert expected[0]["status"] == "Melebihi mutu baku"
    assert expected[0]["durasi"] == "20 menit (lebih 10 menit)"


def test_rebuild_on_a_fresh_workbook_lists_the_eight_steps(workbook_path: Path) -> None:
    lkjip("rebuild", workbook=workbook_path)
    rows = tahapan(workbook_path)
    assert len(rows) == 8
    assert {r["status"] for r in rows} == {"Belum mulai"}
    assert [r["mutu_baku_menit"] for r in rows] == [10, 510, 1530, 1020, 510, 60, 5, 60]
    assert rows[1]["kelengkapan"].startswith("Format sistematika LKjIP")


def test_oleh_accepts_a_role_or_a_name(workbook_path: Path) -> None:
    w = workbook_path
    lkjip("start", "1", "--waktu", "2025-04-21T08:00", "--oleh", "sekcam", workbook=w)
    lkjip("finish", "1", "--waktu", "2025-04-21T08:05", "--oleh", "Budi Santoso", workbook=w)
    first, second = journal(w)
    assert first["peran"] == "sekcam" and first["oleh"] == "(Nama Sekcam)"
    assert second["oleh"] == "Budi Santoso" and second["peran"] == "camat"
    assert tahapan(w)[0]["oleh"] == (
        "Mulai: (Nama Sekcam) (Sekretaris Kecamatan Wonoasih); Selesai: Budi Santoso"
    )
    # A name that is in the Pejabat table gets its jabatan and role.
    lkjip("start", "2", "--waktu", "2025-04-21T08:05", "--oleh", "(nama camat)", workbook=w)
    third = journal(w)[-1]
    assert third["peran"] == "camat" and third["jabatan"] == "Camat Wonoasih"


def test_default_time_is_now_in_jakarta(workbook_path: Path) -> None:
    lkjip("start", "1", workbook=workbook_path, now="2025-04-21T01:02:03+00:00")
    assert journal(workbook_path)[0]["pada"] == "2025-04-21T08:02:00+07:00"


def test_bad_time_and_future_time_are_refused(workbook_path: Path) -> None:
    proc = lkjip("start", "1", "--waktu", "kemarin sore", workbook=workbook_path, ok=False)
    assert proc.returncode == 2 and "tidak dapat dibaca" in proc.stderr
    proc = lkjip("start", "1", "--waktu", "2025-05-30T08:00", workbook=workbook_path, ok=False)
    assert proc.returncode == 2 and "belum terjadi" in proc.stderr
    assert journal(workbook_path) == []


def test_status_json_contract_and_read_only(workbook_path: Path) -> None:
    w = workbook_path
    lkjip("start", "1", "--waktu", "2025-04-21T08:00", workbook=w)
    before = w.read_bytes()
    backups = sorted(Workspace(w).backups.iterdir())
    data = status_json(w, now="2025-04-21T08:30:00+07:00")
    assert w.read_bytes() == before
    assert sorted(Workspace(w).backups.iterdir()) == backups
    assert set(data) >= {"steps", "rencana_selesai", "batas_penyampaian"}
    for s in data["steps"]:
        assert set(s) >= {
            "no",
            "aktivitas",
            "pelaksana",
            "mutu_baku_menit",
            "mulai",
            "selesai",
            "durasi_kerja_menit",
            "status",
        }
    s1 = data["steps"][0]
    assert s1["mulai"] == "2025-04-21T08:00:00+07:00" and s1["selesai"] is None
    assert s1["status"] == "Berjalan" and s1["durasi_kerja_menit"] is None
    assert s1["berjalan_menit"] == 30 and s1["melebihi_menit"] == 20
    assert any("sudah melebihi mutu baku 10 menit" in p for p in data["peringatan"])
    # Whole SOP planned from step 1's start: 7 hari 2 jam 15 menit (3705 min) of working time:
    # 480 min on Mon 21 April, 6 full days (22-25, 28, 29 April), 165 min on 30 April.
    assert data["rencana_selesai"] == "2025-04-30T10:15:00+07:00"
    assert data["batas_penyampaian"] == "2026-02-28"
    assert isinstance(data["sisa_hari_kerja"], int) and data["sisa_hari_kerja"] > 150


def test_status_table_in_indonesian(workbook_path: Path) -> None:
    lkjip("start", "1", "--waktu", "2025-04-21T08:00", workbook=workbook_path)
    out = lkjip("status", workbook=workbook_path, now="2025-04-21T08:05:00+07:00").stdout
    assert "Tahapan SOP Penyusunan LKjIP" in out
    assert "Belum mulai" in out and "Berjalan" in out
    assert "Batas penyampaian LKjIP: Sisa " in out
    assert "hari kerja sampai 28 Februari 2026" in " ".join(out.split())


def test_refuses_while_open_in_excel(workbook_path: Path) -> None:
    owner = workbook_path.parent / ("~$" + workbook_path.name)
    owner.write_text("x")
    proc = lkjip("start", "1", "--waktu", "2025-04-21T08:00", workbook=workbook_path, ok=False)
    assert proc.returncode == 2 and "sedang dibuka di Excel" in proc.stderr
    assert journal(workbook_path) == []


def test_missing_workbook_and_missing_option(tmp_path: Path) -> None:
    proc = lkjip("status", workbook=tmp_path / "tidak_ada.xlsm", ok=False)
    assert proc.returncode == 2 and "tidak ditemukan" in proc.stderr
    proc = subprocess.run(["lkjip", "step", "status"], capture_output=True, text=True, check=False)
    assert proc.returncode != 0 and "--workbook" in proc.stdout + proc.stderr


@pytest.mark.parametrize("no", ["0", "9"])
def test_step_number_out_of_range(workbook_path: Path, no: str) -> None:
    proc = lkjip("start", no, workbook=workbook_path, ok=False)
    assert proc.returncode != 0
    assert journal(workbook_path) == []
