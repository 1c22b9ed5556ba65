"""Time signing with a key on a SoftHSM2 token against raw C_Sign calls on the same key.

Run from the repository root:

    .venv/bin/python benchmarks/bench_pkcs11.py [--count 100] [--repeat 3] [--record]

``--count`` small files (10-50 KB) are signed in ONE call with ONE login, with the RSA-2048 key
"Jeanne Test RSA" of a SoftHSM2 token, and compared with the limit: a python-pkcs11 loop of
``--count`` raw signatures (C_SignInit + C_Sign, CKM_RSA_PKCS over a SHA-256 DigestInfo: what
paraphe asks of a token) on the same key after one login. Measured, each in a fresh process with
``SOFTHSM2_CONF`` set, in alternation (rotating order), median of ``--repeat``:

- the raw loop, timed inside its process (start-up, module load and login excluded) and as the
  whole process's wall time;
- the engine in process: ``Pkcs11Credential.open`` then ``plan_documents`` + ``BatchSigner.run``
  over the files, timed inside the process (interpreter, imports and login excluded), XAdES and
  CAdES: the per-file cost is ``engine time / count``, and the cost of a file beyond its C_Sign
  call is that minus the raw loop's time per call (goal: under 5 ms);
- ``paraphe sign --pkcs11 MODULE --token LABEL --key LABEL --pin-file F --format xades|cades -q
  --out DIR FILE...``, the whole command's wall time and peak RSS (GNU time).

Logins are counted, untimed, twice: the command is run once per format through OpenSC's
``pkcs11-spy.so`` (every C_ call traced: C_Login, C_SignInit, C_Sign...), and the engine process
counts the token logins and PIN requests itself. cProfile's hottest functions of one more engine
run per format say where the per-file time goes (``--no-profile`` skips it).

Built once in the work folder (default ``benchmarks/work/pkcs11/``) and reused: the test PKI of
``tests/support/pki.py``, a SoftHSM2 token from ``tests/support/softhsm.py``, the PIN file and the
small files.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

sys.path.insert(0, str(REPO))  # tests.support: the test PKI and SoftHSM token helpers

DEFAULT_WORK = REPO / "benchmarks" / "work" / "pkcs11"
PERSONA = "rsa"  # RSA-2048, "Jeanne Test RSA", id 01, no CKA_ALWAYS_AUTHENTICATE
FORMATS = ("xades", "cades")
LABELS = {"xades": "XAdES", "cades": "CAdES"}
GOAL_MS = 5.0  # per file, beyond its C_Sign call
SPY_CANDIDATES = (
    Path("/usr/lib/x86_64-linux-gnu/pkcs11-spy.so"),
    Path("/usr/lib/x86_64-linux-gnu/pkcs11/pkcs11-spy.so"),
    Path("/usr/lib/pkcs11/pkcs11-spy.so"),
    Path("/usr/local/lib/pkcs11-spy.so"),
)
SHA256_DIGEST_INFO = "3031300d060960864801650304020105000420"


# --------------------------------------------------------------------------------------------
# Child processes (run with ``python -c``: they import only what they measure)
# --------------------------------------------------------------------------------------------

# The limit: one login, then ``count`` raw signatures of distinct SHA-256 DigestInfos.
RAW_CHILD = r"""
import time
started = time.perf_counter()
import hashlib, json, sys
import pkcs11
from pkcs11 import Mechanism, ObjectClass
job = json.loads(sys.argv[1])
lib = pkcs11.lib(job["module"])
token = lib.get_token(token_label=job["token"])
prefix = bytes.fromhex(job["prefix"])
payloads = [prefix + hashlib.sha256(b"%d" % i).digest() for i in range(job["count"])]
ready = time.perf_counter()
with token.open(user_pin=job["pin"]) as session:
    logged_in = time.perf_counter()
    key = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=job["key"])
    calls = []
    loop_start = time.perf_counter()
    for payload in payloads:
        before = time.perf_counter()
        key.sign(payload, mechanism=Mechanism.RSA_PKCS)
        calls.append(time.perf_counter() - before)
    loop = time.perf_counter() - loop_start
    # For information: the token hashing too (CKM_SHA256_RSA_PKCS over 32-byte messages).
    hashed_start = time.perf_counter()
    for payload in payloads:
        key.sign(payload[-32:], mechanism=Mechanism.SHA256_RSA_PKCS)
    hashed = time.perf_counter() - hashed_start
print(json.dumps({"start_to_ready": ready - started, "login": logged_in - ready, "loop": loop,
                  "calls": calls, "sha256_rsa_pkcs_loop": hashed}))
"""

# The engine in process: open the credential (one login), then plan + sign the batch, timed.
ENGINE_CHILD = r"""
import time
started = time.perf_counter()
import cProfile, importlib, json, os, sys
from pathlib import Path
job = json.loads(sys.argv[1])
sys.setswitchinterval(0.0001)  # as `paraphe sign` does, for its hashing thread
from paraphe.core.credentials.pkcs11 import credential as token_credential
from paraphe.core.signing.engine import BatchSigner, hash_ahead, plan_documents
from paraphe.core.signing.formats import HEAVY_MODULES
from paraphe.core.signing.request import SignatureFormat, SignRequest
fmt = SignatureFormat(job["format"])
for module in HEAVY_MODULES[fmt]:  # what the command preloads beside the PIN prompt
    importlib.import_module(module)
imported = time.perf_counter()

logins = []  # C_Login by python-pkcs11's Token.open(user_pin=...)
pin_requests = []
real_select_token = token_credential.select_token

class CountingToken:
    def __init__(self, token):
        self._token = token
    def __getattr__(self, name):
        return getattr(self._token, name)
    def open(self, rw=False, user_pin=None):
        if user_pin is not None:
            logins.append(1)
        return self._token.open(rw=rw, user_pin=user_pin)

token_credential.select_token = lambda *a, **k: CountingToken(real_select_token(*a, **k))

def ask(request):
    pin_requests.append(request.token_label)
    return job["pin"]

credential = token_credential.Pkcs11Credential.open(
    Path(job["module"]), token_label=job["token"], key_label=job["key"], ask_secret=ask)
opened = time.perf_counter()

spent = {"c_sign": [], "write": [], "check": [], "digest_wait": [], "fsync": []}

def timed(name, function):
    def wrapper(*args, **kwargs):
        before = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name].append(time.perf_counter() - before)
    return wrapper

credential.raw_sign = timed("c_sign", credential.raw_sign)  # C_SignInit + C_Sign, under a lock
os.fsync = timed("fsync", os.fsync)  # the staged output and its folder, before publishing
request = SignRequest(documents=tuple(Path(p) for p in job["files"]), format=fmt,
                      output_dir=Path(job["out"]))
finished = []
profiler = cProfile.Profile() if job.get("profile") else None
with credential:
    if profiler is not None:
        profiler.enable()
    batch_start = time.perf_counter()
    plan = plan_documents(request)
    planned = time.perf_counter()
    signer = BatchSigner(request, credential, on_result=lambda r: finished.append(time.perf_counter()))
    signer.handler.write = timed("write", signer.handler.write)
    signer.handler.check = timed("check", signer.handler.check)
    digests = hash_ahead(plan, request)
    digests.digest = timed("digest_wait", digests.digest)
    outcome = signer.run(plan, digests)
    batch_end = time.perf_counter()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(job["profile"])
if outcome.failures:
    sys.exit("failures: " + "; ".join(f.message for f in outcome.failures))
marks = [planned, *finished]
print(json.dumps({
    "imports": imported - started, "open": opened - imported, "plan": planned - batch_start,
    "batch": batch_end - batch_start, "signed": len(outcome.results),
    "per_file": [b - a for a, b in zip(marks, marks[1:])],
    "spent": {name: sum(values) for name, values in spent.items()},
    "c_sign_calls": len(spent["c_sign"]),
    "logins": len(logins), "pin_requests": len(pin_requests),
    "context_logins": len(spent["c_sign"]) if credential.always_authenticate else 0,
}))
"""


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    module: Path
    conf: Path
    token: str
    key: str
    pin: str
    pin_file: Path
    root_cert: Path
    files: list[Path]

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "SOFTHSM2_CONF": str(self.conf)}


def _cert_days_left(pem: Path) -> float:
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(pem.read_bytes())
    return (cert.not_valid_after_utc - dt.datetime.now(dt.UTC)).total_seconds() / 86400


def make_token(work: Path) -> Setup:
    """The test PKI and a SoftHSM2 token holding its keys; reused while the signer is valid."""
    from tests.support.softhsm import KEYS, SOFTHSM_MODULE, TOKEN_LABEL, USER_PIN

    pki_dir, hsm_dir = work / "pki", work / "softhsm"
    marker = hsm_dir / "built.json"  # which PKI the token holds
    signer_cert = pki_dir / "certs" / f"{PERSONA}.cert.pem"
    fresh = (
        signer_cert.is_file()
        and marker.is_file()
        and (hsm_dir / "softhsm2.conf").is_file()
        and json.loads(marker.read_text())["signer"] == signer_cert.read_text()
        and _cert_days_left(signer_cert) > 7
    )
    if not fresh:
        print(f"building the test PKI and the SoftHSM2 token in {work} ...", flush=True)
        from tests.support.pki import build_test_pki
        from tests.support.softhsm import create_softhsm_token

        shutil.rmtree(pki_dir, ignore_errors=True)
        shutil.rmtree(hsm_dir, ignore_errors=True)  # --init-token --free would add a 2nd token
        pki = build_test_pki(pki_dir)
        create_softhsm_token(hsm_dir, pki)
        marker.write_text(json.dumps({"signer": signer_cert.read_text()}))
    pin_file = work / "pin.txt"
    pin_file.write_text(USER_PIN + "\n", encoding="utf-8")
    key = next(k.label for k in KEYS if k.persona == PERSONA)
    return Setup(
        module=SOFTHSM_MODULE,
        conf=hsm_dir / "softhsm2.conf",
        token=TOKEN_LABEL,
        key=key,
        pin=USER_PIN,
        pin_file=pin_file,
        root_cert=pki_dir / "certs" / "root.cert.pem",
        files=[],
    )


def find_spy() -> Path | None:
    return next((p for p in SPY_CANDIDATES if p.is_file()), None)


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float  # whole process, seconds
    rss_kib: int
    report: dict[str, Any] = field(default_factory=dict)  # what a child printed (JSON)


def run(argv: list[str], env: dict[str, str], work: Path, *, capture: bool = False) -> Sample:
    """One process: wall time, peak RSS (GNU time, as in bench_sign.py), its JSON if captured."""
    command = argv
    report = work / "rss.txt"
    if GNU_TIME is not None:
        argv = [GNU_TIME, "-f", "%M", "-o", str(report), *argv]
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
        print(f"  stderr of {Path(command[0]).name}: {errors}")
    rss = int(report.read_text().split()[-1]) if GNU_TIME is not None else 0
    return Sample(wall, rss, json.loads(done.stdout) if capture else {})


def cli_argv(paraphe: str, setup: Setup, module: Path, fmt: str, out: Path) -> list[str]:
    return [
        paraphe, "sign", *map(str, setup.files),
        "--pkcs11", str(module),
        "--token", setup.token,
        "--key", setup.key,
        "--pin-file", str(setup.pin_file),
        "--format", fmt,
        "-q",
        "--out", str(out),
    ]  # fmt: skip


def raw_argv(python: str, setup: Setup) -> list[str]:
    job = {"module": str(setup.module), "token": setup.token, "key": setup.key, "pin": setup.pin,
           "count": len(setup.files), "prefix": SHA256_DIGEST_INFO}  # fmt: skip
    return [python, "-c", RAW_CHILD, json.dumps(job)]


def engine_argv(
    python: str, setup: Setup, fmt: str, out: Path, profile: Path | None = None
) -> list[str]:
    job = {"module": str(setup.module), "token": setup.token, "key": setup.key, "pin": setup.pin,
           "format": fmt, "files": [str(p) for p in setup.files], "out": str(out),
           "profile": str(profile) if profile else None}  # fmt: skip
    return [python, "-c", ENGINE_CHILD, json.dumps(job)]


def expect_outputs(folder: Path, fmt: str, count: int) -> None:
    ext = "xml" if fmt == "xades" else "p7s"
    produced = len(list(folder.glob(f"* - Signature 1.{ext}")))
    if produced != count:
        raise SystemExit(f"{fmt}: {produced} outputs in {folder} for {count} files")


# --------------------------------------------------------------------------------------------
# Checks (untimed): one login per batch, one C_Sign per file, outputs that verify
# --------------------------------------------------------------------------------------------


def spy_counts(paraphe: str, setup: Setup, work: Path, fmt: str) -> dict[str, int] | None:
    """The command once through pkcs11-spy: how many times each C_ function was called."""
    spy = find_spy()
    if spy is None:
        return None
    log = work / f"spy-{fmt}.log"
    log.unlink(missing_ok=True)
    out = fresh_dir(work / "out" / f"spy-{fmt}")
    env = {**setup.env, "PKCS11SPY": str(setup.module), "PKCS11SPY_OUTPUT": str(log)}
    run(cli_argv(paraphe, setup, spy, fmt, out), env, work)
    expect_outputs(out, fmt, len(setup.files))
    text = log.read_text(errors="replace")
    headers = list(re.finditer(r"^\d+: (C_\w+)$", text, re.M))
    calls = collections.Counter(m[1] for m in headers)
    # python-pkcs11 calls C_Sign twice per signature: first with a NULL buffer for the length.
    for header, after in zip(headers, [*headers[1:], None], strict=True):
        block = text[header.end() : after.start() if after else len(text)]
        if header[1] == "C_Sign" and re.search(r"\[out\] pSignature\S* NULL", block):
            calls["C_Sign length queries"] += 1
    return dict(calls)


def check_signature(setup: Setup, work: Path) -> str:
    """One CAdES output of the spy run, checked by ``openssl cms -verify`` against the root."""
    folder = work / "out" / "spy-cades"
    token = sorted(folder.glob("* - Signature 1.p7s"))[0]
    document = next(p for p in setup.files if token.name.startswith(p.name + " - "))
    bundle = work / "pki" / "ca-bundle.pem"
    done = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(token),
         "-content", str(document), "-CAfile", str(setup.root_cert), "-certfile", str(bundle),
         "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"openssl cms -verify refused {token}:\n{done.stderr}")
    return f"`openssl cms -verify` accepts `{token.name}` (chain to the test root)"


# --------------------------------------------------------------------------------------------
# Benchmark
# --------------------------------------------------------------------------------------------

CASES = ("raw", "engine-xades", "engine-cades", "cli-xades", "cli-cades")


def bench(
    paraphe: str, python: str, setup: Setup, work: Path, repeat: int
) -> dict[str, list[Sample]]:
    samples: dict[str, list[Sample]] = {case: [] for case in CASES}
    count = len(setup.files)
    print(f"\n== {count} files, {repeat} run(s) of each, alternating ==")
    for path in setup.files:  # in the page cache
        path.read_bytes()
    for rep in range(repeat):
        order = list(CASES)[rep % len(CASES) :] + list(CASES)[: rep % len(CASES)]
        for case in order:
            if case == "raw":
                sample = run(raw_argv(python, setup), setup.env, work, capture=True)
                inside = sample.report["loop"]
            else:
                kind, fmt = case.split("-")
                out = fresh_dir(work / "out" / case)
                if kind == "engine":
                    sample = run(
                        engine_argv(python, setup, fmt, out), setup.env, work, capture=True
                    )
                    inside = sample.report["batch"]
                else:
                    sample = run(cli_argv(paraphe, setup, setup.module, fmt, out), setup.env, work)
                    inside = sample.wall
                expect_outputs(out, fmt, count)
            samples[case].append(sample)
            print(f"  run {rep + 1} {case:13} process {sample.wall:6.2f} s   timed {inside:6.3f} s"
                  f"   {count / inside:7.1f} sig/s   {sample.rss_kib / 1024:6.1f} MB")  # fmt: skip
    return samples


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    return f"{min(values):.3f}-{max(values):.3f}"


def tables(samples: dict[str, list[Sample]], count: int) -> list[str]:
    raw_loop = [s.report["loop"] for s in samples["raw"]]
    raw_wall = [s.wall for s in samples["raw"]]
    limit = median(raw_loop)
    per_call_ms = limit / count * 1000
    all_calls = [c for s in samples["raw"] for c in s.report["calls"]]
    rss_raw = max(s.rss_kib for s in samples["raw"]) / 1024
    n = len(raw_loop)
    rows = [
        f"**{count} small files (10-50 KB) signed in one call with one login**, SoftHSM2 token,"
        f" RSA-2048 key; the limit is {count} raw signatures (C_SignInit + C_Sign, CKM_RSA_PKCS"
        f" over a SHA-256 DigestInfo, what paraphe asks of a token) after one login, in a loop"
        f" (median of {n}; fresh process each run)",
        "",
        "| what | timed | median s (min-max) | signatures/s | / raw C_Sign loop (sig/s) |"
        " / raw loop's whole process (sig/s) | ms per signature | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    raw_process = median(raw_wall)

    def row(label: str, timed: str, values: list[float], rss: float | None) -> str:
        t = median(values)
        whole = f"{raw_process / t:.2f}x" if rss is not None else ""  # process against process
        return (
            f"| {label} | {timed} | {t:.3f} ({spread(values)}) | {count / t:.1f}"
            f" | {limit / t:.2f}x | {whole} | {t / count * 1000:.2f}"
            f" | {'' if rss is None else f'{rss:.1f}'} |"
        )

    rows.append(row(f"raw loop: {count} x `key.sign(..., Mechanism.RSA_PKCS)` (the limit)",
                    "in process, after login", raw_loop, None))  # fmt: skip
    rows.append(row("raw loop, whole process (interpreter, module load, login, signatures)",
                    "process wall", raw_wall, rss_raw))  # fmt: skip
    for fmt in FORMATS:
        engine = [s.report["batch"] for s in samples[f"engine-{fmt}"]]
        rows.append(row(f"engine {LABELS[fmt]}: `plan_documents` + `BatchSigner.run`",
                        "in process, after imports + login", engine, None))  # fmt: skip
    for fmt in FORMATS:
        cli = [s.wall for s in samples[f"cli-{fmt}"]]
        rss = max(s.rss_kib for s in samples[f"cli-{fmt}"]) / 1024
        rows.append(row(f"`paraphe sign --pkcs11 ... --format {fmt} -q --out DIR` {count} files",
                        "process wall", cli, rss))  # fmt: skip
    hashed = median([s.report["sha256_rsa_pkcs_loop"] for s in samples["raw"]])
    rows += [
        "",
        f"Raw C_Sign: {per_call_ms:.2f} ms per call in the loop (median call"
        f" {statistics.median(all_calls) * 1000:.2f} ms, slowest {max(all_calls) * 1000:.2f} ms"
        f" over {len(all_calls)} calls); with the token hashing (CKM_SHA256_RSA_PKCS)"
        f" {hashed / count * 1000:.2f} ms per call. Whole raw process beyond its loop (interpreter,"
        f" python-pkcs11, module load, login): {(raw_process - limit) * 1000:.0f} ms.",
        "",
        f"**Cost of a file beyond its C_Sign call** (goal: under {GOAL_MS:.0f} ms): engine time per"
        f" file minus the raw loop's time per call ({per_call_ms:.2f} ms); also minus the C_Sign"
        " time measured inside the same engine run (`raw_sign`, lock included).",
        "",
        "| format | engine ms per file (mean) | per file, median | raw C_Sign ms per call"
        " | **beyond C_Sign, ms per file** | goal | met | C_Sign inside the engine ms per file"
        " | beyond that, ms per file |",
        "|---|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for fmt in FORMATS:
        runs = samples[f"engine-{fmt}"]
        per_file = median([s.report["batch"] for s in runs]) / count * 1000
        file_median = median([median(s.report["per_file"]) for s in runs]) * 1000
        inside_sign = median([s.report["spent"]["c_sign"] for s in runs]) / count * 1000
        inside_beyond = (
            median([(s.report["batch"] - s.report["spent"]["c_sign"]) for s in runs]) / count * 1000
        )
        beyond = per_file - per_call_ms
        rows.append(
            f"| {LABELS[fmt]} | {per_file:.2f} | {file_median:.2f} | {per_call_ms:.2f}"
            f" | **{beyond:.2f}** | < {GOAL_MS:.0f} ms | {'yes' if beyond < GOAL_MS else '**NO**'}"
            f" | {inside_sign:.2f} | {inside_beyond:.2f} |"
        )
    rows += [
        "",
        "**Where an engine file's time goes** (wall ms per file, medians over the timed engine runs;"
        " wrappers around the handler's methods, the credential's `raw_sign` and the digest"
        " pipeline's `digest`)",
        "",
        "| step | XAdES | CAdES |",
        "|---|---:|---:|",
    ]
    steps = {}
    for fmt in FORMATS:
        runs = samples[f"engine-{fmt}"]

        def ms(key: str, runs: list[Sample] = runs) -> float:
            return median([s.report["spent"][key] for s in runs]) / count * 1000

        batch = median([s.report["batch"] for s in runs]) / count * 1000
        plan = median([s.report["plan"] for s in runs]) / count * 1000
        write, sign, check, wait = ms("write"), ms("c_sign"), ms("check"), ms("digest_wait")
        steps[fmt] = {
            "whole batch (plan + run)": batch,
            "plan: open and check each document": plan,
            "write: build the signature, C_Sign excluded": write - sign,
            "C_Sign (`raw_sign`: C_SignInit + C_Sign)": sign,
            "check: read the output back and verify it": check,
            "waiting for the hashing thread": wait,
            "the rest (staging, `ensure_unchanged`, publish, progress)":
                batch - plan - write - check - wait,
            "&nbsp;&nbsp;of which `os.fsync` (the output and its folder)": ms("fsync"),
        }  # fmt: skip
    for step in steps["xades"]:
        rows.append(f"| {step} | {steps['xades'][step]:.2f} | {steps['cades'][step]:.2f} |")
    startup = {
        fmt: (
            median([s.report["imports"] for s in samples[f"engine-{fmt}"]]),
            median([s.report["open"] for s in samples[f"engine-{fmt}"]]),
            median([s.wall for s in samples[f"engine-{fmt}"]]),
            median([s.report["batch"] for s in samples[f"engine-{fmt}"]]),
        )
        for fmt in FORMATS
    }
    rows += [
        "",
        "Engine process outside the timed batch: "
        + "; ".join(
            f"{LABELS[f]}: imports {i * 1000:.0f} ms, `Pkcs11Credential.open` (module load, login,"
            f" key and certificates found) {o * 1000:.0f} ms, whole process {w:.2f} s for"
            f" {b:.2f} s of batch"
            for f, (i, o, w, b) in startup.items()
        )
        + ".",
        "",
    ]
    return rows


def logins_section(
    spy: dict[str, dict[str, int] | None], samples: dict[str, list[Sample]], count: int
) -> list[str]:
    lines = [f"**Logins** (one batch of {count} files):", ""]
    for fmt in FORMATS:
        calls = spy[fmt]
        if calls is None:
            lines.append(f"- `paraphe sign --format {fmt}`: pkcs11-spy not found, not traced;"
                         " the command reads the PIN once, from `--pin-file`.")  # fmt: skip
            continue
        queries = calls.get("C_Sign length queries", 0)
        signatures = calls.get("C_Sign", 0) - queries
        traced = ", ".join(
            f"{name} {calls.get(name, 0)}"
            for name in ("C_Initialize", "C_OpenSession", "C_Login", "C_SignInit", "C_Sign",
                         "C_Logout", "C_CloseSession", "C_Finalize")
        )  # fmt: skip
        one_login = calls.get("C_Login", 0) == 1
        one_each = signatures == count and calls.get("C_SignInit", 0) == count
        verdict = "one login per batch" if one_login else "**NOT one login per batch**"
        verdict += ", one signature per file" if one_each else ", **not one signature per file**"
        lines.append(
            f"- `paraphe sign --format {fmt}` through OpenSC's pkcs11-spy (untimed run): {traced}"
            f" (of the C_Sign calls, {queries} are python-pkcs11's length queries with a NULL"
            f" buffer, {signatures} produce a signature) -> {verdict}."
        )
    for fmt in FORMATS:
        runs = samples[f"engine-{fmt}"]
        logins = sorted({s.report["logins"] for s in runs})
        pins = sorted({s.report["pin_requests"] for s in runs})
        context = sorted({s.report["context_logins"] for s in runs})
        signs = sorted({s.report["c_sign_calls"] for s in runs})
        lines.append(
            f"- engine {LABELS[fmt]}, every timed run: token logins {logins}, PIN asked {pins},"
            f" context-specific logins {context}, `raw_sign` calls {signs}."
        )
    return lines


# --------------------------------------------------------------------------------------------
# Profile
# --------------------------------------------------------------------------------------------


def _where(filename: str, line: int, name: str) -> str:
    if filename == "~":
        return name
    parts = Path(filename).parts
    for anchor in ("site-packages", "paraphe"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            rest = parts[index + 1 :] if anchor == "site-packages" else parts[index:]
            return f"{'/'.join(rest)}:{line}({name})"
    return f"{'/'.join(parts[-2:])}:{line}({name})"


STDLIB = str(Path(shlex.__file__).parent)


def _library_code(filename: str) -> bool:
    """Not the standard library, a builtin, or this benchmark's child code (``<string>``)."""
    if filename in ("~", "<string>"):
        return False
    return not filename.startswith(STDLIB) or "site-packages" in filename


def profile(python: str, setup: Setup, work: Path, count: int, top: int = 8) -> list[str]:
    """One more engine run per format under cProfile: own time and cumulative time, per file."""
    lines = [
        "**cProfile of the engine batch** (one more run per format, profiler on around `plan` +"
        " `run` only; ms per file; the profiler inflates pure-Python code more than C code)",
        "",
    ]
    for fmt in FORMATS:
        out = fresh_dir(work / "out" / f"profile-{fmt}")
        prof = work / f"engine-{fmt}.prof"
        sample = run(engine_argv(python, setup, fmt, out, prof), setup.env, work, capture=True)
        stats = pstats.Stats(str(prof))
        entries = stats.stats.items()  # type: ignore[attr-defined]
        own = sorted(entries, key=lambda item: item[1][2], reverse=True)[:top]
        skip = {"run", "sign_one", "wrapper"}
        cumulative = [
            item
            for item in sorted(entries, key=lambda item: item[1][3], reverse=True)
            if _library_code(item[0][0]) and item[0][2] not in skip
        ][:top]

        def fmt_list(items: list, index: int) -> str:
            return "; ".join(
                f"`{_where(*key)}` {value[index] / count * 1000:.2f}" for key, value in items
            )

        lines += [
            f"- {LABELS[fmt]}: {sample.report['batch'] / count * 1000:.2f} ms per file under the"
            f" profiler (wall). Hottest own time: {fmt_list(own, 2)}.",
            f"  Cumulative (libraries and paraphe, standard library left out):"
            f" {fmt_list(cumulative, 3)}. (saved as `{prof}`)",
        ]
    return lines


# --------------------------------------------------------------------------------------------


def versions(python: str, setup: Setup) -> str:
    libs = subprocess.run(
        [python, "-c",
         "import importlib.metadata as m; print(', '.join(f'{p} {m.version(p)}' for p in"
         " ('python-pkcs11', 'pyHanko', 'signxml', 'lxml', 'cryptography')))"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    util = shutil.which("softhsm2-util")
    softhsm = ""
    if util:
        softhsm = subprocess.run([util, "--version"], capture_output=True, text=True).stdout.strip()
    return f"- libraries: SoftHSM {softhsm or '?'} ({setup.module}), {libs}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="files in the batch (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder")
    parser.add_argument(
        "--paraphe",
        default=str(REPO / ".venv" / "bin" / "paraphe"),
        help="the paraphe executable (default: .venv/bin/paraphe)",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile runs")
    parser.add_argument("--record", action="store_true", help=f"append the tables to {RESULTS}")
    args = parser.parse_args()
    if args.repeat < 1 or args.count < 1:
        parser.error("--repeat and --count must be positive")
    if not Path(args.paraphe).is_file():
        parser.error(f"{args.paraphe}: not found (make the venv or pass --paraphe)")
    python = str(Path(args.paraphe).with_name("python"))

    code_at_start = git_state()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    setup = make_token(work)
    if not setup.module.is_file():
        parser.error(f"{setup.module}: SoftHSM2 not installed (apt-get install softhsm2)")
    setup.files.extend(make_small_files(work / "files", args.count))

    print("checking: logins and C_Sign calls (pkcs11-spy), one signature (openssl) ...", flush=True)
    spy = {fmt: spy_counts(args.paraphe, setup, work, fmt) for fmt in FORMATS}
    checks = [check_signature(setup, work) + " (an output of the traced CAdES run)."]
    samples = bench(args.paraphe, python, setup, work, args.repeat)
    sections = [*tables(samples, args.count), *logins_section(spy, samples, args.count), "",
                *checks, ""]  # fmt: skip
    if not args.no_profile:
        print("\nprofiling ...", flush=True)
        sections += [*profile(python, setup, work, args.count), ""]
    shutil.rmtree(work / "out", ignore_errors=True)

    machine = describe_machine(code_at_start)
    machine.insert(3, versions(python, setup))
    show_and_record("bench_pkcs11.py", machine, sections, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
