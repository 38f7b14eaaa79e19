"""Password authentication without Django's permission tables.

Who may do what is decided by the authorization matrix (``accounts.authorization``,
through django-rules); Django's ``auth_permission`` tables are not used. Django's
``ModelBackend`` would still be asked for every permission the rules refuse, and
load those tables on every request (two queries per page); this backend checks
passwords exactly as ``ModelBackend`` does and grants no table permissions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
