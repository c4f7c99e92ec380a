"""The journal lock gives up after a bounded wait with an Indonesian message."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from lkjip_xl import journal as J


def test_a_held_journal_lock_is_given_up_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    j = J.Journal(tmp_path / "jurnal" / "jurnal.jsonl")
    j.append("awal")
    monkeypatch.setattr(J, "LOCK_TIMEOUT_S", 0.3)
    lock = j.path.with_suffix(j.path.suffix + ".lock")
    with open(lock, "a+") as other:  # another process (another PC, the CLI) holds it
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        with pytest.raises(J.JournalBusyError, match="sedang dipakai proses lain"):
            j.append("kedua")
        fcntl.flock(other.fileno(), fcntl.LOCK_UN)
    j.append("kedua")  # free again: works
    assert [e["jenis"] for e in j.events()] == ["awal", "kedua"]


def test_deferred_events_are_seen_by_reads_and_written_only_on_request(tmp_path: Path) -> None:
    path = tmp_path / "jurnal.jsonl"
    j = J.Journal(path)
    with J.deferred(path) as held:
        j.append("langkah_mulai", no=1)
        assert [e["jenis"] for e in j.events()] == ["langkah_mulai"]
        assert not path.exists()
    assert j.events() == []  # dropped unless written
    j.write_events(held)
    assert [e["no"] for e in j.events("langkah_mulai")] == [1]
