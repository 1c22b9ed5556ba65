"""``paraphe-gui --smoke-test``: does this installation work? What a packager runs on a bundle
or an installed package: the main window opens (offscreen when there is no display), the French
catalogues are there, and the engine signs and verifies (the demo, in a throw-away folder, with
a throw-away certificate: nothing is left in the user's folders)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path


def smoke_test() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="paraphe-smoke-") as scratch:
        os.environ["PARAPHE_DATA_DIR"] = str(Path(scratch) / "data")
        problems += _window()
        problems += _engine(Path(scratch) / "demo")
    if problems:
        for problem in problems:
            print(f"paraphe-gui smoke test: {problem}", file=sys.stderr)
        return 1
    print(
        "paraphe-gui smoke test passed: main window, French translation, demo documents signed"
        " and verified in XAdES, CAdES and PAdES"
    )
    return 0


def _window() -> list[str]:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..cli.i18n import set_language, tr
    from ..core.config.settings import Settings
    from .i18n import install_translation
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translation("fr")
    settings = Settings.load()
    settings.trusted_lists_auto_update = False
    window = MainWindow(settings)
    window.show()
    app.processEvents()
    problems = []
    if window.tabs.tabText(0).replace("&", "") != "Signer":
        problems.append(f"the window is not in French (first tab: {window.tabs.tabText(0)!r})")
    from PySide6.QtCore import QCoreApplication

    qt_context, qt_word = "QPlatformTheme", "Cancel"  # Qt's catalogue, not ours (not for lupdate)
    if QCoreApplication.translate(qt_context, qt_word) != "Annuler":
        problems.append("Qt's own French catalogue (qtbase_fr.qm) is missing: dialogs in English")
    set_language("fr")
    if tr("acceptable for public procurement") == "acceptable for public procurement":
        problems.append("the engine's French catalogue is missing")
    set_language("en")
    window.close()
    window.shut_down()  # the workers the window started (reading the lists) end first
    return problems


def _engine(folder: Path) -> list[str]:
    from ..cli.main import main

    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main(["demo", "--out", str(folder)])
    if code != 0:
        return [f"the demo failed (exit {code}):\n{output.getvalue()}"]
    return []
