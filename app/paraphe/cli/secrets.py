"""Where the PKCS#12 password and the token PIN come from: never a command-line value, never a
log line."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..core.credentials.pkcs11.pin import PinCallback, PinRequest
from ..core.errors import UsageError
from .i18n import tr

PASSWORD_ENV = "PARAPHE_PASSWORD"


def read_password(password_file: Path | None, from_stdin: bool, keystore: Path) -> str:
    """First of: --password-file, --password-stdin, $PARAPHE_PASSWORD, a prompt without echo."""
    if password_file is not None:
        try:
            text = password_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(
                detail=f"{password_file}: cannot read the password file ({exc.__class__.__name__})"
            ) from None
        return _strip_line_end(text)
    if from_stdin:
        return _strip_line_end(sys.stdin.readline())
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise UsageError(
            detail=f"no password for {keystore}: use --password-file, --password-stdin or"
            f" {PASSWORD_ENV} when not running in a terminal"
        )
    return getpass.getpass(tr("Password for {name}: ").format(name=keystore.name))


def _strip_line_end(text: str) -> str:
    """Only the line ending goes: spaces can be part of a password."""
    first_line = text.splitlines()[0] if text else ""
    return first_line


PIN_ENV = "PARAPHE_PIN"


def pin_source(pin_file: Path | None) -> PinCallback:
    """The one PIN callback of a batch: --pin-file, else $PARAPHE_PIN, else a prompt without echo.

    Asked at most once, after the token's flags were read (the warnings come first); never when
    the reader has a PIN pad. A wrong PIN is not asked again: the user decides to retry.
    """

    def ask(request: PinRequest) -> str | None:
        if pin_file is not None:
            try:
                text = pin_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise UsageError(
                    detail=f"{pin_file}: cannot read the PIN file ({exc.__class__.__name__})"
                ) from None
            return _strip_line_end(text)
        if PIN_ENV in os.environ:
            return os.environ[PIN_ENV]
        if not sys.stdin.isatty():
            raise UsageError(
                detail=f"no PIN for the token {request.token_label}: use --pin-file or {PIN_ENV}"
                " when not running in a terminal"
            )
        try:
            return getpass.getpass(
                tr("PIN for the token {token}: ").format(token=request.token_label),
                stream=sys.stderr,
            )
        except EOFError:
            return None

    return ask
