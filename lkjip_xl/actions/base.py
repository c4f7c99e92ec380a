"""What every action returns, so the CLI, the ribbon and the demo can show it."""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def reserve_version(folder: Path, stem: str, recorded: Iterable[int]) -> tuple[int, Path]:
    """The next version file ``<stem>_v<N>.docx`` after every such file in ``folder`` and every
    version the journal ``recorded``; created empty at once, so no concurrent run takes it."""
    folder.mkdir(parents=True, exist_ok=True)
    pattern = re.compile(re.escape(stem) + r"_v(\d+)\.docx$")
    seen = [int(m.group(1)) for p in folder.iterdir() if (m := pattern.match(p.name))]
    n = max([*seen, *recorded], default=0) + 1
    while True:
        path = folder / f"{stem}_v{n}.docx"
        try:
            with open(path, "xb"):
                pass
        except FileExistsError:
            n += 1
            continue
        return n, path
