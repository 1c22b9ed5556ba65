"""The archive-wide limits, decided from the central directory before anything is written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from paraphe.core.validation.inputs import archives

MiB = 1 << 20


def make_zip(path: Path, entries: int, method: int) -> Path:
    with zipfile.ZipFile(path, "w", method) as zipped:
        for number in range(entries):
            zipped.writestr(f"doc-{number}.bin", bytes(MiB))
    return path


def unpack(archive: Path, into: Path) -> archives.Unpacked:
    into.mkdir()
    with open(archive, "rb") as source:
        return archives.unpack(archive, source, into)


@pytest.fixture
def small_ratio_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule as it stands for 256 MiB, shown at 2 MiB so that the test stays small."""
    monkeypatch.setattr(archives, "RATIO_FREE_BYTES", 2 * MiB)


@pytest.mark.usefixtures("small_ratio_threshold")
def test_a_compressible_archive_over_the_threshold_is_refused_whole(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.zip", 3, zipfile.ZIP_DEFLATED)
    result = unpack(archive, tmp_path / "out")
    assert [problem.message for problem in result.problems] == [archives.TOO_COMPRESSED]
    assert result.files == []
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.usefixtures("small_ratio_threshold")
def test_an_archive_of_incompressible_files_over_the_threshold_is_unpacked(
    tmp_path: Path,
) -> None:
    archive = make_zip(tmp_path / "bid.zip", 3, zipfile.ZIP_STORED)  # PDFs barely compress
    result = unpack(archive, tmp_path / "out")
    assert result.problems == []
    assert len(result.files) == 3


def test_a_small_archive_may_compress_as_it_likes(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "small.zip", 3, zipfile.ZIP_DEFLATED)
    result = unpack(archive, tmp_path / "out")
    assert result.problems == []
    assert len(result.files) == 3


def test_an_archive_that_would_fill_the_temporary_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = make_zip(tmp_path / "bid.zip", 2, zipfile.ZIP_STORED)
    monkeypatch.setattr(archives, "free_space", lambda folder: archives.FREE_SPACE_MARGIN + MiB)
    result = unpack(archive, tmp_path / "out")
    assert [problem.message for problem in result.problems] == [archives.NO_ROOM]
    assert list((tmp_path / "out").iterdir()) == []


def test_the_sentences_state_the_limits_in_force() -> None:
    """The sentences are literals (for translation): they must follow the constants."""
    assert f"{archives.MAX_ENTRIES:,}" in archives.TOO_MANY_ENTRIES
    assert f"{archives.MAX_DIRECTORY_BYTES // MiB} MiB" in archives.DIRECTORY_TOO_LARGE
    assert f"{archives.MAX_TOTAL_BYTES >> 30} GiB" in archives.TOO_LARGE
    assert f"{archives.RATIO_FREE_BYTES // MiB} MiB" in archives.TOO_COMPRESSED
    assert f"{archives.MAX_ARCHIVE_RATIO} times" in archives.TOO_COMPRESSED
