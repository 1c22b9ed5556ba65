"""The certificate picker: the .p12 files added and the token keys plugged in, with who each is.

The identities and their badge come from the engine (``core.credentials.identities``); this
widget only shows them, asks a new file's password, and watches tokens come and go.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.config.settings import Settings
from ...core.credentials.identities import (
    Identity,
    IdentityBadge,
    keystore_identities,
    remember_keystore,
)
from ...core.credentials.secrets import SecretRequest
from ...core.errors import Cancelled, ParapheError
from ..dialogs.errors import show_error
from ..dialogs.password_dialog import PasswordDialog
from ..plain_text import as_html
from ..workers.token_probe import TokenProbe, read_token_identities

_BADGE_STYLE = {
    IdentityBadge.QUALIFIED: ("✔", "#1b7f3b"),
    IdentityBadge.NOT_QUALIFIED: ("!", "#9a6700"),
    IdentityBadge.EXPIRED: ("✘", "#b00020"),
}


class CertificatePicker(QGroupBox):
    changed = Signal()  # another identity was selected, or none is left

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Certificate"))
        self.settings = settings
        self.busy = False
        """Set while signing: the token probe waits (the token is in use)."""
        self._token_state: tuple[tuple[str, str, str], ...] | None = None
        self._polling = False

        self.certificate = QComboBox()
        self.certificate.setAccessibleName(self.tr("Certificate"))
        self.certificate.currentIndexChanged.connect(self._show_identity)
        self.add_keystore_button = QPushButton(self.tr("Add a .p12 c&ertificate…"))
        self.add_keystore_button.clicked.connect(self.add_keystore)
        self.show_all = QCheckBox(self.tr("Show certificates not meant for signing"))
        self.show_all.toggled.connect(self.reload_identities)
        self.identity_details = QLabel()
        self.identity_details.setWordWrap(True)
        self.identity_details.setTextFormat(Qt.TextFormat.RichText)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.certificate, 1)
        cert_row.addWidget(self.add_keystore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(cert_row)
        layout.addWidget(self.identity_details)
        layout.addWidget(self.show_all)

        self.reload_identities()
        # Plugging a token in (or pulling it out) refreshes the certificate list.
        self.token_timer = QTimer(self)
        self.token_timer.setInterval(3000)
        self.token_timer.timeout.connect(self.poll_tokens)
        self.token_timer.start()

    def reload_identities(self, tokens: list[Identity] | None = None) -> None:
        """Refill the picker; ``tokens`` when a probe already read them off the GUI thread."""
        current = self.selected_identity()
        self.certificate.blockSignals(True)
        self.certificate.clear()
        show_all = self.show_all.isChecked()
        files = [i for i in keystore_identities(self.settings) if i.is_signing or show_all]
        if tokens is None:
            tokens = read_token_identities(self.settings, show_all)
        for identity in files:
            self._add_identity(identity)
        token_names: list[str] = []
        for identity in tokens:
            label = identity.source_label
            if label not in token_names:
                token_names.append(label)
                self.certificate.addItem(self.tr("— Token: %1 —").replace("%1", label))
                header = self.certificate.model().item(self.certificate.count() - 1)  # type: ignore[attr-defined]
                header.setEnabled(False)
            self._add_identity(identity)
        if current is not None:
            for index in range(self.certificate.count()):
                if self.certificate.itemData(index) == current:
                    self.certificate.setCurrentIndex(index)
        if self.selected_identity() is None:
            for index in range(self.certificate.count()):
                if isinstance(self.certificate.itemData(index), Identity):
                    self.certificate.setCurrentIndex(index)
                    break
        self.certificate.blockSignals(False)
        self._show_identity()

    def _add_identity(self, identity: Identity) -> None:
        label = identity.holder
        if identity.organisation:
            label += f" — {identity.organisation}"
        if identity.siren:
            label += f" (SIREN {identity.siren})"
        if identity.token is not None:
            label = "    " + label
        self.certificate.addItem(label, identity)

    def poll_tokens(self) -> None:
        """Look for tokens plugged in or pulled out, off the GUI thread."""
        if self._polling or self.busy:
            return
        self._polling = True
        probe = TokenProbe(self.settings, self._token_state, self.show_all.isChecked())
        probe.signals.done.connect(self._tokens_polled)
        QThreadPool.globalInstance().start(probe)

    def _tokens_polled(
        self, result: tuple[tuple[tuple[str, str, str], ...], list[Identity] | None]
    ) -> None:
        """The probe's (presence, identities): identities read off the GUI thread on a change."""
        self._polling = False
        state, tokens = result
        if state != self._token_state:
            first = self._token_state is None
            self._token_state = state
            if not first and tokens is not None:
                self.reload_identities(tokens)

    def selected_identity(self) -> Identity | None:
        if not hasattr(self, "certificate"):
            return None
        data = self.certificate.currentData()
        return data if isinstance(data, Identity) else None

    def _badge_text(self, badge: IdentityBadge) -> str:
        return {
            IdentityBadge.QUALIFIED: self.tr("Qualified"),
            IdentityBadge.NOT_QUALIFIED: self.tr("Not qualified"),
            IdentityBadge.EXPIRED: self.tr("Expired"),
        }[badge]

    def _show_identity(self) -> None:
        identity = self.selected_identity()
        if identity is None:
            self.identity_details.setText(
                self.tr("No certificate yet: add your .p12 file with the button above.")
            )
            self.changed.emit()
            return
        cert = identity.certificate
        symbol, colour = _BADGE_STYLE[identity.badge()]
        usage = ", ".join(identity.key_usage) or "—"
        token = identity.token
        lines = [
            f"<span style='color:{colour}; font-weight:bold'>{symbol} {self._badge_text(identity.badge())}</span>",
            self.tr("Holder: %1").replace("%1", as_html(identity.holder)),
            self.tr("Organisation: %1").replace("%1", as_html(identity.organisation or "—")),
            self.tr("SIREN: %1").replace("%1", as_html(identity.siren or "—")),
            self.tr("Issuer: %1").replace("%1", as_html(identity.issuer)),
            self.tr("Valid from %1 to %2")
            .replace("%1", cert.not_valid_before_utc.date().isoformat())
            .replace("%2", cert.not_valid_after_utc.date().isoformat()),
            self.tr("Key usage: %1").replace("%1", usage),
            (
                self.tr("Token: %1 (key %2)")
                .replace("%1", as_html(token.label))
                .replace("%2", as_html(token.key_label or ""))
                if token is not None
                else self.tr("File: %1").replace("%1", as_html(identity.source_label))
            ),
        ]
        self.identity_details.setText("<br>".join(lines))
        self.changed.emit()

    def add_keystore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a certificate file"),
            "",
            self.tr("PKCS#12 (*.p12 *.pfx);;All files (*)"),
        )
        if name:
            self.remember(Path(name))

    def ask_password(self, request: SecretRequest) -> str | None:
        """The engine's secret callback for a keystore, answered with a dialog on this thread."""
        assert request.keystore is not None
        return PasswordDialog.ask(request.keystore, request.retry, self)

    def remember(self, keystore: Path) -> None:
        """Read the certificate of a new .p12 once (asks its password, does not keep it)."""
        try:
            identity = remember_keystore(self.settings, keystore, self.ask_password)
        except Cancelled:
            return
        except ParapheError as error:
            show_error(self, error)
            return
        self.reload_identities()
        for index in range(self.certificate.count()):
            data = self.certificate.itemData(index)
            if isinstance(data, Identity) and data.keystore == identity.keystore:
                self.certificate.setCurrentIndex(index)
