"""Running ``seller-console`` as a user runs it: a subprocess of this checkout, one line on error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` in the checkout's folder with ``env``; text output captured."""
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The command's only stderr line (an error is one line, no usage, no traceback)."""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and "usage:" not in done.stderr
    return lines[0]
