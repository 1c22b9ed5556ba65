"""A tender verified on every core: worker processes, one revocation cache, the serial report.

The corpus is made once for the module with the test PKI, served on 127.0.0.1 with every request
it receives counted: detached XAdES and CAdES tokens by Paraphe's signer and by ``openssl cms``,
signed PDFs, a revoked signer, a tampered document and a token without its document, so that
the reports compared hold every kind of verdict, not only passes.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paraphe.core.errors import Cancelled
from paraphe.core.progress import CancelToken
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import load_certificates
from paraphe.core.validation import parallel
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.inputs.discovery import Found, Kind
from paraphe.core.validation.report import RevocationSource, ValidationReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.support import pki as test_pki
from tests.support.signing import sign_with
from tests.support.third_party import openssl_sign

SAMPLE_PDF = Path(test_pki.__file__).resolve().parents[2] / "app/paraphe/resources/samples"


class _Counter:
    """Requests the served PKI receives, by path (``/paraphe-test/ocsp/intermediate``...)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paths: collections.Counter[str] = collections.Counter()

    def wrap(self, application: Any) -> Any:
        def counted(server: Any, environ: dict[str, Any], start_response: Any) -> Any:
            with self.lock:
                self.paths[environ.get("PATH_INFO", "?")] += 1
            return application(server, environ, start_response)

        return counted

    def reset(self) -> None:
        with self.lock:
            self.paths.clear()

    def of(self, service: str) -> dict[str, int]:
        with self.lock:
            return {p: n for p, n in self.paths.items() if f"/{service}/" in p}


@pytest.fixture(scope="module")
def counted_pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, _Counter]]:
    """A PKI of the module's own, its server's WSGI application wrapped by the counter (the
    server hands werkzeug its bound ``_wsgi`` when it is made: wrapped on the class first)."""
    counter = _Counter()
    original = test_pki.PkiServer._wsgi
    test_pki.PkiServer._wsgi = counter.wrap(original)  # type: ignore[method-assign]
    try:
        served = test_pki.build_test_pki(tmp_path_factory.mktemp("counted-pki"), serve=True)
    finally:
        test_pki.PkiServer._wsgi = original  # type: ignore[method-assign]
    with served:
        yield served, counter


@pytest.fixture(scope="module")
def tender(counted_pki: tuple[Any, _Counter], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """32 signature files: 10 documents with a XAdES and a CAdES token each (the rsa persona),
    4 with an ``openssl cms`` token (rsa), 4 signed PDFs (ecdsa), 2 tokens by the revoked
    persona, 1 token whose document was changed after signing, 1 token without its document."""
    pki, _ = counted_pki
    folder = tmp_path_factory.mktemp("tender")
    documents = []
    for number in range(10):
        document = folder / f"Pièce {number:02d}.txt"
        document.write_text(f"Offre, pièce {number}\n" * (50 + number), encoding="utf-8")
        documents.append(document)
    for signature_format in (SignatureFormat.XADES, SignatureFormat.CADES):
        sign_with(pki, "rsa", SignRequest(documents=tuple(documents), format=signature_format))
    for number in range(4):
        document = folder / f"Annexe {number}.txt"
        document.write_text(f"Annexe {number}\n", encoding="utf-8")
        openssl_sign(pki, document, folder / f"Annexe {number}.txt - Signature 1.p7s")
    pdfs = []
    for number in range(4):
        pdf = folder / f"Acte {number}.pdf"
        shutil.copyfile(SAMPLE_PDF / "Acte d'engagement.pdf", pdf)
        pdfs.append(pdf)
    sign_with(pki, "ecdsa", SignRequest(documents=tuple(pdfs), format=SignatureFormat.PADES))
    for pdf in pdfs:
        pdf.unlink()  # only the signed copies remain
    revoked = [folder / f"Révoqué {n}.txt" for n in range(2)]
    for document in revoked:
        document.write_text("signé par un certificat révoqué\n", encoding="utf-8")
    sign_with(pki, "revoked", SignRequest(documents=tuple(revoked), format=SignatureFormat.CADES))
    tampered = folder / "Modifié.txt"
    tampered.write_text("avant\n", encoding="utf-8")
    sign_with(pki, "rsa", SignRequest(documents=(tampered,), format=SignatureFormat.XADES))
    tampered.write_text("après\n", encoding="utf-8")
    lost = folder / "Perdu.txt"
    lost.write_text("ce document sera absent\n", encoding="utf-8")
    sign_with(pki, "rsa", SignRequest(documents=(lost,), format=SignatureFormat.CADES))
    lost.unlink()
    return folder


def settings_of(pki: Any) -> VerificationSettings:
    """Online (OCSP and CRLs from the served PKI), trusting the test root, no EU lists."""
    return VerificationSettings(trust_roots=tuple(load_certificates(pki.root_cert)))


def comparable(report: ValidationReport) -> dict[str, Any]:
    """The whole JSON report but the run's own time (also the time a qualification is judged
    at when the signature gives none: "validation", the run's now)."""
    data = report.to_json_dict()
    del data["validation_time"]
    for document in data["documents"]:
        for signature in document["signatures"]:
            qualification = signature.get("qualification") or {}
            if qualification.get("time_source") == "validation":
                del qualification["at"]
    return data


def test_the_parallel_report_is_the_serial_one(
    counted_pki: tuple[Any, _Counter], tender: Path
) -> None:
    """Same documents in the same order, same signatures with the same verdicts and details:
    the workers change where the work runs, not what it concludes. The corpus's verdicts are
    checked too, so that an equality of two broken reports cannot pass: the good signatures
    TOTAL_PASSED with their revocation status from OCSP, the revoked signer REVOKED (EN 319
    102-1 5.6.2.4: revoked, no proof of existence before), the changed document HASH_FAILURE,
    the token without its document an orphan."""
    pki, _ = counted_pki
    serial = verify_paths([tender], settings_of(pki), workers=0)
    in_workers = verify_paths([tender], settings_of(pki), workers=2)

    assert comparable(in_workers) == comparable(serial)
    verdicts = collections.Counter(
        (s.indication, s.subindication) for s in in_workers.all_signatures()
    )
    assert verdicts == {
        (Indication.TOTAL_PASSED, None): 28,  # 10 XAdES + 10 CAdES + 4 openssl + 4 PAdES
        (Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE): 2,
        (Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE): 1,
    }
    passed = [s for s in in_workers.all_signatures() if s.indication is Indication.TOTAL_PASSED]
    assert {s.revocation.source for s in passed if s.revocation} == {RevocationSource.OCSP}
    assert [o.signature_path.name for o in in_workers.orphan_signatures] == [
        "Perdu.txt - Signature 1.p7s"
    ]


def test_each_ocsp_response_is_fetched_once_for_the_whole_run(
    counted_pki: tuple[Any, _Counter], tender: Path
) -> None:
    """31 signatures by three signers (rsa, ecdsa, revoked), validated by two workers: the
    responder is asked once per signer certificate, however many signatures and processes need
    the answer (pyHanko alone asks once per signature); the intermediate's CRL once too."""
    pki, counter = counted_pki
    counter.reset()
    report = verify_paths([tender], settings_of(pki), workers=2)

    assert len(report.all_signatures()) == 31
    assert counter.of("ocsp") == {"/paraphe-test/ocsp/intermediate": 3}
    assert all(n == 1 for n in counter.of("crls").values())


def test_progress_counts_every_item_up_to_the_total(
    counted_pki: tuple[Any, _Counter], tender: Path
) -> None:
    """One call per signature file (the orphan token included), in increasing order, on the
    calling thread, the last one saying total of total; ``on_item`` names each file once."""
    pki, _ = counted_pki
    counts: list[tuple[int, int]] = []
    threads: set[int] = set()
    named: list[str] = []

    def on_progress(done: int, total: int, name: str) -> None:
        counts.append((done, total))
        threads.add(threading.get_ident())

    verify_paths(
        [tender], settings_of(pki), on_item=named.append, on_progress=on_progress, workers=2
    )

    total = 32
    assert counts == [(n, total) for n in range(1, total + 1)]
    assert threads == {threading.get_ident()}
    assert len(named) == len(set(named)) == total


def test_a_cancelled_run_stops_its_workers_and_leaves_nothing(
    counted_pki: tuple[Any, _Counter],
    tender: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stop pressed after the first few results ends the run with ``Cancelled`` (no partial
    report), no worker process left running, nothing left in the temporary folder."""
    pki, _ = counted_pki
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # the workers' temporary folder
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # and this process's
    cancel = CancelToken()

    def on_progress(done: int, total: int, name: str) -> None:
        if done == 5:
            cancel.cancel()

    with pytest.raises(Cancelled):
        verify_paths([tender], settings_of(pki), cancel=cancel, on_progress=on_progress, workers=2)

    assert multiprocessing.active_children() == []
    assert list(temporary.iterdir()) == []


def test_a_run_cancelled_while_its_workers_start_leaves_nothing(
    counted_pki: tuple[Any, _Counter],
    tender: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Stopped during discovery, just after its workers were started early: ``Cancelled``, the
    workers stopped while they import their libraries, no process left, nothing printed (a
    worker that gets ready after the run stopped leaves quietly)."""
    pki, _ = counted_pki
    cancel = CancelToken()
    start = parallel.WorkerPool.start

    def start_then_cancel(pool: parallel.WorkerPool) -> None:
        start(pool)
        cancel.cancel()

    monkeypatch.setattr(parallel.WorkerPool, "start", start_then_cancel)
    with pytest.raises(Cancelled):
        verify_paths([tender], settings_of(pki), cancel=cancel, workers=2)

    assert multiprocessing.active_children() == []
    assert "Traceback" not in capfd.readouterr().err


def test_a_worker_that_dies_costs_only_its_own_file(
    counted_pki: tuple[Any, _Counter], tmp_path: Path
) -> None:
    """A worker killed while it validates one token (as the system's out-of-memory killer or a
    crash in a C library would) gives that token INDETERMINATE/GENERIC, "could not be
    processed", never a pass nor a failure of the signature; a new worker validates the rest,
    whose verdicts are those of the serial run.

    One worker, and a document of 256 MiB (sparse: cheap to write, still hashed in full) that
    keeps it busy for a while: the kill lands inside that item."""
    pki, _ = counted_pki
    folder = tmp_path / "tender"
    folder.mkdir()
    big = folder / "Gros dossier.bin"
    with open(big, "wb") as out:
        out.truncate(256 << 20)
    small = []
    for number in range(4):
        document = folder / f"Pièce {number}.txt"
        document.write_text(f"pièce {number}\n", encoding="utf-8")
        small.append(document)
    sign_with(pki, "rsa", SignRequest(documents=(big, *small), format=SignatureFormat.CADES))
    victim = f"{big} - Signature 1.p7s"

    def on_item(name: str) -> None:
        if name == victim:
            for worker in multiprocessing.active_children():
                if worker.name == "paraphe-verify-worker":
                    os.kill(worker.pid, 9)

    report = verify_paths([folder], settings_of(pki), on_item=on_item, workers=1)

    by_token = {s.signature_path.name: s for s in report.all_signatures()}
    lost = by_token.pop("Gros dossier.bin - Signature 1.p7s")
    assert (lost.indication, lost.subindication) == (
        Indication.INDETERMINATE,
        SubIndication.GENERIC,
    )
    assert "could not be processed (the verifying process stopped" in lost.checks[0].detail
    assert {(s.indication, s.subindication) for s in by_token.values()} == {
        (Indication.TOTAL_PASSED, None)
    }
    assert len(by_token) == 4
    assert multiprocessing.active_children() == []


def test_a_damaged_token_in_a_worker_is_a_verdict_for_that_file(
    counted_pki: tuple[Any, _Counter], tender: Path, tmp_path: Path
) -> None:
    """A token whose bytes are garbage (named like a CAdES token, not a CMS structure) fails in
    its worker as in the serial run, with a non-passing verdict of its own (EN 319 102-1 5.2.2:
    a signature that cannot be parsed is a FORMAT_FAILURE); every other signature keeps its
    verdict, and the two reports are the same."""
    pki, _ = counted_pki
    folder = tmp_path / "tender"
    shutil.copytree(tender, folder)
    damaged = folder / "Pièce 03.txt - Signature 1.p7s"
    damaged.write_bytes(b"\x30\x82\xff\xff" + b"not a signature" * 20)

    serial = verify_paths([folder], settings_of(pki), workers=0)
    in_workers = verify_paths([folder], settings_of(pki), workers=2)

    assert comparable(in_workers) == comparable(serial)
    [broken] = [s for s in in_workers.all_signatures() if s.signature_path == damaged]
    assert broken.indication is not Indication.TOTAL_PASSED
    assert broken.subindication is SubIndication.FORMAT_FAILURE
    others = [s for s in in_workers.all_signatures() if s.signature_path != damaged]
    assert sum(s.indication is Indication.TOTAL_PASSED for s in others) == 27


def test_few_signatures_are_validated_without_workers(
    counted_pki: tuple[Any, _Counter], tender: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below the threshold no process is started: starting one costs more than a few
    signatures (``parallel.PARALLEL_THRESHOLD``)."""
    pki, _ = counted_pki
    assert parallel.worker_count(parallel.PARALLEL_THRESHOLD - 1) == 0
    started: list[object] = []
    monkeypatch.setattr(parallel.WorkerPool, "start", lambda self: started.append(self))

    tokens = [tender / f"Pièce 00.txt - Signature 1.{suffix}" for suffix in ("xml", "p7s")]
    report = verify_paths(tokens, settings_of(pki))

    assert started == []
    assert len(report.all_signatures()) == 2


def test_paraphe_verify_progress_counts_on_stderr(
    counted_pki: tuple[Any, _Counter], tender: Path, run_paraphe: Any
) -> None:
    """``paraphe verify --progress`` shows, as ``sign --progress`` does, a rewritten line on
    stderr ending at the whole count; the verdicts on stdout are unchanged (the revoked and the
    tampered signatures make the exit code 1: some failed)."""
    pki, _ = counted_pki
    done = run_paraphe("verify", "--progress", "--no-eu-trust", "--trust", pki.root_cert, tender)

    assert done.returncode == 1, done.stderr
    assert "[32/32]" in done.stderr and "100%" in done.stderr
    assert "31 signature(s): 28 valid, 1 failed, 2 indeterminate." in done.stdout


def _found(kind: Kind, count: int) -> list[Found]:
    return [Found(Path(f"f{n}"), kind, f"f{n}") for n in range(count)]


def test_workers_start_while_discovery_walks_once_enough_signatures_are_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pool starts when discovery has found ``PARALLEL_THRESHOLD`` signature files, not
    counting documents and containers (validated in the calling process), and its workers
    import the validators of the kinds found so far; the run then uses that pool."""
    started: list[parallel.WorkerPool] = []
    monkeypatch.setattr(parallel, "worker_count", lambda items: 2 if items >= 48 else 0)
    monkeypatch.setattr(parallel.WorkerPool, "start", lambda self: started.append(self))
    early = parallel.EarlyStart(None, VerificationSettings(trust_roots=()), None)

    early.found(_found(Kind.DOCUMENT, 100) + _found(Kind.ASIC, 10))
    early.found(_found(Kind.CADES, 47))
    assert started == []
    early.found(_found(Kind.PDF, 1))
    assert len(started) == 1 and started[0].kinds == {Kind.CADES, Kind.PDF}
    early.found(_found(Kind.XADES, 10))
    assert len(started) == 1

    assert early.pool(58) is started[0]


def test_an_early_pool_the_run_does_not_need_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many signature files but few items once paired (orphans, say): the run is serial and the
    workers started early are stopped; a pool asked for by number starts once as many
    signatures were found (``--workers 16`` on two tokens starts two processes, at the end)."""
    started: list[parallel.WorkerPool] = []
    stopped: list[bool] = []
    monkeypatch.setattr(parallel, "worker_count", lambda items: 2 if items >= 48 else 0)
    monkeypatch.setattr(parallel.WorkerPool, "start", lambda self: started.append(self))
    monkeypatch.setattr(
        parallel.WorkerPool, "stop", lambda self, cancelled: stopped.append(cancelled)
    )
    early = parallel.EarlyStart(None, VerificationSettings(trust_roots=()), None)
    early.found(_found(Kind.CADES, 60))

    assert early.pool(12) is None
    assert len(started) == 1 and stopped == [True]

    asked = parallel.EarlyStart(3, VerificationSettings(trust_roots=()), None)
    asked.found(_found(Kind.XADES, 2))
    assert len(started) == 1
    asked.found(_found(Kind.XADES, 1))
    assert len(started) == 2
    assert asked.pool(1) is None  # one item: nothing to share
    with parallel.EarlyStart(3, VerificationSettings(trust_roots=()), None) as unused:
        unused.found(_found(Kind.CADES, 5))
    assert len(started) == 3 and stopped == [True, True, True]

    many = parallel.EarlyStart(16, VerificationSettings(trust_roots=()), None)
    many.found(_found(Kind.CADES, 2))
    assert len(started) == 3  # not 16 processes for two tokens
    pool = many.pool(2)
    assert pool is started[3] and pool is not None
    assert len(pool._drivers) == 2
