"""A test double of Excel's COM object model, driven through xlwings' real Windows code path.

xlwings talks to Excel on Windows through ``xlwings/_xlwindows.py`` and pywin32. On Linux
that module cannot import, so :func:`load_xlwindows` puts small stand-ins for ``pywintypes``,
``pythoncom``, ``win32api``, ``win32com.client`` … in ``sys.modules`` while importing it.
Everything above the COM boundary (xlwings' ``main.py``, its converters, ``_xlwindows``'s
``Book``/``Sheet``/``Range`` and its COM retry wrappers) is xlwings' own code.

Below the boundary, :class:`FakeExcel` holds a workbook loaded from an ``.xlsm`` file and
behaves like Excel where it matters here:

* every COM property get or set and every method call is one **round trip**, counted in
  :attr:`FakeExcel.trips` (a cross-process call in real Excel);
* a string assigned to a cell is **parsed** as Excel parses typed input: numbers (``01`` →
  1, an 18-digit NIP → a float), percentages, dates (``1/2``, ``2026-01-05``), ``TRUE``;
  a leading apostrophe or the text number format ``@`` keeps the text;
* a protected sheet refuses writes to locked cells (``com_error``), as Excel does;
* :attr:`FakeExcel.fail_on` injects a COM failure on a chosen call.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import re
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, range_boundaries

from lkjip_xl.workbook.cells import col_letter

# --------------------------------------------------------------------------------------------
# pywin32 stand-ins (only what xlwings' Windows modules touch at import and on our paths)


class com_error(Exception):
    def __init__(self, hresult: int, msg: str, exc: Any = None, arg: Any = None) -> None:
        super().__init__(hresult, msg, exc, arg)
        self.hresult = hresult


class CDispatch:
    """Base class of every fake COM object (pywin32's dynamic dispatch class)."""


class CoClassBaseClass:
    def __init__(self, oobj: Any = None) -> None:  # pragma: no cover - never instantiated
        self._oobj = oobj


class DispatchBaseClass:
    pass


class _Anything(types.ModuleType):
    """A module whose every attribute is a harmless callable returning 0."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *a, **k: 0


MESSAGES: list[tuple[str, str, int]] = []
"""Message boxes shown through ``win32api.MessageBox`` (prompt, title, style)."""
ANSWERS: list[int] = []
"""Buttons the user clicks in the next message boxes (6 = Yes, 7 = No); OK (1) when empty."""


def _message_box(_hwnd: Any, prompt: str, title: str, style: int) -> int:
    MESSAGES.append((prompt, title, style))
    return ANSWERS.pop(0) if ANSWERS else 1  # OK


def _stub_modules() -> dict[str, types.ModuleType]:
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = com_error  # type: ignore[attr-defined]
    pywintypes.error = com_error  # type: ignore[attr-defined]
    pywintypes.TimeType = dt.datetime  # type: ignore[attr-defined]
    pywintypes.IID = lambda s: s.upper()  # type: ignore[attr-defined]

    pythoncom = _Anything("pythoncom")
    pythoncom.ole_error = com_error  # type: ignore[attr-defined]
    pythoncom.__file__ = "pythoncom.dll"

    win32api = _Anything("win32api")
    win32api.MessageBox = _message_box  # type: ignore[attr-defined]
    win32con = types.ModuleType("win32con")
    for i, name in enumerate(("MB_OK", "MB_OKCANCEL", "MB_YESNO", "MB_YESNOCANCEL")):
        setattr(win32con, name, i)
    win32con.MB_ICONINFORMATION = 64  # type: ignore[attr-defined]
    win32con.MB_ICONWARNING = 48  # type: ignore[attr-defined]

    win32process = _Anything("win32process")
    win32process.GetWindowThreadProcessId = lambda hwnd: (1, 4711)  # type: ignore[attr-defined]
    win32timezone = types.ModuleType("win32timezone")

    class TimeZoneInfo:
        @staticmethod
        def utc() -> dt.tzinfo:
            return dt.UTC

    win32timezone.TimeZoneInfo = TimeZoneInfo  # type: ignore[attr-defined]

    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.CDispatch = CDispatch  # type: ignore[attr-defined]
    client.CoClassBaseClass = CoClassBaseClass  # type: ignore[attr-defined]
    client.DispatchBaseClass = DispatchBaseClass  # type: ignore[attr-defined]
    client.Dispatch = lambda obj, *a, **k: obj  # type: ignore[attr-defined]
    client.DispatchEx = client.Dispatch  # type: ignore[attr-defined]
    client.gencache = _Anything("win32com.client.gencache")  # type: ignore[attr-defined]
    client.dynamic = _Anything("win32com.client.dynamic")  # type: ignore[attr-defined]
    win32com.client = client  # type: ignore[attr-defined]
    server = _Anything("win32com.server")
    return {
        "pywintypes": pywintypes,
        "pythoncom": pythoncom,
        "win32api": win32api,
        "win32con": win32con,
        "win32gui": _Anything("win32gui"),
        "win32process": win32process,
        "win32timezone": win32timezone,
        "win32com": win32com,
        "win32com.client": client,
        "win32com.client.gencache": client.gencache,  # type: ignore[attr-defined]
        "win32com.client.dynamic": client.dynamic,  # type: ignore[attr-defined]
        "win32com.server": server,
        "win32com.server.util": _Anything("win32com.server.util"),
        "win32com.server.policy": _Anything("win32com.server.policy"),
    }


class _FakeDll:
    def __getattr__(self, name: str) -> Any:
        return _FakeDll()

    def __call__(self, *args: Any, **kwargs: Any) -> int:
        return 0


@contextmanager
def win32_stubs() -> Iterator[dict[str, types.ModuleType]]:
    """pywin32 stand-ins in ``sys.modules`` (and ctypes' Windows loaders) while inside."""
    stubs = _stub_modules()
    saved = {name: sys.modules.get(name) for name in stubs}
    saved_ctypes = {n: getattr(ctypes, n, None) for n in ("oledll", "windll", "PyDLL")}
    sys.modules.update(stubs)
    ctypes.oledll = _FakeDll()  # type: ignore[attr-defined]
    ctypes.windll = _FakeDll()  # type: ignore[attr-defined]
    ctypes.PyDLL = lambda *a, **k: _FakeDll()  # type: ignore[assignment,misc]
    try:
        yield stubs
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        for name, value in saved_ctypes.items():
            if value is None:
                if hasattr(ctypes, name):
                    delattr(ctypes, name)
            else:
                setattr(ctypes, name, value)


def load_xlwindows() -> types.ModuleType:
    """``xlwings._xlwindows`` (xlwings' real Windows engine), importable on Linux."""
    name = "xlwings._xlwindows"
    if name in sys.modules:
        return sys.modules[name]
    with win32_stubs():
        import importlib

        module = importlib.import_module(name)
    return module


def load_xlwings_udfs() -> types.ModuleType:
    """``xlwings.udfs`` (the Windows UDF runtime: decorators, ``call_udf``)."""
    load_xlwindows()
    name = "xlwings.udfs"
    if name in sys.modules:
        return sys.modules[name]
    with win32_stubs():
        import importlib

        module = importlib.import_module(name)
    return module


# --------------------------------------------------------------------------------------------
# Excel's parsing of typed text

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
_PERCENT = re.compile(r"^[+-]?\d+(\.\d+)?%$")
_DMY = re.compile(r"^(\d{1,2})[/-](\d{1,2})([/-](\d{2,4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
TODAY_YEAR = 2026


def excel_parse(text: str) -> tuple[Any, str | None]:
    """What Excel stores when ``text`` is assigned to a General cell: (value, new format)."""
    s = text.strip()
    if not s:
        return text, None
    if _NUMBER.match(s) and any(ch.isdigit() for ch in s):
        return float(s.replace(",", "")), None
    if _PERCENT.match(s):
        return float(s[:-1]) / 100, "0%"
    if s.upper() in ("TRUE", "FALSE"):
        return s.upper() == "TRUE", None
    m = _DMY.match(s)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        year = int(m.group(4)) if m.group(4) else TODAY_YEAR
        if year < 100:
            year += 2000
        try:
            return dt.datetime(year, a, b), "m/d/yyyy"  # an en-US Excel: month first
        except ValueError:
            pass
    m = _ISO.match(s)
    if m:
        try:
            return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3))), "yyyy-mm-dd"
        except ValueError:
            pass
    m = _TIME.match(s)
    if m and int(m.group(1)) < 24:
        return (int(m.group(1)) * 60 + int(m.group(2))) / 1440, "h:mm"
    return text, None


# --------------------------------------------------------------------------------------------
# the object model


@dataclass
class Cell:
    value: Any = None
    formula: str | None = None
    number_format: str = "General"
    locked: bool = True
    prefix: bool = False


@dataclass
class SheetData:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    protected: bool = False
    tables: dict[str, str] = field(default_factory=dict)  # name -> ref "A4:K30"
    columns: dict[int, tuple[bool, str]] = field(default_factory=dict)
    """Column styles (locked, number format) that new cells of the column take."""
    right_header: str | None = None
    """PageSetup.RightHeader (the running print header)."""

    def cell(self, r: int, c: int) -> Cell:
        if (r, c) not in self.cells:
            locked, fmt = self.columns.get(c, (True, "General"))
            self.cells[(r, c)] = Cell(locked=locked, number_format=fmt)
        return self.cells[(r, c)]

    def used(self) -> tuple[int, int, int, int]:
        keys = [k for k, v in self.cells.items() if v.value is not None or v.formula is not None]
        if not keys:
            return 1, 1, 1, 1
        rows = [k[0] for k in keys]
        cols = [k[1] for k in keys]
        return min(rows), min(cols), max(rows), max(cols)

    def snapshot(self) -> dict[tuple[int, int], tuple[Any, Any, str]]:
        return {
            k: (v.value, v.formula, v.number_format)
            for k, v in self.cells.items()
            if v.value is not None or v.formula is not None
        }


class Trips:
    """Counts round trips; ``fail_on(kind, name, n)`` raises a com_error on the n-th match."""

    def __init__(self) -> None:
        self.count = 0
        self.log: list[str] = []
        self._fail: tuple[str, str, int] | None = None
        self._seen = 0

    def fail_on(self, kind: str, name: str, n: int = 1) -> None:
        self._fail = (kind, name, n)
        self._seen = 0

    def hit(self, kind: str, name: str) -> None:
        self.count += 1
        self.log.append(f"{kind} {name}")
        if self._fail and self._fail[0] == kind and self._fail[1] == name:
            self._seen += 1
            if self._seen == self._fail[2]:
                self._fail = None
                raise com_error(
                    -2147352567,
                    "Exception occurred.",
                    (0, "Microsoft Excel", "Injected failure", None, 0, -2146827284),
                    None,
                )

    def reset(self) -> None:
        self.count = 0
        self.log.clear()


def com_method(func: Callable[..., Any]) -> Callable[..., Any]:
    """A COM method: one round trip per call."""

    def wrapper(self: Com, *args: Any, **kwargs: Any) -> Any:
        object.__getattribute__(self, "_trips").hit("call", func.__name__)
        try:
            return func(self, *args, **kwargs)
        except AttributeError as exc:  # xlwings retries AttributeError forever: fail loudly
            raise RuntimeError(f"fake Excel bug: {exc}") from exc

    wrapper.__name__ = func.__name__
    wrapper._com_method = True  # type: ignore[attr-defined]
    return wrapper


def _unwrap(x: Any) -> Any:
    """The fake behind xlwings' COMRetryObjectWrapper (what pywin32 would marshal)."""
    try:
        return object.__getattribute__(x, "_inner")
    except AttributeError:
        return x


class _OleObj:
    def __init__(self, iid: str) -> None:
        self.iid = iid

    def GetIDsOfNames(self, *_a: Any) -> Any:
        raise com_error(-2147352570, "Unknown name.")

    def GetTypeInfo(self) -> Any:
        return self

    def GetTypeAttr(self) -> Any:
        return self


class Com(CDispatch):
    """Property gets/sets (capitalised names) count one trip each; methods count when called."""

    IID = "{00020400-0000-0000-C000-000000000046}"

    def __init__(self, trips: Trips) -> None:
        object.__setattr__(self, "_trips", trips)
        object.__setattr__(self, "_oleobj_", _OleObj(self.IID))

    def __getattribute__(self, name: str) -> Any:
        if name[:1].isupper():
            attr = getattr(type(self), name, None)
            if isinstance(attr, property):
                object.__getattribute__(self, "_trips").hit("get", name)
                try:
                    return object.__getattribute__(self, name)
                except AttributeError as exc:
                    raise RuntimeError(f"fake Excel bug: {exc}") from exc
            elif attr is None:
                raise AttributeError(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name[:1].isupper():
            object.__getattribute__(self, "_trips").hit("set", name)
        try:
            object.__setattr__(self, name, value)
        except AttributeError as exc:
            raise RuntimeError(f"fake Excel bug: {exc}") from exc


class FakeExcel(Com):
    """The Application."""

    def __init__(self, trips: Trips | None = None) -> None:
        super().__init__(trips or Trips())
        object.__setattr__(self, "_screen", True)
        object.__setattr__(self, "_calc", -4105)  # xlCalculationAutomatic
        object.__setattr__(self, "_events", True)
        object.__setattr__(self, "_alerts", True)
        object.__setattr__(self, "book", None)
        object.__setattr__(self, "calculated", 0)

    @property
    def trips(self) -> Trips:
        return object.__getattribute__(self, "_trips")

    @property
    def ScreenUpdating(self) -> bool:
        return self._screen

    @ScreenUpdating.setter
    def ScreenUpdating(self, v: bool) -> None:
        object.__setattr__(self, "_screen", bool(v))

    @property
    def Calculation(self) -> int:
        return self._calc

    @Calculation.setter
    def Calculation(self, v: int) -> None:
        object.__setattr__(self, "_calc", int(v))

    @property
    def EnableEvents(self) -> bool:
        return self._events

    @EnableEvents.setter
    def EnableEvents(self, v: bool) -> None:
        object.__setattr__(self, "_events", bool(v))

    @property
    def DisplayAlerts(self) -> bool:
        return self._alerts

    @DisplayAlerts.setter
    def DisplayAlerts(self, v: bool) -> None:
        object.__setattr__(self, "_alerts", bool(v))

    @property
    def StatusBar(self) -> Any:
        return getattr(self, "_status", False)

    @StatusBar.setter
    def StatusBar(self, v: Any) -> None:
        object.__setattr__(self, "_status", v)
        object.__setattr__(self, "status_history", [*getattr(self, "status_history", []), v])

    @property
    def Hwnd(self) -> int:
        return 4242

    @property
    def Version(self) -> str:
        return "16.0"

    @property
    def ActiveWorkbook(self) -> Any:
        return self.book

    @com_method
    def Calculate(self) -> None:
        object.__setattr__(self, "calculated", self.calculated + 1)


class FakeWorkbook(Com):
    def __init__(self, app: FakeExcel, path: Path, sheets: list[SheetData]) -> None:
        super().__init__(app.trips)
        object.__setattr__(self, "_app", app)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_fullname", str(path))
        object.__setattr__(self, "data", {s.name: s for s in sheets})
        object.__setattr__(self, "saved", 0)
        object.__setattr__(app, "book", self)

    def set_fullname(self, name: str) -> None:
        object.__setattr__(self, "_fullname", name)

    @property
    def Name(self) -> str:
        return self._path.name

    @property
    def FullName(self) -> str:
        return self._fullname

    @property
    def Path(self) -> str:
        return str(self._path.parent)

    @property
    def FileFormat(self) -> int:
        return 52

    @property
    def Application(self) -> FakeExcel:
        return self._app

    @property
    def Worksheets(self) -> FakeSheets:
        return FakeSheets(self)

    Sheets = Worksheets

    @com_method
    def Save(self) -> None:
        object.__setattr__(self, "saved", self.saved + 1)

    @com_method
    def Activate(self) -> None:
        pass

    def snapshot(self) -> dict[str, Any]:
        return {name: s.snapshot() for name, s in self.data.items()}


class FakeSheets(Com):
    def __init__(self, book: FakeWorkbook) -> None:
        super().__init__(book._trips)
        object.__setattr__(self, "_book", book)

    def _get(self, key: Any) -> FakeWorksheet:
        names = list(self._book.data)
        if isinstance(key, int):
            if not 1 <= key <= len(names):
                raise com_error(-2147352565, "Invalid index.")
            key = names[key - 1]
        if key not in self._book.data:
            raise com_error(-2147352565, "Invalid index.")
        return FakeWorksheet(self._book, self._book.data[key])

    def __call__(self, key: Any) -> FakeWorksheet:
        self._trips.hit("call", "Item")
        return self._get(key)

    @com_method
    def Item(self, key: Any) -> FakeWorksheet:
        return self._get(key)

    @property
    def Count(self) -> int:
        return len(self._book.data)

    def __iter__(self) -> Iterator[FakeWorksheet]:
        self._trips.hit("call", "_NewEnum")
        for name in list(self._book.data):
            self._trips.hit("call", "Next")
            yield FakeWorksheet(self._book, self._book.data[name])


class FakeWorksheet(Com):
    IID = "{000208D8-0000-0000-C000-000000000046}"

    def __init__(self, book: FakeWorkbook, data: SheetData) -> None:
        super().__init__(book._trips)
        object.__setattr__(self, "_book", book)
        object.__setattr__(self, "d", data)

    @property
    def Name(self) -> str:
        return self.d.name

    @property
    def Parent(self) -> FakeWorkbook:
        return self._book

    @property
    def Index(self) -> int:
        return list(self._book.data).index(self.d.name) + 1

    @property
    def ProtectContents(self) -> bool:
        return self.d.protected

    @com_method
    def Protect(self, *args: Any, **kwargs: Any) -> None:
        self.d.protected = True

    @com_method
    def Unprotect(self, *args: Any) -> None:
        self.d.protected = False

    @com_method
    def Cells(self, r: int, c: int) -> FakeRange:
        return FakeRange(self, r, c, r, c)

    @com_method
    def Range(self, a: Any, b: Any = None) -> FakeRange:
        a, b = _unwrap(a), _unwrap(b)
        if b is None:
            if isinstance(a, FakeRange):
                return a
            if "," in str(a):
                return FakeAreas(self, [self._one(part) for part in str(a).split(",")])
            c1, r1, c2, r2 = range_boundaries(str(a).replace("$", ""))
            return FakeRange(self, r1, c1, r2, c2)
        first = a if isinstance(a, FakeRange) else self.Range(a)
        last = b if isinstance(b, FakeRange) else self.Range(b)
        return FakeRange(
            self,
            min(first.r1, last.r1),
            min(first.c1, last.c1),
            max(first.r2, last.r2),
            max(first.c2, last.c2),
        )

    def _one(self, address: str) -> FakeRange:
        c1, r1, c2, r2 = range_boundaries(address.strip().replace("$", ""))
        return FakeRange(self, r1, c1, r2, c2)

    @property
    def UsedRange(self) -> FakeRange:
        r1, c1, r2, c2 = self.d.used()
        return FakeRange(self, r1, c1, r2, c2)

    @property
    def ListObjects(self) -> FakeListObjects:
        return FakeListObjects(self)

    @property
    def PageSetup(self) -> FakePageSetup:
        return FakePageSetup(self)


class FakePageSetup(Com):
    """Only the running header (what the gateway rewrites when the year or OPD changes)."""

    def __init__(self, sheet: FakeWorksheet) -> None:
        super().__init__(sheet._trips)
        object.__setattr__(self, "_sheet", sheet)

    @property
    def RightHeader(self) -> str:
        return self._sheet.d.right_header or ""

    @RightHeader.setter
    def RightHeader(self, value: str) -> None:
        self._sheet.d.right_header = value


class FakeAreas(Com):
    """A multi-area range (``Range("B5:B9,D5:E9")``): only its number format is used."""

    def __init__(self, sheet: FakeWorksheet, areas: list[FakeRange]) -> None:
        super().__init__(sheet._trips)
        object.__setattr__(self, "_areas", areas)
        object.__setattr__(self, "_sheet", sheet)

    @property
    def NumberFormat(self) -> Any:
        formats = {
            self._sheet.d.cell(r, c).number_format
            for area in self._areas
            for r, c in object.__getattribute__(area, "_cells")()
        }
        return formats.pop() if len(formats) == 1 else None

    @NumberFormat.setter
    def NumberFormat(self, value: str) -> None:
        for area in self._areas:
            object.__getattribute__(area, "_set_format")(value)


class FakeListObjects(Com):
    def __init__(self, sheet: FakeWorksheet) -> None:
        super().__init__(sheet._trips)
        object.__setattr__(self, "_sheet", sheet)

    def _get(self, key: Any) -> FakeListObject:
        names = list(self._sheet.d.tables)
        if isinstance(key, int):
            key = names[key - 1]
        if key not in self._sheet.d.tables:
            raise com_error(-2147352565, "Invalid index.")
        return FakeListObject(self._sheet, key)

    def __call__(self, key: Any) -> FakeListObject:
        self._trips.hit("call", "Item")
        return self._get(key)

    @com_method
    def Item(self, key: Any) -> FakeListObject:
        return self._get(key)

    @property
    def Count(self) -> int:
        return len(self._sheet.d.tables)

    def __iter__(self) -> Iterator[FakeListObject]:
        self._trips.hit("call", "_NewEnum")
        for name in list(self._sheet.d.tables):
            self._trips.hit("call", "Next")
            yield FakeListObject(self._sheet, name)


class FakeListObject(Com):
    def __init__(self, sheet: FakeWorksheet, name: str) -> None:
        super().__init__(sheet._trips)
        object.__setattr__(self, "_sheet", sheet)
        object.__setattr__(self, "_name", name)

    @property
    def Name(self) -> str:
        return self._name

    @property
    def Range(self) -> FakeRange:
        c1, r1, c2, r2 = range_boundaries(self._sheet.d.tables[self._name])
        return FakeRange(self._sheet, r1, c1, r2, c2)

    @com_method
    def Resize(self, rng: FakeRange) -> None:
        rng = _unwrap(rng)
        if self._sheet.d.protected:
            raise com_error(-2147352567, "Protected sheet.", (0, "", "", None, 0, -2146827284))
        self._sheet.d.tables[self._name] = (
            f"{col_letter(rng.c1)}{rng.r1}:{col_letter(rng.c2)}{rng.r2}"
        )


class FakeRange(Com):
    IID = "{00020846-0000-0000-C000-000000000046}"

    def __init__(self, sheet: FakeWorksheet, r1: int, c1: int, r2: int, c2: int) -> None:
        super().__init__(sheet._trips)
        object.__setattr__(self, "_sheet", sheet)
        for k, v in (("r1", r1), ("c1", c1), ("r2", r2), ("c2", c2)):
            object.__setattr__(self, k, v)

    def _cells(self) -> Iterator[tuple[int, int]]:
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                yield r, c

    @property
    def Row(self) -> int:
        return self.r1

    @property
    def Column(self) -> int:
        return self.c1

    @property
    def Count(self) -> int:
        return (self.r2 - self.r1 + 1) * (self.c2 - self.c1 + 1)

    @property
    def Rows(self) -> _Dim:
        return _Dim(self._trips, self.r2 - self.r1 + 1)

    @property
    def Columns(self) -> _Dim:
        return _Dim(self._trips, self.c2 - self.c1 + 1)

    @property
    def Worksheet(self) -> FakeWorksheet:
        return self._sheet

    @property
    def Address(self) -> str:
        return f"${col_letter(self.c1)}${self.r1}:${col_letter(self.c2)}${self.r2}"

    @com_method
    def GetAddress(self, *args: Any) -> str:
        return f"{col_letter(self.c1)}{self.r1}:{col_letter(self.c2)}{self.r2}"

    @com_method
    def Resize(self, rows: int, cols: int) -> FakeRange:
        return FakeRange(self._sheet, self.r1, self.c1, self.r1 + rows - 1, self.c1 + cols - 1)

    def __call__(self, r: int, c: int = 1) -> FakeRange:
        self._trips.hit("call", "Item")
        return FakeRange(
            self._sheet, self.r1 + r - 1, self.c1 + c - 1, self.r1 + r - 1, self.c1 + c - 1
        )

    @com_method
    def Cells(self, r: int, c: int) -> FakeRange:
        return FakeRange(
            self._sheet, self.r1 + r - 1, self.c1 + c - 1, self.r1 + r - 1, self.c1 + c - 1
        )

    @com_method
    def ClearContents(self) -> None:
        self._check_writable()
        for r, c in self._cells():
            cell = self._sheet.d.cell(r, c)
            cell.value, cell.formula, cell.prefix = None, None, False

    def _read(self, formula: bool) -> Any:
        d = self._sheet.d
        rows = []
        for r in range(self.r1, self.r2 + 1):
            row = []
            for c in range(self.c1, self.c2 + 1):
                cell = d.cells.get((r, c))
                if cell is None:
                    row.append("" if formula else None)
                elif formula:
                    row.append(cell.formula or ("" if cell.value is None else cell.value))
                else:
                    row.append(cell.value)
            rows.append(tuple(row))
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        return tuple(rows)

    @property
    def Value(self) -> Any:
        return self._read(False)

    @Value.setter
    def Value(self, data: Any) -> None:
        self._write(data)

    @property
    def Formula(self) -> Any:
        return self._read(True)

    @Formula.setter
    def Formula(self, data: Any) -> None:
        self._write(data)

    @property
    def NumberFormat(self) -> Any:
        formats = {self._sheet.d.cell(r, c).number_format for r, c in self._cells()}
        return formats.pop() if len(formats) == 1 else None

    @NumberFormat.setter
    def NumberFormat(self, value: str) -> None:
        self._set_format(value)

    def _set_format(self, value: str) -> None:
        self._check_writable()
        for r, c in self._cells():
            self._sheet.d.cell(r, c).number_format = value

    def _check_writable(self) -> None:
        d = self._sheet.d
        if d.protected and any(d.cell(r, c).locked for r, c in self._cells()):
            raise com_error(
                -2147352567,
                "Exception occurred.",
                (0, "Microsoft Excel", "The cell is protected.", None, 0, -2146827284),
            )

    def _write(self, data: Any) -> None:
        self._check_writable()
        nrows, ncols = self.r2 - self.r1 + 1, self.c2 - self.c1 + 1
        if not isinstance(data, list | tuple):
            grid = [[data] * ncols for _ in range(nrows)]
        else:
            rows = [list(r) if isinstance(r, list | tuple) else [r] for r in data]
            if nrows == 1 and len(rows) > 1 and all(len(r) == 1 for r in rows):
                rows = [[r[0] for r in rows]]
            grid = [
                [rows[i][j] if i < len(rows) and j < len(rows[i]) else None for j in range(ncols)]
                for i in range(nrows)
            ]
        for i in range(nrows):
            for j in range(ncols):
                self._set_cell(self._sheet.d.cell(self.r1 + i, self.c1 + j), grid[i][j])

    @staticmethod
    def _set_cell(cell: Cell, v: Any) -> None:
        cell.formula, cell.prefix = None, False
        if v is None or v == "":
            cell.value = None
        elif isinstance(v, str):
            if cell.number_format == "@":
                cell.value = v  # a Text cell keeps what it is given, apostrophe included
            elif v.startswith("'"):
                cell.value, cell.prefix = v[1:], True
            elif v.startswith("="):
                cell.formula, cell.value = v, None
            else:
                value, fmt = excel_parse(v)
                cell.value = value
                if fmt and cell.number_format == "General":
                    cell.number_format = fmt
        elif isinstance(v, bool):
            cell.value = v
        elif isinstance(v, int | float):
            cell.value = float(v)
        elif isinstance(v, dt.datetime):
            cell.value = v.replace(tzinfo=None)
        else:
            raise com_error(-2147352567, f"Type not supported: {type(v).__name__}")


class _Dim(Com):
    def __init__(self, trips: Trips, n: int) -> None:
        super().__init__(trips)
        object.__setattr__(self, "_n", n)

    @property
    def Count(self) -> int:
        return self._n


# --------------------------------------------------------------------------------------------
# loading a workbook file into the fake


def load_book(path: Path, trips: Trips | None = None) -> FakeWorkbook:
    """The workbook file as Excel would hold it: values, formulas, formats, protection."""
    import openpyxl

    wb = openpyxl.load_workbook(path, keep_vba=True)
    sheets: list[SheetData] = []
    for ws in wb.worksheets:
        data = SheetData(
            ws.title, protected=bool(ws.protection.sheet), right_header=ws.oddHeader.right.text
        )
        for dim in ws.column_dimensions.values():
            if dim.min is None:
                continue
            locked = dim.protection.locked if dim.protection is not None else True
            fmt = dim.number_format or "General"
            for c in range(dim.min, (dim.max or dim.min) + 1):
                data.columns[c] = (bool(locked), fmt)
        for row in ws.iter_rows():
            for c in row:
                col_locked, col_fmt = data.columns.get(c.column, (True, "General"))
                locked = c.protection.locked if c.has_style else col_locked
                fmt = c.number_format if c.has_style else col_fmt
                if c.value is None and (locked, fmt) == (col_locked, col_fmt):
                    continue
                cell = data.cell(c.row, c.column)
                cell.locked = bool(locked)
                cell.number_format = fmt
                v = c.value
                if isinstance(v, str) and v.startswith("="):
                    cell.formula = v
                elif isinstance(v, dt.date) and not isinstance(v, dt.datetime):
                    cell.value = dt.datetime(v.year, v.month, v.day)
                elif isinstance(v, int | float) and not isinstance(v, bool):
                    cell.value = float(v)
                else:
                    cell.value = v
        # Column-level formats/locks (the builder styles whole columns below the data)
        for t in ws.tables.values():
            data.tables[t.displayName] = t.ref
        sheets.append(data)
    app = FakeExcel(trips)
    return FakeWorkbook(app, Path(path), sheets)


def xw_book(fake: FakeWorkbook) -> Any:
    """An ``xw.Book`` on the fake, through xlwings' Windows engine and its COM wrappers."""
    import xlwings as xw

    xlwin = load_xlwindows()
    return xw.Book(impl=xlwin.Book(xl=xlwin.COMRetryObjectWrapper(fake)))


def column_of(address: str) -> int:
    return column_index_from_string(re.sub(r"\d", "", address))
