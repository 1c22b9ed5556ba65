"""How a token asks for its PIN, and the errors and warnings a user meets around it.

The engine asks through one callback (DSS's ``PasswordInputCallback``): the GUI answers with a
dialog, the CLI with a prompt or a file, tests with a value. The request carries what the token
said about its PIN *before* anyone types it, so a dialog can warn that one try is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import CredentialError, Notice


@dataclass(frozen=True)
class PinRequest:
    """What the PIN is for and what the token said about it, read before asking."""

    token_label: str
    module: Path
    """The PKCS#11 library the token was reached through."""
    count_low: bool = False
    """A wrong PIN was entered since the last good one: few tries are left."""
    final_try: bool = False
    """One more wrong PIN locks the token."""
    locked: bool = False
    """Too many wrong PINs: the token refuses the user PIN (only its PUK unlocks it)."""
    protected_path: bool = False
    """The reader has a PIN pad: the PIN is typed on it, never seen by the computer."""


PinCallback = Callable[[PinRequest], str | None]
"""Returns the PIN, or None when the user cancels (the engine then raises ``Cancelled``)."""

NoticeCallback = Callable[[Notice], None]


class TokenError(CredentialError):
    """A problem reaching or using a token: nothing can be signed with it as things stand."""


class WrongPin(TokenError):
    template = (
        "{path}: wrong PIN for the token {token}. Nothing was signed; check the PIN before"
        " trying again: after a few wrong tries the token locks."
    )


class WrongPinFewTriesLeft(WrongPin):
    template = (
        "{path}: wrong PIN for the token {token}; few tries are left before it locks."
        " Nothing was signed; make sure of the PIN before trying again."
    )


class WrongPinFinalTry(WrongPin):
    template = (
        "{path}: wrong PIN for the token {token}; one try left before the token locks."
        " Nothing was signed; make sure of the PIN before trying again."
    )


class PinLocked(TokenError):
    template = (
        "the token {token} is locked: too many wrong PINs were entered. Unlock it with its PUK"
        " (unblocking code) or contact your administrator; nothing was signed."
    )


class TokenNotFound(TokenError):
    template = (
        "{path}: no token labelled '{token}' was found (tokens present: {present})."
        " Insert the token or check --token."
    )


class NoTokenPresent(TokenNotFound):
    template = (
        "{path}: no token was found through this PKCS#11 module. Insert the token (or its"
        " card in the reader) and try again."
    )


class SeveralTokens(TokenError):
    template = "{path}: several tokens are present ({present}); choose one with --token LABEL."


class KeyNotFound(TokenError):
    template = (
        "the token {token} holds no {searched}. Certificates with a private key on it: {present}."
    )


class SeveralKeys(TokenError):
    template = (
        "the token {token} holds several signing certificates ({present}); choose one with"
        " --key LABEL or --cert SHA256."
    )


class TokenRefused(TokenError):
    template = "the token {token} refused to sign ({detail})."


class TokenRemoved(TokenError):
    """The token was pulled out or its session lost: the batch stops, finished files stay."""

    template = (
        "the token {token} was removed or its session was lost while signing; the files"
        " finished before stay valid and nothing partial was kept. Insert the token and sign"
        " the remaining files again."
    )

    def while_signing(self, file: Path | str) -> TokenRemovedWhileSigning:
        """The same error, naming the file that was being signed (known to the batch only)."""
        named = TokenRemovedWhileSigning(file, **self.params)
        named.__cause__ = self.__cause__
        return named


class TokenRemovedWhileSigning(TokenRemoved):
    names_file = True
    template = (
        "the token {token} was removed or its session was lost while signing {path}; that file"
        " was not written, the files finished before stay valid. Insert the token and sign the"
        " remaining files again."
    )


def count_low_notice(token: str) -> Notice:
    return Notice(
        "token {token}: a wrong PIN was entered before: few tries are left before it locks.",
        token=token,
    )


def final_try_notice(token: str) -> Notice:
    return Notice("token {token}: one try left before the token locks.", token=token)


def pin_pad_notice(token: str) -> Notice:
    return Notice("token {token}: type the PIN on the reader's keypad.", token=token)


def pin_pad_each_signature_notice(token: str) -> Notice:
    return Notice(
        "token {token}: this key asks for its PIN on the reader's keypad again for each signature.",
        token=token,
    )
