"""Which tokens are plugged in, read off the GUI thread: a middleware may take seconds."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Signal

from ...core.config.settings import Settings
from ...core.credentials.identities import Identity, token_identities, token_presence


def read_token_identities(settings: Settings, show_all: bool) -> list[Identity]:
    try:
        return token_identities(settings, show_all)
    except Exception:  # a misbehaving middleware must not break the picker
        return []


class ProbeSignals(QObject):
    done = Signal(object)  # (presence, identities or None)


class TokenProbe(QRunnable):
    """Which tokens are plugged in; on a change, their identities too (both off the GUI thread)."""

    def __init__(self, settings: Settings, known_state: object, show_all: bool) -> None:
        super().__init__()
        self.settings = settings
        self.known_state = known_state
        self.show_all = show_all
        self.signals = ProbeSignals()

    def run(self) -> None:
        try:
            state = token_presence(self.settings)
        except Exception:
            state = ()
        tokens = None
        if self.known_state is not None and state != self.known_state:
            tokens = read_token_identities(self.settings, self.show_all)
        self.signals.done.emit((state, tokens))
