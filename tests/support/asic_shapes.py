"""ASiC containers (EN 319 162-1) built at test time: ZIPs written by Python's zipfile or by the
``zip`` tool around signatures made by ``openssl cms`` (and, for XAdES, by the tools of
``xml_shapes``), with the mimetype placed, compressed or written as a test needs.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

from tests.support.pki import TestPki
from tests.support.third_party import openssl_sign

ASIC_S = "application/vnd.etsi.asic-s+zip"
ASIC_E = "application/vnd.etsi.asic-e+zip"
ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256"

Entries = Sequence[tuple[str, bytes]]


def write_container(
    out: Path,
    entries: Entries,
    *,
    mimetype: str | None = ASIC_E,
    mimetype_last: bool = False,
    mimetype_compressed: bool = False,
    mimetype_extra: bytes = b"",
    comment: bytes = b"",
) -> Path:
    """A container of ``entries`` (name, content), deflated, with the mimetype as asked: first,
    stored and without an extra field unless told otherwise (EN 319 162-1 A.1)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        if mimetype is not None and not mimetype_last:
            _write_mimetype(zipped, mimetype, mimetype_compressed, mimetype_extra)
        for name, content in entries:
            zipped.writestr(name, content)
        if mimetype is not None and mimetype_last:
            _write_mimetype(zipped, mimetype, mimetype_compressed, mimetype_extra)
        zipped.comment = comment
    return out


def _write_mimetype(zipped: zipfile.ZipFile, mimetype: str, compressed: bool, extra: bytes) -> None:
    info = zipfile.ZipInfo("mimetype", date_time=(2026, 12, 1, 9, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    info.extra = extra
    zipped.writestr(info, mimetype.encode("ascii"))


def zip_tool_container(out: Path, folder: Path, mimetype: str) -> Path:
    """The recipe of EN 319 162-1 with Info-ZIP's ``zip``: the mimetype first, stored, without
    extra fields (``-X -0``), then the rest (``-r -X``), from inside ``folder``."""
    assert shutil.which("zip"), "the zip tool is needed"
    (folder / "mimetype").write_bytes(mimetype.encode("ascii"))
    out.unlink(missing_ok=True)
    for command in (
        ["zip", "-q", "-X", "-0", str(out), "mimetype"],
        ["zip", "-q", "-r", "-X", "-D", str(out), ".", "-x", "mimetype"],
    ):
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    return out


DIGEST_URIS = {
    "sha1": "http://www.w3.org/2000/09/xmldsig#sha1",
    "sha256": SHA256_URI,
    "sha3_256": "http://www.w3.org/2007/05/xmldsig-more#sha3-256",
}


def asic_manifest(
    signature: str,
    objects: Entries,
    digest_value: bytes | None = None,
    algorithm: str = "sha256",
) -> bytes:
    """An ASiCManifest (EN 319 162-1 A.4) naming ``signature`` and listing ``objects`` with their
    digests by ``algorithm`` (or ``digest_value`` for every one, to forge a manifest)."""
    references = "".join(
        f'<asic:DataObjectReference URI="{name}">'
        f'<ds:DigestMethod Algorithm="{DIGEST_URIS[algorithm]}"/>'
        "<ds:DigestValue>"
        + base64.b64encode(digest_value or hashlib.new(algorithm, content).digest()).decode()
        + "</ds:DigestValue></asic:DataObjectReference>"
        for name, content in objects
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<asic:ASiCManifest xmlns:asic="{ASIC_NS}" xmlns:ds="{DS_NS}">'
        f'<asic:SigReference URI="{signature}" MimeType="application/pkcs7-signature"/>'
        f"{references}</asic:ASiCManifest>"
    ).encode()


def openssl_signature(pki: TestPki, content: bytes, work: Path) -> bytes:
    """A detached CMS signature over ``content`` made by ``openssl cms -sign``."""
    work.mkdir(parents=True, exist_ok=True)
    data = work / "to-sign.bin"
    data.write_bytes(content)
    token = openssl_sign(pki, data, work / "signature.p7s")
    signature = token.read_bytes()
    data.unlink()
    token.unlink()
    return signature


def cades_asic_s(pki: TestPki, work: Path, name: str, content: bytes) -> list[tuple[str, bytes]]:
    """The entries of an ASiC-S with CAdES: the data object, and META-INF/signature.p7s over it."""
    return [(name, content), ("META-INF/signature.p7s", openssl_signature(pki, content, work))]


def cades_asic_e(
    pki: TestPki, work: Path, objects: Entries, signature: str = "META-INF/signature001.p7s"
) -> list[tuple[str, bytes]]:
    """The entries of an ASiC-E with CAdES: the data objects, an ASiCManifest listing them and
    naming the signature, and the signature over the manifest."""
    manifest = asic_manifest(signature, objects)
    return [
        *objects,
        ("META-INF/ASiCManifest001.xml", manifest),
        (signature, openssl_signature(pki, manifest, work)),
    ]


def replaced(entries: Entries, name: str, content: bytes | None) -> list[tuple[str, bytes]]:
    """``entries`` with ``name``'s content replaced (or the entry removed, for None)."""
    return [
        (n, content if n == name else c) for n, c in entries if n != name or content is not None
    ]


XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def xades_signatures_file(signatures: Sequence[bytes]) -> bytes:
    """``META-INF/signatures.xml``: the given ds:Signature elements under asic:XAdESSignatures
    (EN 319 162-1 A.5). Moving a signature there keeps it valid when it is canonicalised
    exclusively (no namespace of the new ancestor enters SignedInfo's canonical form)."""
    from lxml import etree

    root = etree.Element(f"{{{ASIC_NS}}}XAdESSignatures", nsmap={"asic": ASIC_NS})
    for signature in signatures:
        root.append(etree.fromstring(signature))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def paraphe_xades_signature(pki: TestPki, name: str, content: bytes) -> bytes:
    """A XAdES B-B ds:Signature over ``content`` referenced as ``name``, by Paraphe's signer."""
    import datetime as dt

    from paraphe.core.credentials import Pkcs12Credential, RsaPadding
    from paraphe.core.signing.xades import sign_detached
    from tests.support.pki import PKCS12_PASSWORD

    with Pkcs12Credential.open(pki.p12("rsa"), PKCS12_PASSWORD) as credential:
        return sign_detached(
            file_name=name,
            digest=hashlib.sha256(content).digest(),
            digest_algorithm="sha256",
            mime_type="application/pdf",
            credential=credential,
            rsa_padding=RsaPadding.PKCS1V15,
            signing_time=dt.datetime.now(dt.UTC),
        )


def xmlsec1_signatures_file(
    pki: TestPki, folder: Path, names: Sequence[str], xades: bool, embedded: str | None = None
) -> bytes:
    """``META-INF/signatures.xml`` signed by xmlsec1: one ds:Signature referencing each of
    ``names`` (files under ``folder``, by their path in the container) and, with ``xades``, the
    XAdES SignedProperties (SigningTime, SigningCertificateV2) made by the template; without,
    a plain XML-DSig signature. ``embedded``: text signed in a ds:Object of the signature
    (enveloping) by one more reference."""
    import datetime as dt
    from urllib.parse import quote

    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    references = "".join(
        f'<ds:Reference Id="r{index}" URI="{quote(name)}">'
        f'<ds:DigestMethod Algorithm="{SHA256_URI}"/><ds:DigestValue/></ds:Reference>'
        for index, name in enumerate(names)
    )
    properties = ""
    if embedded is not None:
        references += (
            '<ds:Reference URI="#embedded">'
            f'<ds:Transforms><ds:Transform Algorithm="{EXC_C14N}"/></ds:Transforms>'
            f'<ds:DigestMethod Algorithm="{SHA256_URI}"/><ds:DigestValue/></ds:Reference>'
        )
        properties += f'<ds:Object Id="embedded">{embedded}</ds:Object>'
    if xades:
        certificate = x509.load_pem_x509_certificate(pki.cert("rsa").read_bytes())
        cert_digest = base64.b64encode(
            hashlib.sha256(certificate.public_bytes(Encoding.DER)).digest()
        ).decode()
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        references += (
            '<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#S1-props">'
            f'<ds:Transforms><ds:Transform Algorithm="{EXC_C14N}"/></ds:Transforms>'
            f'<ds:DigestMethod Algorithm="{SHA256_URI}"/><ds:DigestValue/></ds:Reference>'
        )
        properties += (
            f'<ds:Object><xades:QualifyingProperties xmlns:xades="{XADES_NS}" Target="#S1">'
            '<xades:SignedProperties Id="S1-props"><xades:SignedSignatureProperties>'
            f"<xades:SigningTime>{now}</xades:SigningTime>"
            "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>"
            f'<ds:DigestMethod Algorithm="{SHA256_URI}"/>'
            f"<ds:DigestValue>{cert_digest}</ds:DigestValue>"
            "</xades:CertDigest></xades:Cert></xades:SigningCertificateV2>"
            "</xades:SignedSignatureProperties></xades:SignedProperties>"
            "</xades:QualifyingProperties></ds:Object>"
        )
    template = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<asic:XAdESSignatures xmlns:asic="{ASIC_NS}" xmlns:ds="{DS_NS}">'
        '<ds:Signature Id="S1"><ds:SignedInfo>'
        f'<ds:CanonicalizationMethod Algorithm="{EXC_C14N}"/>'
        f'<ds:SignatureMethod Algorithm="{RSA_SHA256}"/>{references}</ds:SignedInfo>'
        "<ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>"
        f"{properties}</ds:Signature></asic:XAdESSignatures>"
    )
    (folder / "template.xml").write_text(template, encoding="utf-8")
    done = subprocess.run(
        [
            "xmlsec1",
            "--sign",
            "--id-attr:Id",
            f"{XADES_NS}:SignedProperties",
            "--id-attr:Id",
            f"{DS_NS}:Object",
            "--privkey-pem",
            f"{pki.key('rsa')},{pki.cert('rsa')}",
            "--output",
            "signed.xml",
            "template.xml",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    signed = (folder / "signed.xml").read_bytes()
    (folder / "template.xml").unlink()
    (folder / "signed.xml").unlink()
    return signed


def structural_variants(entries: Entries) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """What can be done to a container's entries without touching a byte inside any of them,
    and what can be done to one entry's bytes: each variant named (for a failing test's message)
    with its entries. For fuzzing the validator beyond flipped bits: the ZIP stays readable, so
    the validation reaches the signatures and the accounting of the data objects."""
    original = list(entries)
    names = [name for name, _ in original]
    data = [n for n in names if not n.startswith("META-INF/")]
    variants: list[tuple[str, list[tuple[str, bytes]]]] = []
    for name in names:
        variants.append((f"drop {name}", [e for e in original if e[0] != name]))
        variants.append((f"grow {name}", replaced(original, name, dict(original)[name] + b"\n")))
        variants.append(
            (
                f"halve {name}",
                replaced(original, name, dict(original)[name][: len(dict(original)[name]) // 2]),
            )
        )
        renamed = name.replace(".", "-renamed.", 1) if "." in name else name + "-renamed"
        variants.append((f"rename {name}", [(renamed if n == name else n, c) for n, c in original]))
    for name in data:
        variants.append(
            (
                f"move {name} into a folder",
                [("sub/" + n if n == name else n, c) for n, c in original],
            )
        )
        variants.append(
            (f"add a sibling of {name}", [*original, (name + ".copy", dict(original)[name])])
        )
    if len(data) >= 2:
        first, second = data[0], data[1]
        swapped = {first: dict(original)[second], second: dict(original)[first]}
        variants.append(("swap two files' contents", [(n, swapped.get(n, c)) for n, c in original]))
    return variants
