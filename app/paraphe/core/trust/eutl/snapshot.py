"""The lists shipped with Paraphe: each folder of ``resources/trusted-lists`` holds a LOTL and
lists it points to; each is verified as ``trust update`` would, offline, and the newest list
that verified for each territory makes the snapshot."""

from __future__ import annotations

from pathlib import Path

from .cache import OK, TrustedListCache, snapshot_dir
from .update import TrustUpdateError, update


def build_snapshot(source: Path | None = None) -> TrustedListCache:
    """The snapshot of the LOTL folders under ``source``; dated by its newest LOTL's issue."""
    source = source or snapshot_dir()
    caches = []
    for folder in sorted(p for p in source.iterdir() if (p / "eu-lotl.xml").is_file()):
        try:
            caches.append(update(str(folder), offline=True))
        except TrustUpdateError:
            continue
    lotls = [c.lotl for c in caches if c.lotl is not None and c.lotl.info is not None]
    if not lotls:
        raise TrustUpdateError(str(source), "no LOTL in it could be verified")
    newest_lotl = max(lotls, key=lambda r: r.info.issued if r.info else 0)
    best: dict[str, object] = {}
    for cache in caches:
        for record in cache.lists:
            if record.origin == "lotl" or record.state != OK or record.info is None:
                continue
            kept = best.get(record.territory)
            if kept is None or kept.info.issued < record.info.issued:  # type: ignore[attr-defined]
                best[record.territory] = record
    assert newest_lotl.info is not None
    snapshot = TrustedListCache(
        source="snapshot",
        updated=newest_lotl.info.issued,
        lists=[newest_lotl, *(best[t] for t in sorted(best))],  # type: ignore[list-item]
    )
    snapshot.snapshot = True
    return snapshot
