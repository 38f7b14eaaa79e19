"""The Dutch and French catalogues are complete, compiled and in step with the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
ROOT = Path(__file__).resolve().parents[4]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    directory = LOCALE / language / "LC_MESSAGES"
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(directory / "django.po")).translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(directory / "django.mo"))
        if e.msgid
    }
    assert source == compiled, "Run `make messages` to recompile the catalogues."


@pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("CI") != "true",
    reason="gettext not installed",
)
def test_the_catalogues_contain_every_message_of_the_code(tmp_path: Path) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy)
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "sociaalhuis.core.messages",
            "--locale-dir",
            str(copy),
            "--no-compile",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    for language in ("nl", "fr"):
        before = {
            e.msgid for e in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        }
        extracted = polib.pofile(str(copy / language / "LC_MESSAGES" / "django.po"))
        after = {e.msgid for e in extracted}
        assert after <= before, (
            f"{language}: new messages not in the catalogue: {sorted(after - before)[:10]}"
        )
