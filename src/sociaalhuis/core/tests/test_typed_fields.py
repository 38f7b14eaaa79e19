"""The typed doors to a form's fields and a model's fields refuse the wrong kind."""

from __future__ import annotations

import pytest
from django import forms

from sociaalhuis.core.forms import choice_field, model_choice_field
from sociaalhuis.core.models import concrete_field
from sociaalhuis.directory.models import Service
from sociaalhuis.tenants.models import Municipality


class _Form(forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    municipality = forms.ModelChoiceField(queryset=Municipality.objects.none())


def test_a_choice_field_is_returned_as_the_form_instance_holds_it() -> None:
    form = _Form()
    choice_field(form, "kind").choices = [("b", "B")]
    assert list(form.fields["kind"].choices) == [("b", "B")]  # type: ignore[attr-defined]  # what the helper spares
    assert _Form.base_fields["kind"].choices == [("a", "A")]  # type: ignore[attr-defined]  # the class keeps its own


def test_a_model_choice_field_is_also_a_choice_field() -> None:
    form = _Form()
    assert model_choice_field(form, "municipality") is form.fields["municipality"]
    assert choice_field(form, "municipality") is form.fields["municipality"]


def test_asking_a_text_field_for_choices_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="name is not a choice field"):
        choice_field(_Form(), "name")
    with pytest.raises(TypeError, match="kind is not a model choice field"):
        model_choice_field(_Form(), "kind")


def test_a_concrete_field_has_its_label_and_a_reverse_relation_is_refused() -> None:
    assert str(concrete_field(Service, "email").verbose_name)
    with pytest.raises(TypeError, match="reverse relation"):
        concrete_field(Service, "schedules")
