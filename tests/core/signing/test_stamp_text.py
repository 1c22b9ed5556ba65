"""The visible stamp's text: the signer, the organisation, the signing time in local time with
its offset, in the user's language; and the signed PDF prints exactly that (read with pdftoppm
and pdftotext, as a reader sees it)."""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from paraphe.core.signing.request import SignatureFormat, SignRequest, VisibleSignature
from paraphe.core.signing.stamp_text import MOMENT, SIGNED_BY, SIGNED_ON, stamp_lines, stamp_moment
from tests.core.validation.cms.test_verify_pdf_cms import PDF, copy_sample
from tests.support.pki import TestPki
from tests.support.signing import sign_with

FRENCH = {
    SIGNED_BY: "Signé électroniquement par",
    SIGNED_ON: "le {moment}",
    MOMENT: "{day}/{month}/{year} {hour}:{minute} {offset}",
}
"""The French of the stamp, as the catalogue gives it."""


def french(text: str) -> str:
    return FRENCH.get(text, text)


@pytest.fixture
def in_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in a given time zone, as a user's computer would be."""

    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield use  # type: ignore[misc]
    monkeypatch.undo()
    time.tzset()


def test_the_time_is_local_with_its_offset_in_winter_and_summer(in_zone) -> None:  # type: ignore[no-untyped-def]
    in_zone("Europe/Paris")
    winter = dt.datetime(2026, 12, 4, 13, 3, 59, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)

    assert stamp_moment(winter, french) == "04/12/2026 14:03 +01:00"
    assert stamp_moment(summer, french) == "02/07/2026 00:30 +02:00"  # the local day
    assert stamp_moment(winter) == "2026-12-04 14:03 +01:00"  # English: year first

    in_zone("America/St_Johns")
    assert stamp_moment(winter) == "2026-12-04 09:33 -03:30"


def test_the_lines_name_the_signer_and_the_organisation_when_there_is_one(in_zone) -> None:  # type: ignore[no-untyped-def]
    in_zone("Europe/Paris")
    when = dt.datetime(2026, 12, 4, 13, 3, tzinfo=dt.UTC)

    with_org = stamp_lines("Jeanne Martin", "ENTREPRISE TEST SAS", when, french)
    without = stamp_lines("Jeanne\nMartin", None, when)

    assert with_org == [
        "Signé électroniquement par",
        "Jeanne Martin",
        "ENTREPRISE TEST SAS",
        "le 04/12/2026 14:03 +01:00",
    ]
    assert without == ["Signed electronically by", "Jeanne Martin", "on 2026-12-04 14:03 +01:00"]


def test_the_signed_pdf_prints_the_organisation_and_the_local_time(
    pki: TestPki,
    tmp_path: Path,
    in_zone,  # type: ignore[no-untyped-def]
) -> None:
    in_zone("Europe/Paris")
    pdf = copy_sample(PDF, tmp_path)
    box = (300, 60, 560, 150)
    request = SignRequest(
        documents=(pdf,),
        format=SignatureFormat.PADES,
        visible=VisibleSignature(box=box, translate=french),
    )

    [result] = sign_with(pki, "rsa", request)

    with open(result.output, "rb") as handle:
        [signature] = PdfFileReader(handle, strict=False).embedded_signatures
        signed_at = signature.self_reported_timestamp
    assert signed_at is not None
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", result.output, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    expected = stamp_lines("Jeanne Test", "ENTREPRISE TEST SAS", signed_at, french)
    for line in expected:
        assert line in text, (line, text)
    assert "+01:00" in expected[-1]
    # And drawn: the stamp's box holds dark text on the rendered page (pdftoppm, 72 dpi: one
    # pixel per point), none of it outside the frame.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", result.output, tmp_path / "page"],
        check=True,
    )
    [png] = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    height = image.height
    x1, y1, x2, y2 = box
    inside = image.crop((x1 + 3, height - y2 + 3, x2 - 3, height - y1 - 3))
    dark = sum(inside.histogram()[:128])
    assert dark > 300, "the stamp's text is drawn inside its box"
