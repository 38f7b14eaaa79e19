"""The current tenant (municipality) of a unit of work, and how it is switched on.

This module is the one place where the municipality is fixed for a request, a task or
a management command. ``activate()`` sets a context variable that the tenant-scoped
managers read, and on PostgreSQL it also opens a transaction that runs as the
unprivileged application role with ``app.municipality`` set, so that row-level
security filters every tenant table even when a query forgets to.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction


class TenantContextError(RuntimeError):
    """A tenant-scoped query ran with no municipality active (fail closed)."""


@dataclass(frozen=True)
class TenantContext:
    """Who is working, in which municipality, with which roles."""

    municipality_id: int | None
    user_id: int | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)


_EMPTY = TenantContext(municipality_id=None)
_current: ContextVar[TenantContext] = ContextVar("sociaalhuis_tenant", default=_EMPTY)
# Whether an enclosing activate() has set the database context of this transaction.
_applied: ContextVar[bool] = ContextVar("sociaalhuis_tenant_applied", default=False)


def current() -> TenantContext:
    return _current.get()


def current_municipality_id() -> int | None:
    return _current.get().municipality_id


def require_municipality_id() -> int:
    municipality_id = _current.get().municipality_id
    if municipality_id is None:
        raise TenantContextError(
            "No municipality is active. Use tenancy.activate() or the unscoped manager "
            "in trusted code (management commands, migrations)."
        )
    return municipality_id


def _apply_database_context(municipality_id: int | None, using: str) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    role = connection.ops.quote_name(settings.DB_APP_ROLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {role}")
        cursor.execute(
            "SELECT set_config('app.municipality', %s, true)",
            ["" if municipality_id is None else str(municipality_id)],
        )


def _reset_database_context(using: str) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.connection is None:
        return
    if connection.needs_rollback or not connection.is_usable():
        return
    # The settings end with the transaction in production. Inside an enclosing
    # transaction (tests, nested work) they would leak out of the savepoint, so reset
    # them explicitly.
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        cursor.execute("SELECT set_config('app.municipality', '', true)")


@contextmanager
def activate(context: TenantContext, *, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Run the enclosed block for one municipality, in one transaction.

    With ``municipality_id=None`` the block still runs as the application role, so
    it sees no tenant row at all: that is what anonymous requests get.
    """
    outer = _applied.get()
    token = _current.set(context)
    applied = _applied.set(True)
    try:
        with transaction.atomic(using=using):
            _apply_database_context(context.municipality_id, using)
            try:
                yield
            finally:
                if not outer:
                    _reset_database_context(using)
        if outer:
            # Nested (a public page of one municipality inside a worker's request
            # for another): the savepoint was released, so its settings persist;
            # give the enclosing block its own back. (A rolled-back savepoint
            # restores them by itself, and then we never get here.)
            _apply_database_context(_outer_municipality(token), using)
    finally:
        _applied.reset(applied)
        _current.reset(token)


def _outer_municipality(token: Token[TenantContext]) -> int | None:
    previous = token.old_value
    return None if previous is Token.MISSING else previous.municipality_id


@contextmanager
def for_municipality(municipality_id: int, *, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Tenant context for trusted code that acts for a municipality (tasks, commands)."""
    with activate(TenantContext(municipality_id=municipality_id), using=using):
        yield
