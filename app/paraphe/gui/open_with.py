"""Which task a file opened with Paraphe goes to: what holds a signature to Verify, what does not
to Sign.

A file manager's "Open with", the command line (``paraphe-gui FILE...``) and a drop on the window
give files without saying what to do with them. A signature token, a signed PDF, a ZIP export
of a bid or a folder is something a buyer verifies; a plain document is something to sign.
The engine's discovery decides what a file is (``inputs.discovery.classify``: by content, not
only by name); this module only sorts by its answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Routing:
    """The paths given, in their order, split by the task they go to."""

    to_verify: list[Path] = field(default_factory=list)
    to_sign: list[Path] = field(default_factory=list)

    @property
    def mixed(self) -> bool:
        """Both kinds: the user is asked what to do."""
        return bool(self.to_verify) and bool(self.to_sign)


def route(paths: Iterable[Path]) -> Routing:
    """Each path to Verify or to Sign (see the module's docstring)."""
    routing = Routing()
    for path in paths:
        path = Path(path)
        (routing.to_verify if holds_signatures(path) else routing.to_sign).append(path)
    return routing


def holds_signatures(path: Path) -> bool:
    """True for a folder, a ZIP archive, a signature (detached, enveloping, damaged: named as
    one) and a signed PDF. A file that cannot be read goes to Sign, whose checks say why."""
    from ..core.files.user_files import open_regular
    from ..core.validation.inputs import archives
    from ..core.validation.inputs.discovery import Kind, classify

    if path.is_dir():
        return True
    try:
        with open_regular(path) as handle:
            if archives.is_zip(path, handle):
                return True
    except OSError:
        return False
    return classify(path).kind is not Kind.DOCUMENT
