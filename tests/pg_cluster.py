"""A throw-away PostgreSQL cluster for the server tests: made in a temporary folder, listening
on 127.0.0.1 at a free port, run by an unprivileged user (never root, which PostgreSQL
refuses), and stopped and removed afterwards.

The binaries are Debian's (`postgresql`, which `.ci/system-deps` installs); without them the
server tests are skipped with the reason `missing()` gives.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

#: Where Debian puts a PostgreSQL version's binaries, newest first.
_BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
#: The superuser the cluster is made with: the tests' administrator.
SUPERUSER = "casefile_test"


def binaries() -> Path | None:
    """The folder of initdb, pg_ctl and postgres, or None."""
    for folder in _BINARIES:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def missing() -> str | None:
    """Why the server tests cannot run here, or None when they can."""
    if binaries() is None:
        return ("PostgreSQL's binaries are not installed (Debian: apt-get install postgresql; "
                ".ci/system-deps does it)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]')"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unprivileged_user() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when the tests run as root: postgres, else nobody."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise RuntimeError("running as root, and neither the postgres nor the nobody user exists")


class Cluster:
    """One PostgreSQL server for a test session."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.port = _free_port()
        self.host = "127.0.0.1"
        self.folder = Path(tempfile.mkdtemp(prefix="casefile-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.user = _unprivileged_user()

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            uid, gid = self.user
            command = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups",
                       *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder,
                       env={**os.environ, "LC_ALL": "C.UTF-8"})

    def start(self) -> Cluster:
        if self.user is not None:
            os.chmod(self.folder, 0o700)
            os.chown(self.folder, *self.user)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8")
        options = (f"-h {self.host} -p {self.port} -k {self.folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "start")
        self._watch_for_the_runner()
        return self

    def _watch_for_the_runner(self) -> None:
        """Stop the server when the process that started it is gone without stopping it (a
        test run killed by a timeout): it would otherwise run on, on a shared machine."""
        stop = f"{self.bin / 'pg_ctl'} -D {self.data} -m immediate -w stop"
        if self.user is not None:
            uid, gid = self.user
            stop = f"setpriv --reuid={uid} --regid={gid} --clear-groups {stop}"
        script = (f"while kill -0 {os.getpid()} 2>/dev/null && [ -d {self.data} ]; do sleep 2; "
                  f"done; [ -d {self.data} ] && {stop}; rm -rf {self.folder}")
        subprocess.Popen(["sh", "-c", script], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq URL for one of the cluster's databases, as a given role."""
        return f"postgresql://{user}@{self.host}:{self.port}/{database}"

    def admin(self, database: str = "postgres"):
        """An autocommit psycopg connection as the superuser."""
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        with self.admin() as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
