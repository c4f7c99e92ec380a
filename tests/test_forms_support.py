"""Helpers shared by the tests of the data forms (imported by the ``test_forms_*`` modules).

Holds no tests itself. A workbook is seeded with a small Format Data; forms are filled
the way a Lurah would (openpyxl standing in for Excel: type into the yellow cells, save).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl

from lkjip_xl.actions import forms
from lkjip_xl.domain.profile import Profile
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workbook.profile_io import profile_to_tables

KELURAHAN = ["Wonoasih", "Jrebeng Kidul", "Pakistaji", "Kedunggaleng", "Kedungasem", "Sumbertaman"]


def indicators() -> list[dict[str, Any]]:
    """A small Format Data: IKM, SAKIP, a seksi indicator and one indicator per kelurahan."""
    rows: list[dict[str, Any]] = [
        dict(
            kode="IKU-01",
            sasaran="Meningkatnya kualitas pelayanan publik",
            indikator="Indeks Kepuasan Masyarakat (IKM)",
            satuan="Nilai",
            jenis="IKM",
            target=85,
            polaritas="Naik",
            penanggung_jawab="Kecamatan Wonoasih",
        ),
        dict(
            kode="IKU-02",
            sasaran="Meningkatnya akuntabilitas kinerja",
            indikator="Nilai SAKIP Kecamatan",
            satuan="Nilai",
            jenis="SAKIP",
            target=72.5,
            polaritas="Naik",
            penanggung_jawab="Kecamatan Wonoasih",
        ),
        dict(
            kode="IKU-03",
            sasaran="Meningkatnya kualitas pelayanan publik",
            indikator="Persentase layanan administrasi selesai tepat waktu",
            satuan="%",
            jenis="Lainnya",
            target=95,
            polaritas="Naik",
            penanggung_jawab="Seksi Pelayanan Umum",
        ),
        dict(
            kode="IKU-04",
            sasaran="Meningkatnya ketenteraman dan ketertiban",
            indikator="Jumlah gangguan trantibum yang tidak tertangani",
            satuan="kejadian",
            jenis="Lainnya",
            target=5,
            polaritas="Turun",
            penanggung_jawab="Seksi Ketenteraman dan Ketertiban Umum",
        ),
    ]
    for i, k in enumerate(KELURAHAN, start=1):
        rows.append(
            dict(
                kode=f"KEL-{i:02d}",
                sasaran="Meningkatnya kinerja pemerintahan kelurahan",
                indikator=f"Persentase realisasi PBB-P2 Kelurahan {k}",
                satuan="%",
                jenis="Lainnya",
                target=100,
                polaritas="Naik",
                penanggung_jawab=f"Kelurahan {k}",
            )
        )
    return rows


def seed(
    workbook: Path, rows: list[dict[str, Any]] | None = None, profile: Profile | None = None
) -> Path:
    """Fill Format Data (and optionally replace the profile in Pengaturan)."""
    with open_workbook(workbook, write=True) as gw:
        gw.write_rows(S.FORMAT, indicators() if rows is None else rows)
        if profile is not None:
            tables = profile_to_tables(profile)
            for table in (S.PROFIL, S.PEJABAT, S.UNIT, S.LIBUR):
                gw.write_rows(table, tables[table.name])
    return workbook


def export(workbook: Path, out: Path | None = None) -> dict[str, Path]:
    """Export the forms → {unit kode: path}."""
    with open_workbook(workbook, write=True) as gw:
        result = forms.export_forms(gw, out)
    return {f["kode_unit"]: Path(f["file"]) for f in result.data["forms"]}


def header(ws: Any) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(min_row=1, max_row=30):
        names = {str(c.value).strip(): c.column for c in row if c.value is not None}
        if "Realisasi" in names and "Kode" in names:
            return row[0].row, names
    raise AssertionError("no header row")


def data_rows(ws: Any) -> Iterator[tuple[int, str]]:
    top, cols = header(ws)
    for r in range(top + 1, ws.max_row + 1):
        kode = ws.cell(r, cols["Kode"]).value
        if kode:
            yield r, str(kode)


def fill(
    form: Path,
    dest: Path,
    realisasi: dict[str, Any],
    *,
    keterangan: dict[str, Any] | None = None,
    edit: dict[tuple[str, str], Any] | None = None,
    number_format: dict[str, str] | None = None,
) -> Path:
    """Fill a form as a Lurah would and save it to ``dest``.

    ``edit`` changes a locked cell: {(kode, header): value}. ``number_format`` sets the
    Realisasi cell's format (e.g. ``0%`` as Excel does when one types ``80%``).
    """
    wb = openpyxl.load_workbook(form)
    ws = wb["Isian"]
    _top, cols = header(ws)
    for r, kode in data_rows(ws):
        if kode in realisasi:
            ws.cell(r, cols["Realisasi"]).value = realisasi[kode]
        if keterangan and kode in keterangan:
            ws.cell(r, cols["Keterangan"]).value = keterangan[kode]
            ws.cell(r, cols["Bukti Dukung"]).value = f"Laporan {kode}.pdf"
        if number_format and kode in number_format:
            ws.cell(r, cols["Realisasi"]).number_format = number_format[kode]
        for (k, col), value in (edit or {}).items():
            if k == kode:
                ws.cell(r, cols[col]).value = value
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return _distinct_save_time(dest)


# (the scenario's clock at the previous fill, the save time given then)
_last_saved: list[tuple[dt.datetime, dt.datetime]] = []


def _distinct_save_time(path: Path) -> Path:
    """Give each filled form its own save time (a second after the previous one at least).

    A person never saves two versions of a form within one second, a test does; the import
    rightly holds two versions it cannot order (issue 21). The time follows the product's
    clock, so a scenario replayed with ``LKJIP_SEKARANG`` has save times that fit it. A clock
    set back (a later test replaying an earlier date) starts a new scenario: the save times
    of the previous one must not push this one's into its future.
    """
    from lkjip_xl import clock

    # "now" as the scenario has it (LKJIP_SEKARANG replays an SOP in the past)
    now = clock.now("UTC").replace(tzinfo=None, microsecond=0)
    earlier = [w for n, w in _last_saved if n <= now]
    when = max([now, *(t + dt.timedelta(seconds=1) for t in earlier)])
    _last_saved[:] = [(now, when)]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    data,
                )
            dst.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


def kiriman(workbook: Path) -> list[dict[str, Any]]:
    with open_workbook(workbook) as gw:
        return [{k: v for k, v in r.items() if k != "_row"} for r in gw.read_rows(S.KIRIMAN_T)]


def import_paths(workbook: Path, paths: list[Path] | None) -> dict[str, Any]:
    with open_workbook(workbook, write=True) as gw:
        return forms.import_forms(gw, paths).data


def values(workbook: Path) -> dict[tuple[str, str], float]:
    return {(r["unit"], r["kode"]): r["realisasi"] for r in kiriman(workbook)}
