"""Which models hold personal data: the register behind the guarded door.

Every read of these models goes through a function in the owning app's ``queries``
module that writes the access-log entry itself; views never query them through the
ORM and never write the access log directly. Each domain app names its models here
with ``register_personal_data()`` in its ``AppConfig.ready()`` (the way it names its
object kinds for the DPO screen), so ``audit`` sits below the apps and imports none
of them. ``tests/test_guarded_door.py`` reads this register to check every view
module.
"""

from __future__ import annotations

from django.db import models

_REGISTERED: dict[str, type[models.Model]] = {}


def register_personal_data(*model_classes: type[models.Model]) -> None:
    for model in model_classes:
        _REGISTERED[model._meta.label] = model


def personal_data_models() -> tuple[type[models.Model], ...]:
    """The registered models, in a stable order (by app label and model name)."""
    return tuple(_REGISTERED[label] for label in sorted(_REGISTERED))


def is_personal_data(model: type[models.Model]) -> bool:
    return _REGISTERED.get(model._meta.label) is model
