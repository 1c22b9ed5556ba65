"""Command line face: ``paraphe sign``, ``paraphe demo``."""
