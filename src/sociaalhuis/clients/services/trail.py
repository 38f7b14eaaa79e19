"""What every write to a person or household checks first: the role that may register
clients here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sociaalhuis.accounts.authorization import PERMISSIONS
from sociaalhuis.core import tenancy


def require_client_role() -> None:
    if not tenancy.current().has_role(*PERMISSIONS["clients.register"]):
        raise PermissionDenied
