"""What the user gave, turned into items to validate: files and folders walked, ZIP archives
unpacked within limits (``archives``), each file classified and detached tokens paired with their
documents (``discovery``).

Named for what it holds, not ``containers``: these are the user's inputs, whatever their format.
ASiC containers are a signature format (a ZIP with a manifest and its signatures) and will be a
validator of their own in the registry, reading the ZIP with ``archives``' limits."""
