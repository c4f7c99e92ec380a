"""Ribbon handlers: ``on_action(control_id)`` runs the button's action on the calling book.

The VBA dispatcher ``LKjIP_OnAction`` (``lkjip_xl/vba/LKjIP_Ribbon.bas``) checks the
interpreter, then calls the ``RunPython`` of the xlwings module embedded in the workbook:
``RunPython "import lkjip_xl.excel.ribbon as r; r.on_action('<id>', '<text>')"``. Each
click starts a new Python process (unless ``USE UDF SERVER`` is on for this PC), so
this module imports only the standard library and the control table at
import time; xlwings, the gateway and the action run only after a click.

Outcome shown in an Excel message box: the action's ``pesan`` (and warnings);
a :class:`~lkjip_xl.errors.LkjipError` as an Indonesian "perlu perbaikan"
message; anything unexpected as a short Indonesian text, with the traceback
written to ``log/lkjip_galat.log`` next to the workbook.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lkjip_xl.workbook import controls as C

TITLE = "LKjIP"
MAX_ALERT = 900
"""Excel's message box shows at most 1024 characters; longer text goes to a file."""


def resolve(control_id: str) -> tuple[C.Control, Callable[..., Any]]:
    """The control and its action function (imported now)."""
    ctl = C.control(control_id)
    module = importlib.import_module(ctl.module)
    return ctl, getattr(module, ctl.function)


def _kwargs(ctl: C.Control, teks: str) -> dict[str, Any]:
    kwargs = dict(ctl.kwargs)
    if ctl.text_kwarg:
        kwargs[ctl.text_kwarg] = teks
    return kwargs


def result_text(result: Any) -> str:
    """Message box text of an ActionResult: pesan, warnings and written files."""
    parts = [str(result.pesan)]
    peringatan = list(getattr(result, "peringatan", []) or [])
    if peringatan:
        parts.append("Perhatian:\n" + "\n".join(f"- {p}" for p in peringatan))
    files = list(getattr(result, "files", []) or [])
    if files:
        shown = [f"- {Path(f).name}" for f in files[:8]]
        if len(files) > 8:
            shown.append(f"- … dan {len(files) - 8} file lain")
        folder = Path(files[0]).parent
        parts.append(f"File di folder {folder}:\n" + "\n".join(shown))
    return "\n\n".join(parts)


def _fit(text: str, gw: Any) -> str:
    """Shorten a long message; the whole text goes to keluaran/pesan_terakhir.txt."""
    if len(text) <= MAX_ALERT:
        return text
    try:
        out = Path(gw.workspace.outputs)
        out.mkdir(parents=True, exist_ok=True)
        full = out / "pesan_terakhir.txt"
        full.write_text(text, encoding="utf-8")
        where = f"\n\n(Pesan lengkap: {full})"
    except Exception:  # pragma: no cover - read-only folder
        where = ""
    return text[: MAX_ALERT - len(where) - 2] + "…" + where


def _log_unexpected(path: Path | None, control_id: str) -> Path | None:
    import datetime as dt
    import traceback

    if path is None:
        return None
    try:
        log = path.resolve().parent / "log" / "lkjip_galat.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"\n=== {dt.datetime.now().isoformat(timespec='seconds')} {control_id}\n")
            fh.write(traceback.format_exc())
        return log
    except Exception:  # pragma: no cover - nowhere to write
        return None


def alert(book: Any, text: str, *, error: bool = False) -> None:
    book.app.alert(
        text,
        title=TITLE if not error else f"{TITLE}: perlu perhatian",
        buttons="ok",
        mode="critical" if error else "info",
    )


def _status_bar(book: Any) -> Callable[[str | None], None]:
    """Show a waiting message on Excel's status bar (None gives the bar back to Excel)."""

    def report(text: str | None) -> None:
        import contextlib

        with contextlib.suppress(Exception):  # a courtesy: never fail a click for it
            book.app.status_bar = text if text is not None else False

    return report


def ask(book: Any, question: str) -> bool:
    """A Yes/No message box; True only for Yes (the remote engine cannot answer: False)."""
    answer = book.app.alert(question, title=TITLE, buttons="yes_no", mode="info")
    return answer == "yes"


def choose(book: Any, question: str) -> str:
    """A Yes/No/Cancel message box: ``"yes"``, ``"no"`` or ``"cancel"`` (anything else, e.g.
    the remote engine that cannot answer, counts as cancel)."""
    answer = book.app.alert(question, title=TITLE, buttons="yes_no_cancel", mode="info")
    return answer if answer in ("yes", "no") else "cancel"


def run_control(
    book: Any,
    control_id: str,
    teks: str = "",
    *,
    path: Path | None = None,
    konfirmasi: dict[str, Any] | None = None,
) -> Any | None:
    """Run one button on ``book``; returns the ActionResult (None when it failed).

    The message box is shown through ``book.app.alert``. After an action that wrote to the
    live book, the book is saved so the journal and the sheets stay in step. An action that
    stops to ask (:class:`~lkjip_xl.errors.NeedsConfirmation`, e.g. Mulai Langkah 1 after the
    deadline) gets a Yes/No box: Yes runs it again with its ``konfirmasi`` arguments, No
    leaves everything as it was.
    """
    from lkjip_xl.errors import LkjipError, NeedsConfirmation
    from lkjip_xl.excel.install import REINSTALL_HINT
    from lkjip_xl.journal import Journal, deferred
    from lkjip_xl.workbook.xlwings_door import XlwingsGateway

    gw: Any = None
    try:
        try:
            ctl, func = resolve(control_id)
        except KeyError:
            raise LkjipError(
                f"Tombol '{control_id}' tidak dikenal oleh paket lkjip_xl yang terpasang. "
                f"{REINSTALL_HINT}"
            ) from None
        except (ImportError, AttributeError):
            raise LkjipError(
                f"Aksi untuk tombol '{control_id}' belum tersedia di paket lkjip_xl yang "
                f"terpasang. {REINSTALL_HINT}"
            ) from None
        gw = XlwingsGateway(book, path)
        journal = gw.workspace.journal
        from lkjip_xl.lock import wait_feedback, workbook_lock

        # One writer at a time, also against a CLI run on the same file (issue 13); while
        # waiting, Excel's status bar says who holds the workbook (issue 21).
        with (
            wait_feedback(_status_bar(book)),
            workbook_lock(gw.path, command=f"tombol ribbon {control_id}"),
        ):
            with deferred(journal) as events:
                result = func(gw, **_kwargs(ctl, teks), **(konfirmasi or {}))
                # Only now do the action's writes reach the book, all or nothing; the journal
                # events follow once the book holds them.
                gw.commit()
            Journal(journal).write_events(events)
            if gw.dirty and path is None:
                book.save()
        alert(book, _fit(result_text(result), gw))
        return result
    except NeedsConfirmation as exc:
        if konfirmasi is not None:
            return None
        if exc.konfirmasi_tidak is not None:
            answer = choose(book, exc.pertanyaan)
            if answer == "yes":
                return run_control(book, control_id, teks, path=path, konfirmasi=exc.konfirmasi)
            if answer == "no":
                return run_control(
                    book, control_id, teks, path=path, konfirmasi=exc.konfirmasi_tidak
                )
            return None
        if ask(book, exc.pertanyaan):
            return run_control(book, control_id, teks, path=path, konfirmasi=exc.konfirmasi)
        return None
    except LkjipError as exc:
        alert(book, _fit(str(exc), gw) if gw else str(exc)[:MAX_ALERT], error=True)
        return None
    except Exception as exc:
        log = _log_unexpected(getattr(gw, "path", path), control_id)
        where = f" Rincian teknis disimpan di {log}." if log else ""
        alert(
            book,
            f"Terjadi kesalahan tak terduga ({type(exc).__name__}) saat menjalankan tombol "
            f"'{control_id}'.{where} Simpan pekerjaan Anda, lalu laporkan kepada pengelola "
            "aplikasi.",
            error=True,
        )
        return None


def on_action(control_id: str, teks: str = "") -> None:
    """Entry point for the VBA dispatcher: the book that called is the active workbook."""
    import xlwings as xw

    run_control(xw.Book.caller(), control_id, teks)
