"""A throw-away test PKI, built at test time with certomancer.

``build_test_pki(directory)`` generates fresh keys with ``cryptography``, writes a certomancer
configuration (``certomancer.yml``) describing two roots, an intermediate CA, an OCSP responder,
a TSA and the signer personas, then writes PEM certificates, PKCS#8 keys, PKCS#12 files and CRLs
under ``directory`` with fixed names.

With ``serve=True`` certomancer's Animator (OCSP, CRL, TSA, certificate repositories) runs in a
werkzeug server thread on 127.0.0.1 (free port), and the AIA / CRL distribution point URLs in the
certificates point at it. Stop it with ``TestPki.close()`` or by using the result as a context
manager::

    with build_test_pki(tmp_path, serve=True) as pki:
        ...pki.tsa_url, pki.ocsp_url...

Certomancer layout (arch label ``paraphe-test``): OCSP ``POST /paraphe-test/ocsp/<ca>``, CRL
``GET /paraphe-test/crls/<ca>/latest.crl``, TSA ``POST /paraphe-test/tsa/tsa``, issuer
certificates ``GET /paraphe-test/certs/<ca>/ca.crt``, where ``<ca>`` is ``intermediate``,
``root`` (CRL only) or ``untrusted-root``. The ``X-Certomancer-Fake-Time`` request header moves
the services' clock. OCSP/TSA times are whole seconds (NSS rejects fractional seconds).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from asn1crypto import algos, core, keys, pem
from certomancer import crypto_utils
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, PKIArchitecture
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Response

__all__ = [
    "ARCH_LABEL",
    "CONFIG_FILE_NAME",
    "PERSONAS",
    "PKCS12_PASSWORD",
    "PkiServer",
    "TestPki",
    "build_test_pki",
    "load_pki_arch",
    "serve_pki",
]

PKCS12_PASSWORD: str = "Test-Pässword-123"  # non-ASCII on purpose

ARCH_LABEL = "paraphe-test"
CONFIG_FILE_NAME = "certomancer.yml"
# Prefix written into the certificates when the PKI is not served: connection refused at once.
UNSERVED_URL_PREFIX = "http://127.0.0.1:9"

PERSONAS: tuple[str, ...] = (
    "rsa",
    "ecdsa",
    "rsa3072",
    "expired",
    "not-yet-valid",
    "no-nonrepudiation",
    "revoked",
    "expired-revoked",
    "untrusted",
)

# ETSI EN 319 412-5 identifiers
OID_QC_STATEMENTS = "1.3.6.1.5.5.7.1.3"
OID_QCS_COMPLIANCE = "0.4.0.1862.1.1"
OID_QCS_SSCD = "0.4.0.1862.1.4"
OID_QCS_TYPE = "0.4.0.1862.1.6"
OID_QCT_ESIGN = "0.4.0.1862.1.6.1"

_CA_LABELS = ("root", "intermediate", "untrusted-root")
_SERVICE_LABELS = ("ocsp", "tsa", "short-tsa")
_RSA3072 = frozenset({"rsa3072"})
_EC = frozenset({"ecdsa"})


# --- qcStatements (asn1crypto does not know it unless pyHanko registered it) ------------------


class _QcType(core.SequenceOf):
    _child_spec = core.ObjectIdentifier


class _QcStatement(core.Sequence):
    _fields = [  # noqa: RUF012 (asn1crypto API)
        ("statement_id", core.ObjectIdentifier),
        ("statement_info", core.Any, {"optional": True}),
    ]


class _QcStatements(core.SequenceOf):
    _child_spec = _QcStatement


def _qc_statements_der() -> bytes:
    return _QcStatements(
        [
            _QcStatement({"statement_id": OID_QCS_COMPLIANCE}),
            _QcStatement({"statement_id": OID_QCS_SSCD}),
            _QcStatement(
                {"statement_id": OID_QCS_TYPE, "statement_info": _QcType([OID_QCT_ESIGN])}
            ),
        ]
    ).dump()


# --- faster key handling for certomancer ------------------------------------------------------


class _CachingCryptoBackend(crypto_utils.PycaCryptographyBackend):
    """certomancer's default backend re-parses (and re-validates, ~45 ms for RSA-2048) the private
    key on every load and every signature. This one keeps parsed keys and skips RSA validation:
    the keys are our own, freshly generated ones. Other algorithms fall back to the default."""

    _MAX_KEYS = 512

    def __init__(self) -> None:
        self._keys: dict[bytes, Any] = {}

    def _private_key(self, der: bytes) -> Any:
        key = self._keys.get(der)
        if key is None:
            if len(self._keys) >= self._MAX_KEYS:
                self._keys.clear()
            key = serialization.load_der_private_key(
                der, password=None, unsafe_skip_rsa_key_validation=True
            )
            self._keys[der] = key
        return key

    def load_private_key(
        self, key_bytes: bytes, password: bytes | None
    ) -> tuple[keys.PrivateKeyInfo, keys.PublicKeyInfo]:
        if pem.detect(key_bytes):
            key = serialization.load_pem_private_key(
                key_bytes, password=password, unsafe_skip_rsa_key_validation=True
            )
        else:
            key = serialization.load_der_private_key(
                key_bytes, password=password, unsafe_skip_rsa_key_validation=True
            )
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self._keys.setdefault(der, key)
        public = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return keys.PrivateKeyInfo.load(der), keys.PublicKeyInfo.load(public)

    def generic_sign(
        self,
        private_key: keys.PrivateKeyInfo,
        tbs_bytes: bytes,
        sd_algo: algos.SignedDigestAlgorithm,
    ) -> bytes:
        sig_algo = sd_algo.signature_algo
        if sig_algo not in ("rsassa_pkcs1v15", "ecdsa"):
            return super().generic_sign(private_key, tbs_bytes, sd_algo)
        key = self._private_key(private_key.dump())
        hash_algo = getattr(hashes, sd_algo.hash_algo.upper())()
        if sig_algo == "ecdsa":
            assert isinstance(key, ec.EllipticCurvePrivateKey)
            return key.sign(tbs_bytes, ec.ECDSA(hash_algo))
        assert isinstance(key, rsa.RSAPrivateKey)
        return key.sign(tbs_bytes, padding.PKCS1v15(), hash_algo)


def _install_fast_backend() -> None:
    if not isinstance(crypto_utils.CRYPTO_BACKEND, _CachingCryptoBackend):
        crypto_utils.CRYPTO_BACKEND = _CachingCryptoBackend()


# --- result object ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TestPki:
    """Paths of a built test PKI (and, when served, its service URLs)."""

    __test__ = False  # not a pytest test class

    directory: Path
    root_cert: Path  # PEM of the root CA
    intermediate_cert: Path  # PEM of the intermediate CA
    untrusted_root_cert: Path  # PEM of a second, unrelated root
    ca_bundle: Path  # PEM with intermediate + root
    tsa_cert: Path  # PEM of the TSA certificate
    ocsp_cert: Path  # PEM of the intermediate's OCSP responder certificate
    service_url: str | None = None  # base URL of the running Animator, None if not served
    _server: PkiServer | None = field(default=None, repr=False, compare=False)

    def _persona_path(self, persona: str, sub: str, suffix: str) -> Path:
        if persona not in PERSONAS:
            raise KeyError(f"unknown persona {persona!r}; known: {', '.join(PERSONAS)}")
        return self.directory / sub / f"{persona}{suffix}"

    def cert(self, persona: str) -> Path:
        """Signer certificate (PEM)."""
        return self._persona_path(persona, "certs", ".cert.pem")

    def key(self, persona: str) -> Path:
        """Unencrypted PKCS#8 PEM private key of the signer."""
        return self._persona_path(persona, "keys", ".key.pem")

    def p12(self, persona: str) -> Path:
        """PKCS#12: key + signer cert + issuer chain, password PKCS12_PASSWORD, AES-256."""
        return self._persona_path(persona, "p12", ".p12")

    def crl_file(self, ca: str = "intermediate") -> Path:
        """DER CRL of ``ca`` ('intermediate', 'root', 'untrusted-root') as of build time."""
        if ca not in _CA_LABELS:
            raise KeyError(f"unknown CA {ca!r}")
        return self.directory / "crls" / f"{ca}.crl"

    def _url(self, path: str) -> str | None:
        if self.service_url is None:
            return None
        return f"{self.service_url}/{ARCH_LABEL}/{path}"

    @property
    def tsa_url(self) -> str | None:
        return self._url("tsa/tsa")

    @property
    def short_tsa_url(self) -> str | None:
        """A TSA whose certificate expires in a year: what B-LTA outlives."""
        return self._url("tsa/short-tsa")

    @property
    def ocsp_url(self) -> str | None:
        """OCSP responder for certificates issued by the intermediate."""
        return self._url("ocsp/intermediate")

    def crl_url(self, ca: str = "intermediate") -> str | None:
        if ca not in _CA_LABELS:
            raise KeyError(f"unknown CA {ca!r}")
        return self._url(f"crls/{ca}/latest.crl")

    def close(self) -> None:
        """Stop the server, if any (idempotent)."""
        if self._server is not None:
            self._server.close()

    def __enter__(self) -> TestPki:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --- server -----------------------------------------------------------------------------------


class _WholeSecondAnimator(Animator):
    """Animator whose clock has no fractional seconds (NSS rejects them in OCSP responses)."""

    def at_time(self, request):  # type: ignore[override]
        return super().at_time(request).replace(microsecond=0)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class PkiServer:
    """werkzeug server thread on 127.0.0.1; serves 503 until an architecture is mounted."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._app: Animator | None = None
        self._server: BaseWSGIServer = make_server(
            host, port, self._wsgi, threaded=True, request_handler=_QuietHandler
        )
        self.url = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"certomancer-{self.url}", daemon=True
        )
        self._thread.start()
        self._closed = False

    def _wsgi(self, environ, start_response):
        app = self._app
        if app is None:
            return Response("PKI not mounted yet", status=503)(environ, start_response)
        return app(environ, start_response)

    def mount(self, arch: PKIArchitecture) -> None:
        self._app = _WholeSecondAnimator(
            AnimatorArchStore({arch.arch_label: arch}), with_web_ui=False
        )

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def load_pki_arch(pki_dir: Path, url_prefix: str) -> PKIArchitecture:
    """Load the architecture of a built PKI, with service URLs under ``url_prefix``."""
    _install_fast_backend()
    pki_dir = Path(pki_dir)
    cfg = CertomancerConfig.from_file(
        str(pki_dir / CONFIG_FILE_NAME),
        key_search_dir=str(pki_dir),
        allow_external_config=False,
        external_url_prefix=url_prefix,
    )
    return cfg.get_pki_arch(ArchLabel(ARCH_LABEL))


@contextmanager
def serve_pki(pki_dir: Path) -> Iterator[str]:
    """Serve an already built PKI directory; yields the base URL.

    The services answer for the certificates on disk (same keys, names and serial numbers), but
    the URLs embedded in those certificates only point here if they were built with serve=True.
    """
    server = PkiServer()
    try:
        server.mount(load_pki_arch(pki_dir, server.url))
        yield server.url
    finally:
        server.close()


# --- configuration ----------------------------------------------------------------------------


def _iso(dt: datetime) -> str:
    return dt.isoformat()


def _validity(start: datetime, end: datetime) -> dict[str, str]:
    return {"valid-from": _iso(start), "valid-to": _iso(end)}


def _persona_entity(persona: str) -> dict[str, str]:
    if persona == "rsa":
        given, surname = "Jeanne", "Test"
    elif persona == "ecdsa":
        given, surname = "Ecdsa", "Test"
    else:
        given = "".join(p.capitalize() for p in persona.split("-"))
        surname = "Test"
    return {
        "country-name": "FR",
        "organization-name": "ENTREPRISE TEST SAS",
        "organization-identifier": "NTRFR-123456789",
        "common-name": f"{given} {surname}",
        "given-name": given,
        "surname": surname,
        "serial-number": f"PARAPHE-TEST-{persona.upper()}",
    }


def _signer_extensions(qualified: bool, ca: str) -> list[dict[str, Any]]:
    usages = ["digital_signature", "non_repudiation"] if qualified else ["digital_signature"]
    exts: list[dict[str, Any]] = [
        {
            "id": "key_usage",
            "critical": True,
            "smart-value": {"schema": "key-usage", "params": usages},
        },
        {
            "id": "authority_information_access",
            "smart-value": {
                "schema": "aia-urls",
                "params": {
                    "ocsp-responder-names": [ca],
                    "ca-issuer-links": [{"repo": ca}],
                },
            },
        },
    ]
    if qualified:
        exts.append(
            {
                "id": OID_QC_STATEMENTS,
                "smart-value": {"schema": "der-bytes", "params": _qc_statements_der().hex()},
            }
        )
    return exts


def _config(now: datetime, url_prefix: str) -> dict[str, Any]:
    day = timedelta(days=1)
    year = timedelta(days=365)
    ca_validity = _validity(now - 3 * year, now + 10 * year)
    sub_ca_validity = _validity(now - 3 * year, now + 8 * year)

    entities: dict[str, dict[str, str]] = {
        "root": {
            "country-name": "FR",
            "organization-name": "PARAPHE TEST PKI",
            "common-name": "Paraphe Test Root CA",
        },
        "intermediate": {
            "country-name": "FR",
            "organization-name": "PARAPHE TEST PKI",
            "common-name": "Paraphe Test Qualified CA",
        },
        "untrusted-root": {
            "country-name": "FR",
            "organization-name": "UNTRUSTED TEST PKI",
            "common-name": "Untrusted Test Root CA",
        },
        "ocsp": {
            "country-name": "FR",
            "organization-name": "PARAPHE TEST PKI",
            "common-name": "Paraphe Test OCSP Responder",
        },
        "tsa": {
            "country-name": "FR",
            "organization-name": "PARAPHE TEST PKI",
            "common-name": "Paraphe Test TSA",
        },
        "short-tsa": {
            "country-name": "FR",
            "organization-name": "PARAPHE TEST PKI",
            "common-name": "Paraphe Short-Lived TSA",
        },
    }
    entities.update({p: _persona_entity(p) for p in PERSONAS})

    certs: dict[str, dict[str, Any]] = {
        "root": {
            "subject": "root",
            "issuer": "root",
            "validity": ca_validity,
            "profiles": [{"id": "simple-ca", "params": {"crl-repo": "root"}}],
        },
        "intermediate": {
            "subject": "intermediate",
            "issuer": "root",
            "validity": sub_ca_validity,
            "profiles": [
                {
                    "id": "simple-ca",
                    "params": {
                        "max-path-len": 0,
                        "crl-repo": "intermediate",
                        "ocsp-service": "intermediate",
                    },
                }
            ],
            "extensions": [
                {
                    "id": "authority_information_access",
                    "smart-value": {
                        "schema": "aia-urls",
                        "params": {"ca-issuer-links": [{"repo": "root"}]},
                    },
                }
            ],
        },
        "untrusted-root": {
            "subject": "untrusted-root",
            "issuer": "untrusted-root",
            "validity": ca_validity,
            "profiles": [
                {
                    "id": "simple-ca",
                    "params": {"crl-repo": "untrusted-root", "ocsp-service": "untrusted-root"},
                }
            ],
        },
        "ocsp": {
            "subject": "ocsp",
            "issuer": "intermediate",
            "validity": sub_ca_validity,
            "profiles": ["ocsp-responder"],
        },
        "tsa": {
            "subject": "tsa",
            "issuer": "intermediate",
            "validity": sub_ca_validity,
            "extensions": [
                {
                    "id": "key_usage",
                    "critical": True,
                    "smart-value": {"schema": "key-usage", "params": ["digital_signature"]},
                },
                {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
            ],
        },
        "short-tsa": {
            "subject": "short-tsa",
            "issuer": "intermediate",
            "validity": _validity(now - day, now + year),  # expires long before "tsa"
            "extensions": [
                {
                    "id": "key_usage",
                    "critical": True,
                    "smart-value": {"schema": "key-usage", "params": ["digital_signature"]},
                },
                {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
            ],
        },
    }

    standard = _validity(now - day, now + 2 * year)
    for persona in PERSONAS:
        ca = "untrusted-root" if persona == "untrusted" else "intermediate"
        spec: dict[str, Any] = {
            "subject": persona,
            "issuer": ca,
            "validity": standard,
            "extensions": _signer_extensions(persona != "no-nonrepudiation", ca),
        }
        if persona == "expired":
            spec["validity"] = _validity(now - 2 * year, now - 30 * day)
        elif persona == "not-yet-valid":
            spec["validity"] = _validity(now + 30 * day, now + 2 * year)
        elif persona == "revoked":
            spec["validity"] = _validity(now - 10 * day, now + 2 * year)
            spec["revocation"] = {"revoked-since": _iso(now - day), "reason": "key_compromise"}
        elif persona == "expired-revoked":  # revoked 60 days ago, expired 30 days ago
            spec["validity"] = _validity(now - 2 * year, now - 30 * day)
            spec["revocation"] = {"revoked-since": _iso(now - 60 * day), "reason": "key_compromise"}
        certs[persona] = spec

    def crl_repo(ca: str) -> dict[str, Any]:
        # CRL numbers/thisUpdate are derived from the issuer's notBefore in steps of this period;
        # one hour keeps thisUpdate after the 'revoked' persona's revocation time.
        return {"for-issuer": ca, "signing-key": ca, "simulated-update-schedule": "PT1H"}

    return {
        "external-url-prefix": url_prefix,
        "keysets": {
            "paraphe-test": {
                "path-prefix": "keys",
                "keys": {
                    label: {"path": f"{label}.key.pem"}
                    for label in (*_CA_LABELS, *_SERVICE_LABELS, *PERSONAS)
                },
            }
        },
        "pki-architectures": {
            ARCH_LABEL: {
                "keyset": "paraphe-test",
                "entities": entities,
                "certs": certs,
                "services": {
                    "ocsp": {
                        "intermediate": {
                            "for-issuer": "intermediate",
                            "responder-cert": "ocsp",
                            "signing-key": "ocsp",
                        },
                        "untrusted-root": {
                            "for-issuer": "untrusted-root",
                            "responder-cert": "untrusted-root",
                            "signing-key": "untrusted-root",
                        },
                    },
                    "crl-repo": {ca: crl_repo(ca) for ca in _CA_LABELS},
                    "cert-repo": {ca: {"for-issuer": ca} for ca in _CA_LABELS},
                    "time-stamping": {
                        "tsa": {
                            "signing-cert": "tsa",
                            "signing-key": "tsa",
                            "certs-to-embed": ["intermediate"],
                        },
                        "short-tsa": {
                            "signing-cert": "short-tsa",
                            "signing-key": "short-tsa",
                            "certs-to-embed": ["intermediate"],
                        },
                    },
                },
            }
        },
    }


# --- build ------------------------------------------------------------------------------------


def _generate_key(label: str) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
    if label in _EC:
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(65537, 3072 if label in _RSA3072 else 2048)


def _write_keys(keys_dir: Path) -> dict[str, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey]:
    keys_dir.mkdir(parents=True, exist_ok=True)
    labels = (*_CA_LABELS, *_SERVICE_LABELS, *PERSONAS)
    # cryptography releases the GIL while generating keys: threads roughly halve the time
    with ThreadPoolExecutor(max_workers=4) as pool:
        generated = dict(zip(labels, pool.map(_generate_key, labels), strict=True))
    for label, key in generated.items():
        (keys_dir / f"{label}.key.pem").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return generated


def _p12_encryption() -> serialization.KeySerializationEncryption:
    return (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(10_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(PKCS12_PASSWORD.encode("utf-8"))
    )


def build_test_pki(directory: Path, serve: bool = False) -> TestPki:
    """Build a fresh test PKI into ``directory`` (created if needed, files overwritten).

    With ``serve=True`` the services run until ``close()`` is called on the result.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    server = PkiServer() if serve else None
    try:
        return _build(directory, server)
    except BaseException:
        if server is not None:
            server.close()
        raise


def _build(directory: Path, server: PkiServer | None) -> TestPki:
    now = datetime.now(UTC).replace(microsecond=0)
    url_prefix = server.url if server is not None else UNSERVED_URL_PREFIX
    private_keys = _write_keys(directory / "keys")

    config = _config(now, url_prefix)
    (directory / CONFIG_FILE_NAME).write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    arch = load_pki_arch(directory, url_prefix)

    certs_dir = directory / "certs"
    certs_dir.mkdir(exist_ok=True)
    ders: dict[str, bytes] = {}
    for label in (*_CA_LABELS, *_SERVICE_LABELS, *PERSONAS):
        der = arch.get_cert(CertLabel(label)).dump()
        ders[label] = der
        (certs_dir / f"{label}.cert.pem").write_bytes(pem.armor("CERTIFICATE", der))

    bundle = directory / "ca-bundle.pem"
    bundle.write_bytes(
        pem.armor("CERTIFICATE", ders["intermediate"]) + pem.armor("CERTIFICATE", ders["root"])
    )

    crls_dir = directory / "crls"
    crls_dir.mkdir(exist_ok=True)
    for ca in _CA_LABELS:
        crl = arch.service_registry.get_crl(ca, at_time=now)  # type: ignore[arg-type]
        (crls_dir / f"{ca}.crl").write_bytes(crl.dump())

    p12_dir = directory / "p12"
    p12_dir.mkdir(exist_ok=True)
    encryption = _p12_encryption()
    for persona in PERSONAS:
        chain = ["untrusted-root"] if persona == "untrusted" else ["intermediate", "root"]
        (p12_dir / f"{persona}.p12").write_bytes(
            pkcs12.serialize_key_and_certificates(
                name=persona.encode("ascii"),
                key=private_keys[persona],
                cert=x509.load_der_x509_certificate(ders[persona]),
                cas=[x509.load_der_x509_certificate(ders[c]) for c in chain],
                encryption_algorithm=encryption,
            )
        )

    if server is not None:
        server.mount(arch)
    return TestPki(
        directory=directory,
        root_cert=certs_dir / "root.cert.pem",
        intermediate_cert=certs_dir / "intermediate.cert.pem",
        untrusted_root_cert=certs_dir / "untrusted-root.cert.pem",
        ca_bundle=bundle,
        tsa_cert=certs_dir / "tsa.cert.pem",
        ocsp_cert=certs_dir / "ocsp.cert.pem",
        service_url=server.url if server is not None else None,
        _server=server,
    )
