"""The window on small screens and from the keyboard (issue 16, items 1 and 9).

A laptop at 1024x640, or 1440x900 at 150 % (960x600 logical), must reach every control of both
pages: each page scrolls instead of pushing controls off-screen. The keyboard reaches the main
actions (Ctrl+O, Ctrl+,, F1, Ctrl+Q) and each page's mnemonics are unique, so that Alt+letter
does one thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from paraphe.core.config.settings import Settings
from paraphe.gui.main_window import MainWindow

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView)


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = Settings.load()
    settings.trusted_lists_auto_update = False
    shown = MainWindow(settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.shut_down()


def _controls(page: QWidget) -> list[QWidget]:
    return [
        w for w in page.findChildren(QWidget) if isinstance(w, CONTROLS) and w.isVisibleTo(page)
    ]


@pytest.mark.parametrize("size", [(1024, 640), (960, 600)])
def test_every_control_is_reachable_on_a_small_screen(
    window: MainWindow,
    qtbot,
    size: tuple[int, int],  # type: ignore[no-untyped-def]
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() <= size[0])

    assert window.height() <= size[1], "the window would not shrink to the screen"
    for page in (window.sign_page, window.verify_page):
        window.show_page(page)
        area = window.tabs.currentWidget()
        assert isinstance(area, QScrollArea)
        controls = _controls(page)
        assert len(controls) >= 8
        viewport = area.viewport()
        for control in controls:
            area.ensureWidgetVisible(control, 0, 0)
            top_left = control.mapTo(viewport, QPoint(0, 0))
            shown = QRect(top_left, control.size()).intersected(viewport.rect())
            # reachable: scrolled into view, at least the part a user clicks or reads
            assert shown.height() >= min(control.height(), 16), control.objectName() or control
            assert shown.width() >= min(control.width(), 16), control


def test_the_main_actions_have_their_keys(window: MainWindow) -> None:
    keys = {
        window.open_action: "Ctrl+O",
        window.settings_action: "Ctrl+,",
        window.help_action: "F1",
        window.quit_action: "Ctrl+Q",
    }
    for action, key in keys.items():
        assert action.shortcut().toString() == key


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match[1].lower() if match else None


@pytest.mark.parametrize("language", ["en", "fr"])
def test_mnemonics_are_unique_on_each_page(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    """Alt+letter must reach one control of the page in front, and no menu title or tab."""
    from paraphe.gui.i18n import install_translation

    install_translation(language)
    try:
        settings = Settings.load()
        settings.trusted_lists_auto_update = False
        window = MainWindow(settings)
        qtbot.addWidget(window)
        reserved = {_mnemonic(window.tabs.tabText(i)) for i in range(window.tabs.count())}
        reserved |= {_mnemonic(a.text()) for a in window.menuBar().actions()}
        for page in (window.sign_page, window.verify_page):
            letters: dict[str, str] = {}
            for widget in page.findChildren(QWidget):
                if widget.isHidden():
                    continue
                text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
                letter = _mnemonic(text)
                if letter is None:
                    continue
                assert letter not in reserved, f"{text!r} is shadowed by a tab or a menu"
                assert letter not in letters, f"{text!r} and {letters[letter]!r} share Alt+{letter}"
                letters[letter] = text
            assert len(letters) >= 6  # the page's texts were read, in this language
        window.shut_down()
    finally:
        install_translation("en")


def test_every_dialog_fits_a_960x600_screen(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """1440x900 at 150 % leaves 960x600 logical pixels, less the frame: each dialog must shrink
    to that (its layout's minimum), and opens no larger than the screen."""
    from paraphe.gui.dialogs.about_dialog import AboutDialog
    from paraphe.gui.dialogs.help_dialog import HelpDialog
    from paraphe.gui.dialogs.settings_dialog import SettingsDialog

    screen = window.screen().availableGeometry()
    for dialog in (
        SettingsDialog(window.settings, window),
        AboutDialog(window),
        HelpDialog(window),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        minimum = dialog.minimumSizeHint()
        assert minimum.width() <= 960 - 16 and minimum.height() <= 600 - 48, (dialog, minimum)
        assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
        dialog.close()
