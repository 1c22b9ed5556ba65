"""A list's XML signature, checked with the certificates that announce its signer: the Official
Journal's anchors and the pivot LOTLs for the EU LOTL, the LOTL's pointers for a national list,
the certificate the user gave for a list added by hand.

The XAdES check itself is pyHanko's (signxml underneath); the signer's certificate is judged at
the list's issue date, so a list stays checkable after its operator's certificate expired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from lxml import etree

from .sources import TSL_NS, ListUnavailable, _Bytes

REANCHOR_URLS = ("https://eur-lex.europa.eu/eli/C/2026/1944/oj",)
"""Official Journal notices that re-anchored the LOTL: pivots before them no longer apply."""


class ListSignatureError(Exception):
    """The list's signature does not verify with the certificates announced for it."""


def issue_date(data: bytes) -> dt.datetime | None:
    """The ListIssueDateTime, read before the list is trusted (to judge its signer at it)."""
    try:
        for _, element in etree.iterparse(
            _Bytes(data),
            tag=f"{{{TSL_NS}}}ListIssueDateTime",
            resolve_entities=False,
            no_network=True,
        ):
            return dt.datetime.fromisoformat((element.text or "").strip().replace("Z", "+00:00"))
    except (etree.LxmlError, ValueError):
        return None
    return None


def verified_content(data: bytes, signers: Sequence[Any]) -> str:
    """The signed XML of a list whose signature verifies with one of ``signers`` (asn1crypto
    certificates), judged at the list's issue date."""
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.qualified import eutl_parse

    if not signers:
        raise ListSignatureError("no certificate is announced for its signer")
    try:
        xml = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ListSignatureError("not UTF-8 text") from None
    try:
        return str(
            eutl_parse._validate_and_extract_tl_data_multiple_certs(
                xml, list(signers), issue_date(data)
            )
        )
    except SignatureValidationError:
        raise ListSignatureError(
            "its signature does not verify with the certificates announced for it"
            f" ({_names(signers)})"
        ) from None
    except Exception as exc:  # signxml/lxml raise many kinds on damaged XML
        raise ListSignatureError(
            f"its signature cannot be read ({exc.__class__.__name__})"
        ) from None


def _names(certificates: Sequence[Any], shown: int = 3) -> str:
    """ "EC_DIGIT, Patrick Kremer (Signature) and 4 more": who may sign, in a line."""
    names = sorted(
        {c.subject.native.get("common_name") or c.subject.human_friendly for c in certificates}
    )
    text = ", ".join(names[:shown])
    return text + (f" and {len(names) - shown} more" if len(names) > shown else "")


def lotl_signers(
    lotl: bytes,
    read_pivot: Callable[[str], bytes],
    problems: list[str],
    anchors: Sequence[Any] = (),
) -> list[Any]:
    """The certificates that may sign this LOTL: the Official Journal's anchor, carried forward
    through every pivot LOTL it lists, oldest first (Implementing Decision (EU) 2015/1505, art.
    4). A pivot that cannot be read or verified is skipped and named in ``problems``: the next
    one may still verify with the certificates at hand, and the LOTL must in the end.

    ``anchors`` replace the Official Journal's for a LOTL that is not the EU's (an
    organisation's own, a test one)."""
    from pyhanko.sign.validation.qualified import eutl_parse

    try:
        text = lotl.decode("utf-8")
        parsed = eutl_parse.parse_lotl_unsafe(text)
    except Exception as exc:  # xsdata/lxml raise many kinds
        raise ListSignatureError(
            f"not a list of trusted lists ({exc.__class__.__name__})"
        ) from None
    anchor = 1 if any(url in text for url in REANCHOR_URLS) else 0
    current = list(anchors) or eutl_parse.ojeu_bootstrap_lotl_tlso_certs(anchor)
    for url in reversed(parsed.pivot_urls):  # the LOTL lists them newest first
        try:
            pivot = read_pivot(url)
            verified = verified_content(pivot, current)
            self_pointer = next(
                ref
                for ref in eutl_parse.parse_lotl_unsafe(verified).references
                if eutl_parse.LOTL_RULE in ref.scheme_rules
            )
        except (ListUnavailable, ListSignatureError) as exc:
            problems.append(f"pivot {url}: {exc}")
            continue
        except (StopIteration, Exception) as exc:
            problems.append(f"pivot {url}: unreadable ({exc.__class__.__name__})")
            continue
        current = self_pointer.tlso_certs
    return list(current)
