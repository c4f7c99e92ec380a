"""E-mails to the units: Indonesian text from editable templates, drafts (.eml) or SMTP.

Templates are plain text files shipped in ``lkjip_xl/data`` (``email_permintaan.txt``
for the request, ``email_pengingat.txt`` for reminders). The first line is
``Subjek: …``, then a blank line, then the body. Placeholders are written
``{nama}``; see :data:`PLACEHOLDERS`. Staff adapt them without touching the program
by copying a file into a ``templat_surel`` folder beside the workbook and editing it.

Drafts are ``.eml`` files carrying ``X-Unsent: 1``, so Outlook opens them as unsent
messages (Thunderbird opens them via File > Open > Saved Message, then "Edit as New").
Sending uses SMTP with the Pengaturan host, port and security (STARTTLS, SSL or none);
the password comes from the caller (a prompt) or the ``LKJIP_SMTP_PASSWORD`` environment
variable and is never stored.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip_xl.errors import LkjipError

if TYPE_CHECKING:
    import datetime as dt

    from lkjip_xl.domain.profile import MailSettings

PASSWORD_ENV = "LKJIP_SMTP_PASSWORD"
TEMPLATE_DIR = "templat_surel"
"""Folder beside the workbook where edited copies of the templates override the shipped ones."""
REQUEST = "email_permintaan.txt"
REMINDER = "email_pengingat.txt"
REQUEST_QUARTER = "email_permintaan_triwulan.txt"
REMINDER_QUARTER = "email_pengingat_triwulan.txt"
XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

PLACEHOLDERS: dict[str, str] = {
    "opd": "nama OPD",
    "tahun": "tahun LKjIP",
    "triwulan": "triwulan formulir (I–IV; hanya untuk templat triwulan)",
    "unit": "nama unit penerima",
    "penerima": "sapaan penerima (jabatan dan nama pimpinan unit)",
    "pimpinan": "jabatan pimpinan unit",
    "nama_pimpinan": "nama pimpinan unit",
    "nama_file": "nama file formulir terlampir",
    "jumlah_indikator": "jumlah indikator di formulir",
    "daftar_indikator": "daftar indikator (satu per baris)",
    "batas_waktu": "batas waktu pengembalian",
    "mutu_baku": "mutu baku langkah 3 SOP, mis. 3 hari",
    "dasar_batas_waktu": "sejak kapan batas waktu dihitung",
    "kontak": "jabatan, nama dan e-mail yang dapat dihubungi",
    "pengirim_nama": "nama pengirim",
    "pengirim_jabatan": "jabatan pengirim",
    "keadaan": "keadaan kiriman unit (hanya untuk pengingat)",
}


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    source: str


def load_template(name: str, workbook_dir: Path | None = None) -> Template:
    """The template ``name``: an edited copy beside the workbook if present, else shipped."""
    override = workbook_dir / TEMPLATE_DIR / name if workbook_dir else None
    if override is not None and override.is_file():
        text = override.read_text(encoding="utf-8-sig")
        source = str(override)
    else:
        text = resources.files("lkjip_xl").joinpath("data", name).read_text(encoding="utf-8")
        source = f"lkjip_xl/data/{name}"
    first, _, rest = text.replace("\r\n", "\n").partition("\n")
    if not first.lower().startswith("subjek:"):
        raise LkjipError(
            f"Templat e-mail {source} harus diawali baris 'Subjek: ...' lalu satu baris kosong."
        )
    return Template(first.split(":", 1)[1].strip(), rest.lstrip("\n"), source)


class _Values(dict[str, str]):
    def __init__(self, values: dict[str, str], source: str) -> None:
        super().__init__(values)
        self.source = source

    def __missing__(self, key: str) -> str:
        known = ", ".join("{" + k + "}" for k in PLACEHOLDERS)
        raise LkjipError(
            f"Templat e-mail {self.source} memakai isian {{{key}}} yang tidak dikenal. "
            f"Isian yang tersedia: {known}."
        )


def render(template: Template, values: dict[str, str]) -> tuple[str, str]:
    """(subject, body) with the placeholders filled in."""
    vals = _Values(values, template.source)
    try:
        subject = template.subject.format_map(vals)
        body = template.body.format_map(vals)
    except (ValueError, IndexError) as exc:
        raise LkjipError(
            f"Templat e-mail {template.source} tidak dapat dipakai ({exc}). Tulis isian dengan "
            "kurung kurawal, mis. {unit}; tulis kurung kurawal biasa sebagai {{ dan }}."
        ) from None
    return " ".join(subject.split()), body


def build_message(
    *,
    sender: str,
    sender_name: str,
    to: str,
    to_name: str,
    subject: str,
    body: str,
    attachment: bytes,
    filename: str,
    when: dt.datetime,
    draft: bool,
) -> EmailMessage:
    """An e-mail with the form attached; ``draft`` adds ``X-Unsent: 1``."""
    msg = EmailMessage()
    if sender:
        msg["From"] = formataddr((sender_name, sender))
    msg["To"] = formataddr((to_name, to))
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    domain = sender.rpartition("@")[2] if "@" in sender else "lkjip.local"
    msg["Message-ID"] = make_msgid(domain=domain)
    if draft:
        msg["X-Unsent"] = "1"
    msg.set_content(body)
    msg.add_attachment(attachment, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1], filename=filename)
    return msg


# -- SMTP ------------------------------------------------------------------------------------


class SmtpSession:
    """One SMTP connection for a batch of messages; Indonesian errors for every failure."""

    def __init__(self, settings: MailSettings, password: str | None, timeout: float = 30) -> None:
        self.settings = settings
        self.password = password
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSession:
        s = self.settings
        if not s.smtp_host:
            raise LkjipError(
                "Server SMTP belum diisi, jadi e-mail tidak dapat dikirim langsung. Isi "
                "'smtp_host', 'smtp_port' dan 'smtp_keamanan' di sheet Pengaturan, atau buat "
                "draf e-mail saja (tanpa --kirim)."
            )
        ctx = ssl.create_default_context()
        try:
            if s.smtp_keamanan == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.smtp_host, s.smtp_port, timeout=self.timeout, context=ctx
                )
            else:
                smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=self.timeout)
                if s.smtp_keamanan == "starttls":
                    smtp.starttls(context=ctx)
        except smtplib.SMTPNotSupportedError:
            raise LkjipError(
                f"Server {s.smtp_host}:{s.smtp_port} tidak mendukung STARTTLS/login. Periksa "
                "'smtp_keamanan' dan 'smtp_port' di Pengaturan (STARTTLS biasanya port 587, "
                "SSL port 465)."
            ) from None
        except ssl.SSLError as exc:
            raise LkjipError(
                f"Sambungan aman ke {s.smtp_host}:{s.smtp_port} gagal ({exc.reason}). Periksa "
                "'smtp_keamanan' dan 'smtp_port' di Pengaturan."
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise LkjipError(
                f"Tidak dapat terhubung ke server SMTP {s.smtp_host}:{s.smtp_port} "
                f"({_reason(exc)}). Periksa jaringan dan 'smtp_host'/'smtp_port' di Pengaturan; "
                "tanpa server, buat draf e-mail saja (tanpa --kirim)."
            ) from None
        self._smtp = smtp
        if s.smtp_user:
            self._login(smtp)
        return self

    def _login(self, smtp: smtplib.SMTP) -> None:
        s = self.settings
        if not self.password:
            self.__exit__()
            raise LkjipError(
                f"Kata sandi SMTP untuk {s.smtp_user} belum diberikan. Isi variabel lingkungan "
                f"{PASSWORD_ENV} atau jalankan perintah dari baris perintah agar kata sandi "
                "ditanyakan (kata sandi tidak pernah disimpan)."
            )
        try:
            smtp.login(s.smtp_user, self.password)
        except smtplib.SMTPNotSupportedError:
            self.__exit__()
            raise LkjipError(
                f"Server {s.smtp_host}:{s.smtp_port} tidak menawarkan login. Periksa "
                "'smtp_keamanan' (STARTTLS/SSL) di Pengaturan, atau kosongkan 'smtp_user'."
            ) from None
        except (smtplib.SMTPAuthenticationError, smtplib.SMTPServerDisconnected):
            # Some servers hang up after a wrong password instead of answering 535.
            self.__exit__()
            raise LkjipError(
                f"Login ke server SMTP {s.smtp_host} ditolak: nama pengguna atau kata sandi "
                "salah. Periksa 'smtp_user' di Pengaturan dan kata sandinya."
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            self.__exit__()
            raise LkjipError(
                f"Login ke server SMTP {s.smtp_host} gagal ({_reason(exc)})."
            ) from None

    def send(self, msg: EmailMessage) -> str | None:
        """Send one message; returns None on success or an Indonesian reason."""
        assert self._smtp is not None
        try:
            refused = self._smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused:
            return "alamat penerima ditolak server"
        except smtplib.SMTPSenderRefused:
            return "alamat pengirim ditolak server (periksa 'pengirim' di Pengaturan)"
        except smtplib.SMTPDataError as exc:
            return f"server menolak pesan ({exc.smtp_code})"
        except (OSError, smtplib.SMTPException) as exc:
            return f"pengiriman gagal ({_reason(exc)})"
        if refused:
            return "sebagian alamat penerima ditolak server"
        return None

    def __exit__(self, *exc: Any) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "sambungan ditolak"
    if isinstance(exc, socket.timeout | TimeoutError):
        return "waktu habis"
    if isinstance(exc, socket.gaierror):
        return "nama server tidak dikenal"
    return type(exc).__name__
