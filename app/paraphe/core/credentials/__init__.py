"""Where keys come from: a PKCS#12 file today, PKCS#11 tokens next."""

from .base import Credential, RsaPadding
from .pkcs12 import Pkcs12Credential

__all__ = ["Credential", "Pkcs12Credential", "RsaPadding"]
