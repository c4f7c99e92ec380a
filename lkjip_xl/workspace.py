"""Where things live next to a workbook.

All paths derive from the workbook's location, so a workbook copied to another
folder (or another OPD) carries its own workspace. Folder names are Indonesian
because staff browse them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Workspace:
    workbook: Path

    @property
    def root(self) -> Path:
        return self.workbook.resolve().parent

    @property
    def stem(self) -> str:
        return self.workbook.stem

    @property
    def journal(self) -> Path:
        """Append-only JSON-lines journal of step events, imports and letters."""
        return self.root / "jurnal" / f"{self.stem}.jsonl"

    @property
    def backups(self) -> Path:
        """Timestamped copies of the workbook taken before each write."""
        return self.root / "cadangan"

    @property
    def inbox(self) -> Path:
        """Where staff drop returned forms (.xlsx/.eml) for the ribbon's import button."""
        return self.root / "kotak_masuk"

    @property
    def incoming_archive(self) -> Path:
        """Byte-for-byte copies of every incoming file, named by SHA-256."""
        return self.root / "arsip_masuk"

    @property
    def outputs(self) -> Path:
        """Generated forms, e-mails, reports and letters."""
        return self.root / "keluaran"

    @property
    def cache(self) -> Path:
        """What a report can reuse instead of redoing: chart images by a digest of their data
        (``grafik``), the Word template prepared for filling (``templat``). Safe to delete."""
        return self.root / "tembolok"

    def archive(self, tahun: int) -> Path:
        """Final archive of a year's LKjIP (SOP step 8)."""
        return self.root / "arsip" / str(tahun)

    def owner_file(self) -> Path:
        """Excel's lock file while the workbook is open (``~$`` + name)."""
        return self.root / (
            "~$" + self.workbook.name[2:]
            if len(self.workbook.name) > 2
            else "~$" + self.workbook.name
        )

    def is_open_in_excel(self) -> bool:
        # Excel names the owner file "~$" + the name minus its first two characters for long
        # names; some versions keep the whole name. Check both.
        candidates = {self.root / ("~$" + self.workbook.name), self.owner_file()}
        return any(p.exists() for p in candidates)
