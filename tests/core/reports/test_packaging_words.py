"""Where a signature sits and what it covers, in words (issue 16, with the report fields of
issue 13): the lines the details panel shows under the verdict."""

from __future__ import annotations

from pathlib import Path

from paraphe.core.reports.details import Localizer
from paraphe.core.reports.packaging import packaging_lines, signed_object_lines
from paraphe.core.validation.indications import Indication, SubIndication
from paraphe.core.validation.report import (
    Container,
    DetectedFormat,
    Packaging,
    SignatureReport,
    SignedObject,
)

WORDS = Localizer(translate=str, moment=str)


def _report(**fields: object) -> SignatureReport:
    return SignatureReport(
        Path("offre.p7m"),
        DetectedFormat.CADES,
        Indication.TOTAL_PASSED,
        None,
        None,
        **fields,  # type: ignore[arg-type]
    )


def test_an_enveloping_signature_names_the_document_inside() -> None:
    report = _report(
        packaging=Packaging.ENVELOPING,
        signed_objects=[SignedObject("offre.pdf", "embedded", True)],
    )
    assert packaging_lines(report, WORDS) == ["Enveloping signature — document included: offre.pdf"]
    assert signed_object_lines(report, WORDS) == []  # one document: the verdict says it all


def test_an_asic_e_container_counts_its_documents_and_says_which_one_changed() -> None:
    report = _report(
        packaging=Packaging.DETACHED,
        container=Container.ASIC_E,
        signed_objects=[
            SignedObject("offre.pdf", "file", True),
            SignedObject("BPU.xlsx", "file", False),
            SignedObject("DC1.pdf", "file", True),
            SignedObject("#xades-props", "properties", True),
        ],
    )
    assert packaging_lines(report, WORDS) == [
        "Detached signature — signed document(s) beside it: offre.pdf, BPU.xlsx, DC1.pdf",
        "ASiC-E container: 3 signed document(s)",
    ]
    assert signed_object_lines(report, WORDS) == [
        "offre.pdf: its digest matches",
        "BPU.xlsx: its digest does NOT match (modified)",
        "DC1.pdf: its digest matches",
    ]


def test_a_counter_signature_and_a_plain_signature_are_told() -> None:
    report = SignatureReport(
        Path("contrat.xml"),
        DetectedFormat.XADES,
        Indication.INDETERMINATE,
        SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
        "untrusted",
        packaging=Packaging.ENVELOPED,
        counter_signature_of="S1",
        ades=False,
    )
    lines = packaging_lines(report, WORDS)
    assert lines[0] == "Enveloped signature — inside the XML document it signs"
    assert lines[1] == "Counter-signature of signature S1"
    assert lines[2].startswith("Plain XML-DSig signature, without the AdES signed attributes")


def test_many_documents_are_counted_and_nothing_is_said_without_the_fields() -> None:
    names = [f"piece-{n}.pdf" for n in range(8)]
    report = _report(
        packaging=Packaging.DETACHED,
        signed_objects=[SignedObject(name, "file", None) for name in names],
    )
    assert packaging_lines(report, WORDS)[0].endswith("piece-4.pdf and 3 more")
    assert signed_object_lines(report, WORDS)[0] == "piece-0.pdf: not checked"
    assert packaging_lines(_report(), WORDS) == []
