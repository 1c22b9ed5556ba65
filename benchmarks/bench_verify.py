"""Time ``paraphe verify`` on 100 signatures of mixed formats against pyHanko's CLI and OpenSSL.

Run from the repository root:

    .venv/bin/python benchmarks/bench_verify.py [--count 100] [--repeat 3] [--profile] [--record]

One ``paraphe verify --offline --trust ca.pem FOLDER --json`` call over a folder of ``--count``
signatures (a third each XAdES, CAdES and PAdES) is timed against one process per signature of
its peers, run one after another: ``pyhanko sign validate`` on the signed PDFs and ``openssl cms
-verify`` on the CAdES tokens. The commands are run in alternation (in a rotating order), so that
they share whatever else the machine is doing; read the RATIOS, not the seconds. Every figure is
a median of ``--repeat`` runs.

Revocation: the test CA publishes nothing (no CRL distribution point, no OCSP responder) and
nothing touches the network. paraphe runs ``--offline`` and so ends every signature at
INDETERMINATE/TRY_LATER, after all the parsing, hashing, signature and certificate path work;
pyHanko's CLI runs with ``--no-revocation-check``; ``openssl cms -verify`` checks no revocation
by default. The correctness check (once, untimed) asserts that paraphe found every signature,
failed none, and that for each the document digest and signature value passed and the chain
reached the CA.

Peak RSS is taken with GNU time (``/usr/bin/time -f %M``), as in ``bench_sign.py``.

``--profile`` adds where paraphe's time goes: the steps of each format timed (wall clock) inside
one warm paraphe process, ``-X importtime`` for the start-up, and cProfile's hottest functions.
"""

from __future__ import annotations

import argparse
import collections
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
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import (  # the shared fixtures and report helpers
    GNU_TIME,
    REPO,
    RESULTS,
    Case,
    Run,
    Signer,
    describe_machine,
    git_state,
    make_signer,
    show_and_record,
)

DEFAULT_WORK = REPO / "benchmarks" / "work" / "verify"
FORMATS = ("xades", "cades", "pades")
LABELS = {"xades": "XAdES", "cades": "CAdES", "pades": "PAdES"}
CORPUS_VERSION = 1  # bump when the way the corpus is made changes: it is then made again


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------

_WORDS = (
    "acte", "engagement", "marche", "public", "lot", "prix", "unitaire", "bordereau", "memoire",
    "technique", "candidat", "titulaire", "pouvoir", "adjudicateur", "offre", "delai", "execution",
    "montant", "hors", "taxes", "article", "clause", "cahier", "administratif", "particulieres",
    "prestations", "livraison", "garantie", "sous-traitance",
)  # fmt: skip


def make_pdf(path: Path, size: int, seed: int, lines_per_page: int = 64) -> None:
    """A plain PDF of about ``size`` bytes (pages of uncompressed text), with pyHanko's writer;
    64 lines fill a page, fewer leave its lower part blank."""
    import random

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    rng = random.Random(seed)
    writer = PdfFileWriter()
    font = writer.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Font"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
                generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
            }
        )
    )
    resources = generic.DictionaryObject(
        {generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name("/F1"): font})}
    )
    written = 600  # header, catalog, page tree, font, xref, trailer: about that much
    page = 0
    while written < size:
        page += 1
        lines = [f"BT /F1 9 Tf 50 800 Td 12 TL (Piece {seed} - page {page}) Tj"]
        for _ in range(lines_per_page):
            words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 11)))
            lines.append(f"T* ({words}) Tj")
        lines.append("ET")
        data = "\n".join(lines).encode("ascii")
        room = size - written - 250  # a page object and its stream wrapper
        if room < len(data):
            data = data[: max(room, 40)].rsplit(b"\n", 1)[0] + b"\nET"
        contents = writer.add_object(generic.StreamObject(stream_data=data))
        writer.insert_page(
            generic.DictionaryObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/Page"),
                    generic.pdf_name("/MediaBox"): generic.ArrayObject(
                        map(generic.NumberObject, (0, 0, 595, 842))
                    ),
                    generic.pdf_name("/Resources"): resources,
                    generic.pdf_name("/Contents"): contents,
                }
            )
        )
        written += len(data) + 250
    with open(path, "wb") as out:
        writer.write(out)


@dataclass(frozen=True)
class Corpus:
    root: Path
    """Holds xades/, cades/ and pades/: the folder paraphe verifies."""
    ca_pem: Path
    cades_pairs: list[tuple[Path, Path]]
    """(token, document) for openssl."""
    pdfs: list[Path]
    """Signed PDFs, for pyHanko's CLI."""
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def split(count: int) -> dict[str, int]:
    """100 -> 34 XAdES, 33 CAdES, 33 PAdES."""
    base, extra = divmod(count, 3)
    return {fmt: base + (1 if i < extra else 0) for i, fmt in enumerate(FORMATS)}


def make_corpus(work: Path, signer: Signer, paraphe: str, count: int) -> Corpus:
    """Documents of 10-50 KB (PDFs) signed by ``paraphe sign``; made once and reused."""
    import random

    root = work / "corpus"
    counts = split(count)
    manifest = work / "corpus.json"
    fingerprint = _file_fingerprint(signer.cert_pem)
    wanted = {"version": CORPUS_VERSION, "counts": counts, "signer": fingerprint}
    corpus = _corpus_files(root, work / "pki" / "ca.cert.pem", counts)
    if manifest.is_file() and json.loads(manifest.read_text()) == wanted and _complete(corpus):
        return corpus

    print(f"making {count} signed documents in {root} ...", flush=True)
    shutil.rmtree(root, ignore_errors=True)
    sources = work / "sources"
    shutil.rmtree(sources, ignore_errors=True)
    rng = random.Random(20261123)
    number = 0
    for fmt in FORMATS:
        folder = root / fmt if fmt != "pades" else sources
        folder.mkdir(parents=True, exist_ok=True)
        documents = []
        for _ in range(counts[fmt]):
            document = folder / f"Piece {number:03d}.pdf"
            make_pdf(document, rng.randint(10_000, 50_000), number)
            documents.append(document)
            number += 1
        out = root / fmt
        out.mkdir(parents=True, exist_ok=True)
        argv = [
            paraphe, "sign", *map(str, documents),
            "--p12", str(signer.p12),
            "--password-file", str(signer.password_file),
            "--format", fmt,
            "-q",
            "--out", str(out),
        ]  # fmt: skip
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"failed: {shlex.join(argv)}\n{done.stderr}")
    shutil.rmtree(sources, ignore_errors=True)
    corpus = _corpus_files(root, work / "pki" / "ca.cert.pem", counts)
    if not _complete(corpus):
        raise SystemExit(f"paraphe sign did not produce the expected files in {root}")
    manifest.write_text(json.dumps(wanted, indent=2) + "\n")
    return corpus


def _corpus_files(root: Path, ca_pem: Path, counts: dict[str, int]) -> Corpus:
    cades = sorted((root / "cades").glob("*.pdf - Signature 1.p7s"))
    pairs = [
        (token, token.with_name(token.name.removesuffix(" - Signature 1.p7s"))) for token in cades
    ]
    pdfs = sorted((root / "pades").glob("*_signe.pdf"))
    return Corpus(root, ca_pem, pairs, pdfs, counts)


def _complete(corpus: Corpus) -> bool:
    xades = list((corpus.root / "xades").glob("*.pdf - Signature 1.xml"))
    return (
        corpus.ca_pem.is_file()
        and len(xades) == corpus.counts["xades"]
        and all(x.with_name(x.name.removesuffix(" - Signature 1.xml")).is_file() for x in xades)
        and len(corpus.cades_pairs) == corpus.counts["cades"]
        and all(doc.is_file() for _, doc in corpus.cades_pairs)
        and len(corpus.pdfs) == corpus.counts["pades"]
        and sum(1 for p in corpus.root.rglob("*") if p.is_file())
        == 2 * (corpus.counts["xades"] + corpus.counts["cades"]) + corpus.counts["pades"]
    )


def _file_fingerprint(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tools:
    paraphe: str
    pyhanko: str
    env: dict[str, str]
    """paraphe's environment: PARAPHE_DATA_DIR in the work folder (an empty user trust store)."""


def paraphe_argv(tools: Tools, corpus: Corpus, *paths: Path) -> list[str]:
    return [
        tools.paraphe, "verify", "--offline", "--trust", str(corpus.ca_pem),
        *map(str, paths or (corpus.root,)), "--json",
    ]  # fmt: skip


def pyhanko_argv(tools: Tools, corpus: Corpus, pdf: Path) -> list[str]:
    return [
        tools.pyhanko, "sign", "validate",
        "--trust", str(corpus.ca_pem), "--trust-replace",
        "--no-revocation-check",
        str(pdf),
    ]  # fmt: skip


def openssl_argv(corpus: Corpus, token: Path, document: Path) -> list[str]:
    return [
        "openssl", "cms", "-verify", "-binary", "-inform", "DER",
        "-in", str(token), "-content", str(document),
        "-CAfile", str(corpus.ca_pem), "-purpose", "any",
        "-out", "/dev/null",
    ]  # fmt: skip


PARAPHE_OK = frozenset(
    {0, 3}
)  # 3: INDETERMINATE (TRY_LATER, offline without revocation data), none failed


def run_child(
    argv: list[str],
    *,
    work: Path,
    env: dict[str, str] | None = None,
    ok: frozenset[int] = frozenset({0}),
    rss: bool = True,
) -> Run:
    """One process, stdout to /dev/null: wall time and peak RSS (KiB, GNU time)."""
    command = argv
    report = work / "rss.txt"
    if rss and GNU_TIME is not None:
        argv = [GNU_TIME, "-f", "%M", "-o", str(report), *argv]
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(
            f"failed ({code}): {shlex.join(command)}\n{errors.decode(errors='replace')}"
        )
    max_rss = 0
    if rss:
        max_rss = usage.ru_maxrss
        if GNU_TIME is not None:
            max_rss = int(report.read_text().split()[-1])
    return Run(elapsed, max_rss)


def run_loop(commands: list[list[str]], work: Path) -> Run:
    """Processes one after another: total wall time; peak RSS of one, measured outside."""
    start = time.perf_counter()
    for argv in commands:
        run_child(argv, work=work, rss=False)
    elapsed = time.perf_counter() - start
    return Run(elapsed, run_child(commands[0], work=work).max_rss_kib)


def cycle(items: list, count: int) -> list:
    return [items[i % len(items)] for i in range(count)]


# --------------------------------------------------------------------------------------------
# Correctness (once, untimed)
# --------------------------------------------------------------------------------------------


def check_outputs(tools: Tools, corpus: Corpus) -> list[str]:
    """paraphe's JSON: every signature found, none failed, the crypto and path work done.
    Each peer accepts each of its inputs. Returns lines for the report."""
    argv = paraphe_argv(tools, corpus)
    done = subprocess.run(argv, capture_output=True, text=True, env=tools.env)
    if done.returncode not in PARAPHE_OK:
        raise SystemExit(f"paraphe verify exited {done.returncode}\n{done.stderr}")
    report = json.loads(done.stdout)
    signatures = [s for d in report["documents"] for s in d["signatures"]]
    problems = []
    if len(signatures) != corpus.total:
        problems.append(f"{len(signatures)} signatures found, {corpus.total} expected")
    by_format = collections.Counter(s["format"] for s in signatures)
    for fmt, count in corpus.counts.items():
        if by_format[LABELS[fmt]] != count:
            problems.append(f"{by_format[LABELS[fmt]]} {LABELS[fmt]}, {count} expected")
    for key in ("unsigned_documents", "orphan_signatures", "errors"):
        if report[key]:
            problems.append(f"{key}: {report[key]}")
    verdicts = collections.Counter(
        f"{s['indication']}/{s['subindication']}" if s["subindication"] else s["indication"]
        for s in signatures
    )
    for s in signatures:
        where = s["signature_path"]
        if s["indication"] == "TOTAL_FAILED":
            problems.append(f"{where}: TOTAL_FAILED/{s['subindication']}")
        checks = {c["name"]: c["passed"] for c in s["checks"]}
        if checks.get("document digest") is not True or checks.get("signature value") is not True:
            problems.append(f"{where}: digest or signature value not verified: {checks}")
        if len(s["chain"] or []) != 2:
            problems.append(f"{where}: no path to the CA ({len(s['chain'] or [])} certificates)")
    if problems:
        raise SystemExit("paraphe verify output is wrong:\n  " + "\n  ".join(problems[:20]))

    for pdf in corpus.pdfs:
        summary = subprocess.run(pyhanko_argv(tools, corpus, pdf), capture_output=True, text=True)
        if summary.returncode != 0 or "INTACT:TRUSTED" not in summary.stdout:
            raise SystemExit(f"pyhanko sign validate does not accept {pdf}:\n{summary.stdout}")
    for token, document in corpus.cades_pairs:
        ossl = subprocess.run(openssl_argv(corpus, token, document), capture_output=True, text=True)
        if ossl.returncode != 0:
            raise SystemExit(f"openssl cms -verify rejects {token}:\n{ossl.stderr}")
    tally = ", ".join(f"{n} {v}" for v, n in verdicts.most_common())
    return [
        f"Checked once before timing: `paraphe verify` found {len(signatures)} signatures"
        f" ({', '.join(f'{by_format[LABELS[f]]} {LABELS[f]}' for f in FORMATS)}), verdicts:"
        f" {tally}; for each, document digest and signature value passed and the chain reached"
        f" the CA (TRY_LATER: offline, the CA publishes no revocation data). pyHanko's CLI says"
        f" INTACT:TRUSTED for all {len(corpus.pdfs)} PDFs, `openssl cms -verify` accepts all"
        f" {len(corpus.cades_pairs)} CAdES tokens.",
    ]


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def bench(
    tools: Tools, corpus: Corpus, work: Path, repeat: int, pyhanko_runs: int, openssl_runs: int
) -> dict[str, Case]:
    cases = {k: Case(k) for k in ("paraphe", "pyhanko", "openssl")}
    pyhanko_loop = [pyhanko_argv(tools, corpus, p) for p in cycle(corpus.pdfs, pyhanko_runs)]
    openssl_loop = [openssl_argv(corpus, t, d) for t, d in cycle(corpus.cades_pairs, openssl_runs)]
    for path in corpus.root.rglob("*"):  # in the page cache for everyone
        if path.is_file():
            path.read_bytes()
    runs = {"paraphe": corpus.total, "pyhanko": pyhanko_runs, "openssl": openssl_runs}
    print(f"\n== {corpus.total} signatures, {repeat} run(s) each ==")
    for rep in range(repeat):
        order = list(cases)[rep % 3 :] + list(cases)[: rep % 3]
        for key in order:
            if key == "paraphe":
                run = run_child(
                    paraphe_argv(tools, corpus), work=work, env=tools.env, ok=PARAPHE_OK
                )
            elif key == "pyhanko":
                run = run_loop(pyhanko_loop, work)
            else:
                run = run_loop(openssl_loop, work)
            cases[key].runs.append(run)
            print(f"  run {rep + 1} {key:8} {run.seconds:7.2f} s  {runs[key] / run.seconds:7.1f}"
                  f" sig/s  {run.max_rss_kib / 1024:6.1f} MB", flush=True)  # fmt: skip
    return cases


def table(
    cases: dict[str, Case], corpus: Corpus, pyhanko_runs: int, openssl_runs: int
) -> list[str]:
    n = corpus.total
    per_sig = {
        "paraphe": cases["paraphe"].median / n,
        "pyhanko": cases["pyhanko"].median / pyhanko_runs,
        "openssl": cases["openssl"].median / openssl_runs,
    }
    pdf_note = (
        "one per signed PDF"
        if pyhanko_runs == len(corpus.pdfs)
        else f"cycling through the {len(corpus.pdfs)} PDFs"
    )
    labels = {
        "paraphe": f"one `paraphe verify --offline --json` over {n} signatures"
        f" ({', '.join(f'{corpus.counts[f]} {LABELS[f]}' for f in FORMATS)})",
        "pyhanko": f"{pyhanko_runs} x `pyhanko sign validate --no-revocation-check` ({pdf_note})",
        "openssl": f"{openssl_runs} x `openssl cms -verify -binary` (cycling through the"
        f" {len(corpus.cades_pairs)} CAdES tokens)",
    }
    processes = {"paraphe": 1, "pyhanko": pyhanko_runs, "openssl": openssl_runs}
    rows = [
        f"**{n} signatures of mixed formats** (median of {len(cases['paraphe'].runs)}; peers: one"
        " process per signature, one after another)",
        "",
        f"| command | median s (min-max) | ms / signature | s for {n} signatures"
        " | signatures/s | paraphe speed-up (its sig/s / this one's) | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, case in cases.items():
        for_n = per_sig[key] * n
        scaled = "" if processes[key] == n or key == "paraphe" else " (extrapolated)"
        rows.append(
            f"| {labels[key]} | {case.median:.2f} ({case.spread()}) | {per_sig[key] * 1000:.1f}"
            f" | {for_n:.2f}{scaled} | {1 / per_sig[key]:.1f}"
            f" | {per_sig[key] / per_sig['paraphe']:.2f}x | {case.peak_rss_mb:.1f} |"
        )
    rows += [
        "",
        "Peak RSS: of the paraphe run; for a loop, of one process of it. Revocation is checked"
        " by none: paraphe `--offline` (the CA publishes nothing: TRY_LATER after the path is"
        " built and validated), pyHanko `--no-revocation-check`, OpenSSL by default."
        " pyHanko `--trust-replace`: only the test CA, like paraphe (whose user trust store is an"
        " empty `PARAPHE_DATA_DIR` in the work folder).",
    ]
    return rows


# --------------------------------------------------------------------------------------------
# Profile (once, untimed)
# --------------------------------------------------------------------------------------------

# Steps timed inside one warm paraphe process (imports and lazy set-up done by a first, untimed
# verification of one signature of each format): "module:Qualified.name" of paraphe's and
# pyHanko's functions as of this commit. Wall time, inclusive; a step is booked under the phase
# (discovery, one of the validators, JSON output) it ran in. cProfile is not used for these
# figures: its per-call overhead inflates the pure-Python call trees of asn1crypto and of pyHanko's
# PDF tokenizer about 3x (a whole run: 6 s profiled for 2.2 s), C code much less, which would
# misplace the costs.
STEPS = {
    # phases
    "discovery": "paraphe.core.validation.inputs.discovery:classify",
    "pairing": "paraphe.core.validation.inputs.discovery:pair",
    "validate XAdES": "paraphe.core.validation.xades.validator:validate_xades",
    "validate CAdES": "paraphe.core.validation.cms.validator:validate_cms",
    "validate PAdES": "paraphe.core.validation.pdf.validator:validate_pdf",
    "JSON report": "paraphe.core.validation.report:ValidationReport.to_json_dict",
    "JSON dump": "json:dump",
    "verify_paths": "paraphe.core.validation.verifier:verify_paths",
    "settings": "paraphe.cli.commands.verify:settings_from",
    # steps
    "PDF signature test (discovery)": "paraphe.core.validation.pdf.validator:pdf_has_signatures",
    "parse PDF (PdfFileReader)": "pyhanko.pdf_utils.reader:PdfFileReader.__init__",
    "read signature fields (/Contents hex)": (
        "pyhanko.pdf_utils.reader:PdfFileReader.embedded_regular_signatures"
    ),
    "read token": "paraphe.core.validation.xades.reading:read_token",
    "parse XML (lxml)": "paraphe.core.validation.xades.reading:parse",
    "structure checks": "paraphe.core.validation.xades.structure:read_structure",
    "KeyInfo certificates": (
        "paraphe.core.validation.xades.signing_certificate:keyinfo_certificates"
    ),
    "issuer/serial check (asn1crypto names)": (
        "paraphe.core.validation.xades.signing_certificate:issuer_serial_matches"
    ),
    "signxml: c14n + signature value": "paraphe.core.validation.xades.crypto:verify",
    "certificate validation": "paraphe.core.validation.certificate_path:validate_certificate",
    "parse CMS (asn1crypto, .native)": "paraphe.core.validation.cms.reading:load_signed_data",
    "hash document (XAdES)": "paraphe.core.validation.xades.structure:DocumentDigests.digest",
    "hash document": "paraphe.core.files.documents:Document.digest",
    "hash byte ranges": "pyhanko.sign.validation.pdf_embedded:EmbeddedPdfSignature.compute_digest",
    "coverage + diff analysis": (
        "pyhanko.sign.validation.pdf_embedded:EmbeddedPdfSignature.compute_integrity_info"
    ),
    "pyHanko AdES basic validation": "pyhanko.sign.validation.ades:ades_basic_validation",
    "CMS signature value + signed attributes": (
        "pyhanko.sign.validation.generic_cms:validate_sig_integrity"
    ),
    "find_valid_path": "pyhanko_certvalidator:find_valid_path",
    "path validation": "pyhanko_certvalidator.validate:async_validate_path",
    "validation context: data handlers": (
        "paraphe.core.validation.context:VerificationContext.data_handlers"
    ),
    "validation context: build": (
        "pyhanko_certvalidator.context:CertValidationPolicySpec.build_validation_context"
    ),
    "report: certificate descriptions": "paraphe.core.validation.describe:certificate_info",
    "report: signer identity": "paraphe.core.validation.describe:signer_identity",
}
PHASES = (
    "discovery", "pairing", "validate XAdES", "validate CAdES", "validate PAdES",
    "JSON report", "JSON dump", "verify_paths", "settings",
)  # fmt: skip

# Runs in paraphe's interpreter: argv[1] is a JSON {"base", "warm", "runs", "steps", "phases",
# "repeat"}; prints {run: [{"wall": s, "steps": {phase: {step: [calls, s]}}}...]}.
_STEP_TIMER = r"""
import time
START = time.perf_counter()
from paraphe.cli.main import main
import contextlib, importlib, inspect, io, json, sys

spec = json.loads(sys.argv[1])
startup = {"import paraphe.cli.main": time.perf_counter() - START}
for call in ("first call", "second call"):  # the first pays the lazy imports and set-up
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        main([*spec["base"], *spec["warm"]])
        startup[call] = time.perf_counter() - start

phases = set(spec["phases"])
stack, book = [], {}

def enter(label):
    stack.append(label)
    return time.perf_counter()

def leave(label, start):
    elapsed = time.perf_counter() - start
    stack.pop()
    if label in stack:  # recursion: the outermost call counts
        return
    if label in phases:
        phase = label
    else:  # the innermost phase running
        phase = next((s for s in reversed(stack) if s in phases), "other")
    entry = book.setdefault(phase, {}).setdefault(label, [0, 0.0])
    entry[0] += 1
    entry[1] += elapsed

def wrap(label, fn):
    if inspect.iscoroutinefunction(fn):
        async def timed(*args, **kwargs):
            start = enter(label)
            try:
                return await fn(*args, **kwargs)
            finally:
                leave(label, start)
    else:
        def timed(*args, **kwargs):
            start = enter(label)
            try:
                return fn(*args, **kwargs)
            finally:
                leave(label, start)
    return timed

def patch(label, target):
    # wrap the function in its module or class, and wherever it was imported by name
    module_name, qualname = target.split(":")
    try:
        owner = importlib.import_module(module_name)
        *outer, name = qualname.split(".")
        for part in outer:
            owner = getattr(owner, part)
        original = inspect.getattr_static(owner, name)
    except (ImportError, AttributeError):
        return False
    if isinstance(original, property):
        setattr(owner, name, property(wrap(label, original.fget)))
        return True
    timed = wrap(label, original)
    setattr(owner, name, timed)
    if not inspect.isclass(owner):
        for module in list(sys.modules.values()):
            if module is None or module.__name__ == "__main__":
                continue
            for key, value in list(vars(module).items()):
                if value is original:
                    setattr(module, key, timed)
    return True

missing = [t for label, t in spec["steps"].items() if not patch(label, t)]

out = {"missing": missing, "startup": startup, "runs": {}}
for run, paths in spec["runs"].items():
    out["runs"][run] = []
    for _ in range(spec["repeat"]):
        book.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            start = time.perf_counter()
            main([*spec["base"], *paths])
            wall = time.perf_counter() - start
        out["runs"][run].append({"wall": wall, "steps": json.loads(json.dumps(book))})
print(json.dumps(out))
"""


def _median_book(samples: list[dict]) -> tuple[float, dict[str, dict[str, tuple[int, float]]]]:
    """Per step, the median over the repeated runs (calls from the first)."""
    wall = statistics.median(s["wall"] for s in samples)
    merged: dict[str, dict[str, tuple[int, float]]] = {}
    for phase in {p for s in samples for p in s["steps"]}:
        for step in {k for s in samples for k in s["steps"].get(phase, {})}:
            values = [s["steps"].get(phase, {}).get(step, [0, 0.0]) for s in samples]
            merged.setdefault(phase, {})[step] = (
                values[0][0],
                statistics.median(v[1] for v in values),
            )
    return wall, merged


def step_times(tools: Tools, corpus: Corpus, repeat: int) -> dict:
    python = str(Path(tools.paraphe).with_name("python"))
    argv = paraphe_argv(tools, corpus)
    base = [a for a in argv[1:] if a != str(corpus.root)]
    xades = sorted((corpus.root / "xades").glob("*.xml"))[0]
    cades, cades_doc = corpus.cades_pairs[0]
    warm = [str(xades), str(xades.with_name(xades.name.removesuffix(" - Signature 1.xml"))),
            str(cades), str(cades_doc), str(corpus.pdfs[0])]  # fmt: skip
    spec = {
        "base": base,
        "warm": warm,
        "runs": {
            **{fmt: [str(corpus.root / fmt)] for fmt in FORMATS},
            "all": [str(corpus.root)],
        },
        "steps": STEPS,
        "phases": list(PHASES),
        "repeat": repeat,
    }
    done = subprocess.run(
        [python, "-c", _STEP_TIMER, json.dumps(spec)], capture_output=True, text=True, env=tools.env
    )
    if done.returncode != 0:
        raise SystemExit(f"step timing failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# The table: (label, {format: (phase, steps)}); steps summed, a "-" prefix subtracts one.
_V = {"xades": "validate XAdES", "cades": "validate CAdES", "pades": "validate PAdES"}
_CMS = ("cades", "pades")
_Where = dict[str, tuple[str, list[str]] | None]
_ROWS: list[tuple[str, _Where]] = [
    ("discovery: classify files", {f: ("discovery", ["discovery"]) for f in FORMATS}),
    ("  of which `pdf_has_signatures` (PDF parsed, signature fields read)",
     {f: ("discovery", ["PDF signature test (discovery)"]) for f in FORMATS}),
    ("pairing tokens with documents (Atexo names)",
     {f: ("pairing", ["pairing"]) for f in ("xades", "cades")}),
    ("validation, in all", {f: (_V[f], [_V[f]]) for f in FORMATS}),
    ("  read + parse the token (lxml / asn1crypto incl. `SignedData.native`)", {
        "xades": (_V["xades"], ["read token", "parse XML (lxml)"]),
        "cades": (_V["cades"], ["parse CMS (asn1crypto, .native)"]),
    }),
    ("  parse the PDF again (PdfFileReader)", {"pades": (_V["pades"], ["parse PDF (PdfFileReader)"])}),
    ("  read the signature fields again (`/Contents` hex string)",
     {"pades": (_V["pades"], ["read signature fields (/Contents hex)"])}),
    ("  structure checks (XAdES) / coverage + diff analysis (PAdES)", {
        "xades": (_V["xades"], ["structure checks"]),
        "pades": (_V["pades"], ["coverage + diff analysis"]),
    }),
    ("  hash the document (PAdES: the signed byte ranges)", {
        "xades": (_V["xades"], ["hash document (XAdES)"]),
        "cades": (_V["cades"], ["hash document"]),
        "pades": (_V["pades"], ["hash byte ranges"]),
    }),
    ("  signing certificate: KeyInfo, issuer/serial (asn1crypto names)",
     {"xades": (_V["xades"], ["KeyInfo certificates", "issuer/serial check (asn1crypto names)"])}),
    ("  signature value (signxml: c14n, references; CMS: pyHanko `validate_sig_integrity`)", {
        "xades": (_V["xades"], ["signxml: c14n + signature value"]),
        **{f: (_V[f], ["CMS signature value + signed attributes"]) for f in _CMS},
    }),
    ("  pyHanko `ades_basic_validation`, in all (signature value and path included)",
     {f: (_V[f], ["pyHanko AdES basic validation"]) for f in _CMS}),
    ("    of which the rest of pyHanko's work (certificates, signing-certificate attribute...)",
     {f: (_V[f], ["pyHanko AdES basic validation", "-CMS signature value + signed attributes",
                  "-find_valid_path"]) for f in _CMS}),
    ("  certificate path, in all (XAdES: `certificate_path.validate_certificate`; CMS: `find_valid_path`)", {
        "xades": (_V["xades"], ["certificate validation"]),
        **{f: (_V[f], ["find_valid_path"]) for f in _CMS},
    }),
    ("    of which path building",
     {f: (_V[f], ["find_valid_path", "-path validation"]) for f in FORMATS}),
    ("    of which path validation + revocation attempt",
     {f: (_V[f], ["path validation"]) for f in FORMATS}),
    ("    of which per-signature validation context (data handlers, `build_validation_context`)",
     {"xades": (_V["xades"], ["validation context: data handlers", "validation context: build"])}),
    ("  report: certificate, chain and signer descriptions",
     {f: (_V[f], ["report: certificate descriptions", "report: signer identity"]) for f in FORMATS}),
    ("JSON: `to_json_dict` + `json.dump`",
     {f: ("JSON report", ["JSON report", "+JSON dump"]) for f in FORMATS}),
    ("settings: trust anchors", {f: ("settings", ["settings"]) for f in FORMATS}),
]  # fmt: skip


def _sum(book: dict, phase: str, steps: list[str]) -> float:
    """Seconds of these steps in this phase; "-step" subtracts; "+step" is the phase "step"."""
    total = 0.0
    for step in steps:
        if step.startswith("+"):
            total += book.get(step[1:], {}).get(step[1:], (0, 0.0))[1]
            continue
        sign = -1 if step.startswith("-") else 1
        total += sign * book.get(phase, {}).get(step.lstrip("-"), (0, 0.0))[1]
    return total


def profile(tools: Tools, corpus: Corpus, work: Path, median_s: float, repeat: int) -> list[str]:
    """Where the time goes: steps timed in a warm process (ms per signature, by format),
    ``-X importtime`` for the start-up, and cProfile's hottest functions (own time)."""
    timed = step_times(tools, corpus, repeat)
    n = corpus.total
    rows = [
        f"**Where the time goes** (steps timed inside one warm `paraphe verify` process, one run"
        f" per format folder, median of {repeat}; wall ms per signature of that format; nested"
        " rows are part of the row above)",
        "",
        "| step | " + " | ".join(f"{LABELS[f]} ({corpus.counts[f]})" for f in FORMATS) + " |",
        "|---|" + "---:|" * len(FORMATS),
    ]
    books = {fmt: _median_book(timed["runs"][fmt]) for fmt in FORMATS}
    table_rows: list[tuple[str, _Where]] = [
        ("whole `paraphe verify` call (in process, warm)", {f: None for f in FORMATS}),
        ("`verify_paths`", {f: ("verify_paths", ["verify_paths"]) for f in FORMATS}),
        *_ROWS,
    ]
    for label, where in table_rows:
        cells = []
        for fmt in FORMATS:
            wall, book = books[fmt]
            if fmt not in where:
                cells.append("")
                continue
            found = where[fmt]
            seconds = wall if found is None else _sum(book, *found)
            cells.append(f"{seconds * 1000 / corpus.counts[fmt]:.2f}")
        shown = label.replace("  ", "&nbsp;&nbsp;")
        rows.append(f"| {shown} | " + " | ".join(cells) + " |")
    all_wall, _ = _median_book(timed["runs"]["all"])
    boot = _interpreter_ms(tools)
    up = timed["startup"]
    lazy = up["first call"] - up["second call"]  # imports and set-up on first use
    startup_ms = boot + 1000 * (up["import paraphe.cli.main"] + lazy)
    import_total, top_imports = _import_ms(tools, paraphe_argv(tools, corpus))
    hot = _cprofile_hot(tools, corpus, work)
    rows += [
        "",
        f"Whole folder ({n} signatures) in the warm process: {all_wall * 1000 / n:.1f} ms per"
        f" signature (the timed runs above: {median_s * 1000 / n:.1f}, start-up included; not"
        " timed side by side, so only roughly comparable). Start-up of each process:"
        f" {startup_ms:.0f} ms = interpreter {boot:.0f} ms + `import paraphe.cli.main`"
        f" {up['import paraphe.cli.main'] * 1000:.0f} ms + imports and set-up on first use"
        f" {lazy * 1000:.0f} ms (first call on 3 signatures minus the second), i.e."
        f" {startup_ms / n:.1f} ms per signature over {n}. `-X importtime`: {import_total:.0f} ms"
        " of imports; heaviest top-level: "
        + ", ".join(f"{name} {ms:.0f} ms" for ms, name in top_imports)
        + ".",
        "",
        f"cProfile of the whole run (`python -m cProfile -m paraphe verify ...`, cold; own time,"
        f" inflated by the profiler): {hot}.",
    ]
    if timed["missing"]:
        rows.append(f"Not found (counted 0): {', '.join(timed['missing'])}.")
    return rows


def _interpreter_ms(tools: Tools, runs: int = 5) -> float:
    """Median wall time of ``python -c pass`` in paraphe's environment (site included)."""
    python = str(Path(tools.paraphe).with_name("python"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([python, "-c", "pass"], check=True, env=tools.env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _import_ms(tools: Tools, argv: list[str]) -> tuple[float, list[tuple[float, str]]]:
    """``python -X importtime``: total import time and the heaviest top-level imports (ms)."""
    python = str(Path(tools.paraphe).with_name("python"))
    done = subprocess.run(
        [python, "-X", "importtime", "-m", "paraphe", *argv[1:]],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=tools.env,
    )  # fmt: skip
    top_level: dict[str, float] = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)
        if match:  # exactly one space before the name: imported by the program, not a module
            top_level[match[2]] = top_level.get(match[2], 0) + int(match[1]) / 1000
    heaviest = sorted(((ms, name) for name, ms in top_level.items()), reverse=True)[:5]
    return sum(top_level.values()), heaviest


def _cprofile_hot(tools: Tools, corpus: Corpus, work: Path, count: int = 8) -> str:
    python = str(Path(tools.paraphe).with_name("python"))
    out = work / "verify.prof"
    argv = paraphe_argv(tools, corpus)
    done = subprocess.run(
        [python, "-m", "cProfile", "-o", str(out), "-m", "paraphe", *argv[1:]],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=tools.env,
    )  # fmt: skip
    if done.returncode not in PARAPHE_OK:
        raise SystemExit(f"cProfile run failed ({done.returncode}):\n{done.stderr}")
    stats = pstats.Stats(str(out))
    entries = sorted(
        stats.stats.items(),  # type: ignore[attr-defined]
        key=lambda item: item[1][2],
        reverse=True,
    )
    parts = []
    for (filename, line, name), value in entries:
        if name in ("<built-in method builtins.exec>", "<built-in method marshal.loads>"):
            continue  # imports
        where = "/".join(Path(filename).parts[-2:]) if filename != "~" else ""
        parts.append(f"`{where}:{line}({name})` {value[2] * 1000:.0f} ms" if where else
                     f"`{name}` {value[2] * 1000:.0f} ms")  # fmt: skip
        if len(parts) == count:
            break
    total = stats.total_tt  # type: ignore[attr-defined]
    return f"{total:.2f} s in all; " + "; ".join(parts) + f" (saved as {out})"


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="signatures (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument(
        "--pyhanko-runs",
        type=int,
        help="pyHanko CLI processes per run, cycling through the PDFs (default: one per PDF,"
        " extrapolated to --count)",
    )
    parser.add_argument(
        "--openssl-runs", type=int, help="openssl processes per run (default: --count)"
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder")
    parser.add_argument(
        "--paraphe", default=str(REPO / ".venv" / "bin" / "paraphe"), help="paraphe executable"
    )
    parser.add_argument(
        "--pyhanko", default=str(REPO / ".venv" / "bin" / "pyhanko"), help="pyhanko executable"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile paraphe (cProfile, -X importtime)"
    )
    parser.add_argument("--record", action="store_true", help=f"append the tables to {RESULTS}")
    args = parser.parse_args()
    if args.repeat < 1 or args.count < 3:
        parser.error("--repeat must be positive and --count at least 3")
    for tool in (args.paraphe, args.pyhanko):
        if not Path(tool).is_file():
            parser.error(f"{tool}: not found")
    if shutil.which("openssl") is None:
        parser.error("openssl is not on PATH")

    code_at_start = git_state()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    signer = make_signer(work / "pki")
    corpus = make_corpus(work, signer, args.paraphe, args.count)
    home = work / "paraphe-data"
    home.mkdir(exist_ok=True)
    tools = Tools(args.paraphe, args.pyhanko, {**os.environ, "PARAPHE_DATA_DIR": str(home)})
    pyhanko_runs = args.pyhanko_runs or len(corpus.pdfs)
    openssl_runs = args.openssl_runs or corpus.total

    checked = check_outputs(tools, corpus)
    print(checked[0])
    cases = bench(tools, corpus, work, args.repeat, pyhanko_runs, openssl_runs)
    sections = [*table(cases, corpus, pyhanko_runs, openssl_runs), "", *checked, ""]
    if args.profile:
        print("\nprofiling ...", flush=True)
        sections += [*profile(tools, corpus, work, cases["paraphe"].median, args.repeat), ""]

    machine = describe_machine(code_at_start)
    versions = subprocess.run(
        [str(Path(args.paraphe).with_name("python")), "-c",
         "import importlib.metadata as m; print(', '.join(f'{p} {m.version(p)}' for p in"
         " ('pyHanko', 'pyhanko-certvalidator', 'pyhanko-cli', 'signxml', 'lxml', 'cryptography')))"],
        capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    machine.insert(3, f"- libraries: {versions}")
    show_and_record("bench_verify.py", machine, sections, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
