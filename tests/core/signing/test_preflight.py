"""The pre-flight: every file and the key checked before a password is asked, and a batch where
one file fails (found early, or gone during the run) signs the others."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cryptography import x509

from paraphe.core.credentials.secrets import SecretRequest
from paraphe.core.credentials.sources import KeystoreFile
from paraphe.core.errors import (
    CertificateExpired,
    CertificateNotYetValid,
    CorruptKeystore,
    UnreadableDocument,
    UnsupportedDocument,
)
from paraphe.core.signing.batch import sign_batch
from paraphe.core.signing.preflight import (
    DocumentMissing,
    OutputFolderMissing,
    preflight,
)
from paraphe.core.signing.request import SignatureFormat, SignRequest
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.verifiers import openssl_cms_verify


class Asked:
    """The secret callback: counts the times a password was asked."""

    def __init__(self) -> None:
        self.requests: list[SecretRequest] = []

    def __call__(self, request: SecretRequest) -> str:
        self.requests.append(request)
        return PKCS12_PASSWORD


def bid(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(exist_ok=True)
    files = []
    for index in range(count):
        path = folder / f"Pièce {index + 1}.txt"
        path.write_bytes(os.urandom(5000))
        files.append(path)
    return files


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_a_vanished_file_is_named_and_the_others_are_signed(pki: TestPki, tmp_path: Path) -> None:
    files = bid(tmp_path / "Offre")
    files[1].unlink()
    request = SignRequest(tuple(files), SignatureFormat.CADES)
    before = listing(tmp_path / "Offre")

    checked = preflight(request, KeystoreFile(pki.p12("rsa")))

    assert checked.blocking is None and not checked.passed
    assert checked.ready == (files[0], files[2])
    problem = checked.problem_of(files[1])
    assert isinstance(problem, DocumentMissing)
    assert str(files[1]) in problem.message and "no such file" in problem.message
    assert listing(tmp_path / "Offre") == before, "the pre-flight writes nothing"

    asked = Asked()
    outcome = sign_batch(checked.narrowed(request), KeystoreFile(pki.p12("rsa")), asked)
    assert len(asked.requests) == 1 and not outcome.failures
    for document in (files[0], files[2]):
        token = document.parent / f"{document.name} - Signature 1.p7s"
        assert openssl_cms_verify(token, document, pki.root_cert).returncode == 0


def test_every_problem_is_listed_at_once(pki: TestPki, tmp_path: Path) -> None:
    """PAdES on a text file, a missing file and a good PDF: two problems, one file ready."""
    from tests.conftest import SAMPLES

    pdf = tmp_path / "Contrat.pdf"
    pdf.write_bytes((SAMPLES / "Acte d'engagement.pdf").read_bytes())
    [text] = bid(tmp_path / "Offre", 1)
    request = SignRequest((text, tmp_path / "Absent.pdf", pdf), SignatureFormat.PADES)
    checked = preflight(request, KeystoreFile(pki.p12("rsa")))
    assert checked.ready == (pdf,)
    assert isinstance(checked.problem_of(text), UnsupportedDocument)
    assert isinstance(checked.problem_of(tmp_path / "Absent.pdf"), DocumentMissing)
    assert checked.outputs[pdf] == tmp_path / "Contrat_signe.pdf"


def test_the_next_free_output_name_is_planned(pki: TestPki, tmp_path: Path) -> None:
    [document] = bid(tmp_path / "Offre", 1)
    (document.parent / f"{document.name} - Signature 1.xml").write_text("another signer")
    checked = preflight(SignRequest((document,)), KeystoreFile(pki.p12("rsa")))
    assert checked.passed
    assert checked.outputs[document].name == f"{document.name} - Signature 2.xml"


def test_a_missing_output_folder_stops_everything_before_the_password(
    pki: TestPki, tmp_path: Path
) -> None:
    files = bid(tmp_path / "Offre", 2)
    request = SignRequest(tuple(files), output_dir=tmp_path / "Nowhere")
    checked = preflight(request, KeystoreFile(pki.p12("rsa")))
    assert isinstance(checked.blocking, OutputFolderMissing) and checked.ready == ()
    assert "Nowhere" in checked.blocking.message


@pytest.mark.parametrize("damage", ["truncated", "not-pkcs12", "missing"])
def test_a_damaged_keystore_is_found_before_its_password(
    pki: TestPki, tmp_path: Path, damage: str
) -> None:
    [document] = bid(tmp_path / "Offre", 1)
    keystore = tmp_path / "Jeanne.p12"
    if damage == "truncated":
        keystore.write_bytes(pki.p12("rsa").read_bytes()[:700])
    elif damage == "not-pkcs12":
        keystore.write_bytes(b"%PDF-1.7 not a certificate file\n" * 20)
    request = SignRequest((document,), SignatureFormat.CADES)

    checked = preflight(request, KeystoreFile(keystore))
    assert isinstance(checked.blocking, CorruptKeystore), checked
    assert str(keystore) in checked.blocking.message

    asked = Asked()
    with pytest.raises(CorruptKeystore):
        sign_batch(request, KeystoreFile(keystore), asked)
    assert asked.requests == [], "the engine itself checks the file before asking"
    assert listing(tmp_path / "Offre") == [document.name]


@pytest.mark.parametrize(
    ("persona", "error"),
    [("expired", CertificateExpired), ("not-yet-valid", CertificateNotYetValid)],
)
def test_a_certificate_outside_its_validity_is_refused_with_its_dates(
    pki: TestPki, tmp_path: Path, persona: str, error: type
) -> None:
    [document] = bid(tmp_path / "Offre", 1)
    certificate = x509.load_pem_x509_certificate(pki.cert(persona).read_bytes())
    checked = preflight(
        SignRequest((document,)), KeystoreFile(pki.p12(persona)), certificate=certificate
    )
    assert isinstance(checked.blocking, error)
    start = certificate.not_valid_before_utc.date().isoformat()
    end = certificate.not_valid_after_utc.date().isoformat()
    assert start in checked.blocking.message and end in checked.blocking.message


def test_an_expired_certificate_stored_unencrypted_is_found_without_being_told(
    pki: TestPki, tmp_path: Path
) -> None:
    """A .p12 whose certificates are not encrypted (openssl -certpbe NONE, as many exports):
    its certificate is read without the password and checked."""
    keystore = tmp_path / "expired-plain.p12"
    subprocess.run(
        [
            "openssl",
            "pkcs12",
            "-export",
            "-inkey",
            str(pki.key("expired")),
            "-in",
            str(pki.cert("expired")),
            "-certfile",
            str(pki.intermediate_cert),
            "-certpbe",
            "NONE",
            "-passout",
            f"pass:{PKCS12_PASSWORD}",
            "-out",
            str(keystore),
        ],
        check=True,
        capture_output=True,
    )
    [document] = bid(tmp_path / "Offre", 1)
    checked = preflight(SignRequest((document,)), KeystoreFile(keystore))
    assert isinstance(checked.blocking, CertificateExpired)


def test_a_file_gone_during_the_run_fails_alone(pki: TestPki, tmp_path: Path) -> None:
    """The pre-flight passed; then, while the first file is signed, the third is deleted: the
    other two are signed and the outcome names the third."""
    files = bid(tmp_path / "Offre", 3)
    request = SignRequest(tuple(files), SignatureFormat.CADES)
    assert preflight(request, KeystoreFile(pki.p12("rsa"))).passed
    failed: list[Path] = []

    def delete_the_third(result: object) -> None:
        if files[2].exists():
            files[2].unlink()

    outcome = sign_batch(
        request,
        KeystoreFile(pki.p12("rsa")),
        Asked(),
        on_result=delete_the_third,
        on_failure=lambda path, _error: failed.append(path),
    )
    assert [r.document for r in outcome.results] == files[:2]
    assert outcome.failed_documents == [files[2]] == failed
    [failure] = outcome.failures
    assert isinstance(failure, UnreadableDocument) and str(files[2]) in failure.message
    assert listing(tmp_path / "Offre") == sorted(
        [files[0].name, files[1].name, *(f"{f.name} - Signature 1.p7s" for f in files[:2])]
    )


def test_a_file_missing_when_the_batch_starts_fails_alone(pki: TestPki, tmp_path: Path) -> None:
    """Deleted between the pre-flight and the start: planned with the others, it fails alone."""
    files = bid(tmp_path / "Offre", 2)
    request = SignRequest(tuple(files))
    files[0].unlink()
    outcome = sign_batch(request, KeystoreFile(pki.p12("rsa")), Asked())
    assert [r.document for r in outcome.results] == [files[1]]
    assert outcome.failed_documents == [files[0]]


def test_a_read_only_output_folder_is_found_without_writing(pki: TestPki, tmp_path: Path) -> None:
    """A folder on a read-only filesystem (mounted so in a private namespace: root may write
    anywhere else, so permissions alone cannot make one): refused before the password, and the
    engine wrote nothing to find out."""
    import shutil
    import sys

    if shutil.which("unshare") is None:
        pytest.fail("util-linux's unshare is needed (tools/bootstrap.sh installs it)")
    [document] = bid(tmp_path / "Offre", 1)
    folder = tmp_path / "Lecture seule"
    folder.mkdir()
    script = (
        "import sys; from pathlib import Path;"
        "from paraphe.core.credentials.sources import KeystoreFile;"
        "from paraphe.core.signing.preflight import preflight;"
        "from paraphe.core.signing.request import SignRequest;"
        "checked = preflight(SignRequest((Path(sys.argv[1]),), output_dir=Path(sys.argv[2])),"
        " KeystoreFile(Path(sys.argv[3])));"
        "print(type(checked.blocking).__name__); print(checked.blocking.message)"
    )
    done = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            'mount -t tmpfs -o ro paraphe-test "$1" && shift && exec "$@"',
            "sh",
            str(folder),
            sys.executable,
            "-c",
            script,
            str(document),
            str(folder),
            str(pki.p12("rsa")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    kind, message = done.stdout.splitlines()
    assert kind == "OutputFolderReadOnly"
    assert message.startswith(f"{folder}: cannot write the signatures here")
    assert list(folder.iterdir()) == []
