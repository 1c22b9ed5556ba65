"""The verification settings (trust anchors, time, online or offline) and the one way to build
them from trust sources and the revocation cache, so that the command line, the desktop app and
the demo verify alike; pyHanko's specs are derived from them here too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509

from ..errors import Notice
from ..trust import TrustSource, gather
from ..trust.eutl.describe import eu_trusted_lists
from ..validation_data.cache import load_cached_crls, load_cached_ocsps


def verification_settings(
    sources: Sequence[TrustSource],
    *,
    offline: bool = False,
    validation_time: dt.datetime | None = None,
    crl_folder: Path | None = None,
    eu_trust: bool = True,
    extra_certs: tuple[asn1_x509.Certificate, ...] = (),
) -> VerificationSettings:
    """Settings trusting ``sources`` (read now, so a certificate just added counts) and, unless
    ``eu_trust`` is off, the EU trusted lists as last updated (or as shipped), with the cached
    CRLs and OCSP responses still current at the validation time (``crl_folder``: the user's
    revocation cache, which signing fills too); ``extra_certs`` are known, not trusted."""
    anchors, names = gather(list(sources))
    eu_lists = None
    if eu_trust:
        eu_lists, eu_names = eu_trusted_lists(validation_time or dt.datetime.now(dt.UTC))
        names = (*names, *eu_names)
    return VerificationSettings(
        trust_roots=anchors,
        trust_sources=names,
        offline=offline,
        validation_time=validation_time,
        known_crls=load_cached_crls(crl_folder, at=validation_time),
        known_ocsps=load_cached_ocsps(crl_folder, at=validation_time),
        eu_lists=eu_lists,
        extra_certs=extra_certs,
    )


@dataclass(frozen=True)
class VerificationSettings:
    trust_roots: tuple[asn1_x509.Certificate, ...]
    """Certificates trusted as anchors (user store, --trust files, system roots on request)."""
    trust_sources: tuple[Notice, ...] = ()
    """Where the anchors came from, for the report (English in JSON, translated on screen)."""
    offline: bool = False
    """Use only revocation data embedded in the signature (or cached): never fetch."""
    validation_time: dt.datetime | None = None
    """Validate as at this time (--at); None is now."""
    extra_certs: tuple[asn1_x509.Certificate, ...] = field(default=())
    known_crls: tuple[Any, ...] = field(default=())
    """CRLs already at hand (asn1crypto CertificateList), e.g. a cached or locally published one."""
    known_ocsps: tuple[Any, ...] = field(default=())
    """OCSP responses already at hand (asn1crypto OCSPResponse), from the revocation cache."""
    eu_lists: Any = None
    """The EU trusted lists (``TrustedListIndex``), or None when they are not used."""

    @property
    def moment(self) -> dt.datetime:
        return self.validation_time or dt.datetime.now(dt.UTC)

    def timing_info(self) -> Any:
        from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

        if self.validation_time is None:
            return ValidationTimingInfo.now()
        return ValidationTimingInfo(
            self.validation_time, self.validation_time, point_in_time_validation=True
        )

    def trust_manager(self) -> Any:
        """The user's anchors, and the trusted lists' services when they are used."""
        from pyhanko_certvalidator.registry import SimpleTrustManager

        if self.eu_lists is None:
            return SimpleTrustManager.build(trust_roots=list(self.trust_roots))
        from ..trust.eutl.index import TrustedListTrustManager

        return TrustedListTrustManager(self.eu_lists, self.trust_roots)

    def signature_spec(self) -> Any:
        """pyHanko's SignatureValidationSpec: revocation data required, fetched unless offline."""
        from pyhanko.sign.validation.policy_decl import (
            LocalKnowledge,
            RevinfoOnlineFetchingRule,
            RevocationInfoGatheringSpec,
            SignatureValidationSpec,
        )
        from pyhanko_certvalidator.context import CertValidationPolicySpec
        from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
        from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

        from ..net.http import fetcher_backend

        gathering = (
            RevocationInfoGatheringSpec(online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY)
            if self.offline
            else RevocationInfoGatheringSpec(fetcher_backend=fetcher_backend())
        )
        return SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=self.trust_manager(),
                revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
            ),
            revinfo_gathering_policy=gathering,
            local_knowledge=LocalKnowledge(
                known_certs=list(self.extra_certs),
                known_crls=[CRLContainer(crl_data) for crl_data in self.known_crls],
                known_ocsps=[
                    container
                    for response in self.known_ocsps
                    for container in OCSPContainer.load_multi(response)
                ],
            ),
        )
