"""The five checks of the arrêté of 22 March 2019 on the signature of public contracts, read from
a signature's report: each with its outcome, one sentence and its evidence, for the PDF report.

Nothing is checked again here: each outcome is derived from what the validation found (the
verdict, the checks behind it, the revocation, the qualification), so the report cannot say
something the verdict does not. Only the signed document's SHA-256 is computed, from the file
(streamed), so the buyer can tie the report to the document filed.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from ..text.translatable import N_, Worded, in_words
from ..trust.eutl.qualification import R_OFF, Qualification
from ..validation.indications import Indication
from ..validation.report import RevocationStatus, SignatureReport
from .details import NONE, QUALIFICATION_TIME_SOURCES, Field, Localizer
from .summary import SigningTime, TimeProof, format_and_level, signing_time
from .verdicts import VERDICT_LOOKS, VerdictLook
from .wording import (
    QC_STATEMENTS,
    REVOCATION_SOURCES,
    REVOCATION_STATUSES,
    procurement_reading,
    qualification_reason,
)

ARCHIVE_SEPARATOR = "!/"
"""How the engine names an entry of a ZIP archive: ``Offre.zip!/Mémoire.pdf``."""


class Outcome(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    UNDECIDED = "undecided"
    TO_CONFIRM = "to_confirm"
    """Only a person can decide (the signer's identity and power to commit the company)."""

    @property
    def look(self) -> VerdictLook:
        """Marked as a verdict (✔ green, ✘ red, ? amber); "to be confirmed" in blue."""
        return _LOOKS[self]


_LOOKS = {
    Outcome.PASSED: VERDICT_LOOKS[Indication.TOTAL_PASSED],
    Outcome.FAILED: VERDICT_LOOKS[Indication.TOTAL_FAILED],
    Outcome.UNDECIDED: VERDICT_LOOKS[Indication.INDETERMINATE],
    Outcome.TO_CONFIRM: VerdictLook("?", N_("To be confirmed"), N_("TO BE CONFIRMED"), "#2f5597"),
}

CHECK_TITLES = (
    N_("Identity of the signer"),
    N_("Category of the certificate"),
    N_("Format and level of the signature"),
    N_("Certificate valid and not revoked at the signing time"),
    N_("Integrity of the signed document"),
)
"""The five checks, in the arrêté's order."""

INTEGRITY_CHECKS = frozenset(
    {
        "document digest",
        "signature value",
        "byte range covers the signed revision",
        "changes after signing are allowed",
        "pages shown are the pages signed",
        "signed data",  # XML: each reference's target (enveloped, enveloping, several files)
        "whole document signed",  # enveloped XML: the reference covers the whole document
        "manifest digests",  # ASiC-E with CAdES: each file its manifest lists
        "signed files present",  # ASiC: no file a signature lists is missing
        "container files signed",  # ASiC: no file in the container is left unsigned
    }
)
"""The checks behind the verdict that say whether the signed content is intact (every format)."""

_VALIDITY_CODES = frozenset(
    {
        "REVOKED",
        "REVOKED_NO_POE",
        "REVOKED_CA_NO_POE",
        "EXPIRED",
        "NOT_YET_VALID",
        "OUT_OF_BOUNDS_NO_POE",
        "OUT_OF_BOUNDS_NOT_REVOKED",
        "REVOCATION_OUT_OF_BOUNDS_NO_POE",
        "TRY_LATER",
    }
)
"""Sub-indications about the certificate's validity or revocation at the signing time."""


@dataclass(frozen=True)
class ArreteCheck:
    number: int
    title: str
    outcome: Outcome
    result: str
    """One sentence: what was found, in the reader's language."""
    evidence: tuple[Field, ...]


class Digests:
    """SHA-256 of files, each read once (streamed, never whole) however often it is named."""

    def __init__(self) -> None:
        self._known: dict[Path, str | None] = {}

    def of(self, path: Path) -> str | None:
        """The file's SHA-256 in hexadecimal, or None when it is not a readable file."""
        if path not in self._known:
            try:
                with path.open("rb") as file:
                    self._known[path] = hashlib.file_digest(file, "sha256").hexdigest()
            except OSError:
                self._known[path] = None
        return self._known[path]


def archive_of(path: Path) -> Path | None:
    """The ZIP archive a document was read from, or None for a file on disk."""
    text = str(path)
    if ARCHIVE_SEPARATOR not in text:
        return None
    return Path(text.split(ARCHIVE_SEPARATOR, 1)[0])


def arrete_checks(
    s: SignatureReport, words: Localizer, digests: Digests
) -> tuple[ArreteCheck, ...]:
    found = (
        _identity(s, words),
        _category(s, words),
        _format(s, words),
        _validity(s, words),
        _integrity(s, words, digests),
    )
    return tuple(
        ArreteCheck(number, words.translate(title), outcome, result, evidence)
        for number, (title, (outcome, result, evidence)) in enumerate(
            zip(CHECK_TITLES, found, strict=True), start=1
        )
    )


_Found = tuple[Outcome, str, tuple[Field, ...]]


def _fields(words: Localizer, *pairs: tuple[str, str]) -> tuple[Field, ...]:
    return tuple(Field(words.translate(label), value) for label, value in pairs)


def _identity(s: SignatureReport, words: Localizer) -> _Found:
    if s.signer is None:
        return Outcome.UNDECIDED, words.translate(N_("The signer could not be identified.")), ()
    signer = s.signer
    pairs = [
        (N_("Name"), signer.name),
        (N_("Organisation"), signer.organisation or NONE),
        (N_("SIREN"), signer.siren or NONE),
        (N_("E-mail"), signer.email or NONE),
    ]
    if s.certificate is not None:
        pairs.append((N_("Subject"), s.certificate.subject))
    result = N_(
        "To be confirmed by the buyer: check that this person may commit the company that"
        " submits the tender."
    )
    return Outcome.TO_CONFIRM, words.translate(result), _fields(words, *pairs)


def lists_consulted(q: Qualification | None) -> TypeGuard[Qualification]:
    """Whether the EU trusted lists were used to judge the qualification (else its status,
    N/A, says nothing about the certificate)."""
    return q is not None and (q.reason_template or q.reason) != R_OFF


def _category(s: SignatureReport, words: Localizer) -> _Found:
    q = s.qualification
    if lists_consulted(q):
        pairs = [
            (N_("Status"), q.status),
            (N_("Meaning"), qualification_reason(q, words.translate)),
            (N_("Trusted list"), q.trusted_list or NONE),
            (N_("Service"), q.service or NONE),
        ]
        outcome = Outcome.PASSED if q.procurement_acceptable else Outcome.FAILED
        return outcome, procurement_reading(q, words.translate), _fields(words, *pairs)
    if s.certificate is None:
        return Outcome.UNDECIDED, words.translate(N_("No signing certificate found.")), ()
    cert = s.certificate
    statements = ", ".join(
        f"{words.translate(QC_STATEMENTS[n])} ({n})" if n in QC_STATEMENTS else n
        for n in cert.qc_statements
    )
    if cert.qualified_by_statement:
        result = N_(
            "The certificate declares itself qualified; the EU trusted lists were not consulted"
            " to confirm it."
        )
    else:
        result = N_(
            "The certificate does not declare itself qualified, and the EU trusted lists were not"
            " consulted."
        )
    pairs = [(N_("QC statements"), statements or NONE), (N_("Issuer"), cert.issuer)]
    return Outcome.UNDECIDED, words.translate(result), _fields(words, *pairs)


def _format(s: SignatureReport, words: Localizer) -> _Found:
    pairs = [
        (N_("Format and level"), format_and_level(s)),
        (N_("Signature"), str(s.signature_path)),
    ]
    if s.signature_id:
        pairs.append((N_("Signature identifier"), s.signature_id))
    evidence = _fields(words, *pairs)
    code = s.subindication.code if s.subindication else None
    if code == "FORMAT_FAILURE":
        outcome = Outcome.FAILED if s.indication is Indication.TOTAL_FAILED else Outcome.UNDECIDED
        why = words.translate(s.explanation) if s.explanation else code
        return outcome, why, evidence
    if s.level is None:
        return Outcome.UNDECIDED, words.translate(N_("The level could not be read.")), evidence
    result = words.translate(
        N_("{format}, level {level}: a format accepted for public contracts.")
    ).format(format=s.format.value, level=s.level.value)
    return Outcome.PASSED, result, evidence


def _when(time: SigningTime | None, words: Localizer) -> str:
    if time is None:
        return words.translate(N_("unknown"))
    source = "timestamp" if time.proof is TimeProof.TIMESTAMP else "claimed"
    return words.translate(QUALIFICATION_TIME_SOURCES[source]).format(
        time=words.moment(time.moment)
    )


def _validity(s: SignatureReport, words: Localizer) -> _Found:
    cert = s.certificate
    if cert is None:
        return Outcome.UNDECIDED, words.translate(N_("No signing certificate found.")), ()
    time = signing_time(s)
    revocation = s.revocation
    pairs = [
        (N_("Signing time"), _when(time, words)),
        (
            N_("Valid"),
            words.translate(N_("from {start} to {end}")).format(
                start=words.moment(cert.not_before), end=words.moment(cert.not_after)
            ),
        ),
    ]
    if revocation is not None:
        status = REVOCATION_STATUSES.get(revocation.status, revocation.status)
        pairs.append((N_("Revocation"), words.translate(status)))
        source = REVOCATION_SOURCES.get(revocation.source or "", revocation.source or NONE)
        pairs.append((N_("Revocation source"), words.translate(source)))
        if revocation.revoked_at is not None:
            pairs.append((N_("Revoked on"), words.moment(revocation.revoked_at)))
        if revocation.detail:
            pairs.append((N_("Detail"), in_words(revocation.detail, words.translate)))
    evidence = _fields(words, *pairs)
    from .revocation_time import revocation_sentence

    against_revocation = revocation_sentence(s, words)
    if against_revocation is not None:
        evidence += _fields(words, (N_("Signing time and revocation"), against_revocation))

    code = s.subindication.code if s.subindication else None
    if code in _VALIDITY_CODES:
        outcome = Outcome.FAILED if s.indication is Indication.TOTAL_FAILED else Outcome.UNDECIDED
        return outcome, words.translate(s.explanation) if s.explanation else code, evidence
    if time is not None and not cert.not_before <= time.moment <= cert.not_after:
        outcome = Outcome.FAILED if time.proof is TimeProof.TIMESTAMP else Outcome.UNDECIDED
        result = N_("The certificate was not valid at the signing time.")
        return outcome, words.translate(result), evidence
    if revocation is None or revocation.status is RevocationStatus.NOT_CHECKED:
        result = N_("The revocation status was not checked: the validation stopped before it.")
        return Outcome.UNDECIDED, words.translate(result), evidence
    if revocation.status is RevocationStatus.UNKNOWN:
        result = N_("The revocation status could not be obtained.")
        return Outcome.UNDECIDED, words.translate(result), evidence
    if revocation.status is RevocationStatus.REVOKED:
        if s.indication is Indication.TOTAL_PASSED:  # a timestamp proves it was signed before
            result = N_("Revoked after the signing time proven by a timestamp.")
            return Outcome.PASSED, words.translate(result), evidence
        return Outcome.FAILED, words.translate(N_("The certificate has been revoked.")), evidence
    result = N_("Valid at the signing time and not revoked.")
    return Outcome.PASSED, words.translate(result), evidence


def _integrity(s: SignatureReport, words: Localizer, digests: Digests) -> _Found:
    pairs: list[tuple[str, str]] = []
    document = s.document_path
    if document is None:
        pairs.append((N_("Signed document"), NONE))
    else:
        pairs.append((N_("Signed document"), str(document)))
        archive = archive_of(document)
        if archive is not None:
            pairs.append((N_("Read from the ZIP archive"), str(archive)))
            pairs.append((N_("SHA-256 of the archive"), digests.of(archive) or NONE))
        else:
            digest = digests.of(document)
            pairs.append(
                (N_("SHA-256"), digest or words.translate(N_("the file is no longer on disk")))
            )
    checks = [c for c in s.checks if c.name in INTEGRITY_CHECKS]
    yes, no, undecided = (words.translate(w) for w in (N_("yes"), N_("no"), N_("undecided")))
    evidence = _fields(words, *pairs) + tuple(
        Field(
            words.translate(c.name),
            (yes if c.passed else no if c.passed is False else undecided)
            + (f" ({in_words(c.detail, words.translate)})" if c.detail else ""),
        )
        for c in checks
    )
    code = s.subindication.code if s.subindication else None
    if code in {"HASH_FAILURE", "SIG_CRYPTO_FAILURE"}:
        why = words.translate(s.explanation) if s.explanation else code or ""
        return Outcome.FAILED, why, evidence
    failed = [c for c in checks if c.passed is False]
    if failed:  # the verdict may be about something else: say what failed here
        said = [
            Worded(N_("{check}: {detail}"), check=Worded(c.name), detail=c.detail)
            if c.detail
            else Worded(c.name)
            for c in failed
        ]
        return Outcome.FAILED, in_words(Worded.joined("; ", said), words.translate), evidence
    if not checks or any(c.passed is None for c in checks):
        result = N_("The integrity could not be established (see the checks).")
        return Outcome.UNDECIDED, words.translate(result), evidence
    result = N_("The document is exactly the one that was signed.")
    return Outcome.PASSED, words.translate(result), evidence
