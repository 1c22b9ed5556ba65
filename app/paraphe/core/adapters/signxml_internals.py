"""signxml's internal verifier steps, used one by one.

Checked against signxml 5.2.0. signxml's public ``verify()`` does everything at once: it loads
a detached document whole and re-checks far more than our own freshly signed token needs. Two
things need its steps apart: hashing a detached document as a stream (``digest_hook``, used by
the XAdES validator), and checking our own output after signing (``signing/xades.py``), at a
third of the cost of a full ``verify()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DigestHook = Callable[[Any, Any], bytes | None]
"""``hook(data, algorithm)``: the digest of ``data`` when the hook computes it, else None."""


def with_digest_hook(verifier_class: type, hook: DigestHook) -> type:
    """A subclass of a signxml verifier whose reference digests go through ``hook`` first."""

    class HookedVerifier(verifier_class):  # type: ignore[misc, valid-type]
        def _get_digest(self, data: Any, algorithm: Any) -> bytes:
            digest = hook(data, algorithm)
            if digest is not None:
                return digest
            return bytes(super()._get_digest(data, algorithm))

    HookedVerifier.__name__ = HookedVerifier.__qualname__ = f"Hooked{verifier_class.__name__}"
    return HookedVerifier


def find(verifier: Any, element: Any, name: str) -> Any:
    """The ``ds:name`` child of ``element`` (raises signxml's InvalidInput when absent)."""
    return verifier._find(element, name)


def digest(verifier: Any, data: bytes, algorithm: Any) -> bytes:
    return bytes(verifier._get_digest(data, algorithm))


def canonical(verifier: Any, element: Any, algorithm: Any) -> bytes:
    return bytes(verifier._c14n(element, algorithm=algorithm))


def verify_signature_value(
    verifier: Any,
    *,
    signed_info_c14n: bytes,
    raw_signature: bytes,
    signature_alg: Any,
    signing_certificate: Any,
) -> None:
    """Raises ``cryptography.exceptions.InvalidSignature`` when the value does not verify."""
    verifier._verify_signature_with_pubkey(
        signed_info_c14n=signed_info_c14n,
        raw_signature=raw_signature,
        signature_alg=signature_alg,
        signing_certificate=signing_certificate,
    )
