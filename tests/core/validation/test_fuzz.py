"""Fuzzing ``paraphe verify`` with a fixed seed and a time cap (issue 9; docs/fuzzing.md).

Valid XAdES, CAdES (.p7s, DER and BER .p7m) and PAdES signatures, Paraphe's and other tools'
(openssl, pyHanko's CLI, xmlsec1), are made at test time, then mutated (bytes, ASN.1, XML and
PDF structure, incremental updates). Each mutant is verified offline in a forked child with a
10 s cap and an address-space limit. Every input must end in a clean verdict or a clean one-line
error: no exception out of the engine, no "unexpected error", no message of several lines, no
hang, no memory blow-up, and never TOTAL_PASSED once the oracle saw its signed content change.

A longer campaign is run by hand with tools/fuzz_campaign.py.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from paraphe.core.validation_data.cache import store_crl
from tests.conftest import RunParaphe
from tests.support.fuzzing import oracle as oracle_module
from tests.support.fuzzing.campaign import Bounds, Campaign, distinct_problems, figures
from tests.support.fuzzing.corpus import FORMATS, Seed, build_corpus, write_folder
from tests.support.fuzzing.mutators import make_mutant
from tests.support.fuzzing.oracle import Oracle
from tests.support.fuzzing.runner import Worker, worker_config
from tests.support.pki import TestPki

SEED = 9
FUZZ_SECONDS = 55.0
TIME_CAP = 10.0  # seconds per input: a verification of a few KB takes 20-300 ms
MEMORY_GROWTH_MB = 256  # per input, above the child's RSS at the fork (campaigns: at most 86 MB)
VERIFY_EXIT_CODES = {0, 1, 3, 4}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> list[Seed]:
    return build_corpus(pki, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def seed_folders(corpus: list[Seed], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("seed-folders")
    return [write_folder(seed.files, root / seed.name) for seed in corpus]


@pytest.fixture(scope="module")
def worker(
    pki: TestPki, seed_folders: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Worker]:
    config = worker_config(pki, TIME_CAP, warm_up=tuple(seed_folders))
    started = Worker(config, tmp_path_factory.mktemp("worker"))
    yield started
    started.close()


def test_every_seed_verifies_as_expected(
    corpus: list[Seed], seed_folders: list[Path], worker: Worker
) -> None:
    """Without this the oracle would be vacuous: a mutant of a seed that never passed cannot
    falsely pass."""
    assert {seed.format for seed in corpus} == set(FORMATS)
    for seed, folder in zip(corpus, seed_folders, strict=True):
        outcome = worker.verify(folder)
        assert outcome["kind"] == "report", (seed.name, outcome)
        got = tuple((s["indication"], s["sub"]) for s in outcome["signatures"])
        assert got == seed.expected, (seed.name, outcome)


def test_fuzzing_finds_no_crash_hang_blowup_or_false_pass(
    corpus: list[Seed], worker: Worker, tmp_path: Path
) -> None:
    campaign = Campaign(
        corpus,
        [worker],
        tmp_path / "inputs",
        seed=SEED,
        bounds=Bounds(time_cap=TIME_CAP, memory_mb=MEMORY_GROWTH_MB),
        findings=tmp_path / "findings",
    )

    records = campaign.run(seconds=FUZZ_SECONDS)

    summary = figures(records, FUZZ_SECONDS)
    by_format = Counter(r.format for r in records)
    assert all(by_format[f] >= 20 for f in FORMATS), summary  # the run was not starved
    assert sum(bool(r.claim) for r in records) >= len(records) // 4, summary  # oracle not idle
    assert any("TOTAL_PASSED" in r.outcome for r in records), summary  # nor too strict
    if distinct_problems(records):
        pytest.fail(f"{summary}\nfailing inputs: {tmp_path / 'findings'}", pytrace=False)


def test_cli_on_a_sample_of_mutants_exits_cleanly_without_false_pass(
    pki: TestPki, corpus: list[Seed], run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """The real command over three mutants of every seed at once: documented exit code, stderr
    one line per problem at most, no traceback, JSON on stdout, no forbidden pass."""
    sample = tmp_path / "sample"
    oracle = Oracle(corpus)
    forbidden = {}
    for seed in corpus:
        for index in range(3):
            mutant = make_mutant(seed, corpus, SEED, index)
            folder = write_folder(mutant.files, sample / f"{seed.name}-{index}")
            forbidden[folder] = oracle.claim(seed, mutant.files, mutant.forbidden_update)
    for ca in ("intermediate", "root"):  # the same revocation data as the in-process runs
        store_crl(pki.crl_file(ca).read_bytes(), tmp_path / "user-data" / "revocation-cache")

    done = run_paraphe("verify", sample, "--trust", pki.root_cert, "--json", "--offline")

    assert "Traceback" not in done.stderr, done.stderr
    assert "unexpected error" not in done.stderr, done.stderr
    assert done.returncode in VERIFY_EXIT_CODES, done.stderr
    report = json.loads(done.stdout)
    lines = done.stderr.splitlines()
    assert len(lines) <= len(report["errors"]), done.stderr
    assert all(line.startswith("paraphe:") for line in lines), done.stderr
    for document in report["documents"]:
        for signature in document["signatures"]:
            folder = Path(signature["signature_path"]).parent
            claim = forbidden[folder]
            if signature["indication"] == "TOTAL_PASSED":
                assert not claim.forbids_pass(signature["signature_id"]), (folder, claim)


# --- the oracle itself: it must see a signed change, and only a signed change -------------------


def _seed(corpus: list[Seed], name: str) -> Seed:
    return next(seed for seed in corpus if seed.name == name)


def _with(seed: Seed, data: bytes) -> dict[str, bytes]:
    return {**seed.files, seed.target: data}


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_oracle_on_xades_changes(corpus: list[Seed]) -> None:
    seed = _seed(corpus, "xades-paraphe-rsa")
    oracle = Oracle(corpus)
    token = seed.files[seed.target]
    value = token.index(b"<ds:SignatureValue>") + len(b"<ds:SignatureValue>") + 5
    signed_info = token.index(b"<ds:SignedInfo>")
    reference = token.index(b'<ds:Reference URI="')

    assert oracle.claim(seed, _with(seed, _flip(token, value))).reasons
    assert oracle.claim(seed, seed.files).reasons == ()
    # c14n: whitespace between attributes is no change, whitespace between elements is one
    spaced = token[: reference + 13] + b"\n   " + token[reference + 13 :]
    assert oracle.claim(seed, _with(seed, spaced)).reasons == ()
    gap = signed_info + len(b"<ds:SignedInfo>")
    assert oracle.claim(seed, _with(seed, token[:gap] + b"\n" + token[gap:])).reasons
    document = {**seed.files, seed.document: b"changed"}  # type: ignore[dict-item]
    assert oracle.claim(seed, document).reasons == ("the signed document changed",)


def test_oracle_on_cms_changes(corpus: list[Seed]) -> None:
    seed = _seed(corpus, "cades-paraphe-rsa")
    oracle = Oracle(corpus)
    token = seed.files[seed.target]
    digest = token.index(bytes.fromhex("2a864886f70d010904")) + 15  # inside messageDigest

    assert oracle.claim(seed, _with(seed, _flip(token, digest))).reasons
    assert oracle.claim(seed, _with(seed, token[:100])).reasons == (
        "the signature no longer parses",
    )
    unsigned = token + b"\x00\x00"  # after the DER value: nothing a verifier reads
    assert oracle.claim(seed, _with(seed, unsigned)).reasons == ()


def test_oracle_on_pdf_changes(corpus: list[Seed]) -> None:
    seed = _seed(corpus, "pades-twice")
    oracle = Oracle(corpus)
    pdf = seed.files[seed.target]
    first, second = oracle_module.pdf_signatures(pdf)
    end_of_first = first.byte_range[2] + first.byte_range[3]

    assert oracle.claim(seed, _with(seed, pdf + b"\n%%EOF\n")).reasons == ()
    claim = oracle.claim(seed, _with(seed, _flip(pdf, end_of_first + 10)))
    assert claim.fields == {second.field}
    assert claim.forbids_pass(second.field) and not claim.forbids_pass(first.field)
    claim = oracle.claim(seed, _with(seed, _flip(pdf, 20)))
    assert claim.fields == {first.field, second.field}
    assert claim.forbids_pass("a field the seed did not have")
    padding = first.byte_range[2] - 10  # a zero of the first /Contents padding, now a NUL
    claim = oracle.claim(seed, _with(seed, pdf[:padding] + b"\x00" + pdf[padding + 1 :]))
    assert claim.fields == {second.field}  # NUL is PDF white-space: the first CMS is intact
    hole = first.byte_range[1] + 1  # the first hex digit of the first /Contents
    assert oracle.claim(seed, _with(seed, pdf[:hole] + b"4" + pdf[hole + 1 :])).fields == {
        first.field,
        second.field,  # the second signature covers the first one's /Contents
    }


def test_oracle_on_enveloped_xml_changes(corpus: list[Seed]) -> None:
    """An enveloped signature signs the document around it: a change there is a change of
    signed content, whitespace inside SignedInfo's attributes is not."""
    seed = _seed(corpus, "xades-enveloped")
    oracle = Oracle(corpus)
    xml = seed.files[seed.target]
    body = xml.index(b"1250000.00")  # the price, in the tender document around the signature

    assert oracle.claim(seed, seed.files).reasons == ()
    assert oracle.claim(seed, _with(seed, _flip(xml, body))).reasons


def test_oracle_on_container_changes(corpus: list[Seed]) -> None:
    """A container's signed content is its entries but the mimetype: a changed data object is a
    change; a file added beside them, or the mimetype rewritten, is not (the signatures stay
    valid for what they sign, the report names the added file)."""
    import io
    import zipfile

    seed = _seed(corpus, "asic-e-cades")
    oracle = Oracle(corpus)

    def rewritten(changes: dict[str, bytes], extra: tuple[tuple[str, bytes], ...] = ()) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(seed.files[seed.target]))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                target.writestr(info, changes.get(info.filename, source.read(info.filename)))
            for name, content in extra:
                target.writestr(name, content)
        return out.getvalue()

    assert oracle.claim(seed, _with(seed, rewritten({}))).reasons == ()
    assert oracle.claim(seed, _with(seed, rewritten({"Mémoire technique.txt": b"x"}))).reasons
    added = rewritten({}, (("Avenant.txt", b"added later"),))
    assert oracle.claim(seed, _with(seed, added)).reasons == ()
    mimetype = rewritten({"mimetype": b"application/zip"})
    assert oracle.claim(seed, _with(seed, mimetype)).reasons == ()
