"""Build the Qt .qm catalogues from the .ts sources (run by the setup; .qm files are not committed).

With --update, first refresh the GUI catalogue from the sources with pyside6-lupdate (the engine
and CLI catalogue is refreshed by tools/update_translations.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TS_DIR = Path(__file__).resolve().parent.parent / "app" / "paraphe" / "resources" / "translations"
GUI_DIR = TS_DIR.parent.parent / "gui"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: install the GUI extra (PySide6-Essentials)")
    return found


def main() -> int:
    for language in LANGUAGES:
        gui_ts = TS_DIR / f"paraphe_gui_{language}.ts"
        if "--update" in sys.argv:
            sources = [str(p) for p in sorted(GUI_DIR.rglob("*.py"))]
            subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(gui_ts)], check=True)
        inputs = [str(TS_DIR / f"paraphe_{language}.ts")]
        if gui_ts.exists():
            inputs.append(str(gui_ts))
        qm = TS_DIR / f"paraphe_{language}.qm"
        subprocess.run([tool("pyside6-lrelease"), "-silent", *inputs, "-qm", str(qm)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
