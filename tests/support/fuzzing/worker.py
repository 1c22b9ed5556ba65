"""The child side of the runner: ``python -m tests.support.fuzzing.worker CONFIG``.

It imports the engine once, then for each folder named on standard input forks a child that
verifies it under an address-space limit (RLIMIT_AS) and is killed at the time cap, and answers
one JSON line: the outcome (the report's verdicts and messages, or the exception that escaped
``verify_paths``, or how the child died), the time taken and the child's peak memory. Forking
keeps each input isolated (a leak, a hang or a crash ends with its child) at the price of a few
milliseconds, where a fresh interpreter would cost a second.

CONFIG is JSON: ``trust_root`` (PEM path), ``crls`` (DER paths), ``time_cap`` (seconds),
``memory_cap_mb`` (address space granted above the worker's own), ``warm_up`` (folders verified
once in the worker so the children start warm).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import select
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

MARKERS = ("unexpected error", "Traceback (most recent call last)")


def _settings(config: dict[str, Any]) -> Any:
    from asn1crypto import crl

    from paraphe.core.errors import Notice
    from paraphe.core.trust import load_certificates
    from paraphe.core.validation.settings import VerificationSettings

    root = Path(config["trust_root"])
    return VerificationSettings(
        trust_roots=tuple(load_certificates(root)),
        trust_sources=(Notice("file {path} ({count})", root, count=1),),
        offline=True,
        known_crls=tuple(crl.CertificateList.load(Path(p).read_bytes()) for p in config["crls"]),
    )


def _frames(exc: BaseException) -> list[str]:
    """Where it was raised (innermost last), paths shortened to the package."""
    shown = []
    for frame in traceback.extract_tb(exc.__traceback__):
        path = frame.filename
        for anchor in ("site-packages/", "/app/"):
            if anchor in path:
                path = path.split(anchor, 1)[1]
        shown.append(f"{path}:{frame.lineno} {frame.name}")
    return shown


def _texts(report: Any) -> list[str]:
    """Every message a user can read in the report."""
    texts = [e.message for e in report.errors] + [o.reason for o in report.orphan_signatures]
    for signature in report.all_signatures():
        texts.append(signature.explanation or "")
        texts += [check.detail for check in signature.checks]
    return texts


def _describe(report: Any) -> dict[str, Any]:
    from paraphe.cli.commands.verify import print_summary

    rendered = json.dumps(report.to_json_dict(), ensure_ascii=False)  # what --json prints
    with contextlib.redirect_stdout(io.StringIO()) as summary:
        print_summary(report, colour=False)  # what the terminal shows
    texts = _texts(report)
    return {
        "kind": "report",
        "signatures": [
            {
                "file": Path(s.signature_path).name,
                "id": s.signature_id,
                "indication": s.indication.value,
                "sub": s.subindication.code if s.subindication else None,
                "checks": [f"{c.name}: {c.detail}" for c in s.checks if c.passed is not True],
            }
            for s in report.all_signatures()
        ],
        "errors": [e.message for e in report.errors],
        "orphans": len(report.orphan_signatures),
        "unsigned": len(report.unsigned_documents),
        "marked": (
            [text for text in texts if any(marker in text for marker in MARKERS)]
            or [t for t in (rendered, summary.getvalue()) if any(m in t for m in MARKERS)]
        )[:3],
        "multiline": [text for text in texts if "\n" in text.strip()][:3],
    }


def _child(folder: Path, settings: Any, write: int) -> None:
    from paraphe.core import aio
    from paraphe.core.validation.verifier import verify_paths

    aio._local.loop = None  # never share the worker's event loop (its selector) with a child
    rss_start = _status_kb("VmRSS")
    started = time.perf_counter()
    try:
        outcome = _describe(verify_paths([folder], settings))
    except BaseException as exc:  # the point: anything that escapes the engine is recorded
        outcome = {
            "kind": "exception",
            "type": type(exc).__name__,
            "message": str(exc)[:300],
            "frames": _frames(exc),
        }
    outcome["seconds"] = time.perf_counter() - started
    outcome["baseline_kb"], outcome["peak_kb"] = rss_start, _status_kb("VmHWM")
    payload = json.dumps(outcome, default=str).encode()
    view = memoryview(payload)
    while view:
        written = os.write(write, view)
        view = view[written:]


def _status_kb(field: str) -> int:
    """A figure of /proc/self/status (VmRSS, VmHWM: peak RSS, VmSize: address space), in kB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    return 0


def run_one(folder: Path, settings: Any, time_cap: float, memory_cap: int) -> dict[str, Any]:
    baseline = _status_kb("VmRSS")
    read, write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)  # standard output is the channel to the parent: keep it clean
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            limit = (_status_kb("VmSize") << 10) + memory_cap
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            _child(folder, settings, write)
        finally:
            os._exit(0)
    os.close(write)
    chunks, timed_out = [], False
    while True:
        left = started + time_cap - time.monotonic()
        if left <= 0:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        ready, _, _ = select.select([read], [], [], left)
        if ready:
            chunk = os.read(read, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.monotonic() - started
    # the child's own figures when it answered (its peak RSS since the fork, and its RSS then);
    # else what the kernel kept: its maximum RSS, and the worker's RSS at the fork
    measures = {"wall": elapsed, "peak_kb": usage.ru_maxrss, "baseline_kb": baseline}
    if timed_out:
        return {"kind": "timeout", "seconds": elapsed, **measures}
    try:
        outcome: dict[str, Any] = json.loads(b"".join(chunks))
    except ValueError:
        died = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        outcome = {"kind": "crash", "signal": died, "exit": code, "seconds": elapsed}
    return {**measures, **outcome}


def main() -> None:
    config = json.loads(sys.argv[1])
    from paraphe.core.validation.verifier import verify_paths

    settings = _settings(config)
    for folder in config.get("warm_up", ()):
        verify_paths([Path(folder)], settings)
    time_cap, memory_cap = float(config["time_cap"]), int(config["memory_cap_mb"]) << 20
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        result = run_one(Path(job["folder"]), settings, time_cap, memory_cap)
        print(json.dumps({"id": job["id"], **result}), flush=True)


if __name__ == "__main__":
    main()
