"""``paraphe extend``, the real command: what it prints and its exit codes."""

from __future__ import annotations

from pathlib import Path

from paraphe.core.etsi import SignatureFormat
from paraphe.core.signing.request import SignRequest
from tests.conftest import RunParaphe, snapshot
from tests.support.fake_tsa import unused_port_url
from tests.support.pki import TestPki
from tests.support.signing import sign_with


def _token(pki: TestPki, folder: Path, fmt: SignatureFormat = SignatureFormat.XADES) -> Path:
    document = folder / "Mémoire technique.txt"
    document.write_text("Offre\n", encoding="utf-8")
    [result] = sign_with(pki, "rsa", SignRequest((document,), fmt))
    return result.output


def test_extend_says_what_it_did_and_then_that_nothing_was_needed(
    run_paraphe: RunParaphe, pki: TestPki, tmp_path: Path
) -> None:
    token = _token(pki, tmp_path)
    done = run_paraphe("extend", token, "--level", "B-T", "--tsa", pki.tsa_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"extended: {token} (B-B → B-T)"
    again = run_paraphe("extend", token, "--level", "B-T", "--tsa", pki.tsa_url)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"already B-T: {token}"
    verified = run_paraphe("verify", token, "--trust", pki.root_cert, "--json")
    assert verified.returncode == 0, verified.stderr
    assert '"level": "B-T"' in verified.stdout


def test_extend_without_a_timestamp_server_exits_6_and_changes_nothing(
    run_paraphe: RunParaphe, pki: TestPki, tmp_path: Path
) -> None:
    token = _token(pki, tmp_path, SignatureFormat.CADES)
    before = snapshot(tmp_path)
    done = run_paraphe("extend", token, "--level", "B-T", "--tsa", unused_port_url())
    assert done.returncode == 6
    assert "connection refused" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before


def test_extend_refuses_what_it_cannot_do(
    run_paraphe: RunParaphe, pki: TestPki, tmp_path: Path
) -> None:
    token = _token(pki, tmp_path)
    before = snapshot(tmp_path)
    no_server = run_paraphe("extend", token, "--level", "B-T")
    assert no_server.returncode == 2 and "timestamp server" in no_server.stderr
    renew_b_t = run_paraphe("extend", token, "--level", "B-T", "--renew", "--tsa", pki.tsa_url)
    assert renew_b_t.returncode == 2 and "only a B-LTA signature can be renewed" in renew_b_t.stderr
    not_a_signature = run_paraphe(
        "extend", tmp_path / "Mémoire technique.txt", "--level", "B-T", "--tsa", pki.tsa_url
    )
    assert not_a_signature.returncode == 4
    assert "not a signature Paraphe can extend" in not_a_signature.stderr
    assert snapshot(tmp_path) == before
