"""XML signatures (XML-DSig, XAdES EN 319 132-1) checked by the basic signature validation of
EN 319 102-1, whatever tool made them.

The file may be a detached token (``<document> - Signature N.xml``: its root ds:Signature names
the document by a relative, percent-encoded URI), an ASiC signatures file (co-signatures under
``asic:XAdESSignatures``, their data objects given by ``resolve``), an XML document holding
enveloped signatures, or an enveloping signature holding its data in ds:Object elements. Every
signature, counter-signatures included, gets its own report (``signatures``). The building
blocks run in the standard's order:

- Format checking (5.2.2). The file is read whole only up to 20 MB, parsed without ever loading
  a DTD, expanding an entity or touching the network, and any DOCTYPE is refused before parsing:
  nothing outside the inputs is read. Every reference must designate what the report says was
  signed (``references``: unique Ids, an embedded object inside this signature, an enveloped
  reference over the whole document, a counter-signature over its signature's value), with
  transforms signxml applies faithfully; a single QualifyingProperties aimed at this signature
  holds its only SignedProperties, which the one reference of type SignedProperties designates.
  More than 32 references, or a large file with many (signxml copies it per reference), are not
  checked further (INDETERMINATE).
- Identification of the signing certificate (5.2.3): the KeyInfo certificate whose digest the
  SigningCertificateV2 (or legacy SigningCertificate) property gives; after the cryptographic
  verification, the same reference is read again from the verified SignedProperties. A plain
  XML-DSig signature (no XAdES properties) is checked as EU DSS does: the KeyInfo certificate
  whose key verifies it, then INDETERMINATE SIG_CONSTRAINTS_FAILURE (not AdES) if all else passes.
- Cryptographic verification (5.2.7): every external file's digest first (streamed, never
  loaded whole: a missing one is SIGNED_DATA_NOT_FOUND), then signxml's verifier on this very
  signature (located by position): the signature value, then the digest of every reference.
- X.509 certificate validation (5.2.6) by pyhanko-certvalidator: a path to a trust anchor,
  validity at the validation time, revocation (fetched, unless the settings are offline); mapped
  to EN 319 102-1 as for every format, by ``certificate_path``.

A TOTAL_FAILED found by the cryptographic checks (HASH_FAILURE, SIG_CRYPTO_FAILURE) is final and
wins over an INDETERMINATE of the certificate checks: a forged signature is reported as forged even
when its signer cannot be identified (EN 319 102-1, 5.3.4 lets a failed cryptographic verification
decide the result). Values in the report (signing time, signer) come only from verified content.
- Validation with time (5.5): each SignatureTimeStamp is validated (``xades.timestamps``) and the
  proof of existence it gives applied to the verdict, by the rule every format shares
  (``validation.timestamps``). Each XAdES 1.4.1 ArchiveTimeStamp (B-LTA) of a token over one
  document is validated over its input (``xades.archive``) and reported; it does not change the
  verdict yet. The timestamps are reported on a HASH_FAILURE too. Embedded validation data (B-LT
  and above) is detected for the level, not used yet.

The building blocks live in the ``xades`` package (reading, signatures, references, structure,
signing_certificate, crypto); this module runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ...files.name_bytes import file_name_in_uri
from ...signing.xades_archive import archive_timestamp_elements
from ...text.translatable import N_, Worded
from ...xades_names import NS, XADES
from ..certificate_path import validate_certificate
from ..context import VerificationContext
from ..describe import certificate_info, signer_identity
from ..failures import MUST_PROPAGATE, cannot_process, one_line
from ..indications import Indication, SubIndication
from ..report import (
    Check,
    Container,
    Packaging,
    SignatureReport,
    SignedObject,
    TimestampKind,
    TimestampReport,
)
from ..timestamps import earliest_proof
from .algorithms import algorithm_judge
from .archive import archive_timestamps
from .crypto import signing_time, verify, verify_without_identified_signer
from .reading import MAX_TOKEN_BYTES as MAX_TOKEN_BYTES  # re-exported: the public limit
from .reading import parse_any, read_token
from .references import FILE, elements_by_id, partial_scope, unsigned_objects
from .signatures import FoundSignature, signatures_in
from .signing_certificate import (
    issuer_serial_matches,
    keyinfo_certificates,
    read_cert_reference,
)
from .structure import (
    DIGESTS,
    MAX_COPIED_BYTES,
    MAX_REFERENCES,
    DocumentDigests,
    Structure,
    b64,
    check_algorithms,
    read_structure,
)
from .timestamps import signature_timestamps
from .verdicts import Findings, Verdict, format_failure

Resolver = Callable[[str], Path | None]
"""Maps an external reference's URI, exactly as the signature writes it, to the file it
designates (None: not found)."""


def validate_xades(
    token_path: Path,
    document_path: Path | None,
    context: VerificationContext,
    *,
    resolve: Resolver | None = None,
    container: Container | None = None,
) -> list[SignatureReport]:
    """One report per ds:Signature of the file (counter-signatures included); bad input
    becomes a verdict.

    ``token_path`` is a detached token, an ASiC ``asic:XAdESSignatures`` file or an XML
    document holding enveloped or enveloping signatures. Without ``resolve``, the one external
    reference of a token is ``document_path`` (Atexo pairing: its name may differ, its content
    decides); with it, each external reference is the file ``resolve`` gives. ``container``
    says which ASiC container the file was found in."""
    token_path = Path(token_path)
    document_path = Path(document_path) if document_path is not None else None
    try:
        data = read_token(token_path)
        root = parse_any(data)
        found = signatures_in(root)
    except Verdict as verdict:
        findings = Findings(checks=[verdict.check] if verdict.check else [], container=container)
        return [
            findings.report(token_path, document_path, verdict.indication, verdict.subindication)
        ]
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # a verdict, never a crash, whatever the input
        findings = Findings(
            checks=[
                Check(
                    N_("token format"),
                    None,
                    Worded(N_("could not be read ({error})"), error=one_line(exc)),
                )
            ],
            container=container,
        )
        return [findings.report(token_path, document_path, *cannot_process(exc))]

    files = _Files(document_path, resolve, context)
    too_large = _beyond_budget(len(data), found)
    by_id: dict[str, list[Any]] | None = None
    reports = []
    indication: Indication
    subindication: SubIndication | None
    for item in found:
        findings = Findings(signature_id=item.element.get("Id"), container=container)
        if item.countersigned is not None:
            findings.counter_signature_of = item.countersigned.get("Id")
        try:
            if item.refused is not None:
                raise format_failure(item.refused, indeterminate=item.refused_indeterminate)
            if by_id is None:
                by_id = elements_by_id(root)
            indication, subindication = _validate_signature(
                data, item, files, context, findings, by_id, too_large
            )
        except Verdict as verdict:
            if verdict.check is not None:
                findings.checks.append(verdict.check)
            indication, subindication = verdict.indication, verdict.subindication
        except MUST_PROPAGATE:
            raise  # the user stopped the run (or memory ran out): no verdict at all
        except Exception as exc:  # a verdict, never a crash, whatever the input
            findings.checks.append(
                Check(
                    N_("validation"),
                    None,
                    Worded(N_("could not be processed ({error})"), error=one_line(exc)),
                )
            )
            indication, subindication = cannot_process(exc)
        shown = _document_shown(findings, token_path, document_path, files)
        reports.append(findings.report(token_path, shown, indication, subindication))
    return reports


def _beyond_budget(size: int, found: list[FoundSignature]) -> str | None:
    """Why the file is not checked, when signxml's copies of it would cost too much: it copies
    the whole file for each reference it checks (and once per signature)."""
    counts = [len(item.element.findall("ds:SignedInfo/ds:Reference", NS)) for item in found]
    # a signature with more references than are checked is refused before any copy
    copies = sum(count + 1 for count in counts if count <= MAX_REFERENCES)
    if size * copies <= MAX_COPIED_BYTES:
        return None
    megabytes = f"{size / (1 << 20):.1f}"
    return Worded(
        N_("{copies} copies of a file of {megabytes} MB to check its references: too large"),
        copies=copies,
        megabytes=megabytes,
    )


def _document_shown(
    findings: Findings, token_path: Path, document_path: Path | None, files: _Files
) -> Path | None:
    """The signed document as the report names it: the XML file itself for an enveloped
    signature, none for an enveloping one, else the document given (or the one file resolved)."""
    if findings.packaging is Packaging.ENVELOPED:
        return token_path
    if findings.packaging is Packaging.ENVELOPING and not any(
        o.kind == FILE for o in findings.signed_objects
    ):
        return None
    if document_path is None and len(files.resolved) == 1:
        return files.resolved[0]
    return document_path


class _Files:
    """The files that external references designate, each hashed once (as a stream) for every
    signature of the file that references it (co-signatures of one document)."""

    def __init__(
        self, document_path: Path | None, resolve: Resolver | None, context: VerificationContext
    ) -> None:
        self._document_path = document_path
        self._resolve = resolve
        self._context = context
        self._digests: dict[Path | None, DocumentDigests] = {}
        self.resolved: list[Path] = []
        self.resolving = resolve is not None
        """Files are found by the caller's resolver (an ASiC's), not paired with a token."""

    def digests(self, path: Path | None) -> DocumentDigests:
        if path not in self._digests:
            self._digests[path] = DocumentDigests(path, self._context.check_cancelled)
            if path is not None and path not in self.resolved:
                self.resolved.append(path)
        return self._digests[path]

    def for_references(self, structure: Structure) -> dict[str, DocumentDigests | None]:
        """Each external URI of ``structure`` and the file it designates (None: not found)."""
        uris = [t.uri for t in structure.files]
        if self._resolve is not None:
            found: dict[str, DocumentDigests | None] = {}
            for uri in uris:
                path = self._resolve(uri)
                found[uri] = self.digests(Path(path)) if path is not None else None
            return found
        if len(uris) == 1:  # a token and the document paired with it
            return {uris[0]: self.digests(self._document_path)}
        named = self._document_path.name if self._document_path is not None else None
        return {
            uri: self.digests(self._document_path) if file_name_in_uri(uri) == named else None
            for uri in uris
        }


# --- the whole basic validation ---------------------------------------------------------------


def _validate_signature(
    data: bytes,
    item: FoundSignature,
    files: _Files,
    context: VerificationContext,
    findings: Findings,
    by_id: dict[str, list[Any]],
    too_large: str | None,
) -> tuple[Indication, SubIndication | None]:
    """The format check, then (unless the file is too large for signxml's copies: ``too_large``
    says why) the whole basic validation."""
    signature = item.element
    structure = read_structure(signature, by_id)
    if item.countersigned is not None:
        _check_countersigns(structure, item.countersigned)
    findings.level = structure.level
    findings.packaging = structure.packaging
    findings.ades = structure.signed_properties is not None
    matched: dict[int, bool | None] = {}
    findings.signed_objects = _signed_objects(structure, matched)
    findings.checks.append(Check(N_("token format"), True))
    check_algorithms(structure)
    if too_large:
        raise format_failure(too_large, indeterminate=True)
    try:
        return _validate_structure(data, signature, structure, files, context, findings, matched)
    finally:
        findings.signed_objects = _signed_objects(structure, matched)


def _validate_structure(
    data: bytes,
    signature: Any,
    structure: Structure,
    files: _Files,
    context: VerificationContext,
    findings: Findings,
    matched: dict[int, bool | None],
) -> tuple[Indication, SubIndication | None]:

    # the documents first: a modified document is the first thing a buyer must learn
    documents = files.for_references(structure)
    _check_documents(structure, documents, files, signature, context, findings, matched)
    present = {uri: d for uri, d in documents.items() if d is not None}
    single = structure.document_reference
    document = present.get(single.get("URI")) if single is not None else None

    candidates = keyinfo_certificates(signature)
    if structure.signed_properties is None and structure.qualifying_properties is None:
        return _plain_xml_dsig(
            data, signature, structure, present, candidates, context, findings, matched
        )
    cert_reference = read_cert_reference(structure.signed_properties)
    if cert_reference is None:
        verify_without_identified_signer(
            data, signature, structure, present, candidates, findings, matched
        )
        raise _no_signing_certificate(
            N_("the signature has no signed SigningCertificateV2 property")
        )
    matching = [c for c in candidates if cert_reference.matches(c)]
    if not matching:
        verify_without_identified_signer(
            data, signature, structure, present, candidates, findings, matched
        )
        raise _no_signing_certificate(
            N_("no KeyInfo certificate has the digest that SigningCertificateV2 gives")
        )
    cert = matching[0]
    if not issuer_serial_matches(cert_reference, cert):
        raise _no_signing_certificate(N_("the issuer and serial do not match"))

    results = verify(data, signature, structure, present, cert, xades=True, objects=matched)
    findings.checks.append(Check(N_("signature value"), True))
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
        raise format_failure(N_("the verified SignedProperties is not the expected element"))
    findings.checks.append(Check(N_("signed properties"), True))
    verified_reference = read_cert_reference(verified_properties)
    if verified_reference is None or not verified_reference.matches(cert):
        raise _no_signing_certificate(N_("not in the signed properties"))
    findings.checks.append(Check(N_("signing certificate reference"), True))
    findings.certificate = certificate_info(cert)
    findings.signer = signer_identity(cert)
    findings.signing_time = signing_time(verified_properties)
    _check_scope(signature, structure, findings)

    context = _with_embedded(structure, context)
    outcome = validate_certificate(cert, candidates, context)
    findings.chain = outcome.chain
    findings.revocation = outcome.revocation
    findings.checks.extend(outcome.checks)
    findings.judge_algorithms = algorithm_judge(structure, cert, outcome.chain, context)
    findings.timestamps = _timestamps(structure, signature, document, context)
    findings.check_at = lambda at: validate_certificate(cert, candidates, context, at)
    return _partial(structure, findings, outcome.indication, outcome.subindication)


def _check_documents(
    structure: Structure,
    documents: dict[str, DocumentDigests | None],
    files: _Files,
    signature: Any,
    context: VerificationContext,
    findings: Findings,
    matched: dict[int, bool | None],
) -> None:
    """Every external reference's digest against its file (streamed): a changed file is a
    HASH_FAILURE whatever else is missing; a file not found, SIGNED_DATA_NOT_FOUND."""
    missing = []
    for index, target in enumerate(structure.targets):
        if target.kind != FILE:
            continue
        document = documents.get(target.uri)
        if document is None:
            missing.append(target.name)
            continue
        reference = target.reference
        expected = b64(
            reference.findtext("ds:DigestValue", namespaces=NS), Worded(N_("a DigestValue"))
        )
        algorithm = DIGESTS[reference.find("ds:DigestMethod", NS).get("Algorithm")]
        if document.digest(algorithm) != expected:
            matched[index] = False
            if structure.document_reference is not None:
                # the timestamps are reported too: an archive timestamp also says it differs
                embedded = _with_embedded(structure, context)
                findings.timestamps = _timestamps(structure, signature, document, embedded)
                detail = N_("the document is not the one that was signed")
            else:
                detail = Worded(N_("{file} is not the file that was signed"), file=target.name)
            raise Verdict(
                Indication.TOTAL_FAILED,
                SubIndication.HASH_FAILURE,
                Check(N_("document digest"), False, detail),
            )
        matched[index] = True
        single = structure.document_reference is not None
        findings.checks.append(
            Check(
                N_("document digest"),
                True,
                algorithm if single else f"{target.name} ({algorithm})",
            )
        )
        path = document.path
        paired = single and not files.resolving  # a token paired by name (or content) with it
        if paired and path is not None and file_name_in_uri(target.uri) != path.name:
            findings.checks.append(
                Check(
                    N_("document name"),
                    None,
                    Worded(
                        N_("the signature names {name}; its content matches"),
                        name=repr(unquote(target.uri)),
                    ),
                )
            )
    if missing:
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.SIGNED_DATA_NOT_FOUND,
            Check(
                N_("document digest"),
                None,
                Worded(N_("not found: {files}"), files=", ".join(repr(m) for m in missing)),
            ),
        )


def _check_countersigns(structure: Structure, countersigned: Any) -> None:
    """A counter-signature signs the ds:SignatureValue of the signature it sits in (EN 319 132-1
    5.2.7); one that does not is not what its place says it is."""
    value = countersigned.find("ds:SignatureValue", NS)
    if value is None or not any(t.element is value for t in structure.targets):
        raise format_failure(
            N_("the counter-signature does not sign the SignatureValue of the signature it is in")
        )


def _plain_xml_dsig(
    data: bytes,
    signature: Any,
    structure: Structure,
    present: dict[str, DocumentDigests],
    candidates: list[Any],
    context: VerificationContext,
    findings: Findings,
    matched: dict[int, bool | None],
) -> tuple[Indication, SubIndication | None]:
    """A plain XML-DSig signature (no XAdES properties): checked as EU DSS does under its
    default policy. The signing certificate is the KeyInfo certificate whose key verifies the
    signature value (DSS's identification of a candidate, EN 319 102-1 5.2.3); the signature
    value, every reference and that certificate's path are checked, and a failure there decides
    (a forged signature is TOTAL_FAILED, an untrusted or revoked signer INDETERMINATE). When all
    pass, the signature is still not an AdES one: nothing signed binds the signer's certificate
    to it (DSS's signature acceptance check "signing certificate attribute present", level FAIL
    in its default policy: INDETERMINATE SIG_CONSTRAINTS_FAILURE)."""
    findings.checks.append(
        Check(
            N_("AdES signature"),
            False,
            N_(
                "a plain XML signature: no signed property binds the signer's certificate to it"
                " (not an AdES signature)"
            ),
        )
    )
    cert = verify_without_identified_signer(
        data, signature, structure, present, candidates, findings, matched
    )
    if cert is None:
        raise _no_signing_certificate(N_("no KeyInfo certificate verifies the signature"))
    _check_scope(signature, structure, findings)
    outcome = validate_certificate(cert, candidates, context)
    findings.chain = outcome.chain
    findings.revocation = outcome.revocation
    findings.checks.extend(outcome.checks)
    findings.judge_algorithms = algorithm_judge(structure, cert, outcome.chain, context)
    indication, subindication = _partial(
        structure, findings, outcome.indication, outcome.subindication
    )
    if indication is not Indication.TOTAL_PASSED:
        return indication, subindication
    return Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE


def _check_scope(signature: Any, structure: Structure, findings: Findings) -> None:
    """After the cryptographic checks: content in the signature that nothing signs (an extra
    ds:Object a reader could take for the signed data) leaves the verdict open."""
    extra = unsigned_objects(signature, structure.targets)
    if extra:
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.FORMAT_FAILURE,
            Check(
                N_("signed data"),
                False,
                N_("the signature holds a ds:Object that no reference covers"),
            ),
        )


def _partial(
    structure: Structure,
    findings: Findings,
    indication: Indication,
    subindication: SubIndication | None,
) -> tuple[Indication, SubIndication | None]:
    """An XML document holding the signature, of which only some elements are signed: the
    document is not what was signed, those elements are (listed in ``signed_objects``)."""
    partial = partial_scope(structure.targets)
    if not partial or indication is not Indication.TOTAL_PASSED:
        return indication, subindication
    findings.checks.append(
        Check(
            N_("whole document signed"),
            False,
            Worded(
                N_("only {elements} of the document is signed"),
                elements=", ".join(t.name for t in partial),
            ),
        )
    )
    return Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE


def _no_signing_certificate(why: str) -> Verdict:
    return Verdict(
        Indication.INDETERMINATE,
        SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
        Check(N_("signing certificate reference"), False, why),
    )


def _signed_objects(structure: Structure, matched: dict[int, bool | None]) -> list[SignedObject]:
    return [
        SignedObject(target.name, target.kind, matched.get(index))
        for index, target in enumerate(structure.targets)
    ]


def _with_embedded(structure: Structure, context: VerificationContext) -> VerificationContext:
    from ...validation_data.embedded import from_xades

    if structure.signed_properties is None:
        return context
    return context.with_embedded(from_xades(structure.signed_properties.getparent()))


def _timestamps(
    structure: Structure,
    signature: Any,
    document: DocumentDigests | None,
    context: VerificationContext,
) -> list[TimestampReport] | None:
    """The signature timestamps (B-T) then the archive timestamps (B-LTA), each validated with
    the validation data the signature carries (``context``: ``_with_embedded``). Archive
    timestamps are computed for a token over one document only (their input rule covers every
    reference: other shapes are reported, not checked yet)."""
    if structure.signed_properties is None:
        return None
    if document is not None:
        archives = archive_timestamps(signature, document, context)
    else:
        archives = [
            TimestampReport(
                TimestampKind.ARCHIVE,
                Indication.INDETERMINATE,
                SubIndication.FORMAT_FAILURE,
                detail=N_("not checked for a signature of this shape"),
            )
            for _ in archive_timestamp_elements(signature)
        ]
    proven_by = earliest_proof(archives)
    return [
        *signature_timestamps(structure.signed_properties, signature, context, proven_by),
        *archives,
    ]
