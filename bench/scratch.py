"""A throwaway PostgreSQL database for a benchmark run, shared by the benches."""

from __future__ import annotations

import os
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
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        print(f"dropped database {name}")
