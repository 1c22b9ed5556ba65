"""Qt's own words that its French catalogue (qtbase_fr.qm, as PySide6 ships it) lacks: Qt 6's
file dialog labels gained mnemonics ("&Look in:", "Files of &type:") that the catalogue still
translates without them, so a French user met them in English. Our catalogue fills the gap: Qt
asks every installed translator, ours after qtbase.

Never called: ``pyside6-lupdate`` reads these calls to keep the entries in paraphe_gui_fr.ts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _for_lupdate() -> list[str]:  # pragma: no cover - read by lupdate, not run
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
    ]
