"""Start an installed console the way a person or a script would, and check what it made.

Shared by ``tools/check_wheel.py`` (the wheel in a fresh virtual environment) and
``tools/build_app.py`` (the frozen application): both hand over the command that starts the
console (``[".../bin/seller-console"]`` or ``[".../KooGallerySellerConsole"]``) and run it from a
folder outside the checkout, offscreen, on a fresh ``SELLER_CONSOLE_HOME``:

1. ``--version`` prints the version;
2. ``screenshot --lang zh_CN``: the window opens on the built-in sandbox, syncs, and every area is
   rendered to PNG (the dashboard among them);
3. ``sync --profile sandbox --json``: the console starts its own sandbox and syncs it;
4. ``company set`` + ``invoice render``: an invoice PDF with Chinese text, whose CJK font must be
   embedded (a PDF that names a font it does not carry shows boxes on a machine without it).

Each step is one line of the report; any failure raises :class:`SmokeFailed` with the step and
the command's own last lines. Run as a module only through those two tools.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

TIMEOUT_S = 600


class SmokeFailed(RuntimeError):
    """A step of the smoke run failed."""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "SELLER_CONSOLE_", "VIRTUAL_ENV"))}
    env.update(SELLER_CONSOLE_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               PYTHONNOUSERSITE="1")
    return env


def _run(step: str, command: list[str], cwd: Path, env: dict[str, str],
         report: list[str]) -> subprocess.CompletedProcess[str]:
    report.append("")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise SmokeFailed(f"{step}: exit {done.returncode} ({' '.join(command)})\n{tail}")
    report[-1] = f"ok  {step} ({seconds:.1f} s)"
    return done


def pdf_fonts(pdf: Path) -> dict[str, bool]:
    """Every font a PDF uses -> whether its file is embedded."""
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}

    def visit(font: object) -> None:
        font = font.get_object()  # type: ignore[attr-defined]
        name = str(font.get("/BaseFont", "?"))
        descriptor = font.get("/FontDescriptor")
        for child in font.get("/DescendantFonts", []) or []:
            visit(child)
        if descriptor is not None:
            d = descriptor.get_object()
            fonts[name] = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        else:
            fonts.setdefault(name, False)

    for page in PdfReader(str(pdf)).pages:
        res = page.get("/Resources")
        page_fonts = res.get_object().get("/Font") if res is not None else None
        if page_fonts is not None:
            for ref in page_fonts.get_object().values():
                visit(ref)
    return fonts


def run_smoke(console: list[str], workdir: Path, *, orders: int = 300) -> list[str]:
    """Run the steps above with ``console`` from ``workdir`` (made if missing); returns the
    report lines. ``workdir`` keeps the PNGs and the PDF for a person to look at."""
    workdir.mkdir(parents=True, exist_ok=True)
    home = workdir / "home"
    env = _env(home)
    report: list[str] = []

    version = _run("--version", [*console, "--version"], workdir, env, report)
    report[-1] += f": {version.stdout.strip()}"

    shots = workdir / "screenshots"
    _run("window on the sandbox, screenshots (zh_CN)",
         [*console, "screenshot", "--out", str(shots), "--lang", "zh_CN", "--orders", str(orders)],
         workdir, env, report)
    pngs = sorted(shots.glob("*.png"))
    dashboard = [p for p in pngs if "dashboard" in p.name]
    if not dashboard or dashboard[0].stat().st_size < 20_000:
        raise SmokeFailed(f"screenshots: no dashboard image among {[p.name for p in pngs]}")
    report[-1] += f": {len(pngs)} PNG, {dashboard[0]}"

    # The built-in sandbox, kept small so the check stays quick (the window's plan file).
    plan = home / "data" / "sandbox" / "console-sandbox.json"
    plan.parent.mkdir(parents=True, exist_ok=True)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    plan.write_text(json.dumps({"seed": 1, "orders": orders, "start": today.isoformat()}))
    synced = _run("sync --profile sandbox", [*console, "sync", "--profile", "sandbox", "--json"],
                  workdir, env, report)
    status = json.loads(_run("status", [*console, "status", "--json"], workdir, env,
                             report).stdout)
    if not status["counts"].get("orders"):
        raise SmokeFailed(f"sync: no orders in the cache ({synced.stdout[-300:]})")
    report[-2] += f": {status['counts']['orders']} orders cached"

    _run("company set", [*console, "company", "set", "--name", "杭州示例科技有限公司",
                         "--credit-code", "91330106MA2B0X123E", "--address",
                         "杭州市西湖区文三路 1 号", "--phone", "0571-88880000", "--bank",
                         "招商银行杭州分行", "--account", "5719000001"], workdir, env, report)
    listed = json.loads(_run("invoice list", [*console, "invoice", "list", "--json"], workdir,
                             env, report).stdout)
    if not listed:
        raise SmokeFailed("invoice list: no invoice notice in the sandbox")
    notice = str(listed[0]["notice_id"])
    pdf = workdir / "invoice.pdf"
    _run("invoice render (CN form)", [*console, "invoice", "render", "--notice", notice,
                                      "--form", "cn", "--out", str(pdf)], workdir, env, report)
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    if "杭州示例科技有限公司" not in text:
        raise SmokeFailed("invoice PDF: the seller's Chinese name is not in its text")
    fonts = pdf_fonts(pdf)
    cjk = {name: embedded for name, embedded in fonts.items() if "WenQuanYi" in name
           or "wqy" in name.lower()}
    if not cjk or not all(cjk.values()):
        raise SmokeFailed(f"invoice PDF: the CJK font is not embedded (fonts: {fonts})")
    report[-1] += f": {pdf}, CJK font embedded ({', '.join(cjk)})"
    return report
