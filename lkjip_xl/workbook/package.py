"""Zip-package steps that openpyxl cannot do: the ribbon (customUI) part.

openpyxl drops the ribbon relationship whenever it saves, so every save of the
workbook ends with :func:`finalize_package`.
"""

from __future__ import annotations

from pathlib import Path


def finalize_package(path: Path) -> None:
    """Re-add the LKjIP ribbon part and its relationship to a saved workbook."""
    # The ribbon is being built in the workbook issue; until then there is nothing to add.
    return None
