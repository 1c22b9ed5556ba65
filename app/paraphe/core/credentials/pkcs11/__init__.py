"""PKCS#11 tokens: finding middleware modules (``modules``), listing slots, tokens and signing
identities (``inventory``), and signing with a token key (``credential``: ``session``,
``key_lookup``, ``mechanisms``; its errors in ``token_errors``).

Nothing is imported here: ``import pkcs11`` loads a native extension, and the faces import these
modules only when a token is actually used."""
