"""CAdES tokens shaped like the third-party ones that crashed the verifier, built at test time.

A valid B-T token comes from pyHanko with a real signature timestamp from the test PKI's TSA;
B-LT, B-LTA, XL, double-LTA and legacy archive-timestamp shapes add unsigned attributes to it with
asn1crypto (certificate and revocation values, archive-time-stamp-v3 holding a real timestamp
token with an ats-hash-index-v3, CAdES-X references and timestamps), as other signers write them.
The unsigned attributes are not covered by the signature: the signature stays valid. BER
re-encodings and byte-level mutations of valid tokens come with them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from asn1crypto import algos, cms, core, pem
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509

from paraphe.core.aio import run_sync
from tests.support.pki import TestPki

CERTIFICATE_VALUES = "1.2.840.113549.1.9.16.2.23"
REVOCATION_VALUES = "1.2.840.113549.1.9.16.2.24"
COMPLETE_CERTIFICATE_REFS = "1.2.840.113549.1.9.16.2.21"
COMPLETE_REVOCATION_REFS = "1.2.840.113549.1.9.16.2.22"
ESC_TIMESTAMP = "1.2.840.113549.1.9.16.2.25"
ARCHIVE_TIMESTAMP_V2 = "1.2.840.113549.1.9.16.2.48"
ARCHIVE_TIMESTAMP_V3 = "0.4.0.1733.2.4"
ATS_HASH_INDEX_V3 = "0.4.0.19122.1.5"
MGF1 = bytes.fromhex("06092a864886f70d010108")  # the DER of id-mgf1, 1.2.840.113549.1.1.8


# --- the ASN.1 of the CAdES unsigned attributes (EN 319 122-1, RFC 5126) ----------------------


class _Certificates(core.SequenceOf):
    _child_spec = asn1_x509.Certificate


class _Crls(core.SequenceOf):
    _child_spec = asn1_crl.CertificateList


class RevocationValues(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("crl_vals", _Crls, {"explicit": 0, "optional": True}),
        ("ocsp_vals", core.Any, {"explicit": 1, "optional": True}),
    ]


class _Hashes(core.SequenceOf):
    _child_spec = core.OctetString


class AtsHashIndexV3(core.Sequence):
    _fields = [  # noqa: RUF012
        ("hash_ind_algorithm", algos.DigestAlgorithm),
        ("certificates_hash_index", _Hashes),
        ("crls_hash_index", _Hashes),
        ("unsigned_attrs_hash_index", _Hashes),
    ]


class _Nested(core.Sequence):
    """A SEQUENCE holding a context-tagged element: what asn1crypto's schema-less parse refuses."""

    _fields = [("inner", core.Integer, {"explicit": 0})]  # noqa: RUF012


def attribute(kind: str, value: core.Asn1Value) -> cms.CMSAttribute:
    return cms.CMSAttribute({"type": kind, "values": [value]})


def load_certificate(path: Path) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(pem.unarmor(path.read_bytes())[2])


# --- valid tokens ------------------------------------------------------------------------------


def pyhanko_cades(
    pki: TestPki,
    document: Path,
    *,
    persona: str = "rsa",
    content_timestamp: bool = False,
) -> bytes:
    """A detached CAdES token signed by pyHanko (not Paraphe's signer), with a signature
    timestamp (B-T) from the test TSA, and a content timestamp (signed) when asked."""
    from pyhanko.sign.ades.api import CAdESSignedAttrSpec
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
    from pyhanko.sign.timestamps import HTTPTimeStamper

    signer = SimpleSigner.load(
        str(pki.key(persona)), str(pki.cert(persona)), ca_chain_files=(str(pki.intermediate_cert),)
    )
    stamper = HTTPTimeStamper(pki.tsa_url)
    settings = PdfCMSSignedAttributes(
        cades_signed_attrs=CAdESSignedAttrSpec(timestamp_content=content_timestamp)
    )
    content_info = run_sync(
        signer.async_sign_general_data(
            document.read_bytes(),
            "sha256",
            detached=True,
            use_cades=True,
            timestamper=stamper,
            signed_attr_settings=settings,
        )
    )
    return bytes(content_info.dump())


def timestamp_token(pki: TestPki, data: bytes) -> cms.ContentInfo:
    """A real RFC 3161 token from the test TSA over ``data``."""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    stamper = HTTPTimeStamper(pki.tsa_url)
    token = run_sync(stamper.async_timestamp(hashlib.sha256(data).digest(), "sha256"))
    return cms.ContentInfo.load(token.dump())


def archive_timestamp_v3(pki: TestPki) -> cms.ContentInfo:
    """An archive-time-stamp-v3 value: a real timestamp token whose signer info carries an
    ats-hash-index-v3 (an unsigned attribute of the timestamp itself, as EN 319 122-1 wants)."""
    token = timestamp_token(pki, b"archive")
    index = AtsHashIndexV3(
        {
            "hash_ind_algorithm": {"algorithm": "sha256"},
            "certificates_hash_index": [hashlib.sha256(b"certificate").digest()],
            "crls_hash_index": [],
            "unsigned_attrs_hash_index": [hashlib.sha256(b"attribute").digest()],
        }
    )
    token["content"]["signer_infos"][0]["unsigned_attrs"] = [attribute(ATS_HASH_INDEX_V3, index)]
    return cms.ContentInfo.load(token.dump())


def with_unsigned(token: bytes, extra: list[cms.CMSAttribute]) -> bytes:
    """The token with more unsigned attributes; its signed parts keep their bytes."""
    content_info = cms.ContentInfo.load(token)
    signer_info = content_info["content"]["signer_infos"][0]
    present = signer_info["unsigned_attrs"]
    kept = [] if isinstance(present, core.Void) else list(present)
    signer_info["unsigned_attrs"] = cms.CMSAttributes([*kept, *extra])
    return bytes(content_info.dump())


def third_party_shapes(pki: TestPki, token: bytes) -> dict[str, bytes]:
    """B-LT, B-LTA, XL, double-LTA and legacy shapes of a valid B-T token."""
    certificates = _Certificates(
        [load_certificate(pki.intermediate_cert), load_certificate(pki.root_cert)]
    )
    crl = asn1_crl.CertificateList.load(pki.crl_file().read_bytes())
    validation_data = [
        attribute(CERTIFICATE_VALUES, certificates),
        attribute(REVOCATION_VALUES, RevocationValues({"crl_vals": [crl]})),
    ]
    archive = archive_timestamp_v3(pki)
    empty_refs = core.Any.load(b"\x30\x00")
    return {
        "B-LT": with_unsigned(token, validation_data),
        "B-LTA": with_unsigned(token, [*validation_data, attribute(ARCHIVE_TIMESTAMP_V3, archive)]),
        "double-LTA": with_unsigned(
            token,
            [
                *validation_data,
                attribute(ARCHIVE_TIMESTAMP_V3, archive),
                attribute(ARCHIVE_TIMESTAMP_V3, archive_timestamp_v3(pki)),
            ],
        ),
        "XL": with_unsigned(
            token,
            [
                attribute(COMPLETE_CERTIFICATE_REFS, empty_refs),
                attribute(COMPLETE_REVOCATION_REFS, empty_refs),
                *validation_data,
                attribute(ESC_TIMESTAMP, timestamp_token(pki, b"esc")),
            ],
        ),
        "archive-timestamp-v2": with_unsigned(
            token,
            [*validation_data, attribute(ARCHIVE_TIMESTAMP_V2, timestamp_token(pki, b"v2"))],
        ),
        "unknown-attribute": with_unsigned(
            token, [attribute("1.3.6.1.4.1.99999.1", _Nested({"inner": core.Integer(7)}))]
        ),
    }


# --- encodings and mutations ---------------------------------------------------------------


def definite_lengths(ber: bytes) -> bytes:
    """The same BER with every indefinite length made definite, constructed strings kept
    constructed: what some tools write, and what asn1crypto refuses (it reads constructed strings
    of indefinite length only)."""
    return b"".join(_definite(ber, 0, len(ber)))


def _definite(data: bytes, pointer: int, end: int) -> list[bytes]:
    pieces = []
    while pointer < end:
        identifier, length, start = _header(data, pointer)
        if length is None:  # indefinite: children up to the end-of-contents octets
            children = []
            cursor = start
            while data[cursor : cursor + 2] != b"\x00\x00":
                child_end = _end(data, cursor)
                children.extend(_definite(data, cursor, child_end))
                cursor = child_end
            contents = b"".join(children)
            pointer = cursor + 2
        elif identifier[0] & 0x20:
            contents = b"".join(_definite(data, start, start + length))
            pointer = start + length
        else:
            contents = data[start : start + length]
            pointer = start + length
        pieces.append(identifier + _length(len(contents)) + contents)
    return pieces


def _header(data: bytes, pointer: int) -> tuple[bytes, int | None, int]:
    """(identifier octets, length or None if indefinite, start of the contents)."""
    start = pointer + 1
    if data[pointer] & 0x1F == 0x1F:
        while data[start] & 0x80:
            start += 1
        start += 1
    identifier = data[pointer:start]
    first = data[start]
    if first == 0x80:
        return identifier, None, start + 1
    if first < 0x80:
        return identifier, first, start + 1
    count = first & 0x7F
    return identifier, int.from_bytes(data[start + 1 : start + 1 + count], "big"), start + 1 + count


def _end(data: bytes, pointer: int) -> int:
    _, length, start = _header(data, pointer)
    if length is not None:
        return start + length
    cursor = start
    while data[cursor : cursor + 2] != b"\x00\x00":
        cursor = _end(data, cursor)
    return cursor + 2


def _length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    octets = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def replace_once(data: bytes, old: bytes, new: bytes) -> bytes:
    assert data.count(old) == 1, f"{old.hex()} found {data.count(old)} times"
    return data.replace(old, new)


def deeply_nested(depth: int) -> core.Any:
    """``depth`` SEQUENCEs one in the other, deeper than Python's recursion limit."""
    encoded = b"\x05\x00"
    for _ in range(depth):
        encoded = b"\x30" + _length(len(encoded)) + encoded
    return core.Any.load(encoded)


# --- signer infos made here: SigningCertificate v1, counter-signatures -------------------------


def _private_key(pki: TestPki, persona: str) -> Any:
    """The persona's private key (a ``cryptography`` RSA or EC key)."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    return load_pem_private_key(pki.key(persona).read_bytes(), password=None)


def _sign(pki: TestPki, persona: str, data: bytes, hashed: str = "sha256") -> tuple[str, bytes]:
    """(asn1crypto's signature algorithm name, signature of ``data`` with ``hashed``)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    key = _private_key(pki, persona)
    algorithm = {"sha256": hashes.SHA256(), "sha3_256": hashes.SHA3_256()}[hashed]
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return f"{hashed}_ecdsa", key.sign(data, ec.ECDSA(algorithm))
    return f"{hashed}_rsa", key.sign(data, padding.PKCS1v15(), algorithm)


def signer_info(
    pki: TestPki,
    persona: str,
    message_digest: bytes,
    *,
    signing_certificate: str = "v2",
    content_type: bool = True,
    certificate_of: str | None = None,
    signature_hash: str = "sha256",
    digest_algorithm: str = "sha256",
    extra: tuple[cms.CMSAttribute, ...] = (),
) -> cms.SignerInfo:
    """A SignerInfo by ``persona`` (its key, with SHA-256) whose message-digest attribute is
    ``message_digest``: signing-time, content-type unless told otherwise (a counter-signature has
    none), and a signing-certificate attribute ``v1`` (ESSCertID, SHA-1) or ``v2`` naming the
    certificate of ``certificate_of`` (the persona's own unless told). The content's digest is
    made with ``digest_algorithm``; the signed attributes are hashed with ``signature_hash``
    (RFC 5652 allows another). ``extra`` attributes are signed too."""
    import datetime as dt

    from pyhanko.sign.general import as_signing_certificate, as_signing_certificate_v2

    certificate = load_certificate(pki.cert(persona))
    named = load_certificate(pki.cert(certificate_of or persona))
    attributes = []
    if content_type:
        attributes.append(attribute("content_type", cms.ContentType("data")))
    attributes += [
        attribute("signing_time", cms.Time({"utc_time": dt.datetime.now(dt.UTC)})),
        attribute("message_digest", core.OctetString(message_digest)),
    ]
    if signing_certificate == "v1":
        attributes.append(attribute("signing_certificate", as_signing_certificate(named)))
    elif signing_certificate == "v2":
        attributes.append(attribute("signing_certificate_v2", as_signing_certificate_v2(named)))
    signed = cms.CMSAttributes([*attributes, *extra])
    mechanism, value = _sign(pki, persona, signed.dump(), signature_hash)
    return cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": certificate.issuer,
                        "serial_number": certificate.serial_number,
                    }
                }
            ),
            "digest_algorithm": {"algorithm": digest_algorithm},
            "signed_attrs": cms.CMSAttributes.load(signed.dump()),
            "signature_algorithm": {"algorithm": mechanism},
            "signature": value,
        }
    )


def enveloping_token(pki: TestPki, content: bytes, signer: cms.SignerInfo) -> bytes:
    """A DER enveloping SignedData of ``content`` with ``signer`` and the test PKI's chain."""
    certificates = [
        load_certificate(pki.cert(persona)) for persona in ("rsa", "ecdsa", "untrusted")
    ] + [load_certificate(pki.intermediate_cert), load_certificate(pki.untrusted_root_cert)]
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "data", "content": content},
            "certificates": certificates,
            "signer_infos": [signer],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump())


def counter_signed(
    pki: TestPki, token: bytes, persona: str, *, nested: bool = False, **options: str
) -> bytes:
    """``token`` with a counter-signature by ``persona`` added to its first signer, or
    (``nested``) to that signer's first counter-signature: a counter-signature of a
    counter-signature. The signature values it covers are left as they are."""
    content_info = cms.ContentInfo.load(token)
    target = content_info["content"]["signer_infos"][0]
    if nested:
        target = next(
            value
            for a in target["unsigned_attrs"]
            if a["type"].native == "counter_signature"
            for value in a["values"]
        )
    parent_value = bytes(target["signature"].native)
    counter = signer_info(
        pki,
        persona,
        hashlib.sha256(parent_value).digest(),
        content_type=False,
        **options,  # type: ignore[arg-type]
    )
    present = target["unsigned_attrs"]
    kept = [] if isinstance(present, core.Void) else list(present)
    target["unsigned_attrs"] = cms.CMSAttributes(
        [*kept, cms.CMSAttribute({"type": "counter_signature", "values": [counter]})]
    )
    # the counter-signer's certificate joins the token's, as counter-signing tools add it
    signed_data = content_info["content"]
    certificate = load_certificate(pki.cert(persona))
    carried = [choice.chosen.dump() for choice in signed_data["certificates"]]
    if certificate.dump() not in carried:
        signed_data["certificates"] = [*signed_data["certificates"], certificate]
    return bytes(content_info.dump())


def openssl_cms(pki: TestPki, document: Path, out: Path, persona: str, *options: str) -> Path:
    """``openssl cms -sign`` of ``document`` by ``persona`` with the intermediate certificate,
    DER, with ``options`` (``-nodetach``, ``-stream``, ``-md sha3-256``, ``-cades``...)."""
    import subprocess

    command = [
        "openssl", "cms", "-sign", "-binary", "-outform", "DER",
        "-in", str(document), "-signer", str(pki.cert(persona)),
        "-inkey", str(pki.key(persona)), "-certfile", str(pki.intermediate_cert),
        "-out", str(out), *options,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


def endesive_cms(pki: TestPki, data: bytes, persona: str = "rsa", **options: Any) -> bytes:
    """A detached CMS signature of ``data`` by endesive (``endesive.signer.sign``: its CAdES
    attributes unless ``attrs=False``, ``pss=True``, a signature timestamp with ``tspurl``)."""
    from cryptography import x509 as cryptography_x509
    from endesive import signer

    certificate = cryptography_x509.load_pem_x509_certificate(pki.cert(persona).read_bytes())
    chain = [cryptography_x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())]
    key = _private_key(pki, persona)
    return bytes(signer.sign(data, key, certificate, chain, "sha256", **options))


def with_indefinite_signed_attributes(token: bytes) -> bytes:
    """``token`` (DER, one signer) with its signer's signed attributes written with an
    indefinite length (BER), every other field's bytes kept: the signature, made over the DER
    SET OF, is unchanged."""
    from asn1crypto import parser

    content_info = cms.ContentInfo.load(token)
    signed_data = content_info["content"]
    signer = signed_data["signer_infos"][0]
    attributes = b"\xa0\x80" + signer["signed_attrs"].contents + b"\x00\x00"
    fields = ("version", "sid", "digest_algorithm")
    rest = ("signature_algorithm", "signature", "unsigned_attrs")
    signer_bytes = parser.emit(
        0,
        1,
        16,
        b"".join(signer[name].dump() for name in fields)
        + attributes
        + b"".join(signer[name].dump() for name in rest if not isinstance(signer[name], core.Void)),
    )
    kept = ("version", "digest_algorithms", "encap_content_info", "certificates", "crls")
    body = b"".join(
        signed_data[name].dump() for name in kept if not isinstance(signed_data[name], core.Void)
    )
    signed = parser.emit(0, 1, 16, body + parser.emit(0, 1, 17, signer_bytes))
    return parser.emit(
        0, 1, 16, cms.ContentType("signed_data").dump() + parser.emit(2, 1, 0, signed)
    )


def with_counter_signature_timestamp(pki: TestPki, token: bytes) -> bytes:
    """``token`` whose first signer's first counter-signature gets a signature timestamp from
    the test TSA over its own signature value (as over any signer's: RFC 5126 / EN 319 122-1)."""
    content_info = cms.ContentInfo.load(token)
    signer = content_info["content"]["signer_infos"][0]
    counter = next(
        value
        for a in signer["unsigned_attrs"]
        if a["type"].native == "counter_signature"
        for value in a["values"]
    )
    stamp = timestamp_token(pki, bytes(counter["signature"].native))
    counter["unsigned_attrs"] = cms.CMSAttributes([attribute("signature_time_stamp_token", stamp)])
    return bytes(content_info.dump())
