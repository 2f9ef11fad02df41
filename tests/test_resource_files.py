"""Issue 17 (Packages): the console finds its bundled files through one function, so a wheel, a
plain ``pip install .`` and the frozen application find them as a checkout does.

The end-to-end proof is ``tools/check_wheel.py`` and ``tools/build_app.py --smoke`` (CI); these
tests keep the one way in place on every run.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.resource_files import resource_path, resource_root

ROOT = Path(__file__).resolve().parents[1]

#: A path to the resources built from a module's own place: breaks once the package is installed.
SOURCE_TREE_LOOKUP = re.compile(r"""parents\[\d\]\s*/\s*["']resources["']|["']resources["']\s*/""")


def test_issue17_no_module_finds_resources_from_its_own_place() -> None:
    """Every resource lookup goes through app.resource_files (the old code built
    ``Path(__file__).parents[n] / "resources"`` in render.py, settlement_rules.py, preflight.py,
    i18n.py, icons.py, app.py and words.py)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "app").rglob("*.py"))
        if path.name != "resource_files.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SOURCE_TREE_LOOKUP.search(line)
    ]
    assert offenders == []


def test_issue17_the_resource_root_holds_what_the_console_reads() -> None:
    root = resource_root()
    assert root == ROOT / "resources"  # a checkout: the top-level folder, as the layout fixes it
    for part in (("fonts", "wqy-microhei.ttc"), ("settlement_rules.json",),
                 ("rules", "acceptance_files.json"), ("translations", "seller_console_zh_CN.qm"),
                 ("icons", "app.svg")):
        assert resource_path(*part).is_file(), part


def test_issue17_every_reader_uses_the_one_root() -> None:
    from app.cli.words import translations_dir as cli_translations
    from app.services.finance.settlement_rules import DEFAULT_RULES_FILE as SETTLEMENT
    from app.services.invoices.render import FONT_PATH
    from app.services.supervision.preflight import DEFAULT_RULES_FILE as ACCEPTANCE

    root = resource_root()
    assert FONT_PATH.parent.parent == root
    assert SETTLEMENT.parent == root
    assert ACCEPTANCE.parent.parent == root
    assert cli_translations({}) == root / "translations"
