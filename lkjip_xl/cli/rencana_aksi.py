"""CLI command ``lkjip rencana-aksi``: quarterly targets per indicator, as Word (issue 22)."""

from __future__ import annotations

from lkjip_xl.cli.report import JsonOpt, OutOpt, TanggalOpt, WorkbookOpt, _date, _print


def register(app: object) -> None:
    """Add this area's commands to the main app."""

    @app.command("rencana-aksi")  # type: ignore[attr-defined]
    def rencana_aksi(
        workbook: WorkbookOpt,
        out: OutOpt = None,
        tanggal: TanggalOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Isi sheet Rencana Aksi (target per triwulan bawaan dari target tahunan untuk
        indikator yang belum punya baris) lalu buat dokumen Rencana Aksi (Word)."""
        from lkjip_xl.actions.rencana_aksi import rencana_aksi as make
        from lkjip_xl.workbook.gateway import open_workbook

        day = _date(tanggal)
        with open_workbook(workbook, write=True) as gw:
            result = make(gw, out, tanggal=day)
        _print(result, as_json)
