"""``lkjip tahun-baru``: next year's workbook, written beside this one (this one untouched).

The new workbook is a copy of this one (same Pengaturan, officials, units, sheets, widths and
anything else staff added) with ``tahun`` + 1 and the year's data moved on:

* Format Data keeps its indicators and targets; this year's realisasi (as the engine computes
  it for the report: Kiriman, IKM from SKM, Nilai SAKIP) becomes Realisasi N-1 and N-1 becomes
  N-2, so the IKM and capaian history of the report carry on;
* SAKIP keeps every year's row (this year's included);
* Anggaran keeps its programmes and activities without pagu and realisasi;
* Kiriman, SKM answers, processed IKM, Tahapan SOP, Register Surat and Log start empty;
* the deadline moves on a year (an explicit ``batas_penyampaian`` one year later, else the
  default end of February) and past extra days off are dropped; the hidden holiday list
  behind Beranda is rewritten for the new year;
* the journal is per workbook (``jurnal/<name>.jsonl``) and scoped to the report year, so the
  new workbook starts without step events, imports or letter numbers.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from lkjip_xl.actions.base import ActionResult
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import Gateway, open_workbook
from lkjip_xl.workspace import Workspace

__all__ = ["default_target", "new_year"]


def default_target(path: Path, tahun: int) -> Path:
    """``LKjIP_Wonoasih.xlsm`` → ``LKjIP_Wonoasih_<tahun+1>.xlsm`` (a trailing ``_<tahun>`` is
    replaced)."""
    stem = path.stem
    suffix = f"_{tahun}"
    base = stem[: -len(suffix)] if stem.endswith(suffix) else stem
    return path.with_name(f"{base}_{tahun + 1}{path.suffix}")


def _shift_date(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _cell(table: S.Table, key: str, row: dict[str, Any]) -> str:
    return f"{col_letter(table.col_index(key))}{row['_row']}"


def _profile_changes(rows: list[dict[str, Any]], tahun: int) -> dict[str, Any]:
    """tblProfil cells to change: ``tahun`` + 1, an explicit deadline one year later, special
    working-hour periods that are over dropped. Nothing else is rewritten."""
    out: dict[str, Any] = {}
    for row in rows:
        key = str(row.get("kunci") or "").strip()
        where = _cell(S.PROFIL, "nilai", row)
        if key == "tahun":
            out[where] = tahun + 1
        elif key == "batas_penyampaian":
            d = _as_date(row.get("nilai"))
            if d is not None:
                out[where] = _shift_date(d)
        elif key == "jam_khusus" and row.get("nilai"):
            kept = _future_periods(row.get("nilai"), dt.date(tahun + 1, 1, 1))
            if kept != row.get("nilai"):
                out[where] = kept
    return out


def _future_periods(value: Any, first: dt.date) -> Any:
    """Special working-hour periods that end on or after ``first`` (older ones are dropped)."""
    from lkjip_xl.domain.worktime import format_periods, parse_periods

    text = str(value or "").strip()
    if not text:
        return value
    try:
        periods = parse_periods(text)
    except ValueError:
        return value  # left as typed; `lkjip periksa` names the cell
    return format_periods([p for p in periods if p.selesai >= first]) or None


def _format_changes(
    gw: Gateway, realisasi: dict[str, float | None]
) -> tuple[dict[str, Any], list[str]]:
    """Format Data cells to change: this year's realisasi → N-1, N-1 → N-2."""
    out: dict[str, Any] = {}
    missing = []
    for row in gw.read_rows(S.FORMAT):
        kode = str(row.get("kode") or "").strip()
        value = realisasi.get(kode)
        if kode and value is None:
            missing.append(kode)
        out[_cell(S.FORMAT, "realisasi_n2", row)] = row.get("realisasi_n1")
        out[_cell(S.FORMAT, "realisasi_n1", row)] = value
    return out, missing


def _budget_changes(gw: Gateway) -> dict[str, Any]:
    """Anggaran keeps its programmes and activities; pagu, realisasi and notes are emptied."""
    return {
        _cell(S.ANGGARAN_T, key, row): None
        for row in gw.read_rows(S.ANGGARAN_T)
        for key in ("pagu", "realisasi", "keterangan")
    }


def _past_days_off(gw: Gateway, tahun: int) -> dict[str, Any]:
    """Extra days off before the new year are cleared (date and note)."""
    return {
        _cell(S.LIBUR, key, row): None
        for row in gw.read_rows(S.LIBUR)
        if (d := _as_date(row.get("tanggal"))) is not None and d < dt.date(tahun + 1, 1, 1)
        for key in ("tanggal", "keterangan")
    }


def _check_target(gw: Gateway, target: Path, tahun: int) -> None:
    if target.suffix.lower() != ".xlsm":
        raise LkjipError(
            f"Nama file workbook tahun baru {target.name} harus berakhiran .xlsm.",
            [CellProblem("Akhiran file salah.", "Pakai --out dengan nama berakhiran .xlsm.")],
        )
    if target.resolve() == gw.path.resolve() or target.exists():
        raise LkjipError(
            f"File {target} sudah ada, jadi tidak ditimpa.",
            [
                CellProblem(
                    "Workbook tahun baru sudah pernah dibuat (atau namanya sama).",
                    "Buka file itu, atau pilih nama lain dengan --out.",
                    file=str(target),
                )
            ],
        )
    journal = Journal(Workspace(target).journal, tahun + 1)
    if journal.events():
        raise LkjipError(
            f"Jurnal {journal.path} sudah berisi catatan tahun {tahun + 1}, padahal workbook "
            f"{target.name} belum ada.",
            [
                CellProblem(
                    "Workbook tahun baru harus mulai dengan jurnal kosong.",
                    "Pindahkan file jurnal itu ke folder lain (jangan dihapus), lalu ulangi.",
                    file=str(journal.path),
                )
            ],
        )


def _place(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` without ever replacing an existing file."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise LkjipError(f"File {target} sudah ada, jadi tidak ditimpa.") from None
    except OSError:  # pragma: no cover - file systems without hard links
        if target.exists():
            raise LkjipError(f"File {target} sudah ada, jadi tidak ditimpa.") from None
        shutil.copy2(tmp, target)


def new_year(gw: Gateway, out: Path | str | None = None) -> ActionResult:
    """Write next year's workbook from this one; returns its path in ``files``."""
    from lkjip_xl.actions.kinerja import kinerja
    from lkjip_xl.actions.steps import _write_holidays
    from lkjip_xl.domain import sop
    from lkjip_xl.domain.worktime import WorkCalendar, format_date

    book = getattr(gw, "book", None)
    if book is not None:  # the live book in Excel: copy what is on screen, not an older save
        book.save()
    profile = gw.profile()
    tahun = profile.tahun
    target = Path(out) if out else default_target(gw.path, tahun)
    if not target.is_absolute() and out is None:
        target = gw.path.parent / target
    _check_target(gw, target, tahun)

    realisasi = {r.kode: r.realisasi for r in kinerja(gw).indikator if r.kode}
    format_cells, missing = _format_changes(gw, realisasi)
    changes: dict[str, dict[str, Any]] = {
        S.PENGATURAN: {
            **_profile_changes(gw.read_rows(S.PROFIL), tahun),
            **_past_days_off(gw, tahun),
        },
        S.FORMAT_DATA: format_cells,
        S.ANGGARAN: _budget_changes(gw),
    }
    sakip_years = {
        int(r["tahun"]) for r in gw.read_rows(S.SAKIP_T) if isinstance(r.get("tahun"), int)
    }
    regulasi = profile.aturan.ikm_regulasi

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".~lkjip-tahun-baru-", dir=target.parent))
    try:
        tmp = work / target.name
        shutil.copy2(gw.path, tmp)
        with open_workbook(tmp, write=True) as new:
            for sheet, cells in changes.items():
                for address, value in cells.items():
                    new.write_cell(sheet, address, value)
            for table in (
                S.KIRIMAN_T,
                S.skm_table(regulasi),
                S.ikm_olahan_table(regulasi),
                S.REGISTER_T,
                S.LOG_T,
            ):
                new.write_rows(table, [])
            nxt = new.profile()
            cal = WorkCalendar.from_profile(nxt)
            new.write_rows(S.TAHAPAN_T, sop.blank_sheet_rows(sop.steps_for(nxt), cal.day_minutes))
            _write_holidays(new, nxt)
            new.log(
                "Tahun baru",
                f"Workbook LKjIP tahun {tahun + 1} dibuat dari {gw.path.name} (tahun {tahun}).",
            )
        _place(tmp, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    peringatan = []
    if missing:
        peringatan.append(
            f"Realisasi tahun {tahun} belum ada untuk indikator {', '.join(missing)}: kolom "
            f"Realisasi N-1 di workbook baru kosong untuk indikator itu; isi bila datanya ada."
        )
    if tahun not in sakip_years:
        peringatan.append(
            f"Sheet SAKIP belum berisi Nilai SAKIP tahun {tahun}; riwayat SAKIP workbook baru "
            "tidak memuatnya. Isi dari LHE SAKIP bila sudah terbit."
        )
    pesan = (
        f"Workbook LKjIP tahun {tahun + 1} dibuat: {target.name} (di folder {target.parent}). "
        f"Realisasi {tahun} dipindah ke kolom Realisasi N-1; Kiriman, SKM, Tahapan SOP, "
        f"Register Surat dan Log dikosongkan; jurnal baru. Batas penyampaian: "
        f"{format_date(nxt.due_date())}. Workbook {gw.path.name} tidak diubah. Periksa target "
        f"{tahun + 1} di sheet Format Data dan pejabat di Pengaturan."
    )
    return ActionResult(
        pesan,
        files=[target],
        data={"workbook": str(target), "tahun": tahun + 1, "indikator_tanpa_realisasi": missing},
        peringatan=peringatan,
    )
