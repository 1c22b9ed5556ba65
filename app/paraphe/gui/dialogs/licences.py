"""The third-party components shipped with Paraphe, with the versions and licences installed.

Read at run time from the installed packages' metadata, so the About box never drifts from the
bundle. Kept free of Qt so that a packaging check can print the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, resources

BUNDLED_PACKAGES: tuple[str, ...] = (
    "PySide6-Essentials",
    "shiboken6",
    "pyHanko",
    "pyhanko-certvalidator",
    "signxml",
    "lxml",
    "cryptography",
    "asn1crypto",
    "python-pkcs11",
    "aiohttp",
    "fonttools",
    "uharfbuzz",
    "pypdfium2",
)
"""Distributions to list, in display order; the ones not installed are left out."""

LICENCE_CHOSEN: dict[str, str] = {
    "pyside6-essentials": "LGPL-3.0-only",
    "shiboken6": "LGPL-3.0-only",
}
"""Multi-licensed packages whose metadata offers a choice: the licence Paraphe uses them under."""

NOTO_SANS_FILE = "NotoSans-Regular.ttf"
"""The font bundled in resources/fonts (see LICENSE-NotoSans.txt) to draw PAdES stamps."""
NOTO_SANS_LICENCE = "OFL-1.1 (SIL Open Font License 1.1)"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def licence_of(meta: metadata.PackageMetadata) -> str:
    """The SPDX expression if declared, else a short License field, else the trove classifiers."""
    expression = _first(meta, "License-Expression").strip()
    if expression:
        return expression
    field = _first(meta, "License").strip()
    # Some packages paste the whole licence text here; only a one-line name is useful.
    if field and "\n" not in field and len(field) <= 80 and field.upper() != "UNKNOWN":
        return field
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    if classifiers:
        return " / ".join(classifiers)
    return field.splitlines()[0] if field else "?"


def _first(meta: metadata.PackageMetadata, name: str) -> str:
    """A metadata field's (first) value, or "" when the package does not declare it."""
    values = meta.get_all(name) or []
    return str(values[0]) if values else ""


def installed_component(name: str) -> Component | None:
    try:
        meta = metadata.metadata(name)
    except metadata.PackageNotFoundError:
        return None
    licence = LICENCE_CHOSEN.get(name.lower()) or licence_of(meta)
    return Component(name, _first(meta, "Version") or "?", licence)


def noto_sans_version() -> str:
    """The revision in the bundled font's head table (e.g. 2.004), or "?" if unreadable."""
    try:
        from fontTools.ttLib import TTFont

        path = resources.files("paraphe.resources.fonts").joinpath(NOTO_SANS_FILE)
        with resources.as_file(path) as font_path, TTFont(font_path, lazy=True) as font:
            return f"{font['head'].fontRevision:.3f}"
    except Exception:  # any failure only costs the version number in the About box
        return "?"


def bundled_components(qt_version: str | None = None) -> list[Component]:
    """Every bundled component found; Qt itself first when its version is given."""
    components = []
    if qt_version:
        components.append(Component("Qt", qt_version, "LGPL-3.0-only"))
    for name in BUNDLED_PACKAGES:
        component = installed_component(name)
        if component is not None:
            components.append(component)
    components.append(Component("Noto Sans", noto_sans_version(), NOTO_SANS_LICENCE))
    return components
