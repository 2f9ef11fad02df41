"""Benchmark: a full conformance run against the local reference production interface.

    python bench/conformance.py [--family saas-v2] [--runs 3]

Starts the sandbox's reference endpoint of the family on loopback (no break switch) and runs
every check of ``seller-console conformance`` against it, ``--runs`` times. Prints one JSON
object: ``seconds`` per run (median, max), ``requests`` per run, ``checks`` and their
``counts``; target for saas-v2 under 15 s (issue 14, "Done means"). Most of a V2 run is the
queryInstance polling after 000004 (``poll_interval_s``, an UNCONFIRMED setting).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.sandbox.production.endpoint import DEMO_ISV_KEY, ReferenceEndpoint  # noqa: E402
from app.services.integration.conformance import run_conformance  # noqa: E402
from app.services.integration.rules import FAMILIES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", choices=FAMILIES, default="saas-v2")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    seconds: list[float] = []
    report = None
    with ReferenceEndpoint(args.family, DEMO_ISV_KEY) as endpoint:
        for _ in range(max(1, args.runs)):
            started = time.perf_counter()
            report = run_conformance(endpoint.url, DEMO_ISV_KEY, args.family)
            seconds.append(time.perf_counter() - started)
    assert report is not None
    print(json.dumps({
        "family": args.family,
        "runs": len(seconds),
        "median_seconds": round(statistics.median(seconds), 3),
        "max_seconds": round(max(seconds), 3),
        "target_seconds": 15.0,
        "requests": len(report.exchanges),
        "checks": len(report.checks),
        "counts": report.counts(),
        "ok": report.ok,
    }, indent=2))


if __name__ == "__main__":
    main()
