"""PySide6 desktop application: a thin face over paraphe.core (built in its own issue)."""
