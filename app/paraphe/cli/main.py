"""``paraphe`` command line: errors become one line and a documented exit code."""

from __future__ import annotations

# isort: split
from . import interruptions  # first: a Ctrl+C while the modules below load is not lost

# isort: split
import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..core.errors import ParapheError
from ..core.validation.pdf.page_comparer_flag import PAGE_COMPARER_FLAG
from . import exit_codes
from .i18n import localized, set_language, tr


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(exit_codes.USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="paraphe", description="Sign files and verify signatures.")
    parser.add_argument("--version", action="version", version=f"paraphe {__version__}")
    parser.add_argument("--debug", action="store_true", help="show details of unexpected errors")
    parser.add_argument(
        "--lang", choices=["fr", "en"], help="language of messages (default: the locale)"
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    from .commands import demo, extend, policy, sign, tokens, trust, verify

    for command in (sign, extend, verify, trust, tokens, policy, demo):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The process's entry point (``paraphe``, ``python -m paraphe``): a command's exit code.

    A command stopped by Ctrl+C, SIGTERM or SIGHUP unwinds (no partial output, no temporary
    folder left) and exits 128 + the signal's number; see ``interruptions``. When it returns, the
    stopping signals are left ignored: the process is about to exit with this code.
    """
    if sys.argv[1:2] == [PAGE_COMPARER_FLAG]:  # a bundle starts its page comparer this way
        from ..core.validation.pdf.page_comparer import serve

        serve()
        return exit_codes.OK
    try:
        return _run(sys.argv[1:] if argv is None else list(argv))
    finally:
        if os.environ.get("PARAPHE_REPORT_PEAK_MEMORY"):
            _report_peak_memory()


def _run(arguments: list[str]) -> int:
    if not arguments and _display_available():
        from ..gui.app import main as gui_main

        return gui_main([])
    try:
        try:
            interruptions.stop_on_signals()
            return _main(arguments)
        finally:
            interruptions.ignore()
    except KeyboardInterrupt as interruption:
        print(tr("paraphe: interrupted; no partial output was kept."), file=sys.stderr)
        return interruptions.exit_code_for(interruption)


def _apply_policy() -> None:
    """The administrator's network settings for this process, and each problem of the policy
    file in one line (Paraphe goes on with the rest of it)."""
    from ..core.config.policy import apply_network, load_policy

    policy = load_policy()
    apply_network(policy)
    for problem in policy.problems:
        print(
            "paraphe: " + tr("policy: {problem}").format(problem=problem.worded(tr)),
            file=sys.stderr,
        )


def _report_peak_memory() -> None:
    """Diagnostics for tests and benchmarks: this process's own peak RSS (Linux VmHWM)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    print(f"paraphe: peak memory {line.split()[1]} kB", file=sys.stderr)
    except OSError:
        pass


def _main(arguments: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(arguments)
    set_language(args.lang)
    from ..core.adapters.library_warnings import keep_library_warnings_quiet

    keep_library_warnings_quiet(show=args.debug)
    _apply_policy()
    if args.command is None:
        parser.print_help()
        return exit_codes.USAGE
    try:
        return int(args.run(args))
    except ParapheError as error:
        print(f"paraphe: {localized(error)}", file=sys.stderr)
        return exit_codes.for_error(error)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return exit_codes.OK
    except Exception as error:
        if args.debug:
            raise
        print(
            tr(
                "paraphe: unexpected error ({error}). Run again with --debug and report the details."
            ).format(error=f"{type(error).__name__}: {error}"),
            file=sys.stderr,
        )
        return exit_codes.SOME_FAILED


def _display_available() -> bool:
    """``paraphe`` alone opens the desktop application where there is a screen to show it on."""
    if sys.platform in ("win32", "darwin"):
        has_display = True
    else:
        has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if not has_display:
        return False
    import importlib.util

    return importlib.util.find_spec("PySide6") is not None


def path_argument(value: str) -> Path:
    return Path(value)


interruptions.release_hold()  # loaded: signals held while importing are raised in main()
