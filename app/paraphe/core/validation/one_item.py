"""One item validated into its reports, whatever happens in the validator: the step the verifier
runs for every signature file, in this process or in a worker process (``parallel``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..text.translatable import N_, Worded
from .context import VerificationContext
from .failures import MUST_PROPAGATE, cannot_process, failed_signature, one_line
from .qualify import qualify_report
from .registry import Item, validator_for
from .report import Check, DetectedFormat, SignatureReport

if TYPE_CHECKING:
    from .containers.validator import ContainerResult


def validated(item: Item, context: VerificationContext) -> list[SignatureReport]:
    """The reports of the validator that accepts ``item``; should an exception escape it all the
    same, a non-passing verdict for this signature file, and the run goes on with the next one."""
    validator = validator_for(item)
    try:
        reports = validator.validate(item, context)
        for report in reports:
            qualify_report(report, context)
        return reports
    except MUST_PROPAGATE:
        raise
    except Exception as exc:
        indication, subindication = cannot_process(exc)
        return [
            failed_signature(
                item.signature.path,
                validator.format,
                indication,
                subindication,
                Check(
                    "validation",
                    None,
                    Worded(N_("could not be processed ({error})"), error=one_line(exc)),
                ),
                document=item.signed_path,
            )
        ]


def validated_container(path: Path, context: VerificationContext, scratch: Path) -> ContainerResult:
    """An ASiC container's reports (qualified) and the files in it no signature covers; an
    exception escaping all the same is a non-passing verdict, as for any signature file."""
    from .containers.validator import ContainerResult, verify_container

    try:
        result = verify_container(path, context, scratch)
    except MUST_PROPAGATE:
        raise
    except Exception as exc:
        indication, subindication = cannot_process(exc)
        check = Check(
            "validation", None, Worded(N_("could not be processed ({error})"), error=one_line(exc))
        )
        return ContainerResult(
            [failed_signature(path, DetectedFormat.CADES, indication, subindication, check)]
        )
    for signature in result.reports:
        qualify_report(signature, context)
    return result
