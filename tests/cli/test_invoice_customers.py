"""``seller-console invoice list|render --source customer``: the customers' invoice requests
(给用户开票, business-rules §6.5) from a cache synced over HTTP from the sandbox, and the seller's
invoice to one of them as a PDF, the same words and checks as the window's tab."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from tests.cli.run import run_cli as _cli
from tests.cli.test_one_console import _env
from tests.sandbox_fixtures import Sandbox


def test_s6_5_customer_requests_listed_with_due_time_and_rendered_to_pdf(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """§6.5: a waiting request lists the time its invoice is due (7 Beijing days); the PDF is the
    invoice made out to the request's title for the full order amount, without a 开票清单."""
    env = _env(tmp_path / "home", sandbox)
    assert _cli("sync", "--endpoint", sandbox.url, env=env).returncode == 0
    assert _cli("company", "set", "--name", "杭州示例科技有限公司", "--credit-code",
                "91330106MA2B0X123E", "--address", "杭州市西湖区文三路 1 号", "--phone",
                "0571-88880000", "--bank", "招商银行杭州分行", "--account", "5719000001",
                env=env).returncode == 0
    listed = _cli("invoice", "list", "--source", "customer", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    requests = json.loads(listed.stdout)
    waiting = [r for r in requests if r["bill_status"] == "待开票" and not r["refund_pending"]]
    assert waiting and all(r["due"] for r in waiting)
    assert all(r["due"] is None for r in requests if r["bill_status"] != "待开票")
    table = _cli("invoice", "list", "--source", "customer", env=env)
    assert table.returncode == 0 and waiting[0]["notice_id"] in table.stdout
    pdf = tmp_path / "customer.pdf"
    done = _cli("invoice", "render", "--source", "customer", "--notice",
                waiting[0]["notice_id"], "--out", str(pdf), "--draft", env=env)
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert waiting[0]["entity"] in text and "订单号" in text and "开票清单" not in text
    missing = _cli("invoice", "render", "--source", "customer", "--notice", "NOPE", "--out",
                   str(tmp_path / "x.pdf"), env=env)
    assert missing.returncode == 2 and len(missing.stderr.splitlines()) == 1


def test_s6_5_return_revoke_and_platform_fee_through_the_outbox(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """§6.5: 退回 of a request not issued is refused in one line (exit 2, nothing queued); 撤销
    is queued and sent; the paid 通用 bills list their platform fee, and the platform-fee invoice
    request (数电专票) is sent, a second request for the same bill refused."""
    env = _env(tmp_path / "home", sandbox)
    assert _cli("sync", "--endpoint", sandbox.url, env=env).returncode == 0
    assert _cli("company", "set", "--name", "杭州示例科技有限公司", "--credit-code",
                "91330106MA2B0X123E", "--address", "杭州市西湖区文三路 1 号", "--phone",
                "0571-88880000", "--bank", "招商银行杭州分行", "--account", "5719000001",
                env=env).returncode == 0
    requests = json.loads(_cli("invoice", "list", "--source", "customer", "--json",
                               env=env).stdout)
    waiting = next(r["notice_id"] for r in requests if r["bill_status"] == "待开票")
    refused = _cli("invoice", "customer", "return", waiting, "--reason", "抬头有误", env=env)
    assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1, refused.stderr
    assert "已完成" in refused.stderr
    revoked = _cli("invoice", "customer", "revoke", waiting, "--reason", "买家要求撤销", "--json",
                   env=env)
    assert revoked.returncode == 0, revoked.stderr
    assert json.loads(revoked.stdout)["queued"]["state"] == "done"
    bills = json.loads(_cli("invoice", "platform-fee", "--json", env=env).stdout)
    assert bills and all(not b["requested"] for b in bills)
    first = bills[0]["bill_id"]
    asked = _cli("invoice", "platform-fee", "--bill", first, "--json", env=env)
    assert asked.returncode == 0, asked.stderr
    again = _cli("invoice", "platform-fee", "--bill", first, env=env)
    assert again.returncode == 2 and "already requested" in again.stderr
    # The same refusals in Chinese, in the Invoices area's words (one table for both front ends).
    again_zh = _cli("invoice", "platform-fee", "--bill", first, "--lang", "zh_CN", env=env)
    assert again_zh.returncode == 2
    assert f"以下账单已索取过平台费发票：{first}" in again_zh.stderr, again_zh.stderr
    refused_zh = _cli("invoice", "customer", "return", waiting, "--reason", "抬头有误",
                      "--lang", "zh_CN", env=env)
    assert refused_zh.returncode == 2 and "can be returned" not in refused_zh.stderr
    assert "已完成" in refused_zh.stderr
