"""Counter-signatures (RFC 5652 11.4): each one validated over the signature value it signs, in
its own report naming the signature it counter-signs; nested ones too; a broken or untrusted one
gets its own failing verdict and leaves the main signature's alone.

The main signature is openssl's (``-cades``); the counter-signatures are SignerInfos built with
asn1crypto and signed with ``cryptography`` by the test PKI's personas (openssl cannot add one),
their message digest being the SHA-256 of the parent's signature value, as the RFC says.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from asn1crypto import cms, core, parser

from paraphe.core.errors import Notice
from paraphe.core.trust import load_certificates
from paraphe.core.validation.cms import signers
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import Packaging, SignatureReport, SignedObject
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support import cades_shapes
from tests.support.pki import TestPki
from tests.support.verdicts import HASH_FAILURE, PASSED, SIG_CRYPTO_FAILURE, assert_verdict

DOCUMENT = "Mémoire technique.txt"
UNTRUSTED = (Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND)


@pytest.fixture(scope="module")
def signed(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """An enveloping CAdES token by the RSA persona, from openssl."""
    folder = tmp_path_factory.mktemp("signed")
    out = folder / "main.p7m"
    cades_shapes.openssl_cms(pki, SAMPLES / DOCUMENT, out, "rsa", "-nodetach", "-cades")
    return out.read_bytes()


def verify(pki: TestPki, folder: Path, token: bytes) -> list[SignatureReport]:
    folder.mkdir(parents=True, exist_ok=True)
    p7m = folder / f"{DOCUMENT}.p7m"
    p7m.write_bytes(token)
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
    )
    report = verify_paths([p7m], settings)
    assert not report.errors, report.errors
    return report.all_signatures()


def test_a_counter_signature_is_validated_over_the_signature_value(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """The ECDSA persona counter-signs the RSA persona's signature: both valid and trusted, so
    both TOTAL_PASSED; the counter-signature names what it signs (the signature value of
    "signer 1") and the signature it counter-signs. Adding it (an unsigned attribute) leaves
    the main signature valid."""
    token = cades_shapes.counter_signed(pki, signed, "ecdsa")

    main, counter = verify(pki, tmp_path, token)

    assert_verdict(main, PASSED, signer="Jeanne Test")
    assert_verdict(counter, PASSED, signer="Ecdsa Test")
    assert counter.counter_signature_of == "signer 1" == main.signature_id
    assert counter.signature_id == "signer 1, counter-signature 1"
    assert counter.signed_objects == [
        SignedObject("signer 1 (signature value)", "same-document", True)
    ]
    assert counter.packaging is Packaging.ENVELOPING
    assert counter.ades  # it carries signing-certificate-v2


def test_a_counter_signature_of_a_counter_signature_is_validated_too(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """Nested: the RSA persona counter-signs the ECDSA counter-signature; each of the three is
    validated over its own parent's signature value and passes."""
    token = cades_shapes.counter_signed(pki, signed, "ecdsa")
    token = cades_shapes.counter_signed(pki, token, "rsa", nested=True)

    reports = verify(pki, tmp_path, token)

    assert [r.signature_id for r in reports] == [
        "signer 1",
        "signer 1, counter-signature 1",
        "signer 1, counter-signature 1, counter-signature 1",
    ]
    assert [r.counter_signature_of for r in reports] == [
        None,
        "signer 1",
        "signer 1, counter-signature 1",
    ]
    for report in reports:
        assert_verdict(report, PASSED)


def test_a_counter_signature_by_an_untrusted_signer_is_indeterminate_alone(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """The counter-signer's certificate leads to a root nobody trusts: its verdict is
    INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND (EN 319 102-1 5.2.6); the main signature, which
    does not depend on it, still passes."""
    token = cades_shapes.counter_signed(pki, signed, "untrusted")

    main, counter = verify(pki, tmp_path, token)

    assert_verdict(main, PASSED)
    assert_verdict(counter, UNTRUSTED)


def test_a_counter_signature_over_another_signature_value_fails_with_hash_failure(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """A counter-signature moved onto a signature it was not made for (here: the parent's value
    changed after counter-signing, by re-signing the same content): its message digest no longer
    matches the value it sits on: TOTAL_FAILED/HASH_FAILURE, never a pass."""
    token = cades_shapes.counter_signed(pki, signed, "ecdsa")
    counter = _first_counter_signature(token)
    # the same counter-signature put on another token of the same document
    other = tmp_path / "other.p7m"
    cades_shapes.openssl_cms(pki, SAMPLES / DOCUMENT, other, "ecdsa", "-nodetach", "-cades")
    moved = cms.ContentInfo.load(other.read_bytes())
    moved["content"]["signer_infos"][0]["unsigned_attrs"] = cms.CMSAttributes(
        [cms.CMSAttribute({"type": "counter_signature", "values": [counter]})]
    )

    main, moved_counter = verify(pki, tmp_path / "moved", moved.dump())

    assert_verdict(main, PASSED)
    assert_verdict(moved_counter, HASH_FAILURE, checks={"document digest": False})


def test_a_counter_signature_with_a_changed_value_fails_with_sig_crypto_failure(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """One bit of the counter-signature's value flipped: its signed attributes no longer verify
    under the counter-signer's key: TOTAL_FAILED/SIG_CRYPTO_FAILURE (EN 319 102-1 5.2.7)."""
    token = cades_shapes.counter_signed(pki, signed, "rsa")
    value = bytes(_first_counter_signature(token)["signature"].native)
    flipped = value[:-5] + bytes([value[-5] ^ 0x01]) + value[-4:]

    main, counter = verify(pki, tmp_path, cades_shapes.replace_once(token, value, flipped))

    assert_verdict(main, PASSED)
    assert_verdict(counter, SIG_CRYPTO_FAILURE)


def test_counter_signatures_beyond_the_limit_are_one_indeterminate_verdict(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """More counter-signatures than any signature carries (a hostile token could hold thousands,
    each a certificate validation): none of them is checked, one INDETERMINATE/FORMAT_FAILURE
    verdict says so; the main signature is still validated."""
    token = signed
    for _ in range(signers.MAX_COUNTER_SIGNATURES + 1):
        token = cades_shapes.counter_signed(pki, token, "ecdsa")

    main, *rest = verify(pki, tmp_path, token)

    assert_verdict(main, PASSED)
    assert len(rest) == 1
    assert_verdict(rest[0], (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE))
    assert "counter-signatures" in rest[0].checks[0].detail


def _first_counter_signature(token: bytes) -> cms.SignerInfo:
    signer_info = cms.ContentInfo.load(token)["content"]["signer_infos"][0]
    return next(
        value
        for attribute in signer_info["unsigned_attrs"]
        if attribute["type"].native == "counter_signature"
        for value in attribute["values"]
    )


def test_the_signers_of_a_token_are_seen_alone_with_the_tokens_bytes(pki: TestPki) -> None:
    """Each signer's view of a co-signed BER token keeps the signer's bytes, the certificates
    and the content: what pyHanko checks is what the signer signed."""
    folder = Path(pki.directory) / "views"
    folder.mkdir(exist_ok=True)
    out = folder / "two.p7m"
    cades_shapes.openssl_cms(
        pki, SAMPLES / DOCUMENT, out, "rsa", "-nodetach", "-stream", "-cades",
        "-signer", str(pki.cert("ecdsa")), "-inkey", str(pki.key("ecdsa")),
    )  # fmt: skip
    data = out.read_bytes()
    signed_data = cms.ContentInfo.load(data)["content"]

    views = signers.signer_views(signed_data)

    assert len(views) == 2
    for signer_info, view in views:
        assert len(view["signer_infos"]) == 1
        assert signer_info.dump() in data
        assert view["signer_infos"][0]["signed_attrs"].contents in data
        assert bytes(view["encap_content_info"]["content"]) == (SAMPLES / DOCUMENT).read_bytes()
        assert view["certificates"].contents == signed_data["certificates"].contents


def test_a_timestamped_counter_signature_is_proven_at_its_timestamp(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """The counter-signature carries a signature timestamp from the test TSA over its own
    value: the timestamp is valid, the counter-signature is B-T, TOTAL_PASSED, and proven to
    exist at the timestamp's time (EN 319 102-1 5.5)."""
    token = cades_shapes.counter_signed(pki, signed, "ecdsa")
    token = cades_shapes.with_counter_signature_timestamp(pki, token)

    main, counter = verify(pki, tmp_path, token)

    assert_verdict(main, PASSED, level="B-B")
    assert_verdict(counter, PASSED, level="B-T", checks={"signature timestamp": True})
    assert counter.timestamp_time is not None


def test_signers_beyond_the_limit_are_one_indeterminate_verdict(
    pki: TestPki, tmp_path: Path
) -> None:
    """More signers in one SignedData than any signature has (MAX_SIGNERS): the first
    MAX_SIGNERS are each validated (valid: TOTAL_PASSED), the rest get one INDETERMINATE/
    FORMAT_FAILURE verdict saying how many were not checked: bounded work on a hostile token."""
    content = (SAMPLES / DOCUMENT).read_bytes()
    signer = cades_shapes.signer_info(pki, "ecdsa", hashlib.sha256(content).digest())
    content_info = cms.ContentInfo.load(cades_shapes.enveloping_token(pki, content, signer))
    content_info["content"]["signer_infos"] = [signer] * (signers.MAX_SIGNERS + 2)

    reports = verify(pki, tmp_path, content_info.dump())

    assert len(reports) == signers.MAX_SIGNERS + 1
    for report in reports[:-1]:
        assert_verdict(report, PASSED)
    assert_verdict(reports[-1], (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE))
    assert "2 more signers not checked" in reports[-1].checks[0].detail


def test_an_unreadable_counter_signature_is_one_indeterminate_verdict(
    pki: TestPki, signed: bytes, tmp_path: Path
) -> None:
    """A counter-signature attribute whose value is no SignerInfo (an INTEGER): the main
    signature is unaffected (unsigned attributes are not signed) and passes; the
    counter-signature cannot be read: INDETERMINATE/FORMAT_FAILURE with the reason, no crash."""
    kind = core.ObjectIdentifier(signers.COUNTER_SIGNATURE).dump()
    value = parser.emit(0, 1, 17, core.Integer(7).dump())  # SET OF, holding an INTEGER
    broken = cms.CMSAttribute.load(parser.emit(0, 1, 16, kind + value))
    token = cades_shapes.with_unsigned(signed, [broken])

    main, counter = verify(pki, tmp_path, token)

    assert_verdict(main, PASSED)
    assert_verdict(counter, (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE))
    assert counter.checks[0].detail.startswith("a counter-signature could not be read")
