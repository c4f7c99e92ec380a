"""The committed Word templates are exactly what ``python -m lkjip_xl.report.templates`` writes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lkjip_xl.report.templates import LETTER_TEMPLATE, REPORT_TEMPLATE, TEMPLATE_DIR


def parts(path: Path) -> dict[str, bytes]:
    """Every XML part except the core properties (timestamps live there)."""
    with zipfile.ZipFile(path) as z:
        return {
            n: z.read(n)
            for n in z.namelist()
            if n.endswith((".xml", ".rels")) and n != "docProps/core.xml"
        }


@pytest.mark.parametrize("name", [REPORT_TEMPLATE, LETTER_TEMPLATE])
def test_committed_template_matches_the_generator(name: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lkjip_xl.report.templates", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    committed, fresh = parts(TEMPLATE_DIR / name), parts(tmp_path / name)
    assert sorted(committed) == sorted(fresh)
    for part in committed:
        assert committed[part] == fresh[part], (
            f"{part} of templates/{name} differs: run 'python -m lkjip_xl.report.templates'"
        )


def test_report_template_keeps_tags_in_single_runs() -> None:
    from docx import Document

    doc = Document(str(TEMPLATE_DIR / REPORT_TEMPLATE))
    for p in doc.paragraphs:
        for run in p.runs:
            if "{{" in run.text or "{%" in run.text:
                assert run.text.count("{") == run.text.count("}"), run.text
    assert '<w:updateFields w:val="true"/>' in (
        zipfile.ZipFile(TEMPLATE_DIR / REPORT_TEMPLATE).read("word/settings.xml").decode()
    )
