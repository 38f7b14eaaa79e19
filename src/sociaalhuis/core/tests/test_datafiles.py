"""Data files: read from the installed package, bad values reported by file, row and field."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from sociaalhuis.core import datafiles
from sociaalhuis.core.datafiles import DataFileError, Row


def test_csv_rows_are_read_by_header_and_know_their_file_and_row() -> None:
    rows = datafiles.rows("sociaalhuis.dossiers.plan", "rights.csv")
    assert set(rows[0]) == {"code", "name_nl", "name_fr", "name_en", "description"}
    assert rows[0].where == "sociaalhuis.dossiers.plan/data/rights.csv, row 2"
    assert rows[1].where.endswith("row 3")


def test_an_invalid_value_names_the_file_row_and_field() -> None:
    row = Row({"name": "x" * 200}, "sociaalhuis.demo/data/groups.csv, row 7")
    with pytest.raises(DataFileError) as raised:
        datafiles.check(Group(name=row["name"]), row)
    assert str(raised.value).startswith("sociaalhuis.demo/data/groups.csv, row 7: name: ")
