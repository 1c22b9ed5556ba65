"""How the engine asks for a keystore password or a token PIN: one callback for both.

DSS's ``PasswordInputCallback``, for every key source: the GUI answers with a dialog, the CLI
with a prompt, an option or a file, tests with a value. The request says what the secret opens
and, for a token, what it said about its PIN *before* anyone types it, so a dialog can warn that
one try is left. A secret is never logged, stored or put in a message.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Notice, WrongPassword


class SecretKind(enum.Enum):
    KEYSTORE_PASSWORD = "keystore_password"
    """The password of a PKCS#12 (.p12 / .pfx) file."""
    TOKEN_PIN = "token_pin"
    """The user PIN of a PKCS#11 token."""


@dataclass(frozen=True)
class SecretRequest:
    """What the secret is for and, for a token, what it said about its PIN before asking."""

    kind: SecretKind
    keystore: Path | None = None
    """The PKCS#12 file (a keystore password)."""
    token_label: str | None = None
    """The token (a PIN)."""
    module: Path | None = None
    """The PKCS#11 library the token was reached through."""
    count_low: bool = False
    """A wrong PIN was entered since the last good one: few tries are left."""
    final_try: bool = False
    """One more wrong PIN locks the token."""
    locked: bool = False
    """Too many wrong PINs: the token refuses the user PIN (only its PUK unlocks it)."""
    protected_path: bool = False
    """The reader has a PIN pad: the PIN is typed on it, never seen by the computer."""
    retry: bool = False
    """The password given before was wrong: asked again (never for a PIN: tokens lock)."""

    @classmethod
    def for_keystore(cls, keystore: Path, retry: bool = False) -> SecretRequest:
        return cls(SecretKind.KEYSTORE_PASSWORD, keystore=keystore, retry=retry)


SecretCallback = Callable[[SecretRequest], str | None]
"""Returns the password or PIN, or None when the user cancels (the engine then raises
``Cancelled``). It may raise a ``ParapheError`` to stop, e.g. when there is nobody to ask."""

NoticeCallback = Callable[[Notice], None]
"""Tells the person something while the key opens (few tries left, type on the keypad)."""


def answered_once(answer: Callable[[SecretRequest], str | None]) -> SecretCallback:
    """``answer`` for a secret nobody can type again (an option, a file, the demo's): asked
    again means the one given was wrong, so the batch stops with ``WrongPassword``."""

    def ask(request: SecretRequest) -> str | None:
        if request.retry:
            raise WrongPassword(request.keystore)
        return answer(request)

    return ask


def known_secret(secret: str) -> SecretCallback:
    """A secret known in advance: given once, never asked again."""
    return answered_once(lambda _request: secret)
