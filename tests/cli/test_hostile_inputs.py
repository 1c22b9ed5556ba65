"""Whatever the command line is given, it ends: FIFOs, devices, ZIP bombs, signals, stale folders.

Real child processes, real FIFOs and devices, real signals. Each child has a timeout (a
regression fails instead of hanging the suite) and a 2 GiB address-space limit (a regression
that reads /dev/zero whole fails with MemoryError instead of eating the machine).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from paraphe.core.signing.pades import check_signed_pdf
from paraphe.core.signing.request import SignatureFormat, SignRequest
from tests.conftest import SAMPLES
from tests.support.pki import PKCS12_PASSWORD, TestPki
from tests.support.signing import sign_with

TXT = "Mémoire technique.txt"
PDF = "Acte d'engagement.pdf"
MiB = 1 << 20
NOT_REGULAR = "not a regular file"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
    env["PARAPHE_DATA_DIR"] = str(tmp_path / "user-data")
    env["LC_ALL"] = "C.UTF-8"
    env.update(extra)
    return env


def start(tmp_path: Path, *args: object, **options: Any) -> subprocess.Popen[str]:
    env = options.pop("env", None) or child_env(tmp_path)
    return subprocess.Popen(
        [sys.executable, "-m", "paraphe", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_limit_memory,
        **options,
    )


def run(tmp_path: Path, *args: object, timeout: float = 60, **options: Any) -> tuple[int, str, str]:
    child = start(tmp_path, *args, **options)
    try:
        out, err = child.communicate(timeout=timeout)
    finally:
        child.kill()
        child.wait()
    assert "Traceback" not in err and "unexpected error" not in err, err
    return child.returncode, out, err


def peak_memory_kb(stderr: str) -> int:
    [line] = [line for line in stderr.splitlines() if "peak memory" in line]
    return int(line.split()[-2])


def json_signatures(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for d in report["documents"] for s in d["signatures"]]


def verify_json(tmp_path: Path, pki: TestPki, *paths: Path, **extra: str) -> tuple[int, Any, str]:
    code, out, err = run(
        tmp_path,
        "verify",
        *paths,
        "--trust",
        pki.root_cert,
        "--json",
        env=child_env(tmp_path, **extra),
    )
    return code, json.loads(out), err


@pytest.fixture
def signed_txt(pki: TestPki, tmp_path: Path) -> tuple[Path, Path]:
    """A document and its detached CAdES token, in a folder of their own."""
    folder = tmp_path / "signed"
    folder.mkdir()
    document = folder / TXT
    shutil.copy(SAMPLES / TXT, document)
    [result] = sign_with(
        pki, "rsa", SignRequest(documents=(document,), format=SignatureFormat.CADES)
    )
    return document, result.output


# --- FIFOs and devices given by name ----------------------------------------------------------


def test_fifos_given_by_name_are_refused_in_one_line_each_and_the_rest_is_verified(
    pki: TestPki, signed_txt: tuple[Path, Path], tmp_path: Path
) -> None:
    """A FIFO that nobody writes to blocked the old code forever, in every role."""
    document, token = signed_txt
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "Annexe.txt").write_text("annexe", encoding="utf-8")
    [annex] = sign_with(pki, "rsa", SignRequest(documents=(elsewhere / "Annexe.txt",)))
    fifos = tmp_path / "fifos"
    fifos.mkdir()
    roles = [fifos / name for name in ("token.xml", "token.p7s", "signed.pdf", "bid.zip")]
    fifo_document = fifos / "Annexe.txt"  # the document of a real token beside it
    for fifo in [*roles, fifo_document]:
        os.mkfifo(fifo)
    orphan = fifos / annex.output.name
    shutil.copy(annex.output, orphan)

    started = time.monotonic()
    code, report, _ = verify_json(tmp_path, pki, *roles, fifo_document, orphan, document, token)

    assert time.monotonic() - started < 30
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert errors == {str(fifo): NOT_REGULAR for fifo in [*roles, fifo_document]}
    [signature] = json_signatures(report)
    assert signature["indication"] == "TOTAL_PASSED"
    assert [o["signature_path"] for o in report["orphan_signatures"]] == [str(orphan)]
    assert code == 3  # a token without its document


def test_fifo_in_a_folder_is_skipped(
    pki: TestPki, signed_txt: tuple[Path, Path], tmp_path: Path
) -> None:
    document, _ = signed_txt
    os.mkfifo(document.parent / "pipe.p7s")

    code, report, _ = verify_json(tmp_path, pki, document.parent)

    assert report["errors"] == []
    assert [s["indication"] for s in json_signatures(report)] == ["TOTAL_PASSED"]
    assert code == 0


@pytest.mark.memory
def test_links_to_dev_zero_are_refused_at_once_with_bounded_memory(
    pki: TestPki, signed_txt: tuple[Path, Path], tmp_path: Path
) -> None:
    """The old code read them whole (6 GB, then MemoryError) or listed them as documents.
    Offline: only what this run reads counts, not what a responder sends."""
    document, token = signed_txt
    links = []
    for name in ("zero.pdf", "zero.zip", "zero.xml", "zero.p7s", "zero.p7m", "Annexe.txt"):
        link = tmp_path / name
        link.symlink_to("/dev/zero")
        links.append(link)

    started = time.monotonic()
    code, out, err = run(
        tmp_path,
        *("verify", *links, document, token, "--offline", "--json"),
        env=child_env(tmp_path, PARAPHE_REPORT_PEAK_MEMORY="1"),
    )

    assert time.monotonic() - started < 30
    report = json.loads(out)
    assert {e["path"]: e["message"] for e in report["errors"]} == {
        str(link): NOT_REGULAR for link in links
    }
    assert [s["signature_path"] for s in json_signatures(report)] == [str(token)]
    assert code == 3  # offline: the signature is INDETERMINATE (TRY_LATER)
    assert peak_memory_kb(err) < 200_000


# --- secrets: bounded, pipes welcome, devices refused ------------------------------------------


def sign_args(pki: TestPki, tmp_path: Path) -> list[object]:
    document = tmp_path / TXT
    if not document.exists():
        shutil.copy(SAMPLES / TXT, document)
    return ["sign", document, "--p12", pki.p12("rsa")]


@pytest.mark.memory
@pytest.mark.parametrize("source", ["password-file", "password-stdin"])
def test_password_from_dev_zero_is_refused_quickly_with_bounded_memory(
    source: str, pki: TestPki, tmp_path: Path
) -> None:
    """The old code read 2.7 GB (file) or 3 GB (stdin) before failing."""
    args = sign_args(pki, tmp_path)
    env = child_env(tmp_path, PARAPHE_REPORT_PEAK_MEMORY="1")
    started = time.monotonic()
    if source == "password-file":
        code, _, err = run(tmp_path, *args, "--password-file", "/dev/zero", env=env)
        expected = "/dev/zero: cannot read the password file (not a regular file nor a pipe)"
    else:
        with open("/dev/zero", "rb") as zeros:
            code, _, err = run(tmp_path, *args, "--password-stdin", stdin=zeros, env=env)
        expected = "--password-stdin: cannot read the password (its first line is too long)"

    assert time.monotonic() - started < 20
    assert code == 2, err
    assert f"paraphe: {expected}" in err.splitlines()
    assert peak_memory_kb(err) < 200_000
    assert list(tmp_path.glob("*Signature*")) == []


def test_pin_file_from_dev_zero_is_refused(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, "tokens", "--pin-file", "/dev/zero", timeout=30)
    assert code == 2
    assert "/dev/zero: cannot read the PIN file (not a regular file nor a pipe)" in err


def test_password_from_process_substitution_still_works(pki: TestPki, tmp_path: Path) -> None:
    """``--password-file <(pass show x)``: a pipe, with more lines after the password."""
    document = tmp_path / TXT
    shutil.copy(SAMPLES / TXT, document)
    script = (
        'exec "$PYTHON" -m paraphe sign "$DOC" --p12 "$P12"'
        " --password-file <(printf '%s\\nurl: https://example.test\\n' \"$SECRET\")"
    )
    env = child_env(
        tmp_path,
        PYTHON=sys.executable,
        DOC=str(document),
        P12=str(pki.p12("rsa")),
        SECRET=PKCS12_PASSWORD,
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"{TXT} - Signature 1.xml").exists()


def test_password_from_a_named_fifo_waits_for_its_writer(pki: TestPki, tmp_path: Path) -> None:
    fifo = tmp_path / "password.fifo"
    os.mkfifo(fifo)
    child = start(tmp_path, *sign_args(pki, tmp_path), "--password-file", fifo)
    try:
        time.sleep(0.3)  # the child opens the FIFO before anybody writes: it must wait
        with open(fifo, "w", encoding="utf-8") as writer:
            writer.write(PKCS12_PASSWORD + "\n")
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 0, err


# --- archives: refused up front, whatever each entry's ratio -----------------------------------


class DiskWatch:
    """The largest number of bytes found under a folder while a child runs (polled)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            total = 0
            for root, _, files in os.walk(self.folder):
                for name in files:
                    with contextlib.suppress(OSError):
                        total += os.lstat(os.path.join(root, name)).st_blocks * 512
            self.peak = max(self.peak, total)
            time.sleep(0.005)

    def __enter__(self) -> DiskWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def zip_of_zeros(path: Path, entries: int, *, extra: dict[str, bytes] | None = None) -> Path:
    """``entries`` entries of 1 MiB of zeros: each under the per-entry ratio rule (1 MiB)."""
    block = bytes(MiB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zipped:
        for name, data in (extra or {}).items():
            zipped.writestr(name, data)
        for number in range(entries):
            zipped.writestr(f"pieces/{number:04}.bin", block)
    return path


def test_zip_of_many_small_compressible_entries_is_refused_before_unpacking(
    pki: TestPki, tmp_path: Path
) -> None:
    """300 MiB from 1.4 MB; the old code wrote it all to the temporary folder."""
    archive = zip_of_zeros(tmp_path / "bomb.zip", 300)
    assert archive.stat().st_size < 3 * MiB
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    started = time.monotonic()
    with DiskWatch(scratch) as disk:
        code, report, _ = verify_json(tmp_path, pki, archive, TMPDIR=str(scratch))

    assert time.monotonic() - started < 20
    assert [(e["path"], e["message"]) for e in report["errors"]] == [
        (
            str(archive),
            "the archive would unpack to more than 256 MiB and more than 50 times its"
            " size (a ZIP bomb?); it was not unpacked",
        )
    ]
    assert disk.peak < MiB, disk.peak
    assert list(scratch.iterdir()) == []
    assert code == 4


def test_zip_with_too_many_entries_is_refused_before_unpacking(
    pki: TestPki, tmp_path: Path
) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for number in range(10_001):
            zipped.writestr(f"e{number}.txt", b"")
    scratch = tmp_path / "tmp"
    scratch.mkdir()

    code, report, _ = verify_json(tmp_path, pki, archive, TMPDIR=str(scratch))

    assert [e["message"] for e in report["errors"]] == [
        "the archive has more than 10,000 entries; it was not unpacked"
    ]
    assert list(scratch.iterdir()) == []
    assert code == 4


# --- signals during a verification; folders of killed runs -------------------------------------


def scratch_folders(folder: Path) -> list[Path]:
    return sorted(folder.glob("paraphe-verify-*"))


@pytest.mark.parametrize(
    ("stop", "exit_code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_while_an_archive_is_unpacked_leaves_no_temporary_folder(
    stop: signal.Signals, exit_code: int, pki: TestPki, tmp_path: Path
) -> None:
    """The old code left up to 1.6 GB in /tmp on SIGTERM or SIGHUP (and under ``timeout``)."""
    archive = zip_of_zeros(tmp_path / "bid.zip", 250)  # 250 MiB: under every limit
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    child = start(
        tmp_path, "verify", archive, "--offline", env=child_env(tmp_path, TMPDIR=str(scratch))
    )
    try:
        deadline = time.monotonic() + 30
        while not any(
            p.name.startswith("0-") for f in scratch_folders(scratch) for p in f.iterdir()
        ):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the archive was never unpacked"
            time.sleep(0.002)
        child.send_signal(stop)  # while the archive is being unpacked
        _, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait()

    assert child.returncode == exit_code, err
    assert err.splitlines()[-1] == "paraphe: interrupted; no partial output was kept."
    assert "Traceback" not in err
    assert list(scratch.iterdir()) == []


HOLDER = """
import sys
from paraphe.core.files.scratch import scratch_folder
with scratch_folder("paraphe-verify-") as folder:
    (folder / "0-0").mkdir()
    (folder / "0-0" / "unpacked.bin").write_bytes(b"x" * 4096)
    print(folder, flush=True)
    sys.stdin.readline()
"""


def hold_a_scratch_folder(scratch: Path) -> tuple[subprocess.Popen[str], Path]:
    """A real run in another process, holding its folder (and its lock) until told to stop."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert child.stdout is not None
    return child, Path(child.stdout.readline().strip())


def test_the_folder_of_a_killed_run_is_removed_by_the_next_one_and_a_live_one_is_kept(
    pki: TestPki, signed_txt: tuple[Path, Path], tmp_path: Path
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    live, live_folder = hold_a_scratch_folder(scratch)
    killed, killed_folder = hold_a_scratch_folder(scratch)
    killed.kill()  # kill -9: no clean-up can run
    killed.wait()
    try:
        assert killed_folder.is_dir() and live_folder.is_dir()

        code, _, _ = verify_json(tmp_path, pki, *signed_txt, TMPDIR=str(scratch))

        assert code == 0
        assert scratch_folders(scratch) == [live_folder]
        assert (live_folder / "0-0" / "unpacked.bin").exists()
    finally:
        live.communicate("done\n", timeout=30)
    assert scratch_folders(scratch) == []


# --- XAdES tokens in other encodings -----------------------------------------------------------


def reencoded(token: bytes, encoding: str) -> bytes:
    """The same XML infoset in another encoding (the declaration says which)."""
    text = token.decode("utf-8")
    assert text.startswith("<?xml")
    end = text.index("?>") + 2
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    return (declaration + text[end:]).encode(encoding)


def late_namespace(token: bytes) -> bytes:
    """The ds namespace declared 8 KB into the file, after a comment before the root."""
    text = token.decode("utf-8")
    end = text.index("?>") + 2
    padding = "<!-- " + "exported by a buyer platform " * 300 + "-->\n"
    return (text[:end] + "\n" + padding + text[end:].lstrip()).encode("utf-8")


@pytest.mark.parametrize(
    "variant",
    ["UTF-16", "UTF-16BE", "UTF-32", "late-namespace"],
)
def test_xades_tokens_in_other_encodings_are_found_and_pass(
    variant: str, pki: TestPki, tmp_path: Path
) -> None:
    """The old code judged the first 4 KB as UTF-8 bytes: such tokens were listed as documents
    without a signature. Re-encoding keeps the XML infoset: the signature still holds."""
    folder = tmp_path / "bid"
    folder.mkdir()
    document = folder / TXT
    shutil.copy(SAMPLES / TXT, document)
    [result] = sign_with(pki, "rsa", SignRequest(documents=(document,)))
    original = result.output.read_bytes()
    if variant == "late-namespace":
        changed = late_namespace(original)
        assert b"xmldsig" not in changed[:4096]
    else:
        changed = reencoded(original, variant)
    result.output.write_bytes(changed)

    code, report, _ = verify_json(tmp_path, pki, folder)

    assert report["unsigned_documents"] == []
    [signature] = json_signatures(report)
    assert signature["format"] == "XAdES"
    assert signature["indication"] == "TOTAL_PASSED", signature
    assert code == 0


def test_an_entity_bomb_named_like_a_token_is_a_failed_signature(
    pki: TestPki, tmp_path: Path
) -> None:
    from tests.support.hostile_xml import billion_laughs

    folder = tmp_path / "bid"
    folder.mkdir()
    shutil.copy(SAMPLES / TXT, folder / TXT)
    (folder / f"{TXT} - Signature 1.xml").write_bytes(billion_laughs())

    code, report, _ = verify_json(tmp_path, pki, folder)

    [signature] = json_signatures(report)
    assert (signature["indication"], signature["subindication"]) == (
        "TOTAL_FAILED",
        "FORMAT_FAILURE",
    )
    assert code == 1


# --- Ctrl+C while signing a PDF ----------------------------------------------------------------


@pytest.fixture
def large_pdf(tmp_path: Path) -> Path:
    """A 30 MB PDF: pyHanko copies it in the signing and reads it back in the self-check."""
    from pyhanko.pdf_utils import generic

    from tests.support.hostile_pdf import append_revision

    def add_payload(writer: Any) -> None:
        writer.add_object(generic.StreamObject(stream_data=os.urandom(30 * MiB)))

    folder = tmp_path / "pdf"
    folder.mkdir()
    return append_revision(SAMPLES / PDF, folder / "Offre.pdf", add_payload)


def sign_pdf_and_stop(
    tmp_path: Path, pki: TestPki, pdf: Path, password: Path, stop: signal.Signals, when: str | float
) -> tuple[int | None, str]:
    """``when``: seconds after the start, or "announced": as soon as "signed: ..." is read,
    the output published, the command about to finish."""
    child = start(
        tmp_path,
        *("sign", pdf, "--format", "pades", "--p12", pki.p12("rsa")),
        *("--password-file", password),
    )
    try:
        if when == "announced":
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line.startswith("signed: "), (line, child.communicate())
        else:
            time.sleep(float(when))
        child.send_signal(stop)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait()
    return child.returncode, err


def outputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name != "Offre.pdf")


@pytest.mark.slow
def test_a_signal_at_any_moment_of_a_pades_signing_exits_130_and_leaves_nothing_partial(
    pki: TestPki, large_pdf: Path, password_file: Path, tmp_path: Path
) -> None:
    """Ctrl+C as the signing ended gave exit -2: the process killed by SIGINT while the
    interpreter shut down, Python having put back the default action; during start-up, a
    traceback and -2. Each run ends with its exit code, or 130 (143 for SIGTERM) and the one
    line; an output that exists was announced, is whole and verifies; nothing else is left."""
    folder = large_pdf.parent

    def check(code: int | None, err: str, stop: signal.Signals) -> None:
        assert code in (0, 128 + stop), (code, err)
        assert "Traceback" not in err, err
        if code != 0:
            assert err.splitlines()[-1] == "paraphe: interrupted; no partial output was kept."
        left = outputs(folder)
        if code == 0 or left:  # signed before the signal came: announced, whole, kept
            [output] = left
            with open(output, "rb") as signed:
                check_signed_pdf(output, signed)
            output.unlink()
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]

    started = time.monotonic()
    code, err = sign_pdf_and_stop(
        tmp_path, pki, large_pdf, password_file, signal.SIGINT, "announced"
    )
    whole_run = time.monotonic() - started
    check(code, err, signal.SIGINT)

    moments = [0.12, 0.3 * whole_run, 0.6 * whole_run, 0.85 * whole_run]
    stops = [signal.SIGINT, signal.SIGINT, signal.SIGTERM, signal.SIGINT]
    for moment, stop in zip(moments, stops, strict=True):
        code, err = sign_pdf_and_stop(tmp_path, pki, large_pdf, password_file, stop, moment)
        check(code, err, stop)
