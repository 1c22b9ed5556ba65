"""XAdES in an ASiC container (EN 319 162-1): each ds:Signature of ``META-INF/*signatures*.xml``
references the container's files by their path, which the XAdES validator dereferences through
``resolve`` (it checks every reference, streamed, and names a missing file).

A signature that signs no file of the container (only a ds:Object of its own) signs nothing the
container shows: it does not pass for the container (INDETERMINATE FORMAT_FAILURE).
"""

from __future__ import annotations

from pathlib import Path

from ...text.translatable import N_, Worded
from ..indications import Indication, SubIndication
from ..report import Check, SignatureReport, SignedObject
from .files import ContainerFiles
from .findings import SIGNATURE_FILE, SIGNED_FILES_PRESENT, merged, worsen
from .manifest import entry_named


def validate_xades_entry(files: ContainerFiles, entry: str) -> list[SignatureReport]:
    """Each ds:Signature of the signature file ``entry``, its references resolved to the
    container's files."""
    from ..xades.validator import validate_xades

    contents = files.contents
    referenced: set[str] = set()

    def resolve(uri: str) -> Path | None:
        name = entry_named(uri)
        if name is None:
            return None  # absolute, a fragment, or climbing out: never a file of ours
        referenced.add(name)
        return contents.files.get(name)

    reports = validate_xades(
        contents.files[entry], None, files.context, resolve=resolve, container=contents.kind
    )
    files.covered |= referenced
    absent = sorted(referenced - set(contents.files))
    for report in reports:
        report.signed_objects = [_shown(files, o) for o in report.signed_objects]
        if report.counter_signature_of is None and not any(
            o.kind == "file" for o in report.signed_objects
        ):
            report.checks.append(
                Check(
                    SIGNATURE_FILE,
                    False,
                    Worded(
                        N_("a signature of {entry} signs no file of the container"), entry=entry
                    ),
                )
            )
            worsen(report, Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE)
        report.checks.extend(
            merged(
                [
                    Check(SIGNED_FILES_PRESENT, False, files.absence(contents.shown(n), n))
                    for n in absent
                ]
            )
        )
    return reports


def _shown(files: ContainerFiles, signed: SignedObject) -> SignedObject:
    """A file reference (already percent-decoded by the XAdES validator) as the user knows it."""
    if signed.kind != "file":
        return signed
    return SignedObject(files.shown(signed.name), signed.kind, signed.digest_matches)
