"""What the user and the administrator set: settings, the admin policy's locks, where files live."""
