"""Quarter forms (issue 22, deliver 3): ``lkjip forms export/import/status --triwulan N``.

A quarter form carries its quarter (title, visible Triwulan row, metadata) and the quarter's
target from the Rencana Aksi sheet; its import writes only the Realisasi Triwulan sheet; an
annual form, a form of another quarter or a quarter form in the annual import is refused;
the deadline is N working days after the quarter (Pengaturan) and late units are flagged;
Beranda shows each quarter's state.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_pk import fill
from workbook_data import set_profile_value

from lkjip_xl.actions import forms as F
from lkjip_xl.actions import rencana_aksi as RA
from lkjip_xl.actions import triwulan as T
from lkjip_xl.actions import triwulan_tombol as tombol
from lkjip_xl.forms import deadline, spec
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

APRIL_8 = "2025-04-08T10:00:00+07:00"
"""Inside the TW I window: the first working day after Idul Fitri 1446 H and its cuti bersama
(31 March – 7 April 2025)."""


def lkjip(*args: str | Path) -> dict[str, Any]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        ["lkjip", *map(str, args), "--json"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def prepare(path: Path, tw1: dict[str, float] | None = None) -> None:
    """The demo's officials and indicators, the Rencana Aksi rows with their defaults, and
    the given TW I targets typed over them (as staff edit the yellow cells)."""
    fill(path)
    with open_workbook(path, write=True) as gw:
        RA.rencana_aksi(gw, path.parent / "keluaran")
        rows = gw.read_rows(S.RENCANA_AKSI_T)
        for r in rows:
            if r["kode"] in (tw1 or {}):
                r["tw1"] = (tw1 or {})[r["kode"]]
        gw.write_rows(S.RENCANA_AKSI_T, [{k: v for k, v in r.items() if k != "_row"} for r in rows])


def fill_form(
    src: Path,
    dest: Path,
    values: dict[str, tuple[float, str, str, str]],
    minutes_ago: int = 30,
) -> None:
    """Type realisasi, kendala, langkah and Perlu Keputusan Camat as a unit does, saved
    ``minutes_ago`` before the (test) clock's now."""
    book = openpyxl.load_workbook(src)
    ws = book[spec.SHEET_DATA]
    head = [c.value for c in ws[spec.HEADER_ROW]]
    col = {h: head.index(h) + 1 for h in head if h}
    r = spec.FIRST_DATA_ROW
    while ws.cell(r, col["Kode"]).value:
        kode = ws.cell(r, col["Kode"]).value
        if kode in values:
            real, kendala, langkah, flag = values[kode]
            ws.cell(r, col["Realisasi"]).value = real
            ws.cell(r, col["Kendala/Penghambat"]).value = kendala
            ws.cell(r, col["Solusi/Langkah"]).value = langkah
            ws.cell(r, col["Perlu Keputusan Camat"]).value = flag
        r += 1
    dest.parent.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.fromisoformat(os.environ["LKJIP_SEKARANG"])
    when = (now - dt.timedelta(minutes=minutes_ago)).astimezone(dt.UTC)
    book.save(dest)  # openpyxl stamps the real time: the unit's save time is set below
    saved = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(dest) as zin:
        parts = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item, data in parts:
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + saved + rb"\g<2>",
                    data,
                )
            zout.writestr(item, data)


def form_of(folder: Path, unit: str) -> Path:
    return next(p for p in folder.iterdir() if p.name.endswith(f"_{unit}.xlsx"))


def test_quarter_deadline_counts_working_days_after_the_quarter(workbook_path: Path) -> None:
    with open_workbook(workbook_path) as gw:
        profile = gw.profile()
    # After 31 March 2025: 31 Mar–1 Apr Idul Fitri, 2–4 and 7 April cuti bersama, 18 April
    # Good Friday, weekends: the working days are 8, 9, 10, 11, 14, 15, 16, 17, 21, 22 April.
    due = deadline.quarter_deadline(profile, 1)
    assert due.batas.date() == dt.date(2025, 4, 22) and due.batas.hour == 16
    assert "10 hari kerja" in due.dasar
    short = profile.model_copy(update={"batas_triwulan_hari": 5})
    assert deadline.quarter_deadline(short, 1).batas.date() == dt.date(2025, 4, 14)
    # triwulan IV ends 31 December; 10 working days later falls in January of the next year
    assert deadline.quarter_deadline(profile, 4).batas.date().year == 2026


def test_quarter_form_export_fill_import_status_and_beranda(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", APRIL_8)
    prepare(workbook_path, tw1={"IKU-03": 93.5, "IKU-04": 3})
    result = lkjip("forms", "export", "-w", workbook_path, "--triwulan", "1")
    folder = Path(result["folder"])
    assert folder.name == "formulir_2025_TW1"
    assert result["batas_waktu"].startswith("2025-04-22T16:00")
    # IKM and Nilai SAKIP are measured once a year: not asked in triwulan I
    asked = {k for f in result["forms"] for k in f["indikator"]}
    assert "IKU-01" not in asked and "IKU-02" not in asked and "IKU-03" in asked

    form = form_of(folder, "Seksi_Pelayanan_Umum")
    assert form.name == "Format_Data_TW1_2025_Seksi_Pelayanan_Umum.xlsx"
    book = openpyxl.load_workbook(form)
    ws = book[spec.SHEET_DATA]
    assert "TRIWULAN I TAHUN 2025" in ws["A1"].value
    assert ws["A2"].value == "Triwulan" and ws["C2"].value.startswith("I (Januari")
    meta = {r[0]: r[1] for r in book[spec.SHEET_META].iter_rows(values_only=True)}
    assert meta["triwulan"] == "1"
    custom = {p.name: p.value for p in book.custom_doc_props.props}
    assert custom["LKjIP Triwulan"] == 1 and custom["LKjIP Formulir"] == "Triwulan I"
    head = [c.value for c in ws[spec.HEADER_ROW]]
    assert "Target TW I" in head and head[-1] == "Perlu Keputusan Camat"
    targets = {
        ws.cell(r, 2).value: ws.cell(r, head.index("Target TW I") + 1).value
        for r in range(spec.FIRST_DATA_ROW, ws.max_row + 1)
        if ws.cell(r, 2).value
    }
    assert targets == {"IKU-03": 93.5, "IKU-04": 3}  # typed in Rencana Aksi, not the annual
    assert "Batas kembali" in str(ws.cell(spec.YEAR_ROW + 1, 1).value)
    assert "22 April 2025" in str(ws.cell(spec.YEAR_ROW + 1, 3).value)

    inbox = workbook_path.parent / "kotak_masuk"
    fill_form(
        form,
        inbox / form.name,
        {
            "IKU-03": (90, "Jaringan SIAK sering putus", "Koordinasi dengan Dispendukcapil", "Ya"),
            "IKU-04": (2, "", "", ""),
        },
    )
    lurah = form_of(folder, "Kelurahan_Pakistaji")
    fill_form(lurah, inbox / lurah.name, {"KEL-03": (20, "Wajib pajak pindah", "Pendataan", "")})
    got = lkjip("forms", "import", "-w", workbook_path, "--triwulan", "1")
    assert [f["status"] for f in got["files"]] == ["diterima", "diterima"]
    assert got["kiriman_total"] == 3

    with open_workbook(workbook_path) as gw:
        assert gw.read_rows(S.KIRIMAN_T) == []  # the annual home is untouched
        rows = {r["kode"]: r for r in gw.read_rows(S.REALISASI_TW_T)}
        beranda = [gw.read_cell(S.BERANDA, c) for c in T.BERANDA_TW_CELLS]
    assert set(rows) == {"IKU-03", "IKU-04", "KEL-03"}
    r = rows["IKU-03"]
    assert (r["triwulan"], r["unit"], r["realisasi"], r["target"]) == (
        1,
        "Seksi Pelayanan Umum",
        90,
        93.5,
    )
    assert r["kendala"] == "Jaringan SIAK sering putus"
    assert r["solusi"] == "Koordinasi dengan Dispendukcapil" and r["keputusan"] == "Ya"
    assert rows["IKU-04"]["keputusan"] == "Tidak"
    n_units = len(result["forms"])
    assert beranda[0] == f"dibuat · 2/{n_units} masuk"
    assert beranda[1:] == ["belum dimulai"] * 3

    status = lkjip("forms", "status", "-w", workbook_path, "--triwulan", "1")
    units = {u["nama"]: u for u in status["units"]}
    assert units["Seksi Pelayanan Umum"]["status"] == "lengkap"
    assert not units["Seksi Pelayanan Umum"]["terlambat"]
    assert units["Kelurahan Wonoasih"]["status"] == "belum"
    assert not units["Kelurahan Wonoasih"]["terlambat"]  # the deadline has not passed yet
    assert status["terlambat"] == []


def test_late_quarter_form_and_a_correction(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", APRIL_8)
    prepare(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        exported = F.export_forms(gw, triwulan=1)
    folder = Path(exported.data["folder"])
    inbox = workbook_path.parent / "kotak_masuk"
    monkeypatch.setenv("LKJIP_SEKARANG", "2025-04-09T14:00:00+07:00")  # a day after export
    on_time = form_of(folder, "Kelurahan_Pakistaji")
    fill_form(on_time, inbox / "tepat" / on_time.name, {"KEL-03": (20, "", "", "")})
    with open_workbook(workbook_path, write=True) as gw:
        F.import_forms(gw, [inbox / "tepat"], triwulan=1)
    # 23 April 2025: the day after the deadline (22 April, 16.00)
    monkeypatch.setenv("LKJIP_SEKARANG", "2025-04-23T09:00:00+07:00")
    late = form_of(folder, "Kelurahan_Wonoasih")
    fill_form(late, inbox / "telat" / late.name, {"KEL-01": (75, "", "", "")})
    # a correction of Pakistaji's form, sent again the same day: it replaces the first
    fill_form(
        on_time, inbox / "telat" / ("Revisi_" + on_time.name), {"KEL-03": (25, "", "", "")}, 5
    )
    with open_workbook(workbook_path, write=True) as gw:
        got = F.import_forms(gw, [inbox / "telat"], triwulan=1)
        status = F.forms_status(gw, triwulan=1)
        rows = gw.read_rows(S.REALISASI_TW_T)
    assert sorted(f["status"] for f in got.data["files"]) == ["diterima", "diterima"]
    assert {(r["unit"], r["kode"]): r["realisasi"] for r in rows} == {
        ("Kelurahan Pakistaji", "KEL-03"): 25,
        ("Kelurahan Wonoasih", "KEL-01"): 75,
    }
    units = {u["nama"]: u for u in status.data["units"]}
    assert units["Kelurahan Wonoasih"]["status"] == "lengkap"
    assert units["Kelurahan Wonoasih"]["terlambat"] is True
    # Pakistaji's complete data first came on time; its correction came later: its last rows
    # were received after the deadline, so it is reported late too (the Kasubbag sees when)
    assert units["Kelurahan Pakistaji"]["terlambat"] is True
    # a unit that has sent nothing is late once the deadline passed
    assert units["Kelurahan Sumbertaman"]["terlambat"] is True
    assert "Terlambat:" in status.pesan and "Kelurahan Wonoasih" in status.pesan
    assert "batas Selasa, 22 April 2025 pukul 16.00" in status.pesan
    # an older draft of Pakistaji's form (saved before its correction) turns up: it replaces
    # nothing, and the message names the quarter's own sheet
    fill_form(on_time, inbox / "lama" / on_time.name, {"KEL-03": (22, "", "", "")}, 60)
    with open_workbook(workbook_path, write=True) as gw:
        (old,) = F.import_forms(gw, [inbox / "lama"], triwulan=1).data["files"]
        rows = gw.read_rows(S.REALISASI_TW_T)
    assert old["status"] == "versi_lama"
    assert "di sheet Realisasi Triwulan berasal dari" in old["errors"][0]["pesan"]
    assert "Kiriman" not in old["errors"][0]["pesan"]
    assert {(r["unit"], r["kode"]): r["realisasi"] for r in rows}[
        ("Kelurahan Pakistaji", "KEL-03")
    ] == 25


def test_wrong_quarter_annual_and_edited_quarter_are_held(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", APRIL_8)
    prepare(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        tw1 = Path(F.export_forms(gw, triwulan=1).data["folder"])
        annual = Path(F.export_forms(gw).data["folder"])
    inbox = workbook_path.parent / "kotak_masuk"
    form = form_of(tw1, "Kelurahan_Pakistaji")
    fill_form(form, inbox / "a" / form.name, {"KEL-03": (20, "", "", "")})

    with open_workbook(workbook_path, write=True) as gw:
        as_tw2 = F.import_forms(gw, [inbox / "a"], triwulan=2)
        as_annual = F.import_forms(gw, [inbox / "a"])
        assert gw.read_rows(S.KIRIMAN_T) == [] and gw.read_rows(S.REALISASI_TW_T) == []
    (e2,) = as_tw2.data["files"][0]["errors"]
    assert as_tw2.data["files"][0]["status"] == "ditolak"
    assert "untuk triwulan I, sedangkan yang diimpor sekarang triwulan II" in e2["pesan"]
    assert "--triwulan 1" in e2["perbaikan"] and e2["cell"] == "C2"
    (ea,) = as_annual.data["files"][0]["errors"]
    assert "bukan formulir LKjIP tahunan" in ea["pesan"] and "Kiriman" in ea["pesan"]

    # the annual form offered to a quarter's import
    book = openpyxl.load_workbook(form_of(annual, "Kelurahan_Pakistaji"))
    ws = book[spec.SHEET_DATA]
    head = [c.value for c in ws[spec.HEADER_ROW]]
    ws.cell(spec.FIRST_DATA_ROW, head.index("Realisasi") + 1).value = 80
    (inbox / "b").mkdir()
    book.save(inbox / "b" / "tahunan.xlsx")
    # the quarter form imported as triwulan I, but with its visible Triwulan changed to II
    book = openpyxl.load_workbook(inbox / "a" / form.name)
    book[spec.SHEET_DATA]["C2"] = "II (April–Juni)"
    book.save(inbox / "b" / "diubah.xlsx")
    with open_workbook(workbook_path, write=True) as gw:
        got = {f["file"]: f for f in F.import_forms(gw, [inbox / "b"], triwulan=1).data["files"]}
        assert gw.read_rows(S.REALISASI_TW_T) == []
    assert got["tahunan.xlsx"]["status"] == "ditolak"
    assert (
        "formulir LKjIP tahunan, bukan formulir triwulan I"
        in got["tahunan.xlsx"]["errors"][0]["pesan"]
    )
    held = got["diubah.xlsx"]
    assert held["status"] == "perlu_dicek"
    assert "triwulan yang tertulis di sheet 'II (April–Juni)'" in held["errors"][0]["pesan"]
    assert held["errors"][0]["cell"] == "C2"


def test_triwulan_typed_at_the_ribbon(workbook_path: Path) -> None:
    assert [tombol.parse_triwulan(t) for t in ("1", " 2 ", "III", "tw4", "TW IV")] == [
        1,
        2,
        3,
        4,
        4,
    ]
    for bad in ("", "5", "Januari"):
        with pytest.raises(Exception, match=r"Triwulan .* tidak dikenal"):
            tombol.parse_triwulan(bad)
    with open_workbook(workbook_path, write=True) as gw:
        set_profile_value(gw, "batas_triwulan_hari", 3)
    with open_workbook(workbook_path) as gw:
        assert gw.profile().batas_triwulan_hari == 3


def test_quarter_email_and_reminder_go_only_to_the_quarter(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import email
    import email.policy

    monkeypatch.setenv("LKJIP_SEKARANG", APRIL_8)
    prepare(workbook_path)
    with open_workbook(workbook_path, write=True) as gw:
        mailed = F.email_forms(gw, triwulan=2)
    assert Path(mailed.data["folder"]).name == "surel_2025_TW2"
    assert mailed.data["batas_waktu"].startswith("2025-07-14T16:00")  # 10 working days
    first = email.message_from_bytes(mailed.files[0].read_bytes(), policy=email.policy.default)
    assert "Monitoring Kinerja Triwulan II Tahun 2025" in str(first["Subject"])
    body = first.get_body(preferencelist=("plain",)).get_content()
    # the quarter's own letter: its deadline rule, not the LKjIP's SOP step 3
    assert "monitoring dan evaluasi kinerja" in body and "triwulan II tahun 2025" in body
    assert "10 hari kerja setelah triwulan berakhir (30/06/2025)" in body
    assert "langkah 3" not in body and "LKjIP" not in body
    names = [p.get_filename() for p in first.iter_attachments()]
    assert len(names) == 1 and names[0].startswith("Format_Data_TW2_2025_")
    # one unit answers; the reminder goes to every other unit of the quarter only
    monkeypatch.setenv("LKJIP_SEKARANG", "2025-07-09T10:00:00+07:00")
    with open_workbook(workbook_path, write=True) as gw:
        folder = Path(F.export_forms(gw, triwulan=2).data["folder"])
    inbox = workbook_path.parent / "kotak_masuk"
    form = form_of(folder, "Kelurahan_Pakistaji")
    fill_form(form, inbox / form.name, {"KEL-03": (20, "", "", "")})
    with open_workbook(workbook_path, write=True) as gw:
        F.import_forms(gw, None, triwulan=2)
        reminder = F.email_forms(gw, pengingat=True, triwulan=2)
        annual = F.forms_status(gw)
    to = {m["unit"] for m in reminder.data["messages"]}
    again = email.message_from_bytes(reminder.files[0].read_bytes(), policy=email.policy.default)
    assert str(again["Subject"]).startswith("Pengingat: Data Monitoring Kinerja Triwulan II")
    assert "Kelurahan Pakistaji" not in to and len(to) == len(mailed.data["messages"]) - 1
    # the annual flow saw none of it
    assert all(u["status"] == "belum" and not u["dikirim"] for u in annual.data["units"])
