"""The main window's pages: one task each (sign, verify)."""
