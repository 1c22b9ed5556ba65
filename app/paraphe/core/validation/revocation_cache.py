"""Revocation data kept on disk (CRLs), used offline and before fetching.

Only CRLs still current (nextUpdate in the future) are handed to the validator; a damaged file is
ignored. The demo publishes its CA's CRL here; fetched CRLs can be kept here too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

from asn1crypto import crl as asn1_crl

from ..config.paths import user_data_dir


def cache_dir() -> Path:
    return user_data_dir() / "revocation-cache"


def store_crl(data: bytes, folder: Path | None = None) -> Path:
    folder = folder or cache_dir()
    asn1_crl.CertificateList.load(data, strict=True)  # refuse what is not a CRL
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{hashlib.sha256(data).hexdigest()[:32]}.crl"
    temp = target.with_suffix(".tmp")
    temp.write_bytes(data)
    os.replace(temp, target)
    return target


def load_cached_crls(
    folder: Path | None = None, at: dt.datetime | None = None
) -> tuple[asn1_crl.CertificateList, ...]:
    folder = folder or cache_dir()
    moment = at or dt.datetime.now(dt.UTC)
    found = []
    for path in sorted(folder.glob("*.crl")) if folder.is_dir() else []:
        try:
            crl = asn1_crl.CertificateList.load(path.read_bytes(), strict=True)
            next_update = crl["tbs_cert_list"]["next_update"].native
        except (OSError, ValueError, TypeError, KeyError):
            continue
        if next_update is None or next_update > moment:
            found.append(crl)
    return tuple(found)
