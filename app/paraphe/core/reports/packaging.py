"""Where a signature sits and what it covers, in words: "Enveloping signature — document
included: offre.pdf", "ASiC-E container: 3 signed documents", "Counter-signature of signature
S1", and a plain XML-DSig or CMS signature told from an AdES one.

Built from the report's fields of issue 13 (``packaging``, ``container``, ``signed_objects``,
``counter_signature_of``, ``ades``) with a ``Localizer``, for any face that shows a signature's
details. File names are outside text: the face makes them displayable where it shows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.translatable import N_
from ..validation.report import Container, DetectedFormat, Packaging, SignatureReport

if TYPE_CHECKING:
    from .details import Localizer

SHOWN_OBJECTS = 5
"""Names said in the packaging line; the others are counted."""

PACKAGINGS = {
    Packaging.DETACHED: N_("Detached signature — signed document(s) beside it: {names}"),
    Packaging.ENVELOPED: N_("Enveloped signature — inside the XML document it signs"),
    Packaging.ENVELOPING: N_("Enveloping signature — document included: {names}"),
    Packaging.EMBEDDED: N_("Signature embedded in the PDF it signs"),
}
NO_NAMES = {
    Packaging.DETACHED: N_("Detached signature"),
    Packaging.ENVELOPING: N_("Enveloping signature — the document is inside the signature"),
}
CONTAINERS = {
    Container.ASIC_E: N_("ASiC-E container: {count} signed document(s)"),
    Container.ASIC_S: N_("ASiC-S container: {count} signed document(s)"),
}
MORE = N_("{names} and {count} more")
COUNTER_SIGNATURE = N_("Counter-signature of signature {id}")
NOT_ADES = N_(
    "Plain {kind} signature, without the AdES signed attributes: its cryptography and"
    " certificate are checked, but it is not an AdES signature (public procurement expects"
    " XAdES, CAdES or PAdES)."
)
_PLAIN_KINDS = {DetectedFormat.XADES: "XML-DSig", DetectedFormat.CADES: "CMS"}
DIGEST_MATCHES = N_("{name}: its digest matches")
DIGEST_DIFFERS = N_("{name}: its digest does NOT match (modified)")
DIGEST_NOT_CHECKED = N_("{name}: not checked")


def document_names(signature: SignatureReport) -> list[str]:
    """The documents the signature covers, by name: files and embedded content, not its own
    signed properties or an element of its own document."""
    return [
        obj.name
        for obj in signature.signed_objects
        if obj.kind in ("file", "embedded") and obj.name and not obj.name.startswith("#")
    ]


def packaging_lines(signature: SignatureReport, words: Localizer) -> list[str]:
    """The lines that say where the signature sits and what it covers; none when the
    report does not say (a damaged signature)."""
    lines: list[str] = []
    names = document_names(signature)
    if signature.packaging is not None:
        if signature.packaging in NO_NAMES and not names:
            lines.append(words.translate(NO_NAMES[signature.packaging]))
        else:
            lines.append(
                words.translate(PACKAGINGS[signature.packaging]).format(names=_listed(names, words))
            )
    if signature.container is not None:
        lines.append(words.translate(CONTAINERS[signature.container]).format(count=len(names)))
    if signature.counter_signature_of:
        lines.append(words.translate(COUNTER_SIGNATURE).format(id=signature.counter_signature_of))
    if not signature.ades:
        kind = _PLAIN_KINDS.get(signature.format, signature.format.value)
        lines.append(words.translate(NOT_ADES).format(kind=kind))
    return lines


def signed_object_lines(signature: SignatureReport, words: Localizer) -> list[str]:
    """Each document covered with what its digest check found, when there are several (a
    container, a signature over several files): which one was modified."""
    objects = [
        obj
        for obj in signature.signed_objects
        if obj.kind in ("file", "embedded") and obj.name and not obj.name.startswith("#")
    ]
    if len(objects) < 2:
        return []
    lines = []
    for obj in objects:
        if obj.digest_matches is None:
            template = DIGEST_NOT_CHECKED
        else:
            template = DIGEST_MATCHES if obj.digest_matches else DIGEST_DIFFERS
        lines.append(words.translate(template).format(name=obj.name))
    return lines


def _listed(names: list[str], words: Localizer) -> str:
    if len(names) <= SHOWN_OBJECTS:
        return ", ".join(names)
    return words.translate(MORE).format(
        names=", ".join(names[:SHOWN_OBJECTS]), count=len(names) - SHOWN_OBJECTS
    )
