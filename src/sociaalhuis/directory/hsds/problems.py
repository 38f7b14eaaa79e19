"""What can be wrong with an import file: the whole file, or one row of it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sociaalhuis.core.text import StrOrPromise


class FormatError(Exception):
    """The file as a whole cannot be read (not JSON, not a zip, not UTF-8, ...)."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class RowError:
    """One invalid value: in which file (or JSON section), which row, which field, why.

    Rows count like a spreadsheet: in a CSV file the header is row 1; in a JSON
    document the first item of a list is row 1.
    """

    file: str
    row: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Where:
    """Where an object of the import came from, to name it in an error."""

    file: str
    row: int
    prefix: str = ""

    def error(self, field: str, reason: StrOrPromise) -> RowError:
        return RowError(self.file, self.row, f"{self.prefix}{field}", str(reason))

    def inside(self, key: str, index: int) -> Where:
        return Where(self.file, self.row, f"{self.prefix}{key}[{index}].")


SOURCE_KEY = "__source__"


def where_of(item: dict[str, Any], fallback: Where) -> Where:
    """The CSV row an object was read from, else its place in the JSON document."""
    source = item.get(SOURCE_KEY)
    if source:
        return Where(source[0], source[1])
    return fallback
