"""CMS signatures: detached CAdES tokens (``.p7s``) and enveloping ``.p7m`` files; reading the
untrusted DER (``reading``), running pyHanko's AdES validation (``validator``) and describing its
result (``status``). PAdES reuses the CMS pieces for the signature inside a PDF."""
