"""Fail when a French or Polish string is missing, fuzzy, stale or not compiled.

1. Extracts the messages afresh (makemessages, in a scratch copy of the sources) and
   checks that the committed catalogues hold every msgid the code uses.
2. Checks that no entry is untranslated or fuzzy (msgfmt --statistics).
3. Checks that the committed .mo files are what the .po files compile to.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "src" / "comptoir"
LANGUAGES = ("fr", "pl")


def msgids(po: Path) -> set[str]:
    """The msgids of a catalogue (obsolete `#~` entries left out)."""
    ids: set[str] = set()
    current: list[str] | None = None
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = [line[6:].strip().strip('"')]
        elif line.startswith('"') and current is not None:
            current.append(line.strip().strip('"'))
        else:
            if current is not None and "".join(current):
                ids.add("".join(current))
            current = None
    return ids


def main() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "comptoir"
        shutil.copytree(APP, copy, ignore=shutil.ignore_patterns("__pycache__"))
        (copy / "locale").mkdir(exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "--ignore",
                "migrations/*",
                *[f"-l{lang}" for lang in LANGUAGES],
                "--no-obsolete",
                "-v0",
            ],
            cwd=copy,
            check=True,
        )
        for lang in LANGUAGES:
            committed = APP / "locale" / lang / "LC_MESSAGES" / "django.po"
            fresh = copy / "locale" / lang / "LC_MESSAGES" / "django.po"
            if not committed.exists():
                problems.append(f"{lang}: no catalogue at {committed.relative_to(ROOT)}")
                continue
            missing = msgids(fresh) - msgids(committed)
            for msgid in sorted(missing):
                problems.append(f"{lang}: not in the catalogue (run makemessages): {msgid!r}")

    for lang in LANGUAGES:
        po = APP / "locale" / lang / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if not po.exists():
            continue
        with tempfile.NamedTemporaryFile(suffix=".mo") as out:
            stats = subprocess.run(
                ["msgfmt", "--check", "--statistics", "-o", out.name, str(po)],
                capture_output=True,
                text=True,
                check=True,
            ).stderr.strip()
            print(f"{lang}: {stats}")
            if re.search(r"\d+ (fuzzy|untranslated)", stats):
                problems.append(f"{lang}: {stats}")
            if not mo.exists() or Path(out.name).read_bytes() != mo.read_bytes():
                problems.append(f"{lang}: {mo.relative_to(ROOT)} is stale (run compilemessages)")

    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
