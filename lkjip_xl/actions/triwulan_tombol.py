"""Ribbon buttons of the quarterly loop (issue 22): the quarter typed at an input box.

Each button of the *Pemantauan Triwulan* group (:mod:`lkjip_xl.workbook.controls`) passes the
text typed at its input box; these adapters read the quarter and call the action the CLI
calls (``lkjip forms … --triwulan N``, ``lkjip monev --triwulan N``).
"""

from __future__ import annotations

from typing import Any

from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook.gateway import Gateway

__all__ = [
    "email_ribbon",
    "export_ribbon",
    "import_ribbon",
    "monev_ribbon",
    "parse_triwulan",
    "status_ribbon",
]


def parse_triwulan(teks: str) -> int:
    """The quarter typed at the ribbon's input box: 1–4, or I–IV."""
    text = " ".join(str(teks or "").split()).upper().removeprefix("TW").strip()
    value = {"1": 1, "2": 2, "3": 3, "4": 4, "I": 1, "II": 2, "III": 3, "IV": 4}.get(text)
    if value is None:
        raise LkjipError(
            f"Triwulan '{teks}' tidak dikenal. Ketik 1, 2, 3 atau 4 (1 = Januari–Maret)."
        )
    return value


def export_ribbon(gw: Gateway, teks: str) -> Any:
    """Ribbon *Formulir Triwulan*: ``lkjip forms export --triwulan N``."""
    from lkjip_xl.actions.forms import export_forms

    return export_forms(gw, triwulan=parse_triwulan(teks))


def email_ribbon(gw: Gateway, teks: str) -> Any:
    """Ribbon *E-mail Triwulan*: ``lkjip forms email --triwulan N`` (drafts)."""
    from lkjip_xl.actions.forms import email_forms

    return email_forms(gw, triwulan=parse_triwulan(teks))


def import_ribbon(gw: Gateway, teks: str) -> Any:
    """Ribbon *Impor Triwulan*: ``lkjip forms import --triwulan N`` (the kotak_masuk folder)."""
    from lkjip_xl.actions.forms import import_forms

    return import_forms(gw, None, triwulan=parse_triwulan(teks))


def status_ribbon(gw: Gateway, teks: str) -> Any:
    """Ribbon *Status Triwulan*: ``lkjip forms status --triwulan N``."""
    from lkjip_xl.actions.forms import forms_status

    return forms_status(gw, triwulan=parse_triwulan(teks))


def monev_ribbon(gw: Gateway, teks: str) -> Any:
    """Ribbon *Laporan Monev*: ``lkjip monev --triwulan N``."""
    from lkjip_xl.actions.monev import monev

    return monev(gw, parse_triwulan(teks))
