"""Render the pictures used in the README from a fresh demo: ``python docs/make_screenshots.py``.

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``). Writes docs/img/*.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
IMG = HERE / "img"


def _pdf(src: Path, work: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{work}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = work / (src.stem + ".pdf")
    if not out.exists():
        raise SystemExit(f"LibreOffice did not convert {src}")
    return out


def _png(pdf: Path, page: int, dest: Path, dpi: int = 80) -> None:
    stem = dest.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def _page_with(pdf: Path, text: str, after: str) -> int:
    """The first page holding ``text`` once a page holding ``after`` has been seen
    (so the tables of contents, which name every heading, are skipped)."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    seen = False
    for number, page in enumerate(pages, start=1):
        if seen and text in page:
            return number
        seen = seen or after in page
    raise SystemExit(f"{text!r} not found in {pdf.name}")


def main() -> int:
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        print("Perlu LibreOffice (soffice) dan poppler-utils (pdftoppm).", file=sys.stderr)
        return 1
    IMG.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = work / "demo"
        subprocess.run(["lkjip", "demo", "--out", str(out)], check=True, capture_output=True)
        workbook = _pdf(out / "LKjIP_Wonoasih.xlsm", work)
        _png(workbook, 1, IMG / "beranda.png")
        form = next((out / "keluaran" / "formulir_2025").glob("*Pakistaji.xlsx"))
        _png(_pdf(form, work), 1, IMG / "formulir.png")
        report = _pdf(out / "keluaran" / "LKjIP_Wonoasih_2025_v3.docx", work)
        ikhtisar = _page_with(report, "IKHTISAR EKSEKUTIF", after="DAFTAR GAMBAR")
        ikm = _page_with(report, "Gambar 3 ", after="DAFTAR GAMBAR")
        bagan = _page_with(report, "Bagan Struktur Organisasi", after="DAFTAR GAMBAR")
        efisiensi = _page_with(report, "Efisiensi Anggaran per Sasaran", after="DAFTAR GAMBAR")
        lhe = _page_with(report, "Tindak Lanjut Rekomendasi LHE SAKIP", after="DAFTAR GAMBAR")
        for page, name in (
            (1, "laporan_sampul"),
            (ikhtisar, "laporan_ikhtisar"),
            (bagan, "laporan_bagan_organisasi"),
            (ikm, "laporan_ikm"),
            (efisiensi, "laporan_efisiensi"),
            (lhe, "laporan_tindak_lanjut_lhe"),
        ):
            _png(report, page, IMG / f"{name}.png", dpi=60)
        pk = next((out / "keluaran").glob("PK_*_v1.docx"))
        _png(_pdf(pk, work), 1, IMG / "pk.png", dpi=60)
        plan = next((out / "keluaran").glob("Rencana_Aksi_*_v1.docx"))
        _png(_pdf(plan, work), 1, IMG / "rencana_aksi.png", dpi=60)
        monev = next((out / "keluaran").glob("Monev_*_TW2_v1.docx"))
        _png(_pdf(monev, work), 1, IMG / "monev.png", dpi=60)
        letter = next((out / "keluaran").glob("Surat_Pengantar_*.docx"))
        _png(_pdf(letter, work), 1, IMG / "surat_pengantar.png", dpi=60)
    for p in sorted(IMG.glob("*.png")):
        print(p.relative_to(HERE.parent), f"{p.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
