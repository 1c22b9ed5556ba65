"""Ctrl+C, SIGTERM and SIGHUP stop a command the same way: an exception that unwinds the stack.

Every ``finally`` and ``with`` on the way runs: a staged output is discarded, an unpacked archive
is removed. The default actions would not do that (SIGTERM and SIGHUP kill the process on the
spot) and Python's own Ctrl+C handling has gaps: during the interpreter's shutdown, after the
output was written, it kills the process with SIGINT (exit status -2) instead of letting it exit.

So, for the whole life of a command:

- the first of these signals raises ``Interrupted`` (a ``KeyboardInterrupt``) in the main thread
  and ignores any later one, so the clean-up it starts cannot itself be interrupted half-way;
- once the command has its exit code, they are ignored: nothing is left to stop, the exit code
  is the command's;
- while ``paraphe.cli.main`` and its modules load, before the command could unwind, one is only
  remembered, and raised as soon as the command starts: importing this module starts holding
  them, so ``paraphe.cli.main`` imports it first, and hands them back to Python's usual handling
  once loaded (a program that imports it without running a command keeps its Ctrl+C). Only a
  signal during the interpreter's own start, before any of Paraphe runs, kills the process as
  it would any program (a shell shows that as 130 too).

A signal ignored by whoever started the process (``nohup`` ignores SIGHUP, a shell script's
background job SIGINT) stays ignored.

The exit code of an interrupted command is 128 + the signal's number, as a shell shows it:
130 for Ctrl+C (SIGINT), 143 for SIGTERM, 129 for SIGHUP.
"""

from __future__ import annotations

import signal  # the only import: this module loads first, the sooner the better

TYPE_CHECKING = False  # not typing's: one import fewer before the hold
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType
    from typing import Any

STOPPING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Interrupted(KeyboardInterrupt):
    def __init__(self, signal_number: int = signal.SIGINT) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number

    @property
    def exit_code(self) -> int:
        return 128 + self.signal_number


def exit_code_for(interruption: KeyboardInterrupt) -> int:
    """Ctrl+C caught by Python's own handler (before ours was installed) is SIGINT too."""
    if isinstance(interruption, Interrupted):
        return interruption.exit_code
    return Interrupted().exit_code


_held: list[int] = []


def _hold(signal_number: int, frame: FrameType | None) -> None:
    _held.append(signal_number)


def _stop(signal_number: int, frame: FrameType | None) -> None:
    ignore()
    raise Interrupted(signal_number)


def hold_until_ready() -> None:
    """Until ``stop_on_signals``, a stopping signal is only remembered."""
    _set(_hold)


def stop_on_signals() -> None:
    """From now on, each stopping signal raises ``Interrupted`` (in the main thread); one that
    came while they were held is raised now."""
    _set(_stop)
    if _held:
        ignore()
        raise Interrupted(_held[0])


def release_hold() -> None:
    """The handlers found at import again (a held signal stays for ``stop_on_signals``)."""
    for number, handler in _found.items():
        if handler is not None:
            _install(number, handler)


def ignore() -> None:
    """From now on, stopping signals do nothing (and the interpreter leaves them so at exit)."""
    _set(signal.SIG_IGN)


def _set(handler: Callable[[int, FrameType | None], Any] | int) -> None:
    for number, found in _found.items():
        if found != signal.SIG_IGN:  # ignored by whoever started us (nohup, a background job)
            _install(number, handler)


def _install(number: int, handler: Callable[[int, FrameType | None], Any] | int) -> None:
    try:  # noqa: SIM105 - contextlib would be one more import before the hold
        signal.signal(number, handler)
    except ValueError:
        pass  # not the main thread: only it may set handlers, and signals are handled there


_found = {number: signal.getsignal(number) for number in STOPPING_SIGNALS}
hold_until_ready()
