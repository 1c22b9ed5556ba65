"""The engine never imports Qt, so the CLI, the tests and the GUI drive the same code."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_do_not_import_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, paraphe.core, paraphe.cli\n"
        "for pkg in (paraphe.core, paraphe.cli):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import paraphe.cli.main\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_xades_signing_does_not_load_pyhanko() -> None:
    """pyHanko costs 0.5 s to import: a XAdES batch must not pay for it."""
    code = (
        "import sys\n"
        "from paraphe.cli.commands import sign\n"
        "from paraphe.core.signing import formats, xades\n"
        "print(sorted({n.split('.')[0] for n in sys.modules if n.startswith('pyhanko')}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
