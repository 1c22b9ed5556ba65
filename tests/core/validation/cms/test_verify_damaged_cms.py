"""``paraphe verify`` on CAdES tokens that crashed it: third-party shapes, BER encodings and
damaged tokens each get a whole verdict (indication and sub-indication), never an exception.

The inputs are made here: valid tokens signed by Paraphe's engine, by pyHanko (with a real
signature timestamp from the test TSA) and by ``openssl cms``; B-LT, B-LTA, XL and double-LTA
shapes built on them with asn1crypto; then one mutation per crash class the fuzz campaign found
(each failed on the code before this file: ValueError "Unknown element", ValueError "method should
have been primitive", ValueError "Insufficient data", NotImplementedError "Only MFG1 is
supported", TypeError "'Void' object is not subscriptable", AssertionError, UnicodeDecodeError,
RecursionError).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms, core

from paraphe.core.aio import run_sync
from paraphe.core.credentials import Pkcs12Credential, RsaPadding
from paraphe.core.errors import Cancelled, Notice
from paraphe.core.signing.cades import DetachedCadesSigner
from paraphe.core.trust import load_certificates
from paraphe.core.validation.cms.reading import NotRead
from paraphe.core.validation.cms.validator import load_signed_data
from paraphe.core.validation.explanations import explain
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import SignatureReport, ValidationReport
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES, RunParaphe
from tests.support import cades_shapes
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.third_party import openssl_sign
from tests.support.verdicts import FORMAT_FAILURE, PASSED, assert_verdict, verdict

DOCUMENT = "Mémoire technique.txt"
TOKEN = f"{DOCUMENT} - Signature 1.p7s"

CANNOT_PROCESS = (Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE)
UNSUPPORTED_ALGORITHM = (Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE)


# --- material ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Made:
    """Signed once per module; tests copy what they need."""

    document: Path
    engine_token: bytes
    engine_pss_token: bytes
    engine_ecdsa_token: bytes
    shapes: dict[str, bytes]
    openssl_p7m: bytes
    openssl_ber_p7m: bytes


def engine_cades(pki: TestPki, persona: str, document: Path, padding: RsaPadding) -> bytes:
    """A detached CAdES B-B token from the engine directly (any persona, any RSA padding)."""
    with Pkcs12Credential.open(pki.p12(persona), PKCS12_PASSWORD) as credential:
        signer = DetachedCadesSigner(credential, "sha256", padding)
        return signer.sign(hashlib.sha256(document.read_bytes()).digest(), dt.datetime.now(dt.UTC))


def openssl_p7m(pki: TestPki, document: Path, out: Path, *extra: str) -> bytes:
    return openssl_sign(pki, document, out, "-nodetach", *extra).read_bytes()


@pytest.fixture(scope="module")
def made(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Made:
    folder = tmp_path_factory.mktemp("made")
    document = folder / DOCUMENT
    document.write_bytes((SAMPLES / DOCUMENT).read_bytes())
    pyhanko_token = cades_shapes.pyhanko_cades(pki, document)
    shapes = cades_shapes.third_party_shapes(pki, pyhanko_token)
    shapes["content-timestamp"] = cades_shapes.pyhanko_cades(pki, document, content_timestamp=True)
    return Made(
        document=document,
        engine_token=engine_cades(pki, "rsa", document, RsaPadding.PKCS1V15),
        engine_pss_token=engine_cades(pki, "rsa", document, RsaPadding.PSS),
        engine_ecdsa_token=engine_cades(pki, "ecdsa", document, RsaPadding.PKCS1V15),
        shapes=shapes,
        openssl_p7m=openssl_p7m(pki, document, folder / "der.p7m"),
        openssl_ber_p7m=openssl_p7m(pki, document, folder / "ber.p7m", "-stream"),
    )


def settings(pki: TestPki) -> VerificationSettings:
    return VerificationSettings(
        trust_roots=tuple(load_certificates(pki.root_cert)),
        trust_sources=(Notice("file {path} ({count})", pki.root_cert, count=1),),
    )


def verify(pki: TestPki, *paths: Path) -> ValidationReport:
    return verify_paths(list(paths), settings(pki))


def detached(made: Made, folder: Path, token: bytes) -> Path:
    """The document and ``token`` beside it, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(made.document, folder / DOCUMENT)
    (folder / TOKEN).write_bytes(token)
    return folder


def only(report: ValidationReport) -> SignatureReport:
    signatures = report.all_signatures()
    assert len(signatures) == 1, [(s.signature_path, s.indication) for s in signatures]
    assert not report.errors, report.errors
    return signatures[0]


def assert_contained(
    signature: SignatureReport, expected: tuple[Indication, SubIndication]
) -> None:
    """The verdict, with its sentence and a one-line reason; never "unexpected error"."""
    assert_verdict(signature, expected)
    assert signature.explanation == explain(*expected)
    details = [check.detail for check in signature.checks]
    assert all("\n" not in d and "unexpected" not in d for d in details), details


def signer_info_of(token: bytes) -> tuple[cms.ContentInfo, cms.SignerInfo]:
    content_info = cms.ContentInfo.load(token)
    return content_info, content_info["content"]["signer_infos"][0]


# --- third-party shapes: valid signatures whose unsigned attributes crashed level detection ------


@pytest.mark.parametrize(
    ("shape", "level"),
    [
        ("B-LT", "B-LT"),
        ("B-LTA", "B-LTA"),
        ("double-LTA", "B-LTA"),
        ("XL", "B-LT"),
        ("archive-timestamp-v2", "B-LT"),
        ("unknown-attribute", "B-T"),
        ("content-timestamp", "B-T"),
    ],
)
def test_third_party_shapes_pass_with_their_level(
    shape: str, level: str, pki: TestPki, made: Made, tmp_path: Path
) -> None:
    """Revocation values and archive timestamps hold context-tagged elements that asn1crypto's
    ``.native`` refused ("Unknown element - context class, constructed method, tag 0"); the level
    is read from the attribute types alone, and a valid signature with attributes we do not know
    still passes."""
    signature = only(verify(pki, detached(made, tmp_path, made.shapes[shape])))

    assert_verdict(signature, PASSED)
    assert signature.level == level
    assert signature.signer is not None and signature.signer.name == "Jeanne Test"
    assert signature.timestamp_time is not None  # the signature timestamp was validated


def test_unknown_unsigned_attribute_nested_too_deep_for_python_is_ignored(
    pki: TestPki, made: Made, tmp_path: Path
) -> None:
    """An unsigned attribute of 3000 nested SEQUENCEs made ``.native`` raise RecursionError; its
    value is never read, and the signature it does not touch passes."""
    deep = cades_shapes.attribute("1.3.6.1.4.1.99999.2", cades_shapes.deeply_nested(3000))
    token = cades_shapes.with_unsigned(made.engine_token, [deep])

    signature = only(verify(pki, detached(made, tmp_path, token)))

    assert_verdict(signature, PASSED)
    assert signature.level == "B-B"


# --- BER ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["indefinite-lengths", "definite-constructed-strings"])
def test_ber_p7m_passes(
    encoding: str, pki: TestPki, made: Made, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """``openssl cms -stream`` writes indefinite lengths and the document as a constructed OCTET
    STRING, which asn1crypto reads; with definite lengths (as other tools write it) asn1crypto
    refused the constructed string ("method should have been primitive, but constructed was
    found"): it is joined into the string it stands for, the signed bytes kept."""
    ber = made.openssl_ber_p7m
    assert ber[1] == 0x80  # indefinite length, as openssl wrote it
    data = ber if encoding == "indefinite-lengths" else cades_shapes.definite_lengths(ber)
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(data)

    signature = only(verify(pki, p7m))

    assert_verdict(signature, PASSED)
    assert signature.document_path == p7m
    assert signature.level == "B-B"


def test_joined_ber_keeps_the_signed_attributes_bytes(made: Made, tmp_path: Path) -> None:
    """The signature is checked over the exact signed attributes the token holds."""
    ber = cades_shapes.definite_lengths(made.openssl_ber_p7m)
    _, original = signer_info_of(made.openssl_ber_p7m)
    token = tmp_path / "definite.p7m"
    token.write_bytes(ber)

    signed_data = load_signed_data(token)

    assert not isinstance(signed_data, NotRead), signed_data
    read = signed_data["signer_infos"][0]["signed_attrs"].dump()
    assert read == original["signed_attrs"].dump()
    assert read in ber


def test_signed_attributes_out_of_der_order_are_checked_as_they_are(
    pki: TestPki, made: Made, tmp_path: Path
) -> None:
    """Some signers write the signed attributes unsorted (not DER) and sign those bytes; the
    signature is checked over them as they are, not over a re-encoding (reading a DEFAULT field
    of signing-certificate-v2 made asn1crypto re-encode them, sorted, on ``.dump()``)."""
    _, signer_info = signer_info_of(made.engine_token)
    signed = signer_info["signed_attrs"]
    attributes = [attribute.dump() for attribute in signed]
    unsorted = b"".join(reversed(attributes))
    assert unsorted != b"".join(attributes) and len(unsorted) == len(signed.contents)
    with Pkcs12Credential.open(pki.p12("rsa"), PKCS12_PASSWORD) as credential:
        signer = DetachedCadesSigner(credential, "sha256", RsaPadding.PKCS1V15).signer
        header = signed.untag().dump()[: -len(unsorted)]
        value = run_sync(signer.async_sign_raw(header + unsorted, "sha256"))
    token = cades_shapes.replace_once(made.engine_token, signed.contents, unsorted)
    token = cades_shapes.replace_once(token, signer_info["signature"].native, value)

    signature = only(verify(pki, detached(made, tmp_path, token)))

    assert_verdict(signature, PASSED)


# --- damaged and unsupported tokens ------------------------------------------------------------


def test_damaged_length_inside_a_p7m_is_a_format_failure(
    pki: TestPki, made: Made, tmp_path: Path
) -> None:
    """A length running past its parent inside the signed attributes: asn1crypto read it lazily,
    in the middle of pyHanko's validation ("Insufficient data"); now at once, as a format
    failure."""
    _, signer_info = signer_info_of(made.openssl_p7m)
    digest = next(
        a["values"][0].dump()
        for a in signer_info["signed_attrs"]
        if a["type"].native == "message_digest"
    )
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    p7m.write_bytes(cades_shapes.replace_once(made.openssl_p7m, digest, b"\x04\x7f" + digest[2:]))

    signature = only(verify(pki, p7m))

    assert_contained(signature, FORMAT_FAILURE)
    assert signature.signature_path == p7m
    assert "Insufficient data" in signature.checks[0].detail


@pytest.mark.parametrize("change", ["other-mask-generation", "no-parameters"])
def test_unsupported_rsa_pss_parameters_are_indeterminate(
    change: str, pki: TestPki, made: Made, tmp_path: Path
) -> None:
    """A mask generation function other than MGF1 made pyHanko raise NotImplementedError;
    RSA-PSS without its parameters, TypeError "'Void' object is not subscriptable". Both are
    signatures we cannot check: INDETERMINATE, never FAILED."""
    token = made.engine_pss_token
    if change == "other-mask-generation":  # id-mgf1 (...1.1.8) becomes ...1.1.9, same length
        token = cades_shapes.replace_once(
            token, cades_shapes.MGF1, cades_shapes.MGF1[:-1] + b"\x09"
        )
    else:
        content_info, signer_info = signer_info_of(token)
        signer_info["signature_algorithm"] = {"algorithm": "rsassa_pss"}
        token = content_info.dump()

    signature = only(verify(pki, detached(made, tmp_path, token)))

    assert_contained(signature, UNSUPPORTED_ALGORITHM)
    assert "RSA-PSS parameters are not supported" in signature.checks[0].detail


def test_signature_algorithm_that_does_not_fit_the_key_is_indeterminate(
    pki: TestPki, made: Made, tmp_path: Path
) -> None:
    """An ECDSA signature claiming RSA made pyHanko's own assertion fail (AssertionError)."""
    content_info, signer_info = signer_info_of(made.engine_ecdsa_token)
    signer_info["signature_algorithm"] = {"algorithm": "sha256_rsa", "parameters": core.Null()}

    signature = only(verify(pki, detached(made, tmp_path, content_info.dump())))

    assert_contained(signature, CANNOT_PROCESS)
    assert "AssertionError" in signature.checks[0].detail


def test_undecodable_signer_name_is_indeterminate(pki: TestPki, made: Made, tmp_path: Path) -> None:
    """A byte of the signer's certificate name that is not UTF-8 (UnicodeDecodeError in pyHanko):
    the certificate cannot be read, so the signer cannot be identified."""
    token = cades_shapes.replace_once(made.engine_token, b"Jeanne Test", b"Jeanne \xffest")

    signature = only(verify(pki, detached(made, tmp_path, token)))

    assert_contained(signature, CANNOT_PROCESS)
    assert "UnicodeDecodeError" in signature.checks[0].detail


def test_co_signed_p7m_gives_one_passing_verdict_per_signer(
    pki: TestPki, made: Made, tmp_path: Path
) -> None:
    """Two signers in one SignedData (a co-signature, as ``openssl cms`` writes it with two
    ``-signer``): each SignerInfo is a signature of the same content (RFC 5652 5.1), validated
    on its own; both are valid and trusted, so both pass (it was INDETERMINATE before)."""
    p7m = tmp_path / f"{DOCUMENT}.p7m"
    second = ("-signer", str(pki.cert("ecdsa")), "-inkey", str(pki.key("ecdsa")))
    openssl_p7m(pki, made.document, p7m, *second)
    assert len(cms.ContentInfo.load(p7m.read_bytes())["content"]["signer_infos"]) == 2

    report = verify(pki, p7m)

    first, other = report.all_signatures()
    assert_verdict(first, PASSED)
    assert_verdict(other, PASSED)
    assert (first.signature_id, other.signature_id) == ("signer 1", "signer 2")
    assert {s.signer.name for s in (first, other) if s.signer} == {"Jeanne Test", "Ecdsa Test"}


# --- the last resort around every validator ----------------------------------------------------


@pytest.fixture
def validator_bug(monkeypatch: pytest.MonkeyPatch) -> dict[str, BaseException]:
    """The CAdES validator, raising what is put here for the token of that name (a bug we do not
    know of yet: every validator contains what it knows); the real validation for the others."""
    from paraphe.core.validation.cms import validator as cms_validator

    raising: dict[str, BaseException] = {}
    real = cms_validator.validate_cms

    def validate_cms(token: Path, document: Path | None, context: Any) -> list[SignatureReport]:
        if token.name in raising:
            raise raising[token.name]
        return real(token, document, context)

    monkeypatch.setattr(cms_validator, "validate_cms", validate_cms)
    return raising


def two_bids(made: Made, folder: Path) -> tuple[Path, Path]:
    first = detached(made, folder / "first", made.engine_token) / TOKEN
    second = detached(made, folder / "second", made.engine_token) / TOKEN
    return first, second


def test_an_exception_escaping_a_validator_is_a_verdict_and_the_run_goes_on(
    pki: TestPki, made: Made, tmp_path: Path, validator_bug: dict[str, BaseException]
) -> None:
    first, second = two_bids(made, tmp_path)
    (first.parent / "bug.p7s").write_bytes(made.engine_token)
    validator_bug["bug.p7s"] = ValueError("Unknown element\n    while parsing something")

    report = verify(pki, tmp_path)

    by_path = {s.signature_path: s for s in report.all_signatures()}
    bug = by_path.pop(first.parent / "bug.p7s")
    assert_contained(bug, CANNOT_PROCESS)
    assert bug.document_path == first.parent / DOCUMENT
    assert bug.checks[0].detail == "could not be processed (ValueError: Unknown element)"
    assert {path: verdict(s) for path, s in by_path.items()} == {first: PASSED, second: PASSED}


@pytest.mark.parametrize("stop", [Cancelled(), MemoryError()], ids=["cancelled", "memory"])
def test_cancellation_and_lack_of_memory_are_not_verdicts(
    stop: BaseException,
    pki: TestPki,
    made: Made,
    tmp_path: Path,
    validator_bug: dict[str, BaseException],
) -> None:
    two_bids(made, tmp_path)
    validator_bug[TOKEN] = stop

    with pytest.raises(type(stop)):
        verify(pki, tmp_path)


# --- through the command line -------------------------------------------------------------------


def test_every_crash_class_gets_a_verdict_line_through_the_cli(
    pki: TestPki, made: Made, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """One folder per former crash: the real command prints a verdict for each, one line of
    explanation, and no "unexpected error"."""
    content_info, signer_info = signer_info_of(made.engine_pss_token)
    signer_info["signature_algorithm"] = {"algorithm": "rsassa_pss"}
    tokens = {
        "lta": made.shapes["B-LTA"],
        "xl": made.shapes["XL"],
        "mgf": cades_shapes.replace_once(
            made.engine_pss_token, cades_shapes.MGF1, cades_shapes.MGF1[:-1] + b"\x09"
        ),
        "void": content_info.dump(),
        "utf8": cades_shapes.replace_once(made.engine_token, b"Jeanne Test", b"Jeanne \xffest"),
        "truncated": made.engine_token[: len(made.engine_token) // 2],
    }
    for name, token in tokens.items():
        detached(made, tmp_path / name, token)

    done = run_paraphe("verify", tmp_path, "--trust", pki.root_cert, "--json")

    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stderr  # the truncated token failed
    report: dict[str, Any] = json.loads(done.stdout)
    found = {
        Path(s["signature_path"]).parent.name: (s["indication"], s["subindication"])
        for d in report["documents"]
        for s in d["signatures"]
    }
    assert found == {
        "lta": ("TOTAL_PASSED", None),
        "xl": ("TOTAL_PASSED", None),
        "mgf": ("INDETERMINATE", "CRYPTO_CONSTRAINTS_FAILURE"),
        "void": ("INDETERMINATE", "CRYPTO_CONSTRAINTS_FAILURE"),
        "utf8": ("INDETERMINATE", "FORMAT_FAILURE"),
        "truncated": ("TOTAL_FAILED", "FORMAT_FAILURE"),
    }
    summary = run_paraphe("verify", tmp_path, "--trust", pki.root_cert)
    assert summary.returncode == 1 and "unexpected error" not in summary.stderr
    assert explain(*CANNOT_PROCESS) in summary.stdout
