"""GUI tests run offscreen: no display needed, same widgets, real rendering for screenshots."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _token_library_configured(softhsm_token):
    """The sign page lists tokens: SoftHSM must be initialised with the test token's
    configuration (it reads it once per process) before any page loads the library."""
    return softhsm_token


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_gui_thread():
    """What a test leaves in reference cycles (a failed test's traceback holds its widgets and
    tree items) is collected here, on the GUI thread: collected by chance in a worker thread,
    Shiboken defers the deletion of stale wrappers to the GUI thread and may crash there
    (seen as a segfault in the next test's event loop)."""
    yield
    gc.collect()
