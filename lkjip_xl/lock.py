"""One writer at a time: an inter-process lock per workbook.

Every action that writes the workbook file (through
:func:`lkjip_xl.workbook.gateway.open_workbook` with ``write=True``) holds this lock from
before it reads until after it has committed, so two processes (two staff PCs on a shared
folder, the ribbon and the CLI, an import and an e-mail run) never read the same old
workbook and overwrite each other's rows.

The lock is an OS file lock (``fcntl.flock`` / ``msvcrt.locking``) on a small file in the
workbook's ``jurnal`` folder; the OS releases it when the holder dies (even ``kill -9``),
so a crashed run never leaves the office locked out. The holder writes who it is (user,
computer, process id, command, since when) into the file; a second writer waits up to
:data:`DEFAULT_WAIT` seconds (``LKJIP_TUNGGU_KUNCI`` overrides) and then says in
Indonesian who holds it. While it waits, whoever registered with :func:`wait_feedback` is
told who holds the workbook and how long it will still wait (issue 21): the CLI prints a
countdown, the ribbon writes it on Excel's status bar.

Within one process the lock is re-entrant (nested ``open_workbook(write=True)`` on the
same workbook, e.g. in the demo, do not deadlock).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from lkjip_xl.errors import WorkbookBusyError

WAIT_ENV = "LKJIP_TUNGGU_KUNCI"
DEFAULT_WAIT = 120.0
"""Seconds a second writer waits for the first before giving up."""
_POLL = 0.05
_LOCK_OFFSET = 1 << 20
"""Windows locks are mandatory: lock a byte far past the holder text so it stays readable."""

_held: dict[str, tuple[IO[str], int]] = {}
_guard = threading.Lock()

WaitReporter = Callable[[str | None], None]
"""Told what to show while a writer waits for the lock (None: the wait is over)."""
_reporters: list[WaitReporter] = []
REPORT_EVERY = 1.0
"""Seconds between two reports to the waiting user (a countdown)."""


@contextmanager
def wait_feedback(reporter: WaitReporter) -> Iterator[None]:
    """Inside, a writer that has to wait for the lock tells ``reporter`` who holds it and how
    long it will still wait, about every second (the CLI prints it, the ribbon puts it on
    Excel's status bar), then ``None`` when it got the lock or gave up."""
    _reporters.append(reporter)
    try:
        yield
    finally:
        _reporters.remove(reporter)


def _holder_text(info: dict[str, Any]) -> str:
    who = info.get("pengguna") or "pengguna lain"
    where = f" di komputer {info['komputer']}" if info.get("komputer") else ""
    cmd = f" (perintah '{info['perintah']}')" if info.get("perintah") else ""
    return f"{who}{where}{cmd}"


def waiting_message(workbook: Path, info: dict[str, Any], remaining: float) -> str:
    """What a waiting writer sees: who holds the workbook and how long it will still wait."""
    return (
        f"Menunggu: workbook {workbook.name} sedang diubah oleh {_holder_text(info)}. "
        f"Menunggu paling lama {max(remaining, 0):.0f} detik lagi…"
    )


def lock_path(workbook: Path) -> Path:
    """The lock file of a workbook (in its ``jurnal`` folder, beside the journal)."""
    from lkjip_xl.workspace import Workspace

    ws = Workspace(Path(workbook))
    return ws.journal.parent / f"{ws.workbook.name}.kunci"


def _try_lock(fh: IO[str]) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows only
        import msvcrt

        fh.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fh: IO[str]) -> None:
    if os.name == "nt":  # pragma: no cover - Windows only
        import msvcrt

        fh.seek(_LOCK_OFFSET)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _command() -> str:
    args = [Path(sys.argv[0]).name if sys.argv else "python", *sys.argv[1:4]]
    return " ".join(a for a in args if a)[:120]


def current_user() -> str:
    """Login name for the Log sheet, the journal and the lock (``pengguna`` when there is none)."""
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no login name on some Windows services
        return "pengguna"


def holder_info(command: str | None = None) -> dict[str, Any]:
    """Who this process is, as written into the lock file."""
    return {
        "pengguna": current_user(),
        "komputer": socket.gethostname(),
        "pid": os.getpid(),
        "perintah": command or _command(),
        "sejak": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
    }


def read_holder(path: Path) -> dict[str, Any]:
    """What the current holder wrote (empty when unknown)."""
    try:
        text = path.read_text(encoding="utf-8").split("\n", 1)[0]
        data = json.loads(text)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def busy_message(workbook: Path, info: dict[str, Any], waited: float) -> str:
    who = info.get("pengguna") or "pengguna lain"
    where = f" di komputer {info['komputer']}" if info.get("komputer") else ""
    pid = f", proses {info['pid']}" if info.get("pid") else ""
    cmd = f", perintah '{info['perintah']}'" if info.get("perintah") else ""
    since = ""
    if info.get("sejak"):
        try:
            since = f" sejak {dt.datetime.fromisoformat(str(info['sejak'])):%d/%m/%Y %H.%M.%S}"
        except ValueError:
            since = f" sejak {info['sejak']}"
    return (
        f"Workbook {workbook.name} sedang diubah oleh {who}{where}{pid}{cmd}{since}. "
        f"Sudah ditunggu {waited:.0f} detik. Tunggu sampai pekerjaan itu selesai, lalu ulangi "
        "perintah ini (tidak ada data yang berubah)."
    )


def _wait_seconds(timeout: float | None) -> float:
    if timeout is not None:
        return timeout
    raw = os.environ.get(WAIT_ENV, "").strip()
    try:
        return float(raw) if raw else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT


@contextmanager
def workbook_lock(
    workbook: Path, *, timeout: float | None = None, command: str | None = None
) -> Iterator[Path]:
    """Hold the write lock of ``workbook`` (wait up to ``timeout`` seconds, then refuse)."""
    path = lock_path(workbook)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.parent.resolve() / path.name)  # the same key before and after creation
    with _guard:
        if key in _held:
            fh, count = _held[key]
            _held[key] = (fh, count + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield path
        finally:
            with _guard:
                fh, count = _held[key]
                _held[key] = (fh, count - 1)
        return
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held across the yield
    try:
        limit = _wait_seconds(timeout)
        start = time.monotonic()
        reported = -REPORT_EVERY
        try:
            while not _try_lock(fh):
                waited = time.monotonic() - start
                if waited >= limit:
                    raise WorkbookBusyError(busy_message(Path(workbook), read_holder(path), waited))
                if _reporters and waited - reported >= REPORT_EVERY:
                    reported = waited
                    text = waiting_message(Path(workbook), read_holder(path), limit - waited)
                    for report in list(_reporters):
                        report(text)
                time.sleep(_POLL)
        finally:
            if reported >= 0:
                for report in list(_reporters):
                    report(None)
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(holder_info(command), ensure_ascii=False) + "\n")
        fh.flush()
        with _guard:
            _held[key] = (fh, 1)
        try:
            yield path
        finally:
            with _guard:
                _held.pop(key, None)
            try:
                fh.seek(0)
                fh.truncate()
                fh.flush()
            except OSError:  # pragma: no cover - best effort
                pass
            _unlock(fh)
    finally:
        fh.close()
