"""Which records point at a person, so a merge can move them all.

Apps that keep records of a person (contacts, questions, dossiers, appointments,
referrals) register their model and field here in their AppConfig.ready(); the clients
app does not import them, so the dependency stays one-way.
"""

from __future__ import annotations

from django.db import models

_PERSON_REFERENCES: list[tuple[type[models.Model], str]] = []


def register_person_reference(model: type[models.Model], field: str = "person") -> None:
    if (model, field) not in _PERSON_REFERENCES:
        _PERSON_REFERENCES.append((model, field))


def person_references() -> list[tuple[type[models.Model], str]]:
    return list(_PERSON_REFERENCES)
