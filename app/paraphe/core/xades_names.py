"""The XML names that XAdES signing and validation share (XML-DSig, EN 319 132-1), in one place so
that neither side imports the other."""

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XADES141 = "http://uri.etsi.org/01903/v1.4.1#"
XADES_NAMESPACES = (XADES, XADES141)
NS = {"ds": DS, "xades": XADES}
"""Prefixes for ElementPath searches."""

SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
"""The Type of the ds:Reference that designates the SignedProperties."""
