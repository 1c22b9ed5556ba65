"""What the EU trusted lists cost a verification: loading them from the cache, and the start-up
they add to ``paraphe verify`` on one signature.

Run from the repository root:

    .venv/bin/python benchmarks/bench_trusted_lists.py [--repeat 15] [--record]

The cache: the EU has 31 lists behind its LOTL; this machine has no internet, so a full-size
cache is made from the real lists shipped with Paraphe: the LOTL of 2026 and 31 national lists,
each a copy of the real French (172 services) or Belgian (104) list's entries under another
territory: about the size and number of services of the real set (some 4,300 services).

1. Loading, in a fresh process each time (as a verification does): read the cache file, build
   the index, and look up a certificate's issuer (what building a chain asks of it); time and
   the memory it adds (``tracemalloc`` peak, and the process's peak RSS against one that loads
   nothing).
2. ``paraphe verify --offline --trust ca.pem --json TOKEN`` on one XAdES signature, with the
   lists on (the full-size cache) and with ``--no-eu-trust``, run in alternation, median of
   ``--repeat``: the difference is what the lists add to the start-up (goal: under 0.3 s).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import REPO, describe_machine, git_state, make_signer, show_and_record

WORK = REPO / "benchmarks" / "work" / "trusted-lists"
PYTHON = str(REPO / ".venv" / "bin" / "python")
TERRITORIES = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "EL",
    "ES",
    "FI",
    "FR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    "UK",
    "XX",
]

LOAD = r"""
import json, sys, time, tracemalloc
def vm(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
trace = sys.argv[1] == "memory"
import pyhanko.sign.validation.qualified.tsp  # imported by any verification anyway
rss_before = vm("VmRSS")
if trace:
    tracemalloc.start()
t0 = time.perf_counter()
from paraphe.core.trust.eutl.cache import load_current
from paraphe.core.trust.eutl.index import TrustedListIndex
t1 = time.perf_counter()
cache = load_current()
t2 = time.perf_counter()
index = TrustedListIndex(cache)
services = index.services_named(next(iter(cache.subjects())))
t3 = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] if trace else 0
print(json.dumps({"import": t1 - t0, "read": t2 - t1, "index": t3 - t2, "total": t3 - t0,
                  "traced_mb": peak / 2**20, "rss_added_mb": vm("VmHWM") - rss_before}))
"""


def full_size_cache(data_dir: Path, ca_pem: Path) -> tuple[int, int]:
    """A cache of the LOTL and 31 national lists, made of the real lists' entries, the last
    list also naming the benchmark's CA (granted), so that the verification timed finds its
    issuer in a list and reads that list's services, as a real one does."""
    from paraphe.core.trust.eutl.cache import TrustedListCache
    from paraphe.core.trust.eutl.snapshot import build_snapshot

    snapshot = build_snapshot()
    lotl = snapshot.lotl
    sources = [r for r in snapshot.lists if r.origin != "lotl"]
    assert lotl is not None and len(sources) == 2
    records = [lotl]
    for number, territory in enumerate(TERRITORIES[:31]):
        source = sources[number % 2]
        assert source.info is not None
        info = source.info.__class__(**{**source.info.__dict__, "territory": territory})
        # each copy's subjects its own, as a CA is in one national list only
        services = [
            dict(
                s,
                territory=territory,
                list=info.label,
                subjects=[f"{subject}|{territory}" for subject in s["subjects"]],
            )
            for s in source.services
        ]
        records.append(
            source.__class__(
                **{**source.__dict__, "territory": territory, "info": info, "services": services}
            )
        )
    records[-1].services.append(_service_for(ca_pem, records[-1].info))
    cache = TrustedListCache("full-size stand-in", lotl.checked or snapshot.updated, records)
    cache.save(data_dir / "trusted-lists")
    return len(records) - 1, sum(len(r.services) for r in records)


def _service_for(ca_pem: Path, info: Any) -> dict[str, Any]:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from paraphe.core.trust.eutl.model import ServicePeriod, TrustedService
    from paraphe.core.trust.eutl.update import _indexed

    der = x509.load_pem_x509_certificate(ca_pem.read_bytes()).public_bytes(
        serialization.Encoding.DER
    )
    granted = ServicePeriod("granted", dt.datetime(2020, 1, 1, tzinfo=dt.UTC), None)
    service = TrustedService(
        "CA/QC", "Benchmark CA", "Benchmark TSP", info.label, info.territory, (der,), (granted,)
    )
    return _indexed(service)


def child_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
    env["PARAPHE_DATA_DIR"] = str(data_dir)
    env["LC_ALL"] = "C.UTF-8"
    return env


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"{argv} failed: {done.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    code = git_state()
    if WORK.exists():
        shutil.rmtree(WORK)
    data_dir = WORK / "data"
    signer = make_signer(WORK / "signer")
    ca = WORK / "signer" / "ca.cert.pem"
    lists, services = full_size_cache(data_dir, ca)
    folder = data_dir / "trusted-lists"
    index_mb = (folder / "eu-trusted-lists.json").stat().st_size / 2**20
    cache_mb = sum(p.stat().st_size for p in folder.rglob("*.json")) / 2**20
    env = child_env(data_dir)

    def load(mode: str) -> dict:
        argv = [PYTHON, "-c", LOAD, mode]
        return json.loads(
            subprocess.run(argv, capture_output=True, env=env, check=True, text=True).stdout
        )

    loads = [load("time") for _ in range(args.repeat)]
    memory = [load("memory") for _ in range(3)]

    token_dir = WORK / "token"
    token_dir.mkdir()
    document = token_dir / "offre.txt"
    document.write_text("Offre\n", encoding="utf-8")
    sign = [
        PYTHON,
        "-m",
        "paraphe",
        "sign",
        str(document),
        "--p12",
        str(signer.p12),
        "--password-file",
        str(signer.password_file),
    ]
    subprocess.run(sign, env=env, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    verify = [
        PYTHON,
        "-m",
        "paraphe",
        "verify",
        "--offline",
        "--trust",
        str(ca),
        "--json",
        str(token_dir),
    ]
    check = json.loads(subprocess.run(verify, env=env, capture_output=True, check=False).stdout)
    assert any(s.startswith("EU trusted lists as of") for s in check["trust_sources"])
    qualification = check["documents"][0]["signatures"][0]["qualification"]
    assert qualification["service"] == "Benchmark CA", qualification  # found through the lists
    with_lists, without = [], []
    for _ in range(args.repeat):
        with_lists.append(timed(verify, env))
        without.append(timed([*verify, "--no-eu-trust"], env))

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f}"

    added = statistics.median(with_lists) - statistics.median(without)
    machine = describe_machine(code)
    sections = [
        f"Cache: the LOTL and {lists} national lists, {services} services, {cache_mb:.1f} MB of JSON"
        f" of which the index (read by every verification) {index_mb:.2f} MB"
        " (a stand-in of the real set made of the real FR and BE entries, see the script).",
        "",
        f"| step (fresh process, median of {args.repeat}) | ms |",
        "|---|---:|",
        f"| import the trusted-list modules | {ms([run['import'] for run in loads])} |",
        f"| read the cache file | {ms([run['read'] for run in loads])} |",
        f"| build the index and find a certificate's issuer (reads one list's services) | {ms([run['index'] for run in loads])} |",
        f"| total | {ms([run['total'] for run in loads])} |",
        "",
        f"Memory added by the lists (after pyHanko's own imports): {statistics.median(run['traced_mb'] for run in memory):.1f} MB"
        f" of Python allocations at the peak (a separate run under tracemalloc, median of 3); the"
        f" process's peak RSS grew by {statistics.median(run['rss_added_mb'] for run in loads):.1f} MB"
        " (the timed runs).",
        "",
        f"| `paraphe verify` on one XAdES signature (median of {args.repeat}, alternated) | ms |",
        "|---|---:|",
        f"| with the EU trusted lists (full-size cache) | {ms(with_lists)} |",
        f"| `--no-eu-trust` | {ms(without)} |",
        f"| added by the lists | {added * 1000:.0f} ({statistics.median(with_lists) / statistics.median(without):.2f}x) |",
        "",
        f"Goal: the lists add under 300 ms to a verification's start-up: {'met' if added < 0.3 else 'NOT met'}.",
    ]
    show_and_record("EU trusted lists: loading and verify start-up", machine, sections, args.record)


if __name__ == "__main__":
    main()
