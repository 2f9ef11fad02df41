"""The arrows of DESIGN.md, checked on every file: views -> services -> models, never back.

* ``app/models`` and ``app/services`` import no PySide6 at all and nothing from ``app.views``;
  ``app/models`` imports nothing from ``app.services``.
* ``app/config/`` and ``app/cli`` are headless too (no ``app.views``, no Qt GUI): the CLI and
  the services run on machines without a screen. The CLI may use ``PySide6.QtCore`` only
  (:data:`CLI_MAY_USE`): its ``QTranslator`` reads the window's catalogue, so both front ends
  speak the same words.
* ``app/sandbox`` shares only wire formats and signing with the console: no PySide6, and from the
  rest of ``app`` only the modules of :data:`SANDBOX_MAY_USE`, each with its reason. Inside it,
  ``data/`` (generation) knows no HTTP and no store, and the running world knows no HTTP.
* ``app`` has no import circles (a module that needs another's part and is needed by it: the
  shared part goes to a module both import).

Every ``.py`` file is parsed with ``ast``; imports count wherever they are (inside functions,
``if TYPE_CHECKING:`` blocks, ``try:``), relative imports are resolved, and
``importlib.import_module("...")`` / ``__import__("...")`` with a literal name count as imports.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"


@dataclass(frozen=True)
class Rule:
    folder: str  # relative to the project root: a package folder or one module file
    banned: tuple[str, ...]  # module prefixes
    #: Exceptions to ``banned``: module (and its submodules) -> why it may be imported.
    allowed: Mapping[str, str] = field(default_factory=dict)


QT = "PySide6"

#: What the command line may take from Qt: nothing that needs a display.
CLI_MAY_USE: Mapping[str, str] = {
    "PySide6.QtCore": "QTranslator reads the window's compiled catalogue (app/cli/words.py), so "
    "the command line says what the window says, in the same words; QtCore needs no display",
}

#: All the sandbox may take from the rest of ``app``; anything else it imports from ``app`` fails.
SANDBOX_MAY_USE: Mapping[str, str] = {
    "app.services.marketplace.wire": "the wire formats: the collections, their records, paths and Huawei's "
    "time format are the contract the sandbox serves and the console reads",
    "app.services.marketplace.signing": "AK/SK signing: the gateway verifies requests with the very code "
    "the console signs them with",
    "app.services.marketplace.interface_signing": "the production-interface signatures and "
    "credential cipher (interfaces.md §6.1-§6.5): the reference production endpoints verify the "
    "conformance tester's requests and sign their answers with the formulas the §6 vectors check",
}
_SANDBOX_OWN = {"app.sandbox": "its own modules"}

#: The sandbox's running world (record store, clock, tasks a seller acted on) and its HTTP side.
_SANDBOX_WORLD = ("app.sandbox.state", "app.sandbox.store", "app.sandbox.simulate",
                  "app.sandbox.manual_tasks")
_SANDBOX_HTTP = ("app.sandbox.api", "app.sandbox.server", "app.sandbox.cli")

RULES = (
    Rule("app/models", (QT, "app.views", "app.services")),
    Rule("app/services", (QT, "app.views")),
    Rule("app/config/", (QT, "app.views")),
    Rule("app/cli", (QT, "app.views"), CLI_MAY_USE),
    Rule("app/sandbox", (QT, "app"), {**SANDBOX_MAY_USE, **_SANDBOX_OWN}),
    Rule("app/sandbox/data", (*_SANDBOX_WORLD, *_SANDBOX_HTTP)),
    *(Rule(m.replace(".", "/") + ".py", _SANDBOX_HTTP) for m in _SANDBOX_WORLD),
    Rule("app/sandbox/api", ("app.sandbox.server", "app.sandbox.cli")),
)


def module_name(path: Path) -> str:
    """``app/services/sync/engine.py`` -> ``app.services.sync.engine``; ``app/models/__init__.py`` -> ``app.models``."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module a source file imports, as ``(line, dotted name)``.

    ``from X import Y`` yields both ``X`` and ``X.Y`` (``Y`` may be a submodule, as in
    ``from app import views``).
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, module, is_package)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if (
                name in ("import_module", "__import__")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((node.lineno, node.args[0].value))
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _is_banned(name: str, banned: tuple[str, ...], allowed: Mapping[str, str] = {}) -> str | None:
    """The banned prefix ``name`` falls under, unless it is (in) an allowed module or one of
    their parent packages (``from app.services import wire`` imports ``app.services`` too)."""
    if any(_within(name, ok) or _within(ok, name) for ok in allowed):
        return None
    for prefix in banned:
        if _within(name, prefix):
            return prefix
    return None


def violations(rule: Rule) -> tuple[list[str], int]:
    """The wrong-way imports under one rule, and how many files were checked."""
    target = ROOT / rule.folder
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    found = []
    for path in files:
        module = module_name(path)
        source = path.read_text(encoding="utf-8")
        is_package = path.name == "__init__.py"
        for line, name in imported_modules(source, module, is_package):
            prefix = _is_banned(name, rule.banned, rule.allowed)
            if prefix:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {name} ({prefix} is banned)")
    return sorted(set(found)), len(files)


def _python_files(folder: str) -> list[Path]:
    target = ROOT / folder
    return [target] if target.is_file() else sorted(target.rglob("*.py"))


def import_graph(folder: str = "app") -> dict[str, set[str]]:
    """Module -> the modules of ``folder`` it imports (anywhere in the file)."""
    modules = {module_name(p): p for p in _python_files(folder)}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        deps = set()
        for _, name in imported_modules(path.read_text(encoding="utf-8"), module,
                                        path.name == "__init__.py"):
            while name and name not in modules:  # ``from m import f`` names m.f: back to m
                name = name.rpartition(".")[0]
            if name and name != module:
                deps.add(name)
        graph[module] = deps
    return graph


def import_circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a circle (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            group.append(v)
            if len(group) > 1:
                circles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(circles)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.folder)
def test_no_wrong_way_imports(rule: Rule) -> None:
    found, checked = violations(rule)
    assert checked > 0, f"{rule.folder} has no Python files: the rule checks nothing"
    assert found == [], "wrong-way imports (see DESIGN.md, 'The house'):\n" + "\n".join(found)


def test_every_module_the_sandbox_may_use_is_one_it_uses() -> None:
    """The allow-list stays true: an entry nothing imports any more is taken out."""
    used = {
        name
        for path in _python_files("app/sandbox")
        for _, name in imported_modules(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
    }
    unused = [m for m in SANDBOX_MAY_USE if not any(_within(n, m) for n in used)]
    assert unused == [], f"SANDBOX_MAY_USE lists modules the sandbox no longer imports: {unused}"


def test_no_import_circles() -> None:
    circles = import_circles(import_graph("app"))
    assert circles == [], (
        "modules that import each other (move the shared part to a module both import):\n"
        + "\n".join(" <-> ".join(c) for c in circles)
    )


# The checker itself, on sources made to break each rule.


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("import PySide6", "app.services.x", False, "PySide6"),
        ("from PySide6.QtWidgets import QWidget", "app.services.x", False, "PySide6.QtWidgets"),
        ("def f():\n    from PySide6 import QtCore\n", "app.models.x", False, "PySide6.QtCore"),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import app.views.bridge\n",
            "app.services.x",
            False,
            "app.views.bridge",
        ),
        ("try:\n    import PySide6\nexcept ImportError:\n    pass\n", "app.models.x", False, "PySide6"),
        ("from ..views import bridge", "app.services.x", False, "app.views.bridge"),
        ("from .. import views", "app.services.x", False, "app.views"),
        ("from app import views", "app.services.x", False, "app.views"),
        ("from ..services.sync import SyncEngine", "app.models.x", False, "app.services.sync"),
        ("from ..services import sync", "app.models", True, "app.services.sync"),
        ("import importlib\nimportlib.import_module('PySide6.QtGui')", "app.models.x", False, "PySide6.QtGui"),
        ("__import__('app.views')", "app.models.x", False, "app.views"),
    ],
)  # fmt: skip
def test_the_checker_finds_imports_everywhere(
    source: str, module: str, is_package: bool, expected: str
) -> None:
    names = [name for _, name in imported_modules(source, module, is_package)]
    assert expected in names


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("from . import base", "app.models", True, ["app.models", "app.models.base"]),
        ("from . import base", "app.models.db", False, ["app.models", "app.models.base"]),
        ("from .services import sync", "app.models", True, ["app.models.services", "app.models.services.sync"]),
        ("from ...app import views", "app.services.x", False, ["app", "app.views"]),
        ("import os, json", "app.models", True, ["os", "json"]),
    ],
)  # fmt: skip
def test_relative_imports_resolve_like_python(
    source: str, module: str, is_package: bool, expected: list[str]
) -> None:
    assert [n for _, n in imported_modules(source, module, is_package)] == expected


def test_a_wrong_way_import_in_a_real_tree_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = tmp_path / "app" / "services"
    services.mkdir(parents=True)
    (services / "__init__.py").write_text("", encoding="utf-8")
    (services / "ok.py").write_text("import httpx\n", encoding="utf-8")
    (services / "bad.py").write_text(
        "def later():\n    from ..views.bridge import Bridge\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found, checked = violations(Rule("app/services", (QT, "app.views")))
    assert checked == 3
    assert found == [
        "app/services/bad.py:2 imports app.views.bridge (app.views is banned)",
        "app/services/bad.py:2 imports app.views.bridge.Bridge (app.views is banned)",
    ]


def test_the_sandbox_may_import_only_what_its_list_allows() -> None:
    rule = next(r for r in RULES if r.folder == "app/sandbox")
    for ok in ("app.services.marketplace.wire", "app.services.marketplace.wire.COLLECTIONS", "app.services",
               "app.sandbox.data.generate", "app", "fastapi"):
        assert _is_banned(ok, rule.banned, rule.allowed) is None, ok
    for bad in ("app.services.sync.engine", "app.services.outbox.queue.Outbox", "app.models", "app.views.app",
                "app.config", "app.services.wirex", "PySide6.QtCore"):
        assert _is_banned(bad, rule.banned, rule.allowed) is not None, bad


def test_a_circle_is_found_with_all_its_members() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}, "f": {"d"}}
    assert import_circles(graph) == [["a", "b", "c"]]
    assert import_circles({"x": {"y"}, "y": {"x"}, "z": {"x"}}) == [["x", "y"]]


def test_the_banned_prefixes_match_whole_names() -> None:
    assert _is_banned("PySide6.QtCore", (QT,)) == QT
    assert _is_banned("PySide6", (QT,)) == QT
    assert _is_banned("PySide6_Addons", (QT,)) is None
    assert _is_banned("app.viewsx", ("app.views",)) is None
    assert module_name(APP / "models" / "__init__.py") == "app.models"
