"""Example dossiers: a person, a dossier with a care team, a note, an attachment."""

from __future__ import annotations

from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.dossiers.models import (
    Attachment,
    CareTeamMember,
    Dossier,
    JournalNote,
    TeamRole,
)
from sociaalhuis.dossiers.tests.factories import CareTeamMemberFactory, DossierFactory
from sociaalhuis.tenants.models import Municipality
from sociaalhuis.testing.cast import Cast

EXAMPLE_REFERENCE = "2000-0001"


def example_person(
    municipality: Municipality, given: str = "Mira", family: str = "Example"
) -> Person:
    identity = Identity.unscoped.filter(
        municipality=municipality, given_name=given, family_name=family
    ).first()
    if identity is not None:
        return identity.person
    return PersonFactory.create(
        municipality=municipality, given_name=given, family_name=family, birth_date=None
    )


def example_dossier(cast: Cast, slug: str) -> Dossier:
    """Managed by the social worker, with the cell specialist on the care team."""
    municipality = cast.municipalities[slug]
    found = Dossier.unscoped.filter(municipality=municipality, reference=EXAMPLE_REFERENCE).first()
    if found is not None:
        return found
    dossier = DossierFactory.create(
        municipality=municipality,
        reference=EXAMPLE_REFERENCE,
        person=example_person(municipality),
        manager=cast.user(slug, "social_worker"),
    )
    CareTeamMemberFactory.create(
        dossier=dossier, user=cast.user(slug, "cell_specialist"), role=TeamRole.CELL_SPECIALIST
    )
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
