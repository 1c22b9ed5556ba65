"""CAdES B-LTA (EN 319 122-1 5.5.3): an archive-time-stamp-v3 from the test PKI's TSA added to a
B-LT token, its ats-hash-index-v3 in the timestamp token's own unsigned attributes. The hashes
and the message imprint are recomputed here from asn1crypto's view of the token (not by the code
under test); openssl checks the CMS signature and the archive token against that imprint; our
validator sees B-LTA, validates the archive timestamp, and fails it when what it covers changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from asn1crypto import cms, core
from asn1crypto import crl as asn1_crl

from paraphe.core.errors import DocumentChanged, Notice
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.signing.cades_archive import add_archive_timestamp
from paraphe.core.signing.request import SignRequest
from paraphe.core.timestamps.client import TimestampService
from paraphe.core.timestamps.servers import tsa_servers
from paraphe.core.trust import load_certificates
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport, TimestampKind, TimestampReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.support.cades_shapes import (
    ARCHIVE_TIMESTAMP_V3,
    ATS_HASH_INDEX_V3,
    AtsHashIndexV3,
    attribute,
    timestamp_token,
    with_unsigned,
)
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.verdicts import PASSED, assert_verdict
from tests.support.verifiers import openssl_cms_verify, openssl_ts_verify

SIGNATURE_TIME_STAMP = "1.2.840.113549.1.9.16.2.14"


def _b_lt(pki: TestPki, document: Path) -> Path:
    assert pki.tsa_url is not None
    request = SignRequest(
        (document,), SignatureFormat.CADES, level=BaselineLevel.B_LT, tsa=tsa_servers([pki.tsa_url])
    )
    [result] = sign_with(pki, "rsa", request)
    return result.output


def _archived(pki: TestPki, token: Path, document: Path, md: str = "sha256") -> bytes:
    assert pki.tsa_url is not None
    with TimestampService(tsa_servers([pki.tsa_url])) as timestamps:
        return add_archive_timestamp(token.read_bytes(), timestamps, md, document)


def _verify(pki: TestPki, path: Path, offline: bool = False) -> SignatureReport:
    settings = VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
        offline=offline,
    )
    [report] = verify_paths([path], settings).all_signatures()
    return report


def _archives(report: SignatureReport) -> list[TimestampReport]:
    return [t for t in report.timestamps if t.kind is TimestampKind.ARCHIVE]


def _unsigned(signer_info: cms.SignerInfo) -> dict[str, list[core.Asn1Value]]:
    found: dict[str, list[core.Asn1Value]] = {}
    for attr in signer_info["unsigned_attrs"]:
        found.setdefault(attr["type"].dotted, []).extend(attr["values"])
    return found


def _by_hand_index(signed_data: cms.SignedData, signer_info: cms.SignerInfo) -> dict[str, list]:
    """EN 319 122-1 5.5.2, from asn1crypto's objects: a hash per certificate, per revocation
    choice, per (attrType, one value) of the unsigned attributes."""
    sha = hashlib.sha256
    return {
        "certificates_hash_index": [sha(c.dump()).digest() for c in signed_data["certificates"]],
        "crls_hash_index": [sha(r.dump()).digest() for r in signed_data["crls"]],
        "unsigned_attrs_hash_index": [
            sha(attr["type"].dump() + value.dump()).digest()
            for attr in signer_info["unsigned_attrs"]
            for value in attr["values"]
        ],
    }


def _by_hand_imprint(
    signed_data: cms.SignedData, signer_info: cms.SignerInfo, document: Path, index: bytes
) -> bytes:
    """EN 319 122-1 5.5.3: eContentType, the document's hash, the signer's fields but
    unsignedAttrs, the ats-hash-index-v3."""
    signed_attrs = signer_info["signed_attrs"].untag().dump()  # SET OF: tag 0x31
    assert signed_attrs[0] == 0x31
    parts = [
        signed_data["encap_content_info"]["content_type"].dump(),
        hashlib.sha256(document.read_bytes()).digest(),
        signer_info["version"].dump(),
        signer_info["sid"].dump(),
        signer_info["digest_algorithm"].dump(),
        b"\xa0" + signed_attrs[1:],  # as the SignerInfo holds it: [0] IMPLICIT
        signer_info["signature_algorithm"].dump(),
        signer_info["signature"].dump(),
        index,
    ]
    return hashlib.sha256(b"".join(parts)).digest()


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "Acte d'engagement.txt"
    path.write_text("Offre, lot 3 — montant 12 500 €\n", encoding="utf-8")
    return path


@pytest.fixture
def lta(pki: TestPki, document: Path) -> Path:
    """A B-LTA token beside its document; the B-LT it was made from kept as ``.b-lt``."""
    token = _b_lt(pki, document)
    token.with_suffix(".b-lt").write_bytes(token.read_bytes())
    token.write_bytes(_archived(pki, token, document))
    return token


def test_b_lta_structure_and_hashes_recomputed_by_hand(
    pki: TestPki, document: Path, lta: Path, tmp_path: Path
) -> None:
    before = cms.ContentInfo.load(lta.with_suffix(".b-lt").read_bytes())["content"]
    signed_data = cms.ContentInfo.load(lta.read_bytes())["content"]
    [signer_info] = signed_data["signer_infos"]
    unsigned = _unsigned(signer_info)
    assert sorted(unsigned) == sorted([SIGNATURE_TIME_STAMP, ARCHIVE_TIMESTAMP_V3])
    [archive] = unsigned[ARCHIVE_TIMESTAMP_V3]
    archive = cms.ContentInfo.load(archive.dump())
    assert archive["content_type"].native == "signed_data"
    [tsa_signer] = archive["content"]["signer_infos"]
    [index_value] = _unsigned(tsa_signer)[ATS_HASH_INDEX_V3]
    index = AtsHashIndexV3.load(index_value.dump())
    assert index["hash_ind_algorithm"]["algorithm"].native == "sha256"

    # the index covers the B-LT token as it was: what SignedData and the signer held then
    [before_signer] = before["signer_infos"]
    expected = _by_hand_index(before, before_signer)
    assert expected["certificates_hash_index"] and expected["crls_hash_index"]
    assert len(expected["unsigned_attrs_hash_index"]) == 1  # the signature timestamp
    for field, hashes in expected.items():
        assert index[field].native == hashes, field
    # what was covered is still there, byte for byte (only the archive attribute was added)
    assert (
        _by_hand_index(signed_data, signer_info)["crls_hash_index"] == expected["crls_hash_index"]
    )

    imprint = _by_hand_imprint(signed_data, signer_info, document, index_value.dump())
    tst_info = archive["content"]["encap_content_info"]["content"].parsed
    assert tst_info["message_imprint"]["hashed_message"].native == imprint
    assert tst_info["message_imprint"]["hash_algorithm"]["algorithm"].native == "sha256"
    checked = openssl_ts_verify(
        archive.dump(), imprint, pki.root_cert, pki.intermediate_cert, tmp_path
    )
    assert "Verification: OK" in checked.stdout, checked.stdout + checked.stderr

    signed = openssl_cms_verify(lta, document, pki.root_cert)
    assert signed.returncode == 0, signed.stderr


@pytest.mark.parametrize("offline", [False, True])
def test_b_lta_validates_with_its_archive_timestamp(offline: bool, pki: TestPki, lta: Path) -> None:
    report = _verify(pki, lta, offline=offline)
    assert_verdict(report, PASSED, level="B-LTA")
    [archive] = _archives(report)
    assert archive.indication is Indication.TOTAL_PASSED, archive
    assert archive.time is not None and archive.tsa and "Paraphe Test TSA" in archive.tsa
    [signature_stamp] = [t for t in report.timestamps if t.kind is TimestampKind.SIGNATURE]
    assert signature_stamp.time is not None and signature_stamp.time <= archive.time
    assert report.timestamp_time == signature_stamp.time  # the archive proves nothing more here


def test_a_second_archive_timestamp_covers_the_first(
    pki: TestPki, document: Path, lta: Path
) -> None:
    lta.write_bytes(_archived(pki, lta, document))
    signer_info = cms.ContentInfo.load(lta.read_bytes())["content"]["signer_infos"][0]
    assert len(_unsigned(signer_info)[ARCHIVE_TIMESTAMP_V3]) == 2
    report = _verify(pki, lta)
    assert_verdict(report, PASSED, level="B-LTA")
    assert [t.indication for t in _archives(report)] == [Indication.TOTAL_PASSED] * 2


def test_a_tampered_document_fails_the_signature_and_the_archive_timestamp(
    pki: TestPki, document: Path, lta: Path
) -> None:
    document.write_text("Offre, lot 3 — montant 99 500 €\n", encoding="utf-8")
    report = _verify(pki, lta)
    assert (report.indication, report.subindication) == (
        Indication.TOTAL_FAILED,
        SubIndication.HASH_FAILURE,
    )
    [archive] = _archives(report)
    assert (archive.indication, archive.subindication) == (
        Indication.TOTAL_FAILED,
        SubIndication.HASH_FAILURE,
    ), archive
    assert "message imprint differs" in archive.detail


def test_no_archive_timestamp_over_another_document(
    pki: TestPki, document: Path, lta: Path, tmp_path: Path
) -> None:
    other = tmp_path / "autre.txt"
    other.write_text("autre chose\n", encoding="utf-8")
    before = lta.read_bytes()
    with pytest.raises(DocumentChanged):
        _archived(pki, lta, other)
    assert lta.read_bytes() == before


def _replace_crls(token: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    content_info = cms.ContentInfo.load(token)
    signed_data = content_info["content"]
    signed_data["crls"] = cms.RevocationInfoChoices(change(list(signed_data["crls"])))
    return bytes(content_info.dump())


def test_data_added_after_the_archive_timestamp_keeps_it_valid(pki: TestPki, lta: Path) -> None:
    """EN 319 122-1 5.5.2: the index lists what was covered, so certificates, revocation data
    and unsigned attributes may be added after the archive timestamp (that is how the TSA's
    validation data and the next archive timestamp are added); 5.5.3 covers nothing else."""
    crl = asn1_crl.CertificateList.load(pki.crl_file("root").read_bytes())
    present = {c.dump() for c in cms.ContentInfo.load(lta.read_bytes())["content"]["crls"]}
    added = cms.RevocationInfoChoice({"crl": crl})
    if added.dump() in present:  # the root's CRL is in already: add the intermediate's
        crl = asn1_crl.CertificateList.load(pki.crl_file().read_bytes())
        added = cms.RevocationInfoChoice({"crl": crl})
    assert added.dump() not in present
    token = _replace_crls(lta.read_bytes(), lambda crls: [*crls, added])
    token = with_unsigned(token, [attribute("1.3.6.1.4.1.99999.2", core.UTF8String("note"))])
    lta.write_bytes(token)
    report = _verify(pki, lta)
    assert_verdict(report, PASSED, level="B-LTA")
    [archive] = _archives(report)
    assert archive.indication is Indication.TOTAL_PASSED, archive


def test_covered_revocation_data_removed_fails_the_archive_timestamp(
    pki: TestPki, lta: Path
) -> None:
    lta.write_bytes(_replace_crls(lta.read_bytes(), lambda crls: crls[1:]))
    report = _verify(pki, lta)
    [archive] = _archives(report)
    assert (archive.indication, archive.subindication) == (
        Indication.TOTAL_FAILED,
        SubIndication.HASH_FAILURE,
    ), archive
    assert "1 revocation entry" in archive.detail


def test_a_covered_unsigned_attribute_replaced_fails_the_archive_timestamp(
    pki: TestPki, lta: Path
) -> None:
    """The signature timestamp swapped for another genuine token: the index no longer finds it."""
    content_info = cms.ContentInfo.load(lta.read_bytes())
    signer_info = content_info["content"]["signer_infos"][0]
    kept = [a for a in signer_info["unsigned_attrs"] if a["type"].dotted != SIGNATURE_TIME_STAMP]
    other = timestamp_token(pki, signer_info["signature"].native)  # valid, for the same value
    signer_info["unsigned_attrs"] = cms.CMSAttributes(
        [*kept, cms.CMSAttribute({"type": "signature_time_stamp_token", "values": [other]})]
    )
    lta.write_bytes(content_info.dump())
    report = _verify(pki, lta)
    [archive] = _archives(report)
    assert (archive.indication, archive.subindication) == (
        Indication.TOTAL_FAILED,
        SubIndication.HASH_FAILURE,
    ), archive
    assert "1 unsigned attribute" in archive.detail


def test_an_archive_timestamp_in_another_algorithm_hashes_the_document_again(
    pki: TestPki, document: Path
) -> None:
    """SHA-384 over a SHA-256 signature: the document's hash in the imprint is a SHA-384 one."""
    token = _b_lt(pki, document)
    token.write_bytes(_archived(pki, token, document, md="sha384"))
    signed_data = cms.ContentInfo.load(token.read_bytes())["content"]
    assert {a["algorithm"].native for a in signed_data["digest_algorithms"]} == {
        "sha256",
        "sha384",
    }
    checked = openssl_cms_verify(token, document, pki.root_cert)
    assert checked.returncode == 0, checked.stderr
    report = _verify(pki, token)
    assert_verdict(report, PASSED, level="B-LTA")
    [archive] = _archives(report)
    assert archive.indication is Indication.TOTAL_PASSED, archive


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fake index", (Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE)),
        ("no index", (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE)),
        ("not a token", None),
    ],
)
def test_a_bad_archive_timestamp_gets_its_own_verdict_and_leaves_the_signature(
    value: str, expected: tuple[Indication, SubIndication] | None, pki: TestPki, lta: Path
) -> None:
    """A real token whose index lists what the signature never held, one with no index, and no
    token at all: each archive timestamp fails on its own; the signature keeps its verdict."""
    from tests.support.cades_shapes import archive_timestamp_v3

    bad: core.Asn1Value
    if value == "fake index":
        bad = archive_timestamp_v3(pki)
    elif value == "no index":
        bad = timestamp_token(pki, b"archive")
    else:
        bad = core.Integer(7)
    lta.write_bytes(with_unsigned(lta.read_bytes(), [attribute(ARCHIVE_TIMESTAMP_V3, bad)]))
    report = _verify(pki, lta)
    assert_verdict(report, PASSED, level="B-LTA")
    good, failed = sorted(
        _archives(report), key=lambda t: t.indication is not Indication.TOTAL_PASSED
    )
    assert good.indication is Indication.TOTAL_PASSED, good
    assert failed.indication is not Indication.TOTAL_PASSED, failed
    if expected is not None:
        assert (failed.indication, failed.subindication) == expected, failed
