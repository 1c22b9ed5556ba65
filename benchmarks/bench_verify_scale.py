"""Verify a tender of 1,000 mixed signatures on both cores, with revocation, against its peers.

Run from the repository root:

    .venv/bin/python benchmarks/bench_verify_scale.py [--count 1000] [--openssl-runs 100]
        [--pyhanko-runs 30] [--work DIR] [--record]

Made once and reused (``benchmarks/work/scale/``): the test PKI of ``tests/support/pki.py``
(OCSP responder, CRLs, served on 127.0.0.1 from this process on the port it was made for), and
a folder of ``--count`` signatures: 40 % detached XAdES and 40 % detached CAdES tokens (each
document has one of each), 20 % signed PDFs, all by the rsa persona (RSA-2048).

Timed in one run, in alternation: ``paraphe verify --json`` over the folder serially
(``--workers 0``) and on every core (default), each in a fresh process with an
empty ``PARAPHE_DATA_DIR`` (no cache: every OCSP response and CRL is fetched, once per run);
``openssl cms -verify`` per CAdES token (``--openssl-runs`` of them, one process each, no
revocation: OpenSSL checks none); ``pyhanko sign validate`` per PDF on a sample
(``--pyhanko-runs``, one process each, revocation fetched by pyHanko from the same OCSP
responder). Peak memory: the RSS of paraphe's whole process tree (the parent and its workers),
summed and sampled every 20 ms from /proc. Read the RATIOS: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_sign import REPO, describe_machine, git_state, show_and_record

sys.path.insert(0, str(REPO))

DEFAULT_WORK = REPO / "benchmarks" / "work" / "scale"
CORPUS_VERSION = 1


def serve(work: Path) -> tuple[object, Path]:
    """The PKI served on the port its certificates name (made afresh when it cannot be)."""
    from tests.support import pki as test_pki

    meta = work / "pki.json"
    if meta.is_file():
        port = json.loads(meta.read_text())["port"]
        try:
            server = test_pki.PkiServer(port=port)
        except OSError:
            server = None
        if server is not None:
            server.mount(test_pki.load_pki_arch(work / "pki", server.url))
            return server, work / "pki"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    built = test_pki.build_test_pki(work / "pki", serve=True)
    meta.write_text(json.dumps({"port": int(built.service_url.rsplit(":", 1)[1])}))
    return built, work / "pki"


def make_corpus(work: Path, pki_dir: Path, count: int) -> Path:
    from paraphe.core.signing.request import SignatureFormat, SignRequest
    from tests.support.pki import TestPki
    from tests.support.signing import sign_with

    folder = work / "tender"
    marker = work / "corpus.json"
    wanted = {"version": CORPUS_VERSION, "count": count}
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pki = TestPki(
        directory=pki_dir,
        root_cert=pki_dir / "certs/root.cert.pem",
        intermediate_cert=pki_dir / "certs/intermediate.cert.pem",
        untrusted_root_cert=pki_dir / "certs/untrusted-root.cert.pem",
        ca_bundle=pki_dir / "ca-bundle.pem",
        tsa_cert=pki_dir / "certs/tsa.cert.pem",
        ocsp_cert=pki_dir / "certs/ocsp.cert.pem",
    )
    pairs = count * 2 // 5
    documents = []
    for number in range(pairs):
        document = folder / f"Pièce {number:04d}.txt"
        document.write_bytes(os.urandom(2000 + number * 7 % 30000))
        documents.append(document)
    print(f"signing {2 * pairs} tokens and {count - 2 * pairs} PDFs ...", flush=True)
    for fmt in (SignatureFormat.XADES, SignatureFormat.CADES):
        sign_with(pki, "rsa", SignRequest(documents=tuple(documents), format=fmt))
    sample = REPO / "app/paraphe/resources/samples/Acte d'engagement.pdf"
    pdfs = []
    for number in range(count - 2 * pairs):
        pdf = folder / f"Acte {number:04d}.pdf"
        shutil.copyfile(sample, pdf)
        pdfs.append(pdf)
    sign_with(pki, "rsa", SignRequest(documents=tuple(pdfs), format=SignatureFormat.PADES))
    for pdf in pdfs:
        pdf.unlink()
    marker.write_text(json.dumps(wanted))
    return folder


def tree_rss_kib(pid: int) -> int:
    """The RSS of ``pid`` and all its descendants, from /proc (KiB)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS (KiB), stdout."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = [0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], tree_rss_kib(child.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = child.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if child.returncode not in (0, 1, 3):
        raise SystemExit(f"{argv[:3]} failed ({child.returncode}): {err.decode()[-2000:]}")
    return wall, peak[0], out.decode()


def subset(folder: Path, files: list[Path]) -> Path:
    """``folder`` holding hard links to ``files`` (made once)."""
    if not folder.is_dir():
        folder.mkdir(parents=True)
        for file in files:
            os.link(file, folder / file.name)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--openssl-runs", type=int, default=100)
    parser.add_argument("--pyhanko-runs", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    code = git_state()
    server, pki_dir = serve(args.work)
    folder = make_corpus(args.work, pki_dir, args.count)
    root = pki_dir / "certs/root.cert.pem"
    data = args.work / "user-data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAPHE_")}
    env.update(PARAPHE_DATA_DIR=str(data), PARAPHE_POLICY=str(args.work / "no-policy.toml"))
    verify = [sys.executable, "-m", "paraphe", "verify", "--json", "--no-eu-trust"]
    verify += ["--trust", str(root), str(folder)]

    runs: dict[str, list[tuple[float, int]]] = {"serial": [], "parallel": []}
    for _ in range(args.repeat):
        for mode in ("serial", "parallel"):
            shutil.rmtree(data, ignore_errors=True)
            wall, rss, out = timed(verify + (["--workers", "0"] if mode == "serial" else []), env)
            report = json.loads(out)
            signatures = [s for d in report["documents"] for s in d["signatures"]]
            verdicts = {s["indication"] for s in signatures}
            if len(signatures) != args.count or verdicts != {"TOTAL_PASSED"}:
                raise SystemExit(f"{mode}: {len(signatures)} signatures, verdicts {verdicts}")
            runs[mode].append((wall, rss))
            print(f"paraphe {mode}: {wall:.2f} s, peak tree RSS {rss / 1024:.0f} MB", flush=True)

    # each peer's own format, both cores: the CAdES tokens with their documents, the PDFs
    by_format = {
        "cades": subset(
            args.work / "cades-only",
            [
                f
                for t in folder.glob("*.p7s")
                for f in (t, t.with_name(t.name.split(" - Signature")[0]))
            ],
        ),
        "pades": subset(args.work / "pades-only", list(folder.glob("*.pdf"))),
    }
    per_format: dict[str, tuple[float, int]] = {}
    for name, subfolder in by_format.items():
        walls = []
        count = len(list(subfolder.glob("*.p7s" if name == "cades" else "*.pdf")))
        for _ in range(args.repeat):
            shutil.rmtree(data, ignore_errors=True)
            wall, _rss, out = timed([*verify[:-1], str(subfolder)], env)
            signatures = [s for d in json.loads(out)["documents"] for s in d["signatures"]]
            if len(signatures) != count or {s["indication"] for s in signatures} != {
                "TOTAL_PASSED"
            }:
                raise SystemExit(
                    f"{name}: {len(signatures)} signatures of {count} did not all pass"
                )
            walls.append(wall)
        per_format[name] = (statistics.median(walls), count)
        print(f"paraphe {name} only: {per_format[name][0]:.2f} s for {count}", flush=True)

    tokens = sorted(folder.glob("*.p7s"))[: args.openssl_runs]
    start = time.perf_counter()
    for token in tokens:
        document = token.with_name(token.name.split(" - Signature")[0])
        done = subprocess.run(
            [
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                str(token),
                "-content",
                str(document),
                "-CAfile",
                str(root),
                "-purpose",
                "any",
                "-certfile",
                str(pki_dir / "certs/intermediate.cert.pem"),
                "-out",
                os.devnull,
            ],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"openssl refused {token}: {done.stderr.decode()}")
    openssl_each = (time.perf_counter() - start) / len(tokens)

    pdfs = sorted(folder.glob("*.pdf"))[: args.pyhanko_runs]
    pyhanko = str(Path(sys.executable).parent / "pyhanko")
    start = time.perf_counter()
    for pdf in pdfs:
        done = subprocess.run(
            [
                pyhanko,
                "sign",
                "validate",
                "--trust",
                str(root),
                "--trust-replace",
                "--other-certs",
                str(pki_dir / "certs/intermediate.cert.pem"),
                str(pdf),
            ],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"pyhanko refused {pdf}: {done.stderr.decode()[-500:]}")
    pyhanko_each = (time.perf_counter() - start) / len(pdfs)

    serial = statistics.median(w for w, _ in runs["serial"])
    parallel = statistics.median(w for w, _ in runs["parallel"])
    peak = max(r for _, r in runs["parallel"]) / 1024
    peak_serial = max(r for _, r in runs["serial"]) / 1024
    n = args.count
    per_sig = parallel / n
    cades_each = per_format["cades"][0] / per_format["cades"][1]
    pades_each = per_format["pades"][0] / per_format["pades"][1]
    rows = [
        f"**{n} signatures** ({2 * n // 5} XAdES + {2 * n // 5} CAdES detached, "
        f"{n - 4 * n // 5} PAdES; OCSP and CRLs from the local certomancer responder, "
        f"median of {args.repeat})",
        "",
        "| what | s | ms / signature | signatures/s | peak RSS MB (process tree) |",
        "|---|---:|---:|---:|---:|",
        f"| `paraphe verify`, serial | {serial:.2f} | {1000 * serial / n:.1f} | "
        f"{n / serial:.0f} | {peak_serial:.0f} |",
        f"| `paraphe verify`, both cores | {parallel:.2f} | {1000 * per_sig:.1f} | "
        f"{n / parallel:.0f} | {peak:.0f} |",
        f"| `openssl cms -verify`, one process per CAdES token ({len(tokens)} runs) | | "
        f"{1000 * openssl_each:.1f} | {1 / openssl_each:.0f} | |",
        f"| `pyhanko sign validate`, one process per PDF ({len(pdfs)} of {n - 4 * n // 5}) | | "
        f"{1000 * pyhanko_each:.1f} | {1 / pyhanko_each:.1f} | |",
        f"| `paraphe verify`, both cores, the {per_format['cades'][1]} CAdES tokens alone | "
        f"{per_format['cades'][0]:.2f} | {1000 * cades_each:.1f} | {1 / cades_each:.0f} | |",
        f"| `paraphe verify`, both cores, the {per_format['pades'][1]} PDFs alone | "
        f"{per_format['pades'][0]:.2f} | {1000 * pades_each:.1f} | {1 / pades_each:.0f} | |",
        "",
        f"- CAdES: paraphe per token (both cores, the tokens alone) / openssl per token: "
        f"{cades_each / openssl_each:.2f}x (goal: within 2x); on the mixed folder, paraphe per "
        f"signature / openssl per CAdES token: {per_sig / openssl_each:.2f}x",
        f"- PAdES: pyHanko CLI per PDF / paraphe per PDF (both cores, the PDFs alone): "
        f"{pyhanko_each / pades_each:.1f}x (goal: at least 20x); per signature of the mixed "
        f"folder: {pyhanko_each / per_sig:.1f}x",
        f"- parallel speed-up over serial: {serial / parallel:.2f}x; peak {peak:.0f} MB "
        "(goal: under 300 MB)",
    ]
    machine = [
        "- peak RSS: VmRSS of paraphe's whole process tree (parent + workers), summed, sampled"
        " every 20 ms from /proc"
        if line.startswith("- peak RSS:")
        else line
        for line in describe_machine(code)
    ]
    show_and_record("bench_verify_scale.py", machine, [*rows, ""], args.record)
    server.close()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
