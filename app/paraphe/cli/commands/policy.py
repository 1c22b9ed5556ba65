"""``paraphe policy show``: the effective settings and where each comes from (the
administrator's policy, locked or as a default; the user's settings; Paraphe's own)."""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from ...core.text.display_text import displayable
from ...core.text.translatable import N_
from .. import exit_codes
from ..i18n import tr

ORIGINS = {
    "locked": N_("locked by the policy"),
    "user": N_("your settings"),
    "default": N_("policy default"),
    "builtin": N_("built-in"),
}


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "policy",
        help="the administrator's policy and the effective settings",
        description="Show the effective settings and where each comes from. The policy file is"
        " /etc/paraphe/policy.toml (Linux), %%ProgramData%%\\Paraphe\\policy.toml (Windows),"
        " /Library/Application Support/Paraphe/policy.toml (macOS); PARAPHE_POLICY overrides it.",
    )
    actions = parser.add_subparsers(dest="policy_action", required=True, parser_class=type(parser))
    actions.add_parser("show", help="the effective settings and where each comes from")
    parser.set_defaults(run=run)


def origin_of(name: str, settings: Any, policy: Any) -> str:
    """Where a setting's value comes from, in the precedence order."""
    if name in policy.locked:
        return "locked"
    if name in settings.user_keys:
        return "user"
    if name in policy.defaults:
        return "default"
    return "builtin"


def run(args: argparse.Namespace) -> int:
    from ...core.config.policy import SETTING_KEYS, load_policy
    from ...core.config.settings import Settings

    policy = load_policy()
    settings = Settings.load(policy=policy)
    state = tr("found") if policy.found else tr("none")
    print(tr("Policy file: {path} ({state})").format(path=policy.path, state=state))
    for problem in policy.problems:
        print("  ⚠ " + displayable(problem.worded(tr)))
    print(tr("Settings:"))
    for name in SETTING_KEYS:
        value = getattr(settings, name)
        shown = (
            json.dumps(value, ensure_ascii=False) if not hasattr(value, "value") else value.value
        )
        origin = tr(ORIGINS[origin_of(name, settings, policy)])
        print(f"  {name} = {displayable(str(shown))}  ({origin})")
    print(tr("Trust:"))
    for path in policy.extra_anchors:
        print("  " + tr("administrator's anchors: {path}").format(path=displayable(str(path))))
    yes, no = tr("yes"), tr("no")
    print("  " + tr("system roots: {answer}").format(answer=yes if policy.system_roots else no))
    print(
        "  "
        + tr("user trust store can be changed: {answer}").format(
            answer=no if policy.lock_anchors else yes
        )
    )
    print(tr("Network:"))
    proxy = policy.network.get("proxy")
    if proxy:
        print("  " + tr("proxy: {proxy} (policy)").format(proxy=displayable(proxy)))
    else:
        environment = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy")
        print(
            "  "
            + (
                tr("proxy: {proxy} (environment)").format(proxy=displayable(environment))
                if environment
                else tr("proxy: none")
            )
        )
    return exit_codes.OK
