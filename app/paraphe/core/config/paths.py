"""Per-user folders, following each OS's convention; PARAPHE_DATA_DIR overrides (tests, kiosks)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    override = os.environ.get("PARAPHE_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Paraphe"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Paraphe"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "paraphe"
