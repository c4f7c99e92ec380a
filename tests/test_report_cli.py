"""``lkjip report | letter | letter-void | archive`` through the installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from narasi_data import complete, signed
from test_report_docx import fill_workbook


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=300
    )


def as_json(*args: str | Path) -> dict[str, Any]:
    done = lkjip(*args, "--json")
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def test_report_letter_void_and_archive(workbook_path: Path, tmp_path: Path) -> None:
    fill_workbook(workbook_path)
    complete(workbook_path)
    out = tmp_path / "hasil"
    draft = as_json("report", "--workbook", workbook_path, "--out", out)
    assert draft["data"]["versi"] == 1 and draft["data"]["tahap"] == "draft"
    assert Path(draft["files"][0]) == out / "LKjIP_Wonoasih_2025_v1.docx"
    refused = lkjip("report", "-w", workbook_path, "--tahap", "final")
    assert refused.returncode == 2 and "belum dapat dibuat" in refused.stderr
    assert "langkah 6 dan 7" in refused.stderr  # the Camat has not approved and signed
    signed(workbook_path)
    refused = lkjip("report", "-w", workbook_path, "--tahap", "final")
    assert refused.returncode == 2 and "belum dapat dibuat" in refused.stderr
    assert "IKU-05" in refused.stderr  # sample data: no realisasi yet
    final = as_json(
        "report", "-w", workbook_path, "--tahap", "final", "--paksa", "--alasan", "menyusul"
    )
    assert final["data"]["versi"] == 2 and final["data"]["tahap"] == "final"

    first = as_json("letter", "-w", workbook_path, "--lampiran", "2", "--tanggal", "2026-01-20")
    nomor = first["data"]["nomor"]
    assert nomor == "050/1/425.503/2026"
    voided = lkjip("letter-void", nomor, "-w", workbook_path, "--alasan", "salah tanggal")
    assert voided.returncode == 0 and "dibatalkan" in voided.stdout
    second = as_json("letter", "-w", workbook_path, "--hal", "Penyampaian LKjIP")
    assert second["data"]["urut"] == 2
    batal = lkjip(
        "letter", "-w", workbook_path, "--batal", second["data"]["nomor"], "--alasan", "x"
    )
    assert batal.returncode == 0
    third = as_json("letter", "-w", workbook_path)
    assert third["data"]["urut"] == 3

    archived = as_json("archive", "-w", workbook_path)
    assert archived["data"]["nomor_surat"] == third["data"]["nomor"]
    assert (workbook_path.parent / "arsip" / "2025" / "manifest.json").exists()


def test_user_errors_are_indonesian_messages(workbook_path: Path) -> None:
    done = lkjip("archive", "-w", workbook_path)
    assert done.returncode == 2
    assert "Belum ada LKjIP tahun 2025 versi final" in done.stderr
    assert "Traceback" not in done.stderr
    void = lkjip("letter-void", "050/9/425.503/2026", "-w", workbook_path, "--alasan", "x")
    assert void.returncode == 2 and "tidak ada di register" in void.stderr
    bad = lkjip("letter", "-w", workbook_path, "--tanggal", "20/01/2026")
    assert bad.returncode == 2 and "TAHUN-BULAN-TANGGAL" in bad.stderr
