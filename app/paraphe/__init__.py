"""Paraphe: sign files and verify signatures (XAdES, CAdES, PAdES)."""

__version__ = "0.1.0"

WEBSITE = "https://paraphe.invalid"
"""The project's website (About, the help page, the installers' metadata)."""
SUPPORT_EMAIL = "support@paraphe.invalid"
"""Where users write for help (About, the help page)."""
