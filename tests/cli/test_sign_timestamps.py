"""``paraphe sign --level B-T``, the real command: no TSA answering stops with one line naming
each server and its problem, exit 6, nothing written and no password read; a good fallback
server signs; the options and settings that choose the servers."""

from __future__ import annotations

import base64
import hashlib
import subprocess
from pathlib import Path

from asn1crypto import cms
from lxml import etree

from paraphe.core.config.settings import Settings
from paraphe.core.xades_names import NS
from tests.conftest import RunParaphe, snapshot
from tests.support.fake_tsa import FakeTsa, unused_port_url
from tests.support.pki import TestPki

OK = 0
USAGE = 2
CREDENTIAL = 3
TIMESTAMP_UNAVAILABLE = 6

TXT = "Mémoire technique.txt"
WRONG_PASSWORD = "Not-The-Right-Pässword-987"


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


def _sign(
    run_paraphe: RunParaphe,
    document: Path,
    pki: TestPki,
    password_file: Path,
    *extra: object,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return run_paraphe(
        "sign",
        document,
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
        *extra,
        env=env,
        stdin="",
    )


def _signature_timestamp(token_path: Path) -> cms.ContentInfo:
    """The B-T token's SignatureTimeStamp, checked to be over its canonical SignatureValue."""
    root = etree.parse(str(token_path)).getroot()
    [encapsulated] = root.findall(
        "ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/"
        "xades:UnsignedSignatureProperties/xades:SignatureTimeStamp/"
        "xades:EncapsulatedTimeStamp",
        NS,
    )
    token = cms.ContentInfo.load(base64.b64decode(encapsulated.text or ""))
    canonical = etree.tostring(root.find("ds:SignatureValue", NS), method="c14n", exclusive=True)
    info = token["content"]["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hashed_message"].native == hashlib.sha256(canonical).digest()
    return token


def _output(document: Path) -> Path:
    return document.with_name(f"{document.name} - Signature 1.xml")


def _settings(tmp_path: Path, urls: list[str]) -> None:
    """The child's settings (``run_paraphe`` gives it ``tmp_path / "user-data"``)."""
    Settings(timestamp_urls=urls).save(tmp_path / "user-data")


# --- no server answers: exit 6, one line, nothing written, no password read ---------------------


def test_a_down_tsa_exits_6_naming_it_and_writes_nothing(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    down = unused_port_url()
    before = snapshot(bid_folder)
    done = _sign(run_paraphe, bid_folder / TXT, pki, password_file, "--level", "B-T", "--tsa", down)
    assert done.returncode == TIMESTAMP_UNAVAILABLE, done.stderr
    line = _one_line(done)
    assert f"{down}: connection refused" in line, line
    assert line.startswith("paraphe: "), line
    assert snapshot(bid_folder) == before


def test_the_tsa_is_asked_before_the_password_is_read(
    pki: TestPki, bid_folder: Path, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """With a wrong password too, the TSA is the problem reported: 6, not 3."""
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(WRONG_PASSWORD + "\n", encoding="utf-8")
    before = snapshot(bid_folder)
    with FakeTsa(pki, "http-500") as failing:
        done = _sign(
            run_paraphe, bid_folder / TXT, pki, wrong, "--level", "B-T", "--tsa", failing.url
        )
        assert failing.requests == 1
    assert done.returncode == TIMESTAMP_UNAVAILABLE, done.stderr
    line = _one_line(done)
    assert f"{failing.url}: HTTP error 500 Internal Server Error" in line, line
    assert "password" not in line.lower(), line
    assert WRONG_PASSWORD not in done.stdout + done.stderr
    assert snapshot(bid_folder) == before


def test_every_server_is_named_when_none_answers(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    down = unused_port_url()
    before = snapshot(bid_folder)
    with FakeTsa(pki, "other-imprint") as lying:
        done = _sign(
            run_paraphe,
            *(bid_folder / TXT, pki, password_file),
            *("--level", "B-T", "--tsa", down, "--tsa", lying.url),
        )
    assert done.returncode == TIMESTAMP_UNAVAILABLE, done.stderr
    line = _one_line(done)
    assert (
        f"({down}: connection refused; "
        f"{lying.url}: the token is for another imprint than the one sent)"
    ) in line, line
    assert snapshot(bid_folder) == before


# --- failover, auth, settings -----------------------------------------------------------------


def test_a_good_second_tsa_signs_b_t(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    document = bid_folder / TXT
    with FakeTsa(pki, "forward") as good:
        done = _sign(
            run_paraphe,
            *(document, pki, password_file),
            *("--level", "B-T", "--tsa", unused_port_url(), "--tsa", good.url),
        )
        assert good.requests >= 1
    assert done.returncode == OK, done.stderr
    assert "Traceback" not in done.stderr
    _signature_timestamp(_output(document))


def test_basic_auth_from_the_environment_signs_b_t(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    document = bid_folder / TXT
    with FakeTsa(pki, "auth") as guarded:
        done = _sign(
            run_paraphe,
            *(document, pki, password_file),
            *("--level", "B-T", "--tsa", guarded.url, "--tsa-user", guarded.user),
            env={"PARAPHE_TSA_PASSWORD": guarded.password},
        )
        assert guarded.authorised_requests == guarded.requests >= 1
    assert done.returncode == OK, done.stderr
    assert guarded.password not in done.stdout + done.stderr
    _signature_timestamp(_output(document))


def test_a_refused_tsa_password_exits_6_without_echoing_it(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    secret = tmp_path / "tsa-password.txt"
    secret.write_text("Wrong-Tsa-Sécret\n", encoding="utf-8")
    before = snapshot(bid_folder)
    with FakeTsa(pki, "auth") as guarded:
        done = _sign(
            run_paraphe,
            *(bid_folder / TXT, pki, password_file),
            *("--level", "B-T", "--tsa", guarded.url, "--tsa-user", guarded.user),
            *("--tsa-password-file", secret),
        )
        assert guarded.authorised_requests == 0
    assert done.returncode == TIMESTAMP_UNAVAILABLE, done.stderr
    line = _one_line(done)
    assert f"{guarded.url}: HTTP error 401 Unauthorized" in line, line
    assert "Wrong-Tsa-Sécret" not in done.stdout + done.stderr
    assert snapshot(bid_folder) == before


def test_the_servers_of_the_settings_are_used_without_tsa(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    document = bid_folder / TXT
    with FakeTsa(pki, "http-500") as failing, FakeTsa(pki, "forward") as good:
        _settings(tmp_path, [failing.url, good.url])
        done = _sign(run_paraphe, document, pki, password_file, "--level", "B-T")
        assert failing.requests == 1  # asked once, then left behind the good one
        assert good.requests >= 1
    assert done.returncode == OK, done.stderr
    _signature_timestamp(_output(document))


def test_tsa_on_the_command_line_replaces_the_settings(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    with FakeTsa(pki, "forward") as in_settings:
        _settings(tmp_path, [in_settings.url])
        down = unused_port_url()
        done = _sign(
            run_paraphe, bid_folder / TXT, pki, password_file, "--level", "B-T", "--tsa", down
        )
        assert in_settings.requests == 0
    assert done.returncode == TIMESTAMP_UNAVAILABLE, done.stderr
    assert f"{down}: connection refused" in _one_line(done)


# --- usage errors: exit 2 -----------------------------------------------------------------------


def test_b_t_without_any_server_is_a_usage_error(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    before = snapshot(bid_folder)
    done = _sign(run_paraphe, bid_folder / TXT, pki, password_file, "--level", "B-T")
    assert done.returncode == USAGE, done.stderr
    line = _one_line(done)
    assert line == (
        "paraphe: level B-T needs a timestamp server: give one with --tsa URL or in the settings"
    )
    assert snapshot(bid_folder) == before


def test_b_lta_asks_the_tsa_three_times_per_file(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    """The check before the password, the signature timestamp, the archive timestamp."""
    with FakeTsa(pki, "forward") as good:
        done = _sign(
            run_paraphe, bid_folder / TXT, pki, password_file, "--level", "B-LTA", "--tsa", good.url
        )
        assert good.requests == 3
    assert done.returncode == OK, done.stderr
    verified = run_paraphe(
        "verify", bid_folder / f"{TXT} - Signature 1.xml", "--trust", pki.root_cert, "--json"
    )
    assert verified.returncode == OK, verified.stderr
    assert '"level": "B-LTA"' in verified.stdout


def test_a_tsa_that_is_no_http_url_is_a_usage_error(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    before = snapshot(bid_folder)
    done = _sign(
        run_paraphe, bid_folder / TXT, pki, password_file, "--level", "B-T", "--tsa", "ftp://x"
    )
    assert done.returncode == USAGE, done.stderr
    assert "'ftp://x' is not a timestamp server address" in _one_line(done)
    assert snapshot(bid_folder) == before


def test_a_password_in_the_tsa_address_is_refused_without_echoing_it(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    url = "http://user:S3cret-In-Url@127.0.0.1:9/tsa"
    done = _sign(run_paraphe, bid_folder / TXT, pki, password_file, "--level", "B-T", "--tsa", url)
    assert done.returncode == USAGE, done.stderr
    assert "must not hold a user name or password" in _one_line(done)
    assert "S3cret-In-Url" not in done.stdout + done.stderr


def test_a_tsa_dying_mid_batch_exits_6_keeping_the_files_already_signed(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    documents = sorted(bid_folder.iterdir())
    assert len(documents) == 3, documents
    before = snapshot(bid_folder)
    # request 1: the check before the password; request 2: the first file; then HTTP 500
    with FakeTsa(pki, "forward", fail_after=2) as dying:
        done = run_paraphe(
            *("sign", *documents, "--p12", pki.p12("rsa"), "--password-file", password_file),
            *("--level", "B-T", "--tsa", dying.url),
            stdin="",
        )
        assert dying.requests == 3
    assert done.returncode == TIMESTAMP_UNAVAILABLE, done.stderr
    assert f"{dying.url}: HTTP error 500 Internal Server Error" in _one_line(done)
    after = snapshot(bid_folder)
    assert {name: after[name] for name in before} == before
    written = sorted(set(after) - set(before))
    assert len(written) == 1, written  # the first file's token, whole; nothing partial
    _signature_timestamp(bid_folder / written[0])
    assert "signed: " in done.stdout, done.stdout


def test_the_revocation_cache_filled_by_signing_serves_an_offline_verification(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    """B-LT signing keeps what it fetched (OCSP answers, CRLs) in the user's revocation cache;
    the verifier reads that cache: a B-T signature by the same signer then validates offline,
    where with an empty cache it is TRY_LATER (exit 3)."""
    assert pki.tsa_url is not None
    other = bid_folder / "BPU.ods"
    timestamped = _sign(
        run_paraphe,
        other,
        pki,
        password_file,
        "--format",
        "cades",
        "--level",
        "B-T",
        "--tsa",
        pki.tsa_url,
    )
    assert timestamped.returncode == OK, timestamped.stderr
    token = bid_folder / "BPU.ods - Signature 1.p7s"
    empty = run_paraphe("verify", token, "--trust", pki.root_cert, "--offline")
    assert empty.returncode == 3, empty.stdout

    long_term = _sign(
        run_paraphe, bid_folder / TXT, pki, password_file, "--level", "B-LT", "--tsa", pki.tsa_url
    )
    assert long_term.returncode == OK, long_term.stderr
    cache = tmp_path / "user-data" / "revocation-cache"
    assert list(cache.glob("*.ocsp")) and list(cache.glob("*.crl"))
    warm = run_paraphe("verify", token, "--trust", pki.root_cert, "--offline")
    assert warm.returncode == OK, warm.stdout
