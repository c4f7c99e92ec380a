"""Word → PDF with Microsoft Word (Windows, through pywin32, installed with xlwings) or
LibreOffice (any OS; on Windows when Word is absent or fails).

Word is driven directly over COM (``Documents.Open`` read-only, tables of contents and
fields updated, ``ExportAsFixedFormat``); docx2pdf would add a dependency for the same three
calls.

LibreOffice runs headless with a profile of its own per conversion
(``-env:UserInstallation``): concurrent runs sharing one profile silently lose output.
Success is judged by the PDF existing, not by the exit code.

When a Python with LibreOffice's ``uno`` module is found (LibreOffice's bundled Python on
Windows, ``python3-uno`` on Linux), the document is opened through UNO, its tables of
contents and fields are refreshed (so the Daftar Isi shows page numbers) and then exported;
otherwise plain ``soffice --convert-to pdf`` is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from lkjip_xl.errors import LkjipError

__all__ = ["PdfUnavailable", "find_soffice", "pdf_available", "to_pdf"]

TIMEOUT_S = 180


class PdfUnavailable(LkjipError):
    """Neither LibreOffice nor Word (docx2pdf) is available on this computer."""


NO_CONVERTER = (
    "PDF tidak dibuat: Microsoft Word maupun LibreOffice tidak ditemukan di "
    "komputer ini. Dokumen Word tetap dibuat; buka di Word lalu pilih File > Simpan Sebagai > "
    "PDF, atau pasang LibreOffice (https://www.libreoffice.org) lalu ulangi dengan --pdf."
)


def find_soffice() -> Path | None:
    """The LibreOffice executable, or None."""
    env = os.environ.get("LKJIP_SOFFICE")
    if env and Path(env).exists():
        return Path(env)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = [
        Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
        Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
        Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ]
    return next((c for c in candidates if c.exists()), None)


WD_EXPORT_PDF = 17
"""``wdExportFormatPDF``."""


def _word_dispatch() -> object | None:  # pragma: no cover - Windows only
    """A new, hidden Word instance, or None when Word (or pywin32) is not there."""
    if sys.platform != "win32":
        return None
    try:
        import win32com.client  # type: ignore[import-not-found]

        return win32com.client.DispatchEx("Word.Application")
    except Exception:
        return None


def _word_available() -> bool:
    if sys.platform != "win32":
        return False
    import importlib.util

    return importlib.util.find_spec("win32com") is not None and _word_registered()


def _word_registered() -> bool:  # pragma: no cover - Windows only
    try:
        import winreg

        winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CLSID").Close()
        return True
    except OSError:
        return False


def word_to_pdf(docx: Path, pdf: Path, dispatch: object = None) -> bool:
    """Convert with Microsoft Word over COM; True when the PDF exists afterwards.

    ``dispatch`` makes the Word application (a stand-in in tests); Word is always quit.
    """
    word = (dispatch or _word_dispatch)()
    if word is None:
        return False
    doc = None
    try:
        word.Visible = False
        word.DisplayAlerts = 0
        doc = word.Documents.Open(
            str(Path(docx).resolve()),
            ConfirmConversions=False,
            ReadOnly=True,
            AddToRecentFiles=False,
        )
        for toc in doc.TablesOfContents:
            toc.Update()
        doc.Fields.Update()
        doc.ExportAsFixedFormat(OutputFileName=str(Path(pdf).resolve()), ExportFormat=WD_EXPORT_PDF)
    except Exception:
        return False
    finally:
        if doc is not None:
            with _quiet():
                doc.Close(False)
        with _quiet():
            word.Quit()
    return Path(pdf).exists() and Path(pdf).stat().st_size > 0


def _quiet() -> object:
    import contextlib

    return contextlib.suppress(Exception)


def pdf_available() -> bool:
    return find_soffice() is not None or _word_available()


def _uno_python(soffice: Path) -> str | None:
    """A Python interpreter that can ``import uno`` for this LibreOffice, or None."""
    program = soffice.resolve().parent
    candidates = [
        program / "python.exe",  # Windows: LibreOffice's bundled Python
        program / "python",  # macOS bundle
    ]
    if sys.platform != "win32":
        candidates += [Path("/usr/bin/python3")]
    for c in candidates:
        if not c.exists():
            continue
        try:
            probe = subprocess.run(
                [str(c), "-c", "import uno"],
                capture_output=True,
                timeout=20,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return str(c)
    return None


_UNO_SCRIPT = r"""
import json, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

soffice, profile, pipe, src, dst, mode = sys.argv[1:7]

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

proc = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo",
                         "--nodefault", "-env:UserInstallation=" + profile,
                         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(600):
        try:
            ctx = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if proc.poll() is not None:
                sys.exit(3)
            time.sleep(0.1)
    if ctx is None:
        sys.exit(4)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                       (prop("Hidden", True),))
    try:
        doc.getTextFields().refresh()
        indexes = doc.getDocumentIndexes()
        for _ in range(2):  # twice: the first update may move pages
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
        if mode == "pdf":
            doc.storeToURL(uno.systemPathToFileUrl(dst),
                           (prop("FilterName", "writer_pdf_Export"),))
        else:  # "indexes": the text of every updated index, one line per entry, as JSON
            lines = []
            for i in range(indexes.getCount()):
                text = indexes.getByIndex(i).getAnchor().getString()
                lines += text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            with open(dst, "w", encoding="utf-8") as fh:
                json.dump(lines, fh)
    finally:
        doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        proc.wait(timeout=30)
    except Exception:
        proc.kill()
"""


def run_uno(python: str, soffice: Path, src: Path, dst: Path, profile: Path, mode: str) -> bool:
    """Open ``src`` in LibreOffice through UNO, refresh its fields and indexes, then write
    ``dst``: the PDF (``mode="pdf"``) or the indexes' lines as JSON (``mode="indexes"``).

    True when ``dst`` was written; False when LibreOffice could not be driven.
    """
    with tempfile.TemporaryDirectory(prefix="lkjip-uno-") as tmp:
        script = Path(tmp) / "uno_lkjip.py"
        script.write_text(_UNO_SCRIPT, encoding="utf-8")
        pipe = "lkjip" + uuid.uuid4().hex[:12]
        try:
            subprocess.run(
                [
                    python,
                    str(script),
                    str(soffice),
                    profile.as_uri(),
                    pipe,
                    str(src.resolve()),
                    str(dst.resolve()),
                    mode,
                ],
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return False
    return dst.exists() and dst.stat().st_size > 0


def _via_convert(soffice: Path, docx: Path, outdir: Path, profile: Path) -> Path:
    try:
        subprocess.run(
            [
                str(soffice),
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LkjipError(
            f"LibreOffice tidak selesai mengubah {docx.name} ke PDF dalam {TIMEOUT_S} detik. "
            "Tutup LibreOffice yang mungkin masih terbuka lalu ulangi."
        ) from None
    return outdir / (docx.stem + ".pdf")


def to_pdf(docx: Path, out: Path | None = None, *, refresh_fields: bool = True) -> Path:
    """Convert ``docx`` to PDF (default: beside it, same name). Raises :class:`PdfUnavailable`."""
    docx = Path(docx)
    pdf = Path(out) if out is not None else docx.with_suffix(".pdf")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if pdf.exists():
        pdf.unlink()
    if _word_available() and word_to_pdf(docx, pdf):  # pragma: no cover - Windows with Word
        return pdf
    soffice = find_soffice()
    if soffice is not None:
        with tempfile.TemporaryDirectory(prefix="lkjip-lo-") as tmp:
            profile = Path(tmp) / "profil"
            python = _uno_python(soffice) if refresh_fields else None
            if python is not None and run_uno(python, soffice, docx, pdf, profile, "pdf"):
                return pdf
            outdir = Path(tmp) / "keluaran"
            outdir.mkdir()
            made = _via_convert(soffice, docx, outdir, Path(tmp) / "profil2")
            if made.exists() and made.stat().st_size > 0:
                shutil.move(str(made), pdf)
                return pdf
        raise LkjipError(
            f"LibreOffice gagal mengubah {docx.name} ke PDF. Buka dokumen di Word atau "
            "LibreOffice lalu simpan sebagai PDF secara manual."
        )
    if _word_available():  # pragma: no cover - Windows with Word only
        raise LkjipError(
            f"Word gagal mengubah {docx.name} ke PDF. Buka dokumen di Word lalu pilih File > "
            "Simpan Sebagai > PDF."
        )
    raise PdfUnavailable(NO_CONVERTER)
