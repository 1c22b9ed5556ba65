"""The validation data a signature carries (B-LT and up), read for a validation without the
network: certificates, OCSP responses and CRLs, in the places each format puts them.

- CAdES (EN 319 122-1): SignedData.certificates, SignedData.crls (CRLs, and OCSP responses as
  other-revocation-info id-ri-ocsp-response);
- XAdES (EN 319 132-1): CertificateValues, RevocationValues (CRLValues, OCSPValues), and the
  same inside XAdES 1.4.1 TimeStampValidationData;
- PAdES (EN 319 142-1): the document security store (pyHanko reads it).

Values that do not parse are skipped: they prove nothing, and the validation says what it misses.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from asn1crypto import cms, crl, ocsp
from asn1crypto import x509 as asn1_x509

from ..xades_names import XADES, XADES141
from .collect import ValidationData

_UNREADABLE = (ValueError, TypeError, KeyError, binascii.Error)


def from_cms(signed_data: cms.SignedData) -> ValidationData:
    data = ValidationData()
    try:
        for choice in signed_data["certificates"] or ():
            if choice.name == "certificate":
                data.add_certificate(choice.chosen)
        for choice in signed_data["crls"] or ():
            if choice.name == "crl":
                data.crls.append(choice.chosen)
            elif choice.name == "other":
                other = choice.chosen
                if other["other_rev_info_format"].native == "ocsp_response":
                    data.ocsps.append(ocsp.OCSPResponse.load(other["other_rev_info"].dump()))
    except _UNREADABLE:
        pass
    return data


def from_xades(qualifying_properties: Any) -> ValidationData:
    """From the UnsignedSignatureProperties of ``qualifying_properties`` (an lxml element)."""
    data = ValidationData()
    if qualifying_properties is None:
        return data
    for ns in (XADES, XADES141):
        for element in qualifying_properties.iter(f"{{{ns}}}EncapsulatedX509Certificate"):
            certificate = _loaded(asn1_x509.Certificate, element.text)
            if certificate is not None:
                data.add_certificate(certificate)
        for element in qualifying_properties.iter(f"{{{ns}}}EncapsulatedCRLValue"):
            value = _loaded(crl.CertificateList, element.text)
            if value is not None:
                data.crls.append(value)
        for element in qualifying_properties.iter(f"{{{ns}}}EncapsulatedOCSPValue"):
            response = _loaded(ocsp.OCSPResponse, element.text)
            if response is not None:
                data.ocsps.append(response)
    return data


def from_pdf(reader: Any) -> ValidationData:
    """From a PDF's document security store (pyHanko's ``PdfFileReader``)."""
    from pyhanko.pdf_utils.decode_limits import DecodePurpose
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    data = ValidationData()
    try:
        store = DocumentSecurityStore.read_dss(reader)
        for certificate in store.load_certs():
            data.add_certificate(certificate)
        for reference in store.ocsps:
            raw = reference.get_object().read_data(DecodePurpose.OCSP_RESPONSE)
            data.ocsps.append(ocsp.OCSPResponse.load(raw))
        for reference in store.crls:
            data.crls.append(
                crl.CertificateList.load(reference.get_object().read_data(DecodePurpose.CRL))
            )
    except Exception:  # no DSS, or one that does not parse: what was read so far
        return data
    return data


def _loaded(kind: Any, text: str | None) -> Any:
    try:
        value = kind.load(base64.b64decode(text or "", validate=False))
        _ = value.native  # parse now: a damaged value is skipped here, not met later
    except _UNREADABLE:
        return None
    return value
