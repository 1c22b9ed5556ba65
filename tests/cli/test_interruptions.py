"""An interruption (a real signal) inside pyHanko's event loop, and signals ignored by the parent."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paraphe.core.aio import run_sync
from tests.support.pki import TestPki


class Stop(BaseException):
    pass


def test_an_interruption_in_the_event_loop_cleans_up_before_it_goes_on() -> None:
    """Without it, the interrupted coroutine's ``finally`` ran at interpreter exit, after the
    'interrupted' line, in the middle of the shutdown."""
    events: list[str] = []

    async def child() -> None:
        try:
            await asyncio.sleep(30)
        finally:
            events.append("child cleaned up")

    async def work() -> None:
        helper = asyncio.ensure_future(child())
        try:
            await asyncio.sleep(30)
        finally:
            events.append("work cleaned up")
            await asyncio.sleep(0)
            helper.cancel()

    def stop(signal_number: int, frame: object) -> None:
        raise Stop

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        with pytest.raises(Stop):
            run_sync(work())
        events.append("interruption reported")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert sorted(events[:2]) == ["child cleaned up", "work cleaned up"]  # both cancelled
    assert events[2:] == ["interruption reported"]
    assert run_sync(asyncio.sleep(0, result="the loop still works")) == "the loop still works"


def _sign_waiting_for_its_password(
    tmp_path: Path, keystore: Path, ignore_hangup: bool
) -> tuple[int, str]:
    """``paraphe sign --password-file FIFO``, sent SIGHUP while it waits for the writer."""
    document = tmp_path / "a.txt"
    document.write_text("a")
    fifo = tmp_path / "password"
    os.mkfifo(fifo)

    def setup() -> None:
        if ignore_hangup:
            signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as nohup does

    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
    env.update(PARAPHE_DATA_DIR=str(tmp_path / "data"), LC_ALL="C.UTF-8")
    command = [sys.executable, "-m", "paraphe", "sign", str(document)]
    # A real .p12: a missing or damaged one is refused before its password is read.
    command += ["--p12", str(keystore), "--password-file", str(fifo)]
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=setup,
    )
    try:
        time.sleep(1.0)  # well into the wait for the password
        child.send_signal(signal.SIGHUP)
        time.sleep(0.3)
        if child.poll() is None:
            with open(fifo, "w", encoding="utf-8") as writer:
                writer.write("password\n")
        _, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait()
    return child.returncode, err


def test_sighup_stops_a_command_that_waits(tmp_path: Path, pki: TestPki) -> None:
    code, err = _sign_waiting_for_its_password(tmp_path, pki.p12("rsa"), ignore_hangup=False)
    assert code == 129, err
    assert err.splitlines()[-1] == "paraphe: interrupted; no partial output was kept."


def test_sighup_ignored_by_the_parent_stays_ignored(tmp_path: Path, pki: TestPki) -> None:
    code, err = _sign_waiting_for_its_password(tmp_path, pki.p12("rsa"), ignore_hangup=True)
    assert code == 3, err  # it went on: the password was read, and refused (a wrong one)
    assert "interrupted" not in err
