"""The administrator's system-wide policy: a TOML file that presets settings for every user
(``[defaults]``), fixes some of them (``[locked]``), adds trust (``[trust]``) and sets the network
(``[network]``). Precedence: locked policy > user settings > policy defaults > built-in defaults.

A file that cannot be read as TOML is named in one line (file and line) and nothing of it
applies; an unknown key or a value of the wrong type is named in one line (file, line, key) and
ignored, the rest of the file applies. Paraphe always starts.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..etsi import BaselineLevel, SignatureFormat
from ..text.translatable import N_

POLICY_VARIABLE = "PARAPHE_POLICY"
MAX_POLICY_BYTES = 1 << 20


def policy_path() -> Path:
    """Where this system's policy lives (``PARAPHE_POLICY`` overrides it, for tests)."""
    override = os.environ.get(POLICY_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData") / "Paraphe" / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Paraphe/policy.toml")
    return Path("/etc/paraphe/policy.toml")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _choice(*allowed: str) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and value in allowed


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


SETTING_KEYS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "timestamp_urls": (_strings, N_("a list of addresses")),
    "pkcs11_modules": (_strings, N_("a list of library paths")),
    "default_format": (_choice(*(f.value for f in SignatureFormat)), N_("xades, cades or pades")),
    "default_level": (_choice(*(lv.value for lv in BaselineLevel)), N_("B-B, B-T, B-LT or B-LTA")),
    "pades_suffix": (_text, N_("text")),
    "output_dir": (_text, N_("a folder path")),
    "trusted_lists_source": (_text, N_("an address, a file or a folder")),
    "trusted_lists_auto_update": (_flag, N_("true or false")),
    "write_verification_guide": (_flag, N_("true or false")),
    "language": (_choice("system", "fr", "en"), N_("system, fr or en")),
}
"""The user settings a policy may preset or lock (``Settings`` fields), and what each takes."""

TRUST_KEYS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "extra_anchors": (_strings, N_("a list of certificate files")),
    "system_roots": (_flag, N_("true or false")),
    "lock_anchors": (_flag, N_("true or false")),
}
NETWORK_KEYS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "proxy": (_text, N_("a proxy address such as http://proxy:3128")),
    "no_proxy": (_text, N_("a comma-separated list of hosts")),
}
TABLES = {
    "defaults": SETTING_KEYS,
    "locked": SETTING_KEYS,
    "trust": TRUST_KEYS,
    "network": NETWORK_KEYS,
}


@dataclass(frozen=True)
class PolicyProblem:
    """One line: the file, the line, the key, what is wrong (a translatable template)."""

    path: Path
    line: int | None
    template: str
    params: tuple[tuple[str, str], ...] = ()

    def worded(self, translate: Callable[[str], str] = str) -> str:
        where = (
            translate(N_("{path}, line {line}")).format(path=self.path, line=self.line)
            if self.line
            else str(self.path)
        )
        detail = translate(self.template).format(**{k: translate(v) for k, v in self.params})
        return f"{where}: {detail}"

    @property
    def message(self) -> str:
        return self.worded()


def _problem(path: Path, line: int | None, template: str, **params: str) -> PolicyProblem:
    return PolicyProblem(path, line, template, tuple(params.items()))


@dataclass(frozen=True)
class Policy:
    path: Path
    found: bool = False
    defaults: dict[str, Any] = field(default_factory=dict)
    locked: dict[str, Any] = field(default_factory=dict)
    trust: dict[str, Any] = field(default_factory=dict)
    network: dict[str, Any] = field(default_factory=dict)
    problems: tuple[PolicyProblem, ...] = ()

    @property
    def extra_anchors(self) -> list[Path]:
        return [Path(p) for p in self.trust.get("extra_anchors", ())]

    @property
    def system_roots(self) -> bool:
        return bool(self.trust.get("system_roots", False))

    @property
    def lock_anchors(self) -> bool:
        return bool(self.trust.get("lock_anchors", False))


def load_policy(path: Path | None = None) -> Policy:
    """This system's policy; an absent file is an empty policy."""
    path = path or policy_path()
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        return Policy(path)
    except OSError as exc:
        return Policy(
            path,
            True,
            problems=(
                _problem(
                    path, None, N_("cannot read it ({reason})"), reason=str(exc.strerror or exc)
                ),
            ),
        )
    if len(data) > MAX_POLICY_BYTES:
        return Policy(
            path, True, problems=(_problem(path, None, N_("larger than 1 MB: not a policy file")),)
        )
    try:
        text = data.decode("utf-8")
        parsed = tomllib.loads(text)
    except UnicodeDecodeError:
        return Policy(path, True, problems=(_problem(path, None, N_("not UTF-8 text")),))
    except tomllib.TOMLDecodeError as exc:
        line = _error_line(str(exc))
        reason = _AT_LINE.sub("", str(exc))
        problem = _problem(
            path, line, N_("not valid TOML ({reason}); the whole policy is ignored"), reason=reason
        )
        return Policy(path, True, problems=(problem,))
    return _read(path, text, parsed)


def _read(path: Path, text: str, parsed: dict[str, Any]) -> Policy:
    lines = _key_lines(text)
    problems: list[PolicyProblem] = []
    tables: dict[str, dict[str, Any]] = {name: {} for name in TABLES}
    for name, content in parsed.items():
        if name not in TABLES or not isinstance(content, dict):
            line = lines.get(("", name)) or lines.get((name, ""))
            template = N_("unknown section or key “{name}” (known: {known}); ignored")
            problems.append(_problem(path, line, template, name=name, known=", ".join(TABLES)))
            continue
        known = TABLES[name]
        for key, value in content.items():
            line = lines.get((name, key))
            if key not in known:
                template = N_("unknown key “{key}” in [{table}]; ignored")
                problems.append(_problem(path, line, template, key=key, table=name))
                continue
            check, wanted = known[key]
            if not check(value):
                template = N_("“{key}” in [{table}] must be {wanted}; ignored")
                problems.append(_problem(path, line, template, key=key, table=name, wanted=wanted))
                continue
            tables[name][key] = value
    return Policy(
        path,
        True,
        defaults=tables["defaults"],
        locked=tables["locked"],
        trust=tables["trust"],
        network=tables["network"],
        problems=tuple(problems),
    )


_AT_LINE = re.compile(r" \(at line .*")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """(table, key) -> the line it is on (a table's own header as (table, ""))."""
    found: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            table = header.group(1)
            found.setdefault((table, ""), number)
            continue
        key = _KEY.match(line)
        if key:
            found.setdefault((table, key.group(1)), number)
    return found


def _error_line(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None


def apply_network(policy: Policy) -> None:
    """The policy's proxy for this process: every HTTP client here (aiohttp with ``trust_env``,
    urllib) reads it from the environment."""
    proxy = policy.network.get("proxy")
    if proxy:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
            os.environ[name] = proxy
    no_proxy = policy.network.get("no_proxy")
    if no_proxy:
        os.environ["NO_PROXY"] = os.environ["no_proxy"] = no_proxy
