"""Cryptographic verification (EN 319 102-1 5.2.7) by signxml: the signature value, then the
digest of every reference (the document's streamed, never loaded whole); and the signing time,
read from what was verified."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree

from ...adapters import signxml_internals
from ...text.translatable import N_, Worded
from ...xades_names import NS
from ..describe import certificate_info, signer_identity
from ..failures import one_line
from ..indications import Indication, SubIndication
from ..report import Check
from .reading import safe_parser
from .references import (
    FILE,
    PROPERTIES,
    excludes_signatures,
    remove_keeping_tail,
    without_signatures,
)
from .structure import DIGESTS, SIGNATURE_METHODS, DocumentDigests, Structure
from .verdicts import Findings, Verdict, format_failure

_DATETIME = re.compile(
    r"^(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$"
)


class ExternalDocument(bytes):
    """What a detached reference resolves to: the document, hashed as a stream when asked."""

    digest_for: Any

    @classmethod
    def with_digest(cls, digest_for: Any) -> ExternalDocument:
        """``digest_for(algorithm_name)`` returns the document's digest (e.g. from a stream)."""
        marker = cls(b"")
        marker.digest_for = digest_for
        return marker


def _external_digest(data: Any, algorithm: Any) -> bytes | None:
    """A detached document's digest, hashed by us (as a stream); None for what signxml hashes."""
    if isinstance(data, ExternalDocument):
        return bytes(data.digest_for(DIGESTS[algorithm.value]))
    return None


@functools.cache
def streaming_verifier_class() -> Any:
    """signxml's XAdES verifier, with detached documents hashed by us (as a stream), not loaded."""
    from signxml.xades import XAdESVerifier

    return signxml_internals.with_digest_hook(XAdESVerifier, _external_digest)


@functools.cache
def _plain_verifier_class() -> Any:
    """signxml's XML-DSig verifier with the document hashed as a stream, for signatures without
    XAdES properties: their integrity is checked all the same."""
    from signxml import XMLVerifier

    return signxml_internals.with_digest_hook(XMLVerifier, _external_digest)


@functools.cache
def _located_verifier_class(xades: bool) -> Any:
    """The streaming verifier, made to verify the ds:Signature at a given place of the file.

    signxml looks for "the" signature at a fixed location (the root, or the first one at a
    path), in the document and again in each copy it makes for a reference: with several
    signatures in a file (co-signatures, counter-signatures, an enveloped signature among
    others), it would verify, or remove for the enveloped transform, another one than ours.
    Its ``_get_signature`` (signxml 5.2.0) is the one place that picks it: here, by the
    element's position in the file (child indices from the root), which its copies keep."""
    base = streaming_verifier_class() if xades else _plain_verifier_class()

    class LocatedVerifier(base):  # type: ignore[misc, valid-type]
        signature_path: tuple[int, ...] = ()

        def _get_signature(self, root: Any) -> Any:
            from signxml.exceptions import InvalidInput

            node = root.getroottree().getroot()
            for index in self.signature_path:
                children = list(node.iterchildren(etree.Element))
                if index >= len(children):
                    raise InvalidInput(N_("the signature is not where it was found"))
                node = children[index]
            if node.tag != _SIGNATURE_TAG:
                raise InvalidInput(N_("the signature is not where it was found"))
            return node

        def _resolve_reference(
            self, doc_root: Any, reference: Any, uri_resolver: Any = None
        ) -> Any:
            payload = super()._resolve_reference(doc_root, reference, uri_resolver=uri_resolver)
            uri = reference.get("URI") or ""
            if isinstance(payload, etree._Element) and (uri == "" or uri.startswith("#")):
                _drop_comments(payload)
            return payload

        def _apply_transforms(self, payload: Any, *, transforms_node: Any, signature: Any) -> Any:
            # signxml skips the XPath transforms it does not know; the one exclusion of the
            # signatures that ``references`` lets through is applied here, on its copy
            if (
                transforms_node is not None
                and isinstance(payload, etree._Element)
                and any(
                    excludes_signatures(t, bound=False)
                    for t in transforms_node.iterchildren(etree.Element)
                )
            ):
                without_signatures(payload)
            return super()._apply_transforms(
                payload, transforms_node=transforms_node, signature=signature
            )

        def _c14n(self, nodes: Any, algorithm: Any, inclusive_ns_prefixes: Any = None) -> bytes:
            if not algorithm.value.startswith(_EXCLUSIVE_C14N):
                listed = nodes if isinstance(nodes, list) else [nodes]
                nodes = [_as_root(self, node) for node in listed]
            return bytes(super()._c14n(nodes, algorithm, inclusive_ns_prefixes))

    return LocatedVerifier


_SIGNATURE_TAG = "{http://www.w3.org/2000/09/xmldsig#}Signature"
_EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"


def _drop_comments(element: Any) -> None:
    """XML-DSig 4.4.3.3: a same-document reference (``""``, ``#id``) designates its nodes without
    comments, so a ``#WithComments`` canonicalisation then has none to keep (xmlsec1 and DSS
    agree); signxml keeps them, and would find a valid signature's digest wrong. Removed here
    from the copy signxml dereferenced, each comment's tail text kept in place."""
    for comment in list(element.iter(etree.Comment)):
        if comment.getparent() is not None:
            remove_keeping_tail(comment)


def _as_root(verifier: Any, node: Any) -> Any:
    """``node`` copied as the root of a document of its own, its in-scope namespaces declared
    on it (lxml copies them): what inclusive canonicalisation of the subtree outputs.

    libxml2 2.14's inclusive C14N of an element that is not its document's root writes a
    spurious ``xmlns=""`` on its grandchildren (``<Transforms xmlns="">`` in a SignedInfo): every
    inclusive-C14N signature would fail its signature value. The same element as a root is
    canonicalised right, a genuine ``xmlns=""`` included. (xml:* attributes inherited from
    ancestors, which C14N 1.0 also copies onto a subtree's apex, are not: no signer here
    relies on them.)"""
    if not isinstance(node, etree._Element) or node.getparent() is None:
        return node
    return verifier._fromstring(etree.tostring(node, with_tail=False))


def element_position(element: Any) -> tuple[int, ...]:
    """The element's place in its tree: the index among its parent's child elements of each
    element from the root down (comments and processing instructions not counted)."""
    path = []
    node = element
    while (parent := node.getparent()) is not None:
        path.append(list(parent.iterchildren(etree.Element)).index(node))
        node = parent
    return tuple(reversed(path))


def _verify_config(xades: bool, cert: x509.Certificate) -> Any:
    from signxml import DigestAlgorithm, SignatureConfiguration, SignatureMethod
    from signxml.xades import XAdESSignatureConfiguration

    configuration = XAdESSignatureConfiguration if xades else SignatureConfiguration
    return configuration(
        location="./",
        expect_references=True,
        signature_methods=frozenset(SignatureMethod(m) for m in SIGNATURE_METHODS),
        digest_algorithms=frozenset(DigestAlgorithm(d) for d in DIGESTS),
        # validity is pyhanko-certvalidator's business, at the validation time; signxml must not
        # turn an expired certificate into a cryptographic failure
        verification_time=cert.not_valid_before_utc,
    )


def verify(
    data: bytes,
    signature: Any,
    structure: Structure,
    files: Mapping[str, DocumentDigests],
    cert: x509.Certificate,
    *,
    xades: bool,
    objects: dict[int, bool | None] | None = None,
) -> list[Any]:
    """signxml's verification of ``signature`` (an element of ``data``, parsed): the signature
    value first, then each reference's digest, the files of ``files`` hashed as streams.
    ``objects`` gets, per reference index, whether its digest matched (None: not reached)."""
    from signxml.exceptions import (
        InvalidCertificate,
        InvalidDigest,
        InvalidInput,
        InvalidSignature,
        SignXMLException,
    )

    try:
        cert.public_key()
    except (ValueError, UnsupportedAlgorithm) as exc:  # e.g. an EC key with explicit parameters
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
            Check(
                N_("signature value"),
                None,
                Worded(N_("the signer's key cannot be used ({error})"), error=one_line(exc)),
            ),
        ) from None

    def resolve(uri: str) -> ExternalDocument | None:
        document = files.get(uri)
        if document is None:
            return None
        return ExternalDocument.with_digest(document.digest)

    verifier = _located_verifier_class(xades)()
    verifier.signature_path = element_position(signature)
    try:
        results = verifier.verify(
            data,
            x509_cert=cert,
            parser=safe_parser(),
            uri_resolver=resolve,
            expect_config=_verify_config(xades, cert),
        )
    except InvalidDigest as exc:
        message = str(exc)
        match = re.match(r"Digest mismatch for reference (\d+)", message)
        if match is None:  # a certificate named by SigningCertificate is not in KeyInfo
            raise Verdict(
                Indication.INDETERMINATE,
                SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                Check(N_("signing certificate reference"), False, message),
            ) from None
        index = int(match.group(1))
        if objects is not None:
            objects.update({i: True for i in range(index)})
            objects[index] = False
        target = structure.targets[index]
        if target.kind == FILE:
            name = N_("document digest")
        elif target.reference is structure.signed_properties_reference:
            name = N_("signed properties")
        elif target.kind == PROPERTIES:
            name = N_("signed references")
        else:
            name = N_("signed data")
        shown = target.name or Worded(N_("the document (outside the signature)"))
        raise Verdict(
            Indication.TOTAL_FAILED,
            SubIndication.HASH_FAILURE,
            Check(name, False, Worded(N_("the digest of {target} does not match"), target=shown)),
        ) from None
    except InvalidCertificate as exc:
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE,
            Check(N_("signing certificate reference"), False, str(exc)),
        ) from None
    except InvalidSignature as exc:
        raise Verdict(
            Indication.TOTAL_FAILED,
            SubIndication.SIG_CRYPTO_FAILURE,
            Check(
                N_("signature value"),
                False,
                str(exc) or N_("the signature value does not verify"),
            ),
        ) from None
    except UnsupportedAlgorithm as exc:
        raise Verdict(
            Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
            Check(
                N_("signature value"), None, Worded(N_("not supported: {error}"), error=str(exc))
            ),
        ) from None
    except (InvalidInput, SignXMLException, etree.DocumentInvalid) as exc:
        raise format_failure(str(exc)) from None
    except (etree.XMLSyntaxError, ValueError, TypeError, AttributeError) as exc:
        raise format_failure(f"{type(exc).__name__}: {exc}") from None
    verified = list(results) if isinstance(results, list) else [results]
    if objects is not None:
        objects.update({i: True for i in range(len(verified))})
    return verified


def verify_without_identified_signer(
    data: bytes,
    signature: Any,
    structure: Structure,
    files: Mapping[str, DocumentDigests],
    candidates: list[x509.Certificate],
    findings: Findings,
    objects: dict[int, bool | None],
) -> x509.Certificate | None:
    """The integrity checks of a signature that names no signing certificate (EN 319 102-1
    5.2.3 then 5.2.7), with each KeyInfo certificate in turn: the one whose key verifies the
    signature value is the signer's candidate (as EU DSS identifies it). Raises the verdict of a
    modified signature or document; None when no KeyInfo certificate verifies it."""
    method = structure.signature_method
    wanted: type = ec.EllipticCurvePublicKey if "ecdsa" in method else rsa.RSAPublicKey
    for cert in candidates:
        try:
            key = cert.public_key()
        except (ValueError, UnsupportedAlgorithm):  # a key no one can verify with
            continue
        if not isinstance(key, wanted):
            continue
        try:
            results = verify(data, signature, structure, files, cert, xades=False, objects=objects)
        except Verdict as verdict:
            if verdict.subindication is SubIndication.SIG_CRYPTO_FAILURE:
                continue  # not this certificate's key
            raise
        findings.checks.append(
            Check(
                N_("signature value"),
                True,
                N_("verified with the key of a KeyInfo certificate"),
            )
        )
        findings.certificate = certificate_info(cert)
        findings.signer = signer_identity(cert)
        if structure.signed_properties_reference is not None:
            findings.checks.append(Check(N_("signed properties"), True))
            verified = results[structure.references.index(structure.signed_properties_reference)]
            findings.signing_time = signing_time(verified.signed_xml)
        return cert
    findings.checks.append(
        Check(N_("signature value"), None, N_("no certificate in KeyInfo verifies the signature"))
    )
    return None


def signing_time(signed_properties: Any) -> dt.datetime | None:
    if signed_properties is None:
        return None
    text = signed_properties.findtext(
        "xades:SignedSignatureProperties/xades:SigningTime", namespaces=NS
    )
    if text is None:
        return None
    match = _DATETIME.match(text.strip())
    not_a_time = Worded(N_("SigningTime {value} is not a date and time"), value=repr(text))
    if match is None:
        raise format_failure(not_a_time)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz = dt.UTC
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        tz = dt.timezone(sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    try:
        value = dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError:
        raise format_failure(not_a_time) from None
    return value.astimezone(dt.UTC)
