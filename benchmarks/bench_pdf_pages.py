"""What comparing the pages shown with the pages signed costs, against pyHanko's CLI and pdfsig.

Run from the repository root:

    .venv/bin/python benchmarks/bench_pdf_pages.py [--pages 40] [--repeat 5] [--record]

A PDF of ``--pages`` pages of text (their lower part blank) is signed by ``paraphe sign`` with a visible stamp on page 1,
then signed again by pyHanko's CLI with a visible stamp on page 1 (an incremental update): the
first signature is followed by a change, so Paraphe draws page 1 as signed and as shown and
compares them; the second covers the whole file and needs no drawing. Timed in alternation, one
process per command: ``paraphe verify --offline --json`` (both signatures), ``pyhanko sign
validate --no-revocation-check`` (which checks the last signature, with its difference analysis)
and ``pdfsig`` (both signatures, no difference analysis). Inside one warm process, the page
comparison alone is timed too, with the verification of the first signature it belongs to.
Read the ratios, not the seconds; every figure is a median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import (  # the shared fixtures and report helpers
    REPO,
    Signer,
    describe_machine,
    git_state,
    make_signer,
    show_and_record,
)
from bench_verify import make_pdf, run_child

DEFAULT_WORK = REPO / "benchmarks" / "work" / "pdf-pages"


def make_twice_signed(work: Path, signer: Signer, paraphe: str, pages: int) -> Path:
    source = work / "source.pdf"
    make_pdf(source, pages * 2_500, 7, lines_per_page=36)  # the lower 40 % of a page blank
    once = work / "source_signe.pdf"
    once.unlink(missing_ok=True)
    argv = [
        paraphe, "sign", str(source), "--format", "pades", "--visible", "-q",
        "--p12", str(signer.p12), "--password-file", str(signer.password_file),
    ]  # fmt: skip
    subprocess.run(argv, check=True)
    twice = work / "twice.pdf"
    pyhanko = str(Path(sys.executable).parent / "pyhanko")
    second = [
        pyhanko, "sign", "addsig", "--field", "1/72,150,282,220/Second", "pemder",
        "--key", str(signer.key_pem), "--cert", str(signer.cert_pem),
        "--no-pass", str(once), str(twice),
    ]  # fmt: skip
    subprocess.run(second, check=True, capture_output=True)
    return twice


def in_process_split(twice: Path, ca_pem: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of (the PDF's whole verification in a warm process, the first signature's
    page comparison alone, drawn and compared in this process)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from paraphe.core.trust import load_certificates
    from paraphe.core.validation.context import VerificationContext
    from paraphe.core.validation.pdf.page_pixels import differences
    from paraphe.core.validation.pdf.validator import _signed_end, validate_pdf
    from paraphe.core.validation.pdf.visual_diff import plan
    from paraphe.core.validation.settings import VerificationSettings

    settings = VerificationSettings(trust_roots=tuple(load_certificates(ca_pem)), offline=True)
    with VerificationContext(settings) as context:
        validate_pdf(twice, context)  # the page comparer's process is started once, here
    whole, pages = [], []
    for _ in range(repeat):
        with VerificationContext(settings) as context:
            started = time.perf_counter()
            validate_pdf(twice, context)
            whole.append(time.perf_counter() - started)
        started = time.perf_counter()
        with open(twice, "rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            first = reader.embedded_regular_signatures[0]
            comparison = plan(reader, twice, first.signed_revision, _signed_end(first))
        found = differences(comparison)
        pages.append(time.perf_counter() - started)
        assert not found, found
    return statistics.median(whole), statistics.median(pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--paraphe", default=str(REPO / ".venv" / "bin" / "paraphe"))
    parser.add_argument("--record", action="store_true", help="append the tables to RESULTS.md")
    args = parser.parse_args()
    if shutil.which("pdfsig") is None:
        parser.error("pdfsig (poppler-utils) is not on PATH")

    code_at_start = git_state()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    signer = make_signer(work / "pki")
    ca_pem = work / "pki" / "ca.cert.pem"
    twice = make_twice_signed(work, signer, args.paraphe, args.pages)
    pyhanko = str(Path(sys.executable).parent / "pyhanko")
    commands = {
        "paraphe verify (2 signatures, page 1 compared)": [
            args.paraphe, "verify", "--offline", "--no-user-trust", "--trust", str(ca_pem),
            "--json", str(twice),
        ],
        "pyhanko sign validate (last signature)": [
            pyhanko, "sign", "validate", "--no-revocation-check", "--trust", str(ca_pem),
            "--trust-replace", str(twice),
        ],
        "pdfsig (2 signatures)": ["pdfsig", str(twice)],
    }  # fmt: skip
    times: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, list[int]] = {label: [] for label in commands}
    order = list(commands)
    for round_number in range(args.repeat):
        for label in order[round_number % len(order) :] + order[: round_number % len(order)]:
            run = run_child(commands[label], work=work, ok=frozenset({0, 3}))
            times[label].append(run.seconds)
            peaks[label].append(run.max_rss_kib)
    whole, compared = in_process_split(twice, ca_pem, args.repeat)

    reference = statistics.median(times[order[0]])
    rows = [
        f"**Verifying a {args.pages}-page PDF signed twice, visibly** (`{twice.name}`,"
        f" {twice.stat().st_size // 1024} KB; medians of {args.repeat} runs in alternation)",
        "",
        "| command | seconds | paraphe / this | peak RSS MB |",
        "|---|---:|---:|---:|",
    ]
    for label in order:
        median = statistics.median(times[label])
        rows.append(
            f"| {label} | {median:.3f} | {reference / median:.2f} |"
            f" {statistics.median(peaks[label]) / 1024:.0f} |"
        )
    rows += [
        "",
        f"Inside one warm process: the PDF's whole verification (both signatures, page 1 of the"
        f" first compared in the page comparer's process) {whole * 1000:.0f} ms; the comparison"
        f" alone (reading the PDF, drawing page 1 as signed and as shown, comparing),"
        f" {compared * 1000:.0f} ms.",
    ]
    show_and_record("bench_pdf_pages.py", describe_machine(code_at_start), rows, args.record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
