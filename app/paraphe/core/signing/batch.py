"""The one way a face signs: plan, open the key, check its certificate, sign the batch.

The CLI, the GUI, the demo and the screenshots all call ``sign_batch`` (or ``sign_batches`` for
several requests with one key), so none of them rebuilds these steps. Hashing starts before the
key is opened, so a large file costs little more than its hashing while the user types the
password or PIN; its progress is held back meanwhile, so a prompt or a "type the PIN on the
reader's keypad" notice is not overwritten. (``extend_batch`` will sit beside it.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..credentials.opening import open_credential
from ..credentials.secrets import NoticeCallback, SecretCallback
from ..credentials.sources import KeySource, KeystoreFile
from ..errors import Notice, ParapheError
from ..progress import CancelToken, Progress, ProgressCallback
from .engine import (
    BatchOutcome,
    BatchSigner,
    check_credential,
    complete_credential_chain,
    hash_ahead,
    plan_documents,
    preload_in_background,
    utc_now,
)
from .levels import needs_timestamp
from .request import SignRequest, SignResult

if TYPE_CHECKING:
    from ..timestamps.client import TimestampService


class _HeldProgress:
    """Passes progress on, except while the key is being opened."""

    def __init__(self, on_progress: ProgressCallback | None) -> None:
        self.on_progress = on_progress
        self.open = threading.Event()

    def __call__(self, progress: Progress) -> None:
        if self.on_progress is not None and self.open.is_set():
            self.on_progress(progress)


def sign_batch(
    request: SignRequest,
    source: KeySource,
    ask_secret: SecretCallback,
    *,
    on_progress: ProgressCallback | None = None,
    on_result: Callable[[SignResult], None] | None = None,
    on_failure: Callable[[Path, ParapheError], None] | None = None,
    on_notice: NoticeCallback | None = None,
    cancel: CancelToken | None = None,
) -> BatchOutcome:
    """Sign every document of ``request`` with the key at ``source``.

    Raises before anything is written when the batch cannot be signed (a damaged key file, a
    wrong PIN, an expired certificate, no file left, ``Cancelled``); a single file that fails,
    even one gone since the pre-flight (``preflight``), fails alone: it is in the outcome.
    """
    [outcome] = sign_batches(
        [request],
        source,
        ask_secret,
        on_progress=on_progress,
        on_result=on_result,
        on_failure=on_failure,
        on_notice=on_notice,
        cancel=cancel,
    )
    return outcome


def sign_batches(
    requests: Sequence[SignRequest],
    source: KeySource,
    ask_secret: SecretCallback,
    *,
    on_progress: ProgressCallback | None = None,
    on_result: Callable[[SignResult], None] | None = None,
    on_failure: Callable[[Path, ParapheError], None] | None = None,
    on_notice: NoticeCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[BatchOutcome]:
    """Several requests (formats) with one key, opened once; every request is planned first,
    and a key file checked before its password is asked."""

    def notify(notice: Notice) -> None:
        if on_notice is not None:
            on_notice(notice)

    plans = [plan_documents(request, tolerate=True) for request in requests]
    if isinstance(source, KeystoreFile):
        from ..credentials.pkcs12 import inspect_keystore

        inspect_keystore(source.path)  # a damaged file is told now, not after its password
    first = requests[0]
    held = _HeldProgress(on_progress)
    digests = hash_ahead(plans[0], first, held, cancel)
    preloading = preload_in_background(first.format)
    timestamps = None
    try:
        timestamps = _timestamps_for(requests, preloading)
        # pyHanko's modules import one another: a second thread importing them while the
        # preload still runs can meet a half-initialised module (seen once in CI: "cannot
        # import name 'Signer' from partially initialized module"). The main thread imports
        # none until the preload is done; the preload overlaps the hashing begun above.
        preloading.join()
        credential = open_credential(source, ask_secret, on_notice)
        held.open.set()
        with credential:
            for notice in check_credential(credential, utc_now()):
                notify(notice)
            for notice in complete_credential_chain(credential):
                notify(notice)
            for plan in plans:
                for notice in plan.notices:
                    notify(notice)
            outcomes = []
            for index, (request, plan) in enumerate(zip(requests, plans, strict=True)):
                signer = BatchSigner(
                    request,
                    credential,
                    on_progress=on_progress,
                    on_result=on_result,
                    on_failure=on_failure,
                    cancel=cancel,
                    timestamps=timestamps if needs_timestamp(request.level) else None,
                )
                outcomes.append(signer.run(plan, digests if index == 0 else None))
            return outcomes
    finally:
        if digests is not None:
            digests.stop()
        if timestamps is not None:
            timestamps.close()


def _timestamps_for(
    requests: Sequence[SignRequest], preloading: threading.Thread | None = None
) -> TimestampService | None:
    """The run's timestamp client, already heard from: when no server answers, the run stops
    here, before a password is asked or a file written. ``preloading`` (pyHanko's modules being
    imported in the background) is waited for before this thread imports any of them."""
    timestamped = [request for request in requests if needs_timestamp(request.level)]
    if not timestamped:
        return None
    if preloading is not None:
        preloading.join()
    from ..timestamps.client import TimestampService
    from ..validation_data.cache import cache_dir

    service = TimestampService(timestamped[0].tsa, cache_dir())
    try:
        for algorithm in {request.digest_algorithm for request in timestamped}:
            service.check_reachable(algorithm)
    except BaseException:
        service.close()
        raise
    return service
