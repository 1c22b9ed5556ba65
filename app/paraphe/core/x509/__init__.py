"""Certificates: who they name, what they allow (can this key sign?), what they declare."""
