"""A certificate's subject or issuer in words: its common name first, then each attribute with
its label ("Jeanne Martin — Given name: Jeanne · Surname: Martin · Organisation: ACME"), not the
raw RFC 4514 string with dotted OIDs that the JSON keeps."""

from __future__ import annotations

from collections.abc import Callable

from cryptography import x509
from cryptography.x509.oid import NameOID

from ..text.translatable import N_
from .wording import NAME_ATTRIBUTES

LABELLED = N_("{label}: {value}")


def name_in_words(rfc4514: str, translate: Callable[[str], str]) -> str:
    """``rfc4514`` (as ``CertificateInfo.subject`` holds it) in the reader's words; as it is when
    it cannot be read back."""
    try:
        name = x509.Name.from_rfc4514_string(rfc4514)
    except (ValueError, TypeError):
        return rfc4514
    common_names = [
        str(attribute.value) for attribute in name.get_attributes_for_oid(NameOID.COMMON_NAME)
    ]
    parts = []
    for rdn in reversed(list(name.rdns)):  # most significant first, as certificates show them
        for attribute in rdn:
            if attribute.oid == NameOID.COMMON_NAME:
                continue
            key = attribute.rfc4514_string().split("=", 1)[0]
            label = NAME_ATTRIBUTES.get(key) or NAME_ATTRIBUTES.get(attribute.oid.dotted_string)
            value = attribute.value if isinstance(attribute.value, str) else attribute.value.hex()
            shown = translate(label) if label else key
            parts.append(translate(LABELLED).format(label=shown, value=value))
    head = ", ".join(common_names)
    if not parts:
        return head or rfc4514
    return f"{head} — {' · '.join(parts)}" if head else " · ".join(parts)
