"""One dated crypto policy for every format: a signature whose signer holds an RSA-1024 key
(past its date since 2009, ETSI TS 102 176-1; EU DSS's default policy) is INDETERMINATE/
CRYPTO_CONSTRAINTS_FAILURE_NO_POE in XAdES as in CAdES, with the algorithm and the date, and
never TOTAL_PASSED; a signature with an RSA-2048 key passes, its algorithms named. The XAdES
case was a false pass (signxml checks the value with any key size, and nothing judged it).
Paraphe refuses to sign with such a key (the same policy, ``check_can_sign``)."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.support.pki import TestPki

PASSWORD = "Faible-1024"


def _weak_signer(pki: TestPki, folder: Path) -> Path:
    """A PKCS#12 of an RSA-1024 key certified by the test intermediate CA (its CRL served)."""
    folder.mkdir()
    issuer = x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())
    issuer_key = serialization.load_pem_private_key(
        (pki.directory / "keys" / "intermediate.key.pem").read_bytes(), None
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    now = dt.datetime.now(dt.UTC)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ENTREPRISE TEST SAS"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Clé Faible"),
        ]
    )
    assert pki.crl_url() is not None
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(secrets.randbits(63))
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier(pki.crl_url() or "")], None, None, None
                    )
                ]
            ),
            False,
        )
        .sign(issuer_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    p12 = folder / "faible.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"faible",
            key,
            cert,
            [issuer],
            serialization.BestAvailableEncryption(PASSWORD.encode()),
        )
    )
    return p12


def _signed_anyway(p12: Path, offre: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """XAdES and CAdES signatures made with the weak key, as another tool would make them:
    Paraphe itself refuses to sign with it (``test_paraphe_refuses_to_sign_with_it``)."""
    from paraphe.core.credentials import Pkcs12Credential
    from paraphe.core.signing.engine import BatchSigner, plan_documents
    from paraphe.core.signing.request import SignatureFormat, SignRequest
    from paraphe.core.x509 import certificates

    monkeypatch.setattr(certificates, "_check_key_strength", lambda *args: None)
    for fmt in (SignatureFormat.XADES, SignatureFormat.CADES):
        request = SignRequest(documents=(offre,), format=fmt)
        with Pkcs12Credential.open(p12, PASSWORD) as credential:
            outcome = BatchSigner(request, credential).run(plan_documents(request))
        assert not outcome.failures, [f.message for f in outcome.failures]


def test_an_rsa_1024_key_is_judged_alike_in_xades_and_cades(
    pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offre = tmp_path / "Offre.txt"
    offre.write_text("Offre de l'entreprise.\n", encoding="utf-8")
    _signed_anyway(_weak_signer(pki, tmp_path / "keys"), offre, monkeypatch)
    root = asn1_x509.Certificate.load(pem.unarmor(pki.root_cert.read_bytes())[2])

    report = verify_paths([tmp_path], VerificationSettings(trust_roots=(root,)))

    signatures = report.all_signatures()
    assert sorted(s.format.value for s in signatures) == ["CAdES", "XAdES"]
    for signature in signatures:
        assert (signature.indication, signature.subindication) == (
            Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
        ), signature.format
        [check] = [c for c in signature.checks if c.name == "cryptographic algorithms"]
        assert check.passed is False
        assert check.detail.startswith(
            "RSA-1024 (the key of the signature) is no longer accepted from 2009-01-01"
        ), check.detail


def test_paraphe_refuses_to_sign_with_it(pki: TestPki, tmp_path: Path, run_paraphe: Any) -> None:
    """Before any password is asked, the key is refused, by name: what it would sign every
    verifier rejects. Nothing is written."""
    p12 = _weak_signer(pki, tmp_path / "keys")
    password = tmp_path / "password.txt"
    password.write_text(PASSWORD, encoding="utf-8")
    offre = tmp_path / "Offre.txt"
    offre.write_text("Offre.\n", encoding="utf-8")

    done = run_paraphe("sign", "--p12", p12, "--password-file", password, offre)

    assert done.returncode != 0
    assert "RSA-1024" in done.stderr and "no longer accepted since 2009-01-01" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Offre.txt", "keys", "password.txt"]


def test_an_rsa_2048_xades_passes_with_its_algorithms_named(
    pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its path is judged from the trust anchor down: each certificate's signature by its
    issuer (the signer's by the CA's key), never the anchor's own self-signature (which no
    verifier relies on: a legacy root self-signed with SHA-1 must not fail a valid bid)."""
    from paraphe.core.validation import crypto_policy

    judged: list[str] = []
    apply_to = crypto_policy.apply_to

    def spying(report: Any, uses: Any, validation_time: Any) -> None:
        judged.extend(str(use.role) for use in uses)
        apply_to(report, uses, validation_time)

    monkeypatch.setattr(crypto_policy, "apply_to", spying)
    from paraphe.core.signing.request import SignatureFormat, SignRequest
    from tests.support.signing import sign_with

    offre = tmp_path / "Offre.txt"
    offre.write_text("Offre.\n", encoding="utf-8")
    sign_with(pki, "rsa", SignRequest(documents=(offre,), format=SignatureFormat.XADES))
    root = asn1_x509.Certificate.load(pem.unarmor(pki.root_cert.read_bytes())[2])

    [signature] = verify_paths(
        [tmp_path], VerificationSettings(trust_roots=(root,))
    ).all_signatures()

    assert signature.indication is Indication.TOTAL_PASSED
    [check] = [c for c in signature.checks if c.name == "cryptographic algorithms"]
    assert check.passed is True and check.detail.startswith("SHA-256, RSA-2048"), check.detail
    assert "the issuer's key of the certificate of Jeanne Test" in judged, judged
    assert "the hash of the certificate of Paraphe Test Qualified CA" in judged, judged
    assert not any("certificate of Paraphe Test Root CA" in role for role in judged), judged
