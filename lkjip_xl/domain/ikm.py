"""IKM (Indeks Kepuasan Masyarakat) from raw SKM responses.

Rules (DOMAIN.md §4, §9):

* PermenPAN-RB No. 14 Tahun 2017 (default, 9 unsur U1..U9) or KepMenPAN
  No. 25 Tahun 2004 (legacy, 14 unsur U1..U14). Each answer is 1..4, given as a
  number, a letter a–d, or the questionnaire's answer label.
* NRR per unsur = mean of the non-blank answers to that unsur. Blanks are
  excluded (never zero) and counted per unsur. Answers are matched by the
  column header (``U1``, ``u1``, ``U1 Persyaratan``, or the full question of a
  Google/Microsoft Forms export by its unsur keywords), never by position.
  Answer labels: every common 4-point scale (puas, baik, sesuai, mudah, cepat,
  biaya, kompeten, sopan dan ramah, berfungsi, …), with or without ``a.``–``d.``.
* Unit names are compared trimmed, case-folded, spaces collapsed; merges are
  reported once. Summary rows (``Jumlah``, ``Rata-rata``, ``Modus``, ``NRR``)
  are found by :func:`skip_summary_rows`.
* NRR tertimbang = NRR × bobot; bobot = 1/n (``exact``, default) or the rounded
  0.111 many spreadsheets use (``0.111``). Indeks = Σ NRR tertimbang (scale 1–4);
  IKM (konversi) = indeks × 25.
* Mutu and kinerja are decided on the konversi as a report shows it, rounded
  half away from zero to 2 decimals: 2017: A ≥ 88,31; B ≥ 76,61; C ≥ 65,00;
  else D. 2004: A ≥ 81,26; B ≥ 62,51; C ≥ 43,76; else D. Unrounded values are
  kept in the result.
* Per unit layanan and overall; overall = pooled respondents (default) or the
  mean of the units' figures.
* Sample size per Krejcie & Morgan.
* Processed figures typed in (DOMAIN.md §3, e.g. the Portal Emas export): per
  unit, NRR per unsur (→ tertimbang → indeks → konversi → mutu, same rules) or
  only the final indeks. :func:`combine_ikm` joins them with raw responses: a
  unit with raw rows uses those, a unit with only typed figures uses them.

Everything here is pure: a DataFrame in, pydantic models out, no file I/O.
The work is vectorised: labels are mapped once per distinct value, sums and
counts per unit are ``numpy.bincount`` over int8 answer arrays.
"""

from __future__ import annotations

import importlib
import math
import numbers
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lkjip_xl.domain.numbers import format_id, round_half_up
from lkjip_xl.errors import CellProblem, LkjipError, visible


class _LazyModule:
    """A module imported when one of its attributes is first used.

    numpy and pandas serve the raw-answer intake (a DataFrame from a file or the sheet).
    The figures, the rules, typed figures and :class:`PlainAnswers` need neither, so a
    light ribbon click (*Periksa Isian*, :mod:`lkjip_xl.excel.klik`) never loads them.
    Unlike :class:`importlib.util.LazyLoader` nothing is put in ``sys.modules`` before
    the first use.
    """

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
else:
    np = _LazyModule("numpy")
    pd = _LazyModule("pandas")

__all__ = [
    "ANSWER_LABELS",
    "UNSUR_2004",
    "UNSUR_2017",
    "BadAnswer",
    "IkmOlahan",
    "IkmResult",
    "PlainAnswers",
    "UnitIkm",
    "answer_value",
    "bobot_value",
    "classify_ikm",
    "combine_ikm",
    "compute_ikm",
    "compute_ikm_plain",
    "ikm_from_olahan",
    "krejcie_morgan",
    "match_unsur_columns",
    "normalize_answers",
    "unsur_codes",
]

Regulasi = Literal["2017", "2004"]
Bobot = Literal["exact", "0.111"]
Gabungan = Literal["pooled", "mean"]

UNSUR_2017: dict[str, str] = {
    "U1": "Persyaratan",
    "U2": "Sistem, Mekanisme, dan Prosedur",
    "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif",
    "U5": "Produk Spesifikasi Jenis Pelayanan",
    "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana",
    "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}
"""PermenPAN-RB No. 14 Tahun 2017: the nine unsur."""

UNSUR_2004: dict[str, str] = {
    "U1": "Prosedur Pelayanan",
    "U2": "Persyaratan Pelayanan",
    "U3": "Kejelasan Petugas Pelayanan",
    "U4": "Kedisiplinan Petugas Pelayanan",
    "U5": "Tanggung Jawab Petugas Pelayanan",
    "U6": "Kemampuan Petugas Pelayanan",
    "U7": "Kecepatan Pelayanan",
    "U8": "Keadilan Mendapatkan Pelayanan",
    "U9": "Kesopanan dan Keramahan Petugas",
    "U10": "Kewajaran Biaya Pelayanan",
    "U11": "Kepastian Biaya Pelayanan",
    "U12": "Kepastian Jadwal Pelayanan",
    "U13": "Kenyamanan Lingkungan",
    "U14": "Keamanan Pelayanan",
}
"""KepMenPAN No. 25 Tahun 2004: the fourteen unsur (legacy, for comparing older years)."""

_UNSUR: dict[str, dict[str, str]] = {"2017": UNSUR_2017, "2004": UNSUR_2004}

REGULASI_LABEL: dict[str, str] = {
    "2017": "PermenPAN-RB No. 14 Tahun 2017",
    "2004": "KepMenPAN No. 25 Tahun 2004",
}

BOBOT_LABEL: dict[str, str] = {
    "exact": "bobot tepat 1/jumlah unsur",
    "0.111": "bobot dibulatkan 3 desimal (0,111 untuk 9 unsur; 0,071 untuk 14 unsur)",
}

GABUNGAN_LABEL: dict[str, str] = {
    "pooled": "seluruh responden digabung",
    "mean": "rata-rata indeks unit layanan",
}

_ANSWER_SETS: tuple[tuple[str, str, str, str], ...] = (
    ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    (
        "Tidak sopan dan ramah",
        "Kurang sopan dan ramah",
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ),
    (
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ),
    ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ("Tidak baik", "Kurang baik", "Baik", "Sangat baik"),
    # Label sets of the 2004 questionnaire.
    ("Tidak jelas", "Kurang jelas", "Jelas", "Sangat jelas"),
    ("Tidak disiplin", "Kurang disiplin", "Disiplin", "Sangat disiplin"),
    (
        "Tidak bertanggung jawab",
        "Kurang bertanggung jawab",
        "Bertanggung jawab",
        "Sangat bertanggung jawab",
    ),
    ("Tidak mampu", "Kurang mampu", "Mampu", "Sangat mampu"),
    ("Tidak adil", "Kurang adil", "Adil", "Sangat adil"),
    ("Tidak sopan", "Kurang sopan", "Sopan", "Sangat sopan"),
    ("Tidak wajar", "Kurang wajar", "Wajar", "Sangat wajar"),
    ("Tidak pasti", "Kurang pasti", "Pasti", "Sangat pasti"),
    ("Tidak nyaman", "Kurang nyaman", "Nyaman", "Sangat nyaman"),
    ("Tidak aman", "Kurang aman", "Aman", "Sangat aman"),
    # Scales offices print on their own questionnaires and survey forms.
    ("Tidak puas", "Kurang puas", "Puas", "Sangat puas"),
    ("Tidak memuaskan", "Kurang memuaskan", "Memuaskan", "Sangat memuaskan"),
    ("Tidak berfungsi", "Kurang berfungsi", "Berfungsi", "Sangat berfungsi"),
    ("Sangat mahal", "Mahal", "Murah", "Sangat murah"),
    ("Tidak murah", "Kurang murah", "Murah", "Sangat murah"),
    ("Tidak tepat", "Kurang tepat", "Tepat", "Sangat tepat"),
    ("Tidak ramah", "Kurang ramah", "Ramah", "Sangat ramah"),
    ("Tidak bagus", "Kurang bagus", "Bagus", "Sangat bagus"),
    ("Tidak layak", "Kurang layak", "Layak", "Sangat layak"),
    ("Tidak lengkap", "Kurang lengkap", "Lengkap", "Sangat lengkap"),
)


def _label_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _build_labels() -> dict[str, int]:
    labels: dict[str, int] = {}
    for answer_set in _ANSWER_SETS:
        for value, label in enumerate(answer_set, start=1):
            key = _label_key(label)
            if labels.setdefault(key, value) != value:  # pragma: no cover - guarded by a test
                raise RuntimeError(f"label {label!r} maps to two values")
            _LABEL_TEXT.setdefault(key, label)
    return labels


_LABEL_TEXT: dict[str, str] = {}
"""Answer label key → the label as printed (first spelling in ``_ANSWER_SETS``)."""

ANSWER_LABELS: dict[str, int] = _build_labels()
"""Answer label (case-folded, single spaces) → value 1..4."""

_ADJECTIVES = (
    "sesuai",
    "mudah",
    "cepat",
    "kompeten",
    "sopan dan ramah",
    "puas",
    "memuaskan",
    "baik",
    "berfungsi",
    "tepat",
    "ramah",
    "bagus",
    "layak",
    "lengkap",
    "jelas",
    "disiplin",
    "mampu",
    "adil",
    "sopan",
    "wajar",
    "pasti",
    "nyaman",
    "aman",
    "murah",
    "setuju",
)
_MIDDLES = ("Cukup {x}", "Kurang {x}", "Netral", "Biasa saja", "Ragu-ragu")

SCALES: tuple[tuple[str, ...], ...] = (
    # 1. the 4-point scales of the regulation and of office questionnaires (default reading)
    *_ANSWER_SETS,
    # 2. 4 points without a "Kurang …": "Tidak puas" is then the second answer
    *(
        (f"Sangat tidak {x}", f"Tidak {x}", x.capitalize(), f"Sangat {x}")
        for x in (*_ADJECTIVES, "bertanggung jawab")
    ),
    # 3. 5-point scales (refused as a whole column: the regulation's scale has 4 points)
    *(
        (
            f"Sangat tidak {x}",
            f"Tidak {x}",
            mid.format(x=x),
            x.capitalize(),
            f"Sangat {x}",
        )
        for x in _ADJECTIVES
        for mid in _MIDDLES
    ),
    ("Sangat buruk", "Buruk", "Cukup", "Baik", "Sangat baik"),
    ("Sangat mahal", "Mahal", "Cukup", "Murah", "Sangat murah"),
)
"""Answer scales in the order a column's labels are matched against them (issue 21).

A column is read on the first scale holding every label it contains: "Tidak puas" is 1 on
"Tidak puas / Kurang puas / Puas / Sangat puas" and 2 on "Sangat tidak puas / Tidak puas /
Puas / Sangat puas"; a column with "Cukup puas" is on a 5-point scale and is refused whole.
"""
_SCALE_KEYS: tuple[tuple[str, ...], ...] = tuple(
    tuple(_label_key(label) for label in scale) for scale in SCALES
)
_ALL_LABELS: dict[str, str] = {
    _label_key(label): label for scale in reversed(SCALES) for label in scale
}
"""Every label of every scale (key → as printed)."""
_ALL_LABELS.update(_LABEL_TEXT)

_LETTER = re.compile(r"^([a-d])[.)]?$")
# "a. Tidak sesuai", "d) Sangat puas", "4 - Sangat puas", "4. Sangat puas"
_PREFIXED = re.compile(r"^([a-d1-4])\s*[.):\-]\s*(\S.*)$")
# "Sangat puas (4)", "Puas [3]"
_SUFFIXED = re.compile(r"^(\S.*?)\s*[(\[]\s*([1-4])\s*[)\]]$")
_HEADER = re.compile(r"^u\s*0*(\d+)(?![0-9])", re.IGNORECASE)

_BLANK = 0
_BAD = -1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BadAnswer(_Model):
    """An answer that is not 1..4, a–d or a known label. Never dropped, never clipped."""

    row_index: Any
    """Index label of the row in the input DataFrame."""
    column: str
    """The column header as given."""
    unsur: str
    """Canonical code, e.g. ``U3``."""
    value: Any
    """The value as given."""
    alasan: str = ""
    """Why, when more than 'not an answer' (Indonesian), e.g. text in a column of numbers."""
    kolom: bool = False
    """The whole column is refused (its scale), not this one cell; ``row_index`` is None."""


class TextAnswer(_Model):
    """A text answer in a column whose other answers are numbers: read, and named by cell."""

    row_index: Any
    column: str
    unsur: str
    value: Any
    dibaca: int


class UnitIkm(_Model):
    """IKM figures of one unit layanan (or of everyone)."""

    responden: int
    """Respondents who answered at least one unsur."""
    nrr: dict[str, float]
    nrr_tertimbang: dict[str, float]
    kosong: dict[str, int]
    """Blank (excluded) answers per unsur."""
    indeks: float
    """Σ NRR tertimbang, scale 1–4 (unrounded)."""
    ikm: float
    """Konversi = indeks × 25 (unrounded)."""
    mutu: str
    kinerja: str


class IkmResult(UnitIkm):
    """IKM per unit and overall, with the rules used and Indonesian warnings."""

    regulasi: Regulasi
    bobot: Bobot
    gabungan: Gabungan
    per_unit: dict[str, UnitIkm]
    sampel_minimum: int | None = None
    peringatan: list[str]
    olahan: dict[str, str] = Field(default_factory=dict)
    """Units whose figures were typed from processed data (unit → Sumber, e.g. "Portal Emas")."""
    jawaban_teks: dict[str, int] = Field(default_factory=dict)
    """Text answers met and the value each was read as (``{"Puas": 3, "d": 4}``)."""


# ---------------------------------------------------------------------------
# small public helpers


def unsur_codes(regulasi: str = "2017") -> list[str]:
    """``["U1", …, "U9"]`` for 2017, ``["U1", …, "U14"]`` for 2004."""
    return list(_unsur(regulasi))


def _unsur(regulasi: str) -> dict[str, str]:
    try:
        return _UNSUR[str(regulasi)]
    except KeyError:
        raise LkjipError(
            f"Regulasi IKM '{regulasi}' tidak dikenal. Pilih 2017 (PermenPAN-RB 14/2017) "
            "atau 2004 (KepMenPAN 25/2004)."
        ) from None


def bobot_value(regulasi: str = "2017", bobot: str = "exact") -> float:
    """The weight of one unsur.

    ``exact`` is ``1/n``. ``0.111`` is the weight rounded to three decimals as
    many spreadsheets and the regulations' own examples write it: 0.111 for
    the 9 unsur of 2017 and 0.071 for the 14 unsur of 2004.
    """
    n = len(_unsur(regulasi))
    if bobot == "exact":
        return 1.0 / n
    if bobot == "0.111":
        return round_half_up(1.0 / n, 3)
    raise LkjipError(f"Aturan bobot '{bobot}' tidak dikenal. Pilih 'exact' atau '0.111'.")


_MUTU_2017 = ((88.31, "A"), (76.61, "B"), (65.00, "C"))
_MUTU_2004 = ((81.26, "A"), (62.51, "B"), (43.76, "C"))
_KINERJA = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}


def classify_ikm(konversi: float, regulasi: str = "2017") -> tuple[str, str]:
    """(mutu, kinerja) of an IKM konversi value, decided on the value rounded to 2 decimals.

    2017: ``76.6044 → ("C", "Kurang Baik")`` (shown as 76,60) and
    ``76.6056 → ("B", "Baik")`` (shown as 76,61). A value outside 25..100 after
    rounding is not an IKM and raises :class:`LkjipError`.
    """
    edges = _MUTU_2017 if _unsur(regulasi) is UNSUR_2017 else _MUTU_2004
    if konversi is None or not math.isfinite(float(konversi)):
        raise LkjipError(f"Nilai IKM '{konversi}' bukan angka.")
    shown = round_half_up(float(konversi), 2)
    if not 25.0 <= shown <= 100.0:
        raise LkjipError(
            f"Nilai IKM {format_id(konversi)} di luar rentang 25–100; periksa isiannya "
            "(IKM konversi = indeks 1–4 × 25)."
        )
    mutu = "D"
    for edge, grade in edges:
        if shown >= edge:
            mutu = grade
            break
    return mutu, _KINERJA[mutu]


def krejcie_morgan(populasi: int) -> int:
    """Minimum sample for a population (Krejcie & Morgan, χ²=3.841, P=0.5, d=0.05).

    Rounded to the nearest whole number like the regulation's annex table:
    50 → 44, 100 → 80, 500 → 217, 1000 → 278, 1 000 000 → 384. (The printed
    table rounds a few very large populations up — 100 000 → 384 where the
    formula gives 382.6 → 383; the formula is what is used here.)
    """
    if isinstance(populasi, bool) or int(populasi) != populasi or populasi < 1:
        raise LkjipError(
            f"Populasi '{populasi}' tidak sah: isi jumlah penerima layanan setahun "
            "(bilangan bulat ≥ 1)."
        )
    n = int(populasi)
    chi2, p, d = 3.841, 0.5, 0.05
    s = chi2 * n * p * (1 - p) / (d * d * (n - 1) + chi2 * p * (1 - p))
    return int(round_half_up(s, 0))


def answer_value(value: object) -> int | None:
    """One answer as 1..4; ``None`` for a blank; raises :class:`ValueError` if not an answer.

    Accepts 1..4 (int, float equal to an int, numeric text such as ``"4"`` or
    ``"4,0"``), letters a–d (any case, optional ``.``/``)``) and the answer
    labels (any case, extra spaces ignored).
    """
    code = _convert(value)
    if code == _BAD:
        raise ValueError(
            f"'{value}' bukan jawaban SKM yang sah: isi 1–4, huruf a–d, atau label jawaban."
        )
    return None if code == _BLANK else code


def _convert(value: object) -> int:
    """One distinct raw value → 1..4, ``_BLANK`` or ``_BAD``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return _BLANK
    if isinstance(value, bool | np.bool_):
        return _BAD
    if isinstance(value, int | np.integer):
        return int(value) if 1 <= value <= 4 else _BAD
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return _BLANK
        return int(value) if value in (1.0, 2.0, 3.0, 4.0) else _BAD
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return _BLANK
        key = _label_key(text)
        if key in ANSWER_LABELS:
            return ANSWER_LABELS[key]
        letter = _LETTER.match(key)
        if letter:
            return "abcd".index(letter.group(1)) + 1
        labelled = _labelled(key)
        if labelled is not None:
            return labelled[0]
        from lkjip_xl.domain.numbers import parse_number

        try:
            number = parse_number(text)
        except ValueError:
            return _BAD
        return _convert(number)
    return _BAD


def _labelled(key: str) -> tuple[int, str] | None:
    """``(value, label)`` of a label with its option letter or number ("a. Tidak sesuai").

    The letter/number and the label must agree (``_BAD`` otherwise): "a. Sangat puas" is
    not guessed.
    """
    m = _PREFIXED.match(key)
    if m:
        mark, label = m.group(1), m.group(2)
    else:
        m = _SUFFIXED.match(key)
        if not m:
            return None
        label, mark = m.group(1), m.group(2)
    if label not in ANSWER_LABELS:
        return None
    value = ANSWER_LABELS[label]
    marked = "abcd".index(mark) + 1 if mark in "abcd" else int(mark)
    return (value if marked == value else _BAD), _LABEL_TEXT[label]


def sorted_mapping(mapping: dict[str, int]) -> dict[str, int]:
    """Text answers by value, then alphabetically."""
    return dict(sorted(mapping.items(), key=lambda item: (item[1], item[0].casefold())))


def mapping_note(mapping: dict[str, int]) -> str:
    """The one line that shows how text answers were read: ``Puas → 3, Sangat puas → 4``."""
    shown = ", ".join(f"{label} → {value}" for label, value in sorted_mapping(mapping).items())
    return f"Jawaban berupa teks dibaca sebagai nilai: {shown}."


# ---------------------------------------------------------------------------
# columns and answers


_KEYWORDS_2017: dict[str, tuple[str, ...]] = {
    "U1": ("persyaratan", "persyaratannya", "syarat"),
    "U2": ("sistem", "mekanisme", "prosedur", "prosedurnya", "alur"),
    "U3": ("waktu", "kecepatan", "cepat"),
    "U4": ("biaya", "tarif"),
    "U5": ("produk", "spesifikasi"),
    "U6": ("kompetensi", "kemampuan", "kompeten"),
    "U7": ("perilaku", "kesopanan", "keramahan", "sopan", "ramah"),
    "U8": ("pengaduan", "saran", "masukan", "keluhan"),
    "U9": ("sarana", "prasarana", "fasilitas"),
}
"""Words of the questionnaire's question per unsur (PermenPAN-RB 14/2017), matched as words."""

_KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {"2017": _KEYWORDS_2017}
_WORD = re.compile(r"[^\W\d_]+")


class UnsurColumnError(LkjipError):
    """Unsur columns missing, doubled or ambiguous; the columns are kept for naming cells."""

    def __init__(
        self,
        pesan: str,
        *,
        missing: list[str],
        double: dict[str, list[Hashable]],
        ambiguous: dict[Hashable, list[str]],
        conflict: dict[Hashable, tuple[str, list[str]]] | None = None,
    ) -> None:
        super().__init__(pesan)
        self.missing = missing
        self.double = double
        self.ambiguous = ambiguous
        self.conflict = conflict or {}
        """Header → (its code, the unsur its question names instead)."""


_FREE_TEXT = frozenset(
    {"saran", "kritik", "komentar", "masukan", "usul", "usulan", "harapan", "catatan", "pesan"}
)
_U8_QUESTION = frozenset({"pengaduan", "penanganan", "keluhan", "bagaimana"})


def is_free_text_header(header: object) -> bool:
    """A column for the respondent's own words ('Saran', 'Kritik dan saran', 'Komentar'):
    never an unsur, whatever its cells hold (the U8 question names 'pengaduan')."""
    text = str(header).strip()
    if _HEADER.match(text):
        return False
    words = set(_WORD.findall(text.casefold()))
    return bool(words & _FREE_TEXT) and not words & _U8_QUESTION


def _keyword_unsur(text: str, regulasi: str) -> list[str]:
    keywords = _KEYWORDS.get(str(regulasi))
    if not keywords:
        return []
    words = set(_WORD.findall(text.casefold()))
    return [code for code, keys in keywords.items() if words.intersection(keys)]


def header_unsur(header: object, regulasi: str = "2017") -> list[str]:
    """The unsur a header names: ``["U3"]`` for ``U3`` or for "… kecepatan waktu …".

    A ``U1``-style code wins; otherwise every unsur with a keyword among the header's
    words (several → the header is ambiguous). A free-text column ('Saran') names none.
    """
    text = str(header).strip()
    m = _HEADER.match(text)
    if m:
        code = f"U{int(m.group(1))}"
        return [code] if code in _unsur(regulasi) else []
    if is_free_text_header(text):
        return []
    return _keyword_unsur(text, regulasi)


def code_conflict(header: object, regulasi: str = "2017") -> tuple[str, list[str]] | None:
    """(code, unsur its question names) when a ``U…`` header's question is about other unsur.

    ``U8. Bagaimana … sarana dan prasarana?`` → ``("U8", ["U9"])``: taking the code would
    silently swap two unsur.
    """
    text = str(header).strip()
    m = _HEADER.match(text)
    if not m:
        return None
    code = f"U{int(m.group(1))}"
    named = _keyword_unsur(text[m.end() :], regulasi)
    if code in _unsur(regulasi) and named and code not in named:
        return code, named
    return None


def match_unsur_columns(
    columns: Iterable[Hashable],
    regulasi: str = "2017",
    answer_score: Callable[[Hashable], int] | None = None,
) -> dict[str, Hashable]:
    """Map each unsur code to its column by header.

    Headers ``U1``, ``u1``, ``U1 Persyaratan`` name their unsur. An unsur without
    such a header is looked for by keyword in the full question text, as survey
    tools export it ("Bagaimana pendapat Saudara tentang kesesuaian persyaratan
    …?" → U1). ``answer_score(column)`` (2 = holds answers, 1 = empty, 0 = other
    content), when given, settles keyword candidates: a free-text "Saran" column
    or a "Waktu mulai" timestamp is not the U8/U3 answer column.

    Raises :class:`UnsurColumnError` naming every missing unsur, an unsur with two
    columns and a question header that names several unsur. Columns of other
    unsur numbers (e.g. U10 in a 2017 survey) are ignored.
    """
    codes = _unsur(regulasi)
    cols = list(columns)
    found: dict[str, list[Hashable]] = {}
    conflict: dict[Hashable, tuple[str, list[str]]] = {}
    for col in cols:
        m = _HEADER.match(str(col).strip())
        if m:
            code = f"U{int(m.group(1))}"
            if code in codes:
                found.setdefault(code, []).append(col)
                if (clash := code_conflict(col, regulasi)) is not None:
                    conflict[col] = clash
    ambiguous: dict[Hashable, list[str]] = {}
    if any(c not in found for c in codes) and str(regulasi) in _KEYWORDS:
        by_code: dict[str, list[Hashable]] = {}
        for col in cols:
            if _HEADER.match(str(col).strip()):
                continue
            hits = [c for c in header_unsur(col, regulasi) if c not in found]
            if not hits:
                continue
            if answer_score is not None and answer_score(col) == 0:
                # text, dates, ids: not an answer column whatever its header says
                continue
            if len(hits) > 1:
                ambiguous[col] = hits
                continue
            by_code.setdefault(hits[0], []).append(col)
        for code, candidates in by_code.items():
            if len(candidates) > 1 and answer_score is not None:
                best = max(answer_score(c) for c in candidates)
                candidates = [c for c in candidates if answer_score(c) == best]
            found[code] = candidates
        # an ambiguous header whose other unsur are all settled names the remaining one
        for col, hits in list(ambiguous.items()):
            left = [c for c in hits if c not in found]
            if len(left) == 1 and len(hits) > 1 and all(c in found for c in hits if c != left[0]):
                found[left[0]] = [col]
                del ambiguous[col]
    missing = [c for c in codes if c not in found]
    double = {c: cs for c, cs in found.items() if len(cs) > 1}
    if missing or double or ambiguous or conflict:
        parts: list[str] = []
        for col, (code, named) in conflict.items():
            listing = ", ".join(f"{c} ({codes[c]})" for c in named)
            parts.append(
                f"Judul kolom '{' '.join(str(col).split())}' berkode {code} ({codes[code]}), "
                f"tetapi pertanyaannya tentang {listing}. Kolom tidak diambil agar unsur tidak "
                "tertukar; samakan kode dengan pertanyaannya."
            )
        if missing:
            keyed = str(regulasi) in _KEYWORDS
            parts.append(
                f"Kolom unsur {', '.join(missing)} tidak ditemukan "
                f"({REGULASI_LABEL[str(regulasi)]} memakai {len(codes)} unsur: "
                f"U1–U{len(codes)}). Beri judul kolom U1, U2, … pada baris judul"
                + (
                    " atau tulis pertanyaannya lengkap (mis. '… kesesuaian persyaratan …')."
                    if keyed
                    else "."
                )
            )
        if double:
            listing = "; ".join(
                f"{c}: {', '.join(repr(str(x)) for x in cs)}" for c, cs in double.items()
            )
            parts.append(
                f"Ada unsur dengan lebih dari satu kolom ({listing}). Sisakan satu kolom per unsur."
            )
        if ambiguous:
            listing = "; ".join(f"'{col}' ({', '.join(hs)})" for col, hs in ambiguous.items())
            parts.append(
                f"Judul kolom menyebut lebih dari satu unsur: {listing}. "
                "Awali judulnya dengan kode unsurnya, mis. 'U3 …'."
            )
        raise UnsurColumnError(
            " ".join(parts),
            missing=missing,
            double=double,
            ambiguous=ambiguous,
            conflict=conflict,
        )
    return {c: found[c][0] for c in codes}


def answer_score(series: pd.Series) -> int:
    """2 when at least half of the filled cells are answers, 1 when empty, 0 otherwise.

    Answers on any known scale count (a 5-point column is an answer column, refused later
    for its scale, not taken for free text).
    """
    column = _read_column(series)
    filled = int(np.count_nonzero(column.kinds != _K_BLANK))
    if filled == 0:
        return 1
    good = int(np.count_nonzero((column.kinds == _K_NUMBER) | (column.kinds == _K_LABEL)))
    return 2 if good and good * 2 >= filled else 0


_K_BLANK, _K_NUMBER, _K_LABEL, _K_OTHER = 0, 1, 2, 3


class _Column:
    """One column's answers: value per row (1..4, 0 blank, -1 bad), the kind of each row's
    cell, and the problem of the whole column (its scale)."""

    def __init__(self, values: np.ndarray, kinds: np.ndarray) -> None:
        self.values = values
        self.kinds = kinds
        self.problem = ""
        self.labels: dict[str, int] = {}
        """Text answers used: label (or letter) as printed → value."""
        self.texts: dict[int, int] = {}
        """Row position → value of a text answer among answers typed as numbers (named by
        cell in a warning: 'bagus' among 1–4 is read as 3, and the user is told where)."""


def _classify(value: object) -> tuple[int, object]:
    """(kind, payload) of one distinct raw value.

    number → its value (1..4, or _BAD); label → (label key, the a–d/1–4 mark or None);
    a letter a–d is a label of its own (its payload the value).
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return _K_BLANK, None
    if isinstance(value, bool | np.bool_):
        return _K_OTHER, None
    if isinstance(value, int | np.integer | float | np.floating):
        code = _convert(value)
        return (_K_BLANK, None) if code == _BLANK else (_K_NUMBER, code)
    if not isinstance(value, str):
        return _K_OTHER, None
    text = value.strip()
    if not text:
        return _K_BLANK, None
    key = _label_key(text)
    if key in _ALL_LABELS:
        return _K_LABEL, (key, None)
    letter = _LETTER.match(key)
    if letter:
        return _K_LABEL, ("", "abcd".index(letter.group(1)) + 1)
    m = _PREFIXED.match(key) or None
    if m is not None and m.group(2) in _ALL_LABELS:
        mark = m.group(1)
        return _K_LABEL, (m.group(2), "abcd".index(mark) + 1 if mark in "abcd" else int(mark))
    m = _SUFFIXED.match(key)
    if m is not None and m.group(1) in _ALL_LABELS:
        return _K_LABEL, (m.group(1), int(m.group(2)))
    from lkjip_xl.domain.numbers import parse_number

    try:
        number = parse_number(text)
    except ValueError:
        return _K_OTHER, None
    code = _convert(number)
    return (_K_BLANK, None) if code == _BLANK else (_K_NUMBER, code)


def scale_of(keys: set[str]) -> tuple[str, ...] | None:
    """The scale a column's labels (keys) are read on: the first of :data:`SCALES` holding
    them all; None when no single scale holds them."""
    for scale in _SCALE_KEYS:
        if keys <= set(scale):
            return scale
    return None


def _scale_text(scale: tuple[str, ...]) -> str:
    return " / ".join(_ALL_LABELS[k] for k in scale)


def _read_column(series: pd.Series) -> _Column:
    """Answers of one column, its scale decided from the set of labels it holds (issue 21).

    Numbers 1–4, letters a–d and labels; text in a column of numbers is refused by cell
    (never guessed); a column on a 5-point label scale is refused as a whole.
    """
    dtype = series.dtype
    n = len(series)
    if pd.api.types.is_bool_dtype(dtype):
        return _Column(np.full(n, _BAD, dtype=np.int8), np.full(n, _K_OTHER, dtype=np.int8))
    if pd.api.types.is_integer_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        if isinstance(dtype, pd.api.extensions.ExtensionDtype):
            mask = series.isna().to_numpy()
            values = series.to_numpy(dtype=np.int64, na_value=0)
        else:
            mask = None
            values = series.to_numpy()
        ok = (values >= 1) & (values <= 4)
        out = np.where(ok, values, _BAD).astype(np.int8)
        kinds = np.full(n, _K_NUMBER, dtype=np.int8)
        if mask is not None:
            out[mask] = _BLANK
            kinds[mask] = _K_BLANK
        return _Column(out, kinds)
    if pd.api.types.is_float_dtype(dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        blank = np.isnan(values)
        ok = np.isin(values, (1.0, 2.0, 3.0, 4.0))
        out = np.full(len(values), _BAD, dtype=np.int8)
        out[ok] = values[ok].astype(np.int8)
        out[blank] = _BLANK
        kinds = np.where(blank, _K_BLANK, _K_NUMBER).astype(np.int8)
        return _Column(out, kinds)
    # objects, strings, categoricals: each distinct value looked at once
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    classified = [_classify(u) for u in uniques]
    kind_of = np.array([k for k, _p in classified] + [_K_BLANK], dtype=np.int8)
    rows_of = np.bincount(codes[codes >= 0], minlength=len(uniques))
    keys = {p[0] for k, p in classified if k == _K_LABEL and p[0]}  # type: ignore[index]
    scale = scale_of(keys)
    value_of: list[int] = []
    problem = ""
    if keys and scale is None:  # labels of several scales: each on the first scale it is on
        by_label = {k: next(sc.index(k) + 1 for sc in _SCALE_KEYS if k in sc) for k in keys}
    else:
        by_label = {k: scale.index(k) + 1 for k in keys} if scale else {}
    if scale is not None and len(scale) != 4:
        problem = (
            f"kolom ini memakai skala {len(scale)} pilihan ({_scale_text(scale)}), sedangkan "
            f"{REGULASI_LABEL['2017']} memakai 4 pilihan jawaban (nilai 1–4); jawabannya tidak "
            "dibaca sebagian-sebagian"
        )
    elif (
        keys
        and scale is None
        and any(all(k not in sc for sc in _SCALE_KEYS if len(sc) == 4) for k in keys)
    ):
        problem = (
            "kolom ini mencampur label jawaban dari skala yang berbeda, termasuk skala 5 "
            f"pilihan ({', '.join(sorted(_ALL_LABELS[k] for k in keys))})"
        )
    # text among answers typed as numbers (most of the column): named by cell, never guessed
    numbers = [i for i, (k, p) in enumerate(classified) if k == _K_NUMBER and p != _BAD]
    number_rows = int(rows_of[numbers].sum())
    label_rows = int(rows_of[[i for i, (k, _p) in enumerate(classified) if k == _K_LABEL]].sum())
    text_in_numbers = bool(label_rows) and number_rows > label_rows
    labels: dict[str, int] = {}
    for kind, payload in classified:
        if kind == _K_NUMBER:
            value_of.append(int(payload))  # type: ignore[call-overload]
        elif kind == _K_LABEL:
            key, mark = payload  # type: ignore[misc]
            value = by_label.get(key, mark) if key else mark
            if mark is not None and key and mark != value:
                value_of.append(_BAD)  # "a. Sangat puas": the letter and the label disagree
            else:
                value_of.append(value)
                labels.setdefault(_ALL_LABELS[key] if key else "abcd"[value - 1], value)
        elif kind == _K_BLANK:
            value_of.append(_BLANK)
        else:
            value_of.append(_BAD)
    lookup = np.array([*value_of, _BLANK], dtype=np.int8)
    column = _Column(lookup[codes], kind_of[codes])
    column.labels = labels
    if problem:
        column.problem = problem
        column.values = np.where(column.kinds == _K_BLANK, _BLANK, _BAD).astype(np.int8)
        column.labels = {}
    if text_in_numbers and not problem:
        for i, (kind, _payload) in enumerate(classified):
            if kind == _K_LABEL and value_of[i] > 0:
                for pos in np.flatnonzero(codes == i):
                    column.texts[int(pos)] = value_of[i]
    return column


def column_readings(values: Iterable[object]) -> tuple[dict[str, int], str]:
    """How the text answers of one column are read ({text as typed, stripped: 1..4}) and the
    problem of the whole column ('' when none), by the one-scale-per-column rule."""
    values = list(values)
    if not any(isinstance(v, str) for v in values):
        return {}, ""  # only text is read on a scale: numbers and blanks need no reading
    series = pd.Series(values, dtype=object)
    column = _read_column(series)
    readings: dict[str, int] = {}
    for raw, value in zip(series, column.values, strict=True):
        if isinstance(raw, str) and raw.strip() and value > 0:
            readings.setdefault(raw.strip(), int(value))
    return readings, column.problem


def _encode(
    df: pd.DataFrame,
    regulasi: str,
    labels: dict[str, int] | None = None,
    texts: list[TextAnswer] | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, Hashable], list[BadAnswer]]:
    columns = match_unsur_columns(
        df.columns, regulasi, lambda col: answer_score(df[col]) if df.columns.is_unique else 2
    )
    arrays: dict[str, np.ndarray] = {}
    found: list[tuple[int, int, BadAnswer]] = []
    for number, (code, col) in enumerate(columns.items()):
        series = df[col]
        if isinstance(series, pd.DataFrame):  # duplicate header labels
            raise LkjipError(f"Kolom '{col}' muncul lebih dari sekali. Sisakan satu kolom.")
        column = _read_column(series)
        if labels is not None:
            for label, value in column.labels.items():
                if labels.setdefault(label, value) != value:  # same label, another scale
                    labels[f"{label} ({code})"] = value
        if column.problem:
            values = series.dropna().astype(str).str.strip()
            shown = ", ".join(dict.fromkeys(v for v in values if v))
            found.append(
                (
                    -1,
                    number,
                    BadAnswer(
                        row_index=None,
                        column=str(col),
                        unsur=code,
                        value=shown[:200],
                        alasan=column.problem,
                        kolom=True,
                    ),
                )
            )
        else:
            bad_pos = np.flatnonzero(column.values == _BAD)
            if bad_pos.size:
                raw = series.to_numpy(dtype=object)
                found.extend(
                    (
                        int(p),
                        number,
                        BadAnswer(
                            row_index=df.index[p],
                            column=str(col),
                            unsur=code,
                            value=raw[p],
                        ),
                    )
                    for p in bad_pos
                )
        if texts is not None and column.texts:
            raw = series.to_numpy(dtype=object)
            texts.extend(
                TextAnswer(
                    row_index=df.index[p], column=str(col), unsur=code, value=raw[p], dibaca=v
                )
                for p, v in sorted(column.texts.items())
            )
        arrays[code] = column.values
    found.sort(key=lambda item: item[:2])
    bad = [item[2] for item in found]
    return arrays, columns, bad


_SUMMARY = re.compile(
    r"^(jumlah|total|sub ?total|grand total|rata[- ]?rata|rerata|mean|average|modus|mode|median|"
    r"nrr|nrr per unsur|nrr tertimbang|nrr x bobot|jumlah nrr|jumlah nrr tertimbang|"
    r"jumlah nilai|jumlah nilai per unsur|nilai rata[- ]?rata|ikm|ikm unit layanan|"
    r"nilai ikm|indeks|nilai indeks|konversi|nilai konversi|mutu|mutu pelayanan|"
    r"kinerja|kinerja unit pelayanan)\b[\s:.*]*(\S.{0,40})?$",
)
_SUMMARY_WORD = re.compile(r"^(jumlah|total|rata[- ]?rata|rerata|modus|median|nrr|ikm|indeks)\b")


def _is_text(dtype: Any) -> bool:
    """Object, string or categorical columns (pandas ≥ 3 reads text as ``str``)."""
    return (
        pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
    )


def _is_summary_label(value: object) -> bool:
    if not isinstance(value, str):
        return False
    key = " ".join(value.casefold().replace("×", "x").split())
    if not key or len(key) > 60:
        return False
    m = _SUMMARY.match(key)
    if not m:
        return False
    rest = m.group(2) or ""
    # "Jumlah" or "Rata-rata per unsur", not a sentence such as "Jumlah petugas kurang ramah"
    return not rest or bool(re.fullmatch(r"(per )?(unsur|responden|nilai|skor|u\d+)?[\s:]*", rest))


def summary_rows(
    frame: pd.DataFrame, regulasi: str = "2017", columns: Iterable[Hashable] | None = None
) -> pd.Series:
    """Rows that are summaries under the answers (``Jumlah``, ``Rata-rata``, ``Modus``, ``NRR``).

    A row is a summary when one of its text cells outside the unsur columns is such a label
    (a whole cell, not a sentence in the Saran column). Returns a boolean mask, vectorised:
    each distinct value of a column is looked at once.
    """
    mask = np.zeros(len(frame), dtype=bool)
    for col in frame.columns if columns is None else columns:
        if header_unsur(col, regulasi) and _HEADER.match(str(col).strip()):
            continue
        series = frame[col]
        if isinstance(series, pd.DataFrame) or not _is_text(series.dtype):
            continue
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        hits = np.array([_is_summary_label(u) for u in uniques] + [False], dtype=bool)
        if hits.any():
            mask |= hits[codes]
    return pd.Series(mask, index=frame.index)


def skip_summary_rows(
    frame: pd.DataFrame,
    regulasi: str = "2017",
    columns: Iterable[Hashable] | None = None,
    what: str = "baris",
) -> tuple[pd.DataFrame, str | None]:
    """``frame`` without its summary rows, and the note that says which were skipped.

    ``columns``: where to look for the labels (default: every column but the ``U…`` ones).
    """
    mask = summary_rows(frame, regulasi, columns)
    if not mask.any():
        return frame, None
    shown: list[str] = []
    looked = frame if columns is None else frame[list(columns)]
    for label, row in looked[mask.to_numpy()].head(10).iterrows():
        text = next((v for v in row if _is_summary_label(v)), "")
        shown.append(f"{what} {label} ('{' '.join(str(text).split())}')")
    more = f" dan {int(mask.sum()) - 10} lainnya" if mask.sum() > 10 else ""
    note = (
        f"{int(mask.sum())} baris ringkasan dilewati (bukan jawaban responden): "
        f"{', '.join(shown)}{more}."
    )
    return frame[~mask.to_numpy()], note


def encode_answers(
    df: pd.DataFrame,
    regulasi: str = "2017",
    labels: dict[str, int] | None = None,
    texts: list[TextAnswer] | None = None,
) -> tuple[dict[str, np.ndarray], list[BadAnswer]]:
    """Answers per unsur code as int8 arrays (1..4, 0 blank, -1 bad) and every bad answer.

    The lean form of :func:`normalize_answers` for checking a file before computing.
    ``texts``, when given, collects the text answers met among numbers (to name their cells).
    """
    arrays, _columns, bad = _encode(df, regulasi, labels, texts)
    return arrays, bad


def text_note(texts: list[TextAnswer], cell: Callable[[TextAnswer], str]) -> str:
    """The warning naming each text answer read among numbers: ``sel F12 'bagus' → 3``."""
    shown = ", ".join(
        f"{cell(t)} '{visible(t.value)}' → {t.dibaca} ({t.unsur})" for t in texts[:20]
    )
    more = f" dan {len(texts) - 20} lainnya" if len(texts) > 20 else ""
    return (
        f"Jawaban berupa teks di kolom yang berisi angka dibaca sebagai nilai: {shown}{more}. "
        "Periksa sel itu; ketik angkanya (1–4) bila maksudnya lain."
    )


def normalize_answers(
    df: pd.DataFrame, regulasi: str = "2017", labels: dict[str, int] | None = None
) -> tuple[pd.DataFrame, list[BadAnswer]]:
    """Answers as numbers 1..4 (nullable ``Int8``), plus every answer that is not valid.

    Returns a copy of ``df`` in which each unsur column is renamed to its code
    (``U1`` …) and holds 1..4 or ``<NA>`` for a blank. Bad answers are listed,
    not dropped: in the returned frame they are ``<NA>`` too, so check the list.
    Other columns (unit layanan, saran, …) are kept as they are. ``labels``, when
    given, collects the text answers met (label → value) for :func:`mapping_note`.
    """
    arrays, columns, bad = _encode(df, regulasi, labels)
    code_of = {col: code for code, col in columns.items()}
    data: dict[Hashable, Any] = {}
    for col in df.columns:  # built once: assigning column by column copies the frame each time
        code = code_of.get(col)
        if code is None:
            data[col] = df[col]
        else:
            values = arrays[code]
            mask = values <= 0
            data[code] = pd.arrays.IntegerArray(np.where(mask, 1, values).astype(np.int8), mask)
    return pd.DataFrame(data, index=df.index), bad


# ---------------------------------------------------------------------------
# the computation


def _validate_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise LkjipError(
            f"Pilihan {name} '{value}' tidak dikenal. Pilih salah satu: {', '.join(allowed)}."
        )


def _unit_figures(
    sums: Sequence[float],
    counts: Sequence[int],
    responden: int,
    codes: list[str],
    weight: float,
    regulasi: str,
) -> UnitIkm:
    nrr = {c: float(s / n) for c, s, n in zip(codes, sums, counts, strict=True)}
    tertimbang = {c: v * weight for c, v in nrr.items()}
    indeks = math.fsum(tertimbang.values())
    ikm = indeks * 25.0
    mutu, kinerja = classify_ikm(ikm, regulasi)
    kosong = {c: int(responden - n) for c, n in zip(codes, counts, strict=True)}
    return UnitIkm(
        responden=responden,
        nrr=nrr,
        nrr_tertimbang=tertimbang,
        kosong=kosong,
        indeks=indeks,
        ikm=ikm,
        mutu=mutu,
        kinerja=kinerja,
    )


def _check_answered(
    counts: Sequence[int], codes: list[str], unsur: dict[str, str], where: str
) -> None:
    empty = [c for c, n in zip(codes, counts, strict=True) if n == 0]
    if empty:
        listing = ", ".join(f"{c} ({unsur[c]})" for c in empty)
        raise LkjipError(
            f"IKM {where} tidak dapat dihitung: unsur {listing} tidak punya satu jawaban pun. "
            "Lengkapi jawabannya atau periksa apakah kolomnya tertukar."
        )


def _sample_check(responden: int, populasi: int | None, peringatan: list[str]) -> int | None:
    """Krejcie–Morgan minimum for ``populasi`` (None without one); warnings appended."""
    if populasi is None:
        return None
    sampel_minimum = krejcie_morgan(populasi)
    if responden < sampel_minimum:
        peringatan.append(
            f"Jumlah responden {format_id(responden, 0)} kurang dari sampel minimum "
            f"{format_id(sampel_minimum, 0)} untuk populasi {format_id(populasi, 0)} "
            "(Krejcie & Morgan); hasil IKM kurang mewakili."
        )
    if responden > populasi:
        peringatan.append(
            f"Jumlah responden {format_id(responden, 0)} melebihi populasi "
            f"{format_id(populasi, 0)}; periksa angka populasi."
        )
    return sampel_minimum


def _unit_names(
    spellings: dict[str, dict[str, int]], position: dict[str, int], peringatan: list[str]
) -> dict[str, int]:
    """One name per unit: the spelling most rows use (first one on a tie), spaces collapsed;
    spellings merged into one unit are reported. Returns ``position`` keyed by that name."""
    display = {
        key: " ".join(max(forms, key=lambda f, fs=forms: (fs[f], -list(fs).index(f))).split())
        for key, forms in spellings.items()
    }
    merged = {key: forms for key, forms in spellings.items() if len(forms) > 1}
    if merged:
        listing = "; ".join(
            ", ".join(f"'{f}' ({n} baris)" for f, n in forms.items()) + f" → '{display[key]}'"
            for key, forms in merged.items()
        )
        peringatan.append(
            "Nama unit layanan yang hanya berbeda huruf besar/kecil atau spasi disatukan: "
            f"{listing}."
        )
    return {display[key]: i for key, i in position.items()}


def compute_ikm(
    responses: pd.DataFrame,
    *,
    regulasi: str = "2017",
    bobot: str = "exact",
    gabungan: str = "pooled",
    unit_column: str | None = None,
    populasi: int | None = None,
    encoded: tuple[dict[str, np.ndarray], dict[str, int]] | None = None,
) -> IkmResult:
    """IKM per unsur, per unit layanan and overall from one row per respondent.

    ``responses`` holds one column per unsur (header ``U1`` … matched by name)
    with answers as 1..4, a–d or labels; blanks are excluded per unsur. Any
    answer that is not valid raises :class:`LkjipError` listing every one (use
    :func:`normalize_answers` first to get them as data). With ``unit_column``
    the figures are also given per unit (in order of first appearance); the
    overall figures are pooled over all respondents, or with
    ``gabungan="mean"`` the mean of the units' figures. ``populasi`` (service
    users in the year) adds the Krejcie–Morgan minimum sample and a warning
    when there are fewer respondents. ``encoded``: the answers as
    :func:`encode_answers` gave them, with the text answers it met (label →
    value), when the caller has them already (saves a second pass).
    """
    unsur = _unsur(regulasi)
    _validate_choice("bobot", bobot, ("exact", "0.111"))
    _validate_choice("gabungan", gabungan, ("pooled", "mean"))
    codes = list(unsur)
    bobot_value(regulasi, bobot)  # an unknown rule fails before the answers are read

    if encoded is not None:
        arrays, labels = encoded
        bad = [
            BadAnswer(row_index=None, column=c, unsur=c, value="?")
            for c, a in arrays.items()
            if (a < 0).any()
        ]
    else:
        labels = {}
        texts: list[TextAnswer] = []
        arrays, _columns, bad = _encode(responses, regulasi, labels, texts)
    if bad:
        shown = "; ".join(
            f"kolom {b.column}: {b.alasan}"
            if b.kolom
            else f"baris {b.row_index} kolom {b.column}: '{visible(b.value)}'"
            for b in bad[:20]
        )
        more = f" (dan {len(bad) - 20} lainnya)" if len(bad) > 20 else ""
        raise LkjipError(
            f"Ada {len(bad)} jawaban SKM yang tidak sah: {shown}{more}. "
            "Isi dengan 1–4, huruf a–d, atau label jawaban; kosongkan jika tidak dijawab."
        )

    n_rows = len(responses)
    matrix = np.empty((len(codes), n_rows), dtype=np.int8)
    for i, code in enumerate(codes):
        matrix[i] = arrays[code]
    answered = matrix > 0
    has_any = answered.any(axis=0)
    no_answer_rows = int(n_rows - has_any.sum())

    peringatan: list[str] = []
    names: list[str] = []
    if unit_column is not None:
        if unit_column not in responses.columns:
            raise LkjipError(
                f"Kolom unit layanan '{unit_column}' tidak ada. Kolom yang ada: "
                f"{', '.join(map(str, responses.columns))}."
            )
        raw_codes, raw_units = pd.factorize(responses[unit_column], use_na_sentinel=True)
        position: dict[str, int] = {}
        spellings: dict[str, dict[str, int]] = {}  # key → spelling as typed → rows
        seen_rows = np.bincount(raw_codes[raw_codes >= 0], minlength=len(raw_units))
        lookup = np.full(len(raw_units) + 1, -1, dtype=np.intp)  # last slot: the NA sentinel
        for k, raw in enumerate(raw_units):
            typed = "" if pd.isna(raw) else str(raw).strip()
            key = " ".join(typed.casefold().split())
            if key:
                lookup[k] = position.setdefault(key, len(position))
                counts_of = spellings.setdefault(key, {})
                counts_of[typed] = counts_of.get(typed, 0) + int(seen_rows[k])
        position = _unit_names(spellings, position, peringatan)
        names = list(position)
        group = lookup[raw_codes]
        blank_unit = (group < 0) & has_any
        if blank_unit.any():
            rows = [str(r) for r in responses.index[blank_unit][:20]]
            raise LkjipError(
                f"Unit layanan kosong pada {int(blank_unit.sum())} baris yang berisi jawaban "
                f"(baris {', '.join(rows)}). Isi kolom '{unit_column}' untuk setiap responden."
            )
        group = np.where(has_any, group, -1)
        # a unit whose rows hold no answer at all is not listed
        used = np.bincount(group[group >= 0], minlength=len(names)) > 0
        if not used.all():
            remap = np.cumsum(used) - 1
            names = [n for n, u in zip(names, used, strict=True) if u]
            group = np.where(group >= 0, remap[np.maximum(group, 0)], -1)
    else:
        group = np.where(has_any, 0, -1)

    n_groups = max(len(names), 1)
    keep = group >= 0
    everyone = bool(keep.all())
    g = np.asarray(group if everyone else group[keep], dtype=np.intp)
    responden_per_group = np.bincount(g, minlength=n_groups)
    # one histogram per unsur: (unit, answer 0..4) counts; sums and counts follow from it
    base = g * 5
    sums = np.empty((n_groups, len(codes)), dtype=np.float64)
    counts = np.empty((n_groups, len(codes)), dtype=np.int64)
    for i in range(len(codes)):
        row = matrix[i] if everyone else matrix[i][keep]
        hist = np.bincount(base + row, minlength=n_groups * 5).reshape(n_groups, 5)
        sums[:, i] = hist @ np.arange(5)
        counts[:, i] = hist[:, 1:].sum(axis=1)

    return _ikm_result(
        _Tally(
            names=names,
            sums=sums.tolist(),
            counts=counts.tolist(),
            responden=responden_per_group.tolist(),
            no_answer_rows=no_answer_rows,
            columns=list(responses.columns),
        ),
        regulasi=regulasi,
        bobot=bobot,
        gabungan=gabungan,
        unit_column=unit_column,
        populasi=populasi,
        peringatan=peringatan,
        labels=labels,
        texts=texts if encoded is None else [],
    )


@dataclass
class _Tally:
    """Answers summed per unit (group) and unsur: what the figures are computed from."""

    names: list[str]
    """Unit names (empty without a unit column: one group, everyone)."""
    sums: list[list[float]]
    """Per group, per unsur: the sum of the answers (1..4)."""
    counts: list[list[int]]
    """Per group, per unsur: how many answered."""
    responden: list[int]
    """Per group: respondents who answered at least one unsur."""
    no_answer_rows: int
    columns: list[Hashable]
    """The input's column headers (for the 'ignored columns' warning)."""


def _ikm_result(
    tally: _Tally,
    *,
    regulasi: str,
    bobot: str,
    gabungan: str,
    unit_column: str | None,
    populasi: int | None,
    peringatan: list[str],
    labels: dict[str, int],
    texts: list[TextAnswer],
) -> IkmResult:
    """The figures per unit and overall from the tally, with every warning (the common end
    of :func:`compute_ikm` and :func:`compute_ikm_plain`)."""
    unsur = _unsur(regulasi)
    codes = list(unsur)
    weight = bobot_value(regulasi, bobot)
    names, sums, counts = tally.names, tally.sums, tally.counts
    responden_per_group = tally.responden
    no_answer_rows = tally.no_answer_rows
    responden = int(sum(responden_per_group))
    if responden == 0:
        raise LkjipError(
            "Tidak ada satu pun jawaban SKM: IKM tidak dapat dihitung. "
            "Isi jawaban U1… pada baris di bawah judul kolom."
        )

    per_unit: dict[str, UnitIkm] = {}
    for k, name in enumerate(names):
        _check_answered(counts[k], codes, unsur, f"unit '{name}'")
        per_unit[name] = _unit_figures(
            sums[k], counts[k], int(responden_per_group[k]), codes, weight, regulasi
        )

    # sums of whole numbers: exact in any order, as numpy's were
    total_sums = [float(sum(col)) for col in zip(*sums, strict=True)]
    total_counts = [int(sum(col)) for col in zip(*counts, strict=True)]
    _check_answered(total_counts, codes, unsur, "keseluruhan")
    overall = _unit_figures(total_sums, total_counts, responden, codes, weight, regulasi)

    if gabungan == "mean" and per_unit:
        units = list(per_unit.values())
        nrr = {c: math.fsum(u.nrr[c] for u in units) / len(units) for c in codes}
        tertimbang = {c: math.fsum(u.nrr_tertimbang[c] for u in units) / len(units) for c in codes}
        indeks = math.fsum(u.indeks for u in units) / len(units)
        ikm = indeks * 25.0
        mutu, kinerja = classify_ikm(ikm, regulasi)
        overall = overall.model_copy(
            update={
                "nrr": nrr,
                "nrr_tertimbang": tertimbang,
                "indeks": indeks,
                "ikm": ikm,
                "mutu": mutu,
                "kinerja": kinerja,
            }
        )
        peringatan.append(
            f"IKM keseluruhan adalah rata-rata {len(units)} unit layanan "
            "(bukan gabungan seluruh responden)."
        )
    elif gabungan == "mean":
        peringatan.append(
            "Aturan rata-rata unit dipilih tetapi tidak ada kolom unit layanan; "
            "IKM dihitung dari seluruh responden."
        )

    kosong_total = {c: n for c, n in overall.kosong.items() if n}
    if kosong_total:
        listing = ", ".join(f"{c} ({n})" for c, n in kosong_total.items())
        peringatan.append(
            f"Jawaban kosong tidak dihitung (dikeluarkan dari NRR unsurnya): {listing}."
        )
    if no_answer_rows:
        peringatan.append(
            f"{no_answer_rows} baris tanpa satu jawaban pun tidak dihitung sebagai responden."
        )
    if bobot == "0.111":
        peringatan.append(
            f"Bobot memakai {format_id(weight, 3)} (dibulatkan), bukan 1/{len(codes)}; "
            f"IKM tertinggi menjadi {format_id(4 * weight * len(codes) * 25)}."
        )
    extra = [
        str(c)
        for c in tally.columns
        if (m := _HEADER.match(str(c).strip()))
        and f"U{int(m.group(1))}" not in unsur
        and c != unit_column
    ]
    if extra:
        peringatan.append(
            f"Kolom {', '.join(extra)} diabaikan ({REGULASI_LABEL[regulasi]} memakai "
            f"{len(codes)} unsur)."
        )

    sampel_minimum = _sample_check(responden, populasi, peringatan)
    if labels:
        peringatan.append(mapping_note(labels))
    if texts:
        peringatan.append(text_note(texts, lambda t: f"baris {t.row_index} kolom {t.column}"))

    return IkmResult(
        **overall.model_dump(),
        regulasi=regulasi,  # type: ignore[arg-type]
        bobot=bobot,  # type: ignore[arg-type]
        gabungan=gabungan,  # type: ignore[arg-type]
        per_unit=per_unit,
        sampel_minimum=sampel_minimum,
        peringatan=peringatan,
        jawaban_teks=sorted_mapping(labels),
    )


@dataclass(frozen=True)
class PlainAnswers:
    """Responses whose answers are all numbers 1..4 or blank, as plain Python lists.

    What the SKM sheet holds when answers are typed as the sheet asks: no label to read on
    a scale, no bad answer to name, so no pandas is needed (:func:`compute_ikm_plain`).
    :meth:`of_rows` says whether rows qualify; :func:`compute_ikm` reads the rest.
    """

    index: list[Any]
    """Row labels (the sheet's row numbers), as a DataFrame's index would hold them."""
    answers: dict[str, list[int]]
    """Unsur code (``U1`` …) → answer per row, 1..4, 0 for a blank."""
    units: list[str | None] | None = None
    """Unit layanan per row (``None`` = blank); ``None`` without a unit column."""
    unit_column: str | None = None
    columns: tuple[str, ...] = ()
    """Column headers as a DataFrame of these rows would have them."""

    def __len__(self) -> int:
        return len(self.index)

    @classmethod
    def of_rows(
        cls,
        index: list[Any],
        answers: dict[str, list[object]],
        regulasi: str = "2017",
        units: list[object] | None = None,
        unit_column: str | None = None,
    ) -> PlainAnswers | None:
        """The rows as plain answers, or ``None`` when any needs the full intake: an answer
        that is not a number 1..4 or blank, a unit that is not text, a summary row
        (``Jumlah`` …) in the unit column, or headers that are not exactly the unsur codes."""
        if set(answers) != set(_unsur(regulasi)):
            return None
        coded: dict[str, list[int]] = {}
        for code, values in answers.items():
            out: list[int] = []
            for v in values:
                if v is None:
                    out.append(_BLANK)
                elif type(v) in (int, float) and v in (1, 2, 3, 4):
                    out.append(int(v))  # type: ignore[call-overload]
                else:
                    return None
            coded[code] = out
        plain_units: list[str | None] | None = None
        if units is not None:
            if not all(u is None or isinstance(u, str) for u in units):
                return None
            if any(_is_summary_label(u) for u in units):
                return None
            plain_units = list(units)  # type: ignore[arg-type]
        columns = ((unit_column,) if unit_column is not None else ()) + tuple(answers)
        return cls(list(index), coded, plain_units, unit_column, columns)


def compute_ikm_plain(
    responses: PlainAnswers,
    *,
    regulasi: str = "2017",
    bobot: str = "exact",
    gabungan: str = "pooled",
    populasi: int | None = None,
) -> IkmResult:
    """:func:`compute_ikm` of plain answers in pure Python: the same figures, warnings and
    errors, without numpy or pandas (tests/test_ikm.py compares the two)."""
    unsur = _unsur(regulasi)
    _validate_choice("bobot", bobot, ("exact", "0.111"))
    _validate_choice("gabungan", gabungan, ("pooled", "mean"))
    codes = list(unsur)
    n_rows = len(responses)
    matrix = [responses.answers[c] for c in codes]
    has_any = [any(col[r] > 0 for col in matrix) for r in range(n_rows)]
    no_answer_rows = n_rows - sum(has_any)

    peringatan: list[str] = []
    names: list[str] = []
    unit_column = responses.unit_column
    if responses.units is not None and unit_column is not None:
        uniques: dict[str, int] = {}  # distinct value as typed → code, first appearance first
        raw_codes = [
            -1 if u is None else uniques.setdefault(u, len(uniques)) for u in responses.units
        ]
        seen_rows = [0] * len(uniques)
        for c in raw_codes:
            if c >= 0:
                seen_rows[c] += 1
        position: dict[str, int] = {}
        spellings: dict[str, dict[str, int]] = {}
        lookup = [-1] * len(uniques)
        for k, raw in enumerate(uniques):
            typed = raw.strip()
            key = " ".join(typed.casefold().split())
            if key:
                lookup[k] = position.setdefault(key, len(position))
                counts_of = spellings.setdefault(key, {})
                counts_of[typed] = counts_of.get(typed, 0) + seen_rows[k]
        position = _unit_names(spellings, position, peringatan)
        names = list(position)
        group = [lookup[c] if c >= 0 else -1 for c in raw_codes]
        blank_unit = [r for r in range(n_rows) if group[r] < 0 and has_any[r]]
        if blank_unit:
            rows = [str(responses.index[r]) for r in blank_unit[:20]]
            raise LkjipError(
                f"Unit layanan kosong pada {len(blank_unit)} baris yang berisi jawaban "
                f"(baris {', '.join(rows)}). Isi kolom '{unit_column}' untuk setiap responden."
            )
        group = [g if a else -1 for g, a in zip(group, has_any, strict=True)]
        # a unit whose rows hold no answer at all is not listed
        used = [False] * len(names)
        for g in group:
            if g >= 0:
                used[g] = True
        if not all(used):
            remap, kept = [], -1
            for u in used:
                kept += u
                remap.append(kept)
            names = [n for n, u in zip(names, used, strict=True) if u]
            group = [remap[g] if g >= 0 else -1 for g in group]
    else:
        group = [0 if a else -1 for a in has_any]

    n_groups = max(len(names), 1)
    responden_per_group = [0] * n_groups
    sums = [[0.0] * len(codes) for _ in range(n_groups)]
    counts = [[0] * len(codes) for _ in range(n_groups)]
    for r, g in enumerate(group):
        if g < 0:
            continue
        responden_per_group[g] += 1
        for i, col in enumerate(matrix):
            if col[r] > 0:
                sums[g][i] += col[r]
                counts[g][i] += 1
    return _ikm_result(
        _Tally(
            names=names,
            sums=sums,
            counts=counts,
            responden=responden_per_group,
            no_answer_rows=no_answer_rows,
            columns=list(responses.columns),
        ),
        regulasi=regulasi,
        bobot=bobot,
        gabungan=gabungan,
        unit_column=unit_column,
        populasi=populasi,
        peringatan=peringatan,
        labels={},
        texts=[],
    )


def _compute(responses: pd.DataFrame | PlainAnswers, **kwargs: Any) -> IkmResult:
    if isinstance(responses, PlainAnswers):
        kwargs.pop("unit_column", None)
        return compute_ikm_plain(responses, **kwargs)
    return compute_ikm(responses, **kwargs)


# ---------------------------------------------------------------------------
# processed figures typed in (DOMAIN.md §3)


class IkmOlahan(_Model):
    """One unit's processed IKM figures as typed in (values as given, checked on use).

    ``nrr`` maps ``U1`` … to the NRR (blank = ``None``); ``indeks`` is used when
    every NRR is blank. ``sheet`` and ``sel`` (field → cell, keys ``unit``,
    ``responden``, ``U1`` …, ``indeks``) only serve the error messages.
    """

    unit: Any = None
    responden: Any = None
    nrr: dict[str, Any] = Field(default_factory=dict)
    indeks: Any = None
    sumber: Any = None
    sheet: str = ""
    sel: dict[str, str] = Field(default_factory=dict)


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _number(value: object) -> float | None:
    """A typed figure as a float; ``None`` for a blank; ValueError if not a number."""
    from lkjip_xl.domain.numbers import parse_number

    if isinstance(value, numbers.Real) and math.isnan(value):  # float or numpy NaN
        return None
    number = parse_number(value)  # type: ignore[arg-type]
    if number is not None and not math.isfinite(number):
        raise ValueError(f"'{value}' bukan angka.")
    return number


def _olahan_unit(
    row: IkmOlahan, codes: list[str], weight: float, regulasi: str, gabungan: str
) -> tuple[str, UnitIkm | None, list[CellProblem], list[str]]:
    """(unit name, figures or None when invalid, problems, warnings) of one typed row."""
    problems: list[CellProblem] = []
    warnings: list[str] = []
    name = _text(row.unit)

    def bad(key: str, pesan: str, fix: str) -> None:
        what = f"hasil olahan IKM unit '{name}'" if name else "hasil olahan IKM"
        problems.append(CellProblem(f"{what}: {pesan}", fix, "", row.sheet, row.sel.get(key, "")))

    if not name:
        bad("unit", "Unit Layanan kosong.", "Pilih unit layanan dari daftar.")
    nrr: dict[str, float] = {}
    blank: list[str] = []
    for code in codes:
        try:
            value = _number(row.nrr.get(code))
        except ValueError:
            bad(code, f"NRR {code} '{row.nrr.get(code)}' bukan angka.", "Isi angka 1 sampai 4.")
            continue
        if value is None:
            blank.append(code)
        elif not 1.0 <= value <= 4.0:
            bad(
                code,
                f"NRR {code} {format_id(value, 3)} di luar rentang 1–4.",
                "Isi NRR 1 sampai 4 seperti pada hasil olahan (bukan nilai konversi 25–100).",
            )
        else:
            nrr[code] = value
    try:
        indeks = _number(row.indeks)
    except ValueError:
        bad("indeks", f"Indeks '{row.indeks}' bukan angka.", "Isi indeks 1 sampai 4.")
        indeks = None
    if indeks is not None and not 1.0 <= indeks <= 4.0:
        bad(
            "indeks",
            f"Indeks {format_id(indeks, 3)} di luar rentang 1–4.",
            "Isi indeks skala 1–4 (nilai konversi 25–100 dibagi 25).",
        )
        indeks = None
    has_nrr = len(blank) < len(codes)
    if has_nrr and blank:
        bad(
            blank[0],
            f"NRR {', '.join(blank)} kosong sedangkan unsur lain terisi.",
            f"Isi lengkap NRR {codes[0]}–{codes[-1]}, atau kosongkan semuanya dan isi Indeks.",
        )
    elif not has_nrr and indeks is None and not problems:
        bad(
            "indeks",
            "NRR per unsur dan Indeks kosong.",
            f"Isi NRR {codes[0]}–{codes[-1]} atau Indeks (1–4) dari hasil olahan.",
        )
    responden: int | None = None
    try:
        n = _number(row.responden)
    except ValueError:
        n = -1.0
    if n is not None and (n < 1 or not float(n).is_integer()):
        bad(
            "responden",
            f"jumlah responden '{row.responden}' tidak sah.",
            "Isi bilangan bulat ≥ 1.",
        )
    elif n is not None:
        responden = int(n)
    elif gabungan == "pooled":
        bad(
            "responden",
            "jumlah responden kosong, padahal IKM keseluruhan menggabungkan seluruh responden.",
            "Isi jumlah responden dari hasil olahan (atau pilih aturan rata-rata unit).",
        )
    if problems:
        return name, None, problems, warnings

    if has_nrr:
        tertimbang = {c: v * weight for c, v in nrr.items()}
        value = math.fsum(tertimbang.values())
        if indeks is not None and abs(round_half_up(indeks, 3) - round_half_up(value, 3)) > 0:
            warnings.append(
                f"Indeks yang diketik untuk unit '{name}' ({format_id(indeks, 3)}) berbeda dengan "
                f"indeks dari NRR-nya ({format_id(value, 3)}); yang dipakai indeks dari NRR."
            )
    else:
        assert indeks is not None
        tertimbang, value = {}, indeks
    try:
        mutu, kinerja = classify_ikm(value * 25.0, regulasi)
    except LkjipError as exc:
        problems.append(CellProblem(exc.pesan, "", "", row.sheet, row.sel.get("indeks", "")))
        return name, None, problems, warnings
    unit = UnitIkm(
        responden=responden or 0,
        nrr=nrr,
        nrr_tertimbang=tertimbang,
        kosong={},
        indeks=value,
        ikm=value * 25.0,
        mutu=mutu,
        kinerja=kinerja,
    )
    return name, unit, problems, warnings


def _olahan_units(
    rows: Iterable[IkmOlahan], regulasi: str, bobot: str, gabungan: str
) -> tuple[dict[str, UnitIkm], dict[str, str], list[str]]:
    codes = unsur_codes(regulasi)
    weight = bobot_value(regulasi, bobot)
    units: dict[str, UnitIkm] = {}
    sumber: dict[str, str] = {}
    problems: list[CellProblem] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    for row in rows:
        name, unit, bad, notes = _olahan_unit(row, codes, weight, regulasi, gabungan)
        key = name.casefold()
        if name and key in seen:
            bad.append(
                CellProblem(
                    f"unit '{name}' diisi lebih dari sekali pada hasil olahan IKM.",
                    "Sisakan satu baris per unit layanan.",
                    "",
                    row.sheet,
                    row.sel.get("unit", ""),
                )
            )
            unit = None
        seen.setdefault(key, name)
        problems.extend(bad)
        warnings.extend(notes)
        if unit is not None:
            units[name] = unit
            sumber[name] = _text(row.sumber)
    if problems:
        raise LkjipError(
            f"Ada {len(problems)} isian hasil olahan IKM yang tidak sah; IKM tidak dihitung.",
            problems,
        )
    return units, sumber, warnings


def ikm_from_olahan(
    rows: Iterable[IkmOlahan],
    *,
    regulasi: str = "2017",
    bobot: str = "exact",
    gabungan: str = "pooled",
    populasi: int | None = None,
) -> IkmResult:
    """IKM per unit and overall from processed figures typed in (no raw responses)."""
    return combine_ikm(
        None, rows, regulasi=regulasi, bobot=bobot, gabungan=gabungan, populasi=populasi
    )


def combine_ikm(
    responses: pd.DataFrame | PlainAnswers | None,
    olahan: Iterable[IkmOlahan],
    *,
    regulasi: str = "2017",
    bobot: str = "exact",
    gabungan: str = "pooled",
    unit_column: str | None = None,
    populasi: int | None = None,
) -> IkmResult:
    """IKM from raw responses and/or processed figures typed in per unit.

    A unit with raw rows in ``responses`` uses them (its typed row is ignored,
    with a warning); a unit with only typed figures uses those. Overall,
    ``pooled``: NRR per unsur over all respondents, a typed unit counting as its
    ``responden`` answers equal to its NRR; units typed with only an indeks join
    the indeks weighted by their responden. ``mean``: the mean of the units'
    indeks (NRR per unsur: the mean over units that have them). Without typed
    rows this is exactly :func:`compute_ikm`.
    """
    unsur = _unsur(regulasi)
    _validate_choice("bobot", bobot, ("exact", "0.111"))
    _validate_choice("gabungan", gabungan, ("pooled", "mean"))
    codes = list(unsur)
    rows = list(olahan)
    has_raw = responses is not None and len(responses) > 0
    if not rows:
        if not has_raw:
            raise LkjipError("Tidak ada data SKM maupun hasil olahan IKM: IKM belum dihitung.")
        return _compute(
            responses,  # type: ignore[arg-type]
            regulasi=regulasi,
            bobot=bobot,
            gabungan=gabungan,
            unit_column=unit_column,
            populasi=populasi,
        )
    typed, sumber, peringatan = _olahan_units(rows, regulasi, bobot, gabungan)
    raw: IkmResult | None = None
    if has_raw:
        raw = _compute(
            responses,  # type: ignore[arg-type]
            regulasi=regulasi,
            bobot=bobot,
            gabungan="pooled",
            unit_column=unit_column,
        )
        peringatan = [*raw.peringatan, *peringatan]
        raw_units = raw.per_unit or {
            "Semua responden": UnitIkm(**raw.model_dump(include=set(UnitIkm.model_fields)))
        }
        raw_keys = {n.casefold() for n in raw_units}
        ignored = [n for n in typed if n.casefold() in raw_keys]
        for name in ignored:
            del typed[name]
            del sumber[name]
        if ignored:
            note = (
                f"Hasil olahan unit {', '.join(ignored)} tidak dipakai karena unit itu punya "
                "jawaban per responden di sheet SKM."
            )
            if not typed:  # every typed row was overruled: the raw figures as they are
                only_raw = _compute(
                    responses,  # type: ignore[arg-type]
                    regulasi=regulasi,
                    bobot=bobot,
                    gabungan=gabungan,
                    unit_column=unit_column,
                    populasi=populasi,
                )
                return only_raw.model_copy(
                    update={
                        "peringatan": [
                            *only_raw.peringatan,
                            *peringatan[len(raw.peringatan) :],
                            note,
                        ]
                    }
                )
            peringatan.append(note)
    else:
        raw_units = {}
    units = {**raw_units, **typed}
    if not units:
        raise LkjipError("Tidak ada data SKM maupun hasil olahan IKM: IKM belum dihitung.")
    with_nrr = [u for u in typed.values() if u.nrr]
    only_index = {n: u for n, u in typed.items() if not u.nrr}
    responden = (raw.responden if raw else 0) + sum(u.responden for u in typed.values())

    if gabungan == "pooled":
        counts = {c: 0.0 for c in codes}
        sums = {c: 0.0 for c in codes}
        if raw is not None:
            for c in codes:
                answered = raw.responden - raw.kosong[c]
                counts[c] += answered
                sums[c] += raw.nrr[c] * answered
        for u in with_nrr:
            for c in codes:
                counts[c] += u.responden
                sums[c] += u.nrr[c] * u.responden
        if raw is not None or with_nrr:
            nrr = {c: sums[c] / counts[c] for c in codes}
            n_nrr = (raw.responden if raw else 0) + sum(u.responden for u in with_nrr)
        else:
            nrr, n_nrr = {}, 0
        tertimbang = {c: v * bobot_value(regulasi, bobot) for c, v in nrr.items()}
        parts = [(math.fsum(tertimbang.values()), n_nrr)] if nrr else []
        parts += [(u.indeks, u.responden) for u in only_index.values()]
        indeks = math.fsum(i * n for i, n in parts) / sum(n for _i, n in parts)
    else:
        nrr_units = [u for u in units.values() if u.nrr]
        nrr, tertimbang = {}, {}
        if nrr_units:
            nrr = {c: math.fsum(u.nrr[c] for u in nrr_units) / len(nrr_units) for c in codes}
            tertimbang = {
                c: math.fsum(u.nrr_tertimbang[c] for u in nrr_units) / len(nrr_units) for c in codes
            }
        indeks = math.fsum(u.indeks for u in units.values()) / len(units)
        peringatan.append(
            f"IKM keseluruhan adalah rata-rata {len(units)} unit layanan "
            "(bukan gabungan seluruh responden)."
        )
    ikm = indeks * 25.0
    mutu, kinerja = classify_ikm(ikm, regulasi)

    listing = ", ".join(f"{n} ({s})" if s else n for n, s in sumber.items())
    if typed:
        peringatan.append(
            f"IKM unit {listing} dihitung dari hasil olahan yang diketik (bukan jawaban per "
            "responden)."
        )
    if only_index:
        peringatan.append(
            f"Unit {', '.join(only_index)} hanya diisi indeks: NRR per unsur keseluruhan "
            "tidak memuat unit itu, indeks keseluruhan memuatnya."
        )
    if raw is None and bobot == "0.111":
        weight = bobot_value(regulasi, bobot)
        peringatan.append(
            f"Bobot memakai {format_id(weight, 3)} (dibulatkan), bukan 1/{len(codes)}; "
            f"IKM tertinggi menjadi {format_id(4 * weight * len(codes) * 25)}."
        )
    sampel_minimum = _sample_check(responden, populasi, peringatan)
    kosong = dict(raw.kosong) if raw is not None else {c: 0 for c in codes}
    return IkmResult(
        responden=responden,
        nrr=nrr,
        nrr_tertimbang=tertimbang,
        kosong=kosong,
        indeks=indeks,
        ikm=ikm,
        mutu=mutu,
        kinerja=kinerja,
        regulasi=regulasi,  # type: ignore[arg-type]
        bobot=bobot,  # type: ignore[arg-type]
        gabungan=gabungan,  # type: ignore[arg-type]
        per_unit=units,
        sampel_minimum=sampel_minimum,
        peringatan=peringatan,
        olahan=sumber,
        jawaban_teks=raw.jawaban_teks if raw is not None else {},
    )
