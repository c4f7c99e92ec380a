"""The customUI14 XML of the LKjIP ribbon tab, generated from :mod:`lkjip_xl.workbook.controls`.

Every button's ``onAction`` is the one VBA dispatcher ``LKjIP_OnAction``; the
control id tells Python what to run. The text is built deterministically
(fixed attribute order, no timestamps) so a rebuilt workbook has the same part.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from lkjip_xl.workbook import controls as C

NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
PART_NAME = "customUI/customUI14.xml"
REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"

MAX_TEXT = 1024
"""customUI limits label, screentip, supertip and tag to 1024 characters."""


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f"{k}={quoteattr(v)}" for k, v in pairs if v != "")


def ribbon_xml() -> str:
    """The customUI14 document (UTF-8 text with an XML declaration)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<customUI xmlns="{NAMESPACE}">',
        "  <ribbon>",
        "    <tabs>",
        f"      <tab {_attrs([('id', C.TAB_ID), ('label', C.TAB_LABEL), ('keytip', 'L')])}>",
    ]
    for group in C.GROUPS:
        lines.append(f"        <group {_attrs([('id', group.id), ('label', group.label)])}>")
        for ctl in C.controls_in(group.id):
            attrs = _attrs(
                [
                    ("id", ctl.id),
                    ("label", ctl.label),
                    ("imageMso", ctl.image_mso),
                    ("size", ctl.size),
                    ("screentip", ctl.screentip),
                    ("supertip", ctl.supertip),
                    ("tag", ctl.tag),
                    ("onAction", C.VBA_CALLBACK),
                ]
            )
            lines.append(f"          <button {attrs}/>")
        lines.append("        </group>")
    lines += ["      </tab>", "    </tabs>", "  </ribbon>", "</customUI>", ""]
    return "\n".join(lines)
