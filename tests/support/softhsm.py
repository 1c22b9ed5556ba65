"""A throw-away SoftHSM2 token holding keys and certificates from the test PKI.

``create_softhsm_token(directory, pki)`` writes ``directory/softhsm2.conf`` (tokens under
``directory/tokens``), initialises one token with ``softhsm2-util`` and imports, in a child
process (SoftHSM reads its configuration once per process: the test process must initialise it
later, with ``SOFTHSM2_CONF`` pointing at the final configuration):

- ``rsa`` persona: private key, public key and certificate, label "Jeanne Test RSA", id 01;
- ``ecdsa`` persona: same, label "Ecdsa Test", id 02;
- ``rsa3072`` persona as "Always Auth", id 03, private key with CKA_ALWAYS_AUTHENTICATE;
- the intermediate CA certificate (no key), label "Intermediate CA", id 10;
- the ``no-nonrepudiation`` persona's certificate without any key, label "Orphan cert", id 20.

Private keys are CKA_TOKEN, CKA_PRIVATE, CKA_SIGN, CKA_SENSITIVE, not CKA_EXTRACTABLE.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

if TYPE_CHECKING:
    from tests.support.pki import TestPki

__all__ = [
    "SOFTHSM_MODULE",
    "SO_PIN",
    "TOKEN_LABEL",
    "USER_PIN",
    "SoftHsmToken",
    "TokenKey",
    "create_softhsm_token",
    "find_softhsm_module",
]

_MODULE_CANDIDATES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/local/lib/softhsm/libsofthsm2.so"),
)


def find_softhsm_module() -> Path:
    for candidate in _MODULE_CANDIDATES:
        if candidate.is_file():
            return candidate
    return _MODULE_CANDIDATES[0]  # missing: tests that need it fail with the path in the message


SOFTHSM_MODULE: Path = find_softhsm_module()
USER_PIN = "1234"
SO_PIN = "56785678"
TOKEN_LABEL = "Paraphe Test Token"


@dataclass(frozen=True)
class TokenKey:
    persona: str
    label: str
    key_id: bytes
    always_authenticate: bool


@dataclass(frozen=True)
class SoftHsmToken:
    module: Path
    conf: Path
    directory: Path
    label: str
    pin: str
    keys: dict[str, TokenKey]

    @property
    def env(self) -> dict[str, str]:
        return {"SOFTHSM2_CONF": str(self.conf)}


KEYS: tuple[TokenKey, ...] = (
    TokenKey("rsa", "Jeanne Test RSA", b"\x01", False),
    TokenKey("ecdsa", "Ecdsa Test", b"\x02", False),
    TokenKey("rsa3072", "Always Auth", b"\x03", True),
)
# Keyed by a short name; "always-auth" is the rsa3072 persona.
_KEY_NAMES = {"rsa": KEYS[0], "ecdsa": KEYS[1], "always-auth": KEYS[2]}
INTERMEDIATE_LABEL = "Intermediate CA"
INTERMEDIATE_ID = b"\x10"
ORPHAN_LABEL = "Orphan cert"
ORPHAN_ID = b"\x20"
ORPHAN_PERSONA = "no-nonrepudiation"

# Runs in a child process; reads a JSON job on stdin.
_IMPORT_SCRIPT = r"""
import json, sys
import pkcs11
from pkcs11 import Attribute, ObjectClass
from pkcs11.util.rsa import decode_rsa_private_key, decode_rsa_public_key
from pkcs11.util.ec import decode_ec_private_key, decode_ec_public_key
from pkcs11.util.x509 import decode_x509_certificate

job = json.load(sys.stdin)
token = pkcs11.lib(job["module"]).get_token(token_label=job["label"])
with token.open(rw=True, user_pin=job["pin"]) as session:
    for obj in job["objects"]:
        key_id = bytes.fromhex(obj["id"])
        common = {Attribute.TOKEN: True, Attribute.ID: key_id, Attribute.LABEL: obj["label"]}
        if "private" in obj:
            der = bytes.fromhex(obj["private"])
            pub = bytes.fromhex(obj["public"])
            if obj["type"] == "rsa":
                attrs = decode_rsa_private_key(der)
                pub_attrs = decode_rsa_public_key(pub)
            else:
                attrs = decode_ec_private_key(der)
                pub_attrs = decode_ec_public_key(pub)
            attrs.update(common)
            attrs.update({
                Attribute.PRIVATE: True,
                Attribute.SIGN: True,
                Attribute.DECRYPT: False,
                Attribute.UNWRAP: False,
                Attribute.SENSITIVE: True,
                Attribute.EXTRACTABLE: False,
                Attribute.ALWAYS_AUTHENTICATE: bool(obj["always_authenticate"]),
            })
            session.create_object(attrs)
            pub_attrs.update(common)
            pub_attrs.update({Attribute.PRIVATE: False, Attribute.VERIFY: True,
                              Attribute.ENCRYPT: False, Attribute.WRAP: False})
            session.create_object(pub_attrs)
        cert = decode_x509_certificate(bytes.fromhex(obj["cert"]))
        cert.update(common)
        cert[Attribute.PRIVATE] = False
        session.create_object(cert)
print("ok")
"""


def _key_objects(pki: TestPki, persona: str) -> tuple[str, str, str]:
    """(type, private key DER hex in the form python-pkcs11 decodes, public key DER hex)."""
    key = serialization.load_pem_private_key(pki.key(persona).read_bytes(), password=None)
    if isinstance(key, rsa.RSAPrivateKey):
        private = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.TraditionalOpenSSL,  # PKCS#1
            serialization.NoEncryption(),
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.PKCS1
        )
        return "rsa", private.hex(), public.hex()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        private = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.TraditionalOpenSSL,  # SEC1, with the curve parameters
            serialization.NoEncryption(),
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return "ec", private.hex(), public.hex()
    raise TypeError(f"unsupported key type for persona {persona}: {type(key).__name__}")


def _cert_der_hex(pem_path: Path) -> str:
    cert = x509.load_pem_x509_certificate(pem_path.read_bytes())
    return cert.public_bytes(serialization.Encoding.DER).hex()


def _softhsm_util() -> str:
    found = shutil.which("softhsm2-util")
    if found is None:
        raise RuntimeError("softhsm2-util not found on PATH (apt-get install softhsm2)")
    return found


def create_softhsm_token(directory: Path, pki: TestPki) -> SoftHsmToken:
    """Create a fresh SoftHSM2 configuration and token under ``directory``; see module doc."""
    directory = Path(directory)
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
        "slots.removable = false\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run(
        [
            _softhsm_util(),
            "--init-token",
            "--free",
            "--label",
            TOKEN_LABEL,
            "--pin",
            USER_PIN,
            "--so-pin",
            SO_PIN,
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )

    objects: list[dict[str, object]] = []
    for key in KEYS:
        key_type, private, public = _key_objects(pki, key.persona)
        objects.append(
            {
                "id": key.key_id.hex(),
                "label": key.label,
                "type": key_type,
                "private": private,
                "public": public,
                "always_authenticate": key.always_authenticate,
                "cert": _cert_der_hex(pki.cert(key.persona)),
            }
        )
    objects.append(
        {
            "id": INTERMEDIATE_ID.hex(),
            "label": INTERMEDIATE_LABEL,
            "cert": _cert_der_hex(pki.intermediate_cert),
        }
    )
    objects.append(
        {
            "id": ORPHAN_ID.hex(),
            "label": ORPHAN_LABEL,
            "cert": _cert_der_hex(pki.cert(ORPHAN_PERSONA)),
        }
    )
    job = {"module": str(SOFTHSM_MODULE), "label": TOKEN_LABEL, "pin": USER_PIN, "objects": objects}
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_SCRIPT],
        input=json.dumps(job),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0 or result.stdout.strip() != "ok":
        raise RuntimeError(f"importing into SoftHSM failed:\n{result.stdout}\n{result.stderr}")

    return SoftHsmToken(
        module=SOFTHSM_MODULE,
        conf=conf,
        directory=directory,
        label=TOKEN_LABEL,
        pin=USER_PIN,
        keys=dict(_KEY_NAMES),
    )
