"""peewee's PostgreSQL drivers wait for a server database: a SQLite case never loads them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.import_graph import ROOT
from tests.test_fast_start import heavy_loaded_by

SERVER_DRIVERS = ("psycopg", "psycopg2", "psycopg_binary")


def test_the_command_line_and_a_sqlite_case_load_no_server_driver():
    assert heavy_loaded_by("import desktop.cli, desktop.domain.db, peewee; "
                           "peewee.SqliteDatabase(':memory:').connect()", SERVER_DRIVERS) == []


def test_the_first_server_database_gets_peewees_psycopg_adapter_as_without_the_deferral():
    pytest.importorskip("psycopg")
    # A fresh interpreter: this test run may have imported psycopg already.
    code = ("import sys, desktop, peewee; assert 'psycopg' not in sys.modules; "
            "d = peewee.PostgresqlDatabase('case', host='/nowhere'); "
            "from psycopg.pq import TransactionStatus as S; "
            "a = d._adapter; assert type(a).__name__ == 'Psycopg3Adapter', type(a); "
            "assert (a.txn_idle, a.txn_inerror, a.txn_unknown) == (S.IDLE, S.INERROR, S.UNKNOWN); "
            "import psycopg.types.json as j; assert a.json_type is j.Json; "
            "print(d.get_binary_type() is __import__('psycopg').Binary)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
