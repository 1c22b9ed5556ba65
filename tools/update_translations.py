"""Add the engine's and CLI's new source strings to the .ts files, keeping existing translations.

Usage: .venv/bin/python tools/update_translations.py   (then translate the empty entries)
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from paraphe.core.text.i18n_sources import source_strings

TS_DIR = Path(__file__).resolve().parent.parent / "app" / "paraphe" / "resources" / "translations"
CONTEXT = "paraphe"


def update(language: str) -> int:
    path = TS_DIR / f"paraphe_{language}.ts"
    known: dict[str, str] = {}
    if path.exists():
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()
        for message in root.iter("message"):
            known[message.findtext("source") or ""] = message.findtext("translation") or ""
    root = etree.Element(
        "TS", version="2.1", language=f"{language}_FR" if language == "fr" else language
    )
    context = etree.SubElement(root, "context")
    etree.SubElement(context, "name").text = CONTEXT
    missing = 0
    for text in source_strings():
        message = etree.SubElement(context, "message")
        etree.SubElement(message, "source").text = text
        translation = etree.SubElement(message, "translation")
        if known.get(text):
            translation.text = known[text]
        else:
            translation.set("type", "unfinished")
            missing += 1
    etree.indent(root, space=" ")
    body = etree.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return missing


if __name__ == "__main__":
    print(f"fr: {update('fr')} string(s) to translate")
