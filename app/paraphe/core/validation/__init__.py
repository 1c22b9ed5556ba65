"""Verification: ETSI EN 319 102-1 verdicts for every signature in what the user gives.

``verifier`` runs it: ``inputs`` finds and pairs the signature files, ``registry`` gives each one
to the validator of its format (``xades/``, ``cms/``, ``pdf/``), and every validator reports
through the same pieces: ``certificate_path`` (the signer's path, validity and revocation mapped
to EN 319 102-1), ``failures`` (verdict reports), ``report`` (the report and its JSON).
``settings`` says how a run verifies (trust, time, online or offline), ``context`` holds what one
run shares. Where the next capabilities go is said in ``registry``.
"""
