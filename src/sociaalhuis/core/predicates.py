"""Typed doors to django-rules: declare predicates, register and test rules.

django-rules ships ``py.typed`` but leaves ``predicate``, ``set_rule``,
``test_rule`` and ``set_perm`` unannotated, so under mypy strict every
``@rules.predicate`` would make the predicate untyped and every ``rules.test_rule``
would return ``Any``. The apps' ``rules.py`` modules and the code that asks a
rule go through these functions instead; the untyped calls stay in this module.
The behaviour is django-rules' own: same ``Predicate`` objects, same rule sets.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from rules.permissions import set_perm as _set_perm
from rules.predicates import Predicate
from rules.rulesets import set_rule as _set_rule
from rules.rulesets import test_rule as _test_rule

__all__ = ["Predicate", "named_predicate", "predicate", "set_perm", "set_rule", "test_rule"]


def predicate(fn: Callable[..., bool]) -> Predicate:
    """``@rules.predicate``: a predicate named after the function it wraps."""
    return named_predicate(fn.__name__)(fn)


def named_predicate(name: str) -> Callable[[Callable[..., bool]], Predicate]:
    """``@rules.predicate(name)``: for predicates built in a loop or a factory."""

    def wrap(fn: Callable[..., bool]) -> Predicate:
        # What rules.predicate does: the Predicate keeps the function's name and
        # docstring (update_wrapper), so error messages and the debug log read well.
        built = Predicate(fn, name=name)
        functools.update_wrapper(built, fn)
        return built

    return wrap


def set_rule(name: str, rule: Predicate) -> None:
    """Register an object rule (``rules.set_rule``), replacing one of the same name."""
    _set_rule(name, rule)  # type: ignore[no-untyped-call]  # django-rules leaves it unannotated


def set_perm(name: str, rule: Predicate) -> None:
    """Register a permission for ``user.has_perm`` (``rules.set_perm``)."""
    _set_perm(name, rule)  # type: ignore[no-untyped-call]  # django-rules leaves it unannotated


def test_rule(name: str, user: object, obj: object) -> bool:
    """Whether the rule ``name`` holds for ``user`` (and ``obj``); an unknown rule is False."""
    # RuleSet.test_rule returns ``name in self and self[name].test(...)``: a bool.
    return bool(_test_rule(name, user, obj))  # type: ignore[no-untyped-call]  # unannotated upstream
