"""Certificate names compare as RFC 5280 7.1 says once their string preparation is cached: case
and inner white space do not matter, other characters do; the preparation itself is unchanged."""

from __future__ import annotations

from asn1crypto import x509

import paraphe.core  # noqa: F401 - installs the adapters


def _name(common_name: str, organisation: str = "PARAPHE TEST PKI") -> x509.Name:
    return x509.Name.build({"common_name": common_name, "organization_name": organisation})


def test_names_compare_as_rfc_5280_says() -> None:
    assert _name("Paraphe  Test CA") == _name("paraphe test ca")  # case and spaces folded
    assert _name("Paraphe Test CA") != _name("Paraphe Test CB")
    assert _name("Paraphe Test CA") != _name("Paraphe Test CA", "OTHER PKI")
    assert _name("Éric Dupont") == _name("éric dupont")


def test_the_preparation_is_cached_and_unchanged() -> None:
    prep = x509.NameTypeAndValue._ldap_string_prep
    assert getattr(prep, "_paraphe_cached", False)
    original = prep.__wrapped__  # type: ignore[attr-defined]
    for value in ("  Jeanne\u00ad  Martin\u200b ", "ÉRIC Dupont", "ﬁn\u2028", "", "A\tB"):
        assert prep(None, value) == prep(None, value) == original(None, value)  # type: ignore[arg-type]
