"""Hostile containers: a valid ASiC-E (CAdES over an ASiCManifest, and XAdES) with bytes flipped
anywhere in the ZIP. Whatever is hit, the validation ends in reports and never an exception, and
never TOTAL_PASSED unless every signed entry still reads back exactly as it was signed (a byte
of the mimetype, a timestamp or a comment may change: nothing signed did)."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from paraphe.core.validation.indications import Indication
from paraphe.core.validation.settings import VerificationSettings
from tests.support.asic_shapes import (
    cades_asic_e,
    paraphe_xades_signature,
    write_container,
    xades_signatures_file,
)
from tests.support.pki import TestPki

from .common import verify

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 16
MUTATIONS = 40


def _readable_as_signed(path: Path, signed: dict[str, bytes]) -> bool:
    try:
        with zipfile.ZipFile(path) as zipped:
            return all(zipped.read(name) == content for name, content in signed.items())
    except Exception:  # any reader's refusal: not what was signed
        return False


@pytest.mark.parametrize("form", ["cades", "xades"])
def test_flipped_bytes_never_pass_on_changed_signed_content(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path, form: str
) -> None:
    if form == "cades":
        entries = cades_asic_e(pki, tmp_path / "work", [("Acte.pdf", PDF), ("b.txt", b"BPU")])
    else:
        signature = paraphe_xades_signature(pki, "Acte.pdf", PDF)
        entries = [
            ("Acte.pdf", PDF),
            ("META-INF/signatures.xml", xades_signatures_file([signature])),
        ]
    original = write_container(tmp_path / "original.asice", entries).read_bytes()
    signed = dict(entries)
    chance = random.Random(20261204)
    for number in range(MUTATIONS):
        data = bytearray(original)
        for _ in range(chance.choice((1, 1, 3))):
            data[chance.randrange(len(data))] ^= 1 << chance.randrange(8)
        container = tmp_path / f"mutated-{number}.asice"
        container.write_bytes(bytes(data))

        result = verify(container, settings)  # never raises

        for report in result.reports:
            if report.indication is Indication.TOTAL_PASSED:
                assert _readable_as_signed(container, signed), (number, report.checks)


@pytest.mark.parametrize("form", ["cades", "xades"])
def test_structural_variants_never_pass_on_a_file_that_is_not_the_one_signed(
    pki: TestPki, settings: VerificationSettings, tmp_path: Path, form: str
) -> None:
    """Entries dropped, grown, halved, renamed, moved, added, swapped: whatever the verdicts, a
    signature passes only when every file it says it signs (its signed objects) holds, under
    that name, the very bytes that were signed under it."""
    from tests.support.asic_shapes import structural_variants

    objects = [("Acte.pdf", PDF), ("Annexes/BPU.csv", b"BPU;1;2\n")]
    if form == "cades":
        entries = cades_asic_e(pki, tmp_path / "work", objects)
    else:
        from tests.support.asic_shapes import xmlsec1_signatures_file

        folder = tmp_path / "content"
        (folder / "Annexes").mkdir(parents=True)
        for name, content in objects:
            (folder / name).write_bytes(content)
        names = [name for name, _ in objects]
        entries = [
            *objects,
            ("META-INF/signatures.xml", xmlsec1_signatures_file(pki, folder, names, True)),
        ]
    signed = dict(objects)
    for number, (what, variant) in enumerate(structural_variants(entries)):
        container = write_container(tmp_path / f"variant-{number}.asice", variant)
        held = dict(variant)

        result = verify(container, settings)  # never raises

        for report in result.reports:
            if report.indication is not Indication.TOTAL_PASSED:
                continue
            for signed_object in report.signed_objects:
                if signed_object.kind != "file":
                    continue
                name = signed_object.name.split("!/", 1)[1]
                assert held.get(name) == signed.get(name), (what, name, report.checks)
