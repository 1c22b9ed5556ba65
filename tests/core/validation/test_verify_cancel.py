"""A verification can be stopped between two signatures; a stopped run yields no report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from paraphe.core.errors import Cancelled
from paraphe.core.progress import CancelToken
from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.trust import load_certificates
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.support.pki import TestPki
from tests.support.signing import sign_with


@pytest.fixture
def signed_folder(pki: TestPki, bid_folder: Path) -> Path:
    documents = tuple(sorted(p for p in bid_folder.iterdir() if p.is_file()))
    sign_with(pki, "rsa", SignRequest(documents=documents, format=SignatureFormat.CADES))
    return bid_folder


def settings(pki: TestPki) -> VerificationSettings:
    return VerificationSettings(trust_roots=tuple(load_certificates(pki.root_cert)))


def stop_at_first_item() -> tuple[CancelToken, list[str], Callable[[str], None]]:
    """A user who presses Stop as soon as the first signature is announced."""
    cancel = CancelToken()
    seen: list[str] = []

    def on_item(name: str) -> None:
        seen.append(name)
        cancel.cancel()

    return cancel, seen, on_item


def test_a_stop_after_the_first_signature_checks_no_other(
    pki: TestPki, signed_folder: Path
) -> None:
    cancel, seen, on_item = stop_at_first_item()

    with pytest.raises(Cancelled):
        verify_paths([signed_folder], settings(pki), on_item=on_item, cancel=cancel)
    assert len(seen) == 1

    everything = verify_paths([signed_folder], settings(pki))
    assert len(everything.all_signatures()) == 3


def test_a_stop_before_starting_reads_nothing(pki: TestPki, signed_folder: Path) -> None:
    cancel = CancelToken()
    cancel.cancel()
    seen: list[str] = []
    with pytest.raises(Cancelled):
        verify_paths([signed_folder], settings(pki), on_item=seen.append, cancel=cancel)
    assert seen == []


@pytest.mark.parametrize("signature_format", [SignatureFormat.XADES, SignatureFormat.CADES])
def test_a_stop_while_a_document_is_hashed_ends_its_check_without_a_verdict(
    signature_format: SignatureFormat, pki: TestPki, tmp_path: Path
) -> None:
    """The last signature of a run: without a check inside the hashing it would end with a
    report; a stop arriving while its document is read must still stop the run."""
    document = tmp_path / "Mémoire technique.bin"
    with open(document, "wb") as out:
        for _ in range(24):  # 24 MiB: several chunks
            out.write(b"\x5a" * (1 << 20))
    sign_with(pki, "rsa", SignRequest(documents=(document,), format=signature_format))
    cancel, seen, on_item = stop_at_first_item()  # arrives before the first chunk is hashed

    with pytest.raises(Cancelled):
        verify_paths([tmp_path], settings(pki), on_item=on_item, cancel=cancel)
    assert len(seen) == 1


def test_a_stop_between_two_signed_pdfs_checks_no_other(
    pki: TestPki, bid_folder: Path, tmp_path: Path
) -> None:
    """Embedded signatures (PAdES) are checked in their own loop: it stops too."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    pdf = next(bid_folder.glob("*.pdf"))
    for number in (1, 2):
        (folder / f"Pièce {number}.pdf").write_bytes(pdf.read_bytes())
    pdfs = tuple(sorted(folder.iterdir()))
    sign_with(pki, "rsa", SignRequest(documents=pdfs, format=SignatureFormat.PADES))
    for original in pdfs:
        original.unlink()  # only the signed copies remain
    cancel, seen, on_item = stop_at_first_item()

    with pytest.raises(Cancelled):
        verify_paths([folder], settings(pki), on_item=on_item, cancel=cancel)
    assert len(seen) == 1


def test_a_stop_while_folders_are_walked_reads_no_further_file(
    pki: TestPki, signed_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paraphe.core.validation import verifier

    cancel = CancelToken()
    opened: list[Path] = []
    real_gather = verifier._gather

    def gather(path: Path, scratch: Path, report: object, *rest: object) -> list:
        opened.append(path)
        cancel.cancel()  # the user stops while the first file is being looked at
        return real_gather(path, scratch, report, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(verifier, "_gather", gather)
    with pytest.raises(Cancelled):
        verify_paths([signed_folder], settings(pki), cancel=cancel)
    assert len(opened) == 1
