"""What a trusted list says, as kept in the cache: the list's identity and dates, and each
qualified service with the whole history of its status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...text.translatable import N_

STATUS_URI_BASE = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/"

GRANTED = "granted"
WITHDRAWN = "withdrawn"
PRE_EIDAS_QUALIFIED = frozenset({"undersupervision", "supervisionincessation", "accredited"})
"""Directive 1999/93 statuses under which a CA issued qualified certificates (TS 119 612 annex
and TS 119 615 5.1): they count as qualified before eIDAS applied (1 July 2016)."""
EIDAS_START = dt.datetime(2016, 6, 30, 22, 0, tzinfo=dt.UTC)  # 1 July 2016, Brussels time

STATUS_WORDS = (
    N_("granted"),
    N_("withdrawn"),
    N_("recognisedatnationallevel"),
    N_("deprecatedatnationallevel"),
    N_("undersupervision"),
    N_("supervisionincessation"),
    N_("supervisionceased"),
    N_("supervisionrevoked"),
    N_("accredited"),
    N_("accreditationceased"),
    N_("accreditationrevoked"),
)
"""The statuses' short names as a reason quotes them: translatable (TS 119 612 5.5.4)."""

CA_QC = "CA/QC"
QTST = "TSA/QTST"
SERVICE_TYPE_URI_BASE = "http://uri.etsi.org/TrstSvc/Svctype/"


def status_name(uri: str) -> str:
    """The short name of a status URI ("granted"), or the URI itself when it is another scheme's."""
    return uri[len(STATUS_URI_BASE) :] if uri.startswith(STATUS_URI_BASE) else uri


def is_positive(status: str, at: dt.datetime) -> bool:
    """Whether a service with this status is a qualified one at ``at``."""
    if status == GRANTED:
        return True
    return status in PRE_EIDAS_QUALIFIED and at < EIDAS_START


@dataclass(frozen=True)
class ListInfo:
    """One trusted list as fetched: who issued it, when, until when it is current."""

    territory: str
    sequence: int
    issued: dt.datetime
    next_update: dt.datetime | None
    location: str
    operator: str = ""
    version: int = 5

    @property
    def label(self) -> str:
        """ "FR 112 2023-02-23": how the qualification names the list (the JSON contract)."""
        return f"{self.territory} {self.sequence} {self.issued:%Y-%m-%d}"

    def stale_at(self, moment: dt.datetime) -> bool:
        return self.next_update is not None and moment > self.next_update


@dataclass(frozen=True)
class ServicePeriod:
    """One entry of a service's status history: from ``start`` until ``end`` (None: today)."""

    status: str
    start: dt.datetime
    end: dt.datetime | None
    qualifications: tuple[Any, ...] = ()
    """pyHanko ``Qualification`` objects (qualifiers and the criteria they apply to)."""
    for_types: frozenset[str] = frozenset()
    """The ``QcCertType`` values the service is limited to (qct_esign, qct_eseal, qct_web)."""

    def covers(self, moment: dt.datetime) -> bool:
        return self.start <= moment and (self.end is None or moment < self.end)


@dataclass(frozen=True)
class TrustedService:
    """A CA/QC or QTST service of a trusted list, identified by its certificates."""

    kind: str
    name: str
    provider: str
    list_label: str
    territory: str
    certificates: tuple[bytes, ...]
    periods: tuple[ServicePeriod, ...] = field(default=())
    """Oldest first; the last one is the current status."""

    def period_at(self, moment: dt.datetime) -> ServicePeriod | None:
        for period in self.periods:
            if period.covers(moment):
                return period
        return None
