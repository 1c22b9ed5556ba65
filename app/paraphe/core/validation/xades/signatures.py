"""The signatures a file holds, each to be validated into its own report.

- A detached token: its root ds:Signature.
- An ASiC signatures file (``asic:XAdESSignatures``, EN 319 162-1): each ds:Signature child, a
  co-signature of the container's data objects (not nested in one another).
- An XML document: each ds:Signature not inside another (enveloped signatures, or enveloping
  ones whose root is the signature).
- Counter-signatures: a ds:Signature in a ``xades:CounterSignature`` unsigned property of a
  signature above (EN 319 132-1 5.2.7), reported with the signature it countersigns.

A ds:Signature inside the content another signature signs (a signed XML document enveloped
in a ds:Object) is part of that content: reported INDETERMINATE, not checked on its own. Any
other ds:Signature inside a signature is something no signer writes there (a signature pasted
into an unsigned Object): every signature of the file then fails the format check, since no
one of them can be said to be what the file holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from ...text.translatable import N_, Worded
from ...xades_names import DS, XADES
from .references import enclosing_signature
from .verdicts import format_failure

ASIC = "http://uri.etsi.org/02918/v1.2.1#"
XADES_SIGNATURES = f"{{{ASIC}}}XAdESSignatures"
"""The root of an ASiC container's ``META-INF/signatures*.xml``."""

MAX_SIGNATURES = 64
"""More signatures than any file holds (an ASiC's co-signatures, their counter-signatures):
past this the file is not checked further, so that a hostile one cannot take minutes."""

_SIGNATURE = f"{{{DS}}}Signature"
_SIGNED_INFO = f"{{{DS}}}SignedInfo"
_REFERENCE = f"{{{DS}}}Reference"
_COUNTER_PATH = (
    f"{{{XADES}}}CounterSignature",
    f"{{{XADES}}}UnsignedSignatureProperties",
    f"{{{XADES}}}UnsignedProperties",
    f"{{{XADES}}}QualifyingProperties",
    f"{{{DS}}}Object",
)
"""The ancestors of a counter-signature, from its parent up to its countersigned signature."""


@dataclass(frozen=True)
class FoundSignature:
    element: Any
    countersigned: Any | None = None
    """The signature this one counter-signs."""
    refused: str | None = None
    """Why it fails the format check before anything else, if it does."""
    refused_indeterminate: bool = False
    """The refusal is INDETERMINATE (not checkable here), not TOTAL_FAILED."""


def signatures_in(root: Any) -> list[FoundSignature]:
    """Every signature of the file, in document order; raises the format verdict when it holds
    none, or more than ``MAX_SIGNATURES``."""
    found = []
    for count, element in enumerate(root.iter(_SIGNATURE), start=1):
        if count > MAX_SIGNATURES:
            raise format_failure(
                Worded(N_("more than {count} signatures in one file"), count=MAX_SIGNATURES),
                indeterminate=True,
            )
        found.append(element)
    if not found:
        if root.tag == XADES_SIGNATURES:
            where = Worded(N_("an ASiC signatures file"))
        else:
            where = Worded(N_("the file"))
        raise format_failure(
            Worded(
                N_("no ds:Signature in {where} (its root is {root})"),
                where=where,
                root=_name(root),
            )
        )
    items = []
    stray = 0
    for element in found:
        above = enclosing_signature(element)
        if above is None:
            items.append(FoundSignature(element))
        elif countersigned(element) is above:
            items.append(FoundSignature(element, countersigned=above))
        elif _inside_signed_content(element, above):
            why = N_(
                "a signature inside the content another signature signs: not checked on its own"
            )
            items.append(FoundSignature(element, refused=why, refused_indeterminate=True))
        else:
            stray += 1
            items.append(FoundSignature(element))
    if stray:
        why = Worded(
            N_(
                "the file holds {count} ds:Signature elements, {stray} of them nested in"
                " another signature where no signer puts one (only a XAdES CounterSignature may)"
            ),
            count=len(found),
            stray=stray,
        )
        items = [FoundSignature(i.element, i.countersigned, why) for i in items]
    return items


def _inside_signed_content(element: Any, above: Any) -> bool:
    """Whether ``element`` lies in an element that ``above`` references by its Id (an XML
    document that was signed before another signature enveloped it in a ds:Object): part of
    the data ``above`` signs, not a signature pasted into it."""
    referenced = {
        uri[1:]
        for reference in above.findall(f"{_SIGNED_INFO}/{_REFERENCE}")
        if (uri := reference.get("URI") or "").startswith("#")
    }
    for ancestor in element.iterancestors():
        if ancestor is above:
            return False
        if any(
            value in referenced
            for name, value in ancestor.attrib.items()
            if name.rpartition("}")[2] in ("Id", "ID", "id")
        ):
            return True
    return False


def countersigned(signature: Any) -> Any | None:
    """The signature that ``signature`` counter-signs, if it sits where a XAdES
    CounterSignature does: in its countersigned signature's own unsigned properties."""
    node = signature
    for tag in _COUNTER_PATH:
        node = node.getparent()
        if node is None or node.tag != tag:
            return None
    parent = node.getparent()
    if parent is None or parent.tag != _SIGNATURE:
        return None
    return parent


def _name(element: Any) -> str:
    qname = etree.QName(element)
    return qname.localname if qname.namespace is None else f"{{{qname.namespace}}}{qname.localname}"
