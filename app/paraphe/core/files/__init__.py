"""The user's files: reading them safely, writing outputs whole, scratch folders, exact names."""
