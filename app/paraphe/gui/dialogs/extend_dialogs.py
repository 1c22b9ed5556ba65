"""The two messages around "Extend to B-T": may these files be replaced, and what was done.

Extending rewrites the user's signature files, so it is never done without a confirmation that
names them; afterwards one message says which were extended, which were already at the level and
which could not be, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.etsi import BaselineLevel
from ...core.signing.extend import ExtendOutcome
from ...core.text.display_text import displayable
from ..i18n import localized

ShownPath = Callable[[Path | str], str]

LISTED = 12
"""File names listed in the message itself; the whole list is in the details."""


class _ExtendMessage(QMessageBox):
    def __init__(self, parent: QWidget | None, level: BaselineLevel) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # file names are never markup
        self.setWindowTitle(self.tr("Extend to {level}").format(level=level.value))

    def bullets(self, lines: Sequence[str]) -> list[str]:
        shown = [f"• {line}" for line in lines[:LISTED]]
        if len(lines) > LISTED:
            shown.append(
                self.tr("… and {count} more (see the details)").format(count=len(lines) - LISTED)
            )
        return shown


class ExtendConfirmation(_ExtendMessage):
    """Asked before any file is replaced: which files, what happens to them, which server."""

    def __init__(
        self,
        parent: QWidget | None,
        paths: Sequence[Path],
        level: BaselineLevel,
        servers: Sequence[str],
        shown: ShownPath,
    ) -> None:
        super().__init__(parent, level)
        names = [displayable(shown(path)) for path in paths]
        self.setIcon(QMessageBox.Icon.Question)
        self.setText(
            self.tr(
                "Add a timestamp to {count} signature file(s), raising them to {level}?"
            ).format(count=len(paths), level=level.value)
        )
        parts = [
            self.tr(
                "The signature files below will be replaced by their extended version;"
                " the signed documents are not modified."
            ),
            "\n".join(self.bullets(names)),
        ]
        if any(path.suffix.lower() == ".pdf" for path in paths):
            parts.append(
                self.tr(
                    "A signed PDF is its own signature file: a document timestamp is added after"
                    " its signatures, which stay as they are."
                )
            )
        parts.append(
            self.tr("Timestamp server: {servers}").format(
                servers=", ".join(displayable(url) for url in servers)
            )
        )
        self.setInformativeText("\n\n".join(parts))
        if len(names) > LISTED:
            self.setDetailedText("\n".join(names))
        self.extend_button = self.addButton(
            self.tr("&Extend {count} file(s)").format(count=len(paths)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        # named here, not a standard button: Qt's own words are not translated in this app
        cancel = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.cancel_button = cancel
        self.setDefaultButton(self.extend_button)
        self.setEscapeButton(cancel)

    def agreed(self) -> bool:
        self.exec()
        return self.clickedButton() is self.extend_button


class ExtendOutcomeMessage(_ExtendMessage):
    """What an extension did: extended, already at the level, not extended and why."""

    def __init__(
        self,
        parent: QWidget | None,
        outcome: ExtendOutcome,
        level: BaselineLevel,
        shown: ShownPath,
        verifying: bool,
    ) -> None:
        """``verifying``: the page is verifying the list again (a file changed)."""
        super().__init__(parent, level)
        self.setIcon(QMessageBox.Icon.Warning if outcome.failures else QMessageBox.Icon.Information)
        extended = [r for r in outcome.results if r.changed]
        already = [r for r in outcome.results if not r.changed]
        headline = [
            self.tr("{count} signature file(s) extended to {level}.").format(
                count=len(extended), level=level.value
            )
        ]
        if already:
            headline.append(
                self.tr("{count} already at {level} or higher.").format(
                    count=len(already), level=level.value
                )
            )
        if outcome.failures:
            headline.append(
                self.tr("{count} could not be extended.").format(count=len(outcome.failures))
            )
        self.setText(" ".join(headline))
        sections = []
        if extended:
            lines = [
                f"{displayable(shown(r.path))} ({r.before.value} → {r.after.value})"
                for r in extended
            ]
            sections.append("\n".join([self.tr("Extended:"), *self.bullets(lines)]))
        if already:
            lines = [f"{displayable(shown(r.path))} ({r.before.value})" for r in already]
            sections.append(
                "\n".join([self.tr("Already at the level, left unchanged:"), *self.bullets(lines)])
            )
        if outcome.failures:
            lines = [localized(error) for error in outcome.failures]
            sections.append(
                "\n".join([self.tr("Not extended (left as they were):"), *self.bullets(lines)])
            )
        if verifying:
            sections.append(
                self.tr(
                    "The list is verified again: each signature shows its level and proven time."
                )
            )
        self.setInformativeText("\n\n".join(sections))
        self.close_button = self.addButton(self.tr("Close"), QMessageBox.ButtonRole.AcceptRole)
