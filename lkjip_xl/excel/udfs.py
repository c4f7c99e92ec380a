"""Worksheet functions (xlwings UDFs) that call the domain engine.

Registered from the ``UDF MODULES`` key of the ``xlwings.conf`` sheet
(``lkjip_xl.excel.udfs``) with the add-in's *Import Functions*. The
workbook's own figures never depend on them (live formulas do the work);
they are there for staff who want the engine's answer in a cell.

A problem with the input gives an Indonesian text starting with ``#LKJIP:``
in the cell instead of an Excel error code.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw

from lkjip_xl.errors import LkjipError

ERROR_PREFIX = "#LKJIP: "


def _error(exc: Exception) -> str:
    text = exc.pesan if isinstance(exc, LkjipError) else str(exc)
    return ERROR_PREFIX + text


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _answers_frame(values: list[list[Any]], regulasi: str) -> Any:
    """A block of answers as a DataFrame: headers U1.. in the first row, or by position."""
    import pandas as pd

    from lkjip_xl.domain.ikm import unsur_codes

    rows = [list(r) for r in values if not all(_blank(v) for v in r)]
    if not rows:
        raise LkjipError("Blok jawaban kosong.")
    first = rows[0]
    if all(isinstance(v, str) and v.strip().upper().startswith("U") for v in first if v):
        return pd.DataFrame(rows[1:], columns=[str(v).strip() for v in first])
    codes = unsur_codes(regulasi)
    if len(first) != len(codes):
        raise LkjipError(
            f"Blok jawaban berisi {len(first)} kolom, seharusnya {len(codes)} (U1–U{len(codes)}); "
            "atau sertakan baris judul U1, U2, … di atasnya."
        )
    return pd.DataFrame(rows, columns=codes)


@xw.func
@xw.arg("values", ndim=2)
def LKJIP_IKM(values: Any, bobot: str = "exact", regulasi: str = "2017") -> Any:
    """IKM (konversi 25–100) dari blok jawaban SKM: satu baris per responden, satu kolom per
    unsur (U1..U9), dengan atau tanpa baris judul. Jawaban kosong tidak dihitung."""
    from lkjip_xl.domain.ikm import compute_ikm

    try:
        frame = _answers_frame(values, str(regulasi))
        return compute_ikm(frame, regulasi=str(regulasi), bobot=str(bobot)).ikm
    except Exception as exc:
        return _error(exc)


@xw.func
def LKJIP_MUTU(konversi: Any, regulasi: str = "2017") -> Any:
    """Mutu pelayanan (A, B, C, D) dari IKM konversi, ditentukan pada nilai dibulatkan 2 desimal."""
    from lkjip_xl.domain.ikm import classify_ikm

    try:
        return classify_ikm(float(konversi), str(regulasi))[0]
    except Exception as exc:
        return _error(exc)


@xw.func
def LKJIP_CAPAIAN(
    target: Any, realisasi: Any, polaritas: str = "Naik", rumus_turun: str = "selisih"
) -> Any:
    """Capaian kinerja (%) dari target dan realisasi; polaritas Naik atau Turun.
    Bila tidak dapat dihitung (mis. target 0), sel berisi alasannya."""
    from lkjip_xl.domain.capaian import capaian

    try:
        pol = "turun" if str(polaritas).strip().lower() == "turun" else "naik"
        result = capaian(target, realisasi, pol, str(rumus_turun).strip().lower())
        return result.capaian if result.capaian is not None else ERROR_PREFIX + result.catatan
    except Exception as exc:
        return _error(exc)


@xw.func
def LKJIP_PREDIKAT_SAKIP(nilai: Any) -> Any:
    """Predikat SAKIP (AA, A, BB, B, CC, C, D) dari Nilai SAKIP, PermenPAN-RB 88/2021."""
    from lkjip_xl.domain.sakip import predikat

    try:
        return predikat(nilai)[0]
    except Exception as exc:
        return _error(exc)


@xw.func
def LKJIP_SAMPEL(populasi: Any) -> Any:
    """Sampel minimum SKM untuk suatu populasi (Krejcie & Morgan, seperti tabel lampiran)."""
    from lkjip_xl.domain.ikm import krejcie_morgan

    try:
        value = float(populasi)
        return krejcie_morgan(int(value) if value.is_integer() else value)  # type: ignore[arg-type]
    except Exception as exc:
        return _error(exc)
