"""XML-aware mutations of a XAdES / XML-DSig token.

Tree mutations (element duplicated, removed, moved, nested deep; attributes changed, added,
removed; base64 and date texts garbled) are made on an lxml tree and serialised again; text
mutations (encoding declarations, byte-order marks, whitespace between attributes, comments,
character references, namespace URIs) are made on the bytes, keeping the rest as it was.
"""

from __future__ import annotations

import copy
import random
import re

from lxml import etree

_BASE64_ELEMENTS = ("DigestValue", "SignatureValue", "X509Certificate", "CertDigest")
_ALGORITHMS = (
    "http://www.w3.org/2001/10/xml-exc-c14n#",
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "http://www.w3.org/2006/12/xml-c14n11",
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
    "http://www.w3.org/2000/09/xmldsig#base64",
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
    "http://www.w3.org/2001/04/xmlenc#sha256",
    "http://www.w3.org/2001/04/xmlenc#sha512",
    "http://www.w3.org/2000/09/xmldsig#sha1",
    "urn:unknown",
    "",
)
_TEXTS = (
    "",
    " ",
    "A" * 100000,
    "9" * 5000,
    "-1",
    "2026-02-30T25:61:61Z",
    "0000-00-00T00:00:00Z",
    "99999-01-01T00:00:00+99:99",
    "\u00e9\u20ac\U0001f600",
    "!!!!",
    "AAAA=AAAA",
    "=",
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _garble_base64(rng: random.Random, text: str) -> tuple[str, str]:
    choice = rng.randrange(6)
    if choice == 0 and text:
        pos = rng.randrange(len(text))
        return text[:pos] + rng.choice("!*\x7f\u00e9 \n\t=-_") + text[pos + 1 :], "garbage char"
    if choice == 1:
        return text.rstrip("="), "padding removed"
    if choice == 2:
        return text + "=" * rng.randint(1, 4), "padding added"
    if choice == 3:
        return text[: rng.randint(0, len(text))], "cut"
    if choice == 4:
        return "\n".join(text[i : i + 7] for i in range(0, len(text), 7)), "wrapped"
    return rng.randbytes(rng.choice((1, 32, 256, 1 << 18))).hex(), "hex"


def _tree_mutation(rng: random.Random, root: etree._Element) -> str:
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    element = rng.choice(elements)
    name = _local(element)
    parent = element.getparent()
    op = rng.choice(
        ("duplicate", "remove", "move", "attribute", "attribute", "text", "text", "nest", "rename")
    )
    if op == "duplicate" and parent is not None:
        times = rng.choice((1, 1, 2, 1000))
        for _ in range(times):
            parent.insert(parent.index(element) + rng.choice((0, 1)), copy.deepcopy(element))
        return f"xml duplicate {name} x{times}"
    if op == "remove" and parent is not None:
        parent.remove(element)
        return f"xml remove {name}"
    if op == "move" and parent is not None:
        target = rng.choice(elements)
        if target is not element and element not in target.iterancestors():
            parent.remove(element)
            target.insert(rng.randint(0, len(target)), element)
            return f"xml move {name} into {_local(target)}"
    if op == "attribute":
        if element.attrib and rng.random() < 0.7:
            key = rng.choice(list(element.attrib))
            choice = rng.randrange(4)
            if choice == 0:
                del element.attrib[key]
                return f"xml attribute {name}@{key} removed"
            if choice == 1:
                values = [v for e in elements for v in e.attrib.values()]
                element.set(key, rng.choice(values + list(_ALGORITHMS)))
                return f"xml attribute {name}@{key} swapped"
            if choice == 2:
                value = element.get(key) or ""
                element.set(key, value.upper() if rng.random() < 0.5 else value[:-1])
                return f"xml attribute {name}@{key} edited"
            element.set(key, rng.choice(_TEXTS))
            return f"xml attribute {name}@{key} garbage"
        key = rng.choice(("Id", "ID", "id", "URI", "Algorithm", "Type", "Target", "{x}y"))
        values = [v for e in elements for v in e.attrib.values()]
        element.set(key, rng.choice(values or ["x"]))
        return f"xml attribute {name}@{key} added"
    if op == "text":
        if name in _BASE64_ELEMENTS or (element.text and element.text.strip()):
            if name in _BASE64_ELEMENTS and rng.random() < 0.7:
                element.text, how = _garble_base64(rng, element.text or "")
            else:
                element.text, how = rng.choice(_TEXTS), "garbage"
            return f"xml text {name} {how}"
        element.text = rng.choice(_TEXTS)
        return f"xml text {name} added"
    if op == "nest" and parent is not None:
        depth = rng.choice((2, 50, 300, 3000))
        holder = element
        for _ in range(depth):
            wrapper = etree.Element(element.tag)
            wrapper.append(holder if holder is not element else copy.deepcopy(element))
            holder = wrapper
        parent.replace(element, holder)
        return f"xml nest {name} x{depth}"
    if op == "rename":
        namespace = etree.QName(element).namespace
        new = rng.choice(("Signature", "SignedInfo", "Object", "SignedProperties", name.lower()))
        element.tag = f"{{{namespace}}}{new}" if namespace and rng.random() < 0.8 else new
        return f"xml rename {name}->{new}"
    element.tail = (element.tail or "") + rng.choice(("\n", " ", "text", "\u00a0"))
    return f"xml tail {name}"


def _serialise(root: etree._Element, original: bytes) -> bytes:
    declared = original.lstrip().startswith(b"<?xml")
    return etree.tostring(root, xml_declaration=declared, encoding="UTF-8")


_ATTRIBUTE_GAP = re.compile(rb'"( )(?=[A-Za-z_:][\w:.-]*=)')
_TAG_START = re.compile(rb"<(?![/?!])")
_TEXT = re.compile(rb">([^<>\s]{1,200})<")


def _text_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    body = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data, count=1)
    op = rng.randrange(9)
    if op == 0:
        encoding = rng.choice(("ISO-8859-1", "UTF-16", "US-ASCII", "EBCDIC", "bogus", "UTF-8"))
        return (b"<?xml version='1.0' encoding='%s'?>" % encoding.encode()) + body, (
            f"xml declaration encoding={encoding}"
        )
    if op == 1:
        text = body.decode("utf-8", errors="replace")
        encoding = rng.choice(("utf-16", "utf-16-be", "utf-32", "latin-1"))
        declaration = rng.choice(("", f"<?xml version='1.0' encoding='{encoding}'?>"))
        return (declaration + text).encode(encoding, errors="replace"), (
            f"xml re-encoded {encoding}{' declared' if declaration else ''}"
        )
    if op == 2:
        bom = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
        return bom + data, f"xml bom {bom.hex()}"
    if op == 3:
        gaps = list(_ATTRIBUTE_GAP.finditer(data))
        if gaps:
            gap = rng.choice(gaps)
            space = rng.choice((b"  ", b"\n", b"\t\r\n "))
            return data[: gap.start(1)] + space + data[gap.end(1) :], "xml whitespace in tag"
    if op == 4:
        starts = list(_TAG_START.finditer(data))
        if starts:
            at = rng.choice(starts).start()
            extra = rng.choice((b"<!-- c -->", b"<?pi x?>", b"\n", b"<![CDATA[x]]>", b"&#65;"))
            return data[:at] + extra + data[at:], f"xml inserted {extra[:6]!r}"
    if op == 5:
        texts = list(_TEXT.finditer(data))
        if texts:
            found = rng.choice(texts)
            text = found.group(1)
            pos = rng.randrange(len(text))
            ref = b"&#%d;" % text[pos]
            return data[: found.start(1) + pos] + ref + data[found.start(1) + pos + 1 :], (
                "xml character reference"
            )
    if op == 6:
        uris = list(re.finditer(rb'xmlns(:\w+)?="([^"]*)"', data))
        if uris:
            found = rng.choice(uris)
            uri = rng.choice((b"", b"http://www.w3.org/2000/09/xmldsig#x", b"urn:x", found[2][:-1]))
            return data[: found.start(2)] + uri + data[found.end(2) :], "xml namespace uri"
    if op == 7:
        return data + rng.choice((b"<x/>", b"\x00", b"garbage", b"<!-- -->", b"\n" * 1000)), (
            "xml trailing"
        )
    return data.replace(b"ds:", b"dsig:").replace(b"xmlns:ds=", b"xmlns:dsig="), "xml prefix"


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A tree mutation (when the token parses) or a text mutation."""
    if rng.random() < 0.35:
        return _text_mutation(rng, data)
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        return _text_mutation(rng, data)
    label = _tree_mutation(rng, root)
    return _serialise(root, data), label
