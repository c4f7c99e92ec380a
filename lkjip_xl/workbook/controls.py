"""The LKjIP ribbon, declared once: groups, buttons and the action each button runs.

The ribbon XML (:mod:`lkjip_xl.workbook.ribbon_xml`), the Python dispatcher
(:mod:`lkjip_xl.excel.ribbon`) and the tests all read this table. Handlers are
dotted strings (``module:function``) resolved only when a button is clicked,
so importing this module costs nothing.

Every button calls the one VBA callback ``LKjIP_OnAction``, which passes the
control id to Python. A button's ``tag`` tells that callback whether to ask
for confirmation (``konfirmasi|<question>``), for a short text
(``isian|<prompt>``; empty cancels) or for a time (``waktu|<prompt>``; empty = now, only
Cancel cancels) before calling Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

VBA_CALLBACK = "LKjIP_OnAction"
"""The single VBA sub every button calls (see ``lkjip_xl/vba/LKjIP_Ribbon.bas``)."""

TAB_ID = "tabLKjIP"
TAB_LABEL = "LKjIP"

STEPS = "lkjip_xl.actions.steps"
FORMS = "lkjip_xl.actions.forms"
REPORT = "lkjip_xl.actions.report"
WORKBOOK = "lkjip_xl.actions.workbook"
READINESS = "lkjip_xl.actions.readiness"
NEW_YEAR = "lkjip_xl.actions.new_year"

WAKTU_PROMPT = "Waktu (kosong = sekarang). Contoh: 05/01/2026 08.00, atau 08.00 untuk hari ini."


@dataclass(frozen=True)
class Group:
    id: str
    label: str


@dataclass(frozen=True)
class Control:
    """One ribbon button."""

    group: str
    """Group id."""
    id: str
    """Control id (also the key passed to ``on_action``)."""
    label: str
    image_mso: str
    screentip: str
    supertip: str
    handler: str
    """``module:function`` of the action; called as ``function(gateway, **kwargs)``."""
    kwargs: dict[str, Any] = field(default_factory=dict)
    size: Literal["large", "normal"] = "large"
    konfirmasi: str = ""
    """Question asked (Ya/Tidak) in VBA before the action runs; empty = none."""
    isian: str = ""
    """Prompt for a short text (VBA InputBox) passed to the action as ``text_kwarg``."""
    waktu: str = ""
    """Prompt for a time (VBA InputBox; empty = now) passed to the action as ``text_kwarg``."""
    text_kwarg: str = ""
    """Keyword that receives the text typed at the ``isian`` or ``waktu`` prompt."""
    write: bool = True
    """Whether the action may change the workbook (informational; the live book is saved by
    the user)."""

    @property
    def tag(self) -> str:
        if self.konfirmasi:
            return f"konfirmasi|{self.konfirmasi}"
        if self.isian:
            return f"isian|{self.isian}"
        if self.waktu:
            return f"waktu|{self.waktu}"
        return ""

    @property
    def light(self) -> bool:
        """The action needs neither pandas nor matplotlib (see :data:`LIGHT`)."""
        return self.id in LIGHT

    @property
    def module(self) -> str:
        return self.handler.split(":", 1)[0]

    @property
    def function(self) -> str:
        return self.handler.split(":", 1)[1]


LIGHT: frozenset[str] = frozenset(
    {
        *(f"s{no}_{what}" for no in range(1, 9) for what in ("mulai", "selesai")),
        "step_status",
        "step_undo",
        "step_koreksi",
        "forms_status",
        "periksa",
        "narasi_ambil",
        "letter",
        "letter_void",
        "periksa_instalasi",
        "bantuan",
    }
)
"""Buttons whose action needs neither pandas nor matplotlib (nor numpy): a cold click of one
imports xlwings without them (:mod:`lkjip_xl.excel.klik`), the others with the full imports.
tests/test_click_light.py clicks each on the COM test double and looks at ``sys.modules``.
*Periksa Isian* builds the one model: its IKM is computed in pure Python when the SKM answers
are numbers 1..4 or blank (``domain/ikm.py::PlainAnswers``); text answers are read with pandas,
imported then."""


def vba_label_module() -> str:
    """VBA module ``LKjIP_Tombol``: ``LKjIP_NamaTombol(id)``, the label shown on the status bar
    while a button runs (generated from this table by ``lkjip build-workbook``)."""
    lines = [
        'Attribute VB_Name = "LKjIP_Tombol"',
        "' Generated from lkjip_xl/workbook/controls.py by 'lkjip build-workbook'.",
        "Option Explicit",
        "",
        "Public Function LKjIP_NamaTombol(ByVal controlId As String) As String",
        "    Select Case controlId",
    ]
    for c in CONTROLS:
        label = c.label.replace('"', '""')
        lines += [f'        Case "{c.id}"', f'            LKjIP_NamaTombol = "{label}"']
    lines += [
        "        Case Else",
        "            LKjIP_NamaTombol = controlId",
        "    End Select",
        "End Function",
        "",
    ]
    return "\r\n".join(lines)


GROUPS: tuple[Group, ...] = (
    Group("grpLangkah1", "1 Perintah"),
    Group("grpLangkah2", "2 Format & Kirim"),
    Group("grpLangkah3", "3 Pengumpulan"),
    Group("grpLangkah4", "4 Analisis & Draft"),
    Group("grpLangkah57", "5–7 Koreksi & Pengesahan"),
    Group("grpLangkah8", "8 Pengiriman & Arsip"),
    Group("grpTriwulan", "Pemantauan Triwulan"),
    Group("grpBantuan", "Bantuan"),
)

STEP_NAMES: dict[int, str] = {
    1: "Memerintahkan penyusunan LKjIP (Camat)",
    2: "Membuat dan menyampaikan format pengumpulan data (Kasubbag Program dan Keuangan)",
    3: "Pemenuhan data LKjIP (Kasi/Lurah)",
    4: "Menghimpun, menganalisis dan mengevaluasi data; membuat draft (Kasubbag)",
    5: "Mengoreksi dokumen LKjIP (Sekcam)",
    6: "Menyampaikan dokumen kepada Camat untuk persetujuan (Sekcam)",
    7: "Penandatanganan oleh Camat",
    8: "Surat pengantar, penomoran, penggandaan, pengarsipan dan pengiriman (Kasubbag)",
}

_STEP_GROUP = {1: "grpLangkah1", 2: "grpLangkah2", 3: "grpLangkah3", 4: "grpLangkah4"}
_STEP_GROUP.update({5: "grpLangkah57", 6: "grpLangkah57", 7: "grpLangkah57", 8: "grpLangkah8"})


def _step_buttons(no: int) -> tuple[Control, Control]:
    name = STEP_NAMES[no]
    group = _STEP_GROUP[no]
    start = Control(
        group,
        f"s{no}_mulai",
        f"Mulai Langkah {no}",
        "MacroPlay",
        f"Mulai Langkah {no} SOP",
        f"SOP langkah {no}: {name}. Mencatat waktu mulai langkah ini di jurnal dan sheet "
        "Tahapan SOP, lalu menghitung batas waktu menurut mutu baku.",
        f"{STEPS}:start_step",
        {"no": no},
        size="normal",
        waktu=f"Mulai Langkah {no}. {WAKTU_PROMPT}",
        text_kwarg="waktu",
    )
    finish = Control(
        group,
        f"s{no}_selesai",
        f"Selesai Langkah {no}",
        "AcceptInvitation",
        f"Selesai Langkah {no} SOP",
        f"SOP langkah {no}: {name}. Mencatat waktu selesai dan membandingkan durasi kerja "
        "dengan mutu baku (tepat waktu atau melebihi mutu baku).",
        f"{STEPS}:finish_step",
        {"no": no},
        size="normal",
        waktu=f"Selesai Langkah {no}. {WAKTU_PROMPT}",
        text_kwarg="waktu",
    )
    return start, finish


CONTROLS: tuple[Control, ...] = (
    Control(
        "grpLangkah1",
        "pk",
        "Perjanjian Kinerja",
        "AcceptInvitation",
        "Buat Perjanjian Kinerja tahun ini (Word)",
        "Awal tahun kinerja, sebelum SOP LKjIP: membuat PK Camat dengan kepala daerah serta PK "
        "Sekcam, setiap Kasi dan Lurah dengan Camat, bertanggal hari ini, di folder 'keluaran'. "
        "PK perubahan: lkjip pk --perubahan --alasan.",
        "lkjip_xl.actions.pk:make_pk",
        size="normal",
        konfirmasi="Buat Perjanjian Kinerja bertanggal hari ini (versi baru)?",
    ),
    Control(
        "grpLangkah1",
        "rencana_aksi",
        "Rencana Aksi",
        "CreateReport",
        "Isi sheet Rencana Aksi dan buat dokumennya (Word)",
        "Awal tahun kinerja, sebelum SOP LKjIP: indikator Format Data yang belum ada di sheet "
        "Rencana Aksi diberi "
        "target triwulan bawaan dari target tahunan (sel kuning dapat diubah); lalu dokumen "
        "Rencana Aksi untuk ditandatangani Camat dibuat di folder 'keluaran'.",
        "lkjip_xl.actions.rencana_aksi:rencana_aksi",
        size="normal",
    ),
    *_step_buttons(1),
    *_step_buttons(2),
    Control(
        "grpLangkah2",
        "forms_export",
        "Buat Formulir",
        "ExportExcel",
        "Buat formulir data per unit",
        "SOP langkah 2: membuat satu formulir isian (.xlsx tanpa makro) untuk setiap Kasi/Lurah "
        "dari sheet Format Data, disimpan di folder 'keluaran'.",
        f"{FORMS}:export_forms",
    ),
    Control(
        "grpLangkah2",
        "forms_email",
        "Siapkan E-mail",
        "EnvelopesAndLabelsDialog",
        "Siapkan e-mail permintaan data",
        "SOP langkah 2: membuat draf e-mail (.eml) berisi surat permintaan dan formulir untuk "
        "setiap unit. E-mail belum dikirim; buka dan kirim dari program e-mail Anda.",
        f"{FORMS}:email_forms",
    ),
    Control(
        "grpLangkah2",
        "forms_kirim",
        "Kirim E-mail",
        "FileSendAsAttachment",
        "Kirim e-mail permintaan data",
        "SOP langkah 2: mengirim formulir ke e-mail setiap Kasi/Lurah melalui server SMTP di "
        "Pengaturan. Kata sandi SMTP tidak disimpan di workbook.",
        f"{FORMS}:email_forms",
        {"kirim": True},
        konfirmasi="Kirim e-mail permintaan data ke semua unit sekarang?",
    ),
    *_step_buttons(3),
    Control(
        "grpLangkah3",
        "forms_import",
        "Impor Kiriman",
        "ImportExcel",
        "Impor formulir yang kembali",
        "SOP langkah 3: membaca semua formulir di folder 'kotak_masuk', mengarsipkan setiap "
        "file apa adanya (SHA-256), memeriksa isinya dan menggabungkannya ke sheet Kiriman.",
        f"{FORMS}:import_forms",
        {"paths": None},
    ),
    Control(
        "grpLangkah3",
        "forms_status",
        "Status Kiriman",
        "ReviewTrackChanges",
        "Status kiriman per unit",
        "SOP langkah 3: menampilkan unit mana yang sudah dan belum mengirim data.",
        f"{FORMS}:forms_status",
        write=False,
    ),
    Control(
        "grpLangkah3",
        "forms_pengingat",
        "Pengingat",
        "ReviewNewComment",
        "Buat pengingat untuk unit yang belum mengirim",
        "SOP langkah 3: membuat draf e-mail pengingat untuk Kasi/Lurah yang belum mengirim "
        "data sebelum batas waktu.",
        f"{FORMS}:email_forms",
        {"pengingat": True},
    ),
    *_step_buttons(4),
    Control(
        "grpLangkah4",
        "periksa",
        "Periksa Isian",
        "DataValidation",
        "Periksa semua isian workbook",
        "SOP langkah 4: memeriksa kolom wajib, jenis isian dan pilihan di semua sheet isian; "
        "setiap masalah disebut dengan sheet, sel dan cara memperbaikinya.",
        f"{READINESS}:validate_workbook",
        write=False,
    ),
    Control(
        "grpLangkah4",
        "hitung",
        "Hitung IKM, SAKIP, Capaian",
        "CalculateNow",
        "Hitung IKM, Nilai SAKIP dan capaian kinerja",
        "SOP langkah 4: menghitung IKM (PermenPAN-RB 14/2017), predikat SAKIP dan capaian "
        "setiap indikator dengan mesin Python, sama dengan rumus di sheet IKM dan Capaian.",
        f"{WORKBOOK}:compute_summary",
        write=False,
    ),
    Control(
        "grpLangkah4",
        "report_draft",
        "Buat Draft LKjIP",
        "CreateReport",
        "Buat draft dokumen LKjIP (Word)",
        "SOP langkah 4: menyusun draft LKjIP (.docx) dari data workbook sesuai sistematika "
        "PermenPAN-RB 53/2014, disimpan di folder 'keluaran'.",
        f"{REPORT}:make_report",
    ),
    Control(
        "grpLangkah4",
        "narasi_ambil",
        "Ambil Narasi dari Word",
        "ReviewAcceptChange",
        "Ambil suntingan narasi dari dokumen Word",
        "SOP langkah 4-5: menulis isian narasi (kotak isian) yang diubah di versi LKjIP terbaru "
        "di folder 'keluaran' ke sheet Narasi dan Format Data; teks yang diketik di luar kotak "
        "isian dilaporkan. Buat Draft LKjIP juga melakukannya lebih dulu.",
        "lkjip_xl.actions.narasi:ambil_narasi",
    ),
    *_step_buttons(5),
    *_step_buttons(6),
    *_step_buttons(7),
    Control(
        "grpLangkah57",
        "report_final",
        "Dokumen Final (PDF)",
        "FileSaveAsPdfOrXps",
        "Buat dokumen LKjIP final dan PDF",
        "SOP langkah 5–7: membuat ulang dokumen LKjIP setelah koreksi Sekcam, beserta PDF "
        "untuk persetujuan dan penandatanganan Camat.",
        f"{REPORT}:make_report",
        {"pdf": True},
    ),
    *_step_buttons(8),
    Control(
        "grpLangkah8",
        "letter",
        "Surat Pengantar",
        "MailMergeStartLetters",
        "Buat surat pengantar bernomor",
        "SOP langkah 8: membuat surat pengantar LKjIP ke Bagian Organisasi dengan nomor dari "
        "Register Surat Keluar (nomor tidak pernah dipakai dua kali).",
        f"{REPORT}:make_letter",
        konfirmasi="Buat surat pengantar dengan nomor surat baru dari register?",
    ),
    Control(
        "grpLangkah8",
        "archive",
        "Arsipkan",
        "FileSaveAs",
        "Arsipkan LKjIP tahun ini",
        "SOP langkah 8: menyalin dokumen final, surat pengantar, workbook dan jurnal ke folder "
        "'arsip/<tahun>' beserta daftar SHA-256.",
        f"{REPORT}:archive",
        konfirmasi="Arsipkan dokumen LKjIP tahun ini sekarang?",
    ),
    Control(
        "grpLangkah8",
        "paket",
        "Paket Bagian Organisasi",
        "FileSaveAsOtherFormats",
        "Buat paket untuk Bagian Organisasi (folder dan .zip)",
        "Setelah langkah 8: satu folder dan .zip di folder 'keluaran' berisi PK, Rencana Aksi, "
        "Monev TW I–IV, LKjIP final dan surat pengantar, dinamai sesuai daftar unggah reviu "
        "e-SAKIP (Word dan PDF), ditambah workbook data kinerja per indikator untuk digabung "
        "Bagian Organisasi. Dokumen yang belum ada didaftar beserta cara membuatnya.",
        "lkjip_xl.actions.paket:make_paket",
        {"pdf": True},
        size="normal",
    ),
    Control(
        "grpLangkah8",
        "tahun_baru",
        "Workbook Tahun Baru",
        "FileNew",
        "Buat workbook LKjIP tahun berikutnya",
        "Setelah langkah 8: membuat workbook tahun berikutnya di folder yang sama (Pengaturan, "
        "pejabat dan indikator tetap; realisasi tahun ini menjadi Realisasi N-1; target dari "
        "Target Renstra; kesimpulan, reviu, kiriman, SKM, tahapan dan log kosong). Bila tahun "
        "ini belum selesai, ditanyakan dulu. Workbook ini tidak diubah.",
        f"{NEW_YEAR}:new_year",
        size="normal",
        konfirmasi="Buat workbook LKjIP tahun berikutnya di folder yang sama? Workbook ini "
        "disimpan dulu dan tidak diubah.",
        write=False,
    ),
    Control(
        "grpLangkah8",
        "letter_void",
        "Batalkan Nomor Surat",
        "Delete",
        "Batalkan nomor surat keluar",
        "SOP langkah 8 (penomoran surat): menandai nomor surat yang tidak jadi dipakai sebagai "
        "Batal di Register Surat. Nomor itu tidak akan diberikan lagi.",
        f"{REPORT}:void_letter_text",
        size="normal",
        isian="Tulis nomor surat yang dibatalkan, titik koma, lalu alasannya. "
        "Contoh: 050/3/425.503/2026; salah tujuan",
        text_kwarg="teks",
    ),
    *(
        Control(
            "grpTriwulan",
            cid,
            label,
            image,
            tip,
            f"Setiap triwulan, di luar langkah SOP LKjIP: {tip[0].lower()}{tip[1:]}. Ketik "
            f"triwulan 1–4 di kotak isian (1 = Januari–Maret). {extra}",
            f"lkjip_xl.actions.triwulan_tombol:{fn}",
            size="large" if cid == "tw_monev" else "normal",
            isian=f"{label}: triwulan berapa? Ketik 1, 2, 3 atau 4.",
            text_kwarg="teks",
            write=cid != "tw_status",
        )
        for cid, label, image, tip, extra, fn in (
            (
                "tw_export",
                "Formulir Triwulan",
                "ExportExcel",
                "Buat formulir triwulan per unit",
                "Target triwulan dari sheet Rencana Aksi; batas kembali N hari kerja setelah "
                "triwulan berakhir (Pengaturan).",
                "export_ribbon",
            ),
            (
                "tw_email",
                "E-mail Triwulan",
                "EnvelopesAndLabelsDialog",
                "Siapkan e-mail formulir triwulan",
                "Draf e-mail (.eml) berisi formulir triwulan untuk setiap unit.",
                "email_ribbon",
            ),
            (
                "tw_import",
                "Impor Triwulan",
                "ImportExcel",
                "Impor formulir triwulan yang kembali",
                "Dari folder 'kotak_masuk' ke sheet Realisasi Triwulan (tidak ke Kiriman).",
                "import_ribbon",
            ),
            (
                "tw_status",
                "Status Triwulan",
                "ReviewTrackChanges",
                "Status kiriman formulir triwulan",
                "Unit yang sudah, belum dan terlambat mengirim.",
                "status_ribbon",
            ),
            (
                "tw_monev",
                "Laporan Monev",
                "CreateReport",
                "Buat Laporan Monitoring dan Evaluasi Kinerja Triwulan (Word)",
                "Capaian terhadap target triwulan dan tahun, lampu hijau/kuning/merah, grafik, "
                "kendala, langkah dan hal yang memerlukan keputusan Camat.",
                "monev_ribbon",
            ),
        )
    ),
    Control(
        "grpBantuan",
        "step_status",
        "Status Tahapan",
        "Info",
        "Status tahapan SOP",
        "Semua langkah SOP 1–8: menampilkan langkah yang sudah, sedang dan belum berjalan, "
        "durasi kerja terhadap mutu baku, dan langkah berikutnya.",
        f"{STEPS}:step_status",
        write=False,
    ),
    Control(
        "grpBantuan",
        "step_undo",
        "Batalkan Catatan",
        "Undo",
        "Batalkan catatan langkah",
        "Semua langkah SOP: membatalkan catatan mulai/selesai langkah mana pun (misalnya salah "
        "tekan). Catatan lama tidak dihapus; pembatalan dicatat dengan alasannya.",
        f"{STEPS}:void_text",
        size="normal",
        isian="Tulis langkah dan catatannya, titik koma, lalu alasan. Contoh: 3 selesai; salah "
        "tekan. Alasan saja = membatalkan catatan terakhir.",
        text_kwarg="teks",
    ),
    Control(
        "grpBantuan",
        "step_koreksi",
        "Koreksi Waktu",
        "DateAndTimeInsert",
        "Koreksi waktu catatan langkah",
        "Semua langkah SOP: mengganti waktu mulai/selesai langkah mana pun. Waktu lama tetap "
        "tersimpan di jurnal bersama alasan koreksinya.",
        f"{STEPS}:correct_text",
        size="normal",
        isian="Tulis langkah, catatan, waktu yang benar dan alasan, dipisah titik koma. "
        "Contoh: 3 mulai; 06/01/2026 07.45; salah ketik jam",
        text_kwarg="teks",
    ),
    Control(
        "grpBantuan",
        "periksa_instalasi",
        "Periksa Instalasi",
        "HappyFace",
        "Periksa instalasi Python dan xlwings",
        "Persiapan semua langkah SOP: memeriksa versi Python, paket lkjip_xl dan xlwings, serta "
        "isian sheet xlwings.conf. Jika tombol ini berjalan, hubungan Excel–Python sudah benar.",
        f"{WORKBOOK}:check_installation",
        size="normal",
        write=False,
    ),
    Control(
        "grpBantuan",
        "bantuan",
        "Bantuan",
        "Help",
        "Bantuan LKjIP",
        "Semua langkah SOP: urutan kerja SOP Penyusunan LKjIP dan tombol yang dipakai di setiap "
        "langkah.",
        f"{WORKBOOK}:help_text",
        write=False,
    ),
)

BY_ID: dict[str, Control] = {c.id: c for c in CONTROLS}


def control(control_id: str) -> Control:
    """The control with ``control_id``; ``KeyError`` if the ribbon has no such button."""
    return BY_ID[control_id]


def controls_in(group_id: str) -> list[Control]:
    return [c for c in CONTROLS if c.group == group_id]
