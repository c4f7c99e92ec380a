"""Worksheet functions call the engine and explain bad input in Indonesian."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lkjip_xl.domain.capaian import capaian
from lkjip_xl.domain.ikm import krejcie_morgan
from lkjip_xl.excel import udfs

UDFS = ("LKJIP_IKM", "LKJIP_MUTU", "LKJIP_CAPAIAN", "LKJIP_PREDIKAT_SAKIP", "LKJIP_SAMPEL")


def test_udfs_are_decorated_for_xlwings() -> None:
    # xw.func only registers on Windows; decorate a copy with xlwings' Windows decorators.
    from lkjip_xl.workbook.xlwings_vba import _udf_module_with_metadata, _windows_udf_runtime

    with _windows_udf_runtime() as runtime:
        module = _udf_module_with_metadata(runtime)
    for name in UDFS:
        info = getattr(module, name).__xlfunc__
        assert info["name"] == name and getattr(udfs, name).__doc__
        assert all(a["options"].get("err_to_str") for a in info["args"]), name


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


# --------------------------------------------------------------------------------------------
# Arguments as Excel passes them, through xlwings' own UDF runtime (xlwings.udfs.call_udf)

N_A = -2146826246  # what pywin32 hands over for #N/A
MISSING = -2147352572  # an optional argument left out


@pytest.fixture(scope="module")
def call() -> Any:
    """``call(name, *args)`` as Excel → VBA wrapper → xlwings.udfs.call_udf → our function."""
    import sys
    import types

    from fake_excel import load_xlwings_udfs

    from lkjip_xl.workbook.xlwings_vba import _udf_module_with_metadata

    runtime = load_xlwings_udfs()
    module = _udf_module_with_metadata(runtime)
    runtime.udf_modules["lkjip_xl.excel.udfs"] = {
        "filename": "udfs.py",
        "filetime": None,
        "module": module,
    }
    sys.modules.setdefault("xlwings.com_server", types.SimpleNamespace(loop=None))  # type: ignore[arg-type]

    import xlwings as xw
    from fake_excel import load_xlwindows

    added = None
    if "excel" not in xw.engines.engines_by_name:  # as xlwings registers it on Windows
        added = xw.Engine(impl=load_xlwindows().engine)
        xw.engines.add(added)

    def run(name: str, *args: Any) -> Any:
        result = runtime.call_udf("lkjip_xl.excel.udfs", name, args)
        while isinstance(result, list) and len(result) == 1:
            result = result[0]
        return result

    yield run
    if added is not None:
        xw.engines.engines.remove(added)
        del xw.engines.engines_by_name["excel"]


def _cells(values: list[list[Any]]) -> Any:
    """A worksheet range (COM object) holding ``values``, as Excel passes a reference."""
    from pathlib import Path

    from fake_excel import FakeExcel, FakeRange, FakeWorkbook, FakeWorksheet, SheetData

    data = SheetData("Data")
    for i, row in enumerate(values, start=1):
        for j, v in enumerate(row, start=1):
            data.cell(i, j).value = v
    book = FakeWorkbook(FakeExcel(), Path("C:/x/LKjIP.xlsm"), [data])
    sheet = FakeWorksheet(book, data)
    return FakeRange(sheet, 1, 1, len(values), len(values[0]))


def test_numbers_arrive_as_floats(call: Any) -> None:
    assert call("LKJIP_MUTU", 80.0, 2017.0) == "B"  # =LKJIP_MUTU(80;2017)
    assert call("LKJIP_MUTU", _cells([[81.26]]), _cells([[2004.0]])) == "A"
    assert call("LKJIP_SAMPEL", 1000.0) == 278
    assert call("LKJIP_CAPAIAN", 80.0, 86.4, MISSING, MISSING) == pytest.approx(108.0)
    assert call("LKJIP_MUTU", "76,61", MISSING) == "B"  # numeric text, Indonesian comma


def test_blank_cells_name_the_argument(call: Any) -> None:
    assert call("LKJIP_MUTU", _cells([[None]]), MISSING) == (
        "#LKJIP: Argumen konversi kosong: isi dengan angka."
    )
    assert call("LKJIP_MUTU", 80.0, _cells([[None]])) == "B"  # blank option = default
    assert "Argumen nilai kosong" in call("LKJIP_PREDIKAT_SAKIP", _cells([[None]]))


def test_dates_and_error_values_name_the_argument(call: Any) -> None:
    when = _cells([[dt.datetime(2026, 1, 5)]])
    assert call("LKJIP_SAMPEL", when) == "#LKJIP: Argumen populasi berisi tanggal, bukan angka."
    assert call("LKJIP_MUTU", _cells([[N_A]]), MISSING) == (
        "#LKJIP: Argumen konversi berisi galat Excel #N/A: perbaiki sel sumbernya."
    )
    assert "Argumen target berisi galat Excel #N/A" in call(
        "LKJIP_CAPAIAN", _cells([[N_A]]), 5.0, MISSING, MISSING
    )
    assert "Argumen populasi harus bilangan bulat" in call("LKJIP_SAMPEL", 100.5)


def test_an_error_value_in_an_answer_block_is_not_counted_as_blank(call: Any) -> None:
    block = [[4.0] * 9, [3.0] * 9, [N_A, *([3.0] * 8)]]
    out = call("LKJIP_IKM", _cells(block), MISSING, MISSING)
    assert out.startswith("#LKJIP: Argumen values berisi galat Excel #N/A di baris 3, kolom 1")
    block[2][0] = None
    expected = ((3.5 + 8 * (10 / 3)) / 9) * 25
    assert call("LKJIP_IKM", _cells(block), MISSING, 2017.0) == pytest.approx(expected)


def test_realisasi_follows_the_one_rule() -> None:
    from lkjip_xl.excel.udfs import LKJIP_REALISASI

    assert LKJIP_REALISASI("IKM", 80, 81.02) == 81.02  # SKM result over the form
    assert LKJIP_REALISASI("Lainnya", 80, 81.02) == 80  # no SKM source for other indicators
    assert LKJIP_REALISASI("SAKIP", 60, 68.2, 70, None) == 68.2  # a correction needs a reason
    assert LKJIP_REALISASI("sakip", 60, 68.2, 70, "LHE direvisi") == 70
    # the year's figure from the quarters: over the unit's form, under the SKM/LHE result
    assert LKJIP_REALISASI("Lainnya", 80, None, None, None, 84) == 84
    assert LKJIP_REALISASI("IKM", 80, 81.02, None, None, 84) == 81.02
    assert LKJIP_REALISASI("IKM", None, None).startswith("#LKJIP: belum ada realisasi")
    assert LKJIP_REALISASI("IKM", "#N/A", None).startswith("#LKJIP: Argumen kiriman")
