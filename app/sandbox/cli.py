"""``python -m app sandbox``: run the sandbox marketplace until Ctrl+C or SIGTERM.

Prints, flushed, one line each, once the server accepts connections::

    url: http://127.0.0.1:PORT
    access_key: ...
    secret_key: ...

(the key pair is the sandbox's own demo pair unless given; it opens only this local sandbox).
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from app.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from app.sandbox.api.guard import MAX_SKEW_S


def _date(value: str) -> datetime:
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def _share(value: str) -> float:
    try:
        share = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return share


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return number


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only: ``localhost`` or a loopback IP address."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The sandbox sub-command's options."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    parser.add_argument("--port", type=int, default=8600, help="port (0 = any free port)")
    parser.add_argument("--seed", type=int, default=1, help="data seed: same seed, same data")
    parser.add_argument("--orders", type=int, default=2000, help="orders to generate")
    parser.add_argument("--start", type=_date, default=None,
                        help="the sandbox's 'now' (YYYY-MM-DD, 00:00 UTC); default today")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="keep the generated data here and reuse it on restart")
    parser.add_argument("--access-key", default=DEMO_ACCESS_KEY, help="the account's access key")
    parser.add_argument("--secret-key", default=DEMO_SECRET_KEY, help="the account's secret key")
    parser.add_argument("--error-rate", type=_share, default=0.0, help="share of HTTP 500")
    parser.add_argument("--throttle-rate", type=_share, default=0.0, help="share of HTTP 406")
    parser.add_argument("--malformed-rate", type=_share, default=0.0,
                        help="share of truncated JSON bodies")
    parser.add_argument("--hang-rate", type=_share, default=0.0,
                        help="share of requests never answered")
    parser.add_argument("--latency-ms", type=int, default=0, help="added to every response")
    parser.add_argument("--clock-skew", type=int, default=0, metavar="SECONDS",
                        help="run the sandbox's clock this far ahead of this computer's "
                        "(negative: behind); over 900 s, signed requests are refused")
    parser.add_argument("--rate-limit", type=_positive, default=100.0,
                        help="requests per second per access key (bursts of twice that)")
    parser.add_argument("--production-endpoint", metavar="FAMILY",
                        choices=("saas-v2", "saas-v1", "license", "kit"),
                        help="run only a reference production interface (生产接口) of this "
                        "family, for `seller-console conformance` (prints url and isv_key)")
    parser.add_argument("--break", dest="break_switches", action="append", default=[],
                        metavar="SWITCH", help="with --production-endpoint: break it this way "
                        "(see docs/integration.md; repeatable)")
    parser.add_argument("--isv-key", default=None,
                        help="with --production-endpoint: the key it verifies requests with")


def _wait_for_stop() -> None:
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not done.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_production_endpoint(args: argparse.Namespace) -> int:
    """Serve a reference production interface until interrupted."""
    from app.sandbox.production.endpoint import DEMO_ISV_KEY, ReferenceEndpoint

    try:
        endpoint = ReferenceEndpoint(args.production_endpoint, args.isv_key or DEMO_ISV_KEY,
                                     args.break_switches, host=args.host, port=args.port)
        url = endpoint.start()
    except ValueError as e:
        print(f"sandbox: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"sandbox: cannot listen on {args.host}:{args.port}: {e.strerror}",
              file=sys.stderr)
        return 1
    try:
        print(f"url: {url}", flush=True)
        print(f"isv_key: {endpoint.key}", flush=True)
        if endpoint.switches:
            print(f"broken: {', '.join(sorted(endpoint.switches))}", flush=True)
        _wait_for_stop()
    finally:
        endpoint.stop()
    return 0


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; 0 on a clean stop."""
    if getattr(args, "production_endpoint", None):
        return run_production_endpoint(args)
    if getattr(args, "break_switches", None):
        print("sandbox: --break needs --production-endpoint FAMILY", file=sys.stderr)
        return 2
    from app.sandbox.server import SandboxServer  # uvicorn/FastAPI only when serving

    if args.orders < 1:
        print("sandbox: --orders must be at least 1", file=sys.stderr)
        return 2
    if not is_loopback(args.host):  # demo keys and fake data: never on a network (issue 15 §3)
        print(f"sandbox: --host {args.host} is not a loopback address; the sandbox listens on "
              "this computer only (127.0.0.1, ::1 or localhost)", file=sys.stderr)
        return 2
    if abs(args.clock_skew) > MAX_SKEW_S:
        print(f"sandbox: --clock-skew must be within {MAX_SKEW_S} seconds (a week) either way",
              file=sys.stderr)
        return 2
    faults = {"error_rate": args.error_rate, "throttle_rate": args.throttle_rate,
              "malformed_rate": args.malformed_rate, "hang_rate": args.hang_rate,
              "latency_ms": max(0, args.latency_ms), "clock_skew_s": args.clock_skew}
    server = SandboxServer(seed=args.seed, orders=args.orders, start=args.start,
                           data_dir=args.data_dir, host=args.host, port=args.port,
                           access_key=args.access_key, secret_key=args.secret_key,
                           faults=faults, rate_limit=args.rate_limit)
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        try:
            url = server.start()
        except OSError as e:
            print(f"sandbox: cannot listen on {args.host}:{args.port}: {e.strerror}",
                  file=sys.stderr)
            return 1
        print(f"url: {url}", flush=True)
        print(f"access_key: {server.access_key}", flush=True)
        print(f"secret_key: {server.secret_key}", flush=True)
        while not done.wait(0.5):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
