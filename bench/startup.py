"""Benchmark: from double-click to a usable window on a 100,000-order cache.

    python bench/startup.py [--orders 100000] [--repeat 3] [--home DIR] [--command EXE ...]
                            [--bytecode cached|source]

A person starts the console again on a cache that already holds ``--orders`` orders (built once
with ``bench/orders_view.py``'s builder, the orders tests' generator, and kept in ``--home`` when
given). The profile points at an endpoint that does not answer, so no sync competes with the start:
what is timed is the console itself. Each run is a new process (``python -m app``, or ``--command``,
e.g. the frozen application) started offscreen with the window's own startup probe
(``app/views/startup_probe.py``). Python reads compiled bytecode as an installed console does
(``--bytecode cached``, the default: a wheel's installer and the frozen build both ship ``.pyc``
files): the children keep theirs in ``<home>/pycache`` (``PYTHONPYCACHEPREFIX``, so the checkout
is not touched, whatever ``PYTHONDONTWRITEBYTECODE`` says here) and one start that is not counted
writes them. ``--bytecode source`` compiles the console's own modules from source on every start
(``PYTHONDONTWRITEBYTECODE=1``, a checkout without ``__pycache__``): how the earlier figures in
``docs/performance.md`` were taken (this machine's shells set that variable), about 0.35 s more. Prints one JSON object, seconds from the launch
of the process (interpreter start and imports included):

- ``window_s``: the main window is shown and painted, the event loop running (target < 1.5 s);
- ``first_numbers_s``: the dashboard shows the cache's figures;
- ``first_rows_s``: the Orders area, opened right after, shows rows;
- ``window_cpu_s``, ``first_numbers_cpu_s``, ``first_rows_cpu_s``: CPU seconds the process had
  used by then (all threads): on a busy machine closer to what the start costs than wall seconds;
- ``peak_rss_mb``: the process's peak resident memory over the run;
- ``runs``: every run's figures (the top-level ones are the median run's, by ``window_s``);
- ``bytecode``: ``cached`` or ``source`` (see above); ``load_average``: ``/proc/loadavg``'s three
  figures before and after the runs (where there is one).

Figures come from a shared machine: compare them with each other, not across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "bench"
CACHE_NAME = "bench-orders.sqlite3"
#: Keys for the profile; the endpoint never answers, so they are never checked.
KEYS = {"SELLER_CONSOLE_AK": "BENCHSTARTUPACCESSKEY0", "SELLER_CONSOLE_SK": "bench-not-a-secret"}


def prepare(home: Path, orders: int) -> dict[str, float]:
    """A home folder whose last profile's cache holds ``orders`` orders (reused if it does)."""
    sys.path.insert(0, str(ROOT))
    from app.config.paths import AppPaths
    from app.config.profiles import Profile, ProfileStore
    from app.config.settings import SettingsStore
    from bench.orders_view import build, cached_rows

    home.mkdir(parents=True, exist_ok=True)
    cache = home / CACHE_NAME
    built: dict[str, float] = {}
    if cached_rows(cache) != orders:
        built = build(cache, orders)
    paths = AppPaths.from_env({"SELLER_CONSOLE_HOME": str(home)})
    paths.ensure()
    profiles = ProfileStore(paths)
    if PROFILE not in profiles.names():
        profiles.add(Profile(name=PROFILE, endpoint="http://127.0.0.1:9",
                             access_key=KEYS["SELLER_CONSOLE_AK"], db_url=f"sqlite:///{cache}"))
    SettingsStore(paths).update(last_profile=PROFILE)
    return built


BYTECODE = ("cached", "source")


def launch(command: Sequence[str], home: Path, cwd: Path | None = None,
           timeout_s: float = 180, bytecode: str = "cached") -> dict[str, object]:
    """Start ``command`` with the startup probe on ``home``; the marks in seconds from launch.
    ``bytecode``: ``cached`` (compiled modules kept in ``<home>/pycache``) or ``source``."""
    with tempfile.TemporaryDirectory(prefix="seller-console-startup-") as tmp:
        probe = Path(tmp) / "marks.json"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("SELLER_CONSOLE_")
               and k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
        env.update(KEYS, SELLER_CONSOLE_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                   SELLER_CONSOLE_STARTUP_PROBE=str(probe))
        if bytecode == "cached":
            env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        launched = time.time()
        proc = subprocess.Popen(list(command), cwd=cwd or ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        rss_kb = 0
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss_kb = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
        else:
            proc.wait(timeout_s)
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if not probe.is_file():
            last = (stderr.strip().splitlines() or [f"exit {proc.returncode}, no marks"])[-1]
            return {"error": last}
        marks = json.loads(probe.read_text(encoding="utf-8"))
    out: dict[str, object] = {
        f"{k}_s": round(v - launched if not k.endswith("_cpu") else v, 3)
        for k, v in marks.items() if isinstance(v, float)
    }
    if "error" in marks:
        out["error"] = marks["error"]
    if rss_kb:
        out["peak_rss_mb"] = round(rss_kb / 1024, 1)
    return out


def _load_average() -> str | None:
    """``/proc/loadavg``'s 1, 5 and 15 minute figures (None where there is no such file)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--home", type=Path, help="keep the home folder (and its cache) here")
    parser.add_argument("--command", nargs="+", help="what to start (default: python -m app)")
    parser.add_argument("--bytecode", choices=BYTECODE, default="cached",
                        help="cached: compiled modules as an installed console has them (one "
                        "uncounted start writes them); source: compile from source every start")
    args = parser.parse_args(argv)
    command = args.command or [sys.executable, "-m", "app"]

    def measure(home: Path) -> dict[str, object]:
        started = time.perf_counter()
        built = prepare(home, args.orders)
        prepare_s = time.perf_counter() - started
        load_before = _load_average()
        if args.bytecode == "cached":
            launch(command, home, bytecode="cached")  # writes the bytecode; not counted
        runs = [launch(command, home, bytecode=args.bytecode) for _ in range(max(1, args.repeat))]
        good = [r for r in runs if "error" not in r and "window_s" in r]
        by_window = sorted(good, key=lambda r: float(r["window_s"]))  # type: ignore[arg-type]
        best = by_window[len(by_window) // 2] if good else runs[0]
        return {"orders": args.orders, **best, "runs": runs, "bytecode": args.bytecode,
                "load_average": [load_before, _load_average()],
                "cache_built_s": built.get("build_s"), "prepare_s": round(prepare_s, 1)}

    if args.home:
        result = measure(args.home.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="seller-console-startup-home-") as home:
            result = measure(Path(home))
    print(json.dumps(result, indent=2))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
