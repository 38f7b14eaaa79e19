from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from sociaalhuis.accounts.queries import acting_user, workspace_of

router = Router(tags=["account"])


class MeOut(Schema):
    email: str
    full_name: str
    preferred_language: str
    municipality: str | None
    roles: list[str]


@router.get("/me", response=MeOut, url_name="me")
def me(request: HttpRequest) -> MeOut:
    """The signed-in user, the active municipality and the roles held there."""
    workspace = workspace_of(request)
    user = acting_user(request)
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        preferred_language=user.preferred_language,
        municipality=workspace.municipality.nis_code if workspace.municipality else None,
        roles=sorted(workspace.roles),
    )
