"""The engine: no Qt, no printing, no sys.exit. The CLI, the GUI and the tests all drive it."""
