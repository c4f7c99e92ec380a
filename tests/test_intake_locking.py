"""One writer at a time, and a journal that never stops the office (issue 13, 1 and 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_forms_support import export, fill, kiriman, seed

from lkjip_xl.journal import Journal
from lkjip_xl.lock import lock_path, workbook_lock
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

NOW = "2026-01-06T09:00:00+07:00"
TRIALS = 5


def _start(*args: str, wait: str = "120") -> subprocess.Popen[str]:
    env = {**os.environ, "LKJIP_SEKARANG": NOW, "COLUMNS": "200", "LKJIP_TUNGGU_KUNCI": wait}
    return subprocess.Popen(
        [sys.executable, "-m", "lkjip_xl", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out + err


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    return seed(workbook_path)


def test_two_imports_at_once_lose_no_rows(wb: Path, tmp_path: Path) -> None:
    blank = export(wb)
    pu = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    pak = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    pristine = wb.read_bytes()
    for _trial in range(TRIALS):
        wb.write_bytes(pristine)
        Workspace(wb).journal.unlink(missing_ok=True)
        a = _start("forms", "import", "-w", str(wb), str(pu), "--json")
        b = _start("forms", "import", "-w", str(wb), str(pak), "--json")
        for proc in (a, b):
            code, text = _finish(proc)
            assert code == 0, text
        got = {(r["unit"], r["kode"]) for r in kiriman(wb)}
        assert got == {
            ("Seksi Pelayanan Umum", "IKU-01"),
            ("Seksi Pelayanan Umum", "IKU-03"),
            ("Kelurahan Pakistaji", "KEL-03"),
        }
        with open_workbook(wb) as gw:
            logged = [r["aksi"] for r in gw.read_rows(S.LOG_T)]
        assert logged.count("Impor formulir") == 2


def test_import_while_emailing_keeps_every_kiriman_row(wb: Path, tmp_path: Path) -> None:
    blank = export(wb)
    forms = [
        fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"}),
        fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"}),
        fill(blank["KEL_WONOASIH"], tmp_path / "won.xlsx", {"KEL-01": "88"}),
    ]
    pristine = wb.read_bytes()
    for _trial in range(3):
        wb.write_bytes(pristine)
        Workspace(wb).journal.unlink(missing_ok=True)
        a = _start("forms", "import", "-w", str(wb), *map(str, forms), "--json")
        b = _start("forms", "email", "-w", str(wb), "--out", str(tmp_path / "surel"), "--json")
        for proc in (a, b):
            code, text = _finish(proc)
            assert code == 0, text
        assert len(kiriman(wb)) == 4
        with open_workbook(wb) as gw:
            logged = [r["aksi"] for r in gw.read_rows(S.LOG_T)]
        assert "Impor formulir" in logged and "E-mail formulir" in logged


def test_a_second_writer_waits_then_names_the_holder(wb: Path, tmp_path: Path) -> None:
    before = wb.read_bytes()
    with workbook_lock(wb, command="lkjip forms import (uji)"):
        holder = json.loads(lock_path(wb).read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid()
        code, text = _finish(_start("step", "start", "1", "-w", str(wb), wait="0.3"))
    assert code == 2
    assert "sedang diubah oleh" in text
    assert f"proses {os.getpid()}" in text
    assert "lkjip forms import (uji)" in text
    assert "Tunggu sampai pekerjaan itu selesai" in text
    assert wb.read_bytes() == before
    # Released: the same command now goes through.
    code, text = _finish(_start("step", "start", "1", "-w", str(wb), wait="0.3"))
    assert code == 0, text


def test_the_lock_is_reentrant_in_one_process(wb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LKJIP_TUNGGU_KUNCI", "0")  # a self-deadlock would raise at once
    with open_workbook(wb, write=True) as outer:
        with open_workbook(wb, write=True) as inner:
            inner.log("uji", "dalam")
        outer.log("uji", "luar")
    with open_workbook(wb) as gw:
        assert "luar" in [r["rincian"] for r in gw.read_rows(S.LOG_T)]
    with workbook_lock(wb, timeout=0):  # released at the end of the outer block
        pass


def test_a_dead_holder_does_not_lock_the_office_out(wb: Path) -> None:
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from lkjip_xl.lock import workbook_lock\n"
        "with workbook_lock(Path(sys.argv[1])):\n"
        "    os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(wb)], check=False)
    with workbook_lock(wb, timeout=1):
        pass


# -- the journal -----------------------------------------------------------------------------


def test_a_cut_last_journal_line_is_set_aside_and_reported(wb: Path, tmp_path: Path) -> None:
    blank = export(wb)
    journal = Workspace(wb).journal
    good = journal.read_text(encoding="utf-8")
    journal.write_text(good + '{"jenis": "impor_formulir", "sha2', encoding="utf-8")
    pak = fill(blank["KEL_PAKISTAJI"], tmp_path / "pak.xlsx", {"KEL-03": "91"})
    code, text = _finish(_start("forms", "import", "-w", str(wb), str(pak)))
    assert code == 0, text
    assert "disisihkan" in text
    assert [r["kode"] for r in kiriman(wb)] == ["KEL-03"]
    sides = list(journal.parent.glob(f"{journal.name}.rusak-*.txt"))
    assert len(sides) == 1
    assert '{"jenis": "impor_formulir", "sha2' in sides[0].read_text(encoding="utf-8")
    events = Journal(journal).events()
    assert [e["jenis"] for e in events].count("jurnal_disisihkan") == 1
    assert all(line.strip() for line in journal.read_text(encoding="utf-8").splitlines())
    # Status works too (it reads the repaired journal).
    code, text = _finish(_start("forms", "status", "-w", str(wb)))
    assert code == 0, text


def test_the_journal_is_backed_up_with_the_workbook(wb: Path) -> None:
    export(wb)  # writes journal events and the workbook
    with open_workbook(wb, write=True) as gw:
        gw.log("uji", "cadangan")
    ws = Workspace(wb)
    copies = sorted(ws.backups.glob("*.jsonl"))
    assert copies
    assert copies[-1].read_text(encoding="utf-8") == ws.journal.read_text(encoding="utf-8")
