"""A damaged entry of a ZIP archive is skipped and named; the other entries and inputs are still
verified.

zipfile reads entries with zlib, lzma and bz2, which raise their own errors on damaged data
(``zlib.error``, ``lzma.LZMAError``, bz2's ``OSError``); a wrong checksum raises BadZipFile. Any
of them escaped the verification before: "unexpected error", no report, exit 1 (a quick fuzz of
a three-entry ZIP met it in about 250 of 3,000 byte mutations).
"""

from __future__ import annotations

import json
import random
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from paraphe.core.signing.request import SignatureFormat, SignRequest
from paraphe.core.validation.report import InputError
from paraphe.core.validation.settings import VerificationSettings
from paraphe.core.validation.verifier import verify_paths
from tests.conftest import SAMPLES, RunParaphe
from tests.support.pki import TestPki
from tests.support.signing import sign_with

TXT = "Mémoire technique.txt"
DAMAGED = "Offre <b>finale</b>.pdf"  # a name with markup: shown as text, never applied

KEPT = {zipfile.ZIP_DEFLATED: 0, zipfile.ZIP_LZMA: 9, zipfile.ZIP_BZIP2: 4}
"""Bytes of each method's own header kept (zipfile's LZMA properties, bz2's ``BZh9``): the
damage is in the compressed data, where each decompressor meets it."""
REFUSED_BY = {
    zipfile.ZIP_DEFLATED: "Error -3 while decompressing data",  # zlib.error
    zipfile.ZIP_LZMA: "Corrupt input data",  # lzma.LZMAError
    zipfile.ZIP_BZIP2: "Invalid data stream",  # OSError from bz2
}


def damage(archive: Path, name: str) -> None:
    """The compressed data of entry ``name`` overwritten with 0xFF, its header kept."""
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo(name)
    name_length, extra_length = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_length + extra_length + KEPT[info.compress_type]
    end = info.header_offset + 30 + name_length + extra_length + info.compress_size
    data[start:end] = b"\xff" * (end - start)
    archive.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def signed_txt(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("signed")
    document = folder / TXT
    shutil.copyfile(SAMPLES / TXT, document)
    [result] = sign_with(
        pki, "rsa", SignRequest(documents=(document,), format=SignatureFormat.CADES)
    )
    return document, result.output


def archive_with_a_damaged_entry(path: Path, signed_txt: tuple[Path, Path], method: int) -> Path:
    document, token = signed_txt
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(document, f"Offre/{document.name}")
        zipped.writestr(DAMAGED, (SAMPLES / "Acte d'engagement.pdf").read_bytes(), method)
        zipped.write(token, f"Offre/{token.name}")
    damage(path, DAMAGED)
    return path


@pytest.mark.parametrize("method", list(REFUSED_BY), ids=["deflate", "lzma", "bz2"])
def test_a_damaged_entry_is_skipped_and_named_and_the_rest_is_verified(
    method: int,
    pki: TestPki,
    signed_txt: tuple[Path, Path],
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    archive = archive_with_a_damaged_entry(tmp_path / "Dépôt.zip", signed_txt, method)
    other = tmp_path / "other"
    other.mkdir()
    for file in signed_txt:
        shutil.copyfile(file, other / file.name)

    done = run_paraphe("verify", archive, other, "--trust", pki.root_cert, "--json")

    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    [error] = report["errors"]
    assert error["path"] == str(archive)
    assert error["message"].startswith(f"{DAMAGED}: damaged (")
    assert REFUSED_BY[method] in error["message"] and error["message"].endswith("), skipped")
    verdicts = {
        s["signature_path"]: s["indication"] for d in report["documents"] for s in d["signatures"]
    }
    assert verdicts == {
        f"{archive}!/Offre/{signed_txt[1].name}": "TOTAL_PASSED",
        str(other / signed_txt[1].name): "TOTAL_PASSED",
    }
    assert done.returncode == 4  # nothing failed, part of the input could not be read


def test_the_entry_is_named_in_the_users_language_and_the_json_stays_english(
    pki: TestPki, signed_txt: tuple[Path, Path], run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    archive = archive_with_a_damaged_entry(tmp_path / "Dépôt.zip", signed_txt, zipfile.ZIP_LZMA)

    text = run_paraphe("--lang", "fr", "verify", archive, "--trust", pki.root_cert)
    data = run_paraphe("--lang", "fr", "verify", archive, "--trust", pki.root_cert, "--json")

    assert (
        f"  {archive}: {DAMAGED} : endommagé (Corrupt input data), ignoré"
        in text.stdout.splitlines()
    ), text.stdout
    [error] = json.loads(data.stdout)["errors"]
    assert error["message"] == f"{DAMAGED}: damaged (Corrupt input data), skipped"


def three_entries(path: Path) -> Path:
    """A small bid archive, one entry per compression method zipfile reads."""
    text = (SAMPLES / TXT).read_bytes()
    with zipfile.ZipFile(path, "w") as zipped:
        for method, name in zip(REFUSED_BY, ("deflate.txt", "lzma.txt", "bz2.txt"), strict=True):
            zipped.writestr(name, text, method)
    return path


def test_every_mutation_of_an_archive_gets_a_report(tmp_path: Path) -> None:
    """300 archives, each with one to four bytes changed (a fixed seed): every one is verified
    to a report, each damage is one line naming the archive, and the file beside it is still
    listed."""
    original = three_entries(tmp_path / "original.zip").read_bytes()
    beside = tmp_path / "Annexe.txt"
    beside.write_text("Annexe.\n", encoding="utf-8")
    archive = tmp_path / "Dépôt.zip"
    settings = VerificationSettings(trust_roots=(), offline=True)
    rng = random.Random(20261203)
    met = dict.fromkeys(REFUSED_BY.values(), 0)
    damaged_entries = 0
    for _ in range(300):
        mutated = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        archive.write_bytes(bytes(mutated))

        report = verify_paths([archive, beside], settings)

        json.loads(report.to_json())
        assert beside in report.unsigned_documents
        for error in report.errors:
            assert isinstance(error, InputError) and error.path == archive
            assert "\n" not in error.message
            damaged_entries += ": damaged (" in error.message
            for refusal in met:
                met[refusal] += refusal in error.message
    # each decompressor's own error was met, and damaged entries left the others readable
    assert all(met.values()), met
    assert damaged_entries > 300, damaged_entries
