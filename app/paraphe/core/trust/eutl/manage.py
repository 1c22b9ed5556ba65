"""The user's EU trusted lists: refresh them, add a list by hand, say how current they are.
What ``paraphe trust update|status|add-list`` and the desktop application's refresh call."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ...config.paths import user_data_dir
from ...errors import ParapheError
from ...files.user_files import read_bounded
from ...progress import CancelToken
from .. import load_certificates
from .cache import (
    OK,
    ListRecord,
    TrustedListCache,
    admin_folders,
    configured_source,
    load_current,
    user_cache_dir,
)
from .sources import ListSource
from .update import EU_LOTL_LOCATION, AddedList, Progress, read_list, update

ADDED_FILE = "added-lists.json"


class ListRefused(ParapheError):
    template = "{location}: {detail}"


def lotl_location() -> str:
    """The LOTL to read: the one an administrator or the user chose (a mirror, a file or a
    snapshot folder), else the EU's official address."""
    return configured_source() or EU_LOTL_LOCATION


def added_lists(folder: Path | None = None) -> list[AddedList]:
    path = (folder or user_data_dir()) / ADDED_FILE
    try:
        raw = json.loads(read_bounded(path, 1 << 20).decode("utf-8"))
        return [AddedList(entry["location"], entry["signer_pem"]) for entry in raw]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _save_added(lists: list[AddedList], folder: Path | None = None) -> None:
    folder = folder or user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / (ADDED_FILE + ".tmp")
    temp.write_text(
        json.dumps([{"location": a.location, "signer_pem": a.signer_pem} for a in lists], indent=2),
        encoding="utf-8",
    )
    os.replace(temp, folder / ADDED_FILE)


def refresh(
    lotl: str | None = None,
    *,
    offline: bool = False,
    progress: Progress | None = None,
    lotl_signer: Path | None = None,
    cancel: CancelToken | None = None,
) -> TrustedListCache:
    """Fetch and verify everything again, keep it as the user's cache. A list that fails keeps
    its previous copy; the LOTL failing (``TrustUpdateError``) leaves the cache as it was.
    ``lotl_signer``: a certificate file that signs the LOTL in place of the Official Journal's
    (a LOTL an organisation keeps, a test one)."""
    folder = user_cache_dir()
    anchors = load_certificates(lotl_signer) if lotl_signer is not None else []
    cache = update(
        lotl or lotl_location(),
        offline=offline,
        previous=TrustedListCache.load(folder),
        added=added_lists(),
        progress=progress,
        lotl_anchors=anchors,
        cancel=cancel,
    )
    cache.save(folder)
    return cache


def add_list(location: str, signer: Path) -> ListRecord:
    """Trust one more list, signed by the certificate(s) in ``signer``: verified now (a list that
    does not verify is refused), kept in the user's lists and refreshed with them."""
    from asn1crypto import pem

    certificates = load_certificates(signer)
    record = read_list(ListSource(), location, "", certificates, "added", dt.datetime.now(dt.UTC))
    if record.state != OK:
        raise ListRefused(None, location=location, detail=record.problem)
    signer_pem = "".join(pem.armor("CERTIFICATE", c.dump()).decode("ascii") for c in certificates)
    kept = [a for a in added_lists() if a.location != location]
    _save_added([*kept, AddedList(location, signer_pem)])
    folder = user_cache_dir()
    cache = load_current() or TrustedListCache(source="", updated=record.checked or _now())
    cache.lists = [r for r in cache.lists if r.location != location] + [record]
    cache.snapshot = False
    cache.save(folder)
    return record


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class ListStatus:
    record: ListRecord
    stale_since: dt.datetime | None


def status(moment: dt.datetime | None = None) -> tuple[TrustedListCache | None, list[ListStatus]]:
    """The lists in use and, for each, whether it is stale at ``moment`` (now)."""
    moment = moment or _now()
    cache = load_current(admin_folders())
    if cache is None:
        return None, []
    rows = []
    for record in cache.lists:
        info = record.info
        stale = info.next_update if info is not None and info.stale_at(moment) else None
        rows.append(ListStatus(record, stale))
    return cache, rows
