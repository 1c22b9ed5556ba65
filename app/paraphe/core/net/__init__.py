"""Network access (revocation data, certificates named by a certificate): bounded and proxy-aware."""
