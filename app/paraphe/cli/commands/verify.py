"""``paraphe verify PATH...``: ETSI EN 319 102-1 verdicts for every signature found."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ...core.progress import Progress
from ...core.reports.wording import orphan_reason
from ...core.text.display_text import displayable
from ..exit_codes import VerifyExit
from ..i18n import localized, tr
from ..terminal import ProgressLine


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
    parser.add_argument(
        "--certs",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="certificates (PEM or DER) to find signers and build certification paths with,"
        " for signatures that do not carry them (openssl cms -nocerts); not trusted; repeatable",
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
    parser.add_argument(
        "--report",
        type=Path,
        metavar="FILE.pdf",
        help="also write the verification report as a PDF, to file with the tender"
        " (in the language of --lang)",
    )
    parser.add_argument(
        "--xml",
        type=Path,
        metavar="FILE.xml",
        help="also write the ETSI TS 119 102-2 validation report (XML)",
    )
    parser.add_argument(
        "--extract",
        type=Path,
        metavar="DIR",
        help="write the document held by each enveloping signature (.p7m) into this folder,"
        " under a name that is free there",
    )
    parser.add_argument(
        "--no-eu-trust",
        action="store_true",
        help="do not use the EU trusted lists (neither as trust anchors nor for qualification)",
    )
    parser.add_argument(
        "--progress", action="store_true", help="show progress even when not on a terminal"
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="verify in N processes (default: one per core for large sets; 0: in this one)",
    )
    parser.set_defaults(run=run)


def _parse_time(text: str | None) -> dt.datetime | None:
    from ...core.errors import UsageError

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
    from ...core.trust import chosen_sources
    from ...core.validation.settings import verification_settings

    sources = chosen_sources(
        args.trust, user_store=not args.no_user_trust, system_roots=args.system_roots
    )
    from ...core.trust import load_certificates

    given = tuple(cert for path in args.certs for cert in load_certificates(path))
    return verification_settings(
        sources,
        offline=args.offline,
        validation_time=_parse_time(args.at),
        eu_trust=not args.no_eu_trust,
        extra_certs=given,
    )


def exit_code_for(report: Any) -> VerifyExit:
    from ...core.validation.indications import Indication

    indications = {s.indication for s in report.all_signatures()}
    if Indication.TOTAL_FAILED in indications:
        return VerifyExit.SOME_FAILED
    if Indication.INDETERMINATE in indications or report.orphan_signatures:
        return VerifyExit.SOME_INDETERMINATE
    if report.errors:
        return VerifyExit.UNREADABLE_INPUT
    if not indications:
        return VerifyExit.SOME_INDETERMINATE
    return VerifyExit.ALL_PASSED


def _counted(progress: ProgressLine) -> Callable[[int, int, str], None]:
    """The verifier's count of signature files done, shown on the progress line as ``sign``
    shows its files: ``[12/1000] name  1%`` (the share of the whole run), on stderr."""

    def show(done: int, total: int, name: str) -> None:
        progress(Progress(done - 1, total, Path(name), done, total))

    return show


def run(args: argparse.Namespace) -> int:
    """Verify, tell the verdicts, then write the reports asked for: a report that cannot be
    written is one error line (exit 5) after the verdicts, and no partial file."""
    from ...core.files.staged_file import StagedFile
    from ...core.validation.verifier import verify_paths

    settings = settings_from(args)
    with _report_errors(), contextlib.ExitStack() as outputs:
        # opened before verifying: a wrong output folder fails at once, not after the work
        staged = {
            target: outputs.enter_context(StagedFile(target.parent, for_file=target))
            for target in (args.report, args.xml)
            if target is not None
        }
        if args.extract is not None:  # a wrong folder fails at once, not after the work
            from ...core.validation.cms.extract import check_folder

            check_folder(args.extract)
        progress = ProgressLine(enabled=True if args.progress else None)
        try:
            report = verify_paths(
                args.paths, settings, on_progress=_counted(progress), workers=args.workers
            )
        finally:
            progress.clear()
        if args.json:
            sys.stdout.flush()
            sys.stdout.buffer.write(report.to_json())  # UTF-8 whatever the terminal's encoding
            sys.stdout.buffer.flush()
        else:
            print_summary(report, colour=_use_colour())
        sys.stdout.flush()
        if args.report is not None:
            _write_pdf_report(report, args, staged[args.report])
        if args.xml is not None and not _write_xml_report(report, staged[args.xml]):
            del staged[args.xml]  # nothing to report: no file (the temporary one goes away)
            print(
                "paraphe: "
                + tr("{path}: no signature was found, so there is no ETSI report to write").format(
                    path=displayable(str(args.xml))
                ),
                file=sys.stderr,
            )
        for target, file in staged.items():
            file.put(target)
    if args.extract is not None:
        _extract_documents(report, args.extract)
    return exit_code_for(report)


def _extract_documents(report: Any, folder: Path) -> None:
    """Each enveloping CMS signature's document written into ``folder`` (once per signature
    file, whatever its verdict: the verdict says whether to rely on it), each one named on
    stderr so that the JSON on stdout stays whole."""
    from ...core.validation.cms.extract import extract_document
    from ...core.validation.report import DetectedFormat, Packaging

    done: set[Path] = set()
    for signature in report.all_signatures():
        path = signature.signature_path
        if (
            signature.format is not DetectedFormat.CADES
            or signature.packaging is not Packaging.ENVELOPING
            or path in done
        ):
            continue
        done.add(path)
        written = extract_document(path, folder)
        if written is None:  # gone since, or inside an archive (``bid.zip!/x.p7m``)
            print(
                tr(
                    "{path}: its signed document was not written (the file could not be read"
                    " again; inside an archive, extract the archive first)"
                ).format(path=displayable(str(path))),
                file=sys.stderr,
            )
            continue
        print(
            tr("{path}: signed document written to {output}").format(
                path=displayable(str(path)), output=displayable(str(written))
            ),
            file=sys.stderr,
        )


@contextlib.contextmanager
def _report_errors() -> Iterator[None]:
    """A report that cannot be written says so as a report's problem, not a signature's."""
    from ...core.errors import OutputNotWritable, ReportNotWritable

    try:
        yield
    except ReportNotWritable:
        raise
    except OutputNotWritable as exc:
        raise ReportNotWritable(exc.path, detail=exc.params.get("detail", "")) from None


def _write_pdf_report(report: Any, args: argparse.Namespace, staged: Any) -> None:
    from ... import __version__
    from ...core.reports.pdf_report import write_pdf_report
    from ..i18n import current_language, report_words

    write_pdf_report(
        report,
        staged.file,
        inputs=args.paths,
        words=report_words(),
        language=current_language(),
        version=__version__,
    )


def _write_xml_report(report: Any, staged: Any) -> bool:
    """The ETSI TS 119 102-2 report written; False when there is no signature to report (the
    schema wants at least one)."""
    from ... import __version__
    from ...core.reports.etsi_xml import NoSignatureToReport, etsi_validation_report

    try:
        staged.file.write(etsi_validation_report(report, version=__version__))
    except NoSignatureToReport:
        return False
    return True


def _use_colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _ansi_colour(indication: Any) -> str:
    """Green, yellow, red: the terminal's own shades of the verdict colours."""
    from ...core.validation.indications import Indication

    return {
        Indication.TOTAL_PASSED: "32",
        Indication.INDETERMINATE: "33",
        Indication.TOTAL_FAILED: "31",
    }[indication]


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def print_summary(report: Any, colour: bool) -> None:
    from ...core.reports.details import Localizer
    from ...core.reports.revocation_time import revocation_sentence
    from ...core.reports.summary import NOTHING_TRUSTED, SignatureRow, TimeProof, summarise
    from ...core.reports.verdicts import look
    from ...core.reports.wording import timestamp_kind, timestamp_reason
    from ...core.validation.indications import Indication

    words = Localizer(translate=tr, moment=_when)

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    def signature_lines(row: SignatureRow) -> list[str]:
        verdict = look(row.indication)
        badge = f"{verdict.symbol} {tr(verdict.banner)}"
        if row.subindication_code is not None:
            badge += f" ({row.subindication_code})"
        who = displayable(row.signer_name) if row.signer_name else tr("unknown signer")
        if row.signer_name and row.organisation:
            who += f" — {displayable(row.organisation)}"
        if row.signer_name and row.siren:
            who += f" (SIREN {displayable(row.siren)})"
        lines = [f"  {paint(badge, _ansi_colour(row.indication))}  {row.format_and_level}  {who}"]
        if row.report.qualification is not None:
            lines.append("      " + _qualification_line(row.report.qualification))
        if row.time is not None:
            sentence = (
                tr("signed at {time} (proven by a timestamp)")
                if row.time.proof is TimeProof.TIMESTAMP
                else tr("signed at {time} (claimed by the signer)")
            )
            lines.append("      " + sentence.format(time=_when(row.time.moment)))
        if row.signature_file is not None:
            lines.append(
                "      " + tr("signature: {path}").format(path=displayable(row.signature_file))
            )
        if row.explanation:
            lines.append("      " + displayable(tr(row.explanation)))
        revocation = revocation_sentence(row.report, words)
        if revocation is not None:
            lines.append("      " + displayable(revocation))
        for stamp in row.timestamp_problems:
            sentence = (
                tr("⚠ {kind} not valid ({code}): {reason}")
                if stamp.indication is Indication.TOTAL_FAILED
                else tr("⚠ {kind} could not be validated ({code}): {reason}")
            )
            code = stamp.subindication.code if stamp.subindication is not None else "?"
            reason = displayable(timestamp_reason(stamp, tr))
            lines.append(
                "      "
                + sentence.format(kind=tr(timestamp_kind(stamp.kind)), code=code, reason=reason)
            )
        return lines

    summary = summarise(report)
    print(
        tr("Verification at {time} ({mode}); trusted: {trust}").format(
            time=_when(summary.validation_time),
            mode=tr(summary.mode.label),
            trust=", ".join(localized(source) for source in summary.trust_sources)
            or tr(NOTHING_TRUSTED),
        )
    )
    for document in summary.documents:
        print()
        print(displayable(document.path))
        for row in document.signatures:
            print("\n".join(signature_lines(row)))
    _print_group(
        tr("Documents without a signature ({count}):"),
        [displayable(path) for path in summary.unsigned_documents],
    )
    _print_group(
        tr("Signatures whose document is missing ({count}):"),
        [
            f"{displayable(orphan.signature_path)}: {displayable(orphan_reason(orphan, tr))}"
            for orphan in summary.orphan_signatures
        ],
    )
    _print_group(
        tr("Could not be read ({count}):"),
        [f"{displayable(error.path)}: {localized(error)}" for error in summary.errors],
    )
    print()
    print(
        tr(
            "{total} signature(s): {passed} valid, {failed} failed, {indeterminate} indeterminate."
        ).format(**summary.tally.as_params())
    )


def _qualification_line(qualification: Any) -> str:
    """``qualification: QESig (FR 112 2023-02-23) — acceptable for public procurement``."""
    from ...core.reports.wording import procurement_reading

    where = f" ({displayable(qualification.trusted_list)})" if qualification.trusted_list else ""
    return tr("qualification: {status}{where} — {reading}").format(
        status=qualification.status,
        where=where,
        reading=displayable(procurement_reading(qualification, tr)),
    )


def _print_group(title: str, lines: list[str]) -> None:
    """A group of files set aside (unsigned, orphan tokens, unreadable), if there is any."""
    if lines:
        print()
        print(title.format(count=len(lines)))
        for line in lines:
            print(f"  {line}")
