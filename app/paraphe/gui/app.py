"""Entry point of ``paraphe-gui``."""

from __future__ import annotations

import sys


def main() -> int:
    # The desktop application is the subject of its own issue; until it lands, say so plainly.
    print(
        "paraphe-gui: the desktop application is not available in this version yet;"
        " use the command line: paraphe --help",
        file=sys.stderr,
    )
    return 2
