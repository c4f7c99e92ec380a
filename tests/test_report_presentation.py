"""Issue 20, item 4 "Presentation": read back from the demo's final LKjIP and its PK."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from lkjip_xl.domain.kinerja import group_by_sasaran


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("presentasi") / "hasil"
    run = subprocess.run(["lkjip", "demo", "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return out / "keluaran"


def _final(out: Path) -> Any:
    return docx.Document(str(sorted(out.glob("LKjIP_*_v*.docx"))[-1]))


def _sasaran_column(table: Any) -> list[tuple[bool, str]]:
    """(starts a merged block, text) of the Sasaran cell of every body row."""
    j = [c.text for c in table.rows[0].cells].index("Sasaran")
    out = []
    for row in table.rows[1:]:
        tc = row._tr.xpath("./w:tc")[j]
        vm = tc.xpath("./w:tcPr/w:vMerge")
        starts = not vm or vm[0].get(qn("w:val")) == "restart"
        out.append((starts, "".join(tc.itertext()).strip()))
    return out


def _sasaran_tables(document: Any) -> list[Any]:
    return [t for t in document.tables if "Sasaran" in [c.text for c in t.rows[0].cells]]


def test_group_by_sasaran_keeps_first_appearance_order_and_ignores_case() -> None:
    items = [("A", 1), ("B", 2), ("a", 3), ("C", 4), ("b", 5)]
    assert group_by_sasaran(items, lambda x: x[0]) == [
        ("A", 1),
        ("a", 3),
        ("B", 2),
        ("b", 5),
        ("C", 4),
    ]


def test_pk_and_iku_tables_have_one_merged_block_per_sasaran(demo: Path) -> None:
    # the demo's Format Data lists sasaran 1, 2, 1, 1, 3, …: not contiguous
    for document in (_final(demo), docx.Document(str(next(demo.glob("PK_*_v1.docx"))))):
        tables = _sasaran_tables(document)
        assert tables
        for table in tables:
            column = _sasaran_column(table)
            blocks = [text for starts, text in column if starts]
            assert all(blocks), column  # every block starts with the sasaran's name
            assert len(blocks) == len(set(blocks)), blocks  # no sasaran in two blocks
    final = _final(demo)
    headers = [[c.text for c in t.rows[0].cells] for t in _sasaran_tables(final)]
    assert ["No", "Sasaran", "Indikator Kinerja", "Target", "Satuan"] in headers  # Tabel PK
    assert any("Definisi/Formula" in h for h in headers)  # the IKU table
    pk = next(t for t in _sasaran_tables(final) if "Target" in t.rows[0].cells[3].text)
    assert [r.cells[0].text for r in pk.rows[1:]] == [
        str(k) for k in range(1, len(pk.rows))
    ]  # numbered in table order


def test_iku_table_lists_only_indicators_flagged_iku(demo: Path) -> None:
    final = _final(demo)
    iku = next(t for t in _sasaran_tables(final) if "Definisi/Formula" in t.rows[0].cells[3].text)
    names = [r.cells[2].text for r in iku.rows[1:]]
    assert "Indeks Kepuasan Masyarakat (IKM)" in names and "Nilai SAKIP Kecamatan" in names
    assert not [n for n in names if "PBB" in n]  # the kelurahan indicators are flagged Tidak
    text = "\n".join(p.text for p in final.paragraphs)
    assert "memuat 6 indikator kinerja lain yang tidak ditetapkan sebagai IKU" in text
    # they are still in the Perjanjian Kinerja
    pk = next(t for t in _sasaran_tables(final) if "Target" in t.rows[0].cells[3].text)
    assert len([r for r in pk.rows[1:] if "PBB" in r.cells[2].text]) == 6


def test_workbook_without_the_iku_column_treats_every_indicator_as_iku(
    workbook_path: Path,
) -> None:
    """A workbook built before the IKU column: read as today (all IKU), not refused."""
    import openpyxl
    from test_report_docx import INDICATORS, fill_workbook, make, table_with

    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.cells import col_letter

    fill_workbook(workbook_path)
    wb = openpyxl.load_workbook(workbook_path, keep_vba=True)
    ws = wb[S.FORMAT_DATA]
    col = S.FORMAT.col_index("iku")
    for row in ws.iter_rows(min_row=S.FORMAT.header_row, min_col=col, max_col=col):
        for cell in row:
            cell.value = None
    table = ws.tables[S.FORMAT.name]
    start, end = table.ref.split(":")
    table.ref = f"{start}:{col_letter(col - 1)}{''.join(c for c in end if c.isdigit())}"
    table.autoFilter.ref = table.ref
    del table.tableColumns[-1]
    wb.save(workbook_path)

    doc = docx.Document(str(make(workbook_path)))
    iku = table_with(doc, "Definisi/Formula")
    assert sorted(r.cells[2].text for r in iku.rows[1:]) == sorted(
        i["indikator"] for i in INDICATORS
    )
