"""Writes from the worklists: taking on a question left for a cell."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.frontdesk.models import HelpQuestion, QuestionStatus
from sociaalhuis.frontdesk.worklists.queries import my_cells


def question_take_on(question_id: int, user: User) -> HelpQuestion:
    """``user`` takes on an open question of one of their cells.

    Two colleagues may click at the same moment: the update only happens while
    nobody has the question (a conditional UPDATE, not read-then-write), so the
    second one is told who was first. Clicking twice yourself changes nothing.
    """
    in_my_cells = HelpQuestion.objects.filter(pk=question_id, cell__in=my_cells(user))
    with transaction.atomic():
        taken = in_my_cells.filter(status=QuestionStatus.OPEN, assigned_to__isnull=True).update(
            assigned_to=user
        )
        question = in_my_cells.select_related("assigned_to").first()
        if question is None:
            # Not a question of this worker's cells (or of this municipality).
            raise Http404
        if not taken and question.assigned_to_id != user.pk:
            if question.assigned_to is None:
                raise ValidationError(
                    _("This question is closed; there is nothing left to take on."),
                    code="question_closed",
                )
            raise ValidationError(
                _("%(name)s took this question on already.") % {"name": question.assigned_to},
                code="already_taken",
            )
        if taken:
            access_record(
                actor=user, action=Action.UPDATE, obj=question, person_id=question.person_id
            )
    return question
