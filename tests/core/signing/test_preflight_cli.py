"""``paraphe sign`` uses the same pre-flight: every problem named at once, before the password is
read, and nothing signed (a script gets all or nothing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.pki import TestPki


def test_the_cli_names_every_problem_before_reading_the_password(
    pki: TestPki, tmp_path: Path
) -> None:
    folder = tmp_path / "Offre"
    folder.mkdir()
    good = folder / "Mémoire.txt"
    good.write_text("offre\n", encoding="utf-8")
    gone = [folder / "Absent 1.pdf", folder / "Absent 2.xlsx"]
    fifo = tmp_path / "password"
    os.mkfifo(fifo)  # reading it would block: the test would time out if the password were read
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
    env.update(PARAPHE_DATA_DIR=str(tmp_path / "data"), LC_ALL="C.UTF-8")
    done = subprocess.run(
        [
            *(sys.executable, "-m", "paraphe", "sign", str(good), *map(str, gone)),
            *("--p12", str(pki.p12("rsa")), "--password-file", str(fifo)),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 4, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2, done.stderr
    for path, line in zip(gone, lines, strict=True):
        assert line == f"paraphe: {path}: no such file (it was moved, renamed or deleted)."
    assert sorted(p.name for p in folder.iterdir()) == [good.name]
