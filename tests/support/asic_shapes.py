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


def asic_manifest(signature: str, objects: Entries, digest_value: bytes | None = None) -> bytes:
    """An ASiCManifest (EN 319 162-1 A.4) naming ``signature`` and listing ``objects`` with their
    SHA-256 (or ``digest_value`` for every one, to forge a manifest)."""
    references = "".join(
        f'<asic:DataObjectReference URI="{name}">'
        f'<ds:DigestMethod Algorithm="{SHA256_URI}"/>'
        "<ds:DigestValue>"
        + base64.b64encode(digest_value or hashlib.sha256(content).digest()).decode()
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
    return [(n, content if n == name else c) for n, c in entries if n != name or content is not None]
