"""A service's editable content as one plain dictionary (a "snapshot").

Revisions store snapshots, the edit form reads and writes them, the HSDS import
builds them, and ``apply_snapshot`` is the one function that writes a snapshot
to the database. Keeping the shape in one place keeps those four in step.

Shape::

    {
      "organisation": <organisation uuid>,
      "url": "", "email": "", "phone": "", "languages": ["nl", "fr"],
      "minimum_age": None, "maximum_age": None, "is_free": False,
      "reachability_score": None, "reachability_remark": "", ... (five B's),
      "municipalities": ["45041", ...],   # NIS codes of the area served
      "terms": [<taxonomy term uuid>, ...],
      "locations": [<location uuid>, ...],
      "texts": {"nl": {"name": ..., "description": ..., ...}, "fr": {...}},
    }
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sociaalhuis.core.models import concrete_field
from sociaalhuis.directory.models import Location, Organisation, Service, ServiceText, TaxonomyTerm
from sociaalhuis.directory.models.services import FIVE_BS, TEXT_LANGUAGES
from sociaalhuis.tenants.models import Municipality

Snapshot = dict[str, Any]

SCALAR_FIELDS: tuple[str, ...] = (
    "url",
    "email",
    "phone",
    "languages",
    "minimum_age",
    "maximum_age",
    "is_free",
    *(f"{name}_{part}" for name, _dutch in FIVE_BS for part in ("score", "remark")),
)
TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "alternate_name",
    "description",
    "eligibility_description",
    "fees_description",
    "application_process",
    "required_documents",
    "interpretation_services",
    "keywords",
)


def snapshot_of(service: Service) -> Snapshot:
    """The current content of a saved service."""
    data: Snapshot = {"organisation": str(service.organisation.uuid)}
    for name in SCALAR_FIELDS:
        data[name] = getattr(service, name)
    data["municipalities"] = sorted(service.municipalities.values_list("nis_code", flat=True))
    data["terms"] = sorted(str(value) for value in service.terms.values_list("uuid", flat=True))
    data["locations"] = sorted(
        str(value) for value in service.locations.values_list("uuid", flat=True)
    )
    data["texts"] = {
        text.language: {name: getattr(text, name) for name in TEXT_FIELDS}
        for text in service.texts.order_by("language")
    }
    return data


def changed_fields(before: Snapshot, after: Snapshot) -> list[str]:
    """Names of the top-level fields (and ``texts.<lang>.<field>``) that differ."""
    names = [
        key
        for key in sorted(set(before) | set(after))
        if key != "texts" and before.get(key) != after.get(key)
    ]
    before_texts, after_texts = before.get("texts", {}), after.get("texts", {})
    for language in TEXT_LANGUAGES:
        old, new = before_texts.get(language, {}), after_texts.get(language, {})
        names.extend(
            f"texts.{language}.{name}"
            for name in TEXT_FIELDS
            if old.get(name, "") != new.get(name, "")
        )
    return names


def field_label(name: str) -> str:
    """What a person calls a field of ``changed_fields``, e.g. "What we offer (NL)"."""
    if name.startswith("texts."):
        _texts, language, field = name.split(".")
        label = f"{concrete_field(ServiceText, field).verbose_name} ({language.upper()})"
    else:
        label = str(concrete_field(Service, name).verbose_name)
    return label[:1].upper() + label[1:]


def apply_snapshot(service: Service, data: Snapshot) -> Service:
    """Write ``data`` onto ``service`` (saved or new), bump its version, reindex.

    Callers are the services in ``directory.services`` and the HSDS import; they
    hold the row lock and check the version first.
    """
    from sociaalhuis.directory.search import index_services

    service.organisation = Organisation.objects.get(uuid=data["organisation"])
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    now = timezone.now()
    service.last_modified = now
    if service.pk is None:
        service.created_at = now
        service.version = 1
    else:
        service.version += 1
    service.save()
    service.municipalities.set(
        Municipality.objects.filter(nis_code__in=data.get("municipalities", []))
    )
    service.terms.set(TaxonomyTerm.objects.filter(uuid__in=data.get("terms", [])))
    service.locations.set(Location.objects.filter(uuid__in=data.get("locations", [])))
    texts = data.get("texts", {})
    service.texts.exclude(language__in=list(texts)).delete()
    for language, values in texts.items():
        ServiceText.objects.update_or_create(
            service=service,
            language=language,
            defaults={name: values.get(name, "") for name in TEXT_FIELDS},
        )
    index_services([service.pk])
    return service
