"""CLI: ``lkjip tahun-baru`` — next year's workbook beside this one (this one untouched)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the tahun-baru command to the main app."""

    @app.command("tahun-baru")
    def tahun_baru(
        workbook: Annotated[
            Path,
            typer.Option(
                "--workbook", "-w", help="Workbook LKjIP tahun ini (.xlsm).", show_default=False
            ),
        ],
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                "-o",
                help="Workbook tahun depan. Bawaan: nama workbook ini + _<tahun+1>, di folder "
                "yang sama. Tidak pernah menimpa file yang sudah ada.",
                show_default=False,
            ),
        ] = None,
        paksa: Annotated[
            bool,
            typer.Option(
                "--paksa",
                help="Buat juga bila tahun ini belum selesai (langkah SOP, formulir ditahan, "
                "arsip); workbook baru mencatatnya di sheet Log.",
            ),
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Cetak hasil sebagai JSON.")] = False,
    ) -> None:
        """Buat workbook LKjIP tahun berikutnya dari workbook ini (workbook ini tidak diubah)."""
        from rich.console import Console

        from lkjip_xl.actions.new_year import new_year
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook) as gw:
            result = new_year(gw, out, paksa=paksa)
        if as_json:
            typer.echo(
                json.dumps(
                    {**result.data, "peringatan": result.peringatan}, ensure_ascii=False, indent=2
                )
            )
            return
        console = Console(highlight=False, soft_wrap=True)
        console.print(result.pesan)
        for p in result.peringatan:
            console.print(f"[bold yellow]Peringatan:[/] {p}")
