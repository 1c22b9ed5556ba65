"""The dated cryptographic policy: until when each digest and signature algorithm (and key size)
is accepted, in the style of ETSI TS 119 312 and of DSS's default validation policy.

An algorithm is judged at the time the signature is proven to have existed (a valid timestamp),
else at the validation time (EN 319 102-1, 5.2.8 and 5.6.2.5): past its sunset then, nothing
proves the signature was made while the algorithm was still secure, so the verdict is
INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE; made (per proof) before the sunset, the
signature keeps its verdict with a note. Sunsets later than the policy's last review
(``REVIEWED``) are forecasts that nobody has confirmed since: past one, a warning only (DSS's
``UpdateDate`` / ``LevelAfterUpdate="WARN"``), so that a policy left unrevised never turns valid
signatures made with today's keys (RSA-2048) into INDETERMINATE ones.

The API names algorithms as asn1crypto does (``sha1``, ``sha3_256``; keys ``rsa``, ``ec``,
``dsa``) so that the CMS, XML and PDF validators can all ask it; ``uses_of_signature`` reads them
from an asn1crypto ``SignedDigestAlgorithm``. An algorithm the policy has no date for is not
judged here: whether it can be computed at all is the cryptographic library's business.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..text.translatable import N_, Worded
from .explanations import explain
from .indications import Indication, SubIndication
from .report import Check, SignatureReport


def _year(year: int) -> dt.datetime:
    return dt.datetime(year, 1, 1, tzinfo=dt.UTC)


SOURCE = (
    "DSS 6 default validation policy (constraint.xml, AlgoExpirationDate), from ETSI TS 119 312"
    " V1.4.2 and ETSI TS 102 176-1 (historical)"
)
"""Where the dates below come from (each year is read as its 1 January, 00:00 UTC)."""

REVIEWED = _year(2022)
"""When the dates were last confirmed (DSS's ``UpdateDate``): a later sunset is a forecast."""

_TS_119_312 = "ETSI TS 119 312 V1.4.2"
_TS_119_312_OLD = "ETSI TS 119 312 V1.1.1"
_TS_102_176 = "ETSI TS 102 176-1"

DIGEST_SUNSETS: dict[str, tuple[dt.datetime, str]] = {
    "md5": (_year(2005), _TS_102_176),
    "sha1": (_year(2009), _TS_102_176),
    "ripemd160": (_year(2011), _TS_102_176),
    "whirlpool": (_year(2015), _TS_119_312_OLD),
    "sha224": (_year(2026), _TS_119_312),
    "sha256": (_year(2029), _TS_119_312),
    "sha384": (_year(2029), _TS_119_312),
    "sha512": (_year(2029), _TS_119_312),
    "sha3_256": (_year(2029), _TS_119_312),
    "sha3_384": (_year(2029), _TS_119_312),
    "sha3_512": (_year(2029), _TS_119_312),
}
"""Digest algorithm: the date from which it is no longer accepted, and the source."""

KEY_SUNSETS: dict[str, tuple[tuple[int, dt.datetime, str], ...]] = {
    "rsa": (
        (1024, _year(2009), _TS_102_176),
        (1536, _year(2016), _TS_119_312_OLD),
        (1900, _year(2026), _TS_119_312),
        (3000, _year(2029), _TS_119_312),
    ),
    "dsa": (
        (1024, _year(2013), _TS_102_176),
        (2048, _year(2026), _TS_119_312),
        (3072, _year(2029), _TS_119_312),
    ),
    "ec": (
        (160, _year(2013), _TS_102_176),
        (192, _year(2013), _TS_102_176),
        (224, _year(2016), _TS_119_312_OLD),
        (256, _year(2029), _TS_119_312),
        (384, _year(2029), _TS_119_312),
        (512, _year(2029), _TS_119_312),
    ),
}
"""Key algorithm: (smallest key size in bits, sunset, source) rows, by size; a key is judged
by the row of the largest size it reaches, and one smaller than every row is never accepted."""

_KEY_NAMES = {"rsa": "RSA", "dsa": "DSA", "ec": "ECDSA"}
_DIGEST_NAMES = {
    "md5": "MD5",
    "sha1": "SHA-1",
    "ripemd160": "RIPEMD-160",
    "whirlpool": "Whirlpool",
    "sha224": "SHA-224",
    "sha256": "SHA-256",
    "sha384": "SHA-384",
    "sha512": "SHA-512",
    "sha3_256": "SHA3-256",
    "sha3_384": "SHA3-384",
    "sha3_512": "SHA3-512",
}


@dataclass(frozen=True)
class AlgorithmUse:
    """One algorithm a signature relies on, and for what."""

    algorithm: str
    """A digest (``sha256``) or a key algorithm (``rsa``, ``ec``, ``dsa``), asn1crypto's names."""
    role: str
    """What it is used for, in a few words: ``the signature's digest``, ``the signer's key``."""
    key_size: int | None = None
    """In bits, for a key algorithm."""

    @property
    def name(self) -> str:
        if self.algorithm in _KEY_NAMES:
            size = f"-{self.key_size}" if self.key_size else ""
            return f"{_KEY_NAMES[self.algorithm]}{size}"
        return _DIGEST_NAMES.get(self.algorithm, self.algorithm)


@dataclass(frozen=True)
class Sunset:
    """From ``date`` on, the use is no longer accepted (per ``source``)."""

    date: dt.datetime
    source: str

    @property
    def forecast(self) -> bool:
        """A date after the policy's last review: past it, a warning only."""
        return self.date > REVIEWED


NEVER = Sunset(dt.datetime.min.replace(tzinfo=dt.UTC), SOURCE)
"""A key smaller than any the policy lists: never accepted."""


def sunset_of(use: AlgorithmUse) -> Sunset | None:
    """The use's sunset, or None when the policy has no date for it (not judged)."""
    if use.algorithm in DIGEST_SUNSETS:
        date, source = DIGEST_SUNSETS[use.algorithm]
        return Sunset(date, source)
    rows = KEY_SUNSETS.get(use.algorithm)
    if rows is None or use.key_size is None:
        return None
    reached = [(date, source) for size, date, source in rows if use.key_size >= size]
    if not reached:
        return NEVER
    date, source = reached[-1]
    return Sunset(date, source)


@dataclass(frozen=True)
class CryptoJudgement:
    """What the policy says of a signature's algorithms at the time it was made."""

    accepted: bool
    reason: str = ""
    """Why not (one sentence naming the algorithm and the date), when not accepted."""
    notes: tuple[str, ...] = field(default_factory=tuple)
    """Accepted after all: made before a sunset passed since, or past a forecast sunset (one
    note per algorithm, whatever it was used for)."""


def judge(
    uses: Iterable[AlgorithmUse], made_at: dt.datetime, *, proven: bool, now: dt.datetime
) -> CryptoJudgement:
    """The uses judged at ``made_at``: the proven time of the signature (``proven``), else the
    validation time ``now``."""
    notes: list[str] = []
    for use in uses:
        sunset = sunset_of(use)
        if sunset is None:
            continue
        said = {
            "algorithm": use.name,
            "role": use.role,
            "date": f"{sunset.date:%Y-%m-%d}",
            "source": sunset.source,
        }
        if sunset is NEVER:
            return CryptoJudgement(
                False,
                Worded(
                    N_("{algorithm} ({role}) is too weak: no policy accepts it ({source})"), **said
                ),
            )
        if made_at >= sunset.date:
            if sunset.forecast:
                notes.append(
                    Worded(
                        N_(
                            "{algorithm} was forecast to be accepted until {date} ({source}), a"
                            " date not confirmed since {year}: accepted, to be reviewed"
                        ),
                        year=f"{REVIEWED:%Y}",
                        **said,
                    )
                )
                continue
            if proven:
                reason = N_(
                    "{algorithm} ({role}) is no longer accepted from {date} ({source}); the"
                    " signature is proven to exist only since {made}"
                )
            else:
                reason = N_(
                    "{algorithm} ({role}) is no longer accepted from {date} ({source}); nothing"
                    " proves it was made before that date"
                )
            return CryptoJudgement(False, Worded(reason, made=f"{made_at:%Y-%m-%d}", **said))
        if now >= sunset.date:
            notes.append(
                Worded(
                    N_(
                        "{algorithm} is no longer accepted from {date} ({source}); the"
                        " signature is proven to exist on {made}, before that date"
                    ),
                    made=f"{made_at:%Y-%m-%d}",
                    **said,
                )
            )
    return CryptoJudgement(True, notes=tuple(dict.fromkeys(notes)))


CHECK = N_("cryptographic algorithms")


def apply_to(
    report: SignatureReport, uses: Sequence[AlgorithmUse], validation_time: dt.datetime | None
) -> None:
    """One check naming the algorithms judged, the same for every format; a signature that
    passed and relies on an algorithm past its sunset at its proven time (``timestamp_time``,
    else the validation time) becomes INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE."""
    now = validation_time or dt.datetime.now(dt.UTC)
    proven = report.timestamp_time
    judgement = judge(uses, proven or now, proven=proven is not None, now=now)
    if judgement.accepted:
        names = ", ".join(dict.fromkeys(use.name for use in uses))
        report.checks.append(Check(CHECK, True, Worded.joined("; ", (names, *judgement.notes))))
        return
    report.checks.append(Check(CHECK, False, judgement.reason))
    if report.indication is Indication.TOTAL_PASSED:
        report.indication = Indication.INDETERMINATE
        report.subindication = SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE
        report.explanation = explain(report.indication, report.subindication)


# --- reading the uses from asn1crypto values ----------------------------------------------------


_CURVE_BITS = {
    "secp192r1": 192,
    "secp224r1": 224,
    "secp256r1": 256,
    "secp384r1": 384,
    "secp521r1": 521,
    "brainpoolp256r1": 256,
    "brainpoolp384r1": 384,
    "brainpoolp512r1": 512,
}
"""The size of a named curve's keys: asn1crypto reads it from the point's length, which halves
it for a point in compressed form (a P-256 key would count as 128 bits)."""


def key_use(public_key: Any, role: str) -> AlgorithmUse | None:
    """The use of an asn1crypto ``PublicKeyInfo`` (its algorithm and size), or None if unknown."""
    try:
        algorithm = public_key.algorithm
        size = public_key.bit_size
        if algorithm == "ec":
            kind, curve = public_key.curve
            if kind == "named" and curve in _CURVE_BITS:
                size = _CURVE_BITS[curve]
    except (ValueError, TypeError, KeyError, AttributeError, NotImplementedError):
        return None
    if algorithm == "rsassa_pss":
        algorithm = "rsa"
    return AlgorithmUse(algorithm, role, size) if algorithm in KEY_SUNSETS else None


def uses_of_signature(
    signature_algorithm: Any, digest_algorithm: str | None, public_key: Any, what: str
) -> list[AlgorithmUse]:
    """The algorithms a signature relies on: its digest (``digest_algorithm``, the one the
    signed data was hashed with), the hash its signature algorithm names when another, and the
    signer's key. ``what`` names the signature in the roles (``Worded(N_("the signature"))``)."""
    uses = []
    if digest_algorithm:
        uses.append(AlgorithmUse(digest_algorithm, Worded(N_("the digest of {what}"), what=what)))
    hashed = signature_hash(signature_algorithm)
    if hashed and hashed != digest_algorithm:
        uses.append(AlgorithmUse(hashed, Worded(N_("the hash of {what}"), what=what)))
    key = key_use(public_key, Worded(N_("the key of {what}"), what=what))
    if key is not None:
        uses.append(key)
    return uses


def signature_hash(signature_algorithm: Any) -> str | None:
    """The hash a signature algorithm names (``sha256_rsa``: ``sha256``), None when it names
    none (``rsassa_pkcs1v15``, ``ecdsa``: the digest algorithm's). asn1crypto 1.5 knows no hash
    for ``sha3_256_ecdsa`` and its kind: read from the name."""
    try:
        return str(signature_algorithm.hash_algo)
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    try:
        name = signature_algorithm["algorithm"].native
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    for suffix in ("_ecdsa", "_rsa", "_dsa"):
        if (
            isinstance(name, str)
            and name.endswith(suffix)
            and name[: -len(suffix)] in _DIGEST_NAMES
        ):
            return name[: -len(suffix)]
    return None


def uses_of_chain(path: Sequence[Any]) -> list[AlgorithmUse]:
    """The algorithms of a certification path (asn1crypto certificates, trust anchor first): each
    certificate's signature by its issuer. The trust anchor's own signature is not relied on."""
    uses: list[AlgorithmUse] = []
    for issuer, certificate in itertools.pairwise(path):
        what = _certificate_named(certificate)
        try:
            hashed = signature_hash(certificate["signature_algorithm"])
        except (ValueError, TypeError, KeyError, AttributeError):
            hashed = None
        if hashed:
            uses.append(AlgorithmUse(hashed, Worded(N_("the hash of {what}"), what=what)))
        key = key_use(issuer.public_key, Worded(N_("the issuer's key of {what}"), what=what))
        if key is not None:
            uses.append(key)
    return uses


def _certificate_named(certificate: Any) -> Worded:
    try:
        name = certificate.subject.native.get("common_name")
    except (ValueError, TypeError, KeyError, AttributeError):
        name = None
    if not name:
        return Worded(N_("a certificate"))
    return Worded(N_("the certificate of {name}"), name=str(name))


def for_pyhanko() -> Any:
    """The algorithm policy to give pyHanko when this one judges afterwards: every algorithm
    let through (pyHanko's default refuses SHA-1 whatever the date, and its refusal stops the
    validation before the certificate path), since the dated judgement needs the proven time,
    known only once the timestamps are validated; the cryptographic library still refuses what
    it cannot compute. A message digest made with another hash than the signature's (SHA-256
    content, SHA3-256 with RSA over the signed attributes) is let through too: RFC 5652 allows
    it, only RFC 8933 (2020) asks for one hash, and both hashes are judged here
    (``uses_of_signature``); DSS accepts such signatures."""
    from pyhanko.sign.validation.utils import CMSAlgorithmUsagePolicy
    from pyhanko_certvalidator.policy_decl import AcceptAllAlgorithms, AlgorithmUsageConstraint

    class _LetThrough(AcceptAllAlgorithms, CMSAlgorithmUsagePolicy):
        def digest_combination_allowed(
            self, signature_algo: Any, message_digest_algo: Any, moment: Any
        ) -> Any:
            return AlgorithmUsageConstraint(allowed=True)

    return _LetThrough()
