"""Time ``paraphe sign --level B-T`` against ``--level B-B``: the cost of a timestamp per file.

Run from the repository root:

    .venv/bin/python benchmarks/bench_levels.py [--count 200] [--repeat 3] [--work DIR] [--record]

For each format (XAdES, CAdES on ``--count`` small files; PAdES on as many small PDFs), one
``paraphe sign`` call over all the files at B-B and at B-T, and the same over the first file
alone (the fixed cost of a run: imports, session, the "is the TSA there" request), all timed in
alternation in a rotating order, together with the peer: ``--count`` raw RFC 3161 round trips to
the same TSA, one after another in one process (pyHanko's ``HTTPTimeStamper`` over one aiohttp
session, as paraphe uses it; and ``http.client`` posting ready-made queries over one keep-alive
connection, the transport and the TSA alone).

The TSA is the certomancer test PKI of ``tests/support/pki.py`` served on 127.0.0.1 from this
process (a werkzeug thread). Every request it receives is counted, with how many were in flight at
once and how long certomancer took to answer, by a wrapper around the served WSGI application.

Reported per format: seconds (median of ``--repeat``), files/s, the cost of B-T over B-B per file
((B-T - B-B) / count), that cost against one raw round trip, the ratio B-T/B-B, paraphe's extra CPU
per file, and the TSA requests per run and per file (goal: one round trip per file and nothing
more; requests may overlap).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import (  # the shared fixtures and report helpers
    GNU_TIME,
    REPO,
    RESULTS,
    describe_machine,
    fresh_dir,
    git_state,
    make_small_files,
    show_and_record,
)
from bench_verify import make_pdf

sys.path.insert(0, str(REPO))  # tests.support: the test PKI

DEFAULT_WORK = REPO / "benchmarks" / "work" / "levels"
PERSONA = "rsa"  # RSA-2048 signer of the test PKI
FORMATS = ("xades", "cades", "pades")
LABELS = {"xades": "XAdES", "cades": "CAdES", "pades": "PAdES"}
LEVELS = ("B-B", "B-T")
PDF_SET_VERSION = 1  # bump when the way the PDFs are made changes: they are then made again

# The DER of the signature-time-stamp attribute's OID (1.2.840.113549.1.9.16.2.14), as hex: in a
# .p7s as bytes, in a PDF's /Contents as hex digits.
SIGNATURE_TIMESTAMP_OID = bytes.fromhex("060b2a864886f70d010910020e")


# --------------------------------------------------------------------------------------------
# The peer: raw round trips, in a child process (it imports only what it measures)
# --------------------------------------------------------------------------------------------

RAW_CHILD = r"""
import time
import asyncio, hashlib, http.client, json, sys, urllib.parse
import aiohttp
from pyhanko.sign.timestamps import HTTPTimeStamper
job = json.loads(sys.argv[1])
url, count = job["url"], job["count"]


async def pyhanko_round_trips():
    times = []
    async with aiohttp.ClientSession() as session:
        stamper = HTTPTimeStamper(url, timeout=10, session=session)
        for i in range(count):
            digest = hashlib.sha256(b"pyhanko %d" % i).digest()
            start = time.perf_counter()
            await stamper.async_timestamp(digest, "sha256")  # query, POST, status and nonce check
            times.append(time.perf_counter() - start)
    return times


pyhanko_times = asyncio.run(pyhanko_round_trips())

# The same number of queries, made beforehand (with nonces), posted over one keep-alive connection.
maker = HTTPTimeStamper(url)
queries = [
    maker.request_cms(hashlib.sha256(b"http %d" % i).digest(), "sha256")[1].dump()
    for i in range(count)
]
where = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
http_times = []
for query in queries:
    start = time.perf_counter()
    connection.request("POST", where.path, body=query,
                       headers={"Content-Type": "application/timestamp-query"})
    answer = connection.getresponse()
    body = answer.read()
    http_times.append(time.perf_counter() - start)
    if answer.status != 200 or not body:
        sys.exit(f"HTTP {answer.status} from the TSA")
connection.close()
print(json.dumps({"pyhanko": pyhanko_times, "http": http_times}))
"""


# --------------------------------------------------------------------------------------------
# Counting what the TSA receives
# --------------------------------------------------------------------------------------------


class RequestCounter:
    """Requests received by the served PKI, by path; the most in flight at once; the time spent
    in certomancer's application per request (wall clock, in this process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.paths: collections.Counter[str] = collections.Counter()
            self.in_flight = 0
            self.most_in_flight = 0
            self.serve_times: list[float] = []

    def wrap(self, application: Any) -> Any:
        def counted(server: Any, environ: dict[str, Any], start_response: Any) -> Any:
            with self._lock:
                self.paths[environ.get("PATH_INFO", "?")] += 1
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
            start = time.perf_counter()
            try:
                # certomancer's Animator builds the whole answer before returning it
                return application(server, environ, start_response)
            finally:
                elapsed = time.perf_counter() - start
                with self._lock:
                    self.in_flight -= 1
                    self.serve_times.append(elapsed)

        return counted

    def snapshot(self) -> Counts:
        with self._lock:
            return Counts(dict(self.paths), self.most_in_flight, list(self.serve_times))


@dataclass
class Counts:
    paths: dict[str, int]
    most_in_flight: int
    serve_times: list[float]

    def tsa(self, tsa_path: str) -> int:
        return self.paths.get(tsa_path, 0)

    def others(self, tsa_path: str) -> int:
        return sum(n for p, n in self.paths.items() if p != tsa_path)


def serve_counted_pki(folder: Path, counter: RequestCounter) -> Any:
    """The test PKI, built afresh in ``folder`` and served on 127.0.0.1, every request counted.

    ``PkiServer`` hands its bound ``_wsgi`` to werkzeug when it is made: wrapping the method on
    the class before the build puts the counter in front of everything the server answers."""
    from tests.support import pki as test_pki

    original = test_pki.PkiServer._wsgi
    test_pki.PkiServer._wsgi = counter.wrap(original)  # type: ignore[method-assign]
    try:
        shutil.rmtree(folder, ignore_errors=True)
        return test_pki.build_test_pki(folder, serve=True)
    finally:
        test_pki.PkiServer._wsgi = original  # type: ignore[method-assign]


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


def make_pdfs(folder: Path, count: int) -> list[Path]:
    """``count`` one-to-few-page PDFs of 10-50 KB (bench_verify's writer); reused when there."""
    rng = random.Random(20261204)
    sizes = [rng.randint(10_000, 50_000) for _ in range(count)]
    paths = [folder / f"piece-{i:04d}.pdf" for i in range(count)]
    marker = folder / "made.json"
    wanted = {"version": PDF_SET_VERSION, "sizes": sizes}
    if (
        marker.is_file()
        and json.loads(marker.read_text()) == wanted
        and all(p.is_file() for p in paths)
    ):
        return paths
    print(f"writing {count} PDFs to {folder} ...", flush=True)
    fresh_dir(folder)
    for number, (path, size) in enumerate(zip(paths, sizes, strict=True)):
        make_pdf(path, size, number)
    marker.write_text(json.dumps(wanted))
    return paths


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float  # whole process, seconds
    cpu: float  # user + system seconds of the process (GNU time), 0 without it
    rss_kib: int
    counts: Counts = field(default_factory=lambda: Counts({}, 0, []))
    report: dict[str, Any] = field(default_factory=dict)  # what a child printed (JSON)


def run(argv: list[str], env: dict[str, str], work: Path, *, capture: bool = False) -> Sample:
    """One process: wall time, CPU time and peak RSS (GNU time, as in bench_sign.py)."""
    command = argv
    report = work / "time.txt"
    if GNU_TIME is not None:
        argv = [GNU_TIME, "-f", "%M %U %S", "-o", str(report), *argv]
    start = time.perf_counter()
    done = subprocess.run(
        argv, env=env, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - start
    errors = done.stderr.decode(errors="replace").strip()
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {shlex.join(command)[:400]}\n{errors}")
    if errors:
        print(f"  stderr of {Path(command[0]).name}: {errors[:400]}")
    rss, cpu = 0, 0.0
    if GNU_TIME is not None:
        fields = report.read_text().split()[-3:]
        rss, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
    return Sample(wall, cpu, rss, report=json.loads(done.stdout) if capture else {})


@dataclass(frozen=True)
class Setup:
    paraphe: list[str]
    env: dict[str, str]
    p12: Path
    password_file: Path
    tsa_url: str
    tsa_path: str
    files: dict[str, list[Path]]  # by format


def sign_argv(setup: Setup, files: list[Path], fmt: str, level: str, out: Path) -> list[str]:
    tsa = ["--tsa", setup.tsa_url] if level != "B-B" else []
    return [
        *setup.paraphe, "sign", *map(str, files),
        "--p12", str(setup.p12),
        "--password-file", str(setup.password_file),
        "--format", fmt,
        "--level", level,
        *tsa,
        "-q",
        "--out", str(out),
    ]  # fmt: skip


def check_outputs(folder: Path, fmt: str, level: str, count: int) -> None:
    """``count`` outputs, each with a signature timestamp at B-T and none at B-B."""
    pattern = {"xades": "* - Signature 1.xml", "cades": "* - Signature 1.p7s", "pades": "*.pdf"}
    produced = sorted(folder.glob(pattern[fmt]))
    if len(produced) != count:
        raise SystemExit(f"{fmt} {level}: {len(produced)} outputs for {count} files in {folder}")
    for path in produced:
        data = path.read_bytes()
        if fmt == "xades":
            stamped = b"SignatureTimeStamp>" in data
        elif fmt == "cades":
            stamped = SIGNATURE_TIMESTAMP_OID in data
        else:
            stamped = SIGNATURE_TIMESTAMP_OID.hex().encode() in data.lower()
        if stamped != (level != "B-B"):
            raise SystemExit(
                f"{path}: signature timestamp {'missing' if stamped is False else 'at B-B'}"
            )


def bench(setup: Setup, counter: RequestCounter, work: Path, repeat: int, count: int) -> dict:
    out = work / "out"
    keys = [(fmt, level, n) for fmt in FORMATS for n in (count, 1) for level in LEVELS]
    keys.append(("raw", "", count))
    samples: dict[tuple[str, str, int], list[Sample]] = {key: [] for key in keys}
    print(f"\n== {count} files per format, B-B and B-T, and the first file alone;"
          f" {repeat} run(s) each ==")  # fmt: skip
    for paths in setup.files.values():  # in the page cache
        for path in paths:
            path.read_bytes()
    for rep in range(repeat):
        shift = rep * 5 % len(keys)  # rotate the order: no command always follows the same one
        for key in keys[shift:] + keys[:shift]:
            fmt, level, n = key
            counter.reset()
            if fmt == "raw":
                job = json.dumps({"url": setup.tsa_url, "count": n})
                sample = run([sys.executable, "-c", RAW_CHILD, job], setup.env, work, capture=True)
            else:
                folder = fresh_dir(out / f"{fmt}-{level}-{n}")
                files = setup.files[fmt][:n]
                sample = run(sign_argv(setup, files, fmt, level, folder), setup.env, work)
                check_outputs(folder, fmt, level, n)
            sample.counts = counter.snapshot()
            samples[key].append(sample)
            requests = sample.counts.tsa(setup.tsa_path)
            name = "raw round trips" if fmt == "raw" else f"{fmt} {level}"
            print(f"  run {rep + 1} {name:16} {n:4} files {sample.wall:7.2f} s"
                  f"  cpu {sample.cpu:6.2f} s  TSA requests {requests:4}"
                  f" (at most {sample.counts.most_in_flight} at once)")  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    return samples


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f}-{max(values):.{digits}f}"


def distinct(values: list[int]) -> str:
    return "/".join(str(v) for v in sorted(set(values)))


def tables(samples: dict, setup: Setup, count: int, repeat: int) -> list[str]:
    tsa_path = setup.tsa_path
    raw = samples[("raw", "", count)]
    # One round trip: the mean over the child's `count` requests, median over the runs.
    trip_pyhanko = median([statistics.fmean(s.report["pyhanko"]) for s in raw])
    trip_http = median([statistics.fmean(s.report["http"]) for s in raw])
    pyhanko_means = [statistics.fmean(s.report["pyhanko"]) * 1e3 for s in raw]
    http_means = [statistics.fmean(s.report["http"]) * 1e3 for s in raw]
    serve_ms = median([median(s.counts.serve_times) for s in raw if s.counts.serve_times]) * 1e3

    rows = [
        f"**B-T over B-B, {count} files in one `paraphe sign` call** (loopback certomancer TSA;"
        f" median of {repeat}, all commands in alternation)",
        "",
        "| format | B-B s (min-max) | B-B files/s | B-T s (min-max) | B-T files/s"
        " | B-T - B-B per file, ms | / one round trip | B-T / B-B | paraphe CPU extra per file, ms"
        " | TSA requests per B-T run (per file) | most at once | other requests |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    summary: dict[str, dict[str, float]] = {}
    for fmt in FORMATS:
        bb, bt = samples[(fmt, "B-B", count)], samples[(fmt, "B-T", count)]
        bb_s, bt_s = median([s.wall for s in bb]), median([s.wall for s in bt])
        extra_ms = (bt_s - bb_s) / count * 1e3
        cpu_ms = (median([s.cpu for s in bt]) - median([s.cpu for s in bb])) / count * 1e3
        requests = [s.counts.tsa(tsa_path) for s in bt]
        bb_requests = [s.counts.tsa(tsa_path) for s in bb]
        others = [s.counts.others(tsa_path) for s in bb + bt]
        at_once = max(s.counts.most_in_flight for s in bt)
        per_file = "/".join(f"{r / count:.3f}" for r in sorted(set(requests)))
        if any(bb_requests):
            per_file += f"; B-B sent {distinct(bb_requests)}!"
        rows.append(
            f"| {LABELS[fmt]} | {bb_s:.2f} ({spread([s.wall for s in bb])}) | {count / bb_s:.1f}"
            f" | {bt_s:.2f} ({spread([s.wall for s in bt])}) | {count / bt_s:.1f}"
            f" | {extra_ms:.1f} | {extra_ms / (trip_pyhanko * 1e3):.2f}x | {bt_s / bb_s:.2f}x"
            f" | {cpu_ms:.1f} | {distinct(requests)} ({per_file}) | {at_once}"
            f" | {distinct(others)} |"
        )
        one_bb = median([s.wall for s in samples[(fmt, "B-B", 1)]])
        one_bt = median([s.wall for s in samples[(fmt, "B-T", 1)]])
        one_requests = [s.counts.tsa(tsa_path) for s in samples[(fmt, "B-T", 1)]]
        summary[fmt] = {
            "extra_ms": extra_ms,
            "cpu_ms": cpu_ms,
            "requests": max(requests),
            "one_bb": one_bb,
            "one_bt": one_bt,
            "one_requests": max(one_requests),
            "at_once": at_once,
        }

    rows += [
        "",
        f"**The peer: one raw round trip to the same TSA** ({count} in a row in one process,"
        f" median of {repeat} runs of the mean; in alternation with the commands above)",
        "",
        "| round trip | ms each, median (min-max of the runs' means) | process s |",
        "|---|---:|---:|",
        f"| pyHanko `HTTPTimeStamper.async_timestamp`, one aiohttp session (query built, POST,"
        f" status and nonce checked) | {trip_pyhanko * 1e3:.2f}"
        f" ({spread(pyhanko_means)})"
        f" | {median([s.wall for s in raw]):.2f} |",
        f"| `http.client` POST of a ready-made query, one keep-alive connection"
        f" | {trip_http * 1e3:.2f} ({spread(http_means)})"
        f" | (same process) |",
        f"| of which certomancer's answer (time in its WSGI application, median request)"
        f" | {serve_ms:.2f} | |",
        "",
        f"**The fixed cost of a run** (the first file alone, median of {repeat}): seconds at B-B,"
        " at B-T, and TSA requests of the B-T run",
        "",
        "| format | 1 file B-B s | 1 file B-T s | B-T - B-B, ms | TSA requests |",
        "|---|---:|---:|---:|---:|",
    ]
    for fmt in FORMATS:
        s = summary[fmt]
        rows.append(
            f"| {LABELS[fmt]} | {s['one_bb']:.2f} | {s['one_bt']:.2f}"
            f" | {(s['one_bt'] - s['one_bb']) * 1e3:.0f} | {s['one_requests']:.0f} |"
        )

    rows += ["", "What the figures say:", ""]
    trip_ms = trip_pyhanko * 1e3
    for fmt in FORMATS:
        s = summary[fmt]
        # B-T - B-B over n files = F + n * m: the run's fixed extra F (imports, session, the
        # check request) and the extra of each file m, from n = count and n = 1.
        one_ms = (s["one_bt"] - s["one_bb"]) * 1e3
        marginal_ms = (s["extra_ms"] * count - one_ms) / (count - 1)
        fixed_ms = one_ms - marginal_ms
        requests = int(s["requests"])
        shape = (
            "one per file + the check made before the password is read"
            if requests == count + 1
            else "**not one per file + 1**"
        )
        rows.append(
            f"- {LABELS[fmt]}: B-T costs {s['extra_ms']:.1f} ms per file over B-B in a batch of"
            f" {count}, {s['extra_ms'] / trip_ms:.2f}x one pyHanko round trip ({trip_ms:.2f} ms);"
            f" {requests} TSA requests for {count} files ({shape}), at most {s['at_once']:.0f}"
            f" at once. Split with the one-file runs: {fixed_ms:.0f} ms once per run"
            f" ({fixed_ms / count:.1f} ms per file of the batch) + {marginal_ms:.1f} ms per file"
            f" ({marginal_ms / trip_ms:.2f}x a round trip); paraphe's own CPU grows by"
            f" {s['cpu_ms']:.1f} ms per file of the batch."
        )
    return rows


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="files per batch (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder")
    parser.add_argument(
        "--paraphe",
        default=None,
        help="the paraphe executable (default: this Python's `-m paraphe` on this checkout's app/)",
    )
    parser.add_argument("--record", action="store_true", help=f"append the tables to {RESULTS}")
    args = parser.parse_args()
    if args.repeat < 1 or args.count < 2:
        parser.error("--repeat must be positive and --count at least 2")

    code_at_start = git_state()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PARAPHE_DATA_DIR": str(fresh_dir(work / "data"))}  # no user settings
    if args.paraphe is None:
        paraphe = [sys.executable, "-m", "paraphe"]
        env["PYTHONPATH"] = os.pathsep.join(
            [str(REPO / "app"), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
    else:
        paraphe = [args.paraphe]
    # The TSA is on 127.0.0.1: no proxy in between, whatever the environment says.
    env["NO_PROXY"] = env["no_proxy"] = ",".join(
        filter(None, [env.get("NO_PROXY"), env.get("no_proxy"), "127.0.0.1", "localhost"])
    )

    files = make_small_files(work / "files", args.count)
    pdfs = make_pdfs(work / "pdfs", args.count)
    counter = RequestCounter()
    from tests.support.pki import PKCS12_PASSWORD

    print(f"building and serving the test PKI in {work / 'pki'} ...", flush=True)
    with serve_counted_pki(work / "pki", counter) as pki:
        assert pki.tsa_url is not None
        password_file = work / "password.txt"
        password_file.write_text(PKCS12_PASSWORD + "\n", encoding="utf-8")
        setup = Setup(
            paraphe=paraphe,
            env=env,
            p12=pki.p12(PERSONA),
            password_file=password_file,
            tsa_url=pki.tsa_url,
            tsa_path=urlsplit(pki.tsa_url).path,
            files={"xades": files, "cades": files, "pades": pdfs},
        )
        samples = bench(setup, counter, work, args.repeat, args.count)
    sections = [*tables(samples, setup, args.count, args.repeat), ""]
    machine = describe_machine(code_at_start)
    libraries = ", ".join(f"{n} {version(n)}" for n in ("pyHanko", "aiohttp", "certomancer"))
    machine.insert(
        3,
        f"- TSA: certomancer (tests/support/pki.py) on {urlsplit(setup.tsa_url).netloc}, served"
        f" by a werkzeug thread of the benchmark process; {libraries}",
    )
    show_and_record("bench_levels.py", machine, sections, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
