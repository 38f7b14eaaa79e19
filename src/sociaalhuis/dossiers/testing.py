"""Example dossiers for tests: a person, a dossier with a care team, a note, an attachment.

Built with the unscoped managers (tests call these outside any request) and idempotent,
so the authorization matrix can ask for the same example many times.
"""

from __future__ import annotations

from sociaalhuis.accounts.models import User
from sociaalhuis.clients.identity import search_name_for
from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.dossiers.models import (
    Attachment,
    CareTeamMember,
    Dossier,
    JournalNote,
    StatusChange,
    TeamRole,
)
from sociaalhuis.tenants.models import Municipality
from sociaalhuis.testing import Cast

EXAMPLE_REFERENCE = "2000-0001"


def example_person(
    municipality: Municipality, given: str = "Mira", family: str = "Example"
) -> Person:
    identity = Identity.unscoped.filter(
        municipality=municipality, given_name=given, family_name=family
    ).first()
    if identity is not None:
        return identity.person
    person = Person.unscoped.create(municipality=municipality)
    Identity.unscoped.create(
        municipality=municipality,
        person=person,
        given_name=given,
        family_name=family,
        search_name=search_name_for(given, family),
    )
    return person


def make_dossier(
    municipality: Municipality,
    *,
    reference: str,
    manager: User | None,
    opened_by: User,
    person: Person | None = None,
    reason: str = "Rent arrears and an eviction notice.",
) -> Dossier:
    dossier = Dossier.unscoped.create(
        municipality=municipality,
        reference=reference,
        person=person or example_person(municipality),
        reason=reason,
        manager=manager,
        opened_by=opened_by,
    )
    StatusChange.unscoped.create(
        municipality=municipality,
        dossier=dossier,
        kind=StatusChange.Kind.OPENED,
        reason=reason,
        by=opened_by,
    )
    if manager is not None:
        team_add(dossier, manager, TeamRole.MANAGER)
    return dossier


def team_add(dossier: Dossier, user: User, role: str = TeamRole.SOCIAL_WORKER) -> CareTeamMember:
    return CareTeamMember.unscoped.create(
        municipality_id=dossier.municipality_id,
        dossier=dossier,
        user=user,
        role=role,
        added_by=dossier.opened_by,
    )


def example_dossier(cast: Cast, slug: str) -> Dossier:
    """Managed by the social worker, with the cell specialist on the care team."""
    municipality = cast.municipalities[slug]
    found = Dossier.unscoped.filter(municipality=municipality, reference=EXAMPLE_REFERENCE).first()
    if found is not None:
        return found
    manager = cast.user(slug, "social_worker")
    dossier = make_dossier(
        municipality, reference=EXAMPLE_REFERENCE, manager=manager, opened_by=manager
    )
    team_add(dossier, cast.user(slug, "cell_specialist"), TeamRole.CELL_SPECIALIST)
    return dossier


def example_note(cast: Cast, slug: str) -> JournalNote:
    dossier = example_dossier(cast, slug)
    note = JournalNote.unscoped.filter(dossier=dossier).order_by("pk").first()
    if note is not None:
        return note
    return JournalNote.unscoped.create(
        municipality_id=dossier.municipality_id,
        dossier=dossier,
        text="Visited the landlord together; a payment plan is being drafted.",
        author=dossier.opened_by,
    )


def example_member(cast: Cast, slug: str) -> CareTeamMember:
    return CareTeamMember.unscoped.get(
        dossier=example_dossier(cast, slug), user=cast.user(slug, "cell_specialist")
    )


def example_attachment(cast: Cast, slug: str) -> Attachment:
    """An attachment row whose file is not stored (the download answers 404)."""
    dossier = example_dossier(cast, slug)
    attachment = Attachment.unscoped.filter(dossier=dossier).order_by("pk").first()
    if attachment is not None:
        return attachment
    return Attachment.unscoped.create(
        municipality_id=dossier.municipality_id,
        dossier=dossier,
        file=f"dossiers/{dossier.municipality_id}/missing-example",
        original_name="letter.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=dossier.opened_by,
    )
