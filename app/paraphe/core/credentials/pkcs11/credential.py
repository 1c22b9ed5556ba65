"""A credential on a PKCS#11 token: the key never leaves it, one login serves the whole batch.

signxml and pyHanko both sign with a ``cryptography``-style private-key object, so the token key
is wrapped in one (``mechanisms``). XAdES, CAdES and PAdES all go through that one object.

pyHanko's own ``PKCS11Signer`` is not used: it does no context-specific login, so a key with
CKA_ALWAYS_AUTHENTICATE (most qualified signature cards) would sign once at best. Here every
signature with such a key passes the PIN for a CKU_CONTEXT_SPECIFIC login between C_SignInit and
C_Sign (python-pkcs11's ``key.sign(..., pin=...)``), batches included.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from ...text.translatable import N_
from ..base import Credential, RsaPadding
from ..secrets import NoticeCallback, SecretCallback
from .key_lookup import always_authenticate, chain_of, find_key_pair
from .mechanisms import key_proxy, token_signer
from .modules import load_module
from .session import TokenLike, close_quietly, log_in, select_token
from .token_errors import (
    TokenError,
    TokenRefused,
    TokenRemoved,
    pin_pad_each_signature_notice,
    pkcs11_errors,
    sign_error,
    token_error,
)

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer


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
        self._proxy = key_proxy(self)
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
        ask_secret: SecretCallback,
        on_notice: NoticeCallback | None = None,
    ) -> Pkcs11Credential:
        lib = load_module(module)
        try:
            token = select_token(lib, module, token_label)
        except TokenError:
            raise
        except pkcs11_errors() as exc:
            raise token_error(exc, module, token_label or module.name) from None
        credential = cls.open_token(
            token,
            module,
            key_label=key_label,
            cert_sha256=cert_sha256,
            ask_secret=ask_secret,
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
        ask_secret: SecretCallback,
        on_notice: NoticeCallback | None = None,
    ) -> Pkcs11Credential:
        """Read the token's flags, ask the PIN once (or defer to the PIN pad), log in once."""
        label = token.label
        session, pin = log_in(token, module, ask_secret, on_notice)
        try:
            pair, everything = find_key_pair(session, label, key_label, cert_sha256)
            authenticate_each = always_authenticate(pair.key)
            if not authenticate_each:
                pin = None
            elif pin is None and on_notice is not None:
                on_notice(pin_pad_each_signature_notice(label))
            return cls(
                source=f"token {label}",
                session=session,
                key=pair.key,
                certificate=pair.certificate,
                chain=chain_of(pair.certificate, everything),
                always_authenticate=authenticate_each,
                pin=pin,
                module=module,
            )
        except BaseException as exc:
            close_quietly(session)
            if isinstance(exc, pkcs11_errors()):
                raise token_error(exc, module, label) from None
            raise

    def private_key(self) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
        return self._proxy

    def cms_signer(self, rsa_padding: RsaPadding = RsaPadding.PKCS1V15) -> Signer:
        if rsa_padding not in self._signers:
            self._signers[rsa_padding] = token_signer(self, rsa_padding)
        return self._signers[rsa_padding]

    def close(self) -> None:
        """Log out and close the session; a session already lost closes without complaint."""
        with self._lock:
            self._pin = None
            if self._closed:
                return
            self._closed = True
            close_quietly(self.session)

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
            except pkcs11_errors() as exc:
                raise sign_error(exc, self._token_label) from None

    def _sign_on_pin_pad(self, data: bytes, mechanism: Any, mechanism_param: Any) -> bytes:
        """The reader asks for the PIN of every signature: a NULL PIN, never an empty one."""
        from . import pin_pad_sign

        # The very library python-pkcs11 loaded (a symlink or another spelling could otherwise
        # load a second, uninitialised copy on Windows).
        loaded = getattr(self._lib, "so", None)
        module = Path(loaded) if loaded else self._module
        if module is None:
            raise TokenRefused(token=self._token_label, detail=N_("module path unknown"))
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
