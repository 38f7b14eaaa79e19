"""What referrals add to other apps' pages (through core.extensions and the person
page's sections), registered in ``ReferralsConfig.ready()``.

- the dossier page: the dossier's referrals and a "Refer" button;
- a help question at the desk: "Refer with feedback";
- "My work": referrals with new feedback, overdue ones, new ones in the inbox;
- the person page: the person's referrals (number, receiver, status; never contents);
- the dossier timeline: its referral lines link to the referral.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.sections import PersonSection
from sociaalhuis.core import tenancy
from sociaalhuis.core.extensions import Snippet
from sociaalhuis.referrals import queries
from sociaalhuis.referrals.services import SENDER_ROLES

DOSSIER_PANEL_SIZE = 10


def referral_url(object_id: str) -> str:
    return reverse("referrals:detail", kwargs={"referral_id": int(object_id)})


def dossier_panel(context: Mapping[str, Any]) -> Snippet | None:
    view = context.get("view")
    dossier = getattr(view, "dossier", None)
    if dossier is None:
        return None
    referrals = list(queries.referrals_of_dossier(dossier.pk)[:DOSSIER_PANEL_SIZE])
    return Snippet(
        "referrals/slots/dossier_panel.html",
        {
            "dossier_referrals": referrals,
            "can_refer": bool(getattr(view, "can_work", False))
            and dossier.is_open
            and dossier.person_id is not None,
            "referral_dossier": dossier,
        },
    )


def question_action(context: Mapping[str, Any]) -> Snippet | None:
    question = context.get("question")
    if question is None or getattr(question, "person_id", None) is None:
        return None
    if not tenancy.current().has_role(*SENDER_ROLES):
        return None
    return Snippet("referrals/slots/question_action.html", {"referral_question": question})


def worklist_summary(context: Mapping[str, Any]) -> Snippet | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    counts = queries.counts_for(user)
    context_roles = tenancy.current()
    return Snippet(
        "referrals/slots/worklist_summary.html",
        {
            "referral_counts": counts,
            "sends": context_roles.has_role(*SENDER_ROLES),
            "receives": context_roles.has_role(
                Role.SOCIAL_WORKER, Role.CELL_SPECIALIST, Role.PARTNER_WORKER
            ),
        },
    )


def person_section(person: Person, user: User) -> PersonSection | None:
    return PersonSection(
        "referrals/slots/person_section.html",
        {"person_referrals": queries.referrals_of_person(person.pk)},
    )
