"""``paraphe verify PATH...``: ETSI EN 319 102-1 verdicts for every signature found."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from ..core.display_text import displayable
from ..core.translatable import N_
from .i18n import localized, tr

VERIFY_OK = 0
VERIFY_FAILED = 1
VERIFY_INDETERMINATE = 3
VERIFY_UNREADABLE = 4


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "verify",
        help="verify signatures in files, folders and ZIP archives",
        description="Find every signature (detached XAdES and CAdES tokens, enveloping .p7m,"
        " signed PDFs), pair tokens with their documents and give each signature its ETSI"
        " EN 319 102-1 verdict. Exit code: 0 all passed, 1 some failed, 3 some indeterminate"
        " (or no signature found) and none failed, 2 usage error, 4 unreadable input.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--trust",
        action="append",
        type=Path,
        default=[],
        metavar="CERT",
        help="trust this certificate file (PEM or DER) for this run; repeatable",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--offline",
        action="store_true",
        help="never fetch revocation data: use only what the signatures embed",
    )
    parser.add_argument("--at", metavar="TIME", help="validate as at this ISO 8601 time")
    parser.add_argument(
        "--system-roots", action="store_true", help="also trust the operating system's roots"
    )
    parser.add_argument(
        "--no-user-trust", action="store_true", help="ignore the user trust store for this run"
    )
    parser.set_defaults(run=run)


def _parse_time(text: str | None) -> dt.datetime | None:
    from ..core.errors import UsageError

    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            detail=f"--at wants an ISO 8601 time such as 2026-08-12T19:37:04Z, not {text!r}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def settings_from(args: argparse.Namespace) -> Any:
    from ..core.trust import chosen_sources
    from ..core.validation.settings import verification_settings

    sources = chosen_sources(
        args.trust, user_store=not args.no_user_trust, system_roots=args.system_roots
    )
    return verification_settings(
        sources, offline=args.offline, validation_time=_parse_time(args.at)
    )


def exit_code_for(report: Any) -> int:
    from ..core.validation.indications import Indication

    indications = {s.indication for s in report.all_signatures()}
    if Indication.TOTAL_FAILED in indications:
        return VERIFY_FAILED
    if Indication.INDETERMINATE in indications or report.orphan_signatures:
        return VERIFY_INDETERMINATE
    if report.errors:
        return VERIFY_UNREADABLE
    if not indications:
        return VERIFY_INDETERMINATE
    return VERIFY_OK


def run(args: argparse.Namespace) -> int:
    from ..core.validation.verifier import verify_paths

    settings = settings_from(args)
    report = verify_paths(args.paths, settings)
    if args.json:
        sys.stdout.flush()
        sys.stdout.buffer.write(report.to_json())  # UTF-8 whatever the terminal's encoding
        sys.stdout.buffer.flush()
    else:
        print_summary(report, colour=_use_colour())
    return exit_code_for(report)


def _use_colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


_BADGES = {
    "TOTAL_PASSED": ("✔", N_("VALID"), "32"),
    "INDETERMINATE": ("?", N_("INDETERMINATE"), "33"),
    "TOTAL_FAILED": ("✘", N_("FAILED"), "31"),
}


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def print_summary(report: Any, colour: bool) -> None:
    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    mode = tr("offline") if report.offline else tr("online")
    print(
        tr("Verification at {time} ({mode}); trusted: {trust}").format(
            time=_when(report.validation_time),
            mode=mode,
            trust=", ".join(localized(source) for source in report.trust_sources) or tr("nothing"),
        )
    )
    counts = {"TOTAL_PASSED": 0, "INDETERMINATE": 0, "TOTAL_FAILED": 0}
    for document in report.documents:
        print()
        print(displayable(document.path))
        for signature in document.signatures:
            counts[signature.indication.value] += 1
            symbol, label, code = _BADGES[signature.indication.value]
            badge = f"{symbol} {tr(label)}"
            if signature.subindication is not None:
                badge += f" ({signature.subindication.code})"
            signer = signature.signer
            who = displayable(signer.name) if signer else tr("unknown signer")
            if signer and signer.organisation:
                who += f" — {displayable(signer.organisation)}"
            if signer and signer.siren:
                who += f" (SIREN {displayable(signer.siren)})"
            level = f"{signature.format.value} {signature.level or ''}".strip()
            print(f"  {paint(badge, code)}  {level}  {who}")
            if signature.timestamp_time is not None:
                print(
                    "      "
                    + tr("signed at {time} (proven by a timestamp)").format(
                        time=_when(signature.timestamp_time)
                    )
                )
            elif signature.signing_time is not None:
                print(
                    "      "
                    + tr("signed at {time} (claimed by the signer)").format(
                        time=_when(signature.signing_time)
                    )
                )
            if Path(signature.signature_path) != Path(document.path):
                print(
                    "      "
                    + tr("signature: {path}").format(path=displayable(signature.signature_path))
                )
            if signature.explanation:
                print("      " + displayable(tr(signature.explanation)))
    if report.unsigned_documents:
        print()
        print(
            tr("Documents without a signature ({count}):").format(
                count=len(report.unsigned_documents)
            )
        )
        for path in report.unsigned_documents:
            print(f"  {displayable(path)}")
    if report.orphan_signatures:
        print()
        print(
            tr("Signatures whose document is missing ({count}):").format(
                count=len(report.orphan_signatures)
            )
        )
        for orphan in report.orphan_signatures:
            print(f"  {displayable(orphan.signature_path)}: {displayable(tr(orphan.reason))}")
    if report.errors:
        print()
        print(tr("Could not be read ({count}):").format(count=len(report.errors)))
        for error in report.errors:
            print(f"  {displayable(error.path)}: {localized(error)}")
    print()
    total = sum(counts.values())
    print(
        tr(
            "{total} signature(s): {passed} valid, {failed} failed, {indeterminate} indeterminate."
        ).format(
            total=total,
            passed=counts["TOTAL_PASSED"],
            failed=counts["TOTAL_FAILED"],
            indeterminate=counts["INDETERMINATE"],
        )
    )
