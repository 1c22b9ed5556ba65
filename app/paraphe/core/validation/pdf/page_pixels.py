"""The pages of a comparison drawn with pdfium, as signed and as shown, and compared pixel by
pixel by the rules ``visual_diff`` states; run in the page comparer's child process, which
imports pdfium and not pyHanko."""

from __future__ import annotations

from typing import Any

from ...pdf.pages import Bitmap, Prefix, Zones, differ, open_document, render, to_pixels
from .visual_diff import Comparison, NotComparable, PageDifference, PagePlan

_FILLED, _STAMP, _OTHER = "filled", "stamp", "other"
_BLOCK = 64
"""Pixels compared at once before looking at them one by one."""


def differences(comparison: Comparison) -> list[PageDifference]:
    """The pages whose look changed in a way that is not allowed: drawn with pdfium, in the
    page comparer's process. Raises NotComparable."""
    if not comparison.pages:
        return []
    path = comparison.path
    with open_document(path) as final, open_document(Prefix(path, comparison.signed_end)) as signed:
        if not len(final) == len(signed) == comparison.page_count:
            raise NotComparable("the page tree and the page count disagree")
        found = []
        for page in comparison.pages:
            difference = _compare(signed, final, page)
            if difference.covered or difference.added or difference.resized:
                found.append(difference)
        return found


def _compare(signed: Any, final: Any, changed: PagePlan) -> PageDifference:
    index = changed.index
    before = render(signed, index)
    after = render(final, index)
    if (before.width, before.height) != (after.width, after.height):
        return PageDifference(index + 1, resized=True)
    zones = _zones(final, index, after, before, changed)
    filled, stamps, others = (zones.layer(k) for k in (_FILLED, _STAMP, _OTHER))
    bare: Bitmap | None = None  # the signed page without its annotations, drawn only if needed
    covered = added = 0
    stride, width, old, new = after.stride, after.width, before.pixels, after.pixels
    for y in range(after.height):
        start = y * stride
        if old[start : start + 3 * width] == new[start : start + 3 * width]:
            continue
        for block in range(start, start + 3 * width, 3 * _BLOCK):
            end = min(block + 3 * _BLOCK, start + 3 * width)
            if old[block:end] == new[block:end]:
                continue
            for i in range(block, end, 3):
                if not differ(old, new, i):
                    continue
                at = y * width + (i - start) // 3
                signed_content = not before.blank_at(i)
                if others[at]:
                    explained = False  # nothing a signature or form filling does
                elif signed_content:  # only a field filled in, over blank page, may change
                    explained = bool(filled[at]) and not stamps[at]
                    if explained:
                        bare = bare or render(signed, index, bare=True)
                        explained = bare.blank_at(i)
                else:  # drawn on blank space: a later signature's stamp or a filled-in field
                    explained = bool(filled[at] or stamps[at])
                if explained:
                    continue
                if signed_content:
                    covered += 1
                else:
                    added += 1
    return PageDifference(index + 1, covered=covered, added=added)


def _zones(final: Any, index: int, after: Bitmap, before: Bitmap, changed: PagePlan) -> Zones:
    """The rectangles as pixel zones; a later stamp not wholly on blank space, as signed, counts
    among the others."""
    page = final[index]
    try:
        zones = Zones(after)
        zones.mark(_FILLED, to_pixels(page, after, changed.filled_fields))
        others = to_pixels(page, after, changed.others)
        for box in to_pixels(page, after, changed.later_signatures):
            if before.blank_in(box):
                zones.mark(_STAMP, [box])
            else:
                others.append(box)
        zones.mark(_OTHER, others)
        return zones
    finally:
        page.close()
