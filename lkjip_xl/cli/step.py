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
        help="Waktu kejadian, mis. '05/01/2026 08.00', '5-1-2026 8:00', '08.00' (hari ini) atau "
        "ISO 2026-01-05T08:00 (WIB). Bawaan: sekarang.",
    ),
]
CatatanOpt = Annotated[str, typer.Option("--catatan", help="Catatan (boleh kosong).")]
DokumenOpt = Annotated[
    str, typer.Option("--dokumen", help="Dokumen keluaran langkah, mis. nomor disposisi.")
]
NoArg = Annotated[int, typer.Argument(help="Nomor langkah SOP (1-8).", min=1, max=8)]
JenisArg = Annotated[str, typer.Argument(help="Catatan yang dimaksud: mulai atau selesai.")]


def _print_result(result: Any) -> None:
    from rich.console import Console

    console = Console()
    console.print(result.pesan, highlight=False, soft_wrap=True)
    for p in result.peringatan:
        console.print(f"[bold yellow]Peringatan:[/] {p}", highlight=False, soft_wrap=True)


_STATUS_STYLE = {
    "Belum mulai": "dim",
    "Berjalan": "bold cyan",
    "Tepat waktu": "green",
    "Melebihi mutu baku": "bold red",
}


def _date_time(iso: str | None) -> str:
    if not iso:
        return "-"
    import datetime as dt

    return f"{dt.datetime.fromisoformat(iso):%d/%m/%Y %H.%M}"


WIDE = 170
"""From this console width on, every column gets a line of its own; below it the table
stacks start/finish and plan/mutu baku so Aktivitas and Status stay readable (80 columns)."""


def _print_status(result: Any) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    data = result.data
    console = Console()
    wide = console.width >= WIDE
    table = Table(
        title="Tahapan SOP Penyusunan LKjIP",
        box=box.SQUARE if wide else box.SIMPLE_HEAD,
        show_lines=not wide,
        pad_edge=wide,
        expand=not wide,
    )
    if wide:
        columns: tuple[tuple[str, dict[str, Any]], ...] = (
            ("No", {"justify": "right"}),
            ("Aktivitas", {"min_width": 30}),
            ("Pelaksana", {"max_width": 22}),
            ("Mutu baku", {"no_wrap": True}),
            ("Rencana selesai", {"no_wrap": True}),
            ("Mulai", {"no_wrap": True}),
            ("Selesai", {"no_wrap": True}),
            ("Durasi kerja", {"min_width": 10}),
            ("Status", {"min_width": 20}),
        )
    else:
        columns = (
            ("No", {"justify": "right", "no_wrap": True}),
            ("Aktivitas", {"ratio": 1, "min_width": 16}),
            ("Mutu baku", {"max_width": 9}),
            ("Mulai\nSelesai", {"no_wrap": True}),
            ("Status", {"min_width": 11, "max_width": 19}),
        )
    for header, kw in columns:
        table.add_column(header, **kw)
    for s in data["steps"]:
        style = _STATUS_STYLE.get(s["status"], "")
        status = s.get("keterangan_status") or s["status"]
        status_cell = f"[{style}]{status}[/]" if style else status
        if wide:
            table.add_row(
                str(s["no"]),
                s["aktivitas"],
                s["pelaksana"].replace("Kasubbag Program dan Keuangan", "Kasubbag"),
                s["mutu_baku"],
                _date_time(s.get("rencana_selesai")),
                _date_time(s["mulai"]),
                _date_time(s["selesai"]),
                s.get("durasi") or "-",
                status_cell,
            )
        else:
            durasi = f"\n[dim]durasi {s['durasi']}[/]" if s.get("durasi") else ""
            table.add_row(
                str(s["no"]),
                s["aktivitas"],
                s["mutu_baku"],
                f"{_date_time(s['mulai'])}\n{_date_time(s['selesai'])}",
                status_cell + durasi,
            )
    console.print(table)
    console.print(result.pesan, highlight=False, soft_wrap=True)
    console.print(f"Rencana selesai SOP: {_date_time(data['rencana_selesai'])}", highlight=False)
    if data.get("keterangan_batas"):
        console.print(f"Batas penyampaian LKjIP: {data['keterangan_batas']}.", highlight=False)
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
                "--paksa",
                help="Mulai walau langkah sebelumnya belum selesai (perlu --alasan); untuk "
                "langkah 1: mulai walau batas penyampaian tahun laporan sudah lewat.",
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

    @step_app.command("koreksi")
    def koreksi(
        no: NoArg,
        jenis: JenisArg,
        workbook: WorkbookOpt,
        waktu: Annotated[
            str,
            typer.Option("--waktu", help="Waktu yang benar, mis. '05/01/2026 08.00' (wajib)."),
        ] = "",
        alasan: Annotated[str, typer.Option("--alasan", help="Alasan koreksi (wajib).")] = "",
    ) -> None:
        """Koreksi waktu mulai/selesai langkah N (catatan mana pun, bukan hanya yang terakhir)."""
        from lkjip_xl.actions.steps import correct_event
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = correct_event(gw, no, jenis, waktu, alasan)
        _print_result(result)

    @step_app.command("batal")
    def batal(
        no: NoArg,
        jenis: JenisArg,
        workbook: WorkbookOpt,
        alasan: Annotated[str, typer.Option("--alasan", help="Alasan pembatalan (wajib).")] = "",
    ) -> None:
        """Batalkan catatan mulai/selesai langkah N (jurnal tetap menyimpannya)."""
        from lkjip_xl.actions.steps import void_event
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = void_event(gw, no, jenis, alasan)
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
