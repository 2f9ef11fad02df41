"""Which result codes the sandbox answers with (issue 16 §4, interfaces.md §8.2).

Huawei's ``MKT.`` namespace is Huawei's: the sandbox answers with an ``MKT.`` code only where
Huawei's table defines it, and with the HTTP status the table gives it. This project's own refusal
codes (node moved, frozen task, invoice checks, demand states ...) live in the ``SC.`` namespace
so that they can never collide with a code Huawei publishes later.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.sandbox import manual_tasks
from app.sandbox.api import demands, invoices
from app.services.marketplace import wire

SANDBOX = Path(manual_tasks.__file__).parent
#: ``error_body("MKT.0101", ...), status_code=400`` and ``send_json(send, 406, error_body(...``.
_CALL = re.compile(r'error_body\("(?P<code>[A-Z]+\.\d{4})"')


def refusal_kinds() -> dict[str, tuple[str, int]]:
    found = {}
    for module in (manual_tasks, invoices, demands):
        for name, value in vars(module).items():
            if (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)
                    and isinstance(value[1], int) and re.fullmatch(r"[A-Z]+\.\d{4}", value[0])):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_the_projects_refusal_codes_are_not_in_huaweis_namespace_issue_16_4() -> None:
    """issue 16 §4: MKT.1001–MKT.1204 moved to SC.; none of our refusals uses MKT."""
    kinds = refusal_kinds()
    assert len(kinds) >= 20, kinds
    wrong = {name: code for name, (code, _status) in kinds.items() if not code.startswith("SC.")}
    assert wrong == {}


def test_every_mkt_code_the_sandbox_sends_is_huaweis_with_its_status_interfaces_8_2() -> None:
    """interfaces.md §8.2: every ``MKT.`` code in the sandbox's source is in Huawei's table, and
    where the status is written beside it, it is the table's (MKT.0151 is 401, MKT.0101 is 400)."""
    for path in sorted(SANDBOX.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for code in re.findall(r'"(MKT\.\d{4})"', text):
            assert code in wire.MKT_CODES, f"{path.name}: {code} is not in Huawei's table"
        for m in re.finditer(r'error_body\("(MKT\.\d{4})"[^)]*\)[^)]*?status_code=(\d{3})', text):
            assert wire.MKT_CODES[m.group(1)][0] == int(m.group(2)), (path.name, m.group(0))
        for m in re.finditer(r'send_json\(send, (\d{3}), error_body\("(MKT\.\d{4})"', text):
            assert wire.MKT_CODES[m.group(2)][0] == int(m.group(1)), (path.name, m.group(0))
