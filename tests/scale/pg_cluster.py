"""A throwaway PostgreSQL cluster that a test may stop and start at will, never the one the
rest of the suite shares: `bin/pg` with SESAM_PG_DIR set to a fresh directory under /tmp (the
postgres user must reach it, and a socket path must be short). As root, `bin/pg` and the
pg_ctl calls here run the server as postgres."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bindir() -> Path:
    """PostgreSQL's server binaries, found the way bin/pg finds them."""
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if (Path(found.stdout.strip()) / "initdb").exists():
            return Path(found.stdout.strip())
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True
    )
    if not versions:
        raise RuntimeError("PostgreSQL server binaries not found (Debian's 'postgresql').")
    return versions[0]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    """`Cluster(dbname)`: initdb and start; `stop(mode)`, `start()`, `remove()`."""

    def __init__(self, dbname: str):
        self.bindir, self.dbname = _bindir(), dbname
        self.dir = Path(tempfile.mkdtemp(prefix="sesam-pgx-", dir="/tmp"))
        self.env = {**os.environ, "SESAM_PG_DIR": str(self.dir), "SESAM_PG_DB": dbname}
        try:
            self.start()
            # bin/pg trades durability for speed (synchronous_commit=off): a crash would
            # then lose commits the users were told were done. Here, as in production, a
            # commit is on disk when it returns (a database setting overrides the server's
            # command line).
            self.psql(f"ALTER DATABASE {dbname} SET synchronous_commit = on", dbname="postgres")
        except BaseException:
            self.remove()
            raise

    def psql(self, sql: str, *, dbname: str) -> None:
        subprocess.run(
            [self.bindir / "psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-U",
             "postgres", "-d", dbname, "-c", sql],
            stdout=subprocess.DEVNULL, check=True, timeout=60,
        )  # fmt: skip

    def start(self) -> None:
        """Start (initdb the first time) and wait until it accepts connections."""
        subprocess.run([ROOT / "bin/pg", "start"], env=self.env, check=True, timeout=120)

    def stop(self, mode: str = "immediate", *, check: bool = True) -> None:
        """`immediate` is a crash (no checkpoint, recovery from WAL at the next start);
        `fast` rolls back open transactions and disconnects everyone. Waits until down."""
        pg_ctl = [str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-m", mode, "-w"]
        subprocess.run(_as_postgres([*pg_ctl, "-s", "stop"]), check=check, timeout=60)

    def load(self, *, source: dict) -> None:
        """Copy the database that `source` reaches (psycopg connection parameters, as
        Django's `get_connection_params()` gives them) into this cluster: schema and rows,
        one pg_dump piped into psql."""
        names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
        env = {**os.environ} | {pg: str(source[k]) for k, pg in names.items() if source.get(k)}
        dump = subprocess.Popen(
            [self.bindir / "pg_dump", "--no-owner", "--no-privileges", source["dbname"]],
            env=env, stdout=subprocess.PIPE,
        )  # fmt: skip
        subprocess.run(
            [self.bindir / "psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-U",
             "postgres", "-d", self.dbname],
            stdin=dump.stdout, stdout=subprocess.DEVNULL, check=True, timeout=120,
        )  # fmt: skip
        assert dump.wait(timeout=60) == 0, "pg_dump of the test database failed"

    def settings(self, options: dict) -> dict:
        """What to put into a Django settings dict (with these OPTIONS) to reach this
        cluster instead."""
        others = {k: v for k, v in options.items() if k not in ("host", "port", "service")}
        return {"HOST": str(self.dir), "PORT": "", "USER": "postgres", "PASSWORD": "",
                "OPTIONS": others}  # fmt: skip

    def remove(self) -> None:
        if (self.dir / "data" / "postmaster.pid").exists():
            self.stop("immediate", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
