"""``trust update``: read the LOTL, verify it back to the Official Journal, then read and verify
every national list it points to (and the lists added by hand), and make the new cache.

One bad list never stops the others: it is recorded with its problem, and the copy verified at
the previous update, if any, stays in use (named as such) until a good one comes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import ParapheError
from ...progress import CancelToken
from ...text.translatable import N_
from .cache import (
    BAD_SIGNATURE,
    OK,
    UNAVAILABLE,
    UNREADABLE,
    ListRecord,
    TrustedListCache,
)
from .codec import encode_service
from .parse import TrustedListFormatError, list_info, parse_tree, parse_trusted_list
from .signature import ListSignatureError, lotl_signers, verified_content
from .sources import ListSource, ListUnavailable, is_url

EU_LOTL_LOCATION = "https://ec.europa.eu/tools/lotl/eu-lotl.xml"
PARALLEL_DOWNLOADS = 4

Progress = Callable[[int, int, str], None]
"""(lists done, lists in all, territory or name of the list just done)."""


class TrustUpdateError(ParapheError):
    """The LOTL itself could not be used: nothing was updated."""

    template = N_("EU trusted lists: {location}: {detail}")

    def __init__(self, location: str, detail: str, **params: object) -> None:
        super().__init__(None, location=location, detail=detail, **params)


class LotlUnreadable(TrustUpdateError):
    template = N_("EU trusted lists: the LOTL cannot be read ({location}): {detail}")


class LotlRefused(TrustUpdateError):
    template = N_("EU trusted lists: the LOTL is refused ({location}): {detail}")


@dataclass(frozen=True)
class AddedList:
    """A list trusted by hand (``trust add-list``): outside the LOTL, signed by ``signer``."""

    location: str
    signer_pem: str


def update(
    lotl_location: str = EU_LOTL_LOCATION,
    *,
    folders: Sequence[Path] = (),
    offline: bool = False,
    previous: TrustedListCache | None = None,
    added: Sequence[AddedList] = (),
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    lotl_anchors: Sequence[Any] = (),
    cancel: CancelToken | None = None,
) -> TrustedListCache:
    """A new cache from the LOTL at ``lotl_location`` (URL, file or folder holding
    ``eu-lotl.xml``), verified back to the Official Journal's certificates, or to
    ``lotl_anchors`` when given. Raises ``TrustUpdateError`` only when the LOTL itself cannot be
    used. ``cancel`` stops it between two lists (``Cancelled``), the cache untouched."""
    now = now or dt.datetime.now(dt.UTC)
    cancel = cancel or CancelToken()
    lotl_file, search = _locate(lotl_location, folders)
    source = ListSource(search, offline=offline)
    try:
        data = source.read(lotl_file)
    except ListUnavailable as exc:
        raise LotlUnreadable(lotl_location, str(exc)) from None
    problems: list[str] = []
    try:
        signers = lotl_signers(data, source.read, problems, lotl_anchors)
        lotl_xml = verified_content(data, signers)
        lotl_tree = parse_tree(lotl_xml)
        lotl_record = ListRecord(
            location=lotl_location,
            territory="EU",
            info=list_info(lotl_tree, lotl_location),
            checked=now,
        )
        references = _pointers(lotl_xml)
    except (ListSignatureError, TrustedListFormatError) as exc:
        raise LotlRefused(lotl_location, str(exc)) from None
    except (ValueError, TypeError, AttributeError) as exc:  # scheme information unreadable
        raise LotlRefused(lotl_location, f"not readable ({exc.__class__.__name__})") from None

    jobs: list[tuple[str, str, list[Any], str]] = [
        (ref.location_uri, ref.territory, ref.tlso_certs, "pointer") for ref in references
    ]
    jobs += [(a.location, "", _pem_certificates(a.signer_pem), "added") for a in added]
    total, done = len(jobs), 0

    def run(job: tuple[str, str, list[Any], str]) -> ListRecord:
        cancel.raise_if_cancelled()
        location, territory, signers, origin = job
        return read_list(source, location, territory, signers, origin, now)

    records: list[ListRecord] = [lotl_record]
    with ThreadPoolExecutor(PARALLEL_DOWNLOADS) as pool:
        for record in pool.map(run, jobs):
            cancel.raise_if_cancelled()
            records.append(_keep_previous(record, previous))
            done += 1
            if progress:
                progress(done, total, record.territory or record.location)
    return TrustedListCache(source=lotl_location, updated=now, lists=records, problems=problems)


def read_list(
    source: ListSource,
    location: str,
    territory: str,
    signers: list[Any],
    origin: str,
    now: dt.datetime,
) -> ListRecord:
    """One list read, verified with ``signers`` and indexed; its failure is recorded, not raised."""
    record = ListRecord(location=location, territory=territory, origin=origin, checked=now)
    try:
        data = source.read(location, territory or None)
        parsed = parse_trusted_list(verified_content(data, signers), location)
    except ListUnavailable as exc:
        return _failed(record, UNAVAILABLE, str(exc))
    except ListSignatureError as exc:
        return _failed(record, BAD_SIGNATURE, str(exc))
    except TrustedListFormatError as exc:
        return _failed(record, UNREADABLE, str(exc))
    except Exception as exc:  # a damaged or hostile list costs that list only, never the update
        return _failed(record, UNREADABLE, f"cannot be read ({exc.__class__.__name__})")
    if territory and parsed.info.territory != territory:
        return _failed(
            record,
            UNREADABLE,
            f"it is the list of {parsed.info.territory}, the LOTL points to it for {territory}",
        )
    record.territory = parsed.info.territory
    record.info = parsed.info
    record.services = [_indexed(s) for s in parsed.services]
    if parsed.problems:
        record.problem = f"{len(parsed.problems)} service entries could not be read"
    return record


def _failed(record: ListRecord, state: str, problem: str) -> ListRecord:
    record.state, record.problem, record.checked = state, problem, None
    return record


def _keep_previous(record: ListRecord, previous: TrustedListCache | None) -> ListRecord:
    """A list that failed now keeps the copy verified at the previous update, if there is one."""
    if record.state == OK or previous is None:
        return record
    old = previous.record(record.location)
    if old is None or old.info is None or not previous.entries(old):
        return record
    record.info, record.services, record.checked = old.info, old.services, old.checked
    checked = f"{old.checked:%Y-%m-%d}" if old.checked else "earlier"
    record.problem = f"{record.problem}; the copy verified on {checked} is used"
    return record


def _indexed(service: Any) -> dict[str, Any]:
    from asn1crypto import x509

    encoded = encode_service(service)
    encoded["subjects"] = [x509.Certificate.load(c).subject.hashable for c in service.certificates]
    return encoded


def _pointers(lotl_xml: str) -> list[Any]:
    from pyhanko.sign.validation.qualified import eutl_parse

    try:
        parsed = eutl_parse.parse_lotl_unsafe(lotl_xml)
    except Exception as exc:  # xsdata and pyHanko raise many kinds on a damaged LOTL
        raise TrustedListFormatError(
            f"its pointers cannot be read ({exc.__class__.__name__})"
        ) from None
    return [ref for ref in parsed.references if eutl_parse.LOTL_RULE not in ref.scheme_rules]


def _locate(location: str, folders: Sequence[Path]) -> tuple[str, list[Path]]:
    """The LOTL to read, and the folders to look in first for the lists it points to."""
    if is_url(location):
        return location, list(folders)
    path = Path(location)
    if path.is_dir():
        return str(path / "eu-lotl.xml"), [path, *folders]
    return str(path), [path.parent, *folders]


def _pem_certificates(text: str) -> list[Any]:
    from asn1crypto import pem, x509

    return [
        x509.Certificate.load(der)
        for kind, _, der in pem.unarmor(text.encode("ascii"), multiple=True)
        if kind == "CERTIFICATE"
    ]
