"""Casefile: build war-crimes case files from source texts, offline."""

__version__ = "0.1.0"
APP_NAME = "Casefile"
