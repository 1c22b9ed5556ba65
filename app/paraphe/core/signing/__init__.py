"""Signing: one handler per format (XAdES, CAdES, PAdES) behind one small interface."""
