"""Verify everything the user gave: files, folders, ZIP archives; one report for the lot."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..files.scratch import scratch_folder
from ..files.user_files import open_regular
from ..progress import CancelToken
from ..text.translatable import N_
from .containers.kind import asic_kind
from .containers.validator import ContainerResult, verify_container
from .context import VerificationContext
from .failures import MUST_PROPAGATE, cannot_process, failed_signature, one_line
from .inputs import archives
from .inputs.discovery import Found, Kind, classify, named_document, pair, walk
from .orphans import claimed_signer
from .qualify import qualify_report
from .registry import Item, validator_for
from .report import (
    Check,
    DetectedFormat,
    DocumentReport,
    InputError,
    OrphanSignature,
    SignatureReport,
    ValidationReport,
)
from .settings import VerificationSettings

ItemCallback = Callable[[str], None]
"""Told the name of each item as its verification starts."""

SCRATCH_PREFIX = "paraphe-verify-"
"""Archives are unpacked in a folder of this name in the temporary folder (see ``scratch``)."""


def verify_paths(
    paths: Sequence[Path],
    settings: VerificationSettings,
    on_item: ItemCallback | None = None,
    cancel: CancelToken | None = None,
) -> ValidationReport:
    """One report for everything under ``paths``; ``cancel`` stops it between two items
    (raising ``Cancelled``): a half-verified set has no verdict to show."""
    cancel = cancel or CancelToken()
    report = ValidationReport(
        validation_time=settings.moment,
        trust_sources=list(settings.trust_sources),
        offline=settings.offline,
    )
    with (
        scratch_folder(SCRATCH_PREFIX) as scratch,
        VerificationContext(settings, cancel) as context,
    ):
        found = _collect(paths, scratch, report, cancel)
        shown = {item.path: Path(item.display) for item in found}
        pairing = pair(found)
        by_document: dict[Path, DocumentReport] = {}

        def document_report(path: Path) -> DocumentReport:
            if path not in by_document:
                by_document[path] = DocumentReport(shown.get(path, path))
            return by_document[path]

        for token, document in pairing.detached:
            cancel.raise_if_cancelled()
            if on_item is not None:
                on_item(token.display)
            if document is None:
                report.orphan_signatures.append(
                    OrphanSignature(
                        shown[token.path],
                        N_("the signed document was not found beside the signature"),
                        claimed_signer(token.path),
                    )
                )
                continue
            signatures = _validated(Item(token, document), context)
            document_report(document.path).signatures.extend(_shown(signatures, shown))
        unsigned_pdfs = []
        for item in [*pairing.enveloping, *pairing.pdfs]:
            cancel.raise_if_cancelled()
            if on_item is not None:
                on_item(item.display)
            signatures = _validated(Item(item), context)
            if not signatures:
                unsigned_pdfs.append(item)
                continue
            document_report(item.path).signatures.extend(_shown(signatures, shown))
        unsigned_inside: list[Path] = []
        for number, item in enumerate(pairing.containers):
            cancel.raise_if_cancelled()
            if on_item is not None:
                on_item(item.display)
            result = _container_validated(item, context, scratch / f"asic-{number}")
            report.errors.extend(
                InputError(Path(item.display), n.template, n.params) for n in result.notices
            )
            if not result.reports:  # no signature: the container is an unsigned document
                unsigned_pdfs.append(item)
                continue
            document_report(item.path).signatures.extend(_shown(result.reports, shown))
            unsigned_inside.extend(Path(f"{item.display}!/{e}") for e in result.unsigned_entries)
        report.documents = list(by_document.values())
        # An archive counts as a document only for a token that signs it whole: unpacked and
        # signed by nothing, its entries are what is listed, not the archive itself.
        unpacked = {item.display.split("!/", 1)[0] for item in found if "!/" in item.display}
        report.unsigned_documents = [
            shown[d.path]
            for d in [*pairing.documents, *unsigned_pdfs]
            if d.path not in by_document and d.display not in unpacked
        ] + unsigned_inside
    return report


def _collect(
    paths: Sequence[Path], scratch: Path, report: ValidationReport, cancel: CancelToken
) -> list[Found]:
    found: list[Found] = []
    for index, path in enumerate(paths):
        cancel.raise_if_cancelled()
        if not path.exists():
            report.errors.append(InputError(path, N_("no such file or folder")))
            continue
        # A folder is walked (its FIFOs, devices and links skipped); anything else given by
        # name is opened as a file, and refused there if it is not a regular one.
        files = list(walk(path)) if path.is_dir() else [path]
        for number, file in enumerate(files):
            cancel.raise_if_cancelled()  # a big folder or archive takes a while to walk
            found.extend(_gather(file, scratch / f"{index}-{number}", report, cancel))
    return found + _documents_beside_lone_tokens(paths, found)


def _documents_beside_lone_tokens(paths: Sequence[Path], found: list[Found]) -> list[Found]:
    """A token named on its own is checked against the document it names beside it, as if the
    user had named both (a buyer verifying one ``X.pdf - Signature 1.xml`` means X.pdf)."""
    named = set(paths)
    present = {item.path for item in found}
    companions = []
    for item in found:
        if item.path not in named or item.kind not in (Kind.XADES, Kind.CADES):
            continue
        document = named_document(item)
        if document is not None and document not in present:
            present.add(document)
            companions.append(classify(document))
    return companions


def _gather(
    path: Path, scratch: Path, report: ValidationReport, cancel: CancelToken
) -> list[Found]:
    """The file, classified; for a ZIP archive, the archive (a document) and its entries."""
    try:
        with open_regular(path) as handle:
            handle.read(1)
            if not archives.is_zip(path, handle) or asic_kind(path) is not None:
                return [classify(path)]  # an ASiC .zip is a signature, not a bid archive
            scratch.mkdir(parents=True, exist_ok=True)
            unpacked = archives.unpack(path, handle, scratch, cancel.raise_if_cancelled)
    except OSError as exc:
        if exc.strerror:  # a translatable phrase (user_files) or the system's
            report.errors.append(InputError(path, exc.strerror))
        else:
            report.errors.append(InputError(path, "{detail}", {"detail": str(exc)}))
        return []
    for problem in unpacked.problems:
        report.errors.append(InputError(path, problem.template, problem.params))
    return [
        Found(path, Kind.DOCUMENT, str(path)),
        *(classify(file, display) for file, display in unpacked.files),
    ]


def _validated(item: Item, context: VerificationContext) -> list[SignatureReport]:
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
                Check("validation", None, f"could not be processed ({one_line(exc)})"),
                document=item.signed_path,
            )
        ]


def _container_validated(
    item: Found, context: VerificationContext, scratch: Path
) -> ContainerResult:
    """An ASiC container's reports (qualified) and the files in it no signature covers; an
    exception escaping all the same is a non-passing verdict, as for any signature file."""
    try:
        result = verify_container(item.path, context, scratch)
    except MUST_PROPAGATE:
        raise
    except Exception as exc:
        indication, subindication = cannot_process(exc)
        check = Check("validation", None, f"could not be processed ({one_line(exc)})")
        return ContainerResult(
            [failed_signature(item.path, DetectedFormat.CADES, indication, subindication, check)]
        )
    for signature in result.reports:
        qualify_report(signature, context)
    return result


def _shown(signatures: list[SignatureReport], shown: dict[Path, Path]) -> list[SignatureReport]:
    """Report paths as the user knows them (``bid.zip!/inner.pdf``), not our scratch folder."""
    for signature in signatures:
        signature.signature_path = shown.get(signature.signature_path, signature.signature_path)
        if signature.document_path is not None:
            signature.document_path = shown.get(signature.document_path, signature.document_path)
    return signatures
