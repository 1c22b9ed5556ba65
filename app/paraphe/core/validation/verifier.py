"""Verify everything the user gave: files, folders, ZIP archives; one report for the lot."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..files.scratch import scratch_folder
from ..files.user_files import open_regular
from ..progress import CancelToken
from ..text.translatable import N_
from . import parallel
from .containers.kind import asic_kind
from .context import VerificationContext
from .inputs import archives
from .inputs.discovery import Found, Kind, classify, named_document, pair, walk
from .one_item import validated_container
from .orphans import claimed_signer
from .registry import Item
from .report import (
    DocumentReport,
    InputError,
    OrphanSignature,
    SignatureReport,
    ValidationReport,
)
from .settings import VerificationSettings

ItemCallback = Callable[[str], None]
"""Told the name of each item as its verification starts."""

ProgressCallback = Callable[[int, int, str], None]
"""Told, as each item's verification ends, how many items are done, out of how many, and the
name of the one just done: ``(done, total, name)`` (a Qt signal's ``emit`` fits)."""

SCRATCH_PREFIX = "paraphe-verify-"
"""Archives are unpacked in a folder of this name in the temporary folder (see ``scratch``)."""


def verify_paths(
    paths: Sequence[Path],
    settings: VerificationSettings,
    on_item: ItemCallback | None = None,
    cancel: CancelToken | None = None,
    on_progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> ValidationReport:
    """One report for everything under ``paths``; ``cancel`` stops it between two items
    (raising ``Cancelled``): a half-verified set has no verdict to show.

    A large set is validated by worker processes on every core (``parallel``), ``workers``
    of them (None: as many as the set is worth, ``parallel.worker_count``; 0: in this process);
    revocation data is fetched once for the whole run (``shared_fetch``) either way. The report
    is the same: same order, same verdicts. ``on_item`` and ``on_progress`` are called on the
    calling thread."""
    cancel = cancel or CancelToken()
    report = ValidationReport(
        validation_time=settings.moment,
        trust_sources=list(settings.trust_sources),
        offline=settings.offline,
    )
    with contextlib.ExitStack() as run:
        scratch = run.enter_context(scratch_folder(SCRATCH_PREFIX))
        service = None if settings.offline else run.enter_context(_fetch_service())
        context = run.enter_context(
            VerificationContext(settings, cancel, _shared_fetchers(service))
        )
        early = run.enter_context(parallel.EarlyStart(workers, settings, service))
        found = _collect(paths, scratch, report, cancel, early.found)
        shown = {item.path: Path(item.display) for item in found}
        pairing = pair(found)
        by_document: dict[Path, DocumentReport] = {}

        def document_report(path: Path) -> DocumentReport:
            if path not in by_document:
                by_document[path] = DocumentReport(shown.get(path, path))
            return by_document[path]

        # Every item in the order the report lists them: tokens (an orphan has no document),
        # then enveloping signatures and signed PDFs.
        plan: list[tuple[Found, Found | None]] = [
            *pairing.detached,
            *((item, item) for item in [*pairing.enveloping, *pairing.pdfs]),
        ]
        items = [Item(s, None if d is s else d) for s, d in plan if d is not None]
        results: list[list[SignatureReport] | None] = [None] * len(items)
        total = len(plan) + len(pairing.containers)
        done = 0

        def started(index: int) -> None:
            if on_item is not None:
                on_item(items[index].signature.display)

        def finished(index: int, signatures: list[SignatureReport]) -> None:
            nonlocal done
            results[index] = signatures
            done += 1
            if on_progress is not None:
                on_progress(done, total, items[index].signature.display)

        orphans = [token for token, document in plan if document is None]
        for token in orphans:  # nothing to validate: named at once
            cancel.raise_if_cancelled()
            if on_item is not None:
                on_item(token.display)
            done += 1
            if on_progress is not None:
                on_progress(done, total, token.display)
        pool = early.pool(len(items))
        if pool is not None:
            pool.validate(items, context, started, finished)
        else:
            parallel.validate_serially(items, range(len(items)), context, started, finished)
        # ASiC containers, in this process: a tender holds few, and each is unpacked in the
        # run's scratch folder; the files in them that no signature covers are listed too
        containers = []
        for number, container in enumerate(pairing.containers):
            cancel.raise_if_cancelled()
            if on_item is not None:
                on_item(container.display)
            containers.append(
                validated_container(container.path, context, scratch / f"asic-{number}")
            )
            done += 1
            if on_progress is not None:
                on_progress(done, total, container.display)

        unsigned_pdfs = []
        outcomes = iter(zip(items, results, strict=True))
        for token, document in plan:
            if document is None:
                report.orphan_signatures.append(
                    OrphanSignature(
                        shown[token.path],
                        N_("the signed document was not found beside the signature"),
                        claimed_signer(token.path),
                    )
                )
                continue
            item, signatures = next(outcomes)
            assert signatures is not None  # every item was validated, or Cancelled was raised
            if not signatures and item.document is None:
                unsigned_pdfs.append(item.signature)
                continue
            document_report(item.signed_path).signatures.extend(_shown(signatures, shown))
        unsigned_inside: list[Path] = []
        for container, result in zip(pairing.containers, containers, strict=True):
            report.errors.extend(
                InputError(Path(container.display), n.template, n.params) for n in result.notices
            )
            if not result.reports:  # no signature: the container is an unsigned document
                unsigned_pdfs.append(container)
                continue
            document_report(container.path).signatures.extend(_shown(result.reports, shown))
            unsigned_inside += [Path(f"{container.display}!/{e}") for e in result.unsigned_entries]
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


@contextlib.contextmanager
def _fetch_service() -> Iterator[Any]:
    """The run's revocation fetches, each made once (``shared_fetch``); imported only online."""
    from ..validation_data.shared_fetch import FetchService

    with FetchService() as service:
        yield service


def _shared_fetchers(service: Any) -> Any:
    if service is None:
        return None
    from ..validation_data.shared_fetch import SharedFetcherBackend

    return SharedFetcherBackend(service)


def _collect(
    paths: Sequence[Path],
    scratch: Path,
    report: ValidationReport,
    cancel: CancelToken,
    on_found: Callable[[list[Found]], None],
) -> list[Found]:
    """Every file under ``paths``, classified (``on_found`` told of each as it is)."""
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
            gathered = _gather(file, scratch / f"{index}-{number}", report, cancel)
            found.extend(gathered)
            on_found(gathered)
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


def _shown(signatures: list[SignatureReport], shown: dict[Path, Path]) -> list[SignatureReport]:
    """Report paths as the user knows them (``bid.zip!/inner.pdf``), not our scratch folder."""
    for signature in signatures:
        signature.signature_path = shown.get(signature.signature_path, signature.signature_path)
        if signature.document_path is not None:
            signature.document_path = shown.get(signature.document_path, signature.document_path)
    return signatures
