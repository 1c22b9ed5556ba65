"""Where lists are read from: their official addresses over HTTP(S), or a folder (a snapshot
shipped with Paraphe, a copy an administrator keeps, the files given to ``trust update
--lotl FILE``), looked up there by the file name of the address, then by territory."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from lxml import etree

from ...files.user_files import read_bounded

MAX_LIST_BYTES = 64 << 20
"""The largest national lists are a few MB; a server sending more is not sending a list."""
FETCH_TIMEOUT = 30  # seconds per list
TSL_NS = "http://uri.etsi.org/02231/v2#"


class ListUnavailable(Exception):
    """A list could not be read: the message says why, in a few words."""


Fetch = Callable[[str], bytes]


def is_url(location: str) -> bool:
    return urllib.parse.urlsplit(location).scheme in ("http", "https")


def fetch_url(url: str) -> bytes:
    """One list over HTTP(S), proxy from the environment, bounded in size and time."""
    request = urllib.request.Request(
        url, headers={"Accept": "application/vnd.etsi.tsl+xml, text/xml, application/xml"}
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(MAX_LIST_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ListUnavailable(f"HTTP error {exc.code} at {url}") from None
    except urllib.error.URLError as exc:
        raise ListUnavailable(f"cannot reach {url} ({exc.reason})") from None
    except (OSError, ValueError) as exc:
        raise ListUnavailable(f"cannot read {url} ({exc})") from None
    if len(data) > MAX_LIST_BYTES:
        raise ListUnavailable(f"{url} sends more than {MAX_LIST_BYTES >> 20} MB")
    return data


def read_file(path: Path) -> bytes:
    try:
        return read_bounded(path, MAX_LIST_BYTES)
    except OSError as exc:
        raise ListUnavailable(f"cannot read {path} ({exc.strerror or exc})") from None


def territory_of(data: bytes) -> str | None:
    """The SchemeTerritory of a list, read from its head without parsing it all."""
    try:
        for _, element in etree.iterparse(
            _Bytes(data),
            tag=f"{{{TSL_NS}}}SchemeTerritory",
            resolve_entities=False,
            no_network=True,
        ):
            return (element.text or "").strip() or None
    except etree.LxmlError:
        return None
    return None


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._pos + size
        chunk, self._pos = self._data[self._pos : end], min(end, len(self._data))
        return chunk


class ListSource:
    """Reads a list given its official address: from ``folders`` first (by file name, then by
    territory), then over the network unless ``offline``."""

    def __init__(self, folders: Sequence[Path] = (), *, offline: bool = False) -> None:
        self.folders = [f for f in folders if f.is_dir()]
        self.offline = offline
        self._by_territory: dict[str, Path] | None = None

    def read(self, location: str, territory: str | None = None) -> bytes:
        if not is_url(location):
            return read_file(Path(location))
        name = Path(urllib.parse.urlsplit(location).path).name
        for folder in self.folders:
            if name and (folder / name).is_file():
                return read_file(folder / name)
        if territory and territory in self._territories():
            return read_file(self._territories()[territory])
        if self.offline:
            raise ListUnavailable(f"{name or location} is not in {self._where()} (offline)")
        return fetch_url(location)

    def _where(self) -> str:
        return ", ".join(str(f) for f in self.folders) or "the folders given"

    def _territories(self) -> dict[str, Path]:
        if self._by_territory is None:
            found: dict[str, Path] = {}
            for folder in self.folders:
                for path in sorted(folder.glob("*.xml")):
                    try:
                        head = read_bounded(path, MAX_LIST_BYTES)
                    except OSError:
                        continue
                    territory = territory_of(head)
                    if territory and territory != "EU":
                        found.setdefault(territory, path)
            self._by_territory = found
        return self._by_territory
