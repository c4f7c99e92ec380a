"""Benchmark: export and import of 50 unit forms (issue 4, target < 5 s each).

Each figure is the whole user action as the CLI runs it: open the workbook, run the
action, commit (backup + atomic save). The forms are filled in between (not timed).
Run alone with ``python benchmarks/bench_forms.py`` or with all others via ``run.py``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

N_UNITS = 50
PER_UNIT = 3
TARGET_S = 5.0


def _profile() -> Any:
    from lkjip_xl.domain.profile import Unit, default_profile

    p = default_profile()
    kec = next(u for u in p.unit if u.jenis == "kecamatan")
    units = [kec] + [
        Unit(
            kode=f"KEL_{i:02d}",
            nama=f"Kelurahan Uji {i:02d}",
            jenis="kelurahan",
            pimpinan=f"Lurah Uji {i:02d}",
            email=f"kel{i:02d}@contoh.go.id",
        )
        for i in range(1, N_UNITS + 1)
    ]
    return p.model_copy(
        update={"unit": units, "sumber_ikm": ["KEL_01"], "sumber_sakip": ["KEL_02"]}
    )


def _indicators() -> list[dict[str, Any]]:
    rows = []
    for i in range(1, N_UNITS + 1):
        for j in range(1, PER_UNIT + 1):
            rows.append(
                {
                    "kode": f"K{i:02d}-{j}",
                    "sasaran": "Meningkatnya kinerja pemerintahan kelurahan",
                    "indikator": f"Indikator {j} Kelurahan Uji {i:02d} (persentase capaian)",
                    "satuan": "%",
                    "jenis": "Lainnya",
                    "target": 90 + j,
                    "polaritas": "Naik",
                    "penanggung_jawab": f"Kelurahan Uji {i:02d}",
                }
            )
    return rows


def _fill(forms: list[Path], inbox: Path) -> None:
    import openpyxl

    inbox.mkdir(parents=True, exist_ok=True)
    for form in forms:
        wb = openpyxl.load_workbook(form)
        ws = wb["Isian"]
        head = next(
            r for r in range(1, 30) if any(c.value == "Realisasi" for c in ws[r] if c.value)
        )
        cols = {c.value: c.column for c in ws[head] if c.value}
        for r in range(head + 1, ws.max_row + 1):
            if ws.cell(r, cols["Kode"]).value:
                ws.cell(r, cols["Realisasi"]).value = "91,5"
                ws.cell(r, cols["Keterangan"]).value = "Sesuai laporan bulanan."
        wb.save(inbox / form.name)


def main() -> list[dict[str, Any]]:
    from lkjip_xl.actions.forms import export_forms, import_forms
    from lkjip_xl.workbook import schema as S
    from lkjip_xl.workbook.build import build_workbook
    from lkjip_xl.workbook.gateway import open_workbook

    tmp = Path(tempfile.mkdtemp(prefix="bench_forms_"))
    try:
        book = build_workbook(tmp / "LKjIP_Uji.xlsm", _profile())
        with open_workbook(book, write=True) as gw:
            gw.write_rows(S.FORMAT, _indicators())

        t0 = time.perf_counter()
        with open_workbook(book, write=True) as gw:
            exported = export_forms(gw)
        t_export = time.perf_counter() - t0
        forms = [p for p in exported.files if p.suffix == ".xlsx"]

        _fill(forms, tmp / "kotak_masuk")
        t0 = time.perf_counter()
        with open_workbook(book, write=True) as gw:
            imported = import_forms(gw)
        t_import = time.perf_counter() - t0
        accepted = sum(1 for f in imported.data["files"] if f["status"] == "diterima")

        t0 = time.perf_counter()
        with open_workbook(book, write=True) as gw:
            import_forms(gw)
        t_again = time.perf_counter() - t0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rows = [
        {
            "name": f"export {len(forms)} unit forms",
            "value": t_export,
            "unit": "s",
            "target": f"< {TARGET_S:g}",
            "ok": t_export < TARGET_S and len(forms) == N_UNITS,
        },
        {
            "name": f"import {len(forms)} filled forms ({accepted} accepted)",
            "value": t_import,
            "unit": "s",
            "target": f"< {TARGET_S:g}",
            "ok": t_import < TARGET_S and accepted == N_UNITS,
        },
        {
            "name": "re-import the same 50 files (no change)",
            "value": t_again,
            "unit": "s",
            "target": f"< {TARGET_S:g}",
            "ok": t_again < TARGET_S,
        },
    ]
    for r in rows:
        print(f"{r['name']}: {r['value']:.2f} {r['unit']} (target {r['target']})", file=sys.stderr)
    return rows


if __name__ == "__main__":
    results = main()
    sys.exit(0 if all(r["ok"] for r in results) else 1)
