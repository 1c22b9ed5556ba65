"""Reading a token safely (EN 319 102-1 5.2.2, format checking): bounded in size, any DOCTYPE
refused before parsing, then parsed without a DTD, an entity or the network. Nothing outside the
token is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from ...files.user_files import NotRegularFile, TooLarge, read_bounded
from ...text.translatable import N_, Worded
from ...xades_names import DS
from ..indications import Indication, SubIndication
from ..report import Check
from .verdicts import Verdict, format_failure

MAX_TOKEN_BYTES = 20 << 20
"""A XAdES token is a few KB; anything this big is not one (and is not parsed)."""


def read_token(path: Path) -> bytes:
    try:
        data = read_bounded(path, MAX_TOKEN_BYTES)
    except NotRegularFile:
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.GENERIC,
            Check(N_("token format"), None, N_("the signature is not a regular file")),
        ) from None
    except TooLarge:
        raise format_failure(N_("too large for a XAdES signature")) from None
    except OSError as exc:
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.GENERIC,
            Check(
                N_("token format"),
                None,
                Worded(N_("cannot read the signature: {error}"), error=str(exc.strerror or exc)),
            ),
        ) from None
    if not data.strip():
        raise format_failure(N_("the signature file is empty"))
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


_SAFE_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "remove_blank_text": False,
}
_SIGNATURE_TAG = f"{{{DS}}}Signature"


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(**_SAFE_PARSER_OPTIONS)


def parse_any(data: bytes) -> Any:
    """The file parsed safely, whatever its root element: a token, an ASiC signatures file, or
    an XML document holding enveloped signatures."""
    if _declares_dtd(data):
        raise format_failure(N_("a DTD or entity declaration is not allowed in a signature"))
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise format_failure(Worded(N_("not well-formed XML: {error}"), error=str(exc))) from None
    if root is None:
        raise format_failure(N_("not an XML document"))
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise format_failure(N_("a DTD is not allowed in a signature"))
    if any(True for _ in root.iter(etree.Entity)):
        raise format_failure(N_("entity references are not allowed in a signature"))
    return root


def parse(data: bytes) -> Any:
    """A detached token: its root must be ds:Signature."""
    root = parse_any(data)
    if root.tag != _SIGNATURE_TAG:
        raise format_failure(
            Worded(N_("the root element is {tag}, not ds:Signature"), tag=str(root.tag))
        )
    return root
