"""Form helpers shared by every app's views and forms.

Typed access to a form's fields, for forms that fill their choices at run time:
``form.fields`` maps names to the ``Field`` base class, which has no ``queryset`` or
``choices``; ``choice_field`` and ``model_choice_field`` return the field as the kind
it is declared as (and raise ``TypeError`` if a form declares it otherwise), so a
form's ``__init__`` sets ``model_choice_field(self, "cell").queryset`` with its type
checked.

``add_service_errors`` puts a service's ``ValidationError`` on the form that fed it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


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


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form that fed it.

    Errors the service raised per field go on that field when the form has it, and
    on the form as a whole otherwise (a service may name a field the form does not
    show); an error without fields goes on the form as a whole.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
