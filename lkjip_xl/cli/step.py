"""CLI commands: ``lkjip step`` (SOP step tracking against mutu baku)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

WorkbookOpt = Annotated[
    Path,
    typer.Option("--workbook", "-w", help="Workbook LKjIP (.xlsm).", show_default=False),
]
OlehOpt = Annotated[
    str | None,
    typer.Option(
        "--oleh",
        help="Yang mengerjakan: peran (camat, sekcam, kasubbag, kasi_lurah, staf) atau nama. "
        "Bawaan: pelaksana langkah dari Pengaturan.",
    ),
]
WaktuOpt = Annotated[
    str | None,
    typer.Option(
        "--waktu",
        help="Waktu kejadian ISO 8601, mis. 2025-03-27T14:00 (WIB) atau dengan +07:00. "
        "Bawaan: sekarang.",
    ),
]
CatatanOpt = Annotated[str, typer.Option("--catatan", help="Catatan (boleh kosong).")]
DokumenOpt = Annotated[
    str, typer.Option("--dokumen", help="Dokumen keluaran langkah, mis. nomor disposisi.")
]
NoArg = Annotated[int, typer.Argument(help="Nomor langkah SOP (1-8).", min=1, max=8)]


def _print_result(result: Any) -> None:
    from rich.console import Console

    console = Console()
    console.print(result.pesan, highlight=False, soft_wrap=True)
    for p in result.peringatan:
        console.print(f"[bold yellow]Peringatan:[/] {p}", highlight=False, soft_wrap=True)


def _short_time(iso: str | None) -> str:
    if not iso:
        return "-"
    import datetime as dt

    from lkjip_xl.domain.worktime import HARI

    t = dt.datetime.fromisoformat(iso)
    return f"{HARI[t.weekday()][:3]} {t:%d/%m/%y %H.%M}"


_STATUS_STYLE = {
    "Belum mulai": "dim",
    "Berjalan": "bold cyan",
    "Tepat waktu": "green",
    "Melebihi mutu baku": "bold red",
}


def _print_status(result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    data = result.data
    table = Table(title="Tahapan SOP Penyusunan LKjIP", show_lines=False)
    for header, kw in (
        ("No", {"justify": "right"}),
        ("Aktivitas", {"max_width": 34, "no_wrap": True, "overflow": "ellipsis"}),
        ("Pelaksana", {"max_width": 20, "no_wrap": True, "overflow": "ellipsis"}),
        ("Mutu baku", {"no_wrap": True}),
        ("Rencana selesai", {"no_wrap": True}),
        ("Mulai", {"no_wrap": True}),
        ("Selesai", {"no_wrap": True}),
        ("Durasi kerja", {"min_width": 10}),
        ("Status", {"min_width": 20}),
    ):
        table.add_column(header, **kw)
    for s in data["steps"]:
        style = _STATUS_STYLE.get(s["status"], "")
        table.add_row(
            str(s["no"]),
            s["aktivitas"],
            s["pelaksana"].replace("Kasubbag Program dan Keuangan", "Kasubbag"),
            s["mutu_baku"],
            _short_time(s.get("rencana_selesai")),
            _short_time(s["mulai"]),
            _short_time(s["selesai"]),
            s.get("durasi") or "-",
            f"[{style}]{s.get('keterangan_status') or s['status']}[/]" if style else s["status"],
        )
    console = Console()
    console.print(table)
    console.print(result.pesan, highlight=False, soft_wrap=True)
    console.print(f"Rencana selesai SOP: {_short_time(data['rencana_selesai'])}", highlight=False)
    if data.get("batas_penyampaian"):
        from datetime import date

        from lkjip_xl.domain.worktime import format_date

        due = format_date(date.fromisoformat(data["batas_penyampaian"]))
        console.print(
            f"Batas penyampaian LKjIP: {due} (sisa {data['sisa_hari_kerja']} hari kerja)",
            highlight=False,
        )
    for p in result.peringatan:
        console.print(f"[bold yellow]Peringatan:[/] {p}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    step_app = typer.Typer(
        name="step",
        help="Catat waktu tiap langkah SOP terhadap mutu baku (mulai, selesai, status).",
        no_args_is_help=True,
    )

    @step_app.command("start")
    def start(
        no: NoArg,
        workbook: WorkbookOpt,
        oleh: OlehOpt = None,
        waktu: WaktuOpt = None,
        catatan: CatatanOpt = "",
        dokumen: DokumenOpt = "",
        paksa: Annotated[
            bool,
            typer.Option(
                "--paksa", help="Mulai walau langkah sebelumnya belum selesai (perlu --alasan)."
            ),
        ] = False,
        alasan: Annotated[str, typer.Option("--alasan", help="Alasan memaksa.")] = "",
    ) -> None:
        """Catat mulainya langkah SOP N."""
        from lkjip_xl.actions.steps import start_step
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = start_step(
                gw,
                no,
                oleh=oleh,
                waktu=waktu,
                catatan=catatan,
                dokumen=dokumen,
                paksa=paksa,
                alasan=alasan,
            )
        _print_result(result)

    @step_app.command("finish")
    def finish(
        no: NoArg,
        workbook: WorkbookOpt,
        oleh: OlehOpt = None,
        waktu: WaktuOpt = None,
        catatan: CatatanOpt = "",
        dokumen: DokumenOpt = "",
    ) -> None:
        """Catat selesainya langkah SOP N."""
        from lkjip_xl.actions.steps import finish_step
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = finish_step(gw, no, oleh=oleh, waktu=waktu, catatan=catatan, dokumen=dokumen)
        _print_result(result)

    @step_app.command("undo")
    def undo(
        workbook: WorkbookOpt,
        alasan: Annotated[
            str, typer.Option("--alasan", help="Alasan membatalkan catatan terakhir (wajib).")
        ] = "",
    ) -> None:
        """Batalkan catatan mulai/selesai terakhir (jurnal tetap menyimpannya)."""
        from lkjip_xl.actions.steps import undo_last
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = undo_last(gw, alasan)
        _print_result(result)

    @step_app.command("status")
    def status(
        workbook: WorkbookOpt,
        as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
    ) -> None:
        """Tampilkan posisi SOP: tiap langkah, mutu baku, rencana dan batas penyampaian."""
        from lkjip_xl.actions.steps import step_status
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook) as gw:
            result = step_status(gw)
        if as_json:
            typer.echo(json.dumps(result.data, ensure_ascii=False, indent=2))
        else:
            _print_status(result)

    @step_app.command("rebuild")
    def rebuild(workbook: WorkbookOpt) -> None:
        """Tulis ulang sheet Tahapan SOP dari jurnal."""
        from lkjip_xl.actions.steps import rebuild_steps
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = rebuild_steps(gw)
        _print_result(result)

    app.add_typer(step_app, name="step")
