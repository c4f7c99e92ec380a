"""Workbook actions: check every input sheet, and compute IKM / SAKIP / capaian with the engine.

``problems_in_workbook`` lists wrong entries (``actions.readiness`` folds them into
*Periksa Isian*); ``compute_summary`` is *Hitung* and ``lkjip hitung``. Both read input columns
through the gateway (never cached formula values) and name every problem by
sheet, cell and fix.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from lkjip_xl.actions.base import ActionResult
from lkjip_xl.errors import CellProblem, LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter
from lkjip_xl.workbook.gateway import Gateway

__all__ = [
    "check_installation",
    "compute_summary",
    "help_text",
    "problems_in_workbook",
]

IKM_POPULASI_CELL = "B10"
"""IKM sheet cell with the number of service users (see the builder)."""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CLOSED = ("Ditolak", "Diganti")


# --------------------------------------------------------------------------------------------
# reading helpers


def _cell(table: S.Table, row: dict[str, Any], key: str) -> str:
    return f"{col_letter(table.col_index(key))}{row.get('_row', '?')}"


def _problem(
    gw: Gateway, table: S.Table, row: dict[str, Any], key: str, pesan: str, fix: str
) -> CellProblem:
    return CellProblem(pesan, fix, gw.path.name, table.sheet, _cell(table, row, key))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _key(value: Any) -> str:
    return " ".join(_as_text(value).casefold().split())


def _regulasi(gw: Gateway) -> str:
    try:
        return gw.profile().aturan.ikm_regulasi
    except LkjipError:
        return "2017"


# --------------------------------------------------------------------------------------------
# validation


def _check_table(gw: Gateway, table: S.Table, rows: list[dict[str, Any]]) -> list[CellProblem]:
    problems: list[CellProblem] = []
    readings = _skm_readings(gw, table, rows, problems)
    for row in rows:
        for col in table.input_columns:
            value = row.get(col.key)
            if value is None:
                if col.required:
                    problems.append(
                        _problem(
                            gw,
                            table,
                            row,
                            col.key,
                            f"kolom '{col.header}' wajib diisi.",
                            f"Isi kolom '{col.header}' atau hapus seluruh baris ini.",
                        )
                    )
                continue
            problems.extend(_check_value(gw, table, row, col, value, readings.get(col.key)))
    return problems


def _skm_readings(
    gw: Gateway, table: S.Table, rows: list[dict[str, Any]], problems: list[CellProblem]
) -> dict[str, dict[str, int]]:
    """SKM answer columns: how Hitung reads each text answer, on the scale of its column
    (issue 21); a column on a scale Hitung refuses gets one problem at its header."""
    if table.name != "tblSKM":
        return {}
    from lkjip_xl.domain.ikm import column_readings

    out: dict[str, dict[str, int]] = {}
    for col in table.input_columns:
        if not _is_unsur(col):
            continue
        readings, problem = column_readings(r.get(col.key) for r in rows)
        out[col.key] = readings
        if problem:
            problems.append(
                CellProblem(
                    f"kolom {col.header}: {problem}.",
                    "Ketik jawabannya sebagai angka 1–4 menurut arti tiap jawaban pada 4 pilihan "
                    "kuesioner.",
                    gw.path.name,
                    table.sheet,
                    f"{col_letter(table.col_index(col.key))}{table.header_row}",
                )
            )
    return out


def _is_unsur(col: S.Column) -> bool:
    """An SKM answer column (``U1`` …), not ``Unit Layanan`` or ``Usia``."""
    return re.fullmatch(r"U\d+", col.header) is not None


def _skm_label_value(
    table: S.Table, col: S.Column, value: Any, readings: dict[str, int] | None = None
) -> int | None:
    """The value 1..4 of an SKM answer typed as a label or letter ("Puas", "d"); else None.

    Read on its column's scale (``readings``) when given.
    """
    if table.name != "tblSKM" or not isinstance(value, str) or not _is_unsur(col):
        return None
    if readings is not None:
        return readings.get(value.strip())
    from lkjip_xl.domain.ikm import answer_value

    try:
        return answer_value(value)
    except ValueError:
        return None


def _check_value(
    gw: Gateway,
    table: S.Table,
    row: dict[str, Any],
    col: S.Column,
    value: Any,
    readings: dict[str, int] | None = None,
) -> list[CellProblem]:
    out: list[CellProblem] = []

    def bad(pesan: str, fix: str) -> None:
        out.append(_problem(gw, table, row, col.key, pesan, fix))

    shown = _as_text(value)
    if col.type in ("int", "number", "percent"):
        label = _skm_label_value(table, col, value, readings)
        if label is not None:
            bad(
                f"jawaban '{shown}' di kolom '{col.header}' tersimpan sebagai teks; "
                f"Hitung dan laporan membacanya sebagai {label}, rumus sheet IKM tidak.",
                f"Ketik angkanya: {label}.",
            )
            return out
        if not _is_number(value):
            bad(
                f"'{shown}' di kolom '{col.header}' bukan angka (tersimpan sebagai teks).",
                "Ketik ulang sebagai angka tanpa huruf, satuan atau tanda kutip, mis. 80 atau "
                "80,5; rumus Excel tidak menghitung teks.",
            )
            return out
        if col.type == "int" and float(value) != int(value):
            bad(f"{shown} di kolom '{col.header}' bukan bilangan bulat.", "Isi bilangan bulat.")
        too_low = col.min is not None and value < col.min
        too_high = col.max is not None and value > col.max
        lo = "" if col.min is None else _as_text(col.min)
        hi = "" if col.max is None else _as_text(col.max)
        if (too_low or too_high) and lo and hi:
            bad(
                f"{shown} di kolom '{col.header}' di luar rentang {lo}–{hi}.",
                f"Isi angka {lo} sampai {hi}.",
            )
        elif too_low:
            bad(f"{shown} di kolom '{col.header}' kurang dari {lo}.", f"Isi angka {lo} atau lebih.")
        elif too_high:
            bad(f"{shown} di kolom '{col.header}' lebih dari {hi}.", f"Isi angka {hi} atau kurang.")
    elif col.type in ("date", "datetime"):
        if table.sheet == S.PENGATURAN:
            pass  # read the Indonesian way; profile_io.unreadable_dates names what is not
        elif not isinstance(value, dt.date):
            bad(
                f"'{shown}' di kolom '{col.header}' bukan tanggal.",
                "Isi tanggal dengan format tanggal Excel (dd/mm/yyyy), bukan teks.",
            )
    elif col.type == "choice":
        allowed = list(col.choices)
        known = {_key(c) for c in allowed}
        if table.name == S.PEJABAT.name:  # older workbooks hold the role codes
            from lkjip_xl.workbook.profile_io import ROLE_OPTIONS

            known |= set(ROLE_OPTIONS)
        if allowed and _key(value) not in known:
            bad(
                f"'{shown}' bukan pilihan yang sah untuk '{col.header}'.",
                f"Pilih salah satu: {', '.join(allowed)}.",
            )
    elif col.type == "email" and not _EMAIL.match(shown):
        bad(
            f"'{shown}' bukan alamat e-mail yang sah.",
            "Tulis alamat lengkap, mis. nama@contoh.go.id.",
        )
    return out


def problems_in_workbook(gw: Gateway) -> list[CellProblem]:
    """Every problem in the input sheets, in sheet order (empty list = all good)."""
    from lkjip_xl.workbook.profile_io import unreadable_dates

    problems: list[CellProblem] = []
    profile = None
    try:
        profile = gw.profile()
    except LkjipError as exc:
        problems.extend(exc.problems or [CellProblem(exc.pesan, "", gw.path.name, S.PENGATURAN)])
    problems.extend(unreadable_dates(gw))
    for table in (S.PEJABAT, S.UNIT, S.LIBUR):
        problems.extend(_check_table(gw, table, gw.read_rows(table)))

    unit_names = {_key(u.nama) for u in profile.unit} if profile else set()
    unit_names |= {_key(u.kode) for u in profile.unit} if profile else set()
    layanan = {_key(u.nama) for u in profile.service_units} if profile else set()
    layanan |= {_key(u.kode) for u in profile.service_units} if profile else set()

    fmt_rows = gw.read_rows(S.FORMAT)
    problems.extend(_check_table(gw, S.FORMAT, fmt_rows))
    seen: dict[str, int] = {}
    for row in fmt_rows:
        kode = _key(row.get("kode"))
        if kode and kode in seen:
            problems.append(
                _problem(
                    gw,
                    S.FORMAT,
                    row,
                    "kode",
                    f"kode '{_as_text(row.get('kode'))}' sudah dipakai di baris {seen[kode]}.",
                    "Beri setiap indikator kode yang berbeda.",
                )
            )
        elif kode:
            seen[kode] = row["_row"]
        pj = row.get("penanggung_jawab")
        if pj is not None and unit_names and _key(pj) not in unit_names:
            problems.append(
                _problem(
                    gw,
                    S.FORMAT,
                    row,
                    "penanggung_jawab",
                    f"unit '{_as_text(pj)}' tidak ada di tabel Unit (sheet Pengaturan).",
                    "Pilih unit dari daftar, atau tambahkan unit itu di sheet Pengaturan.",
                )
            )
        if _is_number(row.get("target")) and row["target"] <= 0:
            problems.append(
                _problem(
                    gw,
                    S.FORMAT,
                    row,
                    "target",
                    "target nol atau negatif: capaian tidak dapat dihitung sebagai persentase.",
                    "Periksa targetnya; bila memang nol, jelaskan capaiannya secara naratif.",
                )
            )

    kir_rows = gw.read_rows(S.KIRIMAN_T)
    problems.extend(_check_table(gw, S.KIRIMAN_T, kir_rows))
    for row in kir_rows:
        kode = _key(row.get("kode"))
        if kode and seen and kode not in seen:
            problems.append(
                _problem(
                    gw,
                    S.KIRIMAN_T,
                    row,
                    "kode",
                    f"kode '{_as_text(row.get('kode'))}' tidak ada di sheet Format Data.",
                    "Perbaiki kodenya agar sama dengan kode indikator di Format Data.",
                )
            )

    regulasi = profile.aturan.ikm_regulasi if profile else "2017"
    skm = S.skm_table(regulasi)
    from lkjip_xl.actions.ikm_source import has_olahan_table

    olahan = S.ikm_olahan_table(regulasi)
    # Raw responses and processed figures name their unit layanan the same way.
    for table, rows, what in (
        (skm, gw.read_rows(skm), ""),
        (
            olahan,
            gw.read_rows(olahan) if has_olahan_table(gw, olahan) else [],
            " (hasil olahan IKM)",
        ),
    ):
        problems.extend(_check_table(gw, table, rows))
        for row in rows:
            unit = row.get("unit")
            if unit is not None and layanan and _key(unit) not in layanan:
                problems.append(
                    _problem(
                        gw,
                        table,
                        row,
                        "unit",
                        f"unit layanan '{_as_text(unit)}'{what} tidak ada di daftar unit layanan.",
                        "Pilih dari daftar (unit dengan 'Unit Layanan SKM' = Ya di sheet "
                        "Pengaturan).",
                    )
                )

    sakip_rows = gw.read_rows(S.SAKIP_T)
    problems.extend(_check_table(gw, S.SAKIP_T, sakip_rows))
    years: dict[int, int] = {}
    from lkjip_xl.domain.sakip import komponen

    for row in sakip_rows:
        tahun = row.get("tahun")
        if _is_number(tahun):
            if int(tahun) in years:
                problems.append(
                    _problem(
                        gw,
                        S.SAKIP_T,
                        row,
                        "tahun",
                        f"tahun {int(tahun)} sudah diisi di baris {years[int(tahun)]}.",
                        "Sisakan satu baris per tahun.",
                    )
                )
            years.setdefault(int(tahun), row["_row"])
        skema = _as_text(row.get("skema")) or "2021"
        if skema not in ("2021", "2015"):
            continue
        parts = komponen(skema)
        for key in ("perencanaan", "pengukuran", "pelaporan", "evaluasi", "capaian"):
            value = row.get(key)
            header = S.SAKIP_T.column(key).header
            if key not in parts:
                if value is not None:
                    problems.append(
                        _problem(
                            gw,
                            S.SAKIP_T,
                            row,
                            key,
                            f"'{header}' tidak dinilai pada skema {skema}.",
                            "Kosongkan sel ini (hanya untuk skema 2015).",
                        )
                    )
                continue
            weight = parts[key][1]
            if value is None:
                problems.append(
                    _problem(
                        gw,
                        S.SAKIP_T,
                        row,
                        key,
                        f"komponen '{header}' belum diisi.",
                        f"Isi nilai 0–{_as_text(weight)} dari LHE SAKIP.",
                    )
                )
            elif _is_number(value) and not 0 <= value <= weight:
                problems.append(
                    _problem(
                        gw,
                        S.SAKIP_T,
                        row,
                        key,
                        f"{_as_text(value)} melebihi bobot komponen '{header}' "
                        f"({_as_text(weight)}) pada skema {skema}.",
                        f"Isi nilai 0–{_as_text(weight)}.",
                    )
                )
    problems.extend(_check_table(gw, S.ANGGARAN_T, gw.read_rows(S.ANGGARAN_T)))
    populasi = gw.read_cell(S.IKM, IKM_POPULASI_CELL)
    if populasi is not None and not (_is_number(populasi) and populasi >= 1):
        problems.append(
            CellProblem(
                f"populasi '{_as_text(populasi)}' bukan bilangan bulat ≥ 1.",
                "Isi jumlah penerima layanan dalam setahun, atau kosongkan.",
                gw.path.name,
                S.IKM,
                IKM_POPULASI_CELL,
            )
        )
    return _once(problems)


def _once(problems: list[CellProblem]) -> list[CellProblem]:
    """One message per cell (the first, most specific one); problems without a cell all stay."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        where = (p.sheet, p.cell)
        if p.cell and where in seen:
            continue
        seen.add(where)
        out.append(p)
    return out


# --------------------------------------------------------------------------------------------
# computation


def _skm_year_warning(gw: Gateway, profile: Any) -> str | None:
    years = {
        d.year
        for r in gw.read_rows(S.skm_table(profile.aturan.ikm_regulasi))
        if isinstance(d := r.get("tanggal"), dt.date)
    }
    if years and profile.tahun not in years:
        return (
            f"Jawaban SKM bertanggal tahun {', '.join(str(y) for y in sorted(years))}, bukan "
            f"tahun {profile.tahun}: IKM ini milik tahun itu. Untuk tahun baru pakai "
            "'lkjip tahun-baru' (tombol Workbook Tahun Baru), yang mengosongkan sheet SKM."
        )
    return None


def _indicator_json(f: Any) -> dict[str, Any]:
    return {
        "kode": f.kode,
        "sasaran": f.sasaran,
        "indikator": f.indikator,
        "satuan": f.satuan,
        "jenis": f.jenis,
        "target": f.target,
        "realisasi": f.realisasi,
        "polaritas": f.polaritas,
        "sumber": f.sumber,
        "sumber_realisasi": f.sumber_realisasi,
        "sumber_sel": f.sumber_sel,
        "capaian": f.capaian,
        "kategori": f.kategori,
        "catatan": f.catatan,
        "realisasi_n1": f.realisasi_n1,
        "realisasi_n2": f.realisasi_n2,
        "capaian_renstra": f.capaian_renstra,
        "perbedaan": [p.pesan for p in f.perbedaan],
    }


def compute_summary(gw: Gateway) -> ActionResult:
    """*Hitung*: IKM, Nilai SAKIP and capaian per indicator, sasaran and overall.

    Every figure comes from the one model (:mod:`lkjip_xl.actions.kinerja`), the same the
    Capaian sheet's formulas and the report show.
    """
    from lkjip_xl.actions.ikm_source import ikm_from_workbook
    from lkjip_xl.actions.kinerja import gather
    from lkjip_xl.domain.kinerja import RULE_TEXT
    from lkjip_xl.domain.numbers import format_id

    try:  # an IKM the engine cannot compute stops Hitung: every wrong entry at once
        ikm_from_workbook(gw, gw.profile())
    except LkjipError as exc:
        problems = list(exc.problems)
        seen = {(p.sheet, p.cell) for p in problems}
        problems += [p for p in problems_in_workbook(gw) if (p.sheet, p.cell) not in seen]
        if len(problems) <= len(exc.problems):
            raise
        raise LkjipError(
            f"Belum dapat menghitung: ada {len(problems)} isian yang perlu diperbaiki di "
            f"{gw.path.name}.",
            problems,
        ) from None
    found = gather(gw)
    profile, model = found.profile, found.kinerja
    peringatan = list(found.peringatan)
    ikm = found.ikm.model_dump(mode="json") if found.ikm is not None else None
    if ikm is None:
        peringatan.append("Sheet SKM belum berisi jawaban: IKM belum dihitung.")
    elif (note := _skm_year_warning(gw, profile)) is not None:
        peringatan.append(note)
    now = next((s for s in found.sakip if s.tahun == profile.tahun), None)
    sakip = None
    if now is None or now.nilai is None:
        peringatan.append(f"Nilai SAKIP tahun {profile.tahun} belum diisi di sheet SAKIP.")
    else:
        sakip = {
            "tahun": now.tahun,
            "skema": now.skema,
            "nilai": now.nilai,
            "predikat": now.predikat,
            "interpretasi": now.interpretasi,
        }
    peringatan += [p.pesan for p in model.perbedaan]
    lines = [f"Ringkasan LKjIP {profile.opd} tahun {profile.tahun}:"]
    if ikm:
        lines.append(
            f"- IKM {format_id(ikm['ikm'])} (mutu {ikm['mutu']}, {ikm['kinerja']}), "
            f"{ikm['responden']} responden."
        )
    if sakip:
        lines.append(
            f"- Nilai SAKIP {format_id(sakip['nilai'])} ({sakip['predikat']}, "
            f"{sakip['interpretasi']})."
        )
    done = [f for f in model.indikator if f.capaian is not None]
    lines.append(f"- Capaian: {len(done)} dari {len(model.indikator)} indikator dapat dihitung.")
    for f in model.indikator:
        if f.capaian is not None:
            lines.append(
                f"  {f.kode}: {format_id(f.capaian)}% ({f.kategori}); realisasi "
                f"{format_id(f.realisasi or 0)} dari {f.sumber_realisasi}"
            )
        else:
            lines.append(f"  {f.kode}: {f.catatan or 'belum ada realisasi.'}")
    for s in model.sasaran:
        if s.capaian is not None:
            lines.append(
                f"- Sasaran \u201c{s.sasaran}\u201d: {format_id(s.capaian)}% ({s.kategori})."
            )
    if model.rata_rata is not None:
        lines.append(
            f"- Rata-rata capaian: {format_id(model.rata_rata)}% ({model.kategori_rata_rata})."
        )
    return ActionResult(
        "\n".join(lines),
        data={
            "ikm": ikm,
            "sakip": sakip,
            "capaian": [_indicator_json(f) for f in model.indikator],
            "sasaran": [s.model_dump(mode="json") for s in model.sasaran],
            "rata_rata": model.rata_rata,
            "kategori_rata_rata": model.kategori_rata_rata,
            "perbedaan": [p.pesan for p in model.perbedaan],
            "aturan_sumber": RULE_TEXT,
        },
        peringatan=peringatan,
    )


# --------------------------------------------------------------------------------------------
# help and installation check (ribbon group Bantuan)


def help_text(gw: Gateway | None = None) -> ActionResult:
    """How to work through the SOP with the ribbon."""
    from lkjip_xl.workbook.controls import CONTROLS, GROUPS

    lines = ["Urutan kerja SOP Penyusunan LKjIP dengan tab LKjIP:"]
    for group in GROUPS:
        labels = [c.label for c in CONTROLS if c.group == group.id]
        lines.append(f"{group.label}: {', '.join(labels)}.")
    lines.append(
        "Setiap langkah: klik Mulai saat mulai dan Selesai saat selesai; waktunya dibandingkan "
        "dengan mutu baku SOP di sheet Tahapan SOP. Semua tombol juga tersedia sebagai perintah "
        "'lkjip' di Command Prompt."
    )
    return ActionResult("\n".join(lines))


def check_installation(gw: Gateway) -> ActionResult:
    """Python, lkjip_xl and xlwings versions, the xlwings module embedded in the workbook, the
    interpreter in use and where its setting comes from, and the xlwings.conf sheet."""
    import platform
    import sys
    from importlib.metadata import PackageNotFoundError, version

    from lkjip_xl.excel import install
    from lkjip_xl.workbook.xlwings_vba import XLWINGS_MODULE, embedded_version, vba_of

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "tidak terpasang"

    peringatan: list[str] = []
    conf: dict[str, str] = {}
    for i in range(1, 10):
        key = _as_text(gw.read_cell(S.XLWINGS_CONF, f"A{i}"))
        if not key:
            break  # xlwings reads up to the first blank row
        conf[key] = _as_text(gw.read_cell(S.XLWINGS_CONF, f"B{i}"))
    peringatan.extend(
        p + " Jalankan 'lkjip setup-excel --workbook …' untuk membersihkannya."
        for p in install.conf_problems(dict(conf))
    )
    if conf.get("UDF MODULES") != "lkjip_xl.excel.udfs":
        peringatan.append("UDF MODULES di sheet xlwings.conf harus 'lkjip_xl.excel.udfs'.")
    xlwings_version = ver("xlwings")
    try:
        sources = vba_of(gw.path)
    except Exception:
        sources = None
    module = (sources or {}).get(XLWINGS_MODULE)
    embedded = embedded_version(module) if module else None
    if sources is None:
        peringatan.append(
            f"VBA workbook {gw.path.name} tidak dapat dibaca untuk memeriksa versi modul xlwings."
        )
    elif embedded is None:
        peringatan.append(
            "Workbook ini tidak berisi modul xlwings: fungsi LKJIP_… di sel tidak berjalan. "
            "Buat workbook baru dengan 'lkjip build-workbook'."
        )
    elif embedded != xlwings_version:
        peringatan.append(
            f"Modul xlwings di workbook versi {embedded}, paket xlwings versi {xlwings_version}: "
            f"fungsi LKJIP_… di sel memerlukan versi yang sama (pip install xlwings=={embedded})."
        )
    user_conf = install.user_config_path()
    setting = install.read_user_config(user_conf).get(install.INTERPRETER_KEY, "")
    source = f"{user_conf}" if setting else "PATH (belum diatur oleh 'lkjip setup-excel')"
    lines = [
        f"Python {platform.python_version()}: {sys.executable}",
        f"Pengaturan Python dari: {source}",
        f"lkjip_xl {ver('lkjip_xl')}, xlwings {xlwings_version}, modul xlwings di workbook "
        f"{embedded or 'tidak ada'}",
    ]
    return ActionResult(
        "Instalasi berjalan: Excel dapat memanggil Python.\n" + "\n".join(lines),
        data={
            "python": sys.executable,
            "python_versi": platform.python_version(),
            "xlwings": xlwings_version,
            "xlwings_workbook": embedded,
            "pengaturan_python": str(user_conf) if setting else "PATH",
            "conf": conf,
        },
        peringatan=peringatan,
    )
