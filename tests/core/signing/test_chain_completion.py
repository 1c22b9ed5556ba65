"""The signer's whole chain goes into every signature, even from a .p12 (or a token) that holds
the signer's certificate alone: fetched at the certificate's AIA caIssuers address, checked, the
root left out; a notice says when it cannot be completed."""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from paraphe.core.credentials.sources import KeystoreFile
from paraphe.core.errors import Notice
from paraphe.core.etsi import SignatureFormat
from paraphe.core.signing.batch import sign_batch
from paraphe.core.signing.request import SignRequest
from tests.support.pki import TestPki, build_test_pki
from tests.support.verifiers import openssl_cms_verify, xmlsec1_verify

PASSWORD = "Signer-only-p12"


def _signer_only_p12(pki: TestPki, folder: Path) -> Path:
    """A keystore with the signer's key and certificate, and no CA certificate."""
    key = serialization.load_pem_private_key(pki.key("rsa").read_bytes(), password=None)
    cert = x509.load_pem_x509_certificate(pki.cert("rsa").read_bytes())
    data = pkcs12.serialize_key_and_certificates(
        b"signer",
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(PASSWORD.encode()),  # type: ignore[arg-type]
    )
    path = folder / "signataire seul.p12"
    path.write_bytes(data)
    return path


def _sign(p12: Path, document: Path, fmt: SignatureFormat) -> tuple[Path, list[Notice]]:
    notices: list[Notice] = []
    outcome = sign_batch(
        SignRequest((document,), fmt),
        KeystoreFile(p12),
        lambda _request: PASSWORD,
        on_notice=notices.append,
    )
    assert not outcome.failures, outcome.failures
    return outcome.results[0].output, notices


def _pem(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "Mémoire technique.txt"
    path.write_text("Offre\n", encoding="utf-8")
    return path


def test_a_cades_token_from_a_signer_only_p12_carries_the_intermediate(
    pki: TestPki, document: Path, tmp_path: Path
) -> None:
    token, notices = _sign(_signer_only_p12(pki, tmp_path), document, SignatureFormat.CADES)
    assert not [n for n in notices if "chain" in n.message]
    signed_data = cms.ContentInfo.load(token.read_bytes())["content"]
    embedded = {c.chosen.dump() for c in signed_data["certificates"]}
    der = serialization.Encoding.DER
    assert _pem(pki.intermediate_cert).public_bytes(der) in embedded
    assert _pem(pki.root_cert).public_bytes(der) not in embedded  # a verifier holds its own
    # openssl builds the path with the root alone
    checked = openssl_cms_verify(token, document, pki.root_cert)
    assert checked.returncode == 0, checked.stderr


def test_a_xades_token_from_a_signer_only_p12_verifies_with_the_root_alone(
    pki: TestPki, document: Path, tmp_path: Path
) -> None:
    token, _ = _sign(_signer_only_p12(pki, tmp_path), document, SignatureFormat.XADES)
    checked = xmlsec1_verify(token, pki.root_cert)
    assert checked.returncode == 0, checked.stderr


def test_without_the_network_the_signature_is_made_and_a_notice_names_the_missing_issuer(
    tmp_path: Path, document: Path
) -> None:
    unserved = build_test_pki(tmp_path / "pki")  # AIA addresses: nothing listens there
    token, notices = _sign(_signer_only_p12(unserved, tmp_path), document, SignatureFormat.CADES)
    assert token.is_file()
    [notice] = [n for n in notices if "chain" in n.message]
    assert "Paraphe Test Qualified CA" in notice.message
