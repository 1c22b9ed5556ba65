"""Synthetic EU trusted lists (ETSI TS 119 612), signed like the real ones, for offline tests.

Why: the EU trust-list support (pyHanko's ``eutl_parse``, and our code around it) must be tested
against lists whose content we choose - a service granted then withdrawn, a QTST, a qualifier, a
LOTL with pivots, a list signed by the wrong key - and without the network. Real lists change
every month and are signed by keys we do not hold, so tests build their own with this module.

The XML has the shape of the real lists (FR and the EU LOTL in version 5, BE and the LOTL in
version 6): the same namespaces and prefixes, the same element order, an enveloped XAdES B-B
signature made by signxml's ``XAdESSigner`` as the last child of ``TrustServiceStatusList``
(reference URI ``""`` with the enveloped-signature and exclusive c14n transforms, a second
reference to the signed properties, ``SigningTime`` = the list's issue time). Version 5 and 6
lists differ only in the signature, as the real ones do: ``SigningCertificate`` (digest and
issuer/serial) in v5, ``SigningCertificateV2`` (digest and ``IssuerSerialV2``) in v6.

Like the real lists, a service's history entries identify it by subject name and SKI only, not
by its certificate, so pyHanko cannot tell which CA a past "granted" period belonged to; set
``ServiceSpec.history_with_certs`` to put the certificate there too.

``serve_files`` serves such lists (or anything) over HTTP on 127.0.0.1 and counts the requests.
"""

from __future__ import annotations

import base64
import secrets
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from asn1crypto import tsp as asn1_tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.signer import SignatureReference
from signxml.xades import XAdESDataObjectFormat, XAdESSigner
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

TSL_NS = "http://uri.etsi.org/02231/v2#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
ADDITIONAL_TYPES_NS = "http://uri.etsi.org/02231/v2/additionaltypes#"
XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
SIE_NS = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"
XADES141_NS = "http://uri.etsi.org/01903/v1.4.1#"
# The prefixes of the real lists (all made by the same EU tool).
NSMAP = {
    None: TSL_NS,
    "ns2": DS_NS,
    "ns3": ADDITIONAL_TYPES_NS,
    "ns4": XADES_NS,
    "ns5": SIE_NS,
    "ns6": XADES141_NS,
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_TRUSTED_LIST = "http://uri.etsi.org/TrstSvc/TrustedList"
STATUS_URI = f"{_TRUSTED_LIST}/Svcstatus/"
SVC_INFO_EXT_URI = f"{_TRUSTED_LIST}/SvcInfoExt/"
SERVICE_TYPE_URI = "http://uri.etsi.org/TrstSvc/Svctype/"
SCHEME_RULES_URI = f"{_TRUSTED_LIST}/schemerules/"
TSL_TYPE_NATIONAL = f"{_TRUSTED_LIST}/TSLType/EUgeneric"
TSL_TYPE_LOTL = f"{_TRUSTED_LIST}/TSLType/EUlistofthelists"
LOTL_RULES = f"{SCHEME_RULES_URI}EUlistofthelists"
TSL_MIME_TYPE = "application/vnd.etsi.tsl+xml"
TSL_TAG = "http://uri.etsi.org/19612/TSLTag"
PIVOT_EXPLANATION_URL = "https://ec.europa.eu/tools/lotl/pivot-lotl-explanation.html"
LOTL_LEGAL_NOTICE_URL = "https://ec.europa.eu/tools/lotl/eu-lotl-legalnotice.html#en"


# --- inputs -------------------------------------------------------------------------------------


@dataclass
class Signer:
    """A scheme operator's (TLSO's) key and self-signed certificate, which sign a list."""

    key: Any  # a cryptography private key (EC or RSA)
    cert: x509.Certificate

    @classmethod
    def generate(
        cls,
        name: str,
        *,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        key_type: Literal["ec", "rsa"] = "ec",
    ) -> Signer:
        """A new key (EC P-256, or RSA 2048) and a certificate for it, valid 2000-2100 unless
        told, with key usages digitalSignature and nonRepudiation, like real TLSO certificates."""
        key: Any = (
            ec.generate_private_key(ec.SECP256R1())
            if key_type == "ec"
            else rsa.generate_private_key(public_exponent=65537, key_size=2048)
        )
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, name),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Paraphe test trusted lists"),
            ]
        )
        usage = x509.KeyUsage(
            digital_signature=True,
            content_commitment=True,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or datetime(2000, 1, 1, tzinfo=UTC))
            .not_valid_after(not_after or datetime(2100, 1, 1, tzinfo=UTC))
            .add_extension(usage, critical=True)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        return cls(key=key, cert=cert)

    def cert_der(self) -> bytes:
        """The certificate, DER-encoded (what ``Pointer.signers`` takes)."""
        return self.cert.public_bytes(serialization.Encoding.DER)

    def asn1_cert(self) -> asn1_x509.Certificate:
        """The certificate as asn1crypto loads it (what pyHanko's ``eutl_parse`` takes)."""
        return asn1_x509.Certificate.load(self.cert_der())


@dataclass
class StatusChange:
    """One entry of a service's status history: a status (short name such as ``granted``,
    ``withdrawn``, ``recognisedatnationallevel``, ``undersupervision``, or a full URI) from
    ``start`` on."""

    status: str
    start: datetime


@dataclass
class QualificationSpec:
    """One ``QualificationElement`` of the Qualifications extension.

    ``qualifiers`` are short names (``QCNoQSCD``, ``QCWithQSCD``, ``QCForESig``, ``QCForESeal``,
    ``QCStatement``, ``NotQualified``, ``QCQSCDManagedOnBehalf``...) or full URIs. The criteria
    list (``assert_``: ``atLeastOne``, ``all`` or ``none``) holds one ``PolicySet`` per policy
    OID and, if ``key_usage`` is given, a ``KeyUsage`` criterion (bit name -> required value).
    With neither, the criterion is ``nonRepudiation`` = true, which the qualified signers of the
    test PKI meet.
    """

    qualifiers: Sequence[str]
    policy_oids: Sequence[str] = ()
    key_usage: dict[str, bool] = field(default_factory=dict)
    assert_: str = "atLeastOne"


@dataclass
class ServiceSpec:
    """A trust service of a TSP.

    ``history`` is oldest first: its last entry is the current status (``ServiceInformation``),
    the earlier ones become ``ServiceHistoryInstance`` elements, newest first as in the real
    lists, identified by subject name and SKI (and the certificates too if
    ``history_with_certs``). ``service_type`` is a short name (``CA/QC``, ``TSA/QTST``...) or a
    URI. ``for_types`` are the additional service information short names ``ForeSignatures``,
    ``ForeSeals``, ``ForWebSiteAuthentication`` (meant for CA/QC services: pyHanko rejects these
    critical extensions on a QTST).
    """

    name: str
    certs: Sequence[bytes]  # DER
    history: Sequence[StatusChange]
    service_type: str = "CA/QC"
    for_types: Sequence[str] = ()
    qualifications: Sequence[QualificationSpec] = ()
    history_with_certs: bool = False


@dataclass
class TspSpec:
    """A trust service provider and its services."""

    name: str
    services: Sequence[ServiceSpec]


@dataclass
class Pointer:
    """An ``OtherTSLPointer``: where a list is and which certificates (DER) may sign it.

    ``lotl=True`` is a pointer to the LOTL (the LOTL's pointer to itself, or a national list's
    pointer to the LOTL): territory EU, TSL type and scheme rules ``EUlistofthelists``. Otherwise
    it points to a national list: TSL type ``EUgeneric``, rules ``EUcommon`` + the territory.
    """

    territory: str
    location: str
    signers: Sequence[bytes]
    lotl: bool = False
    operator: str = "Test Scheme Operator"


# --- lists --------------------------------------------------------------------------------------


def make_trusted_list(
    *,
    territory: str,
    sequence: int,
    issued: datetime,
    next_update: datetime | None,
    tsps: Sequence[TspSpec],
    signer: Signer,
    version: int = 5,
    operator: str = "Test Scheme Operator",
    pointers: Sequence[Pointer] = (),
) -> bytes:
    """A national trusted list (TSL type ``EUgeneric``), signed by ``signer``.

    ``next_update=None`` writes an empty ``NextUpdate`` (a closed list). ``pointers`` go to
    ``PointersToOtherTSL``; real national lists point to the LOTL there (``Pointer(lotl=True)``).
    """
    root = _root()
    info = _scheme_information(
        root,
        version=version,
        sequence=sequence,
        tsl_type=TSL_TYPE_NATIONAL,
        operator=operator,
        scheme_name=f"{territory}:Trusted list (synthetic, for tests)",
        info_uris=[f"https://tsl.example.test/{territory.lower()}"],
        determination=f"{_TRUSTED_LIST}/StatusDetn/EUappropriate",
        rules=[f"{SCHEME_RULES_URI}EUcommon", f"{SCHEME_RULES_URI}{territory}"],
        territory=territory,
    )
    _finish_scheme_information(info, pointers, issued, next_update)
    tsp_list = _el(root, "TrustServiceProviderList")
    for tsp in tsps:
        _tsp(tsp_list, tsp, territory)
    return _sign(root, signer, issued, version)


def make_lotl(
    *,
    sequence: int,
    issued: datetime,
    next_update: datetime | None,
    pointers: Sequence[Pointer],
    signer: Signer,
    pivots: Sequence[str] = (),
    reanchor_urls: Sequence[str] = (),
    version: int = 5,
) -> bytes:
    """The EU list of trusted lists (territory EU), signed by ``signer``.

    ``SchemeInformationURI`` lists ``reanchor_urls`` (OJ re-anchoring URLs) first, as the 2026
    LOTL does, then ``pivots`` in the order given (newest first, URLs ending in ``.xml``), then
    the pivot explanation page and the legal notice. pyHanko takes the ``.xml`` URLs as pivots
    and stops at a re-anchor it knows, so to put a re-anchor between pivots, list it in
    ``pivots`` at its place. ``PointersToOtherTSL`` holds the ``pointers``, in order.
    """
    root = _root()
    info = _scheme_information(
        root,
        version=version,
        sequence=sequence,
        tsl_type=TSL_TYPE_LOTL,
        operator="European Commission",
        scheme_name="EU:List of trusted lists (synthetic, for tests)",
        info_uris=[*reanchor_urls, *pivots, PIVOT_EXPLANATION_URL, LOTL_LEGAL_NOTICE_URL],
        determination=f"{_TRUSTED_LIST}/StatusDetn/EUlistofthelists",
        rules=[LOTL_RULES],
        territory="EU",
    )
    _finish_scheme_information(info, pointers, issued, next_update)
    return _sign(root, signer, issued, version)


def tamper(xml: bytes) -> bytes:
    """The same signed list with one name changed (the first service's, or the scheme
    operator's in a LOTL), so that its signature no longer matches."""
    root = etree.fromstring(xml)
    names = root.findall(f".//{{{TSL_NS}}}ServiceName/{{{TSL_NS}}}Name") or root.findall(
        f".//{{{TSL_NS}}}SchemeOperatorName/{{{TSL_NS}}}Name"
    )
    names[0].text = f"{names[0].text} (tampered)"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- XML building -------------------------------------------------------------------------------


def _el(
    parent: etree._Element,
    tag: str,
    text: str | None = None,
    *,
    ns: str = TSL_NS,
    attrib: dict[str, str] | None = None,
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}", attrib or {})
    element.text = text
    return element


def _names(parent: etree._Element, tag: str, name: str) -> None:
    _el(_el(parent, tag), "Name", name, attrib={_XML_LANG: "en"})


def _uris(parent: etree._Element, tag: str, uris: Sequence[str]) -> None:
    holder = _el(parent, tag)
    for uri in uris:
        _el(holder, "URI", uri, attrib={_XML_LANG: "en"})


def _uri(base: str, name: str) -> str:
    return name if name.startswith(("http://", "https://")) else f"{base}{name}"


def _time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _root() -> etree._Element:
    return etree.Element(
        f"{{{TSL_NS}}}TrustServiceStatusList",
        {"Id": "ID0001", "TSLTag": TSL_TAG},
        nsmap=NSMAP,  # type: ignore[arg-type]
    )


def _address(parent: etree._Element, tag: str, country: str) -> None:
    address = _el(parent, tag)
    postal = _el(_el(address, "PostalAddresses"), "PostalAddress", attrib={_XML_LANG: "en"})
    _el(postal, "StreetAddress", "1 rue de l'Exemple")
    _el(postal, "Locality", "Testville")
    _el(postal, "PostalCode", "00000")
    _el(postal, "CountryName", country)
    _uris(address, "ElectronicAddress", ["mailto:tl@example.test", "https://example.test/"])


def _scheme_information(
    root: etree._Element,
    *,
    version: int,
    sequence: int,
    tsl_type: str,
    operator: str,
    scheme_name: str,
    info_uris: Sequence[str],
    determination: str,
    rules: Sequence[str],
    territory: str,
) -> etree._Element:
    """``SchemeInformation`` up to ``HistoricalInformationPeriod``."""
    info = _el(root, "SchemeInformation")
    _el(info, "TSLVersionIdentifier", str(version))
    _el(info, "TSLSequenceNumber", str(sequence))
    _el(info, "TSLType", tsl_type)
    _names(info, "SchemeOperatorName", operator)
    _address(info, "SchemeOperatorAddress", territory)
    _names(info, "SchemeName", scheme_name)
    _uris(info, "SchemeInformationURI", info_uris)
    _el(info, "StatusDeterminationApproach", determination)
    _uris(info, "SchemeTypeCommunityRules", rules)
    _el(info, "SchemeTerritory", territory)
    legal = _el(info, "PolicyOrLegalNotice")
    _el(legal, "TSLLegalNotice", "Synthetic trusted list for tests.", attrib={_XML_LANG: "en"})
    _el(info, "HistoricalInformationPeriod", "65535")
    return info


def _finish_scheme_information(
    info: etree._Element,
    pointers: Sequence[Pointer],
    issued: datetime,
    next_update: datetime | None,
) -> None:
    """``PointersToOtherTSL``, ``ListIssueDateTime``, ``NextUpdate``."""
    if pointers:
        holder = _el(info, "PointersToOtherTSL")
        for pointer in pointers:
            _pointer(holder, pointer)
    _el(info, "ListIssueDateTime", _time(issued))
    update = _el(info, "NextUpdate")
    if next_update is not None:
        _el(update, "dateTime", _time(next_update))


def _pointer(parent: etree._Element, pointer: Pointer) -> None:
    element = _el(parent, "OtherTSLPointer")
    identities = _el(element, "ServiceDigitalIdentities")
    for der in pointer.signers:
        identity = _el(identities, "ServiceDigitalIdentity")
        _el(_el(identity, "DigitalId"), "X509Certificate", base64.b64encode(der).decode())
    _el(element, "TSLLocation", pointer.location)
    if pointer.lotl:
        tsl_type, territory, rules = TSL_TYPE_LOTL, "EU", [LOTL_RULES]
    else:
        tsl_type, territory = TSL_TYPE_NATIONAL, pointer.territory
        rules = [f"{SCHEME_RULES_URI}EUcommon", f"{SCHEME_RULES_URI}{pointer.territory}"]
    additional = _el(element, "AdditionalInformation")
    _el(_el(additional, "OtherInformation"), "TSLType", tsl_type)
    _el(_el(additional, "OtherInformation"), "SchemeTerritory", territory)
    _el(_el(additional, "OtherInformation"), "MimeType", TSL_MIME_TYPE, ns=ADDITIONAL_TYPES_NS)
    _names(_el(additional, "OtherInformation"), "SchemeOperatorName", pointer.operator)
    _uris(_el(additional, "OtherInformation"), "SchemeTypeCommunityRules", rules)


def _tsp(parent: etree._Element, spec: TspSpec, territory: str) -> None:
    element = _el(parent, "TrustServiceProvider")
    information = _el(element, "TSPInformation")
    _names(information, "TSPName", spec.name)
    _address(information, "TSPAddress", territory)
    _uris(information, "TSPInformationURI", ["https://tsp.example.test/"])
    services = _el(element, "TSPServices")
    for service in spec.services:
        _service(services, service)


def _service(parent: etree._Element, spec: ServiceSpec) -> None:
    if not spec.history:
        raise ValueError(f"service {spec.name!r} needs at least one status")
    element = _el(parent, "TSPService")
    *past, current = spec.history
    _service_fields(_el(element, "ServiceInformation"), spec, current, with_certs=True)
    if past:
        history = _el(element, "ServiceHistory")
        for change in reversed(past):
            instance = _el(history, "ServiceHistoryInstance")
            _service_fields(instance, spec, change, with_certs=spec.history_with_certs)


def _service_fields(
    parent: etree._Element, spec: ServiceSpec, change: StatusChange, *, with_certs: bool
) -> None:
    """The fields shared by ``ServiceInformation`` and ``ServiceHistoryInstance``."""
    _el(parent, "ServiceTypeIdentifier", _uri(SERVICE_TYPE_URI, spec.service_type))
    _names(parent, "ServiceName", spec.name)
    _digital_identity(parent, spec.certs, with_certs=with_certs)
    _el(parent, "ServiceStatus", _uri(STATUS_URI, change.status))
    _el(parent, "StatusStartingTime", _time(change.start))
    if spec.for_types or spec.qualifications:
        extensions = _el(parent, "ServiceInformationExtensions")
        for for_type in spec.for_types:
            extension = _el(extensions, "Extension", attrib={"Critical": "true"})
            _uris(extension, "AdditionalServiceInformation", [_uri(SVC_INFO_EXT_URI, for_type)])
        if spec.qualifications:
            extension = _el(extensions, "Extension", attrib={"Critical": "true"})
            qualifications = _el(extension, "Qualifications", ns=SIE_NS)
            for qualification in spec.qualifications:
                _qualification(qualifications, qualification)


def _digital_identity(parent: etree._Element, certs: Sequence[bytes], *, with_certs: bool) -> None:
    """The certificates (if ``with_certs``), then the subject name and SKI of the first one."""
    identity = _el(parent, "ServiceDigitalIdentity")
    if with_certs:
        for der in certs:
            _el(_el(identity, "DigitalId"), "X509Certificate", base64.b64encode(der).decode())
    if certs:
        cert = x509.load_der_x509_certificate(certs[0])
        _el(_el(identity, "DigitalId"), "X509SubjectName", cert.subject.rfc4514_string())
        ski = _subject_key_identifier(cert)
        _el(_el(identity, "DigitalId"), "X509SKI", base64.b64encode(ski).decode())


def _subject_key_identifier(cert: x509.Certificate) -> bytes:
    """The certificate's SKI extension, or the SHA-1 of its public key (RFC 5280 method 1)."""
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest


def _qualification(parent: etree._Element, spec: QualificationSpec) -> None:
    element = _el(parent, "QualificationElement", ns=SIE_NS)
    qualifiers = _el(element, "Qualifiers", ns=SIE_NS)
    for qualifier in spec.qualifiers:
        _el(qualifiers, "Qualifier", ns=SIE_NS, attrib={"uri": _uri(SVC_INFO_EXT_URI, qualifier)})
    criteria = _el(element, "CriteriaList", ns=SIE_NS, attrib={"assert": spec.assert_})
    key_usage = spec.key_usage or ({} if spec.policy_oids else {"nonRepudiation": True})
    if key_usage:
        usage = _el(criteria, "KeyUsage", ns=SIE_NS)
        for bit, value in key_usage.items():
            _el(usage, "KeyUsageBit", str(value).lower(), ns=SIE_NS, attrib={"name": bit})
    for oid in spec.policy_oids:
        policy = _el(_el(criteria, "PolicySet", ns=SIE_NS), "PolicyIdentifier", ns=SIE_NS)
        _el(policy, "Identifier", oid, ns=XADES_NS)


# --- signature ----------------------------------------------------------------------------------


class _ListSigner(XAdESSigner):
    """signxml's XAdES signer, adjusted to the real lists' signatures: reference URI ``""``
    (signxml would use ``#ID0001``), no reference to ``KeyInfo``, a c14n transform on the
    signed-properties reference, a given ``SigningTime``, and ``SigningCertificate`` (v5) or
    ``SigningCertificateV2`` (v6)."""

    def __init__(self, signer: Signer, signing_time: datetime, version: int) -> None:
        is_ec = isinstance(signer.key, ec.EllipticCurvePrivateKey)
        super().__init__(
            signature_algorithm=SignatureMethod.ECDSA_SHA256
            if is_ec
            else SignatureMethod.RSA_SHA256,
            digest_algorithm=DigestAlgorithm.SHA256,
            c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
            data_object_format=XAdESDataObjectFormat(Description="Trusted list"),
        )
        self._signing_time = signing_time
        self._v2 = version >= 6

    def _unpack(self, data: Any, references: Any) -> Any:
        sig_root, doc_root, c14n_inputs, _ = super()._unpack(data, references)
        sig_root.set("Id", f"id-{secrets.token_hex(16)}")
        return sig_root, doc_root, c14n_inputs, [SignatureReference(URI="")]

    def _add_reference_to_signed_info(
        self, sig_root: Any, node_to_reference: Any, **attrs: Any
    ) -> None:
        """The reference to the signed properties, with the exclusive c14n transform that
        signxml leaves out (its verifier would then use another c14n than its signer)."""
        if node_to_reference.tag == f"{{{DS_NS}}}KeyInfo":
            return
        signed_info = self._find(sig_root, "SignedInfo")
        reference = _el(signed_info, "Reference", ns=DS_NS, attrib=attrs)
        reference.set("URI", f"#{node_to_reference.get('Id')}")
        transforms = _el(reference, "Transforms", ns=DS_NS)
        _el(transforms, "Transform", ns=DS_NS, attrib={"Algorithm": self.c14n_alg.value})
        _el(reference, "DigestMethod", ns=DS_NS, attrib={"Algorithm": self.digest_alg.value})
        digest = self._get_digest(
            self._c14n(node_to_reference, algorithm=self.c14n_alg), algorithm=self.digest_alg
        )
        _el(reference, "DigestValue", base64.b64encode(digest).decode(), ns=DS_NS)

    def add_signing_time(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: Any
    ) -> None:
        _el(signed_signature_properties, "SigningTime", _time(self._signing_time), ns=XADES_NS)

    def add_signing_certificate(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: Any
    ) -> None:
        (cert,) = signing_settings.cert_chain
        der = cert.public_bytes(serialization.Encoding.DER)
        holder = _el(
            signed_signature_properties,
            "SigningCertificateV2" if self._v2 else "SigningCertificate",
            ns=XADES_NS,
        )
        cert_node = _el(holder, "Cert", ns=XADES_NS)
        digest = _el(cert_node, "CertDigest", ns=XADES_NS)
        _el(digest, "DigestMethod", ns=DS_NS, attrib={"Algorithm": self.digest_alg.value})
        value = base64.b64encode(self._get_digest(der, algorithm=self.digest_alg)).decode()
        _el(digest, "DigestValue", value, ns=DS_NS)
        if self._v2:
            _el(cert_node, "IssuerSerialV2", _issuer_serial_v2(der), ns=XADES_NS)
        else:
            issuer_serial = _el(cert_node, "IssuerSerial", ns=XADES_NS)
            _el(issuer_serial, "X509IssuerName", cert.issuer.rfc4514_string(), ns=DS_NS)
            _el(issuer_serial, "X509SerialNumber", str(cert.serial_number), ns=DS_NS)


def _issuer_serial_v2(der: bytes) -> str:
    """base64 of the DER ``IssuerSerial`` (RFC 5035) of a certificate."""
    cert = asn1_x509.Certificate.load(der)
    issuer = asn1_x509.GeneralNames(
        [asn1_x509.GeneralName(name="directory_name", value=cert.issuer)]
    )
    value = asn1_tsp.IssuerSerial({"issuer": issuer, "serial_number": cert.serial_number})
    return base64.b64encode(value.dump()).decode()


def _sign(root: etree._Element, signer: Signer, signing_time: datetime, version: int) -> bytes:
    etree.indent(root, space="    ")
    # signxml fills a placeholder in place; with its own ``ds`` declaration, the signature's
    # elements get the ``ds:`` prefix of the real lists rather than the root's ``ns2:``.
    etree.SubElement(root, f"{{{DS_NS}}}Signature", {"Id": "placeholder"}, nsmap={"ds": DS_NS})
    signed = _ListSigner(signer, signing_time, version).sign(
        root, key=signer.key, cert=[signer.cert], always_add_key_value=False
    )
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


# --- HTTP ---------------------------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@dataclass
class FileServer:
    """What ``serve_files`` yields: the base ``url`` (``http://127.0.0.1:<port>``), the served
    ``files`` (the caller's dict, read at each request: change it to publish a new version), and
    ``hits``, the number of requests per name (404s included)."""

    url: str
    files: dict[str, bytes]
    hits: Counter[str] = field(default_factory=Counter)

    def url_for(self, name: str) -> str:
        """The URL of one file."""
        return f"{self.url}/{name}"


@contextmanager
def serve_files(files: dict[str, bytes]) -> Iterator[FileServer]:
    """Serve ``files`` (name -> bytes) at ``/<name>`` on 127.0.0.1, in a thread, until the
    ``with`` block ends; anything else is a 404."""
    lock = threading.Lock()
    served = FileServer(url="", files=files)

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        name = Request(environ).path.lstrip("/")
        with lock:
            served.hits[name] += 1
        body = served.files.get(name)
        if body is None:
            response = Response("not found", status=404, mimetype="text/plain")
        else:
            kind = "application/xml" if name.endswith(".xml") else "application/octet-stream"
            response = Response(body, mimetype=kind)
        return response(environ, start_response)

    server: BaseWSGIServer = make_server(
        "127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler
    )
    served.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name=served.url, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- a published set: one national list behind a LOTL ----------------------------------------


@dataclass
class PublishedLists:
    """A LOTL (``eu-lotl.xml``) pointing to one national list (``tl-<territory>.xml``), served by
    ``server``, signed by ``lotl_key`` and ``tso``; ``lotl_signer`` is the LOTL key's certificate
    as a PEM file, what ``trust update --lotl-signer`` and ``manage.refresh`` take."""

    server: FileServer
    lotl_key: Signer
    tso: Signer
    lotl_signer: Path

    @property
    def lotl_url(self) -> str:
        return self.server.url_for("eu-lotl.xml")

    def publish(
        self,
        services: Sequence[ServiceSpec],
        *,
        issued: datetime,
        next_update: datetime,
        territory: str = "FR",
        sequence: int = 42,
        signer: Signer | None = None,
        damaged: bool = False,
        lotl_next_update: datetime | None = None,
    ) -> str:
        """Serve a national list of ``services`` (signed by ``signer``, else the scheme
        operator; ``damaged``: changed after signing) behind a LOTL (next update
        ``lotl_next_update``, else the list's); the list's label is returned."""
        name = f"tl-{territory.lower()}.xml"
        national = make_trusted_list(
            territory=territory,
            sequence=sequence,
            issued=issued,
            next_update=next_update,
            tsps=[TspSpec("Paraphe Test TSP", list(services))],
            signer=signer or self.tso,
        )
        self.server.files[name] = tamper(national) if damaged else national
        self.server.files["eu-lotl.xml"] = make_lotl(
            sequence=7,
            issued=issued,
            next_update=lotl_next_update or next_update,
            pointers=[
                Pointer("EU", self.lotl_url, [self.lotl_key.cert_der()], lotl=True),
                Pointer(territory, self.server.url_for(name), [self.tso.cert_der()]),
            ],
            signer=self.lotl_key,
        )
        return f"{territory} {sequence} {issued:%Y-%m-%d}"


@contextmanager
def published_lists(folder: Path) -> Iterator[PublishedLists]:
    """Fresh keys for a LOTL and a scheme operator, a server on 127.0.0.1 with nothing yet
    published, the LOTL key's certificate written in ``folder``."""
    lotl_key = Signer.generate("Test LOTL signer")
    signer_file = folder / "lotl-signer.pem"
    signer_file.write_bytes(lotl_key.cert.public_bytes(serialization.Encoding.PEM))
    with serve_files({}) as server:
        yield PublishedLists(
            server, lotl_key, Signer.generate("Test FR scheme operator"), signer_file
        )
