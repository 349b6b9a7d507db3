"""A throwaway PostgreSQL database for a benchmark run, shared by the benches."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager


def with_dbname(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


@contextmanager
def scratch_database(url: str, prefix: str) -> Iterator[str]:
    """A fresh PostgreSQL database `<prefix>_<pid>` beside `url`'s (its URL), dropped at
    the end; "" when `url` is not PostgreSQL (the bench then uses SQLite in its scratch
    data directory). The database named in `url` is only used to connect."""
    if not url.startswith("postgres"):
        yield ""
        return
    import psycopg
    from psycopg import sql

    name = f"{prefix}_{os.getpid()}"
    admin_url = with_dbname(url, "postgres")
    try:
        psycopg.connect(admin_url, autocommit=True).close()
    except psycopg.OperationalError:
        admin_url = url  # no maintenance database: connect to the given one, touch nothing
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_dbname(url, name)
    finally:
        from django.conf import settings

        if settings.configured:  # this process used it too: let go of it before the drop
            from django.db import connections

            connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        print(f"dropped database {name}")


def seed_one_shop(*, threads: int, messages: int, seed: int, bench: str) -> tuple[float, str]:
    """`comptoir seed` of one shop with `threads` threads and `messages` messages, in a
    child process (it migrates first); its seconds and its last line. Stops the bench
    named `bench` with an error when the seed fails."""
    sizes = {
        "--shops": 1,
        "--buyers": max(50, threads // 5),
        "--orders": max(100, threads // 2),
        "--conversations": threads,
        "--messages": messages,
        "--seed": seed,
    }
    command = [sys.executable, "-m", "comptoir.cli", "seed"]
    for option, value in sizes.items():
        command += [option, str(value)]
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"{bench}: comptoir seed failed (seed {seed}), above")
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1]
