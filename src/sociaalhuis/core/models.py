"""Base models shared by every domain app."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core import tenancy

_M = TypeVar("_M", bound=models.Model)


class TenantQuerySet(models.QuerySet[_M]):
    pass


class TenantScopedManager(models.Manager[_M]):
    """Returns only rows of the active municipality; raises when none is active.

    Raising (rather than returning nothing) makes a missing tenant context a loud
    bug instead of an empty page. Trusted code that must cross municipalities (the
    demo loader, migrations) uses ``Model.unscoped`` explicitly.
    """

    def get_queryset(self) -> TenantQuerySet[_M]:
        municipality_id = tenancy.require_municipality_id()
        return TenantQuerySet(self.model, using=self._db).filter(municipality_id=municipality_id)

    def create(self, **kwargs: Any) -> _M:
        # New rows belong to the active municipality unless the caller (a trusted
        # service) names it; naming another one is refused here and, on PostgreSQL,
        # by the row-level security policy as well.
        municipality_id = tenancy.require_municipality_id()
        given = kwargs.get("municipality_id") or getattr(kwargs.get("municipality"), "pk", None)
        if given is not None and given != municipality_id:
            raise tenancy.TenantContextError("Refusing to create a row for another municipality.")
        if given is None:
            kwargs["municipality_id"] = municipality_id
        return super().create(**kwargs)


class TenantModel(models.Model):
    """A row owned by one municipality. Every tenant-owned model inherits this."""

    municipality = models.ForeignKey(
        "tenants.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
        editable=False,
        db_index=True,
    )

    # Left unannotated on purpose: the django-stubs plugin then types the managers
    # per concrete model (``Person.objects`` is a ``TenantScopedManager[Person]``).
    objects = TenantScopedManager()
    # DJ012 takes a bare models.Manager() for a field; ``objects`` must stay first,
    # as Django makes the first manager the default one.
    unscoped = models.Manager()  # noqa: DJ012

    class Meta:
        abstract = True


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class TranslatedNameModel(models.Model):
    """Reference data named in the three platform languages (Dutch required)."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nl")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_nl)


def concrete_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """``_meta.get_field`` for a field of the model itself, typed as such.

    ``get_field`` also finds reverse relations, which have no ``verbose_name``,
    ``help_text`` or ``max_length``; asking for one here is a bug, so it raises.
    """
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is a reverse relation, not a field")
    return field
