"""What the package index and the API reference show: the package description, its quick
start, the supported Pythons, and a reference page for every public module. The builds
themselves are `make docs` (mkdocs --strict) and `.ci/check_wheel` (sdist, wheel, twine check,
the wheel run in a clean venv)."""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import importlib.util
import io
import pkgutil
import re
import tomllib
from pathlib import Path

import smartlead_async
from smartlead_async.resources import RESOURCES

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
#: The Pythons .ci/run tests on.
PYTHONS = ("3.11", "3.12", "3.13")


def description() -> str:
    readme: str = PROJECT["readme"]
    return (ROOT / readme).read_text(encoding="utf-8")


def test_the_package_description_speaks_to_users() -> None:
    text = description()
    # README.md starts with `make demo` for contributors; the package index is for users.
    assert PROJECT["readme"] != "README.md"
    assert "make " not in text
    assert "pip install smartlead-async" in text


def test_the_package_description_links_only_to_what_resolves_on_the_index() -> None:
    # The index does not rewrite relative links: a link to a repository file is dead there.
    targets = re.findall(r"\]\(([^)\s]+)", description())
    assert targets
    assert [target for target in targets if not target.startswith("https://")] == []


def test_the_package_description_quick_start_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", description(), re.DOTALL)
    assert len(blocks) == 1
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], "docs/index.md", "exec"), {"__name__": "quick_start"})
    assert out.getvalue().split() == ["1", "ann@example.com", "STARTED"]


def test_every_python_ci_tests_is_a_classifier_and_the_version_has_one_source() -> None:
    assert PROJECT["requires-python"] == f">={PYTHONS[0]}"
    versions = [
        c.rpartition(" :: ")[2]
        for c in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions == list(PYTHONS)
    assert {"Framework :: AsyncIO", "Framework :: FastAPI", "Framework :: Pytest"} <= set(
        PROJECT["classifiers"]
    )
    assert "version" in PROJECT["dynamic"]
    assert importlib.metadata.version("smartlead-async") == smartlead_async.__version__


def re_exported_by_a_documented_package(modules: set[str]) -> set[str]:
    """The modules whose every public name their package exports (and its page documents)."""
    covered = set()
    for name in modules:
        package = importlib.import_module(name.rpartition(".")[0])
        names = getattr(importlib.import_module(name), "__all__", None)
        if names and set(names) <= set(getattr(package, "__all__", ())):
            covered.add(name)
    return covered


def test_every_public_module_has_an_api_reference_page() -> None:
    documented = {
        directive
        for page in (ROOT / "docs" / "reference").rglob("*.md")
        for directive in re.findall(r"^::: ([\w.]+)", page.read_text(), re.MULTILINE)
    }
    public = {
        module.name
        for module in pkgutil.walk_packages(smartlead_async.__path__, "smartlead_async.")
        if not any(part.startswith("_") for part in module.name.split("."))
    }
    # Packages whose every name is documented on the pages of their modules.
    public -= {
        "smartlead_async.integrations",
        "smartlead_async.models",
        "smartlead_async.resources",
    }
    assert sorted(public - documented - re_exported_by_a_documented_package(public)) == []
    assert {resource.__module__ for resource in RESOURCES.values()} <= documented
    assert "smartlead_async.SmartleadClient" in documented


def test_the_reference_shows_sphinx_roles_as_plain_code() -> None:
    spec = importlib.util.spec_from_file_location("mkdocs_hooks", ROOT / "scripts/mkdocs_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    rendered = (
        "returns a :class:<code>BulkResult</code>; see :meth:<code>~a.b.Client.aclose</code> "
        "and :func:<code>smartlead_async.redis.redis_rate_gate</code>"
    )
    assert hooks.on_page_content(rendered, page=None) == (
        "returns a <code>BulkResult</code>; see <code>aclose</code> "
        "and <code>smartlead_async.redis.redis_rate_gate</code>"
    )
