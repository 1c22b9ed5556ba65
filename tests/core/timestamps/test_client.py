"""The timestamp client fails well: a TSA that is down, slow, answering garbage, refusing,
answering for another imprint or with another nonce, signed without the timeStamping EKU, or
asking for a password each gives ``TimestampUnavailable`` naming the server and the problem in a
few words; a good server after a bad one still gives a valid token, and the bad one is not asked
first again; a basic-auth password never shows."""

from __future__ import annotations

import hashlib
import time
import traceback
from pathlib import Path

import pytest
from asn1crypto import cms
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from paraphe.core.errors import TimestampUnavailable, UsageError
from paraphe.core.timestamps import client
from paraphe.core.timestamps.client import (
    FailoverTimeStamper,
    TimestampService,
    describe_failure,
)
from paraphe.core.timestamps.servers import TsaServer, tsa_servers
from paraphe.core.timestamps.token_check import TokenRejected, check_token
from tests.support.fake_tsa import FakeTsa, unused_port_url
from tests.support.pki import TestPki
from tests.support.verifiers import openssl_ts_verify

DIGEST = hashlib.sha256(b"Acte d'engagement, lot 2").digest()


def _imprint(token: cms.ContentInfo) -> bytes:
    info = token["content"]["encap_content_info"]["content"].parsed
    hashed: bytes = info["message_imprint"]["hashed_message"].native
    return hashed


def _unavailable(servers: list[TsaServer]) -> TimestampUnavailable:
    with TimestampService(servers) as service, pytest.raises(TimestampUnavailable) as caught:
        service.timestamp(DIGEST, "sha256")
    return caught.value


def _assert_plain(message: str) -> None:
    """One line of words: no traceback, no Python class or object dump."""
    assert "\n" not in message, message
    for leftover in ("Traceback", "Error(", "Exception", "<", "object at", "[Errno"):
        assert leftover not in message, message


# --- each failure, alone --------------------------------------------------------------------

FAILURES = {
    "garbage": "the answer is not a readable timestamp response",
    "wrong-content-type": "the answer is not a timestamp (content type text/html)",
    "http-500": "HTTP error 500 Internal Server Error",
    "rejected": "the server refused the request (unsupported algorithm; bad_alg)",
    "other-imprint": "the token is for another imprint than the one sent",
    "other-nonce": "the token's nonce is not the one sent (an answer to another request)",
    "no-eku": "the TSA certificate lacks the timeStamping extended key usage",
    "auth": "HTTP error 401 Unauthorized (user name or password missing or refused)",
}


@pytest.mark.parametrize("behaviour", list(FAILURES))
def test_a_bad_answer_names_the_server_and_the_problem(behaviour: str, pki: TestPki) -> None:
    with FakeTsa(pki, behaviour) as fake:
        error = _unavailable([TsaServer.parse(fake.url)])
        assert fake.requests == 1
    assert error.params["detail"] == f"{fake.url}: {FAILURES[behaviour]}"
    assert str(error).startswith(f"No timestamp could be obtained ({fake.url}: ")
    _assert_plain(str(error))


def test_a_server_that_is_down_says_connection_refused(pki: TestPki) -> None:
    down = unused_port_url()
    error = _unavailable([TsaServer.parse(down)])
    assert error.params["detail"] == f"{down}: connection refused"
    _assert_plain(str(error))


def test_an_unknown_host_says_so(pki: TestPki) -> None:
    url = "http://tsa.paraphe.invalid/tsa"  # .invalid never resolves (RFC 2606)
    error = _unavailable([TsaServer.parse(url)])
    assert error.params["detail"].startswith(f"{url}: unknown host name ("), str(error)
    _assert_plain(str(error))


def test_a_slow_server_is_given_up_after_the_timeout(
    pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client, "PER_REQUEST_TIMEOUT", 1)
    with FakeTsa(pki, "slow", delay=5) as fake:
        started = time.monotonic()
        error = _unavailable([TsaServer.parse(fake.url)])
        waited = time.monotonic() - started
    assert error.params["detail"] == f"{fake.url}: no answer within 1 s"
    assert 0.9 < waited < 3, waited
    _assert_plain(str(error))


def test_every_failed_server_is_named_in_order(pki: TestPki) -> None:
    down = unused_port_url()
    with FakeTsa(pki, "http-500") as failing, FakeTsa(pki, "other-imprint") as lying:
        error = _unavailable([TsaServer.parse(u) for u in (down, failing.url, lying.url)])
    assert error.params["detail"] == (
        f"{down}: connection refused; "
        f"{failing.url}: HTTP error 500 Internal Server Error; "
        f"{lying.url}: the token is for another imprint than the one sent"
    )


# --- failover ---------------------------------------------------------------------------------


@pytest.mark.parametrize("behaviour", ["http-500", "no-eku", "garbage"])
def test_a_good_server_after_a_bad_one_gives_a_valid_token(
    behaviour: str, pki: TestPki, tmp_path: Path
) -> None:
    with FakeTsa(pki, behaviour) as bad, FakeTsa(pki, "forward") as good:
        with TimestampService(tsa_servers([bad.url, good.url])) as service:
            service.check_reachable("sha256")
            digests = [hashlib.sha256(f"document {n}".encode()).digest() for n in range(3)]
            tokens = [service.timestamp(digest, "sha256") for digest in digests]
        # the bad server cost one request in the whole run; the good one answered every time
        assert (bad.requests, good.requests) == (1, 4)
    for digest, token in zip(digests, tokens, strict=True):
        assert _imprint(token) == digest
        check_token(token, digest, "sha256")
    checked = openssl_ts_verify(
        tokens[0].dump(), digests[0], pki.root_cert, pki.intermediate_cert, tmp_path
    )
    assert "Verification: OK" in checked.stdout, checked.stdout + checked.stderr


def test_a_down_server_first_costs_one_attempt_per_run(pki: TestPki) -> None:
    down = unused_port_url()
    with FakeTsa(pki, "forward") as good:
        with TimestampService(tsa_servers([down, good.url])) as service:
            started = time.monotonic()
            for n in range(5):
                digest = hashlib.sha256(bytes([n])).digest()
                assert _imprint(service.timestamp(digest, "sha256")) == digest
            assert time.monotonic() - started < 5
            assert service.stamper._in_turn()[0].url == good.url
        assert good.requests == 5


def test_a_failed_server_is_tried_again_when_the_others_fail(pki: TestPki) -> None:
    """Demoted, not dropped: once the good server fails too, the first one is asked again."""
    with FakeTsa(pki, "http-500") as first, FakeTsa(pki, "forward") as second:
        with TimestampService(tsa_servers([first.url, second.url])) as service:
            service.timestamp(DIGEST, "sha256")
            second.behaviour = "garbage"
            first.behaviour = "forward"
            assert _imprint(service.timestamp(DIGEST, "sha256")) == DIGEST
        assert (first.requests, second.requests) == (2, 2)


# --- basic authentication ---------------------------------------------------------------------


def test_basic_auth_gets_a_token(pki: TestPki) -> None:
    with FakeTsa(pki, "auth") as fake:
        server = TsaServer.parse(fake.url, (fake.user, fake.password))
        with TimestampService([server]) as service:
            token = service.timestamp(DIGEST, "sha256")
        assert (fake.requests, fake.authorised_requests) == (1, 1)
    assert _imprint(token) == DIGEST
    check_token(token, DIGEST, "sha256")


def test_a_refused_password_never_shows(pki: TestPki) -> None:
    secret = "Wrong-Sécret-777"
    with FakeTsa(pki, "auth") as fake:
        server = TsaServer.parse(fake.url, (fake.user, secret))
        with TimestampService([server]) as service:
            with pytest.raises(TimestampUnavailable) as caught:
                service.timestamp(DIGEST, "sha256")
            shown = [
                repr(server),
                str(server),
                repr(service.stamper),
                repr(service.stamper.servers),
            ]
        assert fake.authorised_requests == 0
    error = caught.value
    assert error.params["detail"] == (
        f"{fake.url}: HTTP error 401 Unauthorized (user name or password missing or refused)"
    )
    shown += [str(error), repr(error), repr(error.params)]
    shown += traceback.format_exception(error)
    for text in shown:
        assert secret not in text, text
        assert fake.password not in text, text


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["ftp://tsa.example.org/tsa", "http://", "https:///tsa", "tsa.example.org", "http://a b/"],
)
def test_an_address_that_is_no_http_url_is_refused(url: str) -> None:
    with pytest.raises(UsageError) as caught:
        TsaServer.parse(url)
    assert (
        str(caught.value) == f"{url!r} is not a timestamp server address (http:// or https://...)"
    )


@pytest.mark.parametrize(
    "url", ["http://user:S3cret-In-Url@tsa.example.org/tsa", "https://user@tsa.example.org/"]
)
def test_credentials_in_the_address_are_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(UsageError) as caught:
        TsaServer.parse(url)
    message = str(caught.value)
    assert message == (
        "a timestamp server address must not hold a user name or password;"
        " give them with --tsa-user and $PARAPHE_TSA_PASSWORD"
    )
    assert "S3cret" not in message


def test_servers_keep_their_order_without_repeats() -> None:
    urls = ["http://b.example/tsa", " http://a.example/tsa", "http://b.example/tsa"]
    assert [s.url for s in tsa_servers(urls)] == ["http://b.example/tsa", "http://a.example/tsa"]


def test_no_server_at_all_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="need a timestamp server"):
        FailoverTimeStamper([], session=None)


# --- the token checks, on real tokens ---------------------------------------------------------


@pytest.fixture(scope="module")
def real_token(pki: TestPki) -> cms.ContentInfo:
    with FakeTsa(pki, "forward") as fake, TimestampService([TsaServer.parse(fake.url)]) as s:
        return s.timestamp(DIGEST, "sha256")


def test_a_token_for_another_hash_algorithm_is_rejected(real_token: cms.ContentInfo) -> None:
    with pytest.raises(TokenRejected, match=r"^the token's imprint uses another hash algorithm$"):
        check_token(real_token, hashlib.sha384(b"x").digest(), "sha384")


def test_a_token_with_a_damaged_signature_is_rejected(real_token: cms.ContentInfo) -> None:
    damaged = cms.ContentInfo.load(real_token.dump())
    signer_info = damaged["content"]["signer_infos"][0]
    signature = bytearray(signer_info["signature"].native)
    signature[-1] ^= 0x01
    signer_info["signature"] = bytes(signature)
    damaged = cms.ContentInfo.load(damaged.dump(force=True))
    with pytest.raises(TokenRejected, match=r"^the token's signature does not verify$"):
        check_token(damaged, DIGEST, "sha256")


def test_an_unreadable_token_says_so_without_a_class_name(real_token: cms.ContentInfo) -> None:
    broken = cms.ContentInfo({"content_type": "data", "content": b"not a token"})
    with pytest.raises(TokenRejected, match=r"^not a CMS SignedData$"):
        check_token(broken, DIGEST, "sha256")
    garbled = cms.ContentInfo.load(real_token.dump())
    garbled["content"]["encap_content_info"]["content"] = cms.ParsableOctetString(
        b"\x30\x03\x02\x01\x05"
    )
    garbled = cms.ContentInfo.load(garbled.dump())
    with pytest.raises(TokenRejected, match=r"^the token cannot be read$"):
        check_token(garbled, DIGEST, "sha256")


def test_a_user_name_with_a_colon_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"^a timestamp server user name cannot contain ':'$"):
        FailoverTimeStamper([TsaServer.parse("http://tsa.example/", ("a:b", "pw"))], None)


def test_several_addresses_all_refused_read_as_connection_refused() -> None:
    """asyncio puts the errors of every address it tried (::1, then 127.0.0.1) in one
    message without an error number; they still read as one short reason."""
    both = OSError(
        "Multiple exceptions: [Errno 111] Connect call failed ('::1', 80, 0, 0),"
        " [Errno 111] Connect call failed ('127.0.0.1', 80)"
    )
    failure = TimestampRequestError("Error while contacting timestamp service")
    failure.__cause__ = both
    assert describe_failure(failure) == "connection refused"
    mixed = OSError("Multiple exceptions: [Errno 111] ..., [Errno 101] ...")
    failure.__cause__ = mixed
    assert describe_failure(failure).startswith("cannot connect (")
