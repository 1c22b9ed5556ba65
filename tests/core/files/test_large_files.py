"""Large files are hashed as streams: a 4 GiB file signs within 150 MB of memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_hostile_inputs import peak_memory_kb
from tests.support.pki import TestPki
from tests.support.verifiers import openssl_cms_verify

GIB = 1 << 30


@pytest.mark.slow
@pytest.mark.memory
@pytest.mark.parametrize("fmt", ["xades", "cades"])
def test_4_gib_file_signs_under_150_mb_peak_rss(
    fmt: str, pki: TestPki, password_file: Path, tmp_path: Path
) -> None:
    big = tmp_path / "DCE complet.zip"
    with open(big, "wb") as handle:  # sparse: reading it costs hashing time, not disk space
        handle.seek(4 * GIB - 5)
        handle.write(b"tail!")
    # the child's own peak (VmHWM): its ru_maxrss also counts the pytest process it was forked
    # from, whose memory grows with the number of test modules collected
    env = {
        **os.environ,
        "PARAPHE_DATA_DIR": str(tmp_path / "data"),
        "PARAPHE_REPORT_PEAK_MEMORY": "1",
    }
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "paraphe",
            "sign",
            str(big),
            "--format",
            fmt,
            "--p12",
            str(pki.p12("rsa")),
            "--password-file",
            str(password_file),
            "--progress",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    _, status, _ = os.wait4(child.pid, 0)
    stderr = child.stderr.read()
    assert os.waitstatus_to_exitcode(status) == 0, stderr
    peak_mb = peak_memory_kb(stderr) / 1024
    assert peak_mb < 150, f"peak RSS {peak_mb:.0f} MB"
    assert "100%" in stderr, "large files show progress"
    assert "signing a ZIP archive signs the archive as one file" in stderr
    if fmt == "cades":
        token = tmp_path / "DCE complet.zip - Signature 1.p7s"
        assert openssl_cms_verify(token, big, pki.root_cert).returncode == 0
