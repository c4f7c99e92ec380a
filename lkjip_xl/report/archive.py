"""The final archive of a year's LKjIP (SOP step 8): files, hashes and a manifest.

``arsip/<tahun>/`` receives the final report (docx and pdf), the cover letter, a
snapshot of the workbook and a copy of the journal, plus ``manifest.json`` (machine-readable) and
``MANIFEST.txt`` (for people): every file with its SHA-256, size, time and the letter
number. An earlier manifest is kept under a timestamped name, never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from lkjip_xl import clock
from lkjip_xl.files import sha256_file
from lkjip_xl.report import fmt

__all__ = ["ArchivedFile", "Manifest", "place", "write_manifest"]


class ArchivedFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    jenis: str
    sha256: str
    ukuran: int
    waktu: dt.datetime
    asal: str = ""
    nomor_surat: str = ""


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opd: str
    tahun: int
    dibuat: dt.datetime
    nomor_surat: str
    jumlah_salinan: int
    tujuan: str
    files: list[ArchivedFile]


def place(src: Path, folder: Path, *, jenis: str, nomor_surat: str = "") -> ArchivedFile:
    """Copy ``src`` into ``folder`` (a different file of the same name gets a suffix)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = sha256_file(src)
    dest = folder / src.name
    k = 2
    while dest.exists() and sha256_file(dest) != digest:
        dest = folder / f"{src.stem}_{k}{src.suffix}"
        k += 1
    if not dest.exists():
        shutil.copy2(src, dest)
    return ArchivedFile(
        file=dest.name,
        jenis=jenis,
        sha256=digest,
        ukuran=dest.stat().st_size,
        waktu=clock.local_naive(),
        asal=str(src),
        nomor_surat=nomor_surat,
    )


def _readable(m: Manifest) -> str:
    lines = [
        f"ARSIP LKjIP {m.opd.upper()} TAHUN {m.tahun}",
        "",
        f"Dibuat            : {fmt.tanggal(m.dibuat)} pukul {m.dibuat:%H.%M}",
        f"Nomor surat       : {m.nomor_surat or '-'}",
        f"Tujuan            : {m.tujuan}",
        f"Salinan digandakan: {fmt.dengan_kata(m.jumlah_salinan, 'eksemplar')}",
        "",
        "Berkas (SHA-256 untuk memeriksa keutuhan):",
    ]
    for i, f in enumerate(m.files, start=1):
        lines += [
            f"{i}. {f.file}",
            f"   jenis  : {f.jenis}",
            f"   ukuran : {fmt.angka(f.ukuran, 0)} bita",
            f"   SHA-256: {f.sha256}",
        ]
    lines += [
        "",
        "Periksa keutuhan berkas di Windows: certutil -hashfile NAMA_BERKAS SHA256",
        "atau di Linux/macOS: sha256sum NAMA_BERKAS",
    ]
    return "\n".join(lines) + "\n"


def write_manifest(folder: Path, manifest: Manifest) -> list[Path]:
    """Write ``manifest.json`` and ``MANIFEST.txt``; an older pair is renamed, not lost."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path, text_path = folder / "manifest.json", folder / "MANIFEST.txt"
    if json_path.exists():
        stamp = dt.datetime.fromtimestamp(json_path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
        json_path.rename(folder / f"manifest_{stamp}.json")
        if text_path.exists():
            text_path.rename(folder / f"MANIFEST_{stamp}.txt")
    data: dict[str, Any] = json.loads(manifest.model_dump_json())
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text_path.write_text(_readable(manifest), encoding="utf-8")
    return [json_path, text_path]
