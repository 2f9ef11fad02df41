"""``python -m app sandbox`` (through app.sandbox.cli): prints its address, serves, stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY

from .conftest import SignedClient

ROOT = Path(__file__).resolve().parents[2]
_RUN = ("import argparse, sys; from app.sandbox import cli; p = argparse.ArgumentParser(); "
        "cli.add_arguments(p); sys.exit(cli.run(p.parse_args()))")


def _start(*args: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUN, "--port", "0", "--orders", "150", "--seed", "5",
         "--start", "2026-11-01", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    info: dict[str, str] = {}
    while len(info) < 3:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "no output"
        key, _, value = line.strip().partition(": ")
        info[key] = value
    return proc, info


@pytest.mark.slow
def test_cli_prints_address_and_keys_then_stops_cleanly(tmp_path: Path) -> None:
    proc, info = _start("--data-dir", str(tmp_path), "--latency-ms", "1")
    try:
        assert info["url"].startswith("http://127.0.0.1:")
        assert info["access_key"] == DEMO_ACCESS_KEY and info["secret_key"] == DEMO_SECRET_KEY
        api = SignedClient(info["url"], info["access_key"], info["secret_key"])
        try:
            assert api.get("/v1/seller/orders", {"limit": "1"}).status_code == 200
            assert 0 < api.admin("GET", "stats")["orders"] <= 150  # less the unlisted 按需 ones
            assert api.admin("GET", "faults")["latency_ms"] == 1
        finally:
            api.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert (tmp_path / "sandbox.sqlite3").exists()


@pytest.mark.slow
def test_cli_takes_its_own_key_pair() -> None:
    proc, info = _start("--access-key", "MYAK", "--secret-key", "my-secret")
    try:
        assert info["access_key"] == "MYAK" and info["secret_key"] == "my-secret"
        api = SignedClient(info["url"], "MYAK", "my-secret")
        try:
            assert api.get("/v1/seller/demands").status_code == 200
            demo = api.get("/v1/seller/demands", access_key=DEMO_ACCESS_KEY,
                           secret_key=DEMO_SECRET_KEY)
            assert demo.status_code == 401
        finally:
            api.close()
        assert httpx.get(info["url"] + "/openapi.json").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0
