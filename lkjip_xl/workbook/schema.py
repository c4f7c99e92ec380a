"""The sheet schema: every sheet, table and column of the workbook, declared once.

The builder, the readers (gateway), the validators and the per-unit forms all
use these declarations, so a column cannot drift between them.

Contract: sheet names (DESIGN.md), table names and column headers below.
A table's header row is ``header_row``; data rows follow directly below.
Columns with ``formula`` are computed by Excel (locked); Python never reads
their cached values, it recomputes with :mod:`lkjip_xl.domain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["text", "int", "number", "percent", "date", "datetime", "choice", "email"]

# Sheet names (contract).
BERANDA = "Beranda"
PENGATURAN = "Pengaturan"
FORMAT_DATA = "Format Data"
KIRIMAN = "Kiriman"
SKM = "SKM"
IKM = "IKM"
SAKIP = "SAKIP"
TINDAK_LANJUT_LHE = "Tindak Lanjut LHE"
CAPAIAN = "Capaian"
ANGGARAN = "Anggaran"
RENCANA_AKSI = "Rencana Aksi"
REALISASI_TW = "Realisasi Triwulan"
NARASI = "Narasi"
TAHAPAN = "Tahapan SOP"
REGISTER = "Register Surat"
LOG = "Log"
XLWINGS_CONF = "xlwings.conf"

SHEET_ORDER: tuple[str, ...] = (
    BERANDA,
    PENGATURAN,
    FORMAT_DATA,
    KIRIMAN,
    SKM,
    IKM,
    SAKIP,
    TINDAK_LANJUT_LHE,
    CAPAIAN,
    ANGGARAN,
    RENCANA_AKSI,
    REALISASI_TW,
    NARASI,
    TAHAPAN,
    REGISTER,
    LOG,
    XLWINGS_CONF,
)


@dataclass(frozen=True)
class Column:
    """One column of a table."""

    header: str
    """Header text shown to users (Indonesian). Contract."""
    key: str
    """Python name used in row dicts."""
    type: ColumnType = "text"
    width: float = 14
    required: bool = False
    choices: tuple[str, ...] = ()
    """Fixed dropdown values."""
    choices_ref: str = ""
    """Defined name holding dropdown values (e.g. ``DaftarUnit``)."""
    min: float | None = None
    max: float | None = None
    formula: str = ""
    """Excel formula template for computed columns; ``{r}`` is the row number."""
    note: str = ""
    """Input message (Indonesian) shown by data validation."""
    number_format: str = ""
    text_format: bool = True
    """Text columns get Excel's text format ``@`` so ``01``, ``1/2`` or a NIP stay text; False
    for a column that mixes text with numbers and dates (e.g. Pengaturan's Nilai)."""
    year_offset: int | None = None
    """For a column about an earlier year: the sheet shows the year instead of ``N-k`` in its
    header (``Realisasi N-1`` → ``Realisasi 2024`` for report year 2025); see
    :meth:`header_for`. The reader accepts either."""

    optional: bool = False
    """May be missing (blank header) in a workbook built before the column existed; it reads
    as empty there. Only for columns appended at the end of a table."""

    editable: bool = True
    """Whether staff type in it (yellow and unlocked on an input sheet). Labels and keys the
    builder writes, and values an import fills in, are not."""

    @property
    def is_input(self) -> bool:
        """Python reads it (not a formula)."""
        return not self.formula

    @property
    def is_typed(self) -> bool:
        """Staff type in it: yellow and unlocked on an input sheet."""
        return self.editable and not self.formula

    def header_for(self, tahun: int | None) -> str:
        """The header shown on the sheet for report year ``tahun``."""
        if self.year_offset is None or tahun is None:
            return self.header
        return self.header.replace(f"N-{self.year_offset}", str(tahun - self.year_offset))

    def header_matches(self, text: str) -> bool:
        """Whether ``text`` is this column's header (for any report year)."""
        if text == self.header:
            return True
        if self.year_offset is None:
            return False
        head, _, tail = self.header.partition(f"N-{self.year_offset}")
        return bool(re.fullmatch(re.escape(head) + r"\d{4}" + re.escape(tail), text))


@dataclass(frozen=True)
class Table:
    """An Excel table (ListObject) on a sheet."""

    sheet: str
    name: str
    """Excel table name. Contract."""
    columns: tuple[Column, ...]
    header_row: int = 4
    first_col: int = 1
    title: str = ""
    min_rows: int = 1
    """Rows the builder reserves (an Excel table needs at least one data row)."""

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"{self.name} has no column {key!r}")

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def input_columns(self) -> list[Column]:
        return [c for c in self.columns if c.is_input]

    def col_index(self, key: str) -> int:
        """1-based sheet column of ``key``."""
        return self.first_col + [c.key for c in self.columns].index(key)

    def headers_for(self, tahun: int | None) -> list[str]:
        """Header texts as the sheet shows them for report year ``tahun``."""
        return [c.header_for(tahun) for c in self.columns]


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    tables: tuple[Table, ...] = ()
    kind: Literal["input", "imported", "computed", "dashboard", "system"] = "input"
    tab_color: str = ""
    description: str = ""
    """One-line explanation shown under the title (Indonesian)."""
    extra: dict[str, str] = field(default_factory=dict)


def _c(header: str, key: str, type: ColumnType = "text", **kw: object) -> Column:
    return Column(header=header, key=key, type=type, **kw)  # type: ignore[arg-type]


def _narrative_columns(note: str) -> tuple[Column, ...]:
    """Per-indicator narrative columns (issue 11), shared by Format Data and Kiriman."""
    from lkjip_xl.domain.narasi import INDICATOR_FIELDS

    return tuple(_c(f.header, f.key, width=36, note=note) for f in INDICATOR_FIELDS)


UNSUR_2017 = tuple(f"U{i}" for i in range(1, 10))
UNSUR_2004 = tuple(f"U{i}" for i in range(1, 15))

POLARITAS = ("Naik", "Turun")
JENIS_INDIKATOR = ("IKM", "SAKIP", "Lainnya")
STATUS_VALIDASI = ("Valid", "Ditolak", "Diganti")
STATUS_SURAT = ("Terpakai", "Batal")
YA_TIDAK = ("Ya", "Tidak")

# --- Pengaturan -----------------------------------------------------------------------------

PROFIL = Table(
    PENGATURAN,
    "tblProfil",
    (
        _c("Kunci", "kunci", width=26, required=True, editable=False),
        _c("Nilai", "nilai", width=48, text_format=False),
        _c("Keterangan", "keterangan", width=70, editable=False),
    ),
    title="Profil OPD dan aturan",
)
PEJABAT = Table(
    PENGATURAN,
    "tblPejabat",
    (
        _c(
            "Peran",
            "peran",
            "choice",
            width=14,
            required=True,
            choices=("Camat", "Sekcam", "Kasubbag", "Kasi/Lurah", "Staf"),
        ),
        _c("Jabatan", "jabatan", width=34, required=True),
        _c("Nama", "nama", width=26, required=True),
        _c("NIP", "nip", width=22),
        _c("Pangkat/Golongan", "pangkat", width=24),
        _c("E-mail", "email", "email", width=30),
    ),
    first_col=5,
    title="Pejabat",
)
UNIT = Table(
    PENGATURAN,
    "tblUnit",
    (
        _c("Kode", "kode", width=16, required=True),
        _c("Nama Unit", "nama", width=28, required=True),
        _c(
            "Jenis",
            "jenis",
            "choice",
            width=12,
            required=True,
            choices=("kecamatan", "kelurahan", "seksi", "subbagian", "bidang", "lainnya"),
        ),
        _c("Pimpinan", "pimpinan", width=26),
        _c("Nama Pimpinan", "nama_pimpinan", width=22),
        _c("E-mail", "email", "email", width=28),
        _c("Unit Layanan SKM", "unit_layanan", "choice", width=12, choices=YA_TIDAK),
    ),
    first_col=12,
    title="Unit (Kasi/Lurah dan unit layanan)",
)
LIBUR = Table(
    PENGATURAN,
    "tblLibur",
    (
        _c("Tanggal", "tanggal", "date", width=12, required=True),
        _c("Keterangan", "keterangan", width=20),
    ),
    first_col=20,
    title="Hari libur tambahan",
)

# --- Data sheets ----------------------------------------------------------------------------

RENSTRA_YEARS = 5
"""Yearly target columns of Format Data (a Renstra covers five years)."""

FORMAT = Table(
    FORMAT_DATA,
    "tblFormatData",
    (
        _c("Kode", "kode", width=10, required=True, note="Kode unik indikator, mis. IKU-01."),
        _c("Sasaran", "sasaran", width=34, required=True),
        _c("Indikator", "indikator", width=40, required=True),
        _c("Satuan", "satuan", width=10, required=True),
        _c(
            "Jenis",
            "jenis",
            "choice",
            width=10,
            choices=JENIS_INDIKATOR,
            note="IKM = dari SKM, SAKIP = dari LHE SAKIP, Lainnya = indikator lain.",
        ),
        _c("Target", "target", "number", width=10, required=True),
        _c(
            "Polaritas",
            "polaritas",
            "choice",
            width=11,
            choices=POLARITAS,
            required=True,
            note="Naik: makin tinggi makin baik. Turun: makin rendah makin baik.",
        ),
        _c(
            "Penanggung Jawab",
            "penanggung_jawab",
            "choice",
            width=28,
            choices_ref="DaftarUnit",
            required=True,
            note="Unit yang mengisi realisasi indikator ini.",
        ),
        _c("Sumber Data", "sumber_data", width=24),
        _c(
            "Target Renstra",
            "target_renstra",
            "number",
            width=12,
            note="Target akhir periode Renstra.",
        ),
        _c(
            "Realisasi N-1",
            "realisasi_n1",
            "number",
            width=15,
            note="Realisasi tahun lalu.",
            year_offset=1,
        ),
        _c(
            "Realisasi N-2",
            "realisasi_n2",
            "number",
            width=15,
            note="Realisasi dua tahun lalu.",
            year_offset=2,
        ),
        _c(
            "Realisasi Koreksi",
            "realisasi_koreksi",
            "number",
            width=12,
            note="Diisi Kasubbag bila realisasi yang dipakai harus diganti (mis. kiriman unit "
            "keliru). Wajib disertai Alasan Koreksi; nilai ini mengalahkan sumber lain.",
        ),
        _c(
            "Alasan Koreksi",
            "alasan_koreksi",
            width=30,
            note="Alasan koreksi realisasi (dicatat di Log saat laporan dibuat).",
        ),
        _c(
            "Definisi/Formula",
            "definisi",
            width=40,
            note="Definisi operasional atau rumus indikator, untuk tabel IKU di LKjIP.",
        ),
        *(
            _c(
                f"Target Renstra Tahun ke-{k}",
                f"target_th{k}",
                "number",
                width=12,
                note=f"Target tahun ke-{k} periode Renstra (periode diisi di Pengaturan, "
                "baris Periode Renstra).",
            )
            for k in range(1, RENSTRA_YEARS + 1)
        ),
        *_narrative_columns(
            "Isi untuk laporan (Bab III). Kosong = dipakai teks kiriman unit (sheet Kiriman)."
        ),
        _c(
            "IKU",
            "iku",
            "choice",
            width=8,
            choices=YA_TIDAK,
            optional=True,
            note="Ya = Indikator Kinerja Utama (masuk tabel IKU di LKjIP). Tidak = indikator "
            "kinerja lain (mis. indikator kelurahan). Kosong dianggap Ya.",
        ),
        _c(
            "Standar Pembanding",
            "standar",
            "number",
            width=12,
            optional=True,
            note="Nilai standar nasional/provinsi untuk indikator ini (satuan sama dengan "
            "target), bila ada. Kosong = tidak dibandingkan di Bab III.",
        ),
        _c(
            "Sumber Standar",
            "standar_sumber",
            width=30,
            optional=True,
            note="Asal nilai standar, mis. 'Standar Pelayanan PATEN' atau 'rata-rata IKM "
            "Provinsi Jawa Timur 2024'.",
        ),
    ),
    title="Format data dan informasi kinerja (indikator yang dikumpulkan)",
)
KIRIMAN_T = Table(
    KIRIMAN,
    "tblKiriman",
    (
        _c("Unit", "unit", width=28, required=True),
        _c("Kode", "kode", width=10, required=True),
        _c("Indikator", "indikator", width=40),
        _c("Satuan", "satuan", width=10),
        _c("Target", "target", "number", width=10),
        _c("Realisasi", "realisasi", "number", width=12),
        _c("Keterangan", "keterangan", width=34),
        _c("Bukti Dukung", "bukti", width=26),
        _c("File", "file", width=34),
        _c("SHA-256", "sha256", width=18),
        _c("Tanggal Terima", "diterima", "datetime", width=18),
        _c("Status Validasi", "status", "choice", width=14, choices=STATUS_VALIDASI),
        *_narrative_columns("Teks dari formulir unit."),
        _c("Sidik", "sidik", width=18, note="Sidik nilai saat impor; jangan diubah."),
        # The version of the form the row came from (issue 21): the workbook itself keeps
        # what ordering two versions needs, so a lost journal never lets an older form win.
        _c(
            "Diekspor",
            "diekspor",
            "datetime",
            width=18,
            note="Waktu formulir kosong dibuat kantor (cap ekspor pada formulir).",
        ),
        _c(
            "Disimpan Unit",
            "disimpan",
            "datetime",
            width=18,
            note="Waktu unit terakhir menyimpan file (menurut jam komputer unit).",
        ),
    ),
    title="Kiriman data dari Kasi/Lurah (diisi oleh impor formulir)",
)


def skm_table(regulasi: str = "2017") -> Table:
    """The raw SKM responses table; its unsur columns depend on the regulation."""
    unsur = UNSUR_2004 if regulasi == "2004" else UNSUR_2017
    return Table(
        SKM,
        "tblSKM",
        (
            _c("No", "no", "int", width=6),
            _c(
                "Unit Layanan",
                "unit",
                "choice",
                width=28,
                choices_ref="DaftarUnitLayanan",
                required=True,
            ),
            _c("Jenis Layanan", "layanan", width=22),
            _c("Tanggal", "tanggal", "date", width=12),
            _c("Jenis Kelamin", "jk", "choice", width=10, choices=("L", "P")),
            _c("Usia", "usia", "int", width=7, min=10, max=120),
            _c("Pendidikan", "pendidikan", width=13),
            _c("Pekerjaan", "pekerjaan", width=14),
            *(
                _c(
                    u,
                    u.lower(),
                    "int",
                    width=5,
                    min=1,
                    max=4,
                    note="Jawaban 1 sampai 4 (1 = tidak baik, 4 = sangat baik).",
                )
                for u in unsur
            ),
            _c("Saran", "saran", width=40),
        ),
        title="Data mentah Survei Kepuasan Masyarakat (satu baris per responden)",
    )


SKM_T = skm_table()


def ikm_olahan_table(regulasi: str = "2017") -> Table:
    """Processed IKM figures typed in per unit layanan (e.g. the Portal Emas export).

    Sits on the SKM sheet, one empty column to the right of ``tblSKM``. A unit
    with raw responses in ``tblSKM`` uses those; a unit listed only here uses
    its NRR per unsur (or, when those are blank, its Indeks). Headers differ from
    tblSKM's (``NRR U1``, ``Unit Layanan (olahan)``) so that a reader of the whole sheet
    (``lkjip ikm``) still finds one ``U1`` and one ``Unit Layanan`` column.
    """
    unsur = UNSUR_2004 if regulasi == "2004" else UNSUR_2017
    return Table(
        SKM,
        "tblIKMOlahan",
        (
            _c(
                "Unit Layanan (olahan)",
                "unit",
                "choice",
                width=28,
                choices_ref="DaftarUnitLayanan",
                required=True,
                note="Unit layanan yang hanya punya hasil olahan (tanpa jawaban per responden).",
            ),
            _c(
                "Responden",
                "responden",
                "int",
                width=12,
                min=1,
                max=1000000,
                note="Jumlah responden hasil olahan; wajib bila IKM keseluruhan gabungan "
                "seluruh responden.",
            ),
            *(
                _c(
                    f"NRR {u}",
                    u.lower(),
                    "number",
                    width=7,
                    min=1,
                    max=4,
                    number_format="0.000",
                    note=f"NRR unsur {u} dari hasil olahan (angka 1 sampai 4). Kosongkan "
                    "semua NRR bila hanya ada Indeks.",
                )
                for u in unsur
            ),
            _c(
                "Indeks",
                "indeks",
                "number",
                width=9,
                min=1,
                max=4,
                number_format="0.000",
                note="Indeks akhir skala 1 sampai 4; dipakai bila NRR per unsur kosong.",
            ),
            _c("Sumber", "sumber", width=20, note="Asal angka, mis. Portal Emas."),
        ),
        first_col=len(skm_table(regulasi).columns) + 2,
        title="Hasil olahan IKM yang diketik (bila tidak ada data mentah)",
    )


IKM_OLAHAN_T = ikm_olahan_table()

# SAKIP formulas (DOMAIN.md §5, §9): the nilai is the unrounded sum of the components of the
# row's scheme (Capaian Kinerja only in 2015); the predikat is decided on ROUND(nilai, 2).
# A nilai only when every component of the scheme is filled (as the engine decides).
_SAKIP_NILAI = (
    '=IF(TRIM(B{r}&"")="2015",IF(COUNT(C{r}:G{r})<5,"",SUM(C{r}:G{r})),'
    'IF(COUNT(C{r}:F{r})<4,"",SUM(C{r}:F{r})))'
)
_SAKIP_PREDIKAT = (
    '=IF(N(H{r})=0,IF(H{r}="","","D"),IF(ROUND(H{r},2)>90,"AA",IF(ROUND(H{r},2)>80,"A",'
    'IF(ROUND(H{r},2)>70,"BB",IF(ROUND(H{r},2)>60,"B",IF(ROUND(H{r},2)>50,"CC",'
    'IF(ROUND(H{r},2)>30,"C","D")))))))'
)
_SAKIP_INTERPRETASI = (
    '=IF(I{r}="","",IF(I{r}="AA","Sangat Memuaskan",IF(I{r}="A","Memuaskan",'
    'IF(I{r}="BB","Sangat Baik",IF(I{r}="B","Baik",IF(I{r}="CC","Cukup (Memadai)",'
    'IF(I{r}="C","Kurang","Sangat Kurang")))))))'
)

SAKIP_T = Table(
    SAKIP,
    "tblSAKIP",
    (
        _c("Tahun", "tahun", "int", width=8, required=True, min=2000, max=2100),
        _c("Skema", "skema", "choice", width=8, choices=("2021", "2015"), required=True),
        _c("Perencanaan Kinerja", "perencanaan", "number", width=15, min=0, max=30),
        _c("Pengukuran Kinerja", "pengukuran", "number", width=14, min=0, max=30),
        _c("Pelaporan Kinerja", "pelaporan", "number", width=14, min=0, max=15),
        _c("Evaluasi Internal", "evaluasi", "number", width=14, min=0, max=25),
        _c(
            "Capaian Kinerja",
            "capaian",
            "number",
            width=14,
            min=0,
            max=20,
            note="Hanya untuk skema 2015 (PermenPAN-RB 12/2015).",
        ),
        _c(
            "Nilai",
            "nilai",
            "number",
            width=10,
            formula=_SAKIP_NILAI,
            number_format="0.00",
        ),
        _c("Predikat", "predikat", width=11, formula=_SAKIP_PREDIKAT),
        _c("Interpretasi", "interpretasi", width=18, formula=_SAKIP_INTERPRETASI),
    ),
    title="Nilai SAKIP dari LHE SAKIP, per tahun",
    min_rows=10,
)

ANGGARAN_T = Table(
    ANGGARAN,
    "tblAnggaran",
    (
        _c("Kode", "kode", width=16),
        _c("Program/Kegiatan", "nama", width=50, required=True),
        _c(
            "Tingkat",
            "tingkat",
            "choice",
            width=12,
            choices=("Program", "Kegiatan", "Sub Kegiatan"),
        ),
        _c("Pagu", "pagu", "number", width=16, min=0, number_format="#,##0"),
        _c("Realisasi", "realisasi", "number", width=16, min=0, number_format="#,##0"),
        _c(
            "Serapan (%)",
            "serapan",
            "percent",
            width=12,
            formula='=IF(AND(N(D{r})>0,ISNUMBER(E{r})),E{r}/D{r}*100,"")',
            number_format="0.00",
        ),
        _c("Keterangan", "keterangan", width=30),
        _c(
            "Sasaran",
            "sasaran",
            width=40,
            optional=True,
            note="Sasaran (tulis persis seperti kolom Sasaran di Format Data) yang didukung "
            "program/kegiatan ini. Cukup isi pada baris Program; kegiatannya ikut.",
        ),
    ),
    title="Realisasi anggaran per program/kegiatan",
)

STATUS_TINDAK_LANJUT = ("Selesai", "Dalam Proses", "Belum")
"""Follow-up state of an LHE SAKIP recommendation."""

TINDAK_LANJUT_LHE_T = Table(
    TINDAK_LANJUT_LHE,
    "tblTindakLanjutLHE",
    (
        _c(
            "Tahun LHE",
            "tahun",
            "int",
            width=10,
            min=2000,
            max=2100,
            note="Tahun Laporan Hasil Evaluasi (LHE) SAKIP yang memuat rekomendasi ini.",
        ),
        _c(
            "Rekomendasi",
            "rekomendasi",
            width=50,
            required=True,
            note="Rekomendasi evaluator dalam LHE SAKIP, satu rekomendasi per baris.",
        ),
        _c(
            "Tindak Lanjut",
            "tindak_lanjut",
            width=50,
            note="Apa yang sudah dilakukan kantor atas rekomendasi ini.",
        ),
        _c(
            "Status",
            "status",
            "choice",
            width=14,
            choices=STATUS_TINDAK_LANJUT,
            note="Selesai, Dalam Proses atau Belum. Baris yang belum Selesai dibawa ke "
            "workbook tahun baru.",
        ),
        _c(
            "Bukti Dukung",
            "bukti",
            width=34,
            note="Dokumen bukti tindak lanjut, mis. nomor SK, notula rapat, laporan.",
        ),
    ),
    title="Tindak lanjut rekomendasi LHE SAKIP tahun lalu",
)

ATURAN_TRIWULAN = ("Kumulatif", "Nilai Terakhir", "Tahunan")
"""How a year's figure follows from its quarters (DOMAIN.md §11)."""

RENCANA_AKSI_T = Table(
    RENCANA_AKSI,
    "tblRencanaAksi",
    (
        _c("Kode", "kode", width=10, required=True, editable=False),
        _c("Indikator", "indikator", width=40, editable=False),
        _c("Satuan", "satuan", width=10, editable=False),
        _c("Target Tahunan", "target", "number", width=12, editable=False),
        _c(
            "Aturan Triwulan",
            "aturan",
            "choice",
            width=16,
            choices=ATURAN_TRIWULAN,
            note="Kumulatif: jumlah keempat triwulan. Nilai Terakhir: angka akhir triwulan IV. "
            "Tahunan: hanya sekali setahun (mis. IKM, Nilai SAKIP).",
        ),
        *(
            _c(
                f"Target TW {tw}",
                f"tw{i}",
                "number",
                width=11,
                note=f"Target triwulan {tw} (Kumulatif: target triwulan itu saja).",
            )
            for i, tw in enumerate(("I", "II", "III", "IV"), start=1)
        ),
        _c("Kegiatan", "kegiatan", width=40, note="Kegiatan yang mendukung indikator ini."),
        _c("Penanggung Jawab", "penanggung_jawab", width=28),
    ),
    title="Rencana aksi: target per triwulan setiap indikator Perjanjian Kinerja",
)

TRIWULAN = (1, 2, 3, 4)
TRIWULAN_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

REALISASI_TW_T = Table(
    REALISASI_TW,
    "tblRealisasiTriwulan",
    (
        _c("Triwulan", "triwulan", "int", width=9, required=True, min=1, max=4),
        # The same columns as Kiriman (the forms' import writes both the same way), with the
        # quarter's target: a quarter form never writes to Kiriman, an annual one never here.
        *(
            (_c("Target Triwulan", "target", "number", width=11) if c.key == "target" else c)
            for c in KIRIMAN_T.columns
        ),
        _c(
            "Perlu Keputusan Camat",
            "keputusan",
            "choice",
            width=14,
            choices=YA_TIDAK,
            note="Ya = hal ini dibawa ke bagian 'Hal yang memerlukan keputusan Camat' di "
            "laporan monev triwulan.",
        ),
    ),
    title="Realisasi per triwulan dari formulir triwulan Kasi/Lurah (diisi oleh impor)",
)

NARASI_T = Table(
    NARASI,
    "tblNarasi",
    (
        _c("Kunci", "kunci", width=22, required=True, editable=False),
        _c("Bagian", "bagian", width=24, editable=False),
        _c("Judul", "judul", width=30, editable=False),
        _c(
            "Isi",
            "isi",
            width=90,
            note="Tulis uraian di sini (Alt+Enter untuk baris baru). Teks ini masuk ke laporan.",
        ),
        _c("Petunjuk", "petunjuk", width=50, editable=False),
    ),
    title="Narasi laporan yang ditulis kantor (satu baris per bagian)",
)

TAHAPAN_T = Table(
    TAHAPAN,
    "tblTahapan",
    (
        _c("No", "no", "int", width=5),
        _c("Aktivitas", "aktivitas", width=44),
        _c("Pelaksana", "pelaksana", width=24),
        _c("Kelengkapan", "kelengkapan", width=30),
        _c("Mutu Baku", "mutu_baku", width=10),
        _c("Mutu Baku (menit kerja)", "mutu_baku_menit", "int", width=12),
        _c("Output", "output", width=26),
        _c("Rencana Selesai", "rencana_selesai", "datetime", width=17),
        _c("Mulai", "mulai", "datetime", width=17),
        _c("Selesai", "selesai", "datetime", width=17),
        _c("Durasi Kerja (menit)", "durasi_kerja_menit", "int", width=12),
        _c("Durasi", "durasi", width=20),
        _c("Status", "status", width=22),
        _c("Oleh", "oleh", width=22),
        _c("Catatan", "catatan", width=30),
        _c("Dokumen", "dokumen", width=24),
        _c("Batas Mutu Baku", "batas_mutu_baku", "datetime", width=17),
    ),
    title="Tahapan SOP Penyusunan LKjIP dan mutu baku waktu (diisi dari jurnal)",
)

REGISTER_T = Table(
    REGISTER,
    "tblRegisterSurat",
    (
        _c("No Urut", "urut", "int", width=8),
        _c("Nomor Surat", "nomor", width=28),
        _c("Tanggal", "tanggal", "date", width=12),
        _c("Hal", "hal", width=40),
        _c("Tujuan", "tujuan", width=40),
        _c("Status", "status", "choice", width=10, choices=STATUS_SURAT),
        _c("Keterangan", "keterangan", width=30),
        _c("Dicatat", "dicatat", "datetime", width=18),
    ),
    title="Register surat keluar (nomor tidak pernah dipakai dua kali)",
)

LOG_T = Table(
    LOG,
    "tblLog",
    (
        _c("Waktu", "waktu", "datetime", width=18),
        _c("Pengguna", "pengguna", width=18),
        _c("Aksi", "aksi", width=24),
        _c("Rincian", "rincian", width=70),
        _c("Hasil", "hasil", width=14),
    ),
    title="Jejak aktivitas",
)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        BERANDA,
        "Beranda LKjIP",
        kind="dashboard",
        tab_color="1F4E78",
        description="Ringkasan: tahapan SOP, kiriman unit, IKM, SAKIP, langkah berikutnya.",
    ),
    Sheet(
        PENGATURAN,
        "Pengaturan",
        (PROFIL, PEJABAT, UNIT, LIBUR),
        tab_color="7F7F7F",
        description="Profil OPD, pejabat, unit, jam kerja, hari libur dan aturan perhitungan.",
    ),
    Sheet(
        FORMAT_DATA,
        "Format Data",
        (FORMAT,),
        tab_color="2E75B6",
        description="Indikator yang dikumpulkan dari Kasi/Lurah (SOP langkah 2).",
    ),
    Sheet(
        KIRIMAN,
        "Kiriman",
        (KIRIMAN_T,),
        kind="imported",
        tab_color="2E75B6",
        description="Data yang dikirim Kasi/Lurah (SOP langkah 3), hasil impor formulir.",
    ),
    Sheet(
        SKM,
        "Survei Kepuasan Masyarakat",
        (SKM_T, IKM_OLAHAN_T),
        tab_color="548235",
        description="Jawaban responden SKM; isi 1 sampai 4 per unsur. Hasil olahan "
        "(mis. Portal Emas) di tabel sebelah kanan.",
    ),
    Sheet(
        IKM,
        "Indeks Kepuasan Masyarakat",
        kind="computed",
        tab_color="548235",
        description="Dihitung otomatis dari sheet SKM (PermenPAN-RB 14/2017).",
    ),
    Sheet(
        SAKIP,
        "Nilai SAKIP",
        (SAKIP_T,),
        tab_color="548235",
        description="Nilai per komponen dari LHE SAKIP; total dan predikat dihitung.",
    ),
    Sheet(
        TINDAK_LANJUT_LHE,
        "Tindak Lanjut Rekomendasi LHE SAKIP",
        (TINDAK_LANJUT_LHE_T,),
        tab_color="548235",
        description="Rekomendasi LHE SAKIP, tindak lanjutnya, status dan bukti dukung "
        "(LKjIP Bab III, Pemanfaatan hasil evaluasi).",
    ),
    Sheet(
        CAPAIAN,
        "Capaian Kinerja",
        kind="computed",
        tab_color="BF8F00",
        description="Target dan realisasi per indikator, capaian dan kategori.",
    ),
    Sheet(
        ANGGARAN,
        "Realisasi Anggaran",
        (ANGGARAN_T,),
        tab_color="BF8F00",
        description="Pagu dan realisasi per program/kegiatan.",
    ),
    Sheet(
        RENCANA_AKSI,
        "Rencana Aksi",
        (RENCANA_AKSI_T,),
        tab_color="2E75B6",
        description="Target per triwulan, aturan, kegiatan dan penanggung jawab; baris diisi "
        "tombol Rencana Aksi (lkjip rencana-aksi) dari Format Data, sel kuning dapat diubah.",
    ),
    Sheet(
        REALISASI_TW,
        "Realisasi Triwulan",
        (REALISASI_TW_T,),
        kind="imported",
        tab_color="2E75B6",
        description="Realisasi, kendala dan langkah per triwulan dari formulir triwulan "
        "(lkjip forms import --triwulan N); dasar laporan monev triwulan.",
    ),
    Sheet(
        NARASI,
        "Narasi Laporan",
        (NARASI_T,),
        tab_color="BF8F00",
        description="Uraian yang hanya kantor dapat menulis: dasar hukum, visi, misi, SDM, "
        "kesimpulan, langkah perbaikan. Isi kolom Isi; suntingan di Word diambil kembali.",
    ),
    Sheet(
        TAHAPAN,
        "Tahapan SOP",
        (TAHAPAN_T,),
        kind="computed",
        tab_color="C00000",
        description="Waktu tiap langkah SOP terhadap mutu baku (tombol Mulai/Selesai).",
    ),
    Sheet(
        REGISTER,
        "Register Surat Keluar",
        (REGISTER_T,),
        kind="computed",
        tab_color="7030A0",
        description="Nomor surat keluar; nomor batal ditandai, tidak dipakai ulang.",
    ),
    Sheet(
        LOG, "Log", (LOG_T,), kind="computed", tab_color="7F7F7F", description="Jejak semua aksi."
    ),
    Sheet(XLWINGS_CONF, "", kind="system"),
)

TABLES: dict[str, Table] = {t.name: t for s in SHEETS for t in s.tables}


def sheet(name: str) -> Sheet:
    for s in SHEETS:
        if s.name == name:
            return s
    raise KeyError(name)


# Workbook-level defined names (contract).
NAME_IKM_INDEKS = "IKM_Indeks"
NAME_IKM_KONVERSI = "IKM_Konversi"
NAME_IKM_MUTU = "IKM_Mutu"
NAME_IKM_RESPONDEN = "IKM_Responden"
NAME_SAKIP_NILAI = "SAKIP_Nilai"
NAME_SAKIP_PREDIKAT = "SAKIP_Predikat"

IKM_TOTAL_TOP = 15
"""First unsur row of the IKM sheet's overall table (NRR per unsur)."""


def ikm_konversi_cell(regulasi: str = "2017") -> str:
    """The IKM sheet cell holding the overall IKM (konversi), defined name ``IKM_Konversi``."""
    n = len(UNSUR_2004 if regulasi == "2004" else UNSUR_2017)
    return f"C{IKM_TOTAL_TOP + n + 2}"


# Hidden Pengaturan column the step actions fill with the days off of the report year and the
# next (public holidays, cuti bersama, extra days off); Beranda's NETWORKDAYS reads it.
HOLIDAY_COL = "AB"
HOLIDAY_ROWS = 120
NAME_HARI_LIBUR = "HariLibur"
