"""Output names (Atexo convention) and staged writing: whole files, never an overwrite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from paraphe.core.errors import OutputNotWritable
from paraphe.core.files.staged_file import StagedFile
from paraphe.core.naming import detached_token_names, pades_output_names


def first(names, count: int = 3) -> list[str]:
    return [next(names).name for _ in range(count)]


def test_detached_names_follow_atexo_and_skip_timestamped_variants(tmp_path: Path) -> None:
    document = tmp_path / "Acte_engagement.pdf"
    assert first(detached_token_names(document, tmp_path, "xml")) == [
        "Acte_engagement.pdf - Signature 1.xml",
        "Acte_engagement.pdf - Signature 2.xml",
        "Acte_engagement.pdf - Signature 3.xml",
    ]
    (tmp_path / "Acte_engagement.pdf - 20260812193704 - Signature 1.xml").write_text("x")
    (tmp_path / "Autre.pdf - 20260812193704 - Signature 2.xml").write_text("x")
    assert first(detached_token_names(document, tmp_path, "xml"), 2) == [
        "Acte_engagement.pdf - Signature 2.xml",
        "Acte_engagement.pdf - Signature 3.xml",
    ]
    assert next(detached_token_names(document, tmp_path, "p7s")).name == (
        "Acte_engagement.pdf - Signature 1.p7s"
    )


def test_pades_names(tmp_path: Path) -> None:
    assert first(pades_output_names(tmp_path / "Contrat.pdf", tmp_path, "_signe")) == [
        "Contrat_signe.pdf",
        "Contrat_signe-2.pdf",
        "Contrat_signe-3.pdf",
    ]


def test_publish_takes_the_first_free_name_and_never_overwrites(tmp_path: Path) -> None:
    taken = tmp_path / "a - Signature 1.xml"
    taken.write_bytes(b"earlier signer")
    with StagedFile(tmp_path) as staged:
        staged.file.write(b"new token")
        published = staged.publish([taken, tmp_path / "a - Signature 2.xml"])
    assert published.name == "a - Signature 2.xml"
    assert published.read_bytes() == b"new token"
    assert taken.read_bytes() == b"earlier signer"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a - Signature 1.xml",
        "a - Signature 2.xml",
    ]


def test_staged_content_is_invisible_until_published(tmp_path: Path) -> None:
    with StagedFile(tmp_path) as staged:
        staged.file.write(b"half")
        assert list(tmp_path.iterdir()) == [], "nothing visible while writing"
    assert list(tmp_path.iterdir()) == [], "discarded without publish"


def test_failure_while_writing_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), StagedFile(tmp_path) as staged:
        staged.file.write(b"x" * 1000)
        raise RuntimeError("disk went away")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputNotWritable) as caught:
        StagedFile(tmp_path / "nope")
    assert "does not exist" in caught.value.message


def test_published_file_has_ordinary_permissions(tmp_path: Path) -> None:
    with StagedFile(tmp_path) as staged:
        staged.file.write(b"token")
        published = staged.publish([tmp_path / "t.xml"])
    mode = published.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
