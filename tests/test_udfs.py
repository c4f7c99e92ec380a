"""Worksheet functions call the engine and explain bad input in Indonesian."""

from __future__ import annotations

import inspect
import re

import pytest

from lkjip_xl.domain.capaian import capaian
from lkjip_xl.domain.ikm import krejcie_morgan
from lkjip_xl.excel import udfs

UDFS = ("LKJIP_IKM", "LKJIP_MUTU", "LKJIP_CAPAIAN", "LKJIP_PREDIKAT_SAKIP", "LKJIP_SAMPEL")


def test_udfs_are_decorated_for_xlwings() -> None:
    # xw.func only registers on Windows (pywin32); here the decorator is checked in the source.
    source = inspect.getsource(udfs)
    for name in UDFS:
        assert re.search(rf"@xw\.func\n(@xw\.arg\([^)]*\)\n)*def {name}\(", source), name
        assert getattr(udfs, name).__doc__


def test_ikm_from_a_block_with_or_without_header() -> None:
    answers = [[4] * 9, [3] * 9, [None, *([3] * 8)]]
    plain = udfs.LKJIP_IKM(answers)
    with_header = udfs.LKJIP_IKM([[f"U{i}" for i in range(1, 10)], *answers])
    # U1: (4+3)/2; U2..U9: (4+3+3)/3
    expected = ((3.5 + 8 * (10 / 3)) / 9) * 25
    assert plain == pytest.approx(expected, abs=1e-12)
    assert with_header == pytest.approx(expected, abs=1e-12)
    assert udfs.LKJIP_IKM(answers, "0.111") == pytest.approx((3.5 + 8 * (10 / 3)) * 0.111 * 25)


def test_ikm_bad_block_gives_a_message() -> None:
    assert udfs.LKJIP_IKM([[1, 2, 3]]).startswith("#LKJIP: ")
    assert "tidak sah" in udfs.LKJIP_IKM([[5] * 9])


def test_mutu_sakip_sample_and_capaian() -> None:
    assert udfs.LKJIP_MUTU(76.6044) == "C"
    assert udfs.LKJIP_MUTU(76.6056) == "B"
    assert udfs.LKJIP_MUTU(81.26, "2004") == "A"
    assert udfs.LKJIP_MUTU("abc").startswith("#LKJIP: ")
    assert udfs.LKJIP_PREDIKAT_SAKIP(90.005) == "AA"
    assert udfs.LKJIP_PREDIKAT_SAKIP(90.001) == "A"
    assert udfs.LKJIP_SAMPEL(1000) == krejcie_morgan(1000) == 278
    assert udfs.LKJIP_SAMPEL(1000.0) == 278
    assert udfs.LKJIP_SAMPEL(0).startswith("#LKJIP: ")
    assert udfs.LKJIP_CAPAIAN(80, 86.4) == pytest.approx(108.0)
    assert udfs.LKJIP_CAPAIAN(12, 9.5, "Turun") == capaian(12, 9.5, "turun").capaian
    assert udfs.LKJIP_CAPAIAN(12, 9.5, "turun", "rasio") == pytest.approx(12 / 9.5 * 100)
    assert udfs.LKJIP_CAPAIAN(0, 5).startswith("#LKJIP: Target")
