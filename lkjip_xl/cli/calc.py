"""CLI commands of the calculations: ``lkjip ikm``, ``lkjip sakip``, ``lkjip capaian``.

Thin: parse the arguments, call :mod:`lkjip_xl.actions.calc`, print a JSON
object (``--json``, unrounded floats) or an Indonesian rich table.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["register"]


class RegulasiOpt(StrEnum):
    r2017 = "2017"
    r2004 = "2004"


class BobotOpt(StrEnum):
    exact = "exact"
    b0111 = "0.111"


class GabunganOpt(StrEnum):
    pooled = "pooled"
    mean = "mean"


class SkemaOpt(StrEnum):
    s2021 = "2021"
    s2015 = "2015"


class PolaritasOpt(StrEnum):
    naik = "naik"
    turun = "turun"


class RumusTurunOpt(StrEnum):
    selisih = "selisih"
    rasio = "rasio"


def _print_json(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def ikm_command(
    input: Annotated[
        Path,
        typer.Argument(
            help="File jawaban SKM (.csv, .xlsx, .xlsm, .xls atau .ods; juga ekspor Google "
            "Forms/Microsoft Forms), satu baris per responden."
        ),
    ],
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="Nama sheet berisi jawaban (bawaan: sheet 'SKM' atau sheet pertama yang "
            "berisi kolom unsur).",
        ),
    ] = None,
    unit_column: Annotated[
        str | None,
        typer.Option(
            "--unit-column",
            help="Nama kolom unit layanan (bawaan: kolom 'Unit Layanan' bila ada).",
        ),
    ] = None,
    regulasi: Annotated[
        RegulasiOpt,
        typer.Option(
            "--regulasi", help="2017 = PermenPAN-RB 14/2017 (9 unsur); 2004 = KepMenPAN 25/2004."
        ),
    ] = RegulasiOpt.r2017,
    bobot: Annotated[
        BobotOpt,
        typer.Option("--bobot", help="Bobot unsur: exact = 1/jumlah unsur; 0.111 = dibulatkan."),
    ] = BobotOpt.exact,
    gabungan: Annotated[
        GabunganOpt,
        typer.Option(
            "--gabungan",
            help="IKM keseluruhan: pooled = semua responden; mean = rata-rata indeks unit.",
        ),
    ] = GabunganOpt.pooled,
    populasi: Annotated[
        int | None,
        typer.Option(
            "--populasi",
            help="Jumlah penerima layanan setahun, untuk sampel minimum Krejcie & Morgan.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Cetak hasil sebagai JSON (angka tanpa pembulatan).")
    ] = False,
) -> None:
    """Hitung IKM (Indeks Kepuasan Masyarakat) dari jawaban SKM: per unsur, unit, keseluruhan."""
    from lkjip_xl.actions.calc import ikm_from_file

    result = ikm_from_file(
        input,
        regulasi=regulasi.value,
        bobot=bobot.value,
        gabungan=gabungan.value,
        unit_column=unit_column,
        populasi=populasi,
        sheet=sheet,
    )
    if as_json:
        _print_json(_ikm_json(result, with_sample=populasi is not None))
        return
    _show_ikm(result, input)


_IKM_KEYS = (
    "regulasi",
    "bobot",
    "gabungan",
    "responden",
    "nrr",
    "nrr_tertimbang",
    "kosong",
    "indeks",
    "ikm",
    "mutu",
    "kinerja",
    "per_unit",
    "sampel_minimum",
    "peringatan",
    "jawaban_teks",
)


def _ikm_json(result: Any, *, with_sample: bool) -> dict[str, Any]:
    """The ``--json`` object: contract keys first, unrounded floats."""
    data = result.model_dump()
    out = {key: data[key] for key in _IKM_KEYS if key in data}
    if not with_sample:
        out.pop("sampel_minimum", None)
    return out


def _show_ikm(result: Any, source: Path) -> None:
    from rich.table import Table

    from lkjip_xl.domain.ikm import (
        BOBOT_LABEL,
        GABUNGAN_LABEL,
        REGULASI_LABEL,
        UNSUR_2004,
        UNSUR_2017,
    )
    from lkjip_xl.domain.numbers import format_id

    names = UNSUR_2017 if result.regulasi == "2017" else UNSUR_2004
    console = _console()
    table = Table(title=f"IKM per unsur — {source.name}", title_justify="left")
    table.add_column("Kode")
    table.add_column("Unsur")
    table.add_column("NRR", justify="right")
    table.add_column("NRR tertimbang", justify="right")
    table.add_column("Kosong", justify="right")
    for code, name in names.items():
        table.add_row(
            code,
            name,
            format_id(result.nrr[code], 3),
            format_id(result.nrr_tertimbang[code], 3),
            format_id(result.kosong[code], 0),
        )
    console.print(table)

    summary = Table(title="IKM keseluruhan", title_justify="left", show_header=False)
    summary.add_column("")
    summary.add_column("")
    summary.add_row("Regulasi", REGULASI_LABEL[result.regulasi])
    summary.add_row("Bobot", BOBOT_LABEL[result.bobot])
    summary.add_row("Gabungan", GABUNGAN_LABEL[result.gabungan])
    summary.add_row("Responden", format_id(result.responden, 0))
    if result.sampel_minimum is not None:
        summary.add_row("Sampel minimum", format_id(result.sampel_minimum, 0))
    summary.add_row("Indeks (1–4)", format_id(result.indeks, 4))
    summary.add_row("IKM (konversi)", format_id(result.ikm, 2))
    summary.add_row("Mutu pelayanan", result.mutu)
    summary.add_row("Kinerja unit pelayanan", result.kinerja)
    console.print(summary)

    if result.per_unit:
        units = Table(title="IKM per unit layanan", title_justify="left")
        units.add_column("Unit layanan")
        units.add_column("Responden", justify="right")
        units.add_column("Indeks", justify="right")
        units.add_column("IKM", justify="right")
        units.add_column("Mutu")
        units.add_column("Kinerja")
        for name, unit in result.per_unit.items():
            units.add_row(
                name,
                format_id(unit.responden, 0),
                format_id(unit.indeks, 4),
                format_id(unit.ikm, 2),
                unit.mutu,
                unit.kinerja,
            )
        console.print(units)
    for warning in result.peringatan:
        console.print(f"[yellow]Peringatan:[/] {warning}")


def sakip_command(
    nilai: Annotated[str, typer.Argument(help="Nilai SAKIP dari LHE, mis. 72,45.")],
    skema: Annotated[
        SkemaOpt,
        typer.Option("--skema", help="2021 = PermenPAN-RB 88/2021; 2015 = PermenPAN-RB 12/2015."),
    ] = SkemaOpt.s2021,
    as_json: Annotated[bool, typer.Option("--json", help="Cetak hasil sebagai JSON.")] = False,
) -> None:
    """Tentukan predikat dan interpretasi Nilai SAKIP."""
    from lkjip_xl.actions.calc import sakip_from_text

    result = sakip_from_text(nilai, skema.value)
    if as_json:
        _print_json(result.model_dump())
        return
    from rich.table import Table

    from lkjip_xl.domain.numbers import format_id
    from lkjip_xl.domain.sakip import SKEMA_LABEL

    table = Table(title="Nilai SAKIP", title_justify="left", show_header=False)
    table.add_column("")
    table.add_column("")
    table.add_row("Nilai", format_id(result.nilai, 2))
    table.add_row("Predikat", result.predikat)
    table.add_row("Interpretasi", result.interpretasi)
    table.add_row("Skema", SKEMA_LABEL[result.skema])
    _console().print(table)


def capaian_command(
    target: Annotated[str, typer.Option("--target", help="Target, mis. 1.234,5 atau 80%.")],
    realisasi: Annotated[str, typer.Option("--realisasi", help="Realisasi, mis. 1.250.")],
    polaritas: Annotated[
        PolaritasOpt,
        typer.Option(
            "--polaritas", help="naik = makin tinggi makin baik; turun = makin rendah makin baik."
        ),
    ] = PolaritasOpt.naik,
    rumus_turun: Annotated[
        RumusTurunOpt,
        typer.Option(
            "--rumus-turun",
            help="Rumus indikator turun: selisih = (2T−R)/T; rasio = T/R.",
        ),
    ] = RumusTurunOpt.selisih,
    batas_atas: Annotated[
        str | None,
        typer.Option("--batas-atas", help="Batas atas capaian dalam persen (bawaan: tanpa batas)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Cetak hasil sebagai JSON.")] = False,
) -> None:
    """Hitung capaian kinerja satu indikator (realisasi terhadap target) dan kategorinya."""
    from lkjip_xl.actions.calc import capaian_from_text

    result = capaian_from_text(target, realisasi, polaritas.value, rumus_turun.value, batas_atas)
    if as_json:
        _print_json(result.model_dump())
        return
    from rich.table import Table

    from lkjip_xl.domain.numbers import format_id

    table = Table(title="Capaian kinerja", title_justify="left", show_header=False)
    table.add_column("")
    table.add_column("")
    table.add_row("Target", target)
    table.add_row("Realisasi", realisasi)
    table.add_row(
        "Polaritas",
        "naik (makin tinggi makin baik)"
        if polaritas.value == "naik"
        else "turun (makin rendah makin baik)",
    )
    table.add_row("Capaian", "-" if result.capaian is None else f"{format_id(result.capaian, 2)}%")
    table.add_row("Kategori", result.kategori or "-")
    if result.catatan:
        table.add_row("Catatan", result.catatan)
    _console().print(table)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.command("ikm")(ikm_command)
    app.command("sakip")(sakip_command)
    app.command("capaian")(capaian_command)
