"""The filled signature fields of a PDF, each read on its own.

pyHanko's ``reader.embedded_signatures`` reads every field at once: one field it cannot read
raises for the whole file, and fields with the legacy sub-filters of ISO 32000-1 (12.8.3.3) are
silently skipped. A buyer must see each signature: here a field that cannot be read becomes a
``FieldProblem`` with its reason (damaged, or a form not supported), ``adbe.pkcs7.sha1`` is read as the CMS it is,
and ``adbe.x509.rsa_sha1`` (a bare RSA signature with SHA-1, no CMS: pyHanko has no support for
it) is reported as not supported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...text.translatable import N_, Worded
from ..failures import MUST_PROPAGATE, one_line

LEGACY_SHA1 = "/adbe.pkcs7.sha1"
LEGACY_RSA_SHA1 = "/adbe.x509.rsa_sha1"
_CMS_SUBFILTERS = frozenset(
    {"/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161", LEGACY_SHA1}
)
_MAX_FIELDS = 10_000
"""More signature fields than any real document holds: the rest are not read (bounded work)."""


@dataclass(frozen=True)
class FieldProblem:
    """A filled signature field that cannot be validated, and why (one line)."""

    field_name: str
    reason: str
    damaged: bool = False
    """True: not a signature that can be parsed (TOTAL_FAILED, FORMAT_FAILURE, EN 319 102-1,
    5.2.2); False: a form this validator does not support (INDETERMINATE: it may be valid)."""


@dataclass(frozen=True)
class SignatureField:
    signature: Any
    """pyHanko's ``EmbeddedPdfSignature``, or a ``FieldProblem``."""
    signed_revision: int
    """0-based; for a problem, the last revision (it sorts last)."""
    is_document_timestamp: bool

    @property
    def is_signature(self) -> bool:
        return not self.is_document_timestamp


def signature_fields(reader: Any) -> list[SignatureField]:
    """Every filled signature field, in signing order (as pyHanko orders them)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    last = reader.xrefs.total_revisions - 1
    found: list[SignatureField] = []
    for count, (name, value, field_ref) in enumerate(
        enumerate_sig_fields(reader, filled_status=True)
    ):
        if count >= _MAX_FIELDS:
            break
        name = str(name)
        try:
            sig_object = value.get_object()
            is_timestamp = (
                isinstance(sig_object, generic.DictionaryObject)
                and sig_object.get("/Type") == "/DocTimeStamp"
            )
            subfilter = (
                sig_object.get("/SubFilter")
                if isinstance(sig_object, generic.DictionaryObject)
                else None
            )
            if subfilter == LEGACY_RSA_SHA1:
                problem = FieldProblem(
                    name,
                    "it uses the legacy sub-filter adbe.x509.rsa_sha1 (a bare RSA signature"
                    " with SHA-1, without CMS), which this validator does not support",
                )
                found.append(SignatureField(problem, last, False))
                continue
            if subfilter not in _CMS_SUBFILTERS:
                problem = FieldProblem(
                    name,
                    Worded(N_("its sub-filter {subfilter} is not supported"), subfilter=subfilter),
                )
                found.append(SignatureField(problem, last, is_timestamp))
                continue
            embedded = EmbeddedPdfSignature(reader, field_ref, name)
            found.append(SignatureField(embedded, embedded.signed_revision, is_timestamp))
        except MUST_PROPAGATE:
            raise
        except Exception as exc:  # one unreadable field: its own verdict, the others still read
            problem = FieldProblem(
                name,
                Worded(N_("it could not be read ({error})"), error=one_line(exc)),
                damaged=True,
            )
            found.append(SignatureField(problem, last, False))
    return sorted(found, key=lambda f: f.signed_revision)
