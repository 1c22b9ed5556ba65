"""CAdES verification: detached ``.p7s`` tokens with their document, enveloping ``.p7m`` files.

pyHanko runs EN 319 102-1 (basic validation for B-B, validation with time when a signature
timestamp is present); we hash detached documents as streams and describe the result.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from asn1crypto import cms

from ..aio import run_sync
from ..documents import Document
from ..errors import Cancelled, ParapheError
from .context import VerificationContext
from .explanations import explain
from .indications import Indication, SubIndication
from .pyhanko_results import (
    certvalidator_errors,
    fill_from_status,
    revocation_of,
    standard_checks,
    verdict_of,
)
from .report import Check, SignatureFormat, SignatureReport

MAX_TOKEN_SIZE = 64 << 20  # an enveloping .p7m holds its document; bigger ones are refused

_ATTR_SIGNATURE_TS = "1.2.840.113549.1.9.16.2.14"
_ATTR_CERT_VALUES = "1.2.840.113549.1.9.16.2.23"
_ATTR_REVOCATION_VALUES = "1.2.840.113549.1.9.16.2.24"
_ATTR_ARCHIVE_TS_V3 = "0.4.0.1733.2.4"


def failure(
    token: Path,
    indication: Indication,
    sub: SubIndication,
    detail: str,
    document: Path | None = None,
) -> SignatureReport:
    return SignatureReport(
        signature_path=token,
        format=SignatureFormat.CADES,
        indication=indication,
        subindication=sub,
        explanation=explain(indication, sub),
        document_path=document,
        checks=[
            Check("signature structure", False if sub.code == "FORMAT_FAILURE" else None, detail)
        ],
    )


def load_signed_data(token: Path) -> cms.SignedData | str:
    """The SignedData of a DER or PEM/base64 token, or the reason it cannot be read."""
    try:
        size = token.stat().st_size
        if size == 0:
            return "the file is empty"
        if size > MAX_TOKEN_SIZE:
            return "the file is too large for a signature"
        data = token.read_bytes()
    except OSError as exc:
        return exc.strerror or str(exc)
    if not data.startswith(b"\x30"):
        data = _dearmor(data) or data
    try:
        content_info = cms.ContentInfo.load(data, strict=True)
        if content_info["content_type"].native != "signed_data":
            return "not a CMS SignedData"
        signed_data = content_info["content"]
        # Parse the structure now (not in the middle of validation); .native would also decode
        # every certificate into Python objects, which costs ~15 ms per token once pyHanko is in.
        for signer_info in signed_data["signer_infos"]:
            signer_info["signed_attrs"].contents  # noqa: B018
        signed_data["certificates"].contents  # noqa: B018
    except (ValueError, TypeError, KeyError) as exc:
        return f"not a readable CMS signature ({exc.__class__.__name__})"
    if len(signed_data["signer_infos"]) != 1:
        return f"{len(signed_data['signer_infos'])} signers in one token; one is expected"
    return signed_data


def _dearmor(data: bytes) -> bytes | None:
    from asn1crypto import pem

    try:
        if pem.detect(data):
            return pem.unarmor(data)[2]
        return base64.b64decode(b"".join(data.split()), validate=True)
    except (ValueError, TypeError):
        return None


def detect_level(signer_info: cms.SignerInfo) -> str:
    unsigned = signer_info["unsigned_attrs"]
    types = {attr["type"].dotted for attr in unsigned} if unsigned.native is not None else set()
    if _ATTR_ARCHIVE_TS_V3 in types:
        return "B-LTA"
    if _ATTR_SIGNATURE_TS in types and {_ATTR_CERT_VALUES, _ATTR_REVOCATION_VALUES} <= types:
        return "B-LT"
    if _ATTR_SIGNATURE_TS in types:
        return "B-T"
    return "B-B"


def validate_cms(
    token: Path, document: Path | None, context: VerificationContext
) -> list[SignatureReport]:
    loaded = load_signed_data(token)
    if isinstance(loaded, str):
        return [
            failure(token, Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE, loaded, document)
        ]
    signed_data = loaded
    signer_info = signed_data["signer_infos"][0]
    enveloping = signed_data["encap_content_info"]["content"].native is not None
    raw_digest = None
    if not enveloping:
        if document is None:
            return [
                failure(
                    token,
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND,
                    "detached signature without its document",
                )
            ]
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        try:
            raw_digest = Document.open(document).digest(algorithm, context.check_cancelled)
        except Cancelled:
            raise
        except ParapheError as exc:
            return [
                failure(
                    token,
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND,
                    exc.message,
                    document,
                )
            ]
        except ValueError:
            return [
                failure(
                    token,
                    Indication.INDETERMINATE,
                    SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    f"unsupported digest algorithm {algorithm}",
                    document,
                )
            ]
    level = detect_level(signer_info)
    with certvalidator_errors() as errors:
        result, handlers = _run_pyhanko(signed_data, raw_digest, level, context)
    indication, sub = verdict_of(result, errors)
    report = SignatureReport(
        signature_path=token,
        format=SignatureFormat.CADES,
        indication=indication,
        subindication=sub,
        explanation=None,
        document_path=token if enveloping else document,
        level=level,
        signature_id="signer 1",
        signing_time=_claimed_time(signer_info),
    )
    status = result.api_status
    if status is not None:
        fill_from_status(report, status)
        report.revocation = revocation_of(status, handlers, indication, sub)
        report.checks = standard_checks(status, indication, sub)
    if result.failure_msg:
        report.checks.append(Check("validation", None, str(result.failure_msg)))
    report.explanation = explain(indication, sub)
    return [report]


def _run_pyhanko(
    signed_data: cms.SignedData, raw_digest: bytes | None, level: str, context: VerificationContext
) -> tuple[Any, Any]:
    from pyhanko.sign.validation.ades import ades_basic_validation, ades_with_time_validation

    handlers = context.data_handlers()
    validate = ades_basic_validation if level == "B-B" else ades_with_time_validation
    result = run_sync(
        validate(
            signed_data,
            context.spec,
            timing_info=context.settings.timing_info(),
            raw_digest=raw_digest,
            validation_data_handlers=handlers,
        )
    )
    return result, handlers


def _claimed_time(signer_info: cms.SignerInfo) -> Any:
    from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

    try:
        return extract_self_reported_ts(signer_info)
    except (ValueError, KeyError):
        return None
