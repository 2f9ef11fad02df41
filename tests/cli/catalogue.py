"""A compiled catalogue with the command line's words, for tests that run the CLI in Chinese.

The shipped ``seller_console_zh_CN.qm`` has the CLI's words only after the integrator has run
``resources/translations/update.sh`` and ``merge_pending.py``. :func:`build_catalogue` does the
same into a temporary folder, never touching the real files: a copy of the real ``.ts``,
``pyside6-lupdate`` over the sources ``update.sh`` scans (``app/views``, ``app/cli``,
``app/__main__.py``), the unfinished strings filled from ``pending/*.json``, then
``pyside6-lrelease``. Point the CLI at the folder with ``SELLER_CONSOLE_TRANSLATIONS``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is needed (PySide6's tools)"
    return found


def sources() -> list[str]:
    """What update.sh gives lupdate (relative to the project root)."""
    found = sorted(str(p.relative_to(ROOT)) for folder in ("app/views", "app/cli")
                   for p in (ROOT / folder).rglob("*.py"))
    return [*found, "app/__main__.py"]


def pending() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for path in sorted((TRANSLATIONS / "pending").glob("*.json")):
        for context, words in json.loads(path.read_text(encoding="utf-8")).items():
            table.setdefault(context, {}).update(words)
    return table


def collect(folder: Path) -> Path:
    """The real zh_CN .ts copied into ``folder`` and updated by lupdate from the sources."""
    folder.mkdir(parents=True, exist_ok=True)
    ts = folder / "seller_console_zh_CN.ts"
    shutil.copy(TRANSLATIONS / "seller_console_zh_CN.ts", ts)
    subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "relative",
                    "-target-language", "zh_CN", *sources(), "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return ts


def unfinished(ts: Path) -> dict[str, list[str]]:
    """The sources of ``ts`` that have no translation, per context."""
    out: dict[str, list[str]] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") == "unfinished" and msg.get("numerus") != "yes":
                out.setdefault(ctx.findtext("name") or "", []).append(msg.findtext("source") or "")
    return out


def build_catalogue(folder: Path) -> Path:
    """``folder`` with ``seller_console_zh_CN.qm`` (and the ``.ts`` it was compiled from)."""
    ts = collect(folder)
    table = pending()
    tree = ET.parse(ts)
    for ctx in tree.getroot().iter("context"):
        words = table.get(ctx.findtext("name") or "", {})
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = words.get(msg.findtext("source") or "")
            if tr is not None and tr.get("type") == "unfinished" and text:
                tr.text = text
                del tr.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm",
                    str(folder / "seller_console_zh_CN.qm")],
                   check=True, capture_output=True, text=True)
    return folder
