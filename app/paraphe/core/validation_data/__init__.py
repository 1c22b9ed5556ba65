"""Validation data (certificates, OCSP responses, CRLs): gathered for B-LT signing, read back
from signatures for validation without the network."""
