"""User settings, stored as JSON in the user data folder; never a password or PIN.

The administrator's policy (``policy``) is layered around them: its defaults under them, its
locked values over them; ``Settings.locked`` names what it fixes, so the faces show it read-only,
and only what the user chose is saved (a policy default changed later still reaches them).
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..etsi import BaselineLevel, SignatureFormat
from .paths import user_data_dir

if TYPE_CHECKING:
    from .policy import Policy

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
    write_verification_guide: bool = True
    """The desktop application writes beside the signatures a PDF telling the recipient how to
    verify them for free (the arrêté of 22 March 2019 asks a bidder to hand one over)."""
    language: str = "system"
    """system, fr or en."""
    locked: frozenset[str] = field(default_factory=frozenset)
    """Names of the settings an admin policy fixes (read-only in the faces)."""
    policy_defaults: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """The policy's defaults these settings were built on (never saved as the user's)."""
    user_keys: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)
    """The settings the user's own file held."""

    @classmethod
    def load(cls, folder: Path | None = None, policy: Policy | None = None) -> Settings:
        """Built-in defaults, then the policy's defaults, then the user's file, then the
        policy's locked values (``policy``: this system's, read now, unless given)."""
        from .policy import load_policy

        policy = policy if policy is not None else load_policy()
        path = (folder or user_data_dir()) / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        known = {f.name for f in dataclasses.fields(cls)} - _NOT_SETTINGS
        if isinstance(raw, dict) and "timestamp_urls" not in raw and raw.get("timestamp_url"):
            raw["timestamp_urls"] = [raw["timestamp_url"]]  # settings written before the list
        user = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        try:
            settings = cls(**{**policy.defaults, **user, **policy.locked})
        except TypeError:
            user = {}
            settings = cls(**{**policy.defaults, **policy.locked})
        settings.locked = frozenset(policy.locked) | (
            {TRUST_ANCHORS} if policy.lock_anchors else set()
        )
        settings.policy_defaults = dict(policy.defaults)
        settings.user_keys = frozenset(user)
        settings.default_format = _member(SignatureFormat, settings.default_format)
        settings.default_level = _member(BaselineLevel, settings.default_level)
        if not isinstance(settings.trusted_lists_auto_update, bool):
            settings.trusted_lists_auto_update = True
        if not isinstance(settings.write_verification_guide, bool):
            settings.write_verification_guide = True
        if not isinstance(settings.timestamp_urls, list) or not all(
            isinstance(url, str) for url in settings.timestamp_urls
        ):
            settings.timestamp_urls = []
        return settings

    def save(self, folder: Path | None = None) -> None:
        """What the user chose: a locked value is the policy's, and a value equal to the
        policy's or the built-in default that the user never set is not theirs."""
        folder = folder or user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        data = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in _NOT_SETTINGS or f.name in self.locked:
                continue
            baseline = self.policy_defaults.get(f.name, _default_of(f))
            if f.name in self.user_keys or value != baseline:
                data[f.name] = value
        temp = folder / (SETTINGS_FILE + ".tmp")
        temp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, folder / SETTINGS_FILE)

    def add_keystore(self, path: Path) -> None:
        text = str(path)
        if text not in self.keystores:
            self.keystores.append(text)


_NOT_SETTINGS = frozenset({"locked", "policy_defaults", "user_keys"})


def _default_of(f: dataclasses.Field[object]) -> object:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def _member(kind: type[E], value: object) -> E:
    """``value`` as a member of ``kind``; the first member when a hand-edited file names none."""
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value))
    except ValueError:
        return next(iter(kind))
