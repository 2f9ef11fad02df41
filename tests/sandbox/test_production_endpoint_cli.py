"""``seller-console sandbox --production-endpoint FAMILY --break SWITCH``: a reference production
interface for new staff to run the conformance tester against, broken one way (issue 14 §1)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.sandbox.production.endpoint import DEMO_ISV_KEY
from app.services.integration.conformance import run_conformance

ROOT = Path(__file__).resolve().parents[2]


def _sandbox(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--port", "0", *args], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_reference_endpoint_runs_broken_as_asked() -> None:
    proc = _sandbox("--production-endpoint", "saas-v1", "--break", "bad_body_sign")
    try:
        assert proc.stdout is not None
        info = {}
        while len(info) < 3:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "no output"
            key, _, value = line.strip().partition(": ")
            info[key] = value
        assert info["isv_key"] == DEMO_ISV_KEY and info["broken"] == "bad_body_sign"
        report = run_conformance(info["url"], info["isv_key"], "saas-v1")
        assert [c.name for c in report.checks if c.status == "failed"] == ["answers.body_sign"]
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err


def test_a_switch_of_another_family_is_refused_in_one_line() -> None:
    proc = _sandbox("--production-endpoint", "kit", "--break", "bad_body_sign")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip().count("\n") == 0 and "no switch 'bad_body_sign' for kit" in err
    assert out == ""
