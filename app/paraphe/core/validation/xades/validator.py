"""Detached XAdES tokens (EN 319 132-1) checked by the basic signature validation of EN 319 102-1.

A token ``<document> - Signature N.xml`` is one ds:Signature whose external reference names the
document by a relative, percent-encoded URI. The building blocks run in the standard's order:

- Format checking (5.2.2). The token is read whole only up to 20 MB, parsed without ever loading a
  DTD, expanding an entity or touching the network, and any DOCTYPE is refused before parsing:
  nothing outside the two inputs is read. The structure must leave no room for signature wrapping:
  one external reference (the document, never dereferenced: the caller's file is hashed), a single
  QualifyingProperties aimed at this signature and holding the token's only SignedProperties, which
  the one reference of type SignedProperties designates by an Id that no other element carries;
  more than 32 references (a detached token holds 3) are not checked further (INDETERMINATE).
  A nested ds:Signature (counter-signatures included, not supported yet) fails the format check.
- Identification of the signing certificate (5.2.3): the KeyInfo certificate whose digest the
  SigningCertificateV2 (or legacy SigningCertificate) property gives; after the cryptographic
  verification, the same reference is read again from the verified SignedProperties.
- Cryptographic verification (5.2.7): the document's digest first (streamed, never loaded whole),
  then signxml's XAdES verifier: the signature value, then the digest of every reference.
- X.509 certificate validation (5.2.6) by pyhanko-certvalidator: a path to a trust anchor,
  validity at the validation time, revocation (fetched, unless the settings are offline); mapped
  to EN 319 102-1 as for every format, by ``certificate_path``.

A TOTAL_FAILED found by the cryptographic checks (HASH_FAILURE, SIG_CRYPTO_FAILURE) is final and
wins over an INDETERMINATE of the certificate checks: a forged signature is reported as forged even
when its signer cannot be identified (EN 319 102-1, 5.3.4 lets a failed cryptographic verification
decide the result). Values in the report (signing time, signer) come only from verified content.
- Validation with time (5.5): each SignatureTimeStamp is validated (``xades.timestamps``) and the
  proof of existence it gives applied to the verdict, by the rule every format shares
  (``validation.timestamps``). Each XAdES 1.4.1 ArchiveTimeStamp (B-LTA) is validated over its
  input (``xades.archive``) and reported; it does not change the verdict yet. The timestamps are
  reported on a HASH_FAILURE too. Embedded validation data (B-LT and above) is detected for the
  level, not used yet.

The building blocks live in the ``xades`` package (reading, structure, signing_certificate,
crypto); this module runs them in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ...files.name_bytes import file_name_in_uri
from ...xades_names import DS, NS, XADES
from ..certificate_path import validate_certificate
from ..context import VerificationContext
from ..describe import certificate_info, signer_identity
from ..failures import MUST_PROPAGATE, cannot_process, one_line
from ..indications import Indication, SubIndication
from ..report import Check, SignatureReport, TimestampReport
from ..timestamps import earliest_proof
from .archive import archive_timestamps
from .crypto import signing_time, verify, verify_without_identified_signer
from .reading import MAX_TOKEN_BYTES as MAX_TOKEN_BYTES  # re-exported: the public limit
from .reading import parse, read_token
from .signing_certificate import (
    issuer_serial_matches,
    keyinfo_certificates,
    read_cert_reference,
)
from .structure import (
    DIGESTS,
    DocumentDigests,
    Structure,
    b64,
    check_algorithms,
    read_structure,
)
from .timestamps import signature_timestamps
from .verdicts import Findings, Verdict, format_failure


def validate_xades(
    token_path: Path, document_path: Path | None, context: VerificationContext
) -> list[SignatureReport]:
    """One report per ds:Signature of the token (normally one); bad input becomes a verdict."""
    token_path = Path(token_path)
    document_path = Path(document_path) if document_path is not None else None
    try:
        data = read_token(token_path)
        root = parse(data)
    except Verdict as verdict:
        findings = Findings(checks=[verdict.check] if verdict.check else [])
        return [
            findings.report(token_path, document_path, verdict.indication, verdict.subindication)
        ]
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # a verdict, never a crash, whatever the input
        findings = Findings(
            checks=[Check("token format", None, f"could not be read ({one_line(exc)})")]
        )
        return [findings.report(token_path, document_path, *cannot_process(exc))]

    signatures = [root, *(e for e in root.iter(f"{{{DS}}}Signature") if e is not root)]
    document = DocumentDigests(document_path, context.check_cancelled)
    reports = []
    indication: Indication
    subindication: SubIndication | None
    for signature in signatures:
        findings = Findings(signature_id=signature.get("Id"))
        try:
            if len(signatures) > 1:
                raise format_failure(
                    f"the token holds {len(signatures)} ds:Signature elements; a detached XAdES "
                    "token holds one (nested and counter-signatures are not supported)"
                )
            indication, subindication = _validate_signature(data, root, document, context, findings)
        except Verdict as verdict:
            if verdict.check is not None:
                findings.checks.append(verdict.check)
            indication, subindication = verdict.indication, verdict.subindication
        except MUST_PROPAGATE:
            raise  # the user stopped the run (or memory ran out): no verdict at all
        except Exception as exc:  # a verdict, never a crash, whatever the input
            findings.checks.append(
                Check("validation", None, f"could not be processed ({one_line(exc)})")
            )
            indication, subindication = cannot_process(exc)
        reports.append(findings.report(token_path, document_path, indication, subindication))
    return reports


# --- the whole basic validation ---------------------------------------------------------------


def _validate_signature(
    data: bytes,
    signature: Any,
    document: DocumentDigests,
    context: VerificationContext,
    findings: Findings,
) -> tuple[Indication, SubIndication | None]:
    structure = read_structure(signature)
    findings.level = structure.level
    findings.checks.append(Check("token format", True))
    check_algorithms(structure)

    # the document first: a modified document is the first thing a buyer must learn
    reference = structure.document_reference
    expected = b64(reference.findtext("ds:DigestValue", namespaces=NS), "a DigestValue")
    algorithm = DIGESTS[reference.find("ds:DigestMethod", NS).get("Algorithm")]
    if document.digest(algorithm) != expected:
        # the timestamps are reported too: an archive timestamp also says the document differs
        embedded = _with_embedded(structure, context)
        findings.timestamps = _timestamps(structure, signature, document, embedded)
        raise Verdict(
            Indication.TOTAL_FAILED,
            SubIndication.HASH_FAILURE,
            Check("document digest", False, "the document is not the one that was signed"),
        )
    findings.checks.append(Check("document digest", True, algorithm))
    named = unquote(reference.get("URI", ""))
    if (
        document.path is not None
        and file_name_in_uri(reference.get("URI", "")) != document.path.name
    ):
        findings.checks.append(
            Check("document name", None, f"the signature names {named!r}; its content matches")
        )

    candidates = keyinfo_certificates(signature)
    cert_reference = read_cert_reference(structure.signed_properties)
    if cert_reference is None:
        raise verify_without_identified_signer(
            data,
            structure,
            document,
            candidates,
            findings,
            "the signature has no signed SigningCertificateV2 property",
        )
    matching = [c for c in candidates if cert_reference.matches(c)]
    if not matching:
        raise verify_without_identified_signer(
            data,
            structure,
            document,
            candidates,
            findings,
            "no KeyInfo certificate has the digest that SigningCertificateV2 gives",
        )
    cert = matching[0]
    if not issuer_serial_matches(cert_reference, cert):
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
            Check("signing certificate reference", False, "the issuer and serial do not match"),
        )

    results = verify(data, structure, document, cert, xades=True)
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
        raise format_failure("the verified SignedProperties is not the expected element")
    findings.checks.append(Check("signed properties", True))
    verified_reference = read_cert_reference(verified_properties)
    if verified_reference is None or not verified_reference.matches(cert):
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
            Check("signing certificate reference", False, "not in the signed properties"),
        )
    findings.checks.append(Check("signing certificate reference", True))
    findings.certificate = certificate_info(cert)
    findings.signer = signer_identity(cert)
    findings.signing_time = signing_time(verified_properties)

    context = _with_embedded(structure, context)
    outcome = validate_certificate(cert, candidates, context)
    findings.chain = outcome.chain
    findings.revocation = outcome.revocation
    findings.checks.extend(outcome.checks)
    findings.timestamps = _timestamps(structure, signature, document, context)
    findings.check_at = lambda at: validate_certificate(cert, candidates, context, at)
    return outcome.indication, outcome.subindication


def _with_embedded(structure: Structure, context: VerificationContext) -> VerificationContext:
    from ...validation_data.embedded import from_xades

    if structure.signed_properties is None:
        return context
    return context.with_embedded(from_xades(structure.signed_properties.getparent()))


def _timestamps(
    structure: Structure, signature: Any, document: DocumentDigests, context: VerificationContext
) -> list[TimestampReport] | None:
    """The signature timestamps (B-T) then the archive timestamps (B-LTA), each validated with
    the validation data the signature carries (``context``: ``_with_embedded``)."""
    if structure.signed_properties is None:
        return None
    archives = archive_timestamps(signature, document, context)
    proven_by = earliest_proof(archives)
    return [
        *signature_timestamps(structure.signed_properties, signature, context, proven_by),
        *archives,
    ]
