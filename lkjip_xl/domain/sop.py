"""The SOP Penyusunan LKjIP as data, its step rules, and the plan against mutu baku.

Pure: no file I/O. Step events come from the journal as dicts (see :data:`START`,
:data:`FINISH`, :data:`UNDO`); :func:`replay` turns them into the state of each
step, :func:`check_start` / :func:`check_finish` / :func:`undo_target` enforce
the rules before an event is recorded, and :func:`evaluate` measures each step
in working time against its mutu baku and plans the rest.

Event dicts (journal lines)::

    {"jenis": "langkah_mulai" | "langkah_selesai", "id": "…", "no": 3,
     "pada": "2025-03-27T14:00:00+07:00", "peran": "kasi_lurah", "oleh": "nama",
     "jabatan": "…", "catatan": "", "dokumen": "", "paksa": false, "alasan": ""}
    {"jenis": "langkah_batal", "id": "…", "batal_id": "<id of the undone event>",
     "no": 3, "alasan": "…"}

Nothing is deleted: an undo is an event that cancels the latest event not yet
cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lkjip_xl.domain.profile import DEFAULT_PELAKSANA, ROLE_LABELS
from lkjip_xl.domain.worktime import (
    WorkCalendar,
    format_date,
    format_datetime,
    format_duration,
    parse_duration,
)
from lkjip_xl.errors import CellProblem, LkjipError

START = "langkah_mulai"
FINISH = "langkah_selesai"
UNDO = "langkah_batal"
CORRECT = "langkah_koreksi"
STEP_EVENTS = (START, FINISH, UNDO, CORRECT)

BELUM = "Belum mulai"
BERJALAN = "Berjalan"
TEPAT = "Tepat waktu"
MELEBIHI = "Melebihi mutu baku"
STATUSES = (BELUM, BERJALAN, TEPAT, MELEBIHI)

ROLES = tuple(ROLE_LABELS)


WARN_FRACTION = 0.25
"""Warn about a running step once less than this share of its mutu baku is left."""


@dataclass(frozen=True)
class SopStep:
    """One step of the SOP."""

    no: int
    aktivitas: str
    pelaksana: str
    """Role key of the official responsible (``camat``, ``sekcam``, ``kasubbag``, …)."""
    kelengkapan: str
    mutu_baku: str
    """The time standard as the SOP writes it: ``"10 menit"``, ``"1 hari"``, ``"1 jam"``."""
    output: str
    dibantu_staf: bool = False
    """The SOP names Staf as helper of the pelaksana ("+ Staf")."""

    @property
    def pelaksana_label(self) -> str:
        label = ROLE_LABELS.get(self.pelaksana, self.pelaksana)
        if self.dibantu_staf and self.pelaksana != "staf":
            label += " (+ Staf)"
        return label

    def mutu_baku_menit(self, day_minutes: int = 510) -> int:
        return parse_duration(self.mutu_baku, day_minutes)


_STEPS_TEXT: tuple[tuple[int, str, str, str, str, bool], ...] = (
    (
        1,
        "Memerintahkan penyusunan LKjIP",
        "Disposisi Camat",
        "10 menit",
        "Disposisi",
        False,
    ),
    (
        2,
        "Membuat dan menyampaikan format pengumpulan data dan informasi kinerja",
        "Format sistematika LKjIP; format data: IKM dari SKM, Nilai SAKIP dari LHE SAKIP",
        "1 hari",
        "Format data",
        True,
    ),
    (
        3,
        "Pemenuhan data LKjIP",
        "Format data; Surat permintaan",
        "3 hari",
        "Data dan informasi kinerja",
        False,
    ),
    (
        4,
        "Menghimpun, menganalisis dan mengevaluasi data; membuat draf LKjIP",
        "Data dan informasi kinerja",
        "2 hari",
        "Draf LKjIP",
        True,
    ),
    (5, "Mengoreksi dokumen LKjIP", "Draf LKjIP", "1 hari", "Dokumen LKjIP terkoreksi", False),
    (
        6,
        "Menyampaikan dokumen kepada Camat untuk persetujuan",
        "Dokumen terkoreksi",
        "1 jam",
        "Dokumen LKjIP yang disetujui",
        False,
    ),
    (
        7,
        "Penandatanganan oleh Camat, diteruskan ke Kasubbag Program dan Keuangan",
        "Dokumen disetujui",
        "5 menit",
        "Dokumen yang disahkan Camat",
        False,
    ),
    (
        8,
        "Surat pengantar, penomoran surat, penggandaan, pengarsipan, kirim ke Bagian Organisasi",
        "Dokumen disahkan",
        "1 jam",
        "Surat pengantar, dokumen LKjIP",
        True,
    ),
)

N_STEPS = len(_STEPS_TEXT)


def sop_steps(pelaksana: Sequence[str] | None = None) -> tuple[SopStep, ...]:
    """The eight steps, with the pelaksana roles of the setting (default per DOMAIN.md §2)."""
    roles = list(pelaksana) if pelaksana else list(DEFAULT_PELAKSANA)
    if len(roles) != N_STEPS or any(r not in ROLES for r in roles):
        raise LkjipError(
            "Pengaturan pelaksana SOP tidak sah.",
            [
                CellProblem(
                    f"Pelaksana langkah SOP (pelaksana_sop) berisi "
                    f"{', '.join(roles) or '(kosong)'}.",
                    f"Isi {N_STEPS} peran dipisah koma, berurutan untuk langkah 1 sampai "
                    f"{N_STEPS}, masing-masing salah satu dari: {', '.join(ROLES)}.",
                    sheet="Pengaturan",
                )
            ],
        )
    return tuple(
        SopStep(no, akt, role, kel, mutu, out, staf)
        for (no, akt, kel, mutu, out, staf), role in zip(_STEPS_TEXT, roles, strict=True)
    )


def steps_for(profile: Any) -> tuple[SopStep, ...]:
    """The steps with the profile's pelaksana setting (``pelaksana_sop``) when it has one."""
    return sop_steps(getattr(profile, "pelaksana_sop", None))


def total_mutu_baku(steps: Sequence[SopStep], day_minutes: int = 510) -> int:
    return sum(s.mutu_baku_menit(day_minutes) for s in steps)


# -- replaying events ------------------------------------------------------------------------


def parse_time(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def step_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The SOP step events among all journal events, oldest first."""
    return [e for e in events if e.get("jenis") in STEP_EVENTS]


def effective_events(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Start/finish events that no undo cancelled, in journal order, with their times as last
    corrected (a corrected event is a copy carrying ``pada`` of the correction, the original
    time in ``pada_asli`` and the reason in ``alasan_koreksi``)."""
    evs = step_events(events)
    cancelled = {e.get("batal_id") for e in evs if e["jenis"] == UNDO}
    fixes = {e.get("koreksi_id"): e for e in evs if e["jenis"] == CORRECT}
    out = []
    for e in evs:
        if e["jenis"] not in (START, FINISH) or e.get("id") in cancelled:
            continue
        fix = fixes.get(e.get("id"))
        if fix is not None:
            e = {
                **e,
                "pada": fix.get("pada"),
                "pada_asli": e.get("pada"),
                "alasan_koreksi": fix.get("alasan", ""),
            }
        out.append(e)
    return out


def find_event(events: Iterable[dict[str, Any]], no: int, jenis: str) -> dict[str, Any]:
    """The start (``jenis`` START) or finish of step ``no`` still in force."""
    for e in reversed(effective_events(events)):
        if int(e.get("no", 0)) == no and e["jenis"] == jenis:
            return e
    kata = "mulai" if jenis == START else "selesai"
    raise LkjipError(
        f"Tidak ada catatan {kata} langkah {no} yang masih berlaku.",
        [
            CellProblem(
                f"Langkah {no} belum punya catatan {kata}.",
                "Lihat 'lkjip step status' untuk catatan yang ada.",
            )
        ],
    )


def check_sequence(states: Sequence[StepState], now: dt.datetime) -> None:
    """Raise when the recorded times no longer make sense (after a correction): a finish
    before its start, a time in the future, or a start before the previous step finished
    (unless that start was forced)."""
    prev: StepState | None = None
    for st in states:
        for t in (st.mulai, st.selesai):
            if t is not None:
                _check_not_future(t, now)
        if st.mulai and st.selesai and st.selesai < st.mulai:
            raise LkjipError(
                f"Selesai langkah {st.step.no} ({_fmt(st.selesai)}) menjadi lebih awal dari "
                f"mulainya ({_fmt(st.mulai)}).",
                [CellProblem("Selesai sebelum mulai.", "Periksa waktu koreksi.")],
            )
        if (
            prev is not None
            and st.mulai
            and prev.selesai
            and st.mulai < prev.selesai
            and not st.dipaksa
        ):
            raise LkjipError(
                f"Mulai langkah {st.step.no} ({_fmt(st.mulai)}) menjadi lebih awal dari "
                f"selesainya langkah {prev.step.no} ({_fmt(prev.selesai)}).",
                [
                    CellProblem(
                        "Urutan waktu tidak cocok.",
                        f"Koreksi juga waktu langkah {prev.step.no}, atau periksa waktu koreksi.",
                    )
                ],
            )
        prev = st


def undo_target(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The event an undo would cancel: the latest start/finish not yet cancelled."""
    eff = effective_events(events)
    if not eff:
        raise LkjipError(
            "Belum ada catatan mulai/selesai langkah SOP yang dapat dibatalkan.",
            [CellProblem("Jurnal tidak berisi kejadian langkah yang masih berlaku.")],
        )
    return eff[-1]


def person_text(event: dict[str, Any] | None) -> str:
    if not event:
        return ""
    nama = str(event.get("oleh") or "").strip()
    jabatan = str(event.get("jabatan") or "").strip()
    if nama and jabatan and nama != jabatan:
        return f"{nama} ({jabatan})"
    return nama or jabatan


@dataclass
class StepState:
    """What the journal says about one step."""

    step: SopStep
    mulai: dt.datetime | None = None
    selesai: dt.datetime | None = None
    mulai_event: dict[str, Any] | None = None
    selesai_event: dict[str, Any] | None = None

    @property
    def started(self) -> bool:
        return self.mulai is not None

    @property
    def finished(self) -> bool:
        return self.selesai is not None

    @property
    def dipaksa(self) -> bool:
        return bool(self.mulai_event and self.mulai_event.get("paksa"))

    @property
    def oleh(self) -> str:
        """Who started and who finished (one name when the same person did both)."""
        a, b = person_text(self.mulai_event), person_text(self.selesai_event)
        if a and b and a != b:
            return f"Mulai: {a}; Selesai: {b}"
        return a or b

    @property
    def catatan(self) -> str:
        notes: list[str] = []
        for label, ev in (("Mulai", self.mulai_event), ("Selesai", self.selesai_event)):
            if not ev:
                continue
            if ev.get("paksa"):
                notes.append(f"Dimulai sebelum langkah sebelumnya selesai: {ev.get('alasan', '')}")
            if ev.get("lewat_batas"):
                notes.append("Dimulai setelah batas penyampaian (dikonfirmasi)")
            if ev.get("catatan"):
                notes.append(ev["catatan"] if ev.get("dari_sheet") else f"{label}: {ev['catatan']}")
            if ev.get("pada_asli"):
                asli = parse_time(ev["pada_asli"])
                semula = format_datetime(asli) if asli else str(ev["pada_asli"])
                notes.append(
                    f"Waktu {label.lower()} dikoreksi (semula {semula}): "
                    f"{ev.get('alasan_koreksi', '')}"
                )
        return "; ".join(notes)

    @property
    def dokumen(self) -> str:
        docs = [
            str(ev["dokumen"])
            for ev in (self.mulai_event, self.selesai_event)
            if ev and ev.get("dokumen")
        ]
        return "; ".join(dict.fromkeys(docs))


def replay(events: Iterable[dict[str, Any]], steps: Sequence[SopStep]) -> list[StepState]:
    """The state of every step after the journal's (non-cancelled) events."""
    states = {s.no: StepState(s) for s in steps}
    for e in effective_events(events):
        st = states.get(int(e.get("no", 0)))
        if st is None:
            continue
        if e["jenis"] == START:
            st.mulai, st.mulai_event = parse_time(e.get("pada")), e
            st.selesai, st.selesai_event = None, None
        elif e["jenis"] == FINISH:
            st.selesai, st.selesai_event = parse_time(e.get("pada")), e
    return [states[s.no] for s in steps]


# -- rules -----------------------------------------------------------------------------------

FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def _state(states: Sequence[StepState], no: int) -> StepState:
    for st in states:
        if st.step.no == no:
            return st
    raise LkjipError(
        f"Langkah {no} tidak ada dalam SOP.",
        [CellProblem(f"Nomor langkah {no} tidak dikenal.", f"Pakai nomor 1 sampai {len(states)}.")],
    )


def _fmt(t: dt.datetime) -> str:
    return format_datetime(t)


def _check_not_future(when: dt.datetime, now: dt.datetime) -> None:
    if when > now + FUTURE_TOLERANCE:
        raise LkjipError(
            f"Waktu {_fmt(when)} belum terjadi (sekarang {_fmt(now)}).",
            [
                CellProblem(
                    "Waktu yang dicatat ada di masa depan.",
                    "Catat langkah saat dikerjakan, atau isi --waktu dengan waktu yang sudah "
                    "lewat.",
                )
            ],
        )


def check_start(
    states: Sequence[StepState],
    no: int,
    when: dt.datetime,
    *,
    now: dt.datetime,
    paksa: bool = False,
    alasan: str = "",
) -> None:
    """Raise :class:`LkjipError` (Indonesian, with the fix) when step ``no`` may not start."""
    st = _state(states, no)
    if paksa and not alasan.strip():
        raise LkjipError(
            f"Memaksa mulai langkah {no} memerlukan alasan.",
            [CellProblem("Alasan kosong.", 'Tambahkan --alasan "..." yang menjelaskan kenapa.')],
        )
    _check_not_future(when, now)
    if st.started:
        raise LkjipError(
            f"Langkah {no} sudah dimulai pada {_fmt(st.mulai)}."  # type: ignore[arg-type]
            + (f" dan selesai pada {_fmt(st.selesai)}." if st.selesai else ""),
            [
                CellProblem(
                    "Langkah yang sama tidak dapat dimulai dua kali.",
                    "Bila catatan itu salah, batalkan dulu dengan 'lkjip step undo --alasan ...'.",
                )
            ],
        )
    if no == 1 or paksa:
        return
    prev = _state(states, no - 1)
    if not prev.finished:
        keadaan = "belum dimulai" if not prev.started else "masih berjalan"
        raise LkjipError(
            f"Langkah {no} belum dapat dimulai: langkah {no - 1} ({prev.step.aktivitas}) "
            f"{keadaan}.",
            [
                CellProblem(
                    f"Langkah {no - 1} belum selesai.",
                    f"Selesaikan dulu langkah {no - 1} ('lkjip step finish {no - 1}'), atau "
                    f'bila memang harus dimulai lebih dulu pakai --paksa --alasan "...".',
                )
            ],
        )
    if when < prev.selesai:  # type: ignore[operator]
        raise LkjipError(
            f"Waktu mulai langkah {no} ({_fmt(when)}) lebih awal dari selesainya langkah "
            f"{no - 1} ({_fmt(prev.selesai)}).",  # type: ignore[arg-type]
            [
                CellProblem(
                    "Urutan waktu tidak cocok.",
                    'Periksa --waktu, atau pakai --paksa --alasan "..." bila memang demikian.',
                )
            ],
        )


def check_finish(
    states: Sequence[StepState], no: int, when: dt.datetime, *, now: dt.datetime
) -> None:
    """Raise :class:`LkjipError` when step ``no`` may not be finished at ``when``."""
    st = _state(states, no)
    _check_not_future(when, now)
    if not st.started:
        raise LkjipError(
            f"Langkah {no} belum dimulai, jadi belum dapat diselesaikan.",
            [
                CellProblem(
                    "Selesai memerlukan catatan mulai.",
                    f"Catat mulainya dulu: 'lkjip step start {no}' (pakai --waktu bila langkah "
                    "sudah dimulai lebih awal).",
                )
            ],
        )
    if st.finished:
        raise LkjipError(
            f"Langkah {no} sudah selesai pada {_fmt(st.selesai)}.",  # type: ignore[arg-type]
            [
                CellProblem(
                    "Langkah yang sama tidak dapat diselesaikan dua kali.",
                    "Bila catatan itu salah, batalkan dulu dengan 'lkjip step undo --alasan ...'.",
                )
            ],
        )
    if when < st.mulai:  # type: ignore[operator]
        raise LkjipError(
            f"Waktu selesai langkah {no} ({_fmt(when)}) lebih awal dari mulainya "
            f"({_fmt(st.mulai)}).",  # type: ignore[arg-type]
            [CellProblem("Selesai sebelum mulai.", "Periksa isian --waktu.")],
        )


# -- measuring and planning ------------------------------------------------------------------


@dataclass
class StepReport:
    """One step measured in working time against its mutu baku, with its plan."""

    state: StepState
    mutu_baku_menit: int
    status: str
    mulai: dt.datetime | None = None
    selesai: dt.datetime | None = None
    durasi_menit: int | None = None
    """Working minutes from start to finish (finished steps)."""
    berjalan_menit: int | None = None
    """Working minutes elapsed so far (running steps)."""
    melebihi_menit: int = 0
    rencana_mulai: dt.datetime | None = None
    rencana_selesai: dt.datetime | None = None
    batas_mutu_baku: dt.datetime | None = None
    """When this step's mutu baku runs out, counted from its actual start."""

    @property
    def step(self) -> SopStep:
        return self.state.step


@dataclass
class SopReport:
    steps: list[StepReport]
    day_minutes: int
    rencana_selesai: dt.datetime | None
    selesai: dt.datetime | None
    batas_penyampaian: dt.date | None
    sisa_hari_kerja: int | None
    now: dt.datetime
    peringatan: list[str] = field(default_factory=list)
    keterangan_batas: str = ""
    """The one deadline figure (:func:`deadline_text`) shown by the CLI, Beranda and report."""

    def duration_text(self, minutes: int | None) -> str:
        return "" if minutes is None else format_duration(minutes, self.day_minutes)

    def status_text(self, r: StepReport) -> str:
        """Status with how much a late step exceeded, for sheets and tables."""
        if r.status == MELEBIHI:
            return f"{MELEBIHI} ({self.duration_text(r.melebihi_menit)})"
        if r.status == BERJALAN and r.melebihi_menit:
            return f"{BERJALAN}, melebihi {self.duration_text(r.melebihi_menit)}"
        return r.status

    @property
    def current(self) -> list[StepReport]:
        return [r for r in self.steps if r.status == BERJALAN]

    @property
    def next_step(self) -> StepReport | None:
        for r in self.steps:
            if r.status == BELUM:
                return r
        return None

    def to_json(self) -> dict[str, Any]:
        """The ``lkjip step status --json`` contract (times ISO 8601 with the UTC offset)."""
        return {
            "steps": [
                {
                    "no": r.step.no,
                    "aktivitas": r.step.aktivitas,
                    "pelaksana": r.step.pelaksana_label,
                    "peran": r.step.pelaksana,
                    "kelengkapan": r.step.kelengkapan,
                    "output": r.step.output,
                    "mutu_baku": r.step.mutu_baku,
                    "mutu_baku_menit": r.mutu_baku_menit,
                    "mulai": _iso(r.mulai),
                    "selesai": _iso(r.selesai),
                    "durasi_kerja_menit": r.durasi_menit,
                    "durasi": self.duration_text(r.durasi_menit) or None,
                    "berjalan_menit": r.berjalan_menit,
                    "status": r.status,
                    "keterangan_status": self.status_text(r),
                    "melebihi_menit": r.melebihi_menit,
                    "melebihi": self.duration_text(r.melebihi_menit) if r.melebihi_menit else None,
                    "rencana_mulai": _iso(r.rencana_mulai),
                    "rencana_selesai": _iso(r.rencana_selesai),
                    "batas_mutu_baku": _iso(r.batas_mutu_baku),
                    "oleh": r.state.oleh or None,
                    "catatan": r.state.catatan or None,
                    "dokumen": r.state.dokumen or None,
                    "dipaksa": r.state.dipaksa,
                }
                for r in self.steps
            ],
            "rencana_selesai": _iso(self.rencana_selesai),
            "selesai": _iso(self.selesai),
            "batas_penyampaian": self.batas_penyampaian.isoformat()
            if self.batas_penyampaian
            else None,
            "sisa_hari_kerja": self.sisa_hari_kerja,
            "keterangan_batas": self.keterangan_batas or None,
            "mutu_baku_total_menit": sum(r.mutu_baku_menit for r in self.steps),
            "menit_per_hari": self.day_minutes,
            "langkah_berjalan": [r.step.no for r in self.current],
            "langkah_berikutnya": self.next_step.step.no if self.next_step else None,
            "peringatan": list(self.peringatan),
            "sekarang": _iso(self.now),
        }


def _iso(t: dt.datetime | None) -> str | None:
    return t.isoformat() if t is not None else None


def report_for(events: Iterable[dict[str, Any]], profile: Any, now: dt.datetime) -> SopReport:
    """Measure and plan the SOP of ``profile`` from journal events at ``now`` (to the minute)."""
    cal = WorkCalendar.from_profile(profile)
    states = replay(events, steps_for(profile))
    return evaluate(
        states, cal, cal.local(now).replace(second=0, microsecond=0), profile.due_date()
    )


def evaluate(
    states: Sequence[StepState],
    cal: WorkCalendar,
    now: dt.datetime,
    due: dt.date | None = None,
) -> SopReport:
    """Measure every step, plan the remaining ones from step 1's start, and collect warnings.

    Plan: step 1 is planned from its actual start; each later step from the previous step's
    actual finish when known, else from its planned finish; every planned finish is the planned
    start plus the mutu baku in working time.
    """
    now = cal.local(now)
    reports: list[StepReport] = []
    peringatan: list[str] = []
    dm = cal.day_minutes
    anchor: dt.datetime | None = None
    for i, st in enumerate(states):
        mutu = st.step.mutu_baku_menit(dm)
        mulai = cal.local(st.mulai) if st.mulai else None
        selesai = cal.local(st.selesai) if st.selesai else None
        if i == 0:
            anchor = mulai
        r = StepReport(st, mutu, BELUM, mulai, selesai)
        if anchor is not None:
            r.rencana_mulai = anchor
            r.rencana_selesai = cal.add_minutes(anchor, mutu)
            anchor = selesai or r.rencana_selesai
        if mulai is not None:
            r.batas_mutu_baku = cal.add_minutes(mulai, mutu)
        if mulai is not None and selesai is not None:
            r.durasi_menit = cal.minutes_between(mulai, selesai)
            r.melebihi_menit = max(0, r.durasi_menit - mutu)
            r.status = MELEBIHI if r.melebihi_menit else TEPAT
        elif mulai is not None:
            r.status = BERJALAN
            r.berjalan_menit = max(0, cal.minutes_between(mulai, now))
            r.melebihi_menit = max(0, r.berjalan_menit - mutu)
            sisa = mutu - r.berjalan_menit
            label = f"Langkah {st.step.no} ({st.step.aktivitas})"
            if sisa < 0:
                peringatan.append(
                    f"{label} sudah melebihi mutu baku {st.step.mutu_baku} sejak "
                    f"{_fmt(r.batas_mutu_baku)}: berjalan {format_duration(r.berjalan_menit, dm)}"
                    f" waktu kerja, lebih {format_duration(-sisa, dm)}."
                )
            elif sisa <= mutu * WARN_FRACTION:
                peringatan.append(
                    f"{label} akan melebihi mutu baku {st.step.mutu_baku} bila belum selesai "
                    f"pada {_fmt(r.batas_mutu_baku)} (sisa {format_duration(sisa, dm)} "
                    "waktu kerja)."
                )
        reports.append(r)
    rencana = reports[-1].rencana_selesai if reports else None
    selesai_all = reports[-1].selesai if reports and all(r.selesai for r in reports) else None
    sisa_hari: int | None = None
    if due is not None:
        sisa_hari = cal.working_days_left(now, due)
        if selesai_all is None:
            if sisa_hari <= 0 and now.date() > due:
                peringatan.append(
                    f"Batas penyampaian LKjIP ({format_date(due)}) sudah lewat dan SOP belum "
                    "selesai."
                )
            elif rencana is not None and rencana.date() > due:
                peringatan.append(
                    f"Rencana selesai SOP ({_fmt(rencana)}) melewati batas penyampaian "
                    f"LKjIP ({format_date(due)})."
                )
            elif rencana is None:
                need = -(-total_mutu_baku([s.step for s in states], dm) // dm)
                if sisa_hari < need:
                    peringatan.append(
                        f"SOP belum dimulai; sisa {sisa_hari} hari kerja sampai batas "
                        f"penyampaian ({format_date(due)}), padahal mutu baku seluruh langkah "
                        f"{format_duration(total_mutu_baku([s.step for s in states], dm), dm)}."
                    )
    delivered = reports[-1].selesai if reports else None
    return SopReport(
        steps=reports,
        day_minutes=dm,
        rencana_selesai=rencana,
        selesai=selesai_all,
        batas_penyampaian=due,
        sisa_hari_kerja=sisa_hari,
        now=now,
        peringatan=peringatan,
        keterangan_batas=deadline_text(
            cal, now, due, delivered, started=any(r.mulai for r in reports)
        )
        if due is not None
        else "",
    )


def deadline_text(
    cal: WorkCalendar,
    now: dt.datetime,
    due: dt.date,
    delivered: dt.datetime | None,
    *,
    started: bool,
) -> str:
    """The deadline figure, one wording everywhere (Beranda's formula says the same).

    * after step 8 finished: ``Disampaikan 14 Januari 2026 (31 hari kerja sebelum batas)``,
      ``(… setelah batas)`` or ``(tepat pada hari batas)``; working days strictly between the
      delivery day and the deadline, counted with the office calendar;
    * before the deadline: ``Sisa N hari kerja sampai 28 Februari 2026``;
    * after it: ``Lewat N hari kerja dari batas 28 Februari 2026`` while the SOP runs; before
      any step a passed deadline means the workbook's year is wrong, and it says so.
    """
    when = format_date(due)
    if delivered is not None:
        d = cal.local(delivered).date()
        if d < due:
            n = cal.count_working_days(d + dt.timedelta(days=1), due)
            rel = f"{n} hari kerja sebelum batas" if n else "tepat pada hari batas"
        elif d == due:
            rel = "tepat pada hari batas"
        else:
            rel = (
                f"{cal.count_working_days(due + dt.timedelta(days=1), d)} hari kerja setelah batas"
            )
        return f"Disampaikan {format_date(d)} ({rel})"
    # Counted as Beranda's NETWORKDAYS does (today included), so both show the same number.
    today = cal.local(now).date()
    if today <= due:
        return f"Sisa {cal.count_working_days(today, due)} hari kerja sampai {when}"
    if not started:
        return (
            f"Batas penyampaian {when} sudah lewat sebelum SOP dimulai: periksa Tahun kinerja "
            "dan Batas penyampaian di Pengaturan"
        )
    late = cal.count_working_days(due + dt.timedelta(days=1), today)
    return f"Lewat {late} hari kerja dari batas {when}"


def _durasi_cell(report: SopReport, r: StepReport) -> str | None:
    if r.durasi_menit is None:
        return None
    text = report.duration_text(r.durasi_menit)
    if r.melebihi_menit:
        text += f" (lebih {report.duration_text(r.melebihi_menit)})"
    return text


def sheet_rows(report: SopReport) -> list[dict[str, Any]]:
    """Rows of the ``Tahapan SOP`` table (keys of ``schema.TAHAPAN_T``)."""
    return [
        {
            "no": r.step.no,
            "aktivitas": r.step.aktivitas,
            "pelaksana": r.step.pelaksana_label,
            "kelengkapan": r.step.kelengkapan,
            "mutu_baku": r.step.mutu_baku,
            "mutu_baku_menit": r.mutu_baku_menit,
            "output": r.step.output,
            "rencana_selesai": r.rencana_selesai,
            "mulai": r.mulai,
            "selesai": r.selesai,
            "durasi_kerja_menit": r.durasi_menit,
            "durasi": _durasi_cell(report, r),
            # Exactly one of STATUSES, so the workbook's conditional formats can match it; how
            # much a step exceeded goes into "durasi".
            "status": r.status,
            "oleh": r.state.oleh or None,
            "catatan": r.state.catatan or None,
            "dokumen": r.state.dokumen or None,
            "batas_mutu_baku": r.batas_mutu_baku,
        }
        for r in report.steps
    ]


def blank_sheet_rows(steps: Sequence[SopStep], day_minutes: int = 510) -> list[dict[str, Any]]:
    """``Tahapan SOP`` rows before any step started (for the workbook builder)."""
    return [
        {
            "no": s.no,
            "aktivitas": s.aktivitas,
            "pelaksana": s.pelaksana_label,
            "kelengkapan": s.kelengkapan,
            "mutu_baku": s.mutu_baku,
            "mutu_baku_menit": s.mutu_baku_menit(day_minutes),
            "output": s.output,
            "status": BELUM,
        }
        for s in steps
    ]


def _sheet_time(value: Any, cal: WorkCalendar) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return cal.local(value).replace(second=0, microsecond=0)
    if isinstance(value, str) and value.strip():
        try:
            return cal.local(dt.datetime.fromisoformat(value.strip())).replace(second=0)
        except ValueError:
            return None
    return None


def events_from_sheet(rows: Iterable[dict[str, Any]], cal: WorkCalendar) -> list[dict[str, Any]]:
    """Start/finish events recovered from ``Tahapan SOP`` rows, oldest first.

    For a workbook whose journal is missing (e.g. the .xlsm was copied without its ``jurnal``
    folder): the times on the sheet are adopted rather than wiped by the next rewrite.
    Recovered events carry ``"dari_sheet": true``.
    """
    out: list[dict[str, Any]] = []
    for row in rows:
        try:
            no = int(row.get("no") or 0)
        except (TypeError, ValueError):
            continue
        mulai = _sheet_time(row.get("mulai"), cal)
        if not 1 <= no <= N_STEPS or mulai is None:
            continue
        selesai = _sheet_time(row.get("selesai"), cal)
        oleh = str(row.get("oleh") or "").strip()
        oleh_mulai, oleh_selesai = oleh, oleh
        if oleh.startswith("Mulai: ") and "; Selesai: " in oleh:
            oleh_mulai, oleh_selesai = oleh[len("Mulai: ") :].split("; Selesai: ", 1)
        common = {"no": no, "jabatan": "", "peran": "", "paksa": False, "alasan": ""}
        out.append(
            {
                "jenis": START,
                "id": f"sheet-{no}-mulai",
                "pada": mulai.isoformat(),
                "oleh": oleh_mulai,
                "catatan": str(row.get("catatan") or "").strip(),
                "dokumen": "" if selesai else str(row.get("dokumen") or "").strip(),
                "dari_sheet": True,
                **common,
            }
        )
        if selesai is not None:
            out.append(
                {
                    "jenis": FINISH,
                    "id": f"sheet-{no}-selesai",
                    "pada": selesai.isoformat(),
                    "oleh": oleh_selesai,
                    "catatan": "",
                    "dokumen": str(row.get("dokumen") or "").strip(),
                    "dari_sheet": True,
                    **common,
                }
            )
    out.sort(key=lambda e: (e["pada"], e["no"], e["jenis"] != START))
    return out
