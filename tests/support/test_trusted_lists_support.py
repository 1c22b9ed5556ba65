"""The synthetic trusted lists of ``tests.support.trusted_lists`` are what pyHanko expects of
real ones: their signature verifies (and stops verifying when it should), and their content
comes through ``eutl_parse`` as written."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from lxml import etree
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.qualified import eutl_parse
from pyhanko.sign.validation.qualified.tsp import (
    CAServiceInformation,
    PolicySetCriterion,
    QcCertType,
    Qualifier,
    TSPRegistry,
)
from pyhanko_certvalidator.authority import AuthorityWithCert

from tests.support.trusted_lists import (
    DS_NS,
    TSL_NS,
    XADES_NS,
    Pointer,
    QualificationSpec,
    ServiceSpec,
    Signer,
    StatusChange,
    TspSpec,
    make_lotl,
    make_trusted_list,
    serve_files,
    tamper,
)

ISSUED = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
NEXT = datetime(2026, 7, 15, 10, 0, tzinfo=UTC)
GRANTED = datetime(2020, 1, 1, tzinfo=UTC)
WITHDRAWN = datetime(2024, 6, 1, tzinfo=UTC)
SEAL_POLICY = "0.4.0.194112.1.3"  # QCP-l-qscd


@pytest.fixture(scope="module")
def tlso() -> Signer:
    return Signer.generate("FR test TLSO")


@pytest.fixture(scope="module")
def lotl_signer() -> Signer:
    return Signer.generate("EU test LOTL signer", key_type="rsa")


@pytest.fixture(scope="module")
def ca() -> Signer:
    return Signer.generate("Test Qualified CA")


@pytest.fixture(scope="module")
def tsa() -> Signer:
    return Signer.generate("Test QTSA")


def _national_list(tlso: Signer, ca: Signer, tsa: Signer, version: int = 5) -> bytes:
    granted = [StatusChange("granted", GRANTED)]
    return make_trusted_list(
        territory="FR",
        sequence=42,
        issued=ISSUED,
        next_update=NEXT,
        signer=tlso,
        version=version,
        pointers=[
            Pointer("EU", "https://lotl.example.test/eu-lotl.xml", [tlso.cert_der()], lotl=True)
        ],
        tsps=[
            TspSpec(
                "Test TSP",
                [
                    ServiceSpec(
                        "Test Qualified CA",
                        [ca.cert_der()],
                        granted,
                        for_types=["ForeSignatures", "ForeSeals"],
                        qualifications=[
                            QualificationSpec(["QCNoQSCD"]),
                            QualificationSpec(["QCForESeal"], policy_oids=[SEAL_POLICY]),
                        ],
                    ),
                    ServiceSpec("Test QTSA", [tsa.cert_der()], granted, service_type="TSA/QTST"),
                ],
            )
        ],
    )


def _registry(xml: bytes, signer: Signer) -> TSPRegistry:
    registry, errors = eutl_parse.trust_list_to_registry(xml.decode(), [signer.asn1_cert()])
    assert errors == []
    return registry


def _ca_services(registry: TSPRegistry, ca: Signer) -> list[CAServiceInformation]:
    found = registry.applicable_service_definitions(AuthorityWithCert(ca.asn1_cert()), None)
    return [service for service in found if isinstance(service, CAServiceInformation)]


@pytest.mark.parametrize("version", [5, 6])
def test_a_national_list_verifies_and_parses(
    tlso: Signer, ca: Signer, tsa: Signer, version: int
) -> None:
    registry = _registry(_national_list(tlso, ca, tsa, version), tlso)

    assert AuthorityWithCert(ca.asn1_cert()) in registry.known_certificate_authorities
    assert AuthorityWithCert(tsa.asn1_cert()) in registry.known_timestamp_authorities
    (service,) = _ca_services(registry, ca)
    assert service.base_info.service_name == "Test Qualified CA"
    assert service.base_info.valid_from == GRANTED
    assert service.base_info.additional_info_certificate_type == {
        QcCertType.QC_ESIGN,
        QcCertType.QC_ESEAL,
    }
    by_qualifier = {next(iter(q.qualifiers)): q for q in service.qualifications}
    assert set(by_qualifier) == {Qualifier.NO_QSCD, Qualifier.FOR_ESEAL}
    assert by_qualifier[Qualifier.FOR_ESEAL].criteria_list.criteria == {
        PolicySetCriterion(required_policy_oids=frozenset({SEAL_POLICY}))
    }


@pytest.mark.parametrize("version", [5, 6])
def test_the_signature_has_the_shape_of_the_real_lists(
    tlso: Signer, ca: Signer, tsa: Signer, version: int
) -> None:
    root = etree.fromstring(_national_list(tlso, ca, tsa, version))
    assert root.findtext(f"{{{TSL_NS}}}SchemeInformation/{{{TSL_NS}}}TSLVersionIdentifier") == str(
        version
    )
    signature = root[-1]
    assert signature.tag == f"{{{DS_NS}}}Signature"
    assert signature.prefix == "ds"
    references = signature.findall(f"{{{DS_NS}}}SignedInfo/{{{DS_NS}}}Reference")
    assert [r.get("URI") for r in references][:1] == [""]
    assert len(references) == 2  # the list, the signed properties
    expected = "SigningCertificateV2" if version == 6 else "SigningCertificate"
    assert signature.find(f".//{{{XADES_NS}}}{expected}/{{{XADES_NS}}}Cert") is not None
    assert signature.findtext(f".//{{{XADES_NS}}}SigningTime") == "2026-01-15T10:00:00Z"


def test_history_comes_newest_first_and_without_certificates_like_the_real_lists(
    tlso: Signer, ca: Signer
) -> None:
    history = [
        StatusChange("undersupervision", datetime(2015, 1, 1, tzinfo=UTC)),
        StatusChange("granted", GRANTED),
        StatusChange("withdrawn", WITHDRAWN),
    ]
    service = ServiceSpec("Old CA", [ca.cert_der()], history)
    xml = make_trusted_list(
        territory="BE",
        sequence=1,
        issued=ISSUED,
        next_update=NEXT,
        tsps=[TspSpec("Old TSP", [service])],
        signer=tlso,
    )
    root = etree.fromstring(xml)
    statuses = [s.text.rsplit("/", 1)[1] for s in root.iter(f"{{{TSL_NS}}}ServiceStatus") if s.text]
    assert statuses == ["withdrawn", "granted", "undersupervision"]
    instances = list(root.iter(f"{{{TSL_NS}}}ServiceHistoryInstance"))
    assert all(i.find(f".//{{{TSL_NS}}}X509Certificate") is None for i in instances)
    assert all(i.find(f".//{{{TSL_NS}}}X509SKI") is not None for i in instances)
    # pyHanko keeps only "granted" periods, and cannot tie one to a CA without its certificate.
    assert (
        AuthorityWithCert(ca.asn1_cert()) not in _registry(xml, tlso).known_certificate_authorities
    )


def test_a_withdrawn_service_keeps_its_granted_period_when_history_has_certificates(
    tlso: Signer, ca: Signer
) -> None:
    history = [StatusChange("granted", GRANTED), StatusChange("withdrawn", WITHDRAWN)]
    service = ServiceSpec(
        "Withdrawn CA",
        [ca.cert_der()],
        history,
        qualifications=[QualificationSpec(["QCWithQSCD"])],
        history_with_certs=True,
    )
    xml = make_trusted_list(
        territory="BE",
        sequence=2,
        issued=ISSUED,
        next_update=None,
        tsps=[TspSpec("Old TSP", [service])],
        signer=tlso,
        version=6,
    )
    (granted,) = _ca_services(_registry(xml, tlso), ca)
    assert (granted.base_info.valid_from, granted.base_info.valid_until) == (GRANTED, WITHDRAWN)
    assert {q for qual in granted.qualifications for q in qual.qualifiers} == {Qualifier.WITH_QSCD}


def test_a_list_is_rejected_with_another_signer_or_once_tampered(
    tlso: Signer, ca: Signer, tsa: Signer, lotl_signer: Signer
) -> None:
    xml = _national_list(tlso, ca, tsa)
    with pytest.raises(SignatureValidationError):
        eutl_parse.trust_list_to_registry(xml.decode(), [lotl_signer.asn1_cert()])
    with pytest.raises(SignatureValidationError):
        eutl_parse.trust_list_to_registry(tamper(xml).decode(), [tlso.asn1_cert()])


def test_a_list_signed_with_an_expired_certificate_is_rejected(ca: Signer, tsa: Signer) -> None:
    expired = Signer.generate(
        "Expired TLSO",
        not_before=datetime(2010, 1, 1, tzinfo=UTC),
        not_after=datetime(2015, 1, 1, tzinfo=UTC),
    )
    xml = _national_list(expired, ca, tsa)
    with pytest.raises(SignatureValidationError, match="expired"):
        eutl_parse.trust_list_to_registry(xml.decode(), [expired.asn1_cert()])


@pytest.mark.parametrize("version", [5, 6])
def test_a_lotl_verifies_and_parses(tlso: Signer, lotl_signer: Signer, version: int) -> None:
    pivots = [
        "https://lotl.example.test/eu-lotl-pivot-2.xml",
        "https://lotl.example.test/eu-lotl-pivot-1.xml",
    ]
    xml = make_lotl(
        sequence=300,
        issued=ISSUED,
        next_update=NEXT,
        signer=lotl_signer,
        pivots=pivots,
        version=version,
        pointers=[
            Pointer(
                "EU", "https://lotl.example.test/eu-lotl.xml", [lotl_signer.cert_der()], lotl=True
            ),
            Pointer("FR", "https://tl.example.test/tl-fr.xml", [tlso.cert_der()]),
        ],
    )
    result = eutl_parse.validate_and_parse_lotl(xml.decode(), [lotl_signer.asn1_cert()])

    assert result.errors == []
    assert result.pivot_urls == pivots
    assert result.claimed_date_issued == ISSUED
    lotl, fr = result.references
    assert (lotl.territory, lotl.location_uri) == ("EU", "https://lotl.example.test/eu-lotl.xml")
    assert eutl_parse.LOTL_RULE in lotl.scheme_rules
    assert [c.dump() for c in lotl.tlso_certs] == [lotl_signer.cert_der()]
    assert (fr.territory, fr.location_uri) == ("FR", "https://tl.example.test/tl-fr.xml")
    assert eutl_parse.LOTL_RULE not in fr.scheme_rules
    assert [c.dump() for c in fr.tlso_certs] == [tlso.cert_der()]

    with pytest.raises(SignatureValidationError):
        eutl_parse.validate_and_parse_lotl(tamper(xml).decode(), [lotl_signer.asn1_cert()])


def test_a_known_reanchor_hides_the_pivots_after_it(lotl_signer: Signer) -> None:
    reanchor = eutl_parse.KNOWN_OJEU_REANCHOR_URLS[0]
    newer, older = "https://x.test/eu-lotl-pivot-9.xml", "https://x.test/eu-lotl-pivot-8.xml"
    pointers = [Pointer("EU", "https://x.test/eu-lotl.xml", [lotl_signer.cert_der()], lotl=True)]

    def pivots_of(pivots: list[str], reanchor_urls: list[str]) -> list[str]:
        xml = make_lotl(
            sequence=9,
            issued=ISSUED,
            next_update=NEXT,
            pointers=pointers,
            signer=lotl_signer,
            pivots=pivots,
            reanchor_urls=reanchor_urls,
        )
        return eutl_parse.validate_and_parse_lotl(
            xml.decode(), [lotl_signer.asn1_cert()]
        ).pivot_urls

    # The 2026 LOTL's shape: the re-anchor first, so pyHanko follows no pivot at all.
    assert pivots_of([newer, older], reanchor_urls=[reanchor]) == []
    assert pivots_of([newer, reanchor, older], reanchor_urls=[]) == [newer]


def test_serve_files_serves_404s_and_counts() -> None:
    with serve_files({"tl-fr.xml": b"<list/>"}) as server:
        with urllib.request.urlopen(server.url_for("tl-fr.xml"), timeout=5) as response:
            assert response.read() == b"<list/>"
            assert response.headers["Content-Type"].startswith("application/xml")
        server.files["tl-fr.xml"] = b"<list2/>"
        with urllib.request.urlopen(f"{server.url}/tl-fr.xml", timeout=5) as response:
            assert response.read() == b"<list2/>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{server.url}/nothing.xml", timeout=5)
        assert missing.value.code == 404
        assert server.hits == {"tl-fr.xml": 2, "nothing.xml": 1}
