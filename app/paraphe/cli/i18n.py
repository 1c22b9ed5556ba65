"""Translation for the command line, from the same Qt .ts files the desktop application uses.

English is the source language; French comes from resources/translations/paraphe_fr.ts. The
language follows --lang, else LC_ALL / LC_MESSAGES / LANG.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from importlib import resources
from typing import Any

from ..core.text.display_text import displayable, displayable_values

_language = "en"


def language_from_environment() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def set_language(language: str | None) -> None:
    global _language
    _language = language or language_from_environment()


@functools.cache
def _catalogue(language: str) -> dict[str, str]:
    if language == "en":
        return {}
    from lxml import etree

    source = resources.files("paraphe.resources.translations").joinpath(f"paraphe_{language}.ts")
    try:
        data = source.read_bytes()
    except (FileNotFoundError, OSError):
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    catalogue = {}
    for message in root.iter("message"):
        original = message.findtext("source")
        translation = message.findtext("translation")
        if original and translation:
            catalogue[original] = translation
    return catalogue


def translator(language: str) -> Callable[[str], str]:
    """The translation into ``language`` whatever the current one (a guide written in French
    from an English terminal)."""
    catalogue = _catalogue(language)
    return lambda text: catalogue.get(text, text)


def tr(text: str) -> str:
    """The translation of an English source string, or the string itself."""
    return _catalogue(_language).get(text, text)


def localized(message: object) -> str:
    """A ParapheError or Notice in the user's language (template translated, then filled with
    values made displayable: a file name cannot start a line of its own or move the cursor)."""
    template = getattr(message, "template", None)
    if template is None:
        return displayable(str(message))
    return tr(template).format(**displayable_values(message, tr))


def report_words() -> Any:
    """How the report's views read on the command line and in the reports it writes: in the
    user's language, times in UTC."""
    from ..core.reports.details import Localizer

    def moment(value: Any) -> str:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    return Localizer(translate=tr, moment=moment)


def current_language() -> str:
    return _language
