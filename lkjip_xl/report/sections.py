"""The parts of the LKjIP a reviewer of the Bagian Organisasi looks for (LKE PermenPAN-RB
88/2021, component *Pelaporan Kinerja*), computed from the data:

* capaian per sasaran strategis (the sasaran's capaian is the mean of its indicators'
  capaian as shown, indicators without a capaian left out);
* the IKU table (indikator, definisi/formula, sumber data, penanggung jawab);
* the IKM survey: period, population and the Krejcie–Morgan sample check, the respondents'
  profile (sex, age group, education, occupation), the regulation's conversion table and the
  most frequent saran;
* the *Pernyataan Telah Direviu* page when the Pengaturan says the APIP reviewed the report.

Pure functions: rows in, template context out (text formatted the way the tables show it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from lkjip_xl.domain.ikm import REGULASI_LABEL
from lkjip_xl.domain.kinerja import SasaranFigure, group_by_sasaran, sasaran_figures
from lkjip_xl.domain.numbers import round_half_up
from lkjip_xl.report import fmt
from lkjip_xl.workbook import schema as S

if TYPE_CHECKING:
    from lkjip_xl.report.context import ReportData

__all__ = [
    "ATURAN_SASARAN",
    "KONVERSI",
    "RespondentProfile",
    "iku_rows",
    "konversi_rows",
    "non_iku_paragraphs",
    "respondent_profile",
    "reviewer_context",
    "sasaran_rows",
    "survei_paragraphs",
]

ATURAN_SASARAN = (
    "Capaian sasaran adalah rata-rata capaian indikator kinerja sasaran tersebut (capaian "
    "indikator yang ditampilkan, dua desimal); indikator yang belum ada realisasinya tidak "
    "dihitung. Kategori capaian sasaran ditentukan dengan skala yang sama dengan indikator."
)

KONVERSI: dict[str, list[tuple[str, str, str, str, str]]] = {
    # (nilai persepsi, nilai interval, nilai interval konversi, mutu, kinerja unit pelayanan)
    "2017": [
        ("1", "1,00 – 2,5996", "25,00 – 64,99", "D", "Tidak Baik"),
        ("2", "2,60 – 3,064", "65,00 – 76,60", "C", "Kurang Baik"),
        ("3", "3,0644 – 3,532", "76,61 – 88,30", "B", "Baik"),
        ("4", "3,5324 – 4,00", "88,31 – 100,00", "A", "Sangat Baik"),
    ],
    "2004": [
        ("1", "1,00 – 1,75", "25,00 – 43,75", "D", "Tidak Baik"),
        ("2", "1,76 – 2,50", "43,76 – 62,50", "C", "Kurang Baik"),
        ("3", "2,51 – 3,25", "62,51 – 81,25", "B", "Baik"),
        ("4", "3,26 – 4,00", "81,26 – 100,00", "A", "Sangat Baik"),
    ],
}
"""Nilai persepsi, interval, konversi and mutu of PermenPAN-RB 14/2017 and KepMenPAN 25/2004."""

JK_LABEL = {"L": "Laki-laki", "P": "Perempuan"}
USIA_GROUPS: tuple[tuple[int, int | None, str], ...] = (
    (0, 19, "Kurang dari 20 tahun"),
    (20, 29, "20 – 29 tahun"),
    (30, 39, "30 – 39 tahun"),
    (40, 49, "40 – 49 tahun"),
    (50, 59, "50 – 59 tahun"),
    (60, None, "60 tahun ke atas"),
)
SARAN_TOP = 5


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RespondentProfile(_Model):
    """Who answered the SKM, from the optional respondent columns of the raw responses."""

    responden: int = 0
    mulai: dt.date | None = None
    selesai: dt.date | None = None
    karakteristik: dict[str, list[tuple[str, int]]] = Field(default_factory=dict)
    """``"Jenis Kelamin" → [("Laki-laki", 120), …]`` in display order; only filled columns."""
    saran: list[tuple[str, int]] = Field(default_factory=list)
    """Most frequent saran (as first written) with their counts, most frequent first."""
    saran_total: int = 0


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _age(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value == value:
        return int(value)
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _label(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _ordered(counts: Counter[str], order: list[str] | None = None) -> list[tuple[str, int]]:
    if order:
        known = [(k, counts[k]) for k in order if counts.get(k)]
        rest = sorted(
            ((k, n) for k, n in counts.items() if k not in order), key=lambda kv: (-kv[1], kv[0])
        )
        return known + rest
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def respondent_profile(rows: list[dict[str, Any]], unsur_keys: list[str]) -> RespondentProfile:
    """The profile of the respondents who answered at least one unsur (``unsur_keys``)."""
    answered = [r for r in rows if any(r.get(k) not in (None, "") for k in unsur_keys)]
    dates = [d for r in answered if (d := _date(r.get("tanggal"))) is not None]
    jk: Counter[str] = Counter()
    usia: Counter[str] = Counter()
    pendidikan: Counter[str] = Counter()
    pekerjaan: Counter[str] = Counter()
    saran: Counter[str] = Counter()
    first_text: dict[str, str] = {}
    for r in answered:
        sex = _label(r.get("jk")).upper()
        if sex:
            jk[JK_LABEL.get(sex, sex)] += 1
        age = _age(r.get("usia"))
        if age is not None:
            for lo, hi, name in USIA_GROUPS:
                if age >= lo and (hi is None or age <= hi):
                    usia[name] += 1
                    break
        for counter, key in ((pendidikan, "pendidikan"), (pekerjaan, "pekerjaan")):
            text = _label(r.get(key))
            if text:
                counter[text] += 1
        text = _label(r.get("saran")).rstrip(".")
        if text and text.casefold() not in ("-", "tidak ada", "tidak ada saran"):
            key = text.casefold()
            first_text.setdefault(key, text)
            saran[key] += 1
    karakteristik: dict[str, list[tuple[str, int]]] = {}
    for title, counter, order in (
        ("Jenis Kelamin", jk, list(JK_LABEL.values())),
        ("Kelompok Usia", usia, [g[2] for g in USIA_GROUPS]),
        ("Pendidikan", pendidikan, None),
        ("Pekerjaan", pekerjaan, None),
    ):
        if counter:
            karakteristik[title] = _ordered(counter, order)
    top = sorted(saran.items(), key=lambda kv: (-kv[1], first_text[kv[0]]))[:SARAN_TOP]
    return RespondentProfile(
        responden=len(answered),
        mulai=min(dates) if dates else None,
        selesai=max(dates) if dates else None,
        karakteristik=karakteristik,
        saran=[(first_text[k], n) for k, n in top],
        saran_total=sum(saran.values()),
    )


# -- capaian per sasaran -----------------------------------------------------------------------


def _sasaran(data: ReportData) -> list[SasaranFigure]:
    return data.kinerja.sasaran if data.kinerja is not None else sasaran_figures(data.indikator)


def sasaran_rows(data: ReportData) -> list[dict[str, Any]]:
    """One row per indicator, grouped by sasaran; the sasaran's figures on its first row."""
    by_kode = {r.kode: r for r in data.indikator}
    out: list[dict[str, Any]] = []
    for s in _sasaran(data):
        rows = [by_kode[k] for k in s.kode if k in by_kode]
        for k, r in enumerate(rows):
            out.append(
                {
                    "awal": k == 0,
                    "no": s.no,
                    "sasaran": s.sasaran or "(sasaran belum diisi)",
                    "indikator": r.indikator,
                    "capaian": fmt.persen(r.capaian),
                    "capaian_sasaran": fmt.persen(s.capaian),
                    "kategori_sasaran": s.kategori or "-",
                }
            )
    return out or [
        {
            "awal": True,
            "no": "",
            "sasaran": "Belum ada indikator",
            "indikator": "-",
            "capaian": "-",
            "capaian_sasaran": "-",
            "kategori_sasaran": "-",
        }
    ]


def sasaran_paragraphs(data: ReportData) -> list[str]:
    rows = [r for r in sasaran_rows(data) if r["awal"] and r["capaian_sasaran"] != "-"]
    if not rows:
        return []
    parts = [
        f"sasaran \u201c{r['sasaran']}\u201d {r['capaian_sasaran']} ({r['kategori_sasaran']})"
        for r in rows
    ]
    text = "Capaian per sasaran strategis: " + "; ".join(parts) + "."
    return [text]


# -- IKU ---------------------------------------------------------------------------------------


def iku_rows(data: ReportData) -> list[dict[str, Any]]:
    """The IKU table: only indicators flagged IKU in Format Data, one block per sasaran (its
    cell merged over its rows), numbered in order."""
    rows = []
    previous = None
    grouped = group_by_sasaran([r for r in data.indikator if r.iku], lambda r: r.sasaran)
    for no, r in enumerate(grouped, start=1):
        rows.append(
            {
                "no": no,
                "sasaran": r.sasaran,
                "sasaran_grup": r.sasaran if r.sasaran.casefold() != previous else "",
                "indikator": r.indikator,
                "satuan": r.satuan,
                "definisi": r.definisi or "-",
                "sumber_data": r.sumber_data or "-",
                "penanggung_jawab": r.penanggung_jawab or "-",
            }
        )
        previous = r.sasaran.casefold()
    return rows or [
        {
            "no": "",
            "sasaran": "-",
            "sasaran_grup": "-",
            "indikator": "Belum ada indikator",
            "satuan": "-",
            "definisi": "-",
            "sumber_data": "-",
            "penanggung_jawab": "-",
        }
    ]


def non_iku_paragraphs(data: ReportData) -> list[str]:
    """One sentence naming the indicators that are not IKU ("indikator kinerja"), if any."""
    lain = [r.indikator for r in data.indikator if not r.iku]
    if not lain:
        return []
    return [
        f"Selain IKU di atas, Perjanjian Kinerja memuat {len(lain)} indikator kinerja lain yang "
        "tidak ditetapkan sebagai IKU: " + "; ".join(lain) + "."
    ]


# -- IKM survey --------------------------------------------------------------------------------


def konversi_rows(regulasi: str) -> list[dict[str, str]]:
    return [
        {"persepsi": a, "interval": b, "konversi": c, "mutu": d, "kinerja": e}
        for a, b, c, d, e in KONVERSI.get(regulasi, KONVERSI["2017"])
    ]


def _periode(p: RespondentProfile) -> str:
    if p.mulai is None or p.selesai is None:
        return ""
    if p.mulai == p.selesai:
        return f"pada {fmt.tanggal(p.mulai)}"
    return f"pada {fmt.tanggal(p.mulai)} sampai dengan {fmt.tanggal(p.selesai)}"


def survei_paragraphs(data: ReportData) -> list[str]:
    """Period, respondents, population and the Krejcie–Morgan sample check."""
    i = data.ikm
    if i is None:
        return []
    p: RespondentProfile | None = data.responden
    periode = _periode(p) if p is not None else ""
    text = f"Survei Kepuasan Masyarakat tahun {data.tahun} dilaksanakan"
    text += f" {periode}" if periode else ""
    text += f" dengan {fmt.dengan_kata(i.responden, 'responden')}"
    units = len(i.per_unit)
    text += f" pada {fmt.dengan_kata(units, 'unit layanan')}." if units > 1 else "."
    out = [text]
    if data.ikm_populasi is not None and i.sampel_minimum is not None:
        cukup = i.responden >= i.sampel_minimum
        out.append(
            f"Jumlah penerima layanan (populasi) dalam setahun sebanyak "
            f"{fmt.angka(data.ikm_populasi, 0)} orang. Menurut tabel Krejcie dan Morgan, "
            f"sampel minimum untuk populasi tersebut adalah {fmt.angka(i.sampel_minimum, 0)} "
            f"responden, sehingga jumlah responden "
            + (
                "telah memenuhi sampel minimum."
                if cukup
                else "belum memenuhi sampel minimum dan hasil survei perlu dibaca dengan hati-hati."
            )
        )
    else:
        out.append(
            "Jumlah penerima layanan (populasi) belum dicatat, sehingga kecukupan sampel menurut "
            "tabel Krejcie dan Morgan belum dapat diperiksa."
        )
    return out


def profil_rows(p: RespondentProfile | None) -> list[dict[str, Any]]:
    if p is None or not p.karakteristik:
        return [
            {
                "awal": True,
                "karakteristik": "Profil responden belum dicatat",
                "kategori": "-",
                "jumlah": "-",
                "persen": "-",
            }
        ]
    out: list[dict[str, Any]] = []
    for title, items in p.karakteristik.items():
        total = sum(n for _k, n in items)
        for k, (name, n) in enumerate(items):
            out.append(
                {
                    "awal": k == 0,
                    "karakteristik": title,
                    "kategori": name,
                    "jumlah": fmt.angka(n, 0),
                    "persen": fmt.persen(100.0 * n / total if total else None),
                }
            )
    return out


def saran_rows(p: RespondentProfile | None) -> list[dict[str, Any]]:
    if p is None or not p.saran:
        return [{"no": "", "saran": "Tidak ada saran tertulis", "jumlah": "-"}]
    return [
        {"no": k, "saran": text, "jumlah": fmt.angka(n, 0)}
        for k, (text, n) in enumerate(p.saran, start=1)
    ]


def saran_paragraphs(p: RespondentProfile | None) -> list[str]:
    if p is None or not p.saran_total:
        return ["Responden tidak menuliskan saran pada survei tahun ini."]
    return [
        f"Responden menuliskan {fmt.dengan_kata(p.saran_total, 'saran')}. Saran yang paling "
        "sering disampaikan disajikan pada tabel berikut sebagai bahan perbaikan pelayanan."
    ]


# -- the reviu statement -----------------------------------------------------------------------


def reviu_context(data: ReportData) -> dict[str, Any]:
    r = data.profile.reviu
    ada = bool(r.dilakukan)
    return {
        "ada": ada,
        "apip": r.apip or "Aparat Pengawasan Intern Pemerintah",
        "apip_upper": (r.apip or "Aparat Pengawasan Intern Pemerintah").upper(),
        "tanggal": fmt.tanggal(r.tanggal) if r.tanggal else fmt.tanggal(data.tanggal),
        "jabatan": r.jabatan or "Pejabat Pengawas",
        "nama": r.nama or "-",
        "nip": fmt.nip(r.nip),
    }


def renstra_context(data: ReportData) -> dict[str, Any]:
    """The yearly Renstra targets, when any is given: one column per year of the period."""
    years = data.profile.renstra_tahun
    labels = [str(y) for y in years[: S.RENSTRA_YEARS]]
    labels += [f"Tahun ke-{k}" for k in range(len(labels) + 1, S.RENSTRA_YEARS + 1)]
    given = any(v is not None for r in data.indikator for v in r.target_tahunan)
    rows = []
    for r in data.indikator:
        values = [*r.target_tahunan, *([None] * S.RENSTRA_YEARS)][: S.RENSTRA_YEARS]
        whole = all(v is None or float(round_half_up(v, 2)).is_integer() for v in values)
        nd = r.desimal if whole else 2
        rows.append(
            {
                "no": r.no,
                "indikator": r.indikator,
                "satuan": r.satuan,
                "t": [fmt.angka(v, nd) for v in values],
                "akhir": fmt.angka(r.target_renstra, nd),
            }
        )
    return {"renstra_tahunan": given, "renstra_tahun": labels, "renstra_tahunan_rows": rows}


def shows_pemantauan(data: ReportData) -> bool:
    """Whether the version shows the SOP monitoring annex (not a final, unless asked for)."""
    return data.tahap != "final" or data.profile.tampilkan_pemantauan_sop


def reviewer_context(data: ReportData) -> dict[str, Any]:
    """The template context of the parts above."""
    p = data.responden
    regulasi = data.ikm.regulasi if data.ikm is not None else data.profile.aturan.ikm_regulasi
    pemantauan = shows_pemantauan(data)
    return {
        **renstra_context(data),
        "sasaran_rows": sasaran_rows(data),
        "sasaran_aturan": [ATURAN_SASARAN],
        "sasaran_narasi": sasaran_paragraphs(data),
        "iku_rows": iku_rows(data),
        "iku_lain": non_iku_paragraphs(data),
        "ikm_survei": survei_paragraphs(data),
        "ikm_profil_rows": profil_rows(p),
        "ikm_konversi_rows": konversi_rows(regulasi),
        "ikm_regulasi_label": REGULASI_LABEL.get(regulasi, regulasi),
        "ikm_saran_pengantar": saran_paragraphs(p),
        "ikm_saran_rows": saran_rows(p),
        "reviu": reviu_context(data),
        "tampilkan_pemantauan": pemantauan,
        "lampiran_isi": (
            "Lampiran, memuat Perjanjian Kinerja, aturan perhitungan dan pemantauan tahapan "
            "penyusunan."
            if pemantauan
            else "Lampiran, memuat Perjanjian Kinerja dan aturan perhitungan."
        ),
    }
