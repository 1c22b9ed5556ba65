"""ASiC-S and ASiC-E containers (EN 319 162-1) validated: each signature by the CAdES or XAdES
validator, and every data object of the container accounted for.

What a signature in a container signs:

- ASiC-S with CAdES: ``META-INF/signature.p7s``, detached, over the one data object (4.3.3);
- ASiC-E with CAdES: each ``META-INF/*signature*.p7s`` over the ``META-INF/ASiCManifest*.xml``
  whose SigReference names it, which lists data objects with their digests (4.4.3, A.4); the
  CMS validator checks the signature over the manifest, the digests are checked here, streamed;
- XAdES (both): each ds:Signature of ``META-INF/*signatures*.xml`` references files by their
  path in the container; the XAdES validator dereferences them through ``resolve``.

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
from pathlib import Path, PurePosixPath

from ...errors import Cancelled, Notice, ParapheError
from ...files.documents import Document
from ...files.scratch import scratch_folder
from ...text.translatable import N_
from ..context import VerificationContext
from ..explanations import explain
from ..failures import failed_signature
from ..indications import Indication, SubIndication
from ..inputs import archives
from ..report import (
    Check,
    Container,
    DetectedFormat,
    Packaging,
    SignatureReport,
    SignedObject,
)
from .kind import SUFFIXES
from .manifest import (
    AsicManifest,
    DataObjectReference,
    UnreadableManifest,
    entry_named,
    read_manifest,
)
from .reading import AsicContents, NotAContainer, read_container

SCRATCH_PREFIX = "paraphe-asic-"

CONTAINER_MIMETYPE = N_("container mimetype")
CONTAINER_TYPE = N_("container type")
CONTAINER_FILES_SIGNED = N_("container files signed")
CONTAINER_ENTRIES = N_("container entries")
SIGNED_FILES_PRESENT = N_("signed files present")
MANIFEST_DIGESTS = N_("manifest digests")
CONTAINER = N_("container")
SIGNATURE_FILE = N_("signature file")


@dataclass
class ContainerResult:
    """What a container holds, validated."""

    reports: list[SignatureReport] = field(default_factory=list)
    """One per signature; none when the container holds no signature (an unsigned document)."""
    unsigned: list[str] = field(default_factory=list)
    """Data objects covered by no signature, as shown to the user (``Offre.asice!/x.pdf``)."""
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
        return _ContainerRun(read, context).run()


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


class _ContainerRun:
    """One container's validation: the signatures in order, then the accounting."""

    def __init__(self, contents: AsicContents, context: VerificationContext) -> None:
        self.contents = contents
        self.context = context
        self.covered: set[str] = set()
        self.digests: dict[tuple[str, str], bytes | None] = {}
        self.manifests: list[AsicManifest] = []
        self.unreadable_manifests: list[UnreadableManifest] = []
        for name in contents.manifests:
            try:
                self.manifests.append(read_manifest(name, contents.files[name]))
            except UnreadableManifest as exc:
                self.unreadable_manifests.append(exc)

    def run(self) -> ContainerResult:
        contents = self.contents
        reports: list[SignatureReport] = []
        for entry in contents.signature_entries:
            self.context.cancel.raise_if_cancelled()
            cades = entry.lower().endswith(".p7s")
            if entry not in contents.files:
                found = [self._unpacked_signature(entry, cades)]
            else:
                found = self._cades(entry) if cades else self._xades(entry)
            _name_by_file(found, entry)
            reports.extend(found)
        unsigned = [name for name in contents.data_objects if name not in self.covered]
        result = ContainerResult(
            unsigned=[contents.shown(name) for name in unsigned],
            notices=list(contents.skipped.values()),
        )
        if not reports:
            return result  # no signature: the container is an unsigned document
        checks = self._container_checks(unsigned)
        for report in reports:
            report.signature_path = contents.path
            report.document_path = contents.path
            report.container = contents.kind
            report.packaging = report.packaging or Packaging.DETACHED
            report.checks.extend(checks)
            report.explanation = explain(report.indication, report.subindication)
        result.reports = reports
        return result

    def _unpacked_signature(self, entry: str, cades: bool) -> SignatureReport:
        """A signature file the archive rules did not unpack: damaged (a wrong checksum, data
        that does not inflate, larger than announced, a link) is TOTAL_FAILED/FORMAT_FAILURE;
        encrypted or too compressed may hide a valid signature: INDETERMINATE."""
        notice = self.contents.skipped[entry]
        damaged = notice.template not in (archives.ENCRYPTED, archives.SUSPICIOUS_RATIO)
        return failed_signature(
            self.contents.path,
            DetectedFormat.CADES if cades else DetectedFormat.XADES,
            Indication.TOTAL_FAILED if damaged else Indication.INDETERMINATE,
            SubIndication.FORMAT_FAILURE,
            Check(SIGNATURE_FILE, False if damaged else None, notice.message),
        )

    # --- CAdES ------------------------------------------------------------------------------

    def _cades(self, entry: str) -> list[SignatureReport]:
        if _holds_its_content(self.contents.files[entry]):
            return [self._enveloping(entry)]
        manifest = next((m for m in self.manifests if m.signature == entry), None)
        if manifest is not None:
            return self._cades_over_manifest(entry, manifest)
        if self.contents.kind is Container.ASIC_E and self.unreadable_manifests:
            return [self._manifest_failure(entry)]
        reports = self._cades_over_data_object(entry)
        if self.contents.kind is Container.ASIC_E:  # 4.4.3: a CAdES signature signs a manifest
            for report in reports:
                report.checks.append(
                    Check(
                        CONTAINER_TYPE,
                        False,
                        f"no ASiCManifest names {entry}: it was checked as a signature over one"
                        " data object (the ASiC-S form)",
                    )
                )
        return reports

    def _enveloping(self, entry: str) -> SignatureReport:
        """A CMS holding its own content signs that content, not the container's files nor a
        manifest beside it (which anyone could then swap): ASiC signature files are detached
        (EN 319 162-1, 4.3.3 and 4.4.3). Not a pass, and not called forged: INDETERMINATE."""
        return failed_signature(
            self.contents.files[entry],
            DetectedFormat.CADES,
            Indication.INDETERMINATE,
            SubIndication.FORMAT_FAILURE,
            Check(
                SIGNATURE_FILE,
                False,
                f"{entry} holds the content it signs: an ASiC signature must be detached over"
                " the container's files or its manifest",
            ),
        )

    def _manifest_failure(self, entry: str) -> SignatureReport:
        """An ASiC-E CAdES signature whose manifest is (likely) one that could not be read."""
        damaged = any(m.damaged for m in self.unreadable_manifests)
        return failed_signature(
            self.contents.files[entry],
            DetectedFormat.CADES,
            Indication.TOTAL_FAILED if damaged else Indication.INDETERMINATE,
            SubIndication.FORMAT_FAILURE,
            Check(
                MANIFEST_DIGESTS,
                False if damaged else None,
                "; ".join(str(m) for m in self.unreadable_manifests),
            ),
        )

    def _cades_over_data_object(self, entry: str) -> list[SignatureReport]:
        """ASiC-S: the signature is detached over the one data object. With several (a file
        added), the one whose digest the signature holds; with none, the document is missing."""
        from ..cms.validator import validate_cms

        token = self.contents.files[entry]
        candidates = [n for n in self.contents.data_objects if n in self.contents.files]
        chosen = self._signed_candidate(token, candidates)
        document = self.contents.files[chosen] if chosen is not None else None
        reports = validate_cms(token, document, self.context)
        if chosen is not None:
            self.covered.add(chosen)
        for report in reports:
            if chosen is None:
                report.checks.append(Check(SIGNED_FILES_PRESENT, False, self._no_data_object()))
                continue
            intact = _document_intact(report)
            report.signed_objects = [SignedObject(self.contents.shown(chosen), "file", intact)]
        return reports

    def _signed_candidate(self, token: Path, candidates: list[str]) -> str | None:
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        from ..cms.reading import NotRead, load_signed_data

        signed_data = load_signed_data(token)
        if isinstance(signed_data, NotRead):
            return candidates[0]
        try:
            signer_info = signed_data["signer_infos"][0]
            algorithm = signer_info["digest_algorithm"]["algorithm"].native
            wanted = next(
                attribute["values"][0].native
                for attribute in signer_info["signed_attrs"]
                if attribute["type"].dotted == "1.2.840.113549.1.9.4"  # message-digest
            )
        except (StopIteration, ValueError, TypeError, LookupError):
            return candidates[0]  # the CMS validator says what is wrong with it
        for name in candidates:
            if self._digest(name, algorithm) == wanted:
                return name
        return candidates[0]

    def _cades_over_manifest(self, entry: str, manifest: AsicManifest) -> list[SignatureReport]:
        """ASiC-E: the CMS signature over the manifest, then each data object's digest."""
        from ..cms.validator import validate_cms

        reports = validate_cms(
            self.contents.files[entry], self.contents.files[manifest.name], self.context
        )
        for report in reports:
            manifest_intact = _document_intact(report)
            objects = [
                SignedObject(self.contents.shown(manifest.name), "properties", manifest_intact)
            ]
            problems: list[tuple[Indication, SubIndication, Check]] = []
            for reference in manifest.references:
                if reference.name is not None:
                    self.covered.add(reference.name)
                matches, problem = self._reference(reference, checked=manifest_intact is not False)
                objects.append(
                    SignedObject(
                        self.contents.shown(reference.name or reference.uri), "file", matches
                    )
                )
                if problem is not None:
                    problems.append(problem)
            report.signed_objects = objects
            if manifest_intact is False:
                continue  # the manifest itself changed: HASH_FAILURE already, its digests void
            if not problems:
                report.checks.append(
                    Check(MANIFEST_DIGESTS, True, f"{len(manifest.references)} data object(s)")
                )
            for indication, subindication, _check in problems:
                _worsen(report, indication, subindication)
            report.checks.extend(_merged([check for _, _, check in problems]))
        return reports

    def _reference(
        self, reference: DataObjectReference, checked: bool
    ) -> tuple[bool | None, tuple[Indication, SubIndication, Check] | None]:
        """Whether the data object is there and is what was signed; the finding if not."""
        name = reference.name
        if name is None or name not in self.contents.files:
            shown = self.contents.shown(name) if name else reference.uri
            return None, (
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                Check(SIGNED_FILES_PRESENT, False, self._absence(shown, name)),
            )
        if not checked:
            return None, None
        if reference.transformed:
            return None, (
                Indication.INDETERMINATE,
                SubIndication.FORMAT_FAILURE,
                Check(
                    MANIFEST_DIGESTS, None, f"{name}: transforms in a manifest are not supported"
                ),
            )
        if reference.algorithm is None:
            return None, (
                Indication.INDETERMINATE,
                SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                Check(
                    MANIFEST_DIGESTS,
                    None,
                    f"{name}: the digest algorithm {reference.algorithm_uri} is not accepted",
                ),
            )
        digest = self._digest(name, reference.algorithm)
        if digest is None:
            return None, (
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                Check(SIGNED_FILES_PRESENT, None, f"{self.contents.shown(name)} cannot be read"),
            )
        if digest != reference.digest:
            return False, (
                Indication.TOTAL_FAILED,
                SubIndication.HASH_FAILURE,
                Check(
                    MANIFEST_DIGESTS,
                    False,
                    f"{self.contents.shown(name)} was modified after it was signed",
                ),
            )
        return True, None

    def _digest(self, name: str, algorithm: str) -> bytes | None:
        """The entry's digest, streamed, computed once per algorithm; None if unreadable."""
        key = (name, algorithm)
        if key not in self.digests:
            try:
                document = Document.open(self.contents.files[name])
                self.digests[key] = document.digest(algorithm, self.context.check_cancelled)
            except Cancelled:
                raise
            except (ParapheError, ValueError):
                self.digests[key] = None
        return self.digests[key]

    def _no_data_object(self) -> str:
        """Why a detached signature over the container's one data object has none."""
        skipped = [n for n in self.contents.data_objects if n in self.contents.skipped]
        if skipped:
            return self._absence(self.contents.shown(skipped[0]), skipped[0])
        return "the container holds no data object (removed after signing?)"

    def _absence(self, shown: str, name: str | None = None) -> str:
        why = self.contents.skipped.get(name or "")
        if why is not None:
            return f"{shown} is signed but could not be unpacked ({why.message})"
        return f"{shown} is signed but is not in the container (removed after signing?)"

    # --- XAdES ------------------------------------------------------------------------------

    def _xades(self, entry: str) -> list[SignatureReport]:
        """Each ds:Signature of the file, its references resolved to the container's files."""
        from ..xades.validator import validate_xades

        referenced: set[str] = set()

        def resolve(uri: str) -> Path | None:
            name = entry_named(uri)
            if name is None:
                return None
            referenced.add(name)
            return self.contents.files.get(name)

        reports = validate_xades(
            self.contents.files[entry],
            None,
            self.context,
            resolve=resolve,
            container=self.contents.kind,
        )
        self.covered |= referenced
        for report in reports:
            report.signed_objects = [self._shown_object(o) for o in report.signed_objects]
            if report.counter_signature_of is None and not any(
                o.kind == "file" for o in report.signed_objects
            ):
                report.checks.append(
                    Check(
                        SIGNATURE_FILE,
                        False,
                        f"a signature of {entry} signs no file of the container",
                    )
                )
                _worsen(report, Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE)
            absent = sorted(referenced - set(self.contents.files))
            report.checks.extend(
                _merged(
                    [
                        Check(SIGNED_FILES_PRESENT, False, self._absence(self.contents.shown(n), n))
                        for n in absent
                    ]
                )
            )
        return reports

    def _shown_object(self, signed: SignedObject) -> SignedObject:
        """A file reference (already percent-decoded by the XAdES validator) as the user knows
        it: ``Offre.asice!/folder/doc.pdf``."""
        if signed.kind != "file":
            return signed
        name = "/".join(part for part in PurePosixPath(signed.name).parts if part != ".")
        return SignedObject(self.contents.shown(name), signed.kind, signed.digest_matches)

    # --- the container ----------------------------------------------------------------------

    def _container_checks(self, unsigned: list[str]) -> list[Check]:
        contents = self.contents
        checks = [_mimetype_check(contents)]
        if contents.disagreements:
            checks.append(Check(CONTAINER_TYPE, False, "; ".join(contents.disagreements)))
        if unsigned:
            shown = ", ".join(contents.shown(name) for name in unsigned)
            checks.append(
                Check(
                    CONTAINER_FILES_SIGNED,
                    False,
                    f"not signed by any signature of the container: {shown}",
                )
            )
        else:
            checks.append(
                Check(CONTAINER_FILES_SIGNED, True, "every file is covered by a signature")
            )
        if contents.skipped:
            skipped = "; ".join(notice.message for notice in contents.skipped.values())
            checks.append(Check(CONTAINER_ENTRIES, False, skipped))
        return checks


def _mimetype_check(contents: AsicContents) -> Check:
    mimetype = contents.mimetype
    if not mimetype.present:
        return Check(
            CONTAINER_MIMETYPE,
            True,
            f"absent, which EN 319 162-1 allows (A.1); {contents.kind.value} told by the"
            f" {contents.kind_source}",
        )
    if mimetype.broken:
        return Check(
            CONTAINER_MIMETYPE,
            False,
            "; ".join(mimetype.broken)
            + " (EN 319 162-1 A.1); no signature covers the mimetype: the verdicts stand on what"
            " is signed",
        )
    return Check(CONTAINER_MIMETYPE, True, mimetype.media_type or "")


def _merged(checks: list[Check]) -> list[Check]:
    """One check per name (a manifest of thousands of missing files gives one line, not
    thousands): failed if one failed, undecided if one was, the details joined (and folded)."""
    by_name: dict[str, list[Check]] = {}
    for check in checks:
        by_name.setdefault(check.name, []).append(check)
    merged = []
    for name, same in by_name.items():
        outcomes = [c.passed for c in same]
        passed = False if False in outcomes else (None if None in outcomes else True)
        merged.append(Check(name, passed, "; ".join(c.detail for c in same if c.detail)))
    return merged


def _holds_its_content(token: Path) -> bool:
    """Whether the CMS encapsulates its content (enveloping); False when it cannot be read
    (the CMS validator then gives the verdict its damage deserves)."""
    from asn1crypto import core

    from ..cms.reading import NotRead, load_signed_data

    signed_data = load_signed_data(token)
    if isinstance(signed_data, NotRead):
        return False
    return not isinstance(signed_data["encap_content_info"]["content"], core.Void)


def _document_intact(report: SignatureReport) -> bool | None:
    """What the CMS validator found of the detached content's digest (None: not checked)."""
    if report.subindication is SubIndication.HASH_FAILURE:
        return False
    found = [c.passed for c in report.checks if c.name == "document digest"]
    if found:
        return found[-1]
    return True if report.indication is Indication.TOTAL_PASSED else None


def _worsen(report: SignatureReport, indication: Indication, subindication: SubIndication) -> None:
    """A container finding applied to a verdict: a failure wins over everything but another
    failure (a forged or changed file is reported as such, whoever signed); an indeterminate
    finding only replaces a pass."""
    if report.indication is Indication.TOTAL_FAILED:
        return
    if indication is Indication.TOTAL_FAILED or report.indication is Indication.TOTAL_PASSED:
        report.indication, report.subindication = indication, subindication


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
