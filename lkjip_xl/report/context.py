"""Gather the LKjIP's data from the workbook (through the gateway) into one pydantic model.

Nothing here computes a formula of its own: IKM, SAKIP, capaian and serapan come from
:mod:`lkjip_xl.domain`. What this module decides is *where* each figure comes from:

* an indicator's realisasi is the latest ``Valid`` row of ``Kiriman`` for its kode (the
  penanggung jawab's row first); unvalidated rows are not used (a warning says so);
* the IKM indicator's realisasi is the IKM computed from the ``SKM`` sheet when it has
  responses (the Kiriman value is only a fallback, and a difference is reported);
* the SAKIP indicator falls back to the ``SAKIP`` sheet's nilai of the report year;
* an indicator with no realisasi stays without one ("belum ada data"), never invented.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lkjip_xl import clock
from lkjip_xl.domain import capaian as cap
from lkjip_xl.domain import ikm as ikm_engine
from lkjip_xl.domain import sakip as sakip_engine
from lkjip_xl.domain.narasi import FIELD_KEYS
from lkjip_xl.domain.numbers import parse_number, round_half_up
from lkjip_xl.domain.profile import Profile
from lkjip_xl.errors import LkjipError
from lkjip_xl.report import fmt
from lkjip_xl.workbook import schema as S

if TYPE_CHECKING:
    from lkjip_xl.workbook.gateway import Gateway

__all__ = [
    "TAHAP_LABEL",
    "BudgetRow",
    "IndicatorRow",
    "ReportData",
    "SakipYear",
    "Tahap",
    "detect_tahap",
    "gather",
]

Tahap = Literal["draft", "koreksi", "final"]

TAHAP_LABEL: dict[str, str] = {"draft": "DRAF", "koreksi": "TERKOREKSI", "final": ""}
"""The mark a version carries in its header."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class IndicatorRow(_Model):
    no: int
    kode: str
    sasaran: str
    indikator: str
    satuan: str
    jenis: str
    polaritas: Literal["naik", "turun"]
    penanggung_jawab: str
    target: float | None
    realisasi: float | None
    sumber_realisasi: str = ""
    """Where the realisasi came from, in Indonesian (e.g. "hasil olah SKM")."""
    keterangan: str = ""
    """The unit's explanation sent with the realisasi (Kiriman)."""
    capaian: float | None = None
    kategori: str | None = None
    catatan: str = ""
    target_renstra: float | None = None
    realisasi_n1: float | None = None
    realisasi_n2: float | None = None
    capaian_renstra: float | None = None
    definisi: str = ""
    """Definisi operasional / formula (Format Data), for the IKU table."""
    target_tahunan: list[float | None] = Field(default_factory=list)
    """Yearly Renstra targets, year 1..5 of the period."""
    sumber_data: str = ""
    faktor: str = ""
    kendala: str = ""
    solusi: str = ""
    efisiensi: str = ""
    """Narratives (issue 11): Format Data's text when written there, else the unit's (Kiriman)."""

    @property
    def desimal(self) -> int:
        """Decimals to show this indicator's figures with: 0 when all are whole numbers."""
        values = [
            self.target,
            self.realisasi,
            self.realisasi_n1,
            self.realisasi_n2,
            self.target_renstra,
        ]
        whole = all(v is None or float(round_half_up(v, 2)).is_integer() for v in values)
        return 0 if whole else 2

    @property
    def tercapai(self) -> bool | None:
        """Whether the target was met (capaian ≥ 100 % as shown); None without a capaian."""
        if self.capaian is None:
            return None
        return round_half_up(self.capaian, 2) >= 100.0


class SakipYear(_Model):
    tahun: int
    skema: str
    komponen: dict[str, float | None]
    nilai: float | None
    predikat: str = ""
    interpretasi: str = ""
    catatan: str = ""


class BudgetRow(_Model):
    kode: str
    nama: str
    tingkat: str
    pagu: float | None
    realisasi: float | None
    serapan: float | None
    keterangan: str = ""


class ReportData(_Model):
    """Everything the LKjIP shows, as numbers (formatting happens when rendering)."""

    profile: Profile
    tahun: int
    tanggal: dt.date
    tahap: Tahap
    tahap_sumber: str
    """How the tahap was decided (Indonesian)."""
    indikator: list[IndicatorRow]
    ikm: ikm_engine.IkmResult | None = None
    ikm_unit_column: str = "unit"
    ikm_riwayat: dict[int, float] = Field(default_factory=dict)
    """IKM by year (N-2, N-1 from Format Data; N computed)."""
    sakip: list[SakipYear] = Field(default_factory=list)
    anggaran: list[BudgetRow] = Field(default_factory=list)
    tahapan: list[dict[str, Any]] = Field(default_factory=list)
    """``step_status`` rows (``lkjip step status --json`` contract), if available."""
    pemantauan: list[dict[str, Any]] = Field(default_factory=list)
    """SOP monitoring rows (:func:`lkjip_xl.report.timeline.monitoring_rows`)."""
    jurnal: list[dict[str, Any]] = Field(default_factory=list)
    """The journal's SOP step events, for the timeline chart."""
    peringatan: list[str] = Field(default_factory=list)
    responden: Any = None
    """:class:`lkjip_xl.report.sections.RespondentProfile` of the SKM, or None."""
    ikm_populasi: int | None = None
    """Service users in the year (the IKM sheet's populasi), for the sample check."""
    narasi: dict[str, str] = Field(default_factory=dict)
    """Texts of the Narasi sheet by topic key (:mod:`lkjip_xl.domain.narasi`)."""

    @property
    def ikm_indicator(self) -> IndicatorRow | None:
        return next((r for r in self.indikator if r.jenis == "IKM"), None)

    @property
    def sakip_tahun_ini(self) -> SakipYear | None:
        return next((s for s in self.sakip if s.tahun == self.tahun and s.nilai is not None), None)

    @property
    def budget_total(self) -> tuple[float | None, float | None, float | None]:
        """(pagu, realisasi, serapan) over programs (or all rows when no row is a Program)."""
        rows = [r for r in self.anggaran if r.tingkat == "Program"] or self.anggaran
        pagu = [r.pagu for r in rows if r.pagu is not None]
        real = [r.realisasi for r in rows if r.realisasi is not None]
        if not pagu:
            return None, None, None
        p, r = math.fsum(pagu), math.fsum(real)
        return p, r, cap.serapan(p, r)


# -- helpers -----------------------------------------------------------------------------------


def _num(value: Any, what: str, warnings: list[str]) -> float | None:
    try:
        return parse_number(value)
    except ValueError as exc:
        warnings.append(f"{what}: {exc} Nilai ini tidak dipakai.")
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _polaritas(value: Any) -> Literal["naik", "turun"]:
    return "turun" if _text(value).casefold() == "turun" else "naik"


def _finished_steps(rows: list[dict[str, Any]]) -> set[int]:
    return {int(r["no"]) for r in rows if r.get("selesai")}


def detect_tahap(tahapan: list[dict[str, Any]]) -> tuple[Tahap, str]:
    """final after step 7 finished, koreksi after step 5, else draft; with the reason."""
    done = _finished_steps(tahapan)
    if 7 in done:
        return "final", "langkah 7 (penandatanganan Camat) sudah selesai"
    if 5 in done:
        return "koreksi", "langkah 5 (koreksi Sekcam) sudah selesai"
    if 4 in done:
        return "draft", "langkah 4 selesai; menunggu koreksi Sekcam (langkah 5)"
    return "draft", "langkah 4 (penyusunan draf) belum selesai"


def _monitoring(gw: Gateway, profile: Profile) -> tuple[list[dict[str, Any]], list[Any]]:
    """(monitoring rows, step events) from the journal, or empty when unavailable."""
    from lkjip_xl.journal import Journal

    try:
        from lkjip_xl.domain import sop
        from lkjip_xl.report.timeline import monitoring_rows
    except ImportError:  # pragma: no cover - ships with the package
        return [], []
    events = sop.step_events(Journal(gw.workspace.journal, profile.tahun).events())
    try:
        return monitoring_rows(events, profile), events
    except LkjipError:
        return [], []


def _step_rows(gw: Gateway) -> tuple[list[dict[str, Any]], list[str]]:
    """The SOP steps' state from the journal (via the steps action), or [] if unavailable."""
    try:
        from lkjip_xl.actions.steps import step_status
    except ImportError:  # pragma: no cover - the steps action ships with the package
        return [], []
    try:
        result = step_status(gw)
    except LkjipError as exc:
        return [], [f"Status tahapan SOP tidak dapat dibaca: {exc.pesan}"]
    return list(result.data.get("steps", [])), []


# -- the pieces --------------------------------------------------------------------------------


def _kiriman_by_kode(
    gw: Gateway, profile: Profile, warnings: list[str]
) -> dict[str, list[dict[str, Any]]]:
    rows = gw.read_rows(S.KIRIMAN_T)
    valid: dict[str, list[dict[str, Any]]] = {}
    unvalidated: dict[str, int] = {}
    for row in rows:
        kode = _text(row.get("kode"))
        if not kode:
            continue
        status = _text(row.get("status"))
        if status == "Valid":
            valid.setdefault(kode, []).append(row)
        elif not status:
            unvalidated[kode] = unvalidated.get(kode, 0) + 1
    for kode, n in unvalidated.items():
        if kode not in valid:
            warnings.append(
                f"Kiriman indikator {kode} ({n} baris) belum berstatus Valid sehingga belum "
                "dipakai. Validasi kiriman itu (impor ulang formulir) bila datanya benar."
            )
    return valid


def _pick_kiriman(
    rows: list[dict[str, Any]], penanggung_jawab: str, profile: Profile
) -> dict[str, Any]:
    names = {penanggung_jawab}
    for u in profile.unit:
        if penanggung_jawab in (u.nama, u.kode):
            names |= {u.nama, u.kode}
    own = [r for r in rows if _text(r.get("unit")) in names] or rows

    def when(r: dict[str, Any]) -> tuple[dt.datetime, int]:
        t = r.get("diterima")
        t = t if isinstance(t, dt.datetime) else dt.datetime.min
        return t.replace(tzinfo=None), int(r.get("_row", 0))

    return max(own, key=when)


def _ikm(gw: Gateway, profile: Profile, warnings: list[str]) -> ikm_engine.IkmResult | None:
    from lkjip_xl.actions.ikm_source import ikm_from_workbook

    try:
        result = ikm_from_workbook(gw, profile)
    except LkjipError as exc:
        warnings.append(f"IKM belum dapat dihitung dari sheet SKM: {exc}")
        return None
    if result is not None:
        warnings.extend(f"SKM: {w}" for w in result.peringatan)
    return result


def _survey(gw: Gateway, profile: Profile) -> tuple[Any, int | None]:
    """The SKM respondents' profile and the population of service users (or None)."""
    from lkjip_xl.actions.ikm_source import _populasi
    from lkjip_xl.report.sections import respondent_profile

    table = S.skm_table(profile.aturan.ikm_regulasi)
    keys = [c.key for c in table.columns if c.key[:1] == "u" and c.key[1:].isdigit()]
    return respondent_profile(gw.read_rows(table), keys), _populasi(gw)


def _sakip(gw: Gateway, warnings: list[str]) -> list[SakipYear]:
    out: list[SakipYear] = []
    for row in gw.read_rows(S.SAKIP_T):
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
        entry = SakipYear(tahun=tahun, skema=skema, komponen=komponen, nilai=None)
        filled = {k: v for k, v in komponen.items() if v is not None}
        if len(filled) == len(parts):
            try:
                res = sakip_engine.sakip_result(components=filled, skema=skema)
            except LkjipError as exc:
                entry.catatan = exc.pesan
                warnings.append(f"SAKIP {tahun}: {exc.pesan}")
            else:
                entry.nilai = res.nilai
                entry.predikat = res.predikat
                entry.interpretasi = res.interpretasi
        elif filled:
            entry.catatan = "Komponen belum lengkap."
            warnings.append(
                f"SAKIP {tahun}: komponen belum lengkap, nilai dan predikat tidak dihitung."
            )
        else:
            continue
        out.append(entry)
    return sorted(out, key=lambda s: s.tahun)


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


def _indicators(
    gw: Gateway,
    profile: Profile,
    ikm: ikm_engine.IkmResult | None,
    sakip: list[SakipYear],
    warnings: list[str],
) -> list[IndicatorRow]:
    aturan = profile.aturan
    kiriman = _kiriman_by_kode(gw, profile, warnings)
    sakip_now = next((s for s in sakip if s.tahun == profile.tahun and s.nilai is not None), None)
    out: list[IndicatorRow] = []
    for no, row in enumerate(gw.read_rows(S.FORMAT), start=1):
        kode = _text(row.get("kode"))
        label = f"Indikator {kode or no}"
        jenis = _text(row.get("jenis")) or "Lainnya"
        pj = _text(row.get("penanggung_jawab"))
        realisasi: float | None = None
        sumber = ""
        keterangan = ""
        texts = {k: _text(row.get(k)) for k in FIELD_KEYS}
        if kode in kiriman:
            chosen = _pick_kiriman(kiriman[kode], pj, profile)
            for k in FIELD_KEYS:
                texts[k] = texts[k] or _text(chosen.get(k))
            realisasi = _num(chosen.get("realisasi"), f"Kiriman {kode} realisasi", warnings)
            keterangan = _text(chosen.get("keterangan"))
            if realisasi is not None:
                sumber = f"kiriman {_text(chosen.get('unit')) or pj}"
        if jenis == "IKM" and ikm is not None:
            computed = round_half_up(ikm.ikm, 2)
            if realisasi is not None and abs(realisasi - computed) >= 0.005:
                warnings.append(
                    f"{label}: realisasi IKM pada kiriman ({fmt.angka(realisasi)}) berbeda dengan "
                    f"hasil olah data SKM ({fmt.angka(computed)}); laporan memakai hasil olah SKM."
                )
            realisasi, sumber = computed, "hasil olah data SKM"
        elif jenis == "SAKIP" and realisasi is None and sakip_now is not None:
            assert sakip_now.nilai is not None
            realisasi, sumber = round_half_up(sakip_now.nilai, 2), "LHE SAKIP"
        target = _num(row.get("target"), f"{label} target", warnings)
        polaritas = _polaritas(row.get("polaritas"))
        result = cap.capaian(
            target,
            realisasi,
            polaritas,
            aturan.capaian_turun,
            aturan.capaian_batas_atas,
        )
        renstra = _num(row.get("target_renstra"), f"{label} target Renstra", warnings)
        cr = cap.capaian_renstra(renstra, realisasi, polaritas, aturan.capaian_turun)
        out.append(
            IndicatorRow(
                no=no,
                kode=kode,
                sasaran=_text(row.get("sasaran")),
                indikator=_text(row.get("indikator")),
                satuan=_text(row.get("satuan")),
                jenis=jenis,
                polaritas=polaritas,
                penanggung_jawab=pj,
                target=target,
                realisasi=realisasi,
                sumber_realisasi=sumber,
                keterangan=keterangan,
                capaian=result.capaian,
                kategori=result.kategori,
                catatan=result.catatan if realisasi is not None else "",
                target_renstra=renstra,
                realisasi_n1=_num(row.get("realisasi_n1"), f"{label} realisasi N-1", warnings),
                realisasi_n2=_num(row.get("realisasi_n2"), f"{label} realisasi N-2", warnings),
                capaian_renstra=cr.capaian,
                definisi=_text(row.get("definisi")),
                target_tahunan=[
                    _num(row.get(f"target_th{k}"), f"{label} target Renstra tahun ke-{k}", warnings)
                    for k in range(1, S.RENSTRA_YEARS + 1)
                ],
                sumber_data=_text(row.get("sumber_data")),
                **texts,
            )
        )
    missing = [r.kode or str(r.no) for r in out if r.realisasi is None]
    if missing:
        warnings.append(
            f"Belum ada realisasi untuk {len(missing)} indikator ({', '.join(missing)}); "
            "di laporan ditulis 'belum ada data'."
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
    profile = gw.profile()
    warnings: list[str] = []
    tahapan, step_warnings = _step_rows(gw)
    warnings += step_warnings
    if tahap is None:
        tahap, sumber = detect_tahap(tahapan)
    else:
        if tahap not in TAHAP_LABEL:
            raise LkjipError(f"Tahap '{tahap}' tidak dikenal. Pilih draft, koreksi atau final.")
        sumber = "dipilih oleh pengguna"
    ikm = _ikm(gw, profile, warnings)
    sakip = _sakip(gw, warnings)
    indikator = _indicators(gw, profile, ikm, sakip, warnings)
    riwayat: dict[int, float] = {}
    ikm_row = next((r for r in indikator if r.jenis == "IKM"), None)
    if ikm_row is not None:
        for year, value in (
            (profile.tahun - 2, ikm_row.realisasi_n2),
            (profile.tahun - 1, ikm_row.realisasi_n1),
            (profile.tahun, ikm_row.realisasi),
        ):
            if value is not None:
                riwayat[year] = value
    elif ikm is not None:
        riwayat[profile.tahun] = round_half_up(ikm.ikm, 2)
    if not indikator:
        warnings.append(
            "Sheet Format Data belum berisi indikator: tabel capaian kinerja akan kosong."
        )
    pemantauan, jurnal = _monitoring(gw, profile)
    responden, populasi = _survey(gw, profile) if ikm is not None else (None, None)
    narasi = read_narasi(gw, warnings)
    anggaran = _anggaran(gw, warnings)
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
        indikator=indikator,
        ikm=ikm,
        ikm_riwayat=riwayat,
        sakip=sakip,
        anggaran=anggaran,
        tahapan=tahapan,
        peringatan=warnings,
        narasi=narasi,
    )
