"""The errors and warnings a user meets around a token, and how a PKCS#11 failure becomes one.

Each says what happened and what to do; none carries the PIN. A wrong PIN is never retried for
the user: after a few wrong tries the token locks.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import Cancelled, CredentialError, Notice


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


def token_error(exc: Exception, module: Path, label: str) -> TokenError:
    """A PKCS#11 failure while reaching the token or logging in, as the user's error."""
    from pkcs11 import exceptions as p11

    if isinstance(exc, p11.PinLocked):
        return PinLocked(module, token=label)
    if isinstance(exc, p11.PinIncorrect):
        return WrongPin(module, token=label)
    if isinstance(exc, p11.TokenNotPresent | p11.DeviceRemoved | p11.SlotIDInvalid):
        return NoTokenPresent(module)
    if isinstance(exc, p11.SessionClosed | p11.SessionHandleInvalid | p11.DeviceError):
        return TokenRemoved(module, token=label)
    return TokenRefused(module, token=label, detail=type(exc).__name__)


def sign_error(exc: Exception, label: str) -> TokenError | Cancelled:
    """A PKCS#11 failure during a signature: the token lost, a PIN pad's answer, a refusal."""
    from pkcs11 import exceptions as p11

    lost = (
        p11.DeviceRemoved,
        p11.TokenNotPresent,
        p11.SessionClosed,
        p11.SessionHandleInvalid,
        p11.DeviceError,
        p11.UserNotLoggedIn,
        p11.KeyHandleInvalid,
        p11.ObjectHandleInvalid,
    )
    if isinstance(exc, lost):
        removed = TokenRemoved(token=label)
        removed.__cause__ = exc
        return removed
    if isinstance(exc, p11.PinLocked):
        return PinLocked(token=label)
    if isinstance(exc, (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange)):
        return WrongPin(token=label)  # typed on a PIN pad at a context-specific login
    if isinstance(exc, p11.FunctionCancelled):  # "Cancel" pressed on the reader's keypad
        return Cancelled()
    text = str(exc)
    return TokenRefused(
        token=label, detail=f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    )


def pkcs11_errors() -> type[Exception]:
    """python-pkcs11's base exception, imported only when a token is used."""
    from pkcs11.exceptions import PKCS11Error

    return PKCS11Error
