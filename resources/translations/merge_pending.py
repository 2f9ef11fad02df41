"""Fill unfinished zh_CN translations from ``pending/*.json`` ({context: {English: 中文}}).

Run after ``update.sh`` has collected new strings (the .json files are how several people translate
areas at the same time without editing the .ts file at once); then ``update.sh`` again compiles the
.qm. Prints what is still untranslated. Usage: ``python resources/translations/merge_pending.py``.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "seller_console_zh_CN.ts"


def main() -> int:
    pending: dict[str, dict[str, str]] = {}
    for path in sorted((HERE / "pending").glob("*.json")):
        for context, table in json.loads(path.read_text(encoding="utf-8")).items():
            pending.setdefault(context, {}).update(table)
    tree = ET.parse(TS)
    filled, missing = 0, []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        table = pending.get(name, {})
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            if msg.get("numerus") == "yes":
                continue
            text = table.get(source)
            if text:
                tr.text = text
                del tr.attrib["type"]
                filled += 1
            else:
                missing.append(f"{name}: {source}")
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")
    print(f"filled {filled}; still untranslated: {len(missing)}")
    for line in missing:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
