"""One readiness list: Persiapan, ``periksa`` and the final gate say the same, from day one.

Also the gates that hold (steps 6-7 before a final; a new final after the letter only with a
reason), and cells that say what they are (yellow = typed, imported = locked, edits caught).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc
from narasi_data import complete, ready
from workbook_data import set_profile_value

from lkjip_xl.actions import readiness
from lkjip_xl.actions import report as report_actions
from lkjip_xl.actions import steps as step_actions
from lkjip_xl.actions.readiness import check_workbook
from lkjip_xl.domain.kinerja import sidik_kiriman
from lkjip_xl.errors import LkjipError
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import build as B
from lkjip_xl.workbook import persiapan as P
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook import styles as st
from lkjip_xl.workbook.gateway import open_workbook

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "workbook" / "LKjIP_Wonoasih.xlsm"
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
JAN = "2026-01-20T09:00:00+07:00"
"""A day before the 2025 report's deadline (28/02/2026)."""


@pytest.fixture
def january(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", JAN)


def lkjip(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "lkjip_xl", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def unmet(path: Path) -> dict[str, list[Any]]:
    with open_workbook(path) as gw:
        items, _ = readiness.unmet(gw)
    return {u.check.key: u.problems for u in items}


# -- the list itself ------------------------------------------------------------------------


def test_every_check_has_one_evaluator_and_beranda_a_formula_for_every_excel_check() -> None:
    keys = [c.key for c in P.CHECKS]
    assert len(keys) == len(set(keys))
    assert set(P._EVALUATORS) == set(keys)
    formulas = B._persiapan_formulas()
    assert set(formulas) == {c.key for c in P.CHECKS if c.excel}
    assert all(1 <= c.langkah <= 7 for c in P.CHECKS)


@needs_lo
def test_the_shipped_workbook_says_on_day_one_what_a_final_would_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LKJIP_SEKARANG")  # LibreOffice's TODAY() is the real date: so is ours
    copy = tmp_path / SHIPPED.name
    shutil.copy2(SHIPPED, copy)
    values = openpyxl.load_workbook(recalc(copy, tmp_path), data_only=True)[S.BERANDA]
    shown = {
        c.key: (values[f"C{B.PERSIAPAN_TOP + i}"].value, values[f"E{B.PERSIAPAN_TOP + i}"].value)
        for i, c in enumerate(P.CHECKS)
    }
    python = unmet(copy)
    for check in P.CHECKS:
        status = shown[check.key][0]
        if not check.excel:
            assert status == "Periksa Isian"
        else:
            assert (status == "Belum") == (check.key in python), check.key
    # The sample NIPs and the example addresses are named, with their cells.
    assert shown["nip"][1].endswith(": H5, H6, H7")
    assert [p.cell for p in python["nip"]] == ["H5", "H6", "H7"]
    assert "J5, J6, J7" in shown["email"][1]
    assert {p.cell for p in python["email"]} >= {"J5", "J6", "J7"}
    assert shown["telepon"][0] == "Belum" and shown["narasi"][0] == "Belum"


# -- the new checks, with their messages --------------------------------------------------------


def test_sample_values_count_as_not_filled(workbook_path: Path, january: None) -> None:
    complete(workbook_path)
    found = unmet(workbook_path)
    assert not {"nip", "pejabat", "email", "telepon"} & set(found)  # real ones now
    with open_workbook(workbook_path, write=True) as gw:
        set_profile_value(gw, "telepon", "(0335) 000000")
        rows = gw.read_rows(S.PEJABAT)
        rows[0]["email"] = "camat.wonoasih@contoh.go.id"
        gw.write_rows(S.PEJABAT, rows)
        rows = gw.read_rows(S.PEJABAT)
        rows[0]["nip"] = "197001011990031001"  # the shipped sample, typed back
        gw.write_rows(S.PEJABAT, rows)
        set_profile_value(gw, "reviu_dilakukan", "Ya")
        set_profile_value(gw, "reviu_apip", "Inspektorat Kota Probolinggo")
        set_profile_value(gw, "reviu_tanggal", dt.datetime(2026, 2, 20))
        set_profile_value(gw, "reviu_nama", "(Nama Inspektur Pembantu)")
        set_profile_value(gw, "reviu_nip", "196805121990031004")
        set_profile_value(gw, "reviu_jabatan", "Inspektur Pembantu Wilayah I")
    found = unmet(workbook_path)
    (nip,) = found["nip"]
    assert (nip.sheet, nip.cell) == (S.PENGATURAN, "H5")
    assert nip.pesan == (
        "NIP Camat '197001011990031001' bukan NIP pejabat yang sebenarnya (kosong, bukan 18 "
        "digit, atau NIP contoh bawaan)."
    )
    (reviu,) = found["reviu"]
    assert reviu.pesan.startswith("Nama pejabat APIP belum diisi atau masih contoh")
    (telepon,) = found["telepon"]
    assert telepon.pesan == "Telepon kantor '(0335) 000000' masih nomor contoh."
    (email,) = found["email"]
    assert email.pesan == "e-mail 'camat.wonoasih@contoh.go.id' masih alamat contoh."
    assert email.cell == "J5"


def test_a_passed_deadline_is_said_and_step_1_messages_follow_the_steps(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", "2026-03-10T09:00:00+07:00")
    (batas,) = unmet(workbook_path)["batas"]
    assert batas.pesan == (
        "Batas penyampaian LKjIP tahun 2025 (28 Februari 2026) sudah lewat, padahal LKjIP tahun "
        "itu belum disampaikan (langkah 8 belum selesai)."
    )
    with open_workbook(workbook_path) as gw:
        _errors, warnings, _ = check_workbook(gw)
    texts = [w.pesan for w in warnings]
    assert any(t.endswith("(Lengkapi sebelum Langkah 1.)") for t in texts)
    with open_workbook(workbook_path, write=True) as gw:
        step_actions.start_step(gw, 1, paksa=True, alasan="uji")
    with open_workbook(workbook_path) as gw:
        _errors, warnings, _ = check_workbook(gw)
    texts = [w.pesan for w in warnings]
    assert not any("sebelum Langkah 1" in t for t in texts)
    assert any(t.endswith("(Langkah 1 sudah dimulai: lengkapi segera.)") for t in texts)


def test_a_correction_without_reason_and_an_unknown_narasi_key_are_wrong_entries(
    workbook_path: Path,
) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(
            S.FORMAT,
            [
                {
                    "kode": "IKU-01",
                    "sasaran": "S",
                    "indikator": "I",
                    "satuan": "%",
                    "target": 90,
                    "polaritas": "Naik",
                    "penanggung_jawab": "Kelurahan Wonoasih",
                    "realisasi_koreksi": 88,
                }
            ],
        )
        rows = gw.read_rows(S.NARASI_T)
        rows[7]["kunci"] = "visi_misi"  # renamed by hand
        gw.write_rows(S.NARASI_T, rows)
    out = lkjip("periksa", "-w", str(workbook_path), "--json")
    assert out.returncode == 2
    masalah = {(m["sheet"], m["cell"]): m["pesan"] for m in json.loads(out.stdout)["masalah"]}
    alasan = B.col_letter(S.FORMAT.col_index("alasan_koreksi"))
    assert masalah[(S.FORMAT_DATA, f"{alasan}5")] == (
        "IKU-01: Realisasi Koreksi 88 tanpa alasan, sehingga tidak dipakai."
    )
    assert masalah[(S.NARASI, f"A{S.NARASI_T.header_row + 8}")].startswith(
        "kunci 'visi_misi' tidak dikenal"
    )


# -- an edit over an imported value ---------------------------------------------------------------


def _imported(path: Path) -> None:
    with open_workbook(path, write=True) as gw:
        gw.write_rows(
            S.FORMAT,
            [
                {
                    "kode": "IKU-02",
                    "sasaran": "S",
                    "indikator": "Layanan tepat waktu",
                    "satuan": "%",
                    "target": 90,
                    "polaritas": "Naik",
                    "penanggung_jawab": "Kelurahan Wonoasih",
                }
            ],
        )
        gw.write_rows(
            S.KIRIMAN_T,
            [
                {
                    "unit": "Kelurahan Wonoasih",
                    "kode": "IKU-02",
                    "realisasi": 87.5,
                    "status": "Valid",
                    "file": "formulir_wonoasih.xlsx",
                    "sha256": "ab" * 32,
                    "sidik": sidik_kiriman("Kelurahan Wonoasih", "IKU-02", 87.5),
                }
            ],
        )


def test_a_value_typed_over_an_import_is_caught_until_recorded_as_a_correction(
    workbook_path: Path, january: None
) -> None:
    _imported(workbook_path)
    assert "kiriman_diubah" not in unmet(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        rows = gw.read_rows(S.KIRIMAN_T)
        rows[0]["realisasi"] = 95  # typed over the unit's 87.5
        gw.write_rows(S.KIRIMAN_T, rows)
    out = lkjip("periksa", "-w", str(workbook_path), "--json", env={"LKJIP_SEKARANG": JAN})
    assert out.returncode == 2
    (edited,) = [m for m in json.loads(out.stdout)["masalah"] if m["sheet"] == S.KIRIMAN]
    assert edited["cell"] == "F5"
    assert edited["pesan"] == (
        "IKU-02: realisasi 95 di Kiriman diketik ulang setelah impor (tidak sama dengan "
        "formulir unit yang diterima)."
    )
    # The honest way: the figure as a correction with its reason.
    with open_workbook(workbook_path, write=True) as gw:
        rows = gw.read_rows(S.KIRIMAN_T)
        rows[0]["realisasi"] = 87.5
        gw.write_rows(S.KIRIMAN_T, rows)
        fmt = gw.read_rows(S.FORMAT)
        fmt[0]["realisasi_koreksi"] = 95
        fmt[0]["alasan_koreksi"] = "Data bulan Desember menyusul, dikonfirmasi Lurah 10/01"
        gw.write_rows(S.FORMAT, fmt)
    found = unmet(workbook_path)
    assert "kiriman_diubah" not in found and "koreksi" not in found
    with open_workbook(workbook_path) as gw:
        from lkjip_xl.actions.kinerja import kinerja

        f = kinerja(gw).indikator[0]
    assert (f.realisasi, f.sumber_realisasi) == (95, "koreksi Kasubbag")


# -- gates that hold --------------------------------------------------------------------------


def test_a_final_waits_for_steps_6_and_7(workbook_path: Path, january: None) -> None:
    ready(workbook_path, langkah=5)
    assert unmet(workbook_path) == {}, unmet(workbook_path)
    out = lkjip("report", "-w", str(workbook_path), "--tahap", "final", env={"LKJIP_SEKARANG": JAN})
    assert out.returncode == 2
    text = " ".join(out.stdout.split() + out.stderr.split())
    assert "persetujuan dan tanda tangan Camat (langkah 6 dan 7) belum dicatat" in text
    assert "sheet 'Tahapan SOP', sel J10: Langkah 6 belum dicatat selesai." in text
    assert "sel J11: Langkah 7 belum dicatat selesai." in text
    forced = lkjip(
        "report",
        "-w",
        str(workbook_path),
        "--tahap",
        "final",
        "--paksa",
        "--alasan",
        "Camat dinas luar, tanda tangan elektronik",
        env={"LKJIP_SEKARANG": JAN},
    )
    assert forced.returncode == 0, forced.stdout + forced.stderr
    with open_workbook(workbook_path) as gw:
        log = gw.read_rows(S.LOG_T)
    dipaksa = [r for r in log if r.get("hasil") == "DIPAKSA"]
    assert len(dipaksa) == 1 and "Camat dinas luar" in dipaksa[0]["rincian"]


def test_a_new_final_after_the_letter_needs_a_reason_and_the_register_says_so(
    workbook_path: Path, january: None
) -> None:
    ready(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        first = report_actions.make_report(gw)
        assert first.data["tahap"] == "final" and not first.data["dipaksa"]
        report_actions.make_letter(gw)
    with open_workbook(workbook_path, write=True) as gw, pytest.raises(LkjipError) as err:
        report_actions.make_report(gw)
    assert "versi final baru akan berbeda dengan dokumen yang sudah dikirim" in err.value.pesan
    (problem,) = err.value.problems
    assert problem.sheet == S.REGISTER and problem.cell == "G5"
    with open_workbook(workbook_path, write=True) as gw:
        again = report_actions.make_report(gw, alasan="Sekcam menemukan salah ketik di Bab III")
    assert again.data["versi"] == first.data["versi"] + 1
    with open_workbook(workbook_path) as gw:
        (reg,) = gw.read_rows(S.REGISTER_T)
        log = gw.read_rows(S.LOG_T)
    assert reg["keterangan"].startswith(f"Pengantar LKjIP versi {first.data['versi']}")
    assert reg["keterangan"].endswith(
        f"surat ini merujuk versi {first.data['versi']}; versi final {again.data['versi']} "
        "dibuat kemudian"
    )
    assert any(
        r["aksi"] == "Versi final setelah surat pengantar" and "salah ketik" in r["rincian"]
        for r in log
    )
    events = Journal(workbook_path.parent / "jurnal" / f"{workbook_path.stem}.jsonl").events(
        "final_setelah_surat"
    )
    assert events and events[-1]["versi"] == again.data["versi"]


# -- cells say what they are ----------------------------------------------------------------------


def test_only_input_cells_are_yellow_and_only_they_are_unlocked(workbook_path: Path) -> None:
    _imported(workbook_path)
    wb = openpyxl.load_workbook(workbook_path)
    yellow = st.INPUT_YELLOW
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                rgb = (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type else ""
                if rgb == yellow:
                    assert cell.protection.locked is False, (ws.title, cell.coordinate)
                elif ws.protection.sheet and cell.has_style and cell.value is not None:
                    assert cell.protection.locked is not False, (ws.title, cell.coordinate)
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                fill = rule.dxf.fill if rule.dxf is not None else None
                colour = (fill.fgColor.rgb or fill.bgColor.rgb or "") if fill else ""
                assert yellow not in (colour or ""), (ws.title, cf.sqref)
    kir = wb[S.KIRIMAN]
    value = kir["F5"]
    assert value.value == 87.5
    assert value.protection.locked is not False
    assert value.fill.fgColor.rgb[-6:] == st.IMPORTED
    narasi = wb[S.NARASI]
    first = S.NARASI_T.header_row + 1
    assert narasi[f"A{first}"].protection.locked is not False  # Kunci
    assert narasi[f"D{first}"].protection.locked is False  # Isi


# -- layers --------------------------------------------------------------------------------------


def test_lower_layers_never_import_upward_and_there_are_no_cycles() -> None:
    import grimp

    graph = grimp.build_graph("lkjip_xl", include_external_packages=False)
    order = {"cli": 0, "demo": 0, "actions": 1, "excel": 2, "report": 3, "forms": 3}
    order |= {"workbook": 4, "domain": 5}
    core = {"errors", "files", "journal", "clock", "lock", "workspace"}

    def layer(module: str) -> str:
        parts = module.split(".")
        return parts[1] if len(parts) > 1 else ""

    upward = []
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            a, b = layer(module), layer(imported)
            if (
                (a in core and b in order)
                or (a in order and b in order and order[b] < order[a])
                or (a in ("report", "forms") and b in ("report", "forms") and a != b)
            ):
                upward.append((module, imported))
    assert upward == []
    # No cycles: no module reaches itself through its imports.
    modules = sorted(graph.modules)
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            assert not graph.chain_exists(imported, module), (module, imported)
