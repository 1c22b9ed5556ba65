"""Reading a token safely (EN 319 102-1 5.2.2, format checking): bounded in size, any DOCTYPE
refused before parsing, then parsed without a DTD, an entity or the network. Nothing outside the
token is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from lxml import etree

from ..indications import Indication, SubIndication
from ..report import Check
from .verdicts import DS, Verdict, format_failure

MAX_TOKEN_BYTES = 20 << 20
"""A XAdES token is a few KB; anything this big is not one (and is not parsed)."""


def read_token(path: Path) -> bytes:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise Verdict(
                Indication.INDETERMINATE,
                SubIndication.GENERIC,
                Check("token format", None, "the signature is not a regular file"),
            )
        if st.st_size > MAX_TOKEN_BYTES:
            raise format_failure(f"{st.st_size} bytes: too large for a XAdES signature")
        with open(path, "rb") as handle:
            data = handle.read(MAX_TOKEN_BYTES + 1)
    except OSError as exc:
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.GENERIC,
            Check("token format", None, f"cannot read the signature: {exc.strerror or exc}"),
        ) from None
    if len(data) > MAX_TOKEN_BYTES:
        raise format_failure("too large for a XAdES signature")
    if not data.strip():
        raise format_failure("the signature file is empty")
    return data


def _declares_dtd(data: bytes) -> bool:
    """A DOCTYPE (with its entities) is refused unparsed: a token never needs one. The parser's
    own settings and the checks after parsing are the second line of defence."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return True
    if b"\x00" not in data[:4]:
        return False
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        text = data.decode(encoding, errors="ignore")
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            return True
    return False


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse(data: bytes) -> Any:
    if _declares_dtd(data):
        raise format_failure("a DTD or entity declaration is not allowed in a signature")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise format_failure(f"not well-formed XML: {exc}") from None
    if root is None:
        raise format_failure("not an XML document")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise format_failure("a DTD is not allowed in a signature")
    if any(True for _ in root.iter(etree.Entity)):
        raise format_failure("entity references are not allowed in a signature")
    if root.tag != f"{{{DS}}}Signature":
        raise format_failure(f"the root element is {root.tag}, not ds:Signature")
    return root
