"""Python warnings from the libraries stay off the user's terminal and window.

A third-party PDF or certificate can make cryptography or pyHanko warn (a negative serial
number, a country name of three letters): a line with a source path and a line of code, which
says nothing to a user and looks like a crash. The verdict already reports what matters.
Warnings go to the ``py.warnings`` logger instead, where a log or a debugging session can read
them; ``--debug`` (or Python's own ``-W`` / ``PYTHONWARNINGS``) shows them as usual.
"""

from __future__ import annotations

import logging
import sys


def keep_library_warnings_quiet(show: bool = False) -> None:
    """Route warnings to the ``py.warnings`` logger, which prints nothing, unless ``show``."""
    if show or sys.warnoptions:
        return
    logging.captureWarnings(True)
    logger = logging.getLogger("py.warnings")
    logger.propagate = False
    if not logger.handlers:  # without a handler, logging's last resort would print them
        logger.addHandler(logging.NullHandler())
