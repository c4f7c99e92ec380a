"""Chart images cached by a digest of what they are drawn from.

A chart is drawn (matplotlib) only when its data changed: the PNG is kept in the workspace's
``tembolok/grafik`` folder under a SHA-256 of the drawing function's name, its arguments, the
source of the modules that draw (a code change redraws) and matplotlib's version. When every
chart of a report is found there, matplotlib is not even imported. The folder may be deleted
at any time; the next report draws again. It keeps the newest :data:`KEEP` images.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["KEEP", "ChartCache", "FileCache", "digest"]

KEEP = 60
"""Images kept in the folder (the newest used or made); older ones are removed."""

_PNG = b"\x89PNG\r\n\x1a\n"
_DRAWING_MODULES = (
    "report/charts.py",
    "report/orgchart.py",
    "report/timeline.py",
    "report/fmt.py",
    "domain/sop.py",
    "domain/worktime.py",
)
"""The code a chart depends on (paths in the package): a change there draws it again."""


@functools.cache
def _code() -> str:
    """A digest of the drawing code and of matplotlib's version (not imported for it)."""
    from importlib import metadata

    h = hashlib.sha256()
    package = Path(__file__).parent.parent
    for name in _DRAWING_MODULES:
        h.update((package / name).read_bytes())
    with contextlib.suppress(metadata.PackageNotFoundError):
        h.update(metadata.version("matplotlib").encode())
    return h.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return repr(value)


def digest(kind: str, spec: Any) -> str:
    """SHA-256 (hex) of a chart: its kind, everything it is drawn from, and the drawing code."""
    text = json.dumps(
        {"kind": kind, "spec": spec, "code": _code()},
        sort_keys=True,
        ensure_ascii=False,
        default=_plain,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FileCache:
    """Files named by digest in ``folder``, written atomically, the newest ``keep`` kept.

    A folder that cannot be read or written only means the work is done again. With
    ``checked``, each file carries the SHA-256 of its content and a file that does not match
    (damaged, edited) reads as missing.
    """

    def __init__(self, folder: Path, *, keep: int = KEEP, checked: bool = False) -> None:
        self.folder = Path(folder)
        self.keep = keep
        self.checked = checked

    def get(self, name: str) -> bytes | None:
        path = self.folder / name
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if self.checked:
            head, data = data[:64], data[64:]
            if head != hashlib.sha256(data).hexdigest().encode():
                return None
        with contextlib.suppress(OSError):
            os.utime(path)  # the newest are the ones kept
        return data

    def put(self, name: str, data: bytes) -> None:
        """Write ``data`` atomically (a crash never leaves half a file)."""
        if self.checked:
            data = hashlib.sha256(data).hexdigest().encode() + data
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / name)
        except OSError:
            return
        self._prune()

    def _prune(self) -> None:
        try:
            files = sorted(
                (p for p in self.folder.iterdir() if not p.name.startswith(".tmp-")),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for old in files[self.keep :]:
                old.unlink(missing_ok=True)
        except OSError:
            pass


class ChartCache:
    """PNG images by digest in ``folder`` (``None``: nothing is kept, every chart is drawn).

    ``drawn`` and ``reused`` count what happened, for messages and tests.
    """

    def __init__(self, folder: Path | None, *, keep: int = KEEP) -> None:
        self.files = FileCache(folder, keep=keep) if folder is not None else None
        self.drawn = 0
        self.reused = 0

    def png(self, kind: str, spec: Any, draw: Callable[[], bytes]) -> bytes:
        """The image of ``kind`` drawn from ``spec``: from the folder, else ``draw()`` (kept).

        ``spec`` must hold everything ``draw`` depends on (plain data; dates, pydantic
        models and sets are turned to text).
        """
        if self.files is None:
            self.drawn += 1
            return draw()
        name = f"{kind}-{digest(kind, spec)[:40]}.png"
        png = self.files.get(name) or b""
        if png.startswith(_PNG) and len(png) > len(_PNG):
            self.reused += 1
            return png
        png = draw()
        self.drawn += 1
        self.files.put(name, png)
        return png
