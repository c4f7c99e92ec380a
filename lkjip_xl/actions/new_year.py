"""``lkjip tahun-baru``: next year's workbook, written beside this one (this one untouched).

The new workbook is a copy of this one (same Pengaturan, officials, units, sheets, widths and
anything else staff added) with what the new-year rule (:mod:`lkjip_xl.workbook.new_year_rule`,
declared once and listed in README) moves on, empties or takes from the Renstra. Before it acts
it checks the year (:func:`lkjip_xl.workbook.year_checks.unfinished_year`: steps unfinished,
forms held, not archived) and stops unless ``paksa``; the new workbook's Log then records that
it started from an unfinished year.

The journal is per workbook (``jurnal/<name>.jsonl``) and scoped to the report year, so the new
workbook starts without step events, imports or letter numbers.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from lkjip_xl.actions.base import ActionResult
from lkjip_xl.errors import CellProblem, LkjipError, NeedsConfirmation
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import new_year_rule as R
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import Gateway, open_workbook
from lkjip_xl.workbook.year_checks import LOG_FORCED, LOG_NEW_YEAR
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


def _cell(table: S.Table, key: str, row: dict[str, Any]) -> str:
    return f"{col_letter(table.col_index(key))}{row['_row']}"


def _profile_changes(rows: list[dict[str, Any]], tahun: int) -> tuple[dict[str, Any], list[str]]:
    """tblProfil cells the rule changes (``maju``, ``kosong``, ``berlaku``), and warnings."""
    from lkjip_xl.workbook.profile_io import cell_date, labelled

    forward = {k for r in R.rules_for("maju", S.PROFIL.name) for k in r.keys}
    empty = {k for r in R.rules_for("kosong", S.PROFIL.name) for k in r.keys}
    current = {k for r in R.rules_for("berlaku", S.PROFIL.name) for k in r.keys}
    out: dict[str, Any] = {}
    notes: list[str] = []
    for row in rows:
        key = str(row.get("kunci") or "").strip()
        where = _cell(S.PROFIL, "nilai", row)
        value = row.get("nilai")
        if key in forward and key == "tahun":
            out[where] = tahun + 1
        elif key in forward and value is not None:  # a date: one year later
            try:
                d = cell_date(value)
            except ValueError:
                notes.append(
                    f"{labelled(key)} ('{value}', sel {where}) tidak dapat dibaca sebagai "
                    "tanggal, jadi tidak dimajukan: periksa di workbook baru."
                )
                continue
            if d is not None:
                out[where] = _shift_date(d)
        elif key in empty:
            out[where] = "Tidak" if key == "reviu_dilakukan" else None  # a Ya/Tidak row
        elif key in current and value:
            kept = _future_periods(value, dt.date(tahun + 1, 1, 1))
            if kept != value:
                out[where] = kept
    return out, notes


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
    gw: Gateway, realisasi: dict[str, float | None], renstra_periode: str, tahun: int
) -> tuple[dict[str, Any], list[str], list[str]]:
    """Format Data cells the rule changes: realisasi → N-1 → N-2 (``ke_n1``), the target from
    the Renstra column of the new year (``renstra``), the year's narratives emptied
    (``kosong``). Also: indicators without a realisasi, indicators without a Renstra target."""
    from lkjip_xl.domain.narasi import renstra_tahun_ke

    where = renstra_tahun_ke(renstra_periode, tahun + 1)
    n = where[2] if where and where[2] <= S.RENSTRA_YEARS else None
    empty = [c for r in R.rules_for("kosong", S.FORMAT.name) for c in r.columns]
    out: dict[str, Any] = {}
    missing, no_target = [], []
    for row in gw.read_rows(S.FORMAT):
        kode = str(row.get("kode") or "").strip()
        value = realisasi.get(kode)
        if kode and value is None:
            missing.append(kode)
        out[_cell(S.FORMAT, "realisasi_n2", row)] = row.get("realisasi_n1")
        out[_cell(S.FORMAT, "realisasi_n1", row)] = value
        target = row.get(f"target_th{n}") if n else None
        if not isinstance(target, int | float) or isinstance(target, bool):
            target = None
            if kode:
                no_target.append(kode)
        out[_cell(S.FORMAT, "target", row)] = target
        for key in empty:
            out[_cell(S.FORMAT, key, row)] = None
    return out, missing, no_target


def _column_changes(gw: Gateway, table: S.Table) -> dict[str, Any]:
    """Cells of ``table``'s columns the rule empties (``kosong`` with columns)."""
    keys = [c for r in R.rules_for("kosong", table.name) for c in r.columns]
    return {_cell(table, key, row): None for row in gw.read_rows(table) for key in keys}


def _narasi_changes(gw: Gateway) -> dict[str, Any]:
    """Narasi rows the rule empties (the year's conclusions, budget and SKM follow-up, …)."""
    from lkjip_xl.domain.narasi import is_extra

    keys = {k for r in R.rules_for("kosong", S.NARASI_T.name) for k in r.keys}
    return {
        _cell(S.NARASI_T, "isi", row): None
        for row in gw.read_rows(S.NARASI_T)
        if (str(row.get("kunci") or "").strip() in keys or is_extra(str(row.get("kunci") or "")))
        and row.get("isi") is not None
    }


def _past_days_off(gw: Gateway, tahun: int) -> dict[str, Any]:
    """Extra days off before the new year are cleared (date and note)."""
    from lkjip_xl.workbook.profile_io import cell_date

    def day(value: Any) -> dt.date | None:
        try:
            return cell_date(value)
        except ValueError:
            return None  # left as typed; `lkjip periksa` names the cell

    return {
        _cell(S.LIBUR, key, row): None
        for row in gw.read_rows(S.LIBUR)
        if (d := day(row.get("tanggal"))) is not None and d < dt.date(tahun + 1, 1, 1)
        for key in ("tanggal", "keterangan")
    }


def _open_items(gw: Gateway) -> list[dict[str, Any]] | None:
    """Rows of the ``terbuka`` tables (the LHE follow-up) still open: the new year keeps them.

    None for a workbook made before the sheet existed (nothing to carry).
    """
    from lkjip_xl.errors import LkjipError

    try:
        rows = gw.read_rows(S.TINDAK_LANJUT_LHE_T)
    except LkjipError:
        return None
    keys = [c.key for c in S.TINDAK_LANJUT_LHE_T.columns]
    return [
        {k: r.get(k) for k in keys}
        for r in rows
        if any(r.get(k) not in (None, "") for k in keys)
        and str(r.get("status") or "").strip().casefold() != "selesai"
    ]


def _emptied_tables(regulasi: str) -> list[S.Table]:
    """Whole tables the rule empties (the regulation decides the SKM tables' columns)."""
    by_name = {
        S.SKM_T.name: S.skm_table(regulasi),
        S.IKM_OLAHAN_T.name: S.ikm_olahan_table(regulasi),
    }
    return [
        by_name.get(r.table, S.TABLES[r.table])
        for r in R.rules_for("kosong")
        if r.table and not r.columns and not r.keys
    ]


def _unfinished(gw: Gateway, tahun: int, paksa: bool) -> list[CellProblem]:
    """What is still open in this year; refuses (asks, on the ribbon) unless ``paksa``."""
    from lkjip_xl.workbook.year_checks import unfinished_year

    problems = unfinished_year(gw)
    if problems and not paksa:
        raise NeedsConfirmation(
            f"Tahun {tahun} belum selesai ({len(problems)} hal di bawah), jadi workbook tahun "
            f"{tahun + 1} belum dibuat. Selesaikan dulu, atau bila tahun {tahun} memang ditutup "
            "begini ulangi dengan --paksa (workbook baru mencatatnya di sheet Log).",
            problems,
            pertanyaan=(
                f"Tahun {tahun} belum selesai:\n"
                + "\n".join(f"- {p.pesan}" for p in problems)
                + f"\n\nTetap buat workbook tahun {tahun + 1}? Workbook baru mencatat bahwa "
                "ia dibuat dari tahun yang belum selesai."
            ),
            konfirmasi={"paksa": True},
        )
    return problems


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


def new_year(gw: Gateway, out: Path | str | None = None, *, paksa: bool = False) -> ActionResult:
    """Write next year's workbook from this one; returns its path in ``files``.

    Refuses (:class:`NeedsConfirmation`) while this year is unfinished, unless ``paksa``.
    """
    from lkjip_xl.actions.kinerja import kinerja
    from lkjip_xl.actions.steps import _write_holidays
    from lkjip_xl.domain import sop
    from lkjip_xl.domain.worktime import WorkCalendar, format_date

    book = getattr(gw, "book", None)
    if book is not None:  # the live book in Excel: copy what is on screen, not an older save
        book.save()
    profile = gw.profile()
    tahun = profile.tahun
    target = Path(out) if out else default_target(gw.path, tahun)  # beside this workbook
    _check_target(gw, target, tahun)
    open_items = _unfinished(gw, tahun, paksa)

    realisasi = {r.kode: r.realisasi for r in kinerja(gw).indikator if r.kode}
    format_cells, missing, no_target = _format_changes(
        gw, realisasi, profile.renstra_periode, tahun
    )
    profil_cells, notes = _profile_changes(gw.read_rows(S.PROFIL), tahun)
    changes: dict[str, dict[str, Any]] = {
        S.PENGATURAN: {**profil_cells, **_past_days_off(gw, tahun)},
        S.FORMAT_DATA: format_cells,
        S.ANGGARAN: _column_changes(gw, S.ANGGARAN_T),
        S.NARASI: _narasi_changes(gw),
    }
    sakip_years = {
        int(r["tahun"]) for r in gw.read_rows(S.SAKIP_T) if isinstance(r.get("tahun"), int)
    }
    regulasi = profile.aturan.ikm_regulasi
    terbuka = _open_items(gw)

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".~lkjip-tahun-baru-", dir=target.parent))
    try:
        tmp = work / target.name
        shutil.copy2(gw.path, tmp)
        with open_workbook(tmp, write=True) as new:
            for sheet, cells in changes.items():
                for address, value in cells.items():
                    new.write_cell(sheet, address, value)
            for table in _emptied_tables(regulasi):
                new.write_rows(table, [])
            if terbuka is not None:
                new.write_rows(S.TINDAK_LANJUT_LHE_T, terbuka)
            nxt = new.profile()
            cal = WorkCalendar.from_profile(nxt)
            new.write_rows(S.TAHAPAN_T, sop.blank_sheet_rows(sop.steps_for(nxt), cal.day_minutes))
            _write_holidays(new, nxt)
            rincian = (
                f"Workbook LKjIP tahun {tahun + 1} dibuat dari {gw.path.name} (tahun {tahun})."
            )
            if open_items:
                rincian += f" Tahun {tahun} belum selesai: " + " ".join(
                    p.pesan[:1].upper() + p.pesan[1:] for p in open_items
                )
            new.log(LOG_NEW_YEAR, rincian, LOG_FORCED if open_items else "OK")
        _place(tmp, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    peringatan = [
        f"Dibuat dengan --paksa dari tahun yang belum selesai: {p.text()}" for p in open_items
    ]
    peringatan += notes
    if missing:
        peringatan.append(
            f"Realisasi tahun {tahun} belum ada untuk indikator {', '.join(missing)}: kolom "
            f"Realisasi {tahun} di workbook baru kosong untuk indikator itu; isi bila datanya ada."
        )
    if no_target:
        peringatan.append(
            f"Target tahun {tahun + 1} dikosongkan untuk indikator {', '.join(no_target)}: "
            + (
                f"Periode Renstra ({profile.renstra_periode or 'belum diisi'}) tidak mencakup "
                f"tahun {tahun + 1}"
                if not _renstra_year(profile.renstra_periode, tahun + 1)
                else "kolom Target Renstra tahun itu kosong"
            )
            + ". Isi dari Perjanjian Kinerja tahun baru (Persiapan menunjuk selnya)."
        )
    if tahun not in sakip_years:
        peringatan.append(
            f"Sheet SAKIP belum berisi Nilai SAKIP tahun {tahun}; riwayat SAKIP workbook baru "
            "tidak memuatnya. Isi dari LHE SAKIP bila sudah terbit."
        )
    pesan = (
        f"Workbook LKjIP tahun {tahun + 1} dibuat: {target.name} (di folder {target.parent}). "
        f"Realisasi {tahun} dipindah ke kolom Realisasi {tahun}; target {tahun + 1} dari "
        "Target Renstra bila ada; kesimpulan, reviu dan isian lain tentang tahun lalu serta "
        "Kiriman, SKM, Tahapan SOP, Register Surat dan Log dikosongkan; jurnal baru. Batas "
        f"penyampaian: {format_date(nxt.due_date())}. Workbook {gw.path.name} tidak diubah. "
        f"Lengkapi Persiapan di Beranda workbook baru."
    )
    return ActionResult(
        pesan,
        files=[target],
        data={
            "workbook": str(target),
            "tahun": tahun + 1,
            "indikator_tanpa_realisasi": missing,
            "indikator_tanpa_target": no_target,
            "dipaksa": bool(open_items),
            "belum_selesai": [p.as_json() for p in open_items],
        },
        peringatan=peringatan,
    )


def _renstra_year(periode: str, tahun: int) -> bool:
    from lkjip_xl.domain.narasi import renstra_tahun_ke

    where = renstra_tahun_ke(periode, tahun)
    return bool(where and where[2] <= S.RENSTRA_YEARS)
