"""A CMS counter-signature validated (RFC 5652 11.4, EN 319 122-1 5.3): a SignerInfo whose
message-digest attribute covers its parent's signature value and which carries no content-type.

pyHanko's CMS validation insists on a content-type attribute, which a counter-signature must not
have, so its steps are run here with pyHanko's own parts: the signer's certificate found and
matched against the signing-certificate attribute (v1 or v2) as pyHanko does it, the digest
compared, the signature value checked over the signed attributes exactly as the token holds them
(read afresh, before anything touches them), and the signer's path validated like any signer's
(``certificate_path.validate_certificate``). The dated crypto policy applies as to the main
signature.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from asn1crypto import cms, core, parser

from ...text.translatable import N_, Worded
from ...x509.certificates import as_cryptography
from ..certificate_path import validate_certificate
from ..context import VerificationContext
from ..describe import certificate_info, signer_identity
from ..failures import MUST_PROPAGATE, cannot_process, one_line, verdict_report
from ..indications import Indication, SubIndication, from_pyhanko
from ..report import Check, DetectedFormat, Packaging, SignatureReport, SignedObject
from ..timestamps import apply_time, cms_signature_timestamps
from .algorithms import apply_crypto_policy
from .signers import CounterSignature, with_signer, with_signer_certificate


def validate_counter_signature(
    token: Path,
    signed_data: cms.SignedData,
    counter: CounterSignature,
    context: VerificationContext,
    *,
    document: Path | None,
    packaging: Packaging,
) -> SignatureReport:
    """The counter-signature's verdict; whatever it holds, a report and never an exception."""
    signed_object = SignedObject(f"{counter.parent_id} (signature value)", "same-document")
    found: dict[str, Any] = {
        "document_path": document,
        "signature_id": counter.signature_id,
        "counter_signature_of": counter.parent_id,
        "packaging": packaging,
    }
    try:
        return _validate(token, signed_data, counter, context, signed_object, found)
    except MUST_PROPAGATE:
        raise
    except Exception as exc:  # a hostile counter-signature: a verdict, never a crash
        indication, subindication = cannot_process(exc)
        detail = Worded(
            N_("the counter-signature could not be processed ({error})"), error=one_line(exc)
        )
        return verdict_report(
            token,
            DetectedFormat.CADES,
            indication,
            subindication,
            [Check("counter-signature", None, detail)],
            signed_objects=[signed_object],
            **found,
        )


def _validate(
    token: Path,
    signed_data: cms.SignedData,
    counter: CounterSignature,
    context: VerificationContext,
    signed_object: SignedObject,
    found: dict[str, Any],
) -> SignatureReport:
    from pyhanko.sign.validation import errors
    from pyhanko.sign.validation.generic_cms import (
        extract_certs_for_validation,
        extract_message_digest,
        extract_self_reported_ts,
    )
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    from .validator import detect_level, is_cades, unsupported_algorithm

    # the signed attributes' bytes first, from a copy nothing else reads
    fresh = cms.SignerInfo.load(counter.signer_info.dump())
    attributes = fresh["signed_attrs"]
    if isinstance(attributes, core.Void):
        return _decided(
            token,
            Indication.TOTAL_FAILED,
            SubIndication.FORMAT_FAILURE,
            Check("signed attributes", False, N_("a counter-signature without signed attributes")),
            signed_object,
            found,
        )
    signed_bytes = parser.emit(0, 1, 17, attributes.contents)  # the SET OF that was signed
    unsupported = unsupported_algorithm(fresh)
    if unsupported is not None:
        return _decided(
            token,
            Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
            Check("signature algorithm", None, unsupported),
            signed_object,
            found,
        )
    view = with_signer_certificate(with_signer(signed_data, counter.signer_info), context)
    try:
        cert = extract_certs_for_validation(view).signer_cert
    except errors.SignatureValidationError as exc:
        indication, subindication = from_pyhanko(exc.ades_subindication)
        assert subindication is not None
        return _decided(
            token,
            indication,
            subindication,
            Check("signing certificate", None, exc.failure_message),
            signed_object,
            found,
        )
    signer_info = view["signer_infos"][0]
    algorithm = signer_info["digest_algorithm"]["algorithm"].native
    hasher = _hasher(get_pyca_cryptography_hash(algorithm))
    hasher.update(counter.parent_signature)
    intact = extract_message_digest(signer_info) == hasher.finalize()
    valid = _signature_verifies(signer_info, signed_bytes, cert, algorithm)
    report = _decided(
        token,
        Indication.TOTAL_PASSED,
        None,
        Check("document digest", intact, "" if intact else N_("the digest does not match")),
        SignedObject(signed_object.name, signed_object.kind, intact),
        found,
    )
    report.level = detect_level(signer_info)
    report.ades = is_cades(signer_info)
    report.signer = signer_identity(cert)
    report.certificate = certificate_info(cert)
    report.signing_time = extract_self_reported_ts(signer_info)
    report.checks.append(Check("signature value", valid if intact else None))
    if not intact or not valid:
        report.indication = Indication.TOTAL_FAILED
        report.subindication = (
            SubIndication.HASH_FAILURE if not intact else SubIndication.SIG_CRYPTO_FAILURE
        )
        return _explained(report)
    certificates = [
        as_cryptography(choice.chosen)
        for choice in signed_data["certificates"] or ()
        if choice.name == "certificate"
    ]
    signer = as_cryptography(cert)
    outcome = validate_certificate(signer, certificates, context)
    report.indication, report.subindication = outcome.indication, outcome.subindication
    report.revocation = outcome.revocation
    report.chain = outcome.chain
    report.checks.extend(outcome.checks)
    # its own signature timestamps, as any signer's (a counter-signature can be B-T)
    report.timestamps = cms_signature_timestamps(signer_info, context)
    apply_time(report, lambda at: validate_certificate(signer, certificates, context, at))
    apply_crypto_policy(report, signer_info, cert, None, context)
    return _explained(report)


def _hasher(spec: Any) -> Any:
    from cryptography.hazmat.primitives import hashes

    return hashes.Hash(spec)


def _signature_verifies(
    signer_info: cms.SignerInfo, signed_bytes: bytes, cert: Any, algorithm: str
) -> bool:
    from cryptography.exceptions import InvalidSignature
    from pyhanko_certvalidator.sig_validate import (
        DefaultSignatureValidator,
        SignatureValidationContext,
    )

    try:
        DefaultSignatureValidator().validate_signature(
            signer_info["signature"].native,
            signed_bytes,
            cert.public_key,
            signer_info["signature_algorithm"],
            context=SignatureValidationContext(contextual_md_algorithm=algorithm),
        )
    except InvalidSignature:
        return False
    return True


def _decided(
    token: Path,
    indication: Indication,
    subindication: SubIndication | None,
    check: Check,
    signed_object: SignedObject,
    found: dict[str, Any],
) -> SignatureReport:
    return verdict_report(
        token,
        DetectedFormat.CADES,
        indication,
        subindication,
        [check],
        signed_objects=[signed_object],
        **found,
    )


def _explained(report: SignatureReport) -> SignatureReport:
    from ..explanations import explain

    report.explanation = explain(report.indication, report.subindication)
    return report
