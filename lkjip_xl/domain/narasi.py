"""The narratives of the LKjIP that only people can write, and where each one lives.

Two kinds of narrative feed the report (issue 11):

* **Topics** the office writes once per report (dasar hukum, visi, misi, …): one row each in
  the ``Narasi`` sheet (``tblNarasi``), keyed by :attr:`Topic.key`.
* **Per indicator** texts (faktor pendukung, kendala, solusi, efisiensi) the responsible unit
  sends with its realisasi (form columns) and the Kasubbag may rewrite in ``Format Data``.

Each narrative appears in the Word report as a content control whose tag is
:func:`slot_key` (``narasi:<topic>`` or ``narasi:<kode indikator>:<field>``), so text edited in
Word can be written back to the one workbook cell it came from. Pure data, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "EXTRA_PREFIX",
    "INDICATOR_FIELDS",
    "PREFIX",
    "TOPICS",
    "IndicatorField",
    "Topic",
    "default_text",
    "is_extra",
    "parse_key",
    "renstra_tahun_ke",
    "slot_key",
    "topic",
]

PREFIX = "narasi:"

EXTRA_PREFIX = "tambahan_word_"
"""Narasi rows whose key starts so hold text typed in Word outside any slot (issue 20): the
``Bagian`` column names the heading it was typed under, ``Judul`` the version it came from
("Tambahan dari Word (v2)"); the next version renders it under that heading as a slot."""


def is_extra(key: str) -> bool:
    """Whether a Narasi key is a "Tambahan dari Word" row (:data:`EXTRA_PREFIX`)."""
    return key.startswith(EXTRA_PREFIX)


@dataclass(frozen=True)
class Topic:
    """One row of the Narasi sheet."""

    key: str
    bagian: str
    """Where it appears in the report (Indonesian)."""
    judul: str
    petunjuk: str
    """What to write (Indonesian), shown next to the cell."""
    wajib: bool = True
    """Whether a final version needs it filled."""


TOPICS: tuple[Topic, ...] = (
    Topic(
        "dasar_hukum",
        "Bab I Pendahuluan",
        "Dasar Hukum",
        "Peraturan yang menjadi dasar penyusunan LKjIP, satu peraturan per baris.",
    ),
    Topic(
        "struktur_organisasi",
        "Bab I Pendahuluan",
        "Struktur Organisasi",
        "Susunan organisasi (pimpinan, sekretariat, subbagian, seksi, kelurahan) menurut "
        "peraturan kepala daerah yang berlaku.",
    ),
    Topic(
        "tugas_fungsi",
        "Bab I Pendahuluan",
        "Tugas dan Fungsi",
        "Tugas pokok dan fungsi perangkat daerah, satu fungsi per baris.",
    ),
    Topic(
        "sdm",
        "Bab I Pendahuluan",
        "Sumber Daya Manusia",
        "Jumlah pegawai menurut golongan/pangkat dan menurut pendidikan, mis. 'Golongan IV: 3 "
        "orang', satu baris per kelompok.",
    ),
    Topic(
        "sarana_prasarana",
        "Bab I Pendahuluan",
        "Sarana dan Prasarana",
        "Gedung, kendaraan, peralatan kantor dan kondisinya.",
    ),
    Topic(
        "isu_strategis",
        "Bab I Pendahuluan",
        "Isu Strategis",
        "Isu strategis yang dihadapi pada tahun laporan, satu isu per baris.",
    ),
    Topic("visi", "Bab II Perencanaan Kinerja", "Visi", "Visi kepala daerah/Renstra."),
    Topic("misi", "Bab II Perencanaan Kinerja", "Misi", "Misi, satu misi per baris."),
    Topic(
        "tujuan",
        "Bab II Perencanaan Kinerja",
        "Tujuan",
        "Tujuan Renstra perangkat daerah, satu tujuan per baris.",
    ),
    Topic(
        "strategi",
        "Bab II Perencanaan Kinerja",
        "Strategi",
        "Strategi untuk mencapai tujuan dan sasaran, satu per baris.",
    ),
    Topic(
        "kebijakan",
        "Bab II Perencanaan Kinerja",
        "Kebijakan",
        "Arah kebijakan, satu per baris.",
    ),
    Topic(
        "efisiensi_sumber_daya",
        "Bab III Akuntabilitas Kinerja",
        "Efisiensi Sumber Daya Manusia, Sarana dan Prasarana",
        "Bagaimana pegawai, sarana dan prasarana dipakai secara efisien untuk mencapai kinerja.",
    ),
    Topic(
        "serapan_anggaran",
        "Bab III Akuntabilitas Kinerja",
        "Penjelasan Serapan Anggaran",
        "Penyebab program/kegiatan dengan serapan di bawah 90% (muncul hanya bila ada).",
    ),
    Topic(
        "tindak_lanjut_skm",
        "Bab III Akuntabilitas Kinerja",
        "Tindak Lanjut Saran SKM",
        "Tindak lanjut atas saran dan pengaduan responden Survei Kepuasan Masyarakat.",
    ),
    Topic(
        "tindak_lanjut_lhe",
        "Bab III Akuntabilitas Kinerja",
        "Pemanfaatan Hasil Evaluasi SAKIP",
        "Bagaimana rekomendasi LHE SAKIP tahun lalu dimanfaatkan untuk perbaikan kinerja "
        "(rinciannya di sheet Tindak Lanjut LHE).",
        wajib=False,
    ),
    Topic(
        "kesimpulan",
        "Bab IV Penutup",
        "Kesimpulan",
        "Simpulan pimpinan atas kinerja tahun ini (melengkapi simpulan dari data).",
    ),
    Topic(
        "langkah_perbaikan",
        "Bab IV Penutup",
        "Langkah Perbaikan Tahun Berikutnya",
        "Langkah perbaikan yang akan dilakukan tahun depan, satu langkah per baris.",
    ),
)

_GENERIC_DEFAULT: dict[str, str] = {
    "dasar_hukum": "\n".join(
        (
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
            "Instansi Pemerintah;",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
            "Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata "
            "Cara Reviu atas Laporan Kinerja Instansi Pemerintah;",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 "
            "Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit "
            "Penyelenggara Pelayanan Publik;",
            "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
            "Pengendalian dan Evaluasi Pembangunan Daerah;",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 "
            "Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah.",
        )
    ),
}


@dataclass(frozen=True)
class IndicatorField:
    key: str
    header: str
    """Column header in Format Data, Kiriman and the unit form (Indonesian)."""
    label: str
    """How the report introduces it (Indonesian)."""


INDICATOR_FIELDS: tuple[IndicatorField, ...] = (
    IndicatorField("faktor", "Faktor Pendukung/Penyebab", "Faktor pendukung/penyebab"),
    IndicatorField("kendala", "Kendala/Penghambat", "Kendala/penghambat"),
    IndicatorField("solusi", "Solusi/Langkah", "Solusi/langkah yang telah dan akan dilakukan"),
    IndicatorField("efisiensi", "Efisiensi Sumber Daya", "Efisiensi sumber daya"),
)
FIELD_KEYS = tuple(f.key for f in INDICATOR_FIELDS)
MAX_LENGTH = 2000
"""Most characters a narrative cell may hold (form validation)."""


def topic(key: str) -> Topic:
    for t in TOPICS:
        if t.key == key:
            return t
    raise KeyError(key)


def default_text(key: str, profile_texts: dict[str, str] | None = None) -> str:
    """Starting text of a topic: the profile's, else a generic one, else ''."""
    texts = profile_texts or {}
    if key in texts:
        return texts[key]
    return _GENERIC_DEFAULT.get(key, "")


def slot_key(key: str, field: str = "") -> str:
    """``slot_key("visi") → "narasi:visi"``; ``slot_key("IKU-01", "faktor")`` →
    ``"narasi:IKU-01:faktor"``."""
    return f"{PREFIX}{key}:{field}" if field else f"{PREFIX}{key}"


def parse_key(tag: str) -> tuple[str, str] | None:
    """``"narasi:IKU-01:faktor" → ("IKU-01", "faktor")``; ``"narasi:visi" → ("visi", "")``;
    None for a tag that is not a narrative slot."""
    if not tag.startswith(PREFIX):
        return None
    rest = tag[len(PREFIX) :]
    if not rest:
        return None
    head, sep, tail = rest.rpartition(":")
    if sep and tail in FIELD_KEYS and head:
        return head, tail
    return rest, ""


def renstra_tahun_ke(periode: str, tahun: int) -> tuple[int, int, int] | None:
    """``("2025-2029", 2026) → (2025, 2029, 2)``; None when the period cannot be read or the
    year lies outside it."""
    m = re.search(r"(\d{4})\s*(?:-|–|—|s\.?\s*d\.?|sampai)\s*(\d{4})", periode or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    if not start <= tahun <= end:
        return None
    return start, end, tahun - start + 1
