"""Where the PKCS#12 password and the token PIN come from: never a command-line value, never a
log line. One callback answers the engine for both (``secret_callback``)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..core.credentials.secrets import SecretCallback, SecretKind, SecretRequest, answered_once
from ..core.errors import UsageError
from ..core.files.user_files import first_line, read_first_line
from ..core.text.translatable import N_
from .i18n import tr

PASSWORD_ENV = "PARAPHE_PASSWORD"


MAX_SECRET_BYTES = 4096
"""A password or a PIN is a line of a few dozen bytes; only the first line of a file or of
standard input is read, and never more than this (``/dev/zero`` has no line end)."""


def read_password(password_file: Path | None, from_stdin: bool, keystore: Path) -> str:
    """First of: --password-file, --password-stdin, $PARAPHE_PASSWORD, a prompt without echo."""
    if password_file is not None:
        return read_secret_file(password_file, "password")
    if from_stdin:
        return _secret_from_stdin()
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise UsageError(
            detail=f"no password for {keystore}: use --password-file, --password-stdin or"
            f" {PASSWORD_ENV} when not running in a terminal"
        )
    return getpass.getpass(tr("Password for {name}: ").format(name=keystore.name))


def read_secret_file(path: Path, what: str) -> str:
    """The first line of a password or PIN file: a regular file or a pipe
    (``--password-file <(pass show x)``); a device, a socket or a folder is refused."""
    try:
        return read_first_line(path, MAX_SECRET_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else None
        raise UsageError(
            detail=f"{path}: cannot read the {what} file ({reason or exc.__class__.__name__})"
        ) from None


def _secret_from_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError(detail=N_("--password-stdin: there is no standard input"))
    try:
        line = first_line(stream, MAX_SECRET_BYTES, "<stdin>")
        return line.decode(sys.stdin.encoding or "utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else None
        raise UsageError(
            detail=f"--password-stdin: cannot read the password ({reason or exc.__class__.__name__})"
        ) from None


PIN_ENV = "PARAPHE_PIN"


def secret_callback(
    password_file: Path | None, password_stdin: bool, pin_file: Path | None
) -> SecretCallback:
    """The one secret callback of a batch: the keystore password or the token PIN.

    Each is asked at most once. A wrong password is not asked again (the command stops with
    ``WrongPassword``), nor a wrong PIN (the engine never retries one): the user decides.
    """

    def ask(request: SecretRequest) -> str | None:
        if request.kind is SecretKind.TOKEN_PIN:
            return _read_pin(pin_file, request)
        assert request.keystore is not None
        return read_password(password_file, password_stdin, request.keystore)

    return answered_once(ask)


def _read_pin(pin_file: Path | None, request: SecretRequest) -> str | None:
    """--pin-file, else $PARAPHE_PIN, else a prompt without echo.

    Asked after the token's flags were read (the warnings come first); never when the reader
    has a PIN pad.
    """
    if pin_file is not None:
        return read_secret_file(pin_file, "PIN")
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
