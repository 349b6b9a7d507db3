"""Security headers: a Content-Security-Policy on every page, and a clean deploy check."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import Client


def test_every_page_has_a_policy_with_no_inline_script(client: Client, db: None) -> None:
    for path in ("/", "/login/", "/api/v1/docs"):
        policy = client.get(path)["Content-Security-Policy"]
        directives = dict(
            ([*part.split(" ", 1), ""])[:2] for part in (p.strip() for p in policy.split(";"))
        )
        assert directives["script-src"] == "'self'", path
        assert "'unsafe-inline'" not in policy
        assert directives["frame-ancestors"] == "'none'"


def test_the_api_docs_use_no_outside_host(client: Client, db: None) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "://" not in html.replace("http://testserver", "")


def test_the_deploy_check_is_clean_behind_https(tmp_path: Path) -> None:
    env = {
        # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is theirs, not a deployment's.
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "HTTPS": "true",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "COMPTOIR_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "comptoir.settings",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "comptoir.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
