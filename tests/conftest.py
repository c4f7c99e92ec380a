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


# Page numbers of the Daftar Isi are computed with LibreOffice after every report (seconds
# each); tests that check them unset this (see tests/test_report_pages.py).
os.environ.setdefault("LKJIP_TANPA_HALAMAN", "1")
