"""Indonesian sentences generated from the data, for staff to refine in Word.

Each function returns a list of paragraphs (or list items). Figures are formatted the way
the tables show them, so a sentence and its table always agree. Where only people can
say something (causes, solutions, visi, dasar hukum …) the text is a narrative slot
(:func:`lkjip_xl.report.slots.mark`) fed by the workbook: the Narasi sheet or the per-indicator
narrative columns. Slots become Word content controls whose edits flow back to the workbook.
"""

from __future__ import annotations

import math

from lkjip_xl.domain import ikm as ikm_engine
from lkjip_xl.domain import sakip as sakip_engine
from lkjip_xl.domain.kinerja import mean_capaian
from lkjip_xl.domain.narasi import renstra_tahun_ke, slot_key
from lkjip_xl.domain.numbers import round_half_up
from lkjip_xl.domain.profile import Profile
from lkjip_xl.report import fmt
from lkjip_xl.report.context import IndicatorRow, ReportData
from lkjip_xl.report.slots import mark

__all__ = [
    "anggaran_pengantar",
    "aspek_strategis",
    "aturan_capaian",
    "efisiensi_label",
    "gambaran_umum",
    "ikhtisar",
    "ikhtisar_sasaran",
    "ikm_hasil",
    "ikm_metode",
    "kesimpulan",
    "narasi_analisis",
    "narasi_anggaran",
    "narasi_capaian",
    "narasi_efisiensi",
    "narasi_ikm",
    "narasi_lhe_pengantar",
    "narasi_program",
    "narasi_renstra",
    "narasi_sakip",
    "narasi_standar",
    "narasi_tindak_lanjut_lhe",
    "narasi_tren",
    "permasalahan",
    "perwali",
    "pk_pengantar",
    "renstra",
    "tindak_lanjut",
    "topic_slot",
]


def topic_slot(data: ReportData, key: str, *, wajib: bool = True, inline: bool = False) -> str:
    """The Narasi sheet's text for ``key`` as a slot (``inline``: inside a sentence, so a
    final full stop is left to the sentence)."""
    text = data.narasi.get(key, "")
    return mark(slot_key(key), text.rstrip(" .") if inline else text, wajib=wajib)


def _field_slot(data: ReportData, r: IndicatorRow, field: str, *, wajib: bool) -> str:
    """An indicator's narrative ``field`` as a slot; '' for an empty optional one in a final."""
    text = getattr(r, field).rstrip(" .")
    if not r.kode:
        return text
    if not wajib and not text and data.tahap == "final":
        return ""
    return mark(slot_key(r.kode, field), text, wajib=wajib)


def _sentence(label: str, slot: str) -> str:
    return f" {label}: {slot}." if slot else ""


def _count(n: int, what: str) -> str:
    """``_count(3, "indikator") → "3 (tiga) indikator"``."""
    return fmt.dengan_kata(n, what)


def _value(r: IndicatorRow, x: float | None) -> str:
    """A figure of ``r`` as its tables show it (same decimals), with its unit."""
    if x is None:
        return "belum ada data"
    unit = r.satuan.strip()
    if unit == "%":
        return fmt.persen(x, r.desimal)
    if unit.casefold() in ("nilai", "indeks", "skor", ""):
        return fmt.angka(x, r.desimal)
    return f"{fmt.angka(x, r.desimal)} {unit}"


def _join(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " dan " + items[-1]


def _met(data: ReportData) -> tuple[list[IndicatorRow], list[IndicatorRow], list[IndicatorRow]]:
    met = [r for r in data.indikator if r.tercapai is True]
    missed = [r for r in data.indikator if r.tercapai is False]
    none = [r for r in data.indikator if r.tercapai is None]
    return met, missed, none


def _gap(r: IndicatorRow) -> str:
    """How far an indicator missed its target, in its own unit and in points of capaian."""
    assert r.target is not None and r.realisasi is not None and r.capaian is not None
    diff = abs(r.realisasi - r.target)
    arah = "di atas" if r.polaritas == "turun" else "di bawah"
    if r.satuan.strip() == "%":
        shown = f"{fmt.angka(diff, r.desimal)} poin persen"
    else:
        shown = _value(r, diff)
    return (
        f"{r.indikator} dengan realisasi {_value(r, r.realisasi)} dari target "
        f"{_value(r, r.target)} ({shown} {arah} target; capaian {fmt.persen(r.capaian)})"
    )


def _mean_capaian(data: ReportData) -> float | None:
    if data.kinerja is not None:
        return data.kinerja.rata_rata
    return mean_capaian(data.indikator)


# -- Bab I / II --------------------------------------------------------------------------------


def perwali(profile: Profile) -> str:
    """The regulation on the kecamatan's organisation as the report cites it: ``Peraturan Wali
    Kota Probolinggo Nomor 64 Tahun 2021 tentang …`` (Pengaturan ``perwali_*``; a kabupaten's is
    a Peraturan Bupati). Without a number or year it is cited without them (Persiapan says so).
    """
    daerah = " ".join(profile.pemerintah.split()).removeprefix("Pemerintah ")
    _jenis, _, nama = daerah.partition(" ")
    if daerah.casefold().startswith("kabupaten "):
        head = f"Peraturan Bupati {nama}"
    elif daerah.casefold().startswith("kota "):
        head = f"Peraturan Wali Kota {nama}"
    else:
        head = f"Peraturan Kepala Daerah {daerah}".strip()
    nomor = profile.perwali_nomor.strip()
    if nomor:
        head += f" Nomor {nomor}"
    if profile.perwali_tahun:
        head += f" Tahun {profile.perwali_tahun}"
    tentang = profile.perwali_tentang.strip().rstrip(".")
    return f"{head} tentang {tentang}" if tentang else head


def gambaran_umum(data: ReportData) -> list[str]:
    p = data.profile
    camat = p.official("camat")
    text = (
        f"{p.opd} merupakan perangkat daerah di lingkungan {p.pemerintah} yang dipimpin oleh "
        f"{camat.jabatan}."
    )
    if p.perwali_nomor and p.perwali_tahun:
        text += (
            f" Kedudukan, susunan organisasi, tugas dan fungsi {p.opd} diatur dalam {perwali(p)}."
        )
    if p.alamat:
        text += f" Kantor {p.opd} berkedudukan di {p.alamat}."
    out = [text]
    parts = []
    for jenis in ("kelurahan", "subbagian", "seksi", "bidang"):
        n = sum(1 for u in p.unit if u.jenis == jenis)
        if n:
            parts.append(_count(n, jenis))
    if parts:
        out.append(
            f"Dalam melaksanakan tugas dan fungsinya, {p.opd} membawahi {_join(parts)} "
            "sebagaimana tercantum pada tabel berikut."
        )
    return out


def aspek_strategis(data: ReportData) -> list[str]:
    p = data.profile
    if any(u.jenis == "kelurahan" for u in p.unit):
        first = (
            f"{p.opd} memiliki peran strategis sebagai unit pelayanan yang paling dekat dengan "
            "masyarakat: menyelenggarakan pelayanan administrasi, mengoordinasikan "
            "penyelenggaraan pemerintahan, ketenteraman dan ketertiban umum, pemberdayaan "
            "masyarakat, serta membina kelurahan di wilayahnya."
        )
    else:
        first = (
            f"{p.opd} memiliki peran strategis dalam melaksanakan urusan pemerintahan yang "
            f"menjadi kewenangannya dan memberikan pelayanan kepada masyarakat di wilayah "
            f"{p.pemerintah.removeprefix('Pemerintah ').strip()}."
        )
    return [
        first,
        "Kualitas pelayanan tersebut diukur antara lain melalui Survei Kepuasan Masyarakat, "
        "sedangkan akuntabilitas kinerjanya dinilai melalui evaluasi SAKIP. Kedua ukuran ini "
        "menjadi bagian dari indikator kinerja yang dilaporkan dalam LKjIP ini.",
    ]


def permasalahan(data: ReportData) -> tuple[list[str], list[str]]:
    """(introduction, items): problems read from the data, to be completed by staff."""
    _, missed, none = _met(data)
    items: list[str] = []
    for r in missed:
        items.append(f"Indikator {_gap(r)} belum mencapai target.")
    if data.ikm is not None and data.ikm.nrr:
        code = min(data.ikm.nrr, key=lambda c: data.ikm.nrr[c])  # type: ignore[union-attr]
        name = ikm_engine.UNSUR_2017.get(code, code)
        if data.profile.aturan.ikm_regulasi == "2004":
            name = ikm_engine.UNSUR_2004.get(code, code)
        items.append(
            f"Unsur pelayanan dengan nilai terendah pada Survei Kepuasan Masyarakat adalah "
            f"{code} {name} (NRR {fmt.angka(data.ikm.nrr[code])}), sehingga pelayanan pada "
            "unsur ini perlu diperbaiki."
        )
    if none:
        items.append(
            f"Data realisasi {_count(len(none), 'indikator')} belum tersedia pada saat laporan "
            "disusun."
        )
    intro = [
        "Permasalahan utama yang dihadapi pada tahun "
        f"{data.tahun}, sebagaimana tercermin dari data kinerja, adalah sebagai berikut:"
    ]
    if not items:
        intro = [
            f"Seluruh indikator kinerja tahun {data.tahun} mencapai target. Tantangan utama ke "
            "depan adalah mempertahankan dan meningkatkan capaian tersebut:"
        ]
        items = [
            "Mempertahankan capaian seluruh indikator kinerja di tengah isu strategis yang "
            "diuraikan pada bagian Aspek Strategis."
        ]
    return intro, items


def pk_pengantar(data: ReportData) -> list[str]:
    sasaran = list(dict.fromkeys(r.sasaran for r in data.indikator if r.sasaran))
    camat = data.profile.official("camat")
    return [
        f"Perjanjian Kinerja Tahun {data.tahun} merupakan pernyataan komitmen {camat.jabatan} "
        f"untuk mewujudkan target kinerja yang telah ditetapkan. Perjanjian Kinerja tersebut "
        f"memuat {_count(len(sasaran), 'sasaran')} dengan "
        f"{_count(len(data.indikator), 'indikator kinerja')} sebagai berikut."
    ]


def anggaran_pengantar(data: ReportData) -> list[str]:
    pagu, _real, _s = data.budget_total
    programs = [r for r in data.anggaran if r.tingkat == "Program"]
    if pagu is None:
        return ["Rincian anggaran yang mendukung pencapaian sasaran belum tersedia."]
    text = f"Untuk mencapai sasaran tersebut, {data.profile.opd} mengelola anggaran sebesar "
    text += f"{fmt.rupiah(pagu)}"
    if programs:
        text += f" yang dilaksanakan melalui {_count(len(programs), 'program')}"
    return [text + "."]


# -- Bab III -----------------------------------------------------------------------------------


def aturan_capaian(data: ReportData) -> list[str]:
    a = data.profile.aturan
    out = [
        "Indikator dengan polaritas naik (makin tinggi makin baik): capaian = realisasi ÷ "
        "target × 100%.",
        (
            "Indikator dengan polaritas turun (makin rendah makin baik): capaian = "
            "(2 × target − realisasi) ÷ target × 100%; hasil di bawah 0% ditulis 0%."
            if a.capaian_turun == "selisih"
            else "Indikator dengan polaritas turun (makin rendah makin baik): capaian = "
            "target ÷ realisasi × 100%."
        ),
    ]
    if a.capaian_batas_atas is not None:
        out.append(f"Capaian dibatasi paling tinggi {fmt.persen(a.capaian_batas_atas)}.")
    else:
        out.append("Capaian di atas 100% ditampilkan apa adanya (tidak dibatasi).")
    out.append(
        "Kategori capaian menurut Permendagri Nomor 86 Tahun 2017 ditentukan dari angka "
        "capaian yang ditampilkan (dibulatkan dua desimal)."
    )
    return out


def narasi_capaian(data: ReportData) -> list[str]:
    met, missed, none = _met(data)
    total = len(data.indikator)
    if not total:
        return ["Belum ada indikator kinerja yang ditetapkan."]
    out: list[str] = []
    counted = len(met) + len(missed)
    text = f"Dari {_count(total, 'indikator kinerja')} yang diperjanjikan pada tahun {data.tahun}, "
    if met:
        text += f"{_count(len(met), 'indikator')} mencapai atau melampaui target"
    else:
        text += "belum ada yang mencapai target"
    if missed and met:
        text += f" dan {_count(len(missed), 'indikator')} belum mencapai target"
    if none:
        text += f", sedangkan {_count(len(none), 'indikator')} belum ada datanya"
    text += "."
    mean = _mean_capaian(data)
    if mean is not None and counted:
        text += f" Rata-rata capaian indikator yang terukur sebesar {fmt.persen(mean)}."
    out.append(text)
    if missed:
        out.append(
            "Indikator yang belum mencapai target adalah " + _join([_gap(r) for r in missed]) + "."
        )
    best = [r for r in met if r.capaian is not None and round_half_up(r.capaian, 2) > 100]
    if best:
        best.sort(key=lambda r: r.capaian or 0, reverse=True)
        out.append(
            "Indikator dengan capaian melampaui target antara lain "
            + _join(
                [f"{r.indikator} ({fmt.persen(r.capaian)})" for r in best[:3]]  # type: ignore[arg-type]
            )
            + "."
        )
    return out


def narasi_tren(data: ReportData) -> list[str]:
    naik, turun, tetap = [], [], []
    for r in data.indikator:
        if r.realisasi is None or r.realisasi_n1 is None:
            continue
        diff = round_half_up(r.realisasi, 2) - round_half_up(r.realisasi_n1, 2)
        better = diff > 0 if r.polaritas == "naik" else diff < 0
        if abs(diff) < 0.005:
            tetap.append(r)
        elif better:
            naik.append(r)
        else:
            turun.append(r)
    compared = len(naik) + len(turun) + len(tetap)
    if not compared:
        # Name the year whose figures are missing: this year's, last year's, or both.
        missing = [
            str(year)
            for year, values in (
                (data.tahun, [r.realisasi for r in data.indikator]),
                (data.tahun - 1, [r.realisasi_n1 for r in data.indikator]),
            )
            if all(v is None for v in values)
        ] or [str(data.tahun - 1)]
        return [
            f"Realisasi tahun {' dan '.join(missing)} belum tersedia, sehingga "
            f"perbandingan tahun {data.tahun} dengan tahun {data.tahun - 1} belum dapat "
            "disajikan."
        ]
    parts = [
        f"{_count(n, 'indikator')} {word}"
        for n, word in ((len(naik), "membaik"), (len(turun), "menurun"), (len(tetap), "tetap"))
        if n
    ]
    out = [
        f"Dari {_count(compared, 'indikator')} yang dapat dibandingkan dengan tahun "
        f"{data.tahun - 1}, kinerja {_join(parts)}."
    ]
    if turun:
        out.append(
            "Kinerja yang menurun dibanding tahun lalu: "
            + _join(
                [
                    f"{r.indikator} ({_value(r, r.realisasi_n1)} menjadi {_value(r, r.realisasi)})"
                    for r in turun
                ]
            )
            + ". Penyebabnya diuraikan pada analisis penyebab keberhasilan atau kegagalan "
            "(Bab III)."
        )
    return out


def narasi_renstra(data: ReportData) -> list[str]:
    rows = [r for r in data.indikator if r.capaian_renstra is not None]
    if not rows:
        return ["Target akhir periode Renstra belum tersedia."]
    reached = [r for r in rows if round_half_up(r.capaian_renstra or 0, 2) >= 100]
    out = [
        f"Dari {_count(len(rows), 'indikator')} yang memiliki target akhir Renstra, "
        f"{_count(len(reached), 'indikator')} telah mencapai target akhir periode pada tahun "
        f"{data.tahun}."
    ]
    far = sorted((r for r in rows if r not in reached), key=lambda r: r.capaian_renstra or 0)[:3]
    if far:
        out.append(
            "Indikator yang masih memerlukan upaya terbesar untuk mencapai target Renstra: "
            + _join([f"{r.indikator} ({fmt.persen(r.capaian_renstra)})" for r in far])
            + "."
        )
    return out


def narasi_standar(data: ReportData) -> list[str]:
    """The comparison with a national/provincial standard, one sentence per indicator that
    has one in Format Data; the generic sentence only when no indicator has one."""
    rows = [r for r in data.indikator if r.standar is not None]
    if rows:
        out = [
            f"{_count(len(rows), 'indikator')} dibandingkan dengan nilai standar nasional atau "
            "provinsi sebagaimana tabel di atas."
        ]
        for r in rows:
            sumber = f" menurut {r.standar_sumber.rstrip(' .')}" if r.standar_sumber else ""
            head = f"Realisasi {r.indikator} sebesar {_value(r, r.realisasi)}"
            versus = f"standar {_value(r, r.standar)}{sumber}"
            reading = r.banding_standar
            if reading is None:
                out.append(f"{head}, sehingga belum dapat dibandingkan dengan {versus}.")
            elif reading == "sama":
                out.append(f"{head}, sama dengan {versus}.")
            else:
                arah = (
                    ("di atas" if reading == "lebih baik" else "di bawah")
                    if r.polaritas == "naik"
                    else ("di bawah" if reading == "lebih baik" else "di atas")
                )
                kesan = (
                    "lebih baik dari standar"
                    if reading == "lebih baik"
                    else "belum memenuhi standar sehingga menjadi prioritas perbaikan"
                )
                out.append(f"{head}, {arah} {versus}; kinerja ini {kesan}.")
    else:
        out = [
            f"Sebagian besar indikator kinerja {data.profile.opd} bersifat lokal sehingga belum "
            "terdapat standar nasional yang dapat dibandingkan secara langsung."
        ]
    if data.ikm is not None:
        reg = ikm_engine.REGULASI_LABEL[data.ikm.regulasi]
        out.append(
            f"Untuk kepuasan masyarakat, hasil survei dibandingkan dengan kategori mutu "
            f"pelayanan pada {reg}: nilai IKM {fmt.angka(data.ikm.ikm)} termasuk mutu "
            f"{data.ikm.mutu} ({data.ikm.kinerja})."
        )
    return out


def narasi_analisis(data: ReportData) -> tuple[list[str], list[str]]:
    """(introduction, one item per indicator): causes, obstacles, solutions and efficiency,
    each a slot fed by the unit's form or the Kasubbag's text in Format Data."""
    items: list[str] = []
    for r in data.indikator:
        efisiensi = _sentence(
            "Efisiensi sumber daya", _field_slot(data, r, "efisiensi", wajib=False)
        )
        if r.tercapai is None:
            items.append(
                f"{r.indikator}: belum ada data realisasi."
                + _sentence("Kendala", _field_slot(data, r, "kendala", wajib=True))
                + _sentence(
                    "Langkah yang akan dilakukan", _field_slot(data, r, "solusi", wajib=False)
                )
            )
        elif r.tercapai:
            items.append(
                f"{r.indikator} mencapai target (capaian {fmt.persen(r.capaian)})."
                + _sentence("Faktor pendukung", _field_slot(data, r, "faktor", wajib=True))
                + _sentence("Kendala", _field_slot(data, r, "kendala", wajib=False))
                + _sentence(
                    "Langkah yang telah dan akan dilakukan",
                    _field_slot(data, r, "solusi", wajib=False),
                )
                + efisiensi
            )
        else:
            items.append(
                f"{r.indikator} belum mencapai target (capaian {fmt.persen(r.capaian)})."
                + _sentence("Penyebab", _field_slot(data, r, "faktor", wajib=True))
                + _sentence("Kendala", _field_slot(data, r, "kendala", wajib=True))
                + _sentence(
                    "Solusi yang telah dan akan dilakukan",
                    _field_slot(data, r, "solusi", wajib=True),
                )
                + efisiensi
            )
    intro = [
        "Analisis penyebab keberhasilan atau kegagalan setiap indikator, kendala yang dihadapi "
        "serta solusi yang ditempuh, berdasarkan uraian unit penanggung jawab indikator, "
        "adalah sebagai berikut:"
    ]
    return intro, items


def keterangan_unit(data: ReportData) -> list[str]:
    """The units' *Keterangan* sent with their realisations: notes for the Kasubbag, shown
    only in a draft's compiler notes (never in a koreksi or final body)."""
    if data.tahap != "draft":
        return []
    return [
        f"Keterangan dari {r.penanggung_jawab or 'unit'} untuk {r.kode or r.no} "
        f"(hanya untuk penyusun): {fmt.kalimat(r.keterangan)}"
        for r in data.indikator
        if r.keterangan
    ]


def efisiensi_label(selisih: float | None) -> str:
    """The efficiency reading of one sasaran: capaian against absorption, in points."""
    if selisih is None:
        return "Belum dapat dinilai"
    shown = fmt.angka(abs(selisih))
    if selisih >= 0:
        return f"Efisien (+{shown})"
    return f"Kurang efisien (\u2212{shown})"


def narasi_efisiensi(data: ReportData) -> list[str]:
    mean = _mean_capaian(data)
    _pagu, _real, serapan = data.budget_total
    sdm = topic_slot(data, "efisiensi_sumber_daya")
    if mean is None or serapan is None:
        return [
            "Efisiensi penggunaan anggaran belum dapat dianalisis karena data capaian "
            "kinerja atau realisasi anggaran belum lengkap.",
            sdm,
        ]
    selisih = round_half_up(mean, 2) - round_half_up(serapan, 2)
    if selisih >= 0:
        sifat = (
            "capaian kinerja lebih tinggi daripada penyerapan anggaran, yang menunjukkan "
            "penggunaan anggaran yang efisien"
        )
    else:
        sifat = (
            "penyerapan anggaran lebih tinggi daripada capaian kinerja, sehingga efisiensi "
            "penggunaan anggaran perlu ditingkatkan"
        )
    out = [
        f"Rata-rata capaian indikator kinerja sebesar {fmt.persen(mean)} dicapai dengan "
        f"serapan anggaran {fmt.persen(serapan)}. Dengan demikian {sifat} (selisih "
        f"{fmt.angka(abs(selisih))} poin persen)."
    ]
    out += _efisiensi_sasaran(data)
    out.append(sdm)
    return out


def _efisiensi_sasaran(data: ReportData) -> list[str]:
    """Per sasaran (the table above): which are efficient, unlinked budget, cost per unit."""
    e = data.efisiensi
    if e is None:
        return []
    out: list[str] = []
    rated = [s for s in e.sasaran if s.selisih is not None]
    if rated:
        parts = []
        for s in rated:
            assert s.selisih is not None
            kata = "efisien" if s.selisih >= 0 else "kurang efisien"
            parts.append(
                f"sasaran {s.no} ({s.sasaran}) {kata}: capaian {fmt.persen(s.capaian)} dengan "
                f"serapan {fmt.persen(s.serapan)}"
            )
        out.append("Menurut sasaran, " + "; ".join(parts) + ".")
    unrated = [s for s in e.sasaran if s.selisih is None and s.capaian is not None]
    if unrated:
        linked = [s for s in unrated if not s.program]
        if linked:
            out.append(
                "Belum ada program/kegiatan yang dihubungkan dengan "
                + _join([f"sasaran {s.no}" for s in linked])
                + ", sehingga efisiensinya belum dapat dinilai."
            )
    if e.belum_terhubung:
        total = math.fsum(p.realisasi for p in e.belum_terhubung if p.realisasi is not None)
        out.append(
            "Program/kegiatan yang belum dihubungkan dengan sasaran: "
            + _join([p.nama for p in e.belum_terhubung])
            + f" (realisasi {fmt.rupiah(total)}); anggarannya tidak dihitung dalam efisiensi "
            "per sasaran."
        )
    if e.biaya:
        out.append(
            "Biaya per satuan keluaran (realisasi anggaran sasaran dibagi realisasi indikator): "
            + _join(
                [
                    f"{b.indikator} {fmt.rupiah(b.biaya)} per {b.satuan} "
                    f"({fmt.rupiah(b.anggaran)} untuk {fmt.angka(b.realisasi, _nd(b.realisasi))} "
                    f"{b.satuan})"
                    for b in e.biaya
                ]
            )
            + "."
        )
    return out


def _nd(x: float) -> int:
    return 0 if float(round_half_up(x, 2)).is_integer() else 2


def narasi_program(data: ReportData) -> tuple[list[str], list[str]]:
    rows = [r for r in data.anggaran if r.tingkat == "Program"] or data.anggaran
    if not rows:
        return (["Data program dan kegiatan penunjang belum tersedia."], [])
    intro = [
        "Capaian kinerja di atas didukung oleh program berikut, dengan realisasi anggaran "
        "masing-masing:"
    ]
    items = [
        f"{r.nama}: realisasi {fmt.rupiah(r.realisasi)} dari pagu {fmt.rupiah(r.pagu)} "
        f"(serapan {fmt.persen(r.serapan)})."
        for r in rows
    ]
    return intro, items


def ikm_metode(data: ReportData) -> list[str]:
    a = data.profile.aturan
    reg = ikm_engine.REGULASI_LABEL[a.ikm_regulasi]
    n = len(ikm_engine.unsur_codes(a.ikm_regulasi))
    bobot = (
        f"bobot setiap unsur 1/{n} (tepat, tidak dibulatkan)"
        if a.ikm_bobot == "exact"
        else "bobot setiap unsur 0,111 (dibulatkan, sehingga nilai tertinggi 99,90)"
    )
    gabungan = (
        "IKM keseluruhan dihitung dari seluruh responden semua unit layanan yang digabungkan"
        if a.ikm_gabungan == "pooled"
        else "IKM keseluruhan adalah rata-rata IKM unit layanan"
    )
    if data.ikm is None:
        return [
            f"Indeks Kepuasan Masyarakat dihitung menurut {reg}. Data Survei Kepuasan "
            "Masyarakat tahun ini belum tersedia, sehingga IKM belum dapat "
            "disajikan."
        ]
    return [
        f"Indeks Kepuasan Masyarakat (IKM) dihitung menurut {reg} dari "
        f"{_count(data.ikm.responden, 'responden')} Survei Kepuasan Masyarakat tahun "
        f"{data.tahun}. Nilai rata-rata (NRR) setiap unsur adalah jumlah nilai jawaban dibagi "
        f"jumlah responden yang menjawab unsur itu (jawaban kosong tidak dihitung); NRR "
        f"tertimbang = NRR × bobot, dengan {bobot}; indeks = jumlah NRR tertimbang; IKM = "
        f"indeks × 25. {gabungan}. Mutu pelayanan ditentukan dari nilai IKM yang ditampilkan "
        "(dibulatkan dua desimal)."
    ]


def ikm_hasil(data: ReportData) -> list[str]:
    if data.ikm is None:
        return []
    i = data.ikm
    return [
        f"Indeks pelayanan sebesar {fmt.angka(i.indeks, 3)} atau IKM (nilai konversi) "
        f"{fmt.angka(i.ikm)}, dengan mutu pelayanan {i.mutu} (kinerja unit pelayanan "
        f"{i.kinerja})."
    ]


def narasi_ikm(data: ReportData) -> list[str]:
    if data.ikm is None:
        return []
    i = data.ikm
    shown = round_half_up(i.ikm, 2)
    out = [
        f"IKM {data.profile.opd} tahun {data.tahun} sebesar {fmt.angka(shown)} dengan mutu "
        f"pelayanan {i.mutu} ({i.kinerja})."
    ]
    prev = data.ikm_riwayat.get(data.tahun - 1)
    if prev is not None:
        diff = shown - round_half_up(prev, 2)
        if abs(diff) < 0.005:
            out[0] += f" Nilai ini sama dengan tahun {data.tahun - 1}."
        else:
            arah = "naik" if diff > 0 else "turun"
            out[0] += (
                f" Nilai ini {arah} {fmt.angka(abs(diff))} poin dibandingkan tahun "
                f"{data.tahun - 1} ({fmt.angka(prev)})."
            )
    if i.nrr:
        lo = min(i.nrr, key=lambda c: i.nrr[c])
        hi = max(i.nrr, key=lambda c: i.nrr[c])
        names = ikm_engine.UNSUR_2004 if i.regulasi == "2004" else ikm_engine.UNSUR_2017
        out.append(
            f"Unsur dengan nilai tertinggi adalah {hi} {names[hi]} (NRR {fmt.angka(i.nrr[hi])}), "
            f"sedangkan nilai terendah pada {lo} {names[lo]} (NRR {fmt.angka(i.nrr[lo])}) yang "
            "menjadi prioritas perbaikan pelayanan."
        )
    if len(i.per_unit) > 1:
        units = sorted(i.per_unit.items(), key=lambda kv: kv[1].ikm)
        (lo_name, lo_u), (hi_name, hi_u) = units[0], units[-1]
        out.append(
            f"Di antara {_count(len(units), 'unit layanan')}, IKM tertinggi dicapai {hi_name} "
            f"({fmt.angka(hi_u.ikm)}, mutu {hi_u.mutu}) dan terendah {lo_name} "
            f"({fmt.angka(lo_u.ikm)}, mutu {lo_u.mutu})."
        )
    return out


def narasi_sakip(data: ReportData) -> list[str]:
    rows = [s for s in data.sakip if s.nilai is not None]
    if not rows:
        return ["Nilai SAKIP belum tersedia."]
    last = rows[-1]
    assert last.nilai is not None
    out = [
        f"Nilai SAKIP {data.profile.opd} hasil evaluasi tahun {last.tahun} sebesar "
        f"{fmt.angka(last.nilai)} dengan predikat {last.predikat} ({last.interpretasi})."
    ]
    if len(rows) > 1:
        prev = rows[-2]
        assert prev.nilai is not None
        diff = round_half_up(last.nilai, 2) - round_half_up(prev.nilai, 2)
        arah = "naik" if diff > 0 else ("turun" if diff < 0 else "sama")
        if arah == "sama":
            out[0] += f" Nilai ini sama dengan tahun {prev.tahun}."
        else:
            out[0] += (
                f" Dibandingkan tahun {prev.tahun} ({fmt.angka(prev.nilai)}, predikat "
                f"{prev.predikat}), nilai SAKIP {arah} {fmt.angka(abs(diff))} poin."
            )
    skema = {s.skema for s in rows}
    if len(skema) > 1:
        out.append(
            "Perlu diperhatikan bahwa nilai sebelum tahun "
            f"{min(s.tahun for s in rows if s.skema == '2021')} dinilai dengan "
            f"{sakip_engine.SKEMA_LABEL['2015']}, sedangkan tahun berikutnya dengan "
            f"{sakip_engine.SKEMA_LABEL['2021']}, sehingga komponennya berbeda."
        )
    return out


def narasi_lhe_pengantar(data: ReportData) -> list[str]:
    """Before the LHE follow-up table: what the table holds and how far it got."""
    rows = data.tindak_lanjut_lhe
    if not rows:
        return [
            "Rekomendasi hasil evaluasi SAKIP tahun sebelumnya dan tindak lanjutnya belum tersedia."
        ]
    tahun = sorted({r.tahun for r in rows if r.tahun is not None})
    dari = f"LHE SAKIP tahun {_join([str(t) for t in tahun])}" if tahun else "LHE SAKIP"
    counts = {
        label: sum(1 for r in rows if r.status.casefold() == label.casefold())
        for label in ("Selesai", "Dalam Proses", "Belum")
    }
    parts = [
        f"{_count(n, 'rekomendasi')} {word}"
        for n, word in (
            (counts["Selesai"], "telah selesai ditindaklanjuti"),
            (counts["Dalam Proses"], "dalam proses"),
            (counts["Belum"], "belum ditindaklanjuti"),
        )
        if n
    ]
    other = len(rows) - sum(counts.values())
    if other:
        parts.append(f"{_count(other, 'rekomendasi')} belum diberi status")
    return [
        f"Hasil evaluasi akuntabilitas kinerja dimanfaatkan untuk perbaikan. Dari "
        f"{_count(len(rows), 'rekomendasi')} dalam {dari}, {_join(parts)}, sebagaimana "
        "tabel berikut."
    ]


def narasi_tindak_lanjut_lhe(data: ReportData) -> list[str]:
    """After the table: the office's own account (a Narasi slot, optional)."""
    text = data.narasi.get("tindak_lanjut_lhe", "")
    if not text and data.tahap == "final":
        return []
    return [topic_slot(data, "tindak_lanjut_lhe", wajib=False)]


def narasi_anggaran(data: ReportData) -> list[str]:
    pagu, real, serapan = data.budget_total
    if pagu is None:
        return ["Data pagu dan realisasi anggaran belum tersedia."]
    out = [
        f"Realisasi anggaran {data.profile.opd} tahun {data.tahun} sebesar {fmt.rupiah(real)} "
        f"dari pagu {fmt.rupiah(pagu)} atau {fmt.persen(serapan)}, dengan sisa anggaran "
        f"{fmt.rupiah((pagu or 0) - (real or 0))}."
    ]
    low = [r for r in data.anggaran if r.serapan is not None and round_half_up(r.serapan, 2) < 90]
    if low:
        out.append(
            "Program/kegiatan dengan serapan di bawah 90%: "
            + _join([f"{r.nama} ({fmt.persen(r.serapan)})" for r in low])
            + f". Penyebab: {topic_slot(data, 'serapan_anggaran', inline=True)}."
        )
    return out


# -- summary and closing -----------------------------------------------------------------------


def _texts(rows: list[IndicatorRow], field: str, limit: int = 2) -> list[str]:
    """Distinct ``field`` texts of ``rows``, lowest capaian first, at most ``limit``."""
    ordered = sorted(rows, key=lambda r: (r.capaian is not None, r.capaian or 0.0))
    out: list[str] = []
    for r in ordered:
        text = " ".join(getattr(r, field).split()).rstrip(" .;")
        if text and text not in out:
            out.append(text)
    return out[:limit]


def ikhtisar_sasaran(data: ReportData) -> list[str]:
    """One paragraph per sasaran: its capaian, the main obstacles and the steps, from the
    model and the units' narrative columns (PermenPAN-RB 53/2014, Ikhtisar Eksekutif)."""
    if data.kinerja is None:
        return []
    out = []
    for s in data.kinerja.sasaran:
        rows = [r for r in data.indikator if r.kode in s.kode]
        met = [r for r in rows if r.tercapai is True]
        measured = [r for r in rows if r.tercapai is not None]
        if s.capaian is None:
            text = f"Sasaran {s.no}, {s.sasaran}: capaian belum dapat diukur."
        else:
            text = (
                f"Sasaran {s.no}, {s.sasaran}: capaian {fmt.persen(s.capaian)} (kategori "
                f"{s.kategori}); {_count(len(met), 'indikator')} dari "
                f"{_count(len(measured), 'indikator')} yang terukur mencapai target."
            )
        kendala = _texts(rows, "kendala")
        if not kendala:
            kendala = _texts([r for r in rows if r.tercapai is False], "faktor")
        if kendala:
            text += " Kendala utama: " + "; ".join(kendala) + "."
        solusi = _texts(rows, "solusi")
        if solusi:
            text += " Langkah yang ditempuh: " + "; ".join(solusi) + "."
        out.append(text)
    return out


def ikhtisar(data: ReportData) -> list[str]:
    out = narasi_capaian(data)[:1]
    out += ikhtisar_sasaran(data)
    _, missed, _ = _met(data)
    if missed:
        out.append(
            "Indikator yang belum mencapai target: "
            + _join([f"{r.indikator} (capaian {fmt.persen(r.capaian)})" for r in missed])
            + "; uraiannya disajikan pada Bab III."
        )
    if data.ikm is not None:
        out += narasi_ikm(data)[:1]
    sak = data.sakip_tahun_ini
    if sak is not None and sak.nilai is not None:
        out.append(
            f"Nilai SAKIP {data.profile.opd} tahun {sak.tahun} sebesar "
            f"{fmt.angka(sak.nilai)} dengan predikat {sak.predikat} ({sak.interpretasi})."
        )
    pagu, real, serapan = data.budget_total
    if pagu is not None:
        out.append(
            f"Dari sisi anggaran, realisasi mencapai {fmt.rupiah(real)} dari pagu "
            f"{fmt.rupiah(pagu)} ({fmt.persen(serapan)})."
        )
    return out


def kesimpulan(data: ReportData) -> list[str]:
    from lkjip_xl.domain.capaian import kategori_capaian

    met, missed, none = _met(data)
    out: list[str] = []
    mean = _mean_capaian(data)
    if mean is not None:
        out.append(
            f"Secara umum kinerja {data.profile.opd} tahun {data.tahun} berada pada kategori "
            f"{kategori_capaian(mean)} dengan rata-rata capaian {fmt.persen(mean)}: "
            f"{_count(len(met), 'indikator')} dari {_count(len(met) + len(missed), 'indikator')}"
            " yang terukur mencapai target."
        )
    else:
        out.append(
            f"Capaian kinerja {data.profile.opd} tahun {data.tahun} belum dapat disimpulkan "
            "karena data realisasi belum tersedia."
        )
    if data.ikm is not None:
        out.append(
            f"Kualitas pelayanan publik berada pada mutu {data.ikm.mutu} ({data.ikm.kinerja}) "
            f"dengan IKM {fmt.angka(data.ikm.ikm)}."
        )
    sak = data.sakip_tahun_ini
    if sak is not None and sak.nilai is not None:
        out.append(
            f"Akuntabilitas kinerja memperoleh Nilai SAKIP {fmt.angka(sak.nilai)} dengan "
            f"predikat {sak.predikat} ({sak.interpretasi})."
        )
    pagu, _real, serapan = data.budget_total
    if pagu is not None:
        out.append(f"Anggaran terserap {fmt.persen(serapan)} dari pagu {fmt.rupiah(pagu)}.")
    if missed:
        out.append(
            "Indikator yang belum mencapai target, yaitu "
            + _join([r.indikator for r in missed])
            + ", menjadi prioritas perbaikan pada tahun berikutnya."
        )
    if none:
        out.append(
            f"Realisasi {_count(len(none), 'indikator')} belum tersedia dan perlu dilengkapi."
        )
    out.append(topic_slot(data, "kesimpulan"))
    return out


def renstra(data: ReportData) -> list[str]:
    """The Renstra period (Pengaturan ``renstra_periode``) and which year of it this is."""
    periode = data.profile.renstra_periode
    if not periode:
        return []
    text = (
        f"Tahun {data.tahun} merupakan bagian dari periode Renstra {data.profile.opd} "
        f"{periode.replace('-', '–')}"
    )
    span = renstra_tahun_ke(periode, data.tahun)
    if span is not None:
        text += f", yaitu tahun ke-{span[2]} dari {span[1] - span[0] + 1} tahun pelaksanaannya"
    return [text + "."]


def tindak_lanjut(data: ReportData) -> tuple[list[str], list[str]]:
    _m, missed, none = _met(data)
    items = [
        f"Meningkatkan capaian {r.indikator} melalui solusi yang diuraikan pada analisis Bab III."
        for r in missed
    ]
    if data.ikm is not None and data.ikm.nrr:
        lo = min(data.ikm.nrr, key=lambda c: data.ikm.nrr[c])  # type: ignore[union-attr]
        names = ikm_engine.UNSUR_2004 if data.ikm.regulasi == "2004" else ikm_engine.UNSUR_2017
        items.append(f"Memperbaiki unsur pelayanan {names[lo]} yang bernilai terendah pada SKM.")
    if none:
        items.append(
            "Memperbaiki pengumpulan data kinerja agar realisasi seluruh indikator tersedia "
            "tepat waktu."
        )
    terbuka = [r for r in data.tindak_lanjut_lhe if r.status.casefold() != "selesai"]
    if terbuka:
        items.append(
            "Menuntaskan tindak lanjut rekomendasi LHE SAKIP yang belum selesai: "
            + _join([r.rekomendasi.rstrip(" .") for r in terbuka])
            + "."
        )
    else:
        items.append("Menindaklanjuti rekomendasi hasil evaluasi SAKIP.")
    intro = ["Langkah perbaikan yang akan ditempuh pada tahun berikutnya:"]
    return intro, items
