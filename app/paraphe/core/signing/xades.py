"""Detached XAdES baseline B-B tokens (ETSI EN 319 132-1), built with signxml.

signxml signs same-document references only. Its ``signature_annotators`` hook runs before
SignedInfo is signed, so there the first reference is pointed at the document's file name, with
no transform and the digest of the raw bytes that we computed as a stream.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import uuid
from typing import Any

from asn1crypto import cms as asn1_cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree
from signxml import DigestAlgorithm, SignatureMethod, SignatureReference
from signxml.algorithms import CanonicalizationMethod
from signxml.util import SigningSettings, ds_tag, namespaces, xades_tag
from signxml.xades import XAdESSigner

from ..adapters import signxml_internals
from ..credentials.base import Credential, KeyKind, RsaPadding
from ..files.name_bytes import percent_encoded

C14N = CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0

_DIGESTS = {
    "sha256": DigestAlgorithm.SHA256,
    "sha384": DigestAlgorithm.SHA384,
    "sha512": DigestAlgorithm.SHA512,
}
_SIGNATURE_METHODS = {
    (KeyKind.RSA, RsaPadding.PKCS1V15): {
        "sha256": SignatureMethod.RSA_SHA256,
        "sha384": SignatureMethod.RSA_SHA384,
        "sha512": SignatureMethod.RSA_SHA512,
    },
    (KeyKind.RSA, RsaPadding.PSS): {
        "sha256": SignatureMethod.SHA256_RSA_MGF1,
        "sha384": SignatureMethod.SHA384_RSA_MGF1,
        "sha512": SignatureMethod.SHA512_RSA_MGF1,
    },
}
_EC_METHODS = {
    "sha256": SignatureMethod.ECDSA_SHA256,
    "sha384": SignatureMethod.ECDSA_SHA384,
    "sha512": SignatureMethod.ECDSA_SHA512,
}


def document_reference_uri(file_name: str) -> str:
    """The token references its document by name: a relative URI, the percent-encoding of the
    name's bytes (RFC 3986), so that a name that is not UTF-8 is referenced exactly too."""
    return percent_encoded(file_name)


def signature_method(credential: Credential, digest: str, padding: RsaPadding) -> SignatureMethod:
    if credential.key_kind is KeyKind.EC:
        return _EC_METHODS[digest]
    return _SIGNATURE_METHODS[(KeyKind.RSA, padding)][digest]


@functools.lru_cache(maxsize=8)
def _issuer_serial_v2(cert: x509.Certificate) -> str:
    """IssuerSerialV2 of EN 319 132-1: base64 of the DER IssuerSerial of RFC 5035."""
    asn1_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    issuer_serial = asn1_cms.IssuerSerial(
        {
            "issuer": [asn1_x509.GeneralName({"directory_name": asn1_cert.issuer})],
            "serial": asn1_cert.serial_number,
        }
    )
    return base64.b64encode(issuer_serial.dump()).decode()


class _DetachedXAdESSigner(XAdESSigner):
    """signxml's XAdES signer, made to sign one external file known by its digest."""

    def __init__(
        self,
        *,
        document_uri: str,
        document_digest: bytes,
        mime_type: str,
        signing_time: dt.datetime,
        signing_certificate: x509.Certificate,
        **signer_args: Any,
    ) -> None:
        super().__init__(**signer_args)
        self._document_uri = document_uri
        self._document_digest = document_digest
        self._mime_type = mime_type
        self._signing_time = signing_time
        self._signing_certificate = signing_certificate
        self._signature_id = f"id-{uuid.uuid4().hex}"
        # First, so that the XAdES object sees our Id and our document reference.
        self.signature_annotators.insert(0, self._point_reference_at_document)

    def _point_reference_at_document(
        self, sig_root: Any, signing_settings: SigningSettings
    ) -> None:
        sig_root.set("Id", self._signature_id)
        reference = self._find(sig_root, "ds:SignedInfo/ds:Reference")
        reference.set("Id", f"r-{self._signature_id}-1")
        transforms = self._find(reference, "ds:Transforms", require=False)
        if transforms is not None:
            reference.remove(transforms)
        digest_value = self._find(reference, "ds:DigestValue")
        digest_value.text = base64.b64encode(self._document_digest).decode()

    def _add_reference_to_signed_info(
        self, sig_root: Any, node_to_reference: Any, **attrs: Any
    ) -> None:
        """As signxml's, with the canonicalisation named in a Transform (EN 319 132-1)."""
        signed_info = self._find(sig_root, "SignedInfo")
        reference = etree.SubElement(signed_info, ds_tag("Reference"), nsmap=self.namespaces)
        for name, value in attrs.items():
            reference.set(name, value)
        reference.set("URI", f"#{node_to_reference.get('Id')}")
        transforms = etree.SubElement(reference, ds_tag("Transforms"))
        etree.SubElement(transforms, ds_tag("Transform"), Algorithm=self.c14n_alg.value)
        etree.SubElement(reference, ds_tag("DigestMethod"), Algorithm=self.digest_alg.value)
        digest_value = etree.SubElement(reference, ds_tag("DigestValue"))
        canonical = self._c14n(node_to_reference, algorithm=self.c14n_alg)
        digest_value.text = base64.b64encode(self._get_digest(canonical, self.digest_alg)).decode()

    def add_signing_time(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: Any
    ) -> None:
        element = etree.SubElement(signed_signature_properties, xades_tag("SigningTime"))
        element.text = self._signing_time.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add_signing_certificate(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: Any
    ) -> None:
        """SigningCertificateV2 naming the signer's certificate only, with IssuerSerialV2."""
        signing_cert_v2 = etree.SubElement(
            signed_signature_properties, xades_tag("SigningCertificateV2")
        )
        cert_node = etree.SubElement(signing_cert_v2, xades_tag("Cert"))
        cert_digest = etree.SubElement(cert_node, xades_tag("CertDigest"))
        etree.SubElement(cert_digest, ds_tag("DigestMethod"), Algorithm=self.digest_alg.value)
        digest_value = etree.SubElement(cert_digest, ds_tag("DigestValue"))
        der = self._signing_certificate.public_bytes(serialization.Encoding.DER)
        digest_value.text = base64.b64encode(self._get_digest(der, self.digest_alg)).decode()
        issuer_serial = etree.SubElement(cert_node, xades_tag("IssuerSerialV2"))
        issuer_serial.text = _issuer_serial_v2(self._signing_certificate)

    def add_data_object_format(
        self, signed_data_object_properties: Any, sig_root: Any, signing_settings: Any
    ) -> None:
        reference = self._find(sig_root, "ds:SignedInfo/ds:Reference")
        data_object_format = etree.SubElement(
            signed_data_object_properties,
            xades_tag("DataObjectFormat"),
            ObjectReference=f"#{reference.get('Id')}",
        )
        mime_type = etree.SubElement(data_object_format, xades_tag("MimeType"))
        mime_type.text = self._mime_type


def sign_detached(
    *,
    file_name: str,
    digest: bytes,
    digest_algorithm: str,
    mime_type: str,
    credential: Credential,
    rsa_padding: RsaPadding,
    signing_time: dt.datetime,
) -> bytes:
    """Return the serialised XAdES token for one document whose digest is already known."""
    signer = _DetachedXAdESSigner(
        document_uri=document_reference_uri(file_name),
        document_digest=digest,
        mime_type=mime_type,
        signing_time=signing_time,
        signing_certificate=credential.certificate,
        method=_detached_method(),
        signature_algorithm=signature_method(credential, digest_algorithm, rsa_padding),
        digest_algorithm=_DIGESTS[digest_algorithm],
        c14n_algorithm=C14N,
    )
    signer.namespaces = {"ds": namespaces.ds, "xades": namespaces.xades}
    placeholder = etree.Element("Detached")  # signxml wants XML input; the reference replaces it
    root = signer.sign(
        placeholder,
        key=credential.private_key(),
        cert=[credential.certificate, *credential.chain],
        reference_uri=[SignatureReference(URI=document_reference_uri(file_name))],
        always_add_key_value=False,
        exclude_c14n_transform_element=True,
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _detached_method() -> Any:
    from signxml import SignatureConstructionMethod

    return SignatureConstructionMethod.detached


def check_detached(
    token: bytes,
    file_name: str,
    digest: bytes,
    credential: Credential,
    digest_algorithm: str = "sha256",
) -> str | None:
    """Re-read a written token: None when it is our three-reference detached signature whose
    references and signature value check against ``digest`` and the credential's key.

    A focused check of our own output, like the CAdES one: signxml's full ``verify`` does this and
    more (schema, certificate parsing, PEM round trips) at three times the cost per file of a
    batch. Verification proper stays signxml's, in the validator.
    """
    from cryptography.exceptions import InvalidSignature
    from signxml.exceptions import InvalidInput, SignXMLException

    checker = _self_checker()
    try:
        root = checker.get_root(token)
        if root.tag != ds_tag("Signature"):
            return "the root element is not ds:Signature"
        signed_info = signxml_internals.find(checker, root, "SignedInfo")
        references = signed_info.findall(ds_tag("Reference"))
        if len(references) != 3:
            return f"{len(references)} references, 3 expected"
        document_reference, *internal_references = references
        if document_reference.get("URI") != document_reference_uri(file_name):
            return "the first reference does not name the document"
        if _reference_digest_method(checker, document_reference) != _DIGESTS[digest_algorithm]:
            return "the document reference names another digest algorithm"
        if document_reference.find(ds_tag("Transforms")) is not None:
            return "the document reference has transforms; the raw file must be signed"
        if _reference_digest_value(checker, document_reference) != digest:
            return "the document digest does not match the document"
        elements_by_id = {e.get("Id"): e for e in root.iter() if e.get("Id") is not None}
        for reference in internal_references:
            problem = _check_internal_reference(checker, reference, elements_by_id)
            if problem:
                return problem
        cert_digest_algorithm, cert_digest = _signed_certificate_digest(checker, root)
        if cert_digest != signxml_internals.digest(
            checker,
            credential.certificate.public_bytes(serialization.Encoding.DER),
            cert_digest_algorithm,
        ):
            return "SigningCertificateV2 does not name the signing certificate"
        c14n_method = CanonicalizationMethod(
            signxml_internals.find(checker, signed_info, "CanonicalizationMethod").get("Algorithm")
        )
        signxml_internals.verify_signature_value(
            checker,
            signed_info_c14n=signxml_internals.canonical(checker, signed_info, c14n_method),
            raw_signature=base64.b64decode(
                signxml_internals.find(checker, root, "SignatureValue").text or ""
            ),
            signature_alg=SignatureMethod(
                signxml_internals.find(checker, signed_info, "SignatureMethod").get("Algorithm")
            ),
            signing_certificate=credential.certificate,
        )
    except InvalidSignature:
        return "signature value does not verify"
    except (SignXMLException, InvalidInput, etree.XMLSyntaxError, ValueError, TypeError) as exc:
        return f"unreadable token ({exc or type(exc).__name__})"
    return None


@functools.cache
def _self_checker() -> Any:
    """A signxml verifier, used for its safe parser, canonicalisation and signature primitives."""
    from signxml.xades import XAdESVerifier

    return XAdESVerifier()


def _reference_digest_value(checker: Any, reference: Any) -> bytes:
    return base64.b64decode(signxml_internals.find(checker, reference, "DigestValue").text or "")


def _reference_digest_method(checker: Any, reference: Any) -> DigestAlgorithm:
    return DigestAlgorithm(
        signxml_internals.find(checker, reference, "DigestMethod").get("Algorithm")
    )


def _check_internal_reference(checker: Any, reference: Any, elements_by_id: dict) -> str | None:
    """A ``#Id`` reference (SignedProperties, KeyInfo): exclusive c14n of the element, hashed."""
    uri = reference.get("URI") or ""
    target = elements_by_id.get(uri[1:]) if uri.startswith("#") else None
    if target is None:
        return f"reference {uri!r} points at nothing"
    transforms = reference.findall(f"{ds_tag('Transforms')}/{ds_tag('Transform')}")
    if [t.get("Algorithm") for t in transforms] != [C14N.value]:
        return f"reference {uri!r} has unexpected transforms"
    algorithm = _reference_digest_method(checker, reference)
    canonical = signxml_internals.canonical(checker, target, C14N)
    if signxml_internals.digest(checker, canonical, algorithm) != _reference_digest_value(
        checker, reference
    ):
        return f"the digest of {uri!r} does not match"
    return None


def _signed_certificate_digest(checker: Any, root: Any) -> tuple[DigestAlgorithm, bytes]:
    cert_digest = root.find(
        "ds:Object/xades:QualifyingProperties/xades:SignedProperties/"
        "xades:SignedSignatureProperties/xades:SigningCertificateV2/xades:Cert/xades:CertDigest",
        namespaces=namespaces,
    )
    if cert_digest is None:
        raise ValueError("no SigningCertificateV2")
    return (
        _reference_digest_method(checker, cert_digest),
        _reference_digest_value(checker, cert_digest),
    )
