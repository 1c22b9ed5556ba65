"""``paraphe trust add|remove|list``: the user's own trust anchors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .. import exit_codes
from ..i18n import tr


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("trust", help="manage the certificates you trust for verification")
    actions = parser.add_subparsers(dest="trust_action", required=True, parser_class=type(parser))
    add = actions.add_parser("add", help="trust the certificate(s) in a PEM or DER file")
    add.add_argument("file", type=Path)
    remove = actions.add_parser("remove", help="stop trusting a certificate (SHA-256 prefix)")
    remove.add_argument("fingerprint")
    actions.add_parser("list", help="list the trusted certificates")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ...core.trust import UserTrustStore, fingerprint
    from ...core.x509.certificates import as_cryptography

    store = UserTrustStore()
    if args.trust_action == "add":
        for cert in store.add(args.file):
            print(
                tr("trusted: {subject} (SHA-256 {fingerprint})").format(
                    subject=as_cryptography(cert).subject.rfc4514_string(),
                    fingerprint=fingerprint(cert),
                )
            )
        return exit_codes.OK
    if args.trust_action == "remove":
        removed = store.remove(args.fingerprint)
        if not removed:
            print(
                tr("no trusted certificate has a fingerprint starting with {prefix}").format(
                    prefix=args.fingerprint
                )
            )
            return exit_codes.USAGE
        for name in removed:
            print(tr("removed: {fingerprint}").format(fingerprint=name))
        return exit_codes.OK
    entries = store.entries()
    if not entries:
        print(tr("The trust store is empty ({folder}).").format(folder=store.folder))
    for digest, cert in entries:
        print(f"{digest}  {as_cryptography(cert).subject.rfc4514_string()}")
    return exit_codes.OK
