"""Journal notes: added and edited by the care team, every version kept."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.core.concurrency import lock_for_edit, save_new_version
from sociaalhuis.dossiers.models import (
    NOTE_MAX_LENGTH,
    Confidentiality,
    Dossier,
    JournalNote,
    JournalNoteVersion,
    TimelineKind,
)
from sociaalhuis.dossiers.services.trail import (
    audit_write,
    confidentiality_check,
    require,
    timeline_add,
)

NOTE_EXCERPT = 160


def _note_text_check(text: str) -> str:
    if not text.strip():
        raise ValidationError(_("The note is empty."), code="empty")
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _(
                "This note is too long: %(length)s characters, at most %(limit)s. "
                "Shorten it, or add the document as an attachment."
            )
            % {"length": f"{len(text):,}", "limit": f"{NOTE_MAX_LENGTH:,}"},
            code="too_long",
        )
    return text.strip()


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NOTE_EXCERPT else flat[: NOTE_EXCERPT - 1] + "…"


def note_add(
    dossier: Dossier, *, actor: User, text: str, confidentiality: str = Confidentiality.CARE_TEAM
) -> JournalNote:
    text = _note_text_check(text)
    confidentiality = confidentiality_check(confidentiality)
    with transaction.atomic():
        require("dossiers.work_in", actor, dossier)
        note = JournalNote.objects.create(
            dossier=dossier, text=text, confidentiality=confidentiality, author=actor
        )
        timeline_add(
            dossier,
            kind=TimelineKind.NOTE,
            summary=_excerpt(text),
            actor=actor,
            obj=note,
            confidentiality=confidentiality,
            at=note.written_at,
        )
        audit_write(actor, note, dossier, Action.CREATE)
    return note


def note_edit(
    note_id: int, *, actor: User, based_on_version: int, text: str, confidentiality: str
) -> JournalNote:
    """The author changes a note; the former text is kept as a version.

    Raises EditConflictError (with the stored note) when someone saved in between.
    """
    text = _note_text_check(text)
    confidentiality = confidentiality_check(confidentiality)
    with transaction.atomic():
        note = lock_for_edit(JournalNote, note_id, based_on_version)
        dossier = note.dossier
        require("dossiers.work_in", actor, dossier)
        if note.author_id != actor.pk:
            raise PermissionDenied
        now = timezone.now()
        JournalNoteVersion.objects.create(
            note=note,
            version=note.version,
            text=note.text,
            confidentiality=note.confidentiality,
            saved_by=actor,
            saved_at=note.edited_at or note.written_at,
        )
        note.text, note.confidentiality, note.edited_at = text, confidentiality, now
        save_new_version(note, ["text", "confidentiality", "edited_at"])
        timeline_add(
            dossier,
            kind=TimelineKind.NOTE,
            summary=_("Note edited: %(excerpt)s") % {"excerpt": _excerpt(text)},
            actor=actor,
            obj=note,
            confidentiality=confidentiality,
            at=now,
        )
        audit_write(actor, note, dossier)
    return note
