"""A credential on a PKCS#11 token: the key never leaves it, one login serves the whole batch.

signxml and pyHanko both sign with a ``cryptography``-style private-key object, so the token key
is wrapped in one: ``sign()`` hashes in Python and asks the token for the raw operation (the
mechanisms every token has: CKM_RSA_PKCS over a DigestInfo, CKM_RSA_PKCS_PSS over a digest, raw
CKM_ECDSA over a digest). XAdES, CAdES and PAdES all go through that one object.

pyHanko's own ``PKCS11Signer`` is not used: it does no context-specific login, so a key with
CKA_ALWAYS_AUTHENTICATE (most qualified signature cards) would sign once at best. Here every
signature with such a key passes the PIN for a CKU_CONTEXT_SPECIFIC login between C_SignInit and
C_Sign (python-pkcs11's ``key.sign(..., pin=...)``), batches included.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa, utils
from cryptography.hazmat.primitives.asymmetric import padding as rsa_padding_module

from ...errors import Cancelled, Notice, UnsupportedKey
from ...signing.request import RsaPadding
from ..base import Credential
from .modules import load_module
from .pin import (
    KeyNotFound,
    NoticeCallback,
    NoTokenPresent,
    PinCallback,
    PinLocked,
    PinRequest,
    SeveralKeys,
    SeveralTokens,
    TokenError,
    TokenNotFound,
    TokenRefused,
    TokenRemoved,
    WrongPin,
    WrongPinFewTriesLeft,
    WrongPinFinalTry,
    count_low_notice,
    final_try_notice,
    pin_pad_each_signature_notice,
    pin_pad_notice,
)

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

# DER DigestInfo prefixes (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs DigestInfo, not a bare hash.
_DIGEST_INFO_PREFIX = {
    "sha1": bytes.fromhex("3021300906052b0e03021a05000414"),
    "sha224": bytes.fromhex("302d300d06096086480165030402040500041c"),
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}


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
            raise TokenNotFound(module, token=label, present=_names(t.label for t in tokens))
        return matching[0]
    if not tokens:
        raise NoTokenPresent(module)
    if len(tokens) > 1:
        raise SeveralTokens(module, present=_names(t.label for t in tokens))
    return tokens[0]


def _names(names: Iterable[str]) -> str:
    listed = [f"'{name}'" for name in names]
    return ", ".join(listed) if listed else "none"


@dataclass(frozen=True)
class _Identity:
    """A certificate on the token and the private key object behind it."""

    certificate: x509.Certificate
    cert_label: str
    key: Any
    key_label: str

    @property
    def sha256(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    def describe(self) -> str:
        return f"'{self.key_label or self.cert_label}' (SHA-256 {self.sha256})"


class Pkcs11Credential(Credential):
    """A certificate and private key on a token, with one logged-in session for the batch."""

    def __init__(
        self,
        *,
        source: str,
        session: Any,
        key: Any,
        certificate: x509.Certificate,
        chain: tuple[x509.Certificate, ...],
        always_authenticate: bool,
        pin: str | None,
        module: Path | None = None,
        lib: Any = None,
    ) -> None:
        self.source = source
        self.certificate = certificate
        self.chain = chain
        self.session = session
        self.always_authenticate = always_authenticate
        self._key_object = key
        self._lib = lib  # keeps the module loaded for as long as the session lives
        self._pin = pin  # kept only for context-specific logins; dropped on close()
        self._module = module  # for the PIN pad's context-specific login (pin_pad_sign)
        # Decided once: an always-authenticate key without a PIN in hand is behind a PIN pad.
        self._pin_pad = always_authenticate and pin is None
        self._lock = threading.Lock()  # one PKCS#11 operation at a time on the session
        self._proxy = _make_proxy(self)
        self._signers: dict[RsaPadding, Signer] = {}
        self._closed = False

    @classmethod
    def open(
        cls,
        module: Path,
        *,
        token_label: str | None = None,
        key_label: str | None = None,
        cert_sha256: str | None = None,
        pin_callback: PinCallback,
        on_notice: NoticeCallback | None = None,
    ) -> Pkcs11Credential:
        lib = load_module(module)
        try:
            token = select_token(lib, module, token_label)
        except TokenError:
            raise
        except _pkcs11_errors() as exc:
            raise _token_error(exc, module, token_label or module.name) from None
        credential = cls.open_token(
            token,
            module,
            key_label=key_label,
            cert_sha256=cert_sha256,
            pin_callback=pin_callback,
            on_notice=on_notice,
        )
        credential._lib = lib
        return credential

    @classmethod
    def open_token(
        cls,
        token: TokenLike,
        module: Path,
        *,
        key_label: str | None = None,
        cert_sha256: str | None = None,
        pin_callback: PinCallback,
        on_notice: NoticeCallback | None = None,
    ) -> Pkcs11Credential:
        """Read the token's flags, ask the PIN once (or defer to the PIN pad), log in once."""
        label = token.label
        session, pin = _log_in(token, module, pin_callback, on_notice)
        try:
            identity, everything = _find_identity(session, label, key_label, cert_sha256)
            always_authenticate = _always_authenticate(identity.key)
            if not always_authenticate:
                pin = None
            elif pin is None and on_notice is not None:
                on_notice(pin_pad_each_signature_notice(label))
            return cls(
                source=f"token {label}",
                session=session,
                key=identity.key,
                certificate=identity.certificate,
                chain=_chain(identity.certificate, everything),
                always_authenticate=always_authenticate,
                pin=pin,
                module=module,
            )
        except BaseException as exc:
            _close_quietly(session)
            if isinstance(exc, _pkcs11_errors()):
                raise _token_error(exc, module, label) from None
            raise

    def private_key(self) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
        return self._proxy

    def cms_signer(self, rsa_padding: RsaPadding = RsaPadding.PKCS1V15) -> Signer:
        if rsa_padding not in self._signers:
            self._signers[rsa_padding] = _token_signer(self, rsa_padding)
        return self._signers[rsa_padding]

    def close(self) -> None:
        """Log out and close the session; a session already lost closes without complaint."""
        with self._lock:
            self._pin = None
            if self._closed:
                return
            self._closed = True
            _close_quietly(self.session)

    def raw_sign(self, data: bytes, mechanism: Any, mechanism_param: Any = None) -> bytes:
        """One signature by the token, with the context-specific login the key may need."""
        kwargs: dict[str, Any] = {"mechanism": mechanism}
        if mechanism_param is not None:
            kwargs["mechanism_param"] = mechanism_param
        with self._lock:
            if self._closed:
                raise TokenRemoved(token=self._token_label)
            try:
                if self._pin_pad:
                    return self._sign_on_pin_pad(data, mechanism, mechanism_param)
                if self.always_authenticate:
                    kwargs["pin"] = self._pin
                return bytes(self._key_object.sign(data, **kwargs))
            except _pkcs11_errors() as exc:
                raise _sign_error(exc, self._token_label) from None

    def _sign_on_pin_pad(self, data: bytes, mechanism: Any, mechanism_param: Any) -> bytes:
        """The reader asks for the PIN of every signature: a NULL PIN, never an empty one."""
        from . import pin_pad_sign

        # The very library python-pkcs11 loaded (a symlink or another spelling could otherwise
        # load a second, uninitialised copy on Windows).
        loaded = getattr(self._lib, "so", None)
        module = Path(loaded) if loaded else self._module
        if module is None:
            raise TokenRefused(token=self._token_label, detail="module path unknown")
        return pin_pad_sign.sign(
            module,
            self.session.handle,
            self._key_object.handle,
            int(mechanism),
            data,
            _pss_params(mechanism_param),
        )

    @property
    def _token_label(self) -> str:
        return self.source.removeprefix("token ")


def _pss_params(mechanism_param: Any) -> tuple[int, int, int] | None:
    if mechanism_param is None:
        return None
    hash_mechanism, mgf, salt_length = mechanism_param
    return int(hash_mechanism), int(mgf), int(salt_length)


def _pkcs11_errors() -> type[Exception]:
    from pkcs11.exceptions import PKCS11Error

    return PKCS11Error


def _close_quietly(session: Any) -> None:
    with contextlib.suppress(Exception):  # the token was pulled out: the session is gone
        session.close()


def _pin_request(token: TokenLike, module: Path) -> PinRequest:
    from pkcs11 import TokenFlag

    flags = token.flags
    return PinRequest(
        token_label=token.label,
        module=module,
        count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
        final_try=bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
        locked=bool(flags & TokenFlag.USER_PIN_LOCKED),
        protected_path=bool(flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH),
    )


def _log_in(
    token: TokenLike,
    module: Path,
    pin_callback: PinCallback,
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
        request = _pin_request(token, module)
    except _pkcs11_errors() as exc:
        raise _token_error(exc, module, label) from None
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
        pin = pin_callback(request)
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
    except _pkcs11_errors() as exc:
        raise _token_error(exc, module, label) from None


def _wrong_pin(token: TokenLike, module: Path) -> TokenError:
    """A wrong PIN is never retried for the user; the token's flags say how bad it is now."""
    label = token.label
    try:
        after = _pin_request(token, module)
    except Exception:
        return WrongPin(module, token=label)
    if after.locked:
        return PinLocked(module, token=label)
    if after.final_try:
        return WrongPinFinalTry(module, token=label)
    if after.count_low:
        return WrongPinFewTriesLeft(module, token=label)
    return WrongPin(module, token=label)


def _token_error(exc: Exception, module: Path, label: str) -> TokenError:
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


def _sign_error(exc: Exception, label: str) -> TokenError | Cancelled:
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


# --- finding the certificate and its key ---------------------------------------------------


def _attribute(obj: Any, attribute: Any, default: Any = None) -> Any:
    try:
        return obj[attribute]
    except Exception:  # AttributeTypeInvalid, AttributeSensitive: the token does not say
        return default


def _always_authenticate(key: Any) -> bool:
    from pkcs11 import Attribute

    return bool(_attribute(key, Attribute.ALWAYS_AUTHENTICATE, False))


def _token_certificates(session: Any) -> list[tuple[x509.Certificate, bytes, str]]:
    from pkcs11 import Attribute, ObjectClass

    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        der = _attribute(obj, Attribute.VALUE)
        if not der:
            continue
        try:
            certificate = x509.load_der_x509_certificate(bytes(der))
        except ValueError:
            continue
        key_id = bytes(_attribute(obj, Attribute.ID, b"") or b"")
        found.append((certificate, key_id, str(_attribute(obj, Attribute.LABEL, "") or "")))
    return found


def _token_private_keys(session: Any) -> list[tuple[Any, bytes, str]]:
    from pkcs11 import Attribute, ObjectClass

    return [
        (
            key,
            bytes(_attribute(key, Attribute.ID, b"") or b""),
            str(_attribute(key, Attribute.LABEL, "") or ""),
        )
        for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    ]


def _pairs(
    certificates: list[tuple[x509.Certificate, bytes, str]],
    keys: list[tuple[Any, bytes, str]],
) -> Iterator[_Identity]:
    """Certificates with their private key: same CKA_ID, else same label."""
    for certificate, cert_id, cert_label in certificates:
        match = [k for k in keys if cert_id and k[1] == cert_id] or [
            k for k in keys if cert_label and k[2] == cert_label
        ]
        if match:
            key, _, key_label = match[0]
            yield _Identity(certificate, cert_label, key, key_label)


def _can_sign(certificate: x509.Certificate) -> bool:
    try:
        if certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return False
    except x509.ExtensionNotFound:
        pass
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(usage.digital_signature or usage.content_commitment)


def _non_repudiation(identity: _Identity) -> bool:
    try:
        usage = identity.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(usage.content_commitment)


def normalise_fingerprint(text: str) -> str:
    return "".join(c for c in text.lower() if c not in ": ")


def _find_identity(
    session: Any, label: str, key_label: str | None, cert_sha256: str | None
) -> tuple[_Identity, list[x509.Certificate]]:
    certificates = _token_certificates(session)
    keys = _token_private_keys(session)
    identities = list(_pairs(certificates, keys))
    everything = [c for c, _, _ in certificates]
    present = ", ".join(i.describe() for i in identities) or "none"
    if cert_sha256 is not None:
        wanted = normalise_fingerprint(cert_sha256)
        chosen = [i for i in identities if i.sha256 == wanted]
        if not chosen:
            searched = f"certificate with SHA-256 fingerprint {wanted} and its private key"
            raise KeyNotFound(token=label, searched=searched, present=present)
        return chosen[0], everything
    if key_label is not None:
        chosen = [i for i in identities if i.key_label == key_label] or [
            i for i in identities if i.cert_label == key_label
        ]
        if not chosen:
            searched = f"private key labelled '{key_label}' with its certificate"
            raise KeyNotFound(token=label, searched=searched, present=present)
        if len(chosen) > 1:
            raise SeveralKeys(token=label, present=", ".join(i.describe() for i in chosen))
        return chosen[0], everything
    signing = [i for i in identities if _can_sign(i.certificate)]
    if len(signing) > 1:
        signing = [i for i in signing if _non_repudiation(i)] or signing
    if not signing:
        raise KeyNotFound(
            token=label, searched="signing certificate with a private key", present=present
        )
    if len(signing) > 1:
        raise SeveralKeys(token=label, present=", ".join(i.describe() for i in signing))
    return signing[0], everything


def _chain(
    certificate: x509.Certificate, others: list[x509.Certificate]
) -> tuple[x509.Certificate, ...]:
    """The issuers found on the token, walked up from the signer's certificate."""
    chain: list[x509.Certificate] = []
    current = certificate
    while current.issuer != current.subject:
        issuers = [c for c in others if c.subject == current.issuer and c not in chain]
        issuers = [c for c in issuers if c != certificate]
        if not issuers:
            break
        current = issuers[0]
        chain.append(current)
    return tuple(chain)


# --- the key object handed to signxml and pyHanko ------------------------------------------


def _hash_name(algorithm: hashes.HashAlgorithm) -> str:
    name = algorithm.name.replace("-", "")
    if name not in _DIGEST_INFO_PREFIX:
        raise TypeError(f"unsupported hash {algorithm.name} for a token signature")
    return name


def _digest(
    data: bytes | bytearray | memoryview, algorithm: Any
) -> tuple[bytes, hashes.HashAlgorithm]:
    if isinstance(algorithm, utils.Prehashed):
        inner: hashes.HashAlgorithm = algorithm._algorithm
        return bytes(data), inner
    if not isinstance(algorithm, hashes.HashAlgorithm):
        raise TypeError(f"unsupported signature hash {type(algorithm).__name__}")
    return hashlib.new(_hash_name(algorithm), data).digest(), algorithm


def _refuse(what: str) -> NoReturn:
    raise TypeError(f"{what}: a token key never leaves the token")


class _TokenRsaKey(rsa.RSAPrivateKey):
    """An RSA private key on a token, as signxml and pyHanko expect one."""

    def __init__(self, credential: Pkcs11Credential) -> None:
        self._credential = credential
        public = credential.certificate.public_key()
        assert isinstance(public, rsa.RSAPublicKey)
        self._public = public

    def sign(
        self,
        data: bytes,
        padding: rsa_padding_module.AsymmetricPadding,
        algorithm: Any,
    ) -> bytes:
        from pkcs11 import MGF, Mechanism

        digest, hash_algorithm = _digest(data, algorithm)
        name = _hash_name(hash_algorithm)
        if isinstance(padding, rsa_padding_module.PKCS1v15):
            return self._credential.raw_sign(_DIGEST_INFO_PREFIX[name] + digest, Mechanism.RSA_PKCS)
        if isinstance(padding, rsa_padding_module.PSS):
            mgf_hash = padding.mgf._algorithm  # type: ignore[attr-defined]
            params = (
                getattr(Mechanism, name.upper()),
                getattr(MGF, _hash_name(mgf_hash).upper()),
                self._salt_length(padding, hash_algorithm),
            )
            return self._credential.raw_sign(digest, Mechanism.RSA_PKCS_PSS, params)
        raise TypeError(f"unsupported RSA padding {padding.name}")

    def _salt_length(self, padding: Any, algorithm: hashes.HashAlgorithm) -> int:
        salt = padding._salt_length
        if isinstance(salt, int):
            return salt
        if salt is rsa_padding_module.PSS.DIGEST_LENGTH:
            return algorithm.digest_size
        if salt is rsa_padding_module.PSS.MAX_LENGTH:
            return (self.key_size - 1 + 7) // 8 - algorithm.digest_size - 2
        raise TypeError("unsupported PSS salt length for signing")

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def public_key(self) -> rsa.RSAPublicKey:
        return self._public

    def decrypt(self, ciphertext: bytes, padding: Any) -> bytes:
        _refuse("decrypt")

    def private_numbers(self) -> rsa.RSAPrivateNumbers:
        _refuse("private_numbers")

    def private_bytes(self, encoding: Any, format: Any, encryption_algorithm: Any) -> bytes:
        _refuse("private_bytes")

    def __copy__(self) -> _TokenRsaKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _TokenRsaKey:
        return self


class _TokenEcKey(ec.EllipticCurvePrivateKey):
    """An EC private key on a token: raw CKM_ECDSA over the digest, DER-encoded (r, s) out."""

    def __init__(self, credential: Pkcs11Credential) -> None:
        self._credential = credential
        public = credential.certificate.public_key()
        assert isinstance(public, ec.EllipticCurvePublicKey)
        self._public = public

    def sign(
        self,
        data: bytes | bytearray | memoryview,
        signature_algorithm: ec.EllipticCurveSignatureAlgorithm,
    ) -> bytes:
        from pkcs11 import Mechanism

        if not isinstance(signature_algorithm, ec.ECDSA):
            raise TypeError("only ECDSA signatures are supported")
        digest, _ = _digest(data, signature_algorithm.algorithm)
        raw = self._credential.raw_sign(digest, Mechanism.ECDSA)
        half = len(raw) // 2
        r = int.from_bytes(raw[:half], "big")
        s = int.from_bytes(raw[half:], "big")
        return utils.encode_dss_signature(r, s)

    @property
    def curve(self) -> ec.EllipticCurve:
        return self._public.curve

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public

    def exchange(self, algorithm: Any, peer_public_key: Any) -> bytes:
        _refuse("exchange")

    def private_numbers(self) -> ec.EllipticCurvePrivateNumbers:
        _refuse("private_numbers")

    def private_bytes(self, encoding: Any, format: Any, encryption_algorithm: Any) -> bytes:
        _refuse("private_bytes")

    def __copy__(self) -> _TokenEcKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _TokenEcKey:
        return self


def _make_proxy(credential: Pkcs11Credential) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
    public = credential.certificate.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        return _TokenRsaKey(credential)
    if isinstance(public, ec.EllipticCurvePublicKey):
        return _TokenEcKey(credential)
    raise UnsupportedKey(credential.source, key_type=type(public).__name__)


def _token_signer(credential: Pkcs11Credential, rsa_padding: RsaPadding) -> Signer:
    """pyHanko's signer over the token key proxy; size estimates do not touch the token.

    pyHanko signs once in a dry run to size the PDF signature field: on a card that asks its PIN
    on the reader for every signature, that would be one extra PIN entry per PDF.
    """
    from ..pyhanko_signer import LoadedKeySigner

    class TokenSigner(LoadedKeySigner):
        async def async_sign_raw(
            self, data: bytes, digest_algorithm: str, dry_run: bool = False
        ) -> bytes:
            if dry_run:
                return bytes(_signature_size_bound(credential))
            return await super().async_sign_raw(data, digest_algorithm)

    return TokenSigner(credential, rsa_padding)


def _signature_size_bound(credential: Credential) -> int:
    public = credential.certificate.public_key()
    size = (public.key_size + 7) // 8  # type: ignore[union-attr]
    if isinstance(public, ec.EllipticCurvePublicKey):
        return 2 * (size + 3) + 4  # DER SEQUENCE of two INTEGERs, each maybe with a 0 pad
    return size
