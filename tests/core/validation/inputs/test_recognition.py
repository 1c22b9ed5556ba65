"""Signatures are recognised by what they hold, not only by their name (issue 13, item 1).

Every signature below is made by ``openssl cms -sign`` with the test PKI's RSA persona, whose
chain the test settings trust: each valid one must come out TOTAL_PASSED, whatever its file is
called and however it is encoded. A file named as only a signature is, that holds none, must be a
failed signature (TOTAL_FAILED/FORMAT_FAILURE, EN 319 102-1 5.2.2), never an unsigned document a
buyer could overlook; a certificate bundle (``.p7b``) is no signature at all.
"""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest

from paraphe.cli.i18n import translator
from paraphe.core.text.translatable import in_words
from paraphe.core.validation.inputs.discovery import Kind, classify
from paraphe.core.validation.report import Packaging
from tests.core.validation.cms.test_verify_pdf_cms import TXT, copy_sample, verify
from tests.support.pki import TestPki
from tests.support.third_party import openssl_sign
from tests.support.verdicts import FORMAT_FAILURE, PASSED, assert_verdict

DAMAGED_PHRASE = "this signature file is damaged or is not a signature"


@pytest.mark.parametrize(
    ("name", "extra", "kind"),
    [
        # DER, detached, under a name no one guesses: paired with its document by digest
        ("signature.der", (), Kind.CADES),
        # the document inside (-nodetach) under a .sig name
        ("Mémoire technique.txt.sig", ("-nodetach",), Kind.P7M),
        # BER with indefinite lengths (-stream), as streaming signers write
        ("Mémoire technique.txt.pkcs7", ("-nodetach", "-stream"), Kind.P7M),
        # a .p7s holding its document after all: enveloping, checked on its own
        ("Mémoire technique.txt - Signature 1.p7s", ("-nodetach",), Kind.P7M),
    ],
)
def test_a_cms_signature_is_recognised_and_passes_whatever_its_name(
    pki: TestPki, tmp_path: Path, name: str, extra: tuple[str, ...], kind: Kind
) -> None:
    document = copy_sample(TXT, tmp_path)
    signature = openssl_sign(pki, document, tmp_path / name, *extra)

    assert classify(signature).kind is kind
    report = verify(pki, tmp_path)

    (signed,) = report.all_signatures()
    assert_verdict(signed, PASSED)
    assert signed.signature_path == signature
    assert report.unsigned_documents == ([] if kind is Kind.CADES else [document])


def test_a_pem_armoured_and_a_bare_base64_signature_pass(pki: TestPki, tmp_path: Path) -> None:
    document = copy_sample(TXT, tmp_path)
    der = openssl_sign(pki, document, tmp_path / "work.bin", "-nodetach").read_bytes()
    body = base64.encodebytes(der).decode()
    pem = tmp_path / "offre.pem"
    pem.write_text(f"-----BEGIN CMS-----\n{body}-----END CMS-----\n")
    bare = tmp_path / "offre.p7m"
    bare.write_text(body)
    (tmp_path / "work.bin").unlink()

    assert classify(pem).kind is Kind.P7M and classify(bare).kind is Kind.P7M
    signatures = verify(pki, pem, bare).all_signatures()

    assert len(signatures) == 2
    for signature in signatures:
        assert_verdict(signature, PASSED)


def test_a_certificate_bundle_is_not_a_signature(pki: TestPki, tmp_path: Path) -> None:
    bundle = tmp_path / "chaine.p7b"
    subprocess.run(
        [
            "openssl",
            "crl2pkcs7",
            "-nocrl",
            "-certfile",
            str(pki.cert("rsa")),
            "-outform",
            "DER",
            "-out",
            str(bundle),
        ],
        check=True,
    )

    report = verify(pki, bundle)

    assert report.all_signatures() == [] and report.unsigned_documents == [bundle]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Acte.pdf - Signature 1.xml", b"garbage, not XML"),
        ("Acte.pdf - Signature 2.xml", b"<?xml version='1.0'?><facture/>"),  # XML, no signature
        ("Acte.pdf - Signature 3.xml", b""),
        ("Acte.pdf.sig", b"\x00\x01 random bytes"),
    ],
)
def test_a_damaged_file_named_like_a_signature_is_a_failed_signature(
    pki: TestPki, tmp_path: Path, name: str, content: bytes
) -> None:
    (tmp_path / "Acte.pdf").write_bytes(b"%PDF-1.7\n% an unsigned document\n")
    damaged = tmp_path / name
    damaged.write_bytes(content)

    report = verify(pki, tmp_path)

    (signature,) = report.all_signatures()
    assert_verdict(signature, FORMAT_FAILURE)
    assert DAMAGED_PHRASE in signature.checks[0].detail
    french = in_words(signature.checks[0].detail, translator("fr"))
    assert "ce fichier de signature est endommagé ou n’est pas une signature (pas une" in french
    assert damaged not in report.unsigned_documents
    if " - Signature " in name:  # an Atexo name says which document it was meant for
        assert signature.document_path == tmp_path / "Acte.pdf"
        assert report.unsigned_documents == []


def test_an_openpgp_signature_is_named_as_such(pki: TestPki, tmp_path: Path) -> None:
    sig = tmp_path / "offre.pdf.sig"
    sig.write_text(
        "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n"
    )

    (signature,) = verify(pki, sig).all_signatures()

    assert_verdict(signature, FORMAT_FAILURE)
    assert "OpenPGP" in signature.checks[0].detail


def test_an_ordinary_xml_document_stays_a_document(pki: TestPki, tmp_path: Path) -> None:
    xml = tmp_path / "DC4.xml"
    xml.write_text("<?xml version='1.0'?><candidature><nom>ACME</nom></candidature>")

    report = verify(pki, xml)

    assert report.all_signatures() == [] and report.unsigned_documents == [xml]


def test_sniffing_reads_the_packaging_from_the_head_only(pki: TestPki, tmp_path: Path) -> None:
    """A 5 MB enveloping signature is told apart from the first 64 KB, before its content."""
    from paraphe.core.validation.inputs.sniffing import cms_packaging, read_head

    big = tmp_path / "gros.bin"
    big.write_bytes(b"x" * (5 << 20))
    signed = openssl_sign(pki, big, tmp_path / "gros.bin.p7m", "-nodetach", "-stream")

    assert cms_packaging(read_head(signed)) is Packaging.ENVELOPING
    assert cms_packaging(b"\x30\x80\x06\x09") is None  # cut short: nothing told
