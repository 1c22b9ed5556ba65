"""The verification guide: a short PDF, written beside the signatures of a batch, that tells
whoever receives them (a public buyer) how to verify them, free of charge, step by step.

Why: the arrêté of 22 March 2019 on the signature of public contracts requires a bidder who signs
with a tool other than the buyer platform's to hand over, free of charge, a procedure that lets
the buyer verify the signature. The guide names each signed file and its signature file with
their SHA-256 (so the buyer knows they verify what was signed), the signer's certificate, the
authority that issued it (its entry in the EU trusted lists, or else its certificate and where it
publishes revocation), and three free ways to verify: Paraphe, the EU's DSS demonstration
validator, the French State's services.

Laid out in the verification report's frame, fonts and styles (``pdf_report``). French by
default, English on request: the face passes a ``Localizer`` in the language asked for (the
guide's reader is the buyer, not the signer).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import AuthorityInformationAccessOID
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from ..errors import OutputNotWritable
from ..etsi import SignatureFormat
from ..files.staged_file import StagedFile
from ..signing.request import SignRequest, SignResult
from ..text.translatable import N_
from ..validation.describe import certificate_info
from .details import NONE, Field, Localizer, certificate_fields
from .pdf_report import (
    ACCENT,
    MONO,
    WIDTH,
    Strong,
    build_document,
    fields_table,
    grid,
    markup,
    para,
    report_styles,
)
from .pdf_report_checks import Digests

if TYPE_CHECKING:
    from ..trust.eutl.index import TrustedListIndex
    from ..trust.eutl.model import TrustedService

LANGUAGES = ("fr", "en")
"""The guide's languages: French for a French buyer by default, English on request."""

TITLE = N_("Signature verification procedure")
"""The guide's title, and its file name (``<title>.pdf``) in the guide's language."""
INTRO = N_(
    "This document accompanies the electronic signatures listed below. It lets their recipient,"
    " a public buyer for instance, verify them free of charge, as the arrêté of 22 March 2019 on"
    " the signature of public contracts requires of a bidder who signs with a tool other than"
    " the buyer platform's."
)
DSS_VALIDATOR = "https://ec.europa.eu/digital-building-blocks/DSS/webapp-demo/validation"
"""The European Commission's demonstration of DSS, the validation library behind the EU's
reference tools: free, online, no account."""
STATE_PLATFORM = "https://www.marches-publics.gouv.fr"
"""PLACE, the State's buyer platform."""
ANSSI_SITE = "https://www.ssi.gouv.fr"
LINKS = {"url": DSS_VALIDATOR, "platform": STATE_PLATFORM, "site": ANSSI_SITE}
"""The addresses the steps name, by their placeholder (set in after the words are translated)."""

ROLES = {
    SignatureFormat.XADES: N_("signature (XAdES)"),
    SignatureFormat.CADES: N_("signature (CAdES)"),
    SignatureFormat.PADES: N_("signed PDF (PAdES)"),
}
"""What the output of each format is, beside the document it was made for."""

CERTIFICATE_BASICS = 5
"""Subject, issuer, serial number, validity, fingerprint: the first fields of
``certificate_fields``, all that an authority's certificate needs here."""


class GuideNotWritable(OutputNotWritable):
    template = N_(
        "{path}: cannot write the verification guide here ({detail}); the signatures are"
        " written, the guide is not."
    )


@dataclass(frozen=True)
class Authority:
    """Who issued the signer's certificate, as the guide names it."""

    certificate: x509.Certificate | None
    """The issuing CA's certificate, from the chain the signatures embed (None: not found)."""
    root: x509.Certificate | None
    """The top of the chain, when it is another certificate than the issuing CA's."""
    listed: tuple[TrustedService, ...]
    """The CA/QC services of the EU trusted lists that list a certificate of the chain."""


def utc_moment(moment: dt.datetime) -> str:
    """A time as the guide writes it: in UTC, said so (the reader may be in any time zone)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def guide_words(translate: Callable[[str], str]) -> Localizer:
    """How the guide is worded: the face's translation into the guide's language, UTC times."""
    return Localizer(translate=translate, moment=utc_moment)


def guide_folder(request: SignRequest, results: Sequence[SignResult]) -> Path:
    """Where the batch's guide goes: the output folder asked for, else beside the first
    signature (one guide per batch, listing every file, even from several folders)."""
    if request.output_dir is not None:
        return request.output_dir
    return results[0].output.parent


def guide_names(folder: Path, title: str) -> Iterator[Path]:
    """Candidate names in order, as the signatures have theirs: never an existing guide's."""
    yield folder / f"{title}.pdf"
    for number in itertools.count(2):
        yield folder / f"{title} ({number}).pdf"


def current_trusted_lists() -> TrustedListIndex | None:
    """The EU trusted lists a verification here would use (an administrator's, the user's or
    the shipped snapshot), or None when there are none."""
    from ..trust.eutl.cache import admin_folders, load_current
    from ..trust.eutl.index import TrustedListIndex

    cache = load_current(admin_folders())
    return TrustedListIndex(cache) if cache is not None else None


def find_authority(
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate],
    trusted_lists: TrustedListIndex | None,
) -> Authority:
    """The issuing CA in ``chain`` and its entries in the trusted lists, found as the
    qualification finds them (nearest issuer first)."""
    from asn1crypto import x509 as asn1_x509

    from ..trust.eutl.qualification import issuer_services

    issuer = next((c for c in chain if c.subject == certificate.issuer), None)
    top = issuer
    while top is not None and top.issuer != top.subject:
        above = next((c for c in chain if c.subject == top.issuer), None)
        if above is None or above == top:
            break
        top = above
    listed: list[TrustedService] = []
    if trusted_lists is not None:

        def asn1(cert: x509.Certificate) -> Any:
            return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

        listed = issuer_services(asn1(certificate), [asn1(c) for c in chain], trusted_lists)
    return Authority(issuer, top if top is not issuer else None, tuple(listed))


def write_guide_pdf(
    output: BinaryIO,
    results: Sequence[SignResult],
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate],
    *,
    words: Localizer,
    language: str,
    version: str,
    trusted_lists: TrustedListIndex | None,
    now: dt.datetime | None = None,
) -> None:
    """Write the guide for the signatures ``results`` made with ``certificate`` (and its
    ``chain``) into ``output``, an open binary file (publishing it whole is the caller's part)."""
    t = words.translate
    now = now or dt.datetime.now(dt.UTC)
    styles = report_styles()
    authority = find_authority(certificate, chain, trusted_lists)
    story: list[Flowable] = [
        Strong(markup(t(TITLE)), styles["title"]),
        Paragraph(markup(t(INTRO)), styles["intro"]),
        fields_table(
            [
                Field(t(N_("Signed on")), words.moment(now)),
                Field(t(N_("Signed with")), f"Paraphe {version}"),
                Field(t(N_("Signatures")), str(len(results))),
            ],
            styles,
        ),
    ]
    story += _files(results, words, styles)
    story += _signer(certificate, words, styles)
    story += _authority(certificate, authority, trusted_lists, words, styles, now)
    story += _ways_to_verify(words, styles)
    footer = t(N_("Guide made on {time} by Paraphe {version}")).format(
        time=words.moment(now), version=version
    )
    build_document(
        output,
        story,
        title=t(TITLE),
        footer=footer,
        author=f"Paraphe {version}",
        words=words,
        language=language,
    )


def publish_verification_guide(
    results: Sequence[SignResult],
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate],
    *,
    folder: Path,
    words: Localizer,
    language: str,
    version: str,
    trusted_lists: TrustedListIndex | None,
) -> Path:
    """Write the guide into ``folder`` under a free name (never over an earlier guide), whole or
    not at all; ``GuideNotWritable`` says why not. The path written is returned."""
    try:
        with StagedFile(folder) as staged:
            try:
                write_guide_pdf(
                    staged.file,
                    results,
                    certificate,
                    chain,
                    words=words,
                    language=language,
                    version=version,
                    trusted_lists=trusted_lists,
                )
            except OSError as exc:
                raise GuideNotWritable(folder, detail=exc.strerror or str(exc)) from None
            return staged.publish(guide_names(folder, words.translate(TITLE)))
    except GuideNotWritable:
        raise
    except OutputNotWritable as exc:
        raise GuideNotWritable(exc.path or folder, detail=exc.params.get("detail", "")) from None


# --- the sections -----------------------------------------------------------------------------


def _files(
    results: Sequence[SignResult], words: Localizer, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    t = words.translate
    digests = Digests()
    rows: list[list[Any]] = [
        [para(t(label), styles["th"]) for label in (N_("No."), N_("Role"), N_("File and SHA-256"))]
    ]
    for number, result in enumerate(results, start=1):
        for index, (role, path) in enumerate(
            ((N_("document"), result.document), (ROLES[result.format], result.output))
        ):
            rows.append(
                [
                    para(str(number) if index == 0 else "", styles["num"]),
                    para(t(role), styles["cell"]),
                    [
                        para(path.name, styles["cell"]),
                        Paragraph(markup(digests.of(path) or NONE), styles["monocell"]),
                    ],
                ]
            )
    return [
        Strong(markup(t(N_("Signed files"))), styles["h2"]),
        Paragraph(
            markup(
                t(
                    N_(
                        "Give the verifier each signature with the document it signs, both as"
                        " they are: a file whose SHA-256 differs from the one below is not the"
                        " file that was signed. A signed PDF holds its own signature."
                    )
                )
            ),
            styles["body"],
        ),
        Spacer(1, 2 * mm),
        grid(rows, [9 * mm, 30 * mm, WIDTH - 39 * mm], header=True),
    ]


def _signer(
    certificate: x509.Certificate, words: Localizer, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    t = words.translate
    return [
        KeepTogether(
            [
                Strong(markup(t(N_("The signer's certificate"))), styles["h2"]),
                fields_table(
                    _broken(certificate_fields(certificate_info(certificate), words)), styles
                ),
            ]
        )
    ]


def _authority(
    certificate: x509.Certificate,
    authority: Authority,
    trusted_lists: TrustedListIndex | None,
    words: Localizer,
    styles: dict[str, ParagraphStyle],
    now: dt.datetime,
) -> list[Flowable]:
    t = words.translate
    story: list[Flowable] = [Strong(markup(t(N_("The certification authority"))), styles["h2"])]
    if authority.listed:
        story.append(
            Paragraph(
                markup(
                    t(
                        N_(
                            "The authority that issued the signer's certificate is in the EU"
                            " trusted lists (eIDAS regulation); its entry:"
                        )
                    )
                ),
                styles["body"],
            )
        )
        for service in authority.listed:
            story.append(fields_table(_service_fields(service, trusted_lists, words, now), styles))
    else:
        consulted = (
            t(N_("EU trusted lists as of {date}")).format(date=f"{trusted_lists.as_of:%Y-%m-%d}")
            if trusted_lists is not None
            else t(N_("no EU trusted list was available"))
        )
        story.append(
            Paragraph(
                markup(
                    t(
                        N_(
                            "The authority that issued the signer's certificate is not in the EU"
                            " trusted lists Paraphe consulted ({lists}): the verifier must trust"
                            " its certificate, below, explicitly (in DSS: as a trusted"
                            " certificate)."
                        )
                    ).format(lists=consulted)
                ),
                styles["body"],
            )
        )
    fields: list[Field] = []
    if authority.certificate is not None:
        basics = certificate_fields(certificate_info(authority.certificate), words)
        fields += basics[:CERTIFICATE_BASICS]
    else:
        fields.append(
            Field(
                t(N_("Subject")),
                t(N_("{issuer} (its certificate was not available when signing)")).format(
                    issuer=certificate.issuer.rfc4514_string()
                ),
            )
        )
    fields += _published(certificate, words)
    if authority.root is not None:
        root = certificate_fields(certificate_info(authority.root), words)
        fields.append(Field(t(N_("Root certificate")), root[0].value))
        fields.append(Field(t(N_("Root SHA-256 fingerprint")), root[4].value))
    story.append(Strong(markup(t(N_("Issuing authority's certificate"))), styles["h3"]))
    story.append(fields_table(_broken(fields), styles))
    return story


def _service_fields(
    service: TrustedService,
    trusted_lists: TrustedListIndex | None,
    words: Localizer,
    now: dt.datetime,
) -> list[Field]:
    from ..trust.eutl.model import status_name

    t = words.translate
    period = service.period_at(now)
    if period is None:
        status = NONE
    else:
        status = t(N_("{status} since {date}")).format(
            status=t(status_name(period.status)), date=f"{period.start:%Y-%m-%d}"
        )
    info = trusted_lists.lists.get(service.list_label) if trusted_lists is not None else None
    fields = [
        Field(t(N_("Trusted list")), service.list_label),
        Field(t(N_("Service")), service.name),
        Field(t(N_("Provider")), service.provider),
        Field(t(N_("Status")), status),
    ]
    if info is not None and info.location:
        fields.append(Field(t(N_("List address")), info.location))
    return fields


def _published(certificate: x509.Certificate, words: Localizer) -> list[Field]:
    """Where the authority publishes the signer's revocation status and its own certificate,
    as the signer's certificate names them."""
    t = words.translate
    crls: list[str] = []
    try:
        points = certificate.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        for point in points:
            crls += _urls(point.full_name or ())
    except x509.ExtensionNotFound:
        pass
    ocsp: list[str] = []
    issuers: list[str] = []
    try:
        access = certificate.extensions.get_extension_for_class(
            x509.AuthorityInformationAccess
        ).value
        for description in access:
            if description.access_method == AuthorityInformationAccessOID.OCSP:
                ocsp += _urls([description.access_location])
            elif description.access_method == AuthorityInformationAccessOID.CA_ISSUERS:
                issuers += _urls([description.access_location])
    except x509.ExtensionNotFound:
        pass
    return [
        Field(t(N_("Revocation list (CRL)")), "\n".join(crls) or NONE),
        Field(t(N_("OCSP responder")), "\n".join(ocsp) or NONE),
        Field(t(N_("Authority's certificate (download)")), "\n".join(issuers) or NONE),
    ]


def _broken(fields: Sequence[Field]) -> list[Field]:
    """Fingerprints ("AB:CD:…", 95 characters without a space) on two lines of 16 bytes: whole,
    they run past the page's edge."""
    return [
        Field(f.label, f"{f.value[:48]}\n{f.value[48:]}") if _is_fingerprint(f.value) else f
        for f in fields
    ]


def _is_fingerprint(value: str) -> bool:
    return len(value) == 95 and value.count(":") == 31


def _urls(names: Sequence[x509.GeneralName]) -> list[str]:
    return [name.value for name in names if isinstance(name, x509.UniformResourceIdentifier)]


def _ways_to_verify(words: Localizer, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    t = words.translate
    ways = (
        (
            N_("1. With Paraphe"),
            (
                N_("Paraphe verifies signatures free of charge, without a network if need be."),
                N_("Put the documents and their signatures in one folder, as handed over."),
                N_(
                    "In the desktop application, open the Verify tab and drop the folder on it;"
                    " on the command line, run: paraphe verify FOLDER (with --report report.pdf"
                    " to keep a verification report)."
                ),
                N_("Each signature must be shown valid, made by the signer named above."),
            ),
        ),
        (
            N_("2. With the European Commission's DSS demonstration validator"),
            (
                N_("Open this address in a web browser (free, no account): {url}"),
                N_(
                    "Under “Signed file”, choose the signature file (.xml or .p7s) or the signed"
                    " PDF; for a signature file, give the document it signs under “Original"
                    " file(s)”."
                ),
                N_(
                    "Click “Validate”: the simple report gives the indication (TOTAL_PASSED:"
                    " valid), the signer and the qualification (QESig: qualified electronic"
                    " signature)."
                ),
            ),
        ),
        (
            N_("3. With the French State's free services"),
            (
                N_(
                    "Buyer platforms verify the signatures of a tender when it is uploaded; PLACE,"
                    " the State's buyer platform ({platform}), offers a free signature"
                    " verification tool."
                ),
                N_(
                    "The free signature verification service of the French State is listed by"
                    " the national cybersecurity agency (ANSSI) on {site}: search the site for"
                    " “validation de signature”."
                ),
            ),
        ),
    )
    links = {name: _link(url) for name, url in LINKS.items()}
    step = ParagraphStyle("step", parent=styles["body"], leftIndent=4 * mm, bulletIndent=1 * mm)
    story: list[Flowable] = []
    for number, (title, steps) in enumerate(ways):
        block: list[Flowable] = []
        if number == 0:  # the section's heading never ends a page alone
            block += [
                Strong(markup(t(N_("How to verify the signatures, free of charge"))), styles["h2"]),
                Paragraph(markup(t(N_("Any of these ways will do."))), styles["body"]),
            ]
        block.append(Strong(markup(t(title)), styles["h3"]))
        block += [
            Paragraph(markup(t(text)).format(**links), step, bulletText="•") for text in steps
        ]
        story.append(KeepTogether(block))
    checks = (
        N_("each signature is valid (TOTAL_PASSED);"),
        N_("its signer is the one named above, with the same certificate fingerprint;"),
        N_(
            "each file's SHA-256 is the one above (on Windows: certutil -hashfile FILE SHA256;"
            " on macOS and Linux: shasum -a 256 FILE);"
        ),
        N_(
            "for a public contract, the signature is at least advanced and based on a qualified"
            " certificate (AdES/QC or QES), as the arrêté of 22 March 2019 requires."
        ),
    )
    block = [Strong(markup(t(N_("What to check"))), styles["h3"])]
    block += [Paragraph(markup(t(check)), step, bulletText="•") for check in checks]
    story.append(KeepTogether(block))
    return story


def _link(url: str) -> str:
    """An address as paragraph markup: set apart in the fixed-width font, and a link."""
    shown = markup(url)
    return f'<a href="{shown}" color="{ACCENT.hexval()}"><font face="{MONO}">{shown}</font></a>'
