"""A fuzzing campaign against ``paraphe verify``, run by hand (see docs/fuzzing.md).

    .venv/bin/python tools/fuzz_campaign.py --seconds 3600 --seed 1 --jobs 2 \\
        [--formats xades,cades,p7m,pades] [--max-inputs N] [--findings DIR] [--records FILE]

A fresh test PKI and seed corpus are made in a temporary folder; each input is verified offline
(the test PKI's CRLs at hand) in a forked child with a time cap and an address-space limit. At
the end the figures are printed: inputs, inputs per second, outcomes by class, the slowest
inputs, peak memory, and each distinct problem with an example. Every failing input is written
to ``--findings`` (one folder each, with its record) for reproduction: verify that folder with
``paraphe verify --offline``, trusting the root kept in ``--findings/test-pki`` with its CRLs
in the revocation cache (docs/fuzzing.md shows how).

Exit code: 0 no problem found, 1 problems found, 2 the seeds themselves did not verify as
expected.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "app"), str(REPO)]

from tests.support.fuzzing.campaign import Bounds, Campaign, figures  # noqa: E402
from tests.support.fuzzing.corpus import FORMATS, build_corpus, write_folder  # noqa: E402
from tests.support.fuzzing.runner import Worker, worker_config  # noqa: E402
from tests.support.pki import TestPki, build_test_pki  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="campaign seed (default 0)")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help=f"comma-separated, among {','.join(FORMATS)}"
    )
    parser.add_argument("--jobs", type=int, choices=(1, 2), default=1, help="worker processes")
    parser.add_argument("--max-inputs", type=int, help="stop after this many inputs")
    parser.add_argument("--time-cap", type=float, default=10.0, help="seconds per input")
    parser.add_argument("--memory-cap-mb", type=int, default=1024, help="address space per input")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--records", type=Path, help="write every record as JSON lines here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    formats = set(args.formats.split(","))
    unknown = formats - set(FORMATS)
    if unknown:
        print(f"fuzz_campaign: unknown format(s) {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="paraphe-fuzz-") as temp:
        root = Path(temp)
        pki = build_test_pki(root / "pki")
        corpus = [s for s in build_corpus(pki, root / "seeds") if s.format in formats]
        seed_folders = [write_folder(s.files, root / "baseline" / s.name) for s in corpus]
        _keep_trust(pki, args.findings / "test-pki")
        config = worker_config(pki, args.time_cap, args.memory_cap_mb, tuple(seed_folders))
        workers = [Worker(config, root / f"worker-{n}") for n in range(args.jobs)]
        try:
            wrong = []
            for seed, folder in zip(corpus, seed_folders, strict=True):
                outcome = workers[0].verify(folder)
                got = [(s["indication"], s["sub"]) for s in outcome.get("signatures", [])]
                if tuple(got) != seed.expected:
                    wrong.append(f"{seed.name}: {got or outcome} (expected {seed.expected})")
            if wrong:
                print("fuzz_campaign: seeds not verified as expected:", *wrong, sep="\n  ")
                return 2
            print(f"{len(corpus)} seeds: {', '.join(s.name for s in corpus)}", flush=True)
            campaign = Campaign(
                corpus,
                workers,
                root / "inputs",
                seed=args.seed,
                bounds=Bounds(time_cap=args.time_cap),
                findings=args.findings.resolve(),
            )
            started = time.monotonic()
            progress = _progress(started)
            records = campaign.run(args.seconds, args.max_inputs, on_record=progress)
            elapsed = time.monotonic() - started
        finally:
            for worker in workers:
                worker.close()
    if args.records is not None:
        with args.records.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(asdict(record), default=str) + "\n")
    print()
    print(figures(records, elapsed))
    if any(r.problems for r in records):
        print(f"failing inputs written under {args.findings.resolve()}")
        return 1
    return 0


def _keep_trust(pki: TestPki, folder: Path) -> None:
    """The root and CRLs this run trusted, for reproducing its findings with the real command."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(pki.root_cert, folder / "root.pem")
    for ca in ("intermediate", "root"):
        shutil.copy(pki.crl_file(ca), folder / f"{ca}.crl")


def _progress(started: float):
    def show(record: object) -> None:
        number = getattr(record, "number", 0) + 1
        if number % 500 == 0:
            rate = number / (time.monotonic() - started)
            print(f"  {number} inputs, {rate:.1f}/s", flush=True)

    return show


if __name__ == "__main__":
    sys.exit(main())
