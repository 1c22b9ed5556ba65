"""The real EU lists shipped with Paraphe: LOTL 2023 (v5) and 2026 (v6), the pivots, the French
and Belgian lists; their signatures verified as ``trust update`` does (offline, from folders),
at a time inside their validity, French qualified CAs found by name, staleness at today's date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from paraphe.core.trust.eutl.cache import BAD_SIGNATURE, OK, snapshot_dir
from paraphe.core.trust.eutl.index import TrustedListIndex
from paraphe.core.trust.eutl.signature import ListSignatureError, lotl_signers, verified_content
from paraphe.core.trust.eutl.snapshot import build_snapshot
from paraphe.core.trust.eutl.sources import ListSource
from paraphe.core.trust.eutl.update import TrustUpdateError, update

SHIPPED = snapshot_dir()
LOTL_2023 = SHIPPED / "lotl-2023-09"
LOTL_2026 = SHIPPED / "lotl-2026-05"
PIVOTS = Path(__file__).resolve().parents[3] / "data" / "trusted-lists"


@pytest.fixture(scope="module")
def lotl_2023():
    return update(str(LOTL_2023), offline=True)


@pytest.fixture(scope="module")
def lotl_2026():
    return update(str(LOTL_2026), offline=True)


def _record(cache, territory):
    return next(r for r in cache.lists if r.territory == territory)


def test_lotl_2026_v6_verifies_with_the_2026_official_journal_anchor(lotl_2026) -> None:
    lotl = cache_lotl = lotl_2026.lotl
    assert cache_lotl is not None and lotl.info is not None
    assert (lotl.info.territory, lotl.info.sequence, lotl.info.version) == ("EU", 388, 6)
    assert lotl_2026.problems == []  # re-anchored: no pivot to walk
    belgium = _record(lotl_2026, "BE")
    assert belgium.state == OK and belgium.info is not None
    assert (belgium.info.sequence, belgium.info.version) == (81, 6)
    assert len(belgium.services) > 50
    # the LOTL points to 31 lists; only Belgium's is in the folder: the others are named
    missing = [r for r in lotl_2026.lists if r.origin == "pointer" and r.state != OK]
    assert len(missing) == 30
    assert all("not in" in r.problem and "offline" in r.problem for r in missing)


def test_lotl_2023_v5_verifies_through_pivot_300_from_the_2019_anchor(lotl_2023) -> None:
    lotl = lotl_2023.lotl
    assert lotl is not None and lotl.info is not None
    assert (lotl.info.sequence, lotl.info.version) == (332, 5)
    # pivot 282 is not in the folder: skipped and named; pivot 300 carries the anchor forward
    assert len(lotl_2023.problems) == 1 and "pivot-282" in lotl_2023.problems[0]
    france = _record(lotl_2023, "FR")
    assert france.state == OK and france.info is not None
    assert (france.info.sequence, f"{france.info.issued:%Y-%m-%d}") == (112, "2023-02-23")


def test_the_pivot_chain_2019_300_335_341() -> None:
    """Pivot 341 lists 341, 335, 300 and 282: from the 2019 anchor each verifies the next."""
    pivot_341 = (PIVOTS / "eu-lotl-pivot-341.xml").read_bytes()
    source = ListSource([PIVOTS, LOTL_2023], offline=True)
    problems: list[str] = []
    signers = lotl_signers(pivot_341, source.read, problems)
    assert len(problems) == 1 and "pivot-282" in problems[0]  # not available: skipped
    verified_content(pivot_341, signers)
    # the 2019 anchor alone does not verify pivot 335: the chain was needed
    from pyhanko.sign.validation.qualified.eutl_parse import ojeu_bootstrap_lotl_tlso_certs

    with pytest.raises(ListSignatureError):
        verified_content(
            (PIVOTS / "eu-lotl-pivot-335.xml").read_bytes(), ojeu_bootstrap_lotl_tlso_certs(0)
        )


def test_a_pivot_that_does_not_verify_breaks_the_chain(tmp_path: Path) -> None:
    """Pivot 300 replaced by pivot 335 under its name: 335 does not verify with the 2019
    anchor, so it is refused and the LOTL of 2023 no longer verifies."""
    shutil.copy(LOTL_2023 / "eu-lotl.xml", tmp_path / "eu-lotl.xml")
    shutil.copy(PIVOTS / "eu-lotl-pivot-335.xml", tmp_path / "eu-lotl-pivot-300.xml")
    with pytest.raises(TrustUpdateError, match="LOTL is refused"):
        update(str(tmp_path), offline=True)


def test_french_qualified_cas_are_found_by_name(lotl_2023) -> None:
    index = TrustedListIndex(lotl_2023)
    services = [
        service
        for subject in list(index.cache.subjects())
        for service in index.services_named(subject)
        if service.territory == "FR"
    ]
    names = {(s.provider, s.name) for s in services if s.kind == "CA/QC"}
    assert ("Certigna", "Certigna Identity Plus CA") in names
    assert ("ChamberSign France", "Signitio RGS ***") in names
    assert ("Certinomis", "Certinomis - Prime CA G2") in names
    certigna = next(s for s in services if s.name == "Certigna Identity Plus CA")
    assert certigna.periods[-1].status == "granted"
    # the history is kept: a service withdrawn since, granted before
    withdrawn = next(s for s in services if s.name == "Signitio RGS **")
    assert [p.status for p in withdrawn.periods][-1] == "withdrawn"
    assert "granted" in [p.status for p in withdrawn.periods]


def test_staleness_at_todays_date(lotl_2023, lotl_2026) -> None:
    today = dt.datetime.now(dt.UTC)
    france = _record(lotl_2023, "FR").info
    assert france is not None and france.stale_at(today)
    assert not france.stale_at(dt.datetime(2023, 6, 1, tzinfo=dt.UTC))
    belgium = _record(lotl_2026, "BE").info
    assert belgium is not None and not belgium.stale_at(dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    assert belgium.stale_at(dt.datetime(2026, 12, 16, tzinfo=dt.UTC))


def test_a_tampered_national_list_is_rejected_and_named_the_others_go_on(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(LOTL_2023, folder)
    french = (folder / "tl-fr.xml").read_bytes()
    (folder / "tl-fr.xml").write_bytes(
        french.replace(b"Certigna Identity Plus CA", b"Certigna Identity Plus CB", 1)
    )
    cache = update(str(folder), offline=True)
    france = _record(cache, "FR")
    assert france.state == BAD_SIGNATURE
    assert "does not verify" in france.problem and not france.services
    assert cache.lotl is not None and cache.lotl.state == OK


def test_a_failed_list_keeps_the_copy_verified_before(tmp_path: Path, lotl_2023) -> None:
    folder = tmp_path / "lists"
    shutil.copytree(LOTL_2023, folder)
    (folder / "tl-fr.xml").write_bytes(b"<not a list/>")
    cache = update(str(folder), offline=True, previous=lotl_2023)
    france = _record(cache, "FR")
    assert france.state != OK
    assert france.services and france.info is not None and france.info.sequence == 112
    assert "is used" in france.problem


def test_the_shipped_snapshot_keeps_the_newest_verified_list_per_territory() -> None:
    snapshot = build_snapshot()
    labels = [r.info.label for r in snapshot.lists if r.info]
    assert labels == ["EU 388 2026-05-22", "BE 81 2026-06-15", "FR 112 2023-02-23"]
    assert snapshot.updated == dt.datetime(2026, 5, 22, 13, 16, 35, tzinfo=dt.UTC)


def test_a_damaged_cache_entry_costs_that_service_only(lotl_2023) -> None:
    import copy

    damaged = copy.deepcopy(lotl_2023)
    france = _record(damaged, "FR")
    first = france.services[0]
    subject = first["subjects"][0]
    intact = len(TrustedListIndex(lotl_2023).services_named(subject))
    first["periods"] = "not a list of periods"
    index = TrustedListIndex(damaged)
    assert len(index.services_named(subject)) == intact - 1  # that service only is lost
    assert index.services_named(france.services[1]["subjects"][0])


def test_the_cache_on_disk_reads_only_the_lists_a_chain_needs(tmp_path: Path) -> None:
    from paraphe.core.trust.eutl.cache import TrustedListCache

    build_snapshot().save(tmp_path)
    cache = TrustedListCache.load(tmp_path)
    assert cache is not None and all(not r.services for r in cache.lists)
    index = TrustedListIndex(cache)
    france = _record(cache, "FR")
    subject = next(
        s for s, lists in cache.subjects().items() if lists == [cache.lists.index(france)]
    )
    assert index.services_named(subject)
    assert france.services and not _record(cache, "BE").services  # Belgium's never read
    assert _record(cache, "BE").count > 50  # yet counted


def test_a_missing_services_file_costs_that_list_only(tmp_path: Path) -> None:
    from paraphe.core.trust.eutl.cache import TrustedListCache

    build_snapshot().save(tmp_path)
    cache = TrustedListCache.load(tmp_path)
    assert cache is not None
    france, belgium = _record(cache, "FR"), _record(cache, "BE")
    assert france.services_file is not None
    (tmp_path / france.services_file).unlink()
    index = TrustedListIndex(cache)
    french = next(
        s for s, lists in cache.subjects().items() if lists == [cache.lists.index(france)]
    )
    belgian = next(
        s for s, lists in cache.subjects().items() if lists == [cache.lists.index(belgium)]
    )
    assert index.services_named(french) == []
    assert index.services_named(belgian)


def test_saving_again_keeps_every_list_and_removes_files_no_longer_named(tmp_path: Path) -> None:
    from paraphe.core.trust.eutl.cache import TrustedListCache

    build_snapshot().save(tmp_path)
    cache = TrustedListCache.load(tmp_path)
    assert cache is not None
    (tmp_path / "services" / "XX-stale.json").write_text("[]", encoding="utf-8")
    cache.lists = [r for r in cache.lists if r.territory != "BE"]
    cache.save(tmp_path)
    again = TrustedListCache.load(tmp_path)
    assert again is not None
    assert [r.territory for r in again.lists] == ["EU", "FR"]
    assert len(again.entries(_record(again, "FR"))) == 172
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "services").iterdir()) == ["FR"]
