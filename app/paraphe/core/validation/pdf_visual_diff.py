"""What a reader sees: the pages of a signed revision compared with the pages shown today.

pyHanko's difference analysis judges the *objects* changed after a signature (form filling, new
signature fields, annotations). It cannot tell what those changes look like: a new, unsigned
signature field whose appearance paints "925 000,00" over the signed "125 000,00" is, object-wise,
an allowed form change. So every page whose annotations changed after a signature is rendered
twice with pdfium (as signed, and as the final file shows it) and compared pixel by pixel, as the
EU DSS does with its visual comparison of revisions:

- a pixel of signed content (anything not near-white in the signed rendering) that now looks
  different has been covered or altered: not allowed, whoever drew it. The one exception is a form
  field that already existed when signing, whose own appearance (its value) changed inside its
  own rectangle where the page itself is blank: that is form filling;
- a pixel drawn on blank space is allowed only inside the rectangle of the widget of a later
  signature (a visible second signature) or of a form field that existed when signing. (Other
  annotations added later, comments included, are already refused by pyHanko's policy; DocMDP
  permissions are pyHanko's to enforce too.)

Only pages whose annotations (or the objects they draw with) changed after the signature are
rendered, so a long document with a second signature costs two renderings of the changed pages.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..pdf_pages import INK, Bitmap, Prefix, Rectangle, inside, open_document, render, to_pixels

MIN_PIXELS = 3
"""Fewer changed pixels than this are rendering noise, not a change a reader could see."""
_BLOCK = 64
"""Pixels compared at once before looking at them one by one."""
_WALK_BUDGET = 2000
"""Objects explored per annotation when looking for later changes; beyond it, assume changed."""
_SKIPPED_KEYS = frozenset({"/P", "/Popup", "/IRT", "/Dest", "/A", "/AA", "/StructParent"})


@dataclass(frozen=True)
class PageDifference:
    page: int
    """1-based page number."""
    covered: int
    """Pixels of signed content that now look different."""
    added: int
    """Pixels drawn on blank space outside any rectangle allowed to change."""


@dataclass
class _Rectangles:
    """Where the annotations that changed after the signature draw (page coordinates)."""

    filled_fields: list[Rectangle] = field(default_factory=list)
    """Form fields that existed when signing, empty, and were filled in since."""
    later_signatures: list[Rectangle] = field(default_factory=list)
    """Widgets of the signatures made later (their stamps)."""
    others: list[Rectangle] = field(default_factory=list)
    """Anything else added or changed, a signed field value overwritten included: no change to
    the page is allowed under them."""


class RenderedPages:
    """The final document's pages, rendered once and shared by every signature of the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._document: Any = None
        self._pages: dict[int, Bitmap] = {}

    def page(self, index: int) -> Bitmap:
        if index not in self._pages:
            if self._document is None:
                self._document = open_document(self.path)
            self._pages[index] = render(self._document, index)
        return self._pages[index]

    def handle(self, index: int) -> Any:
        """pdfium's page object, to map page coordinates to pixels."""
        if self._document is None:
            self._document = open_document(self.path)
        return self._document[index]

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    def __enter__(self) -> RenderedPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def differences(
    reader: Any, revision: int, signed_end: int, final_pages: RenderedPages
) -> list[PageDifference]:
    """Pages whose look changed, after the signature of ``revision`` (whose bytes end at
    ``signed_end``), in a way that is not allowed."""
    pages = _page_refs(reader)
    later_changes = _changed_after(reader, revision)
    candidates = [
        index
        for index, page_ref in enumerate(pages)
        if _annotations_changed(reader, page_ref, later_changes)
    ]
    if not candidates:
        return []
    later_signature_widgets = _later_signature_widgets(reader, revision)
    found = []
    with open_document(Prefix(final_pages.path, signed_end)) as signed_document:
        if len(signed_document) != len(pages):
            return [PageDifference(1, covered=MIN_PIXELS, added=0)]  # pages added or removed
        for index in candidates:
            changed = _changed_rectangles(
                reader, pages[index], revision, later_changes, later_signature_widgets
            )
            difference = _compare(signed_document, final_pages, index, changed)
            if difference.covered >= MIN_PIXELS or difference.added >= MIN_PIXELS:
                found.append(difference)
    return found


# --- which pages changed ----------------------------------------------------------------------


def _page_refs(reader: Any) -> list[Any]:
    """The page objects in document order (the order pdfium numbers them), cycle-safe."""
    from pyhanko.pdf_utils import generic

    pages: list[Any] = []
    seen: set[tuple[int, int]] = set()
    stack = [reader.root.raw_get("/Pages")]
    while stack:
        node_ref = stack.pop()
        if not isinstance(node_ref, generic.IndirectObject):
            continue
        key = (node_ref.idnum, node_ref.generation)
        if key in seen:
            continue
        seen.add(key)
        node = node_ref.get_object()
        if not isinstance(node, generic.DictionaryObject):
            continue
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            kids = node.get("/Kids")
            if isinstance(kids, generic.ArrayObject):
                stack.extend(reversed(list(kids.raw_get(i) for i in range(len(kids)))))
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


def _annotations(page_ref: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic

    annots = page_ref.get_object().get("/Annots")
    if not isinstance(annots, generic.ArrayObject):
        return []
    return [annots.raw_get(i) for i in range(len(annots))]


def _annotations_changed(reader: Any, page_ref: Any, later: set[tuple[int, int]]) -> bool:
    from pyhanko.pdf_utils import generic

    page = page_ref.get_object()
    if (page_ref.idnum, page_ref.generation) in later:
        return True
    annots = page.raw_get("/Annots") if "/Annots" in page else None
    if isinstance(annots, generic.IndirectObject) and (annots.idnum, annots.generation) in later:
        return True
    return any(_reaches_change(annot, later) for annot in _annotations(page_ref))


def _reaches_change(start: Any, later: set[tuple[int, int]]) -> bool:
    """Whether an annotation, or anything it draws with (appearance streams, their resources,
    its form field and the field's parents), was written after the signature."""
    from pyhanko.pdf_utils import generic

    seen: set[tuple[int, int]] = set()
    stack = [start]
    budget = _WALK_BUDGET
    while stack:
        item = stack.pop()
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
        if isinstance(item, generic.DictionaryObject):
            stack.extend(item.raw_get(k) for k in item if k not in _SKIPPED_KEYS)
        elif isinstance(item, generic.ArrayObject):
            stack.extend(item.raw_get(i) for i in range(len(item)))
    return False


# --- where a change is allowed ----------------------------------------------------------------


def _later_signature_widgets(reader: Any, revision: int) -> set[tuple[int, int]]:
    """Widgets of the signature fields signed after ``revision`` (their stamps)."""
    widgets: set[tuple[int, int]] = set()
    for later in reader.embedded_signatures:
        if later.signed_revision <= revision:
            continue
        for ref in _widget_refs(reader, later.field_name):
            widgets.add(ref)
    return widgets


def _widget_refs(reader: Any, field_name: str) -> Iterator[tuple[int, int]]:
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import enumerate_sig_fields

    for name, _value, field_ref in enumerate_sig_fields(reader, filled_status=True):
        if name != field_name or not isinstance(field_ref, generic.IndirectObject):
            continue
        yield field_ref.idnum, field_ref.generation
        kids = field_ref.get_object().get("/Kids")
        if isinstance(kids, generic.ArrayObject):
            for i in range(len(kids)):
                kid = kids.raw_get(i)
                if isinstance(kid, generic.IndirectObject):
                    yield kid.idnum, kid.generation


def _changed_rectangles(
    reader: Any,
    page_ref: Any,
    revision: int,
    later: set[tuple[int, int]],
    later_signature_widgets: set[tuple[int, int]],
) -> _Rectangles:
    from pyhanko.pdf_utils import generic

    found = _Rectangles()
    signed_state = reader.get_historical_resolver(revision)
    for annot_ref in _annotations(page_ref):
        if not isinstance(annot_ref, generic.IndirectObject):
            continue
        if not _reaches_change(annot_ref, later):
            continue  # drawn as when signed
        annot = annot_ref.get_object()
        rect = _rectangle(annot)
        if rect is None:
            continue
        if (annot_ref.idnum, annot_ref.generation) in later_signature_widgets:
            found.later_signatures.append(rect)
        elif (
            annot.get("/Subtype") == "/Widget"
            and _existed_at(reader, annot_ref, revision)
            and _field_value(signed_state(annot_ref.reference)) in _EMPTY_VALUES
        ):
            found.filled_fields.append(rect)
        else:
            found.others.append(rect)
    return found


_EMPTY_VALUES = (None, "", "/Off")


def _field_value(widget: Any) -> Any:
    """A widget's field value (/V, inherited from its parent fields), as signed or as now."""
    from pyhanko.pdf_utils import generic

    node, depth = widget, 0
    while isinstance(node, generic.DictionaryObject) and depth < 32:
        if "/V" in node:
            value = node["/V"]
            return (
                str(value)
                if isinstance(value, generic.TextStringObject | generic.NameObject)
                else value
            )
        node, depth = node.get("/Parent"), depth + 1
    return None


def _existed_at(reader: Any, ref: Any, revision: int) -> bool:
    try:
        return bool(reader.xrefs.get_introducing_revision(ref.reference) <= revision)
    except KeyError:
        return False


def _rectangle(annot: Any) -> Rectangle | None:
    try:
        x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
    except (KeyError, TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (x1, y1, x2, y2)):
        return None
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


# --- comparing ------------------------------------------------------------------------------


def _compare(
    signed_document: Any, final_pages: RenderedPages, index: int, changed: _Rectangles
) -> PageDifference:
    final = final_pages.page(index)
    before = render(signed_document, index)
    if (before.width, before.height) != (final.width, final.height):
        return PageDifference(index + 1, covered=MIN_PIXELS, added=0)
    page = final_pages.handle(index)
    filled = to_pixels(page, final, changed.filled_fields)
    stamps = to_pixels(page, final, changed.later_signatures)
    others = to_pixels(page, final, changed.others)
    bare: Bitmap | None = None  # the signed page without its annotations, drawn only if needed
    covered = added = 0
    stride, old, new = final.stride, before.pixels, final.pixels
    for y in range(final.height):
        start = y * stride
        if old[start : start + stride] == new[start : start + stride]:
            continue
        for block in range(start, start + 3 * final.width, 3 * _BLOCK):
            end = min(block + 3 * _BLOCK, start + 3 * final.width)
            if old[block:end] == new[block:end]:
                continue
            for i in range(block, end, 3):
                if max(abs(old[i + c] - new[i + c]) for c in (0, 1, 2)) <= INK:
                    continue
                x = (i - start) // 3
                signed_content = not before.blank_at(i)
                if inside(x, y, others):
                    explained = False  # nothing a signature or form filling does
                elif signed_content:  # only a field's own value, over blank page, may change
                    explained = inside(x, y, filled) and not inside(x, y, stamps)
                    if explained:
                        bare = bare or render(signed_document, index, bare=True)
                        explained = bare.blank_at(i)
                else:  # drawn on blank space: a later signature's stamp or a filled field
                    explained = inside(x, y, filled) or inside(x, y, stamps)
                if explained:
                    continue
                if signed_content:
                    covered += 1
                else:
                    added += 1
    return PageDifference(index + 1, covered=covered, added=added)
