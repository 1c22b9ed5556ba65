"""The dated crypto policy (``validation.crypto_policy``): each algorithm judged at the time the
signature is proven to exist, against dates from one table with their source.

The dates are DSS's default policy (ETSI TS 119 312 V1.4.2, TS 102 176-1): SHA-1 not accepted
from 2009-01-01, RSA-1024 from 2009-01-01, RSA of 1900 bits and more from 2026-01-01 (a forecast
made after the policy's last review in 2022: a warning only, as DSS's ``LevelAfterUpdate``).
A signature proven (by a valid timestamp) to exist before a sunset keeps its verdict with a note;
one that is not is INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE (the CMS tests check that
verdict on openssl's SHA-1 tokens; a timestamp from before 2009 cannot be made with a test PKI
born today, so the "proven before" case is checked here, on the policy).
"""

from __future__ import annotations

import datetime as dt

import pytest
from asn1crypto import algos, pem
from asn1crypto import x509 as asn1_x509

from paraphe.core.validation import crypto_policy
from paraphe.core.validation.crypto_policy import AlgorithmUse, judge
from tests.support.pki import TestPki

NOW = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)
SHA1 = AlgorithmUse("sha1", "the digest of the signature")


def at(year: int, month: int = 6) -> dt.datetime:
    return dt.datetime(year, month, 1, tzinfo=dt.UTC)


def test_sha1_proven_before_its_sunset_is_accepted_with_a_note() -> None:
    """A timestamp of 2008 proves the SHA-1 signature was made while SHA-1 was accepted: the
    signature keeps its verdict; the note says SHA-1 is no longer accepted since 2009-01-01."""
    judgement = judge([SHA1], at(2008), proven=True, now=NOW)

    assert judgement.accepted
    (note,) = judgement.notes
    assert "SHA-1" in note and "2009-01-01" in note and "2008-06-01" in note


def test_sha1_proven_only_after_its_sunset_is_refused_with_the_date() -> None:
    judgement = judge([SHA1], at(2010), proven=True, now=NOW)

    assert not judgement.accepted
    assert "SHA-1" in judgement.reason and "2009-01-01" in judgement.reason
    assert "proven to exist only since 2010-06-01" in judgement.reason


def test_sha1_without_proof_of_time_is_refused() -> None:
    judgement = judge([SHA1], NOW, proven=False, now=NOW)

    assert not judgement.accepted
    assert "nothing proves it was made before that date" in judgement.reason


@pytest.mark.parametrize(
    ("key_size", "year", "accepted", "noted"),
    [
        (1024, 2008, True, True),  # before its 2009 sunset, proven: a note
        (1024, 2010, False, False),  # after it
        (1536, 2017, False, False),  # 1536-bit RSA: 2016
        (2048, 2026, True, True),  # past the 2026 forecast: accepted, to be reviewed
        (3072, 2026, True, False),  # 3000 bits and more: 2029
        (512, 2000, False, False),  # smaller than any row: never
    ],
)
def test_rsa_key_sizes(key_size: int, year: int, accepted: bool, noted: bool) -> None:
    """RSA is judged by the row of the largest size the key reaches."""
    judgement = judge([AlgorithmUse("rsa", "the key", key_size)], at(year), proven=True, now=NOW)

    assert judgement.accepted is accepted, judgement
    assert bool(judgement.notes) is noted, judgement
    if not accepted:
        assert f"RSA-{key_size}" in judgement.reason


def test_ecdsa_p256_and_sha256_are_accepted_without_a_note() -> None:
    uses = [AlgorithmUse("sha256", "the digest"), AlgorithmUse("ec", "the key", 256)]

    assert judge(uses, NOW, proven=False, now=NOW) == crypto_policy.CryptoJudgement(True)


def test_an_algorithm_the_policy_has_no_date_for_is_not_judged() -> None:
    """Whether it can be computed at all is the cryptographic library's business."""
    uses = [AlgorithmUse("ed25519", "the key", 256), AlgorithmUse("sha3_224", "the digest")]

    assert judge(uses, NOW, proven=False, now=NOW).accepted


def test_every_date_has_its_source() -> None:
    """The dates are data, in one place, each with where it comes from."""
    rows = [(date, source) for date, source in crypto_policy.DIGEST_SUNSETS.values()]
    rows += [
        (date, source) for sizes in crypto_policy.KEY_SUNSETS.values() for _, date, source in sizes
    ]
    assert rows and all(source.startswith("ETSI") for _, source in rows)
    assert all(date.tzinfo is dt.UTC and date.month == date.day == 1 for date, _ in rows)


def test_uses_are_read_from_a_signature_and_a_certification_path(pki: TestPki) -> None:
    """From asn1crypto values: the signature's digest, the other hash its mechanism names
    (``sha1_rsa`` over a SHA-256 digest) and the signer's key; each certificate of the path
    signed by its issuer's key, the trust anchor's own signature left out."""

    def load(path: object) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(pem.unarmor(path.read_bytes())[2])  # type: ignore[attr-defined]

    root, intermediate, signer = (
        load(p) for p in (pki.root_cert, pki.intermediate_cert, pki.cert("rsa"))
    )
    mechanism = algos.SignedDigestAlgorithm({"algorithm": "sha1_rsa"})

    uses = crypto_policy.uses_of_signature(mechanism, "sha256", signer.public_key, "it")
    chain = crypto_policy.uses_of_chain([root, intermediate, signer])

    assert [(u.algorithm, u.key_size) for u in uses] == [
        ("sha256", None),
        ("sha1", None),
        ("rsa", 2048),
    ]
    assert not judge(uses, NOW, proven=False, now=NOW).accepted  # the SHA-1 of sha1_rsa
    assert {u.algorithm for u in chain} == {"sha256", "rsa"}
    assert len(chain) == 4  # two certificates, each: its hash and its issuer's key


@pytest.mark.parametrize("compressed", [False, True])
def test_an_ec_key_has_its_curve_size_in_either_point_form(compressed: bool) -> None:
    """A P-256 key is ECDSA-256 whether its point is written uncompressed or compressed
    (asn1crypto's ``bit_size`` halves a compressed one: it would have counted as 128 bits, a
    size no policy accepts, and made a valid signature indeterminate)."""
    from asn1crypto import keys
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    point_form = PublicFormat.CompressedPoint if compressed else PublicFormat.UncompressedPoint
    point = (
        ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(Encoding.X962, point_form)
    )
    info = keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "ec", "parameters": ("named", "secp256r1")},
            "public_key": point,
        }
    )

    use = crypto_policy.key_use(keys.PublicKeyInfo.load(info.dump()), "the key of the signature")

    assert use is not None and use.name == "ECDSA-256"
    assert judge(
        [use],
        dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
        proven=False,
        now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
    ).accepted
