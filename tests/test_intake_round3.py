"""Intake, round three (issue 21): files in as offices send them, Kiriman/IKM and messages out.

1. No form replaces a newer one on missing evidence (journal deleted, no export stamp, no
   docProps, a wrong clock); 2. number formats from .xls/.ods, counts far from their target;
3. zips inside zips, every file listed; 4. one SKM scale per column; 5. feedback while
   waiting for the lock, invisible characters shown.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from test_forms_support import export, fill, import_paths, indicators, kiriman, seed, values

from lkjip_xl.actions import forms
from lkjip_xl.domain.ikm import compute_ikm
from lkjip_xl.forms import spec
from lkjip_xl.lock import lock_path, workbook_lock
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

PU = "Seksi Pelayanan Umum"
PAK = "Kelurahan Pakistaji"
TRANTIB = "Seksi Ketenteraman dan Ketertiban Umum"
EXPORTED = "2026-01-02T08:00:00+07:00"
"""The office exported the blank forms then (before any unit saved a filled one)."""
SOFFICE = shutil.which("soffice")
U9 = [f"U{i}" for i in range(1, 10)]


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    return seed(workbook_path)


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
        return {u["kode"]: u for u in forms.forms_status(gw).data["units"]}


def _rezip(src: Path, dest: Path, change: Any) -> Path:
    """Copy a form's zip, ``change(name, bytes)`` → new bytes, or None to leave the part out."""
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item, data)
    dest.write_bytes(out.getvalue())
    return dest


def _saved(path: Path, when: dt.datetime) -> Path:
    """Set the unit's save time (docProps/core.xml, UTC) as if the unit saved it then."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def change(name: str, data: bytes) -> bytes:
        if name == "docProps/core.xml":
            return re.sub(
                rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                rb"\g<1>" + stamp + rb"\g<2>",
                data,
            )
        return data

    return _rezip(path, path, change)


def _without_docprops(path: Path) -> Path:
    """The form as some online editors write it: no docProps at all."""

    def change(name: str, data: bytes) -> bytes | None:
        if name.startswith("docProps/"):
            return None
        if name in ("[Content_Types].xml", "_rels/.rels"):
            return re.sub(rb"<[^<>]*docProps/[^<>]*/>", b"", data)
        return data

    return _rezip(path, path, change)


def _without_stamp(path: Path) -> Path:
    """The form as earlier versions of the product exported it: no 'diekspor' row."""
    book = openpyxl.load_workbook(path)
    ws = book[spec.SHEET_META]
    for row in ws.iter_rows():
        if row[0].value == "diekspor":
            ws.delete_rows(row[0].row)
            break
    else:
        raise AssertionError("no diekspor row")
    book.save(path)
    return path


UTC = dt.UTC


def _pu(blank: dict[str, Path], dest: Path, iku01: str, iku03: str) -> Path:
    return fill(blank["PU"], dest, {"IKU-01": iku01, "IKU-03": iku03})


# -- 1. order by evidence, never by its absence ---------------------------------------------------


def test_journal_deleted_between_two_imports_an_older_form_never_wins(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    old = _saved(_pu(blank, tmp_path / "pu_lama.xlsx", "70", "80"), dt.datetime(2026, 1, 13, 2))
    new = _saved(_pu(blank, tmp_path / "pu_baru.xlsx", "84,9", "96,4"), dt.datetime(2026, 1, 13, 3))
    assert _only(import_paths(wb, [new]))["status"] == "diterima"
    # The workbook itself keeps the version of the rows it holds.
    (row, *_rest) = kiriman(wb)
    assert row["disimpan"] == dt.datetime(2026, 1, 13, 10, 0)
    assert row["diekspor"] == dt.datetime(2026, 1, 2, 8, 0)
    Workspace(wb).journal.unlink()  # deleted, or not copied with the workbook
    entry = _only(import_paths(wb, [old]))
    assert entry["status"] == "versi_lama"
    pesan = entry["errors"][0]["pesan"]
    assert "file ini tersimpan 13/01/2026 pukul 09.00 (lebih lama)" in pesan
    assert "dari pu_baru.xlsx yang tersimpan 13/01/2026 pukul 10.00 (lebih baru)" in pesan
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    assert _status(wb)["PU"]["status"] == "lengkap"


def test_a_truncated_journal_does_not_let_an_older_form_win(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    old = _saved(_pu(blank, tmp_path / "lama.xlsx", "70", "80"), dt.datetime(2026, 1, 13, 2))
    new = _saved(_pu(blank, tmp_path / "baru.xlsx", "84,9", "96,4"), dt.datetime(2026, 1, 13, 3))
    import_paths(wb, [new])
    journal = Workspace(wb).journal
    lines = journal.read_text(encoding="utf-8").splitlines()
    journal.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")  # the imports are gone
    assert _only(import_paths(wb, [old]))["status"] == "versi_lama"
    assert values(wb)[(PU, "IKU-01")] == 84.9


def test_rows_typed_in_kiriman_by_hand_are_replaced_by_a_form(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    from lkjip_xl.workbook import schema as S

    with open_workbook(wb, write=True) as gw:
        gw.write_rows(
            S.KIRIMAN_T, [{"unit": PU, "kode": "IKU-01", "realisasi": 80.0, "status": "Valid"}]
        )
    form = _saved(_pu(blank, tmp_path / "pu.xlsx", "84,9", "96,4"), dt.datetime(2026, 1, 13, 3))
    assert _only(import_paths(wb, [form]))["status"] == "diterima"
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}


def test_a_form_without_the_export_stamp_is_ordered_by_its_save_time(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    new = _saved(_pu(blank, tmp_path / "baru.xlsx", "84,9", "96,4"), dt.datetime(2026, 1, 13, 3))
    import_paths(wb, [new])
    stale = _without_stamp(_pu(blank, tmp_path / "lama_tanpa_cap.xlsx", "70", "80"))
    _saved(stale, dt.datetime(2026, 1, 12, 3))
    entry = _only(import_paths(wb, [stale]))
    assert entry["status"] == "versi_lama"
    assert "tersimpan 12/01/2026 pukul 10.00 (lebih lama)" in entry["errors"][0]["pesan"]
    assert values(wb)[(PU, "IKU-01")] == 84.9
    # A stampless form saved later is a newer version and replaces the data.
    later = _without_stamp(_pu(blank, tmp_path / "koreksi_tanpa_cap.xlsx", "85", "97"))
    _saved(later, dt.datetime(2026, 1, 14, 3))
    assert _only(import_paths(wb, [later]))["status"] == "diterima"
    assert values(wb) == {(PU, "IKU-01"): 85.0, (PU, "IKU-03"): 97.0}


def test_forms_without_stamp_or_docprops_are_held_never_ordered_by_file_time(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    first = _without_docprops(_pu(blank, tmp_path / "pu_daring.xlsx", "84,9", "96,4"))
    assert _only(import_paths(wb, [first]))["status"] == "diterima"  # nothing to compare with
    resend = _without_docprops(
        _without_stamp(_pu(blank, tmp_path / "pu_daring_lagi.xlsx", "70", "80"))
    )
    os.utime(resend, (time.time() + 3600, time.time() + 3600))  # a fresh download: newest
    entry = _only(import_paths(wb, [resend]))
    assert entry["status"] == "perlu_dicek"
    pesan = entry["errors"][0]["pesan"]
    assert pesan.startswith("Perlu dicek: urutan versi formulir Seksi Pelayanan Umum")
    assert "kedua file tidak mencatat waktu simpan" in pesan
    assert "File ini: tanpa cap ekspor, waktu simpan tidak tercatat." in pesan
    assert "dari pu_daring.xlsx: diekspor 02/01/2026 pukul 08.00, waktu simpan tidak" in pesan
    assert "--paksa" in entry["errors"][0]["perbaikan"]
    assert values(wb) == {(PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    assert _status(wb)["PU"]["status"] == "perlu_dicek"
    # Confirmed with the unit: --paksa takes it.
    with open_workbook(wb, write=True) as gw:
        forced = _only(forms.import_forms(gw, [resend], paksa=True).data)
    assert forced["status"] == "diterima"
    assert values(wb) == {(PU, "IKU-01"): 70.0, (PU, "IKU-03"): 80.0}


def test_a_save_time_left_as_the_blank_form_had_it_is_no_evidence(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    # Some programs keep the properties as they were: the blank form's fixed 01/01/2025.
    first = _saved(_pu(blank, tmp_path / "pu.xlsx", "84,9", "96,4"), dt.datetime(2025, 1, 1))
    assert _only(import_paths(wb, [first]))["status"] == "diterima"
    again = _saved(_pu(blank, tmp_path / "pu2.xlsx", "85", "97"), dt.datetime(2025, 1, 1))
    entry = _only(import_paths(wb, [again]))
    assert entry["status"] == "perlu_dicek"
    assert "kedua file tidak mencatat waktu simpan" in entry["errors"][0]["pesan"]
    assert "jam komputer" not in entry["errors"][0]["pesan"]


def test_a_save_time_in_the_future_is_a_clock_problem_not_a_version(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    first = _saved(_pu(blank, tmp_path / "pu.xlsx", "84,9", "96,4"), dt.datetime(2026, 1, 13, 3))
    import_paths(wb, [first])
    ahead = _pu(blank, tmp_path / "pu_jam_maju.xlsx", "85", "97")
    _saved(ahead, dt.datetime.now(UTC).replace(tzinfo=None) + dt.timedelta(days=30))
    entry = _only(import_paths(wb, [ahead]))
    assert entry["status"] == "perlu_dicek"
    pesan = entry["errors"][0]["pesan"]
    assert "jam komputer unit tampaknya terlalu cepat" in pesan
    assert "Versi lama" not in pesan
    assert values(wb)[(PU, "IKU-01")] == 84.9


def test_a_genuine_correction_is_not_versi_lama_when_the_first_pc_clock_was_ahead(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    wrong = _pu(blank, tmp_path / "pu_jam_salah.xlsx", "70", "80")
    _saved(wrong, dt.datetime.now(UTC).replace(tzinfo=None) + dt.timedelta(days=2))
    first = _only(import_paths(wb, [wrong]))
    assert first["status"] == "diterima"
    assert any("terlalu cepat" in c for c in first["catatan"])  # said at once
    fixed = _pu(blank, tmp_path / "pu_koreksi.xlsx", "84,9", "96,4")  # saved now, right clock
    entry = _only(import_paths(wb, [fixed]))
    assert entry["status"] == "perlu_dicek"
    pesan = entry["errors"][0]["pesan"]
    assert "Versi lama" not in pesan
    assert "waktu simpan pu_jam_salah.xlsx" in pesan and "terlalu cepat" in pesan


def test_a_save_time_before_the_export_is_a_clock_problem(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    first = _saved(_pu(blank, tmp_path / "pu.xlsx", "84,9", "96,4"), dt.datetime(2026, 1, 13, 3))
    import_paths(wb, [first])
    behind = _saved(
        _pu(blank, tmp_path / "pu_jam_mundur.xlsx", "85", "97"), dt.datetime(2025, 6, 1)
    )
    entry = _only(import_paths(wb, [behind]))
    assert entry["status"] == "perlu_dicek"
    pesan = entry["errors"][0]["pesan"]
    assert "lebih awal daripada waktu formulir kosongnya dibuat kantor (02/01/2026" in pesan
    assert "terlambat" in pesan and "Versi lama" not in pesan


# -- 2. formats from every reader -------------------------------------------------------------


def _convert(src: Path, fmt: str, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            SOFFICE or "soffice",
            f"-env:UserInstallation=file://{out}/profil",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = out / f"{src.stem}.{fmt}"
    assert converted.exists()
    return converted


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_percent_typed_ikm_reads_the_same_from_xls_and_ods_as_from_xlsx(
    wb: Path, blank: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    # 84,9% typed in Excel: stored as 0,849 with a percent format.
    typed = fill(
        blank["PU"],
        tmp_path / "pu.xlsx",
        {"IKU-01": 0.849, "IKU-03": 96.4},
        number_format={"IKU-01": "0.0%"},
    )
    assert _only(import_paths(wb, [typed]))["status"] == "diterima"
    assert values(wb)[(PU, "IKU-01")] == pytest.approx(84.9)
    with open_workbook(wb, write=True) as gw:
        from lkjip_xl.workbook import schema as S

        gw.write_rows(S.KIRIMAN_T, [])
    other = _convert(typed, fmt, tmp_path / fmt)
    entry = _only(import_paths(wb, [other]))
    assert entry["status"] == "diterima", entry
    assert values(wb)[(PU, "IKU-01")] == pytest.approx(84.9)


def test_a_fraction_for_an_ikm_indicator_is_held_with_both_readings(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": 0.849, "IKU-03": 96.4})
    entry = _only(import_paths(wb, [filled]))
    problem = entry["errors"][0]
    assert problem["pesan"] == (
        "Perlu dicek: realisasi 0,85 pada indikator IKM dengan target 85,00. Dibaca apa "
        "adanya: 0,85; dibaca sebagai pecahan: 84,90."
    )
    assert (PU, "IKU-01") not in values(wb)


def _counts(workbook: Path, target: float) -> Path:
    rows = indicators()
    for r in rows:
        if r["kode"] == "IKU-04":
            r.update(indikator="Jumlah warga yang dilayani", satuan="orang", target=target)
    return seed(workbook, rows)


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_twelve_thousand_typed_with_an_english_locale_in_an_ods_is_held(
    workbook_path: Path, tmp_path: Path
) -> None:
    wb = _counts(workbook_path, 12000)
    blank = export(wb)
    # '12.500' typed in LibreOffice with an English locale is stored as the number 12,5.
    typed = fill(blank["TRANTIB"], tmp_path / "trantib.xlsx", {"IKU-04": 12.5})
    ods = _convert(typed, "ods", tmp_path / "ods")
    entry = _only(import_paths(wb, [ods]))
    assert entry["status"] == "ditolak"
    assert entry["errors"][0]["pesan"] == (
        "Perlu dicek: realisasi 12,50 kurang dari 1/100 target 12.000,00 orang; mungkin "
        "pemisah ribuan dan desimal tertukar. Dibaca apa adanya: 12,50; dibaca sebagai "
        "'12.500' dengan pemisah ribuan Indonesia: 12.500,00."
    )
    assert kiriman(wb) == []


def test_a_count_a_hundred_times_its_target_is_held_with_the_decimal_reading(
    workbook_path: Path, tmp_path: Path
) -> None:
    wb = _counts(workbook_path, 12)
    blank = export(wb)
    typed = fill(blank["TRANTIB"], tmp_path / "trantib.xlsx", {"IKU-04": 12500})
    entry = _only(import_paths(wb, [typed]))
    pesan = entry["errors"][0]["pesan"]
    assert "lebih dari 100 kali target 12,00 orang" in pesan
    assert "dibaca sebagai '12,500' dengan pemisah desimal Indonesia: 12,50" in pesan
    # A plausible count is taken as it is.
    fine = fill(blank["TRANTIB"], tmp_path / "trantib2.xlsx", {"IKU-04": 14})
    assert _only(import_paths(wb, [fine]))["status"] == "diterima"


# -- 3. archives all the way down ---------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_a_zip_inside_a_zip_is_opened_and_every_file_listed(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    pak = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    pu = _pu(blank, tmp_path / "pu.xlsx", "84,9", "96,4")
    inner = _zip(
        tmp_path / "seksi.zip",
        {"Formulir PU.xlsx": pu.read_bytes(), "bukti/laporan.pdf": b"%PDF-1.4 bukti"},
    )
    outer = _zip(
        tmp_path / "kiriman.zip",
        {
            "Pakistaji.xlsx": pak.read_bytes(),
            "seksi.zip": inner.read_bytes(),
            "cadangan.rar": b"Rar!\x1a\x07\x00 isi",
        },
    )
    data = import_paths(wb, [outer])
    got = {f["file"]: f for f in data["files"]}
    assert set(got) == {
        "kiriman.zip: Pakistaji.xlsx",
        "kiriman.zip: seksi.zip: Formulir PU.xlsx",
        "kiriman.zip: seksi.zip: laporan.pdf",
        "kiriman.zip: cadangan.rar",
    }
    assert got["kiriman.zip: Pakistaji.xlsx"]["status"] == "diterima"
    assert got["kiriman.zip: seksi.zip: Formulir PU.xlsx"]["status"] == "diterima"
    pdf = got["kiriman.zip: seksi.zip: laporan.pdf"]
    assert pdf["status"] == "dilewati"
    assert pdf["catatan"] == [
        "Bukan formulir (dokumen PDF, .pdf); tidak diimpor, tetap diarsipkan."
    ]
    rar = got["kiriman.zip: cadangan.rar"]
    assert rar["status"] == "ditolak"
    assert rar["errors"][0]["pesan"] == (
        "Arsip RAR tidak dapat dibuka oleh aplikasi (hanya .zip yang dapat dibuka)."
    )
    assert values(wb) == {(PAK, "KEL-03"): 91.0, (PU, "IKU-01"): 84.9, (PU, "IKU-03"): 96.4}
    st = _status(wb)
    assert st["PU"]["status"] == "lengkap" and st["KEL_PAKISTAJI"]["status"] == "lengkap"
    with open_workbook(wb) as gw:  # the RAR only: the PDF is listed, not refused
        assert "1 file ditolak tanpa unit" in " ".join(forms.forms_status(gw).peringatan)
    # Every file is archived byte for byte, the inner zip too.
    archive = Workspace(wb).incoming_archive
    assert any(p.read_bytes() == inner.read_bytes() for p in archive.glob("*.zip"))
    # The same zip again changes nothing and says so for every file.
    again = import_paths(wb, [outer])
    assert len(again["files"]) == 4 and all(f["duplikat"] for f in again["files"])


def test_zips_nested_too_deep_are_refused_by_name(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    pak = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    data = pak.read_bytes()
    for level in range(4):
        data = _zip(
            tmp_path / f"z{level}.zip", {f"lapis{level}.zip" if level else "pak.xlsx": data}
        )
        data = data.read_bytes()
    path = tmp_path / "bertingkat.zip"
    path.write_bytes(data)
    entry = _only(import_paths(wb, [path]))
    assert entry["status"] == "ditolak"
    assert entry["file"] == "bertingkat.zip: lapis3.zip: lapis2.zip: lapis1.zip"
    assert "terlalu dalam (lebih dari 3 tingkat" in entry["errors"][0]["pesan"]
    assert kiriman(wb) == []


def test_a_zip_attached_to_an_email_is_opened(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    pak = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    packed = _zip(tmp_path / "formulir.zip", {"pak.xlsx": pak.read_bytes()})
    msg = EmailMessage()
    msg["From"] = "kel.pakistaji@contoh.go.id"
    msg["To"] = "kec.wonoasih@contoh.go.id"
    msg["Subject"] = "Re: Format Data"
    msg.set_content("Terlampir.")
    msg.add_attachment(
        packed.read_bytes(), maintype="application", subtype="zip", filename="formulir.zip"
    )
    mail = tmp_path / "balasan.eml"
    mail.write_bytes(bytes(msg))
    entry = _only(import_paths(wb, [mail]))
    assert entry["file"] == "balasan.eml: formulir.zip: pak.xlsx"
    assert entry["status"] == "diterima"
    assert values(wb) == {(PAK, "KEL-03"): 91.0}


def test_a_rar_in_the_inbox_is_refused_by_name(wb: Path) -> None:
    inbox = Workspace(wb).inbox
    inbox.mkdir(exist_ok=True)
    (inbox / "formulir.rar").write_bytes(b"Rar!\x1a\x07\x00")
    (inbox / "arsip.7z").write_bytes(b"7z\xbc\xaf\x27\x1c")
    data = import_paths(wb, None)
    got = {f["file"]: f["errors"][0]["pesan"] for f in data["files"]}
    assert got == {
        "arsip.7z": "Arsip 7z tidak dapat dibuka oleh aplikasi (hanya .zip yang dapat dibuka).",
        "formulir.rar": "Arsip RAR tidak dapat dibuka oleh aplikasi (hanya .zip yang dapat "
        "dibuka).",
    }


# -- 4. one scale per column (SKM) ----------------------------------------------------------------


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def ikm_json(path: Path) -> dict[str, Any]:
    done = lkjip("ikm", path, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def refused(path: Path) -> str:
    done = lkjip("ikm", path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    return " ".join(done.stderr.split())


def numbers(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "Unit Layanan": ["Kecamatan Wonoasih"] * n,
            **{c: rng.choice([1, 2, 3, 4], n).astype(object) for c in U9},
        }
    )


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_csv(path, index=False, sep=";")
    return path


NEG4 = ("Sangat tidak puas", "Tidak puas", "Puas", "Sangat puas")
STD4 = ("Tidak puas", "Kurang puas", "Puas", "Sangat puas")


def test_tidak_puas_is_read_on_the_scale_its_column_uses(tmp_path: Path) -> None:
    frame = numbers(24)
    typed = frame.copy()
    typed["U1"] = [NEG4[int(v) - 1] for v in frame["U1"]]  # 'Tidak puas' = 2 here
    typed["U2"] = [STD4[int(v) - 1] for v in frame["U2"]]  # and 1 here
    data = ikm_json(write_csv(tmp_path / "skm.csv", typed))
    expected = compute_ikm(frame, unit_column="Unit Layanan")
    assert data["nrr"] == expected.nrr and data["ikm"] == expected.ikm
    assert data["jawaban_teks"]["Tidak puas"] == 2
    assert data["jawaban_teks"]["Tidak puas (U2)"] == 1
    assert data["jawaban_teks"]["Sangat tidak puas"] == 1


def test_a_five_point_column_is_refused_whole_never_half_read(tmp_path: Path) -> None:
    frame = numbers(10)
    five = ("Sangat tidak puas", "Tidak puas", "Cukup puas", "Puas", "Sangat puas")
    typed = frame.copy()
    typed["U3"] = [five[i % 5] for i in range(len(frame))]
    message = refused(write_csv(tmp_path / "skm5.csv", typed))
    assert (
        "sel D1: kolom U3 'U3': kolom ini memakai skala 5 pilihan (Sangat tidak puas / "
        "Tidak puas / Cukup puas / Puas / Sangat puas), sedangkan PermenPAN-RB No. 14 Tahun "
        "2017 memakai 4 pilihan jawaban (nilai 1–4)"
    ) in message
    assert "Skala 5 tidak dikonversi otomatis" in message
    assert "'Cukup puas' tidak sah" not in message  # one problem for the column, not per cell
    assert "1 sel yang tidak sah" in message


def test_a_column_whose_code_and_question_disagree_is_refused_naming_both(
    tmp_path: Path,
) -> None:
    frame = numbers(6)
    typed = frame.rename(
        columns={
            "U8": "U8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
            "U9": "U9. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        }
    )
    message = refused(write_csv(tmp_path / "skm.csv", typed))
    assert "sel I1: judul 'U8. Bagaimana" in message
    assert "berkode U8, tetapi pertanyaannya tentang U9" in message
    assert "sel J1: judul 'U9. Bagaimana" in message
    assert "berkode U9, tetapi pertanyaannya tentang U8" in message


def test_a_saran_column_of_one_word_answers_is_never_an_unsur(tmp_path: Path) -> None:
    frame = numbers(12)
    typed = frame.rename(
        columns={"U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"}
    )
    typed["Saran"] = ["Bagus", "Baik", "Puas", "Cukup", "", "Mantap"] * 2
    data = ikm_json(write_csv(tmp_path / "skm.csv", typed))
    expected = compute_ikm(frame, unit_column="Unit Layanan")
    assert data["nrr"] == expected.nrr and data["ikm"] == expected.ikm


def test_a_word_among_numeric_answers_is_named_by_its_cell(tmp_path: Path) -> None:
    frame = numbers(8)
    typed = frame.copy()
    typed.loc[4, "U3"] = "bagus"  # row 6 of the file, column D
    data = ikm_json(write_csv(tmp_path / "skm.csv", typed))
    expected = frame.copy()
    expected.loc[4, "U3"] = 3
    assert data["nrr"] == compute_ikm(expected, unit_column="Unit Layanan").nrr
    (note,) = [w for w in data["peringatan"] if "di kolom yang berisi angka" in w]
    assert "sel D6 'bagus' → 3 (U3)" in note


def test_a_sheet_of_uncached_formulas_is_reported_as_formulas(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "SKM"
    ws.append(["Unit Layanan", *U9])
    for r in range(2, 6):
        ws.append(["=Data!A1", *[f"=Data!B{r}" for _ in U9]])
    path = tmp_path / "rumus.xlsx"
    book.save(path)
    message = refused(path)
    assert "sel rumus tanpa nilai tersimpan" in message and "sel B2" in message
    assert "Tidak ada satu pun jawaban" not in message


def test_an_invisible_character_in_an_answer_is_shown(tmp_path: Path) -> None:
    typed = numbers(4)
    typed.loc[1, "U2"] = "4\u200b"
    message = refused(write_csv(tmp_path / "skm.csv", typed))
    assert "sel C3: jawaban U2 '4[U+200B]' tidak sah" in message


def test_an_invisible_character_in_a_realisasi_is_shown(
    wb: Path, blank: dict[str, Path], tmp_path: Path
) -> None:
    filled = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91\u200b"})
    entry = _only(import_paths(wb, [filled]))
    pesan = entry["errors"][0]["pesan"]
    assert "'91[U+200B]' bukan angka" in pesan
    assert "karakter tak terlihat" in pesan
    # A narrow no-break space (pasted from a document) is shown too.
    other = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak2.xlsx", {"KEL-03": "9\u202f5,5"})
    pesan = _only(import_paths(wb, [other]))["errors"][0]["pesan"]
    assert "'9⍽5,5' bukan angka" in pesan


# -- 5. feedback while waiting for the lock -------------------------------------------------------


def test_a_waiting_cli_run_shows_who_holds_the_workbook_and_a_countdown(wb: Path) -> None:
    env = {**os.environ, "LKJIP_TUNGGU_KUNCI": "60", "COLUMNS": "200"}
    with workbook_lock(wb, command="lkjip forms import (uji)"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "lkjip_xl", "step", "start", "1", "-w", str(wb)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stderr is not None
        first = proc.stderr.readline()  # printed while the lock is still held
    out, rest = proc.communicate(timeout=120)
    assert proc.returncode == 0, out + rest
    assert first.startswith(f"Menunggu: workbook {wb.name} sedang diubah oleh ")
    assert "(perintah 'lkjip forms import (uji)')" in first
    assert re.search(r"Menunggu paling lama (59|60) detik lagi…", first), first


def test_a_waiting_ribbon_click_shows_the_holder_on_excels_status_bar(wb: Path) -> None:
    from fake_excel import load_book, xw_book

    from lkjip_xl.excel.ribbon import run_control

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from lkjip_xl.lock import workbook_lock\n"
            "with workbook_lock(Path(sys.argv[1]), command='lkjip forms import'):\n"
            "    print('ok', flush=True)\n"
            "    time.sleep(2.5)\n",
            str(wb),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
    assert lock_path(wb).exists()
    fake = load_book(wb)
    app = fake.Application
    result = run_control(xw_book(fake), "s1_mulai")
    holder.wait(timeout=60)
    assert result is not None
    shown = [s for s in object.__getattribute__(app, "status_history") if s]
    assert shown and shown[0].startswith(f"Menunggu: workbook {wb.name} sedang diubah oleh ")
    assert "(perintah 'lkjip forms import')" in shown[0]
    assert object.__getattribute__(app, "status_history")[-1] is False  # given back to Excel


def _hitung(workbook: Path, rows: list[dict[str, Any]], command: str) -> tuple[int, str]:
    from lkjip_xl.workbook import schema as S

    with open_workbook(workbook, write=True) as gw:
        unit = gw.profile().service_units[0].nama
        gw.write_rows(S.skm_table(), [{"no": i + 1, "unit": unit, **r} for i, r in enumerate(rows)])
    done = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", command, "--workbook", str(workbook)],
        capture_output=True,
        text=True,
    )
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def test_the_workbook_skm_sheet_follows_the_scale_of_each_column(workbook_path: Path) -> None:
    base = {f"u{k}": 3 for k in range(1, 10)}
    # 'Tidak puas' next to 'Sangat tidak puas' is 2: Periksa asks for the number Hitung uses.
    code, text = _hitung(
        workbook_path,
        [{**base, "u1": label} for label in ("Sangat tidak puas", "Tidak puas", "Puas")],
        "periksa",
    )
    assert code == 2
    assert "jawaban 'Tidak puas' di kolom 'U1' tersimpan sebagai teks" in text
    assert "Ketik angkanya: 2." in text
    # A 5-point column is refused at its header cell, never half read.
    five = ("Sangat tidak puas", "Tidak puas", "Cukup puas", "Puas", "Sangat puas")
    code, text = _hitung(workbook_path, [{**base, "u3": five[i % 5]} for i in range(6)], "hitung")
    assert code == 2
    assert "sel K4: kolom U3: kolom ini memakai skala 5 pilihan" in text
    assert "membacanya sebagai" not in text
