"""django-rules predicates for the role-based part of the matrix.

A permission holds when the acting user has one of its roles in the *active*
municipality of the current tenant context (set by TenantMiddleware).
"""

from __future__ import annotations

from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser

from sociaalhuis.accounts.authorization import PERMISSIONS
from sociaalhuis.accounts.models import User
from sociaalhuis.core import tenancy
from sociaalhuis.core.predicates import Predicate, named_predicate, set_perm


def signed_in(user: User | AnonymousUser) -> TypeGuard[User]:
    """Whether the acting user is a signed-in ``User`` (and not the anonymous one)."""
    return bool(getattr(user, "is_authenticated", False))


def has_any_role(*roles: str) -> Predicate:
    name = "has_any_role:" + ",".join(sorted(roles))

    @named_predicate(name)
    def predicate(user: User | AnonymousUser) -> bool:
        context = tenancy.current()
        return (
            signed_in(user)
            and context.user_id == user.pk
            and context.municipality_id is not None
            and context.has_role(*roles)
        )

    return predicate


for _permission, _roles in PERMISSIONS.items():
    set_perm(_permission, has_any_role(*_roles))
