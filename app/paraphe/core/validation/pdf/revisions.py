"""What the revisions after a signature changed, in words (``PdfCoverage.later_changes``).

A buyer reads "revision 3: validation data added (DSS)", "revision 4: signature Sig2",
"revision 5: comment (Highlight) on page 1" rather than a modification level. This only
describes; the verdict is ``change_policy``'s and ``visual_diff``'s. Reading is bounded (pages
and revisions looked at) and never raises: a revision it cannot read is described as such.
"""

from __future__ import annotations

from typing import Any

from ...text.translatable import N_, Worded
from ..failures import MUST_PROPAGATE, one_line

_MAX_REVISIONS = 100
_MAX_PAGES = 2000


class RevisionWords:
    """Each revision of one PDF described once, whatever the number of signatures asking."""

    def __init__(self, reader: Any, signatures: list[Any]) -> None:
        """``signatures``: the PDF's ``EmbeddedPdfSignature``s (read once by the validator)."""
        self._reader = reader
        self._lines: dict[int, str] = {}
        self._signed_in = _signatures_by_revision(signatures)

    def line(self, revision: int) -> str:
        """``revision N: what it changed`` for the 0-based ``revision`` (> 0)."""
        if revision not in self._lines:
            try:
                what = _revision_words(self._reader, revision, self._signed_in.get(revision, []))
            except MUST_PROPAGATE:
                raise
            except Exception as exc:  # described only: the verdict does not depend on it
                what = [Worded(N_("could not be read ({error})"), error=one_line(exc))]
            self._lines[revision] = Worded(
                N_("revision {revision}: {what}"),
                revision=revision + 1,
                what=Worded.joined("; ", what),
            )
        return self._lines[revision]


def later_changes(
    words: RevisionWords,
    sig: Any,
    suspicious: Exception | None,
    changed_fields: tuple[str, ...],
) -> tuple[str, ...]:
    """One line per revision after ``sig``'s, then the form fields filled in and, when pyHanko
    refused a change, its reason."""
    total = sig.reader.xrefs.total_revisions
    first = sig.signed_revision + 1
    lines = [words.line(r) for r in range(first, min(total, first + _MAX_REVISIONS))]
    if total - first > _MAX_REVISIONS:
        lines.append(Worded(N_("and {count} more revisions"), count=total - first - _MAX_REVISIONS))
    if changed_fields:
        lines.append(
            Worded(N_("form fields filled in: {fields}"), fields=", ".join(changed_fields))
        )
    if suspicious is not None:
        lines.append(
            Worded(N_("not a change a signature allows: {reason}"), reason=one_line(suspicious))
        )
    return tuple(lines)


def _signatures_by_revision(signatures: list[Any]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for emb in signatures:
        if emb.sig_object_type == "/DocTimeStamp":
            words = N_("document timestamp")
        else:
            words = Worded(N_("signature {name}"), name=emb.field_name)
        found.setdefault(emb.signed_revision, []).append(words)
    return found


def _revision_words(reader: Any, revision: int, signatures: list[str]) -> list[str]:
    from pyhanko.pdf_utils import generic

    before = reader.get_historical_resolver(revision - 1)
    after = reader.get_historical_resolver(revision)
    written = {(r.idnum, r.generation) for r in reader.xrefs.explicit_refs_in_revision(revision)}
    what = list(signatures)
    dss = after.root.raw_get("/DSS") if "/DSS" in after.root else None
    if dss is not None and (
        "/DSS" not in before.root
        or (isinstance(dss, generic.IndirectObject) and (dss.idnum, dss.generation) in written)
    ):
        what.append(N_("validation data added (DSS)"))
    old_pages, new_pages = _pages(before), _pages(after)
    if len(old_pages) != len(new_pages):
        what.append(
            Worded(
                N_("page count changed from {before} to {after}"),
                before=len(old_pages),
                after=len(new_pages),
            )
        )
    for number, (old_ref, new_ref) in enumerate(zip(old_pages, new_pages, strict=False), 1):
        old_page, new_page = before(old_ref), after(new_ref)
        contents = _contents(new_page)
        if (
            old_ref != new_ref
            or _contents(old_page) != contents
            or any(f"IndirectObject({i}, {g})" in contents for i, g in written)
        ):
            what.append(Worded(N_("content of page {page} changed"), page=number))
        old_annots = set(_annots(old_page))
        for ref in _annots(new_page):
            annot = after(ref)
            subtype = annot.get("/Subtype") if isinstance(annot, generic.DictionaryObject) else None
            if subtype == "/Widget":
                name = _field_name(annot)
                if name is not None and (ref.idnum, ref.generation) in written:
                    what.append(Worded(N_("form field {name} written"), name=name))
                continue  # a signature field: told by the signature line
            if ref in old_annots:
                continue
            what.append(
                Worded(
                    N_("comment ({kind}) on page {page}"),
                    kind=str(subtype or "?").lstrip("/"),
                    page=number,
                )
            )
    if not what:
        what.append(Worded(N_("{count} objects written"), count=len(written)))
    return what


def _field_name(widget: Any) -> str | None:
    """The name of the form field a widget belongs to; None for a signature field."""
    from pyhanko.pdf_utils import generic

    node, depth = widget, 0
    while isinstance(node, generic.DictionaryObject) and depth < 32:
        if node.get("/FT") == "/Sig":
            return None
        if "/T" in node:
            return str(node["/T"])
        node, depth = node.get("/Parent"), depth + 1
        node = node.get_object() if isinstance(node, generic.IndirectObject) else node
    return None


def _pages(resolver: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic

    pages: list[Any] = []
    seen: set[Any] = set()
    stack = [resolver.root.raw_get("/Pages")]
    while stack and len(pages) < _MAX_PAGES and len(seen) < 4 * _MAX_PAGES:
        ref = stack.pop()
        if not isinstance(ref, generic.IndirectObject) or ref.reference in seen:
            continue
        seen.add(ref.reference)
        node = resolver(ref.reference)
        if not isinstance(node, generic.DictionaryObject):
            continue
        kids = node.get("/Kids")
        if kids is not None:
            kids = kids.get_object()
            if isinstance(kids, generic.ArrayObject):
                stack.extend(reversed([kids.raw_get(i) for i in range(len(kids))]))
        else:
            pages.append(ref.reference)
    return pages


def _contents(page: Any) -> str:
    from pyhanko.pdf_utils import generic

    if not isinstance(page, generic.DictionaryObject) or "/Contents" not in page:
        return ""
    return repr(page.raw_get("/Contents"))


def _annots(page: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic

    if not isinstance(page, generic.DictionaryObject) or "/Annots" not in page:
        return []
    annots = page["/Annots"]
    if not isinstance(annots, generic.ArrayObject):
        return []
    return [
        annots.raw_get(i).reference
        for i in range(min(len(annots), _MAX_PAGES))
        if isinstance(annots.raw_get(i), generic.IndirectObject)
    ]
