"""``paraphe-gui --smoke-test``, as a packager runs it on a bundle: the real entry point in a
child process without a display; it passes, and leaves nothing in the user's data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_smoke_test_passes_without_a_display(tmp_path: Path) -> None:
    data = tmp_path / "user-data"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PARAPHE_DATA_DIR"] = str(data)
    done = subprocess.run(
        [sys.executable, "-m", "paraphe.gui.app", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke test passed" in done.stdout
    assert "XAdES, CAdES and PAdES" in done.stdout
    assert not data.exists()  # the demo ran in a throw-away folder


def test_quitting_at_once_leaves_no_worker_running(tmp_path: Path) -> None:
    """The window quits as soon as it is shown, while it reads the trusted lists on the thread
    pool: the process ends cleanly (it crashed at exit before ``MainWindow.shut_down``)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARAPHE_DATA_DIR=str(tmp_path))
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-m", "paraphe.gui.app", "--quit-when-shown"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "Error calling" not in done.stderr
