"""The housing situation over time: each change is a new row from a date on."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.dossiers.models import Dossier, Ethos, HousingSituation, TimelineKind
from sociaalhuis.dossiers.plan.services.trail import audit, not_in_future, require_work
from sociaalhuis.dossiers.services import timeline_add


def housing_record(
    dossier: Dossier, *, actor: User, category: str, since: date, description: str = ""
) -> HousingSituation:
    """Record the housing situation from ``since`` on (the history is kept as it was)."""
    require_work(actor, dossier)
    if category not in Ethos.values:
        raise ValidationError(
            {"category": ValidationError(_("Choose a housing situation."), code="invalid")}
        )
    not_in_future(since, "since", _("The date cannot lie in the future."))
    with transaction.atomic():
        situation = HousingSituation.objects.create(
            dossier=dossier,
            category=category,
            since=since,
            description=description.strip(),
            recorded_by=actor,
        )
        timeline_add(
            dossier,
            kind=TimelineKind.HOUSING,
            summary=_("Housing situation since %(date)s: %(situation)s")
            % {"date": since.strftime("%d/%m/%Y"), "situation": situation.get_category_display()},
            actor=actor,
            obj=situation,
        )
        audit(actor, Action.CREATE, situation, dossier)
    return situation
