"""Run the Office-open proxy (``../shared/tools/ooxml/validate.py``) on Office files and gate CI.

    python scripts/check_office.py FILE_OR_FOLDER...

Folders are searched for .xlsm/.xlsx/.docx/.docm. Prints the validator's summary line for
each file, then every finding that fails the gate: any ERROR or SCHEMA finding, and any WARN
not waived in ``.ci/ooxml_waivers.toml`` (each waiver names the files, the part, a piece of
the message and the reason). Exit status 0 when the gate passes, 1 otherwise.
"""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WAIVERS = ROOT / ".ci" / "ooxml_waivers.toml"
SUFFIXES = {".xlsm", ".xlsx", ".docx", ".docm"}
FAILING = {"ERROR", "SCHEMA"}


def validator() -> Path:
    env = os.environ.get("LKJIP_OOXML_VALIDATE")
    path = Path(env) if env else ROOT.parent / "shared" / "tools" / "ooxml" / "validate.py"
    if not path.is_file():
        raise SystemExit(f"validate.py not found at {path} (set LKJIP_OOXML_VALIDATE)")
    return path


def office_files(args: list[str]) -> list[Path]:
    files: list[Path] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            files += sorted(
                f
                for f in p.rglob("*")
                if f.suffix.lower() in SUFFIXES and not f.name.startswith("~$")
            )
        elif p.is_file():
            files.append(p)
        else:
            raise SystemExit(f"no such file or folder: {p}")
    return files


def load_waivers() -> list[dict[str, str]]:
    if not WAIVERS.is_file():
        return []
    waivers = tomllib.loads(WAIVERS.read_text(encoding="utf-8")).get("waiver", [])
    for w in waivers:
        missing = {"files", "part", "contains", "reason"} - set(w)
        if missing:
            raise SystemExit(f"{WAIVERS}: waiver {w} lacks {sorted(missing)}")
    return waivers


def waived(file: Path, finding: dict[str, Any], waivers: list[dict[str, str]]) -> bool:
    name = file.as_posix()
    return any(
        (fnmatch.fnmatch(name, w["files"]) or fnmatch.fnmatch(file.name, w["files"]))
        and fnmatch.fnmatch(finding.get("part", ""), w["part"])
        and w["contains"] in finding.get("msg", "")
        for w in waivers
    )


def main(argv: list[str]) -> int:
    files = office_files(argv)
    if not files:
        print("check_office: no Office files given")
        return 1
    waivers = load_waivers()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "findings.json"
        proc = subprocess.run(
            [
                sys.executable,
                str(validator()),
                "--no-soffice",
                "--vba-src",
                str(ROOT / "lkjip_xl" / "vba"),
                "--json",
                str(report),
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if not report.is_file():
            print(proc.stdout, proc.stderr, sep="\n")
            return 1
        results = json.loads(report.read_text(encoding="utf-8"))
    current = ""
    for line in proc.stdout.splitlines():
        if line.startswith("=== "):
            current = line[4:]
        elif line.lstrip().startswith("-- ") and "checks passed" in line:
            print(f"{current}: {line.strip()}")
    failures: list[str] = []
    for result in results:
        file = Path(result["file"])
        for finding in result.get("findings", []):
            sev = finding.get("sev", "")
            if sev in FAILING or (sev == "WARN" and not waived(file, finding, waivers)):
                failures.append(f"{file}: [{sev}] {finding.get('part', '')}: {finding['msg']}")
    if failures:
        print(f"\nOffice-open proxy: {len(failures)} finding(s) fail the gate:")
        print("\n".join(f"  {f}" for f in failures))
        return 1
    print(f"Office-open proxy: {len(files)} file(s), no ERROR, every WARN waived with a reason.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
