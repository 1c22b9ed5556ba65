"""Every user-facing English string of the engine and the command line, for translation files.

Qt's lupdate finds the GUI's strings; this finds the others: ``tr("...")`` calls in the faces,
error and notice templates, and verdict explanations. A test checks that each has a French
translation; ``tools/update_translations.py`` adds new ones to the .ts files.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
"""``app/paraphe``: the engine and the command line are scanned, the GUI left to lupdate."""

# Module-level constants holding whole sentences shown to users.
_SENTENCE_CONSTANTS = {
    "paraphe.core.validation.pdf.validator": (
        "_MODIFIED_AFTER_SIGNING",
        "_PARTIAL_COVERAGE",
        "_PAINTED_OVER",
    ),
}


def _literal_calls(tree: ast.AST, names: set[str]) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        first = node.args[0]
        if name in names and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(first.value)
    return found


def source_strings() -> list[str]:
    strings: list[str] = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        if "gui" in path.relative_to(PACKAGE_ROOT).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings.extend(_literal_calls(tree, {"tr", "N_", "Notice", "Check"}))
    import paraphe.core

    from .. import errors

    generic = {"{detail}", "{path}: {detail}", errors.ParapheError.template}
    for module_info in pkgutil.walk_packages(paraphe.core.__path__, "paraphe.core."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            defined_here = cls.__module__ == module.__name__
            if (
                defined_here
                and issubclass(cls, errors.ParapheError)
                and cls.template not in generic
            ):
                strings.append(cls.template)
    from ..validation.explanations import _SENTENCES

    strings.extend(_SENTENCES.values())
    for module_name, constants in _SENTENCE_CONSTANTS.items():
        module = importlib.import_module(module_name)
        strings.extend(getattr(module, constant) for constant in constants)
    unique: dict[str, None] = dict.fromkeys(strings)
    return list(unique)
