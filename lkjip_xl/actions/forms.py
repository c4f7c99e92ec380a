"""Per-unit data forms: export, e-mail, import and status (SOP steps 2–4).

Contract (CONTRIBUTING.md): every function takes a :class:`Gateway` first and returns an
:class:`ActionResult`; the caller owns the workbook transaction.

* :func:`export_forms` — one macro-free ``.xlsx`` per unit from the Format Data sheet.
* :func:`email_forms` — one e-mail per unit with its form: ``.eml`` drafts, or SMTP with
  ``kirim=True``; ``pengingat=True`` only for units without a complete valid submission.
* :func:`import_forms` — returned forms (``.xlsx``/``.xlsm``, ``.eml``, folders) into Kiriman.
* :func:`forms_status` — who sent what, when, valid or not, and who is missing.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lkjip_xl.actions.base import ActionResult
from lkjip_xl.errors import LkjipError
from lkjip_xl.files import sha256_bytes
from lkjip_xl.forms import collect, deadline, export, mailer, spec, status
from lkjip_xl.journal import Journal, belongs_to_year
from lkjip_xl.workbook import schema as S
from lkjip_xl.workbook.gateway import Gateway

__all__ = ["email_forms", "export_forms", "forms_status", "import_forms"]

Progress = Callable[[int, int, str], None]


def _log(gw: Gateway, aksi: str, rincian: str, hasil: str = "OK") -> None:
    """Log-sheet line; skipped on a read-only gateway (the journal holds the facts anyway)."""
    if getattr(gw, "writable", True):
        gw.log(aksi, rincian, hasil)


def _forms_dir(gw: Gateway, tahun: int, triwulan: int | None = None) -> Path:
    return gw.workspace.outputs / (
        f"formulir_{tahun}_TW{triwulan}" if triwulan else f"formulir_{tahun}"
    )


def _mail_dir(gw: Gateway, tahun: int, triwulan: int | None = None) -> Path:
    return gw.workspace.outputs / (f"surel_{tahun}_TW{triwulan}" if triwulan else f"surel_{tahun}")


def _due(profile: Any, events: list[dict[str, Any]], triwulan: int | None, **kw: Any) -> Any:
    """The return deadline: the annual SOP step 3's, or N working days after the quarter."""
    if triwulan:
        return deadline.quarter_deadline(profile, triwulan)
    return deadline.fill_deadline(profile, events, **kw)


def _for_quarter(
    gw: Gateway, assigned: dict[str, list[spec.Indicator]], triwulan: int | None
) -> tuple[dict[str, list[spec.Indicator]], list[str]]:
    if not triwulan:
        return assigned, []
    from lkjip_xl.actions import triwulan as T

    T.check_triwulan(triwulan)
    return T.quarter_assigned(gw, assigned, triwulan)


def _flow(events: list[dict[str, Any]], triwulan: int | None) -> list[dict[str, Any]]:
    from lkjip_xl.actions.triwulan import flow_events

    return flow_events(events, triwulan)


def _beranda(gw: Gateway) -> None:
    from lkjip_xl.actions.triwulan import refresh_beranda

    refresh_beranda(gw)


def _tw_text(triwulan: int | None) -> str:
    return f" triwulan {spec.ROMAWI[triwulan]}" if triwulan else ""


def _plan(
    gw: Gateway,
) -> tuple[Any, list[spec.Indicator], dict[str, list[spec.Indicator]], list[str]]:
    profile = gw.profile()
    indicators = spec.load_indicators(gw)
    assigned, warnings = spec.assign(indicators, profile)
    if not assigned:
        raise LkjipError(
            "Tidak ada indikator yang dapat dikirim: kolom Penanggung Jawab di sheet Format "
            "Data tidak cocok dengan nama unit mana pun di tabel Unit (sheet Pengaturan)."
        )
    return profile, indicators, assigned, warnings


def _with_last_year(
    gw: Gateway, assigned: dict[str, list[spec.Indicator]]
) -> dict[str, list[spec.Indicator]]:
    """The indicators with last year's realisation as the one model uses it (the forms'
    read-only *Realisasi N-1* column): Format Data's Realisasi N-1, or for a SAKIP indicator
    the SAKIP sheet's nilai of that year (:data:`lkjip_xl.domain.kinerja.PRECEDENCE_LALU`)."""
    from lkjip_xl.actions.kinerja import kinerja

    model = kinerja(gw)
    lalu = {f.kode: f.realisasi_n1 for f in model.indikator}
    return {
        unit: [dataclasses.replace(i, realisasi_lalu=lalu.get(i.kode)) for i in rows]
        for unit, rows in assigned.items()
    }


# -- export ----------------------------------------------------------------------------------


def export_forms(
    gw: Gateway, out: Path | str | None = None, *, triwulan: int | None = None
) -> ActionResult:
    """Write one form per unit to ``out`` (default ``keluaran/formulir_<tahun>``, for a
    quarter ``keluaran/formulir_<tahun>_TW<N>``)."""
    profile, _indicators, assigned, warnings = _plan(gw)
    assigned = _with_last_year(gw, assigned)
    assigned, notes = _for_quarter(gw, assigned, triwulan)
    warnings += notes
    journal = Journal(gw.workspace.journal, profile.tahun)
    events = _flow(journal.events(), triwulan)
    due = _due(profile, events, triwulan)
    stamps, _fresh = export.export_stamps(profile, assigned, events, _stamp_now(profile), triwulan)
    forms = export.build_all(profile, assigned, due.text(), stamps, triwulan)
    folder = Path(out) if out else _forms_dir(gw, profile.tahun, triwulan)
    paths = export.write_forms(forms, folder)
    without = [u.nama for u in profile.form_units if u.kode not in assigned]
    if without:
        warnings.append(
            "Unit tanpa indikator (tidak dibuatkan formulir): " + ", ".join(without) + "."
        )
    for f, p in zip(forms, paths, strict=True):
        journal.append(
            "formulir_dibuat",
            unit=f.unit.kode,
            file=p.name,
            sha256=sha256_bytes(f.content),
            checksum=f.checksum,
            indikator=[i.kode for i in f.indicators],
            diekspor=stamps.get(f.unit.kode, ""),
            **({"triwulan": triwulan} if triwulan else {}),
        )
    _log(gw, "Ekspor formulir", f"{len(forms)} formulir{_tw_text(triwulan)} ke {folder}")
    if triwulan:
        _beranda(gw)
    return ActionResult(
        pesan=f"{len(forms)} formulir unit{_tw_text(triwulan)} dibuat di folder {folder}."
        + (f" Batas kembali: {due.text()}." if triwulan else ""),
        files=paths,
        data={
            "folder": str(folder),
            "forms": [
                {
                    "unit": f.unit.nama,
                    "kode_unit": f.unit.kode,
                    "file": str(p),
                    "sha256": sha256_bytes(f.content),
                    "indikator": [i.kode for i in f.indicators],
                }
                for f, p in zip(forms, paths, strict=True)
            ],
            "tanpa_indikator": without,
            "triwulan": triwulan,
            "batas_waktu": due.batas.isoformat(),
        },
        peringatan=warnings,
    )


# -- e-mail ----------------------------------------------------------------------------------


def _sender(profile: Any) -> tuple[str, str, str, str]:
    """(address, display name, signer's title, signer's name) of the outgoing mail."""
    kasubbag = next((o for o in profile.pejabat if o.peran == "kasubbag"), None)
    address = profile.surel.pengirim or profile.email or (kasubbag.email if kasubbag else "")
    jabatan = kasubbag.jabatan if kasubbag else f"Sekretariat {profile.opd}"
    nama = kasubbag.nama if kasubbag else ""
    return address, profile.opd, jabatan, nama


def _contact_text(profile: Any) -> str:
    for peran in ("kasubbag", "staf"):
        o = next((p for p in profile.pejabat if p.peran == peran), None)
        if o is not None:
            text = f"{o.jabatan} ({o.nama})"
            if o.email:
                text += f", e-mail {o.email}"
            return text
    return profile.email or profile.opd


def _keadaan(st: status.UnitStatus) -> str:
    if st.status == "belum":
        return f"Sampai saat ini kami belum menerima formulir dari {st.nama}."
    lines: list[str] = []
    if st.status_impor_terakhir in ("ditolak", "sebagian") and st.masalah_terakhir:
        when = f" pada {st.impor_terakhir:%d/%m/%Y %H.%M}" if st.impor_terakhir else ""
        lines.append(f"Formulir yang kami terima{when} belum dapat kami ambil seluruhnya karena:")
        lines += [f"- {m}" for m in st.masalah_terakhir[:15]]
        if len(st.masalah_terakhir) > 15:
            lines.append(f"- dan {len(st.masalah_terakhir) - 15} masalah lain.")
    if st.kurang:
        lines.append("Indikator yang belum kami terima datanya: " + ", ".join(st.kurang) + ".")
    return "\n".join(lines)


def email_forms(
    gw: Gateway,
    out: Path | str | None = None,
    kirim: bool = False,
    pengingat: bool = False,
    password: str | None = None,
    *,
    triwulan: int | None = None,
) -> ActionResult:
    """One e-mail per unit with its form attached.

    Default: ``.eml`` drafts in ``out`` (default ``keluaran/surel_<tahun>``). ``kirim``:
    send over SMTP (password argument, else ``LKJIP_SMTP_PASSWORD``); a copy of each sent
    message is still written to ``out``. ``pengingat``: only units whose submission is not
    complete and valid, with a reminder text. Units without an e-mail address are reported
    and skipped; the others still go.
    """
    profile, _indicators, assigned, warnings = _plan(gw)
    assigned = _with_last_year(gw, assigned)
    assigned, notes = _for_quarter(gw, assigned, triwulan)
    warnings += notes
    journal = Journal(gw.workspace.journal, profile.tahun)
    events = _flow(journal.events(), triwulan)
    due = _due(profile, events, triwulan, allow_past=pengingat)
    stamps, fresh = export.export_stamps(profile, assigned, events, _stamp_now(profile), triwulan)
    forms = {
        f.unit.kode: f for f in export.build_all(profile, assigned, due.text(), stamps, triwulan)
    }
    tw_extra: dict[str, Any] = {"triwulan": triwulan} if triwulan else {}
    for kode in fresh:  # first time this content goes out: remember its export time
        f = forms[kode]
        journal.append(
            "formulir_dibuat",
            unit=kode,
            file=f.filename,
            sha256=sha256_bytes(f.content),
            checksum=f.checksum,
            indikator=[i.kode for i in f.indicators],
            diekspor=stamps[kode],
            **tw_extra,
        )
    statuses = {
        s.kode: s for s in status.compute(profile, assigned, _rows_of(gw, triwulan), events)
    }
    targets = [k for k in forms if not pengingat or statuses[k].status != "lengkap"]
    folder = Path(out) if out else _mail_dir(gw, profile.tahun, triwulan)
    if triwulan:
        name = mailer.REMINDER_QUARTER if pengingat else mailer.REQUEST_QUARTER
    else:
        name = mailer.REMINDER if pengingat else mailer.REQUEST
    template = mailer.load_template(name, gw.workspace.root)

    sender, sender_name, signer_title, signer_name = _sender(profile)
    if kirim and not sender:
        raise LkjipError(
            "Alamat pengirim e-mail belum diisi. Isi 'pengirim' (atau 'email' kantor) di sheet "
            "Pengaturan."
        )
    now = deadline.now_in(_calendar(profile))
    messages: list[tuple[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for kode in targets:
        form = forms[kode]
        unit = form.unit
        entry: dict[str, Any] = {"unit": unit.nama, "kode_unit": kode, "email": unit.email}
        entries.append(entry)
        if not unit.email.strip():
            entry["status"] = "tanpa_email"
            warnings.append(
                f"{unit.nama} tidak punya alamat e-mail (tabel Unit, sheet Pengaturan): e-mail "
                f"tidak dibuat. Kirim formulirnya dengan cara lain ({form.filename})."
            )
            continue
        penerima = unit.pimpinan or unit.nama
        if unit.nama_pimpinan:
            penerima += f" ({unit.nama_pimpinan})"
        values = {
            "opd": profile.opd,
            "tahun": str(profile.tahun),
            "triwulan": spec.ROMAWI[triwulan] if triwulan else "",
            "unit": unit.nama,
            "penerima": penerima,
            "pimpinan": unit.pimpinan or unit.nama,
            "nama_pimpinan": unit.nama_pimpinan,
            "nama_file": form.filename,
            "jumlah_indikator": str(len(form.indicators)),
            "daftar_indikator": "\n".join(
                f"{n}. {i.kode} – {i.indikator} (satuan: {i.satuan}; target: "
                f"{spec.number_text(i.target).replace('.', ',')})"
                for n, i in enumerate(form.indicators, start=1)
            ),
            "batas_waktu": due.text(),
            "mutu_baku": due.mutu_baku,
            "dasar_batas_waktu": due.dasar,
            "kontak": _contact_text(profile),
            "pengirim_nama": signer_name,
            "pengirim_jabatan": signer_title,
            "keadaan": _keadaan(statuses[kode]),
        }
        subject, body = mailer.render(template, values)
        msg = mailer.build_message(
            sender=sender,
            sender_name=sender_name,
            to=unit.email.strip(),
            to_name=unit.pimpinan or unit.nama,
            subject=subject,
            body=body,
            attachment=form.content,
            filename=form.filename,
            when=now,
            draft=not kirim,
        )
        messages.append((kode, msg))
        entry["status"] = "draf"
    sent_errors: dict[str, str] = {}
    if kirim and messages:
        pw = password if password is not None else os.environ.get(mailer.PASSWORD_ENV)
        with mailer.SmtpSession(profile.surel, pw) as smtp:
            for kode, msg in messages:
                reason = smtp.send(msg)
                if reason:
                    sent_errors[kode] = reason
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    prefix = "Pengingat" if pengingat else "Surel"
    by_kode = {e["kode_unit"]: e for e in entries}
    for kode, msg in messages:
        entry = by_kode[kode]
        name = f"{prefix}_{Path(forms[kode].filename).stem}.eml"
        path = folder / name
        path.write_bytes(bytes(msg))
        files.append(path)
        entry["file"] = str(path)
        if kirim:
            if kode in sent_errors:
                entry["status"] = "gagal"
                entry["alasan"] = sent_errors[kode]
                warnings.append(
                    f"E-mail ke {entry['unit']} ({entry['email']}) gagal: {sent_errors[kode]}."
                )
                continue
            entry["status"] = "terkirim"
        journal.append(
            status.EV_SENT,
            unit=kode,
            email=entry["email"],
            cara="smtp" if kirim else "draf",
            pengingat=pengingat,
            file=path.name,
            sha256_formulir=sha256_bytes(forms[kode].content),
            batas_waktu=due.batas.isoformat(),
            **tw_extra,
        )
    n_ok = sum(1 for e in entries if e.get("status") in ("draf", "terkirim"))
    jenis = "pengingat" if pengingat else "e-mail"
    if pengingat and not targets:
        pesan = "Semua unit sudah mengirim data yang lengkap dan sah; tidak ada pengingat."
    elif kirim:
        pesan = f"{n_ok} {jenis} terkirim lewat {profile.surel.smtp_host}."
    else:
        pesan = (
            f"{n_ok} draf {jenis} dibuat di folder {folder}. Buka dengan Outlook/Thunderbird, "
            "periksa, lalu kirim."
        )
    if len(entries) > n_ok:
        pesan += f" {len(entries) - n_ok} unit tidak mendapat {jenis} (lihat peringatan)."
    pesan += f" Batas waktu pengembalian: {due.text()}."
    if triwulan:
        pesan = f"Triwulan {spec.ROMAWI[triwulan]}: {pesan}"
    _log(gw, "E-mail formulir", pesan, "OK" if n_ok == len(entries) else "Sebagian")
    if triwulan:
        _beranda(gw)
    return ActionResult(
        pesan=pesan,
        files=files,
        data={
            "folder": str(folder),
            "batas_waktu": due.batas.isoformat(),
            "pengingat": pengingat,
            "kirim": kirim,
            "messages": entries,
            "triwulan": triwulan,
        },
        peringatan=warnings,
    )


def _stamp_now(profile: Any) -> str:
    """Export time for the form metadata (office-local, to the second)."""
    from lkjip_xl import clock

    return clock.now(profile.jam_kerja.zona).replace(microsecond=0).isoformat()


def _calendar(profile: Any) -> Any:
    from lkjip_xl.domain.worktime import WorkCalendar

    return WorkCalendar.from_profile(profile)


def kiriman_of_year(gw: Gateway) -> list[dict[str, Any]]:
    """Kiriman rows of the workbook's report year.

    Rows whose file the journal imported for another report year (the sheet of a workbook
    whose ``tahun`` was moved on by hand) are left out: they are last year's data.
    """
    rows = gw.read_rows(S.KIRIMAN_T)
    tahun = gw.profile().tahun
    imports = Journal(gw.workspace.journal).events(collect.EV_FORM)
    this_year = {str(e.get("sha256")) for e in imports if belongs_to_year(e, tahun)}
    other = {str(e.get("sha256")) for e in imports} - this_year
    return [r for r in rows if str(r.get("sha256") or "") not in other]


_kiriman = kiriman_of_year


def _rows_of(gw: Gateway, triwulan: int | None) -> list[dict[str, Any]]:
    """The received rows of a flow: Kiriman (annual) or the quarter's Realisasi Triwulan rows
    (with ``realisasi`` so the status reads them like Kiriman)."""
    if not triwulan:
        return _kiriman(gw)
    from lkjip_xl.actions.triwulan import quarter_rows

    return [r for r in quarter_rows(gw) if _as_int(r.get("triwulan")) == triwulan]


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def kiriman_other_year_rows(gw: Gateway) -> list[int]:
    """Sheet rows of Kiriman whose form the journal imported for another report year."""
    tahun = gw.profile().tahun
    imports = Journal(gw.workspace.journal).events(collect.EV_FORM)
    this_year = {str(e.get("sha256")) for e in imports if belongs_to_year(e, tahun)}
    other = {str(e.get("sha256")) for e in imports} - this_year
    return [r["_row"] for r in gw.read_rows(S.KIRIMAN_T) if str(r.get("sha256") or "") in other]


# -- import ----------------------------------------------------------------------------------


def import_forms(
    gw: Gateway,
    paths: Sequence[Path | str] | None = None,
    *,
    progress: Progress | None = None,
    paksa: bool = False,
    triwulan: int | None = None,
) -> ActionResult:
    """Import returned forms from ``paths`` (files or folders; None = the inbox folder).

    ``paksa``: take forms held for a check (``perlu_dicek``) or older versions after all
    (the user confirmed them).

    ``data`` follows the ``--json`` contract: ``{"files": [{"file", "sha256", "unit",
    "status", "rows_accepted", "errors": [{"sheet", "cell", "pesan"}]}], "kiriman_total"}``
    (entries also carry ``kode_unit``, ``catatan``, ``duplikat`` and each error's
    ``perbaikan``).
    """
    profile, indicators, assigned, warnings = _plan(gw)
    assigned, _notes = _for_quarter(gw, assigned, triwulan)
    created = None
    if paths is None:
        inbox = gw.workspace.inbox
        if not inbox.is_dir():
            created = inbox
        inbox.mkdir(parents=True, exist_ok=True)
        paths = [inbox]
    files, notes = collect.collect_paths([Path(p) for p in paths], exclude=[gw.path])
    collector = collect.Collector(gw, profile, indicators, assigned, paksa=paksa, triwulan=triwulan)
    reports = collector.run(files, progress=progress)
    total = len(collector.kiriman)
    counts = {
        k: sum(1 for r in reports if r.status == k)
        for k in ("diterima", "sebagian", "ditolak", "perlu_dicek", "versi_lama", "dilewati")
    }
    dup = sum(1 for r in reports if r.duplikat)
    if not reports:
        pesan = "Tidak ada formulir untuk diimpor" + (
            f" di {paths[0]}." if len(paths) == 1 else "."
        )
        if created is not None:
            pesan += (
                f" Folder {created.name} belum ada, sudah dibuat: {created}. Simpan formulir "
                "yang dikembalikan unit di folder itu, lalu impor lagi."
            )
    else:
        pesan = (
            f"{len(reports)} formulir diperiksa: {counts['diterima']} diterima, "
            f"{counts['sebagian']} sebagian, {counts['ditolak']} ditolak"
            + (f", {counts['perlu_dicek']} perlu dicek" if counts["perlu_dicek"] else "")
            + (f", {counts['versi_lama']} versi lama" if counts["versi_lama"] else "")
            + (f", {counts['dilewati']} dilewati" if counts["dilewati"] else "")
            + (f" ({dup} sudah pernah diimpor, tidak ada perubahan)" if dup else "")
            + (
                f". Sheet Realisasi Triwulan berisi {total} baris triwulan {spec.ROMAWI[triwulan]}."
                if triwulan
                else f". Sheet Kiriman berisi {total} baris."
            )
        )
    for r in reports:
        for p in r.errors:
            warnings.append(p.text())
        if r.status == "dilewati":
            notes += [f"{r.file}: {c}" for c in r.catatan]
    warnings += collector.journal.notes
    warnings += notes
    if triwulan:
        _beranda(gw)
    _log(
        gw,
        "Impor formulir" + _tw_text(triwulan),
        pesan,
        "OK"
        if not any(counts[k] for k in ("ditolak", "sebagian", "perlu_dicek", "versi_lama"))
        else "Ada masalah",
    )
    return ActionResult(
        pesan=pesan,
        files=[],
        data={
            "files": [r.as_json() for r in reports],
            "kiriman_total": total,
            "dilewati": notes,
            "triwulan": triwulan,
        },
        peringatan=warnings,
    )


# -- status ----------------------------------------------------------------------------------


def forms_status(gw: Gateway, *, triwulan: int | None = None) -> ActionResult:
    """Which units sent their form, when, valid or not, and who is missing (with e-mail).

    ``triwulan``: the quarter forms of that quarter, each unit also ``terlambat`` or not
    against the quarter's deadline.
    """
    profile, _indicators, assigned, warnings = _plan(gw)
    assigned, _notes = _for_quarter(gw, assigned, triwulan)
    kiriman = _rows_of(gw, triwulan)
    journal = Journal(gw.workspace.journal, profile.tahun)
    events = _flow(journal.events(), triwulan)
    warnings += journal.notes
    due = deadline.quarter_deadline(profile, triwulan) if triwulan else None
    units = status.compute(
        profile,
        assigned,
        kiriman,
        events,
        batas=due.batas if due else None,
        now=deadline.now_in(_calendar(profile)) if due else None,
    )
    missing = [u for u in units if not u.valid]
    counts = {k: sum(1 for u in units if u.status == k) for k in status.LABELS}
    unknown = [
        ev
        for ev in events
        if ev.get("jenis") == collect.EV_FORM
        and not ev.get("unit")
        and ev.get("status") == "ditolak"  # files listed as skipped (a PDF in a zip) are fine
    ]
    pesan = (
        f"{counts['lengkap']} dari {len(units)} unit sudah lengkap"
        + (f"; {counts['sebagian']} sebagian" if counts["sebagian"] else "")
        + (f"; {counts['ditolak']} ditolak" if counts["ditolak"] else "")
        + (f"; {counts['belum']} belum mengirim" if counts["belum"] else "")
        + (f"; {counts['perlu_dicek']} perlu dicek" if counts["perlu_dicek"] else "")
        + "."
    )
    for u in units:
        if u.status == "perlu_dicek":
            warnings.append(
                f"{u.nama}: formulir terakhir ditahan (perlu dicek) — "
                + "; ".join(u.masalah_terakhir[:3])
            )
    if missing:
        pesan += " Belum lengkap: " + ", ".join(u.nama for u in missing) + "."
    late = [u for u in units if u.terlambat]
    if due is not None:
        pesan = f"Triwulan {spec.ROMAWI[triwulan or 1]} (batas {due.text()}): {pesan}"
        if late:
            pesan += " Terlambat: " + ", ".join(u.nama for u in late) + "."
    if unknown:
        warnings.append(
            f"{len(unknown)} file ditolak tanpa unit yang dikenali (bukan formulir LKjIP atau "
            "rusak); lihat jurnal atau impor ulang dengan --json untuk rinciannya."
        )
    return ActionResult(
        pesan=pesan,
        data={
            "tahun": profile.tahun,
            "units": [u.as_json() for u in units],
            "belum": [
                {"kode": u.kode, "nama": u.nama, "email": u.email, "status": u.status}
                for u in missing
            ],
            "ringkasan": counts,
            "kiriman_total": len(kiriman),
            "file_tanpa_unit": len(unknown),
            "triwulan": triwulan,
            "batas_waktu": due.batas.isoformat() if due else None,
            "terlambat": [u.kode for u in late],
        },
        peringatan=warnings,
    )
