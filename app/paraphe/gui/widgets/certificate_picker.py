"""The certificate picker: the .p12 files added and the token keys plugged in, with who each is.

The identities and their badge come from the engine (``core.credentials.identities``: validity,
then the EU trusted lists' word on the issuer, else the certificate's own claim); this widget
only shows them, asks a new file's password, takes a file off the list, and watches tokens come
and go. An expired or not yet valid certificate is listed, marked, never chosen by itself, and
cannot be signed with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.config.settings import Settings
from ...core.credentials.identities import (
    Identity,
    IdentityBadge,
    current_trusted_lists,
    forget_keystore,
    keystore_identities,
    remember_keystore,
)
from ...core.credentials.secrets import SecretRequest
from ...core.errors import Cancelled, ParapheError
from ...core.reports.key_usage import key_usage_words
from ...core.text.display_text import displayable
from ...core.x509.certificates import check_can_sign
from ..dialogs.errors import show_error
from ..i18n import tr_engine
from ..plain_text import as_html
from ..session_passwords import SessionPasswords
from ..workers.token_probe import TokenProbe, read_token_identities

if TYPE_CHECKING:
    from ...core.trust.eutl.index import TrustedListIndex

_BADGE_STYLE = {
    IdentityBadge.QUALIFIED: ("✔", "#1b7f3b"),
    IdentityBadge.DECLARED_QUALIFIED: ("ⓘ", ""),
    IdentityBadge.NOT_QUALIFIED: ("!", "#9a6700"),
    IdentityBadge.EXPIRED: ("✘", "#b00020"),
    IdentityBadge.NOT_YET_VALID: ("✘", "#b00020"),
}
"""A green tick only for what a trusted list confirms; a claim gets a neutral mark."""


def local_date(moment: dt.datetime) -> str:
    """A day as the rest of the application writes it (``i18n.local_time``: 04/12/2026)."""
    return (
        QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime().toString("dd/MM/yyyy")
    )


class CertificatePicker(QGroupBox):
    changed = Signal()  # another identity was selected, or none is left

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        passwords: SessionPasswords | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.passwords = passwords or SessionPasswords()
        """The passwords kept until quitting (shared with the Sign page)."""
        self.busy = False
        """Set while signing: the token probe waits (the token is in use)."""
        self._token_state: tuple[tuple[str, str, str], ...] | None = None
        self._polling = False
        self._trusted_lists: TrustedListIndex | None = None
        self._lists_loaded = False

        self.certificate = QComboBox()
        self.certificate.currentIndexChanged.connect(self._show_identity)
        self.add_keystore_button = QPushButton()
        self.add_keystore_button.clicked.connect(self.add_keystore)
        self.remove_keystore_button = QPushButton()
        self.remove_keystore_button.clicked.connect(self.remove_keystore)
        self.show_all = QCheckBox()
        self.show_all.toggled.connect(self.reload_identities)
        self.identity_details = QLabel()
        self.identity_details.setWordWrap(True)
        self.identity_details.setTextFormat(Qt.TextFormat.RichText)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.certificate, 1)
        cert_row.addWidget(self.add_keystore_button)
        options_row = QHBoxLayout()
        options_row.addWidget(self.show_all, 1)
        options_row.addWidget(self.remove_keystore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(cert_row)
        layout.addWidget(self.identity_details)
        layout.addLayout(options_row)

        self.retranslate()
        self.reload_identities()
        # Plugging a token in (or pulling it out) refreshes the certificate list.
        self.token_timer = QTimer(self)
        self.token_timer.setInterval(3000)
        self.token_timer.timeout.connect(self.poll_tokens)
        self.token_timer.start()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Certificate"))
        self.certificate.setAccessibleName(self.tr("Certificate"))
        self.add_keystore_button.setText(self.tr("Add a .p12 c&ertificate…"))
        self.remove_keystore_button.setText(self.tr("Remove from the list"))
        self.remove_keystore_button.setToolTip(
            self.tr("Takes the chosen .p12 file off this list; the file itself is kept.")
        )
        self.show_all.setText(self.tr("Show certificates not meant for signing"))
        if self.certificate.count():
            self.reload_identities(self._listed_tokens())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _listed_tokens(self) -> list[Identity]:
        items = (self.certificate.itemData(i) for i in range(self.certificate.count()))
        return [i for i in items if isinstance(i, Identity) and i.token is not None]

    def trusted_lists(self) -> TrustedListIndex | None:
        """The EU trusted lists, read on first need and kept (``trusted_lists_changed`` after a
        refresh reads them again)."""
        if not self._lists_loaded:
            self._lists_loaded = True
            try:
                self._trusted_lists = current_trusted_lists()
            except (OSError, ValueError):
                self._trusted_lists = None
        return self._trusted_lists

    def trusted_lists_changed(self) -> None:
        """The lists were refreshed: badges judged again."""
        self._lists_loaded = False
        self._show_identity()

    def badge(self, identity: Identity) -> IdentityBadge:
        return identity.badge(trusted_lists=self.trusted_lists())

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
        # Qt makes the first item current as it is added: the one chosen before stays, else the
        # first that can sign, else none (an expired certificate is never chosen for the user).
        self.certificate.setCurrentIndex(-1)
        if current is not None:
            for index in range(self.certificate.count()):
                if self.certificate.itemData(index) == current:
                    self.certificate.setCurrentIndex(index)
        if self.selected_identity() is None:
            for index in range(self.certificate.count()):
                data = self.certificate.itemData(index)
                if isinstance(data, Identity) and data.badge().can_sign:  # never an expired one
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
        badge = identity.badge()
        if badge is IdentityBadge.EXPIRED:
            label = "✘ " + self.tr("%1 (expired)").replace("%1", label)
        elif badge is IdentityBadge.NOT_YET_VALID:
            label = "✘ " + self.tr("%1 (not yet valid)").replace("%1", label)
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
            IdentityBadge.QUALIFIED: self.tr("Qualified (EU trusted lists)"),
            IdentityBadge.DECLARED_QUALIFIED: self.tr("Declared qualified by the certificate"),
            IdentityBadge.NOT_QUALIFIED: self.tr("Not qualified"),
            IdentityBadge.EXPIRED: self.tr("Expired: cannot sign"),
            IdentityBadge.NOT_YET_VALID: self.tr("Not yet valid: cannot sign"),
        }[badge]

    def _badge_tip(self, badge: IdentityBadge) -> str:
        return {
            IdentityBadge.QUALIFIED: self.tr(
                "An EU trusted list names the issuer as a qualified service."
            ),
            IdentityBadge.DECLARED_QUALIFIED: self.tr(
                "The certificate says it is qualified; no EU trusted list loaded here confirms"
                " its issuer. The buyer's verification will check it."
            ),
            IdentityBadge.NOT_QUALIFIED: self.tr(
                "French public procurement expects a qualified certificate."
            ),
            IdentityBadge.EXPIRED: self.tr(
                "A signature made with an expired certificate would be rejected."
            ),
            IdentityBadge.NOT_YET_VALID: self.tr(
                "A signature made before the certificate's validity would be rejected."
            ),
        }[badge]

    def _show_identity(self) -> None:
        identity = self.selected_identity()
        self.remove_keystore_button.setEnabled(
            identity is not None and identity.keystore is not None and not self.busy
        )
        if identity is None:
            self.identity_details.setText(
                self.tr("Choose a certificate in the list, or add your .p12 file.")
                if self.certificate.count()
                else self.tr("No certificate yet: add your .p12 file with the button above.")
            )
            self.identity_details.setToolTip("")
            self.changed.emit()
            return
        cert = identity.certificate
        badge = self.badge(identity)
        symbol, colour = _BADGE_STYLE[badge]
        usage = key_usage_words(identity.key_usage, tr_engine) or "—"
        token = identity.token
        self.identity_details.setToolTip(self._badge_tip(badge))
        lines = [
            f"<span style='{f'color:{colour}; ' if colour else ''}font-weight:bold'>"
            f"{symbol} {self._badge_text(badge)}</span>",
            self.tr("Holder: %1").replace("%1", as_html(identity.holder)),
            self.tr("Organisation: %1").replace("%1", as_html(identity.organisation or "—")),
            self.tr("SIREN: %1").replace("%1", as_html(identity.siren or "—")),
            self.tr("Issuer: %1").replace("%1", as_html(identity.issuer)),
            self.tr("Valid from %1 to %2")
            .replace("%1", local_date(cert.not_valid_before_utc))
            .replace("%2", local_date(cert.not_valid_after_utc)),
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
        """The engine's secret callback for a keystore, answered with a dialog on this thread
        (or the password kept for this session)."""
        return self.passwords.ask(request, self)

    def remove_keystore(self) -> None:
        """Take the chosen .p12 off the list, once the user confirms; the file stays."""
        identity = self.selected_identity()
        if identity is None or identity.keystore is None or self.busy:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(self.tr("Remove a certificate"))
        box.setText(
            self.tr("Remove %1 from the list of certificates?").replace(
                "%1", displayable(identity.keystore.name)
            )
        )
        box.setInformativeText(
            self.tr("The file itself is kept; add it again at any time with its password.")
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not remove:
            return
        self.passwords.forget(identity.keystore)
        with contextlib.suppress(OSError):  # not saved: off the list for this session only
            forget_keystore(self.settings, identity.keystore)
        self.reload_identities(self._listed_tokens())

    def remember(self, keystore: Path) -> None:
        """Read the certificate of a new .p12 once (asks its password, does not keep it)."""
        try:
            identity = remember_keystore(self.settings, keystore, self.ask_password)
        except Cancelled:
            return
        except ParapheError as error:
            show_error(self, error)
            return
        self.reload_identities(self._listed_tokens())
        if not identity.badge().can_sign:
            # Listed and marked, not chosen for the user: the engine's refusal says why, dates
            # included.
            try:
                check_can_sign(identity.certificate, keystore, dt.datetime.now(dt.UTC))
            except ParapheError as error:
                show_error(self, error)
            return
        for index in range(self.certificate.count()):
            data = self.certificate.itemData(index)
            if isinstance(data, Identity) and data.keystore == identity.keystore:
                self.certificate.setCurrentIndex(index)
