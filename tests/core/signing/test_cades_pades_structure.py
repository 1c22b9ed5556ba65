"""The CAdES and PAdES baseline B-B attribute lists (EN 319 122-1, EN 319 142-1)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader

from paraphe.core.signing.request import SignatureFormat, SignRequest, VisibleSignature
from tests.conftest import SAMPLES
from tests.support.pki import TestPki
from tests.support.signing import sign_with


def _der(path: Path) -> bytes:
    return x509.load_pem_x509_certificate(path.read_bytes()).public_bytes(
        serialization.Encoding.DER
    )


@pytest.mark.parametrize(("persona", "digest"), [("rsa", "sha256"), ("ecdsa", "sha384")])
def test_detached_cades_signed_attributes(
    persona: str, digest: str, pki: TestPki, tmp_path: Path
) -> None:
    document = tmp_path / "BPU.xlsx"
    document.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    request = SignRequest((document,), SignatureFormat.CADES, digest_algorithm=digest)
    [result] = sign_with(pki, persona, request)
    assert result.output.name == "BPU.xlsx - Signature 1.p7s"
    content_info = cms.ContentInfo.load(result.output.read_bytes(), strict=True)
    assert content_info["content_type"].native == "signed_data"
    signed_data = content_info["content"]
    assert signed_data["encap_content_info"]["content_type"].native == "data"
    assert signed_data["encap_content_info"]["content"].native is None, "must be detached"
    [signer_info] = signed_data["signer_infos"]
    assert signer_info["digest_algorithm"]["algorithm"].native == digest
    attrs = {attr["type"].native: attr["values"] for attr in signer_info["signed_attrs"]}
    assert set(attrs) == {
        "content_type",
        "message_digest",
        "signing_time",
        "signing_certificate_v2",
    }
    assert attrs["content_type"][0].native == "data"
    assert attrs["message_digest"][0].native == hashlib.new(digest, document.read_bytes()).digest()
    signing_time = attrs["signing_time"][0].native
    assert abs(signing_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    [cert_ref] = attrs["signing_certificate_v2"][0]["certs"]
    signer_der = _der(pki.cert(persona))
    hash_name = cert_ref["hash_algorithm"]["algorithm"].native
    assert cert_ref["cert_hash"].native == hashlib.new(hash_name, signer_der).digest()
    embedded = {cert.chosen.dump() for cert in signed_data["certificates"]}
    assert signer_der in embedded
    assert _der(pki.intermediate_cert) in embedded


def test_pades_signature_dictionary_and_attributes(pki: TestPki, tmp_path: Path) -> None:
    original = tmp_path / "Contrat.pdf"
    original.write_bytes((SAMPLES / "Acte d'engagement.pdf").read_bytes())
    before = original.read_bytes()
    request = SignRequest((original,), SignatureFormat.PADES, visible=VisibleSignature(page=1))
    [result] = sign_with(pki, "rsa", request)
    assert result.output == tmp_path / "Contrat_signe.pdf"
    assert original.read_bytes() == before
    signed = result.output.read_bytes()
    assert signed.startswith(before), "the signature must be an incremental update"
    with open(result.output, "rb") as handle:
        reader = PdfFileReader(handle)
        [embedded] = reader.embedded_signatures
        sig_dict = embedded.sig_object
        assert sig_dict["/SubFilter"] == "/ETSI.CAdES.detached"
        assert sig_dict["/Filter"] == "/Adobe.PPKLite"
        assert "/M" in sig_dict
        attrs = {a["type"].native for a in embedded.signer_info["signed_attrs"]}
        assert "signing_certificate_v2" in attrs
        assert "signing_time" not in attrs, "PAdES puts the claimed time in /M, not the CMS"
        assert {"content_type", "message_digest"} <= attrs
        field = embedded.sig_field
        assert [int(v) for v in field["/Rect"]] == [350, 40, 560, 110], "visible stamp placed"
