"""Revocation data kept on disk (CRLs and OCSP responses): one cache for signing and validation.

What B-LT signing fetches is stored here; the next signing run starts from it (a CRL of a large
CA is megabytes: fetched once while it is current), and the validator reads it as data at hand,
offline or before fetching. Only what is still current at the time asked (nextUpdate in the
future; an OCSP response without nextUpdate is not kept) is handed out; a damaged file is
ignored. Whatever is read is checked by pyhanko-certvalidator like fetched data (its signature,
its issuer), so the folder needs no trust. The demo publishes its CA's CRL here too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp

from ..config.paths import user_data_dir
from .collect import ValidationData


def cache_dir() -> Path:
    return user_data_dir() / "revocation-cache"


def store_crl(data: bytes, folder: Path | None = None) -> Path:
    asn1_crl.CertificateList.load(data, strict=True)  # refuse what is not a CRL
    return _store(data, ".crl", folder)


def store_ocsp(data: bytes, folder: Path | None = None) -> Path | None:
    """Keep an OCSP response that says until when it holds; None for one that does not."""
    response = asn1_ocsp.OCSPResponse.load(data, strict=True)
    if _ocsp_next_update(response) is None:
        return None
    return _store(data, ".ocsp", folder)


def store(data: ValidationData, folder: Path | None = None) -> None:
    """What a run fetched, for the next ones (certificates are not kept: they come with it)."""
    for crl_data in data.crls:
        store_crl(crl_data.dump(), folder)
    for response in data.ocsps:
        store_ocsp(response.dump(), folder)


def load(folder: Path | None = None, at: dt.datetime | None = None) -> ValidationData:
    """The CRLs and OCSP responses still current at ``at`` (now by default)."""
    return ValidationData(
        crls=list(load_cached_crls(folder, at)), ocsps=list(load_cached_ocsps(folder, at))
    )


def load_cached_crls(
    folder: Path | None = None, at: dt.datetime | None = None
) -> tuple[asn1_crl.CertificateList, ...]:
    found = []
    for data in _files(folder, ".crl"):
        try:
            crl = asn1_crl.CertificateList.load(data, strict=True)
            next_update = crl["tbs_cert_list"]["next_update"].native
        except (ValueError, TypeError, KeyError):
            continue
        if next_update is None or next_update > (at or dt.datetime.now(dt.UTC)):
            found.append(crl)
    return tuple(found)


def load_cached_ocsps(
    folder: Path | None = None, at: dt.datetime | None = None
) -> tuple[asn1_ocsp.OCSPResponse, ...]:
    found = []
    for data in _files(folder, ".ocsp"):
        try:
            response = asn1_ocsp.OCSPResponse.load(data, strict=True)
            next_update = _ocsp_next_update(response)
        except (ValueError, TypeError, KeyError):
            continue
        if next_update is not None and next_update > (at or dt.datetime.now(dt.UTC)):
            found.append(response)
    return tuple(found)


def _ocsp_next_update(response: asn1_ocsp.OCSPResponse) -> dt.datetime | None:
    basic = response.basic_ocsp_response
    updates = [single["next_update"].native for single in basic["tbs_response_data"]["responses"]]
    return min(updates) if updates and None not in updates else None


def _store(data: bytes, suffix: str, folder: Path | None) -> Path:
    folder = folder or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
    if target.exists():
        return target
    temp = target.with_suffix(".tmp")
    temp.write_bytes(data)
    os.replace(temp, target)
    return target


def _files(folder: Path | None, suffix: str) -> Iterable[bytes]:
    folder = folder or cache_dir()
    for path in sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []:
        try:
            yield path.read_bytes()
        except OSError:
            continue
