"""Views of a validation report that every face renders: the summary rows (one per document and
signature) and the details of a signature, with the words in English marked for translation.

The command line prints them, the desktop application shows them, the coming PDF report will
lay them out: what a verdict says is decided here once, how it looks is the face's business.
"""
