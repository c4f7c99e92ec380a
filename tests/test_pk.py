"""Perjanjian Kinerja (issue 22): ``lkjip pk`` from a workbook to Word, perubahan and archive,
the signing date in the Log, Persiapan's note on a late PK, and the lampiran table the LKjIP
shares."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from workbook_data import set_profile_value

from lkjip_xl.actions import readiness
from lkjip_xl.demo import data
from lkjip_xl.domain.pk import add_month, batas_pk, terlambat
from lkjip_xl.files import sha256_file
from lkjip_xl.journal import Journal
from lkjip_xl.report.pk import PK_TEMPLATE
from lkjip_xl.report.templates import REPORT_TEMPLATE, TEMPLATE_DIR
from lkjip_xl.workbook import persiapan as P
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import profile_to_tables

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lkjip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        ["lkjip", *map(str, args)], capture_output=True, text=True, env=env, timeout=300
    )


def as_json(*args: str | Path) -> dict[str, Any]:
    done = lkjip(*args, "--json")
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def fill(path: Path, *, dpa: dt.datetime | None = dt.datetime(2025, 1, 3)) -> None:
    """The demo's officials (with a Kasi/Lurah row per unit), indicators and budget."""
    profile = data.demo_profile(2025)
    tables = profile_to_tables(profile)
    with open_workbook(path, write=True) as gw:
        gw.write_rows(S.PEJABAT, tables[S.PEJABAT.name])
        gw.write_rows(S.UNIT, tables[S.UNIT.name])
        gw.write_rows(S.FORMAT, data.indicators(profile))
        gw.write_rows(S.ANGGARAN_T, data.budget())
        set_profile_value(gw, "nama_kepala_daerah", "Ir. Hartono Wibisono, M.T.")
        if dpa is not None:
            set_profile_value(gw, "tanggal_dpa", dpa)


def texts(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def lampiran_tables(path: Path) -> list[list[list[str]]]:
    """Every sasaran/indikator/target table of the document, as rows of cell texts."""
    out = []
    for table in Document(str(path)).tables:
        rows = [[c.text.strip() for c in r.cells] for r in table.rows]
        if rows and rows[0][:3] == ["No", "Sasaran", "Indikator Kinerja"]:
            out.append(rows)
    return out


def log_rows(path: Path) -> list[dict[str, Any]]:
    with open_workbook(path) as gw:
        return gw.read_rows(S.LOG_T)


def test_pk_writes_camat_and_each_unit_head_with_lampiran(
    workbook_path: Path, tmp_path: Path
) -> None:
    fill(workbook_path)
    out = tmp_path / "hasil"
    result = as_json("pk", "-w", workbook_path, "--out", out, "--tanggal", "2025-01-17")
    path = Path(result["files"][0])
    assert path == out / "PK_Wonoasih_2025_v1.docx" and path.exists()
    assert result["data"]["versi"] == 1 and result["data"]["perubahan"] is False
    agreements = result["data"]["perjanjian"]
    # the Camat with the Wali Kota first, then every Kasi and Lurah whose unit has indicators
    assert agreements[0]["pihak_pertama"] == "Camat Wonoasih"
    assert agreements[0]["pihak_kedua"] == "Wali Kota Probolinggo"
    assert len(agreements[0]["indikator"]) == len(data.indicators(data.demo_profile(2025)))
    heads = {a["pihak_pertama"]: a for a in agreements[1:]}
    assert heads["Lurah Pakistaji"]["pihak_kedua"] == "Camat Wonoasih"
    assert heads["Lurah Pakistaji"]["indikator"] == ["KEL-03"]
    assert set(heads["Kasi Pelayanan Umum"]["indikator"]) == {"IKU-01", "IKU-03", "IKU-04"}
    assert all(a["program"] == 0 for a in agreements[1:]) and agreements[0]["program"] == 5
    # the Sekcam has no indicator in the demo: said, not invented
    assert any("Sekretaris Kecamatan" in w for w in result["peringatan"])

    text = texts(path)
    assert text.count("PERJANJIAN KINERJA TAHUN 2025") == 2 * len(agreements)
    assert "Ir. Hartono Wibisono, M.T." in text and "Drs. Agus Setiawan, M.Si." in text
    assert "NIP. 19730512 199303 1 004" in text  # the Camat's NIP, grouped
    assert "Probolinggo, 17 Januari 2025" in text
    assert "Ahmad Fauzi, S.Sos." in text  # Lurah Pakistaji from tblPejabat
    tables = lampiran_tables(path)
    assert len(tables) == len(agreements)
    camat_rows = [r for r in tables[0][1:] if r[0]]
    # one block per sasaran: the IKM's sasaran (pelayanan) keeps its later indicator with it;
    # Nilai SAKIP (akuntabilitas, listed second in Format Data) follows the whole block
    names = [r[2] for r in camat_rows]
    assert names[:2] == [
        "Indeks Kepuasan Masyarakat (IKM)",
        "Persentase layanan administrasi yang selesai tepat waktu",
    ]
    assert names.index("Nilai SAKIP Kecamatan") > 1
    assert camat_rows[0][3:5] == ["85,00", "Nilai"]  # decimals as the LKjIP shows the row
    pakistaji = next(t for t in tables[1:] if any("Pakistaji" in r[2] for r in t[1:]))
    assert len([r for r in pakistaji[1:] if r[0]]) == 1
    total = sum(r["pagu"] for r in data.budget() if r.get("tingkat") == "Program")
    assert f"{total:,.0f}".replace(",", ".") in text

    log = [r for r in log_rows(workbook_path) if r["aksi"] == "Buat Perjanjian Kinerja"]
    assert len(log) == 1 and "17/01/2025" in log[0]["rincian"]
    events = Journal(workbook_path.parent / "jurnal" / "LKjIP_Wonoasih.jsonl").events("pk_dibuat")
    assert events[-1]["tanggal"] == "2025-01-17" and events[-1]["sha256"] == sha256_file(path)


def test_pk_perubahan_needs_a_reason_and_keeps_the_earlier_version(
    workbook_path: Path, tmp_path: Path
) -> None:
    fill(workbook_path)
    out = tmp_path / "hasil"
    first_change = lkjip("pk", "-w", workbook_path, "--perubahan", "--alasan", "APBD-P")
    assert first_change.returncode == 2 and "Belum ada Perjanjian Kinerja" in first_change.stderr
    first = as_json("pk", "-w", workbook_path, "--out", out, "--tanggal", "2025-01-17")
    v1 = Path(first["files"][0])
    digest = sha256_file(v1)
    no_reason = lkjip("pk", "-w", workbook_path, "--out", out, "--perubahan")
    assert no_reason.returncode == 2 and "Alasan wajib diisi" in no_reason.stderr
    changed = as_json(
        "pk",
        "-w",
        workbook_path,
        "--out",
        out,
        "--perubahan",
        "--alasan",
        "pergantian Camat",
        "--tanggal",
        "2025-09-01",
    )
    v2 = Path(changed["files"][0])
    assert changed["data"]["versi"] == 2 and v2.name == "PK_Wonoasih_2025_v2.docx"
    text = texts(v2)
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025" in text
    assert "versi 1 karena pergantian Camat." in text
    archived = Path(changed["data"]["arsip"])
    assert archived == workbook_path.parent / "arsip" / "2025" / "Perjanjian_Kinerja" / v1.name
    assert sha256_file(archived) == digest and v1.exists()  # nothing lost
    assert "PERUBAHAN" not in texts(archived)
    rincian = [r["rincian"] for r in log_rows(workbook_path) if r["aksi"].endswith("Kinerja")]
    assert "pergantian Camat" in rincian[-1] and "01/09/2025" in rincian[-1]


def test_pk_without_indicators_is_refused_naming_format_data(workbook_path: Path) -> None:
    done = lkjip("pk", "-w", workbook_path)
    assert done.returncode == 2
    assert "Format Data belum berisi indikator" in done.stderr
    assert not (workbook_path.parent / "keluaran").exists() or not list(
        (workbook_path.parent / "keluaran").glob("PK_*")
    )


@pytest.mark.parametrize(
    ("signed", "late"),
    # today is 20 January 2026 (conftest): no PK in this workbook is no note after the year
    [(dt.date(2025, 2, 3), False), (dt.date(2025, 2, 4), True), (None, False)],
)
def test_persiapan_notes_a_pk_signed_over_a_month_after_the_dpa(
    workbook_path: Path, signed: dt.date | None, late: bool
) -> None:
    fill(workbook_path)
    if signed is not None:
        as_json("pk", "-w", workbook_path, "--tanggal", signed.isoformat())
    with open_workbook(workbook_path) as gw:
        unmet = {u.check.key: u for u in P.evaluate(readiness.gather(gw))}
    assert ("pk_dpa" in unmet) is late
    if late:
        problem = unmet["pk_dpa"].problems[0]
        assert problem.sheet == S.PENGATURAN and problem.cell.startswith("B")
        assert "03/01/2025" in problem.pesan and "03/02/2025" in problem.pesan
        assert unmet["pk_dpa"].check.blocks_final is False  # a note, never a refusal


def test_no_pk_a_month_after_the_dpa_is_a_reminder_during_the_year(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(workbook_path)
    monkeypatch.setenv("LKJIP_SEKARANG", "2025-02-04T09:00:00+07:00")
    with open_workbook(workbook_path) as gw:
        unmet = {u.check.key: u for u in P.evaluate(readiness.gather(gw))}
    assert "belum dibuat" in unmet["pk_dpa"].problems[0].pesan
    monkeypatch.setenv("LKJIP_SEKARANG", "2025-02-03T09:00:00+07:00")
    with open_workbook(workbook_path) as gw:
        assert "pk_dpa" not in {u.check.key for u in P.evaluate(readiness.gather(gw))}


def test_no_dpa_date_no_note(workbook_path: Path) -> None:
    fill(workbook_path, dpa=None)
    as_json("pk", "-w", workbook_path, "--tanggal", "2025-12-01")
    with open_workbook(workbook_path) as gw:
        assert "pk_dpa" not in {u.check.key for u in P.evaluate(readiness.gather(gw))}


def test_one_month_after_the_dpa() -> None:
    assert add_month(dt.date(2025, 1, 31)) == dt.date(2025, 2, 28)
    assert add_month(dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)
    assert add_month(dt.date(2025, 12, 15)) == dt.date(2026, 1, 15)
    assert batas_pk(dt.date(2025, 1, 3)) == dt.date(2025, 2, 3)
    assert not terlambat(dt.date(2025, 1, 3), dt.date(2025, 2, 3))
    assert terlambat(dt.date(2025, 1, 3), dt.date(2025, 2, 4))
    assert not terlambat(None, dt.date(2025, 12, 1))


def _table_xml(path: Path, first_header: str, nth: int = 0) -> bytes:
    """The XML of the ``nth`` table whose header row starts with ``first_header`` cells."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    found = []
    for tbl in root.iter(f"{W}tbl"):
        row = tbl.find(f"{W}tr")
        cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in row.findall(f"{W}tc")]
        if cells[: len(first_header.split("|"))] == first_header.split("|"):
            found.append(etree.tostring(tbl))
    return found[nth]


def test_lkjip_lampiran_is_the_same_table_as_the_pk() -> None:
    header = "No|Sasaran|Indikator Kinerja|Target|Satuan|Penanggung Jawab"
    lkjip_table = _table_xml(TEMPLATE_DIR / REPORT_TEMPLATE, header)
    pk_table = _table_xml(TEMPLATE_DIR / PK_TEMPLATE, header)
    # same builder: identical but for the loop variable
    assert lkjip_table.replace(b"lampiran_rows", b"pk.rows") == pk_table


def test_committed_pk_template_matches_the_generator(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lkjip_xl.report.pk", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with (
        zipfile.ZipFile(TEMPLATE_DIR / PK_TEMPLATE) as a,
        zipfile.ZipFile(tmp_path / PK_TEMPLATE) as b,
    ):
        names = [n for n in a.namelist() if n != "docProps/core.xml"]
        assert names == [n for n in b.namelist() if n != "docProps/core.xml"]
        for n in names:
            assert a.read(n) == b.read(n), f"{n}: run 'python -m lkjip_xl.report.pk'"
