"""What a new year keeps and what it empties, declared once (``lkjip tahun-baru``).

Each :class:`Rule` names a sheet, the part of it (a table's columns, Pengaturan rows by key,
Narasi rows by key, a cell) and what the new year does with it (:data:`ACTIONS`). The action
``actions/new_year.py`` applies these rules and nothing else; a test checks that every
Pengaturan key, every Narasi topic and every column of the data tables has exactly one rule;
README's user guide lists the table :func:`markdown` prints
(``python -m lkjip_xl.workbook.new_year_rule``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lkjip_xl.domain.narasi import INDICATOR_FIELDS, TOPICS
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.profile_io import PROFILE_KEYS, key_label

__all__ = ["ACTIONS", "RULES", "Rule", "markdown", "rules_for"]

Action = Literal["tetap", "kosong", "ke_n1", "renstra", "maju", "berlaku", "terbuka"]

ACTIONS: dict[Action, str] = {
    "tetap": "tetap",
    "kosong": "dikosongkan",
    "ke_n1": "realisasi tahun ini menjadi Realisasi N-1, Realisasi N-1 menjadi N-2",
    "renstra": "diambil dari Target Renstra Tahun ke-n untuk tahun baru (n menurut Periode "
    "Renstra); dikosongkan bila Periode Renstra tidak mencakup tahun baru atau kolom itu kosong",
    "maju": "maju satu tahun",
    "berlaku": "hanya yang masih berlaku pada tahun baru",
    "terbuka": "hanya baris yang statusnya belum Selesai (dibawa ke tahun baru); baris Selesai "
    "dihapus",
}
"""Action → what the user guide says it does (Indonesian)."""

REVIU_KEYS = tuple(k for k in PROFILE_KEYS if k.startswith("reviu_"))
YEAR_KEYS = ("tahun", "batas_penyampaian")
CURRENT_KEYS = ("jam_khusus",)
PK_KEYS = ("tanggal_dpa",)
"""The year's DPA date (issue 22): a new year has a new DPA."""

NARASI_EMPTY = (
    "isu_strategis",
    "efisiensi_sumber_daya",
    "serapan_anggaran",
    "tindak_lanjut_skm",
    "tindak_lanjut_lhe",
    "kesimpulan",
    "langkah_perbaikan",
)
"""Narasi topics about the year just reported: written anew every year."""
NARASI_KEEP = tuple(t.key for t in TOPICS if t.key not in NARASI_EMPTY)

FORMAT_TARGET = ("target",)
FORMAT_REALISASI = ("realisasi_n1", "realisasi_n2")
FORMAT_NARRATIVE = tuple(f.key for f in INDICATOR_FIELDS)
FORMAT_KOREKSI = ("realisasi_koreksi", "alasan_koreksi")
"""The Kasubbag's correction of a year's realisation: it belongs to that year only."""
FORMAT_KEEP = tuple(
    c.key
    for c in S.FORMAT.columns
    if c.key not in FORMAT_TARGET + FORMAT_REALISASI + FORMAT_NARRATIVE + FORMAT_KOREKSI
)
ANGGARAN_EMPTY = ("pagu", "realisasi", "keterangan")
ANGGARAN_KEEP = tuple(c.key for c in S.ANGGARAN_T.columns if c.key not in ANGGARAN_EMPTY)


@dataclass(frozen=True)
class Rule:
    """One line of the new-year rule."""

    sheet: str
    action: Action
    table: str = ""
    """Excel table name (``tblFormatData``), or empty for a cell."""
    columns: tuple[str, ...] = ()
    """Column keys of ``table``; empty = the whole table."""
    keys: tuple[str, ...] = ()
    """Rows of tblProfil or tblNarasi, by their Kunci."""
    cell: str = ""
    """A single cell (e.g. the IKM population)."""
    what: str = ""
    """How the user guide names the part when not by its headers or labels (Indonesian)."""
    note: str = ""
    """Anything the user guide adds (Indonesian)."""

    @property
    def label(self) -> str:
        """The part as the user sees it: visible labels and column headers, never keys."""
        if self.what:
            return self.what
        if self.table == S.PROFIL.name:
            return ", ".join(key_label(k) for k in self.keys)
        if self.table == S.NARASI_T.name:
            titles = {t.key: t.judul for t in TOPICS}
            return "; ".join(titles[k] for k in self.keys)
        table = S.TABLES[self.table]
        return ", ".join(table.column(k).header for k in self.columns)


_PROFIL = S.PROFIL.name
_NARASI = S.NARASI_T.name
_OTHER_PROFILE_KEYS = tuple(
    k for k in PROFILE_KEYS if k not in REVIU_KEYS + YEAR_KEYS + CURRENT_KEYS + PK_KEYS
)

RULES: tuple[Rule, ...] = (
    # Pengaturan
    Rule(S.PENGATURAN, "maju", _PROFIL, keys=YEAR_KEYS, note="Batas penyampaian: bila diisi."),
    Rule(
        S.PENGATURAN,
        "kosong",
        _PROFIL,
        keys=REVIU_KEYS,
        note="Sudah direviu APIP menjadi Tidak: reviu tahun lalu bukan reviu tahun ini.",
    ),
    Rule(S.PENGATURAN, "berlaku", _PROFIL, keys=CURRENT_KEYS, note="Periode yang lewat dihapus."),
    Rule(
        S.PENGATURAN,
        "kosong",
        _PROFIL,
        keys=PK_KEYS,
        note="DPA tahun baru ditetapkan lagi; isi tanggalnya sebelum membuat Perjanjian Kinerja.",
    ),
    Rule(
        S.PENGATURAN,
        "tetap",
        _PROFIL,
        keys=_OTHER_PROFILE_KEYS,
        what="Isian lain tabel Profil (nama OPD, alamat, jam kerja, aturan, e-mail, Periode "
        "Renstra, kepala daerah, …)",
    ),
    Rule(S.PENGATURAN, "tetap", S.PEJABAT.name, what="Tabel Pejabat"),
    Rule(S.PENGATURAN, "tetap", S.UNIT.name, what="Tabel Unit"),
    Rule(
        S.PENGATURAN,
        "berlaku",
        S.LIBUR.name,
        what="Hari libur tambahan",
        note="Tanggal sebelum tahun baru dihapus; daftar hari libur nasional diganti untuk "
        "tahun baru.",
    ),
    # Format Data
    Rule(S.FORMAT_DATA, "tetap", S.FORMAT.name, columns=FORMAT_KEEP),
    Rule(S.FORMAT_DATA, "renstra", S.FORMAT.name, columns=FORMAT_TARGET),
    Rule(
        S.FORMAT_DATA,
        "ke_n1",
        S.FORMAT.name,
        columns=FORMAT_REALISASI,
        note="Realisasi seperti dihitung untuk laporan (kiriman unit, IKM dari SKM, Nilai "
        "SAKIP); judul kolom ikut tahunnya, mis. Realisasi 2025 dan Realisasi 2024.",
    ),
    Rule(S.FORMAT_DATA, "kosong", S.FORMAT.name, columns=FORMAT_NARRATIVE),
    Rule(
        S.FORMAT_DATA,
        "kosong",
        S.FORMAT.name,
        columns=FORMAT_KOREKSI,
        note="Koreksi tahun lalu tidak berlaku untuk tahun baru; nilai yang dipakai tahun lalu "
        "sudah masuk ke Realisasi N-1.",
    ),
    # data of the year
    Rule(S.KIRIMAN, "kosong", S.KIRIMAN_T.name, what="Seluruh kiriman"),
    Rule(S.SKM, "kosong", S.SKM_T.name, what="Jawaban responden"),
    Rule(S.SKM, "kosong", S.IKM_OLAHAN_T.name, what="Hasil olahan IKM"),
    Rule(
        S.IKM,
        "tetap",
        cell="B10",
        what="Populasi penerima layanan (sel B10)",
        note="Perbarui bila jumlah penerima layanan berubah.",
    ),
    Rule(S.SAKIP, "tetap", S.SAKIP_T.name, what="Nilai SAKIP semua tahun"),
    Rule(
        S.TINDAK_LANJUT_LHE,
        "terbuka",
        S.TINDAK_LANJUT_LHE_T.name,
        what="Rekomendasi LHE SAKIP dan tindak lanjutnya",
        note="Evaluator menilai apakah rekomendasi tahun-tahun lalu sudah dituntaskan, jadi "
        "rekomendasi yang masih terbuka tetap tampil di LKjIP berikutnya; tambahkan "
        "rekomendasi LHE yang baru terbit di bawahnya.",
    ),
    Rule(S.ANGGARAN, "tetap", S.ANGGARAN_T.name, columns=ANGGARAN_KEEP),
    Rule(S.ANGGARAN, "kosong", S.ANGGARAN_T.name, columns=ANGGARAN_EMPTY),
    Rule(
        S.RENCANA_AKSI,
        "kosong",
        S.RENCANA_AKSI_T.name,
        what="Target per triwulan, aturan, kegiatan",
        note="Rencana aksi tahun baru disusun lagi dari target baru (lkjip rencana-aksi).",
    ),
    Rule(
        S.REALISASI_TW,
        "kosong",
        S.REALISASI_TW_T.name,
        what="Seluruh realisasi triwulan",
        note="Pemantauan triwulan tahun baru mulai dari triwulan I.",
    ),
    Rule(S.NARASI, "tetap", _NARASI, keys=NARASI_KEEP),
    Rule(
        S.NARASI,
        "kosong",
        _NARASI,
        keys=NARASI_EMPTY,
        note="Uraian tentang tahun yang dilaporkan; teks tahun lalu tetap ada di workbook lama. "
        "Baris Tambahan dari Word (teks yang diketik di Word di luar kotak isian) juga "
        "dikosongkan.",
    ),
    Rule(
        S.TAHAPAN,
        "kosong",
        S.TAHAPAN_T.name,
        what="Waktu langkah SOP",
        note="Delapan langkah mulai lagi dari Belum mulai; jurnal baru.",
    ),
    Rule(S.REGISTER, "kosong", S.REGISTER_T.name, what="Nomor surat"),
    Rule(S.LOG, "kosong", S.LOG_T.name, what="Jejak aktivitas", note="Satu baris: Tahun baru."),
)
"""The new-year rule (issue 18). Sheets not named here (Beranda, Capaian, IKM's formulas) are
computed and follow the new year by themselves."""


def rules_for(action: Action, table: str = "") -> list[Rule]:
    return [r for r in RULES if r.action == action and (not table or r.table == table)]


def markdown() -> str:
    """The rule as the user guide's table (Indonesian)."""
    lines = ["| Sheet | Isian | Di workbook tahun baru |", "|---|---|---|"]
    for r in RULES:
        text = ACTIONS[r.action] + (f". {r.note}" if r.note else "")
        lines.append(f"| {r.sheet} | {r.label} | {text} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - prints the README table
    print(markdown())
