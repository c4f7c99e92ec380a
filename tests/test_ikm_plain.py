"""The pure-Python IKM of answers typed as numbers equals the pandas engine's, to the bit.

*Periksa Isian* is a light click (no pandas): the SKM sheet's answers, when they are numbers
1..4 or blank, are computed by :func:`compute_ikm_plain`; anything else goes through
:func:`compute_ikm` as before. Both are compared here on generated sheets (units typed in
several spellings, blank units, rows without answers, units without answers, every rule)
and on the demo workbook through :func:`ikm_from_workbook`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkjip_xl.domain.ikm import (
    IkmOlahan,
    IkmResult,
    PlainAnswers,
    column_readings,
    combine_ikm,
    compute_ikm,
    compute_ikm_plain,
    unsur_codes,
)
from lkjip_xl.errors import LkjipError

UNIT = "Unit Layanan"
UNITS = ("Kantor Camat", "kantor  camat", " Kantor Camat ", "Kelurahan Wonoasih", "", "  ", None)
ANSWERS = (None, None, 1, 2, 3, 4, 1.0, 4.0)


def _frame(index: list[int], answers: dict[str, list[Any]], units: list[Any]) -> pd.DataFrame:
    """The DataFrame ikm_source builds for the pandas engine."""
    return pd.DataFrame(
        [{UNIT: units[i], **{c: answers[c][i] for c in answers}} for i in range(len(index))],
        index=index,
    )


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        result: IkmResult = call()
    except LkjipError as exc:
        return "error", exc.pesan
    return "ok", result.model_dump()


@st.composite
def sheets(draw: st.DrawFn) -> dict[str, Any]:
    regulasi = draw(st.sampled_from(["2017", "2004"]))
    codes = unsur_codes(regulasi)
    n = draw(st.integers(1, 30))  # the sheet has rows (ikm_source: some answered)
    # a few units answer everything: most examples compute rather than stop on a blank unsur
    full = draw(st.booleans())
    answer = st.sampled_from(ANSWERS[2:] if full else ANSWERS)
    answers = {c: draw(st.lists(answer, min_size=n, max_size=n)) for c in codes}
    # blank units (an error when the row has answers) in a quarter of the sheets
    names = UNITS if draw(st.integers(0, 3)) == 0 else UNITS[:4]
    units = draw(st.lists(st.sampled_from(names), min_size=n, max_size=n))
    return {
        "regulasi": regulasi,
        "index": list(range(6, 6 + n)),
        "answers": answers,
        "units": units,
        "bobot": draw(st.sampled_from(["exact", "0.111"])),
        "gabungan": draw(st.sampled_from(["pooled", "mean"])),
        "populasi": draw(st.one_of(st.none(), st.integers(1, 2000))),
        "with_units": draw(st.booleans()),
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_plain_answers_give_the_pandas_figures_warnings_and_errors(sheet: dict[str, Any]) -> None:
    regulasi, index, answers = sheet["regulasi"], sheet["index"], sheet["answers"]
    units = sheet["units"] if sheet["with_units"] else None
    plain = PlainAnswers.of_rows(
        index, answers, regulasi, units=units, unit_column=UNIT if units is not None else None
    )
    assert plain is not None
    rules = {"regulasi": regulasi, "bobot": sheet["bobot"], "gabungan": sheet["gabungan"]}
    if units is None:
        df = pd.DataFrame(answers, index=index, dtype=object)
        expected = _outcome(lambda: compute_ikm(df, **rules, populasi=sheet["populasi"]))
    else:
        df = _frame(index, answers, units)
        expected = _outcome(
            lambda: compute_ikm(df, **rules, unit_column=UNIT, populasi=sheet["populasi"])
        )
    got = _outcome(lambda: compute_ikm_plain(plain, **rules, populasi=sheet["populasi"]))
    assert got == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets(), st.booleans())
def test_combined_with_typed_figures_the_two_paths_agree(sheet: dict[str, Any], same: bool) -> None:
    regulasi = sheet["regulasi"]
    codes = unsur_codes(regulasi)
    typed = IkmOlahan(
        unit="Kantor Camat" if same else "Kelurahan Kedunggaleng",
        responden=40,
        nrr={c: 3.25 for c in codes},
        sumber="Portal Emas",
        sheet="IKM",
    )
    plain = PlainAnswers.of_rows(
        sheet["index"], sheet["answers"], regulasi, units=sheet["units"], unit_column=UNIT
    )
    assert plain is not None
    df = _frame(sheet["index"], sheet["answers"], sheet["units"])
    rules = {"regulasi": regulasi, "bobot": sheet["bobot"], "gabungan": sheet["gabungan"]}
    expected = _outcome(lambda: combine_ikm(df, [typed], **rules, unit_column=UNIT))
    got = _outcome(lambda: combine_ikm(plain, [typed], **rules, unit_column=UNIT))
    assert got == expected


@pytest.mark.parametrize(
    ("answer", "unit"),
    [
        ("Puas", "Kantor Camat"),
        ("4", "Kantor Camat"),
        (True, "Kantor Camat"),
        (2.5, "Kantor"),
        (0, "Kantor"),
        (3, "Jumlah"),
        (3, "Rata-rata"),
        (3, 7),
    ],
)
def test_anything_but_numbers_1_to_4_goes_to_the_full_intake(answer: object, unit: object) -> None:
    codes = unsur_codes("2017")
    answers: dict[str, list[object]] = {c: [4, answer if c == "U3" else 4] for c in codes}
    assert (
        PlainAnswers.of_rows([6, 7], answers, "2017", units=["Kantor", unit], unit_column=UNIT)
        is None
    )
    # the unsur of the other regulation are not these rows' columns
    plain = {c: [4] for c in codes}
    assert PlainAnswers.of_rows([6], plain, "2004", units=["Kantor"], unit_column=UNIT) is None
    assert PlainAnswers.of_rows([6], plain, "2017", units=["Kantor"], unit_column=UNIT) is not None


def test_a_column_of_numbers_needs_no_reading() -> None:
    assert column_readings([1, None, 4.0, 3]) == ({}, "")
    assert column_readings(["Puas", 4, 4, None])[0] == {"Puas": 3}


def test_the_demo_workbook_gives_the_same_ikm_on_both_paths(tmp_path: Path) -> None:
    from lkjip_xl.actions.ikm_source import ikm_from_workbook
    from lkjip_xl.demo.run import _prepare_workbook
    from lkjip_xl.domain.profile import default_profile
    from lkjip_xl.workbook.gateway import open_workbook

    profile = default_profile()
    path = _prepare_workbook(tmp_path, profile)
    with open_workbook(path) as gw:
        plain = ikm_from_workbook(gw, profile)
    with open_workbook(path) as gw, pytest.MonkeyPatch.context() as mp:
        mp.setattr(PlainAnswers, "of_rows", classmethod(lambda cls, *a, **k: None))
        full = ikm_from_workbook(gw, profile)
    assert plain is not None and full is not None
    assert plain.model_dump() == full.model_dump()
    assert plain.responden > 500 and plain.per_unit


def test_importing_the_ikm_engine_loads_neither_numpy_nor_pandas() -> None:
    code = (
        "import sys\n"
        "import lkjip_xl.domain.ikm as ikm\n"
        "rows = ikm.PlainAnswers.of_rows([6], {f'U{i}': [4] for i in range(1, 10)})\n"
        "ikm.compute_ikm_plain(rows)\n"
        "print(sorted(m for m in ('numpy', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
