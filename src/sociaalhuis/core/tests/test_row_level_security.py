"""PostgreSQL row-level security: the database itself keeps municipalities apart.

These run in the PostgreSQL pass of the test command (CI requires it) and prove what
production does: the application role sees nothing without a municipality, only its
own rows with one, and cannot write another municipality's rows.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.core import rls, tenancy
from sociaalhuis.testing import Cast

pytestmark = [pytest.mark.usefixtures("postgresql_only"), pytest.mark.django_db]


def _as_app_role(
    sql: str, params: list[int | str] | None = None, municipality_id: int | None = None
) -> list[tuple]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(settings.DB_APP_ROLE)}")
        if municipality_id is not None:
            cursor.execute(
                "SELECT set_config('app.municipality', %s, true)", [str(municipality_id)]
            )
        cursor.execute(sql, params or [])
        rows = cursor.fetchall() if cursor.description else []
        cursor.execute("RESET ROLE")
        return rows


def test_raw_sql_without_tenant_context_returns_no_rows(cast: Cast) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM tenants_neighbourhood")
        assert cursor.fetchone()[0] >= 2  # the rows exist ...
    assert _as_app_role("SELECT count(*) FROM tenants_neighbourhood") == [
        (0,)
    ]  # ... yet none is seen


def test_raw_sql_with_a_municipality_sees_only_that_municipality(cast: Cast) -> None:
    rows = _as_app_role("SELECT name FROM tenants_neighbourhood", municipality_id=cast.ronse.pk)
    assert rows == [("Prinskouter",)]


def test_inserting_a_row_of_another_municipality_is_refused(cast: Cast) -> None:
    with pytest.raises(DatabaseError, match="row-level security"):
        _as_app_role(
            "INSERT INTO tenants_neighbourhood "
            "(name, is_attention_area, description, municipality_id) "
            "VALUES ('Smuggled', false, '', %s)",
            [cast.kortrijk.pk],
            municipality_id=cast.ronse.pk,
        )


def test_every_tenant_table_has_forced_row_level_security() -> None:
    tables = rls.tenant_tables()
    assert "tenants_neighbourhood" in tables
    assert "audit_accesslog" in tables
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity "
            "FROM pg_class WHERE relname = ANY(%s)",
            [tables],
        )
        state = {name: (enabled, forced) for name, enabled, forced in cursor.fetchall()}
    assert state == dict.fromkeys(tables, (True, True))


def test_application_role_cannot_bypass_row_level_security() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [settings.DB_APP_ROLE]
        )
        assert cursor.fetchone() == (False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE tableowner = %s", [settings.DB_APP_ROLE]
        )
        assert cursor.fetchone()[0] == 0


def test_requests_run_as_the_application_role_with_the_municipality_set(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk), connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_setting('app.municipality', true)")
        assert cursor.fetchone() == (settings.DB_APP_ROLE, str(cast.ronse.pk))
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user <> %s", [settings.DB_APP_ROLE])
        assert cursor.fetchone()[0], "the role must not leak out of the tenant block"


def test_the_access_log_refuses_update_and_delete_even_for_the_owner(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        entry = AccessLogEntry.objects.create(object_type="test", action="read")
    for statement in (
        "UPDATE audit_accesslog SET reason = 'edited' WHERE id = %s",
        "DELETE FROM audit_accesslog WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert AccessLogEntry.unscoped.filter(pk=entry.pk, reason="").exists()


def test_the_application_role_has_no_update_or_delete_privilege_on_the_log(cast: Cast) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(%s, 'audit_accesslog', 'UPDATE'), "
            "has_table_privilege(%s, 'audit_accesslog', 'DELETE'), "
            "has_table_privilege(%s, 'audit_accesslog', 'INSERT')",
            [settings.DB_APP_ROLE] * 3,
        )
        assert cursor.fetchone() == (False, False, True)


def _database_municipality() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('app.municipality', true), current_user")
        setting, user = cursor.fetchone()
    return f"{setting}/{user}"


def test_a_nested_municipality_gives_the_outer_one_back(cast: Cast) -> None:
    """A worker of Kortrijk opening Ronse's public map stays in Kortrijk afterwards."""
    with tenancy.for_municipality(cast.kortrijk.pk):
        outer = _database_municipality()
        with tenancy.for_municipality(cast.ronse.pk):
            assert _database_municipality().startswith(f"{cast.ronse.pk}/")
        assert _database_municipality() == outer
        assert outer.startswith(f"{cast.kortrijk.pk}/")
