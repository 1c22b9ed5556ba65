"""Associated signature containers (ETSI EN 319 162-1): ASiC-S and ASiC-E with CAdES or XAdES.

A container is a ZIP of data objects and, in ``META-INF/``, the signatures over them. It is read
with the limits of ``inputs.archives`` (``reading``), its type decided and its ``mimetype`` judged
(``kind``, ``mimetype``), each signature handed to the CAdES or XAdES validator, and every data
object accounted for (``validator``): a file changed, removed or added after signing is reported.
"""
