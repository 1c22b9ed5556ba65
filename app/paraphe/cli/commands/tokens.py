"""``paraphe tokens``: which token libraries load, which tokens are plugged in, what they can sign.

Exit codes: 0 when at least one PKCS#11 module loaded (even with no token inserted); 3 when a
PIN was given and the token refused it; 4 when no module could be loaded (none found, or every
one failed: each failure is explained).

Listing certificates needs no PIN on most tokens. With ``--pin-file``, ``$PARAPHE_PIN`` or
``--pin`` (prompt without echo) the private keys are checked too; the PIN is only ever tried on
one token (``--token`` picks it when several are plugged in), never on a token whose next wrong
PIN would lock it, and never on a PIN-pad reader.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from ...core.errors import UsageError
from .. import exit_codes
from ..i18n import localized, tr

PIN_ENV = "PARAPHE_PIN"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "tokens", help="list token libraries, tokens and their signing certificates"
    )
    parser.add_argument(
        "--module",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="PKCS#11 library to use (repeatable); default: the ones found on this computer",
    )
    parser.add_argument(
        "--all",
        dest="show_all",
        action="store_true",
        help="also show certificates without a key or without a signing key usage",
    )
    parser.add_argument("--token", metavar="LABEL", help="only this token")
    pin = parser.add_mutually_exclusive_group()
    pin.add_argument(
        "--pin-file", type=Path, metavar="FILE", help="read the PIN from the first line of FILE"
    )
    pin.add_argument(
        "--pin", action="store_true", help="ask for the PIN (no echo) to check the private keys"
    )
    parser.set_defaults(run=run)


def _read_pin(args: argparse.Namespace) -> str | None:
    """--pin-file, else $PARAPHE_PIN, else a prompt when --pin was given; None: no PIN."""
    if args.pin_file is not None:
        from ..secrets import read_secret_file

        return read_secret_file(args.pin_file, "PIN")
    if PIN_ENV in os.environ:
        return os.environ[PIN_ENV]
    if args.pin:
        if not sys.stdin.isatty():
            raise UsageError(
                detail=f"no PIN: use --pin-file or {PIN_ENV} when not running in a terminal"
            )
        return getpass.getpass(tr("Token PIN: "))
    return None


def run(args: argparse.Namespace) -> int:
    from ...core.credentials.pkcs11.inventory import list_tokens
    from ...core.credentials.pkcs11.modules import ModuleCandidate, ModuleSource, candidate_modules

    pin = _read_pin(args)
    candidates: list[ModuleCandidate]
    if args.module:
        candidates = candidate_modules(args.module, include_p11kit=False, include_known=False)
    else:
        candidates = candidate_modules(_configured_modules())
    if not candidates:
        print(
            tr(
                "No token library (PKCS#11 module) was found on this computer. Install your"
                " token's middleware, or name its library with --module PATH."
            )
        )
        return exit_codes.UNREADABLE_INPUT
    sources = {
        ModuleSource.CONFIGURED: tr("configured"),
        ModuleSource.P11KIT: tr("registered with p11-kit"),
        ModuleSource.KNOWN_LOCATION: tr("usual location"),
    }
    source_of = {candidate.path: sources[candidate.source] for candidate in candidates}
    reports = list_tokens(candidates)

    tokens = [
        slot.token
        for report in reports
        for slot in report.slots
        if slot.token is not None and _selected(slot.token, args.token)
    ]
    pin_token = None
    if pin is not None:
        initialised = [t for t in tokens if "TOKEN_INITIALIZED" in t.flags]
        if len(initialised) == 1:
            pin_token = initialised[0]
        elif len(initialised) > 1:
            print(
                tr(
                    "The PIN was not used: several tokens are plugged in; choose one with"
                    " --token LABEL."
                )
            )

    loaded = 0
    pin_refused = False
    for report in reports:
        print(
            tr("Module {path} ({vendor}, {source})").format(
                path=report.path, vendor=report.vendor, source=source_of.get(report.path, "")
            )
        )
        if report.failure is not None or report.error is not None:
            message = localized(report.failure) if report.failure else report.error
            print("  " + tr("cannot be used: {reason}").format(reason=message))
            continue
        loaded += 1
        if not report.slots:
            print("  " + tr("no slot (no reader or token seen by this library)"))
        for slot in report.slots:
            if slot.token is not None and not _selected(slot.token, args.token):
                continue
            print(
                "  "
                + tr("Slot: {description} ({manufacturer})").format(
                    description=slot.description, manufacturer=slot.manufacturer
                )
            )
            if slot.token is None:
                print("    " + tr("no token"))
                continue
            pin_refused |= _print_token(
                slot.token, report.path, pin if slot.token is pin_token else None, args.show_all
            )
    if loaded == 0:
        print(tr("No token library could be loaded."), file=sys.stderr)
        return exit_codes.UNREADABLE_INPUT
    return exit_codes.CREDENTIAL if pin_refused else exit_codes.OK


def _configured_modules() -> list[Path]:
    """Modules named in the settings (the field arrives with the admin policy work)."""
    from ...core.config.settings import Settings

    configured = getattr(Settings.load(), "pkcs11_modules", None) or []
    return [Path(path) for path in configured]


def _selected(token: Any, wanted: str | None) -> bool:
    return wanted is None or token.label == wanted


def _print_token(token: Any, module: Path, pin: str | None, show_all: bool) -> bool:
    """Print one token and its certificates; True when the PIN was refused."""
    from ...core.credentials.pkcs11.inventory import list_identities
    from ...core.credentials.pkcs11.token_errors import TokenError

    print("    " + tr("Token: {label}").format(label=token.label or tr("(no label)")))
    print(
        "      "
        + tr("manufacturer: {manufacturer}, model: {model}, serial: {serial}").format(
            manufacturer=token.manufacturer, model=token.model, serial=token.serial
        )
    )
    print("      " + tr("flags: {flags}").format(flags=", ".join(token.flags) or "-"))
    if "TOKEN_INITIALIZED" not in token.flags:
        print("      " + tr("not initialised: it holds no certificate yet"))
        return False
    if pin is not None and {"USER_PIN_FINAL_TRY", "USER_PIN_LOCKED"} & set(token.flags):
        print(
            "      "
            + tr("The PIN was not tried: the token is locked or one wrong PIN away from locking.")
        )
        pin = None
    if pin is not None and "PROTECTED_AUTHENTICATION_PATH" in token.flags:
        print("      " + tr("The PIN was not tried: this reader has its own PIN pad."))
        pin = None
    try:
        identities = list_identities(token, pin, show_all, module=module)
    except TokenError as error:
        print("      " + localized(error))
        return True
    if not identities:
        print("      " + tr("no signing certificate"))
        return False
    print("      " + (tr("Certificates:") if show_all else tr("Signing certificates:")))
    for identity in identities:
        _print_identity(identity)
    return False


def _print_identity(identity: Any) -> None:
    from cryptography.hazmat.primitives import serialization

    from ...core.x509.certificates import holder_name, organisation, siren_of

    cert = identity.certificate
    print("        " + holder_name(cert))
    org = organisation(cert)
    siren = siren_of(cert)
    if org or siren:
        print(
            "          "
            + tr("organisation: {organisation}, SIREN: {siren}").format(
                organisation=org or "-", siren=siren or "-"
            )
        )
    print("          " + tr("issuer: {issuer}").format(issuer=cert.issuer.rfc4514_string()))
    print(
        "          "
        + tr("valid from {not_before} to {not_after}").format(
            not_before=cert.not_valid_before_utc.strftime("%Y-%m-%d %H:%M UTC"),
            not_after=cert.not_valid_after_utc.strftime("%Y-%m-%d %H:%M UTC"),
        )
    )
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    print("          " + tr("SHA-256: {fingerprint}").format(fingerprint=digest))
    if identity.has_private_key is True:
        key_state = tr("private key present")
    elif identity.has_private_key is False:
        key_state = tr("no private key")
    elif identity.key_evidence == "public key":
        key_state = tr("key pair seen (private key not checked without PIN)")
    else:
        key_state = tr("no key seen without PIN")
    print(
        "          "
        + tr("key: {label} (id {key_id}), {state}").format(
            label=identity.key_label or "-", key_id=identity.key_id or "-", state=key_state
        )
    )
    if identity.always_authenticate:
        print("          " + tr("the token asks for the PIN again for every signature"))
    if not identity.signing_capable:
        print("          " + tr("not for signing (key usage or CA certificate)"))
