"""Two versions of Paraphe side by side: did a change make the everyday commands slower?

Run from the repository root:

    .venv/bin/python benchmarks/bench_versions.py --baseline <git ref> [--repeat 5] [--record]

The baseline is checked out into a temporary git worktree; both versions then run with the same
virtualenv (``python -m paraphe`` with ``PYTHONPATH`` pointing at each ``app/``), one fresh
process per command, the two versions in alternation, so machine load hits both alike. Timed:
``paraphe --version`` (start-up), one ``verify`` of a folder holding a document and its XAdES token
(offline, a trust anchor given), one ``sign`` call over 200 small files in XAdES (the batch), and the desktop
application's first shown window (offscreen, ``--quit-when-shown``). Read the ratio column:
``new / baseline`` (below 1.00 is faster). Each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import (  # the shared fixtures and report helpers
    REPO,
    Signer,
    describe_machine,
    git_state,
    make_signer,
    make_small_files,
    show_and_record,
)

DEFAULT_WORK = REPO / "benchmarks" / "work" / "versions"
# The test signer's certificate names no OCSP responder nor CRL: offline, its signature is
# INDETERMINATE (TRY_LATER), exit 3, and that is what is timed (the whole validation runs).
VERIFY_INDETERMINATE = 3
GUI_START = (
    "import sys; from paraphe.gui.app import main; sys.argv[1:] = ['--quit-when-shown']; main()"
)


def sign_argv(signer: Signer, files: list[Path], out: Path) -> list[str]:
    return [
        "-m", "paraphe", "sign", *map(str, files), "--p12", str(signer.p12),
        "--password-file", str(signer.password_file), "--format", "xades",
        "--out", str(out), "-q",
    ]  # fmt: skip


def commands(
    signer: Signer, files: list[Path], token: Path, ca_pem: Path, out: Path
) -> dict[str, list[str]]:
    """The commands timed, as argv after ``python``; ``out`` is emptied before each run."""
    return {
        "`paraphe --version`": ["-m", "paraphe", "--version"],
        "`paraphe verify` a document and its XAdES token": [
            "-m", "paraphe", "verify", str(token.parent), "--offline", "--trust", str(ca_pem), "--json",
        ],
        "`paraphe sign` 200 files, XAdES": sign_argv(signer, files, out),
        "desktop application, first window shown": ["-c", GUI_START],
    }  # fmt: skip


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    """User + system CPU seconds of the process and its children: steadier than the wall time
    on a shared machine, and what a restructuring would change."""


def timed(argv: list[str], env: dict[str, str], out: Path) -> Sample:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, VERIFY_INDETERMINATE):
        raise SystemExit(
            f"failed ({code}): {' '.join(argv[:4])}…\n{errors.decode(errors='replace')}"
        )
    return Sample(elapsed, usage.ru_utime + usage.ru_stime)


def environment(app: Path, data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(app),
        "QT_QPA_PLATFORM": "offscreen",
        "PARAPHE_DATA_DIR": str(data),
        "LC_ALL": "C.UTF-8",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="git ref of the version to compare with")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command and version (5)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder")
    parser.add_argument("--record", action="store_true", help="append the table to RESULTS.md")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be positive")
    baseline_commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", args.baseline],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    code_at_start = git_state()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    signer = make_signer(work / "pki")
    files = make_small_files(work / "small", 200)
    out = work / "out"

    with tempfile.TemporaryDirectory(prefix="paraphe-baseline-") as checkout:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", checkout, args.baseline],
            check=True, capture_output=True,
        )  # fmt: skip
        try:
            apps = {"baseline": Path(checkout) / "app", "new": REPO / "app"}
            envs = {name: environment(app, work / f"data-{name}") for name, app in apps.items()}
            signed = work / "signed"  # one token, verified by both versions
            timed(sign_argv(signer, files[:1], signed), envs["new"], signed)
            shutil.copy(files[0], signed / files[0].name)  # the document beside its token
            token = signed / (files[0].name + " - Signature 1.xml")
            argvs = commands(signer, files, token, work / "pki" / "ca.cert.pem", out)
            samples: dict[tuple[str, str], list[Sample]] = {}
            for name in envs:  # warm the page cache and both versions' .pyc files
                for argv in argvs.values():
                    timed(argv, envs[name], out)
            for turn in range(args.repeat):
                # Which version goes first alternates: a run pays for the disk work (the deleted
                # outputs, the journal) that the run before it left.
                order = list(envs.items()) if turn % 2 == 0 else list(reversed(envs.items()))
                for label, argv in argvs.items():
                    for name, env in order:
                        samples.setdefault((label, name), []).append(timed(argv, env, out))
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", checkout],
                capture_output=True,
            )
    lines = [
        f"Baseline: commit {baseline_commit}; new: the working tree ({code_at_start}).",
        "",
        "| command | baseline wall s, median (min-max) | new wall s | new / baseline, wall"
        " | baseline CPU s, median | new CPU s | new / baseline, CPU |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label in argvs:
        old, new = samples[(label, "baseline")], samples[(label, "new")]
        row = [label]
        for measure in ("wall", "cpu"):
            before = [getattr(x, measure) for x in old]
            after = [getattr(x, measure) for x in new]
            ratio = statistics.median(after) / statistics.median(before)
            if measure == "wall":
                row += [
                    f"{statistics.median(before):.3f} ({min(before):.3f}-{max(before):.3f})",
                    f"{statistics.median(after):.3f} ({min(after):.3f}-{max(after):.3f})",
                ]
            else:
                row += [f"{statistics.median(before):.3f}", f"{statistics.median(after):.3f}"]
            row.append(f"{ratio:.2f}x")
        lines.append("| " + " | ".join(row) + " |")
    show_and_record("bench_versions.py", describe_machine(code_at_start), [*lines, ""], args.record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
