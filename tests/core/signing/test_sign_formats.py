"""Each format, key type and digest, checked by verifiers we did not write."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunParaphe, snapshot
from tests.support.pki import TestPki
from tests.support.verifiers import openssl_cms_verify, pdfsig, xmlsec1_verify

PDF = "Acte d'engagement.pdf"
ODS = "BPU.ods"
TXT = "Mémoire technique.txt"


@pytest.mark.parametrize("persona", ["rsa", "ecdsa", "rsa3072"])
def test_xades_tokens_verify_with_xmlsec1(
    persona: str, pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    before = snapshot(bid_folder)
    files = [bid_folder / PDF, bid_folder / ODS, bid_folder / TXT]
    done = run_paraphe("sign", *files, "--p12", pki.p12(persona), "--password-file", password_file)
    assert done.returncode == 0, done.stderr
    for document in files:
        token = bid_folder / f"{document.name} - Signature 1.xml"
        assert f"signed: {token}" in done.stdout
        checked = xmlsec1_verify(token, pki.root_cert)
        assert checked.returncode == 0, checked.stderr
        assert "OK" in checked.stdout + checked.stderr
    after = snapshot(bid_folder)
    assert {name: digest for name, digest in after.items() if name in before} == before
    assert len(after) == len(before) + 3


@pytest.mark.parametrize(
    ("persona", "extra"),
    [
        ("rsa", []),
        ("ecdsa", []),
        ("rsa", ["--rsa-pss"]),
        ("rsa", ["--digest", "sha384"]),
        ("ecdsa", ["--digest", "sha512"]),
    ],
)
def test_cades_tokens_verify_with_openssl(
    persona: str,
    extra: list[str],
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    files = [bid_folder / ODS, bid_folder / TXT]
    done = run_paraphe(
        "sign",
        *files,
        "--format",
        "cades",
        "--p12",
        pki.p12(persona),
        "--password-file",
        password_file,
        *extra,
    )
    assert done.returncode == 0, done.stderr
    for document in files:
        token = bid_folder / f"{document.name} - Signature 1.p7s"
        checked = openssl_cms_verify(token, document, pki.root_cert)
        assert checked.returncode == 0, checked.stderr
        assert "Verification successful" in checked.stderr


def test_cades_token_fails_openssl_on_a_modified_document(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    document = bid_folder / TXT
    done = run_paraphe(
        "sign",
        document,
        "--format",
        "cades",
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
    )
    assert done.returncode == 0, done.stderr
    document.write_text(document.read_text(encoding="utf-8") + "modifié", encoding="utf-8")
    checked = openssl_cms_verify(bid_folder / f"{TXT} - Signature 1.p7s", document, pki.root_cert)
    assert checked.returncode != 0


def test_xades_token_fails_xmlsec1_on_a_modified_document(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    document = bid_folder / ODS
    done = run_paraphe("sign", document, "--p12", pki.p12("rsa"), "--password-file", password_file)
    assert done.returncode == 0, done.stderr
    document.write_bytes(document.read_bytes() + b"\0")
    checked = xmlsec1_verify(bid_folder / f"{ODS} - Signature 1.xml", pki.root_cert)
    assert checked.returncode != 0


@pytest.mark.parametrize(("persona", "extra"), [("rsa", []), ("ecdsa", []), ("rsa", ["--rsa-pss"])])
def test_pades_verifies_with_pdfsig(
    persona: str,
    extra: list[str],
    pki: TestPki,
    nssdir: str,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    original = bid_folder / PDF
    before = original.read_bytes()
    done = run_paraphe(
        "sign",
        original,
        "--format",
        "pades",
        "--p12",
        pki.p12(persona),
        "--password-file",
        password_file,
        *extra,
    )
    assert done.returncode == 0, done.stderr
    signed = bid_folder / "Acte d'engagement_signe.pdf"
    report = pdfsig(signed, nssdir)
    assert report.returncode == 0, report.stderr
    assert "Signature Type: ETSI.CAdES.detached" in report.stdout
    assert "Signature is Valid" in report.stdout
    assert "Total document signed" in report.stdout
    assert original.read_bytes() == before


def test_second_signer_gets_signature_2_and_nothing_is_overwritten(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    document = bid_folder / PDF
    for persona in ("rsa", "ecdsa"):
        for fmt in ("xades", "cades"):
            done = run_paraphe(
                "sign",
                document,
                "--format",
                fmt,
                "--p12",
                pki.p12(persona),
                "--password-file",
                password_file,
            )
            assert done.returncode == 0, done.stderr
    for number, persona in ((1, "rsa"), (2, "ecdsa")):
        token = (bid_folder / f"{PDF} - Signature {number}.xml").read_text(encoding="utf-8")
        signer_b64 = "".join(pki.cert(persona).read_text().splitlines()[1:-1])
        assert signer_b64 in token.replace("\n", "")
    for ext in ("xml", "p7s"):
        assert (bid_folder / f"{PDF} - Signature 1.{ext}").is_file()
        assert (bid_folder / f"{PDF} - Signature 2.{ext}").is_file()
        assert not (bid_folder / f"{PDF} - Signature 3.{ext}").exists()
    assert xmlsec1_verify(bid_folder / f"{PDF} - Signature 2.xml", pki.root_cert).returncode == 0


def test_pades_countersignature_keeps_the_first_signature_valid(
    pki: TestPki, nssdir: str, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    first = run_paraphe(
        "sign",
        bid_folder / PDF,
        "--format",
        "pades",
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
    )
    assert first.returncode == 0, first.stderr
    once = bid_folder / "Acte d'engagement_signe.pdf"
    second = run_paraphe(
        "sign",
        once,
        "--format",
        "pades",
        "--p12",
        pki.p12("ecdsa"),
        "--password-file",
        password_file,
        "--visible",
    )
    assert second.returncode == 0, second.stderr
    twice = bid_folder / "Acte d'engagement_signe_signe.pdf"
    assert twice.read_bytes().startswith(once.read_bytes()), "not an incremental update"
    report = pdfsig(twice, nssdir).stdout
    assert report.count("Signature is Valid") == 2, report
    assert "Signature #2" in report
    assert report.count("Total document signed") == 1  # the first covers its own revision


def test_out_folder_receives_the_tokens(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    out = tmp_path / "signatures"
    out.mkdir()
    done = run_paraphe(
        "sign",
        bid_folder / TXT,
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
        "--out",
        out,
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] == [f"{TXT} - Signature 1.xml"]
    assert not (bid_folder / f"{TXT} - Signature 1.xml").exists()


def test_xades_rsa_pss_signature_value_verifies_with_openssl(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """xmlsec1 1.2 has no RSA-PSS: check the SignatureValue over SignedInfo with openssl."""
    import base64
    import hashlib
    import subprocess

    from lxml import etree

    document = bid_folder / TXT
    done = run_paraphe(
        "sign", document, "--p12", pki.p12("rsa"), "--password-file", password_file, "--rsa-pss"
    )
    assert done.returncode == 0, done.stderr
    root = etree.parse(str(bid_folder / f"{TXT} - Signature 1.xml")).getroot()
    ns = {"ds": "http://www.w3.org/2000/09/xmldsig#"}
    method = root.find("ds:SignedInfo/ds:SignatureMethod", ns).get("Algorithm")
    assert method == "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"
    digest = root.find("ds:SignedInfo/ds:Reference/ds:DigestValue", ns).text
    assert base64.b64decode(digest) == hashlib.sha256(document.read_bytes()).digest()
    signed_info = etree.tostring(root.find("ds:SignedInfo", ns), method="c14n", exclusive=True)
    (tmp_path / "signed_info").write_bytes(signed_info)
    signature = base64.b64decode(root.find("ds:SignatureValue", ns).text)
    (tmp_path / "sig").write_bytes(signature)
    pubkey = subprocess.run(
        ["openssl", "x509", "-pubkey", "-noout", "-in", str(pki.cert("rsa"))],
        capture_output=True,
        check=True,
    ).stdout
    (tmp_path / "pub.pem").write_bytes(pubkey)
    checked = subprocess.run(
        [
            "openssl",
            "dgst",
            "-sha256",
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
            "-verify",
            str(tmp_path / "pub.pem"),
            "-signature",
            str(tmp_path / "sig"),
            str(tmp_path / "signed_info"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0 and "Verified OK" in checked.stdout, (
        checked.stdout + checked.stderr
    )
