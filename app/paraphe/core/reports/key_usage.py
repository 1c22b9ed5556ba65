"""A certificate's key usages in words ("digital signature, non-repudiation"), for the faces
that show a certificate outside a report (the certificate picker): the words are the report's
(``wording.KEY_USAGES``), so both say the same."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .wording import KEY_USAGES


def key_usage_words(names: Iterable[str], translate: Callable[[str], str]) -> str:
    """``names`` as ``x509.certificates.key_usage_names`` gives them, worded and translated;
    a name with no words is shown as it is; "" when there are none."""
    return ", ".join(translate(KEY_USAGES[n]) if n in KEY_USAGES else n for n in names)
