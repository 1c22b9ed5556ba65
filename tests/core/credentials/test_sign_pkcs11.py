"""Signing with a key on a SoftHSM2 token, in every format, checked by independent verifiers.

The command runs as a child process against the session token; engine-level tests run in this
process (SoftHSM reads ``SOFTHSM2_CONF`` once per process, set by the ``softhsm_token`` fixture).
A wrong PIN changes a token's state, so those tests get a throw-away token of their own, used only
from child processes. PIN pads, "final try" and locked PINs cannot be produced by SoftHSM: those
paths are driven by a token double wrapping the real token (STACK-NOTES allows it there only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from paraphe.core.credentials.pkcs11.credential import Pkcs11Credential
from paraphe.core.credentials.pkcs11.token_errors import (
    KeyNotFound,
    PinLocked,
    TokenRemoved,
    WrongPinFinalTry,
)
from paraphe.core.credentials.secrets import SecretRequest
from paraphe.core.errors import Cancelled, Notice
from paraphe.core.signing.engine import BatchSigner, plan_documents
from paraphe.core.signing.request import SignatureFormat, SignRequest, SignResult
from tests.conftest import RunParaphe, snapshot
from tests.support.pki import TestPki
from tests.support.softhsm import USER_PIN, SoftHsmToken, create_softhsm_token
from tests.support.verifiers import openssl_cms_verify, pdfsig, xmlsec1_verify

PDF = "Acte d'engagement.pdf"
ODS = "BPU.ods"
TXT = "Mémoire technique.txt"
WRONG_PIN = "97531"  # distinctive, to prove it never shows up in any output


@pytest.fixture
def pin_file(tmp_path: Path) -> Path:
    path = tmp_path / "pin.txt"
    path.write_text(USER_PIN + "\n", encoding="utf-8")
    return path


def key_label(token: SoftHsmToken, persona: str) -> str:
    return token.keys[persona].label


def cert_of(pki: TestPki, token: SoftHsmToken, persona: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pki.cert(token.keys[persona].persona).read_bytes())


def token_args(token: SoftHsmToken, persona: str, pin_file: Path) -> list[object]:
    return ["--pkcs11", token.module, "--key", key_label(token, persona), "--pin-file", pin_file]


def signer_serial(p7s: Path) -> int:
    signer_info = cms.ContentInfo.load(p7s.read_bytes())["content"]["signer_infos"][0]
    return int(signer_info["sid"].chosen["serial_number"].native)


class PinCounter:
    """A PIN callback that counts how often it is asked."""

    def __init__(self, pin: str | None = USER_PIN) -> None:
        self.pin = pin
        self.requests: list[SecretRequest] = []

    def __call__(self, request: SecretRequest) -> str | None:
        self.requests.append(request)
        return self.pin


def open_token_credential(
    token: SoftHsmToken, persona: str, pin: PinCounter | None = None, **kwargs: Any
) -> Pkcs11Credential:
    return Pkcs11Credential.open(
        token.module,
        token_label=token.label,
        key_label=key_label(token, persona),
        cert_sha256=None,
        ask_secret=pin or PinCounter(),
        **kwargs,
    )


def copies(folder: Path, source: Path, count: int) -> tuple[Path, ...]:
    made = []
    for number in range(1, count + 1):
        target = folder / f"{source.stem} {number}{source.suffix}"
        target.write_bytes(source.read_bytes())
        made.append(target)
    return tuple(made)


def output_checks(pki: TestPki, nssdir: str, result: SignResult) -> None:
    if result.format is SignatureFormat.XADES:
        checked = xmlsec1_verify(result.output, pki.root_cert)
        assert checked.returncode == 0, checked.stderr
    elif result.format is SignatureFormat.CADES:
        checked = openssl_cms_verify(result.output, result.document, pki.root_cert)
        assert checked.returncode == 0, checked.stderr
    else:
        checked = pdfsig(result.output, nssdir)
        assert "Signature is Valid" in checked.stdout, checked.stdout + checked.stderr


# --- the command, with the session token ---------------------------------------------------


@pytest.mark.parametrize("persona", ["rsa", "ecdsa"])
def test_xades_with_a_token_key_verifies_with_xmlsec1(
    persona: str,
    pki: TestPki,
    softhsm_token: SoftHsmToken,
    bid_folder: Path,
    pin_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    before = snapshot(bid_folder)
    files = [bid_folder / PDF, bid_folder / ODS, bid_folder / TXT]
    done = run_paraphe(
        "sign", *files, *token_args(softhsm_token, persona, pin_file), env=softhsm_token.env
    )
    assert done.returncode == 0, done.stderr
    for document in files:
        token = bid_folder / f"{document.name} - Signature 1.xml"
        assert f"signed: {token}" in done.stdout
        checked = xmlsec1_verify(token, pki.root_cert)
        assert checked.returncode == 0, checked.stderr
    after = snapshot(bid_folder)
    assert {name: digest for name, digest in after.items() if name in before} == before
    assert len(after) == len(before) + 3


@pytest.mark.parametrize(
    ("persona", "extra"),
    [
        ("rsa", []),
        ("ecdsa", []),
        ("rsa", ["--rsa-pss"]),
        ("rsa", ["--digest", "sha384"]),
        ("ecdsa", ["--digest", "sha512"]),
    ],
)
def test_cades_with_a_token_key_verifies_with_openssl(
    persona: str,
    extra: list[str],
    pki: TestPki,
    softhsm_token: SoftHsmToken,
    bid_folder: Path,
    pin_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    files = [bid_folder / ODS, bid_folder / TXT]
    done = run_paraphe(
        "sign",
        *files,
        "--format",
        "cades",
        *token_args(softhsm_token, persona, pin_file),
        *extra,
        env=softhsm_token.env,
    )
    assert done.returncode == 0, done.stderr
    for document in files:
        token = bid_folder / f"{document.name} - Signature 1.p7s"
        checked = openssl_cms_verify(token, document, pki.root_cert)
        assert checked.returncode == 0, checked.stderr
        assert signer_serial(token) == cert_of(pki, softhsm_token, persona).serial_number
    if "--rsa-pss" in extra:
        signer_info = cms.ContentInfo.load(token.read_bytes())["content"]["signer_infos"][0]
        assert signer_info["signature_algorithm"].signature_algo == "rsassa_pss"


@pytest.mark.parametrize("persona", ["rsa", "ecdsa"])
def test_pades_with_a_token_key_verifies_with_pdfsig(
    persona: str,
    softhsm_token: SoftHsmToken,
    nssdir: str,
    bid_folder: Path,
    pin_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    original = bid_folder / PDF
    before = original.read_bytes()
    done = run_paraphe(
        "sign",
        original,
        "--format",
        "pades",
        *token_args(softhsm_token, persona, pin_file),
        env=softhsm_token.env,
    )
    assert done.returncode == 0, done.stderr
    assert original.read_bytes() == before
    checked = pdfsig(bid_folder / "Acte d'engagement_signe.pdf", nssdir)
    assert "Signature is Valid" in checked.stdout, checked.stdout + checked.stderr


def test_the_certificate_is_chosen_by_its_sha256_fingerprint_and_the_pin_from_the_environment(
    pki: TestPki, softhsm_token: SoftHsmToken, bid_folder: Path, run_paraphe: RunParaphe
) -> None:
    wanted = cert_of(pki, softhsm_token, "ecdsa")
    fingerprint = wanted.fingerprint(hashes.SHA256()).hex(":").upper()  # as viewers show it
    document = bid_folder / TXT
    done = run_paraphe(
        "sign",
        document,
        "--format",
        "cades",
        "--pkcs11",
        softhsm_token.module,
        "--cert",
        fingerprint,
        env={**softhsm_token.env, "PARAPHE_PIN": USER_PIN},
    )
    assert done.returncode == 0, done.stderr
    token = bid_folder / f"{TXT} - Signature 1.p7s"
    assert signer_serial(token) == wanted.serial_number
    assert openssl_cms_verify(token, document, pki.root_cert).returncode == 0


def test_the_always_authenticate_key_signs_a_batch_from_the_command_line(
    softhsm_token: SoftHsmToken,
    nssdir: str,
    bid_folder: Path,
    pin_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    files = copies(bid_folder, bid_folder / PDF, 3)
    done = run_paraphe(
        "sign",
        *files,
        "--format",
        "pades",
        *token_args(softhsm_token, "always-auth", pin_file),
        env=softhsm_token.env,
    )
    assert done.returncode == 0, done.stderr
    for document in files:
        checked = pdfsig(document.with_name(f"{document.stem}_signe.pdf"), nssdir)
        assert "Signature is Valid" in checked.stdout, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--token", "No Such Token"], ["'No Such Token'", "Paraphe Test Token"]),
        (["--key", "Nobody"], ["'Nobody'", "Jeanne Test RSA", "Ecdsa Test"]),
        (["--cert", "ab" * 32], ["ab" * 32]),
    ],
)
def test_a_token_or_key_not_found_stops_with_exit_3_naming_what_was_searched(
    options: list[str],
    named: list[str],
    softhsm_token: SoftHsmToken,
    bid_folder: Path,
    pin_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    before = snapshot(bid_folder)
    done = run_paraphe(
        "sign",
        bid_folder / TXT,
        "--pkcs11",
        softhsm_token.module,
        *options,
        "--pin-file",
        pin_file,
        env=softhsm_token.env,
    )
    assert done.returncode == 3, done.stderr
    for name in named:
        assert name in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(bid_folder) == before


def test_without_a_pin_source_and_no_terminal_the_command_says_how_to_give_it(
    softhsm_token: SoftHsmToken, bid_folder: Path, run_paraphe: RunParaphe
) -> None:
    done = run_paraphe(
        "sign",
        bid_folder / TXT,
        "--pkcs11",
        softhsm_token.module,
        "--key",
        key_label(softhsm_token, "rsa"),
        env=softhsm_token.env,
        stdin="",
    )
    assert done.returncode == 2, done.stderr
    assert "--pin-file" in done.stderr and "PARAPHE_PIN" in done.stderr


def test_token_options_are_refused_with_a_p12(
    pki: TestPki, bid_folder: Path, password_file: Path, run_paraphe: RunParaphe
) -> None:
    both = run_paraphe(
        "sign", bid_folder / TXT, "--p12", pki.p12("rsa"), "--pkcs11", "/nowhere/lib.so"
    )
    assert both.returncode == 2
    stray = run_paraphe(
        "sign",
        bid_folder / TXT,
        "--p12",
        pki.p12("rsa"),
        "--password-file",
        password_file,
        "--key",
        "x",
    )
    assert stray.returncode == 2
    assert "--key need --pkcs11" in stray.stderr


# --- a throw-away token for wrong PINs (they change its state) ------------------------------


@pytest.fixture
def spare_token(pki: TestPki, tmp_path: Path) -> SoftHsmToken:
    """A token of its own, used only from child processes (this process keeps the session's)."""
    return create_softhsm_token(tmp_path / "spare-token", pki)


def test_a_wrong_pin_stops_with_exit_3_writes_nothing_and_never_shows_the_pin(
    pki: TestPki,
    spare_token: SoftHsmToken,
    bid_folder: Path,
    pin_file: Path,
    run_paraphe: RunParaphe,
) -> None:
    before = snapshot(bid_folder)
    wrong = bid_folder.parent / "wrong-pin.txt"
    wrong.write_text(WRONG_PIN + "\n", encoding="utf-8")
    files = [bid_folder / PDF, bid_folder / TXT]
    done = run_paraphe(
        "sign",
        *files,
        "--pkcs11",
        spare_token.module,
        "--key",
        key_label(spare_token, "rsa"),
        "--pin-file",
        wrong,
        env=spare_token.env,
    )
    assert done.returncode == 3, done.stderr
    assert "wrong PIN for the token Paraphe Test Token" in done.stderr
    assert WRONG_PIN not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(bid_folder) == before

    # SoftHSM now says a wrong PIN was entered: the next run warns before asking, then signs.
    again = run_paraphe(
        "sign",
        bid_folder / TXT,
        *token_args(spare_token, "rsa", pin_file),
        env=spare_token.env,
    )
    assert again.returncode == 0, again.stderr
    assert "few tries are left" in again.stderr
    assert USER_PIN not in again.stdout + again.stderr
    checked = xmlsec1_verify(bid_folder / f"{TXT} - Signature 1.xml", pki.root_cert)
    assert checked.returncode == 0, checked.stderr


# --- the engine, in this process -----------------------------------------------------------


def test_a_batch_of_five_files_asks_the_pin_once_and_logs_in_once(
    pki: TestPki, nssdir: str, softhsm_token: SoftHsmToken, bid_folder: Path
) -> None:
    files = copies(bid_folder, bid_folder / TXT, 5)
    request = SignRequest(documents=files, format=SignatureFormat.CADES)
    pin = PinCounter()
    with open_token_credential(softhsm_token, "rsa", pin) as credential:
        original_session = credential.session
        outcome = BatchSigner(request, credential).run(plan_documents(request))
        assert credential.session is original_session  # one session for the whole batch
    assert not outcome.failures, [f.message for f in outcome.failures]
    assert len(pin.requests) == 1
    assert pin.requests[0].token_label == softhsm_token.label
    assert not pin.requests[0].protected_path
    assert len(outcome.results) == 5
    for result in outcome.results:
        output_checks(pki, nssdir, result)


@pytest.mark.parametrize("signature_format", list(SignatureFormat))
def test_the_always_authenticate_key_logs_in_for_each_signature_of_a_batch(
    signature_format: SignatureFormat,
    pki: TestPki,
    nssdir: str,
    softhsm_token: SoftHsmToken,
    bid_folder: Path,
) -> None:
    from pkcs11 import Mechanism
    from pkcs11.exceptions import PKCS11Error

    source = bid_folder / (PDF if signature_format is SignatureFormat.PADES else TXT)
    files = copies(bid_folder, source, 3)
    request = SignRequest(documents=files, format=signature_format)
    pin = PinCounter()
    with open_token_credential(softhsm_token, "always-auth", pin) as credential:
        assert credential.always_authenticate
        # The token refuses a signature without the context-specific login...
        with pytest.raises(PKCS11Error) as refused:
            credential._key_object.sign(b"\0" * 51, mechanism=Mechanism.RSA_PKCS)
        assert type(refused.value).__name__ in {"UserNotLoggedIn", "PinRequired"}
        # ...and every signature of the batch goes through with it.
        outcome = BatchSigner(request, credential).run(plan_documents(request))
    assert not outcome.failures, [f.message for f in outcome.failures]
    assert len(pin.requests) == 1
    assert len(outcome.results) == 3
    for result in outcome.results:
        output_checks(pki, nssdir, result)


def test_a_cancelled_pin_prompt_signs_nothing(
    softhsm_token: SoftHsmToken, bid_folder: Path
) -> None:
    before = snapshot(bid_folder)
    with pytest.raises(Cancelled):
        open_token_credential(softhsm_token, "rsa", PinCounter(pin=None))
    assert snapshot(bid_folder) == before


def test_a_key_not_found_names_what_was_searched_and_what_is_there(
    softhsm_token: SoftHsmToken,
) -> None:
    with pytest.raises(KeyNotFound) as missing:
        Pkcs11Credential.open(
            softhsm_token.module,
            token_label=None,
            key_label=None,
            cert_sha256="00" * 32,
            ask_secret=PinCounter(),
        )
    message = missing.value.message
    assert "00" * 32 in message
    assert "Jeanne Test RSA" in message and "Always Auth" in message
    assert "Orphan cert" not in message  # a certificate without a key is no signing identity


def test_without_key_or_cert_several_identities_are_listed(softhsm_token: SoftHsmToken) -> None:
    from paraphe.core.credentials.pkcs11.token_errors import SeveralKeys

    with pytest.raises(SeveralKeys) as several:
        Pkcs11Credential.open(
            softhsm_token.module,
            token_label=None,
            key_label=None,
            cert_sha256=None,
            ask_secret=PinCounter(),
        )
    assert "--key" in several.value.message and "Ecdsa Test" in several.value.message


def test_the_chain_comes_from_the_token(pki: TestPki, softhsm_token: SoftHsmToken) -> None:
    intermediate = x509.load_pem_x509_certificate(pki.intermediate_cert.read_bytes())
    with open_token_credential(softhsm_token, "ecdsa") as credential:
        assert credential.chain == (intermediate,)
        assert credential.certificate == cert_of(pki, softhsm_token, "ecdsa")


@pytest.mark.parametrize("signature_format", [SignatureFormat.CADES, SignatureFormat.XADES])
def test_a_token_pulled_out_mid_batch_fails_the_current_file_and_keeps_the_finished_one(
    signature_format: SignatureFormat,
    pki: TestPki,
    nssdir: str,
    softhsm_token: SoftHsmToken,
    bid_folder: Path,
) -> None:
    files = copies(bid_folder, bid_folder / TXT, 3)
    before = snapshot(bid_folder)
    request = SignRequest(documents=files, format=signature_format)
    finished: list[SignResult] = []
    with open_token_credential(softhsm_token, "rsa") as credential:

        def pull_out(result: SignResult) -> None:
            finished.append(result)
            credential.session.close()  # what the module reports when the token is gone

        signer = BatchSigner(request, credential, on_result=pull_out)
        with pytest.raises(TokenRemoved) as removed:
            signer.run(plan_documents(request))
    assert "removed or its session was lost" in removed.value.message
    assert len(finished) == 1
    output_checks(pki, nssdir, finished[0])
    after = snapshot(bid_folder)
    new = set(after) - set(before)
    assert new == {str(finished[0].output.relative_to(bid_folder))}  # nothing partial left
    named = removed.value.while_signing(files[1])
    assert str(files[1]) in named.message


# --- PIN pads, final tries and locked PINs: a token double over the real token --------------


class TokenDouble:
    """The real SoftHSM token with other flags, and a PIN pad that 'types' the right PIN."""

    def __init__(self, real: Any, flags: Any, refuse_pin: Exception | None = None) -> None:
        self._real = real
        self.label = real.label
        self.flags = flags
        self.refuse_pin = refuse_pin
        self.opened_with: list[object] = []
        self.flags_after_refusal: Any = None

    def open(self, rw: bool = False, user_pin: Any = None) -> Any:
        from pkcs11 import PROTECTED_AUTH

        self.opened_with.append(user_pin)
        if self.refuse_pin is not None:
            if self.flags_after_refusal is not None:
                self.flags = self.flags_after_refusal
            raise self.refuse_pin
        if user_pin is PROTECTED_AUTH:
            return self._real.open(user_pin=USER_PIN)  # the reader sends what was typed on it
        return self._real.open(user_pin=user_pin)


@pytest.fixture
def real_token(softhsm_token: SoftHsmToken) -> Any:
    from paraphe.core.credentials.pkcs11.modules import load_module

    return load_module(softhsm_token.module).get_token(token_label=softhsm_token.label)


def pin_pad_token(real_token: Any) -> TokenDouble:
    from pkcs11 import TokenFlag

    return TokenDouble(
        real_token,
        TokenFlag.LOGIN_REQUIRED
        | TokenFlag.TOKEN_INITIALIZED
        | TokenFlag.PROTECTED_AUTHENTICATION_PATH,
    )


class Keypad:
    """The reader's keypad, at the C_Login function: it receives a NULL PIN and sends the PIN
    the user typed, or CKR_FUNCTION_CANCELED when the user presses Cancel."""

    def __init__(self, module: Path, presses: list[str] | None = None) -> None:
        from paraphe.core.credentials.pkcs11 import pin_pad_sign

        self.sign_init, self.login, self.sign = pin_pad_sign._functions(module)
        self.presses = iter(presses or [])
        self.logins: list[tuple[int, bytes | None, int]] = []

    def functions(self, module: Path) -> tuple[Any, Any, Any]:
        return self.sign_init, self.reader_login, self.sign

    def reader_login(self, session: int, user_type: int, pin: bytes | None, length: int) -> int:
        self.logins.append((user_type, pin, length))
        if next(self.presses, "typed") == "cancel":
            return 0x50  # CKR_FUNCTION_CANCELED
        typed = USER_PIN.encode() if pin is None else pin
        return int(self.login(session, user_type, typed, len(typed)))


@pytest.fixture
def keypad(softhsm_token: SoftHsmToken, monkeypatch: pytest.MonkeyPatch) -> Keypad:
    from paraphe.core.credentials.pkcs11 import pin_pad_sign

    pad = Keypad(softhsm_token.module)
    monkeypatch.setattr(pin_pad_sign, "_functions", pad.functions)
    return pad


def test_a_pin_pad_reader_logs_in_without_asking_and_says_to_type_on_it(
    pki: TestPki, nssdir: str, softhsm_token: SoftHsmToken, real_token: Any, bid_folder: Path
) -> None:
    from pkcs11 import PROTECTED_AUTH

    double = pin_pad_token(real_token)
    pin = PinCounter()
    notices: list[Notice] = []
    request = SignRequest(documents=(bid_folder / TXT,), format=SignatureFormat.XADES)
    with Pkcs11Credential.open_token(
        double,
        softhsm_token.module,
        key_label=key_label(softhsm_token, "rsa"),
        ask_secret=pin,
        on_notice=notices.append,
    ) as credential:
        outcome = BatchSigner(request, credential).run(plan_documents(request))
    assert not pin.requests
    assert double.opened_with == [PROTECTED_AUTH]
    assert [n.message for n in notices] == [
        f"token {softhsm_token.label}: type the PIN on the reader's keypad."
    ]
    output_checks(pki, nssdir, outcome.results[0])


def test_the_pin_pad_context_login_reaches_the_module_as_a_null_pin(
    pki: TestPki, softhsm_token: SoftHsmToken
) -> None:
    """Our own C_SignInit / C_Login / C_Sign sequence on the real token: with the PIN it signs;
    with no PIN it passes NULL, which SoftHSM (no PIN pad) refuses as a bad argument, not as a
    wrong PIN: no try is counted, and the key signs again right after."""
    from cryptography.hazmat.primitives.asymmetric import padding
    from pkcs11 import MGF, Mechanism
    from pkcs11 import exceptions as p11

    from paraphe.core.credentials.pkcs11 import pin_pad_sign

    digest = hashes.Hash(hashes.SHA256())
    digest.update(b"offre")
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420") + digest.finalize()
    public_key = cert_of(pki, softhsm_token, "always-auth").public_key()
    with open_token_credential(softhsm_token, "always-auth") as credential:
        handles = (credential.session.handle, credential._key_object.handle)
        signature = pin_pad_sign.sign(
            softhsm_token.module, *handles, Mechanism.RSA_PKCS, digest_info, pin=USER_PIN.encode()
        )
        public_key.verify(signature, b"offre", padding.PKCS1v15(), hashes.SHA256())
        with pytest.raises(p11.ArgumentsBad):
            pin_pad_sign.sign(softhsm_token.module, *handles, Mechanism.RSA_PKCS, digest_info)
        again = pin_pad_sign.sign(
            softhsm_token.module, *handles, Mechanism.RSA_PKCS, digest_info, pin=USER_PIN.encode()
        )
        public_key.verify(again, b"offre", padding.PKCS1v15(), hashes.SHA256())
        # RSA-PSS: the mechanism's parameters go through our structure too
        pss = pin_pad_sign.sign(
            softhsm_token.module,
            *handles,
            Mechanism.RSA_PKCS_PSS,
            digest_info[-32:],
            (Mechanism.SHA256, MGF.SHA256, 32),
            pin=USER_PIN.encode(),
        )
        public_key.verify(
            pss,
            b"offre",
            padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
            hashes.SHA256(),
        )


@pytest.mark.parametrize("signature_format", list(SignatureFormat))
def test_a_pin_pad_reader_asks_for_each_signature_of_an_always_authenticate_key(
    signature_format: SignatureFormat,
    pki: TestPki,
    nssdir: str,
    softhsm_token: SoftHsmToken,
    real_token: Any,
    bid_folder: Path,
    keypad: Keypad,
) -> None:
    """A qualified-signature key behind a PIN pad reader: no PIN prompt from us, one NULL-PIN
    context-specific login per signature (the reader then asks), three files in three logins."""
    from pkcs11 import PROTECTED_AUTH

    from paraphe.core.credentials.pkcs11 import pin_pad_sign

    double = pin_pad_token(real_token)
    source = bid_folder / (PDF if signature_format is SignatureFormat.PADES else TXT)
    request = SignRequest(documents=copies(bid_folder, source, 3), format=signature_format)
    pin = PinCounter()
    notices: list[Notice] = []
    with Pkcs11Credential.open_token(
        double,
        softhsm_token.module,
        key_label=key_label(softhsm_token, "always-auth"),
        ask_secret=pin,
        on_notice=notices.append,
    ) as credential:
        outcome = BatchSigner(request, credential).run(plan_documents(request))
    assert not outcome.failures, [f.message for f in outcome.failures]
    assert not pin.requests
    assert double.opened_with == [PROTECTED_AUTH]
    assert keypad.logins == [(pin_pad_sign.CKU_CONTEXT_SPECIFIC, None, 0)] * 3
    assert [n.message for n in notices] == [
        f"token {softhsm_token.label}: type the PIN on the reader's keypad.",
        f"token {softhsm_token.label}: this key asks for its PIN on the reader's keypad again"
        " for each signature.",
    ]
    for result in outcome.results:
        output_checks(pki, nssdir, result)


def test_cancel_on_the_reader_keypad_stops_the_batch_and_keeps_nothing_partial(
    softhsm_token: SoftHsmToken, real_token: Any, bid_folder: Path, keypad: Keypad
) -> None:
    keypad.presses = iter(["typed", "cancel"])
    files = copies(bid_folder, bid_folder / TXT, 3)
    request = SignRequest(documents=files, format=SignatureFormat.CADES)
    signed: list[SignResult] = []
    with Pkcs11Credential.open_token(
        pin_pad_token(real_token),
        softhsm_token.module,
        key_label=key_label(softhsm_token, "always-auth"),
        ask_secret=PinCounter(),
    ) as credential:
        with pytest.raises(Cancelled):
            BatchSigner(request, credential, on_result=signed.append).run(plan_documents(request))
        # The operation the cancelled login left open was ended: the key signs again.
        with pytest.raises(Exception) as not_logged_in:
            credential._key_object.sign(b"\0" * 51)
        assert type(not_logged_in.value).__name__ in {"UserNotLoggedIn", "PinRequired"}
    assert len(keypad.logins) == 2
    assert [r.document for r in signed] == [files[0]]
    assert sorted(p.name for p in bid_folder.glob(f"{Path(TXT).stem} *")) == sorted(
        [f.name for f in files] + [f"{files[0].name} - Signature 1.p7s"]
    )


def test_a_final_try_is_announced_before_the_pin_is_asked(
    softhsm_token: SoftHsmToken, real_token: Any
) -> None:
    from pkcs11 import TokenFlag

    double = TokenDouble(
        real_token,
        TokenFlag.LOGIN_REQUIRED | TokenFlag.USER_PIN_COUNT_LOW | TokenFlag.USER_PIN_FINAL_TRY,
    )
    events: list[str] = []

    def ask(request: SecretRequest) -> str:
        events.append(f"asked final_try={request.final_try}")
        return USER_PIN

    with Pkcs11Credential.open_token(
        double,
        softhsm_token.module,
        key_label=key_label(softhsm_token, "ecdsa"),
        ask_secret=ask,
        on_notice=lambda notice: events.append(notice.message),
    ) as credential:
        assert credential.certificate is not None
    assert events == [
        f"token {softhsm_token.label}: one try left before the token locks.",
        "asked final_try=True",
    ]


def test_a_locked_pin_stops_before_asking(softhsm_token: SoftHsmToken, real_token: Any) -> None:
    from pkcs11 import TokenFlag

    double = TokenDouble(real_token, TokenFlag.LOGIN_REQUIRED | TokenFlag.USER_PIN_LOCKED)
    pin = PinCounter()
    with pytest.raises(PinLocked) as locked:
        Pkcs11Credential.open_token(double, softhsm_token.module, ask_secret=pin)
    assert not pin.requests and not double.opened_with
    assert "is locked" in locked.value.message and "PUK" in locked.value.message


def test_a_wrong_pin_is_not_retried_and_says_when_one_try_is_left(
    softhsm_token: SoftHsmToken, real_token: Any
) -> None:
    from pkcs11 import TokenFlag
    from pkcs11.exceptions import PinIncorrect
    from pkcs11.exceptions import PinLocked as Pkcs11PinLocked

    double = TokenDouble(real_token, TokenFlag.LOGIN_REQUIRED, refuse_pin=PinIncorrect())
    double.flags_after_refusal = TokenFlag.LOGIN_REQUIRED | TokenFlag.USER_PIN_FINAL_TRY
    pin = PinCounter(pin=WRONG_PIN)
    with pytest.raises(WrongPinFinalTry) as wrong:
        Pkcs11Credential.open_token(double, softhsm_token.module, ask_secret=pin)
    assert len(pin.requests) == 1 and len(double.opened_with) == 1
    assert "one try left before the token locks" in wrong.value.message
    assert WRONG_PIN not in wrong.value.message

    locking = TokenDouble(real_token, TokenFlag.LOGIN_REQUIRED, refuse_pin=Pkcs11PinLocked())
    with pytest.raises(PinLocked):
        Pkcs11Credential.open_token(locking, softhsm_token.module, ask_secret=PinCounter())
