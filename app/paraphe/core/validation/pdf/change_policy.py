"""Which changes after a PDF signature are allowed, judged by their kind as Adobe and the EU DSS do.

pyHanko's difference analysis (``StandardDiffPolicy``) sorts every object a later revision writes
into a modification level: LTA_UPDATES (DSS/VRI, document timestamps, metadata), FORM_FILLING
(form values, new signature fields and signatures), ANNOTATIONS, or a ``SuspiciousModification``
(anything else: page content, new pages, objects freed...). Its default policy has no rule for
comments, so a sticky note or a highlight added by a reader was "suspicious" and a valid bid was
rejected. ``MarkupAnnotationRule`` below adds that rule, at the ANNOTATIONS level, to pyHanko's
own rules; nothing else of the analysis is re-implemented.

The level found is then held against the DocMDP permission in force (ISO 32000-1, 12.8.2.2):
the signature's own (a certification signature, or a field's /Lock) and the document's
certification signature's (``/Perms /DocMDP``), the stricter of the two. P=1 allows LTV data and
document timestamps only, P=2 form filling and signing too, P=3 annotations too; without a
certification every kind is allowed. What a change looks like is judged apart (``visual_diff``):
an allowed comment or field may still not paint over what was signed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ...text.translatable import N_

MARKUP_SUBTYPES = frozenset(
    {
        "/Text",
        "/FreeText",
        "/Line",
        "/Square",
        "/Circle",
        "/Polygon",
        "/PolyLine",
        "/Highlight",
        "/Underline",
        "/Squiggly",
        "/StrikeOut",
        "/Stamp",
        "/Caret",
        "/Ink",
        "/Popup",
        "/FileAttachment",
        "/Sound",
    }
)
"""The comments of ISO 32000-1, 12.5.6 (markup annotations and their pop-ups). Not links,
widgets (pyHanko's form rules judge those), redactions, screens, watermarks or 3D: those change
what the page is or does, not what is said about it."""

SEE_THROUGH_SUBTYPES = frozenset({"/Highlight", "/Underline", "/Squiggly", "/StrikeOut"})
"""Text markup: drawn over the text it marks, which must stay readable (``page_pixels``)."""


@dataclass(frozen=True)
class Permission:
    """The DocMDP permission a signature is held to, and whose it is."""

    level: int | None
    """1, 2 or 3 (ISO 32000-1, table 254); None: no certification restricts the changes."""
    source: str | None = None
    """The field name of the signature that set it."""

    def allows(self, modification_level: str | None) -> bool:
        """Whether a change of pyHanko's ``modification_level`` name is within the permission."""
        order = {"NONE": 0, "LTA_UPDATES": 1, "FORM_FILLING": 2, "ANNOTATIONS": 3}
        if modification_level not in order:
            return False  # OTHER (suspicious) or unknown: never allowed
        return self.level is None or order[modification_level] <= self.level


def diff_policy() -> Any:
    """pyHanko's default difference policy with comments allowed at the ANNOTATIONS level."""
    global _POLICY
    if _POLICY is None:
        from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, StandardDiffPolicy

        _POLICY = StandardDiffPolicy(
            global_rules=[*DEFAULT_DIFF_POLICY.global_rules, _markup_rule()],
            form_rule=DEFAULT_DIFF_POLICY.form_rule,
        )
    return _POLICY


_POLICY: Any = None


def permission_for(sig: Any, signatures: Iterable[Any]) -> Permission:
    """The stricter of ``sig``'s own DocMDP permission and the document's certification's
    (named after one of ``signatures``, the PDF's ``EmbeddedPdfSignature``s)."""
    from pyhanko.sign.validation.pdf_embedded import read_certification_data

    found: list[Permission] = []
    own = sig.docmdp_level
    if own is not None:
        found.append(Permission(int(own.value), sig.field_name))
    try:
        certification = read_certification_data(sig.reader)
    except Exception:  # a damaged /Perms: the signature's own permission still holds
        certification = None
    if certification is not None and certification.permission is not None:
        found.append(
            Permission(int(certification.permission.value), _certifier(sig.reader, signatures))
        )
    if not found:
        return Permission(None)
    return min(found, key=lambda p: p.level or 4)


def _certifier(reader: Any, signatures: Iterable[Any]) -> str | None:
    try:
        ref = reader.root["/Perms"].raw_get("/DocMDP")
        for emb in signatures:
            if emb.sig_field.raw_get("/V").reference == ref.reference:
                return str(emb.field_name)
    except Exception:  # only a name for the report
        return None
    return None


def allowed_words(permission: Permission) -> str:
    """What may change after signing under ``permission``, in words (translatable)."""
    if permission.level == 1:
        return N_("certified: validation data and document timestamps only")
    if permission.level == 2:
        return N_("certified: also form filling and signatures")
    if permission.level == 3:
        return N_("certified: also form filling, signatures and comments")
    return N_("validation data, form filling, signatures and comments")


def _markup_rule() -> Any:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import RawPdfPath
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.diff_analysis.commons import compare_dicts
    from pyhanko.sign.diff_analysis.policy_api import SuspiciousModification
    from pyhanko.sign.diff_analysis.rules_api import (
        QualifiedWhitelistRule,
        ReferenceUpdate,
        RelativeContext,
    )

    level = ModificationLevel.ANNOTATIONS

    class MarkupAnnotationRule(QualifiedWhitelistRule):  # type: ignore[misc]
        """Comments added to a page after signing (ISO 32000-1, 12.5.6): the new annotation
        objects and what they draw with, the page's /Annots array grown by them, and the page
        object when nothing else in it changed. Deleting or altering what existed when signed
        is not approved here (pyHanko then reports it as suspicious)."""

        def apply_qualified(self, old: Any, new: Any) -> Iterable[tuple[Any, Any]]:
            try:
                yield from self._approved(old, new)
            except (PdfReadError, SuspiciousModification, KeyError, TypeError, ValueError):
                return  # what cannot be read is not approved: pyHanko flags it

        def _approved(self, old: Any, new: Any) -> Iterator[tuple[Any, Any]]:
            old_pages = _page_refs(old.root.raw_get("/Pages"))
            new_pages = _page_refs(new.root.raw_get("/Pages"))
            if old_pages != new_pages:
                return  # pages added, removed or moved: not a comment
            since = old.revision + 1
            for page_ref in new_pages:
                old_page, new_page = old(page_ref.reference), new(page_ref.reference)
                old_annots = _annot_refs(old_page)
                new_annots = _annot_refs(new_page)
                added = [ref for ref in new_annots if ref not in set(old_annots)]
                if not added or not set(old_annots) <= set(new_annots):
                    continue
                if not all(_is_new_comment(old, new, ref) for ref in added):
                    continue
                if not compare_dicts(old_page, new_page, frozenset({"/Annots"}), False):
                    continue
                for ref in added:
                    yield level, ReferenceUpdate(ref)
                    for dependency in new.collect_dependencies(new(ref), since_revision=since):
                        yield level, ReferenceUpdate(dependency)
                # page objects are reached from many places: blanket approval, as pyHanko's
                # own rule for new signature widgets does
                yield level, ReferenceUpdate(page_ref.reference)
                annots = new_page.raw_get("/Annots")
                if isinstance(annots, generic.IndirectObject):
                    yield (
                        level,
                        ReferenceUpdate(
                            annots.reference,
                            context_checked=RelativeContext(
                                page_ref.reference, RawPdfPath("/Annots")
                            ),
                        ),
                    )

    def _page_refs(root: Any) -> list[Any]:
        pages: list[Any] = []
        stack: list[Any] = [root]
        seen: set[Any] = set()
        while stack and len(seen) < 100_000:
            ref = stack.pop()
            if not isinstance(ref, generic.IndirectObject) or ref.reference in seen:
                raise PdfReadError("page tree")
            seen.add(ref.reference)
            node = ref.get_object()
            kids = node.get("/Kids") if isinstance(node, generic.DictionaryObject) else None
            if kids is not None:
                kids = kids.get_object()
                stack.extend(reversed([kids.raw_get(i) for i in range(len(kids))]))
            else:
                pages.append(ref)
        return pages

    def _annot_refs(page: Any) -> list[Any]:
        if not isinstance(page, generic.DictionaryObject) or "/Annots" not in page:
            return []
        annots = page["/Annots"]
        refs = []
        for i in range(len(annots)):
            item = annots.raw_get(i)
            if not isinstance(item, generic.IndirectObject):
                raise PdfReadError("direct annotation")
            refs.append(item.reference)
        return refs

    def _is_new_comment(old: Any, new: Any, ref: Any) -> bool:
        annot = new(ref)
        return (
            old.is_ref_unassignable(ref)
            and isinstance(annot, generic.DictionaryObject)
            and annot.get("/Subtype") in MARKUP_SUBTYPES
        )

    return MarkupAnnotationRule()
