"""The signer's whole chain, put in every signature: verifiers can then build the path alone.

A token often holds only the signer's certificate, a .p12 sometimes no CA at all; ``openssl cms
-verify`` and other verifiers then cannot reach the buyer's trust anchor. The chain is completed
from what is at hand (the credential's own CA certificates, the user's trust store), then from the
network: each certificate's Authority Information Access caIssuers address, through
pyhanko-certvalidator's fetcher (our session: proxy, timeouts, bounded answers). An issuer is
taken only if its key verifies the certificate. The self-signed root is left out: a verifier
must hold it already, and a root sent with the signature proves nothing. When the chain cannot be
completed, a notice says which issuer is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..errors import Notice

MAX_DEPTH = 8
"""Longer than any real chain (EU qualified chains have 2 or 3 CAs); a loop stops here."""


@dataclass(frozen=True)
class CompletedChain:
    chain: tuple[x509.Certificate, ...]
    """The signer's CAs, issuer first, the self-signed root left out."""
    missing_issuer: str | None = None
    """The name of the first issuer that could not be found; None when complete."""
    root: x509.Certificate | None = None
    """The self-signed certificate the chain ends at, when it was found."""


def complete_chain(
    certificate: x509.Certificate,
    known: Iterable[x509.Certificate],
    *,
    fetch: bool = True,
) -> CompletedChain:
    """The CAs above ``certificate``, from ``known`` certificates first, then fetched."""
    from ..aio import run_sync

    return run_sync(complete_chain_async(certificate, known, fetch=fetch))


async def complete_chain_async(
    certificate: x509.Certificate,
    known: Iterable[x509.Certificate],
    *,
    fetch: bool = True,
) -> CompletedChain:
    """``complete_chain``, for code already running in the event loop."""
    pool = list(known)
    chain: list[x509.Certificate] = []
    current = certificate
    for _ in range(MAX_DEPTH):
        if _self_issued(current):
            return CompletedChain(tuple(chain), root=current)
        issuer = _issuer_among(current, pool)
        if issuer is None and fetch:
            issuer = _issuer_among(current, await _fetched_issuers(current))
        if issuer is None:
            return CompletedChain(tuple(chain), current.issuer.rfc4514_string())
        if _self_issued(issuer):
            return CompletedChain(tuple(chain), root=issuer)
        if issuer in chain:  # a loop between cross-certificates
            return CompletedChain(tuple(chain))
        chain.append(issuer)
        current = issuer
    return CompletedChain(tuple(chain))


def incomplete_chain_notice(completed: CompletedChain, certificate: x509.Certificate) -> Notice:
    from .certificates import holder_name

    return Notice(
        "The certificate chain of {holder} could not be completed: its issuer {issuer} was not"
        " found (on the token, in the certificate file, in the trusted certificates or at the"
        " address the certificate gives). Verifiers without that certificate cannot check the"
        " signature.",
        holder=holder_name(certificate),
        issuer=completed.missing_issuer,
    )


def _self_issued(certificate: x509.Certificate) -> bool:
    return certificate.issuer == certificate.subject and _signed_by(certificate, certificate)


def _issuer_among(
    certificate: x509.Certificate, candidates: Iterable[x509.Certificate]
) -> x509.Certificate | None:
    for candidate in candidates:
        if candidate.subject == certificate.issuer and _signed_by(certificate, candidate):
            return candidate
    return None


def _signed_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, x509.UnsupportedGeneralNameType):
        return False
    except Exception:  # InvalidSignature, an unsupported key: not this issuer
        return False
    return True


async def _fetched_issuers(certificate: x509.Certificate) -> Sequence[x509.Certificate]:
    """The certificates at the caIssuers addresses of ``certificate``; none when offline."""
    from asn1crypto import x509 as asn1_x509

    from ..net.http import fetcher_backend

    target = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    backend = fetcher_backend()
    found: list[x509.Certificate] = []
    try:
        fetchers = backend.get_fetchers()
        async for issuer in fetchers.cert_fetcher.fetch_cert_issuers(target):
            found.append(x509.load_der_x509_certificate(issuer.dump()))
    except Exception:  # unreachable, refused, not a certificate: nothing found there
        return found
    finally:
        await backend.close()
    return found
