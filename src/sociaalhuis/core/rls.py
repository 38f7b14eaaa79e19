"""PostgreSQL row-level security for every tenant table.

Applied after each ``migrate`` (idempotent). The shape, and why:

* Requests run as ``settings.DB_APP_ROLE`` (``SET LOCAL ROLE``): a role that owns no
  table, is no superuser and has no BYPASSRLS, so PostgreSQL applies the policies.
* ``ENABLE`` + ``FORCE`` on every table of a ``TenantModel``: even the owning role is
  filtered, except through its own explicit permissive policy (migrations, loaders).
* The policy compares ``municipality_id`` with the per-transaction setting
  ``app.municipality``. Without it the application role sees 0 rows; ``nullif`` guards
  against the empty string PostgreSQL returns once a session has set the value.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

TENANT_PREDICATE = "municipality_id = nullif(current_setting('app.municipality', true), '')::bigint"

# Tables whose rows, once written, are never changed or removed by the application.
APPEND_ONLY_TABLES = ("audit_accesslog",)


def tenant_tables() -> list[str]:
    from sociaalhuis.core.models import TenantModel

    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, TenantModel) and model._meta.managed and not model._meta.proxy
    )


def sync(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor != "postgresql":
        return
    qn = connection.ops.quote_name
    app_role = settings.DB_APP_ROLE
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        owner, schema = cursor.fetchone()
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [app_role])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {qn(app_role)} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT")
        # The owning role switches to the application role per request.
        cursor.execute(f"GRANT {qn(app_role)} TO {qn(owner)}")
        cursor.execute(f"GRANT USAGE ON SCHEMA {qn(schema)} TO {qn(app_role)}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {qn(schema)} "
            f"TO {qn(app_role)}"
        )
        cursor.execute(
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {qn(schema)} TO {qn(app_role)}"
        )
        for table in APPEND_ONLY_TABLES:
            cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {qn(table)} FROM {qn(app_role)}")
        for table in tenant_tables():
            cursor.execute(f"ALTER TABLE {qn(table)} ENABLE ROW LEVEL SECURITY")
            cursor.execute(f"ALTER TABLE {qn(table)} FORCE ROW LEVEL SECURITY")
            cursor.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {qn(table)}")
            cursor.execute(
                f"CREATE POLICY tenant_isolation ON {qn(table)} TO {qn(app_role)} "
                f"USING ({TENANT_PREDICATE}) WITH CHECK ({TENANT_PREDICATE})"
            )
            cursor.execute(f"DROP POLICY IF EXISTS owner_maintenance ON {qn(table)}")
            cursor.execute(
                f"CREATE POLICY owner_maintenance ON {qn(table)} TO {qn(owner)} "
                "USING (true) WITH CHECK (true)"
            )


def sync_after_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    sync(connections[using])
