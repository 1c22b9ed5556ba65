"""Sign a batch of documents: plan (refuse early), then hash, sign, check and publish each.

Everything that can be refused is refused before the first signature (an expired certificate, an
unreadable file, a PDF-only format on a spreadsheet), so a batch never stops half-way for a reason
known in advance. Each output is staged, read back and verified, then published under a free name.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import (
    Cancelled,
    CredentialError,
    Notice,
    OutputNotWritable,
    ParapheError,
    SigningFailed,
    TimestampUnavailable,
    UsageError,
    ValidationDataUnavailable,
)
from ..files.documents import Document
from ..files.staged_file import StagedFile
from ..progress import CancelToken, Progress, ProgressCallback
from .formats import HANDLERS, HEAVY_MODULES, SigningInput
from .levels import assert_signable
from .prehash import DigestPipeline

if TYPE_CHECKING:
    from cryptography import x509

    from ..credentials.base import Credential
    from ..timestamps.client import TimestampService
from ..text.translatable import N_
from .request import SignatureFormat, SignRequest, SignResult


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def preload_in_background(signature_format: SignatureFormat) -> threading.Thread:
    """Import the format's libraries (pyHanko: ~0.5 s) while the caller does something useful."""

    def load() -> None:
        try:
            for module in HEAVY_MODULES[signature_format]:
                importlib.import_module(module)
        except BaseException:  # e.g. the main thread, interrupted, dropped a module half-imported
            return  # only a head start: the main thread imports them again and reports

    thread = threading.Thread(target=load, name="paraphe-preload", daemon=True)
    thread.start()
    return thread


@dataclass(frozen=True)
class BatchPlan:
    documents: tuple[Document, ...]
    notices: tuple[Notice, ...]


def plan_documents(request: SignRequest) -> BatchPlan:
    """Open every input and refuse the batch before signing anything if one cannot be signed."""
    request.assert_viable()
    assert_signable(request.level)
    handler = HANDLERS[request.format]
    documents: list[Document] = []
    seen: set[Path] = set()
    notices: list[Notice] = []
    for path in request.documents:
        document = Document.open(path)
        resolved = document.path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        refusal = handler.refuse(document)
        if refusal is not None:
            raise refusal
        if document.path.suffix.lower() == ".zip":
            notices.append(
                Notice(
                    "{path}: signing a ZIP archive signs the archive as one file, not the files"
                    " inside it; buyers usually expect each document signed.",
                    document.path,
                )
            )
        documents.append(document)
    _check_output_folders(request, documents)
    return BatchPlan(tuple(documents), tuple(notices))


def _check_output_folders(request: SignRequest, documents: list[Document]) -> None:
    if request.output_dir is not None:
        folder = request.output_dir
        if not folder.is_dir():
            raise OutputNotWritable(folder, detail=N_("the folder does not exist"))
        by_name: dict[str, Path] = {}
        for document in documents:
            other = by_name.setdefault(document.name, document.path)
            if other != document.path:
                raise UsageError(
                    detail=f"{other} and {document.path} have the same name: their signatures"
                    f" would be mixed up in {folder}. Sign them into different folders."
                )
    for folder in {output_folder(request, d) for d in documents}:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputNotWritable(folder, detail=N_("permission denied"))


def output_folder(request: SignRequest, document: Document) -> Path:
    return request.output_dir if request.output_dir is not None else document.path.parent


def check_credential(credential: Credential, at: dt.datetime) -> list[Notice]:
    from ..x509.certificates import check_can_sign

    return check_can_sign(credential.certificate, credential.source, at)


def complete_credential_chain(credential: Credential) -> list[Notice]:
    """Give the credential its whole chain (``x509.chain``) before any signature embeds it; a
    notice when an issuer could not be found."""
    from cryptography import x509

    from ..trust import TrustFileError, UserTrustStore
    from ..x509.chain import complete_chain, incomplete_chain_notice

    try:
        anchors = [
            x509.load_der_x509_certificate(c.dump()) for c in UserTrustStore().certificates()
        ]
    except (TrustFileError, OSError, ValueError):
        anchors = []
    completed = complete_chain(credential.certificate, [*credential.chain, *anchors])
    credential.chain = (
        *completed.chain,
        *(c for c in credential.chain if c not in completed.chain),
    )
    if completed.missing_issuer is None:
        return []
    return [incomplete_chain_notice(completed, credential.certificate)]


def hash_ahead(
    plan: BatchPlan,
    request: SignRequest,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> DigestPipeline | None:
    """Start hashing the batch now, before the credential is even open; None for PAdES."""
    if not HANDLERS[request.format].needs_digest:
        return None
    total = len(plan.documents)

    def on_bytes(index: int, document: Document, done: int) -> None:
        if cancel is not None:
            cancel.raise_if_cancelled()
        if on_progress is not None:
            on_progress(Progress(index, total, document.path, done, document.size))

    return DigestPipeline(plan.documents, request.digest_algorithm, on_bytes).start()


@dataclass
class BatchOutcome:
    results: list[SignResult] = field(default_factory=list)
    failures: list[ParapheError] = field(default_factory=list)
    certificate: x509.Certificate | None = None
    """The signer's certificate, and below the rest of its chain as the signatures embed it:
    what a verification guide names (the key is closed by the time the batch returns)."""
    chain: tuple[x509.Certificate, ...] = ()


class BatchSigner:
    """Signs a planned batch with one credential; reports progress and honours cancellation."""

    def __init__(
        self,
        request: SignRequest,
        credential: Credential,
        *,
        on_progress: ProgressCallback | None = None,
        on_result: Callable[[SignResult], None] | None = None,
        cancel: CancelToken | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        timestamps: TimestampService | None = None,
    ) -> None:
        self.request = request
        self.credential = credential
        self.on_progress = on_progress
        self.on_result = on_result
        self.cancel = cancel or CancelToken()
        self.clock = clock
        self.handler = HANDLERS[request.format](credential, request, timestamps)

    def run(self, plan: BatchPlan, digests: DigestPipeline | None = None) -> BatchOutcome:
        outcome = BatchOutcome(
            certificate=self.credential.certificate, chain=tuple(self.credential.chain)
        )
        total = len(plan.documents)
        if digests is None:
            digests = hash_ahead(plan, self.request, self.on_progress, self.cancel)
        try:
            for index, document in enumerate(plan.documents):
                self.cancel.raise_if_cancelled()
                try:
                    result = self.sign_one(document, index, total, digests)
                except (
                    Cancelled,
                    CredentialError,
                    TimestampUnavailable,
                    ValidationDataUnavailable,
                ) as exc:
                    # The whole batch stops: the user asked, the key is unusable or no timestamp
                    # server answers (the next file would wait as long, for nothing). An error
                    # that can name the file being signed (a token pulled out) is told which.
                    naming = getattr(exc, "while_signing", None)
                    if naming is not None and getattr(exc, "names_file", False) is False:
                        raise naming(document.path) from exc.__cause__
                    raise
                except ParapheError as exc:
                    outcome.failures.append(exc)
                    continue
                except Exception as exc:
                    failure = SigningFailed(document.path, detail=f"{type(exc).__name__}: {exc}")
                    failure.__cause__ = exc
                    outcome.failures.append(failure)
                    continue
                outcome.results.append(result)
                if self.on_result is not None:
                    self.on_result(result)
        finally:
            if digests is not None:
                digests.stop()
        return outcome

    def _report(self, index: int, total: int, document: Document, done: int) -> None:
        self.cancel.raise_if_cancelled()
        if self.on_progress is not None:
            self.on_progress(Progress(index, total, document.path, done, document.size))

    def sign_one(
        self, document: Document, index: int, total: int, digests: DigestPipeline | None
    ) -> SignResult:
        if digests is None:
            self._report(index, total, document, 0)
        digest = digests.digest(index) if digests is not None else None
        item = SigningInput(document, digest, self.request, self.credential, self.clock())
        folder = output_folder(self.request, document)
        with StagedFile(folder, for_file=document.path) as staged:
            try:
                self.handler.write(item, staged.file)
                staged.file.flush()
            except OSError as exc:  # disk full, share gone: this file failed, say which
                raise OutputNotWritable(document.path, detail=exc.strerror or str(exc)) from None
            self.cancel.raise_if_cancelled()
            document.ensure_unchanged()
            self.handler.check(item, staged.file)
            published = staged.publish(self.handler.output_names(document, folder, self.request))
        self._report(index, total, document, document.size)
        return SignResult(document.path, published, self.request.format)
