"""``asic_kind``: which files discovery hands to the ASiC validator, decided cheaply and never
raising, whatever the file holds (EN 319 162-1 A.1: mimetype first; the extensions; a ``.zip``
holding ASiC signature files)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from paraphe.core.validation.containers.kind import asic_kind, is_signature_entry
from paraphe.core.validation.report import Container
from tests.support.asic_shapes import ASIC_E, ASIC_S, write_container


@pytest.mark.parametrize(
    ("name", "entries", "mimetype", "expected"),
    [
        ("a.zip", [("d.pdf", b"x")], ASIC_S, Container.ASIC_S),
        ("a.bin", [("d.pdf", b"x")], ASIC_E, Container.ASIC_E),
        ("a.asics", [("d.pdf", b"x")], None, Container.ASIC_S),
        ("a.SCE", [("d.pdf", b"x")], None, Container.ASIC_E),
        ("a.zip", [("d.pdf", b"x"), ("META-INF/signature.p7s", b"p7")], None, Container.ASIC_S),
        (
            "a.zip",
            [("d.pdf", b"x"), ("META-INF/ASiCManifest.xml", b"<m/>"), ("META-INF/s.p7s", b"")],
            None,
            Container.ASIC_E,
        ),
        (
            "a.zip",
            [("a.pdf", b"x"), ("b.pdf", b"y"), ("META-INF/signatures.xml", b"")],
            None,
            Container.ASIC_E,
        ),
        (
            "bid.zip",
            [("Offre/acte.pdf", b"x"), ("Offre/acte.pdf - Signature 1.p7s", b"")],
            None,
            None,
        ),
        ("a.docx", [("word/document.xml", b"x")], None, None),
    ],
    ids=[
        "asic-s-mimetype-in-a-zip",
        "asic-e-mimetype-any-name",
        "asics-extension",
        "sce-extension-any-case",
        "zip-with-signature-p7s",
        "zip-with-asic-manifest",
        "zip-with-signatures-xml-and-two-files",
        "bid-zip-with-atexo-tokens",
        "office-file",
    ],
)
def test_asic_kind_of_zips(
    tmp_path: Path,
    name: str,
    entries: list[tuple[str, bytes]],
    mimetype: str | None,
    expected: Container | None,
) -> None:
    path = write_container(tmp_path / name, entries, mimetype=mimetype)

    assert asic_kind(path) is expected


def test_a_compressed_mimetype_is_still_read_from_the_directory(tmp_path: Path) -> None:
    """Not at the fixed offset (compressed), the type still comes from the extension or files."""
    path = write_container(
        tmp_path / "a.asice", [("d.pdf", b"x")], mimetype=ASIC_E, mimetype_compressed=True
    )

    assert asic_kind(path) is Container.ASIC_E


@pytest.mark.parametrize(
    "content",
    [b"", b"PK\x03\x04", b"PK\x03\x04" + os.urandom(200), b"not a zip at all"],
    ids=["empty", "header-only", "random-after-header", "text"],
)
def test_a_file_named_like_a_container_is_one_whatever_it_holds(
    tmp_path: Path, content: bytes
) -> None:
    """Named ``.asice``, it is a signature container: one that is not a ZIP is a damaged one,
    which the validator reports TOTAL_FAILED/FORMAT_FAILURE (issue 13: a file named like a
    signature that is not one is damaged, not an unsigned document). Named ``.zip``, it is
    not a container unless it holds one's files."""
    named_asice = tmp_path / "a.asice"
    named_asice.write_bytes(content)
    named_zip = tmp_path / "a.zip"
    named_zip.write_bytes(content)

    assert asic_kind(named_asice) is Container.ASIC_E
    assert asic_kind(named_zip) is None


def test_a_folder_or_a_missing_file_is_none(tmp_path: Path) -> None:
    (tmp_path / "dir.asice").mkdir()

    assert asic_kind(tmp_path / "dir.asice") is None  # not a regular file: never opened
    assert asic_kind(tmp_path / "missing.asice") is None


def test_a_plain_zip_is_not_read_past_its_directory(tmp_path: Path) -> None:
    """A bid archive (no mimetype, no META-INF signature) stays an archive."""
    path = tmp_path / "bid.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\n")  # a JAR's
        zipped.writestr("a.pdf", b"x")

    assert asic_kind(path) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("META-INF/signature.p7s", True),
        ("META-INF/signature001.p7s", True),
        ("META-INF/signatures.xml", True),
        ("META-INF/signatures0.xml", True),
        ("META-INF/manifest.xml", False),
        ("META-INF/ASiCManifest.xml", False),
        ("META-INF/sub/signature.p7s", False),
        ("signature.p7s", False),
        ("META-INF/timestamp.tst", False),
    ],
)
def test_signature_entries_are_named_as_en_319_162_1_says(name: str, expected: bool) -> None:
    assert is_signature_entry(name) is expected


def test_the_zip_comment_names_the_type_when_there_is_no_mimetype(tmp_path: Path) -> None:
    """A.1 lets the ZIP comment carry ``mimetype=<media type>``: it decides over the content."""
    path = write_container(
        tmp_path / "a.zip",
        [("d.pdf", b"x"), ("META-INF/signature.p7s", b"")],
        mimetype=None,
        comment=b"mimetype=" + ASIC_E.encode(),
    )

    assert asic_kind(path) is Container.ASIC_E


def test_a_zip_with_more_entries_than_the_archive_limits_is_not_searched(tmp_path: Path) -> None:
    """Past 10,000 entries (the archive limits, checked from the end record before the
    directory is parsed) a ``.zip`` is not taken for a container: it stays an archive, which
    the archive rules then refuse to unpack, saying why."""
    path = tmp_path / "bid.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("META-INF/signature.p7s", b"")
        for number in range(10_000):
            zipped.writestr(f"f{number}", b"")

    assert asic_kind(path) is None
