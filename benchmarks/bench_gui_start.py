"""Time to the first shown window of ``paraphe-gui``, against importing PySide6.QtWidgets alone.

Run: .venv/bin/python benchmarks/bench_gui_start.py [--repeat 7] [--record]
Both commands run offscreen, alternately, in fresh processes; the figure is the median wall
time and its ratio (the goal: under 1 s absolute on the reference machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PARAPHE_DATA_DIR": data}
        commands = {
            "import PySide6.QtWidgets": [sys.executable, "-c", "import PySide6.QtWidgets"],
            "paraphe-gui, window shown": [str(VENV_BIN / "paraphe-gui"), "--quit-when-shown"],
        }
        for command in commands.values():  # warm the page cache and .pyc files
            timed(command, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                samples[name].append(timed(command, env))
    base = statistics.median(samples["import PySide6.QtWidgets"])
    lines = [
        "| command | median s (min-max) | ratio to import |",
        "|---|---:|---:|",
    ]
    for name, values in samples.items():
        median = statistics.median(values)
        lines.append(
            f"| {name} | {median:.3f} ({min(values):.3f}-{max(values):.3f}) | {median / base:.2f}x |"
        )
    table = "\n".join(lines)
    print(table)
    if args.record:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as out:
            out.write(
                f"\n## {dt.date.today().isoformat()}: bench_gui_start.py\n\n"
                f"- date: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n"
                f"- code: commit {commit}\n"
                f"- command: `python benchmarks/bench_gui_start.py --repeat {args.repeat} --record`"
                " (offscreen, warm caches, fresh process each run)\n"
                "- goal: first window under 1 s\n\n"
                f"{table}\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
