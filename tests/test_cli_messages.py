"""What a user sees when they mistype a command, or when something unexpected breaks.

No traceback reaches the user: usage errors are one Indonesian line with typer's suggestion
and exit code 2; an unexpected exception is one Indonesian line naming the log file that
holds the traceback. Help screens are in Indonesian.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip_xl.cli import bahasa


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lkjip_xl", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "100", **(env or {})},
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["priksa"], "Perintah 'priksa' tidak ada. Maksud Anda 'periksa'? Lihat 'lkjip --help'."),
        (["periksa"], "Opsi '--workbook' / '-w' wajib diisi. Lihat 'lkjip periksa --help'."),
        (["step", "start"], "Argumen 'no' wajib diisi. Lihat 'lkjip step start --help'."),
        (
            ["step", "start", "9", "-w", "x.xlsm"],
            "Nilai tidak sah untuk 'no': harus paling besar 8. Lihat 'lkjip step start --help'.",
        ),
        (["periksa", "--wb", "x"], "Opsi --wb tidak ada. Lihat 'lkjip periksa --help'."),
        (["ikm", "a.csv", "b.csv"], "Ada argumen yang tidak dikenal: b.csv."),
        (
            ["capaian", "--target", "1", "--realisasi", "2", "--polaritas", "x"],
            "'x' bukan salah satu dari 'naik', 'turun'.",
        ),
        (["step", "mulai"], "Perintah 'mulai' tidak ada."),
    ],
)
def test_usage_errors_are_one_indonesian_line(args: list[str], expected: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("Gagal: ")
    assert expected in lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Error" not in proc.stderr and "Usage" not in proc.stderr


@pytest.mark.parametrize("args", [["--help"], ["step", "start", "--help"], ["ikm", "--help"]])
def test_help_is_indonesian(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 0
    out = proc.stdout
    assert "Penggunaan: lkjip" in out
    assert "Tampilkan bantuan ini lalu keluar." in out
    assert "Opsi" in out
    for english in ("Usage", "Options", "Show this message", "[required]", "<bool>", "<str>"):
        assert english not in out, english


def test_step_help_marks_required_and_types_in_indonesian() -> None:
    out = run("step", "start", "--help").stdout
    assert "Argumen" in out and "[wajib]" in out and "<teks>" in out and "<bilangan>" in out


def test_unexpected_error_names_a_log_with_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import lkjip_xl.actions.calc as calc
    from lkjip_xl import cli

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("rusak di dalam")

    monkeypatch.setattr(calc, "sakip_from_text", boom)
    monkeypatch.setenv("LKJIP_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setattr(sys, "argv", ["lkjip", "sakip", "80"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "Terjadi kesalahan yang tidak terduga" in err
    logs = list((tmp_path / "log").glob("galat-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in err.replace("\n", "")
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: rusak di dalam" in text
    assert text.startswith("lkjip sakip 80")


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("Missing option '--out'.", "Opsi '--out' wajib diisi."),
        ("Option '--out' requires an argument.", "Opsi '--out' memerlukan nilai."),
        ("Invalid value for 'N': Input should be a valid integer", "harus bilangan bulat"),
        ("Invalid value for 'X': Path 'a.xlsm' does not exist.", "'a.xlsm' tidak ditemukan."),
        ("No such option: --x (Possible options: --xx, --xy)", "Maksud Anda: --xx, --xy?"),
    ],
)
def test_translate(english: str, indonesian: str) -> None:
    assert indonesian in bahasa.translate(english)
