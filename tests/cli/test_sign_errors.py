"""Every bad input: one clear line naming the file, a documented exit code, nothing written."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from paraphe.core.credentials import Pkcs12Credential
from paraphe.core.errors import DocumentChanged
from paraphe.core.progress import Progress
from paraphe.core.signing.engine import BatchSigner, plan_documents
from paraphe.core.signing.request import SignRequest
from tests.conftest import RunParaphe, snapshot
from tests.support.pki import PKCS12_PASSWORD, TestPki

PDF = "Acte d'engagement.pdf"
ODS = "BPU.ods"
TXT = "Mémoire technique.txt"

OK = 0
USAGE = 2
CREDENTIAL = 3
UNREADABLE_INPUT = 4
OUTPUT_NOT_WRITABLE = 5
INTERRUPTED = 130

WRONG_PASSWORD = "Not-The-Right-Pässword-987"


def error_line(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """The single non-warning line on stderr; it must contain every word (case-insensitive)."""
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    lines = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and not line.startswith("paraphe: warning:")
    ]
    assert len(lines) == 1, done.stderr
    line = lines[0]
    for word in words:
        assert word.lower() in line.lower(), f"{word!r} not in {line!r}"
    return line


def warnings_of(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.startswith("paraphe: warning:")]


def sign_args(
    files: list[Path] | Path, p12: Path, password_file: Path | None, *extra: object
) -> list[object]:
    documents = files if isinstance(files, list) else [files]
    password = ["--password-file", password_file] if password_file is not None else []
    return ["sign", *documents, "--p12", p12, *password, *extra]


# --- 1. wrong password --------------------------------------------------------------------------


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
@pytest.mark.parametrize("source", ["password-file", "password-stdin", "env"])
def test_wrong_password_exits_3_without_echoing_it(
    source: str,
    debug: bool,
    pki: TestPki,
    bid_folder: Path,
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    before = snapshot(bid_folder)
    p12 = pki.p12("rsa")
    prefix = ["--debug"] if debug else []
    args: list[object] = [*prefix, "sign", bid_folder / TXT, "--p12", p12]
    if source == "password-file":
        wrong_file = tmp_path / "wrong.txt"
        wrong_file.write_text(WRONG_PASSWORD + "\n", encoding="utf-8")
        done = run_paraphe(*args, "--password-file", wrong_file, stdin="")
    elif source == "password-stdin":
        done = run_paraphe(*args, "--password-stdin", stdin=WRONG_PASSWORD + "\n")
    else:
        done = run_paraphe(*args, env={"PARAPHE_PASSWORD": WRONG_PASSWORD}, stdin="")
    assert done.returncode == CREDENTIAL, done.stderr
    error_line(done, str(p12), "wrong password")
    assert WRONG_PASSWORD not in done.stdout + done.stderr
    assert snapshot(bid_folder) == before


# --- 2. corrupt keystores -----------------------------------------------------------------------


def _make_keystore(kind: str, pki: TestPki, folder: Path) -> Path:
    if kind == "missing":
        return folder / "absent.p12"
    if kind == "folder":
        path = folder / "a-folder.p12"
        path.mkdir()
        return path
    path = folder / f"{kind}.p12"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(bytes(range(256)) * 8 + b"definitely not a PKCS#12 file")
    elif kind == "truncated":
        real = pki.p12("rsa").read_bytes()
        path.write_bytes(real[: len(real) // 2])
    elif kind == "pem-certificate":
        path.write_bytes(pki.cert("rsa").read_bytes())
    else:
        raise AssertionError(kind)
    return path


@pytest.mark.parametrize(
    "kind", ["empty", "garbage", "truncated", "pem-certificate", "missing", "folder"]
)
def test_corrupt_keystore_exits_3_naming_it(
    kind: str,
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    keystores = tmp_path / "keystores"
    keystores.mkdir()
    p12 = _make_keystore(kind, pki, keystores)
    before = snapshot(bid_folder)
    before_keystores = snapshot(keystores)
    done = run_paraphe(*sign_args(bid_folder / TXT, p12, password_file))
    assert done.returncode == CREDENTIAL, done.stderr
    line = error_line(done, str(p12))
    assert "wrong password" not in line.lower()
    assert snapshot(bid_folder) == before
    assert snapshot(keystores) == before_keystores


def test_keystore_without_private_key_exits_3(
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    cert = x509.load_pem_x509_certificate(pki.cert("rsa").read_bytes())
    encryption = serialization.BestAvailableEncryption(PKCS12_PASSWORD.encode("utf-8"))
    p12 = tmp_path / "certificates-only.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"only", None, None, [cert], encryption))
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args(bid_folder / TXT, p12, password_file))
    assert done.returncode == CREDENTIAL, done.stderr
    error_line(done, str(p12), "no private key")
    assert snapshot(bid_folder) == before


# --- 4. certificates outside their validity -----------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "state"), [("expired", "expired"), ("not-yet-valid", "not yet valid")]
)
def test_certificate_outside_validity_exits_3_with_dates(
    persona: str,
    state: str,
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    cert = x509.load_pem_x509_certificate(pki.cert(persona).read_bytes())
    not_before = cert.not_valid_before_utc.date().isoformat()
    not_after = cert.not_valid_after_utc.date().isoformat()
    before = snapshot(bid_folder)
    done = run_paraphe(
        *sign_args([bid_folder / TXT, bid_folder / ODS], pki.p12(persona), password_file)
    )
    assert done.returncode == CREDENTIAL, done.stderr
    error_line(done, str(pki.p12(persona)), state, not_before, not_after)
    assert "signed:" not in done.stdout
    assert snapshot(bid_folder) == before


# --- 5. warnings about the certificate ----------------------------------------------------------


def test_no_nonrepudiation_signs_with_two_warnings(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    done = run_paraphe(*sign_args(bid_folder / TXT, pki.p12("no-nonrepudiation"), password_file))
    assert done.returncode == OK, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    warnings = warnings_of(done)
    assert len(warnings) == 2, done.stderr
    assert any("nonRepudiation" in w for w in warnings), done.stderr
    assert any("QcCompliance" in w and "qualified" in w for w in warnings), done.stderr
    assert (bid_folder / f"{TXT} - Signature 1.xml").is_file()


def test_qualified_certificate_signs_without_warning(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    done = run_paraphe(*sign_args(bid_folder / TXT, pki.p12("rsa"), password_file))
    assert done.returncode == OK, done.stderr
    assert done.stderr == ""


# --- 6. ZIP archives ----------------------------------------------------------------------------


def test_zip_signs_with_a_warning_about_its_contents(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    archive = bid_folder / "Dossier.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(TXT, "contenu")
    done = run_paraphe(*sign_args(archive, pki.p12("rsa"), password_file))
    assert done.returncode == OK, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    warnings = warnings_of(done)
    assert len(warnings) == 1, done.stderr
    assert str(archive) in warnings[0]
    assert "not the files inside" in warnings[0]
    assert (bid_folder / "Dossier.zip - Signature 1.xml").is_file()


# --- 7. unreadable inputs -----------------------------------------------------------------------


def test_missing_input_exits_4(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    missing = bid_folder / "Absent.pdf"
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args(missing, pki.p12("rsa"), password_file))
    assert done.returncode == UNREADABLE_INPUT, done.stderr
    error_line(done, str(missing), "no such file")
    assert snapshot(bid_folder) == before


def test_folder_as_input_exits_4(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    sub = bid_folder / "Annexes"
    sub.mkdir()
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args(sub, pki.p12("rsa"), password_file))
    assert done.returncode == UNREADABLE_INPUT, done.stderr
    error_line(done, str(sub), "folder")
    assert snapshot(bid_folder) == before
    assert list(sub.iterdir()) == []


@pytest.mark.parametrize("position", ["first", "last"])
def test_one_missing_input_refuses_the_whole_batch(
    position: str,
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    missing = bid_folder / "Absent.pdf"
    present = [bid_folder / PDF, bid_folder / ODS, bid_folder / TXT]
    files = [missing, *present] if position == "first" else [*present, missing]
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args(files, pki.p12("rsa"), password_file))
    assert done.returncode == UNREADABLE_INPUT, done.stderr
    error_line(done, str(missing), "no such file")
    assert "signed:" not in done.stdout
    assert snapshot(bid_folder) == before


# --- 8. inputs the format cannot sign -----------------------------------------------------------


def test_pades_on_a_spreadsheet_exits_4(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    before = snapshot(bid_folder)
    done = run_paraphe(
        *sign_args(bid_folder / ODS, pki.p12("rsa"), password_file, "--format", "pades")
    )
    assert done.returncode == UNREADABLE_INPUT, done.stderr
    error_line(done, str(bid_folder / ODS), "PAdES signs PDF")
    assert snapshot(bid_folder) == before


@pytest.mark.parametrize("content", ["pdf-header-then-junk", "random-bytes"])
def test_pades_on_a_broken_pdf_exits_4_and_leaves_nothing(
    content: str,
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    broken = bid_folder / "x.pdf"
    junk = bytes((i * 7919 + 13) % 256 for i in range(20_000))
    broken.write_bytes(b"%PDF-1.7\n" + junk if content == "pdf-header-then-junk" else junk)
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args(broken, pki.p12("rsa"), password_file, "--format", "pades"))
    assert done.returncode == UNREADABLE_INPUT, done.stderr
    error_line(done, str(broken))
    assert "signed:" not in done.stdout
    assert snapshot(bid_folder) == before


# --- 9. output folder ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["missing", "regular-file"])
def test_out_not_a_folder_exits_5(
    kind: str,
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    out = tmp_path / "signatures"
    if kind == "regular-file":
        out.write_bytes(b"I am a file")
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args(bid_folder / TXT, pki.p12("rsa"), password_file, "--out", out))
    assert done.returncode == OUTPUT_NOT_WRITABLE, done.stderr
    error_line(done, str(out), "cannot write")
    assert snapshot(bid_folder) == before
    if kind == "regular-file":
        assert out.read_bytes() == b"I am a file"
    else:
        assert not out.exists()


# --- 10. no password source ---------------------------------------------------------------------


def test_no_password_source_without_terminal_exits_2(
    pki: TestPki, bid_folder: Path, run_paraphe: RunParaphe
) -> None:
    before = snapshot(bid_folder)
    p12 = pki.p12("rsa")
    done = run_paraphe(*sign_args(bid_folder / TXT, p12, None), stdin="")
    assert done.returncode == USAGE, done.stderr
    error_line(done, str(p12), "--password-file", "--password-stdin", "PARAPHE_PASSWORD")
    assert snapshot(bid_folder) == before


# --- 11, 12. duplicate names --------------------------------------------------------------------


def test_same_name_from_two_folders_into_one_out_exits_2(
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
    tmp_path: Path,
) -> None:
    other = tmp_path / "Autre lot"
    other.mkdir()
    (other / TXT).write_text("une autre version", encoding="utf-8")
    out = tmp_path / "signatures"
    out.mkdir()
    before, before_other = snapshot(bid_folder), snapshot(other)
    done = run_paraphe(
        *sign_args([bid_folder / TXT, other / TXT], pki.p12("rsa"), password_file, "--out", out)
    )
    assert done.returncode == USAGE, done.stderr
    error_line(done, str(bid_folder / TXT), str(other / TXT), "same name")
    assert snapshot(bid_folder) == before
    assert snapshot(other) == before_other
    assert list(out.iterdir()) == []


def test_same_file_twice_is_signed_once(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    document = bid_folder / TXT
    same = bid_folder / ".." / bid_folder.name / TXT
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args([document, document, same], pki.p12("rsa"), password_file))
    assert done.returncode == OK, done.stderr
    assert done.stdout.count("signed:") == 1, done.stdout
    after = snapshot(bid_folder)
    assert set(after) - set(before) == {f"{TXT} - Signature 1.xml"}
    assert {name: after[name] for name in before} == before


# --- 13. interruption ---------------------------------------------------------------------------

BIG_SIZE = 4 << 30  # sparse: costs no disk space, takes seconds to hash
INTERRUPT_GRACE = 10  # seconds a Ctrl+C may take to stop the work


def _io_counter(pid: int, counter: str) -> int:
    """``rchar`` or ``wchar`` of /proc/<pid>/io: bytes read or written, page cache included."""
    try:
        with open(f"/proc/{pid}/io", encoding="ascii") as io:
            for line in io:
                if line.startswith(counter + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _big_sparse_file(folder: Path) -> Path:
    big = folder / "Plans.dwg"
    with open(big, "wb") as handle:
        handle.truncate(BIG_SIZE)
    return big


def _big_sparse_pdf(folder: Path) -> Path:
    """A valid one-page PDF carrying an unreferenced multi-GB stream (a hole on disk)."""
    big = folder / "Plans.pdf"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    offsets: list[int] = []
    with open(big, "wb") as handle:
        handle.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for number, body in enumerate(objects, start=1):
            offsets.append(handle.tell())
            handle.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        offsets.append(handle.tell())
        handle.write(b"4 0 obj\n<< /Length %d >>\nstream\n" % BIG_SIZE)
        handle.seek(BIG_SIZE, os.SEEK_CUR)
        handle.write(b"\nendstream\nendobj\n")
        xref = handle.tell()
        handle.write(b"xref\n0 5\n0000000000 65535 f \n")
        handle.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
        handle.write(b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return big


# phase: (input maker, extra options, /proc/<pid>/io counter, threshold)
PHASES = {
    "hashing": (_big_sparse_file, [], "rchar", 300 << 20),
    # PAdES copies the PDF into the staged (O_TMPFILE) output before signing it
    "writing": (_big_sparse_pdf, ["--format", "pades"], "wchar", 50 << 20),
}


def _start_signing_big_file(
    phase: str, folder: Path, pki: TestPki, password_file: Path, tmp_path: Path
) -> tuple[subprocess.Popen[str], set[str], dict[str, object]]:
    """Start ``paraphe sign`` on a big file and return once it is in ``phase``."""
    make_input, extra, counter, threshold = PHASES[phase]
    big = make_input(folder)
    entries, before = _entries(folder), _light_snapshot(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
    env["PARAPHE_DATA_DIR"] = str(tmp_path / "user-data")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "paraphe",
            *map(str, sign_args(big, pki.p12("rsa"), password_file, *extra)),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # Ctrl+C must reach Python even when the tests run as a background job (SIGINT ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while _io_counter(process.pid, counter) < threshold:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            _out, err = process.communicate()
            raise AssertionError(f"never saw the {phase} phase: {process.returncode} {err}")
        time.sleep(0.02)
    return process, entries, before


def _entries(folder: Path) -> set[str]:
    """Every name under ``folder``, hidden ones included."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _light_snapshot(folder: Path) -> dict[str, object]:
    """Like ``snapshot`` but the big sparse file is summed up by its size (hashing it takes s)."""
    return {
        str(path.relative_to(folder)): (
            path.stat().st_size
            if path.stat().st_size > 100 << 20
            else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/<pid>/io")
@pytest.mark.parametrize("phase", list(PHASES))
def test_ctrl_c_exits_130_and_leaves_nothing(
    phase: str, pki: TestPki, bid_folder: Path, password_file: Path, tmp_path: Path
) -> None:
    process, entries, before = _start_signing_big_file(
        phase, bid_folder, pki, password_file, tmp_path
    )
    assert _entries(bid_folder) == entries  # the output being written has no name yet
    process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=INTERRUPT_GRACE)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        err = f"still {phase} {INTERRUPT_GRACE} s after Ctrl+C\n{err}"
    assert process.returncode == INTERRUPTED, err
    assert "Traceback" not in out + err
    assert "interrupted" in err.lower()
    assert "signed:" not in out
    assert _entries(bid_folder) == entries
    assert _light_snapshot(bid_folder) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/<pid>/io, O_TMPFILE")
@pytest.mark.parametrize("phase", list(PHASES))
def test_killed_leaves_no_file_not_even_hidden(
    phase: str, pki: TestPki, bid_folder: Path, password_file: Path, tmp_path: Path
) -> None:
    process, entries, before = _start_signing_big_file(
        phase, bid_folder, pki, password_file, tmp_path
    )
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert _entries(bid_folder) == entries
    assert not [name for name in os.listdir(bid_folder) if name.startswith(".")]
    assert _light_snapshot(bid_folder) == before


# --- 14. PAdES visible-signature options --------------------------------------------------------


def test_visible_without_pades_exits_2(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    before = snapshot(bid_folder)
    done = run_paraphe(*sign_args(bid_folder / PDF, pki.p12("rsa"), password_file, "--visible"))
    assert done.returncode == USAGE, done.stderr
    error_line(done, "--visible", "pades")
    assert snapshot(bid_folder) == before


@pytest.mark.parametrize("position", ["here", "1,2,3", "a,b,c,d", "300,100,200,150"])
def test_bad_position_exits_2(
    position: str,
    pki: TestPki,
    bid_folder: Path,
    password_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    before = snapshot(bid_folder)
    done = run_paraphe(
        *sign_args(
            bid_folder / PDF,
            pki.p12("rsa"),
            password_file,
            "--format",
            "pades",
            "--visible",
            f"--position={position}",
        )
    )
    assert done.returncode == USAGE, done.stderr
    error_line(done, "--position")
    assert snapshot(bid_folder) == before


# --- 15. a file modified while it is signed (engine) --------------------------------------------


def test_file_modified_while_hashing_is_not_signed(pki: TestPki, tmp_path: Path) -> None:
    folder = tmp_path / "lot"
    folder.mkdir()
    document = folder / "Mémoire.txt"
    block = b"Paraphe " * (1 << 17)  # 1 MiB
    with open(document, "wb") as handle:
        for _ in range(50):
            handle.write(block)
    size = document.stat().st_size
    appended: list[int] = []

    def on_progress(progress: Progress) -> None:
        if not appended and progress.bytes_done > size // 2:
            with open(document, "ab") as handle:
                handle.write(b"une ligne ajoutee pendant la signature\n")
            appended.append(progress.bytes_done)

    request = SignRequest(documents=(document,))
    before = snapshot(folder)
    with Pkcs12Credential.open(pki.p12("rsa"), PKCS12_PASSWORD) as credential:
        plan = plan_documents(request)
        outcome = BatchSigner(request, credential, on_progress=on_progress).run(plan)
    assert appended, "the progress callback never saw half of the file"
    assert outcome.results == []
    assert len(outcome.failures) == 1
    failure = outcome.failures[0]
    assert isinstance(failure, DocumentChanged)
    assert failure.path == document
    assert str(document) in failure.message
    assert "changed" in failure.message
    after = snapshot(folder)
    assert set(after) == set(before)
    assert os.listdir(folder) == [document.name]
