"""``paraphe sign FILE... --p12 KEYSTORE`` or ``--pkcs11 [MODULE]`` (a token)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...core.errors import Notice, UsageError
from ...core.etsi import BaselineLevel
from ...core.files.documents import DIGEST_ALGORITHMS
from ...core.signing.levels import LEVELS, needs_timestamp
from ...core.signing.request import (
    RsaPadding,
    SignatureFormat,
    SignRequest,
    VisibleSignature,
)
from ...core.text.display_text import displayable
from ...core.text.translatable import N_
from .. import exit_codes
from ..i18n import localized, tr
from ..secrets import PIN_ENV
from ..terminal import ProgressLine
from ..timestamp_options import add_timestamp_options, timestamp_servers

if TYPE_CHECKING:
    from ...core.credentials.secrets import SecretRequest
    from ...core.credentials.sources import KeySource
    from ...core.signing.engine import BatchOutcome

DISCOVER = "\0discover"  # --pkcs11 without a path: find the token library


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "sign",
        help="sign files with a PKCS#12 certificate or a token",
        description="Sign files. XAdES writes '<file> - Signature N.xml' beside each file,"
        " CAdES '<file> - Signature N.p7s', PAdES a signed copy '<name>_signe.pdf'."
        " Originals are never modified.",
    )
    # "*", not "+": in "--pkcs11 a.pdf b.pdf" argparse takes a.pdf for the module (given back below)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--p12", type=Path, metavar="KEYSTORE", help=".p12/.pfx file")
    source.add_argument(
        "--pkcs11",
        nargs="?",
        const=DISCOVER,
        metavar="MODULE",
        help="sign with a token through its PKCS#11 library MODULE (default: the first"
        " token library found on this computer); the key never leaves the token",
    )
    token = parser.add_argument_group("token options (with --pkcs11)")
    token.add_argument("--token", metavar="LABEL", help="the token to use, by its label")
    token_key = token.add_mutually_exclusive_group()
    token_key.add_argument("--key", metavar="LABEL", help="the key to use, by its label")
    token_key.add_argument(
        "--cert", metavar="SHA256", help="the certificate to use, by its SHA-256 fingerprint"
    )
    token.add_argument(
        "--pin-file",
        type=Path,
        metavar="FILE",
        help=f"read the PIN from FILE (else ${PIN_ENV}, else a prompt)",
    )
    parser.add_argument(
        "--format",
        choices=[f.value for f in SignatureFormat],
        default="xades",
        help="signature format (default: xades)",
    )
    parser.add_argument(
        "--level",
        choices=[level.value for level in LEVELS],
        default="B-B",
        help="ETSI baseline level (default: B-B); B-T and above need a timestamp server",
    )
    add_timestamp_options(parser)
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
        metavar="X1,Y1,X2,Y2",
        help="PAdES visible signature box in points from the lower-left corner (default: a blank"
        " place, bottom right when free)",
    )
    parser.add_argument(
        "--suffix", default="_signe", help="PAdES output name suffix (default: _signe)"
    )
    parser.add_argument(
        "--guide",
        action="store_true",
        help="also write beside the signatures a PDF telling the recipient how to verify them,"
        " free of charge (the procedure the arrêté of 22 March 2019 asks a bidder to hand over)",
    )
    parser.add_argument(
        "--guide-lang",
        choices=("fr", "en"),  # the guide's LANGUAGES (its module loads reportlab: not here)
        default="fr",
        help="language of the verification guide (default: fr)",
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
        raise UsageError(detail=N_("--position: X2 must exceed X1 and Y2 must exceed Y1"))
    return x1, y1, x2, y2


def build_request(args: argparse.Namespace) -> SignRequest:
    visible = None
    if args.visible:
        if args.format != "pades":
            raise UsageError(detail=N_("--visible needs --format pades"))
        box = _parse_box(args.position) if args.position is not None else None
        visible = VisibleSignature(page=args.page, box=box, translate=tr)
    level = BaselineLevel(args.level)
    return SignRequest(
        documents=tuple(args.files),
        format=SignatureFormat(args.format),
        level=level,
        tsa=timestamp_servers(args) if needs_timestamp(level) else (),
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


def _warning(notice: Notice) -> str:
    return tr("paraphe: warning: {message}").format(message=localized(notice))


def _check_source_options(args: argparse.Namespace) -> None:
    if args.pkcs11 is None:
        used = [
            option
            for option, value in (
                ("--token", args.token),
                ("--key", args.key),
                ("--cert", args.cert),
                ("--pin-file", args.pin_file),
            )
            if value is not None
        ]
        if used:
            raise UsageError(detail=f"{', '.join(used)} need --pkcs11")
        return
    if args.password_file is not None or args.password_stdin:
        raise UsageError(
            detail=N_("a token takes a PIN: use --pin-file (or $PARAPHE_PIN), not a password")
        )
    if args.cert is not None:
        from ...core.credentials.pkcs11.key_lookup import normalise_fingerprint

        fingerprint = normalise_fingerprint(args.cert)
        if len(fingerprint) != 64 or any(c not in "0123456789abcdef" for c in fingerprint):
            raise UsageError(
                detail=f"--cert wants a SHA-256 fingerprint (64 hexadecimal digits), not {args.cert!r}"
            )


def _looks_like_library(value: str) -> bool:
    name = Path(value).name.lower()
    return name.endswith((".so", ".dll", ".dylib")) or ".so." in name


def _take_misread_file(args: argparse.Namespace) -> None:
    """``--pkcs11 a.pdf b.pdf``: argparse took a.pdf for the optional MODULE; it is a file."""
    if args.pkcs11 not in (None, DISCOVER) and not _looks_like_library(args.pkcs11):
        args.files.insert(0, Path(args.pkcs11))
        args.pkcs11 = DISCOVER


def _token_module(args: argparse.Namespace) -> Path:
    if args.pkcs11 != DISCOVER:
        return Path(args.pkcs11)
    from ...core.credentials.pkcs11.modules import candidate_modules

    for candidate in candidate_modules():
        if candidate.exists:
            return candidate.path
    raise UsageError(
        detail=N_(
            "no token library (PKCS#11 module) was found on this computer; install the"
            " token's middleware or give its path: --pkcs11 /path/to/library"
        )
    )


def _key_source(args: argparse.Namespace) -> KeySource:
    """The PKCS#12 file or the token key the options name."""
    from ...core.credentials.sources import KeystoreFile, TokenKey

    if args.pkcs11 is None:
        return KeystoreFile(args.p12)
    return TokenKey(
        _token_module(args), token_label=args.token, key_label=args.key, cert_sha256=args.cert
    )


def run(args: argparse.Namespace) -> int:
    from ...core.signing.batch import sign_batch
    from ..secrets import secret_callback

    _take_misread_file(args)
    _check_source_options(args)
    request = build_request(args)
    source = _key_source(args)
    # The hashing thread needs the interpreter lock briefly after each chunk; while pyHanko
    # imports beside it, a short switch interval keeps it from waiting up to 5 ms each time.
    sys.setswitchinterval(0.0001)
    progress = ProgressLine(enabled=True if args.progress else None)
    answer = secret_callback(args.password_file, args.password_stdin, args.pin_file)

    def ask_secret(secret_request: SecretRequest) -> str | None:
        with progress.paused():  # no progress line over the prompt
            return answer(secret_request)

    def warn(notice: Notice) -> None:
        progress.print_above(_warning(notice), sys.stderr)

    try:
        # Hashing starts first and the signing libraries load beside it, while the user types
        # the password or PIN and the keystore or token is opened: a large file costs little
        # more than its hashing.
        outcome = sign_batch(
            request,
            source,
            ask_secret,
            on_progress=progress,
            on_result=lambda result: _say(
                args, tr("signed: {path}").format(path=displayable(result.output)), progress
            ),
            on_notice=warn,
        )
    finally:
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
    if args.guide:
        return _write_guide(args, request, outcome)
    return exit_codes.OK


def _write_guide(args: argparse.Namespace, request: SignRequest, outcome: BatchOutcome) -> int:
    """The batch's verification guide, in the language asked for (not the terminal's: it is
    for the buyer); when it cannot be written, one line says so, and that the signatures are."""
    from ... import __version__
    from ...core.reports.verification_guide import (
        GuideNotWritable,
        current_trusted_lists,
        guide_folder,
        guide_words,
        publish_verification_guide,
    )
    from ..i18n import translator

    assert outcome.certificate is not None  # set by every batch that signed
    translate = translator(args.guide_lang)
    try:
        path = publish_verification_guide(
            outcome.results,
            outcome.certificate,
            outcome.chain,
            folder=guide_folder(request, outcome.results),
            words=guide_words(translate),
            language=args.guide_lang,
            version=__version__,
            trusted_lists=current_trusted_lists(),
        )
    except GuideNotWritable as error:
        print(f"paraphe: {localized(error)}", file=sys.stderr)
        return exit_codes.for_error(error)
    _say(args, tr("verification guide: {path}").format(path=displayable(path)))
    return exit_codes.OK
