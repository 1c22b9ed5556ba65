"""Self-test of the certomancer-based test PKI (tests/support/pki.py)."""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import core
from asn1crypto import ocsp as asn1_ocsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import ocsp as x509_ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from tests.support.pki import PERSONAS, PKCS12_PASSWORD, TestPki, build_test_pki, serve_pki

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")

QC_STATEMENTS = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
QC_OIDS = ("0.4.0.1862.1.1", "0.4.0.1862.1.4", "0.4.0.1862.1.6", "0.4.0.1862.1.6.1")
CHAINING = ("rsa", "ecdsa", "rsa3072", "no-nonrepudiation", "revoked")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestPki]:
    with build_test_pki(tmp_path_factory.mktemp("pki"), serve=True) as built:
        yield built


def openssl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["openssl", *map(str, args)], capture_output=True, text=True, check=False, timeout=30
    )


def load_cert(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def ca_public_key(path: Path) -> rsa.RSAPublicKey:
    key = load_cert(path).public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    return key


def fetch(url: str, data: bytes | None = None, content_type: str | None = None) -> bytes:
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return response.read()


def crl_url_of(cert: x509.Certificate) -> str:
    points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    return points[0].full_name[0].value


def ocsp_url_of(cert: x509.Certificate) -> str:
    aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    ocsp_oid = AuthorityInformationAccessOID.OCSP
    return next(d.access_location.value for d in aia if d.access_method == ocsp_oid)


# --- files, chains, extensions ----------------------------------------------------------------


@pytest.mark.parametrize("persona", CHAINING)
def test_persona_chains_to_root(pki: TestPki, persona: str) -> None:
    result = openssl(
        "verify", "-CAfile", pki.root_cert, "-untrusted", pki.intermediate_cert, pki.cert(persona)
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("persona", "message"),
    [("expired", "certificate has expired"), ("not-yet-valid", "certificate is not yet valid")],
)
def test_out_of_validity_personas_fail(pki: TestPki, persona: str, message: str) -> None:
    result = openssl(
        "verify", "-CAfile", pki.root_cert, "-untrusted", pki.intermediate_cert, pki.cert(persona)
    )
    assert result.returncode != 0
    assert message in result.stdout + result.stderr


def test_untrusted_persona_chains_only_to_untrusted_root(pki: TestPki) -> None:
    bad = openssl(
        "verify",
        "-CAfile",
        pki.root_cert,
        "-untrusted",
        pki.intermediate_cert,
        pki.cert("untrusted"),
    )
    assert bad.returncode != 0
    good = openssl("verify", "-CAfile", pki.untrusted_root_cert, pki.cert("untrusted"))
    assert good.returncode == 0, good.stdout + good.stderr


def test_ca_bundle_holds_intermediate_then_root(pki: TestPki) -> None:
    bundle = x509.load_pem_x509_certificates(pki.ca_bundle.read_bytes())
    assert bundle == [load_cert(pki.intermediate_cert), load_cert(pki.root_cert)]
    result = openssl("verify", "-CAfile", pki.ca_bundle, pki.cert("rsa"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("persona", PERSONAS)
def test_key_matches_certificate(pki: TestPki, persona: str) -> None:
    key = serialization.load_pem_private_key(pki.key(persona).read_bytes(), password=None)
    assert pki.key(persona).read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS#8
    cert = load_cert(pki.cert(persona))
    assert cert.public_key() == key.public_key()
    if persona == "ecdsa":
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        assert isinstance(key.curve, ec.SECP256R1)
    else:
        assert isinstance(key, rsa.RSAPrivateKey)
        assert key.key_size == (3072 if persona == "rsa3072" else 2048)


def test_validity_periods(pki: TestPki) -> None:
    now = datetime.now(UTC)
    day, year = timedelta(days=1), timedelta(days=365)

    def close_to(actual: datetime, expected: datetime) -> bool:
        return abs(actual - expected) < timedelta(minutes=10)

    expectations = {
        "rsa": (now - day, now + 2 * year),
        "expired": (now - 2 * year, now - 30 * day),
        "not-yet-valid": (now + 30 * day, now + 2 * year),
        "revoked": (now - 10 * day, now + 2 * year),
    }
    for persona, (start, end) in expectations.items():
        cert = load_cert(pki.cert(persona))
        assert close_to(cert.not_valid_before_utc, start), persona
        assert close_to(cert.not_valid_after_utc, end), persona
    for ca in (pki.root_cert, pki.intermediate_cert, pki.untrusted_root_cert):
        cert = load_cert(ca)
        assert cert.not_valid_before_utc < now - year
        assert cert.not_valid_after_utc > now + 3 * year


def test_rsa_subject(pki: TestPki) -> None:
    subject = load_cert(pki.cert("rsa")).subject

    def attr(oid: x509.ObjectIdentifier) -> str:
        return str(subject.get_attributes_for_oid(oid)[0].value)

    assert attr(NameOID.COUNTRY_NAME) == "FR"
    assert attr(NameOID.ORGANIZATION_NAME) == "ENTREPRISE TEST SAS"
    assert attr(NameOID.ORGANIZATION_IDENTIFIER) == "NTRFR-123456789"
    assert attr(NameOID.COMMON_NAME) == "Jeanne Test"
    assert attr(NameOID.GIVEN_NAME) == "Jeanne"
    assert attr(NameOID.SURNAME) == "Test"
    assert attr(NameOID.SERIAL_NUMBER)
    ecdsa_cn = load_cert(pki.cert("ecdsa")).subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert ecdsa_cn[0].value == "Ecdsa Test"


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "no-nonrepudiation"])
def test_qualified_personas_have_qc_statements(pki: TestPki, persona: str) -> None:
    cert = load_cert(pki.cert(persona))
    raw = cert.extensions.get_extension_for_oid(QC_STATEMENTS).value.public_bytes()
    for oid in QC_OIDS:
        assert core.ObjectIdentifier(oid).dump() in raw, oid
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical
    assert ku.value.digital_signature and ku.value.content_commitment


def test_qc_statements_visible_to_openssl(pki: TestPki) -> None:
    result = openssl("asn1parse", "-in", pki.cert("rsa"))
    assert "qcStatements" in result.stdout
    rsa_der = load_cert(pki.cert("rsa")).public_bytes(serialization.Encoding.DER)
    for oid in QC_OIDS:
        assert core.ObjectIdentifier(oid).dump() in rsa_der


def test_no_nonrepudiation_persona(pki: TestPki) -> None:
    cert = load_cert(pki.cert("no-nonrepudiation"))
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_oid(QC_STATEMENTS)
    der = cert.public_bytes(serialization.Encoding.DER)
    for oid in QC_OIDS:
        assert core.ObjectIdentifier(oid).dump() not in der
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature and not ku.value.content_commitment


def test_tsa_and_ocsp_certificates(pki: TestPki) -> None:
    eku = load_cert(pki.tsa_cert).extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    eku = load_cert(pki.ocsp_cert).extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert list(eku.value) == [ExtendedKeyUsageOID.OCSP_SIGNING]


# --- PKCS#12 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_p12_opens_with_cryptography(pki: TestPki, persona: str) -> None:
    key, cert, cas = pkcs12.load_key_and_certificates(
        pki.p12(persona).read_bytes(), PKCS12_PASSWORD.encode("utf-8")
    )
    assert key is not None and cert is not None
    assert cert == load_cert(pki.cert(persona))
    assert cert.public_key() == key.public_key()
    if persona == "untrusted":
        assert cas == [load_cert(pki.untrusted_root_cert)]
    else:
        assert cas == [load_cert(pki.intermediate_cert), load_cert(pki.root_cert)]


def test_p12_password_is_really_non_ascii(pki: TestPki) -> None:
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(
            pki.p12("rsa").read_bytes(), PKCS12_PASSWORD.replace("ä", "a").encode("utf-8")
        )


def test_p12_opens_with_openssl_and_uses_aes(pki: TestPki) -> None:
    result = openssl(
        "pkcs12", "-in", pki.p12("rsa"), "-passin", f"pass:{PKCS12_PASSWORD}", "-noout", "-info"
    )
    assert result.returncode == 0, result.stderr
    assert "AES-256-CBC" in result.stderr
    wrong = openssl("pkcs12", "-in", pki.p12("rsa"), "-passin", "pass:wrong", "-noout")
    assert wrong.returncode != 0


# --- served services --------------------------------------------------------------------------


def test_urls_in_certificates_point_at_the_server(pki: TestPki) -> None:
    assert pki.service_url is not None and pki.service_url.startswith("http://127.0.0.1:")
    cert = load_cert(pki.cert("rsa"))
    assert crl_url_of(cert) == pki.crl_url()
    assert ocsp_url_of(cert) == pki.ocsp_url
    assert pki.tsa_url == f"{pki.service_url}/paraphe-test/tsa/tsa"


def test_crl_lists_revoked_persona(pki: TestPki) -> None:
    data = fetch(crl_url_of(load_cert(pki.cert("revoked"))))
    crl = x509.load_der_x509_crl(data)
    assert crl.is_signature_valid(ca_public_key(pki.intermediate_cert))
    revoked = crl.get_revoked_certificate_by_serial_number(
        load_cert(pki.cert("revoked")).serial_number
    )
    assert revoked is not None
    assert revoked.revocation_date_utc < datetime.now(UTC)
    assert (
        crl.get_revoked_certificate_by_serial_number(load_cert(pki.cert("rsa")).serial_number)
        is None
    )
    assert crl.next_update_utc is not None and crl.next_update_utc > datetime.now(UTC)
    # the build-time copy says the same
    offline = x509.load_der_x509_crl(pki.crl_file("intermediate").read_bytes())
    revoked_personas = ("revoked", "expired-revoked")
    assert sorted(r.serial_number for r in offline) == sorted(
        load_cert(pki.cert(persona)).serial_number for persona in revoked_personas
    )


def test_root_crl_is_served(pki: TestPki) -> None:
    url = crl_url_of(load_cert(pki.intermediate_cert))
    assert url == pki.crl_url("root")
    crl = x509.load_der_x509_crl(fetch(url))
    assert crl.is_signature_valid(ca_public_key(pki.root_cert))
    assert len(crl) == 0


@pytest.mark.parametrize(("persona", "status"), [("revoked", "revoked"), ("rsa", "good")])
def test_ocsp_with_openssl(pki: TestPki, persona: str, status: str) -> None:
    result = openssl(
        "ocsp",
        "-issuer",
        pki.intermediate_cert,
        "-cert",
        pki.cert(persona),
        "-url",
        ocsp_url_of(load_cert(pki.cert(persona))),
        "-CAfile",
        pki.root_cert,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Response verify OK" in output
    assert f"{pki.cert(persona)}: {status}" in output


def test_ocsp_for_untrusted_root(pki: TestPki) -> None:
    result = openssl(
        "ocsp",
        "-issuer",
        pki.untrusted_root_cert,
        "-cert",
        pki.cert("untrusted"),
        "-url",
        ocsp_url_of(load_cert(pki.cert("untrusted"))),
        "-CAfile",
        pki.untrusted_root_cert,
    )
    output = result.stdout + result.stderr
    assert "Response verify OK" in output
    assert f"{pki.cert('untrusted')}: good" in output


def test_ocsp_times_are_whole_seconds(pki: TestPki) -> None:
    assert pki.ocsp_url is not None
    request = (
        x509_ocsp.OCSPRequestBuilder()
        .add_certificate(
            load_cert(pki.cert("rsa")), load_cert(pki.intermediate_cert), hashes.SHA256()
        )
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    data = fetch(pki.ocsp_url, request, "application/ocsp-request")
    basic = asn1_ocsp.OCSPResponse.load(data)["response_bytes"]["response"].parsed
    tbs = basic["tbs_response_data"]
    times = [tbs["produced_at"].contents]
    for single in tbs["responses"]:
        times += [single["this_update"].contents, single["next_update"].untag().contents]
    for raw in times:
        assert b"." not in raw, raw  # NSS rejects fractional seconds


def test_timestamp_request_is_granted(pki: TestPki, tmp_path: Path) -> None:
    assert pki.tsa_url is not None
    data_file = tmp_path / "données.txt"
    data_file.write_text("contenu à horodater\n", encoding="utf-8")
    query, reply = tmp_path / "q.tsq", tmp_path / "r.tsr"
    made = openssl("ts", "-query", "-data", data_file, "-sha256", "-cert", "-out", query)
    assert made.returncode == 0, made.stderr
    reply.write_bytes(fetch(pki.tsa_url, query.read_bytes(), "application/timestamp-query"))
    text = openssl("ts", "-reply", "-in", reply, "-text")
    assert "Status: Granted." in text.stdout, text.stdout + text.stderr
    verified = openssl(
        "ts",
        "-verify",
        "-in",
        reply,
        "-queryfile",
        query,
        "-CAfile",
        pki.root_cert,
        "-untrusted",
        pki.intermediate_cert,
    )
    assert "Verification: OK" in verified.stdout, verified.stdout + verified.stderr


# --- unserved builds, serve_pki, close ---------------------------------------------------------


def test_unserved_build_then_serve_pki(tmp_path: Path) -> None:
    built = build_test_pki(tmp_path / "pki")
    assert built.service_url is None and built.tsa_url is None and built.ocsp_url is None
    assert all(built.p12(p).is_file() and built.key(p).is_file() for p in PERSONAS)
    with pytest.raises(KeyError):
        built.cert("nobody")
    with serve_pki(built.directory) as url:
        crl = x509.load_der_x509_crl(fetch(f"{url}/paraphe-test/crls/intermediate/latest.crl"))
        revoked = load_cert(built.cert("revoked")).serial_number
        assert crl.get_revoked_certificate_by_serial_number(revoked) is not None
        result = openssl(
            "ocsp",
            "-issuer",
            built.intermediate_cert,
            "-cert",
            built.cert("revoked"),
            "-url",
            f"{url}/paraphe-test/ocsp/intermediate",
            "-CAfile",
            built.root_cert,
        )
        assert f"{built.cert('revoked')}: revoked" in result.stdout
    with pytest.raises(urllib.error.URLError):
        fetch(f"{url}/paraphe-test/crls/intermediate/latest.crl")


def test_close_stops_the_server(tmp_path: Path) -> None:
    with build_test_pki(tmp_path, serve=True) as served:
        url = served.crl_url()
        assert url is not None
        fetch(url)
    with pytest.raises(urllib.error.URLError):
        fetch(url)
    served.close()  # idempotent
