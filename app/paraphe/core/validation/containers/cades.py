"""CAdES in an ASiC container (EN 319 162-1): ``META-INF/*signature*.p7s``, detached, over the
one data object (ASiC-S, 4.3.3) or over the ``META-INF/ASiCManifest*.xml`` that names it
(ASiC-E, 4.4.3 and A.4). The CMS validator checks the signature; the manifest's digests are
checked here, streamed, and only once the manifest is known to be the one signed.

An enveloping CMS verifies over its own content: the manifest beside it could be swapped for
one listing forged files. ASiC signature files are detached; one that is not is INDETERMINATE
FORMAT_FAILURE and covers nothing.
"""

from __future__ import annotations

from pathlib import Path

from ...text.translatable import N_, Worded
from ..failures import failed_signature
from ..indications import Indication, SubIndication
from ..report import Check, Container, DetectedFormat, SignatureReport, SignedObject
from .files import ContainerFiles
from .findings import (
    CONTAINER_TYPE,
    MANIFEST_DIGESTS,
    SIGNATURE_FILE,
    SIGNED_FILES_PRESENT,
    merged,
    worsen,
)
from .manifest import AsicManifest, DataObjectReference, UnreadableManifest, read_manifest

_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"

Finding = tuple[Indication, SubIndication, Check]


class CadesInContainer:
    """The CAdES signature files of one container, validated one at a time."""

    def __init__(self, files: ContainerFiles) -> None:
        self.files = files
        self.contents = files.contents
        self.manifests: list[AsicManifest] = []
        self.unreadable: list[UnreadableManifest] = []
        for name in self.contents.manifests:
            try:
                self.manifests.append(read_manifest(name, self.contents.files[name]))
            except UnreadableManifest as exc:
                self.unreadable.append(exc)

    def validate(self, entry: str) -> list[SignatureReport]:
        token = self.contents.files[entry]
        if _holds_its_content(token):
            return [self._enveloping(entry, token)]
        manifest = next((m for m in self.manifests if m.signature == entry), None)
        if manifest is not None:
            return self._over_manifest(token, manifest)
        if self.contents.kind is Container.ASIC_E and self.unreadable:
            return [self._manifest_failure(token)]
        reports = self._over_data_object(token)
        if self.contents.kind is Container.ASIC_E:  # 4.4.3: a CAdES signature signs a manifest
            for report in reports:
                report.checks.append(
                    Check(
                        CONTAINER_TYPE,
                        False,
                        Worded(
                            N_(
                                "no ASiCManifest names {entry}: it was checked as a signature"
                                " over one data object (the ASiC-S form)"
                            ),
                            entry=entry,
                        ),
                    )
                )
        return reports

    def _enveloping(self, entry: str, token: Path) -> SignatureReport:
        """Not a pass, and not called forged: INDETERMINATE."""
        return failed_signature(
            token,
            DetectedFormat.CADES,
            Indication.INDETERMINATE,
            SubIndication.FORMAT_FAILURE,
            Check(
                SIGNATURE_FILE,
                False,
                Worded(
                    N_(
                        "{entry} holds the content it signs: an ASiC signature must be detached"
                        " over the container's files or its manifest"
                    ),
                    entry=entry,
                ),
            ),
        )

    def _manifest_failure(self, token: Path) -> SignatureReport:
        """An ASiC-E CAdES signature whose manifest is (likely) one that could not be read:
        damaged (TOTAL_FAILED), or too large to read (INDETERMINATE)."""
        damaged = any(m.damaged for m in self.unreadable)
        return failed_signature(
            token,
            DetectedFormat.CADES,
            Indication.TOTAL_FAILED if damaged else Indication.INDETERMINATE,
            SubIndication.FORMAT_FAILURE,
            Check(
                MANIFEST_DIGESTS,
                False if damaged else None,
                "; ".join(str(m) for m in self.unreadable),
            ),
        )

    def _over_data_object(self, token: Path) -> list[SignatureReport]:
        """ASiC-S: detached over the one data object, which a changed file then fails
        (HASH_FAILURE). Where the file is not certain (several data objects, a file added; or
        an ASiC-E, whose CAdES signatures sign a manifest), only the file whose digest the
        signature holds: with none, the signed data is not in the container."""
        from ..cms.validator import validate_cms

        candidates = [n for n in self.contents.data_objects if n in self.contents.files]
        if len(candidates) == 1 and self.contents.kind is Container.ASIC_S:
            chosen: str | None = candidates[0]
        else:
            chosen = self._signed_candidate(token, candidates)
        document = self.contents.files[chosen] if chosen is not None else None
        reports = validate_cms(token, document, self.files.context)
        if chosen is not None:
            self.files.covered.add(chosen)
        for report in _signers(reports):
            if chosen is None:
                report.checks.append(
                    Check(SIGNED_FILES_PRESENT, False, self._not_found(candidates))
                )
                continue
            intact = _content_intact(report)
            report.signed_objects = [SignedObject(self.contents.shown(chosen), "file", intact)]
        return reports

    def _not_found(self, candidates: list[str]) -> str:
        if candidates:
            return "no file of the container has the digest the signature holds"
        return self.files.no_data_object()

    def _signed_candidate(self, token: Path, candidates: list[str]) -> str | None:
        """The data object whose digest is the signature's message-digest, if any."""
        from ..cms.reading import NotRead, load_signed_data

        if not candidates:
            return None
        signed_data = load_signed_data(token)
        if isinstance(signed_data, NotRead):
            return None  # the CMS validator says what is wrong with it
        try:
            signer_info = signed_data["signer_infos"][0]
            algorithm = signer_info["digest_algorithm"]["algorithm"].native
            wanted = next(
                attribute["values"][0].native
                for attribute in signer_info["signed_attrs"]
                if attribute["type"].dotted == _MESSAGE_DIGEST
            )
        except (StopIteration, ValueError, TypeError, LookupError):
            return None
        return next((n for n in candidates if self.files.digest(n, algorithm) == wanted), None)

    def _over_manifest(self, token: Path, manifest: AsicManifest) -> list[SignatureReport]:
        """ASiC-E: the CMS signature over the manifest, then each data object's digest."""
        from ..cms.validator import validate_cms

        reports = validate_cms(token, self.contents.files[manifest.name], self.files.context)
        for report in _signers(reports):
            signed = _content_intact(report) is True  # the manifest is the one signed
            objects = [
                SignedObject(
                    self.contents.shown(manifest.name), "properties", _content_intact(report)
                )
            ]
            findings: list[Finding] = []
            for reference in manifest.references:
                if reference.name is not None:
                    self.files.covered.add(reference.name)
                matches, finding = self._reference(reference) if signed else (None, None)
                objects.append(
                    SignedObject(
                        self.contents.shown(reference.name or reference.uri), "file", matches
                    )
                )
                if finding is not None:
                    findings.append(finding)
            report.signed_objects = objects
            if not signed:
                continue  # changed (HASH_FAILURE already) or unverified: its digests prove nothing
            if not findings:
                report.checks.append(
                    Check(
                        MANIFEST_DIGESTS,
                        True,
                        Worded(N_("{count} data object(s)"), count=len(manifest.references)),
                    )
                )
            for indication, subindication, _check in findings:
                worsen(report, indication, subindication)
            report.checks.extend(merged([check for _, _, check in findings]))
        return reports

    def _reference(self, reference: DataObjectReference) -> tuple[bool | None, Finding | None]:
        """Whether the data object is there and is what was signed; the finding if not."""
        name = reference.name
        if name is None or name not in self.contents.files:
            shown = self.contents.shown(name) if name else reference.uri
            return None, (
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                Check(SIGNED_FILES_PRESENT, False, self.files.absence(shown, name)),
            )
        shown = self.contents.shown(name)
        if reference.transformed:
            return None, (
                Indication.INDETERMINATE,
                SubIndication.FORMAT_FAILURE,
                Check(
                    MANIFEST_DIGESTS,
                    None,
                    Worded(N_("{file}: transforms in a manifest are not supported"), file=shown),
                ),
            )
        if reference.algorithm is None:
            return None, (
                Indication.INDETERMINATE,
                SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                Check(
                    MANIFEST_DIGESTS,
                    None,
                    Worded(
                        N_("{file}: the digest algorithm {algorithm} is not accepted"),
                        file=shown,
                        algorithm=reference.algorithm_uri,
                    ),
                ),
            )
        digest = self.files.digest(name, reference.algorithm)
        if digest is None:
            return None, (
                Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND,
                Check(SIGNED_FILES_PRESENT, None, Worded(N_("{file} cannot be read"), file=shown)),
            )
        if digest != reference.digest:
            return False, (
                Indication.TOTAL_FAILED,
                SubIndication.HASH_FAILURE,
                Check(
                    MANIFEST_DIGESTS,
                    False,
                    Worded(N_("{file} was modified after it was signed"), file=shown),
                ),
            )
        return True, None


def _signers(reports: list[SignatureReport]) -> list[SignatureReport]:
    """The reports of the signers of the content; a counter-signature signs a signature value,
    not the container's files: its report keeps what the CMS validator says it signs."""
    return [report for report in reports if report.counter_signature_of is None]


def _holds_its_content(token: Path) -> bool:
    """Whether the CMS encapsulates its content (enveloping); False when it cannot be read
    (the CMS validator then gives the verdict its damage deserves)."""
    from asn1crypto import core

    from ..cms.reading import NotRead, load_signed_data

    signed_data = load_signed_data(token)
    if isinstance(signed_data, NotRead):
        return False
    return not isinstance(signed_data["encap_content_info"]["content"], core.Void)


def _content_intact(report: SignatureReport) -> bool | None:
    """What the CMS validator found of the detached content's digest (None: not checked)."""
    if report.subindication is SubIndication.HASH_FAILURE:
        return False
    found = [c.passed for c in report.checks if c.name == "document digest"]
    if found:
        return found[-1]
    return True if report.indication is Indication.TOTAL_PASSED else None
