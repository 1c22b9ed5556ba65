"""GUI tests run offscreen: no display needed, same widgets, real rendering for screenshots."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
