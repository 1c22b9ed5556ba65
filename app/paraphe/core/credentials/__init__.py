"""Where keys come from (``sources``), how their secret is asked (``secrets``), and the one way
to open them (``open_credential``): a PKCS#12 file or a PKCS#11 token."""

from .base import Credential, RsaPadding
from .opening import open_credential
from .pkcs12 import Pkcs12Credential
from .secrets import SecretCallback, SecretRequest
from .sources import KeySource, KeystoreFile, TokenKey

__all__ = [
    "Credential",
    "KeySource",
    "KeystoreFile",
    "Pkcs12Credential",
    "RsaPadding",
    "SecretCallback",
    "SecretRequest",
    "TokenKey",
    "open_credential",
]
