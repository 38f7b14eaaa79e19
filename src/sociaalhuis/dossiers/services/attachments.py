"""Attachments: checked by content (not by name), stored under a random name."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.dossiers import filetypes
from sociaalhuis.dossiers.models import Attachment, Confidentiality, Dossier, TimelineKind
from sociaalhuis.dossiers.services.trail import (
    audit_write,
    confidentiality_check,
    require,
    require_open,
    timeline_add,
)


def attachment_max_bytes() -> int:
    return int(settings.DOSSIER_ATTACHMENT_MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def attachment_add(
    dossier: Dossier,
    *,
    actor: User,
    upload: UploadedFile[bytes],
    description: str = "",
    confidentiality: str = Confidentiality.CARE_TEAM,
) -> Attachment:
    """Store a file with the dossier after checking its size and its actual content."""
    confidentiality = confidentiality_check(confidentiality)
    limit = attachment_max_bytes()
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s MB; at most %(limit)s MB is accepted.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    original_name = Path(upload.name or "").name[:200] or "file"
    stream = upload.file
    kind = filetypes.sniff(stream) if stream is not None else None
    if kind is None or filetypes.extension_of(original_name) not in kind.extensions:
        raise ValidationError(
            _(
                "This type of file is not accepted, or its content does not match its name. "
                "Accepted: %(types)s."
            )
            % {"types": ", ".join(filetypes.ACCEPTED_EXTENSIONS)},
            code="file_type",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        require("dossiers.work_in", actor, dossier)
        require_open(dossier)
        # The stored path is made from the municipality and a random id
        # (models.attachment_path): never the name the uploader gave.
        attachment = Attachment.objects.create(
            dossier=dossier,
            file=File(stream, name="upload"),
            original_name=original_name,
            content_type=kind.content_type,
            size=size,
            sha256=digest.hexdigest(),
            description=description.strip()[:200],
            confidentiality=confidentiality,
            uploaded_by=actor,
        )
        timeline_add(
            dossier,
            kind=TimelineKind.ATTACHMENT,
            summary=_("Attachment added: %(name)s") % {"name": original_name},
            actor=actor,
            obj=attachment,
            confidentiality=confidentiality,
            at=attachment.uploaded_at,
        )
        audit_write(actor, attachment, dossier, Action.CREATE)
    return attachment
