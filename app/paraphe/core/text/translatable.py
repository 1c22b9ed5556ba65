"""``N_`` marks an English string for translation where it is defined; faces translate it later.

``Worded`` is such a string once filled in: English text (what the JSON report gives) that keeps
its template and values, so that a face can say it in its reader's language (``in_words``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def N_(text: str) -> str:
    return text


class Worded(str):
    """``template.format(**params)`` in English, remembering ``template`` and ``params``."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Worded:
        text = super().__new__(cls, template.format(**params))
        text.template = template
        text.params = params
        return text

    def __reduce__(self) -> tuple[Any, ...]:  # pickled whole (reports cross processes)
        return (_rebuilt, (self.template, self.params))

    @classmethod
    def joined(cls, separator: str, parts: Iterable[str]) -> Worded:
        """``parts`` joined by ``separator``, each part said in words on its own (a plain part
        is a phrase marked ``N_``: translated whole)."""
        values = {
            f"part{index}": part if isinstance(part, Worded) else cls(_literal(part))
            for index, part in enumerate(parts)
        }
        template = separator.join("{" + name + "}" for name in values)
        return cls(template, **values)


def _literal(text: str) -> str:
    """``text`` as a template that formats to itself."""
    return text.replace("{", "{{").replace("}", "}}")


def _rebuilt(template: str, params: dict[str, Any]) -> Worded:
    return Worded(template, **params)


def in_words(text: str, translate: Callable[[str], str]) -> str:
    """``text`` in the reader's language: a ``Worded`` by its translated template, filled with
    its values (those that are ``Worded`` said in words too; names and numbers as they are); any
    other string translated as a whole (unchanged when the catalogue does not know it)."""
    if not isinstance(text, Worded):
        return translate(text)
    values = {
        name: in_words(value, translate) if isinstance(value, Worded) else value
        for name, value in text.params.items()
    }
    try:
        return translate(text.template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(text)
