"""Run pyHanko's coroutines from synchronous engine code.

Not ``asyncio.run``: it installs its own SIGINT handler, so Ctrl+C would wait for the next
``await`` (pyHanko copies a whole PDF without one), and it builds a new loop for every file.
One loop per thread is kept and reused.

A run stopped half-way (Ctrl+C, SIGTERM: an exception raised inside the loop) has its tasks
cancelled and run to their end before the exception goes on, so their clean-up happens then, in
order, and not when the interpreter exits (a coroutine dropped half-way runs its ``finally``
blocks whenever it is garbage-collected).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
_local = threading.local()


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    loop = getattr(_local, "loop", None)
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        _local.loop = loop
    task = loop.create_task(coroutine)
    try:
        return loop.run_until_complete(task)
    except BaseException:
        _wind_up(loop, task)
        raise


def _wind_up(loop: asyncio.AbstractEventLoop, task: asyncio.Task[Any]) -> None:
    if task.done() and not task.cancelled():
        task.exception()  # the caller gets it: no "exception was never retrieved" at exit
    pending = [other for other in asyncio.all_tasks(loop) if not other.done()]
    for other in pending:
        other.cancel()
    if pending:
        with contextlib.suppress(BaseException):
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
