"""CMS signatures: detached CAdES tokens (``.p7s``) and enveloping ``.p7m`` files; reading the
untrusted DER, BER, PEM or S/MIME (``reading``), each signer of a token seen alone (``signers``),
running pyHanko's AdES validation (``ades``, ``validator``), counter-signatures
(``counter_signature``), the dated crypto policy applied (``algorithms``), B-LTA archive
timestamps (``archive``) and the document inside an enveloping signature (``extract``). PAdES
reuses the CMS pieces for the signature inside a PDF."""
