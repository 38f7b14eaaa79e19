"""Permissions come from the matrix alone; Django's permission tables are never read."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from sociaalhuis.testing import TEST_PASSWORD, Cast


def test_a_refused_permission_reads_no_permission_tables(cast: Cast) -> None:
    with cast.acting("ronse", "reception") as user, CaptureQueriesContext(connection) as captured:
        assert not user.has_perm("dossiers.work")
        assert user.has_perm("frontdesk.register")
    assert not [q for q in captured.captured_queries if "auth_permission" in q["sql"]]


def test_passwords_are_still_checked(cast: Cast) -> None:
    user = cast.user("ronse", "reception")
    request = RequestFactory().post("/account/login/")
    assert authenticate(request, username=user.email, password=TEST_PASSWORD) == user
    assert authenticate(request, username=user.email, password="not the password") is None
