"""``{% slot "name" %}`` and ``{% object_link type id as url %}``: see core/extensions.py."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from sociaalhuis.core import extensions

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str) -> SafeString:
    flat: dict[str, Any] = {str(key): value for key, value in context.flatten().items()}
    request = flat.get("request")
    parts = [
        render_to_string(snippet.template_name, {**flat, **snippet.context}, request=request)
        for snippet in extensions.snippets_for(name, flat)
    ]
    # Each part is a rendered template (escaped by the template engine).
    return mark_safe("".join(parts))


@register.simple_tag
def object_link(object_type: str, object_id: Any) -> str:
    return extensions.object_link(object_type, str(object_id))
