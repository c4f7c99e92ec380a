"""CLI commands: ``lkjip forms`` (data forms for Kasi/Lurah: export, e-mail, import, status)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

WorkbookOpt = Annotated[
    Path,
    typer.Option("--workbook", "-w", help="Workbook LKjIP (.xlsm).", show_default=False),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Folder keluaran (bawaan: folder 'keluaran' di samping workbook)."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Keluaran JSON.")]
TriwulanOpt = Annotated[
    int | None,
    typer.Option(
        "--triwulan",
        "-t",
        min=1,
        max=4,
        help="Formulir triwulan 1–4 (pemantauan triwulanan; data masuk sheet Realisasi "
        "Triwulan). Tanpa opsi ini: formulir LKjIP tahunan.",
    ),
]

PROGRESS_FROM = 5
"""Show a progress bar when importing at least this many files."""

_STATUS_STYLE = {
    "diterima": "green",
    "sebagian": "yellow",
    "ditolak": "bold red",
    "lengkap": "green",
    "belum": "bold red",
    "perlu_dicek": "bold yellow",
    "versi_lama": "yellow",
    "dilewati": "dim",
    "draf": "green",
    "terkirim": "green",
    "gagal": "bold red",
    "tanpa_email": "bold red",
    "terlambat": "bold red",
}


def _styled(value: str) -> str:
    style = _STATUS_STYLE.get(value)
    return f"[{style}]{value}[/]" if style else value


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _print_result(result: Any, *, warnings: bool = True) -> None:
    from rich.console import Console

    console = Console()
    console.print(result.pesan, highlight=False, soft_wrap=True)
    if warnings:
        for p in result.peringatan:
            console.print(f"[bold yellow]Peringatan:[/] {p}", highlight=False, soft_wrap=True)


def _print_import(result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    files = result.data["files"]
    if files:
        table = Table(title="Hasil impor formulir")
        table.add_column("File", overflow="fold", max_width=48)
        table.add_column("Unit", max_width=28)
        table.add_column("Status")
        table.add_column("Baris", justify="right")
        table.add_column("Masalah", justify="right")
        for f in files:
            status = _styled(f["status"]) + (" (sudah diimpor)" if f.get("duplikat") else "")
            table.add_row(
                f["file"],
                f["unit"] or "-",
                status,
                str(f["rows_accepted"]),
                str(len(f["errors"])),
            )
        console.print(table)
    for f in files:
        if not f["errors"]:
            continue
        console.print(f"[bold]{f['file']}[/]", highlight=False)
        for e in f["errors"]:
            where = " ".join(p for p in (e["sheet"], e["cell"]) if p)
            line = f"  - {where + ': ' if where else ''}{e['pesan']}"
            if e.get("perbaikan"):
                line += f" [dim]Perbaikan: {e['perbaikan']}[/]"
            console.print(line, highlight=False, soft_wrap=True)
    console.print(result.pesan, highlight=False, soft_wrap=True)
    for note in result.data.get("dilewati", []):
        console.print(f"[dim]{note}[/]", highlight=False)


def _print_status(result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    tw = result.data.get("triwulan")
    title = f"Kiriman formulir LKjIP {result.data['tahun']}"
    if tw:
        title = (
            f"Kiriman formulir triwulan {('I', 'II', 'III', 'IV')[tw - 1]} {result.data['tahun']}"
        )
    table = Table(title=title)
    for header in ("Unit", "E-mail", "Status", "Indikator", "Diterima", "Dikirim ke unit"):
        table.add_column(header)
    for u in result.data["units"]:
        state = _styled(u["status"]) + (" " + _styled("terlambat") if u.get("terlambat") else "")
        table.add_row(
            u["nama"],
            u["email"] or "[red](tanpa e-mail)[/]",
            state,
            f"{u['baris_valid']}/{u['indikator']}",
            (u["diterima"] or "-").replace("T", " "),
            (u["dikirim"] or "-").replace("T", " "),
        )
    console = Console()
    console.print(table)
    _print_result(result)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    forms_app = typer.Typer(
        name="forms",
        help="Formulir data untuk Kasi/Lurah: buat, kirim lewat e-mail, impor, lihat status.",
        no_args_is_help=True,
    )

    @forms_app.command("export")
    def export_cmd(
        workbook: WorkbookOpt,
        out: OutOpt = None,
        triwulan: TriwulanOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Buat satu formulir .xlsx (tanpa makro) per unit dari sheet Format Data."""
        from lkjip_xl.actions.forms import export_forms
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = export_forms(gw, out, triwulan=triwulan)
        if as_json:
            _echo_json(result.data)
        else:
            _print_result(result)

    @forms_app.command("email")
    def email_cmd(
        workbook: WorkbookOpt,
        out: OutOpt = None,
        kirim: Annotated[
            bool,
            typer.Option(
                "--kirim",
                help="Kirim langsung lewat SMTP (server di Pengaturan; kata sandi dari "
                "LKJIP_SMTP_PASSWORD atau ditanyakan, tidak disimpan). Bawaan: draf .eml.",
            ),
        ] = False,
        pengingat: Annotated[
            bool,
            typer.Option(
                "--pengingat", help="Hanya untuk unit yang belum mengirim data lengkap dan sah."
            ),
        ] = False,
        triwulan: TriwulanOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Buat e-mail per unit dengan formulirnya terlampir (draf .eml atau kirim)."""
        import os

        from lkjip_xl.actions.forms import email_forms
        from lkjip_xl.forms.mailer import PASSWORD_ENV
        from lkjip_xl.workbook.gateway import open_workbook

        password: str | None = None
        if kirim and not os.environ.get(PASSWORD_ENV):
            with open_workbook(workbook) as gw:
                settings = gw.profile().surel
            if settings.smtp_user:
                password = typer.prompt(
                    f"Kata sandi SMTP untuk {settings.smtp_user}", hide_input=True
                )
        with open_workbook(workbook, write=True) as gw:
            result = email_forms(
                gw, out, kirim=kirim, pengingat=pengingat, password=password, triwulan=triwulan
            )
        if as_json:
            _echo_json(result.data)
        else:
            _print_result(result)

    @forms_app.command("import")
    def import_cmd(
        workbook: WorkbookOpt,
        paths: Annotated[
            list[Path] | None,
            typer.Argument(
                help="File .xlsx/.xlsm/.xls/.ods/.zip/.eml atau folder. Bawaan: folder "
                "'kotak_masuk' di samping workbook.",
                show_default=False,
            ),
        ] = None,
        as_json: JsonOpt = False,
        paksa: Annotated[
            bool,
            typer.Option(
                "--paksa",
                help="Ambil juga formulir yang ditahan (perlu_dicek) atau versi lama, setelah "
                "Anda memastikannya dengan unit.",
            ),
        ] = False,
        triwulan: TriwulanOpt = None,
    ) -> None:
        """Impor formulir yang dikembalikan unit ke sheet Kiriman (setelah diarsipkan).

        Diterima: .xlsx/.xlsm (Excel, WPS, LibreOffice), .xls, .ods, .zip berisi formulir,
        e-mail .eml (lampiran tanpa ekstensi dikenali dari isinya).
        """
        from lkjip_xl.actions.forms import import_forms
        from lkjip_xl.forms.collect import collect_paths
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            targets = list(paths) if paths else None
            count = len(collect_paths(targets or [gw.workspace.inbox])[0]) if not as_json else 0
            if count >= PROGRESS_FROM:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeRemainingColumn,
                )

                with Progress(
                    TextColumn("Mengimpor"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeRemainingColumn(),
                    TextColumn("{task.description}"),
                    transient=True,
                ) as bar:
                    task = bar.add_task("", total=count)

                    def tick(i: int, n: int, name: str) -> None:
                        bar.update(task, completed=i - 1, total=n, description=name)

                    result = import_forms(
                        gw, targets, progress=tick, paksa=paksa, triwulan=triwulan
                    )
            else:
                result = import_forms(gw, targets, paksa=paksa, triwulan=triwulan)
        if as_json:
            _echo_json(result.data)
        else:
            _print_import(result)

    @forms_app.command("status")
    def status_cmd(
        workbook: WorkbookOpt, triwulan: TriwulanOpt = None, as_json: JsonOpt = False
    ) -> None:
        """Unit mana yang sudah mengirim, kapan, sah atau tidak, dan siapa yang belum."""
        from lkjip_xl.actions.forms import forms_status
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook) as gw:
            result = forms_status(gw, triwulan=triwulan)
        if as_json:
            _echo_json(result.data)
        else:
            _print_status(result)

    app.add_typer(forms_app, name="forms")
