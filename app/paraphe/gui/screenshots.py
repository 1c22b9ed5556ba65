"""``paraphe-gui --screenshots DIR``: the main screens rendered offscreen from a demo set-up.

Uses a private data folder (the user's settings are untouched): the demo certificate, the bundled
samples, a mix of verification results (valid, tampered, unsigned, orphan token).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def render_screenshots(folder: Path, language: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="paraphe-shots-") as scratch:
        os.environ["PARAPHE_DATA_DIR"] = str(Path(scratch) / "data")
        return _render(folder, Path(scratch), language)


def _render(folder: Path, scratch: Path, language: str) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ..core.config.settings import Settings
    from ..core.credentials.identities import remember_keystore
    from ..core.credentials.secrets import known_secret
    from ..core.credentials.sources import KeystoreFile
    from ..core.demo import DEMO_PASSWORD, copy_samples, demo_pki
    from ..core.signing.batch import sign_batches
    from ..core.signing.request import SignatureFormat, SignRequest, VisibleSignature
    from ..core.trust import UserTrustStore
    from ..core.validation_data.cache import store_crl
    from .dialogs.settings_dialog import SettingsDialog
    from .i18n import install_translation
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    install_translation(language)
    pki = demo_pki()
    store_crl(pki.fresh_crl())
    UserTrustStore().add(pki.root_cert)
    settings = Settings.load()
    remember_keystore(settings, pki.p12, known_secret(DEMO_PASSWORD))

    # Sign screen: files and the certificate chosen.
    bid = scratch / "Offre ENTREPRISE EXEMPLE"
    samples = copy_samples(bid)
    window = MainWindow(settings)
    window.resize(1280, 800)
    window.show()
    window.sign_page.add_paths(samples)
    _settle(app)
    window.grab().save(str(folder / "sign.png"))

    # Verify screen: a bid with valid, tampered, unsigned and orphan items.
    verify_folder = scratch / "Offre reçue"
    documents = copy_samples(verify_folder)
    sign_batches(
        [
            SignRequest(tuple(documents[:2]), SignatureFormat.XADES),
            SignRequest(tuple(documents[1:2]), SignatureFormat.CADES),
            SignRequest(tuple(documents[:1]), SignatureFormat.PADES, visible=VisibleSignature()),
        ],
        KeystoreFile(pki.p12),
        known_secret(DEMO_PASSWORD),
    )
    tampered = verify_folder / "BPU.ods"
    tampered.write_bytes(tampered.read_bytes() + b"\n")
    orphan = verify_folder / "Annexe financière.xlsx - Signature 1.p7s"
    shutil.copy(verify_folder / "BPU.ods - Signature 1.p7s", orphan)  # its document is missing
    window.show_page(window.verify_page)
    page = window.verify_page
    loop = QEventLoop()
    page.verification_finished.connect(lambda _report: loop.quit())
    QTimer.singleShot(120_000, loop.quit)
    page.add_paths([verify_folder])
    loop.exec()
    _select_first_signature(page)
    _settle(app)
    window.grab().save(str(folder / "verify.png"))

    dialog = SettingsDialog(settings, window)
    dialog.resize(720, 560)
    dialog.show()
    _settle(app)
    dialog.grab().save(str(folder / "settings.png"))
    dialog.close()
    window.close()
    print("\n".join(str(folder / name) for name in ("sign.png", "verify.png", "settings.png")))
    return 0


def _settle(app: object) -> None:
    from PySide6.QtCore import QCoreApplication

    for _ in range(5):
        QCoreApplication.processEvents()


def _select_first_signature(page: object) -> None:
    tree = page.tree  # type: ignore[attr-defined]
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item.childCount():
            tree.expandItem(item)
            tree.setCurrentItem(item.child(0))
            return
