"""The main window's tasks, one page each."""
