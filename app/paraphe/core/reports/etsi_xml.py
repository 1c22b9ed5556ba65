"""The ETSI TS 119 102-2 validation report (XML) of a verification, for XAdES, CAdES and PAdES.

Built with lxml from Paraphe's own ``ValidationReport`` rather than with pyHanko: pyHanko's
incubating ``report.tools.generate_report`` needs a PDF signature and pyHanko's AdES result
objects (Paraphe validates XAdES itself), and its generated model classes target the
``http://uri.etsi.org/19102/v1.2.1#`` namespace, while the schema shipped here is v1.4.1. What
pyHanko does define is reused: the validation object types and identifiers, the proof-of-existence
types and the digest algorithm URIs; the indications' URNs are Paraphe's (``indications``), the
same as pyHanko's and DSS's.

The report states only what Paraphe knows: no signature value digest, no signed document digest
(optional in the schema), no SignatureQuality (the qualification's labels, QESig, AdESig-QC...,
have no URI we could confirm in TS 119 172-4: better absent than made up), and timestamps without their token bytes, which the report does not
keep. ``validate`` checks a report against the schema with the local copies of every schema it
imports (``paraphe.resources.schemas``), never the network.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
import threading
from importlib import resources
from typing import Any

from lxml import etree

from ..validation.indications import SubIndication
from ..validation.report import (
    CertificateInfo,
    RevocationStatus,
    SignatureReport,
    TimestampKind,
    TimestampReport,
    ValidationReport,
)
from ..xades_names import DS, XADES

VR = "http://uri.etsi.org/19102/v1.4.1#"
"""The namespace of TS 119 102-2 V1.4.1, the version of ``1910202xmlSchema.xsd``."""
TSL = "http://uri.etsi.org/02231/v2#"
NSMAP = {"vr": VR, "ds": DS, "XAdES": XADES, "tsl": TSL}

VALIDATION_PROCESS = "urn:etsi:019102:validationprocess:"
"""EN 319 102-1's processes (clauses 5.3, 5.5, 5.6) as TS 119 102-2 and pyHanko name them:
``Basic``, ``LTVM`` (with time), ``LTA`` (long-term availability and integrity)."""

SCHEMA = "1910202xmlSchema.xsd"
SCHEMA_PACKAGE = "paraphe.resources.schemas"
LOCAL_SCHEMAS = {
    "xmldsig-core-schema.xsd": "xmldsig-core-schema.xsd",
    "XAdES.xsd": "XAdES01903v132-202407.xsd",
    "XAdES01903v132-201601.xsd": "XAdES01903v132-202407.xsd",
    "1913201-XAdES01903v132.xsd": "XAdES01903v132-202407.xsd",
    "ts_119612v020201_201601xsd.xsd": "ts_119612v020401_xsd.xsd",
    "19612_xsd.xsd": "ts_119612v020401_xsd.xsd",
    "xml.xsd": "xml.xsd",
}
"""The last part of each ``schemaLocation`` the schemas import, and the local copy it means (the
XAdES 1.3.2 and TS 119 612 namespaces are unchanged across the versions named)."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry (C0 controls, lone surrogates from undecodable names...)."""


class NoSignatureToReport(ValueError):
    """The schema wants at least one SignatureValidationReport: a report without any signature
    has no TS 119 102-2 form."""


def etsi_validation_report(report: ValidationReport, *, version: str) -> bytes:
    """The TS 119 102-2 ``ValidationReport`` of every signature in ``report``, as UTF-8 XML with
    its declaration; ``version`` is Paraphe's, named as the validator.

    Raises ``NoSignatureToReport`` when ``report`` holds no signature."""
    signatures = report.all_signatures()
    if not signatures:
        raise NoSignatureToReport("no signature to report on")
    objects = _Objects()
    root = etree.Element(_vr("ValidationReport"), nsmap=NSMAP)
    for number, signature in enumerate(signatures, start=1):
        root.append(_signature_report(signature, number, report.validation_time, objects))
    if objects.elements:
        listed = _sub(root, "SignatureValidationObjects")
        listed.extend(objects.elements.values())
    validator = _sub(root, "SignatureValidator")
    digital_id = _sub(validator, "DigitalId")
    etree.SubElement(digital_id, f"{{{TSL}}}Other").text = _text(f"Paraphe {version}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def validate(xml: bytes) -> list[str]:
    """The schema errors of a TS 119 102-2 report (empty when it is valid), or why it is not XML."""
    try:
        document = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as error:
        return [str(error)]
    schema = _schema()
    with _SCHEMA_LOCK:  # the error log belongs to the schema object
        if schema.validate(document):
            return []
        return [f"line {e.line}: {e.message}" for e in schema.error_log]


class _Objects:
    """The validation objects the signatures refer to, each once (a CA shared by two
    signatures is one object), in the order first met."""

    def __init__(self) -> None:
        self.elements: dict[str, etree._Element] = {}

    def certificate(self, certificate: CertificateInfo) -> str:
        from pyhanko_certvalidator.ltv.poe import ValidationObjectType

        identifier = _certificate_id(certificate)
        if identifier not in self.elements:
            element = self._object(identifier, ValidationObjectType.CERTIFICATE.urn())
            representation = _sub(element, "ValidationObjectRepresentation")
            if certificate.der:
                _sub(representation, "base64", base64.b64encode(certificate.der).decode("ascii"))
            else:
                _digest(_sub(representation, "DigestAlgAndValue"), certificate.sha256)
        return identifier

    def timestamp(self, stamp: TimestampReport, identifier: str) -> str:
        """A timestamp with its own verdict; its token is not in the report, so it is
        represented by an empty ``direct`` element."""
        from pyhanko_certvalidator.ltv.poe import ValidationObjectType

        element = self._object(identifier, ValidationObjectType.TIMESTAMP.urn())
        _sub(_sub(element, "ValidationObjectRepresentation"), "direct")
        nested = _sub(element, "ValidationReport")
        _status(nested, stamp.indication.urn, stamp.subindication)
        if stamp.tsa:
            _sub(nested, "OtherInformation", f"TSA: {stamp.tsa}")
        return identifier

    def _object(self, identifier: str, object_type: str) -> etree._Element:
        element = etree.Element(_vr("ValidationObject"), id=identifier)
        _sub(element, "ObjectType", object_type)
        self.elements[identifier] = element
        return element


def _signature_report(
    signature: SignatureReport, number: int, validation_time: dt.datetime, objects: _Objects
) -> etree._Element:
    """One SignatureValidationReport, its children in the schema's order."""
    from pyhanko_certvalidator.ltv.poe import POEType

    report = etree.Element(_vr("SignatureValidationReport"))
    identifier = _sub(report, "SignatureIdentifier", id=f"sig-{number}")
    _sub(identifier, "HashOnly", "false")
    _sub(identifier, "DocHashOnly", "false")
    if signature.signature_id:
        _sub(identifier, "DAIdentifier", signature.signature_id)

    stamps = {
        f"vo-timestamp-{number}-{index}": stamp
        for index, stamp in enumerate(signature.timestamps, start=1)
    }
    for stamp_id, stamp in stamps.items():
        objects.timestamp(stamp, stamp_id)

    times = _sub(report, "ValidationTimeInfo")
    _sub(times, "ValidationTime", _datetime(validation_time))
    best = _sub(times, "BestSignatureTime")
    _sub(best, "POETime", _datetime(signature.timestamp_time or validation_time))
    _sub(best, "TypeOfProof", POEType.VALIDATION.urn)
    proof = _proving_stamp(signature, stamps)
    if proof:
        _sub(best, "POEObject", VOReference=proof)

    signer_id = objects.certificate(signature.certificate) if signature.certificate else None
    _attributes(report, signature, stamps, signer_id)
    if signer_id:
        information = _sub(report, "SignerInformation")
        _sub(information, "SignerCertificate", VOReference=signer_id)
        if signature.signer:
            _sub(information, "Signer", signature.signer.name)

    process = _sub(report, "SignatureValidationProcess")
    _sub(process, "SignatureValidationProcessID", VALIDATION_PROCESS + _process(signature))
    status = _status(report, signature.indication.urn, signature.subindication)
    if signer_id:
        _report_data(status, signature, signer_id, objects)
    return report


def _attributes(
    report: etree._Element,
    signature: SignatureReport,
    stamps: dict[str, TimestampReport],
    signer_id: str | None,
) -> None:
    """SignatureAttributes: the claimed signing time and the timestamps with the time they
    state (the element needs at least one child: left out when there is none)."""
    attributes = etree.Element(_vr("SignatureAttributes"))
    if signature.signing_time:
        claimed = _sub(attributes, "SigningTime", Signed="true")
        _sub(claimed, "Time", _datetime(signature.signing_time))
    names = {
        TimestampKind.SIGNATURE: "SignatureTimeStamp",
        TimestampKind.ARCHIVE: "ArchiveTimeStamp",
        TimestampKind.DOCUMENT: "DocTimeStamp",
    }
    for stamp_id, stamp in stamps.items():
        if stamp.time is None:
            continue  # TimeStampValue is mandatory: a token whose signature fails has no time
        attribute = _sub(attributes, names[stamp.kind], Signed="false")
        _sub(attribute, "AttributeObject", VOReference=stamp_id)
        _sub(attribute, "TimeStampValue", _datetime(stamp.time))
    if len(attributes):
        report.append(attributes)


def _status(
    parent: etree._Element, main: str, subindication: SubIndication | None
) -> etree._Element:
    status = _sub(parent, "SignatureValidationStatus")
    _sub(status, "MainIndication", main)
    if subindication is not None:
        _sub(status, "SubIndication", subindication.urn)
    return status


def _report_data(
    status: etree._Element, signature: SignatureReport, signer_id: str, objects: _Objects
) -> None:
    """The chain that was built (signer, intermediates, trust anchor) and the signer's
    revocation time, when known."""
    chain = _anchor_first(signature)
    revocation = signature.revocation
    revoked_at = (
        revocation.revoked_at
        if revocation and revocation.status is RevocationStatus.REVOKED
        else None
    )
    if not chain and revoked_at is None:
        return
    data = _sub(status, "AssociatedValidationReportData")
    if chain:
        listed = _sub(data, "CertificateChain")
        _sub(listed, "SigningCertificate", VOReference=signer_id)
        for intermediate in chain[1:]:
            _sub(listed, "IntermediateCertificate", VOReference=objects.certificate(intermediate))
        _sub(listed, "TrustAnchor", VOReference=objects.certificate(chain[0]))
    if revoked_at is not None:
        revoked = _sub(data, "RevocationStatusInformation")
        _sub(revoked, "ValidationObjectId", VOReference=signer_id)
        _sub(revoked, "RevocationTime", _datetime(revoked_at))


def _anchor_first(signature: SignatureReport) -> list[CertificateInfo]:
    """The chain's CAs, trust anchor first, without the signer: the validators list the path
    either way round (CMS: anchor first; XAdES: signer first), so the signer's end is found by
    its fingerprint. Empty when no path to a trust anchor was built."""
    chain = list(signature.chain)
    signer = signature.certificate
    if not chain or signer is None:
        return []
    if chain[0].sha256 == signer.sha256:
        chain.reverse()
    if chain[-1].sha256 == signer.sha256:
        chain.pop()
    return chain


def _proving_stamp(signature: SignatureReport, stamps: dict[str, TimestampReport]) -> str | None:
    """The timestamp that gives the best signature time, if one does."""
    if signature.timestamp_time is None:
        return None
    for stamp_id, stamp in stamps.items():
        if stamp.time == signature.timestamp_time:
            return stamp_id
    return None


def _process(signature: SignatureReport) -> str:
    """The EN 319 102-1 process that fits what was validated: LTA with an archive or document
    timestamp, with time (LTVM) with a signature timestamp, Basic otherwise."""
    kinds = {stamp.kind for stamp in signature.timestamps}
    if kinds & {TimestampKind.ARCHIVE, TimestampKind.DOCUMENT}:
        return "LTA"
    if TimestampKind.SIGNATURE in kinds:
        return "LTVM"
    return "Basic"


def _certificate_id(certificate: CertificateInfo) -> str:
    """pyHanko's identifier for the certificate (``vo-certificate-<sha256>``), so that reports of
    both name the same certificate the same way."""
    if not certificate.der:
        return f"vo-certificate-{certificate.sha256}"
    from asn1crypto import x509
    from pyhanko.sign.validation.ades import derive_validation_object_identifier
    from pyhanko_certvalidator.ltv.poe import ValidationObject, ValidationObjectType

    identifier = derive_validation_object_identifier(
        ValidationObject(ValidationObjectType.CERTIFICATE, x509.Certificate.load(certificate.der))
    )
    assert identifier is not None  # always given for a certificate
    return identifier


def _digest(parent: etree._Element, sha256_hex: str) -> None:
    from pyhanko.sign.validation.report.tools import DIGEST_ALGO_URIS

    etree.SubElement(parent, f"{{{DS}}}DigestMethod", Algorithm=DIGEST_ALGO_URIS["sha256"])
    value = base64.b64encode(bytes.fromhex(sha256_hex)).decode("ascii")
    etree.SubElement(parent, f"{{{DS}}}DigestValue").text = value


def _vr(name: str) -> str:
    return f"{{{VR}}}{name}"


def _sub(
    parent: etree._Element, name: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, _vr(name), attributes)
    if text is not None:
        element.text = _text(text)
    return element


def _text(text: str) -> str:
    """``text`` with what XML cannot hold replaced by U+FFFD (a name read from a certificate may
    contain anything)."""
    return _NOT_XML.sub("\ufffd", text)


def _datetime(moment: dt.datetime) -> str:
    """xs:dateTime in UTC; a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


# --- the schema ---------------------------------------------------------------------------


class _LocalSchemas(etree.Resolver):
    """Every ``schemaLocation`` the TS 119 102-2 schema reaches, answered from the local
    copies; anything else is refused rather than fetched."""

    def resolve(self, system_url: str | None, public_id: str | None, context: Any) -> Any:
        name = (system_url or "").rsplit("/", 1)[-1]
        local = LOCAL_SCHEMAS.get(name, name)
        folder = resources.files(SCHEMA_PACKAGE)
        if not local.endswith(".xsd") or not (folder / local).is_file():
            raise LookupError(f"no local copy of the schema {system_url}")
        return self.resolve_string((folder / local).read_bytes(), context, base_url=local)


_SCHEMA_LOCK = threading.Lock()


@functools.cache
def _schema() -> etree.XMLSchema:
    """The TS 119 102-2 schema, loaded once."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalSchemas())
    text = (resources.files(SCHEMA_PACKAGE) / SCHEMA).read_bytes()
    return etree.XMLSchema(etree.fromstring(text, parser, base_url=SCHEMA))
