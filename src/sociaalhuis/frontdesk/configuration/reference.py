"""Loading a municipality's help-question topics from a data file (``core.datafiles``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sociaalhuis.core import datafiles
from sociaalhuis.frontdesk.models import Topic
from sociaalhuis.tenants.models import LifeDomain, Municipality


def topics_ensure(municipality: Municipality, rows: Iterable[Mapping[str, str]]) -> int:
    """Add the topics (columns ``life_domain``, ``code``, ``name_nl``, ``name_fr``,
    ``name_en``) whose code the municipality does not have yet; returns how many.

    A topic belongs to a life domain: rows of a life domain the municipality does not
    have are skipped; an invalid value raises ``DataFileError``. For trusted loaders
    (the demo): no permission check. Run in the municipality's tenant context.
    """
    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    added = 0
    for row in rows:
        domain = domains.get(row["life_domain"])
        if domain is None:
            continue
        if Topic.objects.filter(code=row["code"]).exists():
            continue
        topic = Topic(
            code=row["code"],
            life_domain=domain,
            name_nl=row["name_nl"],
            name_fr=row["name_fr"],
            name_en=row["name_en"],
            municipality=municipality,
        )
        datafiles.check(topic, row)
        topic.save()
        added += 1
    return added
