"""RFC 3161 timestamps: the client that asks TSAs for them, and the checks a token must pass."""
