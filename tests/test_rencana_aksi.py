"""Rencana Aksi (issue 22): ``lkjip rencana-aksi`` fills the sheet with quarterly targets derived
from the annual target, keeps what staff typed, warns when the quarters miss the target, and
writes the Word document for the Camat's signature."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from test_pk import as_json, fill, lkjip

from lkjip_xl.domain.rencana_aksi import default_quarters, default_rule, quarter_problem
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook


def sheet_rows(path: Path) -> dict[str, dict]:
    with open_workbook(path) as gw:
        return {r["kode"]: r for r in gw.read_rows(S.RENCANA_AKSI_T)}


def test_defaults_follow_the_annual_target_by_rule() -> None:
    assert default_rule("IKM", "Nilai") == "Tahunan"
    assert default_rule("Lainnya", "%") == "Nilai Terakhir"
    assert default_rule("Lainnya", "kasus") == "Kumulatif"
    assert default_quarters(5, "Kumulatif") == [1, 1, 1, 2]  # whole numbers, sum = target
    assert default_quarters(2.5, "Kumulatif") == [0.63, 0.63, 0.63, 0.61]
    assert default_quarters(95, "Nilai Terakhir") == [95, 95, 95, 95]
    assert default_quarters(85, "Tahunan") == [None, None, None, 85]
    assert quarter_problem(5, "Kumulatif", [1, 1, 1, 2]) == ""
    assert "jumlah target triwulan 4" in quarter_problem(5, "Kumulatif", [1, 1, 1, 1])
    assert "triwulan IV kosong" in quarter_problem(85, "Tahunan", [None] * 4)


def test_rencana_aksi_fills_the_sheet_keeps_edits_and_writes_word(
    workbook_path: Path, tmp_path: Path
) -> None:
    fill(workbook_path)
    out = tmp_path / "hasil"
    first = as_json("rencana-aksi", "-w", workbook_path, "--out", out, "--tanggal", "2025-01-20")
    rows = sheet_rows(workbook_path)
    with open_workbook(workbook_path) as gw:
        indicators = [r["kode"] for r in gw.read_rows(S.FORMAT)]
    assert sorted(first["data"]["baru"]) == sorted(rows) == sorted(indicators)
    assert rows["IKU-01"]["aturan"] == "Tahunan" and rows["IKU-01"]["tw4"] == 85
    assert rows["IKU-01"]["tw1"] is None
    assert rows["IKU-04"]["aturan"] == "Kumulatif"
    assert [rows["IKU-04"][f"tw{i}"] for i in range(1, 5)] == [1, 1, 1, 2]
    assert rows["KEL-03"]["penanggung_jawab"] == "Kelurahan Pakistaji"
    assert any("Kegiatan belum diisi" in w for w in first["peringatan"])

    # staff change a quarter and a kegiatan in the yellow cells: kept, and the gap is named
    with open_workbook(workbook_path, write=True) as gw:
        table = gw.read_rows(S.RENCANA_AKSI_T)
        row = next(r for r in table if r["kode"] == "IKU-04")
        row["tw4"] = 1
        row["kegiatan"] = "Penanganan pengaduan & tindak lanjut <cepat>"
        gw.write_rows(S.RENCANA_AKSI_T, table)
    second = as_json("rencana-aksi", "-w", workbook_path, "--out", out)
    assert second["data"]["baru"] == [] and second["data"]["versi"] == 2
    rows = sheet_rows(workbook_path)
    assert rows["IKU-04"]["tw4"] == 1
    gap = next(w for w in second["peringatan"] if "IKU-04" in w and "jumlah" in w)
    assert "sheet Rencana Aksi, sel F8:I8" in gap and "tidak sama dengan target tahunan 5" in gap

    doc = Document(second["files"][0])
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "RENCANA AKSI TAHUN 2025" in text and "NIP. 19730512 199303 1 004" in text
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert cells[0][5:9] == ["TW I", "TW II", "TW III", "TW IV"]
    iku04 = next(r for r in cells if r[1].startswith("Jumlah pengaduan"))
    assert iku04[4:9] == ["Kumulatif", "1", "1", "1", "1"]
    assert iku04[9] == "Penanganan pengaduan & tindak lanjut <cepat>"
    with open_workbook(workbook_path) as gw:
        log = [r for r in gw.read_rows(S.LOG_T) if r["aksi"] == "Buat Rencana Aksi"]
    assert len(log) == 2 and "20/01/2025" in log[0]["rincian"]


def test_rencana_aksi_without_indicators_is_refused(workbook_path: Path) -> None:
    done = lkjip("rencana-aksi", "-w", workbook_path)
    assert done.returncode == 2 and "Format Data belum berisi indikator" in done.stderr
