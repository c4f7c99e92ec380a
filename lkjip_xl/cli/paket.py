"""CLI commands ``lkjip paket`` and ``lkjip kota gabung``: the year's package for the Bagian
Organisasi and the city table merged from many OPDs' packages (issue 22)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lkjip_xl.cli.report import JsonOpt, WorkbookOpt, _print


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("paket")
    def paket(
        workbook: WorkbookOpt,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                help="Folder tempat paket dibuat (bawaan: folder 'keluaran' di samping workbook).",
            ),
        ] = None,
        pdf: Annotated[
            bool,
            typer.Option(
                "--pdf",
                help="Buat juga PDF setiap dokumen yang belum punya PDF (perlu Word atau "
                "LibreOffice).",
            ),
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Buat paket untuk Bagian Organisasi: satu folder dan .zip berisi PK, Rencana Aksi,
        Monev TW I–IV, LKjIP final dan surat pengantar (dinamai sesuai daftar unggah reviu
        e-SAKIP), ditambah workbook data kinerja per indikator. Dokumen yang belum ada
        didaftar beserta perintah untuk membuatnya."""
        from lkjip_xl.actions.paket import make_paket
        from lkjip_xl.workbook.gateway import open_workbook

        with open_workbook(workbook, write=True) as gw:
            result = make_paket(gw, out, pdf=pdf)
        _print(result, as_json)

    kota_app = typer.Typer(
        name="kota",
        help="Untuk Bagian Organisasi: gabungkan data kinerja semua OPD menjadi satu tabel kota.",
        no_args_is_help=True,
    )

    @kota_app.command("gabung")
    def gabung(
        folder: Annotated[
            Path,
            typer.Argument(
                help="Folder berisi file 09_Data_Kinerja_<OPD>_<tahun>.xlsx (atau paket .zip) "
                "dari setiap OPD.",
                show_default=False,
            ),
        ],
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                help="File tabel kota (.xlsx); bawaan: Tabel_Kota_LKjIP_<tahun>.xlsx di "
                "folder itu.",
            ),
        ] = None,
        tahun: Annotated[
            int | None,
            typer.Option("--tahun", help="Tahun tabel kota (bawaan: tahun kebanyakan file)."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Baca data kinerja semua OPD dalam FOLDER menjadi satu tabel kota (.xlsx), dengan
        pemeriksaan per OPD: tahun sama, kolom wajib lengkap, OPD ganda, capaian dihitung
        ulang, realisasi triwulan yang kosong. File yang bermasalah tidak menghentikan yang
        lain."""
        from lkjip_xl.actions.kota import gabung as merge

        _print(merge(folder, out, tahun=tahun), as_json)

    app.add_typer(kota_app, name="kota")
