"""``lkjip demo``: run all eight SOP steps headless on demo data.

Everything goes through the same actions the ribbon and the CLI use: the
workbook is built, filled, forms go out as e-mail drafts, units return them
(one with mistakes, rejected, then corrected), the report is drafted,
corrected and finalised, the letter is numbered and everything is archived.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from lkjip_xl.actions.base import ActionResult
from lkjip_xl.demo import data
from lkjip_xl.domain.profile import Profile, default_profile
from lkjip_xl.errors import LkjipError
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import open_workbook

Progress = Callable[[str], None]

WIB = ZoneInfo("Asia/Jakarta")


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


def fill_form(form: Path, dest: Path, values: dict[str, str], note: str = "") -> Path:
    """Fill a unit's form as a Lurah would: type realisasi (Indonesian writing) and evidence."""
    import openpyxl

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


def _prepare_workbook(out: Path, profile: Profile) -> Path:
    from lkjip_xl.workbook.build import build_workbook

    wb = out / f"LKjIP_{profile.opd_singkat}.xlsm"
    build_workbook(wb, profile)
    with open_workbook(wb, write=True) as gw:
        gw.write_rows(S.FORMAT, data.indicators(profile))
        gw.write_rows(S.skm_table(profile.aturan.ikm_regulasi), data.skm_responses(profile))
        gw.write_rows(S.SAKIP_T, data.sakip_history(profile.tahun))
        gw.write_rows(S.ANGGARAN_T, data.budget())
        gw.log("demo", "Workbook demo dibuat dan diisi data contoh.")
    return wb


def run_demo(
    out: Path, *, tahun: int = 2025, pdf: bool = False, progress: Progress | None = None
) -> ActionResult:
    """Run the whole SOP on demo data into ``out``; returns a summary."""
    from lkjip_xl.actions import forms, report, steps

    say = progress or (lambda _msg: None)
    out = Path(out)
    profile = default_profile(tahun)
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

    def step(no: int, action: Callable[..., ActionResult], **kw: Any) -> None:
        with open_workbook(wb, write=True) as gw:
            action(gw, no, **kw)

    # 1. Camat orders the LKjIP.
    say("Langkah 1: disposisi Camat")
    step(1, steps.start_step, waktu=sched[1][0], oleh=camat.nama)
    step(
        1,
        steps.finish_step,
        waktu=sched[1][1],
        oleh=camat.nama,
        dokumen="Disposisi Camat",
        catatan="Disposisi penyusunan LKjIP diterima Kasubbag.",
    )

    # 2. Kasubbag builds and sends the data forms.
    say("Langkah 2: format data dan e-mail ke Kasi/Lurah")
    step(2, steps.start_step, waktu=sched[2][0])
    with open_workbook(wb, write=True) as gw:
        exported = forms.export_forms(gw)
        mailed = forms.email_forms(gw)
    step(2, steps.finish_step, waktu=sched[2][1], dokumen="Format data")
    lines.append(exported.pesan)
    lines.append(mailed.pesan)

    # 3. Kasi/Lurah fill the forms; one comes back wrong, is rejected, then corrected.
    say("Langkah 3: unit mengisi dan mengembalikan formulir")
    step(3, steps.start_step, waktu=sched[3][0])
    values = data.realisasi(profile)
    forms_by_name = {p.name: p for p in exported.files if p.suffix == ".xlsx"}
    drafts = {p.stem: p for p in mailed.files if p.suffix == ".eml"}
    returned = out / "balasan_unit"
    returned.mkdir(exist_ok=True)
    inbox_first: list[Path] = []
    kelurahan = [u for u in profile.form_units if u.jenis == "kelurahan"]
    faulty_unit = kelurahan[min(3, len(kelurahan) - 1)] if kelurahan else profile.form_units[0]
    faulty_form: Path | None = None
    for i, (name, form) in enumerate(sorted(forms_by_name.items())):
        filled = returned / name
        is_faulty = faulty_unit.nama.replace(" ", "_") in name
        unit_values = dict(values)
        if is_faulty:
            # A Lurah writes a number in words and leaves one realisasi empty.
            wrong = {k: ("sembilan puluh" if k.startswith("KEL") else "") for k in unit_values}
            fill_form(form, filled, {**unit_values, **wrong})
            faulty_form = form
        else:
            fill_form(form, filled, unit_values)
        draft = next((d for stem, d in drafts.items() if Path(name).stem in stem), None)
        if draft is not None and i % 2 == 0:
            inbox_first.append(reply_eml(draft, filled, returned / (Path(name).stem + ".eml")))
        else:
            inbox_first.append(filled)
    with open_workbook(wb, write=True) as gw:
        first = forms.import_forms(gw, inbox_first)
    lines.append(first.pesan)
    rejected = [f for f in first.data.get("files", []) if f.get("status") != "diterima"]
    if faulty_form is not None:
        corrected = fill_form(
            faulty_form,
            returned / "perbaikan" / faulty_form.name,
            values,
            note="Perbaikan: angka ditulis ulang.",
        )
        with open_workbook(wb, write=True) as gw:
            second = forms.import_forms(gw, [corrected])
        lines.append(second.pesan)
    step(3, steps.finish_step, waktu=sched[3][1], dokumen="Data dan informasi kinerja")

    # 4. Kasubbag collects, analyses and drafts.
    say("Langkah 4: analisis dan draf LKjIP")
    step(4, steps.start_step, waktu=sched[4][0])
    with open_workbook(wb, write=True) as gw:
        draft_doc = report.make_report(gw)
    step(4, steps.finish_step, waktu=sched[4][1], dokumen="Draft LKjIP")
    lines.append(draft_doc.pesan)

    # 5. Sekcam corrects.
    say("Langkah 5: koreksi Sekcam")
    step(5, steps.start_step, waktu=sched[5][0], oleh=sekcam.nama)
    step(
        5,
        steps.finish_step,
        waktu=sched[5][1],
        oleh=sekcam.nama,
        dokumen="Dokumen LKjIP terkoreksi",
        catatan="Perbaikan redaksi Bab III.",
    )
    with open_workbook(wb, write=True) as gw:
        corrected_doc = report.make_report(gw)
    lines.append(corrected_doc.pesan)

    # 6–7. Approval and signature by the Camat.
    say("Langkah 6–7: persetujuan dan tanda tangan Camat")
    step(6, steps.start_step, waktu=sched[6][0], oleh=sekcam.nama)
    step(
        6,
        steps.finish_step,
        waktu=sched[6][1],
        oleh=sekcam.nama,
        dokumen="Dokumen LKjIP yang disetujui",
    )
    step(7, steps.start_step, waktu=sched[7][0], oleh=camat.nama)
    step(
        7,
        steps.finish_step,
        waktu=sched[7][1],
        oleh=camat.nama,
        dokumen="Dokumen LKjIP yang disahkan",
    )
    with open_workbook(wb, write=True) as gw:
        final_doc = report.make_report(gw, pdf=pdf)
    lines.append(final_doc.pesan)

    # 8. Cover letter, numbering, copies, archive.
    say("Langkah 8: surat pengantar dan arsip")
    step(8, steps.start_step, waktu=sched[8][0])
    with open_workbook(wb, write=True) as gw:
        letter = report.make_letter(gw)
        archived = report.archive(gw)
    step(8, steps.finish_step, waktu=sched[8][1], dokumen="Surat pengantar, dokumen LKjIP")
    lines += [letter.pesan, archived.pesan]

    with open_workbook(wb) as gw:
        status = steps.step_status(gw)
    files = [
        wb,
        *exported.files,
        *mailed.files,
        *draft_doc.files,
        *corrected_doc.files,
        *final_doc.files,
        *letter.files,
        *archived.files,
    ]
    summary = {
        "folder": str(out),
        "workbook": str(wb),
        "formulir": len(forms_by_name),
        "ditolak_pertama": len(rejected),
        "langkah": status.data.get("steps", []),
        "laporan": [str(p) for p in final_doc.files],
        "surat": [str(p) for p in letter.files],
        "arsip": [str(p) for p in archived.files],
    }
    return ActionResult(
        pesan="Demo selesai: delapan langkah SOP dijalankan.\n" + "\n".join(lines),
        files=files,
        data=summary,
        peringatan=[*status.peringatan],
    )
