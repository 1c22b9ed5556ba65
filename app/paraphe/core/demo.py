"""A demo that needs no certificate: a throw-away PKI and bundled sample documents.

The signer is plainly named "PARAPHE DEMO - NOT A REAL CERTIFICATE" and carries no qualified
statement, so nobody can mistake a demo signature for a real one.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .config.paths import user_data_dir

DEMO_SIGNER_NAME = "PARAPHE DEMO - NOT A REAL CERTIFICATE"
DEMO_ROOT_NAME = "PARAPHE DEMO ROOT CA - NOT TRUSTED"
# Not a secret: it protects a demo key whose certificate says it is not real.
DEMO_PASSWORD = "demo"
SAMPLE_NAMES = ("Acte d'engagement.pdf", "BPU.ods", "Mémoire technique.txt")


@dataclass(frozen=True)
class DemoPki:
    folder: Path

    @property
    def p12(self) -> Path:
        return self.folder / "demo-signer.p12"

    @property
    def root_cert(self) -> Path:
        return self.folder / "demo-root.pem"

    @property
    def root_key(self) -> Path:
        return self.folder / "demo-root-key.pem"

    def fresh_crl(self) -> bytes:
        """An empty CRL from the demo root, valid a week: the demo's revocation data."""
        root = x509.load_pem_x509_certificate(self.root_cert.read_bytes())
        key = serialization.load_pem_private_key(self.root_key.read_bytes(), password=None)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        crl = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(root.subject)
            .last_update(now - dt.timedelta(minutes=5))
            .next_update(now + dt.timedelta(days=7))
            .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(root.public_key()),  # type: ignore[arg-type]
                critical=False,
            )
            .sign(key, hashes.SHA256())  # type: ignore[arg-type]
        )
        return crl.public_bytes(serialization.Encoding.DER)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "PARAPHE DEMO"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _build(folder: Path) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (
        x509.CertificateBuilder()
        .subject_name(_name(DEMO_ROOT_NAME))
        .issuer_name(_name(DEMO_ROOT_NAME))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_usage(), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = (
        x509.CertificateBuilder()
        .subject_name(_name(DEMO_SIGNER_NAME))
        .issuer_name(root.subject)
        .public_key(signer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_signer_usage(), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / "demo-root.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))
    # The demo root's key stays to publish the demo's CRL; it certifies nothing real.
    (staging / "demo-root-key.pem").write_bytes(
        root_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (staging / "demo-signer.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"paraphe-demo",
            signer_key,
            signer,
            [root],
            serialization.BestAvailableEncryption(DEMO_PASSWORD.encode()),
        )
    )
    for name in ("demo-root.pem", "demo-root-key.pem", "demo-signer.p12"):
        (staging / name).replace(folder / name)
    staging.rmdir()


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _signer_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def demo_pki(folder: Path | None = None) -> DemoPki:
    """The demo PKI, created on first use in the user data folder (or re-created if damaged)."""
    pki = DemoPki(folder or user_data_dir() / "demo-pki")
    if not (pki.p12.is_file() and pki.root_cert.is_file() and pki.root_key.is_file()):
        _build(pki.folder)
    return pki


def copy_samples(destination: Path) -> list[Path]:
    """Put fresh copies of the bundled sample documents in ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    samples = resources.files("paraphe.resources.samples")
    copies = []
    for name in SAMPLE_NAMES:
        target = destination / name
        target.write_bytes(samples.joinpath(name).read_bytes())
        copies.append(target)
    return copies
