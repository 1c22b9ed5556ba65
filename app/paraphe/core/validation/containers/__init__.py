"""Associated signature containers (ETSI EN 319 162-1): ASiC-S and ASiC-E with CAdES or XAdES.

A container is a ZIP of data objects and, in ``META-INF/``, the signatures over them:

- ``kind``: which files are containers (for discovery) and the ASiC names;
- ``reading``: the ZIP unpacked with the limits of ``inputs.archives``, the mimetype judged;
- ``manifest``: the ASiCManifest an ASiC-E CAdES signature signs;
- ``cades``, ``xades``: each signature file handed to the CAdES or XAdES validator;
- ``files``, ``findings``: the container's files as the signatures see them, the checks added;
- ``validator``: the entry points (``validate_asic``, ``verify_container``) and the accounting
  of every data object: a file changed, removed or added after signing is reported.
"""
