"""Typed access to a form's fields, for forms that fill their choices at run time.

``form.fields`` maps names to the ``Field`` base class, which has no ``queryset`` or
``choices``; these return the field as the kind it is declared as (and raise
``TypeError`` if a form declares it otherwise), so a form's ``__init__`` sets
``model_choice_field(self, "cell").queryset`` with its type checked.
"""

from __future__ import annotations

from typing import Any

from django import forms


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    return field
