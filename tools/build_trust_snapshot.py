"""Verify the EU trusted lists shipped with Paraphe and write the index it reads
(app/paraphe/resources/trusted-lists/eu-trusted-lists.json). Run by tools/bootstrap.sh; skipped
when the index is newer than every list."""

from __future__ import annotations

import sys

from paraphe.core.trust.eutl.cache import CACHE_FILE, TrustedListCache, snapshot_dir
from paraphe.core.trust.eutl.snapshot import build_snapshot


def main() -> int:
    folder = snapshot_dir()
    index = folder / CACHE_FILE
    lists = list(folder.glob("*/*.xml"))
    current = TrustedListCache.load(folder)
    if (
        current is not None
        and all(p.stat().st_mtime <= index.stat().st_mtime for p in lists)
        and all((folder / r.services_file).is_file() for r in current.lists if r.services_file)
    ):
        return 0
    snapshot = build_snapshot(folder)
    snapshot.save(folder)
    names = ", ".join(r.info.label for r in snapshot.lists if r.info)
    print(f"EU trusted lists snapshot: {names}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
