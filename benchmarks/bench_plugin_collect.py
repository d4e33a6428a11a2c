"""What the pytest plugin costs a session that uses none of its fixtures.

Runs ``pytest --collect-only`` on a throwaway project of one plain test, ``--runs`` times each
way (the best run is reported): with the plugin disabled (``-p no:smartlead_async``, the
baseline) and enabled as installed. It also times importing the plugin module alone in a
fresh interpreter, against importing ``smartlead_async`` (the package the plugin lives in;
Python imports a package before its modules), and lists which of the fake's modules the
plugin import loads.

    python benchmarks/bench_plugin_collect.py [--runs 15] [--json plugin.json]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _report import print_table, write_json

PLUGIN = "smartlead_async.testing.pytest_plugin"
PROBE = (
    "import sys, time; t = time.perf_counter(); import {module}; "
    "print(time.perf_counter() - t); "
    "print(sorted(m for m in sys.modules if m.startswith('smartlead_async.testing')))"
)


def _collect(project: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *extra],
        cwd=project,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def _import(module: str) -> tuple[float, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        cwd=tempfile.gettempdir(),  # not the checkout: ``-c`` puts the working directory first
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, loaded = done.stdout.splitlines()
    return float(seconds), eval(loaded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "test_plain.py").write_text("def test_plain():\n    assert True\n")
        (project / "pytest.ini").write_text("[pytest]\n")
        _collect(project)  # warm the file-system caches once
        without, with_plugin = [], []
        for _ in range(args.runs):
            without.append(_collect(project, "-p", "no:smartlead_async"))
            with_plugin.append(_collect(project))
    # Best-of: on a shared machine the minimum is the least disturbed figure.
    base, plugged = min(without), min(with_plugin)
    imports = {m: [_import(m) for _ in range(args.runs)] for m in (PLUGIN, "smartlead_async")}
    rows = [
        {
            "measure": "pytest --collect-only, plugin disabled (baseline)",
            "best s": f"{base:.3f}",
        },
        {"measure": "pytest --collect-only, plugin enabled", "best s": f"{plugged:.3f}"},
        {"measure": "plugin cost at collection (difference)", "best s": f"{plugged - base:.3f}"},
        *(
            {
                "measure": f"import {module} (fresh interpreter)",
                "best s": f"{min(t for t, _ in runs):.3f}",
            }
            for module, runs in imports.items()
        ),
    ]
    print_table(rows)
    loaded = imports[PLUGIN][0][1]
    print(f"fake modules loaded by the plugin import: {loaded}")
    write_json(
        args.json,
        {
            "runs": args.runs,
            "collect_without_plugin": without,
            "collect_with_plugin": with_plugin,
            "plugin_cost": plugged - base,
            "import_seconds": {m: [t for t, _ in runs] for m, runs in imports.items()},
            "fake_modules_loaded_by_plugin": loaded,
        },
    )


if __name__ == "__main__":
    main()
