"""``paraphe sign FILE... --p12 KEYSTORE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.documents import DIGEST_ALGORITHMS
from ..core.errors import Notice, UsageError
from ..core.signing.request import (
    RsaPadding,
    SignatureFormat,
    SignatureLevel,
    SignRequest,
    VisibleSignature,
)
from . import exit_codes
from .i18n import localized, tr
from .terminal import ProgressLine


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "sign",
        help="sign files with a PKCS#12 certificate",
        description="Sign files. XAdES writes '<file> - Signature N.xml' beside each file,"
        " CAdES '<file> - Signature N.p7s', PAdES a signed copy '<name>_signe.pdf'."
        " Originals are never modified.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument(
        "--p12", type=Path, required=True, metavar="KEYSTORE", help=".p12/.pfx file"
    )
    parser.add_argument(
        "--format",
        choices=[f.value for f in SignatureFormat],
        default="xades",
        help="signature format (default: xades)",
    )
    parser.add_argument(
        "--level",
        choices=[level.value for level in SignatureLevel],
        default="B-B",
        help="ETSI baseline level (default: B-B)",
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="output folder (default: beside each file)"
    )
    parser.add_argument("--digest", choices=DIGEST_ALGORITHMS, default="sha256")
    parser.add_argument("--rsa-pss", action="store_true", help="RSA-PSS instead of PKCS#1 v1.5")
    password = parser.add_mutually_exclusive_group()
    password.add_argument(
        "--password-file", type=Path, metavar="FILE", help="read the password from FILE"
    )
    password.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    parser.add_argument("--visible", action="store_true", help="PAdES: draw a visible signature")
    parser.add_argument(
        "--page", type=int, default=1, help="PAdES visible signature page (-1: last)"
    )
    parser.add_argument(
        "--position",
        default="350,40,560,110",
        metavar="X1,Y1,X2,Y2",
        help="PAdES visible signature box in points from the lower-left corner",
    )
    parser.add_argument(
        "--suffix", default="_signe", help="PAdES output name suffix (default: _signe)"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    parser.add_argument(
        "--progress", action="store_true", help="show progress even when not on a terminal"
    )
    parser.set_defaults(run=run)


def _parse_box(text: str) -> tuple[int, int, int, int]:
    try:
        x1, y1, x2, y2 = (int(part) for part in text.split(","))
    except ValueError:
        raise UsageError(
            detail=f"--position wants four integers X1,Y1,X2,Y2, not {text!r}"
        ) from None
    if x2 <= x1 or y2 <= y1:
        raise UsageError(detail="--position: X2 must exceed X1 and Y2 must exceed Y1")
    return x1, y1, x2, y2


def build_request(args: argparse.Namespace) -> SignRequest:
    visible = None
    if args.visible:
        if args.format != "pades":
            raise UsageError(detail="--visible needs --format pades")
        visible = VisibleSignature(page=args.page, box=_parse_box(args.position))
    return SignRequest(
        documents=tuple(args.files),
        format=SignatureFormat(args.format),
        level=SignatureLevel(args.level),
        digest_algorithm=args.digest,
        output_dir=args.out,
        rsa_padding=RsaPadding.PSS if args.rsa_pss else RsaPadding.PKCS1V15,
        visible=visible,
        pades_suffix=args.suffix,
    )


def _say(args: argparse.Namespace, text: str, progress: ProgressLine | None = None) -> None:
    if args.quiet:
        return
    if progress is not None:
        progress.print_above(text)
    else:
        print(text)


def _warn(notice: Notice) -> None:
    print(tr("paraphe: warning: {message}").format(message=localized(notice)), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ..core.signing.engine import hash_ahead, plan_documents, preload_in_background
    from .secrets import read_password

    request = build_request(args)
    plan = plan_documents(request)
    # The hashing thread needs the interpreter lock briefly after each chunk; while pyHanko
    # imports beside it, a short switch interval keeps it from waiting up to 5 ms each time.
    sys.setswitchinterval(0.0001)
    progress = ProgressLine(enabled=True if args.progress else None)
    # Hashing starts first and the signing libraries load beside it, while the user types the
    # password and the keystore is decrypted: a large file costs little more than its hashing.
    digests = hash_ahead(plan, request, progress)
    preload_in_background(request.format)
    try:
        with progress.paused():
            password = read_password(args.password_file, args.password_stdin, args.p12)
        from ..core.credentials import Pkcs12Credential
        from ..core.signing.engine import BatchSigner, check_credential, utc_now

        with Pkcs12Credential.open(args.p12, password) as credential:
            del password
            for notice in (*check_credential(credential, utc_now()), *plan.notices):
                _warn(notice)
            signer = BatchSigner(
                request,
                credential,
                on_progress=progress,
                on_result=lambda result: _say(
                    args, tr("signed: {path}").format(path=result.output), progress
                ),
            )
            outcome = signer.run(plan, digests)
    finally:
        if digests is not None:
            digests.stop()
        progress.clear()
    for failure in outcome.failures:
        print(f"paraphe: {localized(failure)}", file=sys.stderr)
    if outcome.failures:
        _say(
            args,
            tr("{signed} signed, {failed} failed.").format(
                signed=len(outcome.results), failed=len(outcome.failures)
            ),
        )
        return exit_codes.for_error(outcome.failures[0])
    return exit_codes.OK
