"""What importing the package costs: nothing a user did not ask for, every public name there.

Each check runs in a fresh interpreter (this one has imported everything already).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import smartlead_async
import smartlead_async.models

PACKAGE = Path(smartlead_async.__file__).parent
#: Only some users need these: the fake server, the CLI, the webhook receiver, Redis, arq.
OPTIONAL = (
    "smartlead_async.testing",
    "smartlead_async.cli",
    "smartlead_async.webhooks",
    "smartlead_async.redis",
    "smartlead_async.jobs",
    "redis",
    "arq",
    "fastapi",
)


def imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def loaded(modules: set[str], prefix: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for name in modules)


def test_import_smartlead_async_loads_only_the_package() -> None:
    modules = imported_after("import smartlead_async")
    ours = {name for name in modules if loaded({name}, "smartlead_async")}
    # The old package imported the client, every resource and every model (webhooks included).
    assert ours == {"smartlead_async", "smartlead_async._lazy"}
    assert not loaded(modules, "aiohttp")


@pytest.mark.parametrize(
    "statement",
    [
        "from smartlead_async import SmartleadClient",
        "from smartlead_async.models import Campaign",
        "import smartlead_async.webhooks",
    ],
)
def test_what_a_user_imports_never_brings_the_optional_parts(statement: str) -> None:
    modules = imported_after(statement)
    own = statement.split()[1]
    assert not [name for name in OPTIONAL if name != own and loaded(modules, name)]


def test_a_single_model_does_not_load_every_model() -> None:
    modules = imported_after("from smartlead_async.models import Campaign")
    assert "smartlead_async.models.campaigns" in modules
    assert "smartlead_async.models.analytics" not in modules
    assert "smartlead_async.models.webhooks" not in modules


@pytest.mark.parametrize("package", ["smartlead_async", "smartlead_async.models"])
def test_every_public_name_resolves_and_is_listed(package: str) -> None:
    code = (
        f"import {package} as p\n"
        "missing = [n for n in p.__all__ if getattr(p, n, None) is None]\n"
        "unlisted = sorted(set(p.__all__) - set(dir(p)))\n"
        "print(missing, unlisted)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] []"
    assert not hasattr(sys.modules[package], "Nope")  # an unknown name is an AttributeError


@pytest.mark.parametrize(
    ("module", "path"),
    [
        (smartlead_async, PACKAGE / "__init__.py"),
        (smartlead_async.models, PACKAGE / "models" / "__init__.py"),
    ],
)
def test_the_types_mypy_sees_are_the_names_served(module: types.ModuleType, path: Path) -> None:
    # The TYPE_CHECKING imports are what mypy checks; the lazy table is what runs. They must
    # name the same things from the same modules, and __all__ must be exactly them.
    tree = ast.parse(path.read_text())
    typed = {
        (node.module, alias.name)
        for block in tree.body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    served = {(source, name) for source, names in module._MODULES.items() for name in names}
    assert typed == served
    assert set(module.__all__) - {"__version__"} == {name for _, name in served}


def test_a_client_imports_a_namespace_when_it_is_first_used() -> None:
    before = imported_after("from smartlead_async import SmartleadClient")
    # The lazy package and the base class (raw responses check against it), no resource module.
    assert {name for name in before if loaded({name}, "smartlead_async.resources")} <= {
        "smartlead_async.resources",
        "smartlead_async.resources._base",
    }
    # The pipeline's acknowledgement check needs the common answer models, and only those.
    assert {name for name in before if loaded({name}, "smartlead_async.models")} == {
        "smartlead_async.models",
        "smartlead_async.models._base",
        "smartlead_async.models.common",
    }
    after = imported_after(
        "from smartlead_async import SmartleadClient\n"
        "client = SmartleadClient('k')\n"
        "assert client.leads is client.leads\n"  # built once, then a plain attribute
        "assert type(client.leads).__name__ == 'LeadsResource'"
    )
    assert "smartlead_async.resources.leads" in after
    assert "smartlead_async.resources.campaigns" not in after
    assert "smartlead_async.models.analytics" not in after
