"""A cold click of a light button loads neither pandas nor matplotlib.

Each click runs in a fresh Python process, as from Excel: the launcher
(:mod:`lkjip_xl.excel.klik`) imports xlwings without its optional heavy packages for the
buttons in ``controls.LIGHT``, then the action runs on the COM test double
(``tests/fake_excel.py``). After each click the process reports which of pandas,
matplotlib and numpy are in ``sys.modules`` and the message box text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip_xl.excel import klik
from lkjip_xl.workbook import controls as C

TESTS = Path(__file__).resolve().parent
TEKS = {
    "letter_void": "050/1/425.503/2026; salah tujuan",
    "step_undo": "salah tekan",
    "step_koreksi": "1 mulai; 05/01/2026 07.45; salah ketik jam",
}

_SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from lkjip_xl.excel import klik
ids = sys.argv[3].split(",")
teks = json.loads(sys.argv[4])
light = all(klik.is_light(i) for i in ids)
xw = klik.load_xlwings(light)
import fake_excel
# On Windows `import xlwings` loads its Windows engine itself; here the test double does,
# under the same guard.
if light:
    with klik.light_imports():
        fake_excel.load_xlwindows()
else:
    fake_excel.load_xlwindows()
book = fake_excel.xw_book(fake_excel.load_book(sys.argv[2]))
from lkjip_xl.excel.ribbon import run_control
out = []
for cid in ids:
    fake_excel.MESSAGES.clear()
    result = run_control(book, cid, teks.get(cid, ""))
    out.append({
        "id": cid,
        "ok": result is not None,
        "pesan": [m[0] for m in fake_excel.MESSAGES],
        "heavy": sorted(m for m in ("pandas", "matplotlib", "numpy") if m in sys.modules),
    })
print("RESULT" + json.dumps(out))
"""


def _clicks(path: Path, ids: list[str]) -> list[dict]:
    run = subprocess.run(
        [
            sys.executable,
            "-B",
            "-c",
            _SCRIPT,
            str(TESTS),
            str(path),
            ",".join(ids),
            json.dumps(TEKS),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "LKJIP_SEKARANG": "2026-01-12T08:15:00+07:00"},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    line = next(x for x in run.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line[len("RESULT") :])


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lkjip_xl.demo.run import _prepare_workbook
    from lkjip_xl.domain.profile import default_profile

    return _prepare_workbook(tmp_path_factory.mktemp("demo"), default_profile())


LIGHT_ORDER = [
    "s1_mulai",
    "s1_selesai",
    "s2_mulai",
    "step_status",
    "step_koreksi",
    "step_undo",
    "forms_status",
    "periksa",
    "narasi_ambil",
    "letter",
    "letter_void",
    "bantuan",
    "periksa_instalasi",
]


def test_the_light_list_is_what_this_test_clicks() -> None:
    assert set(LIGHT_ORDER) <= C.LIGHT
    handlers = {C.BY_ID[i].handler for i in C.LIGHT}
    assert handlers == {C.BY_ID[i].handler for i in LIGHT_ORDER}


def test_light_clicks_load_neither_pandas_nor_matplotlib(demo_book: Path) -> None:
    results = _clicks(demo_book, LIGHT_ORDER)
    for r in results:
        assert r["pesan"], r
        assert not any("tak terduga" in p for p in r["pesan"]), r
        assert "pandas" not in r["heavy"] and "matplotlib" not in r["heavy"], r
    by_id = {r["id"]: r for r in results}
    # the clicks did their work on the live book, not a no-op
    assert by_id["s1_mulai"]["ok"] and by_id["s1_mulai"]["pesan"][0].startswith("Langkah 1 ")
    assert by_id["forms_status"]["ok"] and by_id["step_koreksi"]["ok"]
    # Periksa Isian checked the whole book, the one model (IKM from the SKM sheet) included
    assert by_id["periksa"]["pesan"][0].startswith("Isian yang ada sudah sah"), by_id["periksa"]


def test_periksa_reads_text_answers_with_pandas_imported_then(
    demo_book: Path, tmp_path: Path
) -> None:
    """A light click is only light as far as xlwings goes: an SKM answer typed as a label
    needs the full intake, which imports pandas when it is met, and periksa still works."""
    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.gateway import open_workbook

    path = tmp_path / demo_book.name
    path.write_bytes(demo_book.read_bytes())
    skm = S.skm_table("2017")
    with open_workbook(path, write=True) as gw:
        rows = gw.read_rows(skm)
        rows[0]["u1"] = "Sangat puas"
        gw.write_rows(skm, rows)
    (r,) = _clicks(path, ["periksa"])
    assert "pandas" in r["heavy"], r
    assert not any("tak terduga" in p for p in r["pesan"]), r
    assert any("Sangat puas" in p for p in r["pesan"]), r


def test_a_computing_click_still_gets_the_full_imports(demo_book: Path) -> None:
    (r,) = _clicks(demo_book, ["hitung"])
    assert r["ok"], r
    assert "pandas" in r["heavy"]


def test_the_guard_refuses_only_while_xlwings_loads() -> None:
    code = (
        "import sys; from lkjip_xl.excel import klik\n"
        "with klik.light_imports():\n"
        "    try:\n        import pandas\n    except ImportError:\n        print('refused')\n"
        "import json; print('json' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["refused", "True", "False"]
    assert klik.is_light("s1_mulai") and not klik.is_light("hitung")
    assert not klik.is_light("tidak_ada")
