"""The engine: no Qt, no printing, no sys.exit. The CLI, the GUI and the tests all drive it."""

from .adapters.asn1crypto_guard import install as _install_asn1crypto_guard

_install_asn1crypto_guard()  # before any byte is parsed, whoever imported asn1crypto first
