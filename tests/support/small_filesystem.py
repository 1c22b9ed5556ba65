"""Run a command whose output folder is a tiny filesystem of its own: a real "disk full".

The folder becomes a tmpfs of a given size, mounted in a private mount namespace
(``unshare --user --map-root-user --mount``): no privileges are needed where unprivileged user
namespaces are allowed (and root may always), nothing outside the child sees the mount, and it
vanishes with the child. Before it does, whatever the command left in the folder is copied out,
so a test can check that nothing partial was left and that what was published is whole.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PAGE = 4096
"""tmpfs counts its size in pages."""

_CHILD = r"""
folder="$1"; size="$2"; fill="$3"; copy="$4"; shift 4
mount -t tmpfs -o "size=$size" paraphe-test "$folder" || exit 97
if [ "$fill" = 1 ]; then
    head -c 1073741824 /dev/zero > "$folder/.filler" 2>/dev/null  # stops at "no space left"
fi
"$@"
status=$?
rm -f "$folder/.filler"
cp -a "$folder/." "$copy" || exit 98
exit $status
"""

_UNSHARE = ("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", _CHILD)


@dataclass(frozen=True)
class SmallFilesystemRun:
    returncode: int
    stdout: str
    stderr: str
    left: dict[str, bytes]
    """Every file the command left in the folder (hidden ones too), by name, with its content."""


@functools.cache
def unavailable() -> str | None:
    """Why a tmpfs cannot be mounted in a private namespace here, or None if it can."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "unshare or mount is not installed"
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as copy:
        probe = subprocess.run(
            [*_UNSHARE, "probe", folder, "16k", "0", copy, "true"],
            capture_output=True,
            text=True,
            check=False,
        )
    if probe.returncode != 0:
        return f"cannot mount a tmpfs in a user namespace: {probe.stderr.strip()}"
    return None


def run_on_small_filesystem(
    folder: Path,
    size: int,
    command: list[str],
    *,
    fill: bool = False,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> SmallFilesystemRun:
    """Run ``command`` with ``folder`` (an existing empty folder) mounted as a tmpfs of ``size``
    bytes, first filled to the last byte if ``fill``."""
    with tempfile.TemporaryDirectory() as copy:
        done = subprocess.run(
            [*_UNSHARE, "child", str(folder), str(size), "1" if fill else "0", copy, *command],
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd,
            timeout=300,
            check=False,
        )
        assert done.returncode not in (97, 98), done.stderr
        left = {
            str(path.relative_to(copy)): path.read_bytes()
            for path in sorted(Path(copy).rglob("*"))
            if path.is_file()
        }
    assert not any(Path(folder).iterdir()), "the mount was private: nothing reaches the real folder"
    return SmallFilesystemRun(done.returncode, done.stdout, done.stderr, left)


def pages_for(byte_count: int) -> int:
    """The tmpfs size that holds exactly ``byte_count`` bytes of one file."""
    return -(-byte_count // PAGE) * PAGE


def child_environment(data_dir: Path) -> dict[str, str]:
    """The environment of a ``python -m paraphe`` child, as the run_paraphe fixture makes it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
    env["PARAPHE_DATA_DIR"] = str(data_dir)
    env["LC_ALL"] = "C.UTF-8"
    return env
