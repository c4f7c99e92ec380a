"""Findings of the Office-open proxy that once slipped through, pinned at the source.

CI also runs ../shared/tools/ooxml/validate.py on every Office file (scripts/check_office.py);
these tests name the three defects directly so a regression fails close to its cause."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lkjip_xl.report.templates import build_letter_template, build_report_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _settings(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read("word/settings.xml"))


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("tpl")
    return {
        "report": build_report_template(d / "r.docx"),
        "letter": build_letter_template(d / "s.docx"),
    }


def test_letter_asks_word_to_update_nothing(templates: dict[str, Path]) -> None:
    assert _settings(templates["letter"]).find(f"{W}updateFields") is None


@pytest.mark.parametrize("name", ["report", "letter"])
def test_zoom_has_its_required_percent(templates: dict[str, Path], name: str) -> None:
    zoom = _settings(templates[name]).find(f"{W}zoom")
    assert zoom is not None and zoom.get(f"{W}percent") == "100"


@pytest.mark.parametrize("name", ["report", "letter"])
def test_not_in_compatibility_mode(templates: dict[str, Path], name: str) -> None:
    modes = [
        el.get(f"{W}val")
        for el in _settings(templates[name]).iter(f"{W}compatSetting")
        if el.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]


def test_validation_formulas_are_stored_as_excel_writes_them(workbook_path: Path) -> None:
    formulas: list[str] = []
    with zipfile.ZipFile(workbook_path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                root = etree.fromstring(z.read(name))
                formulas += [f.text or "" for f in root.iter(f"{X}formula1", f"{X}formula2")]
    assert any("DaftarUnit" in f for f in formulas)
    assert [f for f in formulas if f.startswith("=")] == []


def test_core_properties_stay_in_their_namespace_after_docxtpl_is_imported(
    tmp_path: Path,
) -> None:
    """docxcompose (via docxtpl) rebinds python-docx's ``cp`` prefix; templates generated in the
    same process (an installed package renders with on-the-spot templates) must still write
    docProps/core.xml in the core-properties namespace."""
    import docxtpl  # noqa: F401  (the import that rebinds the prefix)

    for build in (build_letter_template, build_report_template):
        path = build(tmp_path / f"{build.__name__}.docx")
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode("utf-8")
        assert "officeDocument/2006/custom-properties" not in core
        root = etree.fromstring(core.encode("utf-8"))
        assert (
            root.find(
                "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}revision"
            )
            is not None
        )
