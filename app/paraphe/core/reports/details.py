"""The details of one signature: its verdict and why, then sections (signer, time, timestamps,
certificate, chain, revocation, PDF coverage, checks) of labelled values, in the reader's
language.

Built with a ``Localizer`` from the face that shows them: its translation of the engine's words
and its way of writing a time (the desktop application in the user's time zone, a report in UTC).
Values that come from outside (names, certificate fields, paths) are left as they are: the face
makes them displayable where it shows them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..text.translatable import N_, in_words
from ..trust.eutl.qualification import Qualification
from ..validation.indications import Indication
from ..validation.report import CertificateInfo, SignatureReport, TimestampKind, TimestampReport
from .names import name_in_words
from .summary import format_and_level
from .verdicts import CheckMark, look
from .wording import (
    COUNTER_SIGNATURE_NUMBER,
    DOCMDP_PERMISSIONS,
    KEY_USAGES,
    PDF_CHANGES,
    PDF_COVERAGE,
    QC_STATEMENTS,
    REVOCATION_SOURCES,
    REVOCATION_STATUSES,
    SIGNER_NUMBER,
    TIMESTAMP_REASONS,
    procurement_reading,
    qualification_reason,
    timestamp_kind,
)

NONE = "—"
"""A value that is absent."""

PASSED_WITHOUT_REMARK = N_(
    "The document is intact and the signer's certificate was valid, unrevoked and issued by a"
    " trusted authority."
)


@dataclass(frozen=True)
class Localizer:
    translate: Callable[[str], str]
    """An English text marked ``N_`` in the reader's language."""
    moment: Callable[[dt.datetime], str]
    """A time as the reader expects it written."""


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class ChainLink:
    subject: str
    issued: str
    """Who issued it and until when it is valid."""


@dataclass(frozen=True)
class CheckLine:
    mark: CheckMark
    name: str
    detail: str
    """What was found, or empty."""


@dataclass(frozen=True)
class TimestampEntry:
    """One timestamp of the signature, marked with its own verdict."""

    mark: CheckMark
    title: str
    """Its kind: ``Signature timestamp``, ``Archive timestamp``, ``Document timestamp``."""
    fields: tuple[Field, ...]
    """Its time, its authority, its verdict; for one that is not valid, why."""


@dataclass(frozen=True)
class Section:
    """A titled part of the details; ``empty`` is shown when it has nothing else to show."""

    title: str | None
    fields: tuple[Field, ...] = ()
    chain: tuple[ChainLink, ...] = ()
    bullets: tuple[str, ...] = ()
    checks: tuple[CheckLine, ...] = ()
    timestamps: tuple[TimestampEntry, ...] = ()
    empty: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.chain or self.bullets or self.checks or self.timestamps)


@dataclass(frozen=True)
class SignatureDetails:
    file_name: str
    indication: Indication
    code: str
    """``TOTAL_FAILED / HASH_FAILURE``: the ETSI codes, for those who look them up."""
    reason: str | None
    """Why, and what to do; for a valid signature, what it means."""
    sections: tuple[Section, ...]


def signature_details(signature: SignatureReport, words: Localizer) -> SignatureDetails:
    s = signature
    code = s.indication.value + (f" / {s.subindication.code}" if s.subindication else "")
    if s.explanation:
        reason: str | None = words.translate(s.explanation)
    elif s.indication is Indication.TOTAL_PASSED:
        reason = words.translate(PASSED_WITHOUT_REMARK)
    else:
        reason = None
    if s.indication is not Indication.TOTAL_PASSED:
        reason = _with_revocation_time(reason, s, words)
    sections = [
        _identification(s, words),
        _signer(s, words),
        _time(s, words),
    ]
    if s.timestamps:  # none: the time section already says the time is only claimed
        sections.append(_timestamps(s, words))
    if s.qualification is not None:
        sections.append(_qualification(s.qualification, words))
    sections += [
        _certificate(s, words),
        _chain(s, words),
        _revocation(s, words),
    ]
    if s.pdf is not None:
        sections.append(_pdf_coverage(s, words))
    sections.append(_checks(s, words))
    return SignatureDetails(
        file_name=Path(s.signature_path).name,
        indication=s.indication,
        code=code,
        reason=reason,
        sections=tuple(sections),
    )


def _fields(words: Localizer, *pairs: tuple[str, str]) -> tuple[Field, ...]:
    return tuple(Field(words.translate(label), value) for label, value in pairs)


def _identification(s: SignatureReport, words: Localizer) -> Section:
    pairs = [
        (N_("Format and level"), format_and_level(s)),
        (N_("Signature"), str(s.signature_path)),
    ]
    if s.document_path is not None:
        pairs.append((N_("Signed document"), str(s.document_path)))
    if s.signature_id:
        pairs.append((N_("Signature identifier"), signature_name(s.signature_id, words)))
    return Section(None, _fields(words, *pairs))


_NUMBERED = re.compile(r"^(signer|counter-signature) (\d+)$")


def signature_name(signature_id: str, words: Localizer) -> str:
    """A signature's identifier as the reader says it: ``signer 2, counter-signature 1`` (a CMS
    signature's place) in the reader's words; an XAdES Id or a PDF field name as it is."""
    parts = signature_id.split(", ")
    matches = [_NUMBERED.match(part) for part in parts]
    if not all(matches):
        return signature_id
    return ", ".join(
        words.translate(SIGNER_NUMBER if m[1] == "signer" else COUNTER_SIGNATURE_NUMBER).format(
            number=m[2]
        )
        for m in matches
        if m is not None
    )


def _signer(s: SignatureReport, words: Localizer) -> Section:
    title = words.translate(N_("Signer"))
    if s.signer is None:
        return Section(title, empty=words.translate(N_("The signer could not be identified.")))
    signer = s.signer
    return Section(
        title,
        _fields(
            words,
            (N_("Name"), signer.name),
            (N_("Organisation"), signer.organisation or NONE),
            (N_("Organisation identifier"), signer.organization_identifier or NONE),
            (N_("SIREN"), signer.siren or NONE),
            (N_("E-mail"), signer.email or NONE),
            (N_("Country"), signer.country or NONE),
        ),
    )


def _time(s: SignatureReport, words: Localizer) -> Section:
    claimed = words.moment(s.signing_time) if s.signing_time else NONE
    return Section(
        words.translate(N_("Time")),
        _fields(
            words,
            (N_("Claimed signing time"), claimed),
            (N_("Proven by a timestamp"), _proven(s, words)),
        ),
    )


QUALIFICATION_TIME_SOURCES = {
    "timestamp": N_("{time} (proven by a timestamp)"),
    "claimed": N_("{time} (claimed by the signer)"),
    "validation": N_("{time} (the validation time: no signing time is known)"),
}


def _qualification(q: Qualification, words: Localizer) -> Section:
    """Whether the signature is qualified per the EU trusted lists, and what it means for a
    tender."""
    pairs = [
        (N_("Status"), q.status),
        (N_("Meaning"), qualification_reason(q, words.translate)),
        (N_("Public procurement"), procurement_reading(q, words.translate)),
        (N_("Trusted list"), q.trusted_list or NONE),
        (N_("Service"), q.service or NONE),
    ]
    if q.at is not None:
        template = QUALIFICATION_TIME_SOURCES.get(q.time_source or "", "{time}")
        pairs.append((N_("Judged at"), words.translate(template).format(time=words.moment(q.at))))
    return Section(words.translate(N_("Qualification (EU trusted lists)")), _fields(words, *pairs))


def _proven(s: SignatureReport, words: Localizer) -> str:
    """The proven time and the timestamp that proves it, or why there is none."""
    if s.timestamp_time is None:
        if s.timestamps:
            return words.translate(N_("no valid timestamp: the signing time is only claimed"))
        return words.translate(N_("no timestamp: the signing time is only claimed"))
    moment = words.moment(s.timestamp_time)
    proof = _proof(s)
    if proof is None:  # not expected: the proven time is a valid signature timestamp's
        return moment
    kind = words.translate(timestamp_kind(proof.kind))
    if proof.tsa is None:
        return words.translate(N_("{time}, by the {kind}")).format(time=moment, kind=kind)
    return words.translate(N_("{time}, by the {kind} of {authority}")).format(
        time=moment, kind=kind, authority=short_name(proof.tsa)
    )


_COMMON_NAME = re.compile(
    r"^CN=(?P<rfc4514>(?:[^,\\]|\\.)+)"  # RFC 4514: CN=Paraphe Test TSA,O=...
    r"|^Common Name: (?P<friendly>.+?)(?=, [A-Z][A-Za-z/ ]*: |$)"  # asn1crypto's human_friendly
)


def short_name(subject: str) -> str:
    """A certificate subject by its common name when it starts with one (the TSA named in a
    sentence; its whole subject is shown in the Timestamps section), else as it is."""
    match = _COMMON_NAME.match(subject)
    if match is None:
        return subject
    if match["rfc4514"] is not None:
        return re.sub(r"\\([^0-9A-Fa-f])", r"\1", match["rfc4514"])  # hex escapes kept
    return match["friendly"]


def _proof(s: SignatureReport) -> TimestampReport | None:
    """The timestamp that proves the proven time: the valid one whose time it is (a signature
    timestamp, or a PDF's document timestamp over it), a signature timestamp first."""
    if s.timestamp_time is None:
        return None
    matching = [
        t
        for t in s.timestamps
        if t.indication is Indication.TOTAL_PASSED and t.time == s.timestamp_time
    ]
    matching.sort(key=lambda t: t.kind is not TimestampKind.SIGNATURE)
    return matching[0] if matching else None


def _timestamps(s: SignatureReport, words: Localizer) -> Section:
    proof = _proof(s)
    return Section(
        words.translate(N_("Timestamps")),
        timestamps=tuple(_timestamp(t, t is proof, words) for t in s.timestamps),
    )


def _timestamp(t: TimestampReport, proves: bool, words: Localizer) -> TimestampEntry:
    kind = words.translate(timestamp_kind(t.kind))
    passed = t.indication is Indication.TOTAL_PASSED
    if t.time is None:
        time = NONE
    elif passed:
        time = words.moment(t.time)
    else:
        time = words.translate(N_("{time} (not proven)")).format(time=words.moment(t.time))
    verdict = words.translate(look(t.indication).word)
    if proves:
        verdict = words.translate(N_("{verdict}: proves when the signature existed")).format(
            verdict=verdict
        )
    elif t.subindication is not None:
        verdict = f"{verdict} ({t.indication.value} / {t.subindication.code})"
    pairs = [
        (N_("Time"), time),
        (N_("Timestamping authority"), short_name(t.tsa) if t.tsa else NONE),
        (N_("Verdict"), verdict),
    ]
    if not passed:
        reason = TIMESTAMP_REASONS.get(t.subindication.code if t.subindication else "")
        if reason is not None:
            pairs.append((N_("Why"), words.translate(reason)))
        if t.detail:  # the validator's words, translated where it marks them
            pairs.append((N_("Detail"), in_words(t.detail, words.translate)))
    return TimestampEntry(
        CheckMark(t.indication), kind[:1].upper() + kind[1:], _fields(words, *pairs)
    )


def _certificate(s: SignatureReport, words: Localizer) -> Section:
    title = words.translate(N_("Certificate"))
    if s.certificate is None:
        return Section(title, empty=words.translate(N_("No signing certificate found.")))
    return Section(title, certificate_fields(s.certificate, words))


def certificate_fields(cert: CertificateInfo, words: Localizer) -> tuple[Field, ...]:
    yes, no = words.translate(N_("yes")), words.translate(N_("no"))
    validity = words.translate(N_("from {start} to {end}")).format(
        start=words.moment(cert.not_before), end=words.moment(cert.not_after)
    )
    usages = ", ".join(_worded(KEY_USAGES, usage, words) for usage in cert.key_usage)
    statements = ", ".join(_qc_statement(name, words) for name in cert.qc_statements)
    return _fields(
        words,
        (N_("Subject"), name_in_words(cert.subject, words.translate)),
        (N_("Issuer"), name_in_words(cert.issuer, words.translate)),
        (N_("Serial number"), cert.serial),
        (N_("Valid"), validity),
        (N_("SHA-256 fingerprint"), grouped(cert.sha256)),
        (N_("Key usage"), usages or NONE),
        (N_("QC statements"), statements or NONE),
        (N_("Qualified (declared by the certificate)"), yes if cert.qualified_by_statement else no),
    )


def _qc_statement(name: str, words: Localizer) -> str:
    label = QC_STATEMENTS.get(name)
    return f"{words.translate(label)} ({name})" if label else str(name)


def _worded(table: dict[str, str], value: str, words: Localizer) -> str:
    label = table.get(value)
    return words.translate(label) if label else str(value)


def grouped(hex_digits: str) -> str:
    """A fingerprint in pairs, so it wraps and can be read aloud."""
    return ":".join(hex_digits[i : i + 2] for i in range(0, len(hex_digits), 2)).upper()


def _chain(s: SignatureReport, words: Localizer) -> Section:
    title = words.translate(N_("Certificate chain"))
    if not s.chain:
        return Section(
            title, empty=words.translate(N_("No chain to a trusted authority was built."))
        )
    issued = words.translate(N_("issued by {issuer}, valid until {date}"))
    links = tuple(
        ChainLink(
            name_in_words(c.subject, words.translate),
            issued.format(issuer=short_name(c.issuer), date=words.moment(c.not_after)),
        )
        for c in s.chain
    )
    return Section(title, chain=links)


def _revocation(s: SignatureReport, words: Localizer) -> Section:
    title = words.translate(N_("Revocation"))
    revocation = s.revocation
    if revocation is None:
        return Section(title, empty=words.translate(N_("Not checked.")))
    source = (
        NONE if revocation.source is None else _worded(REVOCATION_SOURCES, revocation.source, words)
    )
    status = _worded(REVOCATION_STATUSES, revocation.status, words)
    if revocation.revoked_at is not None:
        status = words.translate(N_("revoked on {date}")).format(
            date=words.moment(revocation.revoked_at)
        )
    pairs = [(N_("Status"), status), (N_("Source"), source)]
    if revocation.detail and revocation.revoked_at is None:  # else the status says it all
        pairs.append((N_("Detail"), in_words(revocation.detail, words.translate)))
    from .revocation_time import revocation_sentence

    # for a signature that did not pass, the sentence is said with the reason, at the top
    said = revocation_sentence(s, words) if s.indication is Indication.TOTAL_PASSED else None
    return Section(title, _fields(words, *pairs), bullets=(said,) if said else ())


def _with_revocation_time(reason: str | None, s: SignatureReport, words: Localizer) -> str | None:
    """The reason of a signature that did not pass, followed by how its signing time stands
    against the revocation of its certificate, when it was revoked (``revocation_time``)."""
    from .revocation_time import revocation_sentence

    said = revocation_sentence(s, words)
    if said is None:
        return reason
    return f"{reason} {said}" if reason else said


def _pdf_coverage(s: SignatureReport, words: Localizer) -> Section:
    assert s.pdf is not None
    pdf = s.pdf
    yes, no = words.translate(N_("yes")), words.translate(N_("no"))
    pairs = [
        (N_("Covers the whole document"), yes if pdf.covers_whole_document else no),
        (N_("Coverage"), _worded(PDF_COVERAGE, pdf.coverage, words)),
    ]
    if pdf.revision is not None and pdf.revisions is not None:
        pairs.append(
            (
                N_("Signed revision"),
                words.translate(N_("{revision} of {revisions}")).format(
                    revision=pdf.revision, revisions=pdf.revisions
                ),
            )
        )
    pairs.append(
        (
            N_("Changes after signing"),
            _worded(PDF_CHANGES, pdf.modification_level, words) if pdf.modification_level else NONE,
        )
    )
    if pdf.docmdp is not None:
        pairs.append(
            (
                N_("Changes the certification allows"),
                words.translate(DOCMDP_PERMISSIONS.get(pdf.docmdp, str(pdf.docmdp))),
            )
        )
    changes = pdf.later_changes or pdf.changes
    return Section(
        words.translate(N_("PDF coverage")),
        _fields(words, *pairs),
        bullets=tuple(in_words(change, words.translate) for change in changes),
    )


def _checks(s: SignatureReport, words: Localizer) -> Section:
    lines = tuple(
        CheckLine(
            CheckMark.of(check.passed),
            words.translate(check.name),
            in_words(check.detail, words.translate) if check.detail else "",
        )
        for check in s.checks
    )
    return Section(
        words.translate(N_("Checks")),
        checks=lines,
        empty=words.translate(N_("No check recorded.")),
    )
