"""``seller-console export`` as a user runs it (a subprocess): values in the file's language,
``--codes``, and ``--status`` given as shown in either language or as its code (issue 13 §2)."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app import models as m
from app.config.paths import AppPaths
from app.config.settings import SettingsStore
from tests.cli.run import run_cli
from tests.support.orders_data import fill_orders

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def orders(cache: Engine) -> Engine:
    fill_orders(cache, 300)
    return cache


def _env(home: Path, lang: str = "C.UTF-8") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(PYTHONPATH=str(ROOT), SELLER_CONSOLE_HOME=str(home), LANG=lang)
    return env


def _export(engine: Engine, out: Path, *args: str,
            env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_cli("export", "orders", "--format", "csv", "--out", str(out),
                   "--db", str(engine.url), "--quiet", *args, env=env)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _count(engine: Engine, status: str) -> int:
    t = m.Order.__table__
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t).where(
            t.c.order_status == status)).scalar_one())


def test_status_is_taken_as_shown_in_either_language_or_as_code(orders: Engine,
                                                                 tmp_path: Path) -> None:
    env = _env(tmp_path / "home")
    completed = _count(orders, "已完成")
    assert completed > 0
    for value in ("Completed", "completed", "已完成"):
        out = tmp_path / f"{value}.csv"
        done = _export(orders, out, "--status", value, env=env)
        assert done.returncode == 0, done.stderr
        rows = _rows(out)
        assert len(rows) - 1 == completed, value
        assert {r[rows[0].index("Status")] for r in rows[1:]} == {"Completed"}
    both = _export(orders, tmp_path / "both.csv", "--status", "In progress", "--status", "已完成",
                   env=env)
    assert both.returncode == 0, both.stderr
    assert len(_rows(tmp_path / "both.csv")) - 1 == completed + _count(orders, "处理中")


def test_an_unknown_status_is_one_line_listing_the_accepted_ones(orders: Engine,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    done = _export(orders, out, "--status", "Done", env=_env(tmp_path / "home"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "'Done'" in lines[0] and "Awaiting payment, In progress, Completed, Cancelled" in lines[0]
    assert not out.exists() and done.stdout == ""
    zh = _export(orders, out, "--status", "Done", "--lang", "zh_CN", env=_env(tmp_path / "home"))
    assert zh.returncode == 2 and "待付款, 处理中, 已完成, 已取消" in zh.stderr


def test_language_defaults_to_the_windows_and_codes_add_columns(orders: Engine,
                                                               tmp_path: Path) -> None:
    home = tmp_path / "home"
    out = tmp_path / "o.csv"
    cols = ("--columns", "id,order_status,order_type")
    assert _export(orders, out, *cols, env=_env(home, "zh_CN.UTF-8")).returncode == 0
    assert _rows(out)[0] == ["订单号", "订单状态", "订单类型"]  # the system's language
    SettingsStore(AppPaths.from_env({"SELLER_CONSOLE_HOME": str(home)})).update(language="en")
    assert _export(orders, out, *cols, env=_env(home, "zh_CN.UTF-8")).returncode == 0
    rows = _rows(out)  # the saved setting wins over the system's
    assert rows[0] == ["Order ID", "Status", "Type"]
    assert {r[1] for r in rows[1:]} <= {"Awaiting payment", "In progress", "Completed",
                                        "Cancelled"}
    done = _export(orders, out, *cols, "--codes", "--lang", "zh_CN", env=_env(home))
    assert done.returncode == 0, done.stderr
    rows = _rows(out)
    assert rows[0] == ["订单号", "订单状态", "订单状态代码", "订单类型", "订单类型代码"]
    t = m.Order.__table__
    with orders.connect() as conn:
        stored = {r.id: r.order_type for r in conn.execute(select(t.c.id, t.c.order_type))}
    for row in rows[1:]:
        assert row[4] == stored[row[0]] and row[3] != row[4]
