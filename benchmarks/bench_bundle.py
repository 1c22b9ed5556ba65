"""Sizes of the Linux packages and the start-up of the bundle beside the virtual environment.

Run from the repository root after ``installers/build-linux.sh`` (``DIST_DIR`` as given to it):

    .venv/bin/python benchmarks/bench_bundle.py [--dist dist] [--repeat 10] [--record]

Sizes: the bundle folder, the .deb and the tarball. Start-up, run in alternation (read the
ratios): ``paraphe --version`` and the first window (``paraphe-gui --quit-when-shown``,
offscreen), from the bundle and from the virtual environment; the first run of each is shown
apart (the file cache is cold for the bundle right after it was built only on a fresh machine:
"first" is the first run in this process, not a cold boot).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import REPO, describe_machine, git_state, show_and_record

PYTHON = str(REPO / ".venv" / "bin" / "python")


def size(path: Path) -> float:
    if path.is_dir():
        return (
            sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
            / 2**20
        )
    return path.stat().st_size / 2**20


def timed(argv: list[str]) -> float:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PARAPHE_DATA_DIR=str(REPO / "benchmarks" / "work" / "bundle-data"),
    )
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    code = git_state()
    bundle = args.dist / "paraphe"
    deb = next(args.dist.glob("paraphe_*.deb"))
    tarball = next(args.dist.glob("paraphe-*-linux-*.tar.gz"))
    cases = {
        "paraphe --version (bundle)": [str(bundle / "paraphe"), "--version"],
        "paraphe --version (venv)": [PYTHON, "-m", "paraphe", "--version"],
        "first window (bundle)": [str(bundle / "paraphe-gui"), "--quit-when-shown"],
        "first window (venv)": [PYTHON, "-m", "paraphe.gui.app", "--quit-when-shown"],
    }
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat + 1):
        for name, argv in cases.items():
            runs[name].append(timed(argv))

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f}"

    rows = [f"| {name} | {runs[name][0] * 1000:.0f} | {ms(runs[name][1:])} |" for name in cases]
    version_ratio = statistics.median(runs["paraphe --version (bundle)"][1:]) / statistics.median(
        runs["paraphe --version (venv)"][1:]
    )
    window_ratio = statistics.median(runs["first window (bundle)"][1:]) / statistics.median(
        runs["first window (venv)"][1:]
    )
    sections = [
        f"Sizes: bundle folder {size(bundle):.0f} MB, .deb {size(deb):.0f} MB ({deb.name}),"
        f" tarball {size(tarball):.0f} MB ({tarball.name}).",
        "",
        f"| start-up (ms) | first run | median of the next {args.repeat} |",
        "|---|---:|---:|",
        *rows,
        "",
        f"Bundle / venv: `--version` {version_ratio:.2f}x, first window {window_ratio:.2f}x.",
    ]
    show_and_record(
        "Linux bundle: sizes and start-up", describe_machine(code), sections, args.record
    )


if __name__ == "__main__":
    main()
