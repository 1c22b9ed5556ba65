"""ASiC-S and ASiC-E containers with XAdES (EN 319 162-1): ``META-INF/signatures.xml`` holding
ds:Signature elements that reference the container's files by their path. Signed by Paraphe's
XAdES signer (ASiC-S) and by xmlsec1 (ASiC-E over two files, one in a folder, with and without
XAdES properties); then a file changed, removed, added. Each verdict is stated and justified."""

from __future__ import annotations

from pathlib import Path

import pytest

from paraphe.core.validation.containers.findings import CONTAINER_FILES_SIGNED
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import Container, DetectedFormat, Packaging
from paraphe.core.validation.settings import VerificationSettings
from tests.support.asic_shapes import (
    ASIC_E,
    ASIC_S,
    paraphe_xades_signature,
    replaced,
    write_container,
    xades_signatures_file,
    xmlsec1_signatures_file,
)
from tests.support.pki import TestPki
from tests.support.verdicts import HASH_FAILURE, PASSED, assert_verdict

from .common import check, detail, only, verify

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 64
SHEET = "Quantité;Prix\n1;2\n".encode() * 40
NAMES = ("Acte d'engagement.pdf", "Annexes/BPU financier.csv")
NOT_FOUND = (Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND)


@pytest.fixture
def xades_e_entries(pki: TestPki, tmp_path: Path) -> list[tuple[str, bytes]]:
    """An ASiC-E's entries: two files (a space, an accent, a folder) and META-INF/signatures.xml
    signed by xmlsec1 with XAdES SignedProperties (SigningTime, SigningCertificateV2)."""
    return _xmlsec1_e(pki, tmp_path, xades=True)


def _xmlsec1_e(pki: TestPki, tmp_path: Path, xades: bool) -> list[tuple[str, bytes]]:
    folder = tmp_path / "content"
    (folder / "Annexes").mkdir(parents=True)
    objects = list(zip(NAMES, (PDF, SHEET), strict=True))
    for name, content in objects:
        (folder / name).write_bytes(content)
    signatures = xmlsec1_signatures_file(pki, folder, NAMES, xades=xades)
    return [*objects, ("META-INF/signatures.xml", signatures)]


def test_asic_s_with_paraphe_xades_passes(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """EN 319 162-1 4.3: META-INF/signatures.xml holds one XAdES B-B signature referencing the
    one data object by name; trusted signer, file unchanged: TOTAL_PASSED."""
    signature = paraphe_xades_signature(pki, "Acte.pdf", PDF)
    entries = [("Acte.pdf", PDF), ("META-INF/signatures.xml", xades_signatures_file([signature]))]
    container = write_container(tmp_path / "Offre.asics", entries, mimetype=ASIC_S)

    result = verify(container, settings)

    report = only(result)
    assert_verdict(report, PASSED, format=DetectedFormat.XADES)
    assert report.container is Container.ASIC_S
    assert report.packaging is Packaging.DETACHED
    files = [(o.name, o.digest_matches) for o in report.signed_objects if o.kind == "file"]
    assert files == [("Offre.asics!/Acte.pdf", True)]
    assert check(report, CONTAINER_FILES_SIGNED) is True
    assert report.signature_id is not None
    assert report.signature_id.startswith("META-INF/signatures.xml: ")


def test_asic_s_xades_over_a_changed_document_is_a_hash_failure(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """The reference's digest no longer matches the data object: TOTAL_FAILED/HASH_FAILURE."""
    signature = paraphe_xades_signature(pki, "Acte.pdf", PDF)
    entries = [
        ("Acte.pdf", PDF + b"%%"),
        ("META-INF/signatures.xml", xades_signatures_file([signature])),
    ]
    container = write_container(tmp_path / "Offre.asics", entries, mimetype=ASIC_S)

    assert_verdict(only(verify(container, settings)), HASH_FAILURE)


def test_asic_e_xmlsec1_xades_over_two_files_passes(
    settings: VerificationSettings, tmp_path: Path, xades_e_entries: list[tuple[str, bytes]]
) -> None:
    """EN 319 162-1 4.4: one XAdES signature made by another tool (xmlsec1) references both
    files by their container path (percent-encoded); both match, the signer is trusted and
    identified by its SigningCertificateV2: TOTAL_PASSED, both files listed."""
    container = write_container(tmp_path / "Offre.asice", xades_e_entries, mimetype=ASIC_E)

    report = only(verify(container, settings))

    assert_verdict(report, PASSED, format=DetectedFormat.XADES)
    assert report.ades is True
    files = [(o.name, o.digest_matches) for o in report.signed_objects if o.kind == "file"]
    assert files == [
        ("Offre.asice!/Acte d'engagement.pdf", True),
        ("Offre.asice!/Annexes/BPU financier.csv", True),
    ]


def test_asic_e_xades_file_changed_is_a_hash_failure(
    settings: VerificationSettings, tmp_path: Path, xades_e_entries: list[tuple[str, bytes]]
) -> None:
    """One of the two referenced files changed: TOTAL_FAILED/HASH_FAILURE, that file marked."""
    entries = replaced(xades_e_entries, NAMES[1], SHEET + b"1;0\n")
    container = write_container(tmp_path / "Offre.asice", entries)

    report = only(verify(container, settings))

    assert_verdict(report, HASH_FAILURE)
    marks = {o.name: o.digest_matches for o in report.signed_objects if o.kind == "file"}
    assert marks["Offre.asice!/Annexes/BPU financier.csv"] is False
    assert marks["Offre.asice!/Acte d'engagement.pdf"] is True


def test_asic_e_xades_file_removed_is_signed_data_not_found(
    settings: VerificationSettings, tmp_path: Path, xades_e_entries: list[tuple[str, bytes]]
) -> None:
    """A referenced file is gone: INDETERMINATE/SIGNED_DATA_NOT_FOUND (EN 319 102-1, table 5),
    the missing file named; never a pass."""
    container = write_container(tmp_path / "Offre.asice", replaced(xades_e_entries, NAMES[0], None))

    report = only(verify(container, settings))

    assert_verdict(report, NOT_FOUND, checks={"signed files present": False})
    assert "Acte d'engagement.pdf is signed but is not in the container" in detail(
        report, "signed files present"
    )


def test_asic_e_xades_file_added_is_shown_as_not_signed(
    settings: VerificationSettings, tmp_path: Path, xades_e_entries: list[tuple[str, bytes]]
) -> None:
    """A third file no signature references: the signature stays TOTAL_PASSED for the two it
    signs; the container check fails naming the third, listed among the unsigned documents."""
    entries = [*xades_e_entries, ("Annexes/Nouveau prix.pdf", b"%PDF-1.7 later")]
    container = write_container(tmp_path / "Offre.asice", entries)

    result = verify(container, settings)

    assert_verdict(only(result), PASSED, checks={CONTAINER_FILES_SIGNED: False})
    assert result.unsigned == ["Offre.asice!/Annexes/Nouveau prix.pdf"]
    assert result.unsigned_entries == ["Annexes/Nouveau prix.pdf"]


def test_asic_e_plain_xml_dsig_is_checked_but_not_ades(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """xmlsec1 without XAdES properties: the cryptography and the certificate are checked and
    pass, but nothing signed identifies the signing certificate: INDETERMINATE
    SIG_CONSTRAINTS_FAILURE as EU DSS judges it (the XAdES validator's rule), ``ades`` false."""
    entries = _xmlsec1_e(pki, tmp_path, xades=False)
    container = write_container(tmp_path / "Offre.asice", entries)

    report = only(verify(container, settings))

    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE))
    assert report.ades is False
    assert check(report, CONTAINER_FILES_SIGNED) is True


def test_two_signature_files_each_get_their_reports(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """ASiC-E allows several signature files: each signature is reported, named by its file, and
    a file is unsigned only when no signature of any file covers it."""
    first = paraphe_xades_signature(pki, "Acte.pdf", PDF)
    second = paraphe_xades_signature(pki, "Prix.pdf", PDF + b"prix")
    entries = [
        ("Acte.pdf", PDF),
        ("Prix.pdf", PDF + b"prix"),
        ("META-INF/signatures001.xml", xades_signatures_file([first])),
        ("META-INF/signatures002.xml", xades_signatures_file([second])),
    ]
    container = write_container(tmp_path / "Offre.asice", entries)

    result = verify(container, settings)

    assert len(result.reports) == 2
    for report in result.reports:
        assert_verdict(report, PASSED, checks={CONTAINER_FILES_SIGNED: True})
    assert sorted(r.signature_id.split(":")[0] for r in result.reports if r.signature_id) == [
        "META-INF/signatures001.xml",
        "META-INF/signatures002.xml",
    ]
    assert result.unsigned == []


def test_a_xades_signing_only_its_own_object_does_not_pass_for_the_container(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path
) -> None:
    """A valid XAdES whose only signed content is a ds:Object of its own (enveloping) signs
    nothing the container holds: a green tick on the container would say its files are signed.
    INDETERMINATE FORMAT_FAILURE (EN 319 162-1: an ASiC's signatures sign its data objects),
    the embedded object listed as what it signs, the container's file unsigned."""
    folder = tmp_path / "content"
    folder.mkdir()
    signatures = xmlsec1_signatures_file(pki, folder, [], xades=True, embedded="Offre: 100 EUR")
    container = write_container(
        tmp_path / "Offre.asice", [("Acte.pdf", PDF), ("META-INF/signatures.xml", signatures)]
    )

    result = verify(container, settings)

    report = only(result)
    assert_verdict(
        report,
        (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE),
        checks={"signature file": False, CONTAINER_FILES_SIGNED: False},
    )
    assert [o.kind for o in report.signed_objects if o.kind != "properties"] == ["embedded"]
    assert result.unsigned == ["Offre.asice!/Acte.pdf"]


def test_a_signatures_file_that_is_not_xml_is_a_damaged_signature(
    settings: VerificationSettings, tmp_path: Path
) -> None:
    """META-INF/signatures.xml holding garbage: the signature is damaged, TOTAL_FAILED
    FORMAT_FAILURE (EN 319 102-1 5.2.2), named by its file; the data object it was meant to
    cover is shown unsigned."""
    entries = [("Acte.pdf", PDF), ("META-INF/signatures.xml", b"<asic:XAdESSignatures garbage")]
    container = write_container(tmp_path / "Offre.asice", entries)

    result = verify(container, settings)

    report = only(result)
    assert_verdict(report, (Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE))
    assert report.signature_id == "META-INF/signatures.xml"
    assert result.unsigned == ["Offre.asice!/Acte.pdf"]
