"""Running `comptoir serve` for a test, as a user would: its own process and database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def comptoir_serve(data: Path, port: int, *options: str) -> Iterator[str]:
    """Serve on a fresh SQLite database in `data`; yield the base URL; stop by pid."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SITE_URL")
    }
    env["COMPTOIR_DATA_DIR"] = str(data)
    log = (data / "serve.log").open("w")
    command = [sys.executable, "-m", "comptoir.cli", "serve", "--port", str(port), *options]
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/login/", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError((data / "serve.log").read_text()) from None
                time.sleep(0.3)
        else:
            raise RuntimeError("comptoir serve did not answer in 120 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
