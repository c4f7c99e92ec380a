"""Action: the Rencana Aksi sheet and its Word document (``lkjip rencana-aksi``; issue 22).

Rows come from the one model's indicators: an indicator without a row gets one with defaults
from its annual target (:mod:`lkjip_xl.domain.rencana_aksi`); rows staff edited keep their
values (only Kode, Indikator, Satuan and Target Tahunan follow Format Data). Quarters that do
not give the annual target by the row's rule are warnings naming the cell. The document is a
new version each time (``Rencana_Aksi_<opd>_<tahun>_v<N>.docx``), signed by the Camat.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult
from lkjip_xl.errors import LkjipError
from lkjip_xl.files import sha256_file
from lkjip_xl.journal import Journal
from lkjip_xl.workbook.gateway import Gateway

__all__ = ["EV_RENCANA_AKSI", "rencana_aksi"]

EV_RENCANA_AKSI = "rencana_aksi_dibuat"
TW_KEYS = ("tw1", "tw2", "tw3", "tw4")


def _num(value: Any) -> float | None:
    from lkjip_xl.domain.numbers import parse_number

    try:
        return parse_number(value)
    except ValueError:
        return None


def rencana_aksi(
    gw: Gateway, out: Path | None = None, *, tanggal: dt.date | None = None
) -> ActionResult:
    """Fill the Rencana Aksi sheet's missing rows and write the document for signature."""
    from lkjip_xl.actions import kinerja as kinerja_action
    from lkjip_xl.actions.base import reserve_version
    from lkjip_xl.domain import rencana_aksi as D
    from lkjip_xl.report import rencana_aksi as R
    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.cells import col_letter

    found = kinerja_action.gather(gw)
    profile = found.profile
    indikator = found.kinerja.indikator
    if not indikator:
        raise LkjipError(
            "Sheet Format Data belum berisi indikator: Rencana Aksi tidak dapat dibuat. Isi "
            "indikator dan targetnya di Format Data."
        )
    table = S.RENCANA_AKSI_T
    existing = {str(r.get("kode") or "").strip(): r for r in gw.read_rows(table)}
    rows: list[dict[str, Any]] = []
    added: list[str] = []
    for r in indikator:
        old = existing.get(r.kode)
        row: dict[str, Any] = {
            "kode": r.kode,
            "indikator": r.indikator,
            "satuan": r.satuan,
            "target": r.target,
        }
        typed = old is not None and (
            any(old.get(k) is not None for k in TW_KEYS) or old.get("aturan")
        )
        if typed:
            assert old is not None
            row |= {k: old.get(k) for k in ("aturan", *TW_KEYS, "kegiatan", "penanggung_jawab")}
        else:
            aturan = D.default_rule(r.jenis, r.satuan)
            row |= dict(zip(TW_KEYS, D.default_quarters(r.target, aturan), strict=True))
            row |= {
                "aturan": aturan,
                "kegiatan": (old or {}).get("kegiatan"),
                "penanggung_jawab": (old or {}).get("penanggung_jawab") or r.penanggung_jawab,
            }
            added.append(r.kode)
        rows.append(row)
    warnings: list[str] = []
    dropped = [k for k in existing if k and k not in {r.kode for r in indikator}]
    if dropped:
        warnings.append(
            f"Baris Rencana Aksi {', '.join(dropped)} dihapus: kodenya tidak ada lagi di "
            "Format Data."
        )
    gw.write_rows(table, rows)
    first = table.header_row + 1
    tw_col = col_letter(table.col_index("tw1"))
    tw4_col = col_letter(table.col_index("tw4"))
    kegiatan_col = col_letter(table.col_index("kegiatan"))
    no_kegiatan: list[str] = []
    for i, row in enumerate(rows):
        tw = [_num(row.get(k)) for k in TW_KEYS]
        problem = D.quarter_problem(_num(row.get("target")), str(row.get("aturan") or ""), tw)
        r = first + i
        cell = f"{tw_col}{r}:{tw4_col}{r}" if row.get("aturan") == "Kumulatif" else f"{tw4_col}{r}"
        if problem:
            warnings.append(
                f"{gw.path.name}, sheet {S.RENCANA_AKSI}, sel {cell}: {row['kode']}: "
                f"{problem}. Perbaiki target triwulan atau Aturan Triwulan."
            )
        if not str(row.get("kegiatan") or "").strip():
            no_kegiatan.append(f"{row['kode']} ({kegiatan_col}{first + i})")
    if no_kegiatan:
        warnings.append(
            f"Kegiatan belum diisi di sheet {S.RENCANA_AKSI} untuk {', '.join(no_kegiatan)}; "
            "di dokumen tertulis '-'."
        )
    day = tanggal or clock.today()
    folder = Path(out) if out is not None else gw.workspace.outputs
    journal = Journal(gw.workspace.journal)
    earlier = [e for e in journal.events(EV_RENCANA_AKSI) if e.get("tahun") == profile.tahun]
    versi, path = reserve_version(
        folder,
        f"Rencana_Aksi_{profile.opd_singkat}_{profile.tahun}",
        (int(e.get("versi", 0)) for e in earlier),
    )
    data = R.RencanaAksiDocument(
        opd=profile.opd,
        kota=profile.kota,
        tahun=profile.tahun,
        tanggal=day,
        camat=profile.official("camat"),
        baris=[
            R.Baris(
                kode=row["kode"],
                indikator=str(row.get("indikator") or ""),
                satuan=str(row.get("satuan") or ""),
                target=_num(row.get("target")),
                aturan=str(row.get("aturan") or ""),
                triwulan=[_num(row.get(k)) for k in TW_KEYS],
                kegiatan=str(row.get("kegiatan") or ""),
                penanggung_jawab=str(row.get("penanggung_jawab") or ""),
            )
            for row in rows
        ],
    )
    try:
        R.write_rencana_aksi(data, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    digest = sha256_file(path)
    journal.append(
        EV_RENCANA_AKSI,
        tahun=profile.tahun,
        versi=versi,
        tanggal=day.isoformat(),
        file=str(path.resolve()),
        sha256=digest,
    )
    gw.log(
        "Buat Rencana Aksi",
        f"{path.name} (versi {versi}, {len(rows)} indikator, tanggal {day:%d/%m/%Y}); "
        f"baris baru dengan target bawaan: {', '.join(added) or '-'}",
    )
    pesan = (
        f"Rencana Aksi {profile.opd} tahun {profile.tahun} versi {versi} ditulis: {path.name}. "
        f"{len(rows)} indikator; "
        + (
            f"{len(added)} baris baru di sheet Rencana Aksi diisi target bawaan dari target "
            "tahunan (dapat diubah di sel kuning)."
            if added
            else "target triwulan diambil dari sheet Rencana Aksi."
        )
    )
    return ActionResult(
        pesan,
        files=[path],
        data={
            "file": str(path),
            "versi": versi,
            "baru": added,
            "baris": [
                {k: row.get(k) for k in ("kode", "aturan", *TW_KEYS, "target")} for row in rows
            ],
            "sha256": digest,
        },
        peringatan=warnings,
    )
