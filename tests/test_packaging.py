"""What the package index shows: the package description, its quick start and the supported
Pythons. The build itself (sdist, wheel, twine check, the wheel run in a clean venv) is
`.ci/check_wheel`."""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import re
import tomllib
from pathlib import Path

import smartlead_async

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
#: The Pythons .ci/run tests on.
PYTHONS = ("3.11", "3.12", "3.13")


def description() -> str:
    return (ROOT / PROJECT["readme"]).read_text(encoding="utf-8")


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
