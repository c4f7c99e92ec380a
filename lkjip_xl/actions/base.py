"""What every action returns, so the CLI, the ribbon and the demo can show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ActionResult:
    """The outcome of one user action."""

    pesan: str
    """Short Indonesian summary shown in a message box / on the console."""
    files: list[Path] = field(default_factory=list)
    """Files the action wrote (forms, e-mails, documents)."""
    data: dict[str, Any] = field(default_factory=dict)
    """Machine-readable result (the CLI's ``--json`` output)."""
    peringatan: list[str] = field(default_factory=list)
    """Indonesian warnings the user should read."""
