"""ASiC-S and ASiC-E containers with CAdES (EN 319 162-1), signed by ``openssl cms`` with the test
PKI, zipped by the ``zip`` tool or Python's zipfile; then changed, emptied, added to, mislabelled
and damaged. Each test states the verdict EN 319 102-1 gives and why."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from paraphe.core.validation.containers.findings import (
    CONTAINER_FILES_SIGNED,
    CONTAINER_MIMETYPE,
)
from paraphe.core.validation.containers.validator import verify_container
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    Container,
    Packaging,
)
from paraphe.core.validation.settings import VerificationSettings
from tests.support.asic_shapes import (
    ASIC_E,
    ASIC_S,
    cades_asic_e,
    cades_asic_s,
    replaced,
    write_container,
    zip_tool_container,
)
from tests.support.pki import TestPki
from tests.support.verdicts import FORMAT_FAILURE, HASH_FAILURE, PASSED, assert_verdict

from .common import check, detail, only, verify

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 64
SHEET = b"BPU;quantite;prix\n1;2;3\n" * 50
NOT_FOUND = (Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND)


# --- valid containers -------------------------------------------------------------------------


def test_asic_s_zipped_by_the_zip_tool_passes(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """EN 319 162-1 4.3: one data object, META-INF/signature.p7s detached over it, the mimetype
    first and stored (``zip -X -0``). openssl's signature by a trusted, unrevoked signer over
    the unchanged file: TOTAL_PASSED, the document listed as ``Offre.asics!/Acte.pdf``."""
    folder = tmp_path / "content"
    (folder / "META-INF").mkdir(parents=True)
    for name, content in cades_asic_s(pki, tmp_path / "work", "Acte d'engagement.pdf", PDF):
        (folder / name).write_bytes(content)
    container = zip_tool_container(tmp_path / "Offre.asics", folder, ASIC_S)

    result = verify(container, settings)

    report = only(result)
    assert_verdict(report, PASSED)
    assert report.container is Container.ASIC_S
    assert report.packaging is Packaging.DETACHED
    assert report.document_path == container
    assert [(o.name, o.kind, o.digest_matches) for o in report.signed_objects] == [
        ("Offre.asics!/Acte d'engagement.pdf", "file", True)
    ]
    assert check(report, CONTAINER_MIMETYPE) is True
    assert check(report, CONTAINER_FILES_SIGNED) is True
    assert result.unsigned == []


def test_asic_e_with_an_asic_manifest_over_two_files_passes(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """EN 319 162-1 4.4 and A.4: the CAdES signature signs the ASiCManifest, which lists both
    files with their SHA-256; all match: TOTAL_PASSED, both files (one in a folder) listed."""
    objects = [("Acte.pdf", PDF), ("Annexes/BPU.csv", SHEET)]
    container = write_container(
        tmp_path / "Offre.asice", cades_asic_e(pki, tmp_path / "work", objects)
    )

    report = only(verify(container, settings))

    assert_verdict(report, PASSED, checks={"manifest digests": True})
    assert report.container is Container.ASIC_E
    assert report.signature_id == "META-INF/signature001.p7s: signer 1"
    assert [(o.name, o.kind, o.digest_matches) for o in report.signed_objects] == [
        ("Offre.asice!/META-INF/ASiCManifest001.xml", "properties", True),
        ("Offre.asice!/Acte.pdf", "file", True),
        ("Offre.asice!/Annexes/BPU.csv", "file", True),
    ]


def test_a_zip_named_zip_with_an_asic_mimetype_is_the_container_it_declares(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The mimetype decides the type (A.1), not the name: a ``.zip`` declaring ASiC-E is one."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.zip", entries, mimetype=ASIC_E)

    report = only(verify(container, settings))

    assert_verdict(report, PASSED)
    assert report.container is Container.ASIC_E


# --- data objects changed, removed, added -----------------------------------------------------


def test_asic_s_document_changed_after_signing_is_a_hash_failure(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The data object is not the one signed (its digest differs from the message-digest):
    TOTAL_FAILED/HASH_FAILURE (EN 319 102-1 5.2.7), whoever signed it."""
    entries = cades_asic_s(pki, tmp_path / "work", "Acte.pdf", PDF)
    container = write_container(
        tmp_path / "Offre.asics", replaced(entries, "Acte.pdf", PDF + b"%%EOF\n"), mimetype=ASIC_S
    )

    report = only(verify(container, settings))

    assert_verdict(report, HASH_FAILURE)
    assert [o.digest_matches for o in report.signed_objects] == [False]


def test_asic_e_file_changed_after_signing_is_a_hash_failure(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The manifest is intact (its signature verifies) but one file it lists no longer has the
    digest it gives: the signed content changed, TOTAL_FAILED/HASH_FAILURE, the file named."""
    objects = [("Acte.pdf", PDF), ("BPU.csv", SHEET)]
    entries = cades_asic_e(pki, tmp_path / "work", objects)
    container = write_container(
        tmp_path / "Offre.asice", replaced(entries, "BPU.csv", SHEET.replace(b"3", b"9"))
    )

    report = only(verify(container, settings))

    assert_verdict(report, HASH_FAILURE, checks={"manifest digests": False})
    assert "Offre.asice!/BPU.csv was modified" in detail(report, "manifest digests")
    assert {o.name: o.digest_matches for o in report.signed_objects} == {
        "Offre.asice!/META-INF/ASiCManifest001.xml": True,
        "Offre.asice!/Acte.pdf": True,
        "Offre.asice!/BPU.csv": False,
    }


def test_asic_e_manifest_rewritten_to_match_a_changed_file_is_a_hash_failure(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """An attacker changes a file and writes its new digest in the manifest: the manifest is
    then not what was signed, TOTAL_FAILED/HASH_FAILURE from the CMS check over it."""
    from tests.support.asic_shapes import asic_manifest

    objects = [("Acte.pdf", PDF)]
    entries = cades_asic_e(pki, tmp_path / "work", objects)
    forged = [("Acte.pdf", b"%PDF-1.7 forged")]
    entries = replaced(entries, "Acte.pdf", forged[0][1])
    entries = replaced(
        entries, "META-INF/ASiCManifest001.xml", asic_manifest("META-INF/signature001.p7s", forged)
    )
    container = write_container(tmp_path / "Offre.asice", entries)

    report = only(verify(container, settings))

    assert_verdict(report, HASH_FAILURE)
    assert report.signed_objects[0].digest_matches is False


def test_asic_e_file_removed_after_signing_is_signed_data_not_found(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The manifest lists a file the container no longer holds: the signed data cannot be
    obtained, INDETERMINATE/SIGNED_DATA_NOT_FOUND (EN 319 102-1, table 5), as for a detached
    token without its document; never a pass."""
    objects = [("Acte.pdf", PDF), ("BPU.csv", SHEET)]
    entries = cades_asic_e(pki, tmp_path / "work", objects)
    container = write_container(tmp_path / "Offre.asice", replaced(entries, "BPU.csv", None))

    report = only(verify(container, settings))

    assert_verdict(report, NOT_FOUND, checks={"signed files present": False})
    assert "Offre.asice!/BPU.csv is signed but is not in the container" in detail(
        report, "signed files present"
    )


def test_asic_s_document_removed_is_signed_data_not_found(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """ASiC-S without its data object: INDETERMINATE/SIGNED_DATA_NOT_FOUND (table 5)."""
    entries = cades_asic_s(pki, tmp_path / "work", "Acte.pdf", PDF)
    container = write_container(
        tmp_path / "Offre.asics", replaced(entries, "Acte.pdf", None), mimetype=ASIC_S
    )

    report = only(verify(container, settings))

    assert_verdict(report, NOT_FOUND, checks={"signed files present": False})


def test_asic_e_file_added_after_signing_is_shown_as_not_signed(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """A file covered by no signature: the signature stays valid for what it signs
    (TOTAL_PASSED, its manifest untouched), but the container check fails naming the file and
    the file is listed among the unsigned documents, where the buyer looks."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.asice", [*entries, ("Prix.pdf", PDF + b"x")])

    result = verify(container, settings)

    report = only(result)
    assert_verdict(report, PASSED, checks={CONTAINER_FILES_SIGNED: False})
    assert "Offre.asice!/Prix.pdf" in detail(report, CONTAINER_FILES_SIGNED)
    assert result.unsigned == ["Offre.asice!/Prix.pdf"]
    assert [o.name for o in report.signed_objects if o.kind == "file"] == ["Offre.asice!/Acte.pdf"]


def test_asic_s_file_added_keeps_the_signed_one_and_shows_the_other(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """ASiC-S holds one data object (4.3.3); with one added, the signed one is found by the
    digest the signature holds (TOTAL_PASSED on it) and the other is reported unsigned."""
    entries = cades_asic_s(pki, tmp_path / "work", "Z-Acte.pdf", PDF)
    container = write_container(
        tmp_path / "Offre.asics", [("A-ajout.pdf", b"%PDF-1.7 added"), *entries], mimetype=ASIC_S
    )

    result = verify(container, settings)

    report = only(result)
    assert_verdict(report, PASSED, checks={CONTAINER_FILES_SIGNED: False})
    assert [o.name for o in report.signed_objects] == ["Offre.asics!/Z-Acte.pdf"]
    assert result.unsigned == ["Offre.asics!/A-ajout.pdf"]


# --- the mimetype -----------------------------------------------------------------------------


def test_a_container_without_mimetype_is_read_by_its_name_and_passes(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The mimetype is optional (EN 319 162-1 A.1): absent, the type comes from the name."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.asice", entries, mimetype=None)

    report = only(verify(container, settings))

    assert_verdict(report, PASSED, checks={CONTAINER_MIMETYPE: True})
    assert "absent" in detail(report, CONTAINER_MIMETYPE)
    assert report.container is Container.ASIC_E


@pytest.mark.parametrize(
    ("shape", "said"),
    [
        ({"mimetype_compressed": True}, "it is compressed"),
        ({"mimetype_last": True}, "not the first entry"),
        ({"mimetype_extra": b"\xfe\xca\x00\x00"}, "extra field"),
        ({"mimetype": "application/zip"}, "not an ASiC media type"),
    ],
    ids=["compressed", "not-first", "extra-field", "wrong-type"],
)
def test_a_mimetype_breaking_a1_is_reported_and_leaves_the_verdict(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path, shape: dict, said: str
) -> None:
    """A.1: first, stored, no extra field, an ASiC media type. The mimetype is covered by no
    signature (anyone can rewrite it without touching what was signed): the broken rule is a
    failed check, and the signature keeps its own verdict (TOTAL_PASSED)."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.asice", entries, **shape)

    report = only(verify(container, settings))

    assert_verdict(report, PASSED, checks={CONTAINER_MIMETYPE: False})
    assert said in detail(report, CONTAINER_MIMETYPE)


def test_a_mimetype_that_contradicts_the_name_is_reported(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The mimetype wins (A.1); the name that says otherwise is a failed type check."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.asics", entries, mimetype=ASIC_E)

    report = only(verify(container, settings))

    assert_verdict(report, PASSED, checks={"container type": False})
    assert report.container is Container.ASIC_E


# --- damaged containers -----------------------------------------------------------------------


def test_a_truncated_container_is_a_format_failure(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """A ZIP cut short (no central directory): nothing can be read, the container is damaged,
    TOTAL_FAILED/FORMAT_FAILURE (EN 319 102-1 5.2.2), one line saying so."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    whole = write_container(tmp_path / "whole.asice", entries).read_bytes()
    container = tmp_path / "Offre.asice"
    container.write_bytes(whole[: len(whole) // 2])

    report = only(verify(container, settings))

    assert_verdict(report, FORMAT_FAILURE, checks={"container": False})
    assert report.container is Container.ASIC_E


def test_garbage_named_asice_is_a_format_failure(
    settings: VerificationSettings, tmp_path: Path
) -> None:
    container = tmp_path / "Offre.asice"
    container.write_bytes(b"this is not a ZIP at all\n" * 10)

    assert_verdict(only(verify(container, settings)), FORMAT_FAILURE)


def test_two_entries_of_one_name_make_a_damaged_container(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """Two ``Acte.pdf``: one reader shows the first, another the last; which one was signed
    cannot be told. TOTAL_FAILED/FORMAT_FAILURE, never a pass on either."""
    entries = cades_asic_s(pki, tmp_path / "work", "Acte.pdf", PDF)
    container = tmp_path / "Offre.asics"
    with pytest.warns(UserWarning, match="Duplicate name"):
        write_container(container, [*entries, ("Acte.pdf", b"%PDF-1.7 other")], mimetype=ASIC_S)

    report = only(verify(container, settings))

    assert_verdict(report, FORMAT_FAILURE)
    assert "appears more than once" in detail(report, "container")


def test_an_entry_climbing_out_is_skipped_and_reported(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """``../evil.pdf`` is refused by the archive rules (never written outside the scratch
    folder); it is a data object no signature covers, shown as such."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.asice", [*entries, ("../evil.pdf", b"x")])

    result = verify(container, settings)

    report = only(result)
    assert_verdict(report, PASSED, checks={"container entries": False})
    assert "unsafe name" in detail(report, "container entries")
    assert not (tmp_path / "evil.pdf").exists()


def test_a_container_without_signature_gives_no_report(tmp_path: Path, settings) -> None:
    """Nothing signed: no verdict to give; its files are all unsigned (the run lists them)."""
    container = write_container(tmp_path / "Offre.asice", [("Acte.pdf", PDF)])

    result = verify(container, settings)

    assert result.reports == []
    assert result.unsigned == ["Offre.asice!/Acte.pdf"]


def test_too_many_entries_is_indeterminate_not_damaged(
    settings: VerificationSettings, tmp_path: Path
) -> None:
    """Beyond the archive limits (10,000 entries) the container is not unpacked: it may be
    valid, so INDETERMINATE (GENERIC), not a failure."""
    container = tmp_path / "Offre.asice"
    with zipfile.ZipFile(container, "w") as zipped:
        for number in range(10_001):
            zipped.writestr(f"f{number}", b"")

    report = only(verify(container, settings))

    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.GENERIC))


def test_a_signed_file_stored_as_a_link_is_not_followed_and_not_found(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """A data object stored as a symbolic link is never unpacked (archive rules): what it
    points at is not the container's content. The manifest lists it, so the signed data
    cannot be obtained: INDETERMINATE/SIGNED_DATA_NOT_FOUND, saying why."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = tmp_path / "Offre.asice"
    with zipfile.ZipFile(container, "w") as zipped:
        for name, content in entries:
            info = zipfile.ZipInfo(name)
            if name == "Acte.pdf":
                info.external_attr = 0o120777 << 16  # a symbolic link
            zipped.writestr(info, content)

    report = only(verify(container, settings))

    assert_verdict(report, NOT_FOUND, checks={"signed files present": False})
    assert "could not be unpacked" in detail(report, "signed files present")
    assert "link" in detail(report, "signed files present")


def test_a_damaged_signature_entry_is_a_format_failure_not_an_unsigned_container(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The signature file's compressed bytes are damaged (its checksum fails): it cannot be
    unpacked, but it is there. A damaged signature is TOTAL_FAILED/FORMAT_FAILURE (EN 319 102-1
    5.2.2), never silently an unsigned container."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.asice", entries)
    data = bytearray(container.read_bytes())
    with zipfile.ZipFile(container) as zipped:
        info = zipped.getinfo("META-INF/signature001.p7s")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    container.write_bytes(bytes(data))

    report = only(verify(container, settings))

    assert_verdict(report, FORMAT_FAILURE, checks={"signature file": False})
    assert "META-INF/signature001.p7s: damaged" in detail(report, "signature file")


def test_names_that_differ_only_by_a_backslash_are_one_entry_twice(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """``Annexes\\BPU.csv`` and ``Annexes/BPU.csv`` unpack to one file (backslashes are read as
    folder separators, as Windows tools write them): two contents for one name, which one was
    signed cannot be told, TOTAL_FAILED/FORMAT_FAILURE."""
    entries = cades_asic_e(pki, tmp_path / "work", [("Annexes/BPU.csv", SHEET)])
    container = write_container(tmp_path / "Offre.asice", [*entries, ("Annexes\\BPU.csv", b"x")])

    assert_verdict(only(verify(container, settings)), FORMAT_FAILURE)


def test_cancelling_stops_the_run_instead_of_giving_a_verdict(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """Cancel is never turned into a verdict (a half-checked container has none): neither while
    unpacking nor while hashing a data object listed in the manifest."""
    from paraphe.core.errors import Cancelled
    from paraphe.core.progress import CancelToken
    from paraphe.core.validation.containers.files import ContainerFiles
    from paraphe.core.validation.containers.reading import AsicContents, read_container
    from paraphe.core.validation.context import VerificationContext

    entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF)])
    container = write_container(tmp_path / "Offre.asice", entries)
    cancel = CancelToken()
    with VerificationContext(settings, cancel) as context:
        (tmp_path / "unpacked").mkdir()
        contents = read_container(container, tmp_path / "unpacked")
        assert isinstance(contents, AsicContents)
        cancel.cancel()
        with pytest.raises(Cancelled):
            ContainerFiles(contents, context).digest("Acte.pdf", "sha256")
        with pytest.raises(Cancelled):
            verify_container(container, context)


def test_an_enveloping_cms_beside_a_swapped_manifest_never_passes(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """Wrapping: the signature file is an enveloping CMS (``openssl cms -nodetach``) of the
    manifest the signer signed, while the manifest file beside it was swapped for one listing a
    forged file. The CMS would verify over its own content, not over the file the container
    shows: ASiC signature files are detached (EN 319 162-1 4.4.3), so it is INDETERMINATE
    FORMAT_FAILURE, and the forged file is covered by nothing."""
    from tests.support.asic_shapes import asic_manifest
    from tests.support.third_party import openssl_sign

    signed_manifest = asic_manifest("META-INF/signature001.p7s", [("Acte.pdf", PDF)])
    source = tmp_path / "manifest.xml"
    source.write_bytes(signed_manifest)
    enveloping = openssl_sign(pki, source, tmp_path / "enveloping.p7s", "-nodetach").read_bytes()
    forged = b"%PDF-1.7 forged offer"
    entries = [
        ("Acte.pdf", forged),
        (
            "META-INF/ASiCManifest001.xml",
            asic_manifest("META-INF/signature001.p7s", [("Acte.pdf", forged)]),
        ),
        ("META-INF/signature001.p7s", enveloping),
    ]
    container = write_container(tmp_path / "Offre.asice", entries)

    result = verify(container, settings)

    report = only(result)
    assert_verdict(
        report,
        (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE),
        checks={"signature file": False, CONTAINER_FILES_SIGNED: False},
    )
    assert result.unsigned == ["Offre.asice!/Acte.pdf"]


def test_asic_e_cades_without_a_manifest_is_checked_over_its_data_object_and_says_so(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """An ASiC-E whose CAdES signature signs the data object directly (the ASiC-S form, made by
    tools that mislabel their containers): the signature is checked over the file whose digest
    it holds and passes, and the type check fails saying no ASiCManifest names it."""
    entries = cades_asic_s(pki, tmp_path / "work", "Acte.pdf", PDF)
    container = write_container(tmp_path / "Offre.asice", entries, mimetype=ASIC_E)

    report = only(verify(container, settings))

    assert_verdict(report, PASSED, checks={"container type": False})
    assert "no ASiCManifest names META-INF/signature.p7s" in detail(report, "container type")


def test_many_missing_files_are_one_line_and_an_oversized_manifest_is_not_read(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """Three signed files gone: one "signed files present" check naming them (a hostile
    manifest of thousands must not flood the report), INDETERMINATE/SIGNED_DATA_NOT_FOUND.
    A manifest listing more files than a container may hold (10,000) is not read:
    INDETERMINATE, never a failure for its size alone."""
    from tests.support.asic_shapes import asic_manifest, openssl_signature

    objects = [(f"piece-{n}.pdf", PDF + bytes([n])) for n in range(4)]
    entries = cades_asic_e(pki, tmp_path / "work", objects)
    kept = [e for e in entries if not e[0].startswith("piece-") or e[0] == "piece-0.pdf"]
    report = only(verify(write_container(tmp_path / "Offre.asice", kept), settings))
    assert_verdict(report, NOT_FOUND, checks={"signed files present": False})
    assert detail(report, "signed files present").count("is signed but is not in") == 3

    many = [(f"f{n}", b"") for n in range(10_001)]
    manifest = asic_manifest("META-INF/signature001.p7s", many)
    signature = openssl_signature(pki, manifest, tmp_path / "work2")
    huge = write_container(
        tmp_path / "Huge.asice",
        [
            ("a.pdf", PDF),
            ("META-INF/ASiCManifest001.xml", manifest),
            ("META-INF/signature001.p7s", signature),
        ],
    )
    report = only(verify(huge, settings))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE))
    assert "more data objects than a container may hold" in detail(report, "manifest digests")


@pytest.mark.parametrize(
    ("algorithm", "expected"),
    [
        ("sha3_256", PASSED),
        ("sha1", (Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE)),
    ],
)
def test_manifest_digest_algorithms(
    pki: TestPki,
    settings: VerificationSettings,
    tmp_path: Path,
    algorithm: str,
    expected: tuple[Indication, SubIndication | None],
) -> None:
    """SHA-3 digests in the manifest are checked (TOTAL_PASSED); SHA-1 is not accepted for the
    data objects' digests (collisions are practical): INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE,
    not a failure (the file may well be the one signed), never a pass."""
    from tests.support.asic_shapes import asic_manifest, openssl_signature

    manifest = asic_manifest("META-INF/signature001.p7s", [("Acte.pdf", PDF)], algorithm=algorithm)
    entries = [
        ("Acte.pdf", PDF),
        ("META-INF/ASiCManifest001.xml", manifest),
        ("META-INF/signature001.p7s", openssl_signature(pki, manifest, tmp_path / "work")),
    ]
    report = only(verify(write_container(tmp_path / "Offre.asice", entries), settings))

    assert_verdict(report, expected)


def test_a_signed_manifest_that_is_not_xml_is_a_format_failure(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The signature verifies over a manifest that is not an ASiCManifest at all: nothing says
    which files it signs, the container is not conformant (A.4): TOTAL_FAILED FORMAT_FAILURE."""
    from tests.support.asic_shapes import openssl_signature

    manifest = b"<asic:ASiCManifest broken"
    entries = [
        ("Acte.pdf", PDF),
        ("META-INF/ASiCManifest001.xml", manifest),
        ("META-INF/signature001.p7s", openssl_signature(pki, manifest, tmp_path / "work")),
    ]
    report = only(verify(write_container(tmp_path / "Offre.asice", entries), settings))

    assert_verdict(report, FORMAT_FAILURE, checks={"manifest digests": False})
    assert "not well-formed XML" in detail(report, "manifest digests")


@pytest.mark.parametrize("level", ["B-T", "B-LT"])
def test_asic_s_with_paraphe_cades_at_long_term_levels_passes_with_its_proven_time(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path, level: str
) -> None:
    """Paraphe's own CAdES B-T and B-LT (signature timestamp from the test TSA; B-LT with the
    validation data embedded) as META-INF/signature.p7s of an ASiC-S: the container changes
    nothing in the CAdES validation: TOTAL_PASSED at the detected level, the time proven by
    the valid timestamp."""
    from paraphe.core.etsi import BaselineLevel, SignatureFormat
    from paraphe.core.signing.request import SignRequest
    from paraphe.core.timestamps.servers import tsa_servers
    from tests.support.signing import sign_with

    assert pki.tsa_url is not None
    document = tmp_path / "Acte.pdf"
    document.write_bytes(PDF)
    request = SignRequest(
        (document,),
        SignatureFormat.CADES,
        level=BaselineLevel(level),
        tsa=tsa_servers([pki.tsa_url]),
    )
    [signed] = sign_with(pki, "rsa", request)
    entries = [("Acte.pdf", PDF), ("META-INF/signature.p7s", signed.output.read_bytes())]
    container = write_container(tmp_path / "Offre.asics", entries, mimetype=ASIC_S)

    report = only(verify(container, settings))

    assert_verdict(report, PASSED, level=level)
    assert report.timestamp_time is not None


def test_asic_e_with_two_cades_signatures_each_over_its_manifest(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """Two CAdES signatures, each signing the ASiCManifest that names it (A.4): one covers the
    offer, the other the offer and the price list. Both pass, each lists what it signs, and no
    file is unsigned; changing the price list fails only the signature that covers it."""
    from tests.support.asic_shapes import asic_manifest, openssl_signature

    offer, prices = ("Acte.pdf", PDF), ("BPU.csv", SHEET)
    first = asic_manifest("META-INF/signature001.p7s", [offer])
    second = asic_manifest("META-INF/signature002.p7s", [offer, prices])
    meta = [
        ("META-INF/ASiCManifest001.xml", first),
        ("META-INF/signature001.p7s", openssl_signature(pki, first, tmp_path / "w1")),
        ("META-INF/ASiCManifest002.xml", second),
        ("META-INF/signature002.p7s", openssl_signature(pki, second, tmp_path / "w2")),
    ]

    result = verify(write_container(tmp_path / "Offre.asice", [offer, prices, *meta]), settings)

    by_file = {r.signature_id: r for r in result.reports}
    assert set(by_file) == {
        "META-INF/signature001.p7s: signer 1",
        "META-INF/signature002.p7s: signer 1",
    }
    for report in result.reports:
        assert_verdict(report, PASSED, checks={CONTAINER_FILES_SIGNED: True})
    files = [o.name for o in by_file["META-INF/signature002.p7s: signer 1"].signed_objects]
    assert files[1:] == ["Offre.asice!/Acte.pdf", "Offre.asice!/BPU.csv"]

    changed = [offer, ("BPU.csv", SHEET + b"9;9;9\n"), *meta]
    result = verify(write_container(tmp_path / "Changed.asice", changed), settings)

    verdicts = {r.signature_id: (r.indication, r.subindication) for r in result.reports}
    assert verdicts == {
        "META-INF/signature001.p7s: signer 1": PASSED,
        "META-INF/signature002.p7s: signer 1": HASH_FAILURE,
    }
