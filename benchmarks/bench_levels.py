"""Time ``paraphe sign`` at B-T, B-LT and B-LTA against B-B, and ``paraphe extend``.

Run from the repository root:

    .venv/bin/python benchmarks/bench_levels.py [--count 200] [--repeat 3] [--levels B-B,B-T,B-LT,B-LTA]
        [--extend-count 100] [--pades-lta-count N] [--work DIR] [--record]

For each format (XAdES, CAdES on ``--count`` small files; PAdES on as many small PDFs), one
``paraphe sign`` call over all the files at each level, and the same over the first file alone
(the fixed cost of a run: imports, session, the "is the TSA there" request, the revocation data
fetched once), all timed in alternation in a rotating order, together with the peer: ``--count``
raw RFC 3161 round trips to the same TSA, one after another in one process (pyHanko's
``HTTPTimeStamper`` over one aiohttp session, as paraphe uses it; and ``http.client`` posting
ready-made queries over one keep-alive connection, the transport and the TSA alone).

Extension, in the same alternation: ``paraphe extend`` of ``--extend-count`` B-B tokens (XAdES,
CAdES; made once per run by ``paraphe sign``, copied afresh before each run) to B-T and to B-LT,
against its peer, ``paraphe sign`` of the same files at the same level (and at B-B: signing at a
level minus the signature itself is what an extension should cost).

The test PKI of ``tests/support/pki.py`` (certomancer: TSA, OCSP responders, CRLs, issuer
certificates) is served on 127.0.0.1 from this process (a werkzeug thread). Every request it
receives is counted by kind (TSA, OCSP, CRL, certificate, from its path), with how many were in
flight at once and how long certomancer took to answer, by a wrapper around the served WSGI
application.

Reported per format and level: seconds (median of ``--repeat``), files/s, ms per file, the ratios
to B-B and to B-T, the cost of a timestamp against one raw round trip, paraphe's extra CPU per
file, and the requests per run by kind. Goals: one TSA request per file at B-T and B-LT, two at
B-LTA (signature + archive), plus one per run (the reachability check); OCSP, CRL and certificate
requests once per run, as many in a batch as for one file.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
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
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")
EXTEND_FORMATS = ("xades", "cades")
EXTEND_LEVELS = ("B-T", "B-LT")
KINDS = ("tsa", "ocsp", "crl", "cert", "other")  # what the served PKI is asked, by path
KIND_LABELS = {"tsa": "TSA", "ocsp": "OCSP", "crl": "CRL", "cert": "cert", "other": "other"}
PDF_SET_VERSION = 1  # bump when the way the PDFs are made changes: they are then made again

# The DER of the signature-time-stamp attribute's OID (1.2.840.113549.1.9.16.2.14), as hex: in a
# .p7s as bytes, in a PDF's /Contents as hex digits.
SIGNATURE_TIMESTAMP_OID = bytes.fromhex("060b2a864886f70d010910020e")
# archive-time-stamp-v3 (0.4.0.1733.2.4), in a .p7s
ARCHIVE_TIMESTAMP_V3_OID = bytes.fromhex("060604008d450204")


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


def kind_of(path: str) -> str:
    """certomancer's paths: /<arch>/tsa/..., /<arch>/ocsp/..., /<arch>/crls/..., /<arch>/certs/..."""
    parts = path.strip("/").split("/")
    service = parts[1] if len(parts) > 1 else ""
    return {"tsa": "tsa", "ocsp": "ocsp", "crls": "crl", "certs": "cert"}.get(service, "other")


@dataclass
class Counts:
    paths: dict[str, int]
    most_in_flight: int
    serve_times: list[float]

    def of(self, kind: str) -> int:
        return sum(n for p, n in self.paths.items() if kind_of(p) == kind)

    def revocation(self) -> int:
        """Everything but the TSA: OCSP, CRL, certificates (and anything unexpected)."""
        return sum(n for p, n in self.paths.items() if kind_of(p) != "tsa")

    def by_kind(self) -> str:
        """``TSA 201 / OCSP 2 / CRL 0 / cert 0``; "other" only when there is any."""
        return " / ".join(
            f"{KIND_LABELS[k]} {self.of(k)}" for k in KINDS if k != "other" or self.of(k)
        )


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
    files: dict[str, list[Path]]  # by format
    tokens: dict[str, list[Path]]  # B-B tokens to extend, by format (made once per run)


@dataclass(frozen=True)
class Key:
    """One command timed: ``action`` sign, extend or raw (the peer round trips)."""

    action: str
    fmt: str
    level: str
    n: int

    def name(self) -> str:
        if self.action == "raw":
            return "raw round trips"
        return f"{self.action} {self.fmt} {self.level}"


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


def extend_argv(setup: Setup, tokens: list[Path], level: str) -> list[str]:
    return [
        *setup.paraphe, "extend", *map(str, tokens),
        "--level", level,
        "--tsa", setup.tsa_url,
        "-q",
    ]  # fmt: skip


OUTPUT_PATTERNS = {"xades": "* - Signature 1.xml", "cades": "* - Signature 1.p7s", "pades": "*.pdf"}


def _marks(fmt: str, data: bytes) -> tuple[bool, bool, bool]:
    """Whether a signature file holds a signature timestamp, validation data, an archive
    timestamp (markers only: the command's own read-back check verified them)."""
    if fmt == "xades":
        return (
            b"SignatureTimeStamp>" in data,
            b"RevocationValues>" in data,
            b"ArchiveTimeStamp>" in data,
        )
    if fmt == "cades":
        from asn1crypto import cms

        signed_data = cms.ContentInfo.load(data)["content"]
        return (
            SIGNATURE_TIMESTAMP_OID in data,
            len(signed_data["crls"] or ()) > 0,
            ARCHIVE_TIMESTAMP_V3_OID in data,
        )
    return (
        SIGNATURE_TIMESTAMP_OID.hex().encode() in data.lower(),
        b"/DSS" in data,
        b"/DocTimeStamp" in data,
    )


def check_outputs(folder: Path, fmt: str, level: str, count: int) -> None:
    """``count`` outputs, each with what its level adds (timestamp from B-T, validation data from
    B-LT, archive timestamp at B-LTA) and nothing more."""
    produced = sorted(folder.glob(OUTPUT_PATTERNS[fmt]))
    if len(produced) != count:
        raise SystemExit(f"{fmt} {level}: {len(produced)} outputs for {count} files in {folder}")
    rank = LEVELS.index(level)
    wanted = (rank >= 1, rank >= 2, rank >= 3)
    for path in produced:
        found = _marks(fmt, path.read_bytes())
        if found != wanted:
            raise SystemExit(
                f"{path} ({level}): timestamp, validation data, archive timestamp"
                f" {found}, expected {wanted}"
            )


def make_tokens(setup: Setup, work: Path, fmt: str, files: list[Path]) -> list[Path]:
    """B-B tokens of ``files`` (untimed), to be copied before each extension run."""
    folder = fresh_dir(work / f"tokens-{fmt}")
    run(sign_argv(setup, files, fmt, "B-B", folder), setup.env, work)
    check_outputs(folder, fmt, "B-B", len(files))
    return sorted(folder.glob(OUTPUT_PATTERNS[fmt]))


def bench(
    setup: Setup,
    counter: RequestCounter,
    work: Path,
    *,
    repeat: int,
    count: int,
    levels: list[str],
    pades_lta_count: int,
    extend_count: int,
) -> dict[Key, list[Sample]]:
    out = work / "out"
    keys: list[Key] = []
    for fmt in FORMATS:
        for level in levels:
            n = pades_lta_count if (fmt, level) == ("pades", "B-LTA") else count
            keys += [Key("sign", fmt, level, n), Key("sign", fmt, level, 1)]
    keys.append(Key("raw", "", "", count))
    if extend_count:
        for fmt in EXTEND_FORMATS:
            for level in ("B-B", *EXTEND_LEVELS):
                peer = Key("sign", fmt, level, extend_count)
                if peer not in keys:
                    keys.append(peer)
                if level != "B-B":
                    keys.append(Key("extend", fmt, level, extend_count))
    samples: dict[Key, list[Sample]] = {key: [] for key in keys}
    print(f"\n== {len(keys)} commands, {repeat} run(s) each, in alternation ==")
    for paths in [*setup.files.values(), *setup.tokens.values()]:  # in the page cache
        for path in paths:
            path.read_bytes()
    for rep in range(repeat):
        shift = rep * 5 % len(keys)  # rotate the order: no command always follows the same one
        for key in keys[shift:] + keys[:shift]:
            folder = fresh_dir(out / f"{key.action}-{key.fmt}-{key.level}-{key.n}")
            if key.action == "extend":  # fresh B-B copies, made before the clock starts
                tokens = []
                for token in setup.tokens[key.fmt][: key.n]:
                    shutil.copyfile(token, folder / token.name)
                    tokens.append(folder / token.name)
            counter.reset()
            if key.action == "raw":
                job = json.dumps({"url": setup.tsa_url, "count": key.n})
                sample = run([sys.executable, "-c", RAW_CHILD, job], setup.env, work, capture=True)
            elif key.action == "extend":
                sample = run(extend_argv(setup, tokens, key.level), setup.env, work)
            else:
                files = setup.files[key.fmt][: key.n]
                sample = run(sign_argv(setup, files, key.fmt, key.level, folder), setup.env, work)
            sample.counts = counter.snapshot()
            if key.action != "raw":
                check_outputs(folder, key.fmt, key.level, key.n)
            samples[key].append(sample)
            print(f"  run {rep + 1} {key.name():20} {key.n:4} files {sample.wall:7.2f} s"
                  f"  cpu {sample.cpu:6.2f} s  {sample.counts.by_kind()}"
                  f" (at most {sample.counts.most_in_flight} at once)", flush=True)  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    (work / "requests.json").write_text(  # every run's requests by path, for a closer look
        json.dumps(
            {f"{k.name()} {k.n}": [s.counts.paths for s in runs] for k, runs in samples.items()},
            indent=1,
        )
    )
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


def kinds_of(runs: list[Sample]) -> str:
    """Requests per run by kind, ``TSA 201 / OCSP 2 / CRL 0 / cert 0`` (a/b when runs differ)."""
    return " / ".join(
        f"{KIND_LABELS[k]} {distinct([s.counts.of(k) for s in runs])}"
        for k in KINDS
        if k != "other" or any(s.counts.of(k) for s in runs)
    )


def wall(runs: list[Sample]) -> float:
    return median([s.wall for s in runs])


def cpu(runs: list[Sample]) -> float:
    return median([s.cpu for s in runs])


def expected_tsa(level: str, n: int) -> int:
    """One reachability check per run, one token per file, one more per file at B-LTA."""
    return {"B-B": 0, "B-T": n + 1, "B-LT": n + 1, "B-LTA": 2 * n + 1}[level]


def tables(
    samples: dict[Key, list[Sample]], count: int, repeat: int, levels: list[str], extend_count: int
) -> list[str]:
    raw = samples[Key("raw", "", "", count)]
    # One round trip: the mean over the child's `count` requests, median over the runs.
    trip_pyhanko = median([statistics.fmean(s.report["pyhanko"]) for s in raw])
    trip_http = median([statistics.fmean(s.report["http"]) for s in raw])
    pyhanko_means = [statistics.fmean(s.report["pyhanko"]) * 1e3 for s in raw]
    http_means = [statistics.fmean(s.report["http"]) * 1e3 for s in raw]
    serve_ms = median([median(s.counts.serve_times) for s in raw if s.counts.serve_times]) * 1e3
    trip_ms = trip_pyhanko * 1e3

    def batch(fmt: str, level: str) -> Key:
        return next(k for k in samples if k.action == "sign" and (k.fmt, k.level) == (fmt, level)
                    and k.n != 1)  # fmt: skip

    rows = [
        f"**Signing at each level, one `paraphe sign` call per batch** (loopback certomancer PKI;"
        f" median of {repeat}, all commands in alternation; per file = run / files)",
        "",
        "| format | level | files | s (min-max) | files/s | ms per file | / B-B | / B-T"
        " | over B-T per file, ms | paraphe CPU per file, ms | requests per run"
        " | 1-file run: requests | most at once |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|",
    ]
    summary: dict[tuple[str, str], dict[str, Any]] = {}
    for fmt in FORMATS:
        base = {lv: batch(fmt, lv) for lv in ("B-B", "B-T")}
        per_file = {lv: wall(samples[k]) / k.n for lv, k in base.items()}
        for level in levels:
            key = batch(fmt, level)
            runs, ones = samples[key], samples[Key("sign", fmt, level, 1)]
            ms = wall(runs) / key.n * 1e3
            cpu_ms = cpu(runs) / key.n * 1e3
            over_bt = "" if level in ("B-B", "B-T") else f"{ms - per_file['B-T'] * 1e3:.1f}"
            rows.append(
                f"| {LABELS[fmt]} | {level} | {key.n} | {wall(runs):.2f}"
                f" ({spread([s.wall for s in runs])}) | {key.n / wall(runs):.1f} | {ms:.1f}"
                f" | {ms / (per_file['B-B'] * 1e3):.2f}x | {ms / (per_file['B-T'] * 1e3):.2f}x"
                f" | {over_bt} | {cpu_ms:.1f} | {kinds_of(runs)} | {kinds_of(ones)}"
                f" | {max(s.counts.most_in_flight for s in runs)} |"
            )
            summary[(fmt, level)] = {
                "key": key,
                "ms": ms,
                "cpu_ms": cpu_ms,
                "runs": runs,
                "ones": ones,
                "one_s": wall(ones),
            }

    rows += [
        "",
        f"**The peer: one raw round trip to the same TSA** ({count} in a row in one process,"
        f" median of {repeat} runs of the mean; in alternation with the commands above)",
        "",
        "| round trip | ms each, median (min-max of the runs' means) | process s |",
        "|---|---:|---:|",
        f"| pyHanko `HTTPTimeStamper.async_timestamp`, one aiohttp session (query built, POST,"
        f" status and nonce checked) | {trip_ms:.2f} ({spread(pyhanko_means)})"
        f" | {wall(raw):.2f} |",
        f"| `http.client` POST of a ready-made query, one keep-alive connection"
        f" | {trip_http * 1e3:.2f} ({spread(http_means)}) | (same process) |",
        f"| of which certomancer's answer (time in its WSGI application, median request)"
        f" | {serve_ms:.2f} | |",
        "",
        f"**The fixed cost of a run** (the first file alone, median of {repeat}), seconds",
        "",
        "| format | " + " | ".join(levels) + " |",
        "|---|" + "---:|" * len(levels),
    ]
    for fmt in FORMATS:
        rows.append(
            f"| {LABELS[fmt]} | "
            + " | ".join(f"{summary[(fmt, lv)]['one_s']:.2f}" for lv in levels)
            + " |"
        )

    extend_rows: list[str] = []
    extend_summary: dict[tuple[str, str], dict[str, float]] = {}
    if extend_count:
        n = extend_count
        extend_rows = [
            "",
            f"**`paraphe extend` of {n} B-B tokens against `paraphe sign` of the same {n} files**"
            f" (median of {repeat}, in alternation with everything above; the extension goes"
            " one level at a time, so to B-LT it is B-T then B-LT, each written, checked and"
            " swapped in)",
            "",
            "| format | to | extend s (min-max) | files/s | ms per file | requests per run"
            " (TSA per file) | sign at that level s | sign at B-B s | extend / sign"
            " | extend / (sign - sign B-B) |",
            "|---|---|---:|---:|---:|---|---:|---:|---:|---:|",
        ]
        for fmt in EXTEND_FORMATS:
            sign_bb = wall(samples[Key("sign", fmt, "B-B", n)])
            for level in EXTEND_LEVELS:
                runs = samples[Key("extend", fmt, level, n)]
                ext, peer = wall(runs), wall(samples[Key("sign", fmt, level, n)])
                tsa = [s.counts.of("tsa") for s in runs]
                extend_rows.append(
                    f"| {LABELS[fmt]} | {level} | {ext:.2f} ({spread([s.wall for s in runs])})"
                    f" | {n / ext:.1f} | {ext / n * 1e3:.1f} | {kinds_of(runs)}"
                    f" ({'/'.join(f'{t / n:.2f}' for t in sorted(set(tsa)))})"
                    f" | {peer:.2f} | {sign_bb:.2f} | {ext / peer:.2f}x"
                    f" | {ext / (peer - sign_bb):.2f}x |"
                )
                extend_summary[(fmt, level)] = {
                    "ext": ext,
                    "peer": peer,
                    "sign_bb": sign_bb,
                    "tsa": max(tsa),
                    "revocation": max(s.counts.revocation() for s in runs),
                    "peer_revocation": max(
                        s.counts.revocation() for s in samples[Key("sign", fmt, level, n)]
                    ),
                }
    rows += extend_rows

    rows += ["", "What the figures say (against the goals):", ""]
    for fmt in FORMATS:
        notes = []
        for level in levels[1:]:
            s = summary[(fmt, level)]
            key, runs, ones = s["key"], s["runs"], s["ones"]
            tsa = max(r.counts.of("tsa") for r in runs)
            wanted = expected_tsa(level, key.n)
            revocation = max(r.counts.revocation() for r in runs)
            one_revocation = max(r.counts.revocation() for r in ones)
            tsa_note = (
                f"TSA {tsa} = {wanted} as wanted"
                if tsa == wanted
                else f"**TSA {tsa}, wanted {wanted}**"
            )
            if level in ("B-LT", "B-LTA"):
                once = (
                    "fetched once per run (as many as for one file)"
                    if revocation == one_revocation
                    else f"**{one_revocation} for one file but {revocation} for {key.n}**"
                )
                tsa_note += f"; OCSP/CRL/cert requests {revocation}, {once}"
            elif revocation:
                tsa_note += f"; **{revocation} OCSP/CRL/cert requests at {level}**"
            extra = s["ms"] - summary[(fmt, "B-T")]["ms"]
            cost = (
                f"{s['ms']:.1f} ms per file"
                if level == "B-T"
                else f"{s['ms']:.1f} ms per file, {extra:+.1f} over B-T"
                f" ({extra / trip_ms:.2f}x a round trip)"
            )
            notes.append(f"{level}: {cost}; {tsa_note}")
        rows.append(f"- {LABELS[fmt]}: " + ". ".join(notes) + ".")
    for fmt in FORMATS:
        level = levels[-1]
        paths: collections.Counter[str] = collections.Counter()
        for path, number in summary[(fmt, level)]["runs"][0].counts.paths.items():
            if kind_of(path) != "tsa":
                paths[path] = number
        listed = ", ".join(f"`{p}` x{number}" for p, number in sorted(paths.items()))
        rows.append(
            f"- {LABELS[fmt]} {level}, the requests other than the TSA's in one batch run:"
            f" {listed or 'none'}."
        )
    for (fmt, level), e in extend_summary.items():
        n = extend_count
        wanted = n + 1
        tsa_note = f"TSA {e['tsa']:.0f}" + (
            " (one per file + the check)" if e["tsa"] == wanted else f" (**wanted {wanted}**)"
        )
        rows.append(
            f"- extend {LABELS[fmt]} to {level}: {e['ext'] / n * 1e3:.1f} ms per file, {tsa_note},"
            f" OCSP/CRL/cert {e['revocation']:.0f} (sign at {level}: {e['peer_revocation']:.0f});"
            f" {e['ext'] / e['peer']:.2f}x signing at {level}, {e['ext'] / (e['peer'] - e['sign_bb']):.2f}x"
            f" its cost beyond B-B ({(e['peer'] - e['sign_bb']) / n * 1e3:.1f} ms per file)."
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
    parser.add_argument(
        "--levels",
        default=",".join(LEVELS),
        help="levels signed, comma-separated (default all; B-B and B-T are always in: the"
        " references)",
    )
    parser.add_argument(
        "--pades-lta-count",
        type=int,
        default=None,
        help="files of the PAdES B-LTA batch (default --count)",
    )
    parser.add_argument(
        "--extend-count",
        type=int,
        default=100,
        help="B-B tokens extended per run, XAdES and CAdES (default 100; 0: no extension)",
    )
    parser.add_argument("--record", action="store_true", help=f"append the tables to {RESULTS}")
    args = parser.parse_args()
    if args.repeat < 1 or args.count < 2:
        parser.error("--repeat must be positive and --count at least 2")
    levels = sorted({"B-B", "B-T", *args.levels.split(",")}, key=LEVELS.index)
    pades_lta_count = args.pades_lta_count or args.count
    if not 2 <= pades_lta_count <= args.count or not 0 <= args.extend_count <= args.count:
        parser.error("--pades-lta-count must be 2..--count, --extend-count 0..--count")

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
            files={"xades": files, "cades": files, "pades": pdfs},
            tokens={},
        )
        if args.extend_count:
            print(f"signing {args.extend_count} B-B tokens to extend ...", flush=True)
            tokens = {
                fmt: make_tokens(setup, work, fmt, files[: args.extend_count])
                for fmt in EXTEND_FORMATS
            }
            setup = dataclasses.replace(setup, tokens=tokens)
        samples = bench(
            setup,
            counter,
            work,
            repeat=args.repeat,
            count=args.count,
            levels=levels,
            pades_lta_count=pades_lta_count,
            extend_count=args.extend_count,
        )
    sections = [*tables(samples, args.count, args.repeat, levels, args.extend_count), ""]
    machine = describe_machine(code_at_start)
    libraries = ", ".join(f"{n} {version(n)}" for n in ("pyHanko", "aiohttp", "certomancer"))
    machine.insert(
        3,
        f"- TSA, OCSP, CRLs, certificates: certomancer (tests/support/pki.py) on"
        f" {urlsplit(setup.tsa_url).netloc}, served by a werkzeug thread of the benchmark"
        f" process; {libraries}",
    )
    show_and_record("bench_levels.py", machine, sections, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
