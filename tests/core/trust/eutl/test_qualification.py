"""Qualification (TS 119 615 → TS 119 172-4 labels) of certificates made for each case, against
services built in memory: the statements a certificate makes, the qualifiers a list applies, the
status history at the signing time, pre-eIDAS statuses, two QcTypes."""

from __future__ import annotations

import datetime as dt

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.sign.ades import qualified_asn1
from pyhanko.sign.validation.qualified.tsp import (
    CriteriaCombination,
    CriteriaList,
    PolicySetCriterion,
    Qualification,
    Qualifier,
)

from paraphe.core.trust.eutl.cache import ListRecord, TrustedListCache
from paraphe.core.trust.eutl.index import TrustedListIndex
from paraphe.core.trust.eutl.model import ListInfo, ServicePeriod, TrustedService
from paraphe.core.trust.eutl.qualification import qualify
from paraphe.core.trust.eutl.update import _indexed

T0 = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
WITHDRAWN_AT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
BEFORE = dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
AFTER = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
POLICY = "1.2.250.1.999.1"
_CA_KEY = ec.generate_private_key(ec.SECP256R1())
_CA_NAME = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Qualified CA")])


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _ca() -> asn1_x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_CA_NAME)
        .issuer_name(_CA_NAME)
        .public_key(_CA_KEY.public_key())
        .serial_number(1)
        .not_valid_before(dt.datetime(2010, 1, 1))
        .not_valid_after(dt.datetime(2040, 1, 1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    )
    return _asn1(builder.sign(_CA_KEY, hashes.SHA256()))


CA = _ca()


def _leaf(
    *statements: str,
    types: tuple[str, ...] = (),
    person: bool = True,
    policy: str | None = None,
) -> asn1_x509.Certificate:
    attributes = (
        [
            x509.NameAttribute(NameOID.GIVEN_NAME, "Marie"),
            x509.NameAttribute(NameOID.SURNAME, "Durand"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Marie Durand"),
        ]
        if person
        else [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ACME SA"),
            x509.NameAttribute(NameOID.COMMON_NAME, "ACME cachet"),
        ]
    )
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(_CA_NAME)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2012, 1, 1))
        .not_valid_after(dt.datetime(2039, 1, 1))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
    )
    parts = [qualified_asn1.QcStatement({"statement_id": s}) for s in statements]
    if types:
        parts.append(
            qualified_asn1.QcStatement(
                {
                    "statement_id": "qc_type",
                    "statement_info": qualified_asn1.QcCertificateType(list(types)),
                }
            )
        )
    if parts:
        der = qualified_asn1.QcStatements(parts).dump()
        builder = builder.add_extension(
            x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"), der),
            critical=False,
        )
    if policy:
        builder = builder.add_extension(
            x509.CertificatePolicies([x509.PolicyInformation(x509.ObjectIdentifier(policy), None)]),
            critical=False,
        )
    return _asn1(builder.sign(_CA_KEY, hashes.SHA256()))


QESIG_CERT = _leaf("qc_compliance", "qc_sscd", types=("qct_esign",))


def _qualification(*qualifiers: Qualifier, policy: str = POLICY) -> Qualification:
    return Qualification(
        qualifiers=frozenset(qualifiers),
        criteria_list=CriteriaList(
            CriteriaCombination.AT_LEAST_ONE, frozenset({PolicySetCriterion(frozenset({policy}))})
        ),
    )


def _index(*periods: ServicePeriod, for_types: frozenset[str] = frozenset()) -> TrustedListIndex:
    periods = tuple(
        ServicePeriod(p.status, p.start, p.end, p.qualifications, p.for_types or for_types)
        for p in periods
    )
    service = TrustedService(
        kind="CA/QC",
        name="Test Qualified CA service",
        provider="Test TSP",
        list_label="FR 7 2025-01-01",
        territory="FR",
        certificates=(CA.dump(),),
        periods=periods,
    )
    info = ListInfo("FR", 7, dt.datetime(2025, 1, 1, tzinfo=dt.UTC), None, "test")
    record = ListRecord(location="test", territory="FR", info=info, services=[_indexed(service)])
    return TrustedListIndex(TrustedListCache("test", info.issued, [record]))


GRANTED = ServicePeriod("granted", T0, None)


def _q(cert=QESIG_CERT, index=None, at=BEFORE, valid=True):
    return qualify(
        cert, [CA], at=at, source="timestamp", valid=valid, index=index or _index(GRANTED)
    )


def test_a_qualified_certificate_on_a_qscd_from_a_granted_service_is_qesig() -> None:
    q = _q()
    assert (q.status, q.procurement_acceptable) == ("QESig", True)
    assert q.trusted_list == "FR 7 2025-01-01" and q.service == "Test Qualified CA service"
    assert "qualified electronic signature" in q.reason


def test_no_qscd_is_adesig_qc_still_acceptable() -> None:
    q = _q(_leaf("qc_compliance", types=("qct_esign",)))
    assert (q.status, q.procurement_acceptable) == ("AdESig-QC", True)


def test_a_seal_is_qeseal_not_acceptable() -> None:
    q = _q(_leaf("qc_compliance", "qc_sscd", types=("qct_eseal",), person=False))
    assert (q.status, q.procurement_acceptable) == ("QESeal", False)
    assert "seal" in q.reason


def test_not_qualified_certificate_is_adesig_or_adeseal() -> None:
    assert _q(_leaf()).status == "AdESig"
    assert _q(_leaf(person=False)).status == "AdESeal"
    assert not _q(_leaf()).procurement_acceptable


def test_withdrawn_before_the_signing_time_is_not_qualified_granted_then_is() -> None:
    index = _index(
        ServicePeriod("granted", T0, WITHDRAWN_AT), ServicePeriod("withdrawn", WITHDRAWN_AT, None)
    )
    assert _q(index=index, at=BEFORE).status == "QESig"
    after = _q(index=index, at=AFTER)
    assert (after.status, after.procurement_acceptable) == ("AdESig", False)
    assert "withdrawn" in after.reason and "2024-01-01" in after.reason


def test_not_yet_listed_at_the_signing_time() -> None:
    index = _index(ServicePeriod("granted", WITHDRAWN_AT, None))
    q = _q(index=index, at=BEFORE)
    assert q.status == "AdESig" and "not yet" in q.reason


def test_pre_eidas_accredited_status_counts_before_july_2016_only() -> None:
    accredited = ServicePeriod("accredited", T0, None)
    assert _q(index=_index(accredited), at=dt.datetime(2015, 6, 1, tzinfo=dt.UTC)).status == "QESig"
    assert _q(index=_index(accredited), at=BEFORE).status == "AdESig"


@pytest.mark.parametrize(
    ("qualifiers", "expected"),
    [
        ((Qualifier.NO_QSCD,), "AdESig-QC"),
        ((Qualifier.FOR_ESEAL,), "QESeal"),
        ((Qualifier.NOT_QUALIFIED,), "AdESig"),
        ((Qualifier.QSCD_MANAGED_ON_BEHALF,), "QESig"),
    ],
)
def test_the_lists_qualifiers_override_what_the_certificate_says(qualifiers, expected) -> None:
    cert = _leaf("qc_compliance", "qc_sscd", types=("qct_esign",), policy=POLICY)
    index = _index(ServicePeriod("granted", T0, None, (_qualification(*qualifiers),)))
    assert _q(cert, index).status == expected


def test_qualifiers_apply_only_to_the_certificates_their_criteria_match() -> None:
    cert = _leaf("qc_compliance", "qc_sscd", types=("qct_esign",), policy="1.2.3.4")
    index = _index(ServicePeriod("granted", T0, None, (_qualification(Qualifier.NO_QSCD),)))
    assert _q(cert, index).status == "QESig"


def test_qc_statement_qualifier_makes_a_silent_certificate_qualified() -> None:
    cert = _leaf(types=("qct_esign",), policy=POLICY)
    index = _index(
        ServicePeriod(
            "granted", T0, None, (_qualification(Qualifier.QC_STATEMENT, Qualifier.WITH_QSCD),)
        )
    )
    assert _q(cert, index).status == "QESig"


def test_two_qc_types_need_the_list_to_decide() -> None:
    both = ("qct_esign", "qct_eseal")
    cert = _leaf("qc_compliance", "qc_sscd", types=both, policy=POLICY)
    undecided = _q(cert)
    assert undecided.status == "N/A" and "several uses" in undecided.reason
    decided = _index(ServicePeriod("granted", T0, None, (_qualification(Qualifier.FOR_ESIG),)))
    assert _q(cert, decided).status == "QESig"


def test_a_service_for_seals_only_does_not_qualify_a_signature_certificate() -> None:
    index = _index(GRANTED, for_types=frozenset({"qct_eseal"}))
    assert _q(index=index).status == "N/A"


def test_an_invalid_signature_has_no_qualification() -> None:
    q = _q(valid=False)
    assert (q.status, q.procurement_acceptable) == ("N/A", False)
    assert "did not pass validation" in q.reason


def test_lists_off_or_ca_not_listed() -> None:
    off = qualify(QESIG_CERT, [CA], at=BEFORE, source="claimed", valid=True, index=None)
    assert off.status == "N/A" and "not used" in off.reason
    other_ca = _index(GRANTED)
    stranger = _leaf("qc_compliance")
    q = qualify(stranger, [], at=BEFORE, source="claimed", valid=True, index=other_ca)
    assert q.status == "N/A" and "not a qualified service" in q.reason
