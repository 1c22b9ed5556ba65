"""The cache's JSON form of lists and services, so that a verification reads an index in tens of
milliseconds instead of parsing and verifying some thirty lists (seconds).

Qualifications are pyHanko objects (``Qualification``, ``CriteriaList`` and the criteria); they
are written as plain dictionaries and rebuilt as the same objects.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from .model import ListInfo, ServicePeriod, TrustedService


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def encode_list(info: ListInfo) -> dict[str, Any]:
    return {
        "territory": info.territory,
        "sequence": info.sequence,
        "issued": _time(info.issued),
        "next_update": _time(info.next_update),
        "location": info.location,
        "operator": info.operator,
        "version": info.version,
    }


def decode_list(data: dict[str, Any]) -> ListInfo:
    issued = _parse_time(data["issued"])
    assert issued is not None
    return ListInfo(
        territory=data["territory"],
        sequence=int(data["sequence"]),
        issued=issued,
        next_update=_parse_time(data.get("next_update")),
        location=data.get("location", ""),
        operator=data.get("operator", ""),
        version=int(data.get("version", 5)),
    )


def encode_service(service: TrustedService) -> dict[str, Any]:
    return {
        "kind": service.kind,
        "name": service.name,
        "provider": service.provider,
        "list": service.list_label,
        "territory": service.territory,
        "certificates": [base64.b64encode(c).decode("ascii") for c in service.certificates],
        "periods": [
            {
                "status": p.status,
                "start": _time(p.start),
                "end": _time(p.end),
                "for_types": sorted(p.for_types),
                "qualifications": [_encode_qualification(q) for q in p.qualifications],
            }
            for p in service.periods
        ],
    }


def decode_service(data: dict[str, Any]) -> TrustedService:
    return TrustedService(
        kind=data["kind"],
        name=data["name"],
        provider=data.get("provider", ""),
        list_label=data["list"],
        territory=data.get("territory", ""),
        certificates=tuple(base64.b64decode(c) for c in data["certificates"]),
        periods=tuple(
            ServicePeriod(
                status=p["status"],
                start=_parse_time(p["start"]) or dt.datetime.min.replace(tzinfo=dt.UTC),
                end=_parse_time(p.get("end")),
                for_types=frozenset(p.get("for_types", ())),
                qualifications=tuple(_decode_qualification(q) for q in p.get("qualifications", ())),
            )
            for p in data["periods"]
        ),
    )


def _encode_qualification(qualification: Any) -> dict[str, Any]:
    return {
        "qualifiers": sorted(q.value for q in qualification.qualifiers),
        "criteria": _encode_criterion(qualification.criteria_list),
    }


def _decode_qualification(data: dict[str, Any]) -> Any:
    from pyhanko.sign.validation.qualified.tsp import Qualification, Qualifier

    return Qualification(
        qualifiers=frozenset(Qualifier(q) for q in data["qualifiers"]),
        criteria_list=_decode_criterion(data["criteria"]),
    )


def _encode_criterion(criterion: Any) -> dict[str, Any]:
    from pyhanko.sign.validation.qualified import tsp

    if isinstance(criterion, tsp.CriteriaList):
        return {
            "combine": criterion.combine_as.value,
            "criteria": [_encode_criterion(c) for c in criterion.criteria],
        }
    if isinstance(criterion, tsp.PolicySetCriterion):
        return {"policies": sorted(criterion.required_policy_oids)}
    if isinstance(criterion, tsp.CertSubjectDNCriterion):
        return {"subject_attributes": sorted(criterion.required_rdn_part_oids)}
    if isinstance(criterion, tsp.KeyUsageCriterion):
        settings = criterion.settings
        return {
            "key_usage": _optional_set(settings.key_usage),
            "key_usage_forbidden": _optional_set(settings.key_usage_forbidden),
            "extended_key_usage": _optional_set(settings.extd_key_usage),
        }
    raise TypeError(f"unknown criterion {criterion!r}")


def _decode_criterion(data: dict[str, Any]) -> Any:
    from pyhanko.sign.validation.qualified import tsp
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    if "combine" in data:
        return tsp.CriteriaList(
            combine_as=tsp.CriteriaCombination(data["combine"]),
            criteria=frozenset(_decode_criterion(c) for c in data["criteria"]),
        )
    if "policies" in data:
        return tsp.PolicySetCriterion(required_policy_oids=frozenset(data["policies"]))
    if "subject_attributes" in data:
        return tsp.CertSubjectDNCriterion(frozenset(data["subject_attributes"]))
    return tsp.KeyUsageCriterion(
        settings=KeyUsageConstraints(
            key_usage=_frozen(data["key_usage"]),
            key_usage_forbidden=_frozen(data["key_usage_forbidden"]),
            extd_key_usage=_frozen(data["extended_key_usage"]),
        )
    )


def _optional_set(values: Any) -> list[str] | None:
    return None if values is None else sorted(values)


def _frozen(values: list[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)
