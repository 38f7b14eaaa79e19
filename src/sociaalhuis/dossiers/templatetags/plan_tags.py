"""The dossier page's links to the step plan, housing, rights and consents, with figures."""

from __future__ import annotations

from typing import Any

from django import template

from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.dossiers.plan import queries as plan_queries

register = template.Library()


@register.inclusion_tag("dossiers/plan/_section_links.html")
def plan_section_links(dossier: Dossier, section: str = "") -> dict[str, Any]:
    """One query, whatever the size of the dossier (the page has a query budget)."""
    return {
        "dossier": dossier,
        "section": section,
        "figures": plan_queries.plan_sections(dossier),
    }
