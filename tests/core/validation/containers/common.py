"""What the container tests share: the verification of one container against the test PKI,
with what every report owes (its container as signature path, a JSON that serialises)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from paraphe.core.validation.containers.validator import ContainerResult, verify_container
from paraphe.core.validation.context import VerificationContext
from paraphe.core.validation.report import DocumentReport, SignatureReport, ValidationReport
from paraphe.core.validation.settings import VerificationSettings
from tests.support.pki import TestPki


@pytest.fixture(scope="module")
def settings(pki: TestPki) -> VerificationSettings:
    root = asn1_x509.Certificate.load(pem.unarmor(pki.root_cert.read_bytes())[2])
    return VerificationSettings(trust_roots=(root,))


def verify(container: Path, settings: VerificationSettings) -> ContainerResult:
    with VerificationContext(settings) as context:
        result = verify_container(container, context)
    for report in result.reports:
        assert report.signature_path == container
        assert report.document_path == container
    # every report serialises: plain values only
    whole = ValidationReport(dt.datetime.now(dt.UTC), [DocumentReport(container, result.reports)])
    json.dumps(whole.to_json_dict())
    return result


def only(result: ContainerResult) -> SignatureReport:
    assert len(result.reports) == 1, result.reports
    return result.reports[0]


def check(report: SignatureReport, name: str) -> bool | None:
    found = [c.passed for c in report.checks if c.name == name]
    assert len(found) == 1, (name, report.checks)
    return found[0]


def detail(report: SignatureReport, name: str) -> str:
    return " ".join(c.detail for c in report.checks if c.name == name)
