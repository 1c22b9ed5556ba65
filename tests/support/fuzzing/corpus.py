"""The seeds: valid signatures made at test time, by Paraphe's engine and by other tools.

Each seed is a small folder as a buyer would receive it: a detached token beside its document
(Atexo naming, so that pairing does not depend on the token's content), an enveloping .p7m, or
a signed PDF. Nothing is copied from elsewhere: the documents are the demo samples.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from paraphe.core.credentials import RsaPadding
from paraphe.core.signing.request import SignatureFormat, SignRequest
from tests.support.pki import TestPki
from tests.support.signing import sign_with
from tests.support.third_party import openssl_sign, pyhanko_sign, xmlsec1_sign

SAMPLES = Path(__file__).resolve().parents[3] / "app" / "paraphe" / "resources" / "samples"
TEXT = "Mémoire technique.txt"
PDF = "Acte d'engagement.pdf"
FORMATS = ("xades", "cades", "p7m", "pades", "asic")
PASSED = ("TOTAL_PASSED", None)


@dataclass(frozen=True)
class Seed:
    name: str
    format: str
    """xades (a detached token, or an XML file signed inside or holding its data), cades
    (detached .p7s), p7m (enveloping), pades, or asic (an ASiC-S or ASiC-E container)."""
    target: str
    """The signature file, the one the format's mutators change."""
    files: Mapping[str, bytes]
    """The whole folder: the target and, for a detached token, its document."""
    document: str | None = None
    expected: tuple[tuple[str, str | None], ...] = (PASSED,)
    """Its verdicts untouched (one per signature), offline with the test PKI's CRLs."""


def _sample(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes((SAMPLES / name).read_bytes())
    return target


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _detached(name: str, fmt: str, document: Path, token: Path, **extra: object) -> Seed:
    return Seed(
        name=name,
        format=fmt,
        target=token.name,
        files={document.name: document.read_bytes(), token.name: token.read_bytes()},
        document=document.name,
        **extra,  # type: ignore[arg-type]
    )


def _engine(
    pki: TestPki, persona: str, document: Path, fmt: SignatureFormat, **request: object
) -> Path:
    (result,) = sign_with(pki, persona, SignRequest((document,), fmt, **request))  # type: ignore[arg-type]
    return result.output


def build_corpus(pki: TestPki, folder: Path) -> list[Seed]:
    """Every seed, signed now in ``folder`` (one sub-folder each)."""
    seeds: list[Seed] = []

    def engine_detached(name: str, fmt: SignatureFormat, persona: str, **request: object) -> None:
        document = _sample(TEXT, folder / name)
        token = _engine(pki, persona, document, fmt, **request)
        seeds.append(_detached(name, fmt.value, document, token))

    engine_detached("xades-paraphe-rsa", SignatureFormat.XADES, "rsa")
    engine_detached("xades-paraphe-ecdsa", SignatureFormat.XADES, "ecdsa")
    engine_detached(
        "xades-paraphe-rsa-pss", SignatureFormat.XADES, "rsa", rsa_padding=RsaPadding.PSS
    )
    if shutil.which("xmlsec1"):
        document = _sample(TEXT, folder / "xades-xmlsec1")
        token = xmlsec1_sign(pki, document)
        seeds.append(
            _detached(
                "xades-xmlsec1",
                "xades",
                document,
                token,
                # plain XML-DSig: its signer is the KeyInfo certificate whose key verifies (as
                # DSS), whose issuer is in neither the token nor the trust (the root only)
                expected=(("INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND"),),
            )
        )
    engine_detached("cades-paraphe-rsa", SignatureFormat.CADES, "rsa")
    engine_detached("cades-paraphe-ecdsa", SignatureFormat.CADES, "ecdsa")
    engine_detached(
        "cades-paraphe-rsa-pss", SignatureFormat.CADES, "rsa", rsa_padding=RsaPadding.PSS
    )

    document = _sample(TEXT, folder / "cades-openssl")
    token = openssl_sign(pki, document, document.with_name(f"{TEXT} - Signature 1.p7s"))
    seeds.append(_detached("cades-openssl", "cades", document, token))
    for name, extra in (("p7m-openssl-der", ()), ("p7m-openssl-ber", ("-stream",))):
        document = _sample(TEXT, folder / name / "in")
        p7m = openssl_sign(pki, document, folder / name / f"{TEXT}.p7m", "-nodetach", *extra)
        seeds.append(Seed(name, "p7m", p7m.name, {p7m.name: p7m.read_bytes()}))

    # the forms other tools make (issue 13): XML signed inside itself or holding its data, a
    # counter-signed CMS, ASiC containers
    from tests.support.asic_shapes import (
        ASIC_S,
        cades_asic_e,
        paraphe_xades_signature,
        write_container,
        xades_signatures_file,
    )
    from tests.support.cades_shapes import counter_signed
    from tests.support.xml_shapes import xades_enveloped, xades_enveloping

    for name, make in (
        ("xades-enveloped", xades_enveloped),
        ("xades-enveloping", xades_enveloping),
    ):
        signed = make(pki, _folder(folder / name) / "offre.xml", chain=True)
        seeds.append(Seed(name, "xades", signed.name, {signed.name: signed.read_bytes()}))
    base = (folder / "p7m-openssl-der" / f"{TEXT}.p7m").read_bytes()
    countered = counter_signed(pki, base, "ecdsa")
    seeds.append(
        Seed(
            "p7m-counter-signed",
            "p7m",
            f"{TEXT}.p7m",
            {f"{TEXT}.p7m": countered},
            expected=(PASSED, PASSED),  # the signer, then its counter-signer
        )
    )
    text = (SAMPLES / TEXT).read_bytes()
    pdf_bytes = (SAMPLES / PDF).read_bytes()
    asic_e = write_container(
        _folder(folder / "asic-e-cades") / "Offre.asice",
        cades_asic_e(pki, folder / "asic-e-cades" / "work", [(PDF, pdf_bytes), (TEXT, text)]),
    )
    seeds.append(Seed("asic-e-cades", "asic", asic_e.name, {asic_e.name: asic_e.read_bytes()}))
    signatures = xades_signatures_file([paraphe_xades_signature(pki, PDF, pdf_bytes)])
    asic_s = write_container(
        _folder(folder / "asic-s-xades") / "Offre.asics",
        [(PDF, pdf_bytes), ("META-INF/signatures.xml", signatures)],
        mimetype=ASIC_S,
    )
    seeds.append(Seed("asic-s-xades", "asic", asic_s.name, {asic_s.name: asic_s.read_bytes()}))

    pdf = _sample(PDF, folder / "pades-paraphe")
    ours = _engine(pki, "rsa", pdf, SignatureFormat.PADES)
    seeds.append(Seed("pades-paraphe", "pades", "signed.pdf", {"signed.pdf": ours.read_bytes()}))
    pdf = _sample(PDF, folder / "pades-pyhanko")
    theirs = pyhanko_sign(pki, pdf, pdf.with_name("signed.pdf"))
    seeds.append(Seed("pades-pyhanko", "pades", "signed.pdf", {"signed.pdf": theirs.read_bytes()}))
    twice = pyhanko_sign(pki, ours, folder / "pades-paraphe" / "twice.pdf", field="Sig2")
    seeds.append(
        Seed(
            "pades-twice",
            "pades",
            "signed.pdf",
            {"signed.pdf": twice.read_bytes()},
            expected=(PASSED, PASSED),
        )
    )
    return seeds


def write_folder(files: Mapping[str, bytes], folder: Path) -> Path:
    """Lay ``files`` out in ``folder`` (emptied first)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder
