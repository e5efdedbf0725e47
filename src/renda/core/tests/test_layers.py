"""The apps import downward only, in the order settings.RENDA_APPS declares (core at the bottom,
the portal and the demo at the top). Every import counts, those inside functions too.

Not walked: tests (a test may build its world from any app's factories) and migrations (they
name other apps by label, and their dependencies are checked by Django). The project modules
beside the apps (`urls.py`, `api_urls.py`, `settings.py`) stand above every app.
"""

import ast
from pathlib import Path

from django.conf import settings

import renda

ROOT = Path(renda.__file__).parent
ORDER = [name.removeprefix("renda.") for name in settings.RENDA_APPS]
# Deliberately empty: a new exemption is a cycle coming back.
EXEMPT: set[tuple[str, str]] = set()


def _imported_modules(tree: ast.AST, package: list[str]):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            elif node.module:
                yield node.lineno, node.module


def app_imports() -> list[tuple[str, str, str]]:
    """(importing app, imported app, file:line) for every import of one app by another."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if len(rel.parts) < 2 or {"tests", "migrations"} & set(rel.parts):
            continue
        app = rel.parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, module in _imported_modules(tree, ["renda", *rel.parts[:-1]]):
            parts = module.split(".")
            if len(parts) >= 2 and parts[0] == "renda" and parts[1] != app:
                found.append((app, parts[1], f"{rel}:{line}"))
    return found


def test_every_app_has_its_place_in_the_order():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}
    assert apps == set(ORDER), "add the app to settings.RENDA_APPS, in its layer"


def test_apps_import_only_apps_below_them():
    upward = [
        f"{where}: {app} imports {target}"
        for app, target, where in app_imports()
        if target in ORDER
        and (app, target) not in EXEMPT
        and ORDER.index(target) > ORDER.index(app)
    ]
    assert upward == []


def test_the_walk_sees_imports_inside_functions():
    """Regression guard for the guard: a lazy import is an import."""
    tree = ast.parse("def f():\n    from renda.portal import views\n")
    assert [m for _line, m in _imported_modules(tree, ["renda", "core"])] == ["renda.portal"]
