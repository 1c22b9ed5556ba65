"""What is plugged in: modules, their slots and tokens, and the signing identities on a token.

An identity is a certificate paired with its private key. Certificates are public objects on
almost every token and can be listed without a PIN; private keys usually are private objects,
seen only after login. Without a PIN a certificate is paired with a *public* key of the same
CKA_ID (or label) as evidence that the key pair is there; with a PIN the private key itself is
checked. The PIN is only handed to the token: never stored, logged or put in a message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509

from ...errors import ParapheError
from ...x509.certificates import can_sign
from .known_modules import vendor_of
from .modules import ModuleCandidate, Pkcs11ModuleError, load_module
from .token_errors import PinLocked, WrongPin

__all__ = [
    "ModuleReport",
    "SlotInfo",
    "SlotsUnreadable",
    "TokenIdentity",
    "TokenInfo",
    "list_identities",
    "list_tokens",
    "token_flag_names",
]


class SlotsUnreadable(Pkcs11ModuleError):
    template = "{path}: the token library loaded but cannot list its readers and tokens ({detail})."


@dataclass(frozen=True)
class TokenInfo:
    label: str
    manufacturer: str
    model: str
    serial: str
    flags: list[str]
    """Names of the CKF_* token flags set, e.g. LOGIN_REQUIRED, USER_PIN_COUNT_LOW."""
    handle: Any = field(default=None, repr=False, compare=False)
    """The ``pkcs11.Token``, for ``list_identities``."""
    module: Path | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class SlotInfo:
    description: str
    manufacturer: str
    token: TokenInfo | None
    """None when the slot is empty or its token cannot be read."""
    slot_id: int | None = None


@dataclass(frozen=True)
class ModuleReport:
    path: Path
    vendor: str
    error: str | None
    """Why the module could not be used (English sentence), None when it loaded."""
    slots: list[SlotInfo] = field(default_factory=list)
    failure: ParapheError | None = field(default=None, repr=False, compare=False)
    """The typed error behind ``error``, for faces that translate it."""


@dataclass(frozen=True)
class TokenIdentity:
    token_label: str
    module: Path
    key_label: str
    """Label of the certificate object (the key's, when the certificate has none)."""
    key_id: str
    """CKA_ID, lower-case hex ("" when the object has none)."""
    certificate: x509.Certificate
    has_private_key: bool | None
    """True: private key seen; False: logged in and none found; None: not checked (no PIN)."""
    signing_capable: bool
    """Key usage allows signatures (digitalSignature or nonRepudiation), not a CA certificate,
    and the private key (when seen) may sign."""
    key_evidence: str | None = None
    """"private key", "public key" or None: what object on the token matched the certificate."""
    always_authenticate: bool | None = None
    """CKA_ALWAYS_AUTHENTICATE of the private key, when seen: a PIN for every signature."""


def token_flag_names(flags: int) -> list[str]:
    from pkcs11 import TokenFlag

    return [flag.name for flag in TokenFlag if flag.name and flags & flag.value == flag.value]


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).strip("\x00 ").strip()


def _token_info(token: Any, module: Path) -> TokenInfo:
    return TokenInfo(
        label=_text(token.label),
        manufacturer=_text(token.manufacturer_id),
        model=_text(token.model),
        serial=_text(token.serial),
        flags=token_flag_names(int(token.flags)),
        handle=token,
        module=module,
    )


def _module_paths(modules: Iterable[Path | str | ModuleCandidate]) -> list[tuple[Path, str]]:
    result = []
    for module in modules:
        if isinstance(module, ModuleCandidate):
            result.append((module.path, module.vendor))
        else:
            path = Path(module)
            result.append((path, vendor_of(path) or path.name))
    return result


def list_tokens(module_paths: Iterable[Path | str | ModuleCandidate]) -> list[ModuleReport]:
    """One report per module: the load error, or its slots with their tokens."""
    from pkcs11 import SlotFlag
    from pkcs11.exceptions import PKCS11Error

    reports = []
    for path, vendor in _module_paths(module_paths):
        try:
            lib = load_module(path)
        except Pkcs11ModuleError as error:
            reports.append(ModuleReport(path, vendor, error.message, [], error))
            continue
        try:
            slots = lib.get_slots(token_present=False)
        except PKCS11Error as exc:
            failure = SlotsUnreadable(path, detail=type(exc).__name__)
            reports.append(ModuleReport(path, vendor, failure.message, [], failure))
            continue
        infos = []
        for slot in slots:
            token_info = None
            try:
                if SlotFlag.TOKEN_PRESENT & slot.flags:
                    token_info = _token_info(slot.get_token(), path)
            except PKCS11Error:
                token_info = None  # unrecognised or unreadable token: shown as an empty slot
            infos.append(
                SlotInfo(
                    description=_text(slot.slot_description),
                    manufacturer=_text(slot.manufacturer_id),
                    token=token_info,
                    slot_id=int(slot.slot_id),
                )
            )
        reports.append(ModuleReport(path, vendor, None, infos))
    return reports


@dataclass
class _KeyObject:
    key_id: bytes
    label: str
    can_sign: bool | None
    always_authenticate: bool | None


def _attribute(obj: Any, attribute: Any, default: Any = None) -> Any:
    from pkcs11.exceptions import PKCS11Error

    try:
        return obj[attribute]
    except (PKCS11Error, KeyError, NotImplementedError):
        return default


def _keys(session: Any, object_class: Any) -> list[_KeyObject]:
    from pkcs11 import Attribute

    found = []
    for obj in session.get_objects({Attribute.CLASS: object_class}):
        sign = _attribute(obj, Attribute.SIGN)
        always = _attribute(obj, Attribute.ALWAYS_AUTHENTICATE)
        found.append(
            _KeyObject(
                key_id=bytes(_attribute(obj, Attribute.ID, b"") or b""),
                label=_text(_attribute(obj, Attribute.LABEL, "") or ""),
                can_sign=None if sign is None else bool(sign),
                always_authenticate=None if always is None else bool(always),
            )
        )
    return found


def _match(key_id: bytes, label: str, keys: Sequence[_KeyObject]) -> _KeyObject | None:
    if key_id:
        for key in keys:
            if key.key_id == key_id:
                return key
    if label:
        for key in keys:
            if key.label == label:
                return key
    return None


def list_identities(
    token: Any, pin: str | None = None, show_all: bool = False, module: Path | None = None
) -> list[TokenIdentity]:
    """The certificates on ``token`` (a ``pkcs11.Token`` or a ``TokenInfo``) with their keys.

    Unless ``show_all``, only signing identities are returned: a certificate whose key was
    found (the private key, or without a PIN a public key of the same id) and whose key usage
    allows signatures. Raises ``WrongPin`` / ``PinLocked`` when a PIN is given and refused."""
    from pkcs11 import Attribute, CertificateType, ObjectClass
    from pkcs11.exceptions import PinIncorrect, PinLenRange
    from pkcs11.exceptions import PinLocked as Pkcs11PinLocked

    if isinstance(token, TokenInfo):
        module = module if module is not None else token.module
        token = token.handle
    label = _text(token.label)
    module_path = module if module is not None else Path("PKCS#11")
    try:
        session = token.open(user_pin=pin) if pin is not None else token.open()
    except (PinIncorrect, PinLenRange):
        raise WrongPin(module_path, token=label) from None
    except Pkcs11PinLocked:
        raise PinLocked(module_path, token=label) from None
    with session:
        private = _keys(session, ObjectClass.PRIVATE_KEY)
        public = _keys(session, ObjectClass.PUBLIC_KEY)
        certificates = []
        for obj in session.get_objects(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            }
        ):
            der = _attribute(obj, Attribute.VALUE)
            if not der:
                continue
            try:
                cert = x509.load_der_x509_certificate(bytes(der))
            except ValueError:
                continue  # unparsable certificate object: nothing a user could sign with
            key_id = bytes(_attribute(obj, Attribute.ID, b"") or b"")
            cert_label = _text(_attribute(obj, Attribute.LABEL, "") or "")
            certificates.append((cert, key_id, cert_label))
    logged_in = pin is not None
    # Without login and with no key object visible at all, the token hides every key: absence
    # proves nothing, so certificates are not filtered on it.
    keys_unknowable = not logged_in and not private and not public
    identities = []
    for cert, key_id, cert_label in certificates:
        private_key = _match(key_id, cert_label, private)
        public_key = None if private_key else _match(key_id, cert_label, public)
        if private_key is not None:
            has_private_key: bool | None = True
            evidence: str | None = "private key"
        else:
            has_private_key = False if logged_in else None
            evidence = "public key" if public_key is not None else None
        matched = private_key or public_key
        signing = can_sign(cert) and not (private_key is not None and private_key.can_sign is False)
        identity = TokenIdentity(
            token_label=label,
            module=module_path,
            key_label=cert_label or (matched.label if matched else ""),
            key_id=key_id.hex(),
            certificate=cert,
            has_private_key=has_private_key,
            signing_capable=signing,
            key_evidence=evidence,
            always_authenticate=private_key.always_authenticate if private_key else None,
        )
        if show_all or (
            signing and (evidence is not None or keys_unknowable) and has_private_key is not False
        ):
            identities.append(identity)
    return identities
