"""Paraphe: sign files and verify signatures (XAdES, CAdES, PAdES)."""

__version__ = "0.1.0"
