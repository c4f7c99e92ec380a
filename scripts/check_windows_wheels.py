"""Prove the install resolves on Windows for every Python the README names (issue 19).

    python scripts/check_windows_wheels.py [3.11 3.12 ...]

For each version, ``pip install --dry-run --no-deps --only-binary=:all: --platform
win_amd64 --python-version X --target <tmp> <every pin of constraints.txt>``: every pinned
package (environment markers evaluated for that version) must have a win_amd64 or
pure-Python wheel, so pip never tries to compile on an office PC. Packages in
:data:`PURE_SDISTS` ship only a pure-Python source package that builds without a compiler
(pip refuses ``--no-binary`` beside ``--platform``, so they are left out of the check).
Nothing is installed (``--dry-run``: pip reads wheel metadata only). Exit 1 and
the pip message when a version fails. Run by ``.ci/run``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ("3.11", "3.12", "3.13", "3.14", "3.15")
"""Kept in step with the README ("Python 3.11 sampai 3.15")."""
PURE_SDISTS = ("docopt",)
"""Source-only packages with no compiled code (docopt: needed by num2words)."""


def pins(version: str) -> list[str]:
    """Every requirement of constraints.txt that applies to Windows Python ``version`` (pip
    evaluates markers for the running Python, not ``--python-version``), without the pure
    source packages and without markers."""
    from packaging.requirements import Requirement

    env = {
        "python_version": version,
        "python_full_version": f"{version}.0",
        "sys_platform": "win32",
        "platform_system": "Windows",
        "os_name": "nt",
        "platform_machine": "AMD64",
    }
    out = []
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name = line.split("==", 1)[0].split(";", 1)[0].strip().lower().replace("_", "-")
        req = Requirement(line)
        if name not in PURE_SDISTS and (req.marker is None or req.marker.evaluate(env)):
            req.marker = None
            out.append(str(req))
    return out


def command(version: str, target: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--quiet",
        "--ignore-installed",
        "--no-cache-dir",
        "--no-deps",
        "--ignore-requires-python",  # pip checks it against the running Python here
        "--only-binary=:all:",
        "--platform",
        "win_amd64",
        "--python-version",
        version,
        "--implementation",
        "cp",
        "--target",
        target,
        *pins(version),
    ]


def main(argv: list[str]) -> int:
    failed = []
    for version in argv or PYTHONS:
        with tempfile.TemporaryDirectory(prefix="lkjip-wheels-") as tmp:
            run = subprocess.run(command(version, tmp), capture_output=True, text=True)
        if run.returncode != 0:
            failed.append(version)
            print(f"Python {version} win_amd64: GAGAL\n{run.stderr.strip()[-2000:]}")
        else:
            print(f"Python {version} win_amd64: semua paket ada sebagai wheel (atau sdist murni).")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
