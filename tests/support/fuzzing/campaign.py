"""The campaign loop: make each mutant, ask the oracle, verify it in a worker, judge the outcome.

A problem is anything the issue forbids: an exception out of ``verify_paths`` (or out of the
JSON and terminal renderings of its report), a child killed at the time cap, dead or out of
memory, "unexpected error" or a traceback in any message, a message of several lines, and
TOTAL_PASSED on a signature whose signed content the oracle saw change. Each problem gets a
class (kind, exception type, innermost frame) so that a thousand crashes of one bug read as one.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import oracle as oracle_module
from .corpus import Seed, write_folder
from .mutators import Mutant, make_mutant
from .oracle import Claim, Oracle
from .runner import Worker


@dataclass(frozen=True)
class Bounds:
    time_cap: float = 10.0
    """Seconds per input; the child is killed after it."""
    memory_mb: int = 512
    """Peak memory growth per input (above the worker's own) that counts as a blow-up."""


@dataclass
class Record:
    number: int
    seed: str
    format: str
    index: int
    mutation: str
    outcome: str
    seconds: float
    peak_kb: int
    growth_kb: int
    claim: list[str]
    touched: bool
    problems: list[str]
    detail: dict[str, Any] = field(default_factory=dict)


def _normalise(message: str) -> str:
    return re.sub(r"\d+", "N", message)[:90]


def outcome_class(outcome: dict[str, Any]) -> str:
    kind = outcome["kind"]
    if kind == "exception":
        frames = outcome["frames"] or ["?"]
        ours = [f for f in frames if f.startswith("paraphe/")] or ["?"]
        where = frames[-1] if ours[-1] == frames[-1] else f"{frames[-1]} via {ours[-1]}"
        return f"exception {outcome['type']} @ {where}"
    if kind == "crash":
        return f"crash signal={outcome['signal']} exit={outcome['exit']}"
    if kind != "report":
        return kind
    verdicts = sorted({f"{s['indication']}/{s['sub']}" for s in outcome["signatures"]})
    parts = verdicts or ["no signature"]
    if outcome["errors"]:
        parts.append("input error")
    if outcome["orphans"]:
        parts.append("orphan")
    return " + ".join(parts)


def judge(outcome: dict[str, Any], claim: Claim, bounds: Bounds) -> list[str]:
    kind = outcome["kind"]
    if kind != "report":
        if kind == "exception" and outcome["type"] == "MemoryError":
            return [f"memory: MemoryError under the address-space limit @ {outcome['frames'][-1:]}"]
        return [outcome_class(outcome)]
    problems = []
    for text in outcome["marked"]:
        problems.append(f"message: {_normalise(text.strip().splitlines()[0])[:60]}")
    for text in outcome["multiline"]:
        problems.append(f"multi-line message: {_normalise(text.strip().splitlines()[0])[:30]}")
    growth = outcome["peak_kb"] - outcome["baseline_kb"]
    if growth > bounds.memory_mb << 10:
        problems.append(f"memory: peak grew by {growth >> 10} MB")
    for signature in outcome["signatures"]:
        if signature["indication"] == "TOTAL_PASSED" and claim.forbids_pass(signature["id"]):
            problems.append(f"false pass: {claim.reasons[0]}")
    return problems


@dataclass
class Campaign:
    """Inputs made round-robin over the seeds; ``run`` stops at the time or input budget."""

    corpus: Sequence[Seed]
    workers: Sequence[Worker]
    scratch: Path
    seed: int = 0
    bounds: Bounds = field(default_factory=Bounds)
    findings: Path | None = None
    """Where each failing input is written (a folder per input), if anywhere."""
    records: list[Record] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.oracle = Oracle(list(self.corpus))
        self._ranges = {s.name: oracle_module.signed_ranges(s) for s in self.corpus}
        self._lock = threading.Lock()

    def mutant(self, number: int) -> Mutant:
        seed = self.corpus[number % len(self.corpus)]
        return make_mutant(seed, self.corpus, self.seed, number // len(self.corpus))

    def _one(self, number: int, worker: Worker, slot: int) -> Record:
        mutant = self.mutant(number)
        seed = mutant.seed
        claim = self.oracle.claim(seed, mutant.files, mutant.forbidden_update)
        span = oracle_module.changed_span(seed.files[seed.target], mutant.files[seed.target])
        touched = oracle_module.touches(self._ranges[seed.name], span) or (
            seed.document is not None and mutant.files[seed.document] != seed.files[seed.document]
        )
        folder = write_folder(mutant.files, self.scratch / f"slot-{slot}" / "input")
        outcome = worker.verify(folder)
        problems = judge(outcome, claim, self.bounds)
        record = Record(
            number=number,
            seed=seed.name,
            format=seed.format,
            index=mutant.index,
            mutation=mutant.label,
            outcome=outcome_class(outcome),
            seconds=round(float(outcome.get("seconds", 0.0)), 4),
            peak_kb=int(outcome.get("peak_kb", 0)),
            growth_kb=int(outcome.get("peak_kb", 0)) - int(outcome.get("baseline_kb", 0)),
            claim=list(claim.reasons),
            touched=touched,
            problems=problems,
            detail={
                k: outcome[k] for k in ("signatures", "errors", "frames", "message") if k in outcome
            },
        )
        if problems and self.findings is not None:
            self._keep(record, mutant)
        return record

    def _keep(self, record: Record, mutant: Mutant) -> None:
        problem = f"[{record.format}] {record.problems[0]}"
        digest = hashlib.sha256(problem.encode()).hexdigest()[:6]  # classes that start alike
        slug = re.sub(r"[^A-Za-z0-9]+", "-", problem)[:60].strip("-") + f"-{digest}"
        target = self.findings / slug / f"{record.seed}-{record.index}"  # type: ignore[operator]
        write_folder(mutant.files, target / "input")
        write_folder(mutant.seed.files, target / "seed")  # to diff against
        (target / "record.json").write_text(json.dumps(asdict(record), indent=2, default=str))

    def run(
        self,
        seconds: float | None = None,
        max_inputs: int | None = None,
        on_record: Callable[[Record], None] | None = None,
    ) -> list[Record]:
        deadline = None if seconds is None else time.monotonic() + seconds
        counter = iter(range(max_inputs if max_inputs is not None else 1 << 62))

        def loop(worker: Worker, slot: int) -> None:
            while deadline is None or time.monotonic() < deadline:
                with self._lock:
                    number = next(counter, None)
                if number is None:
                    return
                record = self._one(number, worker, slot)
                with self._lock:
                    self.records.append(record)
                    if on_record is not None:
                        on_record(record)

        with ThreadPoolExecutor(len(self.workers)) as pool:
            futures = [pool.submit(loop, w, slot) for slot, w in enumerate(self.workers)]
            for future in futures:
                future.result()
        self.records.sort(key=lambda r: r.number)
        return self.records


# --- figures -----------------------------------------------------------------------------------


def distinct_problems(records: Sequence[Record]) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {}
    for record in records:
        for problem in record.problems:
            found.setdefault(f"[{record.format}] {problem}", []).append(record)
    return found


def figures(records: Sequence[Record], elapsed: float, slowest: int = 5) -> str:
    lines = [
        f"inputs: {len(records)} in {elapsed:.1f} s ({len(records) / max(elapsed, 1e-9):.1f}/s)"
    ]
    for fmt, count in sorted(Counter(r.format for r in records).items()):
        lines.append(f"  {fmt}: {count}")
    touched = [r for r in records if r.touched]
    claimed = [r for r in records if r.claim]
    equal_passed = [r for r in touched if not r.claim and "TOTAL_PASSED" in r.outcome]
    lines.append(
        f"signed bytes touched: {len(touched)}; signed content changed (oracle): {len(claimed)};"
        f" touched, content equal, passed: {len(equal_passed)}"
    )
    lines.append("outcomes:")
    for outcome, count in Counter(r.outcome for r in records).most_common():
        lines.append(f"  {count:6d}  {outcome}")
    lines.append(f"slowest {slowest}:")
    for record in sorted(records, key=lambda r: r.seconds, reverse=True)[:slowest]:
        lines.append(f"  {record.seconds:7.3f} s  {record.seed}#{record.index}  {record.mutation}")
    if records:
        peak = max(records, key=lambda r: r.growth_kb)
        lines.append(
            f"peak memory: {max(r.peak_kb for r in records) >> 10} MB RSS;"
            f" largest growth {peak.growth_kb >> 10} MB ({peak.seed}#{peak.index} {peak.mutation})"
        )
    problems = distinct_problems(records)
    lines.append(
        f"problems: {sum(len(r.problems) > 0 for r in records)} inputs, {len(problems)} classes"
    )
    for name, hits in sorted(problems.items(), key=lambda item: -len(item[1])):
        first = hits[0]
        lines.append(f"  {len(hits):5d}  {name}")
        lines.append(f"         e.g. {first.seed}#{first.index}: {first.mutation}")
    return "\n".join(lines)


def clean(scratch: Path) -> None:
    shutil.rmtree(scratch, ignore_errors=True)
