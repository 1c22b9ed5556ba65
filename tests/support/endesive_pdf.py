"""PDFs signed by endesive, a signer Paraphe did not write, for the verifier's tests.

endesive's ``endesive.pdf`` package imports its verifier when it is imported, and through it
oscrypto 1.3.0, which cannot read the version of OpenSSL 3.0.1x ("Error detecting the version of
libcrypto"). Signing needs none of that, so the signing module ``endesive/pdf/cms.py`` is loaded
on its own, under a bare ``endesive.pdf`` package.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from tests.support.pki import TestPki


def _cms_module() -> Any:
    name = "endesive.pdf.cms"
    if name in sys.modules:
        return sys.modules[name]
    import endesive

    folder = Path(endesive.__file__).parent / "pdf"
    if "endesive.pdf" not in sys.modules:
        package = types.ModuleType("endesive.pdf")
        package.__path__ = [str(folder)]
        sys.modules["endesive.pdf"] = package
    spec = importlib.util.spec_from_file_location(name, folder / "cms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def endesive_sign(
    pki: TestPki,
    pdf: Path,
    out: Path,
    persona: str = "rsa",
    box: tuple[int, int, int, int] | None = None,
) -> Path:
    """``pdf`` signed by endesive with ``persona``'s key, visibly in ``box`` when given."""
    key = serialization.load_pem_private_key(pki.key(persona).read_bytes(), password=None)
    cert = x509.load_pem_x509_certificate(pki.cert(persona).read_bytes())
    chain = x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())
    parameters: dict[str, Any] = {
        "sigflags": 3,
        "sigpage": 0,
        "sigfield": "Signature1",
        "auto_sigfield": True,
        "contact": "jeanne.test@example.com",
        "location": "Paris",
        "reason": "Offre",
        "signingdate": dt.datetime.now(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'"),
    }
    if box is not None:
        parameters["signaturebox"] = box
        parameters["signature"] = "Jeanne Test"
    data = pdf.read_bytes()
    signature = _cms_module().sign(data, parameters, key, cert, [chain], "sha256")
    out.write_bytes(data + signature)
    return out
