"""The shape of the code: every module imports on its own, imports run one way, and `validate` stays light.

Layers, top to bottom: `cli` (the click group) -> `commands/` (one module per subcommand) -> the adapters
`site/` (MkDocs) and `sync/` (the forum) -> the core (every other module). A module may import only from its
own layer or below; `site/` and `sync/` never import each other; there is no import circle.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "sales_playbooks"
ADAPTERS = ("site", "sync")
EXTERNAL_FOR_ADAPTERS = ("mkdocs", "material", "pydiscourse", "requests", "urllib3")


def _modules() -> list[str]:
    package_dir = ROOT / "tools" / PACKAGE
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append(".".join(parts))
    return found


MODULES = _modules()


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, include_external_packages=True)


def layer(module: str) -> str:
    """'cli', 'commands', 'site', 'sync' or 'core'."""
    parts = module.split(".")
    if len(parts) == 1:
        return "core"  # the package's own __init__
    if parts[1] == "cli":
        return "cli"
    if parts[1] in ("commands", *ADAPTERS):
        return parts[1]
    return "core"


RANK = {"cli": 3, "commands": 2, "site": 1, "sync": 1, "core": 0}


def test_the_module_list_is_complete() -> None:
    assert f"{PACKAGE}.cli" in MODULES and f"{PACKAGE}.loader" in MODULES
    assert len(MODULES) > 40


@pytest.mark.parametrize("module", MODULES)
def test_each_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import importlib; importlib.import_module({module!r})"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"import {module} failed on its own:\n{result.stderr}"


def _internal_imports(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    pairs = []
    for importer in sorted(m for m in graph.modules if m.split(".")[0] == PACKAGE):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if imported.split(".")[0] == PACKAGE:
                pairs.append((importer, imported))
    return pairs


def test_imports_run_downward_only(graph: grimp.ImportGraph) -> None:
    wrong = [
        f"{a} ({layer(a)}) imports {b} ({layer(b)})"
        for a, b in _internal_imports(graph)
        if RANK[layer(b)] > RANK[layer(a)]
    ]
    assert wrong == []


def test_site_and_sync_never_import_each_other(graph: grimp.ImportGraph) -> None:
    crossing = [f"{a} imports {b}" for a, b in _internal_imports(graph) if {layer(a), layer(b)} == set(ADAPTERS)]
    assert crossing == []


def test_nothing_imports_the_cli_module(graph: grimp.ImportGraph) -> None:
    assert sorted(graph.find_modules_that_directly_import(f"{PACKAGE}.cli")) == []


def test_the_core_imports_no_site_generator_and_no_http_client(graph: grimp.ImportGraph) -> None:
    core = [m for m in graph.modules if m.split(".")[0] == PACKAGE and layer(m) == "core"]
    assert len(core) > 20
    reached = {
        (module, external)
        for module in core
        for external in graph.find_upstream_modules(module)
        if external.split(".")[0] in EXTERNAL_FOR_ADAPTERS
    }
    assert sorted(reached) == []


def test_no_import_circle(graph: grimp.ImportGraph) -> None:
    """Tarjan's strongly connected components over the package's own imports, lazy ones included."""
    edges: dict[str, list[str]] = {}
    for a, b in _internal_imports(graph):
        edges.setdefault(a, []).append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, []):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert circles == []


def test_validate_loads_neither_the_forum_client_nor_an_http_library() -> None:
    code = (
        "import sys\n"
        "from sales_playbooks.cli import main\n"
        "try:\n"
        f"    main(['validate', '--root', {str(ROOT)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in ('pydiscourse', 'requests', 'urllib3', 'mkdocs') if m in sys.modules)\n"
        "print('LOADED=' + ','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "LOADED=" in result.stdout, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED="
    assert "checked" in result.stdout  # it did validate


def test_help_lists_every_command_without_importing_them() -> None:
    code = (
        "import sys\n"
        "from sales_playbooks.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('COMMANDS=' + ','.join(sorted(m for m in sys.modules if m.startswith('sales_playbooks.commands.'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    for name in ("validate", "new", "review", "codeowners", "render", "sync", "cohorts", "activity", "report"):
        assert f"  {name} " in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "COMMANDS="
