"""Every user-visible string is found by lupdate: the one way to translate is spelled out.

lupdate collects ``translate("Context", "text")`` (and ``QT_TRANSLATE_NOOP``) by name. A local
alias (``t = translate``) or ``self.tr`` hides the strings from it, and the Chinese window then
shows English (the Deadlines headers did). See docs/architecture.md, "Words".
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("app/views", "app/cli")


def _problems(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name | ast.Attribute):
            value = node.value
            name = value.id if isinstance(value, ast.Name) else value.attr
            if name == "translate":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: an alias of translate")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "tr" and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "self"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: self.tr")
    return found


def test_strings_are_marked_the_one_way() -> None:
    problems = [p for folder in SCANNED for f in sorted((ROOT / folder).rglob("*.py"))
                for p in _problems(f)]
    assert problems == []
