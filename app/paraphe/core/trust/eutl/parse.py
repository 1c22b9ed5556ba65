"""A trusted list's XML (already verified) → its ``ListInfo`` and its services with their whole
status history.

pyHanko parses the XML into its xsdata model of TS 119 612 (v5 and v6) and interprets one
service entry (certificates, qualifications, additional information); what it drops is kept
here: services whose current status is not "granted", and every history entry with its status
and period, so that a signing time in the past gets the status of its day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import CA_QC, QTST, SERVICE_TYPE_URI_BASE, ListInfo, ServicePeriod, TrustedService
from .model import status_name as _status_name


class TrustedListFormatError(ValueError):
    """The XML is no trusted list this version of TS 119 612 describes."""


@dataclass
class ParsedList:
    info: ListInfo
    services: list[TrustedService] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Service entries that could not be read (the rest of the list is used)."""


def _eutl() -> Any:
    from pyhanko.sign.validation.qualified import eutl_parse

    return eutl_parse


def list_info(tree: Any, location: str) -> ListInfo:
    """The scheme information of a parsed list (pyHanko's ``TrustServiceStatusList``)."""
    eutl = _eutl()
    scheme = tree.scheme_information
    if scheme is None or scheme.list_issue_date_time is None or scheme.scheme_territory is None:
        raise TrustedListFormatError("no scheme information (territory, issue date)")
    next_update = scheme.next_update.date_time if scheme.next_update else None
    operator = (
        eutl._service_name_from_intl_string(scheme.scheme_operator_name)
        if scheme.scheme_operator_name
        else ""
    )
    return ListInfo(
        territory=scheme.scheme_territory.value,
        sequence=int(scheme.tslsequence_number or 0),
        issued=scheme.list_issue_date_time.to_datetime(),
        next_update=next_update.to_datetime() if next_update else None,
        location=location,
        operator=operator,
        version=int(scheme.tslversion_identifier or 5),
    )


def parse_tree(xml: str) -> Any:
    try:
        return _eutl()._raw_tl_parse(xml)
    except Exception as exc:  # xsdata raises many kinds on a damaged list
        raise TrustedListFormatError(f"not a trusted list ({exc.__class__.__name__})") from None


def parse_trusted_list(xml: str, location: str) -> ParsedList:
    """Every CA/QC and QTST service of a (verified) list, with its status history."""
    tree = parse_tree(xml)
    try:
        info = list_info(tree, location)
    except (ValueError, TypeError, AttributeError) as exc:
        raise TrustedListFormatError(f"its scheme information cannot be read ({exc})") from None
    parsed = ParsedList(info)
    providers = tree.trust_service_provider_list
    for provider in providers.trust_service_provider if providers else ():
        provider_name = _intl(provider.tspinformation.tspname if provider.tspinformation else None)
        for service in provider.tspservices.tspservice if provider.tspservices else ():
            try:
                read = _read_service(service, provider_name, parsed.info)
            except Exception as exc:  # one bad entry must not lose the list
                parsed.problems.append(f"{provider_name}: {exc}")
                continue
            if read is not None:
                parsed.services.append(read)
    return parsed


def _intl(value: Any) -> str:
    return _eutl()._service_name_from_intl_string(value) if value else ""


def _read_service(service: Any, provider: str, info: ListInfo) -> TrustedService | None:
    current = service.service_information
    if current is None or current.service_type_identifier is None:
        return None
    type_uri = current.service_type_identifier.value
    kind = type_uri[len(SERVICE_TYPE_URI_BASE) :]
    if kind not in (CA_QC, QTST):
        return None
    eutl = _eutl()
    interpret = (
        eutl._interpret_historical_service_info_for_ca
        if kind == CA_QC
        else eutl._interpret_historical_service_info_for_qtst
    )
    entries = [_as_history_instance(current)]
    if service.service_history:
        entries.extend(service.service_history.service_history_instance)
    dated = sorted(
        (e for e in entries if e.status_starting_time is not None),
        key=lambda e: e.status_starting_time.to_datetime(),
    )
    periods: list[ServicePeriod] = []
    certificates: dict[bytes, None] = {}
    for index, entry in enumerate(dated):
        start = entry.status_starting_time.to_datetime()
        end = (
            dated[index + 1].status_starting_time.to_datetime() if index + 1 < len(dated) else None
        )
        interpreted = interpret(entry, next_update_at=end)
        for cert in interpreted.base_info.provider_certs:
            certificates[cert.dump()] = None
        periods.append(
            ServicePeriod(
                status=_status_name(entry.service_status.value if entry.service_status else ""),
                start=start,
                end=end,
                qualifications=tuple(interpreted.qualifications),
                for_types=frozenset(
                    t.value for t in interpreted.base_info.additional_info_certificate_type
                ),
            )
        )
    if not certificates:
        return None  # a service known only by name or key identifier cannot anchor a chain
    return TrustedService(
        kind=kind,
        name=_intl(current.service_name),
        provider=provider,
        list_label=info.label,
        territory=info.territory,
        certificates=tuple(certificates),
        periods=tuple(periods),
    )


def _as_history_instance(current: Any) -> Any:
    from pyhanko.generated.etsi import ts_119612

    return ts_119612.ServiceHistoryInstance(
        service_type_identifier=current.service_type_identifier,
        service_name=current.service_name,
        service_digital_identity=current.service_digital_identity,
        service_status=current.service_status,
        status_starting_time=current.status_starting_time,
        service_information_extensions=current.service_information_extensions,
    )
