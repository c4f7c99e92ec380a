"""CLI command ``lkjip pk``: the year's Perjanjian Kinerja as Word (issue 22)."""

from __future__ import annotations

from typing import Annotated

import typer

from lkjip_xl.cli.report import JsonOpt, OutOpt, WorkbookOpt, _date, _print


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("pk")
    def pk(
        workbook: WorkbookOpt,
        out: OutOpt = None,
        tanggal: Annotated[
            str | None,
            typer.Option(
                "--tanggal",
                metavar="YYYY-MM-DD",
                help="Tanggal penandatanganan PK (bawaan: hari ini); dicatat di Log.",
            ),
        ] = None,
        perubahan: Annotated[
            bool,
            typer.Option(
                "--perubahan",
                help="PK perubahan (pergantian pejabat, APBD-P): versi baru, versi lama "
                "disimpan di arsip; wajib --alasan.",
            ),
        ] = False,
        alasan: Annotated[
            str, typer.Option("--alasan", help="Alasan PK perubahan (dicatat di Log).")
        ] = "",
        as_json: JsonOpt = False,
    ) -> None:
        """Buat Perjanjian Kinerja (Word): Camat dengan kepala daerah, serta Sekcam, setiap
        Kasi dan Lurah dengan Camat, lengkap dengan lampiran target dan anggaran."""
        from lkjip_xl.actions.pk import make_pk
        from lkjip_xl.workbook.gateway import open_workbook

        day = _date(tanggal)
        with open_workbook(workbook, write=True) as gw:
            result = make_pk(gw, out, tanggal=day, perubahan=perubahan, alasan=alasan)
        _print(result, as_json)
