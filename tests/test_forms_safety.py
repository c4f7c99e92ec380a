"""Hostile and broken incoming files (issue 4, deliverable 4)."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_forms_support import export, fill, import_paths, kiriman, seed

from lkjip_xl.forms import safety
from lkjip_xl.workspace import Workspace


@pytest.fixture
def wb(workbook_path: Path) -> Path:
    return seed(workbook_path)


@pytest.fixture
def good(wb: Path, tmp_path: Path) -> Path:
    blank = export(wb)
    return fill(blank["PU"], tmp_path / "pu.xlsx", {"IKU-01": "84,9", "IKU-03": "96,4"})


def _refusal(wb: Path, path: Path) -> str:
    data = import_paths(wb, [path])
    (entry,) = data["files"]
    assert entry["status"] == "ditolak"
    assert entry["rows_accepted"] == 0
    assert kiriman(wb) == []
    # Archived all the same.
    assert (Workspace(wb).incoming_archive / f"{entry['sha256']}{path.suffix}").exists()
    return entry["errors"][0]["pesan"]


def test_zip_bomb_is_refused_before_inflating(wb: Path, good: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/media/isi.bin", b"\0" * (60 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    assert "zip bomb" in _refusal(wb, bomb)


def test_many_members_is_a_bomb_too() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(safety.MAX_MEMBERS + 1):
            z.writestr(f"x/{i}.xml", b"")
    with pytest.raises(safety.FileRejected, match="zip bomb"):
        safety.check_spreadsheet(buf.getvalue())


def test_oversized_file_is_refused(wb: Path, tmp_path: Path) -> None:
    big = tmp_path / "besar.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (safety.MAX_FILE_BYTES + 10))
    assert "terlalu besar" in _refusal(wb, big)


def test_empty_file_is_refused(wb: Path, tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    data = import_paths(wb, [empty])
    assert "kosong" in data["files"][0]["errors"][0]["pesan"]


def test_truncated_file_is_refused(wb: Path, good: Path, tmp_path: Path) -> None:
    cut = tmp_path / "terpotong.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "terpotong" in _refusal(wb, cut)


def test_damaged_member_is_refused(good: Path) -> None:
    data = bytearray(good.read_bytes())
    # Flip bytes inside the first member's compressed data (after its local header).
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + 5
    for i in range(start, start + 20):
        data[i] ^= 0xFF
    with pytest.raises(safety.FileRejected, match="rusak"):
        safety.check_spreadsheet(bytes(data))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"Kode;Realisasi\nKEL-03;99\n", "CSV"),
        (b"\x89PNG\r\n\x1a\n....", "gambar"),
    ],
)
def test_non_spreadsheets_are_refused(
    wb: Path, tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "isian.xlsx"
    path.write_bytes(content)
    pesan = _refusal(wb, path)
    assert "bukan spreadsheet" in pesan and fragment in pesan


def test_docx_renamed_to_xlsx_is_refused(wb: Path, tmp_path: Path) -> None:
    path = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert "bukan spreadsheet" in _refusal(wb, path)


def test_ods_spreadsheets_pass_but_other_opendocuments_get_their_own_message() -> None:
    def odf(mimetype: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("mimetype", mimetype)
            z.writestr("content.xml", "<office:document-content/>")
        return buf.getvalue()

    # .ods forms are read since issue 13 (LibreOffice users send them).
    assert safety.check_spreadsheet(odf("application/vnd.oasis.opendocument.spreadsheet"))
    with pytest.raises(safety.FileRejected, match="OpenDocument tetapi bukan spreadsheet"):
        safety.check_spreadsheet(odf("application/vnd.oasis.opendocument.text"))


def test_password_protected_workbook_is_refused(wb: Path, good: Path, tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = tmp_path / "berkata_sandi.xlsx"
    with open(good, "rb") as src, open(locked, "wb") as dst:
        OOXMLFile(src).encrypt("rahasia", dst)
    assert locked.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert "kata sandi" in _refusal(wb, locked)


def test_broken_old_office_file_is_refused_with_advice() -> None:
    fake_xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le")
    with pytest.raises(safety.FileRejected) as err:
        safety.check_spreadsheet(fake_xls)
    assert ".xls" in err.value.pesan and ".xlsx" in err.value.perbaikan


def test_attachment_names_cannot_escape_or_overwrite(wb: Path, good: Path, tmp_path: Path) -> None:
    victim = tmp_path / "kerja" / "penting.xlsx"
    victim.write_bytes(b"jangan ditimpa")
    msg = EmailMessage()
    msg["From"] = "lurah@contoh.go.id"
    msg["To"] = "kec@contoh.go.id"
    msg["Subject"] = "Re: formulir"
    msg.set_content("Terlampir.")
    for name in ("../../penting.xlsx", "..\\..\\penting.xlsx", "/etc/passwd.xlsx"):
        msg.add_attachment(
            good.read_bytes(),
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=name,
        )
    eml = tmp_path / "balasan.eml"
    eml.write_bytes(bytes(msg))
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    data = import_paths(wb, [eml])
    assert victim.read_bytes() == b"jangan ditimpa"
    new = {p for p in tmp_path.rglob("*") if p.is_file()} - before
    archive = Workspace(wb).incoming_archive
    for p in new:
        assert archive in p.parents or p.parent.name in ("jurnal", "cadangan")
    assert [f["file"] for f in data["files"]] == [
        "balasan.eml: penting.xlsx",
        "balasan.eml: penting.xlsx",
        "balasan.eml: passwd.xlsx",
    ]
    # Same bytes three times: one import, two duplicates.
    assert [f["duplikat"] for f in data["files"]] == [False, True, True]


@given(st.text(max_size=300))
def test_safe_filename_never_leaves_the_folder(name: str) -> None:
    safe = safety.safe_filename(name)
    assert safe
    assert "/" not in safe and "\\" not in safe and "\0" not in safe
    assert not safe.startswith(".")
    assert safe not in (".", "..")
    assert len(safe) <= 120
    assert Path("/arsip", safe).parent == Path("/arsip")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Format_Data_LKjIP_2025_Kelurahan_Pakistaji.xlsx",
            "Format_Data_LKjIP_2025_Kelurahan_Pakistaji.xlsx",
        ),
        ("../../../etc/passwd", "passwd"),
        ("C:\\Windows\\system32\\x.xlsx", "x.xlsx"),
        ("CON.xlsx", "_CON.xlsx"),
        ("..", "lampiran"),
        ("a<b>c:d.xlsx", "a_b_c_d.xlsx"),
        (None, "lampiran"),
    ],
)
def test_safe_filename_examples(name: str | None, expected: str) -> None:
    assert safety.safe_filename(name) == expected


def test_unique_path_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"1")
    (tmp_path / "a (2).xlsx").write_bytes(b"2")
    assert safety.unique_path(tmp_path, "a.xlsx") == tmp_path / "a (3).xlsx"
    assert safety.unique_path(tmp_path, "../b.xlsx") == tmp_path / "b.xlsx"


def _mail(*attachments: tuple[str, bytes, str]) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "lurah@contoh.go.id"
    msg["To"] = "kec@contoh.go.id"
    msg["Subject"] = "Re: formulir"
    msg.set_content("Terlampir.")
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def test_email_without_a_form_is_reported(wb: Path, tmp_path: Path) -> None:
    eml = tmp_path / "lupa.eml"
    eml.write_bytes(bytes(_mail(("foto.jpg", b"\xff\xd8\xff....", "image/jpeg"))))
    (entry,) = import_paths(wb, [eml])["files"]
    assert entry["status"] == "ditolak"
    assert "tidak berisi lampiran formulir" in entry["errors"][0]["pesan"]
    assert "foto.jpg" in entry["errors"][0]["pesan"]


def test_winmail_dat_gets_its_own_message(wb: Path, tmp_path: Path) -> None:
    eml = tmp_path / "outlook.eml"
    eml.write_bytes(bytes(_mail(("winmail.dat", b"\x78\x9f\x3e\x22", "application/ms-tnef"))))
    (entry,) = import_paths(wb, [eml])["files"]
    assert "winmail.dat" in entry["errors"][0]["pesan"]


def test_outlook_msg_file_is_refused_with_advice(wb: Path, tmp_path: Path) -> None:
    msg_file = tmp_path / "balasan.msg"
    msg_file.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (entry,) = import_paths(wb, [msg_file])["files"]
    assert entry["status"] == "ditolak"
    assert ".msg" in entry["errors"][0]["pesan"]


def test_form_inside_a_forwarded_email_is_found(wb: Path, good: Path, tmp_path: Path) -> None:
    inner = _mail(
        (
            good.name,
            good.read_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    )
    outer = EmailMessage()
    outer["From"] = "sekretaris@contoh.go.id"
    outer["To"] = "kec@contoh.go.id"
    outer["Subject"] = "Fwd: formulir"
    outer.set_content("Diteruskan.")
    outer.add_attachment(inner)
    eml = tmp_path / "terusan.eml"
    eml.write_bytes(bytes(outer))
    (entry,) = import_paths(wb, [eml])["files"]
    assert entry["status"] == "diterima"
    assert entry["file"] == f"terusan.eml: {good.name}"
