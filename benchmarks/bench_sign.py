"""Time ``paraphe sign`` against OpenSSL on one big file and on many small files.

Run from the repository root:

    .venv/bin/python benchmarks/bench_sign.py [--size-mib 1024] [--small 200] [--repeat 3]
                                              [--work DIR] [--record]

Every figure is a median of ``--repeat`` runs; the commands of one case are run in alternation
(A B C D, A B C D, ...), so that they share whatever else the machine is doing, and each is
reported as a RATIO to its OpenSSL peer timed in the same run. Absolute seconds are given for
information only: they move with the machine's load, the ratios much less.

Peak RSS is each command's ``ru_maxrss``, taken by GNU time (``/usr/bin/time -f %M``) which forks
it from a ~2 MB process: a child forked straight from this script would inherit this script's own
RSS as its starting high-water mark. Without GNU time, ``os.wait4``'s figure is shown (an upper
bound).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORK = REPO / "benchmarks" / "work"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
PASSWORD = "bench-password"
CHUNK = 1 << 20

# Targets (see docs/stack-notes.md, "Figures").
BIG_MAX_VS_DGST = 1.10
BIG_MAX_VS_CMS = 1.0  # strictly below
BIG_MAX_RSS_MB = 150.0
SMALL_MIN_VS_LOOP = 1.0
SMALL_AIM_VS_LOOP = 3.0


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    p12: Path
    password_file: Path
    cert_pem: Path
    key_pem: Path


def make_signer(folder: Path) -> Signer:
    """A test RSA-2048 CA and signer (nonRepudiation, QcCompliance), as PKCS#12 and as PEM."""
    signer = Signer(
        p12=folder / "signer.p12",
        password_file=folder / "password.txt",
        cert_pem=folder / "signer.cert.pem",
        key_pem=folder / "signer.key.pem",
    )
    if all(
        p.is_file() for p in (signer.p12, signer.password_file, signer.cert_pem, signer.key_pem)
    ):
        from cryptography import x509

        cert = x509.load_pem_x509_certificate(signer.cert_pem.read_bytes())
        if cert.not_valid_after_utc > dt.datetime.now(dt.UTC) + dt.timedelta(days=7):
            return signer

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    def name(common: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Paraphe benchmark"),
                x509.NameAttribute(NameOID.COMMON_NAME, common),
            ]
        )

    def usage(*, signer: bool) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=signer,
            content_commitment=signer,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=not signer,
            crl_sign=not signer,
            encipher_only=False,
            decipher_only=False,
        )

    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("Paraphe benchmark CA"))
        .issuer_name(name("Paraphe benchmark CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(signer=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # QCStatements { QcCompliance }: DER of SEQUENCE { SEQUENCE { OID 0.4.0.1862.1.1 } }, so that
    # paraphe does not print its "not qualified" notice on every run.
    qc_compliance = bytes.fromhex("300a3008060604008e460101")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("Bench Signer"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(signer=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(
            x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"), qc_compliance),
            False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    signer.p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"bench-signer",
            key,
            cert,
            [ca],
            serialization.BestAvailableEncryption(PASSWORD.encode()),
        )
    )
    signer.password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    signer.cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer.key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (folder / "ca.cert.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return signer


def make_big_file(path: Path, size: int) -> Path:
    """``size`` bytes of os.urandom, written once and reused while the size matches."""
    if path.is_file() and path.stat().st_size == size:
        return path
    print(f"writing {size >> 20} MiB to {path} ...", flush=True)
    partial = path.with_name(path.name + ".part")
    with open(partial, "wb") as out:
        left = size
        while left:
            count = min(CHUNK * 8, left)
            out.write(os.urandom(count))
            left -= count
    partial.replace(path)
    return path


def make_small_files(folder: Path, count: int) -> list[Path]:
    """``count`` files of 10-50 KB, sizes from a fixed seed; reused when they are all there."""
    rng = random.Random(20260812)
    sizes = [rng.randint(10_000, 50_000) for _ in range(count)]
    paths = [folder / f"piece-{i:04d}.pdf" for i in range(count)]
    folder.mkdir(parents=True, exist_ok=True)
    for path, size in zip(paths, sizes, strict=True):
        if not (path.is_file() and path.stat().st_size == size):
            path.write_bytes(os.urandom(size))
    wanted = {p.name for p in paths}
    for extra in folder.iterdir():  # left over from a run with a larger --small
        if extra.name not in wanted:
            extra.unlink()
    return paths


def warm_page_cache(path: Path) -> None:
    with open(path, "rb", buffering=0) as handle:
        buffer = bytearray(CHUNK * 8)
        while handle.readinto(buffer):
            pass


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    max_rss_kib: int


@dataclass
class Case:
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(r.max_rss_kib for r in self.runs) / 1024

    def spread(self) -> str:
        times = sorted(r.seconds for r in self.runs)
        return f"{times[0]:.2f}-{times[-1]:.2f}"


# ``os.wait4`` alone is not enough: a child's ru_maxrss starts from the RSS of the process that
# forked it (Linux keeps the pre-exec high-water mark), here this whole Python benchmark. GNU time
# forks the command from its own ~2 MB process and prints the command's ru_maxrss (KiB).
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


def run_child(argv: list[str], *, rss: bool = True, work: Path | None = None) -> Run:
    """Run one process: wall time and peak RSS (KiB). Exit status must be 0."""
    report = None
    command = argv
    if rss and GNU_TIME is not None:
        report = (work or DEFAULT_WORK) / "rss.txt"
        argv = [GNU_TIME, "-f", "%M", "-o", str(report), *argv]
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()  # small; read before reaping so the pipe never fills
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(
            f"failed ({process.returncode}): {shlex.join(command)}\n{errors.decode(errors='replace')}"
        )
    if errors.strip():
        print(f"  stderr of {Path(command[0]).name}: {errors.decode(errors='replace').strip()}")
    max_rss = usage.ru_maxrss  # fallback: an upper bound that includes this script's own RSS
    if report is not None:
        max_rss = int(report.read_text().split()[-1])
    return Run(elapsed, max_rss if rss else 0)


def run_many(commands: list[list[str]], work: Path) -> Run:
    """Run processes one after another: total wall time (no RSS wrapper in the timed loop)."""
    start = time.perf_counter()
    for argv in commands:
        run_child(argv, rss=False)
    elapsed = time.perf_counter() - start
    # Peak RSS of the loop: that of its largest input, measured once, outside the timing.
    return Run(elapsed, run_child(commands[-1], work=work).max_rss_kib)


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def expect(path: Path) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise SystemExit(f"expected output missing: {path}")


# --------------------------------------------------------------------------------------------
# Benchmarks
# --------------------------------------------------------------------------------------------


def paraphe_argv(paraphe: str, files: list[Path], signer: Signer, fmt: str, out: Path) -> list[str]:
    return [
        paraphe, "sign", *map(str, files),
        "--p12", str(signer.p12),
        "--password-file", str(signer.password_file),
        "--format", fmt,
        "-q",
        "--out", str(out),
    ]  # fmt: skip


def cms_argv(document: Path, signer: Signer, output: Path) -> list[str]:
    return [
        "openssl", "cms", "-sign", "-binary",
        "-in", str(document),
        "-signer", str(signer.cert_pem),
        "-inkey", str(signer.key_pem),
        "-outform", "DER",
        "-out", str(output),
    ]  # fmt: skip


def bench_big(big: Path, signer: Signer, paraphe: str, work: Path, repeat: int) -> dict[str, Case]:
    out = work / "out"
    cases = {k: Case(k) for k in ("dgst", "cms", "xades", "cades")}
    print(f"\n== one file of {big.stat().st_size / (1 << 20):.0f} MiB, {repeat} run(s) each ==")
    warm_page_cache(big)
    for rep in range(repeat):
        # Rotate the order too, so that no command always follows the same one.
        order = list(cases)[rep % 4 :] + list(cases)[: rep % 4]
        for key in order:
            if key == "dgst":
                run = run_child(["openssl", "dgst", "-sha256", str(big)], work=work)
            elif key == "cms":
                target = fresh_dir(out / "cms") / f"{big.name}.p7s"
                run = run_child(cms_argv(big, signer, target), work=work)
                expect(target)
            else:
                folder = fresh_dir(out / key)
                run = run_child(paraphe_argv(paraphe, [big], signer, key, folder), work=work)
                ext = "xml" if key == "xades" else "p7s"
                expect(folder / f"{big.name} - Signature 1.{ext}")
            cases[key].runs.append(run)
            print(f"  run {rep + 1} {key:6} {run.seconds:7.2f} s  {run.max_rss_kib / 1024:7.1f} MB")
    shutil.rmtree(out, ignore_errors=True)
    return cases


def bench_small(
    files: list[Path], signer: Signer, paraphe: str, work: Path, repeat: int
) -> dict[str, Case]:
    out = work / "out"
    cases = {k: Case(k) for k in ("loop", "xades", "cades")}
    total_kb = sum(p.stat().st_size for p in files) / 1000
    print(f"\n== {len(files)} small files ({total_kb:.0f} KB in all), {repeat} run(s) each ==")
    for path in files:  # in the page cache, like the big file
        path.read_bytes()
    for rep in range(repeat):
        order = list(cases)[rep % 3 :] + list(cases)[: rep % 3]
        for key in order:
            folder = fresh_dir(out / key)
            if key == "loop":
                commands = [cms_argv(p, signer, folder / f"{p.name}.p7s") for p in files]
                run = run_many(commands, work)
                expect(folder / f"{files[-1].name}.p7s")
            else:
                run = run_child(paraphe_argv(paraphe, files, signer, key, folder), work=work)
                ext = "xml" if key == "xades" else "p7s"
                produced = list(folder.glob(f"* - Signature 1.{ext}"))
                if len(produced) != len(files):
                    raise SystemExit(f"{key}: {len(produced)} outputs for {len(files)} files")
            cases[key].runs.append(run)
            rate = len(files) / run.seconds
            print(f"  run {rep + 1} {key:6} {run.seconds:7.2f} s  {rate:7.1f} files/s"
                  f"  {run.max_rss_kib / 1024:7.1f} MB")  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    return cases


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "yes" if ok else "**NO**"


def big_table(cases: dict[str, Case], size_mib: int) -> list[str]:
    dgst, cms = cases["dgst"].median, cases["cms"].median
    rows = [
        f"**One {size_mib} MiB file** (page cache warm; median of {len(cases['dgst'].runs)})",
        "",
        "| command | median s (min-max) | / openssl dgst | / openssl cms -sign | peak RSS MB"
        " | target | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    labels = {
        "dgst": "`openssl dgst -sha256` (the limit)",
        "cms": "`openssl cms -sign -binary` detached",
        "xades": "`paraphe sign --format xades`",
        "cades": "`paraphe sign --format cades`",
    }
    for key, case in cases.items():
        t = case.median
        rss = case.peak_rss_mb
        if key in ("xades", "cades"):
            target = (
                f"<= {BIG_MAX_VS_DGST:.2f}x dgst, < {BIG_MAX_VS_CMS:.1f}x cms,"
                f" <= {BIG_MAX_RSS_MB:.0f} MB"
            )
            met = verdict(t / dgst <= BIG_MAX_VS_DGST and t / cms < BIG_MAX_VS_CMS
                          and rss <= BIG_MAX_RSS_MB)  # fmt: skip
        else:
            target = met = ""
        rows.append(
            f"| {labels[key]} | {t:.2f} ({case.spread()}) | {t / dgst:.2f}x | {t / cms:.2f}x"
            f" | {rss:.1f} | {target} | {met} |"
        )
    return rows


def small_table(cases: dict[str, Case], count: int) -> list[str]:
    loop = cases["loop"].median
    rows = [
        f"**{count} small files (10-50 KB)**, one `paraphe sign` call vs one `openssl cms -sign`"
        f" process per file (median of {len(cases['loop'].runs)})",
        "",
        "| command | median s (min-max) | files/s | / openssl loop (files/s) | peak RSS MB"
        " | target | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    labels = {
        "loop": f"{count} x `openssl cms -sign -binary`",
        "xades": f"`paraphe sign` {count} files `--format xades`",
        "cades": f"`paraphe sign` {count} files `--format cades`",
    }
    for key, case in cases.items():
        t = case.median
        ratio = loop / t  # files/s of this command over files/s of the openssl loop
        if key == "loop":
            target = met = ""
        else:
            target = f">= {SMALL_MIN_VS_LOOP:.0f}x (aim {SMALL_AIM_VS_LOOP:.0f}x)"
            met = verdict(ratio >= SMALL_MIN_VS_LOOP)
            if ratio >= SMALL_AIM_VS_LOOP:
                met += ", aim met"
        rows.append(
            f"| {labels[key]} | {t:.2f} ({case.spread()}) | {count / t:.1f} | {ratio:.2f}x"
            f" | {case.peak_rss_mb:.1f} | {target} | {met} |"
        )
    return rows


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_state() -> str:
    """The commit, and a fingerprint of uncommitted changes under app/ (what is measured)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
        ).stdout

    try:
        state = "commit " + git("rev-parse", "--short", "HEAD").strip()
        changed = [line for line in git("status", "--porcelain", "--", "app").splitlines() if line]
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    if changed:
        fingerprint = hashlib.sha256(git("diff", "HEAD", "--", "app").encode())
        for line in sorted(changed):
            if line.startswith("??"):
                path = REPO / line[3:].strip()
                fingerprint.update(path.read_bytes() if path.is_file() else line.encode())
        state += (
            f" + uncommitted changes in {len(changed)} app/ path(s)"
            f" (fingerprint {fingerprint.hexdigest()[:12]})"
        )
    return state


def describe_machine(code_at_start: str) -> list[str]:
    openssl = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    code_at_end = git_state()
    code = code_at_start
    if code_at_end != code_at_start:
        code += f"; **app/ changed during the run**, at the end: {code_at_end}"
    return [
        f"- date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {os.cpu_count()} CPUs (`nproc` {len(os.sched_getaffinity(0))}),"
        f" {cpu_model()}, {platform.system()} {platform.release()}",
        f"- software: Python {platform.python_version()}, {openssl}",
        f"- code: {code}",
        f"- command: `{shlex.join([Path(sys.executable).name, *sys.argv])}`",
        f"- peak RSS: {'GNU time %M' if GNU_TIME else 'os.wait4 ru_maxrss (upper bound)'}",
        "- load: other work may run on the machine at the same time; compare the ratios,"
        " which come from commands timed in alternation in this same run.",
    ]


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=1024, help="big file size (default 1024)")
    parser.add_argument("--small", type=int, default=200, help="number of small files (200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder")
    parser.add_argument(
        "--paraphe",
        default=str(REPO / ".venv" / "bin" / "paraphe"),
        help="the paraphe executable (default: .venv/bin/paraphe)",
    )
    parser.add_argument("--skip-big", action="store_true", help="only the small-files case")
    parser.add_argument("--skip-small", action="store_true", help="only the big-file case")
    parser.add_argument("--record", action="store_true", help=f"append the tables to {RESULTS}")
    args = parser.parse_args()
    if args.repeat < 1 or args.small < 1 or args.size_mib < 1:
        parser.error("--repeat, --small and --size-mib must be positive")
    if shutil.which("openssl") is None:
        parser.error("openssl is not on PATH")
    if not Path(args.paraphe).is_file():
        parser.error(f"{args.paraphe}: not found (make the venv or pass --paraphe)")

    code_at_start = git_state()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    signer = make_signer(work / "pki")
    sections: list[str] = []
    if not args.skip_big:
        big = make_big_file(work / "big.bin", args.size_mib << 20)
        sections += [*big_table(bench_big(big, signer, args.paraphe, work, args.repeat),
                                args.size_mib), ""]  # fmt: skip
    if not args.skip_small:
        files = make_small_files(work / "small", args.small)
        sections += [*small_table(bench_small(files, signer, args.paraphe, work, args.repeat),
                                  args.small), ""]  # fmt: skip

    show_and_record("bench_sign.py", describe_machine(code_at_start), sections, args.record)
    return 0


def show_and_record(bench: str, machine: list[str], sections: list[str], record: bool) -> None:
    """Print the report; with ``record``, append it to RESULTS.md under a dated heading."""
    print("\n" + "\n".join([*machine, "", *sections]))
    if not record:
        return
    heading = f"## {dt.date.today().isoformat()}: {bench}"
    new = not RESULTS.exists()
    with open(RESULTS, "a", encoding="utf-8") as out:
        if new:
            out.write(
                "# Signing benchmarks\n\nAppended by `benchmarks/bench_*.py --record`;"
                " newest last.\n"
            )
        out.write("\n" + "\n".join([heading, "", *machine, "", *sections]))
    print(f"recorded in {RESULTS}")


if __name__ == "__main__":
    sys.exit(main())
