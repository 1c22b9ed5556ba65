"""The parent side: worker processes that verify folders with bounded time and memory.

Workers are separate interpreters started from this checkout (``PYTHONPATH`` puts its ``app`` and
its root first), never forks of the caller: the test process runs the test PKI's server thread,
and forking a threaded process can leave a child waiting forever on a lock. A worker that stops
answering is killed and replaced; the input is reported as lost.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.pki import TestPki

REPO = Path(__file__).resolve().parents[3]


class Worker:
    def __init__(self, config: dict[str, Any], scratch: Path) -> None:
        self._config = config
        self._scratch = scratch
        self._process: subprocess.Popen[str] | None = None
        self._next_id = 0

    def _start(self) -> subprocess.Popen[str]:
        self._scratch.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(REPO / "app"), str(REPO), *filter(None, [env.get("PYTHONPATH")])]
        )
        env["TMPDIR"] = str(self._scratch)  # what a killed child leaves behind stays here
        env.pop("PARAPHE_REPORT_PEAK_MEMORY", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.fuzzing.worker", json.dumps(self._config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        assert process.stdout is not None
        ready = self._read_line(process, 120)
        assert ready is not None and json.loads(ready).get("ready"), "the fuzz worker did not start"
        return process

    @staticmethod
    def _read_line(process: subprocess.Popen[str], timeout: float) -> str | None:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                return None
        return process.stdout.readline() or None

    def verify(self, folder: Path) -> dict[str, Any]:
        if self._process is None or self._process.poll() is not None:
            self._process = self._start()
        self._next_id += 1
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps({"id": self._next_id, "folder": str(folder)}) + "\n")
        self._process.stdin.flush()
        line = self._read_line(self._process, float(self._config["time_cap"]) + 30)
        if line is None:
            self.close()
            return {"kind": "worker-lost", "seconds": 0.0, "peak_kb": 0, "baseline_kb": 0}
        answer: dict[str, Any] = json.loads(line)
        assert answer.pop("id") == self._next_id
        return answer

    def close(self) -> None:
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None


def worker_config(
    pki: TestPki,
    time_cap: float = 10.0,
    memory_cap_mb: int = 1024,
    warm_up: tuple[Path, ...] = (),
) -> dict[str, Any]:
    """Offline verification trusting the test root, with the test PKI's CRLs at hand."""
    return {
        "trust_root": str(pki.root_cert),
        "crls": [str(pki.crl_file(ca)) for ca in ("intermediate", "root")],
        "time_cap": time_cap,
        "memory_cap_mb": memory_cap_mb,
        "warm_up": [str(folder) for folder in warm_up],
    }
