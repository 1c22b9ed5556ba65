"""Temporary folders: removed when their run ends, left by killed runs removed at the next one,
never a live run's, never another user's, never through a link."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from paraphe.core.files.scratch import LOCK_NAME, LOCKLESS_AGE, remove_abandoned, scratch_folder

PREFIX = "paraphe-verify-"


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def aged(path: Path, seconds: float) -> Path:
    moment = time.time() - seconds
    os.utime(path, (moment, moment))
    return path


def test_a_folder_is_removed_when_its_run_ends_however_it_ends(temp: Path) -> None:
    with pytest.raises(KeyboardInterrupt), scratch_folder(PREFIX) as folder:
        (folder / "unpacked.pdf").write_bytes(b"%PDF-")
        assert (folder / LOCK_NAME).read_text().strip() == str(os.getpid())
        raise KeyboardInterrupt
    assert list(temp.iterdir()) == []


def test_a_live_folder_is_kept_while_another_run_starts(temp: Path) -> None:
    with scratch_folder(PREFIX) as first, scratch_folder(PREFIX) as second:
        assert first.is_dir() and second.is_dir()
        assert remove_abandoned(temp, PREFIX) == []


def test_a_folder_whose_lock_nobody_holds_is_removed(temp: Path) -> None:
    """What a killed run leaves: its lock file with its pid, the lock released by the system."""
    left = temp / f"{PREFIX}killed"
    left.mkdir()
    (left / LOCK_NAME).write_text("12345\n")
    (left / "0-0").mkdir()
    (left / "0-0" / "big.bin").write_bytes(b"x" * 4096)
    assert remove_abandoned(temp, PREFIX) == [left]
    assert not left.exists()


def test_a_run_that_is_starting_is_left_alone(temp: Path) -> None:
    """A folder just made, whose lock file is not yet there or not yet written."""
    no_lock = temp / f"{PREFIX}starting"
    no_lock.mkdir()
    empty_lock = temp / f"{PREFIX}locking"
    empty_lock.mkdir()
    (empty_lock / LOCK_NAME).touch()
    assert remove_abandoned(temp, PREFIX) == []
    for folder in (no_lock, empty_lock):
        aged(folder, LOCKLESS_AGE + 60)
    assert sorted(remove_abandoned(temp, PREFIX)) == sorted([no_lock, empty_lock])


def test_links_files_and_other_names_are_not_touched(
    temp: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    precious = tmp_path_factory.mktemp("precious")
    (precious / "keep.txt").write_text("keep")
    (temp / f"{PREFIX}link").symlink_to(precious, target_is_directory=True)
    (temp / f"{PREFIX}file").write_text("a file")
    aged(temp / f"{PREFIX}file", LOCKLESS_AGE + 60)
    other = temp / "paraphe-other-old"
    other.mkdir()
    aged(other, LOCKLESS_AGE + 60)
    assert remove_abandoned(temp, PREFIX) == []
    assert (precious / "keep.txt").exists() and other.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_another_users_folder_is_not_touched(temp: Path) -> None:
    theirs = temp / f"{PREFIX}theirs"
    theirs.mkdir()
    (theirs / LOCK_NAME).write_text("1\n")
    os.chown(theirs, 4242, 4242)
    aged(theirs, LOCKLESS_AGE + 60)
    assert remove_abandoned(temp, PREFIX) == []
    assert theirs.exists()
