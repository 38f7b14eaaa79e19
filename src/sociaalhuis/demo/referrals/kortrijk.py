"""Kortrijk's part of the demo referrals: one resident registered at the desk.

Kortrijk has no demo casework (that is Ronse's), so its one referral
(``plans.KORTRIJK_REFERRALS``) starts from a desk contact made here, through the
desk service like a receptionist would; the municipality switch then shows that each
municipality sees only its own referrals.
"""

from __future__ import annotations

from datetime import date

from sociaalhuis.accounts.models import Cell
from sociaalhuis.clients.services import PersonInput
from sociaalhuis.demo.referrals.acting import acting, demo_key, login
from sociaalhuis.demo.referrals.plans import KOBE, KORTRIJK_CONTACT, RECEPTION
from sociaalhuis.frontdesk.models import Contact, ContactChannel, Outcome
from sociaalhuis.frontdesk.services import ContactInput, QuestionInput, contact_register
from sociaalhuis.tenants.models import LifeDomain, Municipality


def desk_contact(municipality: Municipality) -> int:
    """A fictitious Kortrijk resident at the desk, registered through the desk service."""
    reception = login(RECEPTION, municipality)
    key = demo_key(municipality.slug, KORTRIJK_CONTACT)
    with acting(reception, municipality):
        if Contact.objects.filter(idempotency_key=key).exists():
            return 0
        contact_register(
            actor=reception,
            data=ContactInput(
                channel=ContactChannel.DESK,
                idempotency_key=key,
                questions=[
                    QuestionInput(
                        life_domain=LifeDomain.objects.get(code="wonen"),
                        outcome=Outcome.OPEN,
                        description="Moet zijn huurwoning verlaten en zoekt een sociale woning.",
                        cell=Cell.objects.get(code="huisvesting"),
                    )
                ],
            ),
            new_person=PersonInput(
                given_name=KOBE[0],
                family_name=KOBE[1],
                birth_date=date(1979, 4, 2),
                street="Voorbeeldstraat",
                house_number="7",
                postcode="8500",
                city="Kortrijk",
                phone="0470 00 00 09",
            ),
        )
    return 2  # the person and the contact
