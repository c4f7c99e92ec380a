"""The LKjIP's data as one pydantic model, handed to the renderer (nothing here reads a file).

:func:`lkjip_xl.actions.report_data.gather` fills it from the workbook; every figure comes
from the one model of the year's performance (:mod:`lkjip_xl.domain.kinerja`), so the
report shows what ``lkjip hitung`` and the Capaian sheet show.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lkjip_xl.domain import capaian as cap
from lkjip_xl.domain import ikm as ikm_engine
from lkjip_xl.domain import kinerja as K
from lkjip_xl.domain.profile import Profile

__all__ = [
    "TAHAP_LABEL",
    "BudgetRow",
    "IndicatorRow",
    "ReportData",
    "SakipYear",
    "Tahap",
    "TindakLanjutLhe",
    "detect_tahap",
]

Tahap = Literal["draft", "koreksi", "final"]

TAHAP_LABEL: dict[str, str] = {"draft": "DRAF", "koreksi": "TERKOREKSI", "final": ""}
"""The mark a version carries in its header."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


IndicatorRow = K.IndicatorFigure
"""One indicator as the report shows it: the model's figure (source, capaian, texts)."""


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
    sasaran: str = ""
    """The sasaran this row serves (Anggaran's optional Sasaran column)."""


class TindakLanjutLhe(_Model):
    """One LHE SAKIP recommendation and its follow-up (sheet Tindak Lanjut LHE)."""

    tahun: int | None = None
    rekomendasi: str
    tindak_lanjut: str = ""
    status: str = ""
    bukti: str = ""


class ExtraText(_Model):
    """A "Tambahan dari Word" row of the Narasi sheet (:data:`narasi.EXTRA_PREFIX`)."""

    key: str
    heading: str
    label: str
    text: str


class ReportData(_Model):
    """Everything the LKjIP shows, as numbers (formatting happens when rendering)."""

    profile: Profile
    tahun: int
    tanggal: dt.date
    tahap: Tahap
    tahap_sumber: str
    """How the tahap was decided (Indonesian)."""
    indikator: list[IndicatorRow]
    kinerja: K.Kinerja | None = None
    """The model the indicators come from (sasaran and overall figures)."""
    ikm: ikm_engine.IkmResult | None = None
    ikm_unit_column: str = "unit"
    ikm_riwayat: dict[int, float] = Field(default_factory=dict)
    """IKM by year (N-2, N-1 from Format Data; N computed)."""
    sakip: list[SakipYear] = Field(default_factory=list)
    anggaran: list[BudgetRow] = Field(default_factory=list)
    efisiensi: K.Efisiensi | None = None
    """The budget read per sasaran (the one model's :func:`~lkjip_xl.domain.kinerja.efisiensi`)."""
    tindak_lanjut_lhe: list[TindakLanjutLhe] = Field(default_factory=list)
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
    tambahan_word: list[ExtraText] = Field(default_factory=list)
    """Text typed in Word outside any slot, kept in Narasi rows ``tambahan_word_<n>``."""

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
