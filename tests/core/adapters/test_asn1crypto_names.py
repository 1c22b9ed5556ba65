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


def _tagged(name: x509.Name) -> x509.Name:
    """The same name as a GeneralName's directoryName ([4] EXPLICIT), as an ESS IssuerSerial
    holds it: its own DER differs, its RDN sequence does not."""
    general = x509.GeneralName.load(x509.GeneralName(name="directory_name", value=name).dump())
    tagged: x509.Name = general.chosen
    assert tagged.dump() != name.dump()
    return tagged


def test_cached_equality_and_hashable_answer_as_the_original() -> None:
    equal = x509.Name.__eq__
    hashable = x509.Name.hashable.fget
    assert getattr(equal, "_paraphe_cached", False)
    original_equal = equal.__wrapped__  # type: ignore[attr-defined]
    original_hashable = hashable.__wrapped__  # type: ignore[union-attr]
    names = [
        _name("Paraphe Test CA"),
        _name("paraphe  test ca"),
        _name("Paraphe Test CB"),
        _name("Paraphe Test CA", "OTHER PKI"),
        x509.Name.build({"common_name": "Paraphe Test CA"}),
        _tagged(_name("PARAPHE TEST CA")),
        x509.Name.load(_name("Éric Dupont").dump()),
    ]
    for first in names:
        assert first.hashable == original_hashable(first)
        for second in names:
            assert (first == second) == original_equal(first, second), (first, second)
            assert (first != second) != original_equal(first, second)
    assert names[5] == names[0]  # a tagged name still equals the untagged one
    assert names[0] != "Paraphe Test CA"


def test_rdn_views_are_the_original_ones_and_copies() -> None:
    rdn_class = x509.RelativeDistinguishedName
    rdn = _name("Jeanne  MARTIN").chosen[1]
    original_values = rdn_class._get_values.__wrapped__  # type: ignore[attr-defined]
    original_types = rdn_class._get_types.__wrapped__  # type: ignore[attr-defined]
    values = rdn_class._get_values(rdn, rdn)
    assert values == original_values(rdn, rdn) and values["common_name"].strip() == "jeanne  martin"
    assert rdn_class._get_types(rdn, rdn) == original_types(rdn, rdn) == {"common_name"}
    values.clear()  # a caller's copy: the next caller is not affected
    assert rdn_class._get_values(rdn, rdn) == original_values(rdn, rdn)
