"""``lkjip demo``: run all eight SOP steps headless on demo data.

Everything goes through the same actions the ribbon and the CLI use: the
workbook is built, filled, forms go out as e-mail drafts, units return them
(one with mistakes, rejected, then corrected), the report is drafted,
corrected and finalised, the letter is numbered, everything is archived, and the year's
package for the Bagian Organisasi is written.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from lkjip_xl import clock
from lkjip_xl.actions.base import ActionResult
from lkjip_xl.actions.ikm_source import IKM_POPULASI_CELL
from lkjip_xl.demo import data
from lkjip_xl.domain.profile import Profile
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

Progress = Callable[[str], None]

WIB = ZoneInfo("Asia/Jakarta")


@contextmanager
def _at(t: dt.datetime) -> Iterator[None]:
    """Run the actions inside as if it were ``t`` (the shared clock reads LKJIP_SEKARANG)."""
    old = os.environ.get(clock.CLOCK_ENV)
    os.environ[clock.CLOCK_ENV] = t.isoformat()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(clock.CLOCK_ENV, None)
        else:
            os.environ[clock.CLOCK_ENV] = old


def _t(day: dt.date, hh: int, mm: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=WIB)


def _schedule(tahun: int) -> dict[int, tuple[dt.datetime, dt.datetime]]:
    """Plausible start/finish times for the eight steps in January of the next year."""
    y = tahun + 1
    d = [dt.date(y, 1, day) for day in (5, 6, 9, 12, 13, 14)]
    return {
        1: (_t(d[0], 8, 0), _t(d[0], 8, 7)),
        2: (_t(d[0], 8, 30), _t(d[0], 14, 10)),
        3: (_t(d[1], 7, 45), _t(d[2], 10, 0)),
        4: (_t(d[2], 10, 30), _t(d[3], 15, 0)),
        5: (_t(d[4], 8, 0), _t(d[4], 15, 30)),
        6: (_t(d[5], 8, 15), _t(d[5], 8, 55)),
        7: (_t(d[5], 9, 0), _t(d[5], 9, 4)),
        8: (_t(d[5], 10, 0), _t(d[5], 10, 50)),
    }


def _header_map(ws: Any) -> tuple[int, dict[str, int]]:
    """Find the form's header row (the one with 'Realisasi') → (row, header → column)."""
    for row in ws.iter_rows(min_row=1, max_row=30):
        names = {str(c.value).strip(): c.column for c in row if c.value is not None}
        if "Realisasi" in names and "Kode" in names:
            return row[0].row, names
    raise LkjipError("Formulir demo tidak memiliki kolom 'Kode' dan 'Realisasi'.")


def fill_form(
    form: Path,
    dest: Path,
    values: dict[str, str],
    note: str = "",
    narasi: dict[str, dict[str, str]] | None = None,
) -> Path:
    """Fill a unit's form as a Lurah would: realisasi (Indonesian writing), evidence and the
    narrative columns (faktor, kendala, solusi, efisiensi)."""
    import openpyxl

    from lkjip_xl.domain.narasi import INDICATOR_FIELDS

    wb = openpyxl.load_workbook(form)
    ws = wb["Isian"]
    header, cols = _header_map(ws)
    for r in range(header + 1, ws.max_row + 1):
        kode = ws.cell(r, cols["Kode"]).value
        if kode is None or str(kode) not in values:
            continue
        ws.cell(r, cols["Realisasi"]).value = values[str(kode)]
        if "Keterangan" in cols:
            ws.cell(r, cols["Keterangan"]).value = note or "Sesuai laporan bulanan."
        if "Bukti Dukung" in cols:
            ws.cell(r, cols["Bukti Dukung"]).value = f"Laporan {kode}.pdf"
        for f in INDICATOR_FIELDS:
            text = (narasi or {}).get(str(kode), {}).get(f.key)
            if text and f.header in cols:
                ws.cell(r, cols[f.header]).value = text
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest


def reply_eml(draft: Path, attachment: Path, dest: Path) -> Path:
    """A unit's reply to the form e-mail, with the filled form attached."""
    original = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    msg = EmailMessage()
    msg["From"] = original["To"] or "unit@contoh.go.id"
    msg["To"] = original["From"] or "kecamatan@contoh.go.id"
    msg["Subject"] = "Re: " + str(original["Subject"] or "Format data LKjIP")
    msg.set_content("Terlampir formulir data kinerja yang sudah kami isi.\n\nTerima kasih.")
    msg.add_attachment(
        attachment.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=attachment.name,
    )
    dest.write_bytes(msg.as_bytes())
    return dest


def _fill_returned_forms(
    profile: Profile, forms_out: list[Path], drafts_out: list[Path], folder: Path
) -> tuple[list[Path], Path | None]:
    """Every unit fills its form; half reply by e-mail, half send the file.

    One kelurahan writes its realisasi in words and leaves others empty: that form is
    rejected on import. Returns the files to import and the faulty unit's blank form.
    """
    values = data.realisasi(profile)
    narasi = data.indicator_narratives(profile)
    drafts = {p.stem: p for p in drafts_out if p.suffix == ".eml"}
    kelurahan = [u for u in profile.form_units if u.jenis == "kelurahan"]
    faulty_unit = kelurahan[min(3, len(kelurahan) - 1)] if kelurahan else profile.form_units[0]
    faulty: Path | None = None
    inbox: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    forms = sorted((p for p in forms_out if p.suffix == ".xlsx"), key=lambda p: p.name)
    for i, form in enumerate(forms):
        filled = folder / form.name
        if faulty_unit.nama.replace(" ", "_") in form.name:
            wrong = {k: ("sembilan puluh" if k.startswith("KEL") else "") for k in values}
            fill_form(form, filled, {**values, **wrong})
            faulty = form
        else:
            fill_form(form, filled, values, narasi=narasi)
        draft = next((d for stem, d in drafts.items() if form.stem in stem), None)
        if draft is not None and i % 2 == 0:
            inbox.append(reply_eml(draft, filled, folder / (form.stem + ".eml")))
        else:
            inbox.append(filled)
    return inbox, faulty


def _saved_at(path: Path, when: dt.datetime) -> Path:
    """Set a filled form's save time (docProps/core.xml) to ``when``, as the unit's computer
    records it; openpyxl stamps the real time of saving, which the demo's clock is not."""
    import re
    import zipfile

    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as zin:
        parts = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item, content in parts:
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            zout.writestr(item, content)
    return path


QUARTER_FACTOR = (0.96, 0.85, 1.0, 1.03)
"""Demo realisation of each quarter as a share of its target (TW II a little behind)."""


def _quarter_values(
    forms: list[Path],
    tw: int,
    low: str,
    year: dict[str, tuple[str, float | None]] | None = None,
    earlier: dict[str, float] | None = None,
) -> dict[str, tuple[str, str, str, str]]:
    """Kode → (realisasi, kendala, langkah, Perlu Keputusan Camat) for the quarter forms:
    the quarter's target (read from the form) times :data:`QUARTER_FACTOR`; indicator ``low``
    falls well behind in triwulan II and its unit asks for the Camat's decision. In triwulan
    IV the figures close the year: ``year`` maps kode → (rule, the year's realisation the
    units report), so the year's figure by the rule equals it (``earlier``: the sum of
    triwulan I–III for a Kumulatif indicator)."""
    import openpyxl

    from lkjip_xl.domain.numbers import format_id, round_half_up

    out: dict[str, tuple[str, str, str, str]] = {}
    for form in forms:
        ws = openpyxl.load_workbook(form, read_only=True)["Isian"]
        rows = list(ws.iter_rows(values_only=True))
        head = next(i for i, r in enumerate(rows) if r and "Kode" in r and "Realisasi" in r)
        cols = {str(h): j for j, h in enumerate(rows[head]) if h}
        target_col = next(j for h, j in cols.items() if h.startswith("Target"))
        for r in rows[head + 1 :]:
            kode, target, satuan = r[cols["Kode"]], r[target_col], r[cols["Satuan"]]
            if not kode or not isinstance(target, int | float):
                continue
            factor = 0.7 if (kode == low and tw == 2) else QUARTER_FACTOR[tw - 1]
            value = round_half_up(float(target) * factor, 2)
            if satuan != "%" and float(target).is_integer():  # documents, cases: whole
                value = float(round_half_up(value, 0))
            rule, annual = (year or {}).get(str(kode), ("", None))
            if tw == 4 and annual is not None:
                so_far = (earlier or {}).get(str(kode), 0.0) if rule == "Kumulatif" else 0.0
                value = round_half_up(annual - so_far, 2)
            text = format_id(value, 0 if float(value).is_integer() else 2)
            if kode == low and tw == 2:
                out[str(kode)] = (
                    text,
                    "Wajib pajak banyak yang pindah domisili; data SPPT belum diperbarui.",
                    "Pemutakhiran data SPPT bersama Bapenda dan penagihan door to door.",
                    "Ya",
                )
            elif factor < 1:
                out[str(kode)] = (
                    text,
                    "Kegiatan baru berjalan sebagian.",
                    "Percepatan jadwal kegiatan pada triwulan berikutnya.",
                    "Tidak",
                )
            else:
                out[str(kode)] = (text, "", "", "Tidak")
    return out


def _fill_quarter_form(
    form: Path, dest: Path, values: dict[str, tuple[str, str, str, str]], saved: dt.datetime
) -> Path:
    """A unit fills its quarter form (realisasi, kendala, langkah, Perlu Keputusan Camat)."""
    import openpyxl

    wb = openpyxl.load_workbook(form)
    ws = wb["Isian"]
    header, cols = _header_map(ws)
    for r in range(header + 1, ws.max_row + 1):
        kode = ws.cell(r, cols["Kode"]).value
        if kode is None or str(kode) not in values:
            continue
        real, kendala, langkah, flag = values[str(kode)]
        ws.cell(r, cols["Realisasi"]).value = real
        ws.cell(r, cols["Kendala/Penghambat"]).value = kendala or None
        ws.cell(r, cols["Solusi/Langkah"]).value = langkah or None
        ws.cell(r, cols["Perlu Keputusan Camat"]).value = flag
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return _saved_at(dest, saved)


def _quarter_rounds(
    wb: Path, out: Path, profile: Profile, say: Progress
) -> tuple[list[str], list[Path], dict[str, Any]]:
    """The year's four quarterly rounds (issue 22): quarter forms out, back (one unit late in
    triwulan II, one correction in triwulan III), and the monev report of each quarter."""
    from lkjip_xl.actions import forms
    from lkjip_xl.actions.monev import monev
    from lkjip_xl.domain.worktime import WorkCalendar
    from lkjip_xl.forms.deadline import quarter_deadline, quarter_end

    cal = WorkCalendar.from_profile(profile)
    kelurahan = [u for u in profile.form_units if u.jenis == "kelurahan"]
    late_unit = kelurahan[-1].nama.replace(" ", "_") if kelurahan else ""
    low = "KEL-02"
    lines: list[str] = []
    files: list[Path] = []
    summary: dict[str, Any] = {"terlambat": {}, "koreksi": {}, "monev": []}
    from lkjip_xl.actions.kinerja import kinerja
    from lkjip_xl.actions.triwulan import rencana
    from lkjip_xl.domain.numbers import parse_number

    with open_workbook(wb) as gw:
        plan = rencana(gw, kinerja(gw).indikator)
    year = {
        k: (plan[k].aturan, parse_number(v))
        for k, v in data.realisasi(profile).items()
        if k in plan
    }
    so_far: dict[str, float] = {}
    for tw in (1, 2, 3, 4):
        say(f"Triwulan {('I', 'II', 'III', 'IV')[tw - 1]}: formulir, kiriman unit, laporan monev")
        start = cal.next_working_day(quarter_end(profile.tahun, tw))
        due = quarter_deadline(profile, tw).batas.replace(minute=0)
        with _at(_t(start, 9, 0)), open_workbook(wb, write=True) as gw:
            exported = forms.export_forms(gw, triwulan=tw)
        sent = [p for p in exported.files if p.suffix == ".xlsx"]
        values = _quarter_values(sent, tw, low, year, so_far)
        for kode, (text, *_rest) in values.items():
            so_far[kode] = so_far.get(kode, 0.0) + float(parse_number(text) or 0.0)
        back = out / "balasan_unit" / f"TW{tw}"
        # Most units answer the same day (so triwulan IV is done before the LKjIP's SOP
        # starts in January); in triwulan II one kelurahan answers after the deadline, in
        # triwulan III one unit corrects a figure the next working day.
        on_time = _t(start, 14, 0)
        late = tw == 2
        batch = [
            _fill_quarter_form(p, back / p.name, values, on_time - dt.timedelta(hours=1))
            for p in sent
            if not (late and late_unit and late_unit in p.name)
        ]
        with _at(on_time), open_workbook(wb, write=True) as gw:
            lines.append(forms.import_forms(gw, batch, triwulan=tw).pesan)
        after = _t(start, 15, 0)
        later: list[Path] = []
        if late:  # one kelurahan sends its form the day after the deadline
            after = due + dt.timedelta(days=1)
            later += [
                _fill_quarter_form(p, back / "terlambat" / p.name, values, after)
                for p in sent
                if late_unit and late_unit in p.name
            ]
            summary["terlambat_unit"] = late_unit.replace("_", " ")
        if tw == 3:  # one unit corrects a figure after its first form
            after = _t(cal.next_working_day(start), 10, 0)
            fixed = dict(values)
            kode = "IKU-05"
            fixed[kode] = (
                "98",
                "Dua kejadian belum tertangani di akhir September.",
                "Patroli gabungan dengan Polsek.",
                "Tidak",
            )
            summary["koreksi"][f"TW{tw}"] = kode
            later += [
                _fill_quarter_form(p, back / "perbaikan" / p.name, fixed, after)
                for p in sent
                if "Ketenteraman" in p.name
            ]
        with _at(after + dt.timedelta(minutes=30)), open_workbook(wb, write=True) as gw:
            if later:
                lines.append(forms.import_forms(gw, later, triwulan=tw).pesan)
            state = forms.forms_status(gw, triwulan=tw)
            summary["terlambat"][f"TW{tw}"] = state.data["terlambat"]
            report = monev(gw, tw, tanggal=after.date())
        lines += [state.pesan, report.pesan]
        files += [*exported.files, *report.files]
        summary["monev"] += [str(p) for p in report.files]
    return lines, files, summary


def _prepare_workbook(out: Path, profile: Profile) -> Path:
    from lkjip_xl.workbook.build import build_workbook

    wb = out / f"LKjIP_{profile.opd_singkat}.xlsm"
    build_workbook(wb, profile)
    with open_workbook(wb, write=True) as gw:
        gw.write_rows(S.FORMAT, data.indicators(profile))
        gw.write_rows(S.skm_table(profile.aturan.ikm_regulasi), data.skm_responses(profile))
        gw.write_rows(S.SAKIP_T, data.sakip_history(profile.tahun))
        gw.write_rows(S.ANGGARAN_T, data.budget())
        gw.write_rows(S.TINDAK_LANJUT_LHE_T, data.lhe_follow_up(profile.tahun - 1))
        gw.write_cell(S.IKM, IKM_POPULASI_CELL, data.SERVICE_USERS)
        settings = data.settings(profile)
        gw.write_rows(
            S.PROFIL,
            [
                {**r, "nilai": settings.get(str(r.get("kunci")), r.get("nilai"))}
                for r in gw.read_rows(S.PROFIL)
            ],
        )
        narasi = gw.read_rows(S.NARASI_T)
        for row in narasi:
            row["isi"] = row.get("isi") or data.NARASI_SHEET.get(str(row.get("kunci")))
        gw.write_rows(S.NARASI_T, narasi)
        gw.log("demo", "Workbook demo dibuat dan diisi data contoh.")
    return wb


def _sekcam_edits(draft: Path) -> None:
    """The Sekcam corrects the draft in Word: the kesimpulan slot gets a closing sentence
    (taken back into the Narasi sheet when the next version is made)."""
    from lkjip_xl.report.slots import read_document, set_slot_text

    current = {s.key: s.text for s in read_document(draft).slots}
    text = current.get("narasi:kesimpulan", "")
    set_slot_text(
        draft,
        "narasi:kesimpulan",
        (text + " " if text else "")
        + "Capaian ini menjadi dasar penyusunan rencana aksi tahun berikutnya.",
    )


def run_demo(
    out: Path, *, tahun: int = 2025, pdf: bool = False, progress: Progress | None = None
) -> ActionResult:
    """Run the whole SOP on demo data into ``out``; returns a summary."""
    from lkjip_xl.actions import forms, paket, pk, rencana_aksi, report, steps

    say = progress or (lambda _msg: None)
    out = Path(out)
    profile = data.demo_profile(tahun)
    if (out / f"LKjIP_{profile.opd_singkat}.xlsm").exists():
        raise LkjipError(
            f"Folder {out} sudah berisi workbook demo. Hapus folder itu atau pilih folder lain "
            "dengan --out."
        )
    out.mkdir(parents=True, exist_ok=True)
    sched = _schedule(tahun)
    camat, sekcam = profile.official("camat"), profile.official("sekcam")
    lines: list[str] = []

    say("Menyiapkan workbook dan data contoh")
    wb = _prepare_workbook(out, profile)

    # January of the performance year: the Perjanjian Kinerja (issue 22), two weeks after the DPA.
    say("Januari: Perjanjian Kinerja dan Rencana Aksi")
    signed_pk = dt.date(tahun, 1, 17)
    with _at(_t(signed_pk, 9, 0)), open_workbook(wb, write=True) as gw:
        perjanjian = pk.make_pk(gw, tanggal=signed_pk)
        aksi = rencana_aksi.rencana_aksi(gw, tanggal=signed_pk)
    lines += [perjanjian.pesan, aksi.pesan]

    # The performance year: four quarterly monitoring rounds (issue 22).
    q_lines, q_files, quarters = _quarter_rounds(wb, out, profile, say)
    lines += q_lines

    def run_step(gw: Any, no: int, oleh: str | None = None, **finish: Any) -> None:
        steps.start_step(gw, no, waktu=sched[no][0], oleh=oleh)
        steps.finish_step(gw, no, waktu=sched[no][1], oleh=oleh, **finish)

    # 1. The Camat orders the LKjIP.
    say("Langkah 1: disposisi Camat")
    with _at(sched[1][1]), open_workbook(wb, write=True) as gw:
        run_step(
            gw,
            1,
            camat.nama,
            dokumen="Disposisi Camat",
            catatan="Disposisi penyusunan LKjIP diterima Kasubbag.",
        )

    # 2. The Kasubbag builds and sends the data forms.
    say("Langkah 2: format data dan e-mail ke Kasi/Lurah")
    with _at(sched[2][1]), open_workbook(wb, write=True) as gw:
        steps.start_step(gw, 2, waktu=sched[2][0])
        exported = forms.export_forms(gw)
        mailed = forms.email_forms(gw)
        steps.finish_step(gw, 2, waktu=sched[2][1], dokumen="Format data")
    lines += [exported.pesan, mailed.pesan]

    # 3. Kasi/Lurah fill the forms; one comes back wrong, is rejected, then corrected.
    say("Langkah 3: unit mengisi dan mengembalikan formulir")
    returned = out / "balasan_unit"
    inbox, faulty = _fill_returned_forms(profile, exported.files, mailed.files, returned)
    first_day = sched[3][0] + dt.timedelta(days=1)
    with _at(first_day), open_workbook(wb, write=True) as gw:
        steps.start_step(gw, 3, waktu=sched[3][0])
        first = forms.import_forms(gw, inbox)
    lines.append(first.pesan)
    rejected = [f for f in first.data.get("files", []) if f.get("status") != "diterima"]
    with _at(sched[3][1]), open_workbook(wb, write=True) as gw:
        if faulty is not None:
            corrected = fill_form(
                faulty,
                returned / "perbaikan" / faulty.name,
                data.realisasi(profile),
                note="Perbaikan: angka ditulis ulang.",
                narasi=data.indicator_narratives(profile),
            )
            lines.append(forms.import_forms(gw, [corrected]).pesan)
        steps.finish_step(gw, 3, waktu=sched[3][1], dokumen="Data dan informasi kinerja")

    # 4. The Kasubbag collects, analyses and drafts (the draft is marked DRAFT).
    say("Langkah 4: analisis dan draf LKjIP")
    with _at(sched[4][1]), open_workbook(wb, write=True) as gw:
        steps.start_step(gw, 4, waktu=sched[4][0])
        draft_doc = report.make_report(gw)
        steps.finish_step(gw, 4, waktu=sched[4][1], dokumen="Draf LKjIP")
    lines.append(draft_doc.pesan)

    # 5. The Sekcam corrects (the new version is marked TERKOREKSI).
    say("Langkah 5: koreksi Sekcam")
    with _at(sched[5][1]), open_workbook(wb, write=True) as gw:
        run_step(
            gw,
            5,
            sekcam.nama,
            dokumen="Dokumen LKjIP terkoreksi",
            catatan="Perbaikan redaksi Bab IV (kesimpulan) langsung di Word.",
        )
        _sekcam_edits(Path(draft_doc.data["file"]))
        corrected_doc = report.make_report(gw)
    lines.append(corrected_doc.pesan)

    # 6–7. Approval and signature by the Camat (the final version carries no mark).
    say("Langkah 6–7: persetujuan dan tanda tangan Camat")
    with _at(sched[7][1]), open_workbook(wb, write=True) as gw:
        run_step(gw, 6, sekcam.nama, dokumen="Dokumen LKjIP yang disetujui")
        run_step(gw, 7, camat.nama, dokumen="Dokumen LKjIP yang disahkan")
        final_doc = report.make_report(gw, pdf=pdf)
    lines.append(final_doc.pesan)

    # 8. Cover letter, numbering, copies, archive.
    say("Langkah 8: surat pengantar dan arsip")
    with _at(sched[8][1]), open_workbook(wb, write=True) as gw:
        steps.start_step(gw, 8, waktu=sched[8][0])
        letter = report.make_letter(gw)
        archived = report.archive(gw)
        steps.finish_step(gw, 8, waktu=sched[8][1], dokumen="Surat pengantar, dokumen LKjIP")
    lines += [letter.pesan, archived.pesan]

    # After step 8: the year's package for the Bagian Organisasi (issue 22).
    say("Paket untuk Bagian Organisasi")
    with _at(sched[8][1] + dt.timedelta(minutes=10)), open_workbook(wb, write=True) as gw:
        package = paket.make_paket(gw, pdf=pdf)
    lines.append(package.pesan)

    with _at(sched[8][1]), open_workbook(wb) as gw:
        status = steps.step_status(gw)
    files = [
        wb,
        *perjanjian.files,
        *aksi.files,
        *q_files,
        *exported.files,
        *mailed.files,
        *draft_doc.files,
        *corrected_doc.files,
        *final_doc.files,
        *letter.files,
        *archived.files,
        *package.files,
    ]
    summary = {
        "folder": str(out),
        "workbook": str(wb),
        "perjanjian_kinerja": [str(p) for p in perjanjian.files],
        "rencana_aksi": [str(p) for p in aksi.files],
        "triwulan": quarters,
        "formulir": len([p for p in exported.files if p.suffix == ".xlsx"]),
        "ditolak_pertama": len(rejected),
        "langkah": status.data.get("steps", []),
        "laporan": [str(p) for p in final_doc.files],
        "surat": [str(p) for p in letter.files],
        "arsip": [str(p) for p in archived.files],
        "paket": package.data["folder"],
        "paket_zip": package.data["zip"],
    }
    return ActionResult(
        pesan="Demo selesai: delapan langkah SOP dijalankan.\n" + "\n".join(lines),
        files=files,
        data=summary,
        peringatan=[*status.peringatan, *package.peringatan],
    )
