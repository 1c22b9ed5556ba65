"""The pages of a comparison drawn with pdfium, as signed and as shown, and compared pixel by
pixel by the rules ``visual_diff`` states; run in the page comparer's child process, which
imports pdfium and not pyHanko."""

from __future__ import annotations

from typing import Any

from ...pdf.pages import (
    DIFFERENT,
    Bitmap,
    Box,
    Prefix,
    Zones,
    differ,
    open_document,
    render,
    to_pixels,
)
from .visual_diff import Comparison, NotComparable, PageDifference, PagePlan

_FILLED, _STAMP, _OTHER, _TINT = "filled", "stamp", "other", "tint"
_LIGHT = 150
"""The least luminance (0-255) a text markup may give blank paper: a highlight tints, it does
not black out (yellow is 237, light green 182; dark blue or black are refused)."""
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
    zones, undrawn = _zones(final, index, after, before, changed)
    filled, stamps, others, tints = (zones.layer(k) for k in (_FILLED, _STAMP, _OTHER, _TINT))
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
                elif tints[at] and not stamps[at] and not filled[at]:
                    explained = _tinted(old, new, i, signed_content)
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
    covered += sum(1 for box in undrawn if not before.blank_in(box))
    return PageDifference(index + 1, covered=covered, added=added)


def _tinted(old: bytes, new: bytes, i: int, signed_content: bool) -> bool:
    """A pixel under a later text markup (a highlight) as a highlight draws it: signed content
    only darkened (a multiply tint keeps dark text dark, on a lighter ground), blank paper
    given a light colour. An opaque box, white or black, fails one or the other."""
    if signed_content:
        return all(new[i + c] <= old[i + c] + DIFFERENT for c in range(3))
    b, g, r = new[i], new[i + 1], new[i + 2]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b >= _LIGHT


def _zones(
    final: Any, index: int, after: Bitmap, before: Bitmap, changed: PagePlan
) -> tuple[Zones, list[Box]]:
    """The rectangles as pixel zones; a later stamp or comment not wholly on blank space, as
    signed, counts among the others; comments pdfium may not draw are kept apart (``undrawn``)."""
    page = final[index]
    try:
        zones = Zones(after)
        zones.mark(_FILLED, to_pixels(page, after, changed.filled_fields))
        zones.mark(_TINT, to_pixels(page, after, changed.see_through))
        others = to_pixels(page, after, changed.others)
        blank_only = to_pixels(page, after, [*changed.later_signatures, *changed.comments])
        for box in blank_only:
            if before.blank_in(box):
                zones.mark(_STAMP, [box])
            else:
                others.append(box)
        zones.mark(_OTHER, others)
        return zones, to_pixels(page, after, changed.undrawn)
    finally:
        page.close()
