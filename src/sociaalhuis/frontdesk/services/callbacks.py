"""Callback requests: a colleague or cell calls the person back before a due time.

Done, attempted and cancelled are conditional updates on a callback that is still
open, so two workers acting at once get a clear message instead of a double entry.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Person
from sociaalhuis.frontdesk.models import Callback, CallbackStatus, HelpQuestion, QuestionStatus
from sociaalhuis.frontdesk.services.desk import require_desk_role


def callback_errors(
    *, to_user: User | None, to_cell: Cell | None, due_at: datetime | None, phone: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if to_user is None and to_cell is None:
        errors["to_user"] = [_("Choose the colleague or the cell who calls back.")]
    if due_at is None:
        errors["due_at"] = [_("State when the call must be made at the latest.")]
    elif due_at <= timezone.now():
        errors["due_at"] = [_("The due time must be in the future.")]
    if not phone.strip():
        errors["phone"] = [_("Note the phone number to call.")]
    return errors


def callback_create(
    *,
    actor: User,
    phone: str,
    message: str,
    due_at: datetime | None,
    to_user: User | None = None,
    to_cell: Cell | None = None,
    person: Person | None = None,
    caller_name: str = "",
    question: HelpQuestion | None = None,
) -> Callback:
    """Hand a question or a phone call to a colleague or a cell, to call back in time."""
    require_desk_role()
    errors = callback_errors(to_user=to_user, to_cell=to_cell, due_at=due_at, phone=phone)
    if not message.strip():
        errors["message"] = [_("Note what the call is about.")]
    if person is None and not caller_name.strip() and question is None:
        errors["caller_name"] = [_("Choose the person or note the caller's name.")]
    if errors:
        raise ValidationError(errors, code="callback_invalid")
    assert due_at is not None
    with transaction.atomic():
        callback = Callback.objects.create(
            question=question,
            person=person,
            caller_name=caller_name.strip(),
            phone=phone.strip(),
            message=message.strip()[:2000],
            to_user=to_user,
            to_cell=to_cell,
            due_at=due_at,
            created_by=actor,
        )
        access_record(
            actor=actor,
            action=Action.CREATE,
            obj=callback,
            person_id=person.pk if person is not None else None,
        )
    return callback


def is_callback_recipient(user: User, callback: Callback) -> bool:
    if callback.to_user_id is not None and callback.to_user_id == user.pk:
        return True
    return (
        callback.to_cell_id is not None
        and CellMember.objects.filter(cell_id=callback.to_cell_id, user=user).exists()
    )


def _still_open(callback: Callback) -> QuerySet[Callback]:
    return Callback.objects.filter(pk=callback.pk, status=CallbackStatus.OPEN)


def _not_open_error() -> ValidationError:
    return ValidationError(
        _("This callback request was already done or cancelled by someone else."),
        code="callback_not_open",
    )


def callback_done(*, actor: User, callback: Callback, result: str) -> None:
    """The recipient called back: record the result (only once)."""
    require_desk_role()
    if not is_callback_recipient(actor, callback):
        raise PermissionDenied
    if not result.strip():
        raise ValidationError({"result": _("Note the result of the call.")}, code="no_result")
    with transaction.atomic():
        updated = _still_open(callback).update(
            status=CallbackStatus.DONE,
            result=result.strip()[:2000],
            done_at=timezone.now(),
            done_by=actor,
            version=F("version") + 1,
        )
        if not updated:
            raise _not_open_error()
        if callback.question_id is not None:
            HelpQuestion.objects.filter(
                pk=callback.question_id, status=QuestionStatus.OPEN, dossier__isnull=True
            ).update(status=QuestionStatus.DONE, closed_at=timezone.now())
        access_record(actor=actor, action=Action.UPDATE, obj=callback, person_id=callback.person_id)


def callback_attempt(*, actor: User, callback: Callback) -> None:
    """The recipient called but did not reach the person: count the attempt."""
    require_desk_role()
    if not is_callback_recipient(actor, callback):
        raise PermissionDenied
    with transaction.atomic():
        updated = _still_open(callback).update(
            attempts=F("attempts") + 1, last_attempt_at=timezone.now(), version=F("version") + 1
        )
        if not updated:
            raise _not_open_error()
        access_record(actor=actor, action=Action.UPDATE, obj=callback, person_id=callback.person_id)


def callback_cancel(*, actor: User, callback: Callback, reason: str) -> None:
    """The sender or the recipient withdraws the request (kept, marked cancelled)."""
    require_desk_role()
    if callback.created_by_id != actor.pk and not is_callback_recipient(actor, callback):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(
            {"result": _("State why the callback is cancelled.")}, code="no_reason"
        )
    with transaction.atomic():
        updated = _still_open(callback).update(
            status=CallbackStatus.CANCELLED,
            result=reason.strip()[:2000],
            done_at=timezone.now(),
            done_by=actor,
            version=F("version") + 1,
        )
        if not updated:
            raise _not_open_error()
        access_record(actor=actor, action=Action.UPDATE, obj=callback, person_id=callback.person_id)
