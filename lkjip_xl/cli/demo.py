"""CLI: ``lkjip demo`` — the whole SOP on built-in demo data."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add the demo command to the main app."""

    @app.command("demo")
    def demo(
        out: Path = typer.Option(Path("demo_lkjip"), "--out", help="Folder hasil demo."),
        tahun: int = typer.Option(2025, "--tahun", help="Tahun kinerja yang dilaporkan."),
        pdf: bool = typer.Option(False, "--pdf", help="Buat juga PDF laporan final."),
    ) -> None:
        """Jalankan kedelapan langkah SOP dengan data contoh (tanpa Excel)."""
        from rich.console import Console
        from rich.table import Table

        from lkjip_xl.demo.run import run_demo

        console = Console()
        with console.status("Menjalankan demo…") as status:
            result = run_demo(
                out,
                tahun=tahun,
                pdf=pdf,
                progress=lambda msg: (status.update(msg), console.log(msg)),
            )
        console.print(f"[bold green]{result.pesan.splitlines()[0]}[/]")
        for line in result.pesan.splitlines()[1:]:
            console.print(f"  • {line}")
        table = Table(title="Tahapan SOP (demo)")
        for col in ("No", "Aktivitas", "Mutu baku", "Durasi kerja", "Status"):
            table.add_column(col)
        for s in result.data.get("langkah", []):
            table.add_row(
                str(s["no"]),
                str(s["aktivitas"]),
                str(s.get("mutu_baku", "")),
                str(s.get("durasi") or "-"),
                str(s.get("keterangan_status") or s["status"]),
            )
        console.print(table)
        console.print(f"Hasil ada di folder: [bold]{result.data['folder']}[/]")
        if result.data.get("paket_zip"):
            console.print(f"Paket untuk Bagian Organisasi: [bold]{result.data['paket_zip']}[/]")
        for warning in result.peringatan:
            console.print(f"[yellow]Peringatan:[/] {warning}")
