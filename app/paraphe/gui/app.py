"""Entry point of ``paraphe-gui`` (and of ``paraphe`` with no arguments when a display exists)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .main_window import MainWindow


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="paraphe-gui", description="Paraphe desktop application")
    parser.add_argument(
        "--lang", choices=["fr", "en"], help="language (default: settings, else system)"
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="render the main screens offscreen to PNG files in DIR, from a demo set-up, and exit",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation: open the main window (offscreen without a display),"
        " the French translation, and sign and verify the demo documents in the three formats"
        " with a throw-away certificate; exit 0 when all work",
    )
    parser.add_argument(
        "--quit-when-shown", action="store_true", help=argparse.SUPPRESS
    )  # start-up benchmark: exit as soon as the window is on screen
    parser.add_argument(
        "--verify",
        action="store_true",
        help='open the files in the Verify tab (Explorer\'s "Vérifier avec Paraphe")',
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="files to open: signatures, signed PDFs, archives and folders are verified, other documents signed",
    )
    return parser.parse_args(argv)


def open_arguments(window: MainWindow, args: argparse.Namespace) -> None:
    """The files of the command line, once the window is shown: with ``--verify`` all to
    Verify (Explorer's "Vérifier avec Paraphe"), else each to its task as a file manager's
    "Open with" expects (signatures to Verify, documents to Sign); a mixed set asks, over the
    window, as soon as the event loop runs."""
    if not args.files:
        return
    if args.verify:
        window.verify(args.files)
        return
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: window.open_paths(args.files))


def main(argv: Sequence[str] | None = None) -> int:
    from ..core.validation.pdf.page_comparer_flag import PAGE_COMPARER_FLAG

    if sys.argv[1:2] == [PAGE_COMPARER_FLAG]:  # a bundle starts its page comparer this way
        from ..core.validation.pdf.page_comparer import serve

        serve()
        return 0
    args = parse_args(argv)
    from ..core.adapters.library_warnings import keep_library_warnings_quiet

    keep_library_warnings_quiet()  # no console to show them to; never a stray line on one
    if args.smoke_test:
        from .smoke_test import smoke_test

        return smoke_test()
    if args.screenshots is not None:
        from .screenshots import render_screenshots

        return render_screenshots(args.screenshots, args.lang or "fr")

    from PySide6.QtWidgets import QApplication

    from ..core.config.policy import apply_network, load_policy
    from ..core.config.settings import Settings
    from .dialogs.errors import show_error
    from .i18n import install_translation, resolve_language
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Paraphe")
    app.setOrganizationName("Paraphe")
    policy = load_policy()
    apply_network(policy)
    settings = Settings.load(policy=policy)
    install_translation(resolve_language(args.lang or settings.language))
    window = MainWindow(settings)

    def switch_language(language: str) -> None:
        install_translation(resolve_language(language))

    window.language_requested.connect(switch_language)
    # No exception may reach a console: unknown ones become a dialog with details to copy.
    sys.excepthook = lambda kind, error, tb: show_error(window, error)
    window.show_policy_problems(policy.problems)
    window.show()
    open_arguments(window, args)
    if args.quit_when_shown:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    code = int(app.exec())
    window.shut_down()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
