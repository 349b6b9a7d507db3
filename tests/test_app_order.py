"""INSTALLED_APPS lists Comptoir's apps in the app order that the import contract checks."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

from django.conf import settings

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def contract_apps_bottom_up() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["id"] == "app-order"]
    (container,) = contract["containers"]
    apps = []
    for layer in reversed(contract["layers"]):
        for name in re.split(r"[|:]", layer):
            module = f"{container}.{name.strip()}"
            # The top layer also holds plain modules (urls, cli, …): only apps are installed.
            if importlib.util.find_spec(module).submodule_search_locations is not None and (
                importlib.util.find_spec(f"{module}.apps") is not None
            ):
                apps.append(module)
    return apps


def test_installed_apps_follow_the_import_contract_layers() -> None:
    installed = [app for app in settings.INSTALLED_APPS if app.startswith("comptoir.")]
    assert installed == contract_apps_bottom_up()


def test_third_party_apps_come_before_comptoir() -> None:
    first_ours = next(
        i for i, app in enumerate(settings.INSTALLED_APPS) if app.startswith("comptoir.")
    )
    assert all(app.startswith("comptoir.") for app in settings.INSTALLED_APPS[first_ours:])
