"""Action: one city table from many OPD data workbooks (``lkjip kota gabung``; issue 22).

Reads every ``09_Data_Kinerja_*.xlsx`` written by ``lkjip paket`` in a folder (also inside the
packages' .zip files), checks each (the format and its version, the required columns, one year
for the whole city, one file per OPD, the capaian recomputed from target and realisation,
quarters without a realisation) and writes one table (.xlsx) with every usable row, a summary
row per file and every problem with file, sheet, cell and fix. A bad file never stops the others.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult
from lkjip_xl.domain import paket as D
from lkjip_xl.errors import LkjipError

__all__ = ["gabung"]

_DATA_NAME = re.compile(r"(^|/)\d\d_Data_Kinerja_.+\.xlsx$", re.IGNORECASE)


@dataclass
class _Masalah:
    file: str
    sheet: str
    sel: str
    masalah: str
    perbaikan: str

    def text(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.sel:
            parts.append(self.sel if self.sel.startswith("baris") else f"sel {self.sel}")
        return (
            f"{', '.join(parts)}: {self.masalah}. {self.perbaikan[:1].upper()}{self.perbaikan[1:]}."
        )

    def row(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "sel": self.sel,
            "masalah": self.masalah,
            "perbaikan": self.perbaikan,
        }


@dataclass
class _Berkas:
    name: str
    opd: str = ""
    tahun: int | None = None
    tahun_sel: str = ""
    indikator: list[dict[str, Any]] = field(default_factory=list)
    ukuran: list[dict[str, Any]] = field(default_factory=list)
    masalah: list[_Masalah] = field(default_factory=list)
    ditolak: str = ""

    def tolak(self, sheet: str, sel: str, masalah: str, perbaikan: str) -> None:
        self.masalah.append(_Masalah(self.name, sheet, sel, masalah, perbaikan))
        self.ditolak = self.ditolak or masalah


_RESEND = "minta OPD mengirim ulang file data kinerja dari 'lkjip paket' versi terbaru"


def _sources(folder: Path, skip: Path | None) -> list[tuple[str, Any]]:
    """(name shown in messages, opener) for every data workbook in ``folder`` and its zips."""
    out: list[tuple[str, Any]] = []
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name.startswith(("~$", ".")) or (skip and p == skip):
            continue
        rel = p.relative_to(folder).as_posix()
        if p.suffix.lower() == ".xlsx":
            out.append((rel, p))
        elif p.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(p) as z:
                    members = [m for m in z.namelist() if _DATA_NAME.search(m)]
                    for m in members:
                        out.append((f"{rel}!{m}", io.BytesIO(z.read(m))))
            except (zipfile.BadZipFile, OSError):
                out.append((rel, p))  # reported as unreadable below
    return out


def _headers(ws: Any) -> list[Any]:
    for row in ws.iter_rows(min_row=1, max_row=1, values_only=True):
        return list(row)
    return []


def _table(
    b: _Berkas, wb: Any, sheet: str, cols: tuple[D.Kolom, ...]
) -> list[dict[str, Any]] | None:
    """Rows of ``sheet`` keyed by column key (``_row`` = Excel row); None when refused."""
    from openpyxl.utils import get_column_letter

    if sheet not in wb.sheetnames:
        b.tolak(sheet, "", f"sheet '{sheet}' tidak ada (format lain atau versi lama)", _RESEND)
        return None
    ws = wb[sheet]
    headers = [str(h).strip() if h is not None else "" for h in _headers(ws)]
    index = {h: i for i, h in enumerate(headers) if h}
    missing = [(k, n) for n, k in enumerate(cols, start=1) if k.wajib and k.header not in index]
    if missing:
        names = ", ".join(f"'{k.header}' (mis. kolom {get_column_letter(n)})" for k, n in missing)
        b.tolak(
            sheet,
            "baris 1",
            f"kolom wajib tidak ada: {names}",
            "file ini dari format lain atau versi lama; " + _RESEND,
        )
        return None
    rows = []
    for r, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if not any(v not in (None, "") for v in values):
            continue
        row = {k.key: values[index[k.header]] if k.header in index else None for k in cols}
        row["_row"] = r
        row["_col"] = {
            k.key: get_column_letter(index[k.header] + 1) for k in cols if k.header in index
        }
        rows.append(row)
    return rows


def _read(name: str, source: Any) -> _Berkas:
    from openpyxl import load_workbook

    b = _Berkas(name)
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not xlsx
        b.tolak(
            "",
            "",
            f"file tidak dapat dibuka sebagai workbook Excel (.xlsx) ({type(exc).__name__})",
            _RESEND,
        )
        return b
    try:
        if D.SHEET_INFO not in wb.sheetnames:
            b.tolak(
                D.SHEET_INFO,
                "",
                f"sheet '{D.SHEET_INFO}' tidak ada: bukan file data kinerja dari 'lkjip paket'",
                _RESEND,
            )
            return b
        info = {
            str(k).strip(): (v, r)
            for r, (k, v, *_rest) in enumerate(
                wb[D.SHEET_INFO].iter_rows(min_row=1, values_only=True), start=1
            )
            if k is not None
        }
        fmt, fr = info.get("Format", (None, 0))
        if fmt == D.CITY_FORMAT_ID:
            b.ditolak = "tabel kota hasil gabung sebelumnya (dilewati)"
            return b
        if fmt != D.FORMAT_ID:
            b.tolak(
                D.SHEET_INFO,
                f"B{fr or 2}",
                f"Format '{fmt or ''}' bukan '{D.FORMAT_ID}': bukan file data kinerja dari "
                "'lkjip paket'",
                _RESEND,
            )
            return b
        versi, vr = info.get("Versi Format", (None, 0))
        if str(versi) != str(D.FORMAT_VERSI):
            b.tolak(
                D.SHEET_INFO,
                f"B{vr or 3}",
                f"Versi Format {versi} tidak dikenal (yang dibaca: versi {D.FORMAT_VERSI})",
                _RESEND,
            )
            return b
        indikator = _table(b, wb, D.SHEET_INDIKATOR, D.KOLOM_INDIKATOR)
        ukuran = _table(b, wb, D.SHEET_UKURAN, D.KOLOM_UKURAN)
    finally:
        wb.close()
    if indikator is None or ukuran is None:
        return b
    if not indikator:
        b.tolak(D.SHEET_INDIKATOR, "baris 2", "tidak ada baris indikator", _RESEND)
        return b
    opds = {str(r.get("opd") or "").strip() for r in indikator} - {""}
    first = indikator[0]
    col = first["_col"]
    if len(opds) != 1:
        b.tolak(
            D.SHEET_INDIKATOR,
            f"{col['opd']}2:{col['opd']}{indikator[-1]['_row']}",
            "kolom OPD kosong" if not opds else f"lebih dari satu OPD ({', '.join(sorted(opds))})",
            "satu file berisi satu OPD; " + _RESEND,
        )
        return b
    b.opd = opds.pop()
    tahun_set: set[int] = set()
    for r in indikator:
        try:
            tahun_set.add(int(r.get("tahun")))
        except (TypeError, ValueError):
            b.tolak(
                D.SHEET_INDIKATOR,
                f"{col['tahun']}{r['_row']}",
                f"Tahun '{r.get('tahun')}' bukan angka tahun",
                _RESEND,
            )
            return b
    if len(tahun_set) != 1:
        b.tolak(
            D.SHEET_INDIKATOR,
            f"{col['tahun']}2:{col['tahun']}{indikator[-1]['_row']}",
            f"lebih dari satu tahun ({', '.join(map(str, sorted(tahun_set)))})",
            _RESEND,
        )
        return b
    b.tahun = tahun_set.pop()
    b.tahun_sel = f"{col['tahun']}{first['_row']}"
    b.indikator, b.ukuran = indikator, ukuran
    return b


def _check_rows(b: _Berkas) -> tuple[int, int]:
    """Row checks of an accepted file; (capaian differing, indicators missing a quarter)."""
    beda, kurang_tw = 0, []
    for r in b.indikator:
        col = r["_col"]
        for key, masalah, perbaikan in D.periksa_baris(r):
            if key.startswith("realisasi_tw"):
                kurang_tw.append((r, masalah))
                continue
            if key == "capaian":
                beda += 1
            b.masalah.append(
                _Masalah(
                    b.name,
                    D.SHEET_INDIKATOR,
                    f"{col.get(key, '')}{r['_row']}",
                    f"{r.get('kode') or 'indikator'}: {masalah}",
                    perbaikan,
                )
            )
    if kurang_tw:
        c1, c4 = b.indikator[0]["_col"]["realisasi_tw1"], b.indikator[0]["_col"]["realisasi_tw4"]
        rows = [r["_row"] for r, _m in kurang_tw]
        b.masalah.append(
            _Masalah(
                b.name,
                D.SHEET_INDIKATOR,
                f"{c1}{min(rows)}:{c4}{max(rows)}",
                f"{len(kurang_tw)} indikator belum lengkap realisasi triwulannya ("
                + "; ".join(
                    f"{r.get('kode')}: TW "
                    + m.removeprefix("Realisasi triwulan ").removesuffix(" kosong")
                    for r, m in kurang_tw[:5]
                )
                + ("; …" if len(kurang_tw) > 5 else "")
                + ")",
                "OPD mengumpulkan realisasi triwulan (lkjip forms export --triwulan N) lalu "
                "membuat paket lagi",
            )
        )
    return beda, len(kurang_tw)


def _reserve(path: Path) -> Path:
    if not path.exists():
        return path
    n = 2
    while (p := path.with_name(f"{path.stem}_v{n}{path.suffix}")).exists():
        n += 1
    return p


def gabung(folder: Path, out: Path | None = None, *, tahun: int | None = None) -> ActionResult:
    """Merge every OPD data workbook in ``folder`` into one city table (.xlsx)."""
    from lkjip_xl.report import paket_xlsx as X

    folder = Path(folder)
    if not folder.is_dir():
        raise LkjipError(
            f"Folder {folder} tidak ada. Tulis folder yang berisi file 09_Data_Kinerja_*.xlsx "
            "(atau paket .zip) dari setiap OPD."
        )
    out_path = Path(out) if out is not None else None
    berkas = [_read(name, src) for name, src in _sources(folder, out_path)]
    berkas = [b for b in berkas if not b.ditolak.endswith("(dilewati)")]
    if not berkas:
        raise LkjipError(
            f"Folder {folder} tidak berisi file .xlsx atau .zip. Kumpulkan file "
            "09_Data_Kinerja_<OPD>_<tahun>.xlsx dari paket setiap OPD ('lkjip paket') di folder "
            "itu."
        )
    years = Counter(b.tahun for b in berkas if b.tahun is not None)
    city_year = tahun or (max(years, key=lambda y: (years[y], y)) if years else None)
    seen: dict[str, str] = {}
    for b in berkas:
        if b.ditolak:
            continue
        if b.tahun != city_year:
            b.tolak(
                D.SHEET_INDIKATOR,
                b.tahun_sel,
                f"Tahun {b.tahun} berbeda dengan tahun tabel kota {city_year}",
                f"minta OPD {b.opd} membuat paket tahun {city_year} (atau gabungkan file tahun "
                f"{b.tahun} di folder terpisah)",
            )
            continue
        key = " ".join(b.opd.casefold().split())
        if key in seen:
            b.tolak(
                D.SHEET_INDIKATOR,
                f"{b.indikator[0]['_col']['opd']}2",
                f"OPD '{b.opd}' sudah dibaca dari {seen[key]}; file ini tidak dipakai",
                "simpan satu file per OPD di folder ini (hapus salinan yang lama)",
            )
            continue
        seen[key] = b.name
    indikator: list[dict[str, Any]] = []
    ukuran: list[dict[str, Any]] = []
    ringkasan: list[dict[str, Any]] = []
    for b in berkas:
        summary: dict[str, Any] = {"file": b.name, "opd": b.opd or None, "tahun": b.tahun}
        if b.ditolak:
            ringkasan.append(summary | {"status": "Ditolak", "catatan": b.ditolak})
            continue
        beda, kurang_tw = _check_rows(b)
        clean = [{k: v for k, v in r.items() if not k.startswith("_")} for r in b.indikator]
        indikator += [r | {"file": b.name} for r in clean]
        ukuran += [
            {k: v for k, v in r.items() if not k.startswith("_")} | {"file": b.name}
            for r in b.ukuran
        ]
        caps = [c for r in clean if (c := D._num(r.get("capaian"))) is not None]

        def nilai(ukur: str, rows: list[dict[str, Any]] = b.ukuran, y: Any = b.tahun) -> Any:
            return next(
                (
                    r.get("nilai")
                    for r in rows
                    if r.get("ukuran") == ukur and r.get("tahun_nilai") == y
                ),
                None,
            )

        ringkasan.append(
            summary
            | {
                "status": "Dipakai",
                "indikator": len(clean),
                "tercapai": sum(1 for c in caps if c >= 100),
                "rata_capaian": round(sum(caps) / len(caps), 2) if caps else None,
                "ikm": nilai("IKM"),
                "nilai_sakip": nilai("Nilai SAKIP"),
                "triwulan_kosong": kurang_tw,
                "capaian_beda": beda,
                "catatan": "; ".join(m.masalah for m in b.masalah) or "-",
            }
        )
    masalah = [m for b in berkas for m in b.masalah]
    wanted = out_path or folder / f"Tabel_Kota_LKjIP_{city_year or 'tanpa_tahun'}.xlsx"
    target = _reserve(wanted)  # an earlier table is never overwritten
    X.write_city(
        target,
        indikator=indikator,
        ukuran=ukuran,
        ringkasan=ringkasan,
        masalah=[m.row() for m in masalah],
        dibuat=clock.local_naive(),
    )
    used = [r for r in ringkasan if r["status"] == "Dipakai"]
    pesan = (
        (f"{wanted.name} sudah ada dan tidak ditimpa. " if target != wanted else "")
        + f"Tabel kota tahun {city_year} ditulis: {target}. {len(used)} dari {len(berkas)} file "
        f"dipakai ({len(indikator)} indikator dari {len(used)} OPD)."
        + (
            f" {len(berkas) - len(used)} file ditolak; lihat sheet {X.SHEET_RINGKASAN} dan "
            f"{X.SHEET_MASALAH}."
            if len(used) < len(berkas)
            else ""
        )
    )
    return ActionResult(
        pesan,
        files=[target],
        data={
            "file": str(target),
            "tahun": city_year,
            "berkas": [
                {
                    "file": r["file"],
                    "opd": r.get("opd"),
                    "tahun": r.get("tahun"),
                    "status": r["status"],
                    "catatan": r.get("catatan"),
                }
                for r in ringkasan
            ],
            "masalah": [m.row() for m in masalah],
        },
        peringatan=[m.text() for m in masalah],
    )
