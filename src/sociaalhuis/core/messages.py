"""Regenerate and compile the translation catalogues.

    python -m sociaalhuis.core.messages            (what `make messages` runs)

Extracts every message of the code and templates into ``locale/{nl,fr,en}`` with
Django's ``makemessages`` (needs GNU gettext's xgettext), then compiles the ``.mo``
files with polib, so compiling needs no system tools. The test suite runs the
extraction into a copy and fails when a message is missing from the catalogues.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

LANGUAGES = ("nl", "fr", "en")


def compile_catalogues(locale_dir: Path) -> None:
    import polib

    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def extract(locale_dir: Path) -> None:
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.commands.makemessages import Command as MakeMessages

    class IntoLocaleDir(MakeMessages):
        """``makemessages`` that writes only into ``locale_dir``.

        Run inside the package, Django also counts ``./locale`` (the real catalogues)
        and writes each file's messages to the nearest such folder, so an extraction
        into a copy (the completeness test) would rewrite the real catalogues.
        """

        def find_files(self, root: str) -> list[Any]:
            self.locale_paths = [str(locale_dir)]
            self.default_locale_path = str(locale_dir)
            return list(super().find_files(root))

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sociaalhuis.settings")
    django.setup()
    settings.LOCALE_PATHS = [locale_dir]
    package = Path(__file__).resolve().parent.parent
    previous = Path.cwd()
    os.chdir(package)  # only our own code: not the tests, the virtualenv or vendored files
    try:
        call_command(
            IntoLocaleDir(),
            locale=list(LANGUAGES),
            extensions=["html", "txt", "py"],
            ignore_patterns=[
                "locale",  # catalogues, not code (and never an output folder here)
                "tests/*",
                "*/tests/*",
                "migrations/*",
                "*/migrations/*",
                "testing/*",  # the shared test cast and helpers, never shown to users
            ],
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
    finally:
        os.chdir(previous)


def main() -> None:
    default = Path(__file__).resolve().parent.parent / "locale"
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--locale-dir", type=Path, default=default)
    parser.add_argument("--no-compile", action="store_true")
    arguments = parser.parse_args()
    extract(arguments.locale_dir.resolve())
    if not arguments.no_compile:
        compile_catalogues(arguments.locale_dir.resolve())


if __name__ == "__main__":
    main()
