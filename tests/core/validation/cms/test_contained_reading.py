"""The pieces that keep a hostile CMS token from crashing verification: the lenient BER reading,
the verdict an exception means, and the one-line reason shown for it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from asn1crypto import cms, core, parser

from paraphe.core.errors import Cancelled
from paraphe.core.validation.cms.reading import (
    MAX_ELEMENTS,
    MAX_TOKEN_SIZE,
    NotRead,
    TooManyElements,
    attribute_types,
    join_constructed_strings,
    load_signed_data,
    parse_structure,
)
from paraphe.core.validation.explanations import explain
from paraphe.core.validation.failures import MUST_PROPAGATE, cannot_process, one_line
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import DETAIL_LIMIT

CANNOT_PROCESS = (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE)


def test_a_constructed_octet_string_of_definite_length_becomes_primitive() -> None:
    chunks = b"\x04\x03abc" + b"\x04\x02de"
    constructed = b"\x24" + bytes([len(chunks)]) + chunks
    sequence = b"\x30" + bytes([len(constructed) + 3]) + b"\x02\x01\x05" + constructed

    joined = join_constructed_strings(sequence)

    assert joined == b"\x30\x0a\x02\x01\x05\x04\x05abcde"
    assert core.Sequence.load(joined)[1].native == b"abcde"


def test_segments_of_a_bit_string_keep_the_unused_bits_of_the_last() -> None:
    segments = b"\x03\x02\x00\xff" + b"\x03\x02\x04\xf0"
    joined = join_constructed_strings(b"\x23" + bytes([len(segments)]) + segments)

    assert joined == b"\x03\x03\x04\xff\xf0"


def test_elements_without_constructed_strings_keep_their_bytes() -> None:
    """Indefinite lengths (which asn1crypto reads) and non-minimal ones are not re-encoded:
    signed bytes stay signed bytes."""
    data = b"\x30\x80\x02\x01\x05\x31\x81\x03\x02\x01\x07\x00\x00"

    assert join_constructed_strings(data) == data


@pytest.mark.parametrize(
    "data",
    [b"\x30\x05\x02\x01", b"\x24\x80\x04\x01a", b"\x24\x04\x02\x01\x05\x00", b"\x30"],
    ids=["truncated", "no-end-of-contents", "segment-of-another-type", "header-only"],
)
def test_what_is_not_ber_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        join_constructed_strings(data)


def test_nesting_deeper_than_any_signature_is_refused_before_python_runs_out_of_stack() -> None:
    deep = b"\x05\x00"
    for _ in range(5000):
        deep = b"\x30\x80" + deep + b"\x00\x00"
    with pytest.raises(ValueError, match="nested too deeply"):
        join_constructed_strings(b"\x24\x80" + b"\x04\x00" + deep + b"\x00\x00")


def test_the_ber_reader_stops_at_max_elements() -> None:
    within = parser.emit(0, 1, 16, b"\x05\x00" * (MAX_ELEMENTS - 1))
    beyond = parser.emit(0, 1, 16, b"\x05\x00" * MAX_ELEMENTS)

    assert join_constructed_strings(within) == within
    with pytest.raises(TooManyElements):
        join_constructed_strings(beyond)


def test_a_token_of_more_elements_than_any_signature_is_not_read_quickly(tmp_path: Path) -> None:
    """A token as large as allowed, of two-byte elements: asn1crypto and the BER rewrite read
    them all (10 MB took 18 s and 1.8 GB; 64 MiB, minutes); the count stops at MAX_ELEMENTS, and the token may be
    sound for all that is known: INDETERMINATE (not damaged)."""
    size = (MAX_TOKEN_SIZE - 16) // 2
    token = tmp_path / "many.p7s"
    token.write_bytes(parser.emit(0, 1, 16, b"\x06\x01\x2a" + b"\x05\x00" * size))

    started = time.monotonic()
    loaded = load_signed_data(token)

    assert time.monotonic() - started < 5
    assert isinstance(loaded, NotRead) and not loaded.damaged
    assert loaded.reason == "more than 500,000 ASN.1 elements: too many to check"


def test_a_token_is_read_only_if_it_is_a_regular_file(tmp_path: Path) -> None:
    """The type is checked on the descriptor that is read (``user_files.read_bounded``), not on
    the name before opening it again: ``/dev/zero`` was taken for an empty file."""
    token = tmp_path / "zeros.p7s"
    token.symlink_to("/dev/zero")

    assert load_signed_data(token) == NotRead("not a regular file")


def test_parse_structure_leaves_values_of_unknown_types_unparsed() -> None:
    """An attribute of unknown type whose value holds a context-tagged element: asn1crypto's
    ``.native`` refuses it ("Unknown element"); the structural parse and the types read do not."""
    kind = core.ObjectIdentifier("1.3.6.1.4.1.99999.1").dump()
    value = b"\x30\x05\xa0\x03\x02\x01\x07"
    values = b"\x31" + bytes([len(value)]) + value
    attribute = b"\x30" + bytes([len(kind) + len(values)]) + kind + values
    attributes = cms.CMSAttributes.load(b"\x31" + bytes([len(attribute)]) + attribute)

    parse_structure(attributes)

    assert attribute_types(attributes) == {"1.3.6.1.4.1.99999.1"}
    with pytest.raises(ValueError, match="Unknown element"):
        attributes.native  # noqa: B018


def test_absent_attributes_have_no_types() -> None:
    assert attribute_types(core.Void()) == set()


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (ValueError("Unknown element"), CANNOT_PROCESS),
        (TypeError("'Void' object is not subscriptable"), CANNOT_PROCESS),
        (AssertionError(), CANNOT_PROCESS),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), CANNOT_PROCESS),
        (RecursionError("maximum recursion depth exceeded"), CANNOT_PROCESS),
        (NotImplementedError("Only MFG1 is supported"), CANNOT_PROCESS),
        (OSError("disk"), (Indication.INDETERMINATE, SubIndication.GENERIC)),
        (RuntimeError("event loop"), (Indication.INDETERMINATE, SubIndication.GENERIC)),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else "",
)
def test_what_an_exception_means_is_never_a_pass_nor_a_failure(
    exc: Exception, expected: tuple[Indication, SubIndication]
) -> None:
    assert cannot_process(exc) == expected


def test_unsupported_algorithms_of_cryptography_are_crypto_constraints() -> None:
    from cryptography.exceptions import UnsupportedAlgorithm

    assert cannot_process(UnsupportedAlgorithm("curve")) == (
        Indication.INDETERMINATE,
        SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
    )


def test_cancellation_and_lack_of_memory_are_never_verdicts() -> None:
    assert issubclass(Cancelled, MUST_PROPAGATE)
    assert issubclass(MemoryError, MUST_PROPAGATE)


def test_one_line_keeps_the_first_line_and_the_type() -> None:
    exc = ValueError("Unknown element - context class\n    while parsing asn1crypto.cms.SetOfAny")
    assert one_line(exc) == "ValueError: Unknown element - context class"
    assert one_line(AssertionError()) == "AssertionError"
    assert len(one_line(ValueError("x" * 1000))) == DETAIL_LIMIT  # as any report detail


def test_a_format_failure_we_cannot_process_is_not_called_malformed() -> None:
    damaged = explain(Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE)
    unsupported = explain(Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE)
    assert damaged is not None and "malformed" in damaged
    assert unsupported is not None and "may still be valid" in unsupported
