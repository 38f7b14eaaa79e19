"""Which consents of a person hold on a day (for the dossier page and for referrals)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from sociaalhuis.clients.models import Consent, Person


def consents_of(person: Person) -> QuerySet[Consent]:
    """Every consent of the person (and of records merged into it), newest first."""
    return (
        Consent.objects.filter(Q(person=person) | Q(person__merged_into=person))
        .select_related("organisation", "recorded_by")
        .order_by("-given_on", "-pk")
    )


def active_consents(
    person: Person, purpose: str | None = None, organisation: Any = None, on: date | None = None
) -> QuerySet[Consent]:
    """The consents that hold on ``on`` (today by default).

    Given on or before that day, not past their end date, not withdrawn on or before
    it. With ``organisation``, a consent for that organisation or one not limited to
    any organisation counts; with ``purpose``, only consents for that purpose.
    """
    day = on or timezone.localdate()
    consents = consents_of(person).filter(
        Q(given_on__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
    )
    if purpose is not None:
        consents = consents.filter(purpose=purpose)
    if organisation is not None:
        consents = consents.filter(Q(organisation=organisation) | Q(organisation__isnull=True))
    return consents
