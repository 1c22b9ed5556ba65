"""A DER value whose length ends in 0x80 is written out as it was read (asn1crypto#249)."""

from __future__ import annotations

import pytest
from asn1crypto import core, x509

import paraphe.core  # noqa: F401  (installs the fix)


class _Pair(core.Sequence):
    _fields = [("flag", core.Boolean), ("filler", core.OctetString)]  # noqa: RUF012


def _pair_of_length(total: int, flag_octet: bytes = b"\x01") -> bytes:
    filler = total - 3 - 2
    contents = b"\x01\x01" + flag_octet + b"\x04" + bytes([filler]) + b"x" * filler
    assert len(contents) == total
    return b"\x30\x81" + bytes([total]) + contents


def test_a_definite_length_of_128_is_not_taken_for_an_indefinite_one() -> None:
    # TRUE written 0x01, as BER allows and DER does not: a rebuild would write 0xFF
    der = _pair_of_length(128)
    value = _Pair.load(der)
    assert value["flag"].native is True
    assert value.dump() == der
    assert value.dump() == der  # and again, once the header is marked


def test_an_indefinite_length_is_still_written_as_der() -> None:
    ber = b"\x30\x80\x01\x01\xff\x04\x01x\x00\x00"
    assert _Pair.load(ber).dump() == b"\x30\x06\x01\x01\xff\x04\x01x"


def test_an_extension_named_by_pyhanko_survives_the_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pyHanko names the QC statements extension (``_map``) after asn1crypto built its reverse
    map when a certificate was read first: a rebuild from the Python form then raised
    ValueError("invalid literal for int() with base 10: 'qc_statements'")."""
    import pyhanko.sign.ades.qualified_asn1  # noqa: F401  (registers 'qc_statements')

    x509.ExtensionId("1.3.6.1.5.5.7.1.3")._setup()
    built_before = {k: v for k, v in x509.ExtensionId._reverse_map.items() if k != "qc_statements"}
    monkeypatch.setattr(x509.ExtensionId, "_reverse_map", built_before)
    # Extension { id-pe-qcStatements, OCTET STRING { QCStatements: empty SEQUENCE } }
    extension = bytes.fromhex("300e06082b0601050507010304023000")
    padding = 128 - len(extension) - 2
    der = b"\x30\x81\x80" + extension + b"\x04" + bytes([padding]) + b"p" * padding

    class _Holder(core.Sequence):
        _fields = [("extension", x509.Extension), ("padding", core.OctetString)]  # noqa: RUF012

    held = _Holder.load(der)
    assert held["extension"]["extn_id"].native == "qc_statements"
    assert held.dump() == der
