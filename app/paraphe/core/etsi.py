"""The ETSI names every layer shares: the signature formats and the baseline levels.

One enum each for what signing produces, what the settings keep and what validation finds.
EN 319 132-1 (XAdES), 319 122-1 (CAdES) and 319 142-1 (PAdES) define the same four levels, each
including the one below it. Which of them Paraphe can sign today is ``signing.levels``' rule.
"""

from __future__ import annotations

import enum


class SignatureFormat(enum.StrEnum):
    """The formats Paraphe signs in; the values are the command line's ``--format`` choices."""

    XADES = "xades"
    """Detached XAdES token ``<file> - Signature N.xml``: what buyer platforms expect."""
    CADES = "cades"
    """Detached CAdES token ``<file> - Signature N.p7s``: DER CMS SignedData without content."""
    PADES = "pades"
    """Signature embedded in a copy of a PDF (ETSI.CAdES.detached)."""


class BaselineLevel(enum.StrEnum):
    B_B = "B-B"
    """The signature and its signed attributes."""
    B_T = "B-T"
    """With a signature timestamp: proof of the signing time."""
    B_LT = "B-LT"
    """With the validation data (certificates, OCSP responses, CRLs) in the signature."""
    B_LTA = "B-LTA"
    """With archive timestamps over all of it, renewable."""
