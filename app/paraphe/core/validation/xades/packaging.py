"""Where an XML file's signature sits relative to what it signs, for discovery: a cheap,
bounded look that verifies nothing.

Read as a token is (``reading``: at most ``MAX_TOKEN_BYTES``, any DOCTYPE refused, no entity,
no network), then the first signature's references classified by the rule the validator uses
(``references.classify``). An ASiC signatures file is DETACHED (its data objects are the
container's files).
"""

from __future__ import annotations

from pathlib import Path

from ..report import Packaging
from .reading import parse_any, read_token
from .references import classify, elements_by_id
from .signatures import XADES_SIGNATURES, signatures_in
from .verdicts import Verdict


def xml_signature_packaging(path: Path) -> Packaging | None:
    """DETACHED, ENVELOPED or ENVELOPING for a file holding a ds:Signature; None for a file that
    holds none, or that cannot be read as XML safely (damaged, too large, with a DTD)."""
    try:
        root = parse_any(read_token(Path(path)))
        found = signatures_in(root)
    except Verdict:
        return None
    if root.tag == XADES_SIGNATURES:
        return Packaging.DETACHED
    signature = found[0].element
    references = signature.findall(
        "{http://www.w3.org/2000/09/xmldsig#}SignedInfo/"
        "{http://www.w3.org/2000/09/xmldsig#}Reference"
    )
    try:
        return classify(signature, references, elements_by_id(root))[1]
    except Verdict:  # a reference the validator will refuse: where it sits is still known
        return Packaging.DETACHED if signature is root else Packaging.ENVELOPED
