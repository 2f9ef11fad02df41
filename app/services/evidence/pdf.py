"""The index PDF of an evidence package (see :mod:`app.services.evidence.package`), drawn with reportlab.

Kept apart from the packaging so each stays small. The text is in the marketplace's own words
(Chinese node and action names as the server sent them) with English headings, in WenQuanYi Micro
Hei (the invoices' CJK font), so a reader on either side of a dispute can follow it. Times carry
their UTC offset: the package may be read in another time zone.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import tzinfo
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.models.orders import Order
from app.models.supervision import SupervisionTask
from app.services.evidence.files import EvidenceFile, hw_text, local_text
from app.services.invoices.render import register_font


def money(amount: Decimal, currency: str) -> str:
    """Exact, grouped, two places: ``CNY 1,234.50`` (never a float)."""
    return f"{currency} {amount:,.2f}"


def para(text: Any) -> str:
    """User text for a reportlab Paragraph (escaped; line breaks kept)."""
    return escape(str(text if text is not None else "")).replace("\n", "<br/>")


def join_nonempty(values: Iterable[str], sep: str = " / ") -> str:
    """The non-empty values, each once, in order."""
    return sep.join(dict.fromkeys(v for v in values if v))


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=19, spaceAfter=4),
        "h": ParagraphStyle("h", parent=base, fontSize=11, leading=14, spaceBefore=8,
                            spaceAfter=3),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7, leading=9),
    }


def _table(rows: list[list[Any]], widths: Sequence[float], font: str) -> Table:
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf2")),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def render_index(task: SupervisionTask, order: Order | None, files: Sequence[EvidenceFile],
                 outbox: Sequence[tuple[str, str, str, str, str]], exported: str,
                 tz: tzinfo | None) -> bytes:
    """The index as PDF bytes."""
    font = register_font()
    s = _styles(font)

    def p(text: Any, style: str = "body") -> Paragraph:
        return Paragraph(para(text), s[style])

    story: list[Any] = [
        p(f"Evidence package — service supervision task 服务监管 {task.id}", "title"),
        p(f"Exported {exported}. Every file below is listed with its SHA-256; "
          "`seller-console evidence verify` re-checks them.", "small"),
        p("Order", "h"),
    ]
    customer = join_nonempty([task.customer_name, (order.customer_real_name or "") if order else "",
                              order.customer_name if order else ""])
    facts = [
        ("Order", task.order_id), ("Order line", task.order_line_id),
        ("Customer", customer), ("Product", task.product_name), ("Specification", task.sku_name),
        ("Amount", money(task.order_amount, task.currency_code)),
        ("Ordered", local_text(task.order_time, tz)),
        ("Product class / delivery type",
         join_nonempty([task.product_class, task.delivery_type, task.license_subtype or ""])),
        ("Sales scenario", task.sales_scenario), ("Flow version", task.flow_version),
        ("Status / node", f"{task.status} / {task.node}" + (" (frozen by an appeal)"
                                                              if task.frozen else "")),
        ("Result description", task.result_description or ""),
        ("Actual start time", local_text(task.actual_start_time, tz)),
    ]
    story.append(_table([[p("Field"), p("Value")]] + [[p(k), p(v)] for k, v in facts],
                        (45, 135), font))

    story.append(p("Flow", "h"))
    nodes = list(task.flow_nodes or [])
    current = nodes.index(task.node) if task.node in nodes else -1
    steps = []
    for n, node in enumerate(nodes):
        mark = "▶ " if n == current else ("✓ " if n < current else "  ")
        steps.append(f"{mark}{n + 1}. {node}")
    if current < 0:
        steps.append(f"▶ {task.node} (not in the flow's node list)")
    story.append(p("\n".join(steps)))

    story.append(p("Operation log 操作日志", "h"))
    logs = task.operation_logs or []
    rows: list[list[Any]] = [[p(h) for h in ("Time", "Who", "Action", "From → to", "Comment")]]
    for entry in logs:
        who = join_nonempty([str(entry.get("actorRole") or ""), str(entry.get("actor") or "")])
        move = f"{entry.get('fromNode') or ''} → {entry.get('toNode') or ''}"
        rows.append([p(hw_text(entry.get("time"), tz)), p(who), p(entry.get("action")),
                     p(move), p(entry.get("comment") or "")])
    story.append(_table(rows, (27, 25, 28, 50, 50), font) if logs else p("(none)"))

    story.append(p("Appeals 申诉", "h"))
    appeals = task.appeals or []
    rows = [[p(h) for h in ("Filed", "By", "Reason / demand", "Status", "Result / opinion")]]
    for a in appeals:
        rows.append([p(hw_text(a.get("createTime"), tz)), p(a.get("initiator")),
                     p(join_nonempty([str(a.get("reason") or ""), str(a.get("demand") or "")],
                                     "\n")),
                     p(a.get("status")),
                     p(join_nonempty([str(a.get("result") or ""), str(a.get("opinion") or "")],
                                     "\n"))])
    story.append(_table(rows, (27, 15, 60, 18, 60), font) if appeals else p("(none)"))

    story.append(p("Actions taken in the console (outbox)", "h"))
    rows = [[p(h) for h in ("Queued", "Action", "State", "Summary")]]
    rows += [[p(when), p(kind), p(state), p(f"{summary}\nkey {key}")]
             for when, kind, state, summary, key in outbox]
    story.append(_table(rows, (27, 35, 22, 96), font) if outbox else p("(none)"))

    story.append(p("Files", "h"))
    rows = [[p(h) for h in ("File", "Source / role", "Size", "SHA-256", "In package")]]
    for f in files:
        rows.append([p(f"{f.name}\n{f.when}"), p(f"{f.source}\n{f.role}"),
                     p(f"{f.size:,}" if f.size is not None else "?"),
                     Paragraph(para(f.sha256), s["small"]),  # a marketplace value: escaped
                     p(f.path if f.included else "not included (only on the marketplace)")])
    story.append(_table(rows, (45, 22, 16, 50, 47), font) if files else p("(none)"))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm,
                            title=f"Evidence {task.id}", author="KooGallery Seller Console")
    story.insert(2, Spacer(1, 2 * mm))
    doc.build(story)
    return buffer.getvalue()
