"""Returned forms as units really send them (issue 13, deliverables 2–5).

Files in (forms filled as a unit would, then edited, broken, re-saved by LibreOffice, zipped,
mailed), workbook out (Kiriman, forms status, journal).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_forms_support import export, fill, header, import_paths, kiriman, seed, values

from lkjip_xl.actions import forms
from lkjip_xl.forms import intake, readers
from lkjip_xl.journal import Journal
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

PU = "Seksi Pelayanan Umum"
PAK = "Kelurahan Pakistaji"
TRANTIB = "Seksi Ketenteraman dan Ketertiban Umum"
SOFFICE = shutil.which("soffice")


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    return seed(workbook_path)


EXPORTED = "2026-01-02T08:00:00+07:00"
"""When the office exported the blank forms (before any unit saved a filled one)."""


@pytest.fixture
def blank(wb: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    with monkeypatch.context() as m:
        m.setenv("LKJIP_SEKARANG", EXPORTED)
        return export(wb)


def _only(data: dict[str, Any]) -> dict[str, Any]:
    assert len(data["files"]) == 1, data["files"]
    return data["files"][0]


def _status(wb: Path) -> dict[str, dict[str, Any]]:
    with open_workbook(wb) as gw:
        result = forms.forms_status(gw)
    return {u["kode"]: u for u in result.data["units"]}


def _edit(src: Path, dest: Path, **cells: Any) -> Path:
    """Change cells of the Isian sheet ({'C3': 'Kelurahan X'}) and save as ``dest``."""
    book = openpyxl.load_workbook(src)
    ws = book["Isian"]
    for ref, value in cells.items():
        ws[ref].value = value
    book.save(dest)
    return dest


def _set_saved(path: Path, when: dt.datetime) -> Path:
    """Rewrite docProps/core.xml's modified time (as if the unit saved the file then)."""
    out = io.BytesIO()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    data,
                )
            dst.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


def _realisasi_cell(form: Path, kode: str) -> str:
    ws = openpyxl.load_workbook(form)["Isian"]
    top, cols = header(ws)
    for r in range(top + 1, ws.max_row + 1):
        if ws.cell(r, cols["Kode"]).value == kode:
            return f"{openpyxl.utils.get_column_letter(cols['Realisasi'])}{r}"
    raise AssertionError(kode)


def _patch_cell_xml(form: Path, dest: Path, ref: str, xml: str) -> Path:
    """Replace the XML of one cell of the Isian sheet (what a broken writer leaves)."""
    out = io.BytesIO()
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
                assert n == 1, ref
                data = text.encode()
            dst.writestr(item, data)
    dest.write_bytes(out.getvalue())
    return dest


def _eml(sender: str, attachment: bytes, filename: str | None, ctype: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "kec.wonoasih@contoh.go.id"
    msg["Subject"] = "Re: Format Data LKjIP 2025"
    msg.set_content("Terlampir formulir kami.")
    maintype, subtype = ctype.split("/")
    msg.add_attachment(attachment, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(msg)


# -- 2. only the same unit's newer form replaces its data ----------------------------------------


def test_form_carries_unit_and_export_stamp(blank: dict[str, Path]) -> None:
    raw = intake.read_form(blank["PU"].read_bytes())
    assert raw.meta["kode_unit"] == "PU"
    assert dt.datetime.fromisoformat(raw.meta["diekspor"]).tzinfo is not None
    assert raw.visible["unit"] == ("C3", PU)
    assert readers.saved_time(blank["PU"].read_bytes()) == dt.datetime(2025, 1, 1)


def test_form_filled_by_another_unit_is_held_not_merged(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    own = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    import_paths(wb, [own])
    other = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak2.xlsx", {"KEL-03": "12"})
    other = _edit(other, tmp_path / "dari_wonoasih.xlsx", C3="Kelurahan Wonoasih")
    entry = _only(import_paths(wb, [other]))
    assert entry["status"] == "perlu_dicek"
    assert entry["rows_accepted"] == 0
    assert entry["errors"][0]["cell"] == "C3"
    assert "Kelurahan Wonoasih" in entry["errors"][0]["pesan"]
    assert values(wb) == {(PAK, "KEL-03"): 91.0}
    st = _status(wb)["KEL_PAKISTAJI"]
    assert st["status"] == "perlu_dicek"
    assert any("Kelurahan Wonoasih" in m for m in st["masalah_terakhir"])
    with open_workbook(wb) as gw:
        result = forms.forms_status(gw)
    assert "1 perlu dicek" in result.pesan
    assert any("ditahan" in w and PAK in w for w in result.peringatan)
    # Confirmed with the unit: --paksa takes it.
    with open_workbook(wb, write=True) as gw:
        forced = forms.import_forms(gw, [other], paksa=True).data
    assert _only(forced)["status"] == "diterima"
    assert values(wb) == {(PAK, "KEL-03"): 12.0}
    assert _status(wb)["KEL_PAKISTAJI"]["status"] == "lengkap"


def test_visible_year_changed_is_held(wb: Path, blank: dict[str, Path], tmp_path: Path) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    edited = _edit(filled, tmp_path / "pak2024.xlsx", C4=2024)
    entry = _only(import_paths(wb, [edited]))
    assert entry["status"] == "perlu_dicek"
    assert entry["errors"][0]["cell"] == "C4" and "'2024'" in entry["errors"][0]["pesan"]
    assert kiriman(wb) == []


def test_form_sent_from_another_units_address_is_held(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wrong = tmp_path / "dari_wonoasih.eml"
    wrong.write_bytes(
        _eml("Lurah Wonoasih <KEL.WONOASIH@contoh.go.id>", filled.read_bytes(), "pak.xlsx", xlsx)
    )
    entry = _only(import_paths(wb, [wrong]))
    assert entry["status"] == "perlu_dicek"
    assert "kel.wonoasih@contoh.go.id" in entry["errors"][0]["pesan"]
    assert kiriman(wb) == []
    # The unit's own address (or an unknown private one) is fine.
    own = tmp_path / "dari_pakistaji.eml"
    own.write_bytes(
        _eml("kel.pakistaji@contoh.go.id", filled.read_bytes(), "pak.xlsx", xlsx)
        + b"\n"  # different bytes, same attachment: the attachment was held, not imported
    )
    with open_workbook(wb, write=True) as gw:
        data = forms.import_forms(gw, [own], paksa=True).data
    assert _only(data)["status"] == "diterima"
    assert values(wb) == {(PAK, "KEL-03"): 91.0}


def test_an_older_version_never_replaces_a_newer_one(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    old = fill(blank["PU"], tmp_path / "pu_lama.xlsx", {"IKU-01": "70", "IKU-03": "80"})
    new = fill(blank["PU"], tmp_path / "pu_baru.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    _set_saved(old, dt.datetime(2026, 1, 5, 2, 0))
    _set_saved(new, dt.datetime(2026, 1, 6, 2, 0))
    import_paths(wb, [new])
    # The old file arrives later (newer file time, or imported the next day).
    entry = _only(import_paths(wb, [old]))
    assert entry["status"] == "versi_lama"
    assert "tersimpan 05/01/2026 pukul 09.00 (lebih lama)" in entry["errors"][0]["pesan"]
    assert "tersimpan 06/01/2026 pukul 09.00 (lebih baru)" in entry["errors"][0]["pesan"]
    assert "pu_baru.xlsx" in entry["errors"][0]["pesan"]
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    archived = Workspace(wb).incoming_archive / f"{entry['sha256']}.xlsx"
    assert archived.read_bytes() == old.read_bytes()
    assert _status(wb)["PU"]["status"] == "lengkap"
    # In one batch the newest wins whatever the order given.
    wb2 = wb.parent / "lagi" / wb.name
    wb2.parent.mkdir()
    shutil.copy2(wb, wb2)
    Workspace(wb2).journal.unlink(missing_ok=True)
    with open_workbook(wb2, write=True) as gw:
        from lkjip_xl.workbook import schema as S

        gw.write_rows(S.KIRIMAN_T, [])
    import_paths(wb2, [new, old])
    assert values(wb2) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}


def test_a_blanked_cell_in_a_resend_makes_the_indicator_missing(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    first = fill(blank["PU"], tmp_path / "pu1.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    import_paths(wb, [first])
    again = fill(blank["PU"], tmp_path / "pu2.xlsx", {"IKU-01": "85"})  # IKU-03 left blank
    entry = _only(import_paths(wb, [again]))
    assert entry["status"] == "sebagian", entry["errors"]
    assert values(wb) == {(PU, "IKU-01"): 85.0}
    st = _status(wb)["PU"]
    assert st["status"] == "sebagian" and st["kurang"] == ["IKU-03"]


# -- 3. no silent wrong value ------------------------------------------------------------------


def test_a_second_realisasi_column_is_refused_naming_both_cells(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    twice = _edit(filled, tmp_path / "dua.xlsx", K6="Realisasi", K7=1, K8=2)
    entry = _only(import_paths(wb, [twice]))
    assert entry["status"] == "ditolak"
    assert "H6 dan K6" in entry["errors"][0]["pesan"]
    assert kiriman(wb) == []


def test_a_renamed_realisasi_header_is_refused_naming_the_cell(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    renamed = _edit(filled, tmp_path / "capaian.xlsx", H6="Capaian")
    entry = _only(import_paths(wb, [renamed]))
    assert entry["status"] == "ditolak"
    assert entry["errors"][0]["cell"] == "H6"
    assert "'Capaian' (sel H6)" in entry["errors"][0]["pesan"]
    assert "'Realisasi' tidak ada" in entry["errors"][0]["pesan"]


def test_edited_headers_are_matched_and_unknown_columns_kept(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": "84,9", "IKU-03": "96,4"},
        keterangan={"IKU-01": "Survei dua semester.", "IKU-03": "Register layanan."},
    )
    edited = _edit(
        filled,
        tmp_path / "judul.xlsx",
        I6="Keterangan / Penjelasan",
        J6="Bukti Pendukung",
        K6="Catatan",
        K7="Responden 400 orang.",
    )
    entry = _only(import_paths(wb, [edited]))
    assert entry["status"] == "diterima", entry
    assert any("'Catatan' (sel K6)" in c for c in entry["catatan"])
    rows = {r["kode"]: r for r in kiriman(wb)}
    assert rows["IKU-01"]["keterangan"] == "Survei dua semester. | Catatan: Responden 400 orang."
    assert rows["IKU-01"]["bukti"] == "Laporan IKU-01.pdf"
    assert rows["IKU-03"]["keterangan"] == "Register layanan."


@pytest.mark.parametrize(
    ("kode", "typed", "fmt", "fragments"),
    [
        # A count whose cell got a percent format: shown as 1250000%.
        ("IKU-04", 12500, "0%", ["berformat persen", "1.250.000", "12.500"]),
        # A fraction on a percent indicator whose target is 95.
        ("IKU-03", "0,85", None, ["0,85%", "85%"]),
        ("IKU-03", 0.85, None, ["0,85%", "85%"]),
        # Far above a plausible ceiling for a count (target 5).
        ("IKU-04", 9000, None, ["lebih dari 100 kali target", "'9,000'", ": 9,00."]),
    ],
)
def test_ambiguous_values_are_held_with_both_readings(
    wb: Path,
    blank: dict[str, Path],
    tmp_path: Path,
    kode: str,
    typed: object,
    fmt: str | None,
    fragments: list[str],
) -> None:
    unit = "TRANTIB" if kode == "IKU-04" else "PU"
    others = {"IKU-01": "84,9", "IKU-03": "96,4"} if unit == "PU" else {}
    filled = fill(
        blank[unit],
        tmp_path / "f.xlsx",
        {**others, kode: typed},
        number_format={kode: fmt} if fmt else None,
    )
    entry = _only(import_paths(wb, [filled]))
    problem = next(e for e in entry["errors"] if e["cell"] == _realisasi_cell(filled, kode))
    assert problem["pesan"].startswith("Perlu dicek")
    for fragment in fragments:
        assert fragment in problem["pesan"], problem["pesan"]
    assert (kode in {k for (_u, k) in values(wb)}) is False


def test_an_explicit_small_percentage_is_taken(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "0,85%"})
    assert _only(import_paths(wb, [filled]))["status"] == "diterima"
    assert values(wb)[(PU, "IKU-03")] == pytest.approx(0.85)


@pytest.mark.parametrize("typed", [1e308, "1E+308", "NaN", "inf", "-Infinity"])
def test_impossible_numbers_are_refused(
    wb: Path, blank: dict[str, Path], tmp_path: Path, typed: object
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "p.xlsx", {"KEL-03": typed})
    entry = _only(import_paths(wb, [filled]))
    assert entry["status"] == "ditolak"
    assert entry["errors"][0]["cell"] == _realisasi_cell(filled, "KEL-03")
    assert kiriman(wb) == []


# -- 4. a bad file never blocks the others ------------------------------------------------------


@pytest.mark.parametrize(
    ("xml", "fragment"),
    [
        ('<c r="{ref}"><v>NaN</v></c>', "'NaN' bukan angka"),
        ('<c r="{ref}" t="s"><v>999</v></c>', "teks nomor 999 yang tidak ada"),
        ('<c r="{ref}" t="d"><v>bukan-tanggal</v></c>', "bukan angka"),
        ('<c r="{ref}"><v>1E+308</v></c>', "terlalu besar"),
        ('<c r="{ref}"><v>INF</v></c>', "bukan angka"),
    ],
)
def test_broken_cell_xml_is_named_and_the_good_forms_still_go_in(
    wb: Path, blank: dict[str, Path], tmp_path: Path, xml: str, fragment: str
) -> None:
    good = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": 91})
    ref = _realisasi_cell(filled, "KEL-03")
    broken = _patch_cell_xml(filled, tmp_path / "rusak.xlsx", ref, xml.format(ref=ref))
    data = import_paths(wb, [broken, good])
    by_file = {f["file"]: f for f in data["files"]}
    assert by_file["pu.xlsx"]["status"] == "diterima"
    bad = by_file["rusak.xlsx"]
    assert bad["status"] == "ditolak"
    assert bad["errors"][0]["cell"] == ref
    assert fragment in bad["errors"][0]["pesan"], bad["errors"][0]["pesan"]
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    st = _status(wb)
    assert st["PU"]["status"] == "lengkap"


def test_a_number_stored_with_a_decimal_comma_is_read_as_typed(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": 91})
    ref = _realisasi_cell(filled, "KEL-03")
    broken = _patch_cell_xml(filled, tmp_path / "koma.xlsx", ref, f'<c r="{ref}"><v>80,5</v></c>')
    entry = _only(import_paths(wb, [broken]))
    assert entry["status"] == "diterima"
    assert any("tidak baku" in c for c in entry["catatan"])
    assert values(wb) == {(PAK, "KEL-03"): 80.5}


def test_importing_the_workbooks_own_folder_changes_no_units_status(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    # The folder holds the workbook, its backups, the exported blank forms and one real form.
    inbox = Workspace(wb).inbox
    inbox.mkdir(exist_ok=True)
    fill(blank["PU"], inbox / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    with open_workbook(wb, write=True) as gw:
        data = forms.import_forms(gw, [wb.parent]).data
    statuses = {f["file"]: f["status"] for f in data["files"]}
    assert statuses["pu.xlsx"] == "diterima"
    assert "ditolak" not in statuses.values(), statuses
    assert any("workbook LKjIP ini sendiri" in n for n in data["dilewati"])
    assert any("masih kosong" in n for n in data["dilewati"])
    assert any("salinan cadangannya" in n for n in data["dilewati"])
    st = _status(wb)
    assert st["PU"]["status"] == "lengkap"
    assert {u["status"] for k, u in st.items() if k != "PU"} == {"belum"}


# -- 5. read what units send --------------------------------------------------------------------


def test_a_zip_holding_one_form(wb: Path, blank: dict[str, Path], tmp_path: Path) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    packed = tmp_path / "kiriman_pakistaji.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(filled, "folder/Format Data Pakistaji.xlsx")
    entry = _only(import_paths(wb, [packed]))
    assert entry["status"] == "diterima"
    assert entry["file"] == "kiriman_pakistaji.zip: Format Data Pakistaji.xlsx"
    assert values(wb) == {(PAK, "KEL-03"): 91.0}
    archive = Workspace(wb).incoming_archive
    assert (archive / f"{readers_sha(packed)}.zip").read_bytes() == packed.read_bytes()
    assert (archive / f"{entry['sha256']}.xlsx").read_bytes() == filled.read_bytes()


def readers_sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_attachment_and_file_without_extension_are_detected_by_content(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    mail = tmp_path / "balasan.eml"
    mail.write_bytes(
        _eml(
            "kel.pakistaji@contoh.go.id",
            filled.read_bytes(),
            "formulir",
            "application/octet-stream",
        )
    )
    entry = _only(import_paths(wb, [mail]))
    assert entry["status"] == "diterima", entry
    # A form saved without extension into the inbox folder.
    inbox = Workspace(wb).inbox
    inbox.mkdir(exist_ok=True)
    pu = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    shutil.copy(pu, inbox / "formulir_pu")
    (inbox / "catatan").write_text("bukan formulir", encoding="utf-8")
    data = import_paths(wb, None)
    assert {f["file"]: f["status"] for f in data["files"]} == {"formulir_pu": "diterima"}
    assert any("catatan dilewati" in n for n in data["dilewati"])


def _convert(src: Path, fmt: str, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SOFFICE or "soffice", "--headless", "--convert-to", fmt, "--outdir", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(out), "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    return out / f"{src.stem}.{fmt}"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods", "xlsx"])
def test_forms_resaved_by_libreoffice_are_read(
    wb: Path, blank: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    filled = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": "84,9", "IKU-03": 96.4},
        keterangan={"IKU-01": "Survei.", "IKU-03": "Register."},
    )
    converted = _convert(filled, fmt, tmp_path / f"lo_{fmt}")
    assert readers.sniff(converted.read_bytes()) == fmt
    entry = _only(import_paths(wb, [converted]))
    assert entry["status"] == "diterima", entry
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    rows = {r["kode"]: r for r in kiriman(wb)}
    assert rows["IKU-01"]["keterangan"] == "Survei."
    assert rows["IKU-03"]["bukti"] == "Laporan IKU-03.pdf"
    archived = Workspace(wb).incoming_archive / f"{entry['sha256']}.{fmt}"
    assert archived.read_bytes() == converted.read_bytes()


def test_journal_records_the_version_of_each_form(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    import_paths(wb, [filled])
    (ev,) = Journal(Workspace(wb).journal).events("impor_formulir")
    assert ev["versi"]["diekspor"] == intake.read_form(filled.read_bytes()).meta["diekspor"]
    assert ev["versi"]["disimpan"] == readers.saved_time(filled.read_bytes()).isoformat()
