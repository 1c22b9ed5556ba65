"""Library warnings never reach the user's terminal, from the command line or the window.

The trigger is a third-party PDF signed with a certificate that cryptography warns about when
it loads it: a negative serial number (CryptographyDeprecationWarning) and a three-letter
country name (UserWarning). The certificate is built here with asn1crypto, which lets us write
what a careless CA writes; the PDF is signed with pyHanko, not with Paraphe.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tests.conftest import SAMPLES, RunParaphe
from tests.support.small_filesystem import child_environment

WARNINGS = ("CryptographyDeprecationWarning", "UserWarning")


def careless_certificate(key: rsa.RSAPrivateKey) -> asn1_x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    name = asn1_x509.Name.build(
        {"country_name": "FRA", "organization_name": "Négligent", "common_name": "Serial Négatif"}
    )
    public_der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    tbs = asn1_x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": -5,
            "signature": {"algorithm": "sha256_rsa"},
            "issuer": name,
            "validity": {
                "not_before": asn1_x509.Time({"utc_time": now - dt.timedelta(days=1)}),
                "not_after": asn1_x509.Time({"utc_time": now + dt.timedelta(days=30)}),
            },
            "subject": name,
            "subject_public_key_info": asn1_keys.PublicKeyInfo.load(public_der),
        }
    )
    signature = key.sign(tbs.dump(), padding.PKCS1v15(), hashes.SHA256())
    return asn1_x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": {"algorithm": "sha256_rsa"},
            "signature_value": signature,
        }
    )


@pytest.fixture(scope="module")
def careless_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signer = signers.SimpleSigner(
        signing_cert=careless_certificate(key),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore(),
    )
    out = tmp_path_factory.mktemp("careless") / "Contrat signé ailleurs.pdf"
    with open(SAMPLES / "Acte d'engagement.pdf", "rb") as source, open(out, "wb") as target:
        signers.sign_pdf(
            IncrementalPdfFileWriter(source),
            signers.PdfSignatureMetadata(field_name="Signature1"),
            signer=signer,
            output=target,
        )
    return out


def test_the_command_line_prints_no_warning(careless_pdf: Path, run_paraphe: RunParaphe) -> None:
    shown = run_paraphe("--debug", "verify", "--offline", careless_pdf)
    assert all(kind in shown.stderr for kind in WARNINGS), "the PDF does trigger them"

    done = run_paraphe("verify", "--offline", careless_pdf)
    assert done.returncode == 3, done.stderr  # untrusted: indeterminate
    assert "Serial Négatif" in done.stdout
    assert done.stderr == ""

    as_json = run_paraphe("verify", "--offline", "--json", careless_pdf)
    assert as_json.returncode == 3
    assert as_json.stderr == ""


_VERIFY_IN_A_WINDOWED_PROCESS = """
import sys
from pathlib import Path

if sys.argv[1] == "window":
    from paraphe.gui.app import main

    main(["--quit-when-shown"])
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths

report = verify_paths([Path(sys.argv[2])], VerificationSettings(trust_roots=(), offline=True))
assert len(report.all_signatures()) == 1
"""


def test_the_desktop_application_prints_no_warning(careless_pdf: Path, tmp_path: Path) -> None:
    """The application's start-up quiets them for the whole process: a verification run after
    the window came up prints none; the same run without the start-up does."""
    env = child_environment(tmp_path / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"

    def run(mode: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-c", _VERIFY_IN_A_WINDOWED_PROCESS, mode, str(careless_pdf)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done

    assert all(kind in run("bare").stderr for kind in WARNINGS)
    windowed = run("window").stderr
    assert not any(kind in windowed for kind in WARNINGS), windowed
    assert "Warning" not in windowed, windowed
