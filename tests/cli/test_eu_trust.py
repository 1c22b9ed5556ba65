"""The EU trusted lists end to end through the real commands: synthetic LOTL and national lists
signed by test keys and served on 127.0.0.1 list the test PKI's CA and TSA; ``paraphe trust
update`` fetches and verifies them; ``paraphe verify`` (with no other trust at all) trusts the
chain through them and gives each signature its qualification."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from tests.conftest import PKCS12_PASSWORD, RunParaphe
from tests.support.pki import TestPki
from tests.support.trusted_lists import (
    Pointer,
    PublishedLists,
    QualificationSpec,
    ServiceSpec,
    Signer,
    StatusChange,
    make_lotl,
    published_lists,
)

NOW = datetime.now(UTC).replace(microsecond=0)
LONG_AGO = NOW - timedelta(days=3650)
DOCUMENT = "Acte d'engagement.txt"


def _der(path: Path) -> bytes:
    return x509.load_pem_x509_certificate(path.read_bytes()).public_bytes(
        serialization.Encoding.DER
    )


class Lists(PublishedLists):
    def publish(  # type: ignore[override]
        self,
        services: Sequence[ServiceSpec],
        *,
        next_update: datetime | None = None,
        signer: Signer | None = None,
        damaged: bool = False,
    ) -> str:
        """The French list of ``services``, issued yesterday, behind a LOTL current for 180 days."""
        return super().publish(
            services,
            issued=NOW - timedelta(days=1),
            next_update=next_update or NOW + timedelta(days=180),
            lotl_next_update=NOW + timedelta(days=180),
            signer=signer,
            damaged=damaged,
        )


@pytest.fixture
def lists(tmp_path: Path) -> Iterator[Lists]:
    with published_lists(tmp_path) as published:
        yield Lists(**vars(published))


@pytest.fixture(scope="module")
def signed(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One signed document per persona and level, signed once for the module."""
    folder = tmp_path_factory.mktemp("eu-trust-signed")
    password = folder / "password.txt"
    password.write_text(PKCS12_PASSWORD + "\n", encoding="utf-8")
    made = {}
    for name, persona, level in (
        ("qualified", "rsa", "B-B"),
        ("not-qualified", "no-nonrepudiation", "B-B"),
        ("qualified-b-t", "rsa", "B-T"),
    ):
        sub = folder / name
        sub.mkdir()
        (sub / DOCUMENT).write_text("Offre de prix\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
        env["PARAPHE_DATA_DIR"] = str(folder / "data")
        extra = ["--tsa", pki.tsa_url] if level != "B-B" else []
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "paraphe",
                "sign",
                str(sub / DOCUMENT),
                "--p12",
                str(pki.p12(persona)),
                "--password-file",
                str(password),
                "--level",
                level,
                *extra,
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, done.stderr
        made[name] = sub
    return made


def ca_service(pki: TestPki, *history: StatusChange, **options) -> ServiceSpec:
    return ServiceSpec(
        "Paraphe Test Qualified CA",
        [_der(pki.intermediate_cert)],
        list(history) or [StatusChange("granted", LONG_AGO)],
        for_types=["ForeSignatures", "ForeSeals"],
        **options,
    )


def update(run_paraphe: RunParaphe, lists: Lists) -> subprocess.CompletedProcess[str]:
    done = run_paraphe(
        "trust",
        "update",
        "--lotl",
        lists.server.url_for("eu-lotl.xml"),
        "--lotl-signer",
        lists.lotl_signer,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def verify(run_paraphe: RunParaphe, folder: Path, *extra: str) -> dict:
    done = run_paraphe("verify", "--json", "--no-user-trust", folder, *extra)
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def the_signature(report: dict) -> dict:
    [document] = report["documents"]
    [signature] = document["signatures"]
    return signature


def test_granted_ca_makes_a_qualified_signature_trusted_through_the_list_alone(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    lists.publish([ca_service(pki)])
    done = update(run_paraphe, lists)
    assert done.returncode == 0 and "1 trusted lists verified" in done.stdout
    report = verify(run_paraphe, signed["qualified"])
    signature = the_signature(report)
    assert signature["indication"] == "TOTAL_PASSED", signature["checks"]
    assert signature["qualification"]["status"] == "QESig"
    assert signature["qualification"]["procurement_acceptable"] is True
    assert signature["qualification"]["trusted_list"] == f"FR 42 {NOW - timedelta(days=1):%Y-%m-%d}"
    assert signature["qualification"]["service"] == "Paraphe Test Qualified CA"
    assert signature["qualification"]["reason"]
    assert any(s.startswith("EU trusted lists as of") for s in report["trust_sources"])
    summary = run_paraphe("verify", "--no-user-trust", signed["qualified"])
    assert "qualification: QESig" in summary.stdout
    assert "acceptable for public procurement" in summary.stdout


def test_without_the_lists_the_same_signature_is_not_trusted(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    lists.publish([ca_service(pki)])
    update(run_paraphe, lists)
    signature = the_signature(verify(run_paraphe, signed["qualified"], "--no-eu-trust"))
    assert signature["indication"] == "INDETERMINATE"
    assert signature["subindication"] == "NO_CERTIFICATE_CHAIN_FOUND"
    assert signature["qualification"]["status"] == "N/A"
    assert "not used" in signature["qualification"]["reason"]


def test_a_certificate_without_qc_statements_is_an_advanced_signature_only(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    lists.publish([ca_service(pki)])
    update(run_paraphe, lists)
    signature = the_signature(verify(run_paraphe, signed["not-qualified"]))
    assert signature["indication"] == "TOTAL_PASSED"
    assert signature["qualification"]["status"] == "AdESig"
    assert signature["qualification"]["procurement_acceptable"] is False


@pytest.mark.parametrize(
    ("qualifiers", "status", "acceptable"),
    [(["QCNoQSCD"], "AdESig-QC", True), (["QCForESeal"], "QESeal", False)],
)
def test_qualifiers_of_the_list_override_the_certificate(
    run_paraphe: RunParaphe,
    lists: Lists,
    pki: TestPki,
    signed: dict[str, Path],
    qualifiers,
    status,
    acceptable,
) -> None:
    lists.publish([ca_service(pki, qualifications=[QualificationSpec(qualifiers)])])
    update(run_paraphe, lists)
    qualification = the_signature(verify(run_paraphe, signed["qualified"]))["qualification"]
    assert (qualification["status"], qualification["procurement_acceptable"]) == (
        status,
        acceptable,
    )


def test_withdrawn_before_the_signing_time(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    withdrawn = NOW - timedelta(days=2)
    lists.publish(
        [ca_service(pki, StatusChange("granted", LONG_AGO), StatusChange("withdrawn", withdrawn))]
    )
    update(run_paraphe, lists)
    signature = the_signature(verify(run_paraphe, signed["qualified"]))
    assert signature["indication"] == "TOTAL_PASSED"  # the CA is still the CA
    assert signature["qualification"]["status"] == "AdESig"
    assert signature["qualification"]["procurement_acceptable"] is False
    assert "withdrawn" in signature["qualification"]["reason"]
    assert f"{withdrawn:%Y-%m-%d}" in signature["qualification"]["reason"]


def test_withdrawn_after_the_proven_signing_time(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    """Granted when the timestamp proves the signature existed, withdrawn a day later (the
    validation is a week later, with --at)."""
    withdrawn = NOW + timedelta(days=1)
    lists.publish(
        [ca_service(pki, StatusChange("granted", LONG_AGO), StatusChange("withdrawn", withdrawn))]
    )
    update(run_paraphe, lists)
    later = (NOW + timedelta(days=7)).isoformat()
    signature = the_signature(verify(run_paraphe, signed["qualified-b-t"], "--at", later))
    qualification = signature["qualification"]
    assert qualification["time_source"] == "timestamp"
    assert qualification["status"] == "QESig", (signature["indication"], qualification)


def test_a_list_with_a_bad_signature_is_refused_and_named(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    lists.publish([ca_service(pki)], damaged=True)
    done = update(run_paraphe, lists)
    assert done.returncode == 0  # the LOTL verified; the bad list is named
    assert "FR" in done.stdout and "does not verify" in done.stdout
    signature = the_signature(verify(run_paraphe, signed["qualified"]))
    assert signature["subindication"] == "NO_CERTIFICATE_CHAIN_FOUND"
    assert signature["qualification"]["status"] == "N/A"


def test_a_list_signed_by_another_key_is_refused(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki
) -> None:
    lists.publish([ca_service(pki)], signer=Signer.generate("Impostor"))
    done = update(run_paraphe, lists)
    assert "FR" in done.stdout and "does not verify" in done.stdout


def test_a_lotl_that_does_not_verify_stops_the_update_and_keeps_the_lists(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, tmp_path: Path
) -> None:
    lists.publish([ca_service(pki)])
    assert update(run_paraphe, lists).returncode == 0
    other = tmp_path / "other.pem"
    other.write_bytes(
        Signer.generate("Not the LOTL signer").cert.public_bytes(serialization.Encoding.PEM)
    )
    done = run_paraphe(
        "trust", "update", "--lotl", lists.server.url_for("eu-lotl.xml"), "--lotl-signer", other
    )
    assert done.returncode == 1 and "LOTL is refused" in done.stderr
    assert "Traceback" not in done.stderr
    status = run_paraphe("trust", "status")
    assert status.returncode == 0 and "FR" in status.stdout


def test_a_stale_list_is_used_with_a_warning(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    stale_since = NOW - timedelta(hours=1)
    lists.publish([ca_service(pki)], next_update=stale_since)
    update(run_paraphe, lists)
    status = run_paraphe("trust", "status")
    assert status.returncode == 0
    assert f"stale since {stale_since:%Y-%m-%d}" in status.stdout
    report = verify(run_paraphe, signed["qualified"])
    assert the_signature(report)["qualification"]["status"] == "QESig"
    assert any("FR list stale since" in s for s in report["trust_sources"])


def test_the_timestamp_authority_is_trusted_as_a_qtst(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path]
) -> None:
    """The CA listed for its certificates only through the signer's chain; the TSA's own
    certificate listed as a QTST: the timestamp validates through it."""
    qtst = ServiceSpec(
        "Paraphe Test TSA",
        [_der(pki.tsa_cert)],
        [StatusChange("granted", LONG_AGO)],
        service_type="TSA/QTST",
    )
    lists.publish([ca_service(pki), qtst])
    update(run_paraphe, lists)
    signature = the_signature(verify(run_paraphe, signed["qualified-b-t"]))
    assert signature["indication"] == "TOTAL_PASSED", signature["checks"]
    [stamp] = signature["timestamps"]
    assert stamp["indication"] == "TOTAL_PASSED"
    assert signature["qualification"]["time_source"] == "timestamp"


def test_a_pivot_carries_the_lotl_signer_forward(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, tmp_path: Path, signed: dict[str, Path]
) -> None:
    """The anchor signs a pivot announcing a new LOTL key; the LOTL, signed by the new key,
    lists the pivot: verified from the anchor through the pivot; without the pivot, refused."""
    lists.publish([ca_service(pki)])
    new_key = Signer.generate("Test LOTL signer 2")
    pivot = make_lotl(
        sequence=6,
        issued=NOW - timedelta(days=30),
        next_update=NOW + timedelta(days=150),
        pointers=[
            Pointer("EU", lists.server.url_for("eu-lotl.xml"), [new_key.cert_der()], lotl=True)
        ],
        signer=lists.lotl_key,
    )
    lists.server.files["eu-lotl-pivot-6.xml"] = pivot
    lists.server.files["eu-lotl.xml"] = make_lotl(
        sequence=7,
        issued=NOW - timedelta(days=1),
        next_update=NOW + timedelta(days=180),
        pointers=[
            Pointer("EU", lists.server.url_for("eu-lotl.xml"), [new_key.cert_der()], lotl=True),
            Pointer("FR", lists.server.url_for("tl-fr.xml"), [lists.tso.cert_der()]),
        ],
        pivots=[lists.server.url_for("eu-lotl-pivot-6.xml")],
        signer=new_key,
    )
    done = update(run_paraphe, lists)
    assert done.returncode == 0, done.stderr
    assert lists.server.hits["eu-lotl-pivot-6.xml"] >= 1
    assert (
        the_signature(verify(run_paraphe, signed["qualified"]))["qualification"]["status"]
        == "QESig"
    )
    del lists.server.files["eu-lotl-pivot-6.xml"]
    refused = run_paraphe(
        "trust",
        "update",
        "--lotl",
        lists.server.url_for("eu-lotl.xml"),
        "--lotl-signer",
        lists.lotl_signer,
    )
    assert refused.returncode == 1 and "LOTL is refused" in refused.stderr


def test_add_list_trusts_a_list_outside_the_lotl(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path], tmp_path: Path
) -> None:
    lists.publish([ca_service(pki)])
    signer = tmp_path / "tso.pem"
    signer.write_bytes(lists.tso.cert.public_bytes(serialization.Encoding.PEM))
    done = run_paraphe("trust", "add-list", lists.server.url_for("tl-fr.xml"), "--signer", signer)
    assert done.returncode == 0, done.stderr
    assert "trusted list added: FR 42" in done.stdout
    assert (
        the_signature(verify(run_paraphe, signed["qualified"]))["qualification"]["status"]
        == "QESig"
    )
    wrong = tmp_path / "wrong.pem"
    wrong.write_bytes(Signer.generate("Wrong").cert.public_bytes(serialization.Encoding.PEM))
    refused = run_paraphe("trust", "add-list", lists.server.url_for("tl-fr.xml"), "--signer", wrong)
    assert refused.returncode == 1 and "does not verify" in refused.stderr


def test_a_machine_that_never_went_online_uses_the_shipped_snapshot(
    run_paraphe: RunParaphe, signed: dict[str, Path]
) -> None:
    status = run_paraphe("trust", "status")
    assert status.returncode == 0, status.stdout
    assert "snapshot shipped with Paraphe" in status.stdout
    assert "EU trusted lists as of 2026-05-22" in status.stdout
    assert "FR   sequence 112, issued 2023-02-23" in status.stdout
    assert "stale since 2023-08-23" in status.stdout
    assert "BE   sequence 81, issued 2026-06-15" in status.stdout
    report = verify(run_paraphe, signed["qualified"])
    assert report["trust_sources"][0] == (
        "EU trusted lists as of 2026-05-22 (snapshot shipped with Paraphe, 2 lists)"
    )
    assert "FR list stale since 2023-08-23" in report["trust_sources"]


def test_an_administrators_folder_serves_every_user(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, signed: dict[str, Path], tmp_path: Path
) -> None:
    """The lists updated once into a shared folder; a user who never updated uses them, named
    by the environment variable an administrator sets for every user."""
    lists.publish([ca_service(pki)])
    shared = tmp_path / "shared"
    done = run_paraphe(
        "trust",
        "update",
        "--lotl",
        lists.server.url_for("eu-lotl.xml"),
        "--lotl-signer",
        lists.lotl_signer,
        env={"PARAPHE_DATA_DIR": str(shared)},
    )
    assert done.returncode == 0, done.stderr
    env = {
        "PARAPHE_TRUSTED_LISTS": str(shared / "trusted-lists"),
        "PARAPHE_DATA_DIR": str(tmp_path / "user"),
    }
    done = run_paraphe("verify", "--json", "--no-user-trust", signed["qualified"], env=env)
    assert (
        json.loads(done.stdout)["documents"][0]["signatures"][0]["qualification"]["status"]
        == "QESig"
    )
    status = run_paraphe("trust", "status", env=env)
    assert "snapshot shipped" not in status.stdout and "FR" in status.stdout


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b"<?xml version='1.0'?><a>not a list</a>", b"<a>" * 100000],
)
def test_a_damaged_lotl_is_refused_in_one_line(
    run_paraphe: RunParaphe, tmp_path: Path, content: bytes
) -> None:
    lotl = tmp_path / "eu-lotl.xml"
    lotl.write_bytes(content)
    done = run_paraphe("trust", "update", "--lotl", lotl, "--offline")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr.lower()
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        line for line in done.stderr.splitlines() if "LOTL" in line
    ]


def test_a_national_list_given_as_the_lotl_or_junk_as_a_list_is_refused(
    run_paraphe: RunParaphe, lists: Lists, pki: TestPki, tmp_path: Path
) -> None:
    lists.publish([ca_service(pki)])
    national = tmp_path / "tl-fr.xml"
    national.write_bytes(lists.server.files["tl-fr.xml"])
    signer = tmp_path / "tso.pem"
    signer.write_bytes(lists.tso.cert.public_bytes(serialization.Encoding.PEM))
    done = run_paraphe("trust", "update", "--lotl", national, "--lotl-signer", signer)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"<TrustServiceStatusList/>")
    done = run_paraphe("trust", "add-list", junk, "--signer", signer)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(junk) in done.stderr
    missing = run_paraphe("trust", "add-list", junk, "--signer", tmp_path / "missing.pem")
    assert missing.returncode == 4 and "missing.pem" in missing.stderr
