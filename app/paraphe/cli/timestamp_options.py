"""``--tsa URL`` (repeatable), ``--tsa-user`` and the TSA password, shared by sign and extend.

Without ``--tsa``, the servers of the user's settings are used. The password for basic
authentication is never a command-line value: ``--tsa-password-file`` or $PARAPHE_TSA_PASSWORD.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..core.errors import UsageError
from ..core.text.translatable import N_
from ..core.timestamps.servers import TsaServer, tsa_servers
from .secrets import read_secret_file

TSA_PASSWORD_ENV = "PARAPHE_TSA_PASSWORD"


def add_timestamp_options(parser: Any) -> None:
    group = parser.add_argument_group("timestamps (levels B-T and above)")
    group.add_argument(
        "--tsa",
        action="append",
        default=[],
        metavar="URL",
        help="timestamp server (RFC 3161); repeat to give fallbacks, tried in order"
        " (default: the servers in the settings)",
    )
    group.add_argument("--tsa-user", metavar="USER", help="user name for the timestamp server")
    group.add_argument(
        "--tsa-password-file",
        type=Path,
        metavar="FILE",
        help=f"read the timestamp server's password from FILE (else ${TSA_PASSWORD_ENV})",
    )


def timestamp_servers(args: argparse.Namespace) -> tuple[TsaServer, ...]:
    """The servers named by ``--tsa``, else those of the settings; empty when there are none."""
    urls = list(args.tsa)
    if not urls:
        from ..core.config.settings import Settings

        urls = Settings.load().timestamp_urls
    return tsa_servers(urls, _auth(args))


def _auth(args: argparse.Namespace) -> tuple[str, str] | None:
    if args.tsa_user is None:
        if args.tsa_password_file is not None:
            raise UsageError(detail=N_("--tsa-password-file needs --tsa-user"))
        return None
    if args.tsa_password_file is not None:
        password = read_secret_file(args.tsa_password_file, "timestamp server password")
    elif TSA_PASSWORD_ENV in os.environ:
        password = os.environ[TSA_PASSWORD_ENV]
    else:
        raise UsageError(
            detail=f"--tsa-user needs a password: --tsa-password-file FILE or ${TSA_PASSWORD_ENV}"
        )
    return args.tsa_user, password
