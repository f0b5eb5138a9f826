"""The test set-up's own PostgreSQL server: real, local, not run as root."""

from __future__ import annotations


def test_the_cluster_runs_on_loopback_as_an_unprivileged_user(pg_cluster):
    with pg_cluster.admin() as con:
        (version,) = con.execute("SHOW server_version_num").fetchone()
        (address,) = con.execute("SELECT inet_server_addr()::text").fetchone()
        (data,) = con.execute("SHOW data_directory").fetchone()
    assert int(version) >= 150000
    assert address == "127.0.0.1/32"
    assert data.startswith(str(pg_cluster.folder))
    assert pg_cluster.data.stat().st_uid != 0


def test_each_test_gets_an_empty_database_of_its_own(server_url, pg_cluster):
    import psycopg

    with psycopg.connect(server_url) as con:
        tables = con.execute("SELECT count(*) FROM information_schema.tables "
                             "WHERE table_schema = 'public'").fetchone()
        (name,) = con.execute("SELECT current_database()").fetchone()
    assert tables == (0,)
    assert name.startswith("case_test_each_test")
