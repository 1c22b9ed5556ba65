"""Reaching a token and logging in once: which token, what its PIN flags say, one PIN asked.

The PIN is asked through the one secret callback only after the token's flags were read, so the
warnings (few tries left, final try) come first; a locked token is refused before asking; a
reader with a PIN pad is left to ask for itself. A wrong PIN is never asked again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from ...errors import Cancelled, Notice
from ..secrets import NoticeCallback, SecretCallback, SecretKind, SecretRequest
from .token_errors import (
    NoTokenPresent,
    PinLocked,
    SeveralTokens,
    TokenError,
    TokenNotFound,
    WrongPin,
    WrongPinFewTriesLeft,
    WrongPinFinalTry,
    count_low_notice,
    final_try_notice,
    pin_pad_notice,
    pkcs11_errors,
    token_error,
)


class TokenLike(Protocol):
    """What is used of a python-pkcs11 ``Token`` (a test double provides the same)."""

    @property
    def label(self) -> str: ...

    @property
    def flags(self) -> Any: ...

    def open(self, rw: bool = False, user_pin: Any = None) -> Any: ...


def select_token(lib: Any, module: Path, label: str | None) -> Any:
    """The token called ``label``, or the only token present."""
    from pkcs11 import TokenFlag

    tokens = [slot.get_token() for slot in lib.get_slots(token_present=True)]
    # A blank token (SoftHSM's spare slot, a card never personalised) cannot hold a key.
    tokens = [t for t in tokens if t.flags & TokenFlag.TOKEN_INITIALIZED]
    if label is not None:
        matching = [t for t in tokens if t.label == label]
        if not matching:
            raise TokenNotFound(module, token=label, present=quoted_names(t.label for t in tokens))
        return matching[0]
    if not tokens:
        raise NoTokenPresent(module)
    if len(tokens) > 1:
        raise SeveralTokens(module, present=quoted_names(t.label for t in tokens))
    return tokens[0]


def quoted_names(names: Iterable[str]) -> str:
    listed = [f"'{name}'" for name in names]
    return ", ".join(listed) if listed else "none"


def close_quietly(session: Any) -> None:
    with contextlib.suppress(Exception):  # the token was pulled out: the session is gone
        session.close()


def pin_request(token: TokenLike, module: Path) -> SecretRequest:
    """What the token says about its user PIN now, as the request the callback will see."""
    from pkcs11 import TokenFlag

    flags = token.flags
    return SecretRequest(
        SecretKind.TOKEN_PIN,
        token_label=token.label,
        module=module,
        count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
        final_try=bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
        locked=bool(flags & TokenFlag.USER_PIN_LOCKED),
        protected_path=bool(flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH),
    )


def log_in(
    token: TokenLike,
    module: Path,
    ask_secret: SecretCallback,
    on_notice: NoticeCallback | None,
) -> tuple[Any, str | None]:
    """One session, logged in once; the PIN is asked only after the flags were read."""
    from pkcs11 import PROTECTED_AUTH
    from pkcs11 import exceptions as p11

    def notify(notice: Notice) -> None:
        if on_notice is not None:
            on_notice(notice)

    label = token.label
    try:
        request = pin_request(token, module)
    except pkcs11_errors() as exc:
        raise token_error(exc, module, label) from None
    if request.locked:
        raise PinLocked(module, token=label)
    pin: str | None = None
    if request.protected_path:
        notify(pin_pad_notice(label))
        user_pin: object = PROTECTED_AUTH
    else:
        if request.final_try:
            notify(final_try_notice(label))
        elif request.count_low:
            notify(count_low_notice(label))
        pin = ask_secret(request)
        if pin is None:
            raise Cancelled()
        user_pin = pin
    try:
        return token.open(user_pin=user_pin), pin
    except p11.UserAlreadyLoggedIn:
        # Login is per application: another session of this process is logged in already.
        return token.open(), pin
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange):
        raise _wrong_pin(token, module) from None
    except pkcs11_errors() as exc:
        raise token_error(exc, module, label) from None


def _wrong_pin(token: TokenLike, module: Path) -> TokenError:
    """A wrong PIN is never retried for the user; the token's flags say how bad it is now."""
    label = token.label
    try:
        after = pin_request(token, module)
    except Exception:
        return WrongPin(module, token=label)
    if after.locked:
        return PinLocked(module, token=label)
    if after.final_try:
        return WrongPinFinalTry(module, token=label)
    if after.count_low:
        return WrongPinFewTriesLeft(module, token=label)
    return WrongPin(module, token=label)
