"""The argument a bundled executable is started with to act as the page comparer.

Apart from ``page_comparer`` so that the entry points can check it without importing more.
"""

PAGE_COMPARER_FLAG = "--paraphe-page-comparer"
