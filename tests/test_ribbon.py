"""The LKjIP ribbon: customUI14 XML, its VBA callback, and a Python handler for every button."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from lkjip_xl.workbook import controls as C
from lkjip_xl.workbook.build import VBA_DIR, vba_sources
from lkjip_xl.workbook.ribbon_xml import NAMESPACE, ribbon_xml

NS = {"c": NAMESPACE}
GROUP_LABELS = [
    "1 Perintah",
    "2 Format & Kirim",
    "3 Pengumpulan",
    "4 Analisis & Draft",
    "5–7 Koreksi & Pengesahan",
    "8 Pengiriman & Arsip",
    "Pemantauan Triwulan",
    "Bantuan",
]
# Attributes customUI14 allows on the elements used here (subset of the schema).
ALLOWED = {
    "customUI": {"onLoad", "loadImage"},
    "ribbon": {"startFromScratch"},
    "tabs": set(),
    "tab": {"id", "label", "keytip", "insertAfterMso", "insertBeforeMso", "visible"},
    "group": {"id", "label", "keytip", "imageMso", "visible"},
    "button": {
        "id",
        "label",
        "imageMso",
        "size",
        "screentip",
        "supertip",
        "tag",
        "onAction",
        "keytip",
        "enabled",
        "visible",
        "showLabel",
        "showImage",
    },
}
PARENT = {"ribbon": "customUI", "tabs": "ribbon", "tab": "tabs", "group": "tab", "button": "group"}


def _local(tag: str) -> str:
    return tag.split("}", 1)[1]


@pytest.fixture(scope="module")
def root() -> ET.Element:
    return ET.fromstring(ribbon_xml().encode("utf-8"))


def test_xml_is_customui14_with_one_lkjip_tab_in_sop_order(root: ET.Element) -> None:
    assert root.tag == f"{{{NAMESPACE}}}customUI"
    tabs = root.findall("c:ribbon/c:tabs/c:tab", NS)
    assert [t.get("label") for t in tabs] == ["LKjIP"]
    groups = tabs[0].findall("c:group", NS)
    assert [g.get("label") for g in groups] == GROUP_LABELS


def test_xml_structure_follows_the_customui_schema(root: ET.Element) -> None:
    ids: list[str] = []
    parents = {c: p for p in root.iter() for c in p}
    for el in root.iter():
        name = _local(el.tag)
        assert el.tag.startswith(f"{{{NAMESPACE}}}"), el.tag
        assert name in ALLOWED, name
        assert set(el.attrib) <= ALLOWED[name], (name, set(el.attrib) - ALLOWED[name])
        if name in PARENT:
            assert _local(parents[el].tag) == PARENT[name]
        if "id" in el.attrib:
            ids.append(el.get("id", ""))
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", el.get("id", ""))
        for attr in ("label", "screentip", "supertip", "tag"):
            assert len(el.get(attr, "")) <= 1024
        if name == "button":
            assert el.get("size") in ("large", "normal")
    assert len(ids) == len(set(ids)), "control ids are unique"


def test_every_button_has_icon_tips_and_the_dispatcher(root: ET.Element) -> None:
    buttons = root.findall(".//c:button", NS)
    assert [b.get("id") for b in buttons] == [c.id for c in C.CONTROLS]
    for b in buttons:
        assert b.get("onAction") == C.VBA_CALLBACK
        assert b.get("imageMso"), b.get("id")
        assert b.get("label") and b.get("screentip") and b.get("supertip"), b.get("id")
        assert re.search(r"SOP|langkah", b.get("supertip", ""), re.IGNORECASE), b.get("id")


def test_step_buttons_start_and_finish_each_sop_step() -> None:
    for no in range(1, 9):
        start, finish = C.control(f"s{no}_mulai"), C.control(f"s{no}_selesai")
        assert start.handler == "lkjip_xl.actions.steps:start_step"
        assert finish.handler == "lkjip_xl.actions.steps:finish_step"
        assert start.kwargs == finish.kwargs == {"no": no}
        assert f"langkah {no}" in start.supertip.lower()


def test_every_onaction_has_its_vba_sub(root: ET.Element) -> None:
    source = "\n".join(vba_sources().values())
    subs = set(re.findall(r"Public Sub (\w+)\(control As IRibbonControl\)", source))
    callbacks = {b.get("onAction") for b in root.findall(".//c:button", NS)}
    assert callbacks <= subs


def test_vba_dispatcher_calls_the_launcher_and_explains_a_missing_python() -> None:
    src = (VBA_DIR / "LKjIP_Ribbon.bas").read_text(encoding="ascii")
    assert "        RunPython perintah" in src and "xlwings.xlam" not in src
    assert "LKjIP_Jalankan python, perintah" in src and "lkjip_xl.excel.klik" in src
    assert "k.klik(" in src and "--from_xl=1" in src and "--hwnd=" in src
    assert "LKjIP_PythonDitemukan" in src and "py -m lkjip_xl setup-excel" in src
    assert "MsgBox" in src and "PASANG.cmd" in src
    assert "control.Tag" in src and '"konfirmasi"' in src and '"isian"' in src


def test_status_bar_and_cursor_are_set_and_reset_around_every_python_call() -> None:
    src = (VBA_DIR / "LKjIP_Ribbon.bas").read_text(encoding="ascii")
    body = src.split("Public Sub LKjIP_RunPython", 1)[1].split("End Sub", 1)[0]
    calls = [
        i
        for i, line in enumerate(body.splitlines())
        if "RunPython perintah" in line or "LKjIP_Jalankan python" in line
    ]
    lines = body.splitlines()
    assert len(calls) == 2
    set_bar = next(i for i, x in enumerate(lines) if 'Application.StatusBar = "LKjIP: ' in x)
    set_cursor = next(i for i, x in enumerate(lines) if "Application.Cursor = xlWait" in x)
    on_error = next(i for i, x in enumerate(lines) if "On Error GoTo Gagal" in x)
    assert set_bar < min(calls) and set_cursor < min(calls) and on_error < min(calls)
    assert "sedang berjalan" in lines[set_bar]
    # reset after the call and on the error path (label Gagal)
    after = "\n".join(lines[max(calls) :])
    normal, error = after.split("Gagal:", 1)
    for part in (normal, error):
        assert "Application.StatusBar = False" in part and "Application.Cursor = xlDefault" in part
    assert "Exit Sub" in normal
    # every Python start in the module is inside LKjIP_RunPython (the launcher's Run too)
    assert src.count("RunPython perintah") == 1 and src.count(".Run(baris") == 1
    assert "LKjIP_Jalankan python" not in src.split("Public Sub LKjIP_RunPython", 1)[0]


def test_vba_status_bar_names_each_button() -> None:
    src = C.vba_label_module()
    assert src.isascii()
    for c in C.CONTROLS:
        assert f'Case "{c.id}"' in src and c.label.replace('"', '""') in src


def test_tags_ask_for_confirmation_text_or_time() -> None:
    for c in C.CONTROLS:
        if c.tag:
            kind, text = c.tag.split("|", 1)
            assert kind in ("konfirmasi", "isian", "waktu") and text
        if c.isian or c.waktu:
            assert c.text_kwarg, c.id
    assert C.control("forms_kirim").konfirmasi
    assert C.control("step_undo").text_kwarg == "teks"
    # Mulai/Selesai ask for the time; empty = now (the VBA passes it on, only Cancel stops).
    for no in range(1, 9):
        for kind in ("mulai", "selesai"):
            c = C.control(f"s{no}_{kind}")
            assert c.tag.startswith("waktu|Mulai" if kind == "mulai" else "waktu|Selesai")
            assert "kosong = sekarang" in c.tag and c.text_kwarg == "waktu"
    src = (VBA_DIR / "LKjIP_Ribbon.bas").read_text(encoding="ascii")
    assert 'Case "waktu"' in src and "StrPtr(teks) = 0" in src


def test_every_control_has_a_python_handler_and_its_arguments_fit() -> None:
    missing = []
    for c in C.CONTROLS:
        try:
            func = getattr(importlib.import_module(c.module), c.function)
        except (ImportError, AttributeError) as exc:
            missing.append(f"{c.id}: {c.handler} ({exc})")
            continue
        kwargs = dict(c.kwargs)
        if c.text_kwarg:
            kwargs[c.text_kwarg] = "alasan uji"
        inspect.signature(func).bind(object(), **kwargs)
    assert not missing, missing


def test_every_handler_is_reachable_from_the_ribbon(root: ET.Element) -> None:
    xml_ids = {b.get("id") for b in root.findall(".//c:button", NS)}
    assert xml_ids == set(C.BY_ID)


def test_ribbon_module_imports_light() -> None:
    code = "import sys, lkjip_xl.excel.ribbon; print(','.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(out.strip().split(","))
    heavy = {"pandas", "numpy", "openpyxl", "docx", "docxtpl", "matplotlib", "xlwings", "pydantic"}
    assert not heavy & loaded, heavy & loaded


def test_vba_sources_are_ascii_with_a_module_name() -> None:
    for path in sorted(Path(VBA_DIR).glob("*.bas")):
        text = path.read_bytes()
        text.decode("ascii")
        assert text.startswith(f'Attribute VB_Name = "{path.stem}"'.encode())
