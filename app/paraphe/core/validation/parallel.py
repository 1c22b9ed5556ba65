"""Validate a tender's signatures on every core: worker processes, one revocation cache.

A buyer checks hundreds of bids, thousands of signatures; validation is CPU work in Python
(asn1crypto, pyHanko, signxml), which one process does on one core. Here each worker process
validates items one at a time exactly as the serial loop does (``one_item.validated``), and the
results are put back in the items' order: the report is the serial one.

How it is built, and why:

- Processes started with ``spawn`` on every system: safe from the desktop app's worker threads
  (forking a process that runs Qt threads is not), the same on Windows and macOS, and supported
  in a PyInstaller bundle once its entry point calls ``multiprocessing.freeze_support()``.
  A worker needs nothing from the parent's ``__main__`` (the desktop app's would load Qt into
  every worker): it is left out of what the workers import (``_main_left_out``).
- One duplex pipe per worker, read and written by one thread of the parent (its "driver"): the
  items go down, the reports come back, and in between the worker's revocation questions go up
  and are answered by the run's ``FetchService``, which fetches each OCSP response, CRL or issuer
  certificate once for the whole run. No shared files, no locks, nothing left on disk.
- The callbacks (``started``, ``finished``) and the cancellation checks run on the calling
  thread, as in the serial loop; the drivers only pass events to it.
- Cancelling sets an event every worker's ``CancelToken`` reads: a worker stops in its current
  item at its next check (between chunks of a document being hashed, between signatures), runs
  its clean-up and exits; one that does not within ``STOP_GRACE`` seconds is terminated.
- A worker that dies in an item (a crash of a C library, the system's out-of-memory killer)
  costs that item only: it gets an INDETERMINATE verdict naming the cause, a new worker takes
  the rest. Workers that cannot start at all (a bundle without ``freeze_support``) leave their
  items to the calling process, which validates them serially.
- Few items do not pay for starting processes (``PARALLEL_THRESHOLD``); the pool is sized to the
  cores this process may use, and capped (``MAX_WORKERS``) since each worker holds its own copy
  of the libraries (about 60-70 MB).
- Workers start while discovery still walks the folders (``EarlyStart``), as soon as it has
  found enough signature files to be worth them, and import the validators of the kinds found
  (``registry.preload``) while it goes on: starting one takes about as long as classifying a
  thousand files, and neither waits for the other.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import Cancelled
from ..progress import CancelToken
from ..text.translatable import N_, Worded
from .context import VerificationContext
from .failures import failed_signature, one_line
from .indications import Indication, SubIndication
from .inputs.discovery import Found, Kind
from .one_item import validated
from .registry import Item, preload, validator_for
from .report import Check, SignatureReport
from .settings import VerificationSettings

PARALLEL_THRESHOLD = 48
"""Fewer items than this are validated in the calling process: starting a worker (an
interpreter, then pyHanko and signxml imported) costs about what 30-40 small signatures do."""

MAX_WORKERS = 4
"""Whatever the cores, at most this many workers: each holds its own libraries in memory."""

STOP_GRACE = 3.0
"""Seconds a cancelled or finished worker has to exit by itself before it is terminated."""

START_TIMEOUT = 120.0
"""Seconds a worker has to say it is ready (a cold start from a slow disk takes a few)."""

_POLL = 0.1

Started = Callable[[int], None]
Finished = Callable[[int, list[SignatureReport]], None]


def worker_count(items: int) -> int:
    """How many workers ``items`` items are worth: 0 (serial) below the threshold or on one
    core, else the cores this process may run on, at most ``MAX_WORKERS``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Windows or macOS
        cores = os.cpu_count() or 1
    if items < PARALLEL_THRESHOLD or cores < 2:
        return 0
    return min(cores, MAX_WORKERS)


_NOT_VALIDATED_BY_WORKERS = frozenset({Kind.DOCUMENT, Kind.ASIC})
"""Documents are no items, and ASiC containers are validated in the calling process."""


class EarlyStart:
    """A run's worker pool, started while discovery still walks the folders: once it has found
    ``PARALLEL_THRESHOLD`` signature files (or as many as the ``workers`` asked for, two at
    least), the count that will make the run parallel. ``pool`` then gives it the items, or stops it if the run is
    to be serial after all (most files were orphans, say); ``close`` stops one never used."""

    def __init__(self, workers: int | None, settings: VerificationSettings, service: Any) -> None:
        self._wanted = workers
        self._settings = settings
        self._service = service
        self._kinds: set[Kind] = set()
        self._signatures = 0
        self._pool: WorkerPool | None = None

    def found(self, batch: Sequence[Found]) -> None:
        """Told of each file discovery classified (a list, for an archive's entries)."""
        signatures = [f for f in batch if f.kind not in _NOT_VALIDATED_BY_WORKERS]
        self._signatures += len(signatures)
        self._kinds.update(f.kind for f in signatures)
        count = self._count(self._signatures)
        if self._pool is None and count > 0 and self._signatures >= max(2, count):
            self._pool = self._started(count)  # as many workers as files found, at most

    def pool(self, items: int) -> WorkerPool | None:
        """The pool to validate ``items`` items with, started now if it was not yet; None when
        they are to be validated in this process."""
        if not self._worth_workers(items):
            self.close()
            return None
        if self._pool is None:
            self._pool = self._started(min(self._count(items), items))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.stop(cancelled=True)
            self._pool = None

    def _count(self, items: int) -> int:
        return worker_count(items) if self._wanted is None else self._wanted

    def _worth_workers(self, items: int) -> bool:
        """One item is validated here, whatever was asked: there is nothing to share."""
        return items > 1 and self._count(items) > 0

    def _started(self, count: int) -> WorkerPool:
        pool = WorkerPool(count, self._settings, self._service, frozenset(self._kinds))
        pool.start()
        return pool

    def __enter__(self) -> EarlyStart:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def validate_serially(
    items: Sequence[Item],
    indices: Sequence[int],
    context: VerificationContext,
    started: Started,
    finished: Finished,
) -> None:
    """The items at ``indices``, one after the other, in this process."""
    for index in indices:
        context.cancel.raise_if_cancelled()
        started(index)
        finished(index, validated(items[index], context))


@dataclass(frozen=True)
class _Event:
    index: int
    reports: list[SignatureReport] | None
    """None: the item was handed to a worker (started)."""


class WorkerPool:
    """``workers`` worker processes, started (``start``) before the items are known, which they
    are given at once (``validate``); their revocation questions answered by ``service``, the
    run's ``FetchService`` (None offline)."""

    def __init__(
        self,
        workers: int,
        settings: VerificationSettings,
        service: Any,
        kinds: frozenset[Kind] = frozenset(),
    ) -> None:
        self.items: Sequence[Item] = ()
        self.settings = settings
        self.service = service
        self.kinds = kinds
        """What the workers import before they say they are ready (``registry.preload``)."""
        self.events: queue.Queue[_Event] = queue.Queue()
        self._spawn = multiprocessing.get_context("spawn")
        self._cancel = self._spawn.Event()
        self._stopping = threading.Event()
        self._given = threading.Event()
        self._next: Iterator[int] = iter(())
        self._next_lock = threading.Lock()
        self._processes: list[Any] = []
        self._processes_lock = threading.Lock()
        self._drivers = [
            threading.Thread(target=self._drive, name=f"paraphe-verify-{n}", daemon=True)
            for n in range(workers)
        ]

    def start(self) -> None:
        for driver in self._drivers:
            driver.start()

    def validate(
        self,
        items: Sequence[Item],
        context: VerificationContext,
        started: Started,
        finished: Finished,
    ) -> None:
        """Every item validated by the workers; ``started`` and ``finished`` are called on this
        thread. Items the workers could not take are validated here, in ``context``, at the end.
        The pool is stopped; raises ``Cancelled`` once every worker has."""
        self.items = items
        self._next = iter(range(len(items)))
        self._given.set()
        done: set[int] = set()
        try:
            while not self.finished():
                context.cancel.raise_if_cancelled()
                try:
                    event = self.events.get(timeout=_POLL)
                except queue.Empty:
                    continue
                context.cancel.raise_if_cancelled()
                if event.reports is None:
                    started(event.index)
                else:
                    done.add(event.index)
                    finished(event.index, event.reports)
        except BaseException:
            self.stop(cancelled=True)
            raise
        self.stop(cancelled=False)
        left = [index for index in range(len(items)) if index not in done]
        validate_serially(items, left, context, started, finished)

    def finished(self) -> bool:
        return self.events.empty() and not any(d.is_alive() for d in self._drivers)

    def stop(self, cancelled: bool) -> None:
        """Every worker stopped and reaped, every driver ended; on ``cancelled`` the workers are
        told to abandon their item first."""
        if cancelled:
            self._cancel.set()
        self._stopping.set()
        for driver in self._drivers:
            if driver.is_alive():
                driver.join()
        with self._processes_lock:
            processes, self._processes = self._processes, []
        for process in processes:
            _reap(process)

    def _take(self) -> int | None:
        with self._next_lock:
            return next(self._next, None)

    def _drive(self) -> None:
        """One worker's life: hand it items one at a time and serve its fetches; a new worker
        when it dies in an item; stop when the items run out or the run stops."""
        worker: _Worker | None = None
        try:
            while not self._stopping.is_set():
                if worker is None:
                    worker = self._start_worker()
                    if worker is None:
                        return  # cannot start: the caller validates what is left
                if not self._given.wait(_POLL):
                    continue  # discovery still runs: the items are not known yet
                index = self._take()
                if index is None:
                    return
                worker.connection.send(("item", index, portable(self.items[index])))
                self.events.put(_Event(index, None))
                reports, alive = self._serve(worker, index)
                if reports is None and self._stopping.is_set():
                    return
                if reports is None:  # died in the item
                    reports = _crashed(self.items[index], worker)
                self.events.put(_Event(index, reports))
                if not alive:
                    self._retire(worker)
                    worker = None
        except (OSError, EOFError):  # the pipe broke: the item, if any, is left to the caller
            return
        finally:
            if worker is not None:
                with contextlib.suppress(OSError):
                    worker.connection.send(("stop",))
                worker.connection.close()

    def _retire(self, worker: _Worker) -> None:
        worker.connection.close()
        with self._processes_lock:
            if worker.process not in self._processes:
                return  # ``stop`` reaps it
            self._processes.remove(worker.process)
        _reap(worker.process)

    def _start_worker(self) -> _Worker | None:
        parent_end, child_end = self._spawn.Pipe(duplex=True)
        process = self._spawn.Process(
            target=_worker_main,
            args=(child_end, portable(self.settings), self._cancel, self.kinds),
            name="paraphe-verify-worker",
            daemon=True,
        )
        with _main_left_out():
            process.start()
        child_end.close()
        with self._processes_lock:
            self._processes.append(process)
        waited = 0.0
        while waited < START_TIMEOUT and not self._stopping.is_set():
            if parent_end.poll(_POLL):
                try:
                    if parent_end.recv() == ("ready",):
                        return _Worker(process, parent_end)
                except (OSError, EOFError):
                    pass
                break
            waited += _POLL
        self._retire(_Worker(process, parent_end))
        return None

    def _serve(self, worker: _Worker, index: int) -> tuple[list[SignatureReport] | None, bool]:
        """Answer the worker's fetches until it sends ``index``'s reports; None if it dies or
        the run stops first; with whether the worker goes on."""
        connection = worker.connection
        while not self._stopping.is_set():
            if not connection.poll(_POLL):
                continue
            try:
                message = connection.recv()
            except (OSError, EOFError):
                return None, False
            if message[0] == "fetch":
                connection.send(self._answer(message[1]))
            elif message[0] == "done" and message[1] == index:
                reports: list[SignatureReport] = pickle.loads(message[2])
                return reports, True
            elif message[0] == "lost" and message[1] == index:
                return _lost(self.items[index], message[2]), False
            else:  # "cancelled", or anything unexpected
                return None, False
        return None, False

    def _answer(self, request: Any) -> Any:
        """The service's answer; a run being stopped does not wait for the network."""
        from ..validation_data.shared_fetch import FetchAnswer

        if self.service is None:  # offline: a worker does not ask; if it does, no data
            return FetchAnswer(error_type="CertificateFetchError", error="offline")
        pending = self.service.submit(request)
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                return pending.result(timeout=_POLL)
        pending.cancel()
        return FetchAnswer(error_type="CertificateFetchError", error="cancelled")


def portable(value: Any) -> bytes:
    """``value`` pickled for another process. asn1crypto values travel as their DER and are
    loaded again there: pickled as they are, they come out unusable in a process where their
    class was never set up (``_field_map`` is None). The trusted-list index travels as its
    cache: its memo is keyed by object ids, meaningless in another process. Text and bytes of a
    library's own type (pyHanko's ``TextStringObject`` naming a PDF field holds on to its file)
    travel as plain ``str`` and ``bytes``."""
    buffer = io.BytesIO()
    _PortablePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


class _PortablePickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        from asn1crypto.core import Asn1Value

        if isinstance(obj, Asn1Value):
            return _asn1_loaded, (type(obj), obj.dump())
        from ..trust.eutl.index import TrustedListIndex

        if isinstance(obj, TrustedListIndex):
            return TrustedListIndex, (obj.cache,)
        if isinstance(obj, str) and type(obj) is not str:
            return str, (str(obj),)
        if isinstance(obj, bytes) and type(obj) is not bytes:
            return bytes, (bytes(obj),)
        return NotImplemented


def _asn1_loaded(kind: Any, der: bytes) -> Any:
    return kind.load(der)


@dataclass(frozen=True)
class _Worker:
    process: Any
    connection: Any


def _crashed(item: Item, worker: _Worker) -> list[SignatureReport]:
    worker.process.join(timeout=STOP_GRACE)
    return _lost(item, f"the verifying process stopped, exit code {worker.process.exitcode}")


def _lost(item: Item, reason: str) -> list[SignatureReport]:
    """The verdict of an item whose worker died or ran out of memory in it: nothing was
    concluded about the signature (INDETERMINATE), the machine failed (GENERIC)."""
    return [
        failed_signature(
            item.signature.path,
            validator_for(item).format,
            Indication.INDETERMINATE,
            SubIndication.GENERIC,
            Check(
                "validation",
                None,
                Worded(N_("could not be processed ({error})"), error=reason),
            ),
            document=item.signed_path,
        )
    ]


def _reap(process: Any) -> None:
    process.join(timeout=STOP_GRACE)
    if process.is_alive():
        process.terminate()
        process.join(timeout=STOP_GRACE)
    if process.is_alive():
        process.kill()
        process.join()
    process.close()


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _main_left_out() -> Iterator[None]:
    """``spawn`` makes a new process import the parent's ``__main__`` (to find functions defined
    there); our worker lives in this module, and the desktop app's main would load Qt into every
    worker. A bare module stands in for ``__main__`` while the process is launched."""
    with _MAIN_LOCK:
        real = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = real


# --- in the worker process --------------------------------------------------------------------


class _PipeChannel:
    """A ``FetchChannel`` to the parent's ``FetchService``, over the worker's pipe. The service
    gives one answer per question for the whole run, so each question crosses the pipe once."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._answers: dict[Any, Any] = {}

    def ask(self, request: Any) -> Any:
        answer = self._answers.get(request)
        if answer is None:
            self._connection.send(("fetch", request))
            answer = self._answers[request] = self._connection.recv()
        return answer


class _SharedCancel(CancelToken):
    """The run's cancellation, set by the parent (a ``multiprocessing`` event)."""

    def __init__(self, event: Any) -> None:
        self._event = event


def _worker_main(
    connection: Any, portable_settings: bytes, cancel: Any, kinds: frozenset[Kind]
) -> None:
    """Validate the items the parent sends until it says stop or goes away; the libraries that
    validate ``kinds`` imported, and the run's validation spec built, before saying ready."""
    # Ctrl+C reaches every process of the terminal: the parent decides, and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    settings: VerificationSettings = pickle.loads(portable_settings)
    fetchers = None
    if not settings.offline:
        from ..validation_data.shared_fetch import SharedFetcherBackend

        fetchers = SharedFetcherBackend(_PipeChannel(connection))
    with VerificationContext(settings, _SharedCancel(cancel), fetchers) as context:
        preload(kinds)
        context.spec  # noqa: B018 - built once, now
        try:
            connection.send(("ready",))
        except OSError:  # the run stopped while this worker started (cancelled, say)
            return
        while True:
            try:
                message = connection.recv()
            except (OSError, EOFError):
                return
            if message[0] != "item":
                return
            _, index, item = message
            try:
                reports = validated(pickle.loads(item), context)
            except Cancelled:
                connection.send(("cancelled", index))
                return
            except MemoryError:  # this item's verdict; the worker, maybe fragmented, ends
                connection.send(("lost", index, "out of memory"))
                return
            try:
                answer: tuple[Any, ...] = ("done", index, portable(reports))
            except Exception as exc:  # a report that cannot travel is this item's problem only
                answer = ("lost", index, f"its report could not be sent back: {one_line(exc)}")
            connection.send(answer)
