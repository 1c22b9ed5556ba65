"""The ASiCManifest of an ASiC-E container with CAdES (EN 319 162-1, A.4): the file a CAdES
signature signs, naming the signature it belongs to (``SigReference``) and listing the data
objects it covers with their digests (``DataObjectReference``). Read safely (bounded, no DTD, no
entity, no network) and its digests checked against the container's files, streamed.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from ...files.name_bytes import file_name_in_uri
from ...files.user_files import TooLarge, read_bounded
from ...xades_names import DS
from ..inputs import archives
from ..xades.reading import safe_parser

ASIC = "http://uri.etsi.org/02918/v1.2.1#"
"""The namespace of ASiCManifest and XAdESSignatures (EN 319 162-1, annex A)."""

MAX_MANIFEST_BYTES = 4 << 20
"""A manifest lists file names and digests: a few KB for hundreds of files."""

MAX_REFERENCES = archives.MAX_ENTRIES
"""A manifest listing more files than a container is unpacked with is not read further."""

DIGESTS = {
    "http://www.w3.org/2001/04/xmldsig-more#sha224": "sha224",
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-224": "sha3_224",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-256": "sha3_256",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-384": "sha3_384",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-512": "sha3_512",
}
"""Digest algorithms accepted in a manifest (RFC 6931 URIs); SHA-1 and MD5 are not."""


@dataclass(frozen=True)
class DataObjectReference:
    uri: str
    name: str | None
    """The entry the URI names in the container (``folder/doc.pdf``), None if none can."""
    algorithm: str | None
    """hashlib's name for the digest, None when the algorithm is not accepted."""
    algorithm_uri: str
    digest: bytes
    transformed: bool = False
    """ds:Transforms are present: the digest is not over the file's bytes as they are."""


@dataclass(frozen=True)
class AsicManifest:
    name: str
    """Its name in the container (``META-INF/ASiCManifest001.xml``)."""
    signature: str | None
    """The signature file its SigReference names, as an entry name."""
    references: list[DataObjectReference] = field(default_factory=list)


class UnreadableManifest(Exception):
    """Not a manifest that can be read: the reason, in one line; ``damaged`` unless it was only
    too large to read (a valid container is never called damaged for its size)."""

    def __init__(self, reason: str, damaged: bool = True) -> None:
        super().__init__(reason)
        self.damaged = damaged


def read_manifest(name: str, path: Path) -> AsicManifest:
    """The manifest ``name`` unpacked at ``path``; ``UnreadableManifest`` saying why not."""
    try:
        data = read_bounded(path, MAX_MANIFEST_BYTES)
    except TooLarge:
        raise UnreadableManifest(f"{name} is too large to be read", damaged=False) from None
    except OSError as exc:
        raise UnreadableManifest(f"{name} cannot be read ({exc.strerror or exc})") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnreadableManifest(f"{name} declares a DTD or entities, which a manifest never needs")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableManifest(f"{name} is not well-formed XML ({exc})") from None
    if root is None or root.tag != f"{{{ASIC}}}ASiCManifest":
        raise UnreadableManifest(f"the root element of {name} is not asic:ASiCManifest")
    sig_references = root.findall(f"{{{ASIC}}}SigReference")
    if len(sig_references) != 1:
        raise UnreadableManifest(f"{name} must name exactly one signature (SigReference)")
    signature = entry_named(sig_references[0].get("URI") or "")
    elements = root.findall(f"{{{ASIC}}}DataObjectReference")
    if len(elements) > MAX_REFERENCES:
        raise UnreadableManifest(
            f"{name} lists more data objects than a container may hold", damaged=False
        )
    references = [_data_object(name, element) for element in elements]
    if not references:
        raise UnreadableManifest(f"{name} lists no data object")
    return AsicManifest(name, signature, references)


def _data_object(name: str, element: Any) -> DataObjectReference:
    uri = element.get("URI") or ""
    method = element.find(f"{{{DS}}}DigestMethod")
    value = element.find(f"{{{DS}}}DigestValue")
    if method is None or value is None:
        raise UnreadableManifest(f"{name}: the reference to {uri[:80]!r} has no digest")
    algorithm_uri = method.get("Algorithm") or ""
    try:
        digest = base64.b64decode("".join((value.text or "").split()), validate=True)
    except ValueError:
        raise UnreadableManifest(f"{name}: the digest of {uri[:80]!r} is not base64") from None
    return DataObjectReference(
        uri=uri,
        name=entry_named(uri),
        algorithm=DIGESTS.get(algorithm_uri),
        algorithm_uri=algorithm_uri,
        digest=digest,
        transformed=element.find(f"{{{DS}}}Transforms") is not None,
    )


def entry_named(uri: str) -> str | None:
    """The container entry a relative URI names (percent-decoded, ``./`` dropped); None for an
    absolute URI, a fragment, or one that climbs out of the container."""
    if not uri or uri.startswith(("#", "/")) or ":" in uri.split("/", 1)[0]:
        return None
    name = file_name_in_uri(uri)
    if name is None:
        return None
    parts = [part for part in PurePosixPath(name).parts if part != "."]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)
