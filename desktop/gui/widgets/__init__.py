"""Qt widgets of the desktop app."""
