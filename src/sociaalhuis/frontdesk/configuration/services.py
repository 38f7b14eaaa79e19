"""Writing the reference lists of casework: cells, topics, the rights list, streets.

Only the municipality's administrator keeps these lists. Codes are unique within the
municipality; nothing is removed that records point to (cells, topics and rights are
taken off the list with ``active``), only streets can be removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Cell, CellMember
from sociaalhuis.accounts.queries import colleagues
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.core.text import fold
from sociaalhuis.dossiers.models import Right
from sociaalhuis.dossiers.plan.rights import default_rights
from sociaalhuis.frontdesk.models import Topic
from sociaalhuis.tenants.models import NeighbourhoodStreet


def _require_admin() -> int:
    if not tenancy.current().has_role(Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    return tenancy.require_municipality_id()


def _claim(instance: Any) -> None:
    """New rows belong to the active municipality (the form never chooses it)."""
    if instance.pk is None:
        instance.municipality_id = tenancy.require_municipality_id()


def _unique_code(model: type[models.Model], instance: Any) -> None:
    # Cell, Topic and Right: tenant models with a code (Model itself has no ``objects``).
    clash = model.objects.filter(code=instance.code).exclude(pk=instance.pk)  # type: ignore[attr-defined]
    if clash.exists():
        raise ValidationError(
            {
                "code": ValidationError(
                    _("The code %(code)s is already used. Choose another code."),
                    code="duplicate",
                    params={"code": instance.code},
                )
            }
        )


# --- Cells ------------------------------------------------------------------------------


def cell_save(cell: Cell, *, member_ids: Iterable[int]) -> Cell:
    """Save a cell and set its members (users with a role in this municipality)."""
    _require_admin()
    _unique_code(Cell, cell)
    wanted = set(member_ids)
    local = set(colleagues().filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - local:
        raise ValidationError(
            {
                "members": ValidationError(
                    _("Choose members among the users of this municipality."), code="not_member"
                )
            }
        )
    _claim(cell)
    with transaction.atomic():
        cell.save()
        current = set(CellMember.objects.filter(cell=cell).values_list("user_id", flat=True))
        CellMember.objects.filter(cell=cell, user_id__in=current - wanted).delete()
        for user_id in sorted(wanted - current):
            CellMember.objects.create(cell=cell, user_id=user_id)
    return cell


# --- Topics -----------------------------------------------------------------------------


def topic_save(topic: Topic) -> Topic:
    _require_admin()
    _unique_code(Topic, topic)
    _claim(topic)
    topic.save()
    return topic


# --- Rights -----------------------------------------------------------------------------


def right_save(right: Right) -> Right:
    _require_admin()
    _unique_code(Right, right)
    _claim(right)
    right.save()
    return right


def rights_load_default() -> int:
    """Add the standard rights that are not on the list yet (by code). Returns how many."""
    _require_admin()
    with transaction.atomic():
        known = set(Right.objects.values_list("code", flat=True))
        start = Right.objects.count()
        added = 0
        for seed in default_rights():
            if seed.code in known:
                continue
            Right.objects.create(
                code=seed.code,
                name_nl=seed.name_nl,
                name_fr=seed.name_fr,
                name_en=seed.name_en,
                description=seed.description,
                position=(start + added + 1) * 10,
            )
            added += 1
    return added


# --- Streets of neighbourhoods ----------------------------------------------------------


def street_save(street: NeighbourhoodStreet) -> NeighbourhoodStreet:
    """Save a street (part) of a neighbourhood; the folded key is what addresses match on."""
    _require_admin()
    street.street = " ".join(street.street.split())
    street.postcode = street.postcode.strip()
    street.street_key = fold(street.street)
    if not street.street_key:
        raise ValidationError({"street": ValidationError(_("Type the street."), code="required")})
    first, last = street.first_number, street.last_number
    if first is not None and last is not None and first > last:
        raise ValidationError(
            {
                "last_number": ValidationError(
                    _("The last house number is lower than the first. Swap them."),
                    code="reversed",
                )
            }
        )
    overlap = _overlapping(street)
    if overlap is not None:
        raise ValidationError(
            _(
                "This part of %(street)s already lies in the neighbourhood %(neighbourhood)s. "
                "Change the house numbers or that entry first."
            ),
            code="overlap",
            params={"street": overlap.street, "neighbourhood": overlap.neighbourhood.name},
        )
    _claim(street)
    street.save()
    return street


def _overlapping(street: NeighbourhoodStreet) -> NeighbourhoodStreet | None:
    """Another entry for the same street and postcode whose numbers overlap."""
    others = (
        NeighbourhoodStreet.objects.filter(street_key=street.street_key, postcode=street.postcode)
        .exclude(pk=street.pk)
        .select_related("neighbourhood")
    )
    # An empty bound is open: "from 20" runs to the end of the street.
    if street.last_number is not None:
        others = others.filter(
            Q(first_number__isnull=True) | Q(first_number__lte=street.last_number)
        )
    if street.first_number is not None:
        others = others.filter(
            Q(last_number__isnull=True) | Q(last_number__gte=street.first_number)
        )
    return others.first()


def street_remove(street: NeighbourhoodStreet) -> None:
    _require_admin()
    street.delete()
