"""Independent verifiers (tools we did not write), run on what Paraphe signs."""

from __future__ import annotations

import subprocess
from pathlib import Path


def openssl_cms_verify(
    token: Path, document: Path, ca_file: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-cades",
            "-in",
            str(token),
            "-content",
            str(document),
            "-CAfile",
            str(ca_file),
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def xmlsec1_verify(
    token: Path, trusted_pem: Path, untrusted_pem: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """xmlsec1 resolves the detached reference against the current folder: the document's."""
    command = ["xmlsec1", "--verify", "--trusted-pem", str(trusted_pem)]
    if untrusted_pem is not None:
        command += ["--untrusted-pem", str(untrusted_pem)]
    command.append(token.name)
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=token.parent)


def make_nss_db(folder: Path, root_pem: Path) -> str:
    """An NSS database trusting ``root_pem``, for pdfsig; returns the -nssdir argument."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{folder}",
            "-n",
            "root",
            "-t",
            "CT,C,C",
            "-i",
            str(root_pem),
        ],
        check=True,
        capture_output=True,
    )
    return f"sql:{folder}"


def pdfsig(pdf: Path, nssdir: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["pdfsig", "-nssdir", nssdir, str(pdf)], capture_output=True, text=True, check=False
    )


def openssl_ts_verify(
    token_der: bytes, imprint: bytes, ca_file: Path, untrusted: Path, folder: Path
) -> subprocess.CompletedProcess[str]:
    """``openssl ts -verify`` of a timestamp token (not a whole response) against an imprint."""
    token = folder / f"token-{imprint.hex()[:16]}.der"
    token.write_bytes(token_der)
    return subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-token_in",
            "-in",
            str(token),
            "-digest",
            imprint.hex(),
            "-CAfile",
            str(ca_file),
            "-untrusted",
            str(untrusted),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
