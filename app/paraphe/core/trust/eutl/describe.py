"""How a verification names the EU trusted lists it used: their date, the lists that are stale
or could not be had, the shipped snapshot when the user never updated."""

from __future__ import annotations

import datetime as dt

from ...errors import Notice
from ...text.translatable import N_
from .cache import admin_folders, load_current
from .index import TrustedListIndex


def eu_trusted_lists(moment: dt.datetime) -> tuple[TrustedListIndex | None, tuple[Notice, ...]]:
    """The lists a verification at ``moment`` uses, and the trust sources naming them."""
    cache = load_current(admin_folders())
    if cache is None or cache.lotl is None or cache.lotl.info is None:
        return None, (Notice(N_("EU trusted lists: none available (run “paraphe trust update”)")),)
    index = TrustedListIndex(cache)
    template = (
        N_("EU trusted lists as of {date} (snapshot shipped with Paraphe, {count} lists)")
        if cache.snapshot
        else N_("EU trusted lists as of {date} ({count} lists)")
    )
    national = sum(1 for r in cache.lists if r.origin != "lotl" and r.usable)
    notices = [Notice(template, date=f"{cache.updated:%Y-%m-%d}", count=national)]
    for info in sorted(index.stale_lists(moment), key=lambda i: i.territory):
        assert info.next_update is not None
        notices.append(
            Notice(
                N_("{territory} list stale since {date}"),
                territory=info.territory,
                date=f"{info.next_update:%Y-%m-%d}",
            )
        )
    return index, tuple(notices)
