"""SOP step 8: the final LKjIP, the letter and a workbook snapshot in arsip/<tahun>/."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from narasi_data import complete, ready
from test_report_docx import fill_workbook

from lkjip_xl.actions import report as actions
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook.gateway import open_workbook

DAY = dt.date(2026, 1, 20)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_archive_needs_a_final_report(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        actions.make_report(gw, tanggal=DAY)  # a draft only
        with pytest.raises(LkjipError, match="versi final"):
            actions.archive(gw)


def test_archive_needs_a_numbered_letter(workbook_path: Path) -> None:
    ready(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        actions.make_report(gw, tahap="final", tanggal=DAY)
        with pytest.raises(LkjipError, match="surat pengantar"):
            actions.archive(gw)


def test_archive_places_files_with_a_manifest(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    complete(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        actions.make_report(gw, tanggal=DAY)
        # IKU-05 has no realisasi in the sample data: an emergency final
        final = actions.make_report(
            gw, tahap="final", tanggal=DAY, paksa=True, alasan="IKU-05 menyusul"
        ).files[0]
        letter = actions.make_letter(gw, tanggal=DAY)
        result = actions.archive(gw)
    folder = workbook_path.parent / "arsip" / "2025"
    assert Path(result.data["folder"]) == folder
    names = sorted(p.name for p in folder.iterdir())
    assert final.name in names and final.name.endswith("_v2.docx")
    assert letter.files[0].name in names
    snapshots = [n for n in names if n.startswith("LKjIP_Wonoasih_arsip_") and n.endswith(".xlsm")]
    assert len(snapshots) == 1
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["nomor_surat"] == "050/1/425.503/2026"
    assert manifest["jumlah_salinan"] == 2
    journals = [n for n in names if n.startswith("jurnal_") and n.endswith(".jsonl")]
    assert len(journals) == 1
    assert {f["file"] for f in manifest["files"]} == {
        final.name,
        letter.files[0].name,
        *snapshots,
        *journals,
    }
    for f in manifest["files"]:
        assert f["sha256"] == sha(folder / f["file"])
    readable = (folder / "MANIFEST.txt").read_text(encoding="utf-8")
    assert "050/1/425.503/2026" in readable and "2 (dua) eksemplar" in readable
    assert sha(final) in readable
    assert "2 (dua) eksemplar" in result.pesan
    assert any("PDF LKjIP final belum ada" in w for w in result.peringatan)
    # the snapshot already holds the register row written in the same transaction
    with open_workbook(folder / snapshots[0]) as snap:
        from lkjip_xl.workbook import schema as S

        assert [r["nomor"] for r in snap.read_rows(S.REGISTER_T)] == ["050/1/425.503/2026"]


def test_archiving_again_keeps_the_earlier_manifest(workbook_path: Path) -> None:
    ready(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        actions.make_report(gw, tahap="final", tanggal=DAY)
        actions.make_letter(gw, tanggal=DAY)
        actions.archive(gw)
    folder = workbook_path.parent / "arsip" / "2025"
    (folder / "manifest.json").touch()
    import os
    import time

    old = time.time() - 3600
    os.utime(folder / "manifest.json", (old, old))
    with open_workbook(workbook_path, write=True) as gw:
        actions.archive(gw)
    kept = list(folder.glob("manifest_*.json"))
    assert len(kept) == 1 and (folder / "manifest.json").exists()
