"""The administrator's policy: precedence (locked > user > policy defaults > built-in), one line
per problem naming the file, the line and the key, the rest still applied, the example file
documented and valid, the trust and network it sets, and ``paraphe policy show``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from paraphe.core.config.policy import TABLES, apply_network, load_policy
from paraphe.core.config.settings import TRUST_ANCHORS, Settings
from paraphe.core.etsi import BaselineLevel, SignatureFormat
from paraphe.core.trust import PolicyTrust, SystemTrust, chosen_sources
from tests.conftest import REPO, RunParaphe

EXAMPLE = REPO / "resources" / "policy.example.toml"


def _policy(tmp_path: Path, text: str):
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path)


def test_precedence_locked_then_user_then_policy_defaults_then_built_in(tmp_path: Path) -> None:
    policy = _policy(
        tmp_path,
        '[defaults]\ndefault_level = "B-T"\ndefault_format = "cades"\n'
        '[locked]\ntimestamp_urls = ["http://tsa.example/"]\n',
    )
    user = tmp_path / "user"
    user.mkdir()
    (user / "settings.json").write_text(
        '{"default_format": "pades", "timestamp_urls": ["http://mine.example/"]}', encoding="utf-8"
    )
    settings = Settings.load(user, policy=policy)
    assert settings.timestamp_urls == ["http://tsa.example/"]  # locked beats the user's
    assert settings.default_format is SignatureFormat.PADES  # the user's beats the default
    assert settings.default_level is BaselineLevel.B_T  # the policy's default beats built-in
    assert settings.pades_suffix == "_signe"  # built-in
    assert settings.locked == frozenset({"timestamp_urls"})


def test_saving_keeps_only_what_the_user_chose(tmp_path: Path) -> None:
    policy = _policy(tmp_path, '[defaults]\ndefault_level = "B-T"\n[locked]\npades_suffix = "_x"\n')
    folder = tmp_path / "user"
    settings = Settings.load(folder, policy=policy)
    settings.output_dir = "/tmp/out"
    settings.save(folder)
    saved = (folder / "settings.json").read_text(encoding="utf-8")
    assert '"output_dir"' in saved
    assert '"default_level"' not in saved  # the policy's default, not the user's choice
    assert '"pades_suffix"' not in saved  # locked: the policy's
    later = _policy(tmp_path, '[defaults]\ndefault_level = "B-LT"\n')
    assert Settings.load(folder, policy=later).default_level is BaselineLevel.B_LT


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            '[defaults]\ndefault_level = "B-T"\ncolour = "blue"\n',
            3,
            "unknown key “colour” in [defaults]",
        ),
        (
            '[locked]\n\ntimestamp_urls = "http://x"\n',
            3,
            "“timestamp_urls” in [locked] must be a list of addresses",
        ),
        ('[defaults]\ndefault_level = "B-Z"\n', 2, "must be B-B, B-T, B-LT or B-LTA"),
        ('[trust]\nsystem_roots = "yes"\n', 2, "“system_roots” in [trust] must be true or false"),
        ('[printing]\npaper = "A4"\n', 1, "unknown section or key “printing”"),
    ],
)
def test_a_bad_key_is_one_line_with_file_line_and_key_and_the_rest_applies(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    policy = _policy(tmp_path, text + '\n[network]\nproxy = "http://proxy:3128"\n')
    [problem] = policy.problems
    assert problem.message.startswith(f"{tmp_path / 'policy.toml'}, line {line}: ")
    assert words in problem.message and "\n" not in problem.message
    assert policy.network == {"proxy": "http://proxy:3128"}  # the rest still applies


def test_a_file_that_is_not_toml_is_ignored_whole_with_its_line(tmp_path: Path) -> None:
    policy = _policy(tmp_path, '[defaults]\ndefault_level = "B-T"\n[locked\n')
    [problem] = policy.problems
    assert ", line 3: not valid TOML" in problem.message and "ignored" in problem.message
    assert policy.defaults == {} and policy.locked == {}
    assert Settings.load(tmp_path / "user", policy=policy).default_level is BaselineLevel.B_B


def test_no_file_is_an_empty_policy(tmp_path: Path) -> None:
    policy = load_policy(tmp_path / "absent.toml")
    assert not policy.found and not policy.problems and not policy.locked


def test_the_example_documents_every_key_and_is_valid() -> None:
    policy = load_policy(EXAMPLE)
    assert policy.found and policy.problems == ()
    text = EXAMPLE.read_text(encoding="utf-8")
    for table, keys in TABLES.items():
        assert f"[{table}]" in text
        for key in keys:
            assert key in text, (table, key)


def test_trust_and_network_from_the_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    anchor = tmp_path / "ac.pem"
    policy = _policy(
        tmp_path,
        f'[trust]\nextra_anchors = ["{anchor}"]\nsystem_roots = true\nlock_anchors = true\n'
        '[network]\nproxy = "http://proxy.example:3128"\nno_proxy = "localhost"\n',
    )
    sources = chosen_sources(policy=policy)
    assert any(isinstance(s, PolicyTrust) and s.path == anchor for s in sources)
    assert any(isinstance(s, SystemTrust) for s in sources)
    assert PolicyTrust(anchor).certificates() == []  # missing: trusts nothing, stops nothing
    assert TRUST_ANCHORS in Settings.load(tmp_path / "user", policy=policy).locked
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "NO_PROXY", "no_proxy"):
        # recorded by monkeypatch, so that what apply_network sets is undone after the test
        # (a proxy left behind sent every later test's requests to proxy.example)
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    apply_network(policy)
    assert os.environ["HTTPS_PROXY"] == "http://proxy.example:3128"
    assert os.environ["NO_PROXY"] == "localhost"


def test_policy_show_and_problems_on_the_command_line(
    run_paraphe: RunParaphe, tmp_path: Path
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[defaults]\ndefault_level = "B-T"\n[locked]\ntimestamp_urls = ["http://tsa.example/"]\n'
        'colour = "blue"\n',
        encoding="utf-8",
    )
    done = run_paraphe("policy", "show", env={"PARAPHE_POLICY": str(policy)})
    assert done.returncode == 0, done.stderr
    assert f"Policy file: {policy} (found)" in done.stdout
    assert 'timestamp_urls = ["http://tsa.example/"]  (locked by the policy)' in done.stdout
    assert "default_level = B-T  (policy default)" in done.stdout
    assert "default_format = xades  (built-in)" in done.stdout
    assert done.stderr.splitlines() == [
        f"paraphe: policy: {policy}, line 5: unknown key “colour” in [locked]; ignored"
    ]
    french = run_paraphe("--lang", "fr", "policy", "show", env={"PARAPHE_POLICY": str(policy)})
    assert "verrouillé par la politique" in french.stdout
    assert "ligne 5" in french.stderr
