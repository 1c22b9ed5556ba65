"""Signatures made by tools we did not write: ``openssl cms -sign``, pyHanko's CLI, xmlsec1.

The validator must be checked against what others produce, not only against Paraphe's signer.
Each helper signs with a persona of the test PKI and fails loudly if the tool does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from paraphe.core.signing import xades as xades_signing
from tests.support.pki import TestPki
from tests.support.xml_shapes import xmlsec1_fill

PYHANKO_CLI = Path(sys.executable).parent / "pyhanko"


def openssl_sign(pki: TestPki, document: Path, out: Path, *extra: str) -> Path:
    """A CMS SignedData over ``document`` (detached unless ``extra`` says ``-nodetach``)."""
    done = subprocess.run(
        [
            "openssl",
            "cms",
            "-sign",
            "-binary",
            "-outform",
            "DER",
            "-md",
            "sha256",
            "-in",
            str(document),
            "-signer",
            str(pki.cert("rsa")),
            "-inkey",
            str(pki.key("rsa")),
            "-certfile",
            str(pki.intermediate_cert),
            "-out",
            str(out),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def pyhanko_sign(pki: TestPki, pdf: Path, out: Path, field: str = "Sig1") -> Path:
    """A PAdES signature added by pyHanko's command line (ECDSA persona), as an increment."""
    done = subprocess.run(
        [
            str(PYHANKO_CLI),
            "sign",
            "addsig",
            "--field",
            field,
            "--use-pades",
            "pemder",
            "--key",
            str(pki.key("ecdsa")),
            "--cert",
            str(pki.cert("ecdsa")),
            "--chain",
            str(pki.intermediate_cert),
            "--no-pass",
            str(pdf),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


_XMLSEC_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="xmlsec-signature">
  <SignedInfo>
    <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
    <SignatureMethod Algorithm="{method}"/>
    <Reference URI="{uri}">
      <DigestMethod Algorithm="{digest}"/>
      <DigestValue/>
    </Reference>
  </SignedInfo>
  <SignatureValue/>
  <KeyInfo><X509Data/></KeyInfo>
</Signature>
"""


def xmlsec1_sign(
    pki: TestPki,
    document: Path,
    method: str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    digest: str = "http://www.w3.org/2001/04/xmlenc#sha256",
) -> Path:
    """A plain XML-DSig token (no XAdES properties) beside ``document``, signed by xmlsec1."""
    template = document.with_name("template.xml")
    template.write_text(
        _XMLSEC_TEMPLATE.format(
            method=method, digest=digest, uri=xades_signing.document_reference_uri(document.name)
        ),
        encoding="utf-8",
    )
    token = xmlsec1_fill(
        pki,
        template.read_text(encoding="utf-8"),
        document.with_name(f"{document.name} - Signature 1.xml"),
    )
    template.unlink()
    return token
