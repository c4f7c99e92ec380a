"""E-mail of the forms: drafts, SMTP on loopback (aiosmtpd), reminders, deadline (deliverable 2)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from test_forms_support import export, fill, import_paths, seed

from lkjip_xl.actions import forms
from lkjip_xl.domain.profile import default_profile
from lkjip_xl.errors import LkjipError
from lkjip_xl.forms import deadline, mailer
from lkjip_xl.journal import Journal
from lkjip_xl.workbook.gateway import open_workbook
from lkjip_xl.workspace import Workspace

NOW = "2025-03-07T14:00:00+07:00"
"""A Friday afternoon: three working days later is Wednesday 12 March 14.00 WIB."""
UNITS_WITH_EMAIL = 9
"""Units with a form (6 kelurahan, PU, PEM, TRANTIB, the Kecamatan) minus the Kecamatan office,
which has no e-mail in the default profile."""


def _parse(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _attachment(msg: EmailMessage) -> tuple[str, bytes]:
    (part,) = list(msg.iter_attachments())
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return str(part.get_filename()), payload


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(deadline.CLOCK_ENV, NOW)
    monkeypatch.delenv(mailer.PASSWORD_ENV, raising=False)


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    return seed(workbook_path)


def _email(wb: Path, **kw: Any) -> Any:
    with open_workbook(wb, write=True) as gw:
        return forms.email_forms(gw, **kw)


def test_drafts_one_per_unit_with_the_form_attached(wb: Path) -> None:
    blank = export(wb)
    result = _email(wb)
    drafts = [p for p in result.files if p.suffix == ".eml"]
    assert len(drafts) == UNITS_WITH_EMAIL
    assert drafts[0].parent == wb.parent / "keluaran" / "surel_2025"
    by_unit = {m["kode_unit"]: m for m in result.data["messages"]}
    pak = _parse(Path(by_unit["KEL_PAKISTAJI"]["file"]).read_bytes())
    assert pak["X-Unsent"] == "1"
    assert pak["To"] == "Lurah Pakistaji <kel.pakistaji@contoh.go.id>"
    assert "kec.wonoasih@contoh.go.id" in pak["From"]
    assert "Kelurahan Pakistaji" in pak["Subject"] and "2025" in pak["Subject"]
    name, content = _attachment(pak)
    assert name == "Format_Data_LKjIP_2025_Kelurahan_Pakistaji.xlsx"
    assert content == blank["KEL_PAKISTAJI"].read_bytes()
    body = pak.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Yth. Lurah Pakistaji" in body
    assert "KEL-03" in body and "Realisasi" in body
    assert "Rabu, 12 Maret 2025 pukul 14.00 WIB" in body
    assert "3 hari kerja" in body
    assert "Batas waktu" in result.pesan
    # Demo contract: the draft's name contains the form's stem.
    assert (
        "Format_Data_LKjIP_2025_Kelurahan_Pakistaji" in Path(by_unit["KEL_PAKISTAJI"]["file"]).stem
    )


def test_unit_without_email_is_reported_and_the_others_still_go(wb: Path) -> None:
    result = _email(wb)
    by_unit = {m["kode_unit"]: m for m in result.data["messages"]}
    assert by_unit["KECAMATAN"]["status"] == "tanpa_email"
    assert any("Kecamatan Wonoasih" in w and "e-mail" in w for w in result.peringatan)
    assert sum(1 for m in by_unit.values() if m["status"] == "draf") == UNITS_WITH_EMAIL
    sent = Journal(Workspace(wb).journal).events("formulir_dikirim")
    assert len(sent) == UNITS_WITH_EMAIL and "KECAMATAN" not in {e["unit"] for e in sent}


# -- SMTP on loopback ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SaveHandler:
    """Saves every received message to a file, like a mailbox; can refuse one recipient."""

    def __init__(self, folder: Path, refuse: str = "") -> None:
        self.folder = folder
        self.refuse = refuse
        self.count = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address == self.refuse:
            return "550 5.1.1 Mailbox tidak ada"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        path = self.folder / f"pesan_{self.count:03d}.eml"
        path.write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[Controller, Path, SaveHandler]]:
    folder = tmp_path / "kotak_server"
    folder.mkdir()
    handler = SaveHandler(folder)
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller, folder, handler
    finally:
        controller.stop()


def _smtp_profile(port: int, user: str = "") -> Any:
    p = default_profile()
    p.surel.smtp_host = "127.0.0.1"
    p.surel.smtp_port = port
    p.surel.smtp_keamanan = "none"
    p.surel.smtp_user = user
    p.surel.pengirim = "program.wonoasih@contoh.go.id"
    return p


def test_send_over_smtp_attachment_arrives_byte_for_byte(
    workbook_path: Path, smtp_server: tuple[Controller, Path, SaveHandler]
) -> None:
    controller, folder, _handler = smtp_server
    wb = seed(workbook_path, profile=_smtp_profile(controller.port))
    blank = export(wb)
    result = _email(wb, kirim=True)
    received = sorted(folder.glob("*.eml"))
    assert len(received) == UNITS_WITH_EMAIL
    assert {m["status"] for m in result.data["messages"] if m["email"]} == {"terkirim"}
    forms_by_name = {p.name: p.read_bytes() for p in blank.values()}
    for path in received:
        msg = _parse(path.read_bytes())
        assert msg["X-Unsent"] is None  # a sent message is not a draft
        assert msg["From"] == "Kecamatan Wonoasih <program.wonoasih@contoh.go.id>"
        name, content = _attachment(msg)
        assert content == forms_by_name[name]
    sent = Journal(Workspace(wb).journal).events("formulir_dikirim")
    assert {e["cara"] for e in sent} == {"smtp"}


def test_smtp_login_uses_the_password_from_the_environment_and_never_stores_it(
    workbook_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        assert isinstance(data, LoginPassword)
        seen.append((data.login, data.password))
        return AuthResult(success=data.password == b"R4hasia-SMTP", handled=False)

    folder = tmp_path / "kotak_server"
    folder.mkdir()
    controller = Controller(
        SaveHandler(folder),
        hostname="127.0.0.1",
        port=_free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        wb = seed(workbook_path, profile=_smtp_profile(controller.port, user="program"))
        with pytest.raises(LkjipError, match="Kata sandi SMTP"):
            _email(wb, kirim=True)
        monkeypatch.setenv(mailer.PASSWORD_ENV, "salah")
        with pytest.raises(LkjipError, match="ditolak"):
            _email(wb, kirim=True)
        monkeypatch.setenv(mailer.PASSWORD_ENV, "R4hasia-SMTP")
        result = _email(wb, kirim=True)
    finally:
        controller.stop()
    assert seen[-1] == (b"program", b"R4hasia-SMTP")
    assert len(list(folder.glob("*.eml"))) == UNITS_WITH_EMAIL
    assert "terkirim" in result.pesan
    for path in wb.parent.rglob("*"):
        if path.is_file():
            assert b"R4hasia-SMTP" not in path.read_bytes(), path


def test_a_refused_recipient_does_not_stop_the_others(workbook_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "kotak_server"
    folder.mkdir()
    handler = SaveHandler(folder, refuse="kel.pakistaji@contoh.go.id")
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        wb = seed(workbook_path, profile=_smtp_profile(controller.port))
        result = _email(wb, kirim=True)
    finally:
        controller.stop()
    by_unit = {m["kode_unit"]: m for m in result.data["messages"]}
    assert by_unit["KEL_PAKISTAJI"]["status"] == "gagal"
    assert any("Kelurahan Pakistaji" in w and "gagal" in w for w in result.peringatan)
    assert len(list(folder.glob("*.eml"))) == UNITS_WITH_EMAIL - 1
    sent = Journal(Workspace(wb).journal).events("formulir_dikirim")
    assert "KEL_PAKISTAJI" not in {e["unit"] for e in sent}


def test_no_server_gives_a_clear_message(workbook_path: Path) -> None:
    wb = seed(workbook_path, profile=_smtp_profile(_free_port()))
    with pytest.raises(LkjipError) as err:
        _email(wb, kirim=True)
    assert "Tidak dapat terhubung" in err.value.pesan
    assert Journal(Workspace(wb).journal).events("formulir_dikirim") == []


def test_sending_needs_a_server(wb: Path) -> None:
    with pytest.raises(LkjipError, match="Server SMTP belum diisi"):
        _email(wb, kirim=True)


# -- reminders -------------------------------------------------------------------------------


def test_reminders_only_for_units_without_a_complete_valid_form(wb: Path, tmp_path: Path) -> None:
    blank = export(wb)
    _email(wb)
    ok = fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})
    bad = fill(blank["KEL_PAKISTAJI"], tmp_path / "p.xlsx", {"KEL-03": "sembilan puluh"})
    import_paths(wb, [ok, bad])
    result = _email(wb, pengingat=True)
    targets = {m["kode_unit"] for m in result.data["messages"]}
    assert "PU" not in targets
    assert "KEL_PAKISTAJI" in targets and "KEL_WONOASIH" in targets
    pak = next(p for p in result.files if "Pakistaji" in p.name)
    assert pak.name.startswith("Pengingat_")
    body = _parse(pak.read_bytes()).get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Pengingat" in _parse(pak.read_bytes())["Subject"]
    assert "sembilan puluh" in body and "H7" in body
    won = next(p for p in result.files if "Kelurahan_Wonoasih" in p.name)
    body = _parse(won.read_bytes()).get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "belum menerima formulir" in body


def test_no_reminder_when_everybody_is_complete(wb: Path, tmp_path: Path) -> None:
    rows = [r for r in __import__("test_forms_support").indicators() if r["kode"] == "KEL-03"]
    seed(wb, rows)
    blank = export(wb)
    import_paths(wb, [fill(blank["KEL_PAKISTAJI"], tmp_path / "p.xlsx", {"KEL-03": "99"})])
    result = _email(wb, pengingat=True)
    assert result.files == []
    assert "tidak ada pengingat" in result.pesan


# -- templates -------------------------------------------------------------------------------


def test_templates_can_be_edited_beside_the_workbook(wb: Path) -> None:
    folder = wb.parent / mailer.TEMPLATE_DIR
    folder.mkdir()
    (folder / mailer.REQUEST).write_text(
        "Subjek: Data {unit} {tahun}\n\nHalo {penerima}, mohon diisi sebelum {batas_waktu}.\n",
        encoding="utf-8",
    )
    result = _email(wb)
    msg = _parse(result.files[0].read_bytes())
    assert msg["Subject"].startswith("Data Kelurahan")
    assert "mohon diisi sebelum Rabu, 12 Maret 2025" in msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_unknown_placeholder_is_explained(wb: Path) -> None:
    folder = wb.parent / mailer.TEMPLATE_DIR
    folder.mkdir()
    (folder / mailer.REQUEST).write_text("Subjek: {unit}\n\n{nama_lurah}\n", encoding="utf-8")
    with pytest.raises(LkjipError, match=r"\{nama_lurah\}"):
        _email(wb)


def test_shipped_templates_use_known_placeholders_only() -> None:
    for name in (mailer.REQUEST, mailer.REMINDER, mailer.REQUEST_QUARTER, mailer.REMINDER_QUARTER):
        t = mailer.load_template(name)
        subject, body = mailer.render(t, dict.fromkeys(mailer.PLACEHOLDERS, "X"))
        assert subject and body


# -- deadline --------------------------------------------------------------------------------


def test_deadline_counts_three_working_days() -> None:
    p = default_profile()
    friday = dt.datetime.fromisoformat("2025-03-07T14:00:00+07:00")
    due = deadline.fill_deadline(p, [], now=friday)
    assert due.batas == dt.datetime.fromisoformat("2025-03-12T14:00:00+07:00")
    assert due.mutu_baku == "3 hari"
    # After office hours the count starts the next working morning.
    evening = dt.datetime.fromisoformat("2025-03-07T18:00:00+07:00")
    assert deadline.fill_deadline(p, [], now=evening).batas == dt.datetime.fromisoformat(
        "2025-03-12T16:00:00+07:00"
    )


def test_deadline_skips_public_holidays() -> None:
    p = default_profile()
    # Idul Fitri 2025 (31 March, 1 April) and cuti bersama (2–4, 7 April) are days off.
    start = dt.datetime.fromisoformat("2025-03-28T14:00:00+07:00")
    due = deadline.fill_deadline(p, [], now=start)
    assert due.batas.date() > dt.date(2025, 4, 7)


def test_deadline_counts_from_the_end_of_step_2() -> None:
    p = default_profile()
    events = [
        {"jenis": "langkah_mulai", "id": "a", "no": 2, "pada": "2025-03-05T08:00:00+07:00"},
        {"jenis": "langkah_selesai", "id": "b", "no": 2, "pada": "2025-03-06T10:00:00+07:00"},
    ]
    now = dt.datetime.fromisoformat("2025-03-07T09:00:00+07:00")
    due = deadline.fill_deadline(p, events, now=now)
    assert due.batas == dt.datetime.fromisoformat("2025-03-11T10:00:00+07:00")
    assert "langkah 2" in due.dasar
    # A first request never carries a deadline that is already over …
    late = dt.datetime.fromisoformat("2025-03-20T09:00:00+07:00")
    assert deadline.fill_deadline(p, events, now=late).batas > late
    # … but a reminder keeps the original one.
    assert deadline.fill_deadline(p, events, now=late, allow_past=True).batas.day == 11
