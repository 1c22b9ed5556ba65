"""``paraphe demo``: sign bundled samples in XAdES, CAdES and PAdES with a demo certificate."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from .. import exit_codes


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "demo",
        help="sign sample documents with a demo certificate (no certificate needed)",
        description="Creates a demo PKI on first use, copies sample documents into a new folder,"
        " signs them in XAdES, CAdES and PAdES, checks every output and prints what it did.",
    )
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder for the demo files")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ...core.config.paths import user_data_dir
    from ...core.credentials.secrets import known_secret
    from ...core.credentials.sources import KeystoreFile
    from ...core.demo import DEMO_PASSWORD, copy_samples, demo_pki
    from ...core.errors import Notice
    from ...core.signing.batch import sign_batches
    from ...core.signing.request import SignatureFormat, SignRequest, VisibleSignature

    pki = demo_pki()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = args.out or user_data_dir() / "demo" / stamp
    if folder.exists() and any(folder.iterdir()):
        folder = folder / stamp
    samples = copy_samples(folder)
    print(f"Demo folder: {folder}")
    print(f"Demo certificate: {pki.p12} (password '{DEMO_PASSWORD}', trust root {pki.root_cert})")
    pdfs = tuple(p for p in samples if p.suffix == ".pdf")
    requests = [
        SignRequest(tuple(samples), SignatureFormat.XADES),
        SignRequest(tuple(samples), SignatureFormat.CADES),
        SignRequest(pdfs, SignatureFormat.PADES, visible=VisibleSignature(page=1)),
    ]

    def note(notice: Notice) -> None:
        print(f"note: {notice.message}")

    outcomes = sign_batches(
        requests, KeystoreFile(pki.p12), known_secret(DEMO_PASSWORD), on_notice=note
    )
    failures = 0
    for request, outcome in zip(requests, outcomes, strict=True):
        for result in outcome.results:
            print(
                f"  {request.format.value.upper():5}  {result.document.name}"
                f"  ->  {result.output.name}  (written, re-read and verified)"
            )
        for failure in outcome.failures:
            print(f"  FAILED {failure.message}")
        failures += len(outcome.failures)
    print(f"Done: {'all outputs verified' if not failures else f'{failures} failure(s)'}.")
    print()
    print("Verifying the demo folder, trusting the demo root (revocation: the demo's own CRL):")
    verdict = _verify_demo_folder(folder, pki)
    return exit_codes.OK if not failures and verdict == 0 else exit_codes.SOME_FAILED


def _verify_demo_folder(folder: Path, pki: Any) -> int:
    from ...core.text.translatable import N_
    from ...core.trust import FileTrust
    from ...core.validation.settings import verification_settings
    from ...core.validation.verifier import verify_paths
    from ...core.validation_data.cache import store_crl
    from .verify import exit_code_for, print_summary

    # The demo CA "publishes" its CRL into the revocation cache, where any verification finds it.
    store_crl(pki.fresh_crl())
    settings = verification_settings(
        [FileTrust(pki.root_cert, N_("demo root {path}"))], offline=True
    )
    report = verify_paths([folder], settings)
    print_summary(report, colour=False)
    return exit_code_for(report)
