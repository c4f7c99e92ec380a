"""End to end (deliverable 7): export → e-mail over loopback SMTP → Lurah/Kasi fill the forms
(some wrongly) and reply over SMTP → import the received .eml files → Kiriman holds exactly
the valid values, the archive holds every file, nothing is lost; then the corrections.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import shutil
import smtplib
import socket
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from test_forms_support import export, fill, import_paths, kiriman, seed, values

from lkjip_xl.actions import forms
from lkjip_xl.domain.profile import default_profile
from lkjip_xl.journal import Journal
from lkjip_xl.workbook.build import build_workbook
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

OFFICE = "program.wonoasih@contoh.go.id"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailboxes:
    """A loopback SMTP server that files every message into each recipient's mailbox folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.n = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        for rcpt in envelope.rcpt_tos:
            box = self.root / rcpt
            box.mkdir(parents=True, exist_ok=True)
            self.n += 1
            (box / f"{self.n:03d}.eml").write_bytes(envelope.original_content or envelope.content)
        return "250 OK"


def _parse(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _attachment(msg: EmailMessage) -> tuple[str, bytes]:
    (part,) = list(msg.iter_attachments())
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return str(part.get_filename()), data


def _reply(port: int, request: EmailMessage, form: Path) -> None:
    """The unit answers the request with the filled form attached, through SMTP."""
    msg = EmailMessage()
    msg["From"] = request["To"]
    msg["To"] = request["From"]
    msg["Subject"] = "Re: " + str(request["Subject"])
    msg.set_content("Terlampir formulir yang sudah kami isi.\n\nSalam,\nLurah")
    msg.add_attachment(
        form.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=form.name,
    )
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(msg)


@pytest.fixture
def server(tmp_path: Path) -> Any:
    boxes = Mailboxes(tmp_path / "server")
    controller = Controller(boxes, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, boxes
    controller.stop()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_forms_round_trip_over_smtp(
    workbook_path: Path, tmp_path: Path, server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LKJIP_SEKARANG", "2026-01-05T08:30:00+07:00")
    controller, boxes = server
    profile = default_profile()
    profile.surel.smtp_host = "127.0.0.1"
    profile.surel.smtp_port = controller.port
    profile.surel.smtp_keamanan = "none"
    profile.surel.pengirim = OFFICE
    wb = seed(workbook_path, profile=profile)

    # Step 2: forms out by e-mail.
    exported = export(wb)
    with open_workbook(wb, write=True) as gw:
        sent = forms.email_forms(gw, kirim=True)
    assert sum(m["status"] == "terkirim" for m in sent.data["messages"]) == 9

    # Last year's form, which one Lurah still has on her desk.
    old_wb = build_workbook(tmp_path / "lama" / "LKjIP_Wonoasih.xlsm", default_profile(2024))
    old_forms = export(seed(old_wb))

    # Step 3: every unit opens its mail and fills the attachment.
    plan: dict[str, dict[str, Any]] = {
        "kel.wonoasih@contoh.go.id": {"KEL-01": "delapan puluh"},  # words: refused
        "kel.jrebengkidul@contoh.go.id": {"KEL-02": "97,85"},
        "kel.pakistaji@contoh.go.id": {"KEL-03": "100"},
        "kel.kedunggaleng@contoh.go.id": {"KEL-04": "88,4"},  # but edits the indicator
        "kel.kedungasem@contoh.go.id": {"KEL-05": "103,2"},  # but on last year's form
        "kel.sumbertaman@contoh.go.id": {"KEL-06": "1.000"},  # dot thousands; 1000 % is the ceiling
        "pu.wonoasih@contoh.go.id": {"IKU-01": "84,9", "IKU-03": "sembilan enam"},  # partly
        "pem.wonoasih@contoh.go.id": {"IKU-02": "72,10"},
        "trantib.wonoasih@contoh.go.id": {"IKU-04": "3"},
    }
    filled_dir = tmp_path / "diisi"
    for address, typed in plan.items():
        (request_path,) = sorted((boxes.root / address).glob("*.eml"))
        request = _parse(request_path)
        name, content = _attachment(request)
        original = filled_dir / "asli" / name
        original.parent.mkdir(parents=True, exist_ok=True)
        original.write_bytes(content)
        edit = {}
        if address.startswith("kel.kedunggaleng"):
            edit = {("KEL-04", "Indikator"): "Persentase PBB-P2 (sudah lunas)"}
        if address.startswith("kel.kedungasem"):
            original = old_forms["KEL_KEDUNGASEM"]
        form = fill(
            original,
            filled_dir / name,
            typed,
            keterangan=dict.fromkeys(typed, "Sesuai laporan."),
            edit=edit,
        )
        _reply(controller.port, request, form)
    # The Kecamatan office has no e-mail: its form is filled and put in the inbox by hand.
    inbox = Workspace(wb).inbox
    fill(exported["KECAMATAN"], inbox / "kecamatan.xlsx", {"IKU-01": "84,9", "IKU-02": "72,1"})
    # Replies arrive in the office mailbox; staff save them to the inbox folder.
    replies = sorted((boxes.root / OFFICE).glob("*.eml"))
    assert len(replies) == 9
    for i, path in enumerate(replies):
        shutil.copy(path, inbox / f"balasan_{i:02d}.eml")

    # Step 3→4: import from the inbox.
    result = import_paths(wb, None)
    by_unit = {f["unit"]: f for f in result["files"]}
    assert by_unit["Kelurahan Wonoasih"]["status"] == "ditolak"
    assert "bukan angka" in by_unit["Kelurahan Wonoasih"]["errors"][0]["pesan"]
    assert by_unit["Kelurahan Kedunggaleng"]["status"] == "ditolak"
    assert "Indikator diubah" in by_unit["Kelurahan Kedunggaleng"]["errors"][0]["pesan"]
    assert by_unit["Kelurahan Kedungasem"]["status"] == "ditolak"
    assert "tahun tidak sesuai" in by_unit["Kelurahan Kedungasem"]["errors"][0]["pesan"]
    assert by_unit["Seksi Pelayanan Umum"]["status"] == "sebagian"
    for unit in ("Kelurahan Jrebeng Kidul", "Kelurahan Pakistaji", "Seksi Pemerintahan"):
        assert by_unit[unit]["status"] == "diterima"
    expected = {
        ("Kelurahan Jrebeng Kidul", "KEL-02"): 97.85,
        ("Kelurahan Pakistaji", "KEL-03"): 100.0,
        ("Kelurahan Sumbertaman", "KEL-06"): 1000.0,
        ("Seksi Pelayanan Umum", "IKU-01"): 84.9,
        ("Seksi Pemerintahan", "IKU-02"): 72.1,
        ("Seksi Ketenteraman dan Ketertiban Umum", "IKU-04"): 3.0,
        ("Kecamatan Wonoasih", "IKU-01"): 84.9,
        ("Kecamatan Wonoasih", "IKU-02"): 72.1,
    }
    assert values(wb) == expected
    assert result["kiriman_total"] == len(expected)

    # Nothing lost: every received file is archived byte for byte and journaled.
    archive = Workspace(wb).incoming_archive
    archived = {p.name.split(".")[0]: p.read_bytes() for p in archive.iterdir()}
    incoming = [p.read_bytes() for p in inbox.iterdir()]
    for reply in replies:
        _name, attached = _attachment(_parse(reply))
        incoming.append(attached)
    for data in incoming:
        assert archived[_sha(data)] == data
    journal = Journal(Workspace(wb).journal)
    imported = {e["sha256"] for e in journal.events("impor_formulir")}
    assert len(result["files"]) == 10 and {f["sha256"] for f in result["files"]} <= imported

    # Who is missing, with their e-mail (for the reminder).
    with open_workbook(wb) as gw:
        status = forms.forms_status(gw).data
    assert {u["email"] for u in status["belum"]} == {
        "kel.wonoasih@contoh.go.id",
        "kel.kedunggaleng@contoh.go.id",
        "kel.kedungasem@contoh.go.id",
        "pu.wonoasih@contoh.go.id",
    }
    with open_workbook(wb, write=True) as gw:
        reminders = forms.email_forms(gw, kirim=True, pengingat=True)
    assert {m["email"] for m in reminders.data["messages"]} == {u["email"] for u in status["belum"]}

    # The corrected forms come back; importing everything again only adds the corrections.
    fixes = {
        "KEL_WONOASIH": {"KEL-01": "80"},
        "KEL_KEDUNGGALENG": {"KEL-04": "88,4"},
        "KEL_KEDUNGASEM": {"KEL-05": "103,2"},
        "PU": {"IKU-01": "85", "IKU-03": "96"},
    }
    for kode, typed in fixes.items():
        fill(exported[kode], inbox / "perbaikan" / exported[kode].name, typed)
    again = import_paths(wb, None)
    fresh = [f for f in again["files"] if not f["duplikat"]]
    assert sorted(f["status"] for f in fresh) == ["diterima"] * 4
    expected.update(
        {
            ("Kelurahan Wonoasih", "KEL-01"): 80.0,
            ("Kelurahan Kedunggaleng", "KEL-04"): 88.4,
            ("Kelurahan Kedungasem", "KEL-05"): 103.2,
            ("Seksi Pelayanan Umum", "IKU-01"): 85.0,
            ("Seksi Pelayanan Umum", "IKU-03"): 96.0,
        }
    )
    assert values(wb) == expected
    assert len(kiriman(wb)) == len(expected)
    with open_workbook(wb) as gw:
        assert forms.forms_status(gw).data["belum"] == []
