"""CLI command ``lkjip monev``: the quarterly monitoring and evaluation report (issue 22)."""

from __future__ import annotations

from typing import Annotated

import typer

from lkjip_xl.cli.report import JsonOpt, OutOpt, TanggalOpt, WorkbookOpt, _date, _print


def register(app: object) -> None:
    """Add this area's commands to the main app."""

    @app.command("monev")  # type: ignore[attr-defined]
    def monev(
        workbook: WorkbookOpt,
        triwulan: Annotated[
            int,
            typer.Option("--triwulan", "-t", min=1, max=4, help="Triwulan 1–4 yang dilaporkan."),
        ],
        out: OutOpt = None,
        tanggal: TanggalOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Buat Laporan Monitoring dan Evaluasi Kinerja Triwulan N (Word): capaian terhadap
        target triwulan dan tahun, lampu hijau/kuning/merah, grafik per triwulan, kendala,
        langkah, dan hal yang memerlukan keputusan Camat."""
        from lkjip_xl.actions.monev import monev as make
        from lkjip_xl.workbook.gateway import open_workbook

        day = _date(tanggal)
        with open_workbook(workbook, write=True) as gw:
            result = make(gw, triwulan, out, tanggal=day)
        _print(result, as_json)
