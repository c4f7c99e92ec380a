"""Errors a user sees: Indonesian messages saying where the problem is and how to fix it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

SPACE_MARK = "⍽"
"""How a space that is not a plain space (no-break, narrow, thin …) is shown in messages."""


def visible(value: object) -> str:
    """``value`` as text with its invisible characters shown (issue 21).

    A no-break or narrow space becomes ``⍽``; a zero-width or control character its code,
    ``[U+200B]``. So ``'80\u200b'`` is shown as ``'80[U+200B]'``, not as a valid-looking 80.
    Plain spaces and line breaks stay as they are.
    """
    text = str(value)
    if text.isascii() and text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in " \n":
            out.append(ch)
        elif cat == "Zs" or ch == "\t":
            out.append(SPACE_MARK)
        elif cat in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp"):
            out.append(f"[U+{ord(ch):04X}]")
        else:
            out.append(ch)
    return "".join(out)


def has_invisible(value: object) -> bool:
    """Whether :func:`visible` changes ``value``."""
    return visible(value) != str(value)


@dataclass(frozen=True)
class CellProblem:
    """One bad cell (or row/column) in a user's file."""

    pesan: str
    """What is wrong, in Indonesian."""
    perbaikan: str = ""
    """How to fix it, in Indonesian."""
    file: str = ""
    sheet: str = ""
    cell: str = ""
    """Spreadsheet address such as ``E7`` (header = row 1), or a column letter, or empty."""

    def text(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"file {self.file}" if self.file else "",
                f"sheet '{self.sheet}'" if self.sheet else "",
                f"sel {self.cell}" if self.cell else "",
            )
            if part
        )
        out = f"{where}: {self.pesan}" if where else self.pesan
        if self.perbaikan:
            out += f" Perbaikan: {self.perbaikan}"
        return out

    def as_json(self) -> dict[str, str]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "pesan": self.pesan,
            "perbaikan": self.perbaikan,
        }


@dataclass
class LkjipError(Exception):
    """A problem the user can fix; ``pesan`` is shown as is (Indonesian)."""

    pesan: str
    problems: list[CellProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.pesan)

    def __str__(self) -> str:
        if not self.problems:
            return self.pesan
        lines = [self.pesan, *(f"  - {p.text()}" for p in self.problems)]
        return "\n".join(lines)


@dataclass
class NeedsConfirmation(LkjipError):
    """The action stopped before changing anything to ask the user first.

    ``pertanyaan`` is the Yes/No question (Indonesian) the ribbon shows; on Yes it runs the
    action again with ``konfirmasi`` added to its arguments (see ``konfirmasi_tidak`` for a
    choice between two ways on). On the command line the message
    (``pesan``, which names the ``--paksa`` option) is printed as an error.
    """

    pertanyaan: str = ""
    konfirmasi: dict[str, object] = field(default_factory=dict)
    konfirmasi_tidak: dict[str, object] | None = None
    """When set, the question has two answers that both go on (Ya/Tidak/Batal): No runs the
    action again with these arguments, Cancel leaves everything as it was."""


class WorkbookBusyError(LkjipError):
    """The workbook is open in Excel (its ``~$`` owner file exists)."""
