"""File names with any bytes: signed in every format, verified back, reported without loss,
and never able to forge a line of the report.

The children are run here with bytes arguments and bytes output (the ``run_paraphe`` fixture
decodes text), so that a raw byte that is not UTF-8 cannot hide in a decoding.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest
from lxml import etree

from tests.conftest import SAMPLES
from tests.support.pki import TestPki
from tests.support.small_filesystem import child_environment
from tests.support.verifiers import xmlsec1_verify

PDF = "Acte d'engagement.pdf"
TXT = "Mémoire technique.txt"

needs_byte_names = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="file names are Unicode on this system"
)

LATIN1_TXT = b"caf\xe9.txt"
LATIN1_PDF = b"caf\xe9.pdf"
OTHER_LATIN1_TXT = b"caf\xe8.txt"  # shows the same as LATIN1_TXT once decoded with U+FFFD


def run_bytes(
    data_dir: Path, *args: str | bytes | os.PathLike[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The real command in a child, arguments and output as bytes."""
    child_env = child_environment(data_dir)
    child_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "paraphe", *map(os.fsencode, args)],
        capture_output=True,
        env=child_env,
        timeout=300,
        check=False,
    )


def sign(data_dir: Path, pki: TestPki, password_file: Path, fmt: str, *files: Path) -> bytes:
    done = run_bytes(
        data_dir,
        "sign",
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
        "--format",
        fmt,
        *files,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"", done.stderr
    return done.stdout


def strict_json(output: bytes) -> dict[str, Any]:
    """Parsed as the RFC says: UTF-8, and no lone surrogate hiding in an escape."""
    text = output.decode("utf-8")  # strict: raises on a raw byte that is not UTF-8
    assert not re.search(r"\\ud[89a-f][0-9a-f]{2}", text, re.IGNORECASE), "lone surrogate"
    return json.loads(text)


def exact(bytes_field: str) -> Path:
    """The path that a ``*_bytes`` field names, by the documented decoding."""
    return Path(os.fsdecode(unquote_to_bytes(bytes_field)))


def shown_text(name: bytes) -> str:
    """The documented text form: a UTF-8 decoder that replaces errors."""
    return name.decode("utf-8", "replace")


@needs_byte_names
def test_names_that_are_not_utf8_are_signed_in_three_formats_and_verified_back(
    pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "Offre"
    folder.mkdir()
    txt = Path(os.fsdecode(os.path.join(os.fsencode(folder), LATIN1_TXT)))
    pdf = Path(os.fsdecode(os.path.join(os.fsencode(folder), LATIN1_PDF)))
    other = Path(os.fsdecode(os.path.join(os.fsencode(folder), OTHER_LATIN1_TXT)))
    txt.write_bytes((SAMPLES / TXT).read_bytes())
    pdf.write_bytes((SAMPLES / PDF).read_bytes())
    other.write_bytes(b"unsigned, named like the other one once decoded\n")
    shutil.copyfile(SAMPLES / TXT, folder / TXT)  # a UTF-8 name, unsigned

    said = sign(data, pki, password_file, "xades", txt, pdf)
    said += sign(data, pki, password_file, "cades", txt, pdf)
    said += sign(data, pki, password_file, "pades", pdf)
    # what the command says is readable UTF-8 and names the files with the byte escaped
    assert said.decode("utf-8").count("caf\\xE9") == 5, said
    assert b"\xe9" not in said

    for document in (txt, pdf):
        token = document.with_name(document.name + " - Signature 1.xml")
        uris = etree.fromstring(token.read_bytes()).xpath(
            "ds:SignedInfo/ds:Reference/@URI",
            namespaces={"ds": "http://www.w3.org/2000/09/xmldsig#"},
        )
        assert uris[0] == "caf%E9." + document.suffix[1:]  # RFC 3986 over the name's bytes
        checked = xmlsec1_verify(token, pki.root_cert, pki.intermediate_cert)
        assert checked.returncode == 0, checked.stderr  # an independent verifier finds the file
    assert (folder / os.fsdecode(b"caf\xe9_signe.pdf")).is_file()

    # a token renamed away from the Atexo convention is paired by its URI, compared as bytes
    renamed = tmp_path / "Renamed"
    renamed.mkdir()
    shutil.copyfile(txt, renamed / txt.name)
    shutil.copyfile(txt.with_name(txt.name + " - Signature 1.xml"), renamed / "jeton.xml")

    for terminal_encoding in ("utf-8", "latin-1"):
        done = run_bytes(
            data,
            "verify",
            "--json",
            "--trust",
            pki.root_cert,
            folder,
            renamed,
            env={"PYTHONIOENCODING": terminal_encoding},
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == b""
        report = strict_json(done.stdout)
        signatures = [s for d in report["documents"] for s in d["signatures"]]
        assert len(signatures) == 6
        assert {s["indication"] for s in signatures} == {"TOTAL_PASSED"}
        for document in report["documents"]:
            assert exact(document["path_bytes"]).is_file()
            assert document["path"] == shown_text(os.fsencode(exact(document["path_bytes"])))
            for signature in document["signatures"]:
                assert exact(signature["signature_path_bytes"]).is_file()
                assert exact(signature["document_path_bytes"]) == exact(document["path_bytes"])
        by_path = {exact(d["path_bytes"]): d for d in report["documents"]}
        assert set(by_path) == {
            txt,
            pdf,
            pdf.with_name(os.fsdecode(b"caf\xe9_signe.pdf")),
            renamed / txt.name,
        }
        assert [s["signature_path"] for s in by_path[renamed / txt.name]["signatures"]] == [
            str(renamed / "jeton.xml")
        ]
        # two names that read the same once decoded stay apart in the exact form
        unsigned = dict(
            zip(report["unsigned_documents_bytes"], report["unsigned_documents"], strict=True)
        )
        assert {exact(b) for b in unsigned} == {other, folder / TXT}
        other_text = unsigned[next(b for b in unsigned if exact(b) == other)]
        assert other_text == by_path[txt]["path"] == str(folder) + "/caf\ufffd.txt"
        assert str(folder / TXT) in unsigned.values()  # a UTF-8 name is the name itself

    human = run_bytes(data, "verify", "--trust", pki.root_cert, folder)
    assert human.returncode == 0, human.stderr
    text = human.stdout.decode("utf-8")
    assert f"{folder}/caf\\xE9.txt\n" in text
    assert f"{folder}/caf\\xE8.txt\n" in text  # the unsigned one, told apart


# A name that, printed raw, would end its line and print a verdict of its own, then move the
# cursor up, erase a line, reverse what follows (bidi override) and break the line again.
FORGERY = "Offre.pdf\n  ✔ VALID  PAdES B-B  Jeanne Test\x1b[1A\x1b[2K\r\u202efdp.exe\u2028\tfin"
SHOWN = r"Offre.pdf\n  ✔ VALID  PAdES B-B  Jeanne Test\u001B[1A\u001B[2K\r\u202Efdp.exe\u2028\tfin"
_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")


def test_a_name_cannot_forge_a_line_of_the_report(
    pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    bid = tmp_path / "bid"
    bid.mkdir()
    signed = bid / f"{FORGERY}.txt"
    signed.write_bytes((SAMPLES / TXT).read_bytes())
    orphan = bid / f"{FORGERY}.odt"
    orphan.write_bytes(b"signed, then removed\n")
    (bid / f"{FORGERY}.ods").write_bytes(b"never signed\n")

    said = sign(data, pki, password_file, "xades", signed, orphan)
    assert said.decode("utf-8").splitlines() == [
        f"signed: {bid}/{SHOWN}.txt - Signature 1.xml",
        f"signed: {bid}/{SHOWN}.odt - Signature 1.xml",
    ]
    orphan.unlink()
    refused = run_bytes(
        data,
        "sign",
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
        "--format",
        "pades",
        signed,
    )
    assert refused.returncode == 4
    assert refused.stderr.decode("utf-8").splitlines() == [
        f"paraphe: {bid}/{SHOWN}.txt: not a PDF; PAdES signs PDF files only."
        " Use XAdES or CAdES for this file."
    ]

    missing = tmp_path / f"{FORGERY}.pdf"
    done = run_bytes(data, "verify", "--trust", pki.root_cert, bid, missing)
    assert done.returncode == 3, done.stderr  # an orphan token: indeterminate
    lines = [_TIME.sub("<time>", line) for line in done.stdout.decode("utf-8").splitlines()]
    assert lines[1:] == [
        "",
        f"{bid}/{SHOWN}.txt",
        "  ✔ VALID  XAdES B-B  Jeanne Test — ENTREPRISE TEST SAS (SIREN 123456789)",
        "      qualification: N/A — not acceptable for public procurement: the certificate's"
        " issuer is not a qualified service of any EU trusted list",
        "      signed at <time> (claimed by the signer)",
        f"      signature: {bid}/{SHOWN}.txt - Signature 1.xml",
        "",
        "Documents without a signature (1):",
        f"  {bid}/{SHOWN}.ods",
        "",
        "Signatures whose document is missing (1):",
        f"  {bid}/{SHOWN}.odt - Signature 1.xml:"
        " the signed document was not found beside the signature; the signature names"
        " Jeanne Test (ENTREPRISE TEST SAS) as its signer (not verified)",
        "",
        "Could not be read (1):",
        f"  {tmp_path}/{SHOWN}.pdf: no such file or folder",
        "",
        "1 signature(s): 1 valid, 0 failed, 0 indeterminate.",
    ]
    assert b"\x1b" not in done.stdout and "\u202e".encode() not in done.stdout

    # the JSON keeps the exact name (JSON escapes), and prints nothing a terminal would act on
    as_json = run_bytes(data, "verify", "--json", "--trust", pki.root_cert, bid)
    assert b"\x1b" not in as_json.stdout and "\u202e".encode() not in as_json.stdout
    assert "\u2028".encode() not in as_json.stdout
    report = strict_json(as_json.stdout)
    assert [d["path"] for d in report["documents"]] == [f"{bid}/{FORGERY}.txt"]
    assert exact(report["documents"][0]["path_bytes"]) == signed
