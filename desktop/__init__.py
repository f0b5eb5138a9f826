"""Casefile: build war-crimes case files from source texts, offline."""

from desktop.domain.drivers import import_peewee

__version__ = "0.1.0"
APP_NAME = "Casefile"

# Before any module of Casefile imports peewee: its PostgreSQL drivers load on first use.
import_peewee()
