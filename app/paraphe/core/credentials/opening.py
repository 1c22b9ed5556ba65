"""The one way to open a key: from its source, asking its secret through one callback."""

from __future__ import annotations

from ..errors import Cancelled, WrongPassword
from .base import Credential
from .pkcs12 import Pkcs12Credential
from .secrets import NoticeCallback, SecretCallback, SecretRequest
from .sources import KeySource, KeystoreFile


def open_credential(
    source: KeySource, ask_secret: SecretCallback, on_notice: NoticeCallback | None = None
) -> Credential:
    """Open ``source`` for a batch; the caller closes the credential (it is a context manager).

    A wrong keystore password is asked again (``SecretRequest.retry``): a file does not lock. A
    wrong token PIN is an error, never retried here: the token locks after a few wrong tries.
    The callback returning None (the user cancelled) raises ``Cancelled``.
    """
    if isinstance(source, KeystoreFile):
        return _open_keystore(source, ask_secret)
    from .pkcs11.credential import Pkcs11Credential

    return Pkcs11Credential.open(
        source.module,
        token_label=source.token_label,
        key_label=source.key_label,
        cert_sha256=source.cert_sha256,
        ask_secret=ask_secret,
        on_notice=on_notice,
    )


def _open_keystore(source: KeystoreFile, ask_secret: SecretCallback) -> Credential:
    retry = False
    while True:
        password = ask_secret(SecretRequest.for_keystore(source.path, retry))
        if password is None:
            raise Cancelled()
        try:
            return Pkcs12Credential.open(source.path, password)
        except WrongPassword:
            retry = True
        finally:
            del password
