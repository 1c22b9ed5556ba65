"""One module per ``paraphe`` command: its options (``add_parser``) and its ``run``."""
