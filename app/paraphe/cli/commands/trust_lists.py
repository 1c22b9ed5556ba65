"""``paraphe trust update|status|add-list``: the EU trusted lists, and lists added by hand."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ...core.text.display_text import displayable
from .. import exit_codes
from ..i18n import tr


def _day(moment: dt.datetime | None) -> str:
    return "—" if moment is None else f"{moment.astimezone(dt.UTC):%Y-%m-%d}"


def run_lists(args: argparse.Namespace) -> int:
    if args.trust_action == "update":
        return _update(args)
    if args.trust_action == "add-list":
        return _add_list(args)
    return _status()


def _progress(done: int, total: int, name: str) -> None:
    """One line rewritten in a terminal; one line per list otherwise (a log)."""
    line = tr("Trusted lists: {done} of {total} ({name})").format(
        done=done, total=total, name=displayable(name)
    )
    if sys.stderr.isatty():
        print("\r\033[K" + line, end="\n" if done == total else "", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)


def _update(args: argparse.Namespace) -> int:
    from ...core.trust.eutl.manage import refresh

    cache = refresh(
        args.lotl, offline=args.offline, progress=_progress, lotl_signer=args.lotl_signer
    )
    lotl = cache.lotl
    if lotl is not None and lotl.info is not None:
        print(
            tr("LOTL {label} verified; next update {next}.").format(
                label=lotl.info.label, next=_day(lotl.info.next_update)
            )
        )
    good = [r for r in cache.lists if r.origin != "lotl" and r.state == "ok"]
    bad = [r for r in cache.lists if r.origin != "lotl" and r.state != "ok"]
    print(tr("{count} trusted lists verified.").format(count=len(good)))
    for problem in cache.problems:
        print("⚠ " + displayable(problem))
    for record in bad:
        print(
            "✘ "
            + tr("{name}: {problem}").format(
                name=record.territory or displayable(record.location),
                problem=displayable(record.problem),
            )
        )
    return exit_codes.OK


def _add_list(args: argparse.Namespace) -> int:
    from ...core.trust.eutl.manage import add_list

    record = add_list(args.list, args.signer)
    assert record.info is not None
    print(
        tr("trusted list added: {label} ({count} services), next update {next}").format(
            label=record.info.label, count=len(record.services), next=_day(record.info.next_update)
        )
    )
    return exit_codes.OK


def _status() -> int:
    from ...core.trust.eutl.manage import status

    cache, rows = status()
    if cache is None:
        print(tr("No EU trusted lists: run “paraphe trust update”."))
        return exit_codes.SOME_FAILED
    origin = (
        tr("snapshot shipped with Paraphe")
        if cache.snapshot
        else tr("updated {date} from {source}").format(
            date=_day(cache.updated), source=displayable(cache.source)
        )
    )
    print(
        tr("EU trusted lists as of {date} ({origin})").format(
            date=_day(cache.updated), origin=origin
        )
    )
    usable = 0
    for row in rows:
        record, info = row.record, row.record.info
        name = record.territory or displayable(record.location)
        if info is None:
            print(
                f"  ✘ {name:<4} "
                + tr("not available: {problem}").format(problem=displayable(record.problem))
            )
            continue
        usable += record.origin != "lotl"
        line = f"  {'⚠' if row.stale_since or record.state != 'ok' else '✔'} {name:<4} " + tr(
            "sequence {sequence}, issued {issued}, next update {next}"
        ).format(sequence=info.sequence, issued=_day(info.issued), next=_day(info.next_update))
        if row.stale_since is not None:
            line += " — " + tr("stale since {date}").format(date=_day(row.stale_since))
        if record.state != "ok":
            line += " — " + displayable(record.problem)
        print(line)
    return exit_codes.OK if usable else exit_codes.SOME_FAILED
