"""Action: the quarterly *Laporan Monitoring dan Evaluasi Kinerja* (``lkjip monev``; issue 22).

Reads the workbook once through the one model (indicators, targets, polaritas, the Pengaturan
capaian rules), the Rencana Aksi (quarter targets and rule) and the Realisasi Triwulan sheet
(each quarter's realisation, kendala, langkah, Perlu Keputusan Camat; per indicator the
penanggung jawab's row, else the newest, as the model picks Kiriman rows), computes the
figures with :mod:`lkjip_xl.domain.monev` and writes a new version each time
(``Monev_<opd>_<tahun>_TW<N>_v<k>.docx``). Journal event ``monev_dibuat`` (keys tahun,
triwulan, versi, tanggal, file, sha256; ``lkjip paket`` relies on them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult, reserve_version
from lkjip_xl.actions.triwulan import EV_MONEV
from lkjip_xl.errors import LkjipError
from lkjip_xl.files import sha256_file
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import Gateway

__all__ = ["EV_MONEV", "monev", "monev_rows"]


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def monev_rows(gw: Gateway, triwulan: int) -> tuple[Any, list[Any], list[str]]:
    """(profile, the computed :class:`~lkjip_xl.domain.monev.Baris` per indicator, warnings)."""
    from lkjip_xl.actions import kinerja as kinerja_action
    from lkjip_xl.actions.kinerja import pick_kiriman
    from lkjip_xl.actions.triwulan import check_triwulan, quarter_rows, rencana
    from lkjip_xl.domain import monev as D
    from lkjip_xl.workbook.cells import col_letter

    check_triwulan(triwulan)
    found = kinerja_action.gather(gw)
    profile = found.profile
    indikator = found.kinerja.indikator
    if not indikator:
        raise LkjipError(
            "Sheet Format Data belum berisi indikator: laporan monev tidak dapat dibuat. Isi "
            "indikator dan targetnya di Format Data."
        )
    if not gw.has_table(S.REALISASI_TW_T):
        raise LkjipError(
            f"Workbook {gw.path.name} belum punya sheet '{S.REALISASI_TW}' (dibuat sebelum "
            "pemantauan triwulan ada). Buat workbook baru dengan 'lkjip build-workbook' dan "
            "salin datanya, atau pakai 'lkjip tahun-baru'."
        )
    plan = rencana(gw, indikator)
    rows = quarter_rows(gw)
    real_col = col_letter(S.REALISASI_TW_T.col_index("realisasi"))
    warnings: list[str] = []
    out: list[Any] = []
    for ind in indikator:
        p = plan[ind.kode]
        values: list[float | None] = []
        chosen: dict[int, dict[str, Any]] = {}
        for q in S.TRIWULAN:
            mine = [
                r for r in rows if _int(r.get("triwulan")) == q and _text(r.get("kode")) == ind.kode
            ]
            row = pick_kiriman(mine, ind.penanggung_jawab) if q <= triwulan else None
            if row is not None:
                chosen[q] = row
            values.append(float(row["realisasi"]) if row is not None else None)
        this = chosen.get(triwulan, {})
        b = D.Baris(
            kode=ind.kode,
            sasaran=ind.sasaran,
            indikator=ind.indikator,
            satuan=ind.satuan,
            polaritas=ind.polaritas,
            aturan=p.aturan,
            penanggung_jawab=_text(this.get("unit")) or ind.penanggung_jawab,
            target_tahun=ind.target,
            target_tw=list(p.target),
            realisasi_tw=values,
            triwulan=triwulan,
            kendala=_text(this.get("kendala")),
            langkah=_text(this.get("solusi")),
            keputusan=_text(this.get("keputusan")).casefold() == "ya",
            sel=f"{S.REALISASI_TW}!{real_col}{this['_row']}" if this else "",
        )
        D.compute(b, profile.aturan.capaian_turun, profile.aturan.capaian_batas_atas)
        out.append(b)
    missing = [
        b.kode
        for b in out
        if b.realisasi_tw[triwulan - 1] is None and not (b.aturan == "Tahunan" and triwulan != 4)
    ]
    if missing:
        warnings.append(
            f"Realisasi triwulan {triwulan} belum ada di sheet {S.REALISASI_TW} untuk "
            f"{', '.join(missing)}; di laporan tertulis '-'. Impor formulir triwulan "
            f"(lkjip forms import --triwulan {triwulan}) atau lihat 'lkjip forms status "
            f"--triwulan {triwulan}'."
        )
    return profile, out, warnings


def monev(
    gw: Gateway,
    triwulan: int,
    out: Path | None = None,
    *,
    tanggal: dt.date | None = None,
) -> ActionResult:
    """Write the next version of the quarter's monev report."""
    from lkjip_xl.actions.triwulan import refresh_beranda
    from lkjip_xl.report import monev as R

    profile, rows, warnings = monev_rows(gw, triwulan)
    day = tanggal or clock.today()
    journal = Journal(gw.workspace.journal)
    earlier = [
        e
        for e in journal.events(EV_MONEV)
        if e.get("tahun") == profile.tahun and e.get("triwulan") == triwulan
    ]
    folder = Path(out) if out is not None else gw.workspace.outputs
    versi, path = reserve_version(
        folder,
        f"Monev_{profile.opd_singkat}_{profile.tahun}_TW{triwulan}",
        (int(e.get("versi", 0)) for e in earlier),
    )
    data = R.MonevDocument(
        opd=profile.opd,
        kota=profile.kota,
        tahun=profile.tahun,
        triwulan=triwulan,
        tanggal=day,
        camat=profile.official("camat"),
        baris=rows,
        versi=versi,
    )
    try:
        R.write_monev(data, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    digest = sha256_file(path)
    journal.append(
        EV_MONEV,
        tahun=profile.tahun,
        triwulan=triwulan,
        versi=versi,
        tanggal=day.isoformat(),
        file=str(path.resolve()),
        sha256=digest,
    )
    counts = {k: sum(1 for b in rows if b.lampu == k) for k in ("Hijau", "Kuning", "Merah")}
    keputusan = [b.kode for b in rows if b.perlu_keputusan]
    tw = R.ROMAWI[triwulan - 1]
    gw.log(
        "Buat laporan monev",
        f"{path.name} (triwulan {tw}, versi {versi}, tanggal {day:%d/%m/%Y}); hijau "
        f"{counts['Hijau']}, kuning {counts['Kuning']}, merah {counts['Merah']}",
    )
    refresh_beranda(gw)
    pesan = (
        f"Laporan monev triwulan {tw} {profile.opd} tahun {profile.tahun} versi {versi} "
        f"ditulis: {path.name}. {len(rows)} indikator: {counts['Hijau']} hijau, "
        f"{counts['Kuning']} kuning, {counts['Merah']} merah; "
        + (
            f"{len(keputusan)} hal memerlukan keputusan Camat ({', '.join(keputusan)})."
            if keputusan
            else "tidak ada hal yang memerlukan keputusan Camat."
        )
    )
    return ActionResult(
        pesan,
        files=[path],
        data={
            "file": str(path),
            "versi": versi,
            "triwulan": triwulan,
            "tanggal": day.isoformat(),
            "sha256": digest,
            "indikator": [
                {
                    "kode": b.kode,
                    "aturan": b.aturan,
                    "target_tw": b.target_tw[triwulan - 1],
                    "realisasi_tw": b.realisasi_tw[triwulan - 1],
                    "capaian_tw": b.capaian_tw,
                    "realisasi_sd": b.realisasi_sd,
                    "target_tahun": b.target_tahun,
                    "capaian_tahun": b.capaian_tahun,
                    "lampu": b.lampu,
                    "perlu_keputusan": b.perlu_keputusan,
                    "sel": b.sel,
                }
                for b in rows
            ],
            "keputusan": keputusan,
        },
        peringatan=warnings,
    )
