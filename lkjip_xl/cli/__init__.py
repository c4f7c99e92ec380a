"""The ``lkjip`` command line: a thin shell over :mod:`lkjip_xl.actions`.

Each area registers its commands from its own module so that areas do not
edit one shared file. Commands only parse arguments, call one action and show
its result; :class:`~lkjip_xl.errors.LkjipError` becomes an Indonesian message
and exit code 2.
"""

from __future__ import annotations

import sys

import typer

from lkjip_xl.errors import LkjipError

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
    from lkjip_xl.cli import calc, demo, forms, new_year, report, step, workbook

    for module in (calc, workbook, forms, step, report, demo, new_year):
        module.register(app)


_register_all()


def main() -> None:
    """Entry point of the ``lkjip`` console script."""
    from rich.console import Console

    try:
        app(standalone_mode=False)
    except LkjipError as exc:
        Console(stderr=True).print(f"[bold red]Gagal:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Abort:
        Console(stderr=True).print("[yellow]Dibatalkan.[/]")
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors arrive here in standalone_mode=False
        import click

        # typer >= 0.26 vendors its own click (typer._click): match either by duck typing.
        shows = callable(getattr(exc, "show", None))
        if isinstance(exc, click.exceptions.ClickException) or (
            shows and isinstance(getattr(exc, "exit_code", None), int)
        ):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)
        raise
