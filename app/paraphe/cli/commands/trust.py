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
    refresh = actions.add_parser(
        "update",
        help="fetch and verify the EU trusted lists again",
        description="Read the EU List of Trusted Lists (LOTL), verify it back to the Official"
        " Journal's certificates, then read and verify every national list it points to; keep"
        " them for verification, online and offline. Exit code: 0 the LOTL was verified (a"
        " national list that failed is named, and its previous copy kept), 1 the LOTL could not"
        " be read or verified (the lists in use are left as they were).",
    )
    refresh.add_argument(
        "--lotl",
        metavar="URL_OR_FILE",
        help="read the LOTL here (a mirror, a file, or a folder holding the lists)"
        " instead of the EU's official address",
    )
    refresh.add_argument(
        "--offline", action="store_true", help="read only local files, never the network"
    )
    refresh.add_argument(
        "--lotl-signer",
        type=Path,
        metavar="CERT",
        help="the certificate that signs this LOTL, in place of the Official Journal's"
        " (a LOTL an organisation keeps, a test one)",
    )
    actions.add_parser(
        "status",
        help="the date of each trusted list in use, and whether it is stale",
        description="Exit code: 0 the lists in use can be used (even stale), 1 none can.",
    )
    add_list = actions.add_parser(
        "add-list", help="trust one more trusted list, signed by the given certificate"
    )
    add_list.add_argument("list", metavar="FILE_OR_URL")
    add_list.add_argument(
        "--signer", required=True, type=Path, metavar="CERT", help="the list signer's certificate"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.trust_action in ("update", "status", "add-list"):
        from .trust_lists import run_lists

        return run_lists(args)
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
