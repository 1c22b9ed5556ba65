"""Work run off the GUI thread, speaking to the pages only through signals."""
