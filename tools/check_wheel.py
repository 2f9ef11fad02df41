"""Build the wheel, install it into a fresh virtual environment outside the checkout, start it.

    python tools/check_wheel.py [--keep DIR]

Proves the console needs nothing from the source tree: the wheel is built from the checkout
(``pip wheel``), installed with its dependencies into a new virtual environment in a temporary
folder, and ``seller-console`` is run from there (never from the checkout, with no ``PYTHONPATH``)
through the steps of ``tools/smoke.py``: ``--version``, the window on the sandbox rendered to PNG,
a sync of the built-in sandbox, an invoice PDF with Chinese text and its CJK font embedded. It also
checks that ``app``, its resource root and the user guide (Help → User Guide) are the installed ones. Prints one line per step and
exits 0 only when every step passed. CI runs it (``.ci/run``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from smoke import SmokeFailed, run_smoke  # noqa: E402  (tools/ is not a package)

ROOT = Path(__file__).resolve().parents[1]


def sh(*command: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SmokeFailed(f"{' '.join(map(str, command))}: exit {done.returncode}\n"
                          + "\n".join((done.stdout + done.stderr).splitlines()[-25:]))
    return done.stdout


def check(work: Path) -> list[str]:
    report: list[str] = []
    started = time.perf_counter()
    wheels = work / "wheel"
    # setuptools builds in the checkout's build/ and keeps what an earlier build left there (a
    # deleted module would travel on): start from nothing.
    for stale in (ROOT / "build" / "lib", *ROOT.glob("build/bdist.*")):
        shutil.rmtree(stale, ignore_errors=True)
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, ROOT)
    wheel = next(wheels.glob("*.whl"))
    report.append(f"ok  wheel built: {wheel.name} ({wheel.stat().st_size / 1e6:.1f} MB, "
                  f"{time.perf_counter() - started:.0f} s)")

    started = time.perf_counter()
    venv = work / "venv"
    sh(sys.executable, "-m", "venv", venv)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    sh(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=work)
    report.append(f"ok  installed into a fresh venv ({time.perf_counter() - started:.0f} s)")

    where = sh(python, "-c", "import app, app.resource_files as r; "
               "print(app.__file__); print(r.resource_root()); print(r.user_guide())",
               cwd=work).split("\n")
    module, root, guide = (Path(w).resolve() for w in where[:3])
    if ROOT in module.parents or ROOT in root.parents or venv.resolve() not in root.parents:
        raise SmokeFailed(f"the installed console reads from the checkout: {module}, {root}")
    if root not in guide.parents or not guide.is_file():  # Help → User Guide
        raise SmokeFailed(f"the installed console has no user guide of its own: {guide}")
    report.append(f"ok  app, its resources and the user guide come from the venv: {root}")

    report += run_smoke([str(bin_dir / "seller-console")], work / "run")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it (default: a temporary "
                        "folder, removed afterwards)")
    args = parser.parse_args()
    try:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            lines = check(args.keep.resolve())
        else:
            with tempfile.TemporaryDirectory(prefix="seller-console-wheel-") as work:
                lines = check(Path(work))
    except (SmokeFailed, subprocess.TimeoutExpired) as e:
        print(f"check_wheel: FAILED {e}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
