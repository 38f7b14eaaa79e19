"""The order of the apps is a contract (import-linter, ``[tool.importlinter]`` in
pyproject.toml), checked here as well as by ``lint-imports``, so ``scripts/test`` fails
on an upward import too.

The second half proves the contract can fail: it copies the contract onto a miniature
package with the same layers, plants one kind of violation at a time and expects it
to be reported (and the clean miniature to pass).
"""

from __future__ import annotations

import textwrap
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
PASSED, BROKEN = 0, 1
# The project modules that are plain modules rather than packages.
PLAIN_MODULES = {"settings", "urls", "wsgi", "asgi"}


def _config() -> dict[str, Any]:
    with PYPROJECT.open("rb") as file:
        config: dict[str, Any] = tomllib.load(file)["tool"]["importlinter"]
    return config


def _layers_contract() -> dict[str, Any]:
    (contract,) = [c for c in _config()["contracts"] if c["type"] == "layers"]
    return contract


def test_the_apps_import_only_from_the_layers_below_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    # On failure the report (which import, at which line) is in the captured output.
    assert status == PASSED, capsys.readouterr().out


def _factory_offences(package: str) -> list[str]:
    """Imports by an app's test factories of an app above it (or of the test cast).

    The contract lets tests import any app (see pyproject.toml); the factories are the
    exception that keeps test data one-way too: ``dossiers/tests/factories.py`` may use
    the clients factories, never the referrals ones.
    """
    rank = {
        name.strip(" ()"): height
        for height, layer in enumerate(reversed(_layers_contract()["layers"]))
        for name in layer.replace(":", "|").split("|")
    }
    graph = grimp.build_graph(package, cache_dir=None)
    offences = []
    for factories in sorted(graph.find_matching_modules(f"{package}.*.tests.factories")):
        app = factories.split(".")[1]
        for imported in sorted(graph.find_modules_directly_imported_by(factories)):
            other = imported.split(".")[1] if imported.startswith(f"{package}.") else app
            if rank.get(other, len(rank)) > rank[app]:
                offences.append(f"{factories} -> {imported}")
    return offences


def test_an_apps_test_factories_build_only_on_its_own_app_and_the_apps_below() -> None:
    assert _factory_offences("sociaalhuis") == []


# --- The contract can fail ----------------------------------------------------------------

Plant = Callable[[Path], None]


def _layer_names() -> list[str]:
    """Every module named in the layers (optional ones included), top first."""
    return [
        name.strip(" ()")
        for layer in _layers_contract()["layers"]
        for name in layer.replace(":", "|").split("|")
    ]


def _ini_value(value: Any) -> str:
    if isinstance(value, list):
        return "".join(f"\n    {item}" for item in value)
    return str(value)


def _write_miniature(root: Path, name: str) -> Path:
    """A package ``name`` with one module per layer, each importing nothing; returns the
    path of an import-linter configuration that is the project's, renamed."""
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for layer in [*_layer_names(), *_layers_contract().get("exhaustive_ignores", [])]:
        if layer in PLAIN_MODULES:
            (package / f"{layer}.py").write_text("")
        else:
            (package / layer).mkdir()
            (package / layer / "__init__.py").write_text("")
    session = {k: v for k, v in _config().items() if k != "contracts"}
    lines = ["[importlinter]"]
    for key, value in session.items():
        lines.append(f"{key} = {_ini_value(value).replace('sociaalhuis', name)}")
    for project_contract in _config()["contracts"]:
        contract = dict(project_contract)
        # The project's own exceptions name modules the miniature lacks.
        contract["unmatched_ignore_imports_alerting"] = "none"
        lines.append(f"[importlinter:contract:{contract.pop('id')}]")
        for key, value in contract.items():
            lines.append(f"{key} = {_ini_value(value).replace('sociaalhuis', name)}")
    config = root / ".importlinter"
    config.write_text("\n".join(lines) + "\n")
    return config


def _write(path: Path, source: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in path.parents:
        if parent.name == "fakehuis":
            break
        init = parent / "__init__.py"
        if not init.exists():
            init.write_text("")
    path.write_text(textwrap.dedent(source))


def _lint(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    plant: Plant | None,
) -> tuple[int, str]:
    config = _write_miniature(tmp_path, "fakehuis")
    # A realistic miniature: referrals builds on clients, which builds on core.
    _write(tmp_path / "fakehuis/referrals/services.py", "from fakehuis.clients import models\n")
    _write(tmp_path / "fakehuis/clients/models.py", "from fakehuis.core import tenancy\n")
    _write(tmp_path / "fakehuis/core/tenancy.py", "")
    if plant is not None:
        plant(tmp_path / "fakehuis")
    monkeypatch.syspath_prepend(str(tmp_path))
    capsys.readouterr()
    status = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    return status, capsys.readouterr().out


def test_the_clean_miniature_keeps_the_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = _lint(tmp_path, monkeypatch, capsys, plant=None)
    assert status == PASSED, output


def _module_level(package: Path) -> None:
    _write(package / "core/extensions.py", "from fakehuis.referrals import services\n")


def _inside_a_function(package: Path) -> None:
    _write(
        package / "accounts/middleware.py",
        """
        def authenticate(secret):
            from fakehuis.referrals import services
            return services.authenticate(secret)
        """,
    )


def _type_only(package: Path) -> None:
    _write(
        package / "clients/sections.py",
        """
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from fakehuis.dossiers import models
        """,
    )
    _write(package / "dossiers/models.py", "")


def _production_uses_the_test_cast(package: Path) -> None:
    _write(package / "testing/cast.py", "from fakehuis.referrals import services\n")
    _write(package / "referrals/views.py", "from fakehuis.testing import cast\n")


def _between_independent_siblings(package: Path) -> None:
    _write(package / "portal/views.py", "from fakehuis.api import router\n")
    _write(package / "api/router.py", "")


def _a_dev_only_package(package: Path) -> None:
    _write(package / "referrals/fhir.py", "from fhir.resources.R4B.task import Task\n")


def _an_app_without_a_place(package: Path) -> None:
    _write(package / "newapp/models.py", "from fakehuis.core import tenancy\n")


@pytest.mark.parametrize(
    ("plant", "reported"),
    [
        (_module_level, "fakehuis.core is not allowed to import fakehuis.referrals"),
        (_inside_a_function, "fakehuis.accounts is not allowed to import fakehuis.referrals"),
        (_type_only, "fakehuis.clients is not allowed to import fakehuis.dossiers"),
        (
            _production_uses_the_test_cast,
            "fakehuis.referrals is not allowed to import fakehuis.testing",
        ),
        (_between_independent_siblings, "fakehuis.portal is not allowed to import fakehuis.api"),
        (_a_dev_only_package, "fakehuis is not allowed to import fhir"),
        (_an_app_without_a_place, "fakehuis.newapp"),
    ],
    ids=[
        "module-level",
        "function-local",
        "type-only",
        "test-cast",
        "siblings",
        "dev-only-package",
        "unlisted-app",
    ],
)
def test_a_planted_violation_breaks_the_contract(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    plant: Plant,
    reported: str,
) -> None:
    status, output = _lint(tmp_path, monkeypatch, capsys, plant)
    assert status == BROKEN, output
    assert reported in " ".join(output.split()), output


def test_an_apps_tests_may_import_any_app_the_test_cast_and_dev_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def plant(package: Path) -> None:
        _write(package / "testing/cast.py", "from fakehuis.referrals import services\n")
        _write(
            package / "clients/tests/test_merge.py",
            "from fakehuis.referrals import services\nfrom fakehuis.testing import cast\n"
            "import hypothesis\n",
        )

    status, output = _lint(tmp_path, monkeypatch, capsys, plant)
    assert status == PASSED, output


def test_a_factory_that_builds_on_a_higher_app_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_miniature(tmp_path, "fakehuis")
    _write(tmp_path / "fakehuis/clients/models.py", "")
    _write(tmp_path / "fakehuis/referrals/models.py", "from fakehuis.clients import models\n")
    _write(
        tmp_path / "fakehuis/clients/tests/factories.py",
        "from fakehuis.clients import models\nfrom fakehuis.core import tenancy\n",
    )
    _write(tmp_path / "fakehuis/core/tenancy.py", "")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _factory_offences("fakehuis") == []
    _write(
        tmp_path / "fakehuis/dossiers/tests/factories.py",
        "from fakehuis.referrals import models\n",
    )
    assert _factory_offences("fakehuis") == [
        "fakehuis.dossiers.tests.factories -> fakehuis.referrals.models"
    ]
