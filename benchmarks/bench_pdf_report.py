"""Time the PDF verification report (``write_pdf_report``) of 200 signatures.

Run from the repository root:

    .venv/bin/python benchmarks/bench_pdf_report.py [--count 200] [--repeat 3] [--record]

``--count`` small text files are signed XAdES B-B in-process with the benchmark's test key
(``bench_sign.make_signer``), verified offline trusting its CA (every signature ends at
INDETERMINATE/TRY_LATER, with its certificate, chain and checks: a full section each), then the
report is written into memory ``--repeat`` times: the median time, the PDF's size and pages, and
the peak of Python allocations while writing (tracemalloc, a separate untimed run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import (  # the shared fixtures and report helpers
    REPO,
    describe_machine,
    git_state,
    make_signer,
    show_and_record,
)

sys.path.insert(0, str(REPO / "app"))

DEFAULT_WORK = REPO / "benchmarks" / "work" / "pdf-report"
GOAL_S = 10.0
"""A report of 200 signatures written in under ten seconds (the desktop application writes it
on the GUI thread for a few signatures; this says how long a big bid takes)."""


def make_report(work: Path, count: int):  # type: ignore[no-untyped-def]
    from paraphe.core.credentials import Pkcs12Credential
    from paraphe.core.errors import Notice
    from paraphe.core.etsi import BaselineLevel, SignatureFormat
    from paraphe.core.signing.engine import BatchSigner, plan_documents
    from paraphe.core.signing.request import SignRequest
    from paraphe.core.trust import load_certificates
    from paraphe.core.validation.settings import VerificationSettings
    from paraphe.core.validation.verifier import verify_paths

    signer = make_signer(work / "pki")
    folder = work / "Offre"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    documents = []
    for i in range(count):
        path = folder / f"Pièce {i:03d}.txt"
        path.write_text(f"Pièce n° {i} de l'offre.\n" * 20, encoding="utf-8")
        documents.append(path)
    request = SignRequest(tuple(documents), SignatureFormat.XADES, level=BaselineLevel.B_B)
    password = signer.password_file.read_text(encoding="utf-8").strip()
    with Pkcs12Credential.open(signer.p12, password) as credential:
        outcome = BatchSigner(request, credential).run(plan_documents(request))
    assert not outcome.failures, [f.message for f in outcome.failures]
    ca = work / "pki" / "ca.cert.pem"
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(ca)),
        trust_sources=(Notice("file {path} ({count})", ca, count=1),),
        offline=True,
    )
    report = verify_paths([folder], settings)
    assert len(report.all_signatures()) == count, len(report.all_signatures())
    return report, folder


def write(report, folder: Path) -> bytes:  # type: ignore[no-untyped-def]
    from paraphe import __version__
    from paraphe.cli.i18n import report_words, set_language
    from paraphe.core.reports.pdf_report import write_pdf_report

    set_language("fr")
    output = io.BytesIO()
    write_pdf_report(
        report,
        output,
        inputs=[folder],
        words=report_words(),
        language="fr",
        version=__version__,
    )
    return output.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--record", action="store_true", help="append to benchmarks/RESULTS.md")
    args = parser.parse_args()
    code_at_start = git_state()

    start = time.perf_counter()
    report, folder = make_report(args.work, args.count)
    prepared = time.perf_counter() - start
    print(f"{args.count} signatures signed and verified in {prepared:.1f} s", flush=True)

    write(report, folder)  # the font registered, the modules imported: not timed
    times, data = [], b""
    for _ in range(args.repeat):
        start = time.perf_counter()
        data = write(report, folder)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    write(report, folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page ")

    median = statistics.median(times)
    verdict = "met" if median < GOAL_S else "NOT met"
    sections = [
        f"- command: `python benchmarks/bench_pdf_report.py --count {args.count}"
        f" --repeat {args.repeat}{' --record' if args.record else ''}`",
        f"- report: {args.count} XAdES B-B signatures verified offline"
        " (INDETERMINATE/TRY_LATER: every section complete), written in French",
        "",
        f"| `write_pdf_report`, {args.count} signatures | value |",
        "|---|---:|",
        f"| time (median of {args.repeat}) | {median:.2f} s |",
        f"| per signature | {1000 * median / args.count:.1f} ms |",
        f"| PDF size | {len(data) / 1024:.0f} KiB ({len(data) / args.count / 1024:.1f} KiB per signature) |",
        f"| pages | {pages} |",
        f"| peak Python allocations while writing (tracemalloc) | {peak / 2**20:.1f} MiB |",
        "",
        f"Goal: under {GOAL_S:.0f} s for {args.count} signatures: {verdict}"
        f" (runs: {', '.join(f'{t:.2f}' for t in times)} s; {dt.date.today().isoformat()}).",
    ]
    show_and_record("PDF report", describe_machine(code_at_start), sections, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
