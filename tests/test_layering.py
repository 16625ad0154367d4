"""The project's layers, read from its source with `ast`: every import counts, at the top of a
module or inside a function.

- No module imports one that imports it back, however long the way round.
- The apps import each other one way only (`faq` builds on `articles`, never the reverse).
- kneesite's shared modules (Markdown, publishing, caching, …) import no app: only the modules
  that put the site together from its apps (settings, urls, the home page, search, commands) may.
"""

import ast
import graphlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kneesite", "articles", "faq", "deploy")
APPS = ("articles", "faq")
# kneesite's modules that put the site together from its apps, and so may import them. Management
# commands are entry points, like urls.
COMPOSITION = (
    "kneesite.settings",
    "kneesite.urls",
    "kneesite.views",
    "kneesite.search",
    "kneesite.management",
)


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    """{module name: its path} for every Python file of the project's packages."""
    paths = (path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
    return {module_name(path): path for path in paths}


def imported(name, path, modules):
    """The project modules that module `name` (at `path`) imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: `from . import views`, `from ..models import Entry`
                parents = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parents, base] if base else parents)
            # `from package import module` imports that module; `from module import name`, the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import a.b.c` of a name inside a.b
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph():
    modules = project_modules()
    return {name: imported(name, path, modules) for name, path in modules.items()}


def first_cycle(graph):
    """One circle of imports, as the list of modules round it, or None."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return error.args[1]
    return None


def test_no_module_imports_one_that_imports_it_back():
    cycle = first_cycle(import_graph())
    assert cycle is None, "Import circle: " + " → ".join(cycle)


def test_the_apps_import_each_other_one_way_only():
    apps_graph = {app: set() for app in APPS}
    for name, targets in import_graph().items():
        app = name.partition(".")[0]
        if app in APPS:
            apps_graph[app] |= {target.partition(".")[0] for target in targets} & (set(APPS) - {app})
    cycle = first_cycle(apps_graph)
    assert cycle is None, "The apps import each other: " + " → ".join(cycle)


def test_kneesites_shared_modules_import_no_app():
    shared = {
        name: targets
        for name, targets in import_graph().items()
        if name.startswith("kneesite") and not name.startswith(COMPOSITION)
    }
    reaching_apps = {
        name: sorted(target for target in targets if target.partition(".")[0] in APPS)
        for name, targets in shared.items()
    }
    assert {name: apps for name, apps in reaching_apps.items() if apps} == {}


def test_the_scan_sees_imports_inside_functions_and_relative_ones(tmp_path):
    """The scan itself, on a made-up package: a green run above means something."""
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("import os\n")
    (package / "views.py").write_text("from .models import Item\n\ndef page():\n    from shop import forms\n")
    (package / "forms.py").write_text("import shop.models\n")
    modules = {"shop": None, "shop.models": None, "shop.views": None, "shop.forms": None}
    assert imported("shop.views", package / "views.py", modules) == {"shop.models", "shop.forms"}
    assert imported("shop.forms", package / "forms.py", modules) == {"shop.models"}
    assert imported("shop.models", package / "models.py", modules) == set()
