"""PKCS#11 tokens: finding middleware modules (``modules``), listing slots, tokens and signing
identities (``inventory``), and signing with a token key (``credential``, ``pin``).

Nothing is imported here: ``import pkcs11`` loads a native extension, and the faces import these
modules only when a token is actually used."""
