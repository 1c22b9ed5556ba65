"""PKCS#11 discovery and inventory against a real SoftHSM2 token, and ``paraphe tokens``."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509

from paraphe.core.credentials.pkcs11.inventory import list_identities, list_tokens
from paraphe.core.credentials.pkcs11.modules import (
    ModuleNotFound,
    ModuleSource,
    ModuleWrongArchitecture,
    NotAPkcs11Module,
    candidate_modules,
    load_module,
    p11kit_modules,
)
from tests.support.pki import TestPki
from tests.support.softhsm import SOFTHSM_MODULE, SoftHsmToken, create_softhsm_token

pytestmark = pytest.mark.skipif(
    not SOFTHSM_MODULE.is_file(), reason=f"SoftHSM2 not installed ({SOFTHSM_MODULE})"
)


def _elf_header(elf_class: int, machine: int) -> bytes:
    """The first 64 bytes of a little-endian ELF shared object (ET_DYN) header."""
    ident = b"\x7fELF" + bytes([elf_class, 1, 1, 0]) + bytes(8)
    return (ident + struct.pack("<HHI", 3, machine, 1)).ljust(64, b"\0")


def _non_pkcs11_library() -> Path:
    for candidate in (
        "/usr/lib/x86_64-linux-gnu/libz.so.1",
        "/lib/x86_64-linux-gnu/libz.so.1",
        "/usr/lib/aarch64-linux-gnu/libz.so.1",
        "/usr/lib64/libz.so.1",
    ):
        if Path(candidate).is_file():
            return Path(candidate)
    pytest.skip("no libz shared library to try")


@pytest.fixture
def bad_modules(tmp_path: Path) -> dict[str, Path]:
    fake32 = tmp_path / "libfake32.so"
    fake32.write_bytes(_elf_header(1, 3))  # ELFCLASS32, EM_386
    text = tmp_path / "notes.so"
    text.write_text("this is not a library\n", encoding="utf-8")
    return {
        "missing": tmp_path / "absent" / "libnothere.so",
        "fake32": fake32,
        "text": text,
        "library": _non_pkcs11_library(),
    }


# --- discovery --------------------------------------------------------------------------------


def test_configured_softhsm_module_comes_first(softhsm_token: SoftHsmToken) -> None:
    candidates = candidate_modules([softhsm_token.module])
    first = candidates[0]
    assert first.path == softhsm_token.module
    assert first.source is ModuleSource.CONFIGURED
    assert first.exists
    assert first.vendor == "SoftHSM"
    # the same real file, registered with p11-kit under another name, is not listed twice
    real = [os.path.realpath(c.path) for c in candidates]
    assert len(real) == len(set(real))


def test_p11kit_registrations(tmp_path: Path) -> None:
    system = tmp_path / "share" / "modules"
    user = tmp_path / "user" / "modules"
    module_dir = tmp_path / "lib" / "pkcs11"
    for folder in (system, user, module_dir):
        folder.mkdir(parents=True)
    (module_dir / "libvendor.so").write_bytes(b"")
    (system / "vendor.module").write_text(
        "# a comment\nmodule: libvendor.so\ncritical: no\n", encoding="utf-8"
    )
    (system / "absolute.module").write_text(
        "module: /opt/eToken/libeTPkcs11.so\n", encoding="utf-8"
    )
    (system / "nomodule.module").write_text("trust-policy: yes\n", encoding="utf-8")
    (system / "disabled.module").write_text("module: /opt/x.so\nenable-in:\n", encoding="utf-8")
    (system / "ignored.txt").write_text("module: /opt/ignored.so\n", encoding="utf-8")
    (system / "overridden.module").write_text("module: /opt/old.so\n", encoding="utf-8")
    (user / "overridden.module").write_text("module: /opt/new.so\n", encoding="utf-8")

    found = dict(p11kit_modules([system, user], [tmp_path / "nowhere", module_dir]))
    assert found == {
        "absolute": Path("/opt/eToken/libeTPkcs11.so"),
        "overridden": Path("/opt/new.so"),
        "vendor": module_dir / "libvendor.so",
    }

    candidates = candidate_modules(p11kit_config=[system, user], include_known=False)
    by_path = {c.path: c for c in candidates}
    etoken = by_path[Path("/opt/eToken/libeTPkcs11.so")]
    assert etoken.source is ModuleSource.P11KIT
    assert not etoken.exists
    assert etoken.vendor.startswith("SafeNet")


# --- load errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "error_type", "words"),
    [
        ("missing", ModuleNotFound, "does not exist"),
        ("fake32", ModuleWrongArchitecture, "32-bit x86"),
        ("text", NotAPkcs11Module, "not a shared library"),
        ("library", NotAPkcs11Module, "C_GetFunctionList"),
    ],
)
def test_load_errors_name_the_file(
    bad_modules: dict[str, Path], kind: str, error_type: type[Exception], words: str
) -> None:
    path = bad_modules[kind]
    with pytest.raises(error_type) as caught:
        load_module(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert words in message


def test_wrong_architecture_names_both_sides(tmp_path: Path) -> None:
    arm64 = tmp_path / "libarm.so"
    arm64.write_bytes(_elf_header(2, 183))  # ELFCLASS64, EM_AARCH64
    if os.uname().machine in ("aarch64", "arm64"):
        pytest.skip("an ARM64 library is right on this machine")
    with pytest.raises(ModuleWrongArchitecture, match=r"64-bit ARM.*Paraphe runs as"):
        load_module(arm64)


def test_list_tokens_reports_failures_without_raising(bad_modules: dict[str, Path]) -> None:
    reports = list_tokens(bad_modules.values())
    assert [r.path for r in reports] == list(bad_modules.values())
    for report in reports:
        assert report.error is not None and str(report.path) in report.error
        assert report.slots == []


def test_cli_explains_each_failed_module(run_paraphe, bad_modules: dict[str, Path]) -> None:
    args: list[object] = ["tokens"]
    for path in bad_modules.values():
        args += ["--module", path]
    result = run_paraphe(*args)
    output = result.stdout + result.stderr
    assert result.returncode == 4, output
    assert "Traceback" not in output
    for path in bad_modules.values():
        assert f"cannot be used: {path}: " in output
    assert "No token library could be loaded." in result.stderr


# --- inventory on the SoftHSM token -----------------------------------------------------------


def test_list_tokens_shows_the_softhsm_token(softhsm_token: SoftHsmToken) -> None:
    (report,) = list_tokens([softhsm_token.module])
    assert report.error is None
    tokens = [slot.token for slot in report.slots if slot.token and slot.token.label]
    (token,) = tokens
    assert token.label == softhsm_token.label
    assert token.model == "SoftHSM v2"
    assert {"LOGIN_REQUIRED", "TOKEN_INITIALIZED", "USER_PIN_INITIALIZED"} <= set(token.flags)


def test_identities_without_and_with_pin(softhsm_token: SoftHsmToken, pki: TestPki) -> None:
    (report,) = list_tokens([softhsm_token.module])
    token = next(s.token for s in report.slots if s.token and s.token.label == softhsm_token.label)

    without_pin = {i.key_label: i for i in list_identities(token, None, show_all=False)}
    assert set(without_pin) == {k.label for k in softhsm_token.keys.values()}
    assert all(
        i.has_private_key is None and i.key_evidence == "public key" for i in without_pin.values()
    )

    everything = {i.key_label for i in list_identities(token, None, show_all=True)}
    assert {"Orphan cert", "Intermediate CA"} <= everything

    with_pin = {i.key_label: i for i in list_identities(token, softhsm_token.pin, show_all=False)}
    assert set(with_pin) == set(without_pin)
    for name, key in softhsm_token.keys.items():
        identity = with_pin[key.label]
        assert identity.has_private_key is True, name
        assert identity.signing_capable
        assert identity.key_id == key.key_id.hex()
        assert identity.always_authenticate is key.always_authenticate
        assert identity.certificate == x509.load_pem_x509_certificate(
            pki.cert(key.persona).read_bytes()
        )


def test_cli_lists_token_and_signing_certificates(run_paraphe, softhsm_token: SoftHsmToken) -> None:
    result = run_paraphe("tokens", "--module", softhsm_token.module, env=softhsm_token.env)
    output = result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"Token: {softhsm_token.label}" in output
    assert "LOGIN_REQUIRED" in output and "TOKEN_INITIALIZED" in output
    for holder in ("Jeanne Test", "Ecdsa Test", "Rsa3072 Test"):
        assert holder in output
    for key in softhsm_token.keys.values():
        assert f"key: {key.label} (id {key.key_id.hex()})" in output
    assert "SIREN: 123456789" in output
    assert "SHA-256: " in output
    assert "Orphan cert" not in output
    assert "Intermediate CA" not in output

    everything = run_paraphe(
        "tokens", "--module", softhsm_token.module, "--all", env=softhsm_token.env
    )
    assert everything.returncode == 0
    assert "Orphan cert" in everything.stdout
    assert "Intermediate CA" in everything.stdout


def test_cli_checks_private_keys_with_a_pin(run_paraphe, softhsm_token: SoftHsmToken) -> None:
    result = run_paraphe(
        "tokens",
        "--module",
        softhsm_token.module,
        "--token",
        softhsm_token.label,
        env={**softhsm_token.env, "PARAPHE_PIN": softhsm_token.pin},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("private key present") == 3
    assert "for every signature" in result.stdout  # the CKA_ALWAYS_AUTHENTICATE key
    assert not re.search(rf"\b{softhsm_token.pin}\b", result.stdout + result.stderr)


# --- wrong PINs on a throwaway token ----------------------------------------------------------

_WRONG_PIN_SCRIPT = r"""
import json, sys
import pkcs11
from pkcs11 import TokenFlag
from pkcs11.exceptions import PinIncorrect

module, label, pin = sys.argv[1:4]
lib = pkcs11.lib(module)

def flags():
    return int(lib.get_token(token_label=label).flags)

out = {"before": flags(), "errors": [], "flags": []}
for attempt in range(12):
    try:
        lib.get_token(token_label=label).open(user_pin="0000").close()
        out["errors"].append(None)
    except PinIncorrect:
        out["errors"].append("PinIncorrect")
    except Exception as exc:
        out["errors"].append(type(exc).__name__)
    out["flags"].append(flags())
with lib.get_token(token_label=label).open(user_pin=pin):
    out["right_pin_works"] = True
out["after_right_pin"] = flags()
print(json.dumps(out))
"""


@pytest.fixture
def throwaway_token(pki: TestPki, tmp_path: Path) -> SoftHsmToken:
    """A token of its own: wrong PINs must not touch the session token others sign with."""
    return create_softhsm_token(tmp_path / "throwaway", pki)


def test_softhsm_wrong_pin_behaviour(throwaway_token: SoftHsmToken) -> None:
    from pkcs11 import TokenFlag

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _WRONG_PIN_SCRIPT,
            str(throwaway_token.module),
            throwaway_token.label,
            throwaway_token.pin,
        ],
        env={**os.environ, **throwaway_token.env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert not out["before"] & TokenFlag.USER_PIN_COUNT_LOW
    assert out["errors"] == ["PinIncorrect"] * 12
    assert out["flags"][0] & TokenFlag.USER_PIN_COUNT_LOW  # after one wrong PIN
    for value in out["flags"]:
        # SoftHSM 2.6 never warns of the last try nor locks: the token double covers those paths
        assert not value & TokenFlag.USER_PIN_FINAL_TRY
        assert not value & TokenFlag.USER_PIN_LOCKED
    assert out["right_pin_works"] is True
    assert not out["after_right_pin"] & TokenFlag.USER_PIN_COUNT_LOW


def test_cli_wrong_pin_exit_code(run_paraphe, throwaway_token: SoftHsmToken) -> None:
    result = run_paraphe(
        "tokens",
        "--module",
        throwaway_token.module,
        "--token",
        throwaway_token.label,
        env={**throwaway_token.env, "PARAPHE_PIN": "0000"},
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "wrong PIN" in result.stdout
    assert "Traceback" not in result.stderr
    assert not re.search(r"\b0000\b", result.stdout + result.stderr)
