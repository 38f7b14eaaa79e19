"""The guarded door: views reach personal data only through the apps' ``queries``.

Every model registered with ``audit.personal_data.register_personal_data`` is read
through a function in its app's ``queries`` module that writes the access-log entry
itself. A view module (``views.py``, an app's ``api.py`` endpoints, the person-page
sections and extension-slot callables) may import such a model to annotate a type,
test ``isinstance`` or read its choices and ``DoesNotExist``, but never to query it,
and never writes the access log itself. This test reads every view module's source
and fails on either.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sociaalhuis.audit.personal_data import personal_data_models

PACKAGE_ROOT = Path(__file__).resolve().parent.parent / "src" / "sociaalhuis"
VIEW_MODULE_NAMES = {"views.py", "api.py", "person_sections.py", "extensions.py"}
# Attributes of a model class that reach the database.
QUERYING_ATTRIBUTES = {"objects", "unscoped", "_default_manager", "_base_manager"}
# Functions that take a model class (or its queryset) and query it.
QUERYING_FUNCTIONS = {"get_object_or_404", "get_list_or_404"}
AUDIT_WRITERS_MODULE = "sociaalhuis.audit.services"


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def view_modules() -> list[Path]:
    # A views package (``directory/views/``) holds one module per screen family.
    return sorted(
        path
        for path in PACKAGE_ROOT.rglob("*.py")
        if (path.name in VIEW_MODULE_NAMES or path.parent.name == "views")
        and "tests" not in path.parts
    )


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
    return ".".join(relative.parts)


def _resolve_relative(module: str | None, level: int, current: str) -> str:
    if level == 0:
        return module or ""
    base = current.split(".")[:-level]
    return ".".join([*base, module] if module else base)


def _personal_data_names(
    tree: ast.Module, current: str, registered: set[type]
) -> tuple[dict[str, str], dict[str, str]]:
    """The names the module binds to a registered model (name -> label), and the names
    bound to a models module that holds one (name -> module path).
    """
    model_names: dict[str, str] = {}
    module_names: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = _resolve_relative(node.module, node.level, current)
        for alias in node.names:
            bound = alias.asname or alias.name
            try:
                value = getattr(importlib.import_module(source), alias.name, None)
            except ImportError:
                value = None
            if value is None:
                try:
                    value = importlib.import_module(f"{source}.{alias.name}")
                except ImportError:
                    continue
            if isinstance(value, type) and value in registered:
                model_names[bound] = value._meta.label  # type: ignore[attr-defined]
            elif hasattr(value, "__file__") and any(
                getattr(value, model.__name__, None) is model for model in registered
            ):
                module_names[bound] = value.__name__
    return model_names, module_names


def _model_named(node: ast.expr, model_names: dict[str, str], module_names: dict[str, str]):
    """The label of the registered model this expression names (``Person`` or
    ``models.Person``), or None.
    """
    if isinstance(node, ast.Name):
        return model_names.get(node.id)
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in module_names
    ):
        model = getattr(importlib.import_module(module_names[node.value.id]), node.attr, None)
        if isinstance(model, type) and model in set(personal_data_models()):
            return model._meta.label
    return None


WRITERS_MESSAGE = "imports the access-log writers; let a queries function record"


def _imports_audit_writers(node: ast.AST, module: str) -> bool:
    if isinstance(node, ast.ImportFrom):
        source_module = _resolve_relative(node.module, node.level, module)
        return source_module == AUDIT_WRITERS_MODULE or (
            source_module == "sociaalhuis.audit"
            and any(alias.name == "services" for alias in node.names)
        )
    if isinstance(node, ast.Import):
        return any(alias.name == AUDIT_WRITERS_MODULE for alias in node.names)
    return False


def _querying_call(node: ast.Call) -> tuple[str, ast.expr] | None:
    """``(function name, first argument)`` of a call such as ``get_object_or_404(X, ...)``."""
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else None
    if isinstance(function, ast.Name):
        name = function.id
    if name in QUERYING_FUNCTIONS and node.args:
        return name, node.args[0]
    return None


def check_source(source: str, *, path: str, module: str) -> list[Violation]:
    """Every query of a registered person-data model and every use of the access-log
    writers in one view module's source.
    """
    tree = ast.parse(source, filename=path)
    model_names, module_names = _personal_data_names(tree, module, set(personal_data_models()))
    found: list[Violation] = []
    for node in ast.walk(tree):
        through: tuple[str, ast.expr] | None = None
        if _imports_audit_writers(node, module):
            found.append(Violation(path, getattr(node, "lineno", 0), WRITERS_MESSAGE))
        elif isinstance(node, ast.Attribute) and node.attr in QUERYING_ATTRIBUTES:
            through = (node.attr, node.value)
        elif isinstance(node, ast.Call):
            through = _querying_call(node)
        if through is not None:
            label = _model_named(through[1], model_names, module_names)
            if label is not None:
                message = f"queries {label} through {through[0]}; use its app's queries"
                found.append(Violation(path, getattr(node, "lineno", 0), message))
    return sorted(found, key=lambda violation: violation.line)


def check_modules(paths: Iterable[Path]) -> list[Violation]:
    found: list[Violation] = []
    for path in paths:
        found += check_source(
            path.read_text(),
            path=str(path.relative_to(PACKAGE_ROOT.parent.parent)),
            module=_module_name(path),
        )
    return found


def test_the_register_names_the_person_data_of_every_domain() -> None:
    labels = {model._meta.label for model in personal_data_models()}
    assert {
        "clients.Person",
        "clients.Identity",
        "clients.Household",
        "dossiers.Dossier",
        "dossiers.JournalNote",
        "dossiers.Attachment",
        "frontdesk.Appointment",
        "frontdesk.HelpQuestion",
        "referrals.Referral",
    } <= labels


def test_the_checker_reads_the_view_modules_of_every_domain() -> None:
    names = {_module_name(path) for path in view_modules()}
    assert {
        "sociaalhuis.clients.views.person",
        "sociaalhuis.dossiers.views.dossier",
        "sociaalhuis.dossiers.plan.views.steps",
        "sociaalhuis.frontdesk.views.contacts",
        "sociaalhuis.frontdesk.appointments.views",
        "sociaalhuis.referrals.api",
        "sociaalhuis.referrals.views.detail",
        "sociaalhuis.frontdesk.person_sections",
        "sociaalhuis.directory.views.search",
    } <= names


def test_no_view_module_queries_person_data_or_writes_the_access_log() -> None:
    violations = check_modules(view_modules())
    assert not violations, "\n".join(str(violation) for violation in violations)


PLANTED = """
from django.shortcuts import get_object_or_404
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.clients import models
from sociaalhuis.clients.models import Household, Person as P
from sociaalhuis.dossiers.models import JournalNote


def leak(request, person_id):
    person = P.objects.get(pk=person_id)
    household = get_object_or_404(Household, pk=1)
    notes = JournalNote.unscoped.filter(dossier__person=person)
    others = models.Identity.objects.all()
    everyone = P._default_manager.all()
    access_record_for_request(request, action="read")
    return person, household, notes, others, everyone
"""

ALLOWED = """
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.queries import person_for
from sociaalhuis.frontdesk.models import HelpQuestion


def show(request, person_id: int) -> Person:
    found: Person = person_for(request.user, person_id)
    if not isinstance(found, Person):
        raise Person.DoesNotExist
    return found, HelpQuestion.Status.OPEN, Person._meta.verbose_name
"""


def test_the_checker_reports_every_kind_of_planted_violation() -> None:
    violations = check_source(PLANTED, path="planted/views.py", module="planted.views")
    assert [(violation.line, violation.message) for violation in violations] == [
        (3, "imports the access-log writers; let a queries function record"),
        (10, "queries clients.Person through objects; use its app's queries"),
        (11, "queries clients.Household through get_object_or_404; use its app's queries"),
        (12, "queries dossiers.JournalNote through unscoped; use its app's queries"),
        (13, "queries clients.Identity through objects; use its app's queries"),
        (14, "queries clients.Person through _default_manager; use its app's queries"),
    ]


def test_the_checker_allows_a_model_for_annotations_isinstance_and_its_attributes() -> None:
    assert check_source(ALLOWED, path="allowed/views.py", module="allowed.views") == []
