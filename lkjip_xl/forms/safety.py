"""Checks on an incoming file before anything parses it, and safe names for outside names.

A returned form comes from outside the office and may be broken or hostile. Before
openpyxl sees it we check the size, the kind of file (by its bytes, not its name), the
zip directory (declared sizes, ratios and member count: a zip bomb is refused before
anything is decompressed; :mod:`zipfile` itself never inflates a member beyond its
declared size), that the members are intact (CRC, so truncated or damaged files are
refused), and that it is not a password-protected (encrypted) workbook. Each case has its
own Indonesian message saying what to do.

Macros in an ``.xlsm`` are never run: the forms are only read for cell values
(openpyxl, read-only, no VBA kept) and nothing from the file is copied into the master
workbook except those values.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest spreadsheet accepted (a filled form is a few dozen kilobytes)."""
MAX_EMAIL_BYTES = 30 * 1024 * 1024
"""Largest .eml accepted (base64 makes attachments a third larger)."""
MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
"""Uncompressed/compressed ratio above which a large member is treated as a zip bomb."""

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARKERS = (
    "EncryptedPackage".encode("utf-16-le"),
    "EncryptionInfo".encode("utf-16-le"),
)


class FileRejected(Exception):
    """The file cannot be read as a form; ``pesan`` says why and ``perbaikan`` what to do."""

    def __init__(self, pesan: str, perbaikan: str = "") -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.perbaikan = perbaikan


@dataclass(frozen=True)
class SpreadsheetInfo:
    has_macros: bool


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def check_size(size: int, *, email: bool = False) -> None:
    limit = MAX_EMAIL_BYTES if email else MAX_FILE_BYTES
    if size == 0:
        raise FileRejected(
            "File kosong (0 byte).",
            "Minta unit mengirim ulang formulir; file mungkin gagal terunggah.",
        )
    if size > limit:
        raise FileRejected(
            f"File terlalu besar ({_mb(size)}; batas {_mb(limit)}).",
            "Formulir yang sudah diisi biasanya kurang dari 1 MB. Minta unit mengirim "
            "formulir saja, tanpa gambar atau dokumen yang ditempel di dalamnya.",
        )


def check_spreadsheet(data: bytes) -> SpreadsheetInfo:
    """Raise :class:`FileRejected` unless ``data`` is a sane, unencrypted spreadsheet.

    ``.xlsx``/``.xlsm`` get all the zip checks; ``.ods`` the same; ``.xls`` (an OLE file
    with a workbook stream) is checked for a password and otherwise read by calamine.
    """
    check_size(len(data))
    if data.startswith(_CFB_MAGIC):
        if any(m in data for m in _ENCRYPTED_MARKERS) or _xls_encrypted(data):
            raise FileRejected(
                "File dilindungi kata sandi (terenkripsi), jadi isinya tidak dapat dibaca.",
                "Buka file di Excel, pilih File > Info > Lindungi Buku Kerja > Enkripsi dengan "
                "Kata Sandi, kosongkan kata sandinya, simpan, lalu kirim ulang.",
            )
        if not _is_xls(data):
            raise FileRejected(
                "File berformat Office lama (.xls/.doc) tetapi tidak berisi lembar kerja yang "
                "dapat dibaca (mungkin rusak, atau dokumen Word).",
                "Buka formulir di Excel lalu Simpan Sebagai 'Buku Kerja Excel (*.xlsx)' dan "
                "kirim ulang.",
            )
        return SpreadsheetInfo(has_macros=False)  # .xls: values are read by calamine
    if not data.startswith(_ZIP_MAGIC):
        kind = _guess_kind(data)
        raise FileRejected(
            f"File bukan spreadsheet Excel ({kind}).",
            "Kirim formulir .xlsx yang dikirimkan kepada unit Anda, setelah diisi.",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRejected(
            "File rusak atau terpotong (tidak utuh), mungkin gagal terunduh atau terunggah.",
            "Minta unit mengirim ulang formulir; pastikan file dapat dibuka di Excel.",
        ) from None
    with zf:
        infos = zf.infolist()
        _check_bomb(infos, len(data))
        names = {i.filename for i in infos}
        ods = "mimetype" in names and any(n == "content.xml" for n in names)
        if ods and zf.read("mimetype").strip() != b"application/vnd.oasis.opendocument.spreadsheet":
            raise FileRejected(
                "File berformat OpenDocument tetapi bukan spreadsheet (mis. dokumen teks).",
                "Kirim formulir yang dikirimkan kepada unit Anda (.xlsx, .xls atau .ods).",
            )
        if (
            ods
            and "META-INF/manifest.xml" in names
            and b"encryption-data" in zf.read("META-INF/manifest.xml")
        ):
            raise FileRejected(
                "File dilindungi kata sandi (terenkripsi), jadi isinya tidak dapat dibaca.",
                "Simpan ulang formulir tanpa kata sandi lalu kirim ulang.",
            )
        if not ods and (
            "[Content_Types].xml" not in names
            or not any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names)
        ):
            raise FileRejected(
                "File bukan spreadsheet Excel (isinya arsip zip atau dokumen Office lain).",
                "Kirim formulir .xlsx yang dikirimkan kepada unit Anda, setelah diisi.",
            )
        if any(i.flag_bits & 0x1 for i in infos):
            raise FileRejected(
                "File dilindungi kata sandi (arsip terenkripsi).",
                "Simpan ulang formulir tanpa kata sandi lalu kirim ulang.",
            )
        try:
            bad = zf.testzip()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
            bad = "?"
        if bad is not None:
            raise FileRejected(
                "File rusak atau terpotong (isi arsip tidak utuh).",
                "Minta unit mengirim ulang formulir; pastikan file dapat dibuka di Excel.",
            )
        has_macros = any(n.lower().endswith("vbaproject.bin") for n in names)
    return SpreadsheetInfo(has_macros=has_macros)


def _is_xls(data: bytes) -> bool:
    """An OLE file holding an Excel workbook stream (not a .doc or .ppt)."""
    try:
        import olefile

        with olefile.OleFileIO(data) as ole:
            return ole.exists("Workbook") or ole.exists("Book")
    except Exception:
        return False


def _xls_encrypted(data: bytes) -> bool:
    """A .xls saved with a password to open (BIFF FILEPASS record in the workbook stream)."""
    try:
        import olefile

        with olefile.OleFileIO(data) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            stream = ole.openstream(name).read(65536)
    except Exception:
        return False
    pos = 0
    while pos + 4 <= len(stream):
        rtype = int.from_bytes(stream[pos : pos + 2], "little")
        size = int.from_bytes(stream[pos + 2 : pos + 4], "little")
        if rtype == 0x002F:  # FILEPASS
            return True
        if rtype == 0x00FC:  # SST: past the header where FILEPASS would be
            return False
        pos += 4 + size
    return False


def check_zip(data: bytes) -> None:
    """Raise :class:`FileRejected` for a plain zip that is a bomb, encrypted or broken."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRejected(
            "File .zip rusak atau terpotong.",
            "Minta unit mengirim ulang formulirnya (boleh tanpa di-zip).",
        ) from None
    with zf:
        infos = zf.infolist()
        _check_bomb(infos, len(data))
        if any(i.flag_bits & 0x1 for i in infos):
            raise FileRejected(
                "File .zip dilindungi kata sandi.",
                "Minta unit mengirim formulirnya tanpa kata sandi (boleh tanpa di-zip).",
            )


def _check_bomb(infos: list[zipfile.ZipInfo], compressed_total: int) -> None:
    bomb = FileRejected(
        "File ditolak karena isinya mengembang berlebihan saat dibuka (dicurigai 'zip bomb').",
        "Formulir asli tidak seperti ini. Minta unit mengirim ulang formulir yang dikirimkan "
        "kepadanya, setelah diisi.",
    )
    if len(infos) > MAX_MEMBERS:
        raise bomb
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise bomb
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise bomb
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise bomb
    if total > 5 * 1024 * 1024 and total > MAX_RATIO * compressed_total:
        raise bomb


def describe_kind(data: bytes, name: str = "") -> str:
    """What a file that is not a form is, in words ('dokumen PDF', 'gambar', …)."""
    ext = Path(name).suffix.lower()
    if ext in (".doc", ".docx", ".odt", ".rtf"):
        return "dokumen pengolah kata"
    kind = _guess_kind(data)
    return f"{kind}{f', {ext}' if ext else ''}"


def _guess_kind(data: bytes) -> str:
    head = data[:16]
    if head.startswith(b"%PDF"):
        return "dokumen PDF"
    if head[:3] == b"\xff\xd8\xff" or head.startswith(b"\x89PNG"):
        return "gambar"
    if head.startswith((b"Rar!", b"7z\xbc\xaf")):
        return "arsip RAR/7z"
    try:
        data[:2048].decode("utf-8")
    except UnicodeDecodeError:
        return "jenis tidak dikenal"
    return "file teks, mis. CSV"


# -- names from outside ------------------------------------------------------------------------

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_filename(name: str | None, default: str = "lampiran") -> str:
    """A name from an e-mail or a user, made safe to show and to use inside one folder.

    Drops any directory part (``../../x`` → ``x``), control and reserved characters,
    leading dots and Windows device names; keeps the extension; at most 120 characters.
    """
    text = unicodedata.normalize("NFC", str(name or ""))
    text = text.replace("\\", "/").split("/")[-1]
    text = _UNSAFE.sub("_", text).strip().lstrip(".").strip()
    if not text or set(text) <= {"_", "."}:
        return default
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if stem.upper() in _RESERVED or text.upper() in _RESERVED:
        stem = "_" + (stem or text)
    ext = ext[:10]
    stem = stem[: 120 - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


def unique_path(folder: Path, name: str) -> Path:
    """``folder / name``, or ``name (2)``, ``name (3)``, … when that file already exists."""
    candidate = Path(folder) / safe_filename(name)
    stem, suffix = candidate.stem, candidate.suffix
    n = 2
    while candidate.exists():
        candidate = Path(folder) / f"{stem} ({n}){suffix}"
        n += 1
    return candidate
