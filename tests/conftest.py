"""Shared fixtures. Add area-specific fixtures in your own test modules, not here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lkjip_xl.workbook.build import build_workbook


@pytest.fixture(scope="session")
def _built_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("built") / "LKjIP_Wonoasih.xlsm")


@pytest.fixture
def workbook_path(_built_workbook: Path, tmp_path: Path) -> Path:
    """A fresh copy of the default (Wonoasih) workbook in its own workspace folder."""
    dest = tmp_path / "kerja" / _built_workbook.name
    dest.parent.mkdir()
    shutil.copy2(_built_workbook, dest)
    return dest


# The shipped default year is 2025, whose LKjIP is due at the end of February 2026: "now" is a
# working day of January 2026 for every test (and every CLI it starts), so no test depends on
# the real date. Tests about a passed deadline set their own time.
os.environ.setdefault("LKJIP_SEKARANG", "2026-01-20T09:00:00+07:00")

# Page numbers of the Daftar Isi are computed with LibreOffice after every report (seconds
# each); tests that check them unset this (see tests/test_report_pages.py).
os.environ.setdefault("LKJIP_TANPA_HALAMAN", "1")
