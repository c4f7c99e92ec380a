"""Regenerate ``constraints.txt``: the exact versions the tests were run with.

    python scripts/update_constraints.py

Creates a new virtualenv in a temporary folder, installs this project with its ``test`` extra
from PyPI (newest versions allowed by ``pyproject.toml``), and writes what pip resolved to
``constraints.txt``. Run the test suite with the new file before committing it (``.ci/run``
does: it installs with ``-c constraints.txt``).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Tested versions of every package lkjip_xl installs (with the test extra).
# Regenerate: python scripts/update_constraints.py (then run .ci/run).
# Used by: README install commands, .ci/run (pip install -c constraints.txt ...).
# Generated {date} with Python {py}.
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="lkjip-constraints-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        py = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        subprocess.run([py, "-m", "pip", "install", "-q", "-U", "pip"], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", f"{ROOT}[test]"], check=True)
        frozen = subprocess.run(
            [py, "-m", "pip", "freeze", "--exclude", "lkjip_xl", "--exclude", "lkjip-xl"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    lines = sorted(
        (line for line in frozen.splitlines() if line and not line.startswith("#")),
        key=str.lower,
    )
    # Pins that lost their Windows wheels on the newest Python get a second, marked pin:
    # check them with scripts/check_windows_wheels.py and add the newer pin by hand as
    # `numpy==X; python_version >= "3.15"` (the old line gets `; python_version < "3.15"`).
    header = HEADER.format(date=dt.date.today().isoformat(), py=sys.version.split()[0])
    (ROOT / "constraints.txt").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"constraints.txt: {len(lines)} packages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
