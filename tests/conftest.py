"""Shared fixtures: the test PKI, a way to run the real ``paraphe`` command, folder snapshots."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.pki import PKCS12_PASSWORD, TestPki, build_test_pki
from tests.support.verifiers import make_nss_db

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "app" / "paraphe" / "resources" / "samples"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Memory measurements first: a child started after the Qt and PDF tests measured up to
    4x its usual peak (49 MB in a shell, 83 MB first in pytest, 150-217 MB after the GUI tests),
    for reasons we could not pin down; the product's own figure is the shell one."""
    items.sort(key=lambda item: item.get_closest_marker("memory") is None)


@pytest.fixture(scope="session", autouse=True)
def user_data_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The engine's per-user folder (settings, trust store, revocation cache) is the run's own,
    never the home folder of whoever runs the tests; a test may still point it elsewhere."""
    previous = os.environ.get("PARAPHE_DATA_DIR")
    if previous is None:
        os.environ["PARAPHE_DATA_DIR"] = str(tmp_path_factory.mktemp("user-data"))
    # no administrator's policy unless a test writes one (never the machine's /etc/paraphe)
    previous_policy = os.environ.get("PARAPHE_POLICY")
    if previous_policy is None:
        os.environ["PARAPHE_POLICY"] = str(tmp_path_factory.mktemp("policy") / "policy.toml")
    yield
    if previous is None:
        os.environ.pop("PARAPHE_DATA_DIR", None)
    if previous_policy is None:
        os.environ.pop("PARAPHE_POLICY", None)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestPki]:
    with build_test_pki(tmp_path_factory.mktemp("pki"), serve=True) as served:
        yield served


@pytest.fixture(scope="session")
def nssdir(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_nss_db(tmp_path_factory.mktemp("nss"), pki.root_cert)


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "password.txt"
    path.write_text(PKCS12_PASSWORD + "\n", encoding="utf-8")
    return path


RunParaphe = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_paraphe(tmp_path: Path) -> RunParaphe:
    """Run the real command in a child process: real exit codes, real stderr, no mocks."""
    data_dir = tmp_path / "user-data"

    def run(
        *args: object,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
        timeout: float = 300,
    ) -> subprocess.CompletedProcess[str]:
        child_env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
        child_env["PARAPHE_DATA_DIR"] = str(data_dir)
        child_env["PARAPHE_POLICY"] = os.environ["PARAPHE_POLICY"]  # none, unless a test says
        child_env["LC_ALL"] = "C.UTF-8"  # messages in English unless a test asks otherwise
        child_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "paraphe", *map(str, args)],
            capture_output=True,
            text=True,
            env=child_env,
            input=stdin,
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture
def bid_folder(tmp_path: Path) -> Path:
    """A bid folder with the sample documents, names with spaces, accents and apostrophes."""
    folder = tmp_path / "Offre Entreprise Test"
    folder.mkdir()
    for sample in SAMPLES.iterdir():
        if sample.name != "__init__.py":
            (folder / sample.name).write_bytes(sample.read_bytes())
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256, to prove nothing changed or appeared."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def softhsm_token(pki: TestPki, tmp_path_factory: pytest.TempPathFactory):
    """One SoftHSM2 token for the whole run (SoftHSM reads its configuration once per process):
    RSA, ECDSA and CKA_ALWAYS_AUTHENTICATE keys with certificates from the test PKI."""
    from tests.support.softhsm import create_softhsm_token

    token = create_softhsm_token(tmp_path_factory.mktemp("softhsm"), pki)
    os.environ["SOFTHSM2_CONF"] = str(token.conf)
    return token
