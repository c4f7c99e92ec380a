"""The ``lkjip`` command line: a thin shell over :mod:`lkjip_xl.actions`.

Each area registers its commands from its own module so that areas do not
edit one shared file. Commands only parse arguments, call one action and show
its result; :class:`~lkjip_xl.errors.LkjipError` becomes an Indonesian message
and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from lkjip_xl.cli import bahasa
from lkjip_xl.errors import LkjipError

bahasa.localise_help()

app = typer.Typer(
    name="lkjip",
    help=(
        "LKjIP: penyusunan Laporan Kinerja Instansi Pemerintah sesuai SOP, "
        "dari satu workbook Excel."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_all() -> None:
    from lkjip_xl.cli import (
        calc,
        demo,
        forms,
        monev,
        new_year,
        paket,
        pk,
        rencana_aksi,
        report,
        step,
        workbook,
    )

    for module in (
        calc,
        workbook,
        forms,
        step,
        report,
        pk,
        rencana_aksi,
        monev,
        paket,
        demo,
        new_year,
    ):
        module.register(app)


_register_all()


def _crash_log(exc: BaseException) -> Path | None:
    """Write the traceback of an unexpected error to a log file; None when even that fails."""
    import datetime as dt
    import os
    import traceback

    base = os.environ.get("LKJIP_LOG_DIR") or os.environ.get("LOCALAPPDATA")
    folder = Path(base) if base else Path.home() / ".lkjip"
    if not os.environ.get("LKJIP_LOG_DIR"):
        folder = folder / "lkjip" / "log" if base else folder / "log"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"galat-{stamp}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text = "".join(traceback.format_exception(exc))
        path.write_text(f"lkjip {' '.join(sys.argv[1:])}\n\n{text}", encoding="utf-8")
    except OSError:
        return None
    return path


def _lock_countdown() -> Callable[[str | None], None]:
    """Print who holds the workbook while this command waits for it (issue 21).

    On a terminal one line counts down in place; otherwise (a log, a pipe) a line every five
    seconds.
    """
    tty = sys.stderr.isatty()
    shown: list[float] = []

    def report(text: str | None) -> None:
        import time

        if text is None:
            if shown and tty:
                sys.stderr.write("\n")
            shown.clear()
            return
        now = time.monotonic()
        if tty:
            sys.stderr.write("\r" + text + " " * 4)
        elif not shown or now - shown[-1] >= 5:
            sys.stderr.write(text + "\n")
        else:
            return
        sys.stderr.flush()
        shown.append(now)

    return report


def main() -> None:
    """Entry point of the ``lkjip`` console script.

    No traceback reaches the user: an :class:`LkjipError` and a usage error print one
    Indonesian line and exit 2; anything unexpected prints one line naming the log file
    that holds the traceback, and exits 1.
    """
    from rich.console import Console

    err = Console(stderr=True)
    from lkjip_xl.lock import wait_feedback

    try:
        with wait_feedback(_lock_countdown()):
            app(standalone_mode=False, prog_name="lkjip")
    except LkjipError as exc:
        err.print(f"[bold red]Gagal:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Abort:
        err.print("[yellow]Dibatalkan.[/]")
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err.print("[yellow]Dibatalkan.[/]")
        sys.exit(130)
    except Exception as exc:
        if bahasa.is_usage_error(exc):
            err.print(
                f"[bold red]Gagal:[/] {bahasa.usage_message(exc)}", highlight=False, soft_wrap=True
            )
            sys.exit(getattr(exc, "exit_code", 2))
        log = _crash_log(exc)
        where = f" Rincian teknis tersimpan di {log}." if log else ""
        err.print(
            f"[bold red]Terjadi kesalahan yang tidak terduga:[/] {type(exc).__name__}."
            f"{where} Kirim file itu kepada pengelola aplikasi.",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)
