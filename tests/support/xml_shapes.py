"""XML signatures of every shape other tools make, signed at test time with the test PKI.

- xmlsec1 (an independent implementation, libxml2/OpenSSL) fills templates: enveloped
  (``URI=""`` with the enveloped-signature transform), enveloping (the data in a ds:Object,
  as XML or base64), detached over several files, with the transforms asked for.
- XAdES B-B: the same templates with the signed properties written here (SigningTime,
  SigningCertificateV2) and a reference to them, signed by xmlsec1: enveloped, enveloping,
  co-signed. (signxml 5.2.0's own enveloped XAdES does not verify in signxml itself when the
  document declares a namespace: its SignedProperties reference is canonicalised inclusively
  before the signature is put in the document.)
- Counter-signatures as EN 319 132-1 5.2.7 says: a XAdES signature over the countersigned
  ds:SignatureValue (by its Id), in a ``xades:CounterSignature`` unsigned property of that
  signature, signed in place by xmlsec1.
- ASiC signatures files: ds:Signature elements under one ``asic:XAdESSignatures`` root.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import subprocess
from pathlib import Path

from lxml import etree

from tests.support.pki import TestPki

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
ASIC = "http://uri.etsi.org/02918/v1.2.1#"
NS = {"ds": DS, "xades": XADES, "asic": ASIC}

RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
BASE64 = "http://www.w3.org/2000/09/xmldsig#base64"
C14N_10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N_10_COMMENTS = C14N_10 + "#WithComments"
C14N_11 = "http://www.w3.org/2006/12/xml-c14n11"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
EXC_C14N_COMMENTS = EXC_C14N + "WithComments"
XPATH_FILTER2 = "http://www.w3.org/2002/06/xmldsig-filter2"
XPATH_10 = "http://www.w3.org/TR/1999/REC-xpath-19991116"
XPATH_NO_SIGNATURE = "xpath:not(ancestor-or-self::ds:Signature)"
"""Not an algorithm: asks ``_transform`` for EU DSS's XPath that leaves out every signature."""
SUBTRACT_SIGNATURES = "filter2:subtract-signatures"
"""Not an algorithm: XPath Filter 2.0 subtracting every ds:Signature (DSS's newer form)."""
COUNTERSIGNED_TYPE = "http://uri.etsi.org/01903#CountersignedSignature"

TENDER = """<tender:Offer xmlns:tender="urn:example:tender" Id="offer">
  <tender:Bidder siren="123456789">ENTREPRISE TEST SAS</tender:Bidder>
  <!-- a comment, signed or not depending on the canonicalisation -->
  <tender:Price currency="EUR">1250000.00</tender:Price>
  {signature}
</tender:Offer>
"""
"""An XML document that holds its own signature (``{signature}``)."""


def _transforms(algorithms: list[str]) -> str:
    if not algorithms:
        return ""
    inner = "".join(_transform(a) for a in algorithms)
    return f"<Transforms>{inner}</Transforms>"


def _transform(algorithm: str) -> str:
    if algorithm == XPATH_NO_SIGNATURE:
        return (
            f'<Transform Algorithm="{XPATH_10}"><XPath xmlns:ds="{DS}">'
            "not(ancestor-or-self::ds:Signature)</XPath></Transform>"
        )
    if algorithm == SUBTRACT_SIGNATURES:
        return (
            f'<Transform Algorithm="{XPATH_FILTER2}">'
            f'<XPath xmlns="{XPATH_FILTER2}" xmlns:ds="{DS}" Filter="subtract">'
            "/descendant::ds:Signature</XPath></Transform>"
        )
    if algorithm == XPATH_FILTER2:
        return (
            f'<Transform Algorithm="{XPATH_FILTER2}">'
            f'<XPath xmlns="{XPATH_FILTER2}" Filter="subtract"'
            ' xmlns:tender="urn:example:tender">//tender:Price</XPath></Transform>'
        )
    return f'<Transform Algorithm="{algorithm}"/>'


def _reference(uri: str, transforms: list[str]) -> str:
    return (
        f'<Reference URI="{uri}">{_transforms(transforms)}'
        f'<DigestMethod Algorithm="{SHA256}"/><DigestValue/></Reference>'
    )


def _signature_template(
    references: list[tuple[str, list[str]]], *, c14n: str = EXC_C14N, objects: str = "", sid: str
) -> str:
    refs = "".join(_reference(uri, transforms) for uri, transforms in references)
    return (
        f'<Signature xmlns="{DS}" Id="{sid}"><SignedInfo>'
        f'<CanonicalizationMethod Algorithm="{c14n}"/>'
        f'<SignatureMethod Algorithm="{RSA_SHA256}"/>{refs}</SignedInfo>'
        f"<SignatureValue/><KeyInfo><X509Data/></KeyInfo>{objects}</Signature>"
    )


_ID_ATTRIBUTES = [
    f"{DS}:Object",
    f"{DS}:Signature",
    f"{DS}:SignatureValue",
    f"{XADES}:SignedProperties",
    "urn:example:tender:Offer",
    "urn:example:tender:Bidder",
]
"""Elements whose Id attribute xmlsec1 must know as an XML ID (it reads no schema)."""


def xmlsec1_fill(
    pki: TestPki, template: str, out: Path, persona: str = "rsa", node_id: str | None = None
) -> Path:
    """xmlsec1 signs ``template`` (relative URIs resolved in ``out``'s folder): its first
    ds:Signature, or the one whose Id is ``node_id``."""
    source = out.with_name(out.name + ".template.xml")
    source.write_text(template, encoding="utf-8")
    ids = [arg for name in _ID_ATTRIBUTES for arg in ("--id-attr:Id", name)]
    done = subprocess.run(
        [
            "xmlsec1",
            "--sign",
            *ids,
            *(["--node-id", node_id] if node_id else []),
            "--privkey-pem",
            f"{pki.key(persona)},{pki.cert(persona)}",
            "--output",
            out.name,
            source.name,
        ],
        cwd=out.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    source.unlink()
    return out


def xmlsec1_verifies(pki: TestPki, path: Path) -> bool:
    """Whether xmlsec1 verifies the first signature of ``path`` (trusting the test root)."""
    ids = [arg for name in _ID_ATTRIBUTES for arg in ("--id-attr:Id", name)]
    done = subprocess.run(
        [
            "xmlsec1",
            "--verify",
            *ids,
            "--trusted-pem",
            str(pki.root_cert),
            "--untrusted-pem",
            str(pki.intermediate_cert),
            path.name,
        ],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0


def xmlsec1_enveloped(
    pki: TestPki,
    out: Path,
    *,
    c14n: str = EXC_C14N,
    transforms: tuple[str, ...] = (ENVELOPED, EXC_C14N),
    uri: str = "",
    sid: str = "enveloped-1",
    persona: str = "rsa",
) -> Path:
    """A plain XML-DSig enveloped signature, as the last child of the document it signs."""
    signature = _signature_template([(uri, list(transforms))], c14n=c14n, sid=sid)
    return xmlsec1_fill(pki, TENDER.format(signature=signature), out, persona)


def xmlsec1_enveloping(
    pki: TestPki, out: Path, *, base64_data: bytes | None = None, c14n: str = EXC_C14N
) -> Path:
    """A plain XML-DSig enveloping signature: the data in ``ds:Object Id="data"``, as XML, or
    as base64 with the Base64 transform when ``base64_data`` is given."""
    if base64_data is None:
        obj = f'<Object Id="data">{TENDER.format(signature="")}</Object>'
        transforms: list[str] = [EXC_C14N]
    else:
        text = base64.encodebytes(base64_data).decode()
        obj = f'<Object Id="data" Encoding="{BASE64}" MimeType="application/pdf">{text}</Object>'
        transforms = [BASE64]
    template = _signature_template([("#data", transforms)], c14n=c14n, objects=obj, sid="env")
    return xmlsec1_fill(pki, template, out)


def xmlsec1_detached(
    pki: TestPki, out: Path, uris: list[str], *, with_object: bool = False
) -> Path:
    """A plain XML-DSig detached signature over several files (and an enveloped ds:Object)."""
    references: list[tuple[str, list[str]]] = [(uri, []) for uri in uris]
    objects = ""
    if with_object:
        references.append(("#manifest-note", [EXC_C14N]))
        objects = '<Object Id="manifest-note"><Note xmlns="urn:example">two files</Note></Object>'
    return xmlsec1_fill(
        pki, _signature_template(references, objects=objects, sid="detached-1"), out
    )


# --- XAdES B-B by template ----------------------------------------------------------------------


def xades_properties(pki: TestPki, sid: str, persona: str = "rsa") -> tuple[str, str]:
    """A XAdES B-B ds:Object for the signature ``sid`` (SigningTime, SigningCertificateV2 with
    the signer's certificate digest) and the reference that signs its SignedProperties."""
    der = pem_to_der(pki.cert(persona).read_bytes())
    digest = base64.b64encode(hashlib.sha256(der).digest()).decode()
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    obj = (
        f'<Object><xades:QualifyingProperties xmlns:xades="{XADES}" Target="#{sid}">'
        f'<xades:SignedProperties Id="{sid}-props"><xades:SignedSignatureProperties>'
        f"<xades:SigningTime>{now}</xades:SigningTime>"
        "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>"
        f'<DigestMethod Algorithm="{SHA256}"/><DigestValue>{digest}</DigestValue>'
        "</xades:CertDigest></xades:Cert></xades:SigningCertificateV2>"
        "</xades:SignedSignatureProperties></xades:SignedProperties>"
        "</xades:QualifyingProperties></Object>"
    )
    reference = (
        f'<Reference URI="#{sid}-props" Type="http://uri.etsi.org/01903#SignedProperties">'
        f'<Transforms><Transform Algorithm="{EXC_C14N}"/></Transforms>'
        f'<DigestMethod Algorithm="{SHA256}"/><DigestValue/></Reference>'
    )
    return obj, reference


def xades_template(
    pki: TestPki,
    references: list[tuple[str, list[str]]],
    *,
    sid: str,
    objects: str = "",
    persona: str = "rsa",
) -> str:
    """A ds:Signature template that xmlsec1 turns into a XAdES B-B signature."""
    properties, reference = xades_properties(pki, sid, persona)
    template = _signature_template(references, objects=properties + objects, sid=sid)
    if persona == "ecdsa":
        template = template.replace(RSA_SHA256, ECDSA_SHA256)
    return template.replace("</SignedInfo>", reference + "</SignedInfo>")


def xades_enveloped(pki: TestPki, out: Path, *, sid: str = "xades-enveloped") -> Path:
    """The tender document with an enveloped XAdES B-B signature (URI="")."""
    signature = xades_template(pki, [("", [ENVELOPED, EXC_C14N])], sid=sid)
    return xmlsec1_fill(pki, TENDER.format(signature=signature), out)


def xades_enveloping(pki: TestPki, out: Path) -> Path:
    """A XAdES B-B signature holding the tender document in ``ds:Object Id="data"``."""
    data = f'<Object Id="data">{TENDER.format(signature="")}</Object>'
    template = xades_template(pki, [("#data", [EXC_C14N])], sid="xades-enveloping", objects=data)
    return xmlsec1_fill(pki, template, out)


def co_signed_document(
    pki: TestPki, out: Path, transforms: tuple[str, ...] = (ENVELOPED, EXC_C14N)
) -> Path:
    """The tender document with two enveloped XAdES signatures, the second made over the
    document already holding the first (xmlsec1 signs it by its Id)."""
    first = xades_template(pki, [("", list(transforms))], sid="first")
    signed = xmlsec1_fill(pki, TENDER.format(signature=first), out)
    second = xades_template(pki, [("", list(transforms))], sid="second", persona="ecdsa")
    text = signed.read_text(encoding="utf-8").replace("</tender:Offer>", second + "</tender:Offer>")
    return xmlsec1_fill(pki, text, out, persona="ecdsa", node_id="second")


def with_counter_signature(pki: TestPki, token: Path, persona: str = "ecdsa") -> Path:
    """``token`` (whose root is a XAdES ds:Signature) counter-signed by ``persona``: a XAdES
    signature over the root's ds:SignatureValue (given an Id, which its own signature does not
    cover), in its CounterSignature unsigned property (EN 319 132-1 5.2.7)."""
    root = etree.fromstring(token.read_bytes())
    value = root.find("ds:SignatureValue", NS)
    assert value is not None
    value_id = value.get("Id") or f"{root.get('Id')}-value"
    value.set("Id", value_id)
    counter = xades_template(
        pki, [(f"#{value_id}", [EXC_C14N])], sid=f"{root.get('Id')}-counter", persona=persona
    ).replace(f'URI="#{value_id}"', f'URI="#{value_id}" Type="{COUNTERSIGNED_TYPE}"')
    qualifying = root.find("ds:Object/xades:QualifyingProperties", NS)
    assert qualifying is not None
    unsigned = qualifying.find("xades:UnsignedProperties", NS)
    if unsigned is None:
        unsigned = etree.SubElement(qualifying, f"{{{XADES}}}UnsignedProperties")
    properties = unsigned.find("xades:UnsignedSignatureProperties", NS)
    if properties is None:
        properties = etree.SubElement(unsigned, f"{{{XADES}}}UnsignedSignatureProperties")
    holder = etree.SubElement(properties, f"{{{XADES}}}CounterSignature")
    holder.append(etree.fromstring(counter))
    text = etree.tostring(root, encoding="unicode")
    return xmlsec1_fill(pki, text, token, persona=persona, node_id=f"{root.get('Id')}-counter")


def pem_to_der(data: bytes) -> bytes:
    lines = [line for line in data.decode().splitlines() if line and "-----" not in line]
    return base64.b64decode("".join(lines))


def asic_signatures(*signatures: bytes) -> bytes:
    """An ASiC ``META-INF/signatures.xml``: each signature (a token's root) under one root."""
    root = etree.Element(f"{{{ASIC}}}XAdESSignatures", nsmap={"asic": ASIC})
    for data in signatures:
        root.append(etree.fromstring(data))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
