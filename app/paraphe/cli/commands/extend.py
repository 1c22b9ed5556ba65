"""``paraphe extend FILE... --level B-T [--tsa URL]...``: raise existing signatures a level."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ...core.etsi import BaselineLevel
from ...core.signing.extend import EXTENDABLE_LEVELS, Extended, ExtendRequest
from ...core.text.display_text import displayable
from .. import exit_codes
from ..i18n import localized, tr
from ..timestamp_options import add_timestamp_options, timestamp_servers


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "extend",
        help="raise existing signatures to a higher level (add a timestamp)",
        description="Extend signatures without invalidating them: a XAdES token (.xml), a CAdES"
        " token (.p7s/.p7m) or a signed PDF gets the data of the level asked, in place (the"
        " previous file is replaced only once the new one is complete and checked). Signed"
        " documents are never modified. Signatures of any tool can be extended.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument(
        "--level",
        required=True,
        choices=[level.value for level in BaselineLevel],
        help="the level to reach; this version reaches "
        + ", ".join(level.value for level in EXTENDABLE_LEVELS),
    )
    parser.add_argument(
        "--renew",
        action="store_true",
        help="with --level B-LTA: add an archive timestamp to B-LTA signatures too (do it before"
        " the last timestamp's certificate expires)",
    )
    add_timestamp_options(parser)
    parser.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    parser.set_defaults(run=run)


def _said(result: Extended) -> str:
    if result.renewed:
        return tr("renewed: {path} (one more archive timestamp)").format(
            path=displayable(result.path)
        )
    if result.changed:
        return tr("extended: {path} ({before} → {after})").format(
            path=displayable(result.path), before=result.before.value, after=result.after.value
        )
    return tr("already {level}: {path}").format(
        path=displayable(result.path), level=result.before.value
    )


def run(args: argparse.Namespace) -> int:
    from ...core.signing.extend import extend_batch

    request = ExtendRequest(
        paths=tuple(args.files),
        level=BaselineLevel(args.level),
        tsa=timestamp_servers(args),
        renew=args.renew,
    )
    outcome = extend_batch(
        request, on_result=None if args.quiet else (lambda result: print(_said(result)))
    )
    for failure in outcome.failures:
        print(f"paraphe: {localized(failure)}", file=sys.stderr)
    if outcome.failures:
        if not args.quiet:
            print(
                tr("{done} extended or already at the level, {failed} failed.").format(
                    done=len(outcome.results), failed=len(outcome.failures)
                )
            )
        return exit_codes.for_error(outcome.failures[0])
    return exit_codes.OK
