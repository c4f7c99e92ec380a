"""SOP step tracking: start, finish, undo, status and rebuild (the ``lkjip step`` actions).

Every step event is appended to the journal first (under its lock, after the
rules are checked against the journal itself); the ``Tahapan SOP`` sheet is then
rewritten from the journal, so it is always a view that :func:`rebuild_steps` can
recreate. The caller owns the workbook transaction (CLI: ``open_workbook(path,
write=True)``; ribbon: the live book).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult
from lkjip_xl.domain import sop
from lkjip_xl.domain.profile import ROLE_LABELS, Profile
from lkjip_xl.domain.worktime import (
    WorkCalendar,
    format_date,
    format_datetime,
    format_duration,
    parse_datetime_text,
)
from lkjip_xl.errors import CellProblem, LkjipError, NeedsConfirmation
from lkjip_xl.journal import Journal
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import Gateway, current_user

__all__ = [
    "correct_event",
    "correct_text",
    "finish_step",
    "journal_for",
    "parse_waktu",
    "rebuild_steps",
    "sop_report",
    "start_step",
    "step_status",
    "undo_last",
    "void_event",
    "void_text",
]

Waktu = str | dt.datetime | None


def journal_for(gw: Gateway, tahun: int | None = None) -> Journal:
    """The journal next to the gateway's workbook, scoped to the workbook's report year."""
    return Journal(gw.workspace.journal, tahun if tahun is not None else gw.profile().tahun)


def parse_waktu(waktu: Waktu, cal: WorkCalendar, now: dt.datetime) -> dt.datetime:
    """The event time: ``now`` when absent; a datetime or text as staff type it otherwise.

    Text: ``05/01/2026 08.00``, ``5-1-2026 8:00``, ``08.00`` (today), ISO 8601; a date alone is
    the start of office hours that day (see :func:`~lkjip_xl.domain.worktime.parse_datetime_text`).
    A time without a UTC offset is office local time (WIB by default). Seconds are dropped:
    the SOP is measured to the minute.
    """
    if waktu is None or (isinstance(waktu, str) and not waktu.strip()):
        t = now
    elif isinstance(waktu, dt.datetime):
        t = waktu
    else:
        try:
            t, has_time = parse_datetime_text(waktu, cal.local(now).date())
        except ValueError:
            raise LkjipError(
                f"Waktu '{waktu}' tidak dapat dibaca.",
                [
                    CellProblem(
                        "Format waktu tidak dikenal.",
                        "Tulis tanggal dan jam seperti 05/01/2026 08.00, jam saja seperti 08.00 "
                        "(hari ini), atau kosongkan untuk waktu sekarang (tanggal saja = jam "
                        "masuk kantor).",
                    )
                ],
            ) from None
        if not has_time:
            t = cal.day_start(t.date())
    return cal.local(t).replace(second=0, microsecond=0)


def _now(cal: WorkCalendar, now: dt.datetime | None) -> dt.datetime:
    return cal.local(now or clock.now(str(cal.tz))).replace(second=0, microsecond=0)


def _person(profile: Profile, step: sop.SopStep, oleh: str | None) -> dict[str, str]:
    """Who did it: the step's pelaksana from Pengaturan, or ``oleh`` (a role or a name)."""
    wanted = (oleh or "").strip()
    role = step.pelaksana
    if wanted:
        by_label = {v.lower(): k for k, v in ROLE_LABELS.items()}
        key = wanted.lower()
        named = next((o for o in profile.pejabat if o.nama.strip().lower() == key), None)
        if named is not None:
            return {"peran": named.peran, "oleh": named.nama, "jabatan": named.jabatan}
        if key in ROLE_LABELS or key in by_label:
            role = by_label.get(key, key)
        else:
            return {"peran": role, "oleh": wanted, "jabatan": ""}
    official = next((o for o in profile.pejabat if o.peran == role), None)
    if official is None:
        # e.g. step 3 is done by several Kasi/Lurah: record the role only.
        return {"peran": role, "oleh": "", "jabatan": ROLE_LABELS.get(role, role)}
    return {"peran": role, "oleh": official.nama, "jabatan": official.jabatan}


def _context(gw: Gateway) -> tuple[Profile, WorkCalendar, tuple[sop.SopStep, ...]]:
    profile = gw.profile()
    return profile, WorkCalendar.from_profile(profile), sop.steps_for(profile)


def sop_report(
    events: list[dict[str, Any]], profile: Profile, now: dt.datetime | None = None
) -> sop.SopReport:
    """Measure and plan the SOP from journal events (pure; used by status, sheet and report)."""
    cal = WorkCalendar.from_profile(profile)
    return sop.report_for(events, profile, _now(cal, now))


ADOPTED_WARNING = (
    "Jurnal langkah SOP tidak ditemukan di {path}, padahal sheet Tahapan SOP berisi waktu "
    "langkah; waktu itu {verb} dari sheet ({n} catatan). Bila workbook dipindah, salin juga "
    "folder 'jurnal' di sampingnya."
)


def _sheet_fallback(
    gw: Gateway, events: list[dict[str, Any]], cal: WorkCalendar, journal: Journal
) -> list[Any]:
    """Events recovered from the sheet when the journal has no step events (else none).

    Only times that can belong to the journal's report year are recovered: after ``tahun``
    was moved on by hand, last year's times on the sheet are not this year's steps.
    """
    if sop.step_events(events):
        return []
    try:
        rows = gw.read_rows(S.TAHAPAN_T)
    except LkjipError:
        return []
    return [e for e in sop.events_from_sheet(rows, cal) if journal.belongs(e)]


def _adopt(gw: Gateway, journal: Journal, events: list[dict[str, Any]], cal: WorkCalendar) -> str:
    """Inside the journal transaction: append sheet-recovered events; return a warning or ''."""
    recovered = _sheet_fallback(gw, events, cal, journal)
    for e in recovered:
        data = {k: v for k, v in e.items() if k != "jenis"}
        events.append(journal.append(e["jenis"], **data, pengguna=current_user()))
    if not recovered:
        return ""
    return ADOPTED_WARNING.format(path=journal.path, n=len(recovered), verb="dicatat ke jurnal")


def _write_sheet(gw: Gateway, report: sop.SopReport, profile: Profile) -> None:
    gw.write_rows(S.TAHAPAN_T, sop.sheet_rows(report))
    _write_holidays(gw, profile)


def _write_holidays(gw: Gateway, profile: Profile) -> None:
    """Days off of the report year and the next into the hidden list behind NETWORKDAYS
    (Beranda's "Sisa hari kerja"), so Excel counts working days as the SOP does."""
    cal = WorkCalendar.from_profile(profile)
    days = [
        d for d, _ in cal.days_off(dt.date(profile.tahun, 1, 1), dt.date(profile.tahun + 1, 12, 31))
    ][: S.HOLIDAY_ROWS]
    first = S.UNIT.header_row + 1
    for i in range(S.HOLIDAY_ROWS):
        gw.write_cell(
            S.PENGATURAN, f"{S.HOLIDAY_COL}{first + i}", days[i] if i < len(days) else None
        )


def _record(
    gw: Gateway,
    jenis: str,
    no: int,
    *,
    oleh: str | None,
    waktu: Waktu,
    catatan: str,
    dokumen: str,
    paksa: bool,
    alasan: str,
    now: dt.datetime | None,
) -> ActionResult:
    profile, cal, steps = _context(gw)
    current = _now(cal, now)
    when = parse_waktu(waktu, cal, current)
    late = jenis == sop.START and no == 1 and cal.local(when).date() > profile.due_date()
    if late and not paksa:
        raise _late_start(gw, profile)
    order_paksa = paksa and no > 1  # for step 1, --paksa only confirms a passed deadline
    journal = journal_for(gw, profile.tahun)
    with journal.transaction():
        events = journal.events()
        adopted = _adopt(gw, journal, events, cal)
        states = sop.replay(events, steps)
        if jenis == sop.START:
            sop.check_start(states, no, when, now=current, paksa=order_paksa, alasan=alasan)
        else:
            sop.check_finish(states, no, when, now=current)
        step = steps[no - 1]
        event = journal.append(
            jenis,
            id=uuid.uuid4().hex[:12],
            no=no,
            pada=when.isoformat(),
            **_person(profile, step, oleh),
            catatan=catatan.strip(),
            dokumen=dokumen.strip(),
            paksa=bool(order_paksa and jenis == sop.START),
            alasan=alasan.strip() if paksa else "",
            pengguna=current_user(),
            **({"lewat_batas": profile.due_date().isoformat()} if late else {}),
        )
        events.append(event)
    report = sop.evaluate(sop.replay(events, steps), cal, current, profile.due_date())
    _write_sheet(gw, report, profile)
    r = report.steps[no - 1]
    who = sop.person_text(event)
    kata = "dimulai" if jenis == sop.START else "selesai"
    pesan = f"Langkah {no} ({step.aktivitas}) {kata} {format_datetime(when)}"
    pesan += f" oleh {who}." if who else "."
    if jenis == sop.FINISH:
        pesan += (
            f" Durasi {report.duration_text(r.durasi_menit)} waktu kerja "
            f"(mutu baku {step.mutu_baku}): {report.status_text(r)}."
        )
    elif r.batas_mutu_baku is not None:
        batas = format_datetime(r.batas_mutu_baku)
        pesan += f" Mutu baku {step.mutu_baku}: selesai paling lambat {batas}."
    rincian = pesan
    if order_paksa and jenis == sop.START:
        rincian += f" Dipaksa sebelum langkah {no - 1} selesai, alasan: {alasan.strip()}."
    if late:
        rincian += (
            f" Dimulai setelah batas penyampaian LKjIP tahun {profile.tahun} "
            f"({format_date(profile.due_date())}), dikonfirmasi."
        )
    gw.log("Mulai langkah SOP" if jenis == sop.START else "Selesai langkah SOP", rincian)
    peringatan = list(report.peringatan)
    if order_paksa and jenis == sop.START:
        peringatan.insert(0, f"Langkah {no} dimulai dengan --paksa: {alasan.strip()}")
    if adopted:
        peringatan.insert(0, adopted)
    return ActionResult(pesan, data=report.to_json(), peringatan=peringatan)


def _late_start(gw: Gateway, profile: Profile) -> NeedsConfirmation:
    """Step 1 after the report year's deadline: most likely the workbook's year is wrong."""
    from lkjip_xl.workbook.year_checks import deadline_passed

    due = format_date(profile.due_date())
    problems = deadline_passed(gw) or []
    return NeedsConfirmation(
        f"Batas penyampaian LKjIP tahun {profile.tahun} ({due}) sudah lewat. Langkah 1 tidak "
        f"dicatat. Bila memang LKjIP tahun {profile.tahun} yang disusun, ulangi dengan --paksa; "
        f"untuk LKjIP tahun {profile.tahun + 1} buat workbook baru dengan 'lkjip tahun-baru'.",
        problems,
        pertanyaan=(
            f"Batas penyampaian LKjIP tahun {profile.tahun} ({due}) sudah lewat.\n\n"
            f"Tetap mulai Langkah 1 untuk LKjIP tahun {profile.tahun}?\n\n"
            f"Pilih Tidak bila yang dimaksud LKjIP tahun {profile.tahun + 1}: buat workbook "
            "baru dengan tombol Workbook Tahun Baru (atau ubah Tahun kinerja di Pengaturan)."
        ),
        konfirmasi={"paksa": True},
    )


def start_step(
    gw: Gateway,
    no: int,
    *,
    oleh: str | None = None,
    waktu: Waktu = None,
    catatan: str = "",
    dokumen: str = "",
    paksa: bool = False,
    alasan: str = "",
    now: dt.datetime | None = None,
) -> ActionResult:
    """Record the start of SOP step ``no`` (1–8).

    ``oleh``: a role (``camat``, ``Sekcam``, …) or a name; default the step's pelaksana from
    Pengaturan. ``waktu``: ISO 8601 or datetime, default now. ``paksa`` with ``alasan`` starts a
    step before the previous one finished; for step 1 ``paksa`` confirms a start after the
    report year's deadline (otherwise :class:`NeedsConfirmation` is raised and nothing is
    recorded). ``now`` is for tests.
    """
    return _record(
        gw,
        sop.START,
        no,
        oleh=oleh,
        waktu=waktu,
        catatan=catatan,
        dokumen=dokumen,
        paksa=paksa,
        alasan=alasan,
        now=now,
    )


def finish_step(
    gw: Gateway,
    no: int,
    *,
    oleh: str | None = None,
    waktu: Waktu = None,
    catatan: str = "",
    dokumen: str = "",
    now: dt.datetime | None = None,
) -> ActionResult:
    """Record the finish of SOP step ``no``; it must have been started."""
    return _record(
        gw,
        sop.FINISH,
        no,
        oleh=oleh,
        waktu=waktu,
        catatan=catatan,
        dokumen=dokumen,
        paksa=False,
        alasan="",
        now=now,
    )


def undo_last(gw: Gateway, alasan: str, *, now: dt.datetime | None = None) -> ActionResult:
    """Cancel the latest start/finish still in force. The undo is itself a journal event."""
    if not (alasan or "").strip():
        raise LkjipError(
            "Membatalkan catatan langkah memerlukan alasan.",
            [CellProblem("Alasan kosong.", 'Tambahkan --alasan "..." (mis. salah tekan tombol).')],
        )
    profile, cal, steps = _context(gw)
    current = _now(cal, now)
    journal = journal_for(gw, profile.tahun)
    with journal.transaction():
        events = journal.events()
        adopted = _adopt(gw, journal, events, cal)
        target = sop.undo_target(events)
        event = journal.append(
            sop.UNDO,
            id=uuid.uuid4().hex[:12],
            batal_id=target["id"],
            no=target["no"],
            jenis_batal=target["jenis"],
            alasan=alasan.strip(),
            pengguna=current_user(),
        )
        events.append(event)
    report = sop.evaluate(sop.replay(events, steps), cal, current, profile.due_date())
    _write_sheet(gw, report, profile)
    kata = "mulai" if target["jenis"] == sop.START else "selesai"
    pada = sop.parse_time(target.get("pada"))
    pesan = (
        f"Catatan {kata} langkah {target['no']}"
        + (f" ({format_datetime(cal.local(pada))})" if pada else "")
        + f" dibatalkan. Alasan: {alasan.strip()}."
    )
    gw.log("Batal langkah SOP", pesan)
    peringatan = ([adopted] if adopted else []) + list(report.peringatan)
    return ActionResult(pesan, data=report.to_json(), peringatan=peringatan)


_KIND_WORDS = {"mulai": sop.START, "start": sop.START, "selesai": sop.FINISH, "finish": sop.FINISH}


def _kind(word: str) -> str:
    kind = _KIND_WORDS.get((word or "").strip().lower())
    if kind is None:
        raise LkjipError(
            f"'{word}' bukan jenis catatan langkah.",
            [CellProblem("Jenis catatan tidak dikenal.", "Tulis 'mulai' atau 'selesai'.")],
        )
    return kind


def _need_reason(alasan: str, what: str) -> str:
    if not (alasan or "").strip():
        raise LkjipError(
            f"{what} memerlukan alasan.",
            [CellProblem("Alasan kosong.", 'Tambahkan --alasan "..." (mis. salah jam).')],
        )
    return alasan.strip()


def _amend(
    gw: Gateway,
    no: int,
    kind: str,
    alasan: str,
    *,
    waktu: Waktu = None,
    correct: bool,
    now: dt.datetime | None,
) -> ActionResult:
    """Correct the time of (``correct``) or void the start/finish of step ``no`` in force."""
    profile, cal, steps = _context(gw)
    current = _now(cal, now)
    if correct and (waktu is None or (isinstance(waktu, str) and not waktu.strip())):
        raise LkjipError(
            "Koreksi waktu memerlukan waktu yang benar.",
            [CellProblem("Waktu kosong.", 'Tambahkan --waktu "05/01/2026 08.00".')],
        )
    when = parse_waktu(waktu, cal, current) if correct else None
    journal = journal_for(gw, profile.tahun)
    kata = "mulai" if kind == sop.START else "selesai"
    with journal.transaction():
        events = journal.events()
        adopted = _adopt(gw, journal, events, cal)
        target = sop.find_event(events, no, kind)
        new: list[dict[str, Any]] = []
        if correct:
            new.append(
                {
                    "jenis": sop.CORRECT,
                    "id": uuid.uuid4().hex[:12],
                    "koreksi_id": target["id"],
                    "no": no,
                    "jenis_koreksi": kind,
                    "pada": when.isoformat() if when else None,
                    "alasan": alasan,
                    "pengguna": current_user(),
                }
            )
        else:
            victims = [target]
            if kind == sop.START:  # a finish without its start means nothing: void both
                finish = next(
                    (
                        e
                        for e in sop.effective_events(events)
                        if e["jenis"] == sop.FINISH and int(e.get("no", 0)) == no
                    ),
                    None,
                )
                if finish is not None:
                    victims.append(finish)
            for v in victims:
                new.append(
                    {
                        "jenis": sop.UNDO,
                        "id": uuid.uuid4().hex[:12],
                        "batal_id": v["id"],
                        "no": no,
                        "jenis_batal": v["jenis"],
                        "alasan": alasan,
                        "pengguna": current_user(),
                    }
                )
        states = sop.replay([*events, *new], steps)
        if correct:
            sop.check_sequence(states, current)
        for e in new:
            events.append(journal.append(e.pop("jenis"), **e))
    report = sop.evaluate(sop.replay(events, steps), cal, current, profile.due_date())
    _write_sheet(gw, report, profile)
    old = sop.parse_time(target.get("pada"))
    old_text = format_datetime(cal.local(old)) if old else "-"
    if correct:
        assert when is not None
        pesan = (
            f"Waktu {kata} langkah {no} dikoreksi dari {old_text} menjadi "
            f"{format_datetime(when)}. Alasan: {alasan}."
        )
        aksi = "Koreksi waktu langkah SOP"
    else:
        pesan = f"Catatan {kata} langkah {no} ({old_text}) dibatalkan"
        if len(new) > 1:
            pesan += " beserta catatan selesainya"
        pesan += f". Alasan: {alasan}."
        aksi = "Batal langkah SOP"
    gw.log(aksi, pesan)
    peringatan = ([adopted] if adopted else []) + list(report.peringatan)
    return ActionResult(pesan, data=report.to_json(), peringatan=peringatan)


def correct_event(
    gw: Gateway,
    no: int,
    jenis: str,
    waktu: Waktu,
    alasan: str,
    *,
    now: dt.datetime | None = None,
) -> ActionResult:
    """Correct the time of the start (``jenis`` "mulai") or finish ("selesai") of step ``no``,
    not only the last event. The journal keeps the original event and the correction."""
    reason = _need_reason(alasan, "Mengoreksi waktu langkah")
    return _amend(gw, no, _kind(jenis), reason, waktu=waktu, correct=True, now=now)


def void_event(
    gw: Gateway, no: int, jenis: str, alasan: str, *, now: dt.datetime | None = None
) -> ActionResult:
    """Void the start ("mulai") or finish ("selesai") of step ``no`` (any step, not only the
    last event); voiding a start voids its finish too. The journal keeps everything."""
    reason = _need_reason(alasan, "Membatalkan catatan langkah")
    return _amend(gw, no, _kind(jenis), reason, correct=False, now=now)


def _target_text(text: str) -> tuple[int, str] | None:
    """``"3 selesai"`` → (3, "selesai"); None when the text names no step."""
    import re

    m = re.fullmatch(r"(?:langkah\s*)?([1-8])\s+(mulai|selesai)", text.strip(), re.IGNORECASE)
    return (int(m.group(1)), m.group(2).lower()) if m else None


def void_text(gw: Gateway, teks: str, *, now: dt.datetime | None = None) -> ActionResult:
    """The ribbon's "Batalkan Catatan": ``"3 selesai; alasan"`` voids that event; a reason
    alone voids the latest event still in force."""
    parts = [p.strip() for p in (teks or "").split(";", 1)]
    target = _target_text(parts[0]) if len(parts) == 2 else None
    if target is None:
        return undo_last(gw, teks, now=now)
    return void_event(gw, target[0], target[1], parts[1], now=now)


def correct_text(gw: Gateway, teks: str, *, now: dt.datetime | None = None) -> ActionResult:
    """The ribbon's "Koreksi Waktu": ``"3 mulai; 05/01/2026 08.00; alasan"``."""
    parts = [p.strip() for p in (teks or "").split(";", 2)]
    target = _target_text(parts[0]) if parts else None
    if target is None or len(parts) < 3:
        raise LkjipError(
            f"Isian '{teks}' tidak dapat dibaca.",
            [
                CellProblem(
                    "Tulis langkah, jenis catatan, waktu yang benar dan alasan, dipisah titik "
                    "koma.",
                    "Contoh: 3 mulai; 06/01/2026 07.45; salah ketik jam.",
                )
            ],
        )
    return correct_event(gw, target[0], target[1], parts[1], parts[2], now=now)


def step_status(gw: Gateway, *, now: dt.datetime | None = None) -> ActionResult:
    """Where the SOP stands (read-only). ``data`` is the ``lkjip step status --json`` contract."""
    profile = gw.profile()
    journal = journal_for(gw, profile.tahun)
    events = journal.events()
    recovered = _sheet_fallback(gw, events, WorkCalendar.from_profile(profile), journal)
    report = sop_report(events + recovered, profile, now)
    if recovered:
        warning = ADOPTED_WARNING.format(path=journal.path, n=len(recovered), verb="dibaca")
        report.peringatan.insert(0, warning)
    data = report.to_json()
    peringatan = [*_date_notes(gw), *report.peringatan]
    return ActionResult(_summary(report), data=data, peringatan=peringatan)


def _date_notes(gw: Gateway) -> list[str]:
    """Pengaturan date cells the step figures need (deadline, extra days off) that cannot be
    read: the figures use the default deadline / leave the day out, and say so once."""
    from lkjip_xl.workbook.profile_io import unreadable_dates

    return [p.text() for p in unreadable_dates(gw, ("batas_penyampaian", "libur"))]


def rebuild_steps(gw: Gateway, *, now: dt.datetime | None = None) -> ActionResult:
    """Rewrite the ``Tahapan SOP`` sheet from the journal."""
    profile = gw.profile()
    cal = WorkCalendar.from_profile(profile)
    journal = journal_for(gw, profile.tahun)
    with journal.transaction():
        events = journal.events()
        adopted = _adopt(gw, journal, events, cal)
    report = sop_report(events, profile, now)
    _write_sheet(gw, report, profile)
    evs = sop.step_events(events)
    undos = sum(1 for e in evs if e["jenis"] == sop.UNDO)
    detail = f"{len(evs)} catatan langkah" + (f", {undos} di antaranya pembatalan" if undos else "")
    pesan = f"Sheet '{S.TAHAPAN}' ditulis ulang dari jurnal ({detail})."
    gw.log("Bangun ulang Tahapan SOP", pesan)
    peringatan = ([adopted] if adopted else []) + list(report.peringatan)
    return ActionResult(pesan, data=report.to_json(), peringatan=peringatan)


def _summary(report: sop.SopReport) -> str:
    done = sum(1 for r in report.steps if r.selesai is not None)
    parts = [f"{done} dari {len(report.steps)} langkah SOP selesai."]
    for r in report.current:
        parts.append(
            f"Sedang berjalan: langkah {r.step.no} ({r.step.aktivitas}), "
            f"{format_duration(r.berjalan_menit or 0, report.day_minutes)} dari mutu baku "
            f"{r.step.mutu_baku}."
        )
    if not report.current and report.next_step is not None:
        parts.append(f"Berikutnya: langkah {report.next_step.step.no}.")
    return " ".join(parts)
