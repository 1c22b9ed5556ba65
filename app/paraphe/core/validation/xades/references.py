"""What each ds:Reference of a signature designates, and where the signature sits relative to
what it signs (EN 319 132-1 4.x: detached, enveloped, enveloping): the wrapping defences.

Every reference must designate what the report will say was signed:

- ``#id`` designates exactly one element of the whole file, whichever Id/ID/id attribute carries
  the value (a duplicated Id is refused: signxml and a naive reader could pick different ones);
- an element inside another ds:Signature is refused, except the SignatureValue that a
  counter-signature countersigns (its enclosing signature's own);
- an embedded object is a ds:Object child of THIS signature (or inside one): an Object moved
  elsewhere, or a signed element moved out of it, no longer counts as embedded;
- an enveloped signature is valid only over the whole document: ``URI=""`` or ``#id`` of the
  document's root; a reference to a part of the document is reported as covering only that part.

Transforms are checked before anything is computed: signxml silently skips the ones it does
not implement (XPath, XPath Filter 2.0, XSLT) and would then report a digest mismatch (a red
verdict on a signature it cannot process); those are INDETERMINATE here instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lxml import etree

from ...text.translatable import N_, Worded
from ...xades_names import DS, NS, SIGNED_PROPERTIES_TYPE, XADES, XADES141
from ..report import Packaging
from .verdicts import format_failure

ENVELOPED_TRANSFORM = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
BASE64_TRANSFORM = "http://www.w3.org/2000/09/xmldsig#base64"
C14N_TRANSFORMS = frozenset(
    {
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
        "http://www.w3.org/2006/12/xml-c14n11",
        "http://www.w3.org/2006/12/xml-c14n11#WithComments",
        "http://www.w3.org/2001/10/xml-exc-c14n#",
        "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
    }
)
"""The canonicalisations signxml performs (C14N 1.1 as 1.0: the same bytes for a whole element)."""
COUNTERSIGNED_TYPE = "http://uri.etsi.org/01903#CountersignedSignature"
XPATH_TRANSFORM = "http://www.w3.org/TR/1999/REC-xpath-19991116"
XPATH_FILTER2_TRANSFORM = "http://www.w3.org/2002/06/xmldsig-filter2"
_XPATH_WITHOUT_SIGNATURES = re.compile(r"not\(ancestor-or-self::(?:(\w+):)?Signature\)")
_XPATH_SIGNATURES = re.compile(r"(?:/descendant::|//)(?:(\w+):)?Signature")

_SIGNATURE = f"{{{DS}}}Signature"
_OBJECT = f"{{{DS}}}Object"
_SIGNATURE_VALUE = f"{{{DS}}}SignatureValue"
ETSI_NAMESPACES = (
    "http://uri.etsi.org/01903/v1.1.1#",
    "http://uri.etsi.org/01903/v1.2.2#",
    XADES,
    XADES141,
)
"""Every XAdES namespace a QualifyingProperties may be found in (only 1.3.2 is validated: the
others are recognised, so that their properties are not taken for signed data)."""
_QUALIFYING = frozenset(f"{{{ns}}}QualifyingProperties" for ns in ETSI_NAMESPACES)
_ID_NAMES = frozenset({"Id", "ID", "id"})
"""The attribute names (in any namespace) by which a reference ``#value`` designates an element."""

FILE = "file"
SAME_DOCUMENT = "same-document"
EMBEDDED = "embedded"
PROPERTIES = "properties"


@dataclass(frozen=True)
class Target:
    """One reference and what it designates."""

    reference: Any
    uri: str
    kind: str
    """``file``, ``same-document``, ``embedded`` or ``properties`` (``SignedObject.kind``)."""
    element: Any | None = None
    """The designated element (the document's root for ``URI=""``); None for a file."""
    partial: bool = False
    """A same-document element that is not the whole document holding the signature."""

    @property
    def name(self) -> str:
        """As the report names it: a file's decoded name, ``#id``, or ``""``."""
        return unquote(self.uri) if self.kind == FILE else self.uri


def own_descendants(signature: Any, tag: str) -> Iterator[Any]:
    """The descendants of ``signature`` named ``tag``, not those inside nested ds:Signature
    elements (a counter-signature's properties are its own, not its parent's)."""
    for element in signature.iter(tag):
        if element is not signature and enclosing_signature(element) is signature:
            yield element


def elements_by_id(root: Any) -> dict[str, list[Any]]:
    """Every element of the file under each value of its Id (ID, id) attributes: read once, not
    searched again for each reference."""
    by_id: dict[str, list[Any]] = {}
    for element in root.iter(etree.Element):
        values = {value for name, value in element.attrib.items() if _local(name) in _ID_NAMES}
        for value in values:
            by_id.setdefault(value, []).append(element)
    return by_id


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def enclosing_signature(element: Any) -> Any | None:
    """The nearest ds:Signature strictly above ``element``."""
    for ancestor in element.iterancestors(_SIGNATURE):
        return ancestor
    return None


def classify(
    signature: Any, references: list[Any], by_id: dict[str, list[Any]]
) -> tuple[list[Target], Packaging]:
    """What each reference designates, and the signature's packaging; raises the format
    verdict for a reference that could designate something else than what it seems to."""
    root = signature.getroottree().getroot()
    countersigned = enclosing_signature(signature)
    targets = []
    for reference in references:
        uri = reference.get("URI")
        if uri is None:
            raise format_failure(N_("a reference without URI"))
        if uri.startswith("#xpointer("):
            raise format_failure(N_("XPointer references are not supported"), indeterminate=True)
        if uri == "":
            if signature is root or countersigned is not None:
                raise format_failure(N_("a reference to the whole signature file"))
            target = Target(reference, uri, SAME_DOCUMENT, root)
        elif uri.startswith("#"):
            found = by_id.get(uri[1:], [])
            if len(found) != 1:
                raise format_failure(
                    Worded(
                        N_("reference {uri} designates {count} elements; it must designate one"),
                        uri=uri,
                        count=len(found),
                    )
                )
            target = _same_document(signature, reference, uri, found[0], root, countersigned)
        else:
            target = Target(reference, uri, FILE)
        _check_transforms(target)
        targets.append(target)
    return targets, _packaging(signature, targets, root)


def _same_document(
    signature: Any, reference: Any, uri: str, element: Any, root: Any, countersigned: Any | None
) -> Target:
    holder = enclosing_signature(element) if element.tag != _SIGNATURE else element
    if element is signature or holder is signature:
        obj = _object_of(element, signature)
        if obj is None or reference.get("Type") == SIGNED_PROPERTIES_TYPE:
            return Target(reference, uri, PROPERTIES, element)
        if _holds_properties(obj, signature):
            return Target(reference, uri, PROPERTIES, element)
        return Target(reference, uri, EMBEDDED, element)
    if holder is not None:
        if (
            countersigned is not None
            and holder is countersigned
            and element.tag == _SIGNATURE_VALUE
            and element.getparent() is countersigned
        ):
            return Target(reference, uri, SAME_DOCUMENT, element)
        raise format_failure(
            Worded(N_("reference {uri} designates an element of another signature"), uri=uri)
        )
    if element is root:
        return Target(reference, uri, SAME_DOCUMENT, element)
    return Target(reference, uri, SAME_DOCUMENT, element, partial=True)


def _object_of(element: Any, signature: Any) -> Any | None:
    """The ds:Object child of ``signature`` holding ``element`` (or being it), if any."""
    node = element
    while node is not None and node is not signature:
        parent = node.getparent()
        if node.tag == _OBJECT and parent is signature:
            return node
        node = parent
    return None


def _holds_properties(obj: Any, signature: Any) -> bool:
    """Whether the ds:Object holds the signature's own QualifyingProperties."""
    return any(enclosing_signature(q) is signature for q in obj.iter(*_QUALIFYING))


def _check_transforms(target: Target) -> None:
    transforms = target.reference.findall("ds:Transforms/ds:Transform", NS)
    algorithms = [t.get("Algorithm", "") for t in transforms]
    if len(algorithms) > 8:
        raise format_failure(
            Worded(N_("{count} transforms on one reference"), count=len(algorithms)),
            indeterminate=True,
        )
    shown = target.uri or Worded(N_("the document"))
    for transform, algorithm in zip(transforms, algorithms, strict=True):
        if algorithm in (XPATH_TRANSFORM, XPATH_FILTER2_TRANSFORM):
            if excludes_signatures(transform):
                continue
            raise format_failure(
                Worded(
                    N_(
                        "an XPath transform on {target} other than the exclusion of the"
                        " signatures is not supported"
                    ),
                    target=shown,
                ),
                indeterminate=True,
            )
        if algorithm not in C14N_TRANSFORMS | {ENVELOPED_TRANSFORM, BASE64_TRANSFORM}:
            raise format_failure(
                Worded(
                    N_("transform {algorithm} on {target} is not supported"),
                    algorithm=algorithm or Worded(N_("(none)")),
                    target=shown,
                ),
                indeterminate=True,
            )
    if target.kind == FILE and algorithms:
        raise format_failure(
            N_("transforms on a detached document are not supported"), indeterminate=True
        )
    if BASE64_TRANSFORM in algorithms and algorithms != [BASE64_TRANSFORM]:
        raise format_failure(
            N_("a base64 transform combined with others is not supported"), indeterminate=True
        )
    if BASE64_TRANSFORM in algorithms and target.kind == SAME_DOCUMENT and target.uri == "":
        raise format_failure(N_("a base64 transform of the whole document"), indeterminate=True)
    if BASE64_TRANSFORM in algorithms and target.element is not None and len(target.element):
        # signxml decodes the text before the first child only; XML-DSig decodes all the text
        raise format_failure(
            N_("base64 content mixed with elements is not supported"), indeterminate=True
        )


def excludes_signatures(transform: Any, *, bound: bool = True) -> bool:
    """Whether ``transform`` is the XPath that signers put on an enveloped reference to leave
    every signature out of the document (EU DSS, XAdES4j, Java's XML-DSig): XPath 1.0
    ``not(ancestor-or-self::ds:Signature)``, or XPath Filter 2.0 subtracting
    ``/descendant::ds:Signature`` (or ``//ds:Signature``). Only these exact expressions, with
    the prefix bound to XML-DSig, are recognised: any other XPath is not evaluated here.
    ``bound=False`` for the copy signxml verified: exclusive canonicalisation of SignedInfo
    drops the declaration that only the XPath text uses (the format check saw it bound)."""
    algorithm = transform.get("Algorithm")
    if algorithm == XPATH_TRANSFORM:
        paths = transform.findall("ds:XPath", NS)
        pattern = _XPATH_WITHOUT_SIGNATURES
    elif algorithm == XPATH_FILTER2_TRANSFORM:
        paths = transform.findall(f"{{{XPATH_FILTER2_TRANSFORM}}}XPath")
        if len(paths) != 1 or paths[0].get("Filter") != "subtract":
            return False
        pattern = _XPATH_SIGNATURES
    else:
        return False
    if len(paths) != 1 or len(transform) != 1:
        return False
    match = pattern.fullmatch("".join((paths[0].text or "").split()))
    if match is None:
        return False
    namespace = paths[0].nsmap.get(match.group(1))
    return namespace == DS or (not bound and namespace is None)


def without_signatures(element: Any) -> None:
    """Remove every ds:Signature below ``element``, each one's tail text kept in place: the node
    set that ``excludes_signatures`` transforms select."""
    for signature in list(element.iter(_SIGNATURE)):
        if signature.getparent() is None or any(
            a.tag == _SIGNATURE for a in signature.iterancestors()
        ):
            continue  # the root itself, or inside one removed already
        remove_keeping_tail(signature)


def remove_keeping_tail(node: Any) -> None:
    """Take ``node`` (not the root) out of its parent, the text that followed it kept in place:
    what a node-set transform leaves of the document around what it drops."""
    parent = node.getparent()
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def _packaging(signature: Any, targets: list[Target], root: Any) -> Packaging:
    """EN 319 132-1 terms, from what the data references designate (not the properties)."""
    data = [t for t in targets if t.kind != PROPERTIES]
    if any(
        t.kind == SAME_DOCUMENT
        and t.element is not None
        and (t.element is signature or any(a is t.element for a in signature.iterancestors()))
        for t in data
    ):
        return Packaging.ENVELOPED
    if any(t.kind == FILE for t in data):
        return Packaging.DETACHED  # files beside it, whatever else it also embeds
    if any(t.kind == EMBEDDED for t in data):
        return Packaging.ENVELOPING
    return Packaging.DETACHED


def partial_scope(targets: list[Target]) -> list[Target]:
    """Same-document references to a part of the document only (not its root)."""
    return [t for t in targets if t.kind == SAME_DOCUMENT and t.partial]


def unsigned_objects(signature: Any, targets: list[Target]) -> list[Any]:
    """The ds:Object children of ``signature`` that no reference covers and that hold no
    QualifyingProperties: content a reader could take for signed data (an extra Object)."""
    covered = {id(_object_of(t.element, signature)) for t in targets if t.element is not None}
    unsigned = []
    for obj in signature.findall("ds:Object", NS):
        if id(obj) in covered:
            continue
        if _holds_properties(obj, signature):
            continue
        if len(obj) == 0 and not (obj.text or "").strip():
            continue  # an empty Object holds nothing a reader could take for signed
        unsigned.append(obj)
    return unsigned
