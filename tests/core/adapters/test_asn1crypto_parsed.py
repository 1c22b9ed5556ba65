"""A certificate, OCSP response or CRL read again from the same bytes is the value already read
in this thread, fully usable; other bytes, another thread or a full cache give a new value; an
untagged certificate is not copied by ``untag`` and a tagged one still is."""

from __future__ import annotations

import threading

from asn1crypto import cms, x509

import paraphe.core  # noqa: F401 - installs the adapters
from paraphe.core.adapters import asn1crypto_parsed
from tests.support.pki import TestPki


def _der(pki: TestPki, persona: str) -> bytes:
    from asn1crypto import pem

    data = pki.cert(persona).read_bytes()
    return bytes(pem.unarmor(data)[2]) if pem.detect(data) else data


def test_the_same_bytes_give_the_same_certificate(pki: TestPki) -> None:
    der = _der(pki, "rsa")
    first = x509.Certificate.load(der)
    assert x509.Certificate.load(der) is first
    assert first.subject.native["common_name"]
    assert x509.Certificate.load(der).dump() == der
    other = x509.Certificate.load(_der(pki, "ecdsa"))
    assert other is not first and other.dump() != der


def test_a_certificate_inside_a_signed_data_is_the_cached_one(pki: TestPki) -> None:
    der = _der(pki, "rsa")
    cert = x509.Certificate.load(der)
    choices = cms.CertificateSet([cms.CertificateChoices(name="certificate", value=cert)])
    loaded = cms.CertificateSet.load(choices.dump())
    assert loaded[0].chosen is cert
    assert loaded[0].chosen.untag() is cert  # untagged: nothing to remove, no copy


def test_a_tagged_certificate_is_still_copied_by_untag(pki: TestPki) -> None:
    cert = x509.Certificate.load(_der(pki, "rsa"))
    tagged = cert.retag({"implicit": 0})  # a copy, tagged
    assert tagged is not cert
    untagged = tagged.untag()
    assert untagged is not tagged
    assert untagged.dump() == cert.dump()


def test_each_thread_has_its_own_values(pki: TestPki) -> None:
    der = _der(pki, "rsa")
    here = x509.Certificate.load(der)
    there: list[x509.Certificate] = []
    thread = threading.Thread(target=lambda: there.append(x509.Certificate.load(der)))
    thread.start()
    thread.join()
    assert there[0] is not here
    assert there[0].dump() == here.dump()


def test_the_cache_is_bounded(pki: TestPki, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(asn1crypto_parsed.CACHE_SIZES, x509.Certificate, 1)
    rsa, ecdsa = _der(pki, "rsa"), _der(pki, "ecdsa")
    seen: list[bool] = []

    def in_a_new_thread() -> None:  # an empty cache
        first = x509.Certificate.load(rsa)
        seen.append(x509.Certificate.load(rsa) is first)
        x509.Certificate.load(ecdsa)  # pushes the first one out
        seen.append(x509.Certificate.load(rsa) is first)

    thread = threading.Thread(target=in_a_new_thread)
    thread.start()
    thread.join()
    assert seen == [True, False]


def test_a_value_changed_in_place_is_not_handed_out_again(pki: TestPki) -> None:
    """asn1crypto re-encodes in place (every child of a value of indefinite length it dumps, or
    a value someone changed): the cache then gives a value read afresh from the bytes, never the
    changed one."""
    der = _der(pki, "rsa")
    seen: list[bool] = []

    def in_a_new_thread() -> None:
        first = x509.Certificate.load(der)
        first["tbs_certificate"]["serial_number"] = 5  # changed in place, re-encoded on dump
        assert first.dump() != der
        again = x509.Certificate.load(der)
        seen.append(again is not first and again.dump() == der)
        seen.append(x509.Certificate.load(der) is again)  # the fresh one is kept

    thread = threading.Thread(target=in_a_new_thread)
    thread.start()
    thread.join()
    assert seen == [True, True]


def test_untag_copies_a_certificate_not_encoded_in_der(pki: TestPki) -> None:
    """A certificate whose outer length is not in its shortest form (BER allows it): its copy by
    ``untag`` is encoded again in DER, as asn1crypto does; only a DER one is its own copy."""
    der = _der(pki, "rsa")
    assert der[1] == 0x82  # a two-octet length: written again on three octets
    ber = b"\x30\x83\x00" + der[2:]
    cert = x509.Certificate.load(ber)
    assert cert.dump() == ber
    copy = cert.untag()
    assert copy is not cert and copy.dump() == der
