"""What ``openssl cms -sign`` writes, in every shape it has, validated by ``paraphe verify``: each
valid token passes and says how it is packaged and what it signs; a byte of its content changed
fails; SHA-1 gets the dated crypto policy's verdict; SigningCertificate v1 and v2 both bind the
signer's certificate; a token without certificates validates when the run knows the signer's.

The tokens are made here by openssl 3 (an independent CMS implementation) with the test PKI's
personas; the SigningCertificate v1 token over SHA-256, which openssl cannot write, is built with
asn1crypto and signed with ``cryptography`` (``cades_shapes.signer_info``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms, core

from paraphe.core.errors import Notice
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    Packaging,
    SignatureReport,
    SignedObject,
    ValidationReport,
)
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support import cades_shapes
from tests.support.pki import TestPki
from tests.support.verdicts import HASH_FAILURE, NO_SIGNING_CERT, PASSED, assert_verdict

DOCUMENT = "Mémoire technique.txt"
NO_POE = (Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE)

SHAPES: dict[str, tuple[str, ...]] = {
    # name: (persona, then openssl options); every one is a valid signature
    "default": ("rsa",),
    "stream-ber": ("rsa", "-stream"),  # indefinite lengths, content as a constructed string
    "no-attributes": ("rsa", "-noattr"),  # the signature directly over the content: not CAdES
    "no-smime-capabilities": ("rsa", "-nosmimecap"),
    "subject-key-identifier": ("rsa", "-keyid"),  # signer named by its key identifier
    "sha3-256": ("rsa", "-md", "sha3-256"),
    "sha512": ("rsa", "-md", "sha512"),
    "rsa-pss": ("rsa", "-keyopt", "rsa_padding_mode:pss"),
    "ecdsa": ("ecdsa",),
    "cades-v2": ("rsa", "-cades"),  # signing-certificate-v2: CAdES B-B
    "cades-ecdsa-stream": ("ecdsa", "-cades", "-stream"),  # (openssl 3.0 cannot stream PSS)
}
CADES = frozenset({"cades-v2", "cades-ecdsa-stream"})
"""The shapes with a signing-certificate attribute: AdES; the others are plain CMS."""


def settings(pki: TestPki, **options: object) -> VerificationSettings:
    return VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
        **options,  # type: ignore[arg-type]
    )


def verify(pki: TestPki, *paths: Path, **options: object) -> ValidationReport:
    return verify_paths(list(paths), settings(pki, **options))


def only(report: ValidationReport) -> SignatureReport:
    signatures = report.all_signatures()
    assert len(signatures) == 1, [(s.signature_id, s.indication) for s in signatures]
    assert not report.errors, report.errors
    return signatures[0]


def openssl_token(pki: TestPki, folder: Path, shape: str, *, enveloping: bool) -> Path:
    """The document in ``folder`` and openssl's token of ``shape`` for it (a ``.p7m`` holding
    it, or a detached ``- Signature 1.p7s`` beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    document = folder / DOCUMENT
    shutil.copy(SAMPLES / DOCUMENT, document)
    persona, *options = SHAPES[shape]
    if "-md" not in options:
        options = ["-md", "sha256", *options]
    name = f"{DOCUMENT}.p7m" if enveloping else f"{DOCUMENT} - Signature 1.p7s"
    token = folder / name
    cades_shapes.openssl_cms(
        pki, document, token, persona, *(("-nodetach",) if enveloping else ()), *options
    )
    if enveloping:
        document.unlink()  # the .p7m alone: its document is inside
    return token


def tampered_content(token: bytes) -> bytes:
    """The token with one byte of the document it holds changed (nothing else)."""
    marker = (SAMPLES / DOCUMENT).read_bytes()[40:72]
    at = token.index(marker) + 16
    assert token.count(marker) == 1
    return token[:at] + bytes([token[at] ^ 0x01]) + token[at + 1 :]


# --- every shape, enveloping and detached ------------------------------------------------------


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_enveloping_openssl_shapes_pass_and_name_their_document(
    shape: str, pki: TestPki, tmp_path: Path
) -> None:
    """Valid signatures by a trusted signer: TOTAL_PASSED whatever the encoding (BER with
    indefinite lengths included), digest (SHA-256, SHA-512, SHA3-256), padding (PKCS#1 v1.5,
    PSS), key (RSA, ECDSA) or signer identifier. The document inside is reported as signed
    ("embedded", named after the .p7m), the packaging as enveloping; without a
    signing-certificate attribute the signature is CMS, not CAdES (EN 319 122-1 5.2.2)."""
    p7m = openssl_token(pki, tmp_path, shape, enveloping=True)

    signature = only(verify(pki, p7m))

    assert_verdict(signature, PASSED, level="B-B")
    assert signature.packaging is Packaging.ENVELOPING
    assert signature.signed_objects == [SignedObject(DOCUMENT, "embedded", True)]
    assert signature.ades is (shape in CADES)
    assert signature.signature_id == "signer 1"


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_changed_byte_of_the_enveloped_document_fails(
    shape: str, pki: TestPki, tmp_path: Path
) -> None:
    """One bit of the document inside the .p7m flipped: its digest no longer matches the signed
    message-digest (or, without signed attributes, the signature over the content's digest):
    TOTAL_FAILED/HASH_FAILURE (EN 319 102-1 5.2.7), never a pass."""
    p7m = openssl_token(pki, tmp_path, shape, enveloping=True)
    p7m.write_bytes(tampered_content(p7m.read_bytes()))

    signature = only(verify(pki, p7m))

    assert_verdict(signature, HASH_FAILURE)
    assert signature.signed_objects == [SignedObject(DOCUMENT, "embedded", False)]


@pytest.mark.parametrize("shape", ["rsa-pss", "ecdsa", "sha3-256", "cades-v2", "no-attributes"])
def test_detached_openssl_shapes_pass_with_their_document(
    shape: str, pki: TestPki, tmp_path: Path
) -> None:
    """The same shapes detached (a .p7s beside its document): TOTAL_PASSED, packaging detached,
    the paired file named as the signed object."""
    token = openssl_token(pki, tmp_path, shape, enveloping=False)

    signature = only(verify(pki, tmp_path))

    assert_verdict(signature, PASSED)
    assert signature.signature_path == token
    assert signature.packaging is Packaging.DETACHED
    assert signature.signed_objects == [SignedObject(DOCUMENT, "file", True)]


def test_ber_with_definite_lengths_passes_and_tampered_fails(pki: TestPki, tmp_path: Path) -> None:
    """``-stream`` BER rewritten with definite lengths and constructed strings (which asn1crypto
    refuses as such): read leniently and verified over the signed attributes' own bytes, it
    passes; with a changed byte of the content it fails (HASH_FAILURE)."""
    ber = openssl_token(pki, tmp_path, "cades-ecdsa-stream", enveloping=True).read_bytes()
    assert ber[1] == 0x80
    definite = cades_shapes.definite_lengths(ber)
    good, bad = tmp_path / "good" / f"{DOCUMENT}.p7m", tmp_path / "bad" / f"{DOCUMENT}.p7m"
    for path, data in ((good, definite), (bad, tampered_content(definite))):
        path.parent.mkdir()
        path.write_bytes(data)

    assert_verdict(only(verify(pki, good)), PASSED)
    assert_verdict(only(verify(pki, bad)), HASH_FAILURE)


# --- the dated crypto policy -------------------------------------------------------------------


@pytest.mark.parametrize("cades", [False, True], ids=["cms", "cades-signing-certificate-v1"])
def test_sha1_signature_without_proof_of_time_is_crypto_constraints_no_poe(
    cades: bool, pki: TestPki, tmp_path: Path
) -> None:
    """``-md sha1`` (and ``-cades -md sha1``, which writes SigningCertificate v1): SHA-1 is not
    accepted from 2009-01-01 (ETSI TS 102 176-1, DSS's default policy) and no timestamp proves
    the signature older: INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE (EN 319 102-1
    5.2.8), with a reason naming the algorithm and the date; not FAILED (a proof of existence
    would settle it), not PASSED."""
    folder = tmp_path / "sha1"
    folder.mkdir()
    document = folder / DOCUMENT
    shutil.copy(SAMPLES / DOCUMENT, document)
    p7m = folder / f"{DOCUMENT}.p7m"
    cades_shapes.openssl_cms(
        pki, document, p7m, "rsa", "-nodetach", *(("-cades",) if cades else ()), "-md", "sha1"
    )
    attributes = cms.ContentInfo.load(p7m.read_bytes())["content"]["signer_infos"][0]
    types = {a["type"].dotted for a in attributes["signed_attrs"]}
    assert ("1.2.840.113549.1.9.16.2.12" in types) is cades  # SigningCertificate v1

    signature = only(verify(pki, p7m))

    assert_verdict(signature, NO_POE, checks={"cryptographic algorithms": False})
    detail = next(c.detail for c in signature.checks if c.name == "cryptographic algorithms")
    assert "SHA-1" in detail and "2009-01-01" in detail and "nothing proves" in detail
    assert signature.ades is cades


def test_signing_certificate_v1_over_sha256_passes(pki: TestPki, tmp_path: Path) -> None:
    """A CAdES signature binding its certificate with SigningCertificate v1 (ESSCertID: the
    certificate's SHA-1 hash, RFC 2634), as older signers write it, the content hashed with
    SHA-256: the reference matches the signer's certificate, TOTAL_PASSED, AdES. (The SHA-1 of
    ESSCertID identifies the certificate; it is not the signature's digest.)"""
    content = (SAMPLES / DOCUMENT).read_bytes()
    signer = cades_shapes.signer_info(
        pki, "rsa", hashlib.sha256(content).digest(), signing_certificate="v1"
    )
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(cades_shapes.enveloping_token(pki, content, signer))

    signature = only(verify(pki, p7m))

    assert_verdict(signature, PASSED, signer="Jeanne Test")
    assert signature.ades


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_signing_certificate_naming_another_certificate_is_no_signing_certificate(
    version: str, pki: TestPki, tmp_path: Path
) -> None:
    """The signing-certificate attribute (v1 or v2) names the ECDSA persona's certificate while
    the RSA persona signed: the certificate that signed is not the one the signer bound, so the
    signer cannot be identified: INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND (EN 319 102-1
    5.2.3), never a pass."""
    content = (SAMPLES / DOCUMENT).read_bytes()
    signer = cades_shapes.signer_info(
        pki,
        "rsa",
        hashlib.sha256(content).digest(),
        signing_certificate=version,
        certificate_of="ecdsa",
    )
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(cades_shapes.enveloping_token(pki, content, signer))

    assert_verdict(only(verify(pki, p7m)), NO_SIGNING_CERT)


# --- certificates elsewhere --------------------------------------------------------------------


def test_token_without_certificates_validates_with_the_signers_certificate_given(
    pki: TestPki, tmp_path: Path
) -> None:
    """``-nocerts``: the token names its signer (issuer and serial) but carries no certificate.
    Alone, the signer cannot be identified (NO_SIGNING_CERTIFICATE_FOUND); with the signer's
    certificate known to the run (given with the files: ``extra_certs``), it is found there
    (RFC 5652 allows certificates to come from elsewhere) and the signature passes; the
    token's signed bytes are untouched."""
    bare = tmp_path / f"{DOCUMENT}.p7m"
    cades_shapes.openssl_cms(
        pki, SAMPLES / DOCUMENT, bare, "rsa", "-nodetach", "-nocerts", "-cades"
    )
    given = tuple(load_certificates(pki.cert("rsa"))) + tuple(
        load_certificates(pki.intermediate_cert)
    )

    assert_verdict(only(verify(pki, bare)), NO_SIGNING_CERT)
    assert_verdict(only(verify(pki, bare, extra_certs=given)), PASSED, signer="Jeanne Test")


def test_paraphe_verify_certs_gives_the_signers_certificate_to_a_token_without_any(
    pki: TestPki, tmp_path: Path, run_paraphe: Any
) -> None:
    """``paraphe verify --certs FILE`` (repeatable) is how a buyer gives the certificates an
    ``-nocerts`` token left out: found there, the signer is identified and the signature
    passes; the files are not trusted (the root still comes from ``--trust``); a file that is
    no certificate is refused by name, exit code 4."""
    bare = tmp_path / f"{DOCUMENT}.p7m"
    cades_shapes.openssl_cms(
        pki, SAMPLES / DOCUMENT, bare, "rsa", "-nodetach", "-nocerts", "-cades"
    )
    base = ["verify", "--json", "--no-eu-trust", "--trust", pki.root_cert]

    alone = run_paraphe(*base, bare)
    given = run_paraphe(*base, "--certs", pki.cert("rsa"), "--certs", pki.intermediate_cert, bare)
    untrusted = run_paraphe(
        "verify",
        "--json",
        "--no-eu-trust",
        "--certs",
        pki.root_cert,
        "--certs",
        pki.intermediate_cert,
        "--certs",
        pki.cert("rsa"),
        bare,
    )
    wrong = run_paraphe(*base, "--certs", SAMPLES / DOCUMENT, bare)

    def verdict(done: Any) -> tuple[str, str | None]:
        [signature] = json.loads(done.stdout)["documents"][0]["signatures"]
        return signature["indication"], signature["subindication"]

    assert verdict(alone) == ("INDETERMINATE", "NO_SIGNING_CERTIFICATE_FOUND")
    assert given.returncode == 0, given.stderr
    assert verdict(given) == ("TOTAL_PASSED", None)
    assert verdict(untrusted)[0] == "INDETERMINATE"  # known is not trusted
    assert wrong.returncode == 4 and DOCUMENT in wrong.stderr, wrong.stderr


def test_sha3_digest_with_sha3_ecdsa_passes(pki: TestPki, tmp_path: Path) -> None:
    """Content and signed attributes hashed with SHA3-256, signed with ECDSA (``sha3_256_ecdsa``):
    valid, trusted, SHA3-256 accepted until 2029 (TS 119 312): TOTAL_PASSED."""
    content = (SAMPLES / DOCUMENT).read_bytes()
    signer = cades_shapes.signer_info(
        pki,
        "ecdsa",
        hashlib.sha3_256(content).digest(),
        signature_hash="sha3_256",
        digest_algorithm="sha3_256",
    )
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(cades_shapes.enveloping_token(pki, content, signer))

    signature = only(verify(pki, p7m))

    assert_verdict(signature, PASSED, signer="Ecdsa Test")
    detail = next(c.detail for c in signature.checks if c.name == "cryptographic algorithms")
    assert "SHA3-256" in detail and "ECDSA-256" in detail


def test_sha256_content_with_a_sha3_ecdsa_signature_is_indeterminate_not_forged(
    pki: TestPki, tmp_path: Path
) -> None:
    """The content hashed with SHA-256, the signed attributes signed with ``sha3_256_ecdsa``
    (RFC 5652 allows two hashes; DSS's SHA256-SHA3_256 tokens do it): asn1crypto knows no hash
    for that algorithm, so pyHanko would check the signature with SHA-256 and call a valid
    signature forged (TOTAL_FAILED/SIG_CRYPTO_FAILURE). It cannot be checked here:
    INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE, never red."""
    content = (SAMPLES / DOCUMENT).read_bytes()
    signer = cades_shapes.signer_info(
        pki, "ecdsa", hashlib.sha256(content).digest(), signature_hash="sha3_256"
    )
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(cades_shapes.enveloping_token(pki, content, signer))

    signature = only(verify(pki, p7m))

    assert_verdict(signature, (Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE))
    assert "sha3_256_ecdsa over a sha256 digest" in signature.checks[0].detail


def test_signed_attributes_of_indefinite_length_are_checked_as_their_der(
    pki: TestPki, tmp_path: Path
) -> None:
    """Signed attributes written in BER with an indefinite length (``A0 80 ... 00 00``), the
    signature made, as RFC 5652 5.4 says, over their DER SET OF: read leniently, checked over
    ``31 len`` + the attributes' own bytes: TOTAL_PASSED; the same token with a changed byte of
    the content: HASH_FAILURE."""
    content = (SAMPLES / DOCUMENT).read_bytes()
    signer = cades_shapes.signer_info(pki, "rsa", hashlib.sha256(content).digest())
    token = cades_shapes.with_indefinite_signed_attributes(
        cades_shapes.enveloping_token(pki, content, signer)
    )
    assert b"\xa0\x80" in token
    good, bad = tmp_path / "good" / f"{DOCUMENT}.p7m", tmp_path / "bad" / f"{DOCUMENT}.p7m"
    for path, data in ((good, token), (bad, tampered_content(token))):
        path.parent.mkdir()
        path.write_bytes(data)

    assert_verdict(only(verify(pki, good)), PASSED)
    assert_verdict(only(verify(pki, bad)), HASH_FAILURE)


@pytest.mark.parametrize("shape", ["two-attributes", "two-values"])
def test_several_claimed_signing_times_keep_the_verdict_and_show_none(
    shape: str, pki: TestPki, tmp_path: Path
) -> None:
    """Two signing-time attributes, or one with two values (RFC 5652 11.3 allows one): the
    signature is valid and the claimed time proves nothing (only a timestamp does), so the
    verdict stays TOTAL_PASSED; which time was claimed is ambiguous, so none is shown and a
    check says why."""
    content = (SAMPLES / DOCUMENT).read_bytes()
    other = cms.Time({"utc_time": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)})
    extra = (
        cades_shapes.attribute("signing_time", other)
        if shape == "two-attributes"
        else cms.CMSAttribute({"type": "signing_time", "values": [other, other]})
    )
    signer = cades_shapes.signer_info(pki, "rsa", hashlib.sha256(content).digest(), extra=(extra,))
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(cades_shapes.enveloping_token(pki, content, signer))

    signature = only(verify(pki, p7m))

    assert_verdict(signature, PASSED, checks={"signing time": None})
    assert signature.signing_time is None


def test_two_message_digests_are_never_a_pass(pki: TestPki, tmp_path: Path) -> None:
    """Two message-digest attributes, the second of another content: which one the signer meant
    cannot be told (RFC 5652 11.2 allows one): pyHanko stops with INDETERMINATE/GENERIC and
    its reason, never a pass."""
    content = (SAMPLES / DOCUMENT).read_bytes()
    other = cades_shapes.attribute("message_digest", core.OctetString(bytes(32)))
    signer = cades_shapes.signer_info(pki, "rsa", hashlib.sha256(content).digest(), extra=(other,))
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(cades_shapes.enveloping_token(pki, content, signer))

    signature = only(verify(pki, p7m))

    assert_verdict(signature, (Indication.INDETERMINATE, SubIndication.GENERIC))
    assert any("multiple message digest" in c.detail for c in signature.checks)


@pytest.mark.parametrize("armour", ["SMIME", "PEM"])
def test_armoured_p7m_passes(armour: str, pki: TestPki, tmp_path: Path) -> None:
    """``openssl cms -sign -nodetach`` writes S/MIME by default (MIME headers naming
    application/pkcs7-mime, then base64: what mail clients save as ``smime.p7m``), or PEM
    (``-----BEGIN CMS-----``) with ``-outform PEM``: the armour is removed and the signature
    inside validated like its DER form: TOTAL_PASSED (it was a damaged-file FAILED for
    S/MIME: a valid signature rejected)."""
    document = tmp_path / DOCUMENT
    shutil.copy(SAMPLES / DOCUMENT, document)
    p7m = tmp_path / "signed" / f"{DOCUMENT}.p7m"
    p7m.parent.mkdir()
    cades_shapes.openssl_cms(pki, document, p7m, "rsa", "-nodetach", "-cades", "-outform", armour)
    assert not p7m.read_bytes().startswith(b"\x30")

    signature = only(verify(pki, p7m))

    assert_verdict(signature, PASSED, signer="Jeanne Test")
    assert signature.signed_objects == [SignedObject(DOCUMENT, "embedded", True)]


def test_smime_headers_naming_another_type_are_not_read(pki: TestPki, tmp_path: Path) -> None:
    """MIME headers that do not announce application/pkcs7-mime in base64: not taken for an
    S/MIME signature; the file is not a readable signature: TOTAL_FAILED/FORMAT_FAILURE."""
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(b"Content-Type: text/plain\n\nTUlJ\n")

    signature = only(verify(pki, p7m))

    assert_verdict(signature, (Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE))
