"""The shared form field component labels every control so a screen reader can read it."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape


class _Form(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the identity card.")
    answer = forms.ChoiceField(
        label="Did the person get help?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        help_text="Needed when you complete the referral.",
    )
    fields_ = forms.MultipleChoiceField(
        label="What you share",
        choices=[("name", "Name"), ("phone", "Phone")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _render(form: forms.Form, name: str) -> str:
    return render_to_string("components/field.html", {"field": form[name]})


def test_a_text_field_has_a_label_pointing_at_it() -> None:
    html = _render(_Form(), "name")
    assert '<label for="id_name">Name' in html
    assert "<fieldset" not in html
    assert 'aria-describedby="id_name_helptext"' in html


def test_a_radio_group_is_a_fieldset_with_the_question_as_legend() -> None:
    html = _render(_Form(), "answer")
    assert html.startswith("<fieldset")
    assert f"<legend>{escape('Did the person get help?')}" in html
    assert 'aria-describedby="id_answer_helptext"' in html
    # Each option is labelled by its own text.
    assert '<label for="id_answer_0"><input type="radio"' in html
    assert "Yes</label>" in html


def test_a_checkbox_group_is_a_fieldset_and_its_error_is_announced() -> None:
    form = _Form(data={"name": "x", "answer": "yes", "fields_": ["nonsense"]})
    assert not form.is_valid()
    html = _render(form, "fields_")
    assert "<legend>What you share</legend>" in html
    assert 'aria-describedby="id_fields__error"' in html
    assert 'id="id_fields__error"' in html


class _Step(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(required=False)


def test_an_error_on_a_hidden_field_is_shown_at_the_top_of_the_form() -> None:
    with translation.override("en"):
        form = _Step(data={"action": ""})
        assert not form.is_valid()
        html = render_to_string("components/form.html", {"form": form})
    assert '<div class="form-errors" role="alert">' in html
    assert "(Hidden field action) This field is required." in html


def test_a_form_without_errors_has_no_empty_alert() -> None:
    html = render_to_string("components/form.html", {"form": _Step()})
    assert "form-errors" not in html
