"""``paraphe demo`` needs no certificate and produces outputs that other tools accept."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import RunParaphe
from tests.support.verifiers import make_nss_db, openssl_cms_verify, pdfsig, xmlsec1_verify


def test_demo_signs_samples_in_three_formats_and_other_tools_accept_them(
    run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    done = run_paraphe("demo")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    folder = Path(re.search(r"^Demo folder: (.+)$", done.stdout, re.M).group(1))
    pki = tmp_path / "user-data" / "demo-pki"
    root = pki / "demo-root.pem"
    from cryptography.hazmat.primitives.serialization import pkcs12

    _, cert, _ = pkcs12.load_key_and_certificates((pki / "demo-signer.p12").read_bytes(), b"demo")
    assert cert.subject.rfc4514_string().startswith("CN=PARAPHE DEMO - NOT A REAL CERTIFICATE")
    documents = ["Acte d'engagement.pdf", "BPU.ods", "Mémoire technique.txt"]
    for name in documents:
        assert xmlsec1_verify(folder / f"{name} - Signature 1.xml", root).returncode == 0
        checked = openssl_cms_verify(folder / f"{name} - Signature 1.p7s", folder / name, root)
        assert checked.returncode == 0, checked.stderr
    report = pdfsig(folder / "Acte d'engagement_signe.pdf", make_nss_db(tmp_path / "nss", root))
    assert "Signature is Valid" in report.stdout
    assert done.stdout.count("re-read and verified") == 7
    assert "not declare itself qualified" in done.stdout
    # ...then verifies the folder and prints the verdicts: every signature valid.
    assert done.stdout.count("✔ VALID") == 7
    assert "7 signature(s): 7 valid, 0 failed, 0 indeterminate." in done.stdout

    again = run_paraphe("demo")
    assert again.returncode == 0, again.stderr
    assert (pki / "demo-signer.p12").read_bytes() == (pki / "demo-signer.p12").read_bytes()
    second = Path(re.search(r"^Demo folder: (.+)$", again.stdout, re.M).group(1))
    assert second != folder
