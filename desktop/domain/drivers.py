"""peewee without its server drivers at start: they load when a server database is made.

peewee imports PostgreSQL's drivers (psycopg, psycopg2) as it is imported, whenever they are
installed: psycopg alone costs ~150 ms of every start of the window and of the command line,
which open SQLite files. `import_peewee` imports peewee while those drivers are reported
missing, and makes the first `PostgresqlDatabase` (or a subclass) load them, set where peewee
keeps them, before peewee picks its adapter; with no driver installed it fails as before.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

#: What peewee tries at import for PostgreSQL; none of it is needed for a SQLite case.
_SERVER_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")


def import_peewee() -> ModuleType:
    """peewee, imported (once per process) without loading a server's driver."""
    if "peewee" in sys.modules:
        return sys.modules["peewee"]
    hidden = [name for name in _SERVER_DRIVERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # an import of it raises ImportError, as if not installed
    try:
        peewee = importlib.import_module("peewee")
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    _load_drivers_on_first_server(peewee)
    return peewee


def _load_drivers_on_first_server(peewee: ModuleType) -> None:
    server = getattr(peewee, "PostgresqlDatabase", None)
    if server is None or getattr(server.init, "loads_drivers", False):
        return
    init = server.init

    def loading_init(self, *args, **kwargs):
        load_server_drivers(peewee)
        return init(self, *args, **kwargs)

    loading_init.loads_drivers = True
    loading_init.__doc__ = init.__doc__
    server.init = loading_init


def load_server_drivers(peewee: ModuleType) -> None:
    """Give peewee the PostgreSQL drivers installed, as its own import would have (once)."""
    if getattr(peewee, "psycopg", None) is None and hasattr(peewee, "Psycopg3Adapter"):
        try:
            psycopg = importlib.import_module("psycopg")
            status = importlib.import_module("psycopg.pq").TransactionStatus
            json_types = importlib.import_module("psycopg.types.json")
        except ImportError:
            pass
        else:
            peewee.psycopg, peewee.TransactionStatus = psycopg, status
            peewee.Json_pg3, peewee.Jsonb_pg3 = json_types.Json, json_types.Jsonb
            _set_statuses(peewee.Psycopg3Adapter, status.IDLE, status.INERROR, status.UNKNOWN)
    if getattr(peewee, "psycopg2", None) is None:
        try:
            psycopg2 = importlib.import_module("psycopg2")
            extensions = importlib.import_module("psycopg2.extensions")
            extras = importlib.import_module("psycopg2.extras")
        except ImportError:
            return
        extras.register_uuid()
        peewee.psycopg2, peewee.pg_extensions, peewee.Json_pg2 = psycopg2, extensions, extras.Json
        if hasattr(peewee, "Psycopg2Adapter"):
            _set_statuses(peewee.Psycopg2Adapter, extensions.TRANSACTION_STATUS_IDLE,
                          extensions.TRANSACTION_STATUS_INERROR,
                          extensions.TRANSACTION_STATUS_UNKNOWN)


def _set_statuses(adapter: type, idle: object, in_error: object, unknown: object) -> None:
    # peewee sets these in the adapter's class body, only when the driver was imported.
    adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown = idle, in_error, unknown
