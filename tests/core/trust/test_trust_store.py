"""``paraphe trust`` keeps the user's anchors; ``paraphe verify`` uses them, and nothing else by default."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunParaphe
from tests.support.pki import TestPki


def test_trust_add_list_remove_and_verify_with_the_store(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    document = bid_folder / "BPU.ods"
    signed = run_paraphe(
        "sign",
        document,
        "--format",
        "cades",
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
    )
    assert signed.returncode == 0, signed.stderr

    untrusted = run_paraphe("verify", bid_folder, "--json")
    assert untrusted.returncode == 3
    [signature] = json.loads(untrusted.stdout)["documents"][0]["signatures"]
    assert signature["subindication"] == "NO_CERTIFICATE_CHAIN_FOUND"

    added = run_paraphe("trust", "add", pki.root_cert)
    assert added.returncode == 0, added.stderr
    fingerprint = added.stdout.split("SHA-256 ")[1].split(")")[0]
    listed = run_paraphe("trust", "list")
    assert fingerprint in listed.stdout

    trusted = run_paraphe("verify", bid_folder, "--json")
    assert trusted.returncode == 0, trusted.stdout
    report = json.loads(trusted.stdout)
    assert report["documents"][0]["signatures"][0]["indication"] == "TOTAL_PASSED"
    assert any(source.startswith("user trust store (1)") for source in report["trust_sources"])
    french = run_paraphe("--lang", "fr", "verify", bid_folder, "--trust", pki.root_cert)
    assert (
        f"fichier {pki.root_cert} (1), magasin de confiance de l'utilisateur (1)" in french.stdout
    ), french.stdout
    ignoring = run_paraphe("verify", bid_folder, "--no-user-trust", "--json")
    assert ignoring.returncode == 3

    removed = run_paraphe("trust", "remove", fingerprint[:16])
    assert removed.returncode == 0
    assert fingerprint not in run_paraphe("trust", "list").stdout
    assert run_paraphe("verify", bid_folder).returncode == 3
    assert run_paraphe("trust", "remove", "deadbeefdeadbeef").returncode == 2


def test_trust_add_rejects_a_file_that_is_not_a_certificate(
    run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    junk = tmp_path / "root.pem"
    junk.write_text("not a certificate")
    done = run_paraphe("trust", "add", junk)
    assert done.returncode == 4
    assert str(junk) in done.stderr and "certificate" in done.stderr
    assert "Traceback" not in done.stderr
    verify = run_paraphe("verify", tmp_path, "--trust", junk)
    assert verify.returncode == 4 and str(junk) in verify.stderr
