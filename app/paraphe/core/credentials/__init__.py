"""Where keys come from: a PKCS#12 file today, PKCS#11 tokens next."""

from ..signing.request import RsaPadding
from .base import Credential
from .pkcs12 import Pkcs12Credential

__all__ = ["Credential", "Pkcs12Credential", "RsaPadding"]
