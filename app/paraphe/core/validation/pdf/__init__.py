"""Signatures embedded in PDFs (PAdES): the validator, and the check that the pages shown are the
pages signed (``visual_diff`` plans the comparison, ``page_pixels`` draws and compares the pages
in ``page_comparer``'s child process;
``page_comparer_flag`` is apart so that the entry points can test for it without importing more).

Nothing is imported here: the entry points import ``page_comparer_flag`` at start-up."""
