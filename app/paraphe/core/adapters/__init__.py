"""Where Paraphe reaches past a library's public API, each library in one module.

A private attribute or method can change in any release: keeping every such access here, with
the version it was checked against, makes an upgrade a matter of reading these files (and the
tests that exercise them). The rest of the engine calls these functions, never the internals.
"""
