"""Widgets used by more than one page or dialog, and the look of a verdict."""
