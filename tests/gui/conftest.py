"""GUI tests run offscreen: no display needed, same widgets, real rendering for screenshots."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _token_library_configured(softhsm_token):
    """The sign page lists tokens: SoftHSM must be initialised with the test token's
    configuration (it reads it once per process) before any page loads the library."""
    return softhsm_token
