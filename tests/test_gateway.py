"""The file door of the gateway: reading, writing, backups, atomicity, Excel's lock file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from lkjip_xl.errors import LkjipError, WorkbookBusyError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_profile_reads_back_the_default(workbook_path: Path) -> None:
    with open_workbook(workbook_path) as gw:
        profile = gw.profile()
    assert profile.opd == "Kecamatan Wonoasih"
    assert [u.nama for u in profile.unit if u.jenis == "kelurahan"] == [
        "Kelurahan Wonoasih",
        "Kelurahan Jrebeng Kidul",
        "Kelurahan Pakistaji",
        "Kelurahan Kedunggaleng",
        "Kelurahan Kedungasem",
        "Kelurahan Sumbertaman",
    ]
    assert profile.official("camat").jabatan == "Camat Wonoasih"


def test_write_then_read_rows_with_formula_columns(workbook_path: Path) -> None:
    rows = [
        {
            "kode": "1.01",
            "nama": "Program Penunjang",
            "tingkat": "Program",
            "pagu": 1_000_000,
            "realisasi": 950_000,
        },
        {
            "kode": "1.02",
            "nama": "Program Pemerintahan",
            "tingkat": "Program",
            "pagu": 500_000,
            "realisasi": 400_000,
        },
    ]
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, rows)
    with open_workbook(workbook_path) as gw:
        back = gw.read_rows(S.ANGGARAN_T)
    assert [(r["nama"], r["pagu"], r["_row"]) for r in back] == [
        ("Program Penunjang", 1_000_000, S.ANGGARAN_T.header_row + 1),
        ("Program Pemerintahan", 500_000, S.ANGGARAN_T.header_row + 2),
    ]
    assert "serapan" not in back[0]  # formula columns are never read back
    ws = openpyxl.load_workbook(workbook_path)[S.ANGGARAN]
    r = S.ANGGARAN_T.header_row + 1
    col = S.ANGGARAN_T.col_index("serapan")
    assert ws.cell(r, col).value == S.ANGGARAN_T.column("serapan").formula.format(r=r)
    assert ws.tables["tblAnggaran"].ref.endswith(str(S.ANGGARAN_T.header_row + 2))


def test_shrinking_a_table_clears_old_rows(workbook_path: Path) -> None:
    many = [{"nama": f"Kegiatan {i}", "pagu": i} for i in range(1, 6)]
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, many)
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, many[:2])
    with open_workbook(workbook_path) as gw:
        assert [r["nama"] for r in gw.read_rows(S.ANGGARAN_T)] == ["Kegiatan 1", "Kegiatan 2"]


def test_formula_like_text_is_stored_as_text(workbook_path: Path) -> None:
    evil = ['=HYPERLINK("http://x","klik")', "+1+2", "-3", "@SUM(A1)"]
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(
            S.KIRIMAN_T,
            [{"unit": "Kelurahan Wonoasih", "kode": "X", "keterangan": e} for e in evil],
        )
    ws = openpyxl.load_workbook(workbook_path)[S.KIRIMAN]
    col = S.KIRIMAN_T.col_index("keterangan")
    cells = [ws.cell(S.KIRIMAN_T.header_row + 1 + i, col) for i in range(len(evil))]
    assert [c.value for c in cells] == evil
    assert all(c.data_type == "s" for c in cells)


def test_write_makes_a_backup_and_keeps_the_original_on_failure(workbook_path: Path) -> None:
    before = _sha(workbook_path)
    with pytest.raises(RuntimeError), open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, [{"nama": "Tidak jadi"}])
        raise RuntimeError("boom")
    assert _sha(workbook_path) == before  # nothing half-written
    with open_workbook(workbook_path, write=True) as gw:
        gw.log("uji", "baris log")
    backups = list((workbook_path.parent / "cadangan").iterdir())
    assert len(backups) == 1 and _sha(backups[0]) == before
    assert not list(workbook_path.parent.glob(".~lkjip-*"))  # no temp files left


def test_refuses_to_write_while_excel_has_the_file_open(workbook_path: Path) -> None:
    before = _sha(workbook_path)
    owner = workbook_path.parent / ("~$" + workbook_path.name[2:])
    owner.write_bytes(b"owner")
    with pytest.raises(WorkbookBusyError) as err, open_workbook(workbook_path, write=True):
        pass
    assert "sedang dibuka di Excel" in str(err.value)
    assert _sha(workbook_path) == before


def test_edited_header_is_reported_with_its_cell(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path, keep_vba=True)
    wb[S.ANGGARAN].cell(S.ANGGARAN_T.header_row, 4).value = "Anggaran"
    wb.save(workbook_path)
    with pytest.raises(LkjipError) as err, open_workbook(workbook_path) as gw:
        gw.read_rows(S.ANGGARAN_T)
    msg = str(err.value)
    assert (
        f"D{S.ANGGARAN_T.header_row}" in msg and "'Pagu'" in msg and "Realisasi Anggaran" not in msg
    )


def test_missing_workbook_is_a_clear_message(tmp_path: Path) -> None:
    with (
        pytest.raises(LkjipError, match="Workbook tidak ditemukan"),
        open_workbook(tmp_path / "tidak_ada.xlsm"),
    ):
        pass


def test_old_backups_are_pruned(workbook_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lkjip_xl.workbook import gateway

    monkeypatch.setattr(gateway, "KEEP_BACKUPS", 3)
    for i in range(5):
        with open_workbook(workbook_path, write=True) as gw:
            gw.log("uji", f"tulis {i}")
    backups = sorted((workbook_path.parent / "cadangan").iterdir())
    assert len(backups) == 3
    with open_workbook(workbook_path) as gw:
        assert [r["rincian"] for r in gw.read_rows(S.LOG_T)][-1] == "tulis 4"


def test_tables_and_profile_are_read_once_until_a_write(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One command reads each table once; a write makes the next read see the new rows, and
    a caller changing what it got changes nothing for the next caller."""
    from lkjip_xl.workbook.gateway import FileGateway

    parsed: list[str] = []
    original = FileGateway._read_rows_uncached

    def counting(self: FileGateway, table: S.Table) -> list[dict]:
        parsed.append(table.name)
        return original(self, table)

    monkeypatch.setattr(FileGateway, "_read_rows_uncached", counting)
    with open_workbook(workbook_path, write=True) as gw:
        first = gw.profile()
        first.opd = "Diubah pemanggil"
        for _ in range(3):
            assert gw.profile().opd == "Kecamatan Wonoasih"
        assert parsed.count(S.PROFIL.name) == 1
        rows = gw.read_rows(S.PROFIL)
        rows[0]["nilai"] = "tidak ditulis"
        assert gw.read_rows(S.PROFIL)[0]["nilai"] != "tidak ditulis"
        assert parsed.count(S.PROFIL.name) == 1
        rows = gw.read_rows(S.PROFIL)
        for r in rows:
            if r["kunci"] == "opd":
                r["nilai"] = "Kecamatan Kademangan"
        gw.write_rows(S.PROFIL, rows)
        assert gw.profile().opd == "Kecamatan Kademangan"
        assert parsed.count(S.PROFIL.name) == 2
