"""The validation with time (EN 319 102-1, 5.5), the same in the three formats: a valid signature
timestamp proves when the signature existed, and the signing certificate is judged at that time.

Signatures are timestamped by the real test TSA with its clock moved back
(``TsaInThePast``), as if made weeks ago; the certificates' revocation comes from the test PKI's
OCSP responder and CRLs, fetched as a buyer's computer would."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from paraphe.core.credentials import Pkcs12Credential
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.signing.engine import BatchSigner, plan_documents
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport, TimestampKind
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES
from tests.support.fake_tsa import TsaInThePast
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.verdicts import PASSED, assert_verdict

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
FORMATS = [SignatureFormat.XADES, SignatureFormat.CADES, SignatureFormat.PADES]


def _signed(
    pki: TestPki, persona: str, fmt: SignatureFormat, when: dt.datetime, folder: Path
) -> Path:
    folder.mkdir(parents=True)
    if fmt is SignatureFormat.PADES:
        document = folder / "Acte d'engagement.pdf"
        shutil.copy(SAMPLES / "Acte d'engagement.pdf", document)
    else:
        document = folder / "Mémoire technique.txt"
        document.write_text("Offre\n", encoding="utf-8")
    assert pki.tsa_url is not None
    request = SignRequest((document,), fmt, level=BaselineLevel.B_T, tsa=tsa_servers([pki.tsa_url]))
    # below the engine's certificate check: a signature made back then, when it was valid
    with Pkcs12Credential.open(pki.p12(persona), PKCS12_PASSWORD) as credential:
        signer = BatchSigner(request, credential, timestamps=TsaInThePast(pki, when))  # type: ignore[arg-type]
        outcome = signer.run(plan_documents(request))
    assert not outcome.failures, outcome.failures
    return outcome.results[0].output


def _verify(pki: TestPki, path: Path, **options: object) -> SignatureReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)), trust_sources=(), **options
    )
    [signature] = verify_paths([path], settings).all_signatures()
    return signature


def _proven_at(report: SignatureReport, when: dt.datetime) -> None:
    [timestamp] = report.timestamps
    assert timestamp.kind is TimestampKind.SIGNATURE
    assert timestamp.indication is Indication.TOTAL_PASSED, timestamp
    assert timestamp.time is not None and abs(timestamp.time - when) < dt.timedelta(minutes=1)
    assert timestamp.tsa is not None and "Paraphe Test TSA" in timestamp.tsa
    assert report.timestamp_time == timestamp.time


@pytest.mark.parametrize("fmt", FORMATS)
def test_expired_after_the_timestamp_passes(fmt: SignatureFormat, pki: TestPki, tmp_path: Path):
    when = NOW - 60 * DAY  # 'expired' ran until 30 days ago
    report = _verify(pki, _signed(pki, "expired", fmt, when, tmp_path / "d"))
    assert_verdict(report, PASSED, level="B-T")
    _proven_at(report, when)


@pytest.mark.parametrize("fmt", FORMATS)
def test_timestamped_after_expiry_proves_nothing(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path
):
    when = NOW - 10 * DAY
    report = _verify(pki, _signed(pki, "expired", fmt, when, tmp_path / "d"))
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE))
    _proven_at(report, when)


@pytest.mark.parametrize("fmt", FORMATS)
def test_revoked_after_the_timestamp_passes(fmt: SignatureFormat, pki: TestPki, tmp_path: Path):
    when = NOW - 2 * DAY  # 'revoked' was revoked yesterday
    report = _verify(pki, _signed(pki, "revoked", fmt, when, tmp_path / "d"))
    assert_verdict(report, PASSED, level="B-T")
    _proven_at(report, when)
    assert report.revocation is not None and report.revocation.revoked_at is not None
    assert report.revocation.revoked_at > when  # reported, and settled by the proof


@pytest.mark.parametrize("fmt", FORMATS)
def test_revoked_before_the_timestamp_fails(fmt: SignatureFormat, pki: TestPki, tmp_path: Path):
    report = _verify(pki, _signed(pki, "revoked", fmt, NOW, tmp_path / "d"))
    assert_verdict(report, (Indication.TOTAL_FAILED, SubIndication.REVOKED), level="B-T")
    _proven_at(report, NOW)


@pytest.mark.parametrize("fmt", FORMATS)
def test_expired_and_revoked_before_the_timestamp_fails(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path
):
    """Expired now, so the basic validation never looks at its revocation: the past check at the
    proven time must, or a revoked certificate would pass."""
    when = NOW - 45 * DAY  # revoked 60 days ago, expired 30 days ago
    report = _verify(pki, _signed(pki, "expired-revoked", fmt, when, tmp_path / "d"))
    assert_verdict(report, (Indication.TOTAL_FAILED, SubIndication.REVOKED))
    _proven_at(report, when)


@pytest.mark.parametrize("fmt", FORMATS)
def test_expired_and_revoked_after_the_timestamp_passes(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path
):
    when = NOW - 90 * DAY
    report = _verify(pki, _signed(pki, "expired-revoked", fmt, when, tmp_path / "d"))
    assert_verdict(report, PASSED)
    _proven_at(report, when)


@pytest.mark.parametrize("fmt", FORMATS)
def test_timestamped_before_the_certificate_existed_fails(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path
):
    report = _verify(pki, _signed(pki, "not-yet-valid", fmt, NOW, tmp_path / "d"))
    assert_verdict(report, (Indication.TOTAL_FAILED, SubIndication.NOT_YET_VALID))


def test_without_network_a_timestamp_proves_nothing_and_the_verdict_says_try_later(
    pki: TestPki, tmp_path: Path
):
    signed = _signed(pki, "rsa", SignatureFormat.CADES, NOW, tmp_path / "d")
    report = _verify(pki, signed, offline=True)
    # neither the signer's nor the TSA's revocation can be had
    assert_verdict(report, (Indication.INDETERMINATE, SubIndication.TRY_LATER))
    [timestamp] = report.timestamps
    assert (timestamp.indication, timestamp.subindication) == (
        Indication.INDETERMINATE,
        SubIndication.TRY_LATER,
    )
    assert report.timestamp_time is None


def test_a_timestamp_of_another_signature_proves_nothing_and_leaves_a_valid_one_valid(
    pki: TestPki, tmp_path: Path
):
    """A SignatureTimeStamp copied from another token: the TSA's token is genuine but for
    another signature value. It fails on its own; the signature, valid now, stays valid."""
    ours = _signed(pki, "rsa", SignatureFormat.XADES, NOW, tmp_path / "a")
    other = _signed(pki, "rsa", SignatureFormat.XADES, NOW - DAY, tmp_path / "b")
    stamp = "EncapsulatedTimeStamp>"
    mine, theirs = ours.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    their_token = theirs.split(stamp)[1]
    head, _, tail = mine.split(stamp)
    ours.write_text(f"{head}{stamp}{their_token}{stamp}{tail}", encoding="utf-8")

    report = _verify(pki, ours)
    assert_verdict(report, PASSED, level="B-T", checks={"signature timestamp": False})
    [timestamp] = report.timestamps
    assert timestamp.indication is not Indication.TOTAL_PASSED
    assert "imprint" in timestamp.detail
    assert report.timestamp_time is None


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("later", [30 * DAY, 3 * 365 * DAY])
def test_b_lt_validates_offline_from_its_own_data_long_after(
    fmt: SignatureFormat, later: dt.timedelta, pki: TestPki, tmp_path: Path
):
    """Opened 30 days later, its OCSP answers are stale; 3 years later its certificate has
    expired too: the signature's own data, as of its timestamp, still decides. A B-T signature
    has no such data: TRY_LATER."""
    from tests.support.signing import sign_with

    assert pki.tsa_url is not None
    results = {}
    for level in (BaselineLevel.B_T, BaselineLevel.B_LT):
        folder = tmp_path / level.value
        folder.mkdir()
        if fmt is SignatureFormat.PADES:
            document = folder / "Acte d'engagement.pdf"
            shutil.copy(SAMPLES / "Acte d'engagement.pdf", document)
        else:
            document = folder / "Mémoire technique.txt"
            document.write_text("Offre\n", encoding="utf-8")
        request = SignRequest((document,), fmt, level=level, tsa=tsa_servers([pki.tsa_url]))
        [result] = sign_with(pki, "rsa", request)
        results[level] = _verify(pki, result.output, offline=True, validation_time=NOW + later)
    assert_verdict(results[BaselineLevel.B_LT], PASSED, level="B-LT")
    assert results[BaselineLevel.B_LT].timestamp_time is not None
    assert results[BaselineLevel.B_T].subindication is SubIndication.TRY_LATER


@pytest.mark.parametrize(
    "fmt", [SignatureFormat.XADES, SignatureFormat.CADES, SignatureFormat.PADES]
)
def test_b_lta_outlives_the_signature_timestamps_tsa(
    fmt: SignatureFormat, pki: TestPki, tmp_path: Path
):
    """Signature timestamp from a TSA whose certificate expires in a year, archive timestamp
    from one that lasts; 18 months later the first has expired: the archive timestamp proves
    the signature timestamp was made in time (B-LTA), a B-LT signature has nothing to show."""
    from paraphe.core.signing.extend import ExtendRequest, extend_batch
    from tests.support.signing import sign_with

    assert pki.tsa_url is not None and pki.short_tsa_url is not None
    later = NOW + 548 * DAY  # the signer's certificate (2 years) is still valid
    outputs = {}
    for level in (BaselineLevel.B_LT, BaselineLevel.B_LTA):
        folder = tmp_path / level.value
        folder.mkdir()
        if fmt is SignatureFormat.PADES:
            document = folder / "Acte d'engagement.pdf"
            shutil.copy(SAMPLES / "Acte d'engagement.pdf", document)
        else:
            document = folder / "Mémoire technique.txt"
            document.write_text("Offre\n", encoding="utf-8")
        short = tsa_servers([pki.short_tsa_url])
        request = SignRequest((document,), fmt, level=BaselineLevel.B_LT, tsa=short)
        [result] = sign_with(pki, "rsa", request)
        if level is BaselineLevel.B_LTA:
            to_lta = ExtendRequest((result.output,), level, tsa_servers([pki.tsa_url]))
            assert extend_batch(to_lta).results[0].after is level
        outputs[level] = result.output

    archived = _verify(pki, outputs[BaselineLevel.B_LTA], validation_time=later)
    assert_verdict(archived, PASSED, level="B-LTA")
    signature_stamp = next(t for t in archived.timestamps if t.kind is TimestampKind.SIGNATURE)
    assert signature_stamp.indication is Indication.TOTAL_PASSED
    assert "archive timestamp proves" in signature_stamp.detail
    long_term = _verify(pki, outputs[BaselineLevel.B_LT], validation_time=later)
    assert long_term.indication is not Indication.TOTAL_PASSED
