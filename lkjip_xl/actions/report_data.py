"""Gather the LKjIP's data from the workbook into :class:`~lkjip_xl.report.context.ReportData`.

Every figure comes from the one model (:mod:`lkjip_xl.actions.kinerja`); this module adds what
the report shows beside the figures (budget, narratives, SOP monitoring, the SKM's respondent
profile) and hands the whole to the renderer, which reads nothing itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lkjip_xl import clock
from lkjip_xl.actions import kinerja as kinerja_action
from lkjip_xl.domain import capaian as cap
from lkjip_xl.domain import kinerja as K
from lkjip_xl.domain.numbers import parse_number, round_half_up
from lkjip_xl.errors import LkjipError
from lkjip_xl.report.context import (
    TAHAP_LABEL,
    BudgetRow,
    ExtraText,
    ReportData,
    SakipYear,
    Tahap,
    TindakLanjutLhe,
    detect_tahap,
)
from lkjip_xl.workbook import schema as S

if TYPE_CHECKING:
    from lkjip_xl.domain.profile import Profile
    from lkjip_xl.workbook.gateway import Gateway

__all__ = ["gather", "read_extras", "read_narasi"]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _num(value: Any, what: str, warnings: list[str]) -> float | None:
    try:
        return parse_number(value)
    except ValueError as exc:
        warnings.append(f"{what}: {exc} Nilai ini tidak dipakai.")
        return None


def _monitoring(gw: Gateway, profile: Profile) -> tuple[list[dict[str, Any]], list[Any]]:
    """(monitoring rows, step events) from the journal, or empty when unavailable."""
    from lkjip_xl.actions.steps import journal_for
    from lkjip_xl.domain import sop
    from lkjip_xl.report.timeline import monitoring_rows

    events = sop.step_events(journal_for(gw, profile.tahun).events())
    try:
        return monitoring_rows(events, profile), events
    except LkjipError:
        return [], []


def _step_rows(gw: Gateway) -> tuple[list[dict[str, Any]], list[str]]:
    """The SOP steps' state from the journal (via the steps action)."""
    from lkjip_xl.actions.steps import step_status

    try:
        result = step_status(gw)
    except LkjipError as exc:
        return [], [f"Status tahapan SOP tidak dapat dibaca: {exc.pesan}"]
    return list(result.data.get("steps", [])), []


def _survey(gw: Gateway, profile: Profile) -> tuple[Any, int | None]:
    """The SKM respondents' profile and the population of service users (or None)."""
    from lkjip_xl.actions.ikm_source import populasi
    from lkjip_xl.report.sections import respondent_profile

    table = S.skm_table(profile.aturan.ikm_regulasi)
    keys = [c.key for c in table.columns if c.key[:1] == "u" and c.key[1:].isdigit()]
    return respondent_profile(gw.read_rows(table), keys), populasi(gw)


def _anggaran(gw: Gateway, warnings: list[str]) -> list[BudgetRow]:
    out: list[BudgetRow] = []
    for row in gw.read_rows(S.ANGGARAN_T):
        nama = _text(row.get("nama"))
        if not nama:
            continue
        pagu = _num(row.get("pagu"), f"Anggaran '{nama}' pagu", warnings)
        real = _num(row.get("realisasi"), f"Anggaran '{nama}' realisasi", warnings)
        try:
            serapan = cap.serapan(pagu, real)
        except LkjipError as exc:
            warnings.append(f"Anggaran '{nama}': {exc.pesan}")
            serapan = None
        out.append(
            BudgetRow(
                kode=_text(row.get("kode")),
                nama=nama,
                tingkat=_text(row.get("tingkat")),
                pagu=pagu,
                realisasi=real,
                serapan=serapan,
                keterangan=_text(row.get("keterangan")),
                sasaran=_text(row.get("sasaran")),
            )
        )
    return out


def _programs(rows: list[BudgetRow]) -> list[K.ProgramInput]:
    return [
        K.ProgramInput(
            kode=r.kode,
            nama=r.nama,
            tingkat=r.tingkat,
            pagu=r.pagu,
            realisasi=r.realisasi,
            sasaran=r.sasaran,
        )
        for r in rows
    ]


def _tindak_lanjut_lhe(gw: Gateway, warnings: list[str]) -> list[TindakLanjutLhe]:
    """The LHE SAKIP recommendations and their follow-up; empty for a workbook made before
    the sheet existed (with a note for the compiler)."""
    try:
        rows = gw.read_rows(S.TINDAK_LANJUT_LHE_T)
    except LkjipError:
        warnings.append(
            f"Sheet {S.TINDAK_LANJUT_LHE} belum ada di workbook ini (dibuat sebelum ada "
            "sheet itu): tabel tindak lanjut rekomendasi LHE SAKIP kosong. Buat workbook baru "
            "dengan 'lkjip build-workbook' dan pindahkan isinya bila perlu."
        )
        return []
    out = []
    for row in rows:
        rekomendasi = _text(row.get("rekomendasi"))
        if not rekomendasi:
            continue
        tahun = row.get("tahun")
        out.append(
            TindakLanjutLhe(
                tahun=int(tahun) if isinstance(tahun, int | float) else None,
                rekomendasi=rekomendasi,
                tindak_lanjut=_text(row.get("tindak_lanjut")),
                status=_text(row.get("status")),
                bukti=_text(row.get("bukti")),
            )
        )
    return out


def read_narasi(gw: Gateway, warnings: list[str] | None = None) -> dict[str, str]:
    """The Narasi sheet as {kunci: isi}; empty (with a warning) for an older workbook."""
    try:
        rows = gw.read_rows(S.NARASI_T)
    except LkjipError as exc:
        if warnings is not None:
            warnings.append(
                f"Sheet Narasi tidak dapat dibaca ({exc.pesan}); uraian Bab I, II dan IV "
                "tampil sebagai isian kosong."
            )
        return {}
    out: dict[str, str] = {}
    for row in rows:
        kunci = _text(row.get("kunci"))
        if kunci and kunci not in out:
            out[kunci] = "\n".join(
                line.rstrip() for line in _text(row.get("isi")).replace("\r", "").split("\n")
            )
    return out


def read_extras(gw: Gateway) -> list[ExtraText]:
    """The Narasi sheet's "Tambahan dari Word" rows (text typed in Word outside any slot),
    in row order; empty ones are left out."""
    from lkjip_xl.domain import narasi as N

    try:
        rows = gw.read_rows(S.NARASI_T)
    except LkjipError:
        return []
    out: list[ExtraText] = []
    for row in rows:
        kunci = _text(row.get("kunci"))
        isi = _text(row.get("isi")).replace("\r", "")
        if N.is_extra(kunci) and isi:
            out.append(
                ExtraText(
                    key=kunci,
                    heading=_text(row.get("bagian")),
                    label=_text(row.get("judul")) or "Tambahan dari Word",
                    text=isi,
                )
            )
    return out


def gather(
    gw: Gateway,
    *,
    tahap: Tahap | None = None,
    tanggal: dt.date | None = None,
) -> ReportData:
    """Read the workbook and compute every figure of the LKjIP.

    ``tahap`` overrides the stage read from the SOP steps in the journal.
    """
    found = kinerja_action.gather(gw)
    profile = found.profile
    warnings: list[str] = list(found.peringatan)
    tahapan, step_warnings = _step_rows(gw)
    warnings += step_warnings
    if tahap is None:
        tahap, sumber = detect_tahap(tahapan)
    else:
        if tahap not in TAHAP_LABEL:
            raise LkjipError(f"Tahap '{tahap}' tidak dikenal. Pilih draft, koreksi atau final.")
        sumber = "dipilih oleh pengguna"
    model = found.kinerja
    warnings += [p.pesan for p in model.perbedaan]
    missing = [r.kode or str(r.no) for r in model.tanpa_realisasi]
    if missing:
        warnings.append(
            f"Belum ada realisasi untuk {len(missing)} indikator ({', '.join(missing)}); "
            "di laporan ditulis 'belum ada data'."
        )
    if not model.indikator:
        warnings.append(
            "Sheet Format Data belum berisi indikator: tabel capaian kinerja akan kosong."
        )
    riwayat: dict[int, float] = {}
    ikm_row = next((r for r in model.indikator if r.jenis == "IKM"), None)
    if ikm_row is not None:
        for year, value in (
            (profile.tahun - 2, ikm_row.realisasi_n2),
            (profile.tahun - 1, ikm_row.realisasi_n1),
            (profile.tahun, ikm_row.realisasi),
        ):
            if value is not None:
                riwayat[year] = value
    elif found.ikm is not None:
        riwayat[profile.tahun] = round_half_up(found.ikm.ikm, 2)
    pemantauan, jurnal = _monitoring(gw, profile)
    responden, populasi = _survey(gw, profile) if found.ikm is not None else (None, None)
    narasi = read_narasi(gw, warnings)
    anggaran = _anggaran(gw, warnings)
    lhe = _tindak_lanjut_lhe(gw, warnings)
    sakip = [
        SakipYear(
            tahun=s.tahun,
            skema=s.skema,
            komponen=s.komponen,
            nilai=s.nilai,
            predikat=s.predikat,
            interpretasi=s.interpretasi,
            catatan=s.catatan,
        )
        for s in found.sakip
    ]
    return ReportData(
        responden=responden,
        ikm_populasi=populasi,
        profile=profile,
        pemantauan=pemantauan,
        jurnal=jurnal,
        tahun=profile.tahun,
        tanggal=tanggal or clock.today(),
        tahap=tahap,
        tahap_sumber=sumber,
        indikator=model.indikator,
        kinerja=model,
        ikm=found.ikm,
        ikm_riwayat=riwayat,
        sakip=sakip,
        anggaran=anggaran,
        efisiensi=K.efisiensi(model, _programs(anggaran)),
        tindak_lanjut_lhe=lhe,
        tahapan=tahapan,
        peringatan=warnings,
        narasi=narasi,
        tambahan_word=read_extras(gw),
    )
