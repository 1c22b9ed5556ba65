"""ASiC containers found in a bid folder by ``paraphe verify`` (discovery, pairing, report): a
container is a signature file, never unpacked as a bid archive; a file added to it after signing
is listed with the unsigned documents under the container's name; a damaged one is a failed
signature, not an unsigned document."""

from __future__ import annotations

import json
from pathlib import Path

from paraphe.core.validation.inputs.discovery import Kind, classify
from paraphe.core.validation.report import Container
from tests.conftest import RunParaphe
from tests.support.asic_shapes import ASIC_S, cades_asic_e, cades_asic_s, write_container
from tests.support.pki import TestPki

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 64
SHEET = b"BPU;quantite;prix\n1;2;3\n" * 50


def test_a_bid_folder_with_containers(
    pki: TestPki, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    bid = tmp_path / "Offre"
    bid.mkdir()
    work = tmp_path / "work"
    signed = cades_asic_e(pki, work, [("Acte.pdf", PDF), ("BPU.csv", SHEET)])
    # a file slipped into the container after signing: the signature stays valid for what it
    # signs, the added file must be shown as unsigned
    write_container(bid / "Offre.asice", [*signed, ("Avenant.txt", b"not signed")])
    # an ASiC-S named .zip, as some platforms export it: a container, not a bid archive
    write_container(
        bid / "Memoire.zip", cades_asic_s(pki, work, "Memoire.pdf", PDF), mimetype=ASIC_S
    )
    (bid / "Casse.asice").write_bytes(b"PK\x03\x04 not a container any more")

    assert classify(bid / "Memoire.zip").kind is Kind.ASIC
    done = run_paraphe("verify", "--json", "--trust", str(pki.root_cert), "--no-eu-trust", str(bid))

    report = json.loads(done.stdout)
    signatures = {
        Path(s["signature_path"]).name: s for d in report["documents"] for s in d["signatures"]
    }
    assert signatures["Offre.asice"]["indication"] == "TOTAL_PASSED"
    assert signatures["Offre.asice"]["container"] == Container.ASIC_E.value
    unsigned = signatures["Offre.asice"]["checks"]
    assert any(c["name"] == "container files signed" and c["passed"] is False for c in unsigned)
    assert signatures["Memoire.zip"]["indication"] == "TOTAL_PASSED"
    assert signatures["Memoire.zip"]["container"] == "ASiC-S"
    assert signatures["Casse.asice"]["indication"] == "TOTAL_FAILED"
    assert signatures["Casse.asice"]["subindication"] == "FORMAT_FAILURE"
    # the added file, under the container's name; nothing signed is listed as unsigned
    assert report["unsigned_documents"] == [f"{bid / 'Offre.asice'}!/Avenant.txt"]
    assert done.returncode == 1  # one failed signature (the damaged container)
