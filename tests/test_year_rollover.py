"""Next year starts clean, and dates and headers follow the year (issue 18).

A whole demo year to its archive, then ``lkjip tahun-baru`` checked against the declared
new-year rule (``workbook/new_year_rule.py``) cell by cell; a year that is not finished is
refused until ``--paksa`` (recorded in the new book); dates typed as text in Pengaturan; the
passed deadline of the report year; print headers, year-named headers, forms and e-mails
following Pengaturan.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lo_recalc import SOFFICE, recalc

from lkjip_xl.workbook import new_year_rule as R
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook import year_checks
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import PROFILE_KEYS

# The demo's LKjIP 2025 was made in January 2026; tahun-baru runs in February 2026.
FEB_2026 = "2026-02-02T09:00:00+07:00"
JAN_2026 = "2026-01-05T08:00:00+07:00"
JAN_2026_AFTERNOON = "2026-01-05T15:00:00+07:00"
LATE = "2026-11-30T09:00:00+07:00"
"""After the deadline of the LKjIP 2025 (28 February 2026)."""


def lkjip(*args: str | Path, now: str = FEB_2026) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LKJIP_SEKARANG": now, "COLUMNS": "250", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=300
    )


def _profil_row(gw: Any, key: str) -> int:
    return next(r["_row"] for r in gw.read_rows(S.PROFIL) if r["kunci"] == key)


def _set_profil(wb: Path, **values: Any) -> None:
    with open_workbook(wb, write=True) as gw:
        for key, value in values.items():
            gw.write_cell(S.PENGATURAN, f"B{_profil_row(gw, key)}", value)


def fmt_rows(wb: Path) -> list[dict[str, Any]]:
    with open_workbook(wb) as gw:
        return gw.read_rows(S.FORMAT)


def _cells(path: Path) -> dict[tuple[str, str], Any]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lkjip_xl.demo.run import run_demo

    out = tmp_path_factory.mktemp("demo18") / "hasil"
    run_demo(out)  # all eight steps, the final report, the letter, the archive
    return out


@pytest.fixture
def demo(_demo: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "demo"
    shutil.copytree(_demo, dest)
    return dest / "LKjIP_Wonoasih.xlsm"


# --------------------------------------------------------------------------------------------
# 1. a year to its archive, then tahun-baru, against the declared rule


def _addresses(rule: R.Rule, gw: Any) -> set[tuple[str, str]]:
    """The cells of the old workbook a rule line is about."""
    if rule.cell:
        return {(rule.sheet, rule.cell)}
    table = S.TABLES[rule.table]
    if rule.table == S.SKM_T.name:
        table = S.skm_table(gw.profile().aturan.ikm_regulasi)
    rows = gw.read_rows(table)
    if rule.keys:
        col = col_letter(table.col_index("nilai" if table is S.PROFIL else "isi"))
        return {(rule.sheet, f"{col}{r['_row']}") for r in rows if r["kunci"] in rule.keys}
    keys = rule.columns or [c.key for c in table.input_columns]
    return {
        (rule.sheet, f"{col_letter(table.col_index(k))}{r['_row']}") for r in rows for k in keys
    }


def _whole_table(table: S.Table) -> set[tuple[str, str]]:
    return {
        (table.sheet, f"{col_letter(table.col_index(c.key))}{r}")
        for c in table.columns
        for r in range(table.header_row + 1, table.header_row + 3000)
    }


def test_year_to_archive_then_tahun_baru_follows_the_declared_rule(demo: Path) -> None:
    from lkjip_xl.actions.report_data import gather

    # What this year holds besides the demo: an explicit deadline typed as text, an extra day
    # off of this year and one of next year, special hours of both years, the Kasubbag's own
    # analysis of an indicator.
    _set_profil(
        demo,
        batas_penyampaian="27/02/2026",
        jam_khusus="Ramadan 01/03/2025-30/03/2025 08.00-15.00 | "
        "Ramadan 18/02/2026-19/03/2026 08.00-15.00",
    )
    with open_workbook(demo, write=True) as gw:
        gw.write_rows(
            S.LIBUR,
            [
                {"tanggal": dt.date(2025, 12, 24), "keterangan": "Cuti kantor"},
                {"tanggal": dt.date(2026, 4, 10), "keterangan": "Cuti kantor"},
            ],
        )
        fmt = gw.read_rows(S.FORMAT)
        fmt[0]["faktor"] = "Loket PATEN buka sampai sore sepanjang 2025."
        # ... and a correction of one realisation (used this year, emptied in the next).
        fmt[1]["realisasi_koreksi"] = 7
        fmt[1]["alasan_koreksi"] = "Laporan bulanan Desember direvisi."
        gw.write_rows(S.FORMAT, fmt)
    with open_workbook(demo) as gw:
        assert year_checks.unfinished_year(gw) == []  # all eight steps, archived
        engine = {r.kode: r.realisasi for r in gather(gw).indikator}
        assert engine[fmt[1]["kode"]] == 7
        old_format = {r["kode"]: r for r in gw.read_rows(S.FORMAT)}
        rules = {i: _addresses(rule, gw) for i, rule in enumerate(R.RULES)}
        reviu_row = _profil_row(gw, "reviu_dilakukan")
    old_cells = _cells(demo)
    assert old_cells[(S.FORMAT_DATA, "K4")] == "Realisasi 2024"

    run = lkjip("tahun-baru", "--workbook", demo)
    assert run.returncode == 0, run.stderr
    new = demo.with_name("LKjIP_Wonoasih_2026.xlsm")
    new_cells = _cells(new)

    # Every line of the rule, as declared.
    moved: set[tuple[str, str]] = set()
    for i, rule in enumerate(R.RULES):
        cells = rules[i]
        if rule.action == "tetap":
            changed = {c for c in cells if new_cells.get(c) != old_cells.get(c)}
            assert not changed, (rule.label, changed)
            continue
        moved |= cells
        if rule.action == "kosong" and rule.table and not (rule.columns or rule.keys):
            moved |= _whole_table(S.TABLES[rule.table])
            with open_workbook(new) as gw:
                rows = gw.read_rows(S.TABLES[rule.table])
            if rule.table == S.LOG_T.name:
                assert [r["aksi"] for r in rows] == ["Tahun baru"]
            elif rule.table == S.TAHAPAN_T.name:
                assert [r["status"] for r in rows] == ["Belum mulai"] * 8
                assert all(r["mulai"] is None and r["selesai"] is None for r in rows)
            else:
                assert rows == [], rule.label
        elif rule.action == "kosong":
            assert cells, rule.label  # the demo fills these: the test sees them emptied
            for c in cells:
                expected = "Tidak" if c == (S.PENGATURAN, f"B{reviu_row}") else None
                assert new_cells.get(c) == expected, (rule.label, c)
            assert any(old_cells.get(c) not in (None, "Tidak") for c in cells), rule.label
    assert all(rule.action in R.ACTIONS for rule in R.RULES)

    with open_workbook(new) as gw:
        profile = gw.profile()
        fmt = {r["kode"]: r for r in gw.read_rows(S.FORMAT)}
        libur = [r["tanggal"] for r in gw.read_rows(S.LIBUR)]
        narasi = {r["kunci"]: r.get("isi") for r in gw.read_rows(S.NARASI_T)}
    # maju: the year, the deadline (typed as text: read the Indonesian way, moved on a year)
    assert profile.tahun == 2026 and profile.due_date() == dt.date(2027, 2, 27)
    # berlaku: only what still applies in 2026
    assert libur == [dt.date(2026, 4, 10)]
    assert [p.mulai for p in profile.jam_kerja.periode_khusus] == [dt.date(2026, 2, 18)]
    # reviu: last year's statement is not this year's
    assert profile.reviu.dilakukan is False and profile.reviu.tanggal is None
    assert all(narasi[k] is None for k in R.NARASI_EMPTY)
    assert all(narasi[k] for k in R.NARASI_KEEP)
    # ke_n1 and renstra, indicator by indicator: 2026 is year 2 of the Renstra 2025-2029.
    assert profile.renstra_periode == "2025-2029"
    differs = 0
    for kode, row in fmt.items():
        old = old_format[kode]
        assert row["realisasi_n1"] == pytest.approx(engine[kode]), kode
        assert row["realisasi_n2"] == old["realisasi_n1"], kode
        assert row["target"] == old["target_th2"], kode
        differs += row["target"] != old["target"]
    assert differs >= 5  # the Renstra's yearly targets rise: last year's target is not kept

    # Nothing else changed, cell by cell (besides the year-named headers and holiday list).
    first = S.UNIT.header_row + 1
    allowed = moved | {
        (S.PENGATURAN, f"{S.HOLIDAY_COL}{r}") for r in range(first, first + S.HOLIDAY_ROWS)
    }
    allowed |= {(S.FORMAT_DATA, "K4"), (S.FORMAT_DATA, "L4")}
    changed = {
        k for k in old_cells.keys() | new_cells.keys() if old_cells.get(k) != new_cells.get(k)
    }
    assert changed - allowed == set()

    # The year-named headers and the print header of every sheet follow the new year.
    assert new_cells[(S.FORMAT_DATA, "K4")] == "Realisasi 2025"
    assert new_cells[(S.FORMAT_DATA, "L4")] == "Realisasi 2024"
    assert "LKjIP_Tahun-1" in new_cells[(S.CAPAIAN, "L4")]  # a formula: follows by itself
    book = openpyxl.load_workbook(new)
    columns = book[S.FORMAT_DATA].tables[S.FORMAT.name].tableColumns
    assert [c.name for c in columns[10:12]] == ["Realisasi 2025", "Realisasi 2024"]  # = cells
    printed = [ws for ws in book.worksheets if ws.title != S.XLWINGS_CONF]
    assert len(printed) == len(S.SHEETS) - 1
    for ws in printed:
        assert ws.oddHeader.right.text == "LKjIP Kecamatan Wonoasih 2026", ws.title
        assert ws.oddFooter.left.text == "&A", ws.title

    # The draft's trend sentence names the year whose figures are missing (2026, not 2025).
    from lkjip_xl.report.narrative import narasi_tren

    with open_workbook(new) as gw:
        (sentence,) = narasi_tren(gather(gw))
    assert sentence.startswith("Realisasi tahun 2026 belum tersedia")


def test_headers_forms_and_emails_follow_a_changed_opd(demo: Path) -> None:
    assert lkjip("tahun-baru", "--workbook", demo).returncode == 0
    new = demo.with_name("LKjIP_Wonoasih_2026.xlsm")
    # Staff rename the office in Pengaturan (typed in the sheet, outside lkjip) …
    book = openpyxl.load_workbook(new, keep_vba=True)
    ws = book[S.PENGATURAN]
    row = next(r for r in range(5, 80) if ws[f"A{r}"].value == "opd")
    ws[f"B{row}"] = "Kecamatan Wonoasih Baru"
    book.save(new)
    assert openpyxl.load_workbook(new)[S.LOG].oddHeader.right.text.endswith("Wonoasih 2026")
    # … and the next command that writes rewrites every sheet's print header.
    run = lkjip("forms", "export", "--workbook", new, now="2027-01-05T08:00:00+07:00")
    assert run.returncode == 0, run.stderr
    for ws in openpyxl.load_workbook(new).worksheets:
        if ws.title != S.XLWINGS_CONF:
            assert ws.oddHeader.right.text == "LKjIP Kecamatan Wonoasih Baru 2026", ws.title
    # The unit forms and e-mails name the new year and the new name.
    run = lkjip("forms", "email", "--workbook", new, now="2027-01-05T08:00:00+07:00")
    assert run.returncode == 0, run.stderr
    out = new.parent / "keluaran"
    forms = sorted((out / "formulir_2026").glob("*.xlsx"))
    mails = sorted((out / "surel_2026").glob("*.eml"))
    assert forms and len(mails) == len(forms)
    for form in forms:
        sheet = openpyxl.load_workbook(form)["Isian"]
        assert sheet.oddHeader.right.text == "LKjIP Kecamatan Wonoasih Baru 2026"
        assert sheet["A1"].value == "FORMAT DATA DAN INFORMASI KINERJA TAHUN 2026"
    for mail in mails:
        message = email.message_from_bytes(mail.read_bytes(), policy=email.policy.default)
        assert "LKjIP Kecamatan Wonoasih Baru Tahun 2026" in message["Subject"]
        body = message.get_body(preferencelist=("plain",))
        assert (
            body is not None and "(LKjIP) Kecamatan Wonoasih Baru Tahun 2026" in body.get_content()
        )


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_printed_new_year_shows_its_year_everywhere(demo: Path, tmp_path: Path) -> None:
    assert lkjip("tahun-baru", "--workbook", demo).returncode == 0
    new = demo.with_name("LKjIP_Wonoasih_2026.xlsm")
    pdf = tmp_path / "pdf"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf),
            str(new),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf / f"{new.stem}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 13
    assert all("LKjIP Kecamatan Wonoasih 2026" in page for page in pages)
    assert "Wonoasih 2025" not in text
    assert "Realisasi 2025" in text and "Realisasi 2024" in text
    values = openpyxl.load_workbook(recalc(new, tmp_path), data_only=True)[S.CAPAIAN]
    assert [values[f"{c}4"].value for c in "GHLM"] == [
        "Target 2026",
        "Realisasi 2026",
        "Realisasi 2025",
        "Realisasi 2024",
    ]


# --------------------------------------------------------------------------------------------
# 2. an unfinished year: refused with the list, --paksa proceeds and records it


@pytest.fixture
def unfinished(workbook_path: Path, tmp_path: Path) -> Path:
    """LKjIP 2025 at step 3: steps 1-2 done, step 3 running, one form held (perlu dicek)."""
    from test_forms_support import export, fill, import_paths, seed
    from test_intake_realworld import _edit

    wb = seed(workbook_path)
    for args in (
        ("start", "1", "--waktu", "05/01/2026 08.00"),
        ("finish", "1", "--waktu", "05/01/2026 08.10"),
        ("start", "2", "--waktu", "05/01/2026 08.30"),
        ("finish", "2", "--waktu", "05/01/2026 14.00"),
        ("start", "3", "--waktu", "05/01/2026 14.10"),
    ):
        assert lkjip("step", *args, "-w", wb, now=JAN_2026_AFTERNOON).returncode == 0
    blank = export(wb)
    own = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    other = _edit(own, tmp_path / "dari_wonoasih.xlsx", C3="Kelurahan Wonoasih")
    import_paths(wb, [own])
    (held,) = import_paths(wb, [other])["files"]
    assert held["status"] == "perlu_dicek"
    return wb


def test_tahun_baru_refuses_an_unfinished_year_and_paksa_records_it(unfinished: Path) -> None:
    new = unfinished.with_name("LKjIP_Wonoasih_2026.xlsm")
    refused = lkjip("tahun-baru", "-w", unfinished)
    assert refused.returncode == 2
    err = " ".join(refused.stderr.split())
    assert "Tahun 2025 belum selesai" in err and "--paksa" in err
    assert "langkah SOP tahun 2025 belum selesai: 3 (berjalan), 4 (belum mulai)" in err
    assert "sheet 'Tahapan SOP', sel M7" in err  # Status of step 3
    assert "dari_wonoasih.xlsx" in err and "ditahan (perlu dicek)" in err
    assert "belum diarsipkan" in err
    assert not new.exists()

    forced = lkjip("tahun-baru", "-w", unfinished, "--paksa", "--json")
    assert forced.returncode == 0, forced.stderr
    data = json.loads(forced.stdout)
    assert data["dipaksa"] is True and len(data["belum_selesai"]) == 3
    assert any("dibuat dengan --paksa" in p.lower() for p in data["peringatan"])
    with open_workbook(new) as gw:
        (log,) = gw.read_rows(S.LOG_T)
        assert log["aksi"] == year_checks.LOG_NEW_YEAR and log["hasil"] == year_checks.LOG_FORCED
        assert "3 (berjalan)" in log["rincian"] and "ditahan" in log["rincian"]
        (note,) = year_checks.started_from_unfinished_year(gw)
    assert (note.sheet, note.cell) == (S.LOG, f"D{log['_row']}")
    # No Renstra period: the 2026 targets were emptied; once typed, periksa shows the note.
    assert sorted(data["indikator_tanpa_target"]) == sorted(r["kode"] for r in fmt_rows(new))
    with open_workbook(new, write=True) as gw:
        gw.write_rows(S.FORMAT, [{**r, "target": 90} for r in gw.read_rows(S.FORMAT)])
    periksa = lkjip("periksa", "-w", new, now="2027-01-05T08:00:00+07:00")
    assert periksa.returncode == 0, periksa.stderr
    assert "dibuat dari tahun sebelumnya yang belum selesai" in periksa.stdout


def test_ribbon_asks_yes_no_before_a_new_year_from_an_unfinished_year(
    unfinished: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fake_excel import ANSWERS, MESSAGES, load_book, xw_book

    from lkjip_xl.excel.ribbon import run_control

    monkeypatch.setenv("LKJIP_SEKARANG", FEB_2026)
    new = unfinished.with_name("LKjIP_Wonoasih_2026.xlsm")
    book = xw_book(load_book(unfinished))
    MESSAGES.clear()
    ANSWERS[:] = [7]  # No
    assert run_control(book, "tahun_baru", path=unfinished) is None
    (question,) = MESSAGES
    assert "Tahun 2025 belum selesai" in question[0] and "ditahan" in question[0]
    assert not new.exists()
    MESSAGES.clear()
    ANSWERS[:] = [6]  # Yes
    assert run_control(book, "tahun_baru", path=unfinished) is not None
    assert len(MESSAGES) == 2 and "dibuat" in MESSAGES[1][0]
    with open_workbook(new) as gw:
        assert gw.read_rows(S.LOG_T)[0]["hasil"] == year_checks.LOG_FORCED


# --------------------------------------------------------------------------------------------
# 3. dates typed as text in Pengaturan


DATE_CELLS = ("batas_penyampaian", "reviu_tanggal", "libur")


def _type_date(wb: Path, where: str, text: str) -> tuple[str, str]:
    """Type ``text`` into a Pengaturan date cell (as Excel keeps it in a General cell);
    returns the cell's address and the label the user sees next to it."""
    with open_workbook(wb, write=True) as gw:
        if where == "libur":
            gw.write_rows(S.LIBUR, [{"tanggal": text, "keterangan": "Cuti kantor"}])
            return f"T{S.LIBUR.header_row + 1}", "Hari libur tambahan"
        row = _profil_row(gw, where)
        gw.write_cell(S.PENGATURAN, f"B{row}", text)
        label = {"batas_penyampaian": "Batas penyampaian", "reviu_tanggal": "Tanggal reviu"}
        return f"B{row}", label[where]


def _read_date(wb: Path, where: str) -> dt.date | None:
    with open_workbook(wb) as gw:
        profile = gw.profile()
    if where == "libur":
        return next(iter(profile.jam_kerja.libur_tambahan), None)
    return profile.batas_penyampaian if where == "batas_penyampaian" else profile.reviu.tanggal


@pytest.mark.parametrize("where", DATE_CELLS)
@pytest.mark.parametrize(
    "text", ["20/02/2026", "20-2-2026", "20 Februari 2026", "Jumat, 20 Februari 2026"]
)
def test_text_date_in_each_pengaturan_date_cell_is_read_the_indonesian_way(
    workbook_path: Path, where: str, text: str
) -> None:
    _type_date(workbook_path, where, text)
    assert _read_date(workbook_path, where) == dt.date(2026, 2, 20)
    status = lkjip("step", "status", "--json", "-w", workbook_path, now=JAN_2026)
    assert status.returncode == 0, status.stderr
    if where == "batas_penyampaian":
        assert json.loads(status.stdout)["batas_penyampaian"] == "2026-02-20"
    periksa = lkjip("periksa", "-w", workbook_path, "--json", now=JAN_2026)
    assert periksa.returncode == 0 and json.loads(periksa.stdout)["masalah"] == []


@pytest.mark.parametrize("where", DATE_CELLS)
def test_unreadable_date_is_one_message_naming_the_cell_and_stops_nothing_else(
    workbook_path: Path, where: str
) -> None:
    cell, label = _type_date(workbook_path, where, "31/02/2026")
    assert _read_date(workbook_path, where) is None  # left out, not guessed
    where_text = f"sheet 'Pengaturan', sel {cell}:"
    periksa = lkjip("periksa", "-w", workbook_path, now=JAN_2026)
    assert periksa.returncode == 2
    out = periksa.stdout + periksa.stderr
    assert out.count(where_text) == 1  # printed once
    line = next(x for x in out.splitlines() if where_text in x)
    assert label in line and "'31/02/2026' tidak dapat dibaca sebagai tanggal" in line
    assert "Input should" not in out and "reviu." not in out  # no pydantic English, no path
    # Commands that do not need the value keep working; step status says it once if it does.
    status = lkjip("step", "status", "-w", workbook_path, now=JAN_2026)
    assert status.returncode == 0, status.stderr
    assert status.stdout.count(where_text) == (0 if where == "reviu_tanggal" else 1)
    hitung = lkjip("hitung", "-w", workbook_path, now=JAN_2026)
    assert "tidak dapat dibaca sebagai tanggal" not in hitung.stderr
    assert "Gagal" not in hitung.stderr
    start = lkjip("step", "start", "1", "-w", workbook_path, now=JAN_2026)
    assert start.returncode == 0, start.stderr


def test_bad_pengaturan_values_name_the_visible_label_and_the_cell(workbook_path: Path) -> None:
    _set_profil(workbook_path, tahun=1990, renstra_periode="2025 sampai 2029")
    run = lkjip("periksa", "-w", workbook_path, now=JAN_2026)
    assert run.returncode == 2
    out = " ".join((run.stdout + run.stderr).split())
    with open_workbook(workbook_path) as gw:
        tahun, renstra = _profil_row(gw, "tahun"), _profil_row(gw, "renstra_periode")
    assert f"sel B{tahun}: Tahun kinerja (tahun): nilai terlalu kecil." in out
    assert f"sel B{renstra}: Periode Renstra (renstra_periode): nilai tidak sesuai" in out
    assert "Input should" not in out and "String should" not in out


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_beranda_reads_a_text_deadline_as_python_does(workbook_path: Path, tmp_path: Path) -> None:
    for i, text in enumerate(["20 Februari 2026", "20-2-2026", "31/02/2026"]):
        _type_date(workbook_path, "batas_penyampaian", text)
        with open_workbook(workbook_path) as gw:
            due = gw.profile().due_date()
        values = openpyxl.load_workbook(recalc(workbook_path, tmp_path / str(i)), data_only=True)
        assert values[S.BERANDA]["I29"].value.date() == due, text
    assert due == dt.date(2026, 2, 28)  # the unreadable one: the default, in both


def _persiapan(gw: Any, key: str) -> Any:
    """The first problem of one check of the one readiness list (None when it is met)."""
    from lkjip_xl.actions import readiness

    items, _ = readiness.unmet(gw)
    return next((u.problems[0] for u in items if u.check.key == key), None)


# --------------------------------------------------------------------------------------------
# 4. a report year whose deadline has passed


def test_passed_deadline_is_a_persiapan_item_and_a_periksa_warning(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:  # restores the suite's clock (conftest) afterwards
        m.setenv("LKJIP_SEKARANG", LATE)
        with open_workbook(workbook_path) as gw:
            item = _persiapan(gw, "batas")
            tahun = _profil_row(gw, "tahun")
    assert item is not None and (item.sheet, item.cell) == (S.PENGATURAN, f"B{tahun}")
    assert "tahun 2025 (28 Februari 2026) sudah lewat" in item.pesan
    run = lkjip("periksa", "-w", workbook_path, "--json", now=LATE)
    warnings = json.loads(run.stdout)["peringatan"]
    assert any("sudah lewat" in w["pesan"] and w["cell"] == f"B{tahun}" for w in warnings)
    before = lkjip("periksa", "-w", workbook_path, "--json", now=JAN_2026)
    assert not any("sudah lewat" in w["pesan"] for w in json.loads(before.stdout)["peringatan"])


def test_step_start_1_after_the_deadline_asks_for_paksa(workbook_path: Path) -> None:
    from lkjip_xl.journal import Journal
    from lkjip_xl.workspace import Workspace

    refused = lkjip("step", "start", "1", "-w", workbook_path, now=LATE)
    assert refused.returncode == 2
    assert "sudah lewat" in refused.stderr and "--paksa" in refused.stderr
    assert not Workspace(workbook_path).journal.exists()  # nothing recorded
    # Recording a start that happened before the deadline needs no confirmation.
    typed = lkjip("step", "start", "1", "--waktu", "05/01/2026 08.00", "-w", workbook_path)
    assert typed.returncode == 0, typed.stderr
    assert lkjip("step", "undo", "--alasan", "uji", "-w", workbook_path).returncode == 0
    forced = lkjip("step", "start", "1", "--paksa", "-w", workbook_path, now=LATE)
    assert forced.returncode == 0, forced.stderr
    (event,) = [
        e for e in Journal(Workspace(workbook_path).journal).events() if e.get("lewat_batas")
    ]
    assert event["lewat_batas"] == "2026-02-28" and event["paksa"] is False
    with open_workbook(workbook_path) as gw:
        assert "setelah batas penyampaian" in gw.read_rows(S.TAHAPAN_T)[0]["catatan"]
        assert "dikonfirmasi" in gw.read_rows(S.LOG_T)[-1]["rincian"]


def test_ribbon_mulai_langkah_1_after_the_deadline_is_a_yes_no_question(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fake_excel import ANSWERS, MESSAGES, load_book, xw_book

    from lkjip_xl.excel.ribbon import run_control

    monkeypatch.setenv("LKJIP_SEKARANG", LATE)
    fake = load_book(workbook_path)
    book = xw_book(fake)
    MESSAGES.clear()
    ANSWERS[:] = [7]  # No: nothing happens
    assert run_control(book, "s1_mulai") is None
    ((question, _title, style),) = MESSAGES
    assert "Tetap mulai Langkah 1 untuk LKjIP tahun 2025?" in question
    assert style & 0xF == 2  # MB_YESNO in the double's win32con (0 OK, 1 OK/Cancel, 2 Yes/No)
    from lkjip_xl.workbook.xlwings_door import XlwingsGateway

    assert XlwingsGateway(book).read_rows(S.TAHAPAN_T)[0]["status"] == "Belum mulai"
    MESSAGES.clear()
    ANSWERS[:] = [6]  # Yes
    result = run_control(book, "s1_mulai")
    assert result is not None and result.pesan.startswith("Langkah 1 ")
    assert len(MESSAGES) == 2
    assert XlwingsGateway(book).read_rows(S.TAHAPAN_T)[0]["status"] == "Berjalan"


def test_live_book_headers_follow_a_year_typed_in_excel(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fake_excel import load_book, xw_book

    from lkjip_xl.excel.ribbon import run_control

    monkeypatch.setenv("LKJIP_SEKARANG", "2027-01-05T08:00:00+07:00")
    fake = load_book(workbook_path)
    with open_workbook(workbook_path) as gw:
        row = _profil_row(gw, "tahun")
    fake.data[S.PENGATURAN].cell(row, 2).value = 2026.0  # typed in Excel
    assert run_control(xw_book(fake), "s1_mulai") is not None  # any button that writes
    assert fake.data[S.FORMAT_DATA].cell(4, 11).value == "Realisasi 2025"
    assert fake.data[S.FORMAT_DATA].cell(4, 12).value == "Realisasi 2024"
    headers = {n: d.right_header for n, d in fake.data.items() if n != S.XLWINGS_CONF}
    assert set(headers.values()) == {"LKjIP Kecamatan Wonoasih 2026"}


# --------------------------------------------------------------------------------------------
# 5. the rule itself, targets, and names the user can see


def test_rule_covers_every_setting_topic_and_column_once() -> None:
    from lkjip_xl.domain.narasi import TOPICS

    profil = [k for r in R.RULES if r.table == S.PROFIL.name for k in r.keys]
    assert sorted(profil) == sorted(PROFILE_KEYS)
    narasi = [k for r in R.RULES if r.table == S.NARASI_T.name for k in r.keys]
    assert sorted(narasi) == sorted(t.key for t in TOPICS)
    for table in (S.FORMAT, S.ANGGARAN_T):
        cols = [c for r in R.RULES if r.table == table.name for c in r.columns]
        assert sorted(cols) == sorted(c.key for c in table.columns), table.name
    assert {"kesimpulan", "serapan_anggaran", "tindak_lanjut_skm", "langkah_perbaikan"} <= set(
        R.NARASI_EMPTY
    )
    assert all(k.startswith("reviu_") for k in R.REVIU_KEYS) and len(R.REVIU_KEYS) == 6
    whole = {r.table for r in R.RULES if r.table and not (r.columns or r.keys)}
    assert whole >= {S.KIRIMAN_T.name, S.SKM_T.name, S.IKM_OLAHAN_T.name, S.SAKIP_T.name}


def test_readme_lists_the_new_year_rule_by_visible_labels() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert R.markdown() in readme
    guide = readme.split("## Developer guide")[0]
    for key in PROFILE_KEYS:  # the Kunci column is hidden: the guide names rows by label
        assert f"`{key}`" not in guide, key
    assert "`tahun`" not in guide and "`tahun` + 1" not in guide


def test_target_differing_from_the_renstra_year_is_a_warning_per_indicator(demo: Path) -> None:
    assert lkjip("tahun-baru", "--workbook", demo).returncode == 0
    new = demo.with_name("LKjIP_Wonoasih_2026.xlsm")
    with open_workbook(new, write=True) as gw:
        rows = gw.read_rows(S.FORMAT)
        rows[0]["target"], rows[1]["target"] = 80, None
        gw.write_rows(S.FORMAT, rows)
    with open_workbook(new) as gw:
        (warning,) = year_checks.target_not_from_renstra(gw)
        item = _persiapan(gw, "format")
    assert (warning.sheet, warning.cell) == (S.FORMAT_DATA, f"F{rows[0]['_row']}")
    assert "Target Renstra Tahun ke-2" in warning.pesan and rows[0]["kode"] in warning.pesan
    assert item is not None and item.cell == f"F{rows[1]['_row']}"  # the empty target
    # Without a Renstra period covering the year, tahun-baru empties the targets instead.
    _set_profil(new, renstra_periode="2020-2024")
    with open_workbook(new) as gw:
        (period,) = year_checks.target_not_from_renstra(gw)
    assert period.sheet == S.PENGATURAN and "Periode Renstra (2020-2024)" in period.pesan


def test_budget_item_points_at_the_cells_to_fill(workbook_path: Path) -> None:
    with open_workbook(workbook_path, write=True) as gw:
        gw.write_rows(S.ANGGARAN_T, [{"nama": f"Program {i}"} for i in range(4)])
    with open_workbook(workbook_path) as gw:
        item = _persiapan(gw, "anggaran")
    assert item is not None and (item.sheet, item.cell) == (S.ANGGARAN, "D5:E8")


def test_journal_event_names_are_those_the_writers_use() -> None:
    from lkjip_xl.actions.report import EV_ARSIP
    from lkjip_xl.forms.collect import EV_FORM

    assert (year_checks.EV_FORM, year_checks.EV_ARCHIVE) == (EV_FORM, EV_ARSIP)
    assert {c.key for c in year_checks.CHECKS} == {
        "batas_lewat",
        "target_renstra",
        "tahun_belum_selesai",
        "dari_tahun_belum_selesai",
    }
