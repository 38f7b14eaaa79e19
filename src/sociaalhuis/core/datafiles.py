"""Reference lists shipped as data files in a package's ``data/`` folder.

Lists of records (rights, topics, streets, the demo social map) are data, not code:
they live in CSV or JSON files next to the code that loads them, ship in the wheel
with the package, and are read through ``importlib.resources`` so that they are
found wherever the package is installed.

Data files are not type-checked, so a loader checks each row as a form would
(``check``) and a bad value stops the load with the file, row and field named.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from importlib import resources
from typing import Any

from django.core.exceptions import ValidationError


class DataFileError(ValueError):
    """A value in a data file that its loader cannot use."""


class Row(dict[str, str]):
    """One row of a CSV data file, knowing where it comes from."""

    def __init__(self, values: Mapping[str, str], where: str) -> None:
        super().__init__(values)
        self.where = where


def text(package: str, name: str) -> str:
    """The text of ``<package>/data/<name>`` (UTF-8)."""
    return (resources.files(package) / "data" / name).read_text(encoding="utf-8")


def rows(package: str, name: str) -> list[Row]:
    """The rows of the CSV file ``<package>/data/<name>``, by the names in its header.

    Rows count as in a spreadsheet: the header is row 1.
    """
    reader = csv.DictReader(io.StringIO(text(package, name)))
    return [
        Row(values, f"{package}/data/{name}, row {number}")
        for number, values in enumerate(reader, start=2)
    ]


def check(instance: Any, row: Mapping[str, str], exclude: list[str] | None = None) -> None:
    """Validate ``instance`` made from ``row``; raise ``DataFileError`` naming the file,
    row and fields when a value is not valid."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        where = getattr(row, "where", "a data row")
        problems = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
        raise DataFileError(f"{where}: {problems}") from error
