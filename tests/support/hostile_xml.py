"""Hostile XML, built at test time: entity tricks and XML-signature wrapping of a real token.

The wrapping helpers take a token we signed and return a modified copy in which a naive reader
(the first SignedProperties it meets, the first element with an Id) would see forged values while
the signature still verifies over the genuine ones.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XADES141 = "http://uri.etsi.org/01903/v1.4.1#"
NS = {"ds": DS, "xades": XADES}

FORGED_TIME = dt.datetime(2001, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


# --- entities ---------------------------------------------------------------------------------


def billion_laughs(levels: int = 10) -> bytes:
    """10 levels of 10 references: a billion 'lol's (3 GB) if anything expanded them."""
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE ds:Signature [", ' <!ENTITY lol0 "lol">']
    for level in range(1, levels):
        lines.append(f' <!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    lines.append("]>")
    lines.append(f'<ds:Signature xmlns:ds="{DS}">&lol{levels - 1};</ds:Signature>')
    return "\n".join(lines).encode()


def external_entity(system_id: str) -> bytes:
    """A general external entity, used in the signature's content."""
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE ds:Signature [<!ENTITY xxe SYSTEM "{system_id}">]>\n'
        f'<ds:Signature xmlns:ds="{DS}"><ds:SignatureValue>&xxe;</ds:SignatureValue>'
        "</ds:Signature>"
    ).encode()


def parameter_entity(system_id: str) -> bytes:
    """An external parameter entity, expanded inside the DTD itself."""
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE ds:Signature [<!ENTITY % remote SYSTEM "{system_id}"> %remote;]>\n'
        f'<ds:Signature xmlns:ds="{DS}"/>'
    ).encode()


def external_dtd(system_id: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE ds:Signature SYSTEM "{system_id}">\n'
        f'<ds:Signature xmlns:ds="{DS}"/>'
    ).encode()


# --- wrapping ---------------------------------------------------------------------------------


def _load(token: bytes) -> etree._Element:
    return etree.fromstring(token, parser=etree.XMLParser(resolve_entities=False))


def _dump(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _signed_properties(root: etree._Element) -> etree._Element:
    (found,) = root.findall("ds:Object/xades:QualifyingProperties/xades:SignedProperties", NS)
    return found


def _forged_copy(
    signed_properties: etree._Element, *, id_value: str | None, id_name: str = "Id"
) -> etree._Element:
    forged = copy.deepcopy(signed_properties)
    forged.attrib.pop("Id", None)
    if id_value is not None:
        forged.set(id_name, id_value)
    time = forged.find("xades:SignedSignatureProperties/xades:SigningTime", NS)
    assert time is not None
    time.text = FORGED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return forged


def _new_object(root: etree._Element, before: etree._Element | None = None) -> etree._Element:
    obj = etree.Element(f"{{{DS}}}Object")
    if before is None:
        root.append(obj)
    else:
        before.addprevious(obj)
    return obj


def unsigned_copy_first(token: bytes) -> bytes:
    """A second, unsigned SignedProperties with a forged SigningTime, before the signed one."""
    root = _load(token)
    genuine = _signed_properties(root)
    genuine.addprevious(_forged_copy(genuine, id_value=genuine.get("Id") + "-forged"))
    return _dump(root)


def duplicate_id_copy(token: bytes) -> bytes:
    """A forged copy carrying the signed element's Id, in a ds:Object placed first: the
    SignedProperties reference now designates two elements."""
    root = _load(token)
    genuine = _signed_properties(root)
    holder = _new_object(root, before=root.find("ds:Object", NS))
    qualifying = etree.SubElement(holder, f"{{{XADES}}}QualifyingProperties")
    qualifying.set("Target", "#" + root.get("Id"))
    qualifying.append(_forged_copy(genuine, id_value=genuine.get("Id")))
    return _dump(root)


def moved_signed_properties(token: bytes) -> bytes:
    """The signed SignedProperties moved to another ds:Object (the reference still finds it by
    its Id), and a forged one with a fresh Id put where a reader expects it."""
    root = _load(token)
    genuine = _signed_properties(root)
    qualifying = genuine.getparent()
    assert qualifying is not None
    forged = _forged_copy(genuine, id_value="forged-properties")
    genuine.addprevious(forged)
    _new_object(root).append(genuine)
    return _dump(root)


def uppercase_id_twin(token: bytes) -> bytes:
    """A forged copy whose ``ID`` attribute (not ``Id``) repeats the signed element's Id."""
    root = _load(token)
    genuine = _signed_properties(root)
    _new_object(root, before=root.find("ds:Object", NS)).append(
        _forged_copy(genuine, id_value=genuine.get("Id"), id_name="ID")
    )
    return _dump(root)


def nested_signature(token: bytes, other: bytes) -> bytes:
    """Another whole signature appended inside a ds:Object of the first."""
    root = _load(token)
    _new_object(root).append(_load(other))
    return _dump(root)


def concatenated(token: bytes, other: bytes) -> bytes:
    """Two signatures one after the other: two root elements."""
    return token + b"\n" + other.split(b"?>", 1)[-1]


def with_unsigned_properties(token: bytes, *elements: tuple[str, str]) -> bytes:
    """Add UnsignedSignatureProperties children, given as (namespace, XML fragment)."""
    root = _load(token)
    qualifying = root.find("ds:Object/xades:QualifyingProperties", NS)
    assert qualifying is not None
    unsigned = etree.SubElement(qualifying, f"{{{XADES}}}UnsignedProperties")
    properties = etree.SubElement(unsigned, f"{{{XADES}}}UnsignedSignatureProperties")
    for namespace, fragment in elements:
        properties.append(etree.fromstring(f'<x xmlns="{namespace}">{fragment}</x>')[0])
    return _dump(root)
