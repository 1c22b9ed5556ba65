"""The desktop application on a real X server (Xvfb) through Qt's xcb platform plugin, as users
run it, not only offscreen: the plugin loads (its libraries are installed by the setup), the
smoke test passes, and the window drawn on the X server is grabbed as a screenshot (kept in the
test's folder to be looked at: ``--basetemp`` to keep it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_GRAB = """
import sys
from PySide6.QtWidgets import QApplication
from paraphe.core.config.settings import Settings
from paraphe.gui.i18n import install_translation
from paraphe.gui.main_window import MainWindow

app = QApplication(sys.argv[:1])
assert app.platformName() == "xcb", app.platformName()
install_translation("fr")
settings = Settings.load()
settings.trusted_lists_auto_update = False
window = MainWindow(settings)
window.resize(1024, 640)
window.move(0, 0)
window.show()
for _ in range(20):
    app.processEvents()
shot = app.primaryScreen().grabWindow(0)  # the X server's root window: what a user sees
assert shot.save(sys.argv[1]), "not saved"
print(shot.width(), shot.height())
window.close()
window.shut_down()
"""


def _under_xvfb(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", PARAPHE_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_the_smoke_test_passes_with_the_xcb_plugin(tmp_path: Path) -> None:
    done = _under_xvfb([sys.executable, "-m", "paraphe.gui.app", "--smoke-test"], tmp_path)

    assert done.returncode == 0, done.stderr
    assert "smoke test passed" in done.stdout
    assert "could not load the Qt platform plugin" not in done.stderr


def test_the_window_is_drawn_on_the_x_server(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "xcb-main-window.png"
    done = _under_xvfb([sys.executable, "-c", _GRAB, str(shot)], tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1440", "900"]
    image = QImage(str(shot))
    # the window's area holds many colours (text, buttons); the rest of the screen is Xvfb's black
    window_colours = {image.pixel(x, y) for x in range(0, 1024, 16) for y in range(0, 640, 16)}
    outside = {image.pixel(x, y) for x in range(1100, 1440, 16) for y in range(700, 900, 16)}
    assert len(window_colours) > 5, "the window was not drawn"
    assert len(outside) == 1
