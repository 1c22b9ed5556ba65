"""``cryptography``'s attributes that it gives no public accessor for.

Checked against cryptography 50.0.2. A token key (``credentials/pkcs11/mechanisms.py``) is
handed to signxml and pyHanko as a ``cryptography`` private key; when they call its ``sign()``
it must read back what they asked for: the hash behind a ``Prehashed`` and the PSS parameters.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils


def prehashed_algorithm(prehashed: utils.Prehashed) -> hashes.HashAlgorithm:
    """The hash a ``Prehashed`` digest was made with (only its ``digest_size`` is public)."""
    algorithm: hashes.HashAlgorithm = prehashed._algorithm
    return algorithm


def pss_mgf_hash(pss: padding.PSS) -> hashes.HashAlgorithm:
    """The hash of a PSS padding's MGF1."""
    mgf: Any = pss.mgf
    algorithm: hashes.HashAlgorithm = mgf._algorithm
    return algorithm


def pss_salt_length(pss: padding.PSS) -> Any:
    """A PSS padding's salt length: an int, or ``PSS.DIGEST_LENGTH`` / ``MAX_LENGTH`` / ``AUTO``."""
    return pss._salt_length
