"""Identification of the signing certificate (EN 319 102-1 5.2.3): the reference that the
SigningCertificateV2 (or legacy SigningCertificate) property gives, and the KeyInfo certificates
it must designate."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ...xades_names import NS
from .structure import DIGESTS, b64
from .verdicts import format_failure

_CERT_DIGESTS = {
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
    "http://www.w3.org/2001/04/xmldsig-more#sha224": "sha224",
    **DIGESTS,
    "http://www.w3.org/2007/05/xmldsig-more#sha3-256": "sha3_256",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-384": "sha3_384",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-512": "sha3_512",
}
"""Digests that may identify the signing certificate (legacy SigningCertificate used SHA-1)."""


@dataclass(frozen=True)
class CertReference:
    """The first xades:Cert of SigningCertificate(V2): the signer's certificate."""

    digest_algorithm: str
    digest: bytes
    issuer_serial_v2: bytes | None
    serial_number: int | None

    def matches(self, cert: x509.Certificate) -> bool:
        der = cert.public_bytes(serialization.Encoding.DER)
        return hashlib.new(self.digest_algorithm, der).digest() == self.digest


def read_cert_reference(signed_properties: Any | None) -> CertReference | None:
    """SigningCertificateV2 or SigningCertificate, None when the signature has neither."""
    if signed_properties is None:
        return None
    found = signed_properties.findall(
        "xades:SignedSignatureProperties/xades:SigningCertificateV2", NS
    ) + signed_properties.findall("xades:SignedSignatureProperties/xades:SigningCertificate", NS)
    if not found:
        return None
    if len(found) > 1:
        raise format_failure("several SigningCertificate(V2) properties")
    cert = found[0].find("xades:Cert", NS)
    if cert is None:
        return None
    method = cert.find("xades:CertDigest/ds:DigestMethod", NS)
    value = cert.find("xades:CertDigest/ds:DigestValue", NS)
    if method is None or value is None:
        raise format_failure("SigningCertificate has no CertDigest")
    algorithm = _CERT_DIGESTS.get(method.get("Algorithm", ""))
    if algorithm is None:
        raise format_failure(
            f"certificate digest {method.get('Algorithm')} is not supported", indeterminate=True
        )
    v2 = cert.find("xades:IssuerSerialV2", NS)
    serial_text = cert.findtext("xades:IssuerSerial/ds:X509SerialNumber", namespaces=NS)
    serial: int | None = None
    if serial_text is not None:
        try:
            serial = int(serial_text.strip())
        except ValueError:
            raise format_failure("X509SerialNumber is not a number") from None
    return CertReference(
        digest_algorithm=algorithm,
        digest=b64(value.text, "the certificate digest"),
        issuer_serial_v2=b64(v2.text, "IssuerSerialV2") if v2 is not None else None,
        serial_number=serial,
    )


def issuer_serial_matches(reference: CertReference, cert: x509.Certificate) -> bool:
    if reference.serial_number is not None and reference.serial_number != cert.serial_number:
        return False
    if reference.issuer_serial_v2 is None:
        return True
    from asn1crypto import cms as asn1_cms
    from asn1crypto import x509 as asn1_x509

    issuer = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)).issuer
    try:
        issuer_serial = asn1_cms.IssuerSerial.load(reference.issuer_serial_v2, strict=True)
        names = [g.chosen for g in issuer_serial["issuer"] if g.name == "directory_name"]
        serial = issuer_serial["serial"].native
        # asn1crypto parses lazily: the names are read (and may fail) only when compared
        return serial == cert.serial_number and any(n.hashable == issuer.hashable for n in names)
    except (ValueError, TypeError, LookupError):  # UnicodeDecodeError is a ValueError
        raise format_failure("IssuerSerialV2 is not a DER IssuerSerial") from None


def keyinfo_certificates(signature: Any) -> list[x509.Certificate]:
    certs = []
    for element in signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", NS):
        der = b64(element.text, "an X509Certificate")
        try:
            certs.append(x509.load_der_x509_certificate(der))
        except (ValueError, x509.InvalidVersion):
            raise format_failure("an X509Certificate in KeyInfo is not a certificate") from None
    return certs
