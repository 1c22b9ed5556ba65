"""Verification: per-format validators, pairing of tokens with documents, the report model."""
