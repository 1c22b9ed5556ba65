"""Who a signature without its document says signed it: read from the token, not verified (the
signature cannot be checked without what it signs). The buyer sees whose signature is missing
its document, and can pick the document for it."""

from __future__ import annotations

from pathlib import Path

from .describe import signer_identity
from .failures import MUST_PROPAGATE
from .report import SignerIdentity


def claimed_signer(token: Path) -> SignerIdentity | None:
    """The signer a detached XAdES or CAdES token names (its signing certificate's holder);
    None when the token does not say or cannot be read."""
    try:
        if token.suffix.lower() == ".xml":
            return _xades_signer(token)
        return _cms_signer(token)
    except MUST_PROPAGATE:
        raise
    except Exception:  # an unreadable token names no one: the row says "document missing"
        return None


def _cms_signer(token: Path) -> SignerIdentity | None:
    from .cms.reading import NotRead, load_signed_data

    signed_data = load_signed_data(token)
    if isinstance(signed_data, NotRead) or not signed_data["signer_infos"]:
        return None
    sid = signed_data["signer_infos"][0]["sid"]
    for choice in signed_data["certificates"] or ():
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                cert.issuer == wanted["issuer"]
                and cert.serial_number == wanted["serial_number"].native
            ):
                return signer_identity(cert)
        elif cert.key_identifier == sid.chosen.native:
            return signer_identity(cert)
    return None


def _xades_signer(token: Path) -> SignerIdentity | None:
    from .xades.reading import parse_any, read_token
    from .xades.signatures import signatures_in
    from .xades.signing_certificate import keyinfo_certificates, read_cert_reference

    root = parse_any(read_token(token))
    signature = signatures_in(root)[0].element
    candidates = keyinfo_certificates(signature)
    properties = signature.find(".//{http://uri.etsi.org/01903/v1.3.2#}SignedProperties")
    reference = read_cert_reference(properties)
    matching = [c for c in candidates if reference is not None and reference.matches(c)]
    chosen = matching or candidates[:1]
    return signer_identity(chosen[0]) if chosen else None
