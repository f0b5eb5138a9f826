"""Qt-free services used by both the CLI and the GUI."""
