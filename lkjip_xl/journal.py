"""The append-only journal next to the workbook (JSON lines).

Step events, imports and letter numbers are appended here first; the sheets
that show them (Tahapan SOP, Kiriman, Register Surat) can be rebuilt from it.
Appends take an exclusive lock on the journal, so two processes (two staff
PCs on a shared folder, the ribbon and the CLI) never interleave lines, and
:func:`locked` lets a caller read-then-append atomically (e.g. reserving the
next letter number).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from lkjip_xl.errors import LkjipError

LOCK_TIMEOUT_S = 30.0
"""How long an append waits for another process (another PC, the CLI) to let go."""


class JournalBusyError(LkjipError):
    """The journal stayed locked by another process longer than :data:`LOCK_TIMEOUT_S`."""


def _lock(fh: IO[str], path: Path, timeout: float | None = None) -> None:
    """Take the lock on ``fh``; give up after ``timeout`` seconds with an Indonesian message."""
    limit = LOCK_TIMEOUT_S if timeout is None else timeout
    deadline = time.monotonic() + limit
    while True:
        try:
            if os.name == "nt":  # pragma: no cover - Windows only
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() >= deadline:
                raise JournalBusyError(
                    f"Jurnal {path.name} sedang dipakai proses lain (tombol LKjIP di komputer "
                    "lain atau perintah 'lkjip' yang masih berjalan) lebih dari "
                    f"{limit:.0f} detik. Tunggu sampai proses itu selesai, lalu ulangi. Bila "
                    "tidak ada yang berjalan, tutup Excel dan Command Prompt lalu coba lagi."
                ) from None
            time.sleep(0.05)


def _unlock(fh: IO[str]) -> None:
    if os.name == "nt":  # pragma: no cover - Windows only
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _default(obj: Any) -> Any:
    if isinstance(obj, dt.datetime | dt.date | dt.time):
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


YEAR_KEY = "tahun_laporan"
"""Key of the report year (``Profile.tahun``) stamped on every event of a year-scoped journal."""


def _event_date(event: dict[str, Any]) -> dt.date | None:
    for key in ("pada", "waktu"):
        value = event.get(key)
        if isinstance(value, str) and value:
            try:
                return dt.datetime.fromisoformat(value).date()
            except ValueError:
                continue
    return None


def belongs_to_year(event: dict[str, Any], tahun: int) -> bool:
    """Whether ``event`` belongs to the LKjIP of report year ``tahun``.

    Events carry their report year (:data:`YEAR_KEY`). An event written before events were
    stamped (or recovered from a sheet) belongs to every year whose LKjIP could have been in
    the making at its time: from 1 March of ``tahun`` on (the LKjIP of a year is made early in
    the next; the one of the year before is due at the end of February). So the steps, imports
    and letters of last year's LKjIP (made in January) never count for this year's.
    """
    stamped = event.get(YEAR_KEY)
    if stamped is not None:
        try:
            return int(stamped) == tahun
        except (TypeError, ValueError):
            return False
    day = _event_date(event)
    return day is None or day >= dt.date(tahun, 3, 1)


class Journal:
    """An append-only JSON-lines file. Each event: ``{"jenis", "waktu", ...data}``.

    With ``tahun`` (the workbook's report year) the journal is scoped to that year: appended
    events are stamped with it and :meth:`events` returns only that year's events, so a
    workbook whose ``tahun`` was moved on does not inherit last year's steps and imports.
    """

    def __init__(self, path: Path, tahun: int | None = None) -> None:
        self.path = Path(path)
        self.tahun = tahun

    def belongs(self, event: dict[str, Any]) -> bool:
        """Whether ``event`` is in this journal's year (always, for an unscoped journal)."""
        return self.tahun is None or belongs_to_year(event, self.tahun)

    @contextmanager
    def locked(self) -> Iterator[Journal]:
        """Hold the journal's lock: read and append inside without another process between."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_suffix(self.path.suffix + ".lock")
        with open(lock_path, "a+", encoding="utf-8") as fh:
            _lock(fh, self.path)
            try:
                yield self
            finally:
                _unlock(fh)

    def _append_unlocked(self, event: dict[str, Any]) -> None:
        line = json.dumps(event, default=_default, ensure_ascii=False, sort_keys=True)
        lead = ""
        if self.path.exists() and self.path.stat().st_size:
            with open(self.path, "rb") as raw:
                raw.seek(-1, os.SEEK_END)
                if raw.read(1) != b"\n":
                    lead = "\n"  # a cut last line stays a line of its own (set aside on read)
        with open(self.path, "a", encoding="utf-8", newline="\n") as fh:
            fh.write(lead + line + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def append(self, jenis: str, **data: Any) -> dict[str, Any]:
        """Append one event (takes the lock unless the caller holds it via :meth:`locked`).

        Inside :func:`deferred` for this journal the event is held in memory instead.
        """
        event = {"jenis": jenis, "waktu": dt.datetime.now(dt.UTC).isoformat(), **data}
        if self.tahun is not None:
            event.setdefault(YEAR_KEY, self.tahun)
        held = _DEFERRED.get(_key(self.path))
        if held is not None:
            held.append(event)
            return event
        if getattr(self, "_held", False):
            self._append_unlocked(event)
        else:
            with self.locked():
                self._append_unlocked(event)
        return event

    def events(self, jenis: str | None = None) -> list[dict[str, Any]]:
        """All events of this journal's year (optionally of one kind), oldest first, with the
        events held by :func:`deferred`.

        A line that is not valid JSON (typically the last line cut by a crash or a full disk
        mid-write) never stops the office: it is moved to a side file
        (``<journal>.rusak-<time>.txt``), a ``jurnal_disisihkan`` event records that, and
        :attr:`notes` carries an Indonesian warning for the caller to show.
        """
        held = [
            e for e in _DEFERRED.get(_key(self.path), []) if jenis is None or e["jenis"] == jenis
        ]
        if not self.path.exists():
            return held
        out, bad = self._parse()
        if bad:
            self._set_aside(bad)
            out, _bad = self._parse()
        return [
            e for e in out if (jenis is None or e.get("jenis") == jenis) and self.belongs(e)
        ] + held

    @property
    def notes(self) -> list[str]:
        """Warnings about this journal (lines set aside) for the user."""
        return list(getattr(self, "_notes", []))

    def _parse(self) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
        out: list[dict[str, Any]] = []
        bad: list[tuple[int, str]] = []
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    event = json.loads(line)
                except json.JSONDecodeError:
                    bad.append((n, line))
                    continue
                if isinstance(event, dict):
                    out.append(event)
                else:
                    bad.append((n, line))
        return out, bad

    def _set_aside(self, bad: list[tuple[int, str]]) -> None:
        if getattr(self, "_held", False):
            self._rewrite_without(bad)
        else:
            with self.locked():
                _out, again = self._parse()
                if again:
                    self._rewrite_without(again)

    def _rewrite_without(self, bad: list[tuple[int, str]]) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        side = self.path.with_name(f"{self.path.name}.rusak-{stamp}.txt")
        with open(side, "w", encoding="utf-8", newline="\n") as fh:
            for n, line in bad:
                fh.write(f"baris {n}: {line.rstrip(chr(10))}\n")
        drop = {n for n, _line in bad}
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            keep = [line for n, line in enumerate(fh, start=1) if n not in drop]
        tmp = self.path.with_name(f".~{self.path.name}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for line in keep:
                fh.write(line if line.endswith("\n") else line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        rows = ", ".join(str(n) for n, _line in bad)
        note = (
            f"Jurnal {self.path.name}: baris {rows} rusak (mungkin terpotong saat penyimpanan "
            f"terputus) dan disisihkan ke {side.name}; data lain tetap dipakai. Bila baris itu "
            "penting, bandingkan dengan salinan jurnal di folder 'cadangan'."
        )
        self._notes = [*getattr(self, "_notes", []), note]
        self._append_unlocked(
            {
                "jenis": "jurnal_disisihkan",
                "waktu": dt.datetime.now(dt.UTC).isoformat(),
                "baris": [n for n, _line in bad],
                "file": side.name,
            }
        )
        import sys

        print(f"Peringatan: {note}", file=sys.stderr)

    def write_events(self, events: list[dict[str, Any]]) -> None:
        """Append events held by :func:`deferred` (under one lock, in order)."""
        if not events:
            return
        with self.locked():
            for event in events:
                self._append_unlocked(event)

    @contextmanager
    def transaction(self) -> Iterator[Journal]:
        """Lock, then let ``append`` write without re-locking (read-modify-append atomically)."""
        with self.locked():
            self._held = True
            try:
                yield self
            finally:
                self._held = False


_DEFERRED: dict[str, list[dict[str, Any]]] = {}


def _key(path: Path) -> str:
    return str(Path(path).resolve())


@contextmanager
def deferred(path: Path) -> Iterator[list[dict[str, Any]]]:
    """Hold appends to the journal at ``path`` in memory while inside (reads see them).

    The ribbon runs an action inside this, commits the live workbook, and only then writes
    the held events with :meth:`Journal.write_events`: a click whose workbook write fails
    leaves no journal event behind.
    """
    key = _key(path)
    held: list[dict[str, Any]] = []
    _DEFERRED[key] = held
    try:
        yield held
    finally:
        _DEFERRED.pop(key, None)
