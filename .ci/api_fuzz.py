"""Fuzz every operation of the REST API with schemathesis against a live server.

    uv run python .ci/api_fuzz.py                       # SQLite, in a scratch data directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python .ci/api_fuzz.py
    uv run python .ci/api_fuzz.py --max-examples 50 --seed 7

One run:

1. makes a scratch data directory (and on PostgreSQL a scratch database `api_fuzz_<pid>`
   on DATABASE_URL's server, dropped at the end), migrates it and loads the demo
   marketplace, then issues two API tokens: one for a demo seller (a shop owner, who is
   also a buyer elsewhere) and one for the marketplace's integration account;
2. starts `comptoir serve --no-demo --no-worker --no-live` on 127.0.0.1 and a free port;
3. runs `schemathesis run` on the server's OpenAPI schema once per token, every
   operation, a fixed seed, valid and invalid data (`--mode all`), with the checks that
   matter to a client: no 5xx (`not_a_server_error`), every answer matching the schema
   (`response_schema_conformance`, `content_type_conformance`), and no invalid request
   accepted (`negative_data_rejection`);
4. prints each run's case count and failures, stops the server (by its pid), and exits
   non-zero if any run failed, or if a run tested nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHECKS = (
    "not_a_server_error,response_schema_conformance,content_type_conformance,"
    "negative_data_rejection"
)

PREPARE = """
import json
from comptoir.cli import _load_demo_if_empty, _prepare_database, _setup
_setup()
_prepare_database(quiet=True)
_load_demo_if_empty()
from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create
from comptoir.demo.marketplace import INTEGRATION_USERNAME
from comptoir.shops.models import ShopMember
owner = ShopMember.objects.filter(role="owner").select_related("user").order_by("id").first()
integration = User.objects.get(username=INTEGRATION_USERNAME)
print(json.dumps({
    "seller": api_token_create(user=owner.user, name="fuzz").secret,
    "integration": api_token_create(user=integration, name="fuzz").secret,
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scratch_database(url: str) -> tuple[str, str]:
    """A new database on the server of `url`: its URL and name."""
    import psycopg

    name = f"api_fuzz_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _sep, _db = url.rpartition("/")
    return f"{base}/{name}", name


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 (our server)
                if answer.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"api_fuzz: the server did not answer {url} in {seconds:.0f} s")
        time.sleep(0.5)


def fuzz(schema: str, who: str, token: str, args: argparse.Namespace, out: Path) -> bool:
    """One schemathesis run; True if it tested something and nothing failed."""
    command = [
        "schemathesis",
        "run",
        schema,
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        CHECKS,
        "--mode",
        "all",
        "--max-examples",
        str(args.max_examples),
        "--seed",
        str(args.seed),
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--phases",
        args.phases,
        "--report",
        "junit",
        "--report-junit-path",
        str(out / f"{who}.xml"),
    ]
    print(f"\n=== schemathesis as the {who} ({args.max_examples} examples an operation)")
    sys.stdout.flush()
    run = subprocess.run(command, check=False, capture_output=True, text=True)
    text = run.stdout + run.stderr
    (out / f"{who}.log").write_text(text)
    # The failures in full (each with its curl command to reproduce), then the summary;
    # schemathesis' advice on missing links between operations is left out.
    failures = text.find("FAILURES")
    summary = text.rfind("SUMMARY")
    if 0 <= failures < summary:
        print(text[failures : text.find("\n", summary) + 1][: args.tail])
    print(text[summary:] if summary >= 0 else text[-args.tail :])
    cases = [int(n) for n in re.findall(r"(\d+) generated", text)]
    tested = sum(cases)
    print(f"api_fuzz: {who}: exit {run.returncode}, {tested} test cases generated")
    return run.returncode == 0 and tested > 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phases", default="examples,coverage,fuzzing")
    parser.add_argument("--tail", type=int, default=20000, help="characters of failures shown")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    data_dir = Path(tempfile.mkdtemp(prefix="comptoir-api-fuzz-"))
    env = dict(os.environ, COMPTOIR_DATA_DIR=str(data_dir), DEBUG="false")
    env.pop("DATABASE_URL", None)
    db_name = ""
    if url.startswith("postgres"):
        env["DATABASE_URL"], db_name = scratch_database(url)
    server = None
    log_path = data_dir / "server.log"
    log = log_path.open("w")
    try:
        started = time.monotonic()
        prepared = subprocess.run(
            [sys.executable, "-c", PREPARE], env=env, check=True, capture_output=True, text=True
        )
        tokens = json.loads(prepared.stdout.strip().splitlines()[-1])
        print(f"api_fuzz: demo marketplace loaded in {time.monotonic() - started:.0f} s")
        port = free_port()
        server = subprocess.Popen(
            [
                *[sys.executable, "-m", "comptoir.cli", "serve"],
                *["--no-demo", "--no-worker", "--no-live"],
                *["--host", "127.0.0.1", "--port", str(port)],
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        schema = f"http://127.0.0.1:{port}/api/v1/openapi.json"
        try:
            wait_for(schema, 180)
        except SystemExit:
            print(log_path.read_text()[-3000:])
            raise
        ok = [fuzz(schema, who, token, args, data_dir) for who, token in tokens.items()]
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if db_name:
            drop_database(url, db_name)
        shutil.rmtree(data_dir, ignore_errors=True)
    if not all(ok):
        print("api_fuzz: FAILED (see above)")
        return 1
    print("api_fuzz: every operation passed for both tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
