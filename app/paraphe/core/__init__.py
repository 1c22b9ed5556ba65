"""The engine: no Qt, no printing, no sys.exit. The CLI, the GUI and the tests all drive it."""

from .adapters.asn1crypto_guard import install as _install_asn1crypto_guard
from .adapters.asn1crypto_lengths import install as _install_asn1crypto_lengths
from .adapters.asn1crypto_names import install as _install_asn1crypto_names
from .adapters.asn1crypto_parsed import install as _install_asn1crypto_parsed

_install_asn1crypto_guard()  # before any byte is parsed, whoever imported asn1crypto first
_install_asn1crypto_lengths()  # before anything is written out
_install_asn1crypto_names()  # name comparisons (RFC 4518 preparation) cached by string
_install_asn1crypto_parsed()  # each certificate parsed once per thread
