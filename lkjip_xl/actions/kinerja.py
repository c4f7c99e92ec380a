"""Gather the inputs of the year's performance from the workbook and compute the one model.

The rule that decides between sources lives in :mod:`lkjip_xl.domain.kinerja`; this
module only reads the cells each source offers (with their addresses, for messages):

* Format Data: target, polaritas, the Kasubbag's *Realisasi Koreksi* with its reason,
  Realisasi N-1/N-2 as typed;
* Kiriman: each ``Valid`` row, the penanggung jawab's first (else the newest of any
  unit), and whether its value was edited after the import (*Sidik*);
* the IKM computed from the SKM sheet (:mod:`lkjip_xl.actions.ikm_source`);
* the SAKIP sheet's nilai per year (the first complete row of a year);
* Realisasi Triwulan: per indicator and quarter the row picked as a Kiriman row is (the
  penanggung jawab's newest ``Valid`` row, else the newest of any unit), with the Rencana
  Aksi rule and quarter targets (:func:`lkjip_xl.actions.triwulan.rencana`); the model
  derives the year's figure from them.

``hitung``, the report, the checks and the forms all call :func:`kinerja` (or
:func:`gather`), so every figure a user sees comes from one computation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lkjip_xl.domain import kinerja as K
from lkjip_xl.domain import sakip as sakip_engine
from lkjip_xl.domain.narasi import FIELD_KEYS
from lkjip_xl.domain.numbers import parse_number
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.cells import col_letter

if TYPE_CHECKING:
    from lkjip_xl.domain.ikm import IkmResult
    from lkjip_xl.domain.profile import Profile
    from lkjip_xl.workbook.gateway import Gateway

__all__ = ["Gathered", "SakipRow", "gather", "kinerja", "norm", "pick_kiriman"]


@dataclass(frozen=True)
class SakipRow:
    """One year of the SAKIP sheet: components, and the nilai when all are filled."""

    tahun: int
    skema: str
    komponen: dict[str, float | None]
    nilai: float | None
    predikat: str
    interpretasi: str
    catatan: str
    sel: str
    """The row's Nilai cell (``SAKIP!H5``)."""


@dataclass
class Gathered:
    """What the model was computed from, kept for the callers that show more than figures."""

    profile: Profile
    kinerja: K.Kinerja
    ikm: IkmResult | None
    sakip: list[SakipRow]
    format_rows: list[dict[str, Any]]
    kiriman_rows: list[dict[str, Any]]
    peringatan: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def norm(value: Any) -> str:
    """Comparable text: case and spacing ignored (as Excel's ``=`` compares)."""
    return " ".join(_text(value).casefold().split())


def _num(value: Any, what: str, warnings: list[str]) -> float | None:
    try:
        return parse_number(value)
    except ValueError as exc:
        warnings.append(f"{what}: {exc} Nilai ini tidak dipakai.")
        return None


def _ref(sheet: str, table: S.Table, key: str, row: int) -> str:
    return f"{sheet}!{col_letter(table.col_index(key))}{row}"


def _when(row: dict[str, Any]) -> tuple[dt.datetime, int]:
    t = row.get("diterima")
    t = t if isinstance(t, dt.datetime) else dt.datetime.min
    return t.replace(tzinfo=None), int(row.get("_row", 0))


def pick_kiriman(rows: list[dict[str, Any]], penanggung_jawab: str) -> dict[str, Any] | None:
    """The Kiriman row that speaks for an indicator (the Capaian sheet's formula does the same).

    Only ``Valid`` rows with a number: the penanggung jawab's own row, else the newest row of
    any unit (latest *Tanggal Terima*; on a tie the lower row).
    """
    usable = [
        r
        for r in rows
        if _text(r.get("status")) == "Valid" and isinstance(r.get("realisasi"), int | float)
    ]
    own = [r for r in usable if norm(r.get("unit")) == norm(penanggung_jawab)]
    pool = own or usable
    return max(pool, key=_when) if pool else None


def _sakip_rows(gw: Gateway, warnings: list[str]) -> list[SakipRow]:
    out: list[SakipRow] = []
    seen: set[int] = set()
    t = S.SAKIP_T
    for row in gw.read_rows(t):
        tahun = row.get("tahun")
        if tahun is None:
            continue
        try:
            tahun = int(tahun)
        except (TypeError, ValueError):
            warnings.append(f"SAKIP baris {row['_row']}: tahun '{tahun}' bukan angka.")
            continue
        skema = _text(row.get("skema")) or "2021"
        parts = sakip_engine.KOMPONEN.get(skema, sakip_engine.KOMPONEN["2021"])
        komponen = {
            k: _num(row.get(k), f"SAKIP {tahun} {label}", warnings)
            for k, (label, _w) in parts.items()
        }
        filled = {k: v for k, v in komponen.items() if v is not None}
        if tahun in seen:  # the sheet (MATCH) and the model use a year's first row
            warnings.append(
                f"SAKIP tahun {tahun} diisi lebih dari sekali: dipakai baris pertama "
                f"(baris {row['_row']} tidak dipakai)."
            )
            continue
        seen.add(tahun)
        if not filled:
            continue
        nilai, predikat, interpretasi, catatan = None, "", "", ""
        if len(filled) == len(parts):
            try:
                res = sakip_engine.sakip_result(components=filled, skema=skema)
            except LkjipError as exc:
                catatan = exc.pesan
                warnings.append(f"SAKIP {tahun}: {exc.pesan}")
            else:
                nilai, predikat, interpretasi = res.nilai, res.predikat, res.interpretasi
        else:
            catatan = "Komponen belum lengkap."
            warnings.append(
                f"SAKIP {tahun}: komponen belum lengkap, nilai dan predikat tidak dihitung."
            )
        out.append(
            SakipRow(
                tahun=tahun,
                skema=skema,
                komponen=komponen,
                nilai=nilai,
                predikat=predikat,
                interpretasi=interpretasi,
                catatan=catatan,
                sel=_ref(S.SAKIP, t, "nilai", row["_row"]),
            )
        )
    return sorted(out, key=lambda s: s.tahun)


def _ikm(gw: Gateway, profile: Profile, warnings: list[str]) -> IkmResult | None:
    from lkjip_xl.actions.ikm_source import ikm_from_workbook

    try:
        result = ikm_from_workbook(gw, profile)
    except LkjipError as exc:
        warnings.append(f"IKM belum dapat dihitung dari sheet SKM: {exc}")
        return None
    if result is not None:
        warnings.extend(f"SKM: {w}" for w in result.peringatan)
    return result


def gather(gw: Gateway) -> Gathered:
    """Read every source once and compute the model."""
    profile = gw.profile()
    warnings: list[str] = []
    ikm = _ikm(gw, profile, warnings)
    sakip = _sakip_rows(gw, warnings)
    nilai_sakip = {s.tahun: s for s in sakip if s.nilai is not None}
    kiriman_rows = gw.read_rows(S.KIRIMAN_T)
    by_kode: dict[str, list[dict[str, Any]]] = {}
    unvalidated: dict[str, int] = {}
    for row in kiriman_rows:
        kode = _text(row.get("kode"))
        if not kode:
            continue
        by_kode.setdefault(norm(kode), []).append(row)
        if not _text(row.get("status")):
            unvalidated[kode] = unvalidated.get(kode, 0) + 1
    for kode, n in unvalidated.items():
        warnings.append(
            f"Kiriman indikator {kode} ({n} baris) belum berstatus Valid sehingga belum "
            "dipakai. Kiriman diisi oleh Impor Kiriman; impor ulang formulir unitnya."
        )
    f = S.FORMAT
    format_rows = gw.read_rows(f)
    quarters = _quarters(gw, format_rows)
    inputs: list[K.IndicatorInput] = []
    konversi_sel = f"{S.IKM}!{S.ikm_konversi_cell(profile.aturan.ikm_regulasi)}"
    for no, row in enumerate(format_rows, start=1):
        kode = _text(row.get("kode"))
        label = f"Indikator {kode or no}"
        r = row["_row"]
        jenis = K.jenis_of(_text(row.get("jenis")))
        pj = _text(row.get("penanggung_jawab"))
        kandidat: list[K.Candidate] = []
        koreksi = _num(row.get("realisasi_koreksi"), f"{label} realisasi koreksi", warnings)
        if koreksi is not None:
            kandidat.append(
                K.Candidate(
                    sumber="koreksi",
                    nilai=koreksi,
                    sel=_ref(S.FORMAT_DATA, f, "realisasi_koreksi", r),
                    alasan=_text(row.get("alasan_koreksi")),
                )
            )
        texts = {k: _text(row.get(k)) for k in FIELD_KEYS}
        chosen = pick_kiriman(by_kode.get(norm(kode), []), pj) if kode else None
        if chosen is not None:
            for k in FIELD_KEYS:
                texts[k] = texts[k] or _text(chosen.get(k))
            texts["keterangan"] = _text(chosen.get("keterangan"))
            value = float(chosen["realisasi"])
            sidik = _text(chosen.get("sidik"))
            kandidat.append(
                K.Candidate(
                    sumber="kiriman",
                    nilai=value,
                    sel=_ref(S.KIRIMAN, S.KIRIMAN_T, "realisasi", chosen["_row"]),
                    unit=_text(chosen.get("unit")),
                    diubah=bool(sidik)
                    and sidik != K.sidik_kiriman(chosen.get("unit"), kode, value),
                )
            )
        if jenis == "IKM" and ikm is not None:
            kandidat.append(K.Candidate(sumber="skm", nilai=ikm.ikm, sel=konversi_sel))
        if jenis == "SAKIP" and profile.tahun in nilai_sakip:
            s = nilai_sakip[profile.tahun]
            assert s.nilai is not None
            kandidat.append(K.Candidate(sumber="lhe", nilai=s.nilai, sel=s.sel))
        lalu: list[list[K.Candidate]] = []
        for offset, key in ((1, "realisasi_n1"), (2, "realisasi_n2")):
            cands: list[K.Candidate] = []
            typed = _num(row.get(key), f"{label} realisasi N-{offset}", warnings)
            if typed is not None:
                cands.append(
                    K.Candidate(sumber="format", nilai=typed, sel=_ref(S.FORMAT_DATA, f, key, r))
                )
            s = nilai_sakip.get(profile.tahun - offset)
            if jenis == "SAKIP" and s is not None and s.nilai is not None:
                cands.append(K.Candidate(sumber="lhe", nilai=s.nilai, sel=s.sel))
            lalu.append(cands)
        aturan, targets, tw = quarters.get(kode, ("", [], []))
        if tw:
            chosen_tw = [pick_kiriman(rows_q, pj) for rows_q in tw]
            tw_cands: list[K.Candidate | None] = [
                None
                if row_q is None
                else K.Candidate(
                    sumber="triwulan",
                    nilai=float(row_q["realisasi"]),
                    sel=_ref(S.REALISASI_TW, S.REALISASI_TW_T, "realisasi", row_q["_row"]),
                    unit=_text(row_q.get("unit")),
                    aturan=aturan,
                )
                for row_q in chosen_tw
            ]
        else:
            tw_cands = []
        inputs.append(
            K.IndicatorInput(
                no=no,
                kode=kode,
                sasaran=_text(row.get("sasaran")),
                indikator=_text(row.get("indikator")),
                satuan=_text(row.get("satuan")),
                jenis=jenis,
                polaritas="turun" if norm(row.get("polaritas")) == "turun" else "naik",
                penanggung_jawab=pj,
                target=_num(row.get("target"), f"{label} target", warnings),
                target_renstra=_num(row.get("target_renstra"), f"{label} target Renstra", warnings),
                target_tahunan=[
                    _num(row.get(f"target_th{k}"), f"{label} target Renstra tahun ke-{k}", warnings)
                    for k in range(1, S.RENSTRA_YEARS + 1)
                ],
                definisi=_text(row.get("definisi")),
                sumber_data=_text(row.get("sumber_data")),
                iku=norm(row.get("iku")) != "tidak",
                standar=_num(row.get("standar"), f"{label} standar pembanding", warnings),
                standar_sumber=_text(row.get("standar_sumber")),
                sel=_ref(S.FORMAT_DATA, f, "kode", r),
                kandidat=kandidat,
                kandidat_n1=lalu[0],
                kandidat_n2=lalu[1],
                aturan_triwulan=aturan if tw_cands else "",
                target_triwulan=targets if tw_cands else [],
                triwulan=tw_cands,
                texts=texts,
            )
        )
    model = K.compute(
        K.KinerjaInput(
            tahun=profile.tahun,
            rumus_turun=profile.aturan.capaian_turun,
            batas_atas=profile.aturan.capaian_batas_atas,
            indikator=inputs,
        )
    )
    return Gathered(
        profile=profile,
        kinerja=model,
        ikm=ikm,
        sakip=sakip,
        format_rows=format_rows,
        kiriman_rows=kiriman_rows,
        peringatan=warnings,
    )


def _quarters(
    gw: Gateway, format_rows: list[dict[str, Any]]
) -> dict[str, tuple[str, list[float | None], list[list[dict[str, Any]]]]]:
    """Kode → (Rencana Aksi rule, quarter targets, the Realisasi Triwulan rows of triwulan
    I–IV) for the indicators with at least one quarter row; {} without quarter data (the
    Rencana Aksi is then not read)."""
    from lkjip_xl.actions.triwulan import quarter_rows, rencana

    rows = quarter_rows(gw)
    if not rows:
        return {}
    by: dict[str, list[list[dict[str, Any]]]] = {}
    for row in rows:
        q = _quarter(row)
        kode = _text(row.get("kode"))
        if q in S.TRIWULAN and kode:
            by.setdefault(kode, [[], [], [], []])[q - 1].append(row)
    if not by:
        return {}

    @dataclass(frozen=True)
    class _Ind:
        kode: str
        jenis: str
        satuan: str
        target: float | None

    indicators = []
    for row in format_rows:
        kode = _text(row.get("kode"))
        if kode in by:
            try:
                target = parse_number(row.get("target"))
            except ValueError:
                target = None
            indicators.append(
                _Ind(kode, K.jenis_of(_text(row.get("jenis"))), _text(row.get("satuan")), target)
            )
    plan = rencana(gw, indicators)
    return {
        i.kode: (plan[i.kode].aturan, list(plan[i.kode].target), by[i.kode]) for i in indicators
    }


def _quarter(row: dict[str, Any]) -> int | None:
    try:
        return int(row.get("triwulan"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def kinerja(gw: Gateway) -> K.Kinerja:
    """The year's performance model of this workbook."""
    return gather(gw).kinerja
