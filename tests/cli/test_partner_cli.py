"""``seller-console offer …`` and ``demand …`` (issue 16 §3): the partner's actions scripted with the
window's checks and words, against the sandbox over real HTTP; refusals are one line with the
exit code of docs/cli.md (2 not queued, 8 refused by the marketplace)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import Engine

from app.sandbox.data.catalog import SELF_PARTNER_ID
from app.services.sync.engine import SyncEngine
from tests.cli.run import ROOT, one_line, run_cli
from tests.sandbox_fixtures import Sandbox


def _env(sb: Sandbox, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELLER_CONSOLE_", "PYTHON"))}
    env.update(SELLER_CONSOLE_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               SELLER_CONSOLE_AK=sb.access_key, SELLER_CONSOLE_SK=sb.secret_key)
    return env


def test_offer_apply_revoke_list_and_demand_create_section_7(
        own_sandbox: Sandbox, cache: Engine, tmp_path: Path) -> None:
    """§7 and the original material: the 100 % conditions the user must confirm, the special
    business request beyond the authorised discount, revoking 审批中, 新增客户需求 (联营 only)."""
    sb = own_sandbox
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("demands", "exclusive_offers")).failure is None
    world = sb.server.data.world
    joint = next(p for p in world.products if p.product_class == "联营")
    general = next(p for p in world.products if p.product_class == "通用")
    bound = next(c for c in world.customers if c.partner_id == SELF_PARTNER_ID).account
    where = ["--endpoint", sb.url, "--db", str(cache.url)]
    env = _env(sb, tmp_path)
    offer = ["offer", "apply", "--name", "自拓优惠-测试", "--from", "2027-06-01",
             "--to", "2027-09-01", *where]

    unconfirmed = run_cli(*offer, "--customer", bound, "--product", f"{joint.product_id}=1",
                          env=env)
    assert unconfirmed.returncode == 2
    assert "--confirm-bound" in one_line(unconfirmed)

    full = run_cli(*offer, "--customer", bound, "--product", f"{joint.product_id}=1",
                   "--confirm-bound", "--confirm-picks-partner", "--json", env=env)
    assert full.returncode == 0, full.stderr
    assert json.loads(full.stdout)["queued"]["response"]["status"] == "已生效"

    beyond = run_cli(*offer, "--customer", bound, "--product", f"{joint.product_id}=0.5",
                     env=env)
    assert beyond.returncode == 8, beyond.stderr
    assert "SC.1602" in beyond.stdout

    special = run_cli(*offer, "--customer", bound, "--product", f"{joint.product_id}=0.5",
                      "--special-reason", "战略客户首单", "--json", env=env)
    assert special.returncode == 0, special.stderr
    offer_id = json.loads(special.stdout)["queued"]["response"]["offerId"]
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("exclusive_offers",)).failure is None
    listed = run_cli("offer", "list", "--status", "审批中", "--json", *where, env=env)
    assert offer_id in [o["offerId"] for o in json.loads(listed.stdout)["offers"]]
    revoked = run_cli("offer", "revoke", offer_id, *where, env=env)
    assert revoked.returncode == 0, revoked.stderr
    assert "delivered" in revoked.stdout

    check = run_cli("offer", "check", "--customer", bound, "--product", joint.product_id,
                    *where, env=env)
    assert check.returncode == 0, check.stderr
    assert len(check.stdout.splitlines()) == 3  # bound (confirm), no offer (met), picks (confirm)

    demand = ["demand", "create", "--name", "杭州客户数据平台需求", "--customer-name", "杭州某公司",
              "--account", bound, *where]
    made = run_cli(*demand, "--product", joint.product_id, env=env)
    assert made.returncode == 0, made.stderr
    refused = run_cli(*demand, "--product", general.product_id, env=env)
    assert refused.returncode == 8 and "SC.1606" in refused.stdout
    no_name = run_cli("demand", "create", "--name", "x", "--product", joint.product_id,
                      "--customer-name", " ", *where, env=env)
    assert no_name.returncode == 2 and "客户名称" in one_line(no_name)
