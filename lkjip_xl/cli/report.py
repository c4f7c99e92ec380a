"""CLI commands: ``lkjip report``, ``lkjip letter``, ``lkjip letter-void``, ``lkjip archive``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

WorkbookOpt = Annotated[
    Path,
    typer.Option("--workbook", "-w", help="Workbook LKjIP (.xlsm).", show_default=False),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Folder hasil (bawaan: folder 'keluaran' di samping workbook)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Tampilkan hasil sebagai JSON.")]
PakaiOpt = Annotated[
    str | None,
    typer.Option(
        "--pakai",
        metavar="word|workbook",
        help="Bila isian narasi diubah di workbook DAN di Word sejak versi itu dibuat: "
        "'word' = teks Word menggantikan isi sel; 'workbook' = isi sel dipertahankan. Tanpa "
        "pilihan ini perintah berhenti dan menampilkan kedua teks.",
        show_default=False,
    ),
]
TanggalOpt = Annotated[
    str | None,
    typer.Option("--tanggal", metavar="YYYY-MM-DD", help="Tanggal dokumen (bawaan: hari ini)."),
]


def _date(text: str | None) -> Any:
    import datetime as dt

    from lkjip_xl.errors import LkjipError

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise LkjipError(
            f"Tanggal '{text}' tidak dikenal. Tulis dengan format TAHUN-BULAN-TANGGAL, "
            "mis. 2026-01-20."
        ) from None


def _pakai(text: str | None) -> str | None:
    from lkjip_xl.errors import LkjipError

    if text is None:
        return None
    value = text.strip().lower()
    if value not in ("word", "workbook"):
        raise LkjipError(
            f"Pilihan --pakai '{text}' tidak dikenal. Tulis --pakai word (teks Word dipakai) "
            "atau --pakai workbook (isi sel workbook dipakai)."
        )
    return value


class Tahap(StrEnum):
    draft = "draft"
    koreksi = "koreksi"
    final = "final"


def _print(result: Any, as_json: bool) -> None:
    from rich.console import Console

    console = Console()
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "pesan": result.pesan,
                    "files": [str(p) for p in result.files],
                    "data": result.data,
                    "peringatan": result.peringatan,
                },
                default=str,
                ensure_ascii=False,
            )
        )
        return
    console.print(result.pesan, highlight=False, soft_wrap=True)
    for p in result.peringatan:
        console.print(f"[bold yellow]Peringatan:[/] {p}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("report")
    def report(
        workbook: WorkbookOpt,
        out: OutOpt = None,
        pdf: Annotated[
            bool, typer.Option("--pdf", help="Buat juga PDF (LibreOffice atau Word).")
        ] = False,
        tahap: Annotated[
            Tahap | None,
            typer.Option(
                "--tahap",
                help="draft, koreksi atau final. Bawaan: dari tahapan SOP di jurnal "
                "(final setelah langkah 7 selesai, koreksi setelah langkah 5).",
            ),
        ] = None,
        tanggal: TanggalOpt = None,
        paksa: Annotated[
            bool,
            typer.Option(
                "--paksa",
                help="Darurat: buat versi final walaupun belum lengkap (wajib --alasan; "
                "dicatat di sheet Log).",
            ),
        ] = False,
        alasan: Annotated[
            str,
            typer.Option(
                "--alasan",
                help="Alasan memaksa versi final, atau membuat versi final baru setelah surat "
                "pengantar dibuat (dicatat di Log).",
            ),
        ] = "",
        pakai: PakaiOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Buat LKjIP (Word) versi baru dari data workbook (SOP langkah 4-7).

        Narasi yang diubah di Word pada dokumen terbaru dari workbook ini diambil dulu.
        """
        from lkjip_xl.actions.report import make_report
        from lkjip_xl.workbook.gateway import open_workbook

        day = _date(tanggal)
        with open_workbook(workbook, write=True) as gw:
            result = make_report(
                gw,
                out,
                pdf,
                tahap=tahap.value if tahap else None,
                tanggal=day,
                paksa=paksa,
                alasan=alasan,
                pakai=_pakai(pakai),
            )
        _print(result, as_json)

    @app.command("letter")
    def letter(
        workbook: WorkbookOpt,
        out: OutOpt = None,
        hal: Annotated[
            str | None, typer.Option("--hal", help="Hal surat (bawaan: Penyampaian LKjIP ...).")
        ] = None,
        lampiran: Annotated[
            int, typer.Option("--lampiran", min=0, help="Jumlah berkas lampiran.")
        ] = 1,
        sifat: Annotated[str, typer.Option("--sifat", help="Sifat surat.")] = "Biasa",
        batal: Annotated[
            str | None,
            typer.Option(
                "--batal",
                metavar="NOMOR",
                help="Batalkan nomor surat ini (tidak membuat surat baru); wajib --alasan.",
            ),
        ] = None,
        alasan: Annotated[str, typer.Option("--alasan", help="Alasan pembatalan.")] = "",
        tanggal: TanggalOpt = None,
        baru: Annotated[
            bool,
            typer.Option("--baru", help="Buat surat kedua walaupun tahun ini sudah ada surat."),
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Buat surat pengantar LKjIP dengan nomor berikutnya dari Register Surat (langkah 8)."""
        from lkjip_xl.actions.report import make_letter, void_letter
        from lkjip_xl.workbook.gateway import open_workbook

        day = _date(tanggal)
        with open_workbook(workbook, write=True) as gw:
            if batal:
                result = void_letter(gw, batal, alasan)
            else:
                result = make_letter(
                    gw, out, hal=hal, lampiran=lampiran, sifat=sifat, tanggal=day, baru=baru
                )
        _print(result, as_json)

    narasi_app = typer.Typer(
        help="Narasi laporan: ambil suntingan Word kembali ke workbook.", no_args_is_help=True
    )
    app.add_typer(narasi_app, name="narasi")

    @narasi_app.command("ambil")
    def narasi_ambil(
        workbook: WorkbookOpt,
        file: Annotated[
            Path | None,
            typer.Argument(
                help="Dokumen LKjIP (.docx) yang disunting, mis. kiriman Sekcam, atau folder "
                "(diambil dokumen terbaru dari workbook ini di dalamnya, apa pun namanya). "
                "Bawaan: dokumen terbaru di folder keluaran.",
                show_default=False,
            ),
        ] = None,
        pakai: PakaiOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Tulis isian narasi yang diubah di Word ke workbook.

        Teks di luar kotak isian disimpan di sheet Narasi (Tambahan dari Word) dan dimuat lagi.

        Isian yang juga diubah di workbook: berhenti, kedua teks ditampilkan; pilih --pakai.
        """
        from lkjip_xl.actions.narasi import ambil_narasi
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = ambil_narasi(gw, file, pakai=_pakai(pakai))
        _print(result, as_json)

    @app.command("letter-void")
    def letter_void(
        nomor: Annotated[str, typer.Argument(help="Nomor surat yang dibatalkan.")],
        workbook: WorkbookOpt,
        alasan: Annotated[str, typer.Option("--alasan", help="Alasan pembatalan (wajib).")],
        as_json: JsonOpt = False,
    ) -> None:
        """Batalkan nomor surat: ditandai Batal di register dan tidak dipakai lagi."""
        from lkjip_xl.actions.report import void_letter
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = void_letter(gw, nomor, alasan)
        _print(result, as_json)

    @app.command("archive")
    def archive(
        workbook: WorkbookOpt,
        pdf: Annotated[
            bool,
            typer.Option("--pdf", help="Buat PDF laporan final dan surat bila belum ada."),
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Arsipkan LKjIP final, surat pengantar dan salinan workbook (langkah 8)."""
        from lkjip_xl.actions.report import archive as do_archive
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = do_archive(gw, pdf=pdf)
        _print(result, as_json)
