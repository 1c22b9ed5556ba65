"""The verification guide, made for real signatures of the test PKI and read back as text
(``pdftotext -layout``): what a buyer needs to verify them, in French and in English, with the
CA's certificate and CRL when the CA is in no trusted list, its entry when it is."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from paraphe.cli.i18n import translator
from paraphe.core.credentials import Pkcs12Credential
from paraphe.core.reports.details import grouped
from paraphe.core.reports.names import name_in_words
from paraphe.core.reports.verification_guide import (
    ANSSI_SITE,
    DSS_VALIDATOR,
    GuideNotWritable,
    current_trusted_lists,
    guide_words,
    publish_verification_guide,
    utc_moment,
    write_guide_pdf,
)
from paraphe.core.signing.request import SignatureFormat, SignRequest, SignResult
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.signing import sign_with
from tests.support.trusted_lists import ServiceSpec, StatusChange, published_lists

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
FRENCH_TITLE = "Procédure de vérification des signatures"
ENGLISH_TITLE = "Signature verification procedure"


def french(text: str) -> str:
    return translator("fr")(text)


def english(text: str) -> str:
    return text


@dataclass
class Signed:
    results: list[SignResult]
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


@pytest.fixture(scope="module")
def signed(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Signed:
    """Two documents signed in XAdES, one in CAdES, with the "rsa" persona."""
    folder = tmp_path_factory.mktemp("guide-signed")
    first, second = folder / "Acte d'engagement.txt", folder / "Mémoire technique.txt"
    first.write_text("Offre de prix\n", encoding="utf-8")
    second.write_text("Mémoire\n", encoding="utf-8")
    results = sign_with(pki, "rsa", SignRequest(documents=(first, second)))
    results += sign_with(pki, "rsa", SignRequest(documents=(first,), format=SignatureFormat.CADES))
    with Pkcs12Credential.open(pki.p12("rsa"), PKCS12_PASSWORD) as credential:
        return Signed(results, credential.certificate, tuple(credential.chain))


def guide_text(signed: Signed, translate, language: str = "fr", trusted_lists=None) -> str:
    out = io.BytesIO()
    write_guide_pdf(
        out,
        signed.results,
        signed.certificate,
        signed.chain,
        words=guide_words(translate),
        language=language,
        version="9.9",
        trusted_lists=trusted_lists,
    )
    return pdf_text(out.getvalue())


def pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """Without white space: a fingerprint or an address wrapped over two lines reads whole."""
    return "".join(text.split())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_french_guide_names_files_certificate_authority_and_free_ways(
    signed: Signed, pki: TestPki
) -> None:
    text = guide_text(signed, french)
    flat = squeezed(text)
    assert FRENCH_TITLE in text
    for result in signed.results:
        for path in (result.document, result.output):
            assert squeezed(path.name) in flat
            assert sha256(path) in flat
    assert "signature (XAdES)" in text and "signature (CAdES)" in text
    cert = signed.certificate
    # the subject and issuer in words, each attribute labelled in French (not dotted OIDs)
    assert squeezed(name_in_words(cert.subject.rfc4514_string(), translator("fr"))) in flat
    assert squeezed(name_in_words(cert.issuer.rfc4514_string(), translator("fr"))) in flat
    assert "2.5.4." not in flat
    assert format(cert.serial_number, "x") in flat
    assert squeezed(grouped(cert.fingerprint(hashes.SHA256()).hex())) in flat
    assert utc_moment(cert.not_valid_before_utc) in text
    assert utc_moment(cert.not_valid_after_utc) in text
    # The test CA is in no trusted list: its certificate and its CRL are given instead.
    [ca] = [c for c in signed.chain if c.subject == cert.issuer]
    assert squeezed(grouped(ca.fingerprint(hashes.SHA256()).hex())) in flat
    crl = pki.crl_url()
    assert crl is not None and squeezed(crl) in flat
    assert "ne figure pas dans les listes de confiance" in text
    # The three free ways, step by step.
    assert "1. Avec Paraphe" in text and "parapheverify" in flat
    assert "2. Avec le validateur de démonstration DSS" in text
    assert squeezed(DSS_VALIDATOR) in flat
    assert "3. Avec les services gratuits de l’État" in text
    assert squeezed(ANSSI_SITE) in flat


def test_the_english_guide_on_request(signed: Signed) -> None:
    text = guide_text(signed, english, language="en")
    assert ENGLISH_TITLE in text and FRENCH_TITLE not in text
    assert "1. With Paraphe" in text
    assert "2. With the European Commission's DSS demonstration validator" in text
    assert "3. With the French State's free services" in text
    assert "is not in the EU trusted lists" in text


def test_a_second_guide_never_replaces_the_first(signed: Signed, tmp_path: Path) -> None:
    def publish(translate) -> Path:
        return publish_verification_guide(
            signed.results,
            signed.certificate,
            signed.chain,
            folder=tmp_path,
            words=guide_words(translate),
            language="fr",
            version="9.9",
            trusted_lists=None,
        )

    first = publish(french)
    content = first.read_bytes()
    second = publish(french)
    assert first.name == f"{FRENCH_TITLE}.pdf"
    assert second.name == f"{FRENCH_TITLE} (2).pdf"
    assert first.read_bytes() == content
    assert publish(english).name == f"{ENGLISH_TITLE}.pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{FRENCH_TITLE}.pdf", f"{FRENCH_TITLE} (2).pdf", f"{ENGLISH_TITLE}.pdf"]
    )


def test_a_folder_that_cannot_be_written_says_so_and_leaves_nothing(
    signed: Signed, tmp_path: Path
) -> None:
    missing = tmp_path / "gone"
    with pytest.raises(GuideNotWritable) as caught:
        publish_verification_guide(
            signed.results,
            signed.certificate,
            signed.chain,
            folder=missing,
            words=guide_words(english),
            language="en",
            version="9.9",
            trusted_lists=None,
        )
    assert "cannot write the verification guide" in caught.value.message
    assert "the signatures are written" in caught.value.message
    assert not missing.exists()


# --- an issuer in a trusted list ----------------------------------------------------------------


@pytest.fixture
def listed(pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The test PKI's issuing CA as a granted CA/QC service of a synthetic French list, fetched
    and verified into a fresh user data folder; the list's label is given."""
    from paraphe.core.trust.eutl.manage import refresh

    monkeypatch.setenv("PARAPHE_DATA_DIR", str(tmp_path / "data"))
    ca = x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())
    service = ServiceSpec(
        "Paraphe Test Qualified CA",
        [ca.public_bytes(serialization.Encoding.DER)],
        [StatusChange("granted", NOW - dt.timedelta(days=3650))],
        for_types=["ForeSignatures"],
    )
    with published_lists(tmp_path) as lists:
        label = lists.publish(
            [service], issued=NOW - dt.timedelta(days=1), next_update=NOW + dt.timedelta(days=180)
        )
        refresh(lists.lotl_url, lotl_signer=lists.lotl_signer)
        yield label


def test_an_issuer_in_a_trusted_list_is_named_by_its_entry(signed: Signed, listed: str) -> None:
    index = current_trusted_lists()
    assert index is not None
    text = guide_text(signed, english, language="en", trusted_lists=index)
    assert "is in the EU trusted lists" in text
    assert listed in text
    assert "Paraphe Test Qualified CA" in text
    assert "Paraphe Test TSP" in text
    assert "granted since" in text
    french_text = guide_text(signed, french, trusted_lists=index)
    assert "figure dans les listes de confiance de l’UE" in french_text
    assert "accordé depuis le" in french_text
