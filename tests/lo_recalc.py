"""LibreOffice headless recalculation for tests (each run with its own profile folder)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")


def recalc(path: Path, work: Path) -> Path:
    """Let LibreOffice compute every formula; returns the converted .xlsx (cached values)."""
    assert SOFFICE is not None
    profile = work / "lo-profile"
    out = work / "lo-out"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=False,
        capture_output=True,
        timeout=240,
    )
    result = out / (path.stem + ".xlsx")
    assert result.exists(), "LibreOffice produced no file"
    return result


def recalc_many(paths: list[Path], work: Path) -> dict[Path, Path]:
    """Recalculate several workbooks in one LibreOffice run (one start-up for all).

    The files must have distinct names; returns each path's converted .xlsx.
    """
    assert SOFFICE is not None
    names = [p.stem for p in paths]
    assert len(set(names)) == len(names), "distinct file names needed"
    profile = work / "lo-profile"
    out = work / "lo-out"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *(str(p) for p in paths),
        ],
        check=False,
        capture_output=True,
        timeout=900,
    )
    result = {p: out / (p.stem + ".xlsx") for p in paths}
    missing = [p.name for p, r in result.items() if not r.exists()]
    assert not missing, f"LibreOffice produced no file for {missing}"
    return result
