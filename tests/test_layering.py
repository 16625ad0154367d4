"""The project's layers, read from its source with `ast`: every import counts, at the top of a
module or inside a function.

- No module imports one that imports it back, however long the way round.
- The apps import each other one way only (`faq` builds on `articles`, never the reverse).
- kneesite's shared modules (Markdown, publishing, caching, …) import no app: only the modules
  that put the site together from its apps (settings, urls, the home page, search, commands) may.
- The page cache, first in MIDDLEWARE, loads no admin: a reader's request needs none of it.
"""

import ast
import graphlib
import json
import os
import re
import subprocess
import sys
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


def dynamic_targets(call, constants, modules):
    """The project modules an `import_module(...)` call may import: its argument as a pattern,
    e.g. f"{config.name}.{SHIPPED_MODULE}" (SHIPPED_MODULE = "shipped") matches every app's
    `shipped` module. A part it cannot know (an app's name) matches any dotted name."""
    if not call.args:
        return set()
    argument = call.args[0]
    parts = argument.values if isinstance(argument, ast.JoinedStr) else [argument]
    pattern = ""
    for part in parts:
        if isinstance(part, ast.FormattedValue):
            part = part.value
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            pattern += re.escape(part.value)
        elif isinstance(part, ast.Name) and part.id in constants:
            pattern += re.escape(constants[part.id])
        else:
            pattern += r"[\w.]+"
    return {module for module in modules if re.fullmatch(pattern, module)}


def imported(name, path, modules, dynamic=True):
    """The project modules that module `name` (at `path`) imports, anywhere in its code, and
    (with `dynamic`) through `import_module(...)`, as the content loader finds each app's
    `shipped` module through the app registry."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text(), str(path))
    constants = {  # module-level NAME = "text", as an import_module pattern may use them
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == (
            "import_module"
        ):
            found |= dynamic_targets(node, constants, modules) - {name} if dynamic else set()
            continue
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


def import_graph(dynamic=True):
    modules = project_modules()
    return {name: imported(name, path, modules, dynamic) for name, path in modules.items()}


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
    shared = {  # finding apps through the app registry (import_module) is not knowing them
        name: targets
        for name, targets in import_graph(dynamic=False).items()
        if name.startswith("kneesite") and not name.startswith(COMPOSITION)
    }
    reaching_apps = {
        name: sorted(target for target in targets if target.partition(".")[0] in APPS)
        for name, targets in shared.items()
    }
    assert {name: apps for name, apps in reaching_apps.items() if apps} == {}


# Run in a fresh interpreter: records which module's top level imports which (every import
# statement, also of a module already loaded) while Django sets up, then prints as JSON what
# importing `sys.argv[1]` loads, following those imports.
IMPORTS_OF = """
import builtins, importlib.util, json, sys
edges = {}
real_import = builtins.__import__

def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
    module = real_import(name, globals, locals, fromlist, level)
    caller = sys._getframe(1)
    if globals and caller.f_code.co_name == "<module>":
        base = importlib.util.resolve_name("." * level + name, globals.get("__package__")) if level else name
        targets = {base} | {f"{base}.{item}" for item in fromlist or () if f"{base}.{item}" in sys.modules}
        edges.setdefault(globals.get("__name__"), set()).update(targets)
    return module

builtins.__import__ = recording_import
import django
django.setup()
__import__(sys.argv[1])
loaded, todo = set(), [sys.argv[1]]
while todo:
    name = todo.pop()
    parents = [name.rsplit(".", depth)[0] for depth in range(1, name.count(".") + 1)]
    for target in (*edges.get(name, ()), *parents):
        if target not in loaded:
            loaded.add(target)
            todo.append(target)
print(json.dumps(sorted(loaded)))
"""


def loaded_by_importing(module):
    """The modules importing `module` loads (names, at import time), with the project's settings."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS_OF, module],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "kneesite.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_page_cache_loads_no_admin():
    loaded = loaded_by_importing("kneesite.cache")

    assert "kneesite.readers" in loaded  # what it does need
    admin = [name for name in loaded if name.startswith("django.contrib.admin") or name.endswith(".admin")]
    assert admin == []


def test_the_scan_sees_imports_inside_functions_and_relative_ones(tmp_path):
    """The scan itself, on a made-up package: a green run above means something."""
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("import os\n")
    (package / "views.py").write_text("from .models import Item\n\ndef page():\n    from shop import forms\n")
    (package / "forms.py").write_text("import shop.models\n")
    (package / "loader.py").write_text(
        'from importlib import import_module\nPART = "models"\n\n'
        'def load(app):\n    return import_module(f"{app}.{PART}")\n'
    )
    modules = {"shop": None, "shop.models": None, "shop.views": None, "shop.forms": None, "shop.loader": None}
    assert imported("shop.views", package / "views.py", modules) == {"shop.models", "shop.forms"}
    assert imported("shop.forms", package / "forms.py", modules) == {"shop.models"}
    assert imported("shop.models", package / "models.py", modules) == set()
    assert imported("shop.loader", package / "loader.py", modules) == {"shop.models"}
