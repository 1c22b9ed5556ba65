"""Where the PKCS#12 password comes from: never a command-line value, never a log line."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

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
