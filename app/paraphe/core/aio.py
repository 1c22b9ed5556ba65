"""Run pyHanko's coroutines from synchronous engine code.

Not ``asyncio.run``: it installs its own SIGINT handler, so Ctrl+C would wait for the next
``await`` (pyHanko copies a whole PDF without one), and it builds a new loop for every file.
One loop per thread is kept and reused.
"""

from __future__ import annotations

import asyncio
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
    return loop.run_until_complete(coroutine)
