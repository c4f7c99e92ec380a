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
