"""Errors a user can meet, each with a sentence that says what happened and what to do.

Messages are English source strings with named placeholders so that the faces can translate the
template (Qt's translation system in the GUI) before filling it in. Secrets never go into them.
"""

from __future__ import annotations

from pathlib import Path


class ParapheError(Exception):
    """Base of every error meant for a user; ``str()`` gives the filled-in English sentence."""

    template: str = "Something went wrong."

    def __init__(self, path: Path | str | None = None, **params: object) -> None:
        self.path = Path(path) if path is not None else None
        self.params = dict(params)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(path=self.path, **self.params)


class UsageError(ParapheError):
    template = "{detail}"


class CredentialError(ParapheError):
    """A problem with the key or certificate: nothing can be signed with it."""


class WrongPassword(CredentialError):
    template = "{path}: wrong password for this certificate file. Check it and try again."


class CorruptKeystore(CredentialError):
    template = "{path}: not a readable PKCS#12 (.p12/.pfx) file ({detail})."


class NoPrivateKey(CredentialError):
    template = (
        "{path}: the file holds no private key, only certificates; export it again with its key."
    )


class NoCertificate(CredentialError):
    template = "{path}: the file holds no certificate matching its private key."


class UnsupportedKey(CredentialError):
    template = "{path}: unsupported key type {key_type}; RSA and ECDSA keys are supported."


class CertificateNotValidNow(CredentialError):
    """The certificate is outside its validity period: expired, or not yet valid."""


class CertificateExpired(CertificateNotValidNow):
    template = (
        "{path}: the certificate of {holder} has expired (valid from {not_before} to {not_after});"
        " a signature made with it would be rejected. Use a valid certificate."
    )


class CertificateNotYetValid(CertificateNotValidNow):
    template = (
        "{path}: the certificate of {holder} is not yet valid (valid from {not_before} to"
        " {not_after}); a signature made with it would be rejected. Use a valid certificate."
    )


class KeyTooWeak(CredentialError):
    template = (
        "{path}: the key of {holder} ({algorithm}) is no longer accepted since {date} ({source});"
        " a signature made with it would be rejected. Use a certificate with a stronger key."
    )


class UnreadableDocument(ParapheError):
    template = "{path}: cannot read this file ({detail})."


class UnsupportedDocument(ParapheError):
    template = "{path}: {detail}"


class StampWouldCover(UnsupportedDocument):
    template = (
        "{path}: the stamp at {place} on page {page} would cover an earlier signature, a field or"
        " signed content; choose a blank place, or leave the position out to let Paraphe find one."
    )


class NoRoomForStamp(UnsupportedDocument):
    template = (
        "{path}: page {page} has no blank place left for a stamp without covering what was"
        " signed; choose another page or sign without a visible stamp."
    )


class DocumentChanged(ParapheError):
    template = "{path}: the file changed while it was being signed; sign it again once it is saved."


class OutputNotWritable(ParapheError):
    template = "{path}: cannot write the signature here ({detail}). Choose another output folder."


class ReportNotWritable(OutputNotWritable):
    template = "{path}: cannot write the report here ({detail}); nothing was written."


class SelfCheckFailed(ParapheError):
    template = "{path}: the signature written could not be verified ({detail}); nothing was kept."


class SigningFailed(ParapheError):
    template = "{path}: signing failed ({detail})."


class TimestampUnavailable(ParapheError):
    """No timestamp server gave a usable token: the batch stops (levels B-T and up need one)."""

    template = (
        "No timestamp could be obtained ({detail}). The files not done yet were left as they"
        " were; check the timestamp server's address, or try again later."
    )


class ValidationDataUnavailable(ParapheError):
    """The revocation data a B-LT signature must carry could not be had: the batch stops."""

    template = (
        "The validation data of the signature could not be gathered ({detail}). The files not"
        " done yet were left as they were; check the network access to the certificate"
        " authority, or use level B-T."
    )


class Cancelled(ParapheError):
    template = "Cancelled."


class Notice:
    """A warning that does not stop signing (a certificate without nonRepudiation, a ZIP input)."""

    def __init__(self, template: str, path: Path | str | None = None, **params: object) -> None:
        self.template = template
        self.path = Path(path) if path is not None else None
        self.params = dict(params)

    @property
    def message(self) -> str:
        return self.template.format(path=self.path, **self.params)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"Notice({self.message!r})"
