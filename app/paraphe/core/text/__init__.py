"""Text shown to people: translatable strings, the catalogue's sources, outside text made safe to show."""
