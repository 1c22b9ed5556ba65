"""User settings, stored as JSON in the user data folder; never a password or PIN.

A system-wide admin policy (a later issue) will be layered over them: values it sets are locked,
and ``Settings.locked`` names them so the faces can show them read-only.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..etsi import BaselineLevel, SignatureFormat
from .paths import user_data_dir

SETTINGS_FILE = "settings.json"

E = TypeVar("E", SignatureFormat, BaselineLevel)

TRUST_ANCHORS = "trust_anchors"
"""Name an admin policy puts in ``Settings.locked`` to forbid adding or removing trust anchors
(it is no field: the anchors live in the ``UserTrustStore``)."""


@dataclass
class Settings:
    keystores: list[str] = field(default_factory=list)
    """PKCS#12 files the user added (paths only; passwords are never stored)."""
    keystore_certificates: dict[str, str] = field(default_factory=dict)
    """Public certificate (PEM) of each keystore, read once when it was added, so the picker can
    show who it is without asking the password again."""
    pkcs11_modules: list[str] = field(default_factory=list)
    """Token libraries (PKCS#11 modules) added by the user or the admin, besides the usual ones."""
    default_format: SignatureFormat = SignatureFormat.XADES
    default_level: BaselineLevel = BaselineLevel.B_B
    pades_suffix: str = "_signe"
    output_dir: str | None = None
    """None: beside the originals."""
    timestamp_urls: list[str] = field(default_factory=list)
    """Timestamp servers for levels B-T and up, tried in order."""
    trusted_lists_source: str | None = None
    """Where ``trust update`` reads the EU LOTL: None is the EU's official address; else a mirror
    URL, a LOTL file, or a folder holding the lists (a snapshot an administrator keeps)."""
    trusted_lists_auto_update: bool = True
    """The desktop application refreshes the EU trusted lists in the background at start-up
    when those in use are the shipped snapshot or stale."""
    language: str = "system"
    """system, fr or en."""
    locked: frozenset[str] = field(default_factory=frozenset)
    """Names of the settings an admin policy fixes (read-only in the faces)."""

    @classmethod
    def load(cls, folder: Path | None = None) -> Settings:
        path = (folder or user_data_dir()) / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in dataclasses.fields(cls)} - {"locked"}
        if isinstance(raw, dict) and "timestamp_urls" not in raw and raw.get("timestamp_url"):
            raw["timestamp_urls"] = [raw["timestamp_url"]]  # settings written before the list
        values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        try:
            settings = cls(**values)
        except TypeError:
            return cls()
        settings.default_format = _member(SignatureFormat, settings.default_format)
        settings.default_level = _member(BaselineLevel, settings.default_level)
        if not isinstance(settings.trusted_lists_auto_update, bool):
            settings.trusted_lists_auto_update = True
        if not isinstance(settings.timestamp_urls, list) or not all(
            isinstance(url, str) for url in settings.timestamp_urls
        ):
            settings.timestamp_urls = []
        return settings

    def save(self, folder: Path | None = None) -> None:
        folder = folder or user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in dataclasses.asdict(self).items() if k != "locked"}
        temp = folder / (SETTINGS_FILE + ".tmp")
        temp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, folder / SETTINGS_FILE)

    def add_keystore(self, path: Path) -> None:
        text = str(path)
        if text not in self.keystores:
            self.keystores.append(text)


def _member(kind: type[E], value: object) -> E:
    """``value`` as a member of ``kind``; the first member when a hand-edited file names none."""
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value))
    except ValueError:
        return next(iter(kind))
