"""Benchmark: invoice PDFs with reportlab and the embedded CJK font.

    python bench/invoices.py --count 1000

Makes ``--count`` CN drafts (varied amounts, one or two tax rates, company with a seal image) and
prints one JSON object:

- ``font_load_seconds``: registering the CJK font and building the styles (once per process);
- ``per_invoice_seconds``: median time to render one invoice form on its own PDF (``p95`` too), the
  case of "Save as PDF" for one draft; target under 0.050;
- ``separate_total_seconds``: all ``count`` invoices, each as its own PDF, one after the other;
- ``batch_seconds``: all ``count`` invoices in one PDF (printing many selected invoices at once),
  and ``batch_per_invoice_seconds``; ``batch_pages`` and ``batch_bytes`` for scale;
- ``list_seconds``: one 开票清单 of 1000 bill lines (a multi-page table with its repeated header).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from app.services.invoices.data import BillDetail, DraftLine  # noqa: E402
from app.services.invoices.drafts import new_drafts  # noqa: E402
from app.services.invoices.render import PageSetup, Printable, Renderer  # noqa: E402
from tests.support.invoice_data import COMPANY, cn_notice  # noqa: E402


def _seal() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (300, 300), (200, 0, 0, 140)).save(out, "PNG")
    return out.getvalue()


def _items(count: int) -> list[Printable]:
    items: list[Printable] = []
    for n in range(count):
        amount = Decimal(10_000 + n * 37) + Decimal(n % 100) / 100
        excl = (amount / Decimal("1.06")).quantize(Decimal("0.01"))
        line = DraftLine("软件服务", Decimal("0.06"), excl, amount - excl, amount)
        notice = cn_notice(notice_id=f"KP{n:06d}", requisition_no=f"SF2025110{n:09d}",
                           invoice_amount=amount, tax_rates=(Decimal("0.06"),), lines=(line,))
        items.append(Printable(new_drafts(notice, COMPANY)[0], notice))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    company = replace(COMPANY, seal_image=_seal())
    items = _items(args.count)

    began = time.perf_counter()
    renderer = Renderer()
    font_load = time.perf_counter() - began

    times = []
    for item in items:
        t = time.perf_counter()
        renderer.render([item], company, include_list=False)
        times.append(time.perf_counter() - t)

    t = time.perf_counter()
    batch = renderer.render(items, company, PageSetup("A4"), include_list=False)
    batch_seconds = time.perf_counter() - t

    details = tuple(
        BillDetail(f"CS{n:012d}", "云堡垒机 专业版 包年", "包年/包月", "正常", Decimal("1000.00"),
                   Decimal("0.00"), Decimal("950.00"))
        for n in range(1000)
    )
    t = time.perf_counter()
    renderer.render_list(replace(cn_notice(), bill_lines=details))
    list_seconds = time.perf_counter() - t

    from pypdf import PdfReader

    times.sort()
    print(json.dumps({
        "count": args.count,
        "font_load_seconds": round(font_load, 4),
        "per_invoice_seconds": round(statistics.median(times), 4),
        "per_invoice_p95_seconds": round(times[int(len(times) * 0.95) - 1], 4),
        "separate_total_seconds": round(sum(times), 3),
        "batch_seconds": round(batch_seconds, 3),
        "batch_per_invoice_seconds": round(batch_seconds / args.count, 4),
        "batch_pages": len(PdfReader(io.BytesIO(batch)).pages),
        "batch_bytes": len(batch),
        "list_1000_lines_seconds": round(list_seconds, 3),
        "target_per_invoice_seconds": 0.05,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
