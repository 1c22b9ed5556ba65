"""Qt translation: the .qm built from resources/translations/*.ts, and the engine's strings.

GUI strings go through ``QCoreApplication.translate`` (contexts per window); the engine's English
templates (errors, verdict explanations, the report view's labels) are translated with the same
catalogue in the ``paraphe`` context.
"""

from __future__ import annotations

import datetime as dt
import functools
import locale
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTranslator

if TYPE_CHECKING:
    from ..core.reports.details import Localizer

from ..core.text.display_text import TRANSLATED_PARAMS, displayable, displayable_values

_translators: list[QTranslator] = []


def translations_dir() -> Path:
    return Path(str(resources.files("paraphe.resources.translations")))


def resolve_language(setting: str) -> str:
    if setting in ("fr", "en"):
        return setting
    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "fr" if name.lower().startswith("fr") else "en"


def install_translation(language: str) -> bool:
    """Load paraphe_<language>.qm into the application; English needs none. True if loaded."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translation needs the application to exist")
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if language == "en":
        return True
    translator = QTranslator()
    if not translator.load(str(translations_dir() / f"paraphe_{language}.qm")):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    _install_qt_own(app, language)
    return True


def _install_qt_own(app: QCoreApplication, language: str) -> None:
    """Qt's own words (OK, Cancel, Close, Yes in standard buttons and dialogs), from the
    qtbase catalogue PySide6 ships; left in English when a bundle lacks it."""
    from PySide6.QtCore import QLibraryInfo

    qt_words = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_words.load(f"qtbase_{language}", folder):
        app.installTranslator(qt_words)
        _translators.append(qt_words)


def tr_engine(text: str) -> str:
    """An English string of the engine (explanations, notices) in the current language."""
    return QCoreApplication.translate("paraphe", text)


def local_time(moment: dt.datetime) -> str:
    """A UTC time in the user's time zone and locale format."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    when = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()
    return when.toString("dd/MM/yyyy HH:mm")


@functools.cache
def report_words() -> Localizer:
    """How the report's views are worded here; built on first use, so that the first window
    does not pay for the report view's classes before there is a report."""
    from ..core.reports.details import Localizer

    return Localizer(translate=tr_engine, moment=local_time)


"""How the engine's report views read in this application: in the user's language and time."""


def localized(message: object) -> str:
    """A ParapheError or Notice translated, filled with displayable values (as the CLI does)."""
    template = getattr(message, "template", None)
    if template is None:
        return displayable(str(message))
    return tr_engine(template).format(**displayable_values(message, tr_engine))


class _Templated(Protocol):
    @property
    def template(self) -> str: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def params(self) -> Mapping[str, object]: ...


def translated(message: _Templated) -> str:
    """A ParapheError, Notice or InputError translated, filled with its values as they are: for
    the places that make the whole text displayable themselves (``plain_text``), where values
    made displayable twice would show their backslashes doubled."""
    params = {
        name: tr_engine(value) if name in TRANSLATED_PARAMS and isinstance(value, str) else value
        for name, value in message.params.items()
    }
    return tr_engine(message.template).format(path=message.path, **params)
