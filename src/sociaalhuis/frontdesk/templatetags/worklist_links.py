"""``{% optional_url "dossiers:dossier" dossier_id=1 as url %}``: a link if the page exists.

Worklist rows link to pages of other parts of the casework (a dossier, a person, an
appointment, a callback). Where such a page is not there (yet), the row shows its
text without a link instead of the worklist failing.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""
