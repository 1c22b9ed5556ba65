"""ASiC-S and ASiC-E containers (EN 319 162-1) validated: each signature by the CAdES or XAdES
validator, and every data object of the container accounted for.

What a signature in a container signs:

- ASiC-S with CAdES: ``META-INF/signature.p7s``, detached, over the one data object (4.3.3);
- ASiC-E with CAdES: each ``META-INF/*signature*.p7s`` over the ``META-INF/ASiCManifest*.xml``
  whose SigReference names it, which lists data objects with their digests (4.4.3, A.4); the
  CMS validator checks the signature over the manifest, ``cades`` the digests, streamed;
- XAdES (both): each ds:Signature of ``META-INF/*signatures*.xml`` references files by their
  path in the container; the XAdES validator dereferences them through ``resolve`` (``xades``).

Every data object (an entry outside ``META-INF/``, the mimetype aside) is accounted for:

- changed after signing: the digest does not match, TOTAL_FAILED/HASH_FAILURE (EN 319 102-1,
  5.2.7), final whatever the certificate checks say;
- removed: referenced and absent, INDETERMINATE/SIGNED_DATA_NOT_FOUND (EN 319 102-1, table 5:
  the signed data cannot be obtained), as for a detached token without its document;
- added: covered by no signature. The signatures stay valid for what they sign (ASiC-E lets each
  signature cover some of the files, and DSS reports an unsigned file as a warning), so their
  verdicts do not change; but every signature of the container gets the failed check
  "container files signed" naming the file, and ``ContainerResult.unsigned`` lists it
  (``Offre.asice!/added.pdf``) for the run's unsigned documents, where a buyer looks for what
  is not signed, beside any unsigned file of a bid folder.

What the verdict says was signed is what the container holds (the wrapping defences):

- a CAdES signature file must be detached: an enveloping CMS verifies over its own content, so
  a manifest beside it could be swapped for one listing forged files; it is INDETERMINATE
  FORMAT_FAILURE and covers nothing;
- the ASiCManifest checked is the one whose SigReference names this signature, and its digests
  only count when the manifest is the one signed (a changed manifest is a HASH_FAILURE already);
- a signature that signs no file of the container (a XAdES over its own ds:Object) does not
  pass for the container: INDETERMINATE FORMAT_FAILURE;
- two entries of one name (backslashes read as folders) make the container damaged.

The mimetype (EN 319 162-1 A.1) is optional; when present it must come first, stored, without an
extra field, and hold the container's media type. A broken rule is reported as a failed check and
does not change the verdicts: the mimetype is signed by no signature, so anyone can change it
without touching what was signed, and no verdict may hang on bytes that prove nothing (a platform
re-zipping a valid bid must not make it fail). A container that cannot be read (damaged ZIP, two
entries of one name) is TOTAL_FAILED/FORMAT_FAILURE; one beyond the archive limits is
INDETERMINATE.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import Notice
from ...files.scratch import scratch_folder
from ...text.translatable import N_, Worded
from ..context import VerificationContext
from ..explanations import explain
from ..failures import failed_signature
from ..indications import Indication, SubIndication
from ..inputs import archives
from ..report import Check, DetectedFormat, Packaging, SignatureReport
from .cades import CadesInContainer
from .files import ContainerFiles
from .findings import (
    CONTAINER,
    CONTAINER_ENTRIES,
    CONTAINER_FILES_SIGNED,
    CONTAINER_MIMETYPE,
    CONTAINER_TYPE,
    SIGNATURE_FILE,
)
from .kind import SUFFIXES
from .reading import AsicContents, NotAContainer, read_container
from .xades import validate_xades_entry

SCRATCH_PREFIX = "paraphe-asic-"


@dataclass
class ContainerResult:
    """What a container holds, validated."""

    reports: list[SignatureReport] = field(default_factory=list)
    """One per signature; none when the container holds no signature (an unsigned document)."""
    unsigned: list[str] = field(default_factory=list)
    """Data objects covered by no signature, as shown to the user (``Offre.asice!/x.pdf``)."""
    unsigned_entries: list[str] = field(default_factory=list)
    """The same, as entry names in the container (``x.pdf``, ``Annexes/y.csv``): for a caller
    that shows the container by a longer name (``bid.zip!/Offre.asice!/x.pdf``)."""
    notices: list[Notice] = field(default_factory=list)
    """Entries that were not unpacked, and why (names the entry: for the run's input errors)."""


def validate_asic(
    path: Path, context: VerificationContext, scratch: Path | None = None
) -> list[SignatureReport]:
    """One report per signature of the container at ``path`` (the registry's entry point);
    ``scratch``: an empty private folder to unpack it in (one of its own if None)."""
    return verify_container(path, context, scratch).reports


def verify_container(
    path: Path, context: VerificationContext, scratch: Path | None = None
) -> ContainerResult:
    """The container's signatures validated and its data objects accounted for; whatever the
    file holds, reports and never an exception (but cancellation and lack of memory)."""
    with _folder(scratch) as into:
        read = read_container(path, into, context.cancel.raise_if_cancelled)
        if isinstance(read, NotAContainer):
            return ContainerResult([_unreadable(path, read)])
        return _run(read, context)


@contextmanager
def _folder(scratch: Path | None) -> Iterator[Path]:
    if scratch is not None:
        scratch.mkdir(parents=True, exist_ok=True)
        yield scratch
        return
    with scratch_folder(SCRATCH_PREFIX) as folder:
        yield folder


def _unreadable(path: Path, read: NotAContainer) -> SignatureReport:
    indication = Indication.TOTAL_FAILED if read.damaged else Indication.INDETERMINATE
    subindication = SubIndication.FORMAT_FAILURE if read.damaged else SubIndication.GENERIC
    report = failed_signature(
        path,
        DetectedFormat.CADES,  # not known: nothing could be read
        indication,
        subindication,
        Check(CONTAINER, False if read.damaged else None, read.reason),
        document=path,
    )
    report.container = SUFFIXES.get(path.suffix.lower())
    return report


def _run(contents: AsicContents, context: VerificationContext) -> ContainerResult:
    """Each signature file in turn, then the accounting of every data object."""
    files = ContainerFiles(contents, context)
    cades = CadesInContainer(files)
    reports: list[SignatureReport] = []
    for entry in contents.signature_entries:
        context.cancel.raise_if_cancelled()
        is_cades = entry.lower().endswith(".p7s")
        if entry not in contents.files:
            found = [_not_unpacked(contents, entry, is_cades)]
        elif is_cades:
            found = cades.validate(entry)
        else:
            found = validate_xades_entry(files, entry)
        _name_by_file(found, entry)
        reports.extend(found)
    unsigned = [name for name in contents.data_objects if name not in files.covered]
    result = ContainerResult(
        unsigned=[contents.shown(name) for name in unsigned],
        unsigned_entries=unsigned,
        notices=list(contents.skipped.values()),
    )
    if not reports:
        return result  # no signature: the container is an unsigned document
    checks = _container_checks(contents, unsigned)
    for report in reports:
        report.signature_path = contents.path
        report.document_path = contents.path
        report.container = contents.kind
        report.packaging = report.packaging or Packaging.DETACHED
        report.checks.extend(checks)
        report.explanation = explain(report.indication, report.subindication)
    result.reports = reports
    return result


def _not_unpacked(contents: AsicContents, entry: str, cades: bool) -> SignatureReport:
    """A signature file the archive rules did not unpack: damaged (a wrong checksum, data that
    does not inflate, larger than announced, a link) is TOTAL_FAILED/FORMAT_FAILURE; encrypted
    or too compressed may hide a valid signature: INDETERMINATE."""
    notice = contents.skipped[entry]
    damaged = notice.template not in (archives.ENCRYPTED, archives.SUSPICIOUS_RATIO)
    return failed_signature(
        contents.path,
        DetectedFormat.CADES if cades else DetectedFormat.XADES,
        Indication.TOTAL_FAILED if damaged else Indication.INDETERMINATE,
        SubIndication.FORMAT_FAILURE,
        Check(SIGNATURE_FILE, False if damaged else None, notice.message),
    )


def _container_checks(contents: AsicContents, unsigned: list[str]) -> list[Check]:
    """What every signature of the container is told about it: its mimetype, its type, the
    files no signature covers, the entries that could not be unpacked."""
    checks = [_mimetype_check(contents)]
    if contents.disagreements:
        checks.append(Check(CONTAINER_TYPE, False, Worded.joined("; ", contents.disagreements)))
    if unsigned:
        shown = ", ".join(contents.shown(name) for name in unsigned)
        checks.append(
            Check(
                CONTAINER_FILES_SIGNED,
                False,
                Worded(N_("not signed by any signature of the container: {files}"), files=shown),
            )
        )
    else:
        checks.append(
            Check(CONTAINER_FILES_SIGNED, True, N_("every file is covered by a signature"))
        )
    if contents.skipped:
        skipped = Worded.joined("; ", (notice.message for notice in contents.skipped.values()))
        checks.append(Check(CONTAINER_ENTRIES, False, skipped))
    return checks


def _mimetype_check(contents: AsicContents) -> Check:
    mimetype = contents.mimetype
    if not mimetype.present:
        return Check(
            CONTAINER_MIMETYPE,
            True,
            Worded(
                N_("absent, which EN 319 162-1 allows (A.1); {kind} told by the {source}"),
                kind=contents.kind.value,
                source=Worded(contents.kind_source),
            ),
        )
    if mimetype.broken:
        return Check(
            CONTAINER_MIMETYPE,
            False,
            Worded(
                N_(
                    "{problems} (EN 319 162-1 A.1); no signature covers the mimetype: the"
                    " verdicts stand on what is signed"
                ),
                problems=Worded.joined("; ", mimetype.broken),
            ),
        )
    return Check(CONTAINER_MIMETYPE, True, mimetype.media_type or "")


def _name_by_file(reports: list[SignatureReport], entry: str) -> None:
    """Signature ids made unique in the container: ``META-INF/signature001.p7s: signer 1``
    (counter-signature links renamed alike)."""
    renamed = {r.signature_id: f"{entry}: {r.signature_id}" for r in reports if r.signature_id}
    for report in reports:
        report.signature_id = renamed.get(report.signature_id or "", entry)
        if report.counter_signature_of is not None:
            report.counter_signature_of = renamed.get(
                report.counter_signature_of, report.counter_signature_of
            )
