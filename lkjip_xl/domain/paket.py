"""The package for the Bagian Organisasi (issue 22, Deliver 5), declared once.

Pure. Three tables decide everything ``lkjip paket`` and ``lkjip kota gabung`` do:

* :data:`DOKUMEN`: the documents of a performance year, in the order and under the names the
  national e-SAKIP reviu upload lists them (``01_Perjanjian_Kinerja_<tahun>.docx`` …), with the
  journal event each is found by and the command that makes it when it is missing;
* :data:`KOLOM_INDIKATOR` and :data:`KOLOM_UKURAN`: the columns of the machine-readable workbook
  (one row per indicator; one row per IKM / Nilai SAKIP figure), each with its meaning, which the
  workbook's *Keterangan Kolom* sheet and the README print verbatim;
* the checks a city runs when it merges many OPD workbooks (:func:`periksa_baris`).

Rows are built from the one model (:class:`lkjip_xl.domain.kinerja.Kinerja`); nothing here
computes a realisation of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from lkjip_xl.domain import capaian as cap
from lkjip_xl.domain.kinerja import IndicatorFigure
from lkjip_xl.domain.numbers import round_half_up

__all__ = [
    "CITY_FORMAT_ID",
    "DOKUMEN",
    "FORMAT_ID",
    "FORMAT_VERSI",
    "KOLOM_INDIKATOR",
    "KOLOM_UKURAN",
    "SHEET_INDIKATOR",
    "SHEET_INFO",
    "SHEET_KETERANGAN",
    "SHEET_UKURAN",
    "Dokumen",
    "Kolom",
    "Quarterly",
    "RencanaTriwulan",
    "data_file_name",
    "document_name",
    "indikator_rows",
    "keterangan_rows",
    "markdown_columns",
    "markdown_documents",
    "periksa_baris",
]

FORMAT_ID = "LKjIP Data Kinerja OPD"
"""Written in the Info sheet; ``kota gabung`` refuses a workbook without it."""
CITY_FORMAT_ID = "LKjIP Tabel Kota"
"""The Info sheet's Format of a city table (``kota gabung`` skips its own earlier tables)."""
FORMAT_VERSI = 1
"""Bumped when a column changes meaning; ``kota gabung`` names the version it expects."""

SHEET_INDIKATOR = "Indikator"
SHEET_UKURAN = "IKM dan SAKIP"
SHEET_KETERANGAN = "Keterangan Kolom"
SHEET_INFO = "Info"

TW = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Dokumen:
    """One document of the package."""

    no: int
    kunci: str
    """Stable key (``pk``, ``rencana_aksi``, ``monev_1`` …, ``lkjip``, ``surat``)."""
    nama: str
    """File name part, as the e-SAKIP reviu upload lists it (``Perjanjian_Kinerja``)."""
    judul: str
    """Indonesian title for messages (``Perjanjian Kinerja``)."""
    event: str
    """Journal event that records the document."""
    perintah: str
    """The command (and ribbon button) that makes it, for the 'missing' message."""
    triwulan: int | None = None


def _monev(n: int) -> Dokumen:
    return Dokumen(
        2 + n,
        f"monev_{n}",
        f"Monev_TW{n}",
        f"Monev TW {TW[n - 1]}",
        "monev_dibuat",
        f"lkjip monev --triwulan {n} (tombol Monev TW {TW[n - 1]})",
        triwulan=n,
    )


DOKUMEN: tuple[Dokumen, ...] = (
    Dokumen(
        1,
        "pk",
        "Perjanjian_Kinerja",
        "Perjanjian Kinerja",
        "pk_dibuat",
        "lkjip pk (tombol Perjanjian Kinerja)",
    ),
    Dokumen(
        2,
        "rencana_aksi",
        "Rencana_Aksi",
        "Rencana Aksi",
        "rencana_aksi_dibuat",
        "lkjip rencana-aksi (tombol Rencana Aksi)",
    ),
    *(_monev(n) for n in range(1, 5)),
    Dokumen(
        7,
        "lkjip",
        "LKjIP",
        "LKjIP",
        "laporan_dibuat",
        "lkjip report (setelah langkah 7 selesai; tombol Dokumen Final)",
    ),
    Dokumen(
        8,
        "surat",
        "Surat_Pengantar",
        "Surat Pengantar LKjIP",
        "surat_dibuat",
        "lkjip letter (tombol Surat Pengantar)",
    ),
)
"""The documents of a performance year, in upload order. ``09`` is the data workbook."""

DATA_NO = 9


def document_name(dok: Dokumen, tahun: int, suffix: str) -> str:
    """``01_Perjanjian_Kinerja_2025.docx``."""
    return f"{dok.no:02d}_{dok.nama}_{tahun}{suffix}"


def data_file_name(opd_singkat: str, tahun: int) -> str:
    """``09_Data_Kinerja_<OPD>_<tahun>.xlsx``: the OPD is in the name so a city can put every
    OPD's workbook in one folder."""
    return f"{DATA_NO:02d}_Data_Kinerja_{opd_singkat}_{tahun}.xlsx"


Tipe = Literal["teks", "angka", "bilangan"]


@dataclass(frozen=True)
class Kolom:
    """One column of the machine-readable workbook."""

    key: str
    header: str
    tipe: Tipe
    keterangan: str
    wajib: bool = True
    """A city's merge refuses a workbook without this column."""


KOLOM_INDIKATOR: tuple[Kolom, ...] = (
    Kolom("opd", "OPD", "teks", "Nama perangkat daerah (Pengaturan: OPD)."),
    Kolom(
        "kode_opd",
        "Kode OPD",
        "teks",
        "Kode unit organisasi (Pengaturan: Kode unit, yang dipakai di nomor surat); boleh kosong.",
        wajib=False,
    ),
    Kolom("tahun", "Tahun", "bilangan", "Tahun kinerja yang dilaporkan."),
    Kolom("no", "No", "bilangan", "Nomor urut indikator di Format Data."),
    Kolom("kode", "Kode Indikator", "teks", "Kode indikator (Format Data: Kode)."),
    Kolom("sasaran", "Sasaran", "teks", "Sasaran strategis (Format Data: Sasaran)."),
    Kolom("indikator", "Indikator", "teks", "Indikator kinerja (Format Data: Indikator)."),
    Kolom("satuan", "Satuan", "teks", "Satuan indikator (%, dokumen, nilai …)."),
    Kolom(
        "jenis",
        "Jenis",
        "teks",
        "IKM (dari SKM), SAKIP (dari LHE SAKIP) atau Lainnya; menentukan sumber realisasi.",
    ),
    Kolom(
        "polaritas",
        "Polaritas",
        "teks",
        "naik: makin tinggi makin baik; turun: makin rendah makin baik.",
    ),
    Kolom(
        "rumus_turun",
        "Rumus Turun",
        "teks",
        "Rumus capaian indikator turun yang dipakai OPD: selisih (2 − realisasi/target) atau "
        "rasio (target/realisasi).",
    ),
    Kolom(
        "batas_atas",
        "Batas Atas Capaian (%)",
        "angka",
        "Batas atas capaian sesuai Pengaturan; kosong berarti tidak dibatasi.",
        wajib=False,
    ),
    Kolom("iku", "IKU", "teks", "Ya bila indikator kinerja utama (Format Data: IKU).", False),
    Kolom("target", "Target", "angka", "Target tahunan (Format Data: Target)."),
    Kolom(
        "aturan_triwulan",
        "Aturan Triwulan",
        "teks",
        "Bagaimana angka tahunan mengikuti triwulan (sheet Rencana Aksi): Kumulatif, Nilai "
        "Terakhir atau Tahunan; kosong bila Rencana Aksi belum dibuat.",
        wajib=False,
    ),
    *(
        Kolom(
            f"target_tw{i}",
            f"Target TW {tw}",
            "angka",
            f"Target triwulan {tw} dari sheet Rencana Aksi; kosong bila tidak ada.",
            wajib=False,
        )
        for i, tw in enumerate(TW, start=1)
    ),
    *(
        Kolom(
            f"realisasi_tw{i}",
            f"Realisasi TW {tw}",
            "angka",
            f"Realisasi triwulan {tw} dari monitoring triwulan; kosong bila belum dikumpulkan.",
        )
        for i, tw in enumerate(TW, start=1)
    ),
    Kolom(
        "realisasi",
        "Realisasi Tahun",
        "angka",
        "Realisasi tahunan yang dipakai LKjIP (satu model: koreksi Kasubbag, hasil olah SKM, "
        "LHE SAKIP, realisasi triwulan atau formulir unit).",
    ),
    Kolom(
        "capaian",
        "Capaian (%)",
        "angka",
        "Capaian kinerja dalam persen, dibulatkan 2 desimal, dari Target dan Realisasi Tahun "
        "dengan Polaritas, Rumus Turun dan Batas Atas di atas.",
    ),
    Kolom(
        "kategori",
        "Kategori",
        "teks",
        "Kategori capaian: Sangat Tinggi (≥ 91), Tinggi (≥ 76), Sedang (≥ 66), Rendah "
        "(≥ 51), Sangat Rendah.",
    ),
    Kolom(
        "sumber_realisasi",
        "Sumber Realisasi",
        "teks",
        "Dari mana Realisasi Tahun diambil (koreksi Kasubbag, hasil olah SKM, LHE SAKIP, "
        "formulir <unit>).",
    ),
    Kolom("sumber_data", "Sumber Data", "teks", "Sumber data indikator (Format Data).", False),
    Kolom(
        "penanggung_jawab",
        "Penanggung Jawab",
        "teks",
        "Unit yang bertanggung jawab atas indikator (Format Data).",
        wajib=False,
    ),
)
"""Columns of the *Indikator* sheet, in order."""

KOLOM_UKURAN: tuple[Kolom, ...] = (
    Kolom("opd", "OPD", "teks", "Nama perangkat daerah."),
    Kolom("kode_opd", "Kode OPD", "teks", "Kode unit organisasi; boleh kosong.", wajib=False),
    Kolom("tahun", "Tahun", "bilangan", "Tahun kinerja yang dilaporkan."),
    Kolom("ukuran", "Ukuran", "teks", "IKM atau Nilai SAKIP."),
    Kolom(
        "tahun_nilai",
        "Tahun Nilai",
        "bilangan",
        "Tahun yang diukur oleh nilai ini (Nilai SAKIP tahun-tahun sebelumnya juga dicantumkan).",
    ),
    Kolom("nilai", "Nilai", "angka", "IKM (skala 25–100) atau Nilai SAKIP (0–100), 2 desimal."),
    Kolom(
        "predikat",
        "Predikat/Mutu",
        "teks",
        "Mutu pelayanan IKM (A–D) atau predikat SAKIP (AA … D).",
    ),
    Kolom(
        "keterangan",
        "Keterangan",
        "teks",
        "Kinerja unit pelayanan (IKM) atau interpretasi predikat (SAKIP).",
        wajib=False,
    ),
    Kolom("sumber", "Sumber", "teks", "Dari mana nilai diambil."),
)
"""Columns of the *IKM dan SAKIP* sheet, in order."""


# ---------------------------------------------------------------------------
# rows from the model


@dataclass(frozen=True)
class RencanaTriwulan:
    """One indicator's Rencana Aksi row: the rule and the quarterly targets."""

    aturan: str
    target: tuple[float | None, float | None, float | None, float | None]


Quarterly = Mapping[str, Mapping[int, float | None]]
"""Realisation per indicator kode per triwulan (1–4)."""


def _r2(x: float | None) -> float | None:
    return None if x is None else round_half_up(x, 2)


def indikator_rows(
    figures: Sequence[IndicatorFigure],
    *,
    opd: str,
    kode_opd: str,
    tahun: int,
    rumus_turun: str,
    batas_atas: float | None,
    rencana: Mapping[str, RencanaTriwulan],
    triwulan: Quarterly,
) -> list[dict[str, Any]]:
    """One row per indicator (keys of :data:`KOLOM_INDIKATOR`), figures as the model has them."""
    rows = []
    for f in figures:
        ra = rencana.get(f.kode)
        tw = triwulan.get(f.kode, {})
        row: dict[str, Any] = {
            "opd": opd,
            "kode_opd": kode_opd or None,
            "tahun": tahun,
            "no": f.no,
            "kode": f.kode,
            "sasaran": f.sasaran,
            "indikator": f.indikator,
            "satuan": f.satuan,
            "jenis": f.jenis,
            "polaritas": f.polaritas,
            "rumus_turun": rumus_turun,
            "batas_atas": batas_atas,
            "iku": "Ya" if f.iku else "Tidak",
            "target": f.target,
            "aturan_triwulan": ra.aturan if ra else None,
            "realisasi": f.realisasi,
            "capaian": _r2(f.capaian),
            "kategori": f.kategori,
            "sumber_realisasi": f.sumber_realisasi or None,
            "sumber_data": f.sumber_data or None,
            "penanggung_jawab": f.penanggung_jawab or None,
        }
        for i in range(1, 5):
            row[f"target_tw{i}"] = ra.target[i - 1] if ra else None
            row[f"realisasi_tw{i}"] = tw.get(i)
        rows.append(row)
    return rows


def keterangan_rows() -> list[tuple[str, str, str, str, str]]:
    """(sheet, kolom, tipe, wajib, keterangan) for the *Keterangan Kolom* sheet."""
    tipe = {"teks": "Teks", "angka": "Angka", "bilangan": "Bilangan bulat"}
    return [
        (sheet, k.header, tipe[k.tipe], "Ya" if k.wajib else "Tidak", k.keterangan)
        for sheet, cols in ((SHEET_INDIKATOR, KOLOM_INDIKATOR), (SHEET_UKURAN, KOLOM_UKURAN))
        for k in cols
    ]


def markdown_columns() -> str:
    """The README's column table (the same text as the Keterangan Kolom sheet)."""
    lines = ["| Sheet | Kolom | Tipe | Wajib | Keterangan |", "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(r)} |" for r in keterangan_rows()]
    return "\n".join(lines)


def markdown_documents() -> str:
    """The README's document table."""
    lines = ["| Berkas | Dokumen | Dibuat dengan |", "|---|---|---|"]
    lines += [
        f"| `{document_name(d, 2025, '.docx')}` (+ `.pdf` bila ada) | {d.judul} | "
        f"`{d.perintah.partition(' (')[0]}` ({d.perintah.partition(' (')[2]} |"
        for d in DOKUMEN
    ]
    lines.append(
        f"| `{data_file_name('<OPD>', 2025)}` | Data kinerja (dapat dibaca mesin) | "
        "`lkjip paket` (selalu dibuat) |"
    )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# checks a city runs on one OPD's rows


def _num(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    from lkjip_xl.domain.numbers import parse_number

    try:
        return parse_number(value)
    except ValueError:
        return None


def periksa_baris(row: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Problems of one indicator row: (column key, problem, fix), Indonesian.

    The capaian is recomputed from Target, Realisasi Tahun, Polaritas, Rumus Turun and Batas
    Atas and compared at 2 decimals; a year without all four quarters is noted.
    """
    out: list[tuple[str, str, str]] = []
    target, realisasi = _num(row.get("target")), _num(row.get("realisasi"))
    polaritas = "turun" if str(row.get("polaritas") or "").strip().lower() == "turun" else "naik"
    rumus = str(row.get("rumus_turun") or "selisih").strip().lower()
    if rumus not in ("selisih", "rasio"):
        out.append(
            (
                "rumus_turun",
                f"Rumus Turun '{row.get('rumus_turun')}' tidak dikenal",
                "isi selisih atau rasio",
            )
        )
        rumus = "selisih"
    batas = _num(row.get("batas_atas"))
    tertulis = _num(row.get("capaian"))
    hitung = cap.capaian(target, realisasi, polaritas, rumus, batas).capaian
    hitung = _r2(hitung)
    if hitung is None and tertulis is not None:
        out.append(
            (
                "capaian",
                f"Capaian {tertulis:g} tertulis, padahal Target/Realisasi Tahun tidak lengkap",
                "isi Target dan Realisasi Tahun di workbook OPD lalu buat paket lagi",
            )
        )
    elif hitung is not None and (tertulis is None or abs(hitung - tertulis) > 0.005):
        shown = "kosong" if tertulis is None else f"{tertulis:g}"
        out.append(
            (
                "capaian",
                f"Capaian tertulis {shown}, dihitung ulang {hitung:g}",
                "buat ulang paket dari workbook OPD (lkjip paket); jangan mengubah angka di "
                "file paket",
            )
        )
    if realisasi is None:
        out.append(("realisasi", "Realisasi Tahun kosong", "lengkapi realisasi di workbook OPD"))
    kosong = [TW[i - 1] for i in range(1, 5) if _num(row.get(f"realisasi_tw{i}")) is None]
    if kosong and str(row.get("aturan_triwulan") or "") != "Tahunan":
        out.append(
            (
                f"realisasi_tw{TW.index(kosong[0]) + 1}",
                f"Realisasi triwulan {', '.join(kosong)} kosong",
                "kumpulkan realisasi triwulan (lkjip forms export --triwulan N) lalu buat paket "
                "lagi",
            )
        )
    return out


if __name__ == "__main__":  # python -m lkjip_xl.domain.paket: the README's two tables
    print(markdown_documents(), markdown_columns(), sep="\n\n")
