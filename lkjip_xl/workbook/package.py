"""Zip-package steps that openpyxl cannot do: the ribbon (customUI) part.

openpyxl keeps ``customUI/customUI14.xml`` in a macro-enabled file but drops
its root relationship whenever it saves, so every save of the workbook ends
with :func:`finalize_package`. It is idempotent (a package that already has
the current ribbon is not touched) and fast (one pass over the zip).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from lkjip_xl.workbook.ribbon_xml import PART_NAME, REL_TYPE, ribbon_xml

RELS_PART = "_rels/.rels"
CONTENT_TYPES = "[Content_Types].xml"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RIBBON_REL_ID = "rIdLKjIPRibbon"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _serialize(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode("utf-8")


def _rels_with_ribbon(data: bytes) -> bytes:
    """``_rels/.rels`` with exactly one ribbon relationship (unchanged bytes if already so)."""
    root = ET.fromstring(data)
    tag = f"{{{RELS_NS}}}Relationship"
    rels = root.findall(tag)
    ribbon = [r for r in rels if r.get("Type") == REL_TYPE]
    ids = [r.get("Id") for r in rels]
    if (
        len(ribbon) == 1
        and ribbon[0].get("Target", "").lstrip("/") == PART_NAME
        and len(ids) == len(set(ids))
    ):
        return data
    for r in ribbon:
        root.remove(r)
    taken = {r.get("Id") for r in root.findall(tag)}
    rid = RIBBON_REL_ID
    n = 1
    while rid in taken:
        n += 1
        rid = f"{RIBBON_REL_ID}{n}"
    ET.SubElement(root, tag, {"Id": rid, "Type": REL_TYPE, "Target": PART_NAME})
    return _serialize(root, RELS_NS)


def _content_types_with_ribbon(data: bytes) -> bytes:
    """``[Content_Types].xml`` covering the ribbon part (an ``xml`` default or an override)."""
    root = ET.fromstring(data)
    for d in root.findall(f"{{{CT_NS}}}Default"):
        if (d.get("Extension") or "").lower() == "xml":
            return data
    for o in root.findall(f"{{{CT_NS}}}Override"):
        if o.get("PartName") == "/" + PART_NAME:
            return data
    ET.SubElement(
        root,
        f"{{{CT_NS}}}Override",
        {"PartName": "/" + PART_NAME, "ContentType": "application/xml"},
    )
    return _serialize(root, CT_NS)


def ribbon_problems(path: Path) -> list[str]:
    """What is missing or wrong with the ribbon in a saved package (empty = fine)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if PART_NAME not in names:
            problems.append(f"part {PART_NAME} missing")
        elif z.read(PART_NAME) != ribbon_xml().encode("utf-8"):
            problems.append(f"part {PART_NAME} differs from the current ribbon")
        root = ET.fromstring(z.read(RELS_PART))
        rels = root.findall(f"{{{RELS_NS}}}Relationship")
        ids = [r.get("Id") for r in rels]
        if len(ids) != len(set(ids)):
            problems.append("duplicate relationship ids in _rels/.rels")
        ribbon = [r for r in rels if r.get("Type") == REL_TYPE]
        if len(ribbon) != 1:
            problems.append(f"{len(ribbon)} ribbon relationships in _rels/.rels (want 1)")
    return problems


def finalize_package(path: Path) -> None:
    """Add (or refresh) the LKjIP ribbon part and its root relationship in a saved workbook."""
    path = Path(path)
    xml = ribbon_xml().encode("utf-8")
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        rels = z.read(RELS_PART)
        types = z.read(CONTENT_TYPES)
        current = z.read(PART_NAME) if PART_NAME in names else None
        new_rels = _rels_with_ribbon(rels)
        new_types = _content_types_with_ribbon(types)
        if current == xml and new_rels == rels and new_types == types:
            return
        replaced = {RELS_PART: new_rels, CONTENT_TYPES: new_types, PART_NAME: xml}
        fd, tmp_name = tempfile.mkstemp(prefix=".~lkjip-pkg-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
                for info in infos:
                    if info.filename in replaced:
                        zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                        zi.compress_type = zipfile.ZIP_DEFLATED
                        out.writestr(zi, replaced.pop(info.filename))
                    else:
                        out.writestr(info, z.read(info.filename))
                for name, data in replaced.items():
                    zi = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(zi, data)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    os.chmod(tmp, path.stat().st_mode & 0o7777)
    os.replace(tmp, path)
