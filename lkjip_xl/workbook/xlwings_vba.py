"""xlwings' own VBA, embedded in the workbook at build time (xlwings' *standalone* mode).

``xlwings quickstart --standalone`` and ``xlwings release`` put two things from the
installed xlwings package into a workbook: the module ``xlwings.bas`` (``RunPython``,
``GetConfig``, ``XLPy`` …) and the class ``addin/Dictionary.cls``. With them in the
workbook's own VBA project, buttons and UDFs need no add-in, no VBA reference and no
*Trust access to the VBA project object model*. This module reads both from the
installed package and pre-generates the ``xlwings_udfs`` wrapper module for
:mod:`lkjip_xl.excel.udfs` with xlwings' own generator (``xlwings.udfs.generate_vba_wrapper``,
what *Import Functions* runs inside Excel), so nobody has to click *Import Functions*.

The UDF wrappers call ``XLPy`` (in the embedded module), which loads
``xlwings64-<version>.dll`` from the Python installation: the embedded module's version
must match the installed xlwings package (``lkjip setup-excel`` checks it).
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

XLWINGS_MODULE = "xlwings"
DICTIONARY_CLASS = "Dictionary"
UDF_MODULE = "xlwings_udfs"
UDF_PYTHON_MODULE = "lkjip_xl.excel.udfs"
"""The Python module the UDF wrappers call (also the ``UDF MODULES`` key of xlwings.conf)."""

_VERSION_RE = re.compile(r'XLWINGS_VERSION\s+As\s+String\s*=\s*"([^"]+)"')


@dataclass(frozen=True)
class VbaModule:
    name: str
    source: str
    """Source with CRLF line endings."""
    is_class: bool = False


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def xlwings_dir() -> Path:
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:  # pragma: no cover - xlwings is a dependency
        raise RuntimeError("xlwings is not installed")
    return Path(spec.origin).parent


def installed_version() -> str:
    from importlib.metadata import version

    return version("xlwings")


def embedded_version(source: str) -> str | None:
    """The ``XLWINGS_VERSION`` constant of an xlwings VBA module (None if absent)."""
    m = _VERSION_RE.search(source)
    return m.group(1) if m else None


def standalone_modules() -> list[VbaModule]:
    """xlwings' standalone VBA (module and Dictionary class) from the installed package."""
    folder = xlwings_dir()
    module = (folder / "xlwings.bas").read_text(encoding="utf-8")
    dictionary = (folder / "addin" / "Dictionary.cls").read_text(encoding="utf-8")
    return [
        VbaModule(XLWINGS_MODULE, _crlf(module)),
        VbaModule(DICTIONARY_CLASS, _crlf(dictionary), is_class=True),
    ]


# --------------------------------------------------------------------------------------------
# the UDF wrapper module


@contextmanager
def _windows_udf_runtime() -> Iterator[types.ModuleType]:
    """``xlwings.udfs`` (xlwings' Windows UDF runtime), importable on any platform.

    On Windows it is imported as is. Elsewhere pywin32 is missing; the generator does not
    use it, so empty placeholder modules stand in while ``xlwings.udfs`` is imported, and
    everything is taken out of ``sys.modules`` again afterwards.
    """
    try:
        import pythoncom  # noqa: F401
        import pywintypes  # noqa: F401
        import win32com.client  # noqa: F401

        yield importlib.import_module("xlwings.udfs")
        return
    except ImportError:
        pass

    def placeholder(name: str) -> types.ModuleType:
        module = types.ModuleType(name)
        module.__getattr__ = lambda attr: (  # type: ignore[method-assign]
            (lambda *a, **k: None) if not attr.startswith("__") else None
        )
        return module

    names = ("pythoncom", "pywintypes", "win32com", "win32com.client")
    saved = {n: sys.modules.get(n) for n in (*names, "xlwings.udfs")}
    for n in names:
        sys.modules[n] = placeholder(n)
    sys.modules["win32com"].client = sys.modules["win32com.client"]  # type: ignore[attr-defined]
    try:
        sys.modules.pop("xlwings.udfs", None)
        yield importlib.import_module("xlwings.udfs")
    finally:
        for n, module in saved.items():
            if module is None:
                sys.modules.pop(n, None)
            else:
                sys.modules[n] = module
        import xlwings

        if "xlwings.udfs" not in saved or saved["xlwings.udfs"] is None:
            xlwings.__dict__.pop("udfs", None)


def _udf_module_with_metadata(runtime: types.ModuleType) -> types.ModuleType:
    """A fresh copy of :mod:`lkjip_xl.excel.udfs` decorated with xlwings' Windows decorators.

    Outside Windows ``xw.func`` is a no-op, so the functions would carry no ``__xlfunc__``;
    the copy is executed with ``xw.func``/``xw.arg``/``xw.ret`` set to the Windows ones.
    """
    import xlwings as xw

    spec = importlib.util.find_spec(UDF_PYTHON_MODULE)
    assert spec is not None and spec.origin is not None
    copy_spec = importlib.util.spec_from_file_location("_lkjip_udfs_for_vba", spec.origin)
    assert copy_spec is not None and copy_spec.loader is not None
    module = importlib.util.module_from_spec(copy_spec)
    saved = {k: getattr(xw, k, None) for k in ("func", "arg", "ret")}
    xw.func, xw.arg, xw.ret = runtime.xlfunc, runtime.xlarg, runtime.xlret  # type: ignore[attr-defined]
    try:
        copy_spec.loader.exec_module(module)
    finally:
        for k, v in saved.items():
            setattr(xw, k, v)
    return module


class _WorkbookName:
    """What the generator asks of the workbook: its name (not an add-in: ThisWorkbook)."""

    def __init__(self, name: str) -> None:
        self.Name = name


def udf_wrapper_module(workbook_name: str = "LKjIP.xlsm") -> VbaModule:
    """The ``xlwings_udfs`` module *Import Functions* would write, generated without Excel."""
    buf = io.StringIO()
    buf.write(f'Attribute VB_Name = "{UDF_MODULE}"\n')
    buf.write("'Autogenerated code by xlwings - changes will be lost with next import!\n")
    buf.write("'Generated by 'lkjip build-workbook' for the module " + UDF_PYTHON_MODULE + ".\n")
    buf.write('#Const App = "Microsoft Excel" \'Adjust when using outside of Excel\n')
    with _windows_udf_runtime() as runtime:
        module = _udf_module_with_metadata(runtime)
        runtime.generate_vba_wrapper(UDF_PYTHON_MODULE, module, buf, _WorkbookName(workbook_name))
    return VbaModule(UDF_MODULE, _crlf(buf.getvalue()))


def udf_names() -> list[str]:
    """Names of the worksheet functions in :mod:`lkjip_xl.excel.udfs` (``LKJIP_…``)."""
    module = importlib.import_module(UDF_PYTHON_MODULE)
    return sorted(n for n in dir(module) if n.startswith("LKJIP_"))


def all_modules(workbook_name: str = "LKjIP.xlsm") -> list[VbaModule]:
    """Everything xlwings needs in the workbook: standalone module, class, UDF wrappers."""
    return [*standalone_modules(), udf_wrapper_module(workbook_name)]


def vba_of(path: Path) -> dict[str, str]:
    """Module name → source of the VBA project of a workbook file (pyOpenVBA)."""
    from pyopenvba import ExcelFile

    with ExcelFile(path) as xf:
        return dict(xf.vba_modules())


def workbook_xlwings_version(path: Path) -> str | None:
    """The version of the xlwings module embedded in a workbook (None: none embedded)."""
    try:
        sources = vba_of(path)
    except Exception:
        return None
    source = sources.get(XLWINGS_MODULE)
    return embedded_version(source) if source else None


def describe(modules: list[VbaModule]) -> dict[str, Any]:  # pragma: no cover - debugging aid
    return {m.name: len(m.source) for m in modules}
