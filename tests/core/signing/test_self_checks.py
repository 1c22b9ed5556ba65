"""The read-back checks refuse a token that does not verify, so a bad output is never kept."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import pytest

from paraphe.core.credentials import Pkcs12Credential, RsaPadding
from paraphe.core.signing import cades, xades
from tests.support.pki import PKCS12_PASSWORD, TestPki

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DIGEST = hashlib.sha256(b"document").digest()


@pytest.fixture(params=["rsa", "ecdsa"])
def credential(request: pytest.FixtureRequest, pki: TestPki) -> Pkcs12Credential:
    return Pkcs12Credential.open(pki.p12(request.param), PKCS12_PASSWORD)


def _flip_last_signature_byte(token: bytes, signature: bytes) -> bytes:
    at = token.rindex(signature) + len(signature) - 1
    return token[:at] + bytes([token[at] ^ 1]) + token[at + 1 :]


def test_cades_check(credential: Pkcs12Credential, pki: TestPki) -> None:
    from asn1crypto import cms

    signer = cades.DetachedCadesSigner(credential, "sha256", RsaPadding.PKCS1V15)
    first = signer.sign(DIGEST, NOW)
    second = signer.sign(hashlib.sha256(b"other").digest(), NOW)  # from the batch template
    assert cades.check_detached(first, DIGEST, credential) is None
    assert cades.check_detached(second, hashlib.sha256(b"other").digest(), credential) is None
    assert "message digest" in cades.check_detached(second, DIGEST, credential)
    signature = cms.ContentInfo.load(second)["content"]["signer_infos"][0]["signature"].native
    broken = _flip_last_signature_byte(second, signature)
    assert cades.check_detached(broken, hashlib.sha256(b"other").digest(), credential) == (
        "signature value does not verify"
    )
    other = Pkcs12Credential.open(pki.p12("rsa3072"), PKCS12_PASSWORD)
    assert cades.check_detached(first, DIGEST, other) is not None
    assert "unreadable" in cades.check_detached(first[:-10], DIGEST, credential)


def _xades_token(credential: Pkcs12Credential, padding: RsaPadding = RsaPadding.PKCS1V15) -> bytes:
    return xades.sign_detached(
        file_name="BPU.xlsx",
        digest=DIGEST,
        digest_algorithm="sha256",
        mime_type="application/octet-stream",
        credential=credential,
        rsa_padding=padding,
        signing_time=NOW,
    )


def test_xades_check(credential: Pkcs12Credential, pki: TestPki) -> None:
    token = _xades_token(credential)
    assert xades.check_detached(token, "BPU.xlsx", DIGEST, credential) is None
    assert "document digest does not match" in xades.check_detached(
        token, "BPU.xlsx", hashlib.sha256(b"x").digest(), credential
    )
    assert "does not name the document" in xades.check_detached(
        token, "Autre.xlsx", DIGEST, credential
    )
    tampered = token.replace(
        b"<xades:MimeType>application/octet-stream", b"<xades:MimeType>text/plain"
    )
    assert "SignedProperties" in xades.check_detached(tampered, "BPU.xlsx", DIGEST, credential)
    other = Pkcs12Credential.open(pki.p12("rsa3072"), PKCS12_PASSWORD)
    assert "SigningCertificateV2" in xades.check_detached(token, "BPU.xlsx", DIGEST, other)
    assert "unreadable" in xades.check_detached(token[:-20], "BPU.xlsx", DIGEST, credential)
    assert "another digest algorithm" in xades.check_detached(
        token, "BPU.xlsx", DIGEST, credential, "sha512"
    )


def test_xades_check_refuses_a_bad_signature_value(credential: Pkcs12Credential) -> None:
    token = _xades_token(credential)
    value = token.split(b"<ds:SignatureValue>")[1].split(b"</ds:SignatureValue>")[0]
    raw = bytearray(base64.b64decode(value))
    raw[len(raw) // 2] ^= 1
    forged = token.replace(value, base64.b64encode(bytes(raw)))
    assert xades.check_detached(forged, "BPU.xlsx", DIGEST, credential) == (
        "signature value does not verify"
    )


def test_xades_check_accepts_rsa_pss(pki: TestPki) -> None:
    credential = Pkcs12Credential.open(pki.p12("rsa"), PKCS12_PASSWORD)
    token = _xades_token(credential, RsaPadding.PSS)
    assert b"rsa-MGF1" in token
    assert xades.check_detached(token, "BPU.xlsx", DIGEST, credential) is None
