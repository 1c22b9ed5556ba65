"""The trust settings every container test verifies with: the test PKI's root."""

from tests.core.validation.containers.common import settings

__all__ = ["settings"]
