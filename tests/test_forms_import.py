"""Import and validation of returned forms (issue 4, deliverables 3 and 4)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_forms_support import export, fill, import_paths, kiriman, seed, values

from lkjip_xl.forms import intake, spec
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

PU = "Seksi Pelayanan Umum"
PAKISTAJI = "Kelurahan Pakistaji"


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    return seed(workbook_path)


@pytest.fixture
def blank(wb: Path) -> dict[str, Path]:
    return export(wb)


def _only(data: dict) -> dict:
    assert len(data["files"]) == 1, data["files"]
    return data["files"][0]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_valid_form_goes_into_kiriman(wb: Path, blank: dict[str, Path], tmp_path: Path) -> None:
    filled = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": "84,9", "IKU-03": "96,4"},
        keterangan={"IKU-01": "Survei semester I dan II.", "IKU-03": "Lihat register."},
    )
    data = import_paths(wb, [filled])
    entry = _only(data)
    assert entry["status"] == "diterima"
    assert entry["unit"] == PU
    assert entry["rows_accepted"] == 2
    assert entry["errors"] == []
    assert entry["sha256"] == _sha(filled)
    assert data["kiriman_total"] == 2
    rows = kiriman(wb)
    assert [(r["unit"], r["kode"], r["realisasi"]) for r in rows] == [
        (PU, "IKU-01", 84.9),
        (PU, "IKU-03", 96.4),
    ]
    first = rows[0]
    assert first["indikator"] == "Indeks Kepuasan Masyarakat (IKM)"
    assert first["target"] == 85
    assert first["keterangan"] == "Survei semester I dan II."
    assert first["bukti"] == "Laporan IKU-01.pdf"
    assert first["file"] == "pu.xlsx"
    assert first["sha256"] == _sha(filled)
    assert first["status"] == "Valid"
    assert first["diterima"] is not None


@pytest.mark.parametrize(
    ("typed", "number_format", "expected"),
    [
        ("80,5", None, 80.5),
        ("1.000,0", None, 1000.0),  # thousands dot and decimal comma; 1000 % is the ceiling
        ("80%", None, 80.0),
        (" 96,40 ", None, 96.4),
        (75, None, 75.0),
        (80.25, None, 80.25),
        (0.8, "0%", 80.0),  # Excel turns a typed "80%" into 0.8 formatted as a percentage
        (0.955, "0.0%", 95.5),
    ],
)
def test_numbers_in_indonesian_writing(
    wb: Path,
    blank: dict[str, Path],
    tmp_path: Path,
    typed: object,
    number_format: str | None,
    expected: float,
) -> None:
    filled = fill(
        blank["KEL_PAKISTAJI"],
        tmp_path / "p.xlsx",
        {"KEL-03": typed},
        number_format={"KEL-03": number_format} if number_format else None,
    )
    assert _only(import_paths(wb, [filled]))["status"] == "diterima"
    assert values(wb)[(PAKISTAJI, "KEL-03")] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("delapan puluh", "'delapan puluh' bukan angka"),
        ("80 orang", "bukan angka"),
        ("=80+5", "rumus"),
        (True, "bukan angka"),
    ],
)
def test_bad_realisasi_is_refused_with_cell_and_fix(
    wb: Path, blank: dict[str, Path], tmp_path: Path, typed: object, fragment: str
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "p.xlsx", {"KEL-03": typed})
    entry = _only(import_paths(wb, [filled]))
    assert entry["status"] == "ditolak"
    assert entry["rows_accepted"] == 0
    (err,) = entry["errors"]
    assert err["sheet"] == "Isian"
    assert err["cell"] == f"H{spec.FIRST_DATA_ROW}"
    assert fragment in err["pesan"]
    assert err["perbaikan"]
    assert kiriman(wb) == []


def test_partly_bad_form_takes_valid_rows_only(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "sembilan"})
    entry = _only(import_paths(wb, [filled]))
    assert entry["status"] == "sebagian"
    assert entry["rows_accepted"] == 1
    assert [e["cell"] for e in entry["errors"]] == [f"H{spec.FIRST_DATA_ROW + 1}"]
    assert values(wb) == {(PU, "IKU-01"): 84.9}


def test_required_realisasi(wb: Path, blank: dict[str, Path], tmp_path: Path) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9"})
    entry = _only(import_paths(wb, [filled]))
    assert entry["status"] == "sebagian"
    assert entry["errors"][0]["pesan"] == "Realisasi belum diisi."


def test_edited_indicator_rows_are_refused(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": "84,9", "IKU-03": "96"},
        edit={("IKU-03", "Target"): 50, ("IKU-01", "Indikator"): "IKM (diubah)"},
    )
    entry = _only(import_paths(wb, [filled]))
    assert entry["status"] == "ditolak"
    cells = {e["cell"]: e["pesan"] for e in entry["errors"]}
    assert "Indikator diubah" in cells[f"D{spec.FIRST_DATA_ROW}"]
    assert "Target diubah" in cells[f"G{spec.FIRST_DATA_ROW + 1}"]
    assert kiriman(wb) == []


def test_duplicated_kode_rows_are_refused(wb: Path, blank: dict[str, Path], tmp_path: Path) -> None:
    filled = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": "84,9", "IKU-03": "96"},
        edit={("IKU-03", "Kode"): "IKU-01"},
    )
    entry = _only(import_paths(wb, [filled]))
    assert entry["status"] == "ditolak"
    texts = " ".join(e["pesan"] for e in entry["errors"])
    assert "IKU-01 muncul lebih dari sekali" in texts
    assert "IKU-03" in texts  # and the indicator is now missing
    assert kiriman(wb) == []


def _set_meta(src: Path, dest: Path, **changes: str) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb[spec.SHEET_META]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in changes:
            row[1].value = changes[row[0].value]
    wb.save(dest)
    return dest


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"tahun": "2024"}, "tahun tidak sesuai"),
        ({"kode_unit": "KEL_ENTAH"}, "unit tidak sesuai"),
        ({"versi_formulir": "LKJIP-FORMULIR-0"}, "Versi formulir"),
        ({"id_workbook": "LKJIP/Lain/1.2.3"}, "workbook lain"),
    ],
)
def test_wrong_form_identity_is_refused(
    wb: Path, blank: dict[str, Path], tmp_path: Path, changes: dict[str, str], fragment: str
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "p.xlsx", {"KEL-03": "99"})
    wrong = _set_meta(filled, tmp_path / "salah.xlsx", **changes)
    entry = _only(import_paths(wb, [wrong]))
    assert entry["status"] == "ditolak"
    assert fragment in entry["errors"][0]["pesan"]
    assert kiriman(wb) == []


def test_a_copy_without_metadata_is_refused(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Isian"
    ws.append(["Kode", "Indikator", "Satuan", "Target", "Realisasi"])
    ws.append(["KEL-03", "Persentase realisasi PBB-P2 Kelurahan Pakistaji", "%", 100, 99])
    book.save(tmp_path / "salinan.xlsx")
    entry = _only(import_paths(wb, [tmp_path / "salinan.xlsx"]))
    assert entry["status"] == "ditolak"
    assert "bukan formulir LKjIP" in entry["errors"][0]["pesan"]


def test_later_valid_form_replaces_the_earlier(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    first = fill(blank["PU"], tmp_path / "pu1.xlsx", {"IKU-01": "80", "IKU-03": "90"})
    second = fill(blank["PU"], tmp_path / "pu2.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    import_paths(wb, [first])
    entry = _only(import_paths(wb, [second]))
    assert entry["status"] == "diterima"
    assert any("Menggantikan" in c for c in entry["catatan"])
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    assert {r["sha256"] for r in kiriman(wb)} == {_sha(second)}
    # The earlier form stays in the journal with its rows.
    events = Journal(Workspace(wb).journal).events("impor_formulir")
    old = next(e for e in events if e["sha256"] == _sha(first))
    assert [r["realisasi"] for r in old["rows"]] == [80.0, 90.0]
    new = next(e for e in events if e["sha256"] == _sha(second))
    assert new["mengganti"] == [_sha(first)]


def test_partly_bad_later_form_keeps_earlier_valid_values(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    first = fill(blank["PU"], tmp_path / "pu1.xlsx", {"IKU-01": "80", "IKU-03": "90"})
    second = fill(blank["PU"], tmp_path / "pu2.xlsx", {"IKU-01": "84,9", "IKU-03": "sembilan"})
    import_paths(wb, [first, second])
    # The bad row of the later form is not merged and does not erase the earlier value.
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 90.0}


def test_rejected_later_form_changes_nothing(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    first = fill(blank["PU"], tmp_path / "pu1.xlsx", {"IKU-01": "80", "IKU-03": "90"})
    second = fill(blank["PU"], tmp_path / "pu2.xlsx", {"IKU-01": "x", "IKU-03": "y"})
    import_paths(wb, [first, second])
    assert values(wb) == {(PU, "IKU-01"): 80.0, (PU, "IKU-03"): 90.0}


def test_importing_the_same_file_twice_changes_nothing(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    import_paths(wb, [filled])
    ws = Workspace(wb)
    before_rows = kiriman(wb)
    before_archive = sorted(p.name for p in ws.incoming_archive.iterdir())
    before_events = len(Journal(ws.journal).events())
    data = import_paths(wb, [filled])
    entry = _only(data)
    assert entry["duplikat"] is True
    assert entry["status"] == "diterima"
    assert kiriman(wb) == before_rows
    assert sorted(p.name for p in ws.incoming_archive.iterdir()) == before_archive
    assert len(Journal(ws.journal).events()) == before_events
    # Also when a later form replaced it: the old file does not come back.
    newer = fill(blank["PU"], tmp_path / "pu2.xlsx", {"IKU-01": "90", "IKU-03": "97"})
    import_paths(wb, [newer])
    import_paths(wb, [filled])
    assert values(wb) == {(PU, "IKU-01"): 90.0, (PU, "IKU-03"): 97.0}


def test_lost_save_is_restored_from_the_journal(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    # The import reaches the journal but the workbook save fails (e.g. power cut).
    with pytest.raises(RuntimeError), open_workbook(wb, write=True) as gw:
        from lkjip_xl.actions.forms import import_forms

        import_forms(gw, [filled])
        raise RuntimeError("save interrupted")
    assert kiriman(wb) == []
    entry = _only(import_paths(wb, [filled]))
    assert entry["duplikat"] is True
    assert "dipulihkan" in entry["catatan"][0]
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}


def test_every_file_is_archived_before_reading(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    good = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    junk = tmp_path / "bukan.xlsx"
    junk.write_bytes(b"%PDF-1.4 not a spreadsheet")
    import_paths(wb, [good, junk])
    ws = Workspace(wb)
    for f in (good, junk):
        copy = ws.incoming_archive / f"{_sha(f)}.xlsx"
        assert copy.read_bytes() == f.read_bytes()
    archived = Journal(ws.journal).events("arsip_masuk")
    assert {e["sha256"] for e in archived} == {_sha(good), _sha(junk)}
    # The archive event comes before the import event of the same file.
    kinds = [(e["jenis"], e["sha256"]) for e in Journal(ws.journal).events()]
    for f in (good, junk):
        assert kinds.index(("arsip_masuk", _sha(f))) < kinds.index(("impor_formulir", _sha(f)))


def test_inbox_is_the_default_and_folders_are_walked(wb: Path, blank: dict[str, Path]) -> None:
    inbox = Workspace(wb).inbox
    fill(blank["PU"], inbox / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    fill(blank["KEL_PAKISTAJI"], inbox / "sub" / "p.xlsx", {"KEL-03": "99"})
    (inbox / "catatan.txt").write_text("bukan formulir")
    (inbox / "~$pu.xlsx").write_bytes(b"lock")
    data = import_paths(wb, None)
    assert sorted(f["unit"] for f in data["files"]) == [PAKISTAJI, PU]
    assert data["kiriman_total"] == 3
    assert any("catatan.txt" in n for n in data["dilewati"])


def test_formula_like_text_is_stored_as_text(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    evil = '=HYPERLINK("http://jahat.example","klik")'
    filled = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": "84,9", "IKU-03": "96,4"},
        keterangan={"IKU-01": evil, "IKU-03": "+62 335 000"},
    )
    import_paths(wb, [filled])
    book = openpyxl.load_workbook(wb)
    ws = book[S.KIRIMAN]
    col = S.KIRIMAN_T.col_index("keterangan")
    cells = [ws.cell(r, col) for r in range(S.KIRIMAN_T.header_row + 1, ws.max_row + 1)]
    evil_cell = next(c for c in cells if c.value == evil)
    assert evil_cell.data_type == "s"
    assert evil_cell.quotePrefix
    plus = next(c for c in cells if c.value == "+62 335 000")
    assert plus.data_type == "s"
    # In the saved XML the cell is a string, never a <f> formula.
    with zipfile.ZipFile(wb) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>HYPERLINK" not in z.read(name).decode()


def _as_xlsm(src: Path, dest: Path) -> Path:
    """The form saved as .xlsm with a (harmless, fake) VBA project inside."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>",
                )
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", b'Attribute VB_Name = "Jahat"\nShell "calc.exe"\n')
    return dest


def test_macros_in_xlsm_are_neither_run_nor_carried(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    xlsm = _as_xlsm(filled, tmp_path / "pu.xlsm")
    with zipfile.ZipFile(wb) as z:
        master_vba = z.read("xl/vbaProject.bin")
    entry = _only(import_paths(wb, [xlsm]))
    assert entry["status"] == "diterima"
    assert any("makro" in c for c in entry["catatan"])
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    with zipfile.ZipFile(wb) as z:
        assert z.read("xl/vbaProject.bin") == master_vba
        assert not any(b"calc.exe" in z.read(n) for n in z.namelist())


def test_json_contract(wb: Path, blank: dict[str, Path], tmp_path: Path) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "x"})
    data = import_paths(wb, [filled])
    json.dumps(data)  # serialisable
    assert set(data) >= {"files", "kiriman_total"}
    entry = data["files"][0]
    assert set(entry) >= {"file", "sha256", "unit", "status", "rows_accepted", "errors"}
    assert entry["status"] in ("diterima", "ditolak", "sebagian")
    assert set(entry["errors"][0]) >= {"sheet", "cell", "pesan"}


def test_percent_format_detection() -> None:
    assert intake._percent_format("0%")
    assert intake._percent_format("0.00%")
    assert not intake._percent_format('0.0" %"')
    assert not intake._percent_format("General")


def test_read_form_ignores_everything_but_values(blank: dict[str, Path]) -> None:
    raw = intake.read_form(blank["PU"].read_bytes())
    assert raw.meta["kode_unit"] == "PU"
    assert raw.header_row == spec.HEADER_ROW
    assert [r.cells["kode"].value for r in raw.rows] == ["IKU-01", "IKU-03"]


def test_xml_entity_expansion_is_not_performed(tmp_path: Path) -> None:
    """A billion-laughs sheet is refused by the XML parser (defusedxml), not expanded."""
    book = openpyxl.Workbook()
    book.active.title = "Isian"
    buf = io.BytesIO()
    book.save(buf)
    out = io.BytesIO()
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<workbook>&lol2;</workbook>"
    )
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, bomb if item.filename == "xl/workbook.xml" else zin.read(item))
    with pytest.raises(intake.FormRefused):
        intake.read_form(out.getvalue())
