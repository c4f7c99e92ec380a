"""The click launcher: what a ribbon button runs in a fresh Python process.

The VBA (``LKjIP_Jalankan`` in ``lkjip_xl/vba/LKjIP_Ribbon.bas``) starts::

    python -B -c "import lkjip_xl.excel.klik as k; k.klik('<id>', '<teks>')"
        --wb="LKjIP_Wonoasih.xlsm" --from_xl=1 --app="…EXCEL.EXE" --hwnd="…"

with the same trailing arguments as xlwings' own ``RunPython``, so ``xw.Book.caller()``
finds the workbook. What it leaves out is RunPython's ``import xlwings.utils`` prefix:
``xlwings.utils`` (and ``xlwings.main``, ``xlwings._xlwindows``) import numpy, pandas and
matplotlib when they are installed, which is most of a cold click. All of those imports
are optional in xlwings (``try: import pandas … except ImportError``), so for a button in
:data:`lkjip_xl.workbook.controls.LIGHT` xlwings is imported while :func:`light_imports`
refuses them; xlwings then works with lists, which is all the door (``xlwings_door``)
uses. Other buttons import xlwings in full. Only xlwings' own import is guarded: an action
that imports pandas later still gets it (tests/test_click_light.py checks that light
actions do not).
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

OPTIONAL_IN_XLWINGS = ("numpy", "pandas", "matplotlib", "plotly", "PIL")
"""Top-level packages xlwings imports only if present."""


class _Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname.split(".", 1)[0] in OPTIONAL_IN_XLWINGS:
            raise ImportError(f"{fullname} is not loaded for a light click")
        return None


@contextmanager
def light_imports() -> Iterator[None]:
    """While inside, importing numpy, pandas, matplotlib, plotly or PIL raises ImportError."""
    finder = _Refuse()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def load_xlwings(light: bool) -> ModuleType:
    """``xlwings``, imported without its optional heavy packages when ``light``."""
    if light and "xlwings" not in sys.modules:
        with light_imports():
            import xlwings
    else:
        import xlwings
    return xlwings


def is_light(control_id: str) -> bool:
    from lkjip_xl.workbook import controls as C

    ctl = C.BY_ID.get(control_id)
    return ctl is not None and ctl.light


def klik(control_id: str, teks: str = "") -> None:
    """Entry point of a button click (called by the VBA with the control id)."""
    xw = load_xlwings(is_light(control_id))
    from lkjip_xl.excel.ribbon import run_control

    run_control(xw.Book.caller(), control_id, teks)
