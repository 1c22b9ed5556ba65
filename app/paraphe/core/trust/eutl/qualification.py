"""Is this signature qualified? ETSI TS 119 615 (the certificate's qualification from its
qcStatements and its CA's service in a trusted list, at a given time) read as TS 119 172-4's
labels: QESig, QESeal, AdESig-QC, AdESeal-QC, AdESig, AdESeal, or N/A.

pyHanko's ``QualificationAssessor`` gives the rules that combine a certificate's statements with
a service's qualifiers (``_final_status``, reused); around it, here: the status history at the
signing time (pyHanko only knows the current "granted" entries), the pre-eIDAS statuses, a
certificate with several QcTypes (pyHanko raises), and the reason in plain words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...text.translatable import N_
from .index import TrustedListIndex
from .model import CA_QC, EIDAS_START, ListInfo, ServicePeriod, TrustedService, is_positive

QESIG = "QESig"
QESEAL = "QESeal"
ADESIG_QC = "AdESig-QC"
ADESEAL_QC = "AdESeal-QC"
ADESIG = "AdESig"
ADESEAL = "AdESeal"
NOT_APPLICABLE = "N/A"
PROCUREMENT_ACCEPTABLE = frozenset({QESIG, ADESIG_QC})
"""French public procurement accepts an advanced signature based on a qualified certificate, or
a qualified signature (arrêté du 22 mars 2019): a person's signature, not an organisation's seal."""

ESIGN, ESEAL, WEB = "qct_esign", "qct_eseal", "qct_web"
PRE_EIDAS_QCP = "0.4.0.1456.1.1"
PRE_EIDAS_QCP_PLUS = "0.4.0.1456.1.2"


@dataclass(frozen=True)
class Qualification:
    status: str
    reason: str
    """One English sentence (the JSON's); ``reason_template`` and ``reason_params`` let a face
    show it translated."""
    trusted_list: str | None = None
    """"<territory> <sequence number> <issue date>" of the list that decided."""
    service: str | None = None
    at: dt.datetime | None = None
    """The time the qualification was judged at: the signing time."""
    time_source: str | None = None
    """"timestamp" (proven), "claimed" (the signer's own), "validation" (neither was known)."""
    procurement_acceptable: bool = field(init=False)
    """QESig or AdESig-QC: what French public procurement accepts."""
    reason_template: str = field(default="", metadata={"json": False})
    reason_params: tuple[tuple[str, str], ...] = field(default=(), metadata={"json": False})

    def __post_init__(self) -> None:
        object.__setattr__(self, "procurement_acceptable", self.status in PROCUREMENT_ACCEPTABLE)


def _made(
    label: str,
    template: str,
    /,
    *,
    decided_by: TrustedService | None = None,
    at: dt.datetime | None = None,
    source: str | None = None,
    **params: str,
) -> Qualification:
    return Qualification(
        status=label,
        reason=template.format(**params),
        trusted_list=decided_by.list_label if decided_by else None,
        service=decided_by.name if decided_by else None,
        at=at,
        time_source=source,
        reason_template=template,
        reason_params=tuple(sorted(params.items())),
    )


# Reasons: English source strings, translated by the faces.
R_OFF = N_("the EU trusted lists were not used for this verification")
R_NOT_VALID = N_("the signature did not pass validation, so it has no qualification")
R_NO_CERT = N_("the signer's certificate is not known")
R_NOT_LISTED = N_("the certificate's issuer is not a qualified service of any EU trusted list")
R_NOT_YET = N_("the issuer's service ({service}) was not yet in its trusted list on {date}")
R_WITHDRAWN = N_(
    "the issuer's service ({service}) had the status “{status}” on {date}, since {since}: its certificates were no longer qualified"
)
R_OTHER_TYPE = N_(
    "the issuer's service ({service}) is listed for other kinds of certificates only ({types})"
)
R_WEB = N_("the certificate is a qualified website certificate, not one for signatures or seals")
R_TYPES = N_(
    "the certificate declares several uses (e-signature and e-seal) and its trusted list does not say which"
)
R_DISAGREE = N_("the trusted lists give contradictory answers for this certificate")
R_QESIG = N_(
    "qualified electronic signature: a qualified certificate for e-signatures, its key on a qualified signature creation device (QSCD)"
)
R_ADESIG_QC = N_(
    "advanced electronic signature based on a qualified certificate for e-signatures (no qualified signature creation device declared)"
)
R_QESEAL = N_("qualified electronic seal: an organisation's seal, not a person's signature")
R_ADESEAL_QC = N_(
    "advanced electronic seal based on a qualified certificate: an organisation's seal, not a person's signature"
)
R_NOT_QC_SIG = N_(
    "advanced electronic signature; its certificate is not qualified ({why}), which public procurement requires"
)
R_NOT_QC_SEAL = N_(
    "advanced electronic seal; its certificate is not qualified ({why}) and a seal is not a person's signature"
)
WHY_NO_STATEMENT = N_("it does not declare itself qualified and its trusted list does not either")
WHY_LIST_SAYS = N_("its trusted list says so")


@dataclass(frozen=True)
class _Status:
    qualified: bool
    types: frozenset[str]
    qscd: bool
    why_not: str = ""


def qualify(
    signer: Any,
    chain: list[Any],
    *,
    at: dt.datetime,
    source: str,
    valid: bool,
    index: TrustedListIndex | None,
) -> Qualification:
    """The qualification of a signature by ``signer`` (asn1crypto), whose ``chain`` holds its
    issuers (asn1crypto, any order), made at ``at``; ``valid``: the signature passed validation."""
    if index is None:
        return _made(NOT_APPLICABLE, R_OFF, at=at, source=source)
    found = _decide(signer, chain, at, index)
    if not valid:
        return _made(NOT_APPLICABLE, R_NOT_VALID, decided_by=found[1], at=at, source=source)
    status_label, service, template, params = _label(signer, found, at)
    return _made(status_label, template, decided_by=service, at=at, source=source, **params)


def _decide(
    signer: Any, chain: list[Any], at: dt.datetime, index: TrustedListIndex
) -> tuple[_Status | None, TrustedService | None, str, dict[str, str]]:
    """(status or None, the service that decided, reason template when none, its params)."""
    services = issuer_services(signer, chain, index)
    if not services:
        return None, None, R_NOT_LISTED, {}
    statuses: list[tuple[_Status, TrustedService]] = []
    refusal: tuple[TrustedService, str, dict[str, str]] | None = None
    for service in services:
        period = service.period_at(at)
        if period is None:
            refusal = refusal or (service, R_NOT_YET, {"service": service.name, "date": _day(at)})
            continue
        if not is_positive(period.status, at):
            refusal = (
                service,
                R_WITHDRAWN,
                {
                    "service": service.name,
                    "status": period.status,
                    "date": _day(at),
                    "since": _day(period.start),
                },
            )
            continue
        status = _status(signer, period, at)
        if status is None:
            types = ", ".join(sorted(period.for_types))
            refusal = refusal or (service, R_OTHER_TYPE, {"service": service.name, "types": types})
            continue
        statuses.append((status, service))
    distinct = {s for s, _ in statuses}
    if len(distinct) == 1:
        return statuses[0][0], statuses[0][1], "", {}
    if len(distinct) > 1:
        return None, statuses[0][1], R_DISAGREE, {}
    assert refusal is not None  # every service was either refused or gave a status
    return None, refusal[0], refusal[1], refusal[2]


def _label(
    signer: Any,
    found: tuple[_Status | None, TrustedService | None, str, dict[str, str]],
    at: dt.datetime,
) -> tuple[str, TrustedService | None, str, dict[str, str]]:
    status, service, template, params = found
    if status is None and template in (R_WITHDRAWN, R_NOT_YET):
        # a listed CA whose service was not qualified at the signing time: an advanced
        # signature (or seal) all the same, not a qualified one; the reason says why
        seal = _looks_like_seal(signer) or ESEAL in _statements(signer).types
        return (ADESEAL if seal else ADESIG), service, template, params
    if status is None:
        return NOT_APPLICABLE, service, template, params
    if status.qualified and status.types == frozenset({WEB}):
        return NOT_APPLICABLE, service, R_WEB, {}
    if status.qualified and len(status.types) > 1:
        return NOT_APPLICABLE, service, R_TYPES, {}
    seal = ESEAL in status.types if status.types else _looks_like_seal(signer)
    if not status.qualified:
        why = status.why_not or WHY_NO_STATEMENT
        return (
            (ADESEAL, service, R_NOT_QC_SEAL, {"why": why})
            if seal
            else (ADESIG, service, R_NOT_QC_SIG, {"why": why})
        )
    if seal:
        return (
            (QESEAL, service, R_QESEAL, {})
            if status.qscd
            else (ADESEAL_QC, service, R_ADESEAL_QC, {})
        )
    return (QESIG, service, R_QESIG, {}) if status.qscd else (ADESIG_QC, service, R_ADESIG_QC, {})


def issuer_services(signer: Any, chain: list[Any], index: TrustedListIndex) -> list[TrustedService]:
    """The CA/QC services that list a certificate of the signer's chain, nearest first."""
    found: list[TrustedService] = []
    for cert in _issuers_nearest_first(signer, chain):
        for service in index.services_of(cert.dump(), cert.subject.hashable):
            if service.kind == CA_QC and service not in found:
                found.append(service)
        if found:
            return found
    return found


def _issuers_nearest_first(signer: Any, chain: list[Any]) -> list[Any]:
    ordered, current = [], signer
    remaining = [c for c in chain if c.dump() != signer.dump()]
    while remaining:
        issuer = next((c for c in remaining if c.subject == current.issuer), None)
        if issuer is None:
            break
        ordered.append(issuer)
        remaining.remove(issuer)
        if issuer.subject == issuer.issuer:
            break
        current = issuer
    return ordered


def _statements(signer: Any) -> _Status:
    """What the certificate says of itself (EN 319 412-5), the policies of before eIDAS
    standing in for the statements then."""
    from pyhanko.sign.ades import qualified_asn1

    qualified = qscd = False
    types: set[str] = set()
    for statement in qualified_asn1.get_qc_statements(signer):
        kind = statement["statement_id"].native
        if kind == "qc_compliance":
            qualified = True
        elif kind == "qc_sscd":
            qscd = True
        elif kind == "qc_type":
            types.update(t.native for t in statement["statement_info"])
    return _Status(qualified, frozenset(types), qscd and qualified)


def _status(signer: Any, period: ServicePeriod, at: dt.datetime) -> _Status | None:
    """The certificate's qualification under one service entry, or None when the entry is for
    other certificate types (its additional service information)."""
    from pyhanko.sign.validation.qualified.assess import QualificationAssessor
    from pyhanko.sign.validation.qualified.q_status import (
        QcPrivateKeyManagementType,
        QualifiedStatus,
    )
    from pyhanko.sign.validation.qualified.tsp import QcCertType, Qualifier

    own = _statements(signer)
    if at < EIDAS_START:
        policies = {p["policy_identifier"].dotted for p in signer.certificate_policies_value or ()}
        if PRE_EIDAS_QCP_PLUS in policies:
            own = _Status(True, own.types, True)
        elif PRE_EIDAS_QCP in policies:
            own = _Status(True, own.types, own.qscd)
    qualifiers: set[Any] = set()
    for qualification in period.qualifications:
        if qualification.criteria_list.matches(signer):
            qualifiers.update(qualification.qualifiers)
    # pyHanko decides with one type; several are decided by the list or stay several.
    single = next(iter(own.types)) if len(own.types) == 1 else ESIGN
    preliminary = QualifiedStatus(
        qualified=own.qualified,
        qc_type=QcCertType(single),
        qc_key_security=(
            QcPrivateKeyManagementType.QSCD if own.qscd else QcPrivateKeyManagementType.UNKNOWN
        ),
    )
    final = QualificationAssessor._final_status(preliminary, frozenset(qualifiers))
    decided_by_list = qualifiers & {Qualifier.FOR_ESIG, Qualifier.FOR_ESEAL, Qualifier.FOR_WSA}
    types = (
        frozenset({final.qc_type.value}) if decided_by_list or len(own.types) <= 1 else own.types
    )
    if not own.types and not decided_by_list:
        types = frozenset()  # no type stated: a signature's, unless the certificate is a seal's
    if period.for_types and not (types or {ESIGN}) & period.for_types:
        return None
    why = WHY_LIST_SAYS if own.qualified and not final.qualified else ""
    return _Status(final.qualified, types, final.qc_key_security.is_qscd, why)


def _looks_like_seal(signer: Any) -> bool:
    """A certificate with no QcType: an organisation's (a seal) when its subject names no
    person, only an organisation (EN 319 412-3)."""
    names = {pair["type"].native for rdn in signer.subject.chosen for pair in rdn}
    person = names & {"given_name", "surname", "pseudonym"}
    return not person and "organization_name" in names


def _day(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.UTC):%Y-%m-%d}"


def stale_note(info: ListInfo, moment: dt.datetime) -> str | None:
    if info.stale_at(moment) and info.next_update is not None:
        return f"{info.territory} list stale since {_day(info.next_update)}"
    return None
