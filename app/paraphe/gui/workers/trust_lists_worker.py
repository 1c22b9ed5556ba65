"""The EU trusted lists read and refreshed off the GUI thread: a QRunnable around the engine's
``manage.refresh`` and ``manage.status`` that speaks through signals.

Fetching and verifying some thirty lists takes 10 to 60 seconds online, and even reading the
lists in use means importing the engine's trust code and parsing a large JSON file: neither may
hold up the window, so the runnable only emits signals and the status bar, on the GUI thread,
receives them queued.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Signal


class TrustListsSignals(QObject):
    progress = Signal(int, int, str)
    """Lists done, lists in all, the territory (or name) of the list just done."""
    finished = Signal(object)
    """``manage.status()`` once done: (the cache in use or None, [ListStatus])."""
    failed = Signal(object)
    """The exception that stopped the refresh (``TrustUpdateError`` when the LOTL is unusable);
    the lists in use are left as they were."""


class TrustListsJob(QRunnable):
    """Say which lists are in use, after refreshing them when ``refresh`` is set; create it on
    the GUI thread, start it on a pool.

    ``lotl`` and ``offline`` as ``manage.refresh`` takes them: None reads the settings' source
    (else the EU's address); a folder of lists read offline serves tests and closed networks.
    """

    def __init__(self, refresh: bool, lotl: str | None = None, offline: bool = False) -> None:
        super().__init__()
        from ...core.progress import CancelToken

        self.refresh = refresh
        self.lotl = lotl
        self.offline = offline
        self.signals = TrustListsSignals()
        self._cancel = CancelToken()

    def cancel(self) -> None:
        """Stop a refresh before the next list (any thread); the lists in use stay as they were."""
        self._cancel.cancel()

    def run(self) -> None:
        try:
            from ...core.trust.eutl import manage

            if self.refresh:
                manage.refresh(
                    self.lotl,
                    offline=self.offline,
                    progress=self.signals.progress.emit,
                    cancel=self._cancel,
                )
            status = manage.status()
        except BaseException as exc:
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(status)
