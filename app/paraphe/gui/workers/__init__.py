"""Work off the GUI thread: runnables that call the engine and speak through signals."""
