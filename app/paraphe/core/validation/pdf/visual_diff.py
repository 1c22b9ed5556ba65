"""What a reader sees: the pages of a signed revision compared with the pages shown today.

pyHanko's difference analysis judges the *objects* changed after a signature (form filling, new
signature fields, annotations). It cannot tell what those changes look like: a new, unsigned
signature field whose appearance paints "925 000,00" over the signed "125 000,00" is, object-wise,
an allowed form change. So the pages that may look different after a signature are drawn twice
with pdfium (as signed, and as the final file shows them) and compared pixel by pixel, as the EU
DSS does with its visual comparison of revisions. A page may look different when an annotation on
it, or anything the annotation draws with (its appearances, their resources, its form field),
was written after the signature, or, for pages with form fields, when the form's display settings
were (/NeedAppearances, /DR, /DA, /Q: readers redraw every field from them).

On such a page, a pixel drawn differently (``pdf_pages.DIFFERENT``: a light grey counts):

- where the signed page showed something (not its background colour) has been covered or altered:
  not allowed, whoever drew it; except inside a form field that already existed, showed nothing
  when signed (no value, no text, no image) and has been filled in since, where the page itself
  is blank: that is form filling;
- where the signed page was blank is an addition, allowed only inside such a filled-in field or
  inside the stamp of a later signature whose whole rectangle was blank when this signature was
  made (a stamp spread over the page could otherwise write between the signed lines).

Comments added later (``change_policy`` allows them) are held to the stamp's rule: drawn only in
a rectangle that was blank when signed; a highlight or other text markup may tint the text it
marks but not hide it; a comment pdfium cannot draw (no appearance, a kind readers draw
themselves, such as FreeText) only over blank space. A single pixel is enough: pdfium draws the
same content to the same pixels. Other annotations added later are refused by pyHanko before this; DocMDP permissions
are pyHanko's to enforce too. What to compare is found here with pyHanko (``plan``), in the
verifying process; the drawing and the comparing (``page_pixels.differences``) run in a child
process (``page_comparer``), which imports pdfium but not pyHanko: a hostile PDF can make pdfium draw for
hours, and only a process can be stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...pdf.pages import Rectangle, normalised
from .change_policy import MARKUP_SUBTYPES, SEE_THROUGH_SUBTYPES

_WALK_BUDGET = 2000
"""Objects explored per annotation when looking for later changes; beyond it, assume changed."""
_SKIPPED_KEYS = frozenset({"/P", "/Popup", "/IRT", "/Dest", "/A", "/AA", "/StructParent"})
_FORM_DISPLAY_KEYS = ("/NeedAppearances", "/DR", "/DA", "/Q")
_EMPTY_VALUES = (None, "", "/Off")
_PDFIUM_DRAWS = frozenset(
    {"/Circle", "/Highlight", "/Ink", "/Popup", "/Square", "/Squiggly", "/StrikeOut", "/Text"}
    | {"/Underline"}
)
"""Comments pdfium draws even without an appearance stream (it generates one, as readers do)."""
_DRAWS_SOMETHING = re.compile(rb"(?:Tj|TJ|'|\"|Do|BI)(?![A-Za-z])")
"""Content-stream operators that show text, a form or an image."""


class NotComparable(Exception):
    """The pages could not be compared (the message says why, in one line)."""


@dataclass(frozen=True)
class PageDifference:
    page: int
    """1-based page number."""
    covered: int = 0
    """Pixels of signed content that now look different."""
    added: int = 0
    """Pixels drawn on blank space outside any rectangle allowed to change."""
    resized: bool = False
    """The page's size or orientation changed."""


@dataclass
class PagePlan:
    """One page to compare, and where the annotations that changed after the signature draw
    (page coordinates)."""

    index: int
    """0-based."""
    filled_fields: list[Rectangle] = field(default_factory=list)
    later_signatures: list[Rectangle] = field(default_factory=list)
    comments: list[Rectangle] = field(default_factory=list)
    """Comments added after signing (``change_policy``): like a later stamp, allowed to draw
    only in a rectangle that was blank when signed."""
    see_through: list[Rectangle] = field(default_factory=list)
    """Text markup added after signing (a highlight...): it may tint what it marks, never hide
    it (``page_pixels``)."""
    undrawn: list[Rectangle] = field(default_factory=list)
    """Comments added after signing that pdfium may not draw (no appearance stream, of a kind
    readers draw themselves): allowed only where the signed page was blank."""
    others: list[Rectangle] = field(default_factory=list)
    """Anything else added or changed, a signed field value overwritten included."""


@dataclass
class Comparison:
    """What the page comparer is asked: the pages of ``path`` to draw as they were at
    ``signed_end`` (the end of the signed revision) and as they are."""

    path: Path
    signed_end: int
    page_count: int
    """As the page tree says: pdfium must agree, or pages cannot be paired."""
    pages: list[PagePlan]


def plan(reader: Any, path: Path, revision: int, signed_end: int) -> Comparison:
    """The pages that may look different after the signature of ``revision``, and what changed
    on them: read with pyHanko, in the verifying process."""
    pages = _page_refs(reader)
    later = _changed_after(reader, revision)
    redrawn = _form_display_changed(reader, revision, later)
    comparison = Comparison(path, signed_end, len(pages), [])
    candidates = [
        index
        for index, page_ref in enumerate(pages)
        if _annotations_changed(page_ref, later) or (redrawn and _has_widgets(page_ref))
    ]
    if candidates:
        stamps = _later_signature_widgets(reader, revision)
        signed_state = reader.get_historical_resolver(revision)
        for index in candidates:
            comparison.pages.append(
                _changed_rectangles(
                    reader, signed_state, pages[index], index, revision, later, stamps
                )
            )
    return comparison


# --- which pages may look different ------------------------------------------------------------


def _page_refs(reader: Any) -> list[Any]:
    """The page objects in document order (the order pdfium numbers them), cycle-safe."""
    from pyhanko.pdf_utils import generic

    pages: list[Any] = []
    seen: set[int] = set()
    stack = [reader.root.raw_get("/Pages")]
    while stack:
        node_ref = stack.pop()
        node = node_ref.get_object() if isinstance(node_ref, generic.IndirectObject) else node_ref
        if not isinstance(node, generic.DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        if _get(node, "/Type") == "/Pages" or "/Kids" in node:
            kids = _get(node, "/Kids")
            if isinstance(kids, generic.ArrayObject):
                stack.extend(reversed([kids.raw_get(i) for i in range(len(kids))]))
        else:
            pages.append(node_ref)
    return pages


def _changed_after(reader: Any, revision: int) -> set[tuple[int, int]]:
    """Objects written (added or overwritten) by the revisions after ``revision``."""
    changed: set[tuple[int, int]] = set()
    for later in range(revision + 1, reader.xrefs.total_revisions):
        changed.update(
            (r.idnum, r.generation) for r in reader.xrefs.explicit_refs_in_revision(later)
        )
    return changed


def _form_display_changed(reader: Any, revision: int, later: set[tuple[int, int]]) -> bool:
    """The form-wide settings readers redraw fields from changed after ``revision``."""
    final = _get(reader.root, "/AcroForm")
    signed = _get(reader.get_historical_resolver(revision).root, "/AcroForm")
    if final is None:
        return False
    for key in _FORM_DISPLAY_KEYS:
        now = final.raw_get(key) if key in final else None
        then = signed.raw_get(key) if signed is not None and key in signed else None
        if (now is None) != (then is None) or _reaches_change(now, later):
            return True
        if now is not None and repr(now) != repr(then):
            return True
    return False


def _annotations(page_ref: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic

    annots = _get(page_ref.get_object(), "/Annots")
    if not isinstance(annots, generic.ArrayObject):
        return []
    return [annots.raw_get(i) for i in range(len(annots))]


def _has_widgets(page_ref: Any) -> bool:
    return any(_get(_resolved(a), "/Subtype") == "/Widget" for a in _annotations(page_ref))


def _get(dictionary: Any, key: str) -> Any:
    """``dictionary[key]``, dereferenced (pyHanko's ``get`` is dict's: it returns references),
    or None."""
    from pyhanko.pdf_utils import generic

    if not isinstance(dictionary, generic.DictionaryObject) or key not in dictionary:
        return None
    return dictionary[key]


def _resolved(item: Any) -> Any:
    from pyhanko.pdf_utils import generic

    item = item.get_object() if isinstance(item, generic.IndirectObject) else item
    return item if isinstance(item, generic.DictionaryObject) else generic.DictionaryObject()


def _annotations_changed(page_ref: Any, later: set[tuple[int, int]]) -> bool:
    """The page object or what it holds directly (its /Annots array...), or an annotation and
    what it draws with, was written after the signature."""
    return _reaches_change(page_ref, later, depth=1) or any(
        _reaches_change(annot, later) for annot in _annotations(page_ref)
    )


def _reaches_change(start: Any, later: set[tuple[int, int]], depth: int | None = None) -> bool:
    """Whether an object, or anything it draws with (appearance streams, their resources, its
    form field and the field's parents), was written after the signature; ``depth`` stops the
    walk (1: the object itself only)."""
    from pyhanko.pdf_utils import generic

    seen: set[tuple[int, int]] = set()
    stack = [(start, 0)]
    budget = _WALK_BUDGET
    while stack:
        item, level = stack.pop()
        if isinstance(item, generic.IndirectObject):
            key = (item.idnum, item.generation)
            if key in later:
                return True
            if key in seen:
                continue
            seen.add(key)
            budget -= 1
            if budget < 0:
                return True
            item = item.get_object()
        if depth is not None and level >= depth:
            continue
        if isinstance(item, generic.DictionaryObject):
            stack.extend((item.raw_get(k), level + 1) for k in item if k not in _SKIPPED_KEYS)
        elif isinstance(item, generic.ArrayObject):
            stack.extend((item.raw_get(i), level + 1) for i in range(len(item)))
    return False


# --- where a change is allowed ----------------------------------------------------------------


def _later_signature_widgets(reader: Any, revision: int) -> set[tuple[int, int]]:
    """Widgets of the signature fields signed after ``revision`` (their stamps)."""
    widgets: set[tuple[int, int]] = set()
    for later in reader.embedded_signatures:
        if later.signed_revision > revision:
            widgets.update(_widget_refs(reader, later.field_name))
    return widgets


def _widget_refs(reader: Any, field_name: str) -> Iterator[tuple[int, int]]:
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import enumerate_sig_fields

    for name, _value, field_ref in enumerate_sig_fields(reader, filled_status=True):
        if name != field_name or not isinstance(field_ref, generic.IndirectObject):
            continue
        yield field_ref.idnum, field_ref.generation
        kids = _get(field_ref.get_object(), "/Kids")
        if isinstance(kids, generic.ArrayObject):
            for i in range(len(kids)):
                kid = kids.raw_get(i)
                if isinstance(kid, generic.IndirectObject):
                    yield kid.idnum, kid.generation


def _changed_rectangles(
    reader: Any,
    signed_state: Any,
    page_ref: Any,
    index: int,
    revision: int,
    later: set[tuple[int, int]],
    stamps: set[tuple[int, int]],
) -> PagePlan:
    from pyhanko.pdf_utils import generic

    found = PagePlan(index)
    for annot_ref in _annotations(page_ref):
        annot = _resolved(annot_ref)
        rect = normalised(_get(annot, "/Rect"))
        if rect is None:
            continue
        if not isinstance(annot_ref, generic.IndirectObject):
            found.others.append(rect)  # a direct annotation: cannot be traced, judged strictly
            continue
        if not _reaches_change(annot_ref, later):
            continue  # drawn as when signed
        subtype = _get(annot, "/Subtype")
        if (annot_ref.idnum, annot_ref.generation) in stamps:
            found.later_signatures.append(rect)
        elif subtype in MARKUP_SUBTYPES and not _existed_at(reader, annot_ref, revision):
            if subtype in SEE_THROUGH_SUBTYPES:
                found.see_through.append(rect)
            elif subtype not in _PDFIUM_DRAWS and _get(_get(annot, "/AP"), "/N") is None:
                found.undrawn.append(rect)
            else:
                found.comments.append(rect)
        elif (
            _get(annot, "/Subtype") == "/Widget"
            and _existed_at(reader, annot_ref, revision)
            and _showed_nothing(signed_state(annot_ref.reference))
        ):
            found.filled_fields.append(rect)
        else:
            found.others.append(rect)
    return found


def _existed_at(reader: Any, ref: Any, revision: int) -> bool:
    try:
        return bool(reader.xrefs.get_introducing_revision(ref.reference) <= revision)
    except KeyError:
        return False


def _showed_nothing(widget: Any) -> bool:
    """A form field that, as signed, held no value and drew no text, form or image: one that
    was there to be filled in (a checked box, a value without /V, are not)."""
    from pyhanko.pdf_utils import generic

    if _field_value(widget) not in _EMPTY_VALUES:
        return False
    state = _get(widget, "/AS")
    if state is not None and str(state) != "/Off":
        return False
    appearance = _get(widget, "/AP")
    normal = _get(appearance, "/N")
    if isinstance(normal, generic.DictionaryObject) and not isinstance(
        normal, generic.StreamObject
    ):
        normal = _get(normal, state) if state is not None else None
    if not isinstance(normal, generic.StreamObject):
        return True
    try:
        return _DRAWS_SOMETHING.search(normal.data) is None
    except Exception:  # an appearance pyHanko cannot decode: do not take it for empty
        return False


def _field_value(widget: Any) -> Any:
    """A widget's field value (/V, inherited from its parent fields)."""
    from pyhanko.pdf_utils import generic

    node, depth = widget, 0
    while isinstance(node, generic.DictionaryObject) and depth < 32:
        if "/V" in node:
            value = node["/V"]
            if isinstance(value, generic.TextStringObject | generic.NameObject):
                return str(value)
            return value
        node, depth = _get(node, "/Parent"), depth + 1
    return None
