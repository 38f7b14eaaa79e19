"""Reference lists shipped as data files in a package's ``data/`` folder.

Lists of records (rights, topics, streets, the demo social map) are data, not code:
they live in CSV or JSON files next to the code that loads them, ship in the wheel
with the package, and are read through ``importlib.resources`` so that they are
found wherever the package is installed.
"""

from __future__ import annotations

import csv
import io
from importlib import resources


def text(package: str, name: str) -> str:
    """The text of ``<package>/data/<name>`` (UTF-8)."""
    return (resources.files(package) / "data" / name).read_text(encoding="utf-8")


def rows(package: str, name: str) -> list[dict[str, str]]:
    """The rows of the CSV file ``<package>/data/<name>``, by the names in its header."""
    return list(csv.DictReader(io.StringIO(text(package, name))))
