"""The trusted lists as last fetched and verified: a small index file per folder (each list's
dates and state, and which lists hold a certificate of a given subject) and one file of
services per list, read only when a chain meets one of its certificates. A verification reads
the index in milliseconds, never re-verifies or re-parses a list, and loads the few lists it
needs, not the thirty.

The user's cache lives in the user data folder; a snapshot shipped with Paraphe (package data)
is read when the user never updated; an administrator's folder may replace both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...config.paths import user_data_dir
from . import codec
from .model import ListInfo

CACHE_FILE = "eu-trusted-lists.json"
SERVICES_FOLDER = "services"
FORMAT = 2

OK = "ok"
BAD_SIGNATURE = "bad-signature"
UNREADABLE = "unreadable"
UNAVAILABLE = "unavailable"


def user_cache_dir() -> Path:
    return user_data_dir() / "trusted-lists"


def snapshot_dir() -> Path:
    """The lists shipped with Paraphe (see ``tools/make_trust_snapshot.py``)."""
    return Path(__file__).resolve().parents[3] / "resources" / "trusted-lists"


@dataclass
class ListRecord:
    """One list of the cache: where it comes from, its dates, whether it could be used."""

    location: str
    territory: str
    origin: str = "lotl"
    """"lotl" (the LOTL itself), "pointer" (a national list it points to), "added" (by hand)."""
    state: str = OK
    problem: str = ""
    """Why it is not (or no longer) fresh: bad signature, unreadable, unavailable."""
    info: ListInfo | None = None
    checked: dt.datetime | None = None
    """When the copy in use was fetched and verified."""
    services: list[dict[str, Any]] = field(default_factory=list)
    """Encoded ``TrustedService`` entries (``codec``), with the subject keys of their certs;
    empty in a cache read from disk until ``TrustedListCache.entries`` reads them."""
    service_count: int = 0
    services_file: str | None = None
    """Where a cache on disk keeps them (relative to its folder)."""

    @property
    def count(self) -> int:
        return len(self.services) or self.service_count

    @property
    def usable(self) -> bool:
        return self.info is not None and (self.state == OK or self.count > 0)

    def encode(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "territory": self.territory,
            "origin": self.origin,
            "state": self.state,
            "problem": self.problem,
            "info": codec.encode_list(self.info) if self.info else None,
            "checked": self.checked.isoformat() if self.checked else None,
            "service_count": self.count,
            "services_file": self.services_file,
        }

    @classmethod
    def decode(cls, data: dict[str, Any]) -> ListRecord:
        return cls(
            location=data["location"],
            territory=data.get("territory", ""),
            origin=data.get("origin", "pointer"),
            state=data.get("state", OK),
            problem=data.get("problem", ""),
            info=codec.decode_list(data["info"]) if data.get("info") else None,
            checked=dt.datetime.fromisoformat(data["checked"]) if data.get("checked") else None,
            service_count=int(data.get("service_count", 0)),
            services_file=data.get("services_file"),
        )


@dataclass
class TrustedListCache:
    source: str
    """The LOTL's location as given (URL, file, folder)."""
    updated: dt.datetime
    lists: list[ListRecord] = field(default_factory=list)
    """The LOTL first, then the national lists in its order, then lists added by hand."""
    problems: list[str] = field(default_factory=list)
    """What went wrong beyond one list (a pivot LOTL that could not be read, ...)."""
    folder: Path | None = None
    snapshot: bool = False
    _subjects: dict[str, list[int]] | None = field(default=None, repr=False)

    @property
    def lotl(self) -> ListRecord | None:
        return next((r for r in self.lists if r.origin == "lotl"), None)

    def record(self, location: str) -> ListRecord | None:
        return next((r for r in self.lists if r.location == location), None)

    def entries(self, record: ListRecord) -> list[dict[str, Any]]:
        """The record's services, read from the cache's folder the first time (empty when the
        file is missing or damaged: that list's services are lost, not the verification)."""
        if not record.services and record.services_file and self.folder is not None:
            try:
                path = self.folder / record.services_file
                loaded = json.loads(path.read_text(encoding="utf-8"))
                record.services = loaded if isinstance(loaded, list) else []
            except (OSError, ValueError):
                record.services = []
        return record.services

    def subjects(self) -> dict[str, list[int]]:
        """For each certificate subject (asn1crypto ``Name.hashable``) of a service, the
        indexes of the lists that hold it."""
        if self._subjects is None:
            found: dict[str, list[int]] = {}
            for number, record in enumerate(self.lists):
                for entry in record.services:
                    for subject in entry.get("subjects", ()) if isinstance(entry, dict) else ():
                        if isinstance(subject, str) and number not in found.get(subject, ()):
                            found.setdefault(subject, []).append(number)
            self._subjects = found
        return self._subjects

    def save(self, folder: Path) -> None:
        """Each list's services in a file of its own (named after its content), then the index
        written whole and renamed: a reader never sees half a cache; files no longer named by
        the index are removed after."""
        for record in self.lists:
            self.entries(record)
        self._subjects = None  # the lists may have changed since it was read
        subjects = self.subjects()
        services = folder / SERVICES_FOLDER
        services.mkdir(parents=True, exist_ok=True)
        for record in self.lists:
            record.service_count = len(record.services)
            if not record.services:
                record.services_file = None
                continue
            text = json.dumps(record.services, ensure_ascii=False)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            name = f"{SERVICES_FOLDER}/{record.territory or 'list'}-{digest}.json"
            if not (folder / name).is_file():
                temp = folder / (name + ".tmp")
                temp.write_text(text, encoding="utf-8")
                os.replace(temp, folder / name)
            record.services_file = name
        data = {
            "format": FORMAT,
            "source": self.source,
            "updated": self.updated.isoformat(),
            "problems": self.problems,
            "lists": [r.encode() for r in self.lists],
            "subjects": subjects,
        }
        temp = folder / (CACHE_FILE + ".tmp")
        temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, folder / CACHE_FILE)
        self.folder = folder
        named = {r.services_file for r in self.lists}
        for path in services.glob("*.json"):
            if f"{SERVICES_FOLDER}/{path.name}" not in named:
                with contextlib.suppress(OSError):
                    path.unlink()

    @classmethod
    def load(cls, folder: Path) -> TrustedListCache | None:
        """The cache in ``folder`` (its index; the services are read when asked for), or None
        when there is none or it cannot be read."""
        try:
            data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            cache = cls(
                source=data["source"],
                updated=dt.datetime.fromisoformat(data["updated"]),
                lists=[ListRecord.decode(r) for r in data["lists"]],
                problems=list(data.get("problems", ())),
                folder=folder,
            )
            subjects = data.get("subjects")
            if isinstance(subjects, dict):
                cache._subjects = subjects
            return cache
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


SOURCE_VARIABLE = "PARAPHE_TRUSTED_LISTS"
"""Set system-wide by an administrator (before the admin policy file exists): where every user's
``trust update`` reads the LOTL (a mirror URL, a file, a folder); it wins over the settings."""


def configured_source() -> str | None:
    """The lists' source an administrator (environment) or the user (settings) chose."""
    from ...config.settings import Settings

    return os.environ.get(SOURCE_VARIABLE) or Settings.load().trusted_lists_source


def admin_folders() -> list[Path]:
    """A folder set as the lists' source that holds a ready cache (a snapshot folder an
    administrator keeps for every machine): used as it is, before the user's own."""
    source = configured_source()
    if source and Path(source).is_dir() and (Path(source) / CACHE_FILE).is_file():
        return [Path(source)]
    return []


def load_current(folders: list[Path] | None = None) -> TrustedListCache | None:
    """The lists a verification uses: the first folder that holds a cache (an administrator's,
    then the user's), else the snapshot shipped with Paraphe."""
    for folder in [*(folders or []), user_cache_dir()]:
        cache = TrustedListCache.load(folder)
        if cache is not None:
            return cache
    snapshot = TrustedListCache.load(snapshot_dir()) or _snapshot_built_here()
    if snapshot is not None:
        snapshot.snapshot = True
    return snapshot


def _snapshot_built_here() -> TrustedListCache | None:
    """The shipped lists' index, when the installation did not build it (``pip install`` alone):
    built once into the user data folder (a few seconds), then read from there."""
    folder = user_data_dir() / "trusted-lists-snapshot"
    cache = TrustedListCache.load(folder)
    if cache is not None or not any(snapshot_dir().glob("*/eu-lotl.xml")):
        return cache
    from .snapshot import build_snapshot
    from .update import TrustUpdateError

    try:
        cache = build_snapshot()
    except (TrustUpdateError, OSError):
        return None
    with contextlib.suppress(OSError):  # used for this run all the same
        cache.save(folder)
    return cache
