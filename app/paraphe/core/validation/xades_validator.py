"""Detached XAdES tokens (EN 319 132-1) checked by the basic signature validation of EN 319 102-1.

A token ``<document> - Signature N.xml`` is one ds:Signature whose external reference names the
document by a relative, percent-encoded URI. The building blocks run in the standard's order:

- Format checking (5.2.2). The token is read whole only up to 20 MB, parsed without ever loading a
  DTD, expanding an entity or touching the network, and any DOCTYPE is refused before parsing:
  nothing outside the two inputs is read. The structure must leave no room for signature wrapping:
  one external reference (the document, never dereferenced: the caller's file is hashed), a single
  QualifyingProperties aimed at this signature and holding the token's only SignedProperties, which
  the one reference of type SignedProperties designates by an Id that no other element carries.
  A nested ds:Signature (counter-signatures included, not supported yet) fails the format check.
- Identification of the signing certificate (5.2.3): the KeyInfo certificate whose digest the
  SigningCertificateV2 (or legacy SigningCertificate) property gives; after the cryptographic
  verification, the same reference is read again from the verified SignedProperties.
- Cryptographic verification (5.2.7): the document's digest first (streamed, never loaded whole),
  then signxml's XAdES verifier: the signature value, then the digest of every reference.
- X.509 certificate validation (5.2.6) by pyhanko-certvalidator: a path to a trust anchor,
  validity at the validation time, revocation (fetched, unless the settings are offline).

A TOTAL_FAILED found by the cryptographic checks (HASH_FAILURE, SIG_CRYPTO_FAILURE) is final and
wins over an INDETERMINATE of the certificate checks: a forged signature is reported as forged even
when its signer cannot be identified (EN 319 102-1, 5.3.4 lets a failed cryptographic verification
decide the result). Values in the report (signing time, signer) come only from verified content.
Timestamps and embedded validation data (B-T and above) are detected for the level but not
validated yet.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree

from ..aio import run_sync
from ..documents import Document
from ..errors import DocumentChanged, UnreadableDocument
from ..signing.xades import SIGNED_PROPERTIES_TYPE, ExternalDocument, streaming_verifier_class
from .context import VerificationContext
from .describe import certificate_info, signer_identity
from .explanations import explain
from .indications import Indication, SubIndication, from_pyhanko
from .report import (
    CertificateInfo,
    Check,
    RevocationInfo,
    SignatureFormat,
    SignatureReport,
    SignerIdentity,
)

MAX_TOKEN_BYTES = 20 << 20
"""A XAdES token is a few KB; anything this big is not one (and is not parsed)."""

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XADES141 = "http://uri.etsi.org/01903/v1.4.1#"
_NS = {"ds": DS, "xades": XADES}
_XADES_NAMESPACES = (XADES, XADES141)

_DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
}
"""Digests accepted for the references (what the streaming verifier can compute)."""

_SIGNATURE_METHODS = frozenset(
    {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
    }
)
"""RSA PKCS#1 v1.5, RSA-PSS and ECDSA with SHA-2: what EN 319 132-1 signers produce today."""

_CERT_DIGESTS = {
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
    "http://www.w3.org/2001/04/xmldsig-more#sha224": "sha224",
    **_DIGESTS,
    "http://www.w3.org/2007/05/xmldsig-more#sha3-256": "sha3_256",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-384": "sha3_384",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-512": "sha3_512",
}
"""Digests that may identify the signing certificate (legacy SigningCertificate used SHA-1)."""

_ID_QUERY = "//*[@*[local-name()='Id' or local-name()='ID' or local-name()='id'] = $value]"

_DATETIME = re.compile(
    r"^(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$"
)


class _Verdict(Exception):
    """The validation ends here, with this indication (and a check saying why)."""

    def __init__(
        self,
        indication: Indication,
        subindication: SubIndication | None,
        check: Check | None = None,
    ) -> None:
        super().__init__(subindication.code if subindication else indication.value)
        self.indication = indication
        self.subindication = subindication
        self.check = check


def _format_failure(detail: str, *, indeterminate: bool = False) -> _Verdict:
    indication = Indication.INDETERMINATE if indeterminate else Indication.TOTAL_FAILED
    return _Verdict(indication, SubIndication.FORMAT_FAILURE, Check("token format", False, detail))


@dataclass
class _Findings:
    """What is known about one signature so far; becomes its report."""

    signature_id: str | None = None
    level: str | None = None
    signer: SignerIdentity | None = None
    certificate: CertificateInfo | None = None
    chain: list[CertificateInfo] = field(default_factory=list)
    revocation: RevocationInfo | None = None
    signing_time: dt.datetime | None = None
    checks: list[Check] = field(default_factory=list)

    def report(
        self,
        token_path: Path,
        document_path: Path | None,
        indication: Indication,
        subindication: SubIndication | None,
    ) -> SignatureReport:
        return SignatureReport(
            signature_path=token_path,
            format=SignatureFormat.XADES,
            indication=indication,
            subindication=subindication,
            explanation=explain(indication, subindication),
            document_path=document_path,
            level=self.level,
            signature_id=self.signature_id,
            signer=self.signer,
            certificate=self.certificate,
            chain=self.chain,
            revocation=self.revocation,
            signing_time=self.signing_time,
            checks=self.checks,
        )


def validate_xades(
    token_path: Path, document_path: Path | None, context: VerificationContext
) -> list[SignatureReport]:
    """One report per ds:Signature of the token (normally one); bad input becomes a verdict."""
    token_path = Path(token_path)
    document_path = Path(document_path) if document_path is not None else None
    try:
        data = _read_token(token_path)
        root = _parse(data)
    except _Verdict as verdict:
        findings = _Findings(checks=[verdict.check] if verdict.check else [])
        return [
            findings.report(token_path, document_path, verdict.indication, verdict.subindication)
        ]
    except Exception as exc:  # a verdict, never a crash, whatever the input
        findings = _Findings(checks=[Check("token format", None, f"{type(exc).__name__}: {exc}")])
        return [
            findings.report(
                token_path, document_path, Indication.INDETERMINATE, SubIndication.GENERIC
            )
        ]

    signatures = [root, *(e for e in root.iter(f"{{{DS}}}Signature") if e is not root)]
    document = _DocumentDigests(document_path)
    reports = []
    for signature in signatures:
        findings = _Findings(signature_id=signature.get("Id"))
        try:
            if len(signatures) > 1:
                raise _format_failure(
                    f"the token holds {len(signatures)} ds:Signature elements; a detached XAdES "
                    "token holds one (nested and counter-signatures are not supported)"
                )
            indication, subindication = _validate_signature(data, root, document, context, findings)
        except _Verdict as verdict:
            if verdict.check is not None:
                findings.checks.append(verdict.check)
            indication, subindication = verdict.indication, verdict.subindication
        except Exception as exc:  # a verdict, never a crash, whatever the input
            findings.checks.append(
                Check("validation", None, f"unexpected error: {type(exc).__name__}: {exc}")
            )
            indication, subindication = Indication.INDETERMINATE, SubIndication.GENERIC
        reports.append(findings.report(token_path, document_path, indication, subindication))
    return reports


# --- reading ----------------------------------------------------------------------------------


def _read_token(path: Path) -> bytes:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise _Verdict(
                Indication.INDETERMINATE,
                SubIndication.GENERIC,
                Check("token format", None, "the signature is not a regular file"),
            )
        if st.st_size > MAX_TOKEN_BYTES:
            raise _format_failure(f"{st.st_size} bytes: too large for a XAdES signature")
        with open(path, "rb") as handle:
            data = handle.read(MAX_TOKEN_BYTES + 1)
    except OSError as exc:
        raise _Verdict(
            Indication.INDETERMINATE,
            SubIndication.GENERIC,
            Check("token format", None, f"cannot read the signature: {exc.strerror or exc}"),
        ) from None
    if len(data) > MAX_TOKEN_BYTES:
        raise _format_failure("too large for a XAdES signature")
    if not data.strip():
        raise _format_failure("the signature file is empty")
    return data


def _declares_dtd(data: bytes) -> bool:
    """A DOCTYPE (with its entities) is refused unparsed: a token never needs one. The parser's
    own settings and the checks after parsing are the second line of defence."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return True
    if b"\x00" not in data[:4]:
        return False
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        text = data.decode(encoding, errors="ignore")
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            return True
    return False


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _parse(data: bytes) -> Any:
    if _declares_dtd(data):
        raise _format_failure("a DTD or entity declaration is not allowed in a signature")
    try:
        root = etree.fromstring(data, parser=_safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise _format_failure(f"not well-formed XML: {exc}") from None
    if root is None:
        raise _format_failure("not an XML document")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _format_failure("a DTD is not allowed in a signature")
    if any(True for _ in root.iter(etree.Entity)):
        raise _format_failure("entity references are not allowed in a signature")
    if root.tag != f"{{{DS}}}Signature":
        raise _format_failure(f"the root element is {root.tag}, not ds:Signature")
    return root


# --- the document -----------------------------------------------------------------------------


class _DocumentDigests:
    """The paired document's digests, streamed once per algorithm."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._document: Document | None = None
        self._digests: dict[str, bytes] = {}

    def digest(self, algorithm: str) -> bytes:
        if self.path is None:
            raise _Verdict(
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                Check("document digest", None, "no signed document was given"),
            )
        if algorithm not in self._digests:
            try:
                if self._document is None:
                    self._document = Document.open(self.path)
                self._digests[algorithm] = self._document.digest(algorithm)
            except UnreadableDocument as exc:
                raise _Verdict(
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND,
                    Check("document digest", None, str(exc)),
                ) from None
            except DocumentChanged:
                raise _Verdict(
                    Indication.INDETERMINATE,
                    SubIndication.GENERIC,
                    Check("document digest", None, "the document changed while it was read"),
                ) from None
        return self._digests[algorithm]


# --- structure (format checking) --------------------------------------------------------------


@dataclass
class _Structure:
    signature_method: str
    references: list[Any]
    document_reference: Any
    signed_properties_reference: Any | None
    signed_properties: Any | None
    level: str
    has_timestamps: bool


def _only(parent: Any, path: str, what: str) -> Any:
    found = parent.findall(path, _NS)
    if len(found) != 1:
        raise _format_failure(f"{len(found)} {what} elements where one is required")
    return found[0]


def _elements_with_id(root: Any, value: str) -> list[Any]:
    return list(root.xpath(_ID_QUERY, value=value))


def _read_structure(signature: Any) -> _Structure:
    signed_info = _only(signature, "ds:SignedInfo", "ds:SignedInfo")
    _only(signature, "ds:SignatureValue", "ds:SignatureValue")
    method = _only(signed_info, "ds:SignatureMethod", "ds:SignatureMethod").get("Algorithm", "")
    references = signed_info.findall("ds:Reference", _NS)
    if not references:
        raise _format_failure("the signature has no reference")

    external = []
    targets: dict[int, Any] = {}
    for index, reference in enumerate(references):
        uri = reference.get("URI")
        if uri is None or uri == "":
            raise _format_failure("a reference without URI (or to the whole token)")
        if uri.startswith("#xpointer("):
            raise _format_failure("XPointer references are not supported", indeterminate=True)
        if not uri.startswith("#"):
            external.append(reference)
            continue
        found = _elements_with_id(signature.getroottree().getroot(), uri[1:])
        if len(found) != 1:
            raise _format_failure(
                f"reference {uri} designates {len(found)} elements; it must designate one"
            )
        targets[index] = found[0]
    if len(external) != 1:
        raise _format_failure(
            f"{len(external)} references to files; a detached token references one document"
        )
    document_reference = external[0]
    if document_reference.find("ds:Transforms", _NS) is not None:
        raise _format_failure(
            "transforms on the detached document are not supported", indeterminate=True
        )

    signed_props_refs = [
        (index, r) for index, r in enumerate(references) if r.get("Type") == SIGNED_PROPERTIES_TYPE
    ]
    qualifying = [
        e for ns in _XADES_NAMESPACES for e in signature.iter(f"{{{ns}}}QualifyingProperties")
    ]
    all_signed_props = [
        e for ns in _XADES_NAMESPACES for e in signature.iter(f"{{{ns}}}SignedProperties")
    ]
    if not qualifying:
        if signed_props_refs or all_signed_props:
            raise _format_failure("SignedProperties outside a QualifyingProperties element")
        return _Structure(method, references, document_reference, None, None, "B-B", False)

    if len(qualifying) != 1:
        raise _format_failure(f"{len(qualifying)} QualifyingProperties elements; one is allowed")
    properties = qualifying[0]
    if properties.tag != f"{{{XADES}}}QualifyingProperties":
        raise _format_failure("this XAdES version is not supported", indeterminate=True)
    holder = properties.getparent()
    if holder is None or holder.tag != f"{{{DS}}}Object" or holder.getparent() is not signature:
        raise _format_failure("QualifyingProperties is not in a ds:Object of the signature")
    signature_id = signature.get("Id")
    if not signature_id or properties.get("Target") != f"#{signature_id}":
        raise _format_failure("QualifyingProperties does not target this signature")
    unsigned_all = [
        e for ns in _XADES_NAMESPACES for e in signature.iter(f"{{{ns}}}UnsignedProperties")
    ]
    if len(unsigned_all) > 1 or any(e.getparent() is not properties for e in unsigned_all):
        raise _format_failure("UnsignedProperties must appear once, in QualifyingProperties")

    level, has_timestamps = _level(properties)
    if not all_signed_props:
        if signed_props_refs:
            raise _format_failure("a SignedProperties reference without SignedProperties")
        return _Structure(method, references, document_reference, None, None, level, has_timestamps)
    if len(all_signed_props) != 1:
        raise _format_failure(
            f"{len(all_signed_props)} SignedProperties elements; a signature has one"
        )
    signed_properties = all_signed_props[0]
    if signed_properties.getparent() is not properties:
        raise _format_failure("SignedProperties is not in this signature's QualifyingProperties")
    if len(signed_props_refs) != 1:
        raise _format_failure(
            f"{len(signed_props_refs)} references of type SignedProperties; one is required"
        )
    index, signed_props_ref = signed_props_refs[0]
    properties_id = signed_properties.get("Id")
    if (
        not properties_id
        or signed_props_ref.get("URI") != f"#{properties_id}"
        or targets.get(index) is not signed_properties
    ):
        raise _format_failure("the SignedProperties reference does not designate SignedProperties")
    return _Structure(
        method,
        references,
        document_reference,
        signed_props_ref,
        signed_properties,
        level,
        has_timestamps,
    )


def _level(properties: Any) -> tuple[str, bool]:
    """The baseline level the unsigned properties claim (each level includes the one below:
    validation data without a signature timestamp is not B-LT), and whether timestamps exist."""
    names: set[str] = set()
    for ns in (XADES, XADES141):
        for element in properties.findall(
            "xades:UnsignedProperties/xades:UnsignedSignatureProperties/*", _NS
        ):
            if etree.QName(element).namespace == ns:
                names.add(etree.QName(element).localname)
    has_t = "SignatureTimeStamp" in names
    has_lt = has_t and {"CertificateValues", "RevocationValues"} <= names
    has_lta = has_lt and "ArchiveTimeStamp" in names
    level = "B-LTA" if has_lta else "B-LT" if has_lt else "B-T" if has_t else "B-B"
    return level, bool(names & {"SignatureTimeStamp", "ArchiveTimeStamp"})


# --- algorithms -------------------------------------------------------------------------------


def _check_algorithms(structure: _Structure) -> None:
    if structure.signature_method not in _SIGNATURE_METHODS:
        raise _unsupported_algorithm("signature method", structure.signature_method)
    for reference in structure.references:
        digest_method = reference.find("ds:DigestMethod", _NS)
        algorithm = digest_method.get("Algorithm", "") if digest_method is not None else ""
        if algorithm not in _DIGESTS:
            raise _unsupported_algorithm("digest", algorithm)


def _unsupported_algorithm(what: str, uri: str) -> _Verdict:
    if re.search(r"sha1|md5", uri, re.IGNORECASE):
        return _Verdict(
            Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
            Check("algorithms", False, f"{what} {uri} is no longer considered secure"),
        )
    if "hmac" in uri.lower():
        return _format_failure(f"{what} {uri}: an HMAC is not an electronic signature")
    return _format_failure(f"{what} {uri or '(none)'} is not supported", indeterminate=True)


def _b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise _format_failure(f"{what} is not valid base64") from None


# --- signing certificate ----------------------------------------------------------------------


@dataclass(frozen=True)
class _CertReference:
    """The first xades:Cert of SigningCertificate(V2): the signer's certificate."""

    digest_algorithm: str
    digest: bytes
    issuer_serial_v2: bytes | None
    serial_number: int | None

    def matches(self, cert: x509.Certificate) -> bool:
        der = cert.public_bytes(serialization.Encoding.DER)
        return hashlib.new(self.digest_algorithm, der).digest() == self.digest


def _cert_reference(signed_properties: Any | None) -> _CertReference | None:
    """SigningCertificateV2 or SigningCertificate, None when the signature has neither."""
    if signed_properties is None:
        return None
    found = signed_properties.findall(
        "xades:SignedSignatureProperties/xades:SigningCertificateV2", _NS
    ) + signed_properties.findall("xades:SignedSignatureProperties/xades:SigningCertificate", _NS)
    if not found:
        return None
    if len(found) > 1:
        raise _format_failure("several SigningCertificate(V2) properties")
    cert = found[0].find("xades:Cert", _NS)
    if cert is None:
        return None
    method = cert.find("xades:CertDigest/ds:DigestMethod", _NS)
    value = cert.find("xades:CertDigest/ds:DigestValue", _NS)
    if method is None or value is None:
        raise _format_failure("SigningCertificate has no CertDigest")
    algorithm = _CERT_DIGESTS.get(method.get("Algorithm", ""))
    if algorithm is None:
        raise _format_failure(
            f"certificate digest {method.get('Algorithm')} is not supported", indeterminate=True
        )
    v2 = cert.find("xades:IssuerSerialV2", _NS)
    serial_text = cert.findtext("xades:IssuerSerial/ds:X509SerialNumber", namespaces=_NS)
    serial: int | None = None
    if serial_text is not None:
        try:
            serial = int(serial_text.strip())
        except ValueError:
            raise _format_failure("X509SerialNumber is not a number") from None
    return _CertReference(
        digest_algorithm=algorithm,
        digest=_b64(value.text, "the certificate digest"),
        issuer_serial_v2=_b64(v2.text, "IssuerSerialV2") if v2 is not None else None,
        serial_number=serial,
    )


def _issuer_serial_matches(reference: _CertReference, cert: x509.Certificate) -> bool:
    if reference.serial_number is not None and reference.serial_number != cert.serial_number:
        return False
    if reference.issuer_serial_v2 is None:
        return True
    from asn1crypto import cms as asn1_cms
    from asn1crypto import x509 as asn1_x509

    try:
        issuer_serial = asn1_cms.IssuerSerial.load(reference.issuer_serial_v2)
        names = [g.chosen for g in issuer_serial["issuer"] if g.name == "directory_name"]
        serial = issuer_serial["serial"].native
    except (ValueError, TypeError, KeyError):
        return False
    issuer = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)).issuer
    return serial == cert.serial_number and any(n.hashable == issuer.hashable for n in names)


def _keyinfo_certificates(signature: Any) -> list[x509.Certificate]:
    certs = []
    for element in signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", _NS):
        der = _b64(element.text, "an X509Certificate")
        try:
            certs.append(x509.load_der_x509_certificate(der))
        except ValueError:
            raise _format_failure("an X509Certificate in KeyInfo is not a certificate") from None
    return certs


# --- cryptographic verification ---------------------------------------------------------------


@functools.cache
def _plain_verifier_class() -> Any:
    """signxml's XML-DSig verifier with the document hashed as a stream, for tokens whose signer
    cannot be identified (no XAdES properties): their integrity can still be checked."""
    from signxml import XMLVerifier

    class StreamingXMLVerifier(XMLVerifier):  # type: ignore[misc]
        def _get_digest(self, data: Any, algorithm: Any) -> bytes:
            if isinstance(data, ExternalDocument):
                return bytes(data.digest_for(_DIGESTS[algorithm.value]))
            return bytes(super()._get_digest(data, algorithm))

    return StreamingXMLVerifier


def _verify_config(xades: bool, cert: x509.Certificate) -> Any:
    from signxml import DigestAlgorithm, SignatureConfiguration, SignatureMethod
    from signxml.xades import XAdESSignatureConfiguration

    configuration = XAdESSignatureConfiguration if xades else SignatureConfiguration
    return configuration(
        location="./",
        expect_references=True,
        signature_methods=frozenset(SignatureMethod(m) for m in _SIGNATURE_METHODS),
        digest_algorithms=frozenset(DigestAlgorithm(d) for d in _DIGESTS),
        # validity is pyhanko-certvalidator's business, at the validation time; signxml must not
        # turn an expired certificate into a cryptographic failure
        verification_time=cert.not_valid_before_utc,
    )


def _verify(
    data: bytes,
    structure: _Structure,
    document: _DocumentDigests,
    cert: x509.Certificate,
    *,
    xades: bool,
) -> list[Any]:
    """signxml's verification: signature value first, then each reference's digest."""
    from signxml.exceptions import (
        InvalidCertificate,
        InvalidDigest,
        InvalidInput,
        InvalidSignature,
        SignXMLException,
    )

    expected_uri = structure.document_reference.get("URI")

    def resolve(uri: str) -> ExternalDocument | None:
        if uri != expected_uri:
            return None
        return ExternalDocument.with_digest(document.digest)

    verifier = streaming_verifier_class()() if xades else _plain_verifier_class()()
    try:
        results = verifier.verify(
            data,
            x509_cert=cert,
            parser=_safe_parser(),
            uri_resolver=resolve,
            expect_config=_verify_config(xades, cert),
        )
    except InvalidDigest as exc:
        message = str(exc)
        match = re.match(r"Digest mismatch for reference (\d+)", message)
        if match is None:  # a certificate named by SigningCertificate is not in KeyInfo
            raise _Verdict(
                Indication.INDETERMINATE,
                SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                Check("signing certificate reference", False, message),
            ) from None
        reference = structure.references[int(match.group(1))]
        if reference is structure.document_reference:
            name = "document digest"
        elif reference is structure.signed_properties_reference:
            name = "signed properties"
        else:
            name = "signed references"
        raise _Verdict(
            Indication.TOTAL_FAILED,
            SubIndication.HASH_FAILURE,
            Check(name, False, f"the digest of {reference.get('URI')} does not match"),
        ) from None
    except InvalidCertificate as exc:
        raise _Verdict(
            Indication.INDETERMINATE,
            SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE,
            Check("signing certificate reference", False, str(exc)),
        ) from None
    except InvalidSignature as exc:
        raise _Verdict(
            Indication.TOTAL_FAILED,
            SubIndication.SIG_CRYPTO_FAILURE,
            Check("signature value", False, str(exc) or "the signature value does not verify"),
        ) from None
    except (InvalidInput, SignXMLException, etree.DocumentInvalid) as exc:
        raise _format_failure(str(exc)) from None
    except (etree.XMLSyntaxError, ValueError, TypeError) as exc:
        raise _format_failure(f"{type(exc).__name__}: {exc}") from None
    return list(results) if isinstance(results, list) else [results]


def _verify_without_identified_signer(
    data: bytes,
    structure: _Structure,
    document: _DocumentDigests,
    candidates: list[x509.Certificate],
    findings: _Findings,
    why: str,
) -> _Verdict:
    """EN 319 102-1 5.2.3: no signing certificate, INDETERMINATE. The integrity checks still run
    with the KeyInfo certificates, so that a modified token or document is reported as such."""
    method = structure.signature_method
    wanted: type = ec.EllipticCurvePublicKey if "ecdsa" in method else rsa.RSAPublicKey
    for cert in candidates:
        if not isinstance(cert.public_key(), wanted):
            continue
        try:
            results = _verify(data, structure, document, cert, xades=False)
        except _Verdict as verdict:
            if verdict.subindication is SubIndication.SIG_CRYPTO_FAILURE:
                continue  # not this certificate's key
            return verdict
        findings.checks.append(
            Check("signature value", True, "verified with the key of a KeyInfo certificate")
        )
        findings.certificate = certificate_info(cert)
        findings.signer = signer_identity(cert)
        if structure.signed_properties_reference is not None:
            findings.checks.append(Check("signed properties", True))
            verified = results[structure.references.index(structure.signed_properties_reference)]
            findings.signing_time = _signing_time(verified.signed_xml)
        break
    else:
        findings.checks.append(
            Check("signature value", None, "no certificate in KeyInfo verifies the signature")
        )
    return _Verdict(
        Indication.INDETERMINATE,
        SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
        Check("signing certificate reference", False, why),
    )


def _signing_time(signed_properties: Any) -> dt.datetime | None:
    if signed_properties is None:
        return None
    text = signed_properties.findtext(
        "xades:SignedSignatureProperties/xades:SigningTime", namespaces=_NS
    )
    if text is None:
        return None
    match = _DATETIME.match(text.strip())
    if match is None:
        raise _format_failure(f"SigningTime {text!r} is not a date and time")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz = dt.UTC
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        tz = dt.timezone(sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    try:
        value = dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError:
        raise _format_failure(f"SigningTime {text!r} is not a date and time") from None
    return value.astimezone(dt.UTC)


# --- the whole basic validation ---------------------------------------------------------------


def _validate_signature(
    data: bytes,
    signature: Any,
    document: _DocumentDigests,
    context: VerificationContext,
    findings: _Findings,
) -> tuple[Indication, SubIndication | None]:
    structure = _read_structure(signature)
    findings.level = structure.level
    findings.checks.append(Check("token format", True))
    if structure.has_timestamps:
        findings.checks.append(
            Check("timestamps", None, "present but not validated yet: the signing time is claimed")
        )
    _check_algorithms(structure)

    # the document first: a modified document is the first thing a buyer must learn
    reference = structure.document_reference
    expected = _b64(reference.findtext("ds:DigestValue", namespaces=_NS), "a DigestValue")
    algorithm = _DIGESTS[reference.find("ds:DigestMethod", _NS).get("Algorithm")]
    if document.digest(algorithm) != expected:
        raise _Verdict(
            Indication.TOTAL_FAILED,
            SubIndication.HASH_FAILURE,
            Check("document digest", False, "the document is not the one that was signed"),
        )
    findings.checks.append(Check("document digest", True, algorithm))
    named = unquote(reference.get("URI", ""))
    if document.path is not None and named != document.path.name:
        findings.checks.append(
            Check("document name", None, f"the signature names {named!r}; its content matches")
        )

    candidates = _keyinfo_certificates(signature)
    cert_reference = _cert_reference(structure.signed_properties)
    if cert_reference is None:
        raise _verify_without_identified_signer(
            data,
            structure,
            document,
            candidates,
            findings,
            "the signature has no signed SigningCertificateV2 property",
        )
    matching = [c for c in candidates if cert_reference.matches(c)]
    if not matching:
        raise _verify_without_identified_signer(
            data,
            structure,
            document,
            candidates,
            findings,
            "no KeyInfo certificate has the digest that SigningCertificateV2 gives",
        )
    cert = matching[0]
    if not _issuer_serial_matches(cert_reference, cert):
        raise _Verdict(
            Indication.INDETERMINATE,
            SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
            Check("signing certificate reference", False, "the issuer and serial do not match"),
        )

    results = _verify(data, structure, document, cert, xades=True)
    findings.checks.append(Check("signature value", True))
    # the values reported are read from what signxml verified, not from the parsed token
    index = structure.references.index(structure.signed_properties_reference)
    verified_properties = results[index].signed_xml
    signed_properties = structure.signed_properties
    expected_id = signed_properties.get("Id") if signed_properties is not None else None
    if (
        verified_properties is None
        or verified_properties.tag != f"{{{XADES}}}SignedProperties"
        or verified_properties.get("Id") != expected_id
    ):
        raise _format_failure("the verified SignedProperties is not the expected element")
    findings.checks.append(Check("signed properties", True))
    verified_reference = _cert_reference(verified_properties)
    if verified_reference is None or not verified_reference.matches(cert):
        raise _Verdict(
            Indication.INDETERMINATE,
            SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
            Check("signing certificate reference", False, "not in the signed properties"),
        )
    findings.checks.append(Check("signing certificate reference", True))
    findings.certificate = certificate_info(cert)
    findings.signer = signer_identity(cert)
    findings.signing_time = _signing_time(verified_properties)

    return _validate_certificate(cert, candidates, context, findings)


def _validate_certificate(
    cert: x509.Certificate,
    candidates: list[x509.Certificate],
    context: VerificationContext,
    findings: _Findings,
) -> tuple[Indication, SubIndication | None]:
    """Path, validity and revocation by pyhanko-certvalidator, mapped to EN 319 102-1."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation.generic_cms import validate_cert_usage

    signer = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    handlers = context.data_handlers()
    validation_context = context.spec.cert_validation_policy.build_validation_context(
        timing_info=context.settings.timing_info(), handlers=handlers
    )
    for other in candidates:
        validation_context.certificate_registry.register(
            asn1_x509.Certificate.load(other.public_bytes(serialization.Encoding.DER))
        )

    async def validate() -> Any:
        paths = validation_context.path_builder.async_build_paths_lazy(signer)
        return await validate_cert_usage(
            signer, validation_context, context.spec.key_usage_settings, paths
        )

    outcome = run_sync(validate())
    path = outcome.success_result or outcome.error_path
    if path is not None:
        findings.chain = [certificate_info(c) for c in reversed(list(path.iter_certs(True)))]
    if outcome.success_result is not None:
        findings.checks.append(Check("certificate chain", True, "leads to a trusted authority"))
        findings.revocation = RevocationInfo("good", _revocation_source(handlers, signer))
        findings.checks.append(
            Check("revocation", True, f"not revoked ({findings.revocation.source})")
        )
        return Indication.TOTAL_PASSED, None

    indication, subindication = from_pyhanko(outcome.error_subindic)
    if subindication is SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE and path is not None:
        subindication = run_sync(_refine(validation_context, path)) or subindication
    source = _revocation_source(handlers, signer)
    if subindication is SubIndication.REVOKED_NO_POE:
        details = outcome.revo_details
        when = details.revocation_date.astimezone(dt.UTC).isoformat() if details else "?"
        findings.revocation = RevocationInfo("revoked", source, f"revoked on {when}")
        findings.checks.append(Check("certificate chain", True, "leads to a trusted authority"))
        findings.checks.append(Check("revocation", False, f"revoked on {when}"))
    elif subindication is SubIndication.TRY_LATER:
        findings.revocation = RevocationInfo(
            "unknown", source, "no revocation information could be obtained"
        )
        findings.checks.append(Check("certificate chain", True, "leads to a trusted authority"))
        findings.checks.append(
            Check("revocation", None, "no revocation information could be obtained")
        )
    else:
        findings.revocation = RevocationInfo("not_checked", source)
        findings.checks.append(
            Check(
                "certificate chain",
                False,
                _CHAIN_DETAILS.get(subindication, "") if subindication else "",
            )
        )
    return indication, subindication


_CHAIN_DETAILS = {
    SubIndication.NO_CERTIFICATE_CHAIN_FOUND: "no path to a trusted authority",
    SubIndication.OUT_OF_BOUNDS_NO_POE: "the certificate is outside its validity period",
    SubIndication.REVOKED_CA_NO_POE: "a certificate authority of the chain is revoked",
    SubIndication.CHAIN_CONSTRAINTS_FAILURE: "a constraint of the chain is not met",
    SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE: "the chain does not validate",
    SubIndication.CRYPTO_CONSTRAINTS_FAILURE: "the chain uses a weak algorithm",
}


async def _refine(validation_context: Any, path: Any) -> SubIndication | None:
    """pyHanko reports missing revocation data, and a signing certificate not yet valid, as a
    general chain failure; EN 319 102-1 calls them TRY_LATER and OUT_OF_BOUNDS_NO_POE. Validating
    the path again (fetch results are cached: nothing is fetched twice) tells which it was."""
    from pyhanko_certvalidator.errors import (
        InsufficientRevinfoError,
        NotYetValidError,
        ValidationError,
    )
    from pyhanko_certvalidator.validate import async_validate_path

    try:
        await async_validate_path(validation_context, path)
    except InsufficientRevinfoError:
        return SubIndication.TRY_LATER
    except NotYetValidError as exc:
        if exc.is_ee_cert and not exc.is_side_validation:
            return SubIndication.OUT_OF_BOUNDS_NO_POE
        return None
    except ValidationError:
        return None
    return None


def _revocation_source(handlers: Any, cert: Any) -> str | None:
    """Where revocation data about ``cert`` came from: fetched OCSP or CRL, or local knowledge."""
    manager = handlers.revinfo_manager
    fetchers = getattr(manager, "_fetchers", None)
    if fetchers is not None:
        try:
            if list(fetchers.ocsp_fetcher.fetched_responses_for_cert(cert)):
                return "ocsp"
        except (KeyError, AttributeError):
            pass
        try:
            if list(fetchers.crl_fetcher.fetched_crls_for_cert(cert)):
                return "crl"
        except (KeyError, AttributeError):
            pass
    for container in getattr(manager, "_ocsps", ()):
        basic = container.ocsp_response_data.extract_basic_ocsp_response()
        if basic is None:
            continue
        responses = basic["tbs_response_data"]["responses"]
        if any(r["cert_id"]["serial_number"].native == cert.serial_number for r in responses):
            return "ocsp"
    for container in getattr(manager, "_crls", ()):
        if container.crl_data.issuer == cert.issuer:
            return "crl"
    return None
