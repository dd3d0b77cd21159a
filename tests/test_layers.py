"""Every import runs one way (docs/ARCHITECTURE.md, "Layers"): popsite (the base:
accounts and the infrastructure modules) <- plans <- methods <- the portfolio and the
registration <- the URL configuration and the demo data. A module may import its own
unit and the layers below it, never a layer above nor a sibling of its own layer; an
import inside a function counts like any other, so a circle cannot hide in one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["popsite", "plans", "methods", "registration"]

# Dotted prefix -> layer; the most specific prefix wins.
LAYERS = {
    "popsite": 0,
    "plans": 1,
    "methods": 2,
    "plans.portfolio": 3,
    "registration": 3,
    "popsite.urls": 4,
    "popsite.demo": 4,
}


def unit_of(module: str) -> str | None:
    matches = [p for p in LAYERS if module == p or module.startswith(p + ".")]
    return max(matches, key=len) if matches else None


def imported(module: str, tree: ast.AST, is_package: bool) -> list[tuple[int, str]]:
    """(line, dotted name) of every import, nested ones included; ``from a import b``
    counts as ``a.b`` so that importing a sub-package by name is seen."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".") if is_package else module.split(".")[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    own = unit_of(module)
    wrong = []
    for line, name in imported(module, ast.parse(source), is_package):
        target = unit_of(name)
        if own is None or target is None or target == own:
            continue
        if LAYERS[target] >= LAYERS[own]:
            wrong.append(f"{module}:{line} imports {name} ({target} is not below {own})")
    return wrong


def modules() -> list[tuple[str, Path]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # history: a moved callable is named where it lives now
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found.append((dotted.removesuffix(".__init__"), path))
    return found


def test_every_import_runs_down_the_layers():
    checked = modules()
    assert len(checked) > 100  # the walk found the code
    wrong = [
        v
        for module, path in checked
        for v in violations(module, path.read_text(), path.name == "__init__.py")
    ]
    assert wrong == []


def test_an_import_up_or_sideways_is_caught():
    assert violations("popsite.accounts.erasure", "from plans.models import Trajectory")
    assert violations("plans.views", "def f():\n    from methods.pdf import appendix_html\n")
    assert violations("plans.urls", "from plans import portfolio")
    assert violations("registration.views", "from plans.portfolio import grants")
    assert violations("popsite.files", "import registration.models")
    assert not violations("plans.portfolio.growth", "from methods.models import Worksheet")
    assert violations("plans.views", "from .portfolio import grants")
    assert not violations("plans.views", "from . import selectors")
    assert not violations("popsite.urls", "import plans.portfolio.urls")
