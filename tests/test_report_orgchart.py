"""The organisation chart of Bab I (drawn from sheet Pengaturan) and the report's caches.

* :func:`lkjip_xl.report.orgchart.structure` builds the boxes from any profile (nothing fixed
  to Wonoasih); the drawn chart is the image under "1. Struktur Organisasi" in Bab I, with its
  caption, and follows the names typed in the workbook.
* Charts are kept in the workspace's ``tembolok/grafik`` by a digest of their data: a second
  report with the same data draws nothing (drawing calls are counted) and does not import
  matplotlib; changed data gives a new image; a damaged cache file is drawn again.
* The template's preparation (docxtpl's XML cleaning, jinja's compilation) is kept in
  ``tembolok/templat`` and gives the same document.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from test_report_docx import fill_workbook

from lkjip_xl.actions import report as actions
from lkjip_xl.domain.profile import Official, Profile, Unit, default_profile
from lkjip_xl.report import charts, orgchart, timeline
from lkjip_xl.report.chartcache import ChartCache
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

CAMAT = "Drs. Bambang Sutrisno, M.Si."
LURAH = "Siti Rahmawati, S.STP."
PNG = b"\x89PNG\r\n\x1a\n"


def _other_profile() -> Profile:
    """A kecamatan that is not Wonoasih, with a Subbagian unit and a bidang."""
    base = default_profile(2025)
    return base.model_copy(
        update={
            "opd": "Kecamatan Sukamaju",
            "pejabat": [
                Official(peran="camat", jabatan="Camat Sukamaju", nama="Ir. Hadi"),
                Official(peran="sekcam", jabatan="Sekretaris Camat Sukamaju", nama="Rina"),
                Official(
                    peran="kasubbag",
                    jabatan="Kepala Subbagian Umum dan Kepegawaian",
                    nama="Dodi",
                ),
                Official(peran="kasi_lurah", jabatan="Lurah Mekar", nama="Asep"),
                Official(peran="staf", jabatan="Staf", nama="Tono"),
            ],
            "unit": [
                Unit(kode="KEC", nama="Kecamatan Sukamaju", jenis="kecamatan"),
                Unit(
                    kode="UMUM",
                    nama="Subbagian Umum dan Kepegawaian",
                    jenis="subbagian",
                    pimpinan="Kasubbag Umum dan Kepegawaian",
                ),
                Unit(
                    kode="KEU",
                    nama="Subbagian Keuangan",
                    jenis="subbagian",
                    pimpinan="Kasubbag Keuangan",
                    nama_pimpinan="Wati",
                ),
                Unit(kode="PEM", nama="Seksi Tata Pemerintahan", jenis="seksi", pimpinan="Kasi"),
                Unit(kode="EKO", nama="Bidang Ekonomi", jenis="bidang"),
                Unit(
                    kode="MEKAR", nama="Kelurahan Mekar", jenis="kelurahan", pimpinan="Lurah Mekar"
                ),
                Unit(
                    kode="JAYA",
                    nama="Kelurahan Jaya",
                    jenis="kelurahan",
                    pimpinan="Lurah Jaya",
                    nama_pimpinan="Ujang",
                ),
            ],
        }
    )


# -- the structure (pure) ----------------------------------------------------------------------


def test_structure_follows_any_profile() -> None:
    chart = orgchart.structure(_other_profile())
    assert chart.pimpinan == orgchart.Box("Camat Sukamaju", "Ir. Hadi")
    assert chart.sekretariat == orgchart.Box("Sekretaris Camat Sukamaju", "Rina")
    # the Kasubbag official heads the subbagian whose name is in its title
    assert chart.subbagian == [
        orgchart.Box("Kasubbag Umum dan Kepegawaian", "Dodi"),
        orgchart.Box("Kasubbag Keuangan", "Wati"),
    ]
    # a unit without a Pimpinan title shows its name; staff are not boxes
    assert chart.seksi == [orgchart.Box("Kasi", ""), orgchart.Box("Bidang Ekonomi", "")]
    # a Lurah's name from the Pejabat table when the unit has none
    assert chart.kelurahan == [
        orgchart.Box("Lurah Mekar", "Asep"),
        orgchart.Box("Lurah Jaya", "Ujang"),
    ]
    assert "Wonoasih" not in json.dumps(chart.spec())


def test_kasubbag_without_a_subbagian_unit_is_its_own_box() -> None:
    chart = orgchart.structure(default_profile(2025))
    assert chart.subbagian == [
        orgchart.Box("Kepala Subbagian Program dan Keuangan", "(Nama Kasubbag)")
    ]
    assert [b.jabatan for b in chart.kelurahan][:2] == ["Lurah Wonoasih", "Lurah Jrebeng Kidul"]
    assert len(chart.seksi) == 5


def test_chart_without_sekcam_or_seksi_still_draws() -> None:
    p = _other_profile()
    p = p.model_copy(
        update={
            "pejabat": [o for o in p.pejabat if o.peran == "camat"],
            "unit": [u for u in p.unit if u.jenis == "kelurahan"],
        }
    )
    chart = orgchart.structure(p)
    assert chart.sekretariat is None and chart.subbagian == [] and chart.seksi == []
    png = orgchart.draw(chart)
    assert png.startswith(PNG)


def test_more_units_than_a_row_go_on_further_rows() -> None:
    p = default_profile(2025)
    extra = [
        Unit(kode=f"K{i}", nama=f"Kelurahan Baru {i}", jenis="kelurahan", pimpinan=f"Lurah {i}")
        for i in range(9)
    ]
    few = orgchart.draw(orgchart.structure(p))
    many = orgchart.draw(orgchart.structure(p.model_copy(update={"unit": [*p.unit, *extra]})))
    import io

    from PIL import Image

    h_few = Image.open(io.BytesIO(few)).height
    h_many = Image.open(io.BytesIO(many)).height
    assert h_many > h_few  # 15 kelurahan: three rows instead of one


# -- in the report -----------------------------------------------------------------------------


def _set_names(path: Path, camat: str, lurah: str) -> None:
    with open_workbook(path, write=True) as gw:
        pejabat = gw.read_rows(S.PEJABAT)
        for row in pejabat:
            if row["peran"] == "Camat":
                row["nama"] = camat
        gw.write_rows(S.PEJABAT, pejabat)
        units = gw.read_rows(S.UNIT)
        for row in units:
            if row["kode"] == "KEL_PAKISTAJI":
                row["nama_pimpinan"] = lurah
        gw.write_rows(S.UNIT, units)


def _make(path: Path) -> Path:
    with open_workbook(path, write=True) as gw:
        result = actions.make_report(gw, tanggal=dt.date(2026, 1, 20))
    return result.files[0]


def _images_in_order(path: Path) -> list[bytes]:
    """The inline images of the body, in document order."""
    doc = Document(str(path))
    out = []
    for blip in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    ):
        rid = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
        out.append(doc.part.related_parts[rid].blob)
    return out


def _bab1_figure(path: Path) -> tuple[bytes, str]:
    """The image between the Bab I and Bab II headings and the caption right after it."""
    doc = Document(str(path))
    paras = doc.paragraphs
    headings = [(i, p.text) for i, p in enumerate(paras) if p.style.name.startswith("Heading")]
    start = next(i for i, t in headings if t == "BAB I PENDAHULUAN")
    end = next(i for i, t in headings if t.startswith("BAB II "))
    struktur = next(i for i, t in headings if start < i < end and t == "1. Struktur Organisasi")
    for i in range(struktur, end):
        blips = paras[i]._p.xpath(".//a:blip")
        if blips:
            rid = blips[0].get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
            )
            return doc.part.related_parts[rid].blob, paras[i + 1].text
    raise AssertionError("no image in Bab I")


class _Counter:
    """Counts the calls of the drawing functions (and lets them draw)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, int] = {}
        self.charts: list[orgchart.OrgChart] = []
        for mod, name in ((charts, "_figure"), (orgchart, "draw"), (timeline, "_render")):
            self._wrap(monkeypatch, mod, name)

    def _wrap(self, monkeypatch: pytest.MonkeyPatch, mod: Any, name: str) -> None:
        real = getattr(mod, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            if name == "draw":
                self.charts.append(args[0])
            return real(*args, **kwargs)

        monkeypatch.setattr(mod, name, counted)

    def total(self) -> int:
        return sum(self.calls.values())


def test_org_chart_from_the_workbook_is_the_figure_of_bab_i(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_workbook(workbook_path)
    _set_names(workbook_path, CAMAT, LURAH)
    counter = _Counter(monkeypatch)
    path = _make(workbook_path)
    image, caption = _bab1_figure(path)
    assert caption == "Gambar 1 Bagan Struktur Organisasi Kecamatan Wonoasih"
    # the chart drawn holds the names typed in sheet Pengaturan ...
    (chart,) = counter.charts
    assert chart.pimpinan.nama == CAMAT
    assert orgchart.Box("Lurah Pakistaji", LURAH) in chart.kelurahan
    # ... and that drawing is the image in Bab I
    assert image == orgchart.draw(chart)
    doc = Document(str(path))
    listed = [p.text for p in doc.paragraphs if p.style.name == "table of figures"]
    assert any("Bagan Struktur Organisasi Kecamatan Wonoasih" in t for t in listed)


def test_second_report_with_the_same_data_draws_nothing(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_workbook(workbook_path)
    counter = _Counter(monkeypatch)
    first = _make(workbook_path)
    drawn = dict(counter.calls)
    # org chart, capaian, IKM per unsur, IKM trend (charts._figure: 4, the org chart uses it
    # too), SOP timeline
    assert drawn == {"draw": 1, "_figure": 4, "_render": 1}
    cached = sorted(p.name for p in (workbook_path.parent / "tembolok" / "grafik").iterdir())
    assert len(cached) == 5
    second = _make(workbook_path)
    assert counter.calls == drawn  # not one drawing call more
    assert _images_in_order(second) == _images_in_order(first)


def test_changed_names_give_a_new_org_chart_and_only_it_is_redrawn(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_workbook(workbook_path)
    first = _make(workbook_path)
    before, _ = _bab1_figure(first)
    others = _images_in_order(first)[1:]
    _set_names(workbook_path, CAMAT, LURAH)
    counter = _Counter(monkeypatch)
    second = _make(workbook_path)
    after, _ = _bab1_figure(second)
    assert after != before
    assert counter.calls == {"draw": 1, "_figure": 1}
    assert counter.charts[0].pimpinan.nama == CAMAT
    assert _images_in_order(second)[1:] == others
    # and changed figures redraw the capaian chart
    with open_workbook(workbook_path, write=True) as gw:
        rows = gw.read_rows(S.KIRIMAN_T)
        for row in rows:
            if row["kode"] == "IKU-03":
                row["realisasi"] = 80.0
        gw.write_rows(S.KIRIMAN_T, rows)
    third = _make(workbook_path)
    assert counter.calls == {"draw": 1, "_figure": 2}
    assert _images_in_order(third)[1] != _images_in_order(second)[1]


def test_a_damaged_cache_file_is_drawn_again(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_workbook(workbook_path)
    first = _make(workbook_path)
    for f in (workbook_path.parent / "tembolok" / "grafik").iterdir():
        f.write_bytes(b"")  # e.g. a copy interrupted by a full disk
    counter = _Counter(monkeypatch)
    second = _make(workbook_path)
    assert counter.total() == 6
    assert _images_in_order(second) == _images_in_order(first)
    assert all(img.startswith(PNG) for img in _images_in_order(second))


def test_chart_cache_without_a_folder_always_draws(tmp_path: Path) -> None:
    cache = ChartCache(None)
    calls: list[int] = []

    def draw() -> bytes:
        calls.append(1)
        return PNG + b"x"

    cache.png("k", {"a": 1}, draw)
    cache.png("k", {"a": 1}, draw)
    assert len(calls) == 2 and cache.drawn == 2
    kept = ChartCache(tmp_path / "c", keep=2)
    for i in range(4):
        kept.png("k", {"a": i}, draw)
    assert kept.png("k", {"a": 3}, draw) == PNG + b"x"
    assert kept.reused == 1 and len(calls) == 6
    assert len(list((tmp_path / "c").iterdir())) == 2  # only the newest are kept


def test_template_preparation_is_reused_and_gives_the_same_document(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2
    from docxtpl import DocxTemplate

    fill_workbook(workbook_path)
    first = _make(workbook_path)
    calls = {"patch": 0, "compile": 0}
    real_patch, real_compile = DocxTemplate.patch_xml, jinja2.Environment.compile

    def patch(self: Any, xml: str) -> Any:
        calls["patch"] += 1
        return real_patch(self, xml)

    def compile_(self: Any, *a: Any, **k: Any) -> Any:
        calls["compile"] += 1
        return real_compile(self, *a, **k)

    monkeypatch.setattr(DocxTemplate, "patch_xml", patch)
    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    second = _make(workbook_path)
    assert calls == {"patch": 0, "compile": 0}
    a, b = Document(str(first)), Document(str(second))
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
    assert len(a.tables) == len(b.tables)


def test_no_matplotlib_when_every_chart_is_cached(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    _make(workbook_path)
    code = (
        "import sys, datetime as dt; from pathlib import Path\n"
        "from lkjip_xl.actions.report import make_report\n"
        "from lkjip_xl.workbook.gateway import open_workbook\n"
        "with open_workbook(Path(sys.argv[1]), write=True) as gw:\n"
        "    make_report(gw, tanggal=dt.date(2026, 1, 20))\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(workbook_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
        timeout=300,
    )
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_one_workbook_load_and_one_profile_read_per_report(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from lkjip_xl.workbook import profile_io

    fill_workbook(workbook_path)
    calls = {"load": 0, "profile": 0}
    real_load, real_profile = openpyxl.load_workbook, profile_io.profile_from_tables

    def load(*a: Any, **k: Any) -> Any:
        calls["load"] += 1
        return real_load(*a, **k)

    def profile(*a: Any, **k: Any) -> Any:
        calls["profile"] += 1
        return real_profile(*a, **k)

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    monkeypatch.setattr(profile_io, "profile_from_tables", profile)
    for _ in range(2):  # the second also looks at the first version for Word edits
        calls.update(load=0, profile=0)
        _make(workbook_path)
        assert calls == {"load": 1, "profile": 1}


def test_a_damaged_template_cache_file_is_prepared_again(workbook_path: Path) -> None:
    fill_workbook(workbook_path)
    first = _make(workbook_path)
    for f in (workbook_path.parent / "tembolok" / "templat").iterdir():
        data = f.read_bytes()
        f.write_bytes(data[: len(data) // 2])  # half a file, as after a full disk
    second = _make(workbook_path)
    a, b = Document(str(first)), Document(str(second))
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
